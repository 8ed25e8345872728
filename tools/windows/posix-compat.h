/*
 * posix-compat.h: the few POSIX calls the engine makes, for the Windows build with mingw-w64.
 *
 * Force-included (-include) into every file of the Windows build by tools/windows/build.sh, so
 * the engine's sources stay plain POSIX C. Not used on Linux.
 *
 * - printf and friends follow C99 (%zu, %lld) through mingw-w64's own stdio.
 * - realpath() is _fullpath() with forward slashes, and fails like realpath() for a missing path.
 * - rename() replaces an existing file, as on POSIX (Windows' rename() refuses), which the
 *   atomic writes of settings, saves and packs rely on.
 * - link() fails: the callers fall back to rename(). lstat() is stat(): msvcrt has no symlinks.
 * - fsync() is _commit(); the open() flags Windows lacks are 0 (opening a folder fails, which the
 *   callers treat as "cannot sync this folder").
 * - mkdir() takes and ignores a mode; setenv() and mkdtemp() (used by tests) are built on
 *   _putenv_s() and _mktemp_s().
 * - open() always adds O_BINARY, as POSIX files have no text mode.
 */
#ifndef RUTAS_POSIX_COMPAT_H
#define RUTAS_POSIX_COMPAT_H

#ifndef __USE_MINGW_ANSI_STDIO
#define __USE_MINGW_ANSI_STDIO 1
#endif

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* kernel32, declared here so that windows.h (and its macros) stays out of the engine. */
__declspec(dllimport) int __stdcall MoveFileExA(const char *from, const char *to,
                                                unsigned long flags);

static inline char *rutas_compat_realpath(const char *path, char *resolved)
{
    char trimmed[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof trimmed) {
        errno = n == 0 ? ENOENT : ENAMETOOLONG;
        return NULL;
    }
    memcpy(trimmed, path, n + 1);
    /* msvcrt's stat() fails on "C:\dir\" with its trailing slash. */
    while (n > 1 && (trimmed[n - 1] == '/' || trimmed[n - 1] == '\\') && trimmed[n - 2] != ':') {
        trimmed[--n] = '\0';
    }
    struct stat st;
    if (stat(trimmed, &st) != 0) {
        return NULL;
    }
    char *out = _fullpath(resolved, trimmed, PATH_MAX);
    if (out != NULL) {
        for (char *p = out; *p != '\0'; p++) {
            if (*p == '\\') {
                *p = '/';
            }
        }
    }
    return out;
}
#define realpath rutas_compat_realpath

static inline int rutas_compat_rename(const char *from, const char *to)
{
    /* MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH */
    if (MoveFileExA(from, to, 0x1u | 0x8u)) {
        return 0;
    }
    errno = EACCES;
    return -1;
}
#define rename rutas_compat_rename

static inline int rutas_compat_link(const char *from, const char *to)
{
    (void)from;
    (void)to;
    errno = ENOSYS;
    return -1;
}
#define link rutas_compat_link

/* open() in binary mode: msvcrt's default is text mode, which would turn "\n" into "\r\n" and
 * break the checksums of saves (mingw-w64's binmode.o does not reach msvcrt's _open). */
static inline int rutas_compat_open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    return _open(path, flags | O_BINARY, mode);
}
#define open rutas_compat_open

/* For the tests that run under Wine. */
static inline int rutas_compat_setenv(const char *name, const char *value, int overwrite)
{
    if (!overwrite && getenv(name) != NULL) {
        return 0;
    }
    return _putenv_s(name, value) == 0 ? 0 : -1;
}
#define setenv rutas_compat_setenv

static inline char *rutas_compat_mkdtemp(char *template_path)
{
    if (_mktemp_s(template_path, strlen(template_path) + 1) != 0 || _mkdir(template_path) != 0) {
        return NULL;
    }
    return template_path;
}
#define mkdtemp rutas_compat_mkdtemp

#define lstat             stat
#define fsync             _commit
#define mkdir(path, mode) _mkdir(path)

#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif

#endif
