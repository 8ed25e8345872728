/*
 * fuzz_util.h: what the fuzz targets share: temporary folders and files built from the fuzzed
 * bytes, splitting an input into parts, and a check that stops the run with a message when a
 * property of the code under test does not hold (libFuzzer then saves the input).
 *
 * Header-only (static functions) so that each target is one file; POSIX file calls only.
 */
#ifndef RUTAS_FUZZ_UTIL_H
#define RUTAS_FUZZ_UTIL_H

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Separates the files of one input: a line holding only "@@". */
#define FUZZ_SEPARATOR     "\n@@\n"
#define FUZZ_SEPARATOR_LEN 4
#define FUZZ_MAX_PARTS     8

/* A property that must hold whatever the input: a failure is a bug, reported like a crash. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

typedef struct FuzzPart {
    const uint8_t *data;
    size_t size;
} FuzzPart;

/* Splits data at each FUZZ_SEPARATOR into at most max parts (the last takes the rest). */
static inline int fuzz_split(const uint8_t *data, size_t size, FuzzPart *parts, int max)
{
    int n = 0;
    size_t start = 0;
    size_t i = 0;
    while (n < max - 1 && i + FUZZ_SEPARATOR_LEN <= size) {
        if (memcmp(data + i, FUZZ_SEPARATOR, FUZZ_SEPARATOR_LEN) == 0) {
            parts[n++] = (FuzzPart){data + start, i - start};
            i += FUZZ_SEPARATOR_LEN;
            start = i;
        } else {
            i++;
        }
    }
    parts[n++] = (FuzzPart){data + start, size - start};
    return n;
}

/* A NUL-terminated copy of a part; free() it. */
static inline char *fuzz_strdup(const FuzzPart *part)
{
    char *s = malloc(part->size + 1);
    if (!s) {
        abort();
    }
    if (part->size) {
        memcpy(s, part->data, part->size);
    }
    s[part->size] = '\0';
    return s;
}

/* A folder for temporary files: memory-backed when the system has one, for speed. */
static inline const char *fuzz_temp_base(void)
{
    const char *env = getenv("RUTAS_FUZZ_TMP");
    if (env && *env) {
        return env;
    }
    if (access("/dev/shm", W_OK) == 0) {
        return "/dev/shm";
    }
    env = getenv("TMPDIR");
    return env && *env ? env : "/tmp";
}

/* Makes a new empty folder and writes its path to out. */
static inline void fuzz_make_temp_dir(char *out, size_t size)
{
    snprintf(out, size, "%s/rutas-fuzz-XXXXXX", fuzz_temp_base());
    if (!mkdtemp(out)) {
        perror("rutas fuzz: mkdtemp");
        abort();
    }
}

static inline void fuzz_write_file(const char *dir, const char *rel, const void *data, size_t size)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    /* Make the folders on the way (locales/, helplines/, ...). */
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("rutas fuzz: writing a temporary file");
        abort();
    }
}

/* The whole file at path, NUL-terminated, its length in *size; free() it. NULL when it cannot
 * be opened. */
static inline char *fuzz_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    if (!buf) {
        abort();
    }
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            if (!buf) {
                abort();
            }
        }
    }
    fclose(f);
    buf[n] = '\0';
    *size = n;
    return buf;
}

/* Removes a folder and everything in it (without following links). */
static inline void fuzz_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char path[PATH_MAX];
            struct stat st;
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
                continue;
            }
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                fuzz_remove_tree(path);
            } else {
                unlink(path);
            }
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Is s (size bytes) valid UTF-8? Used to check that truncation never splits a sequence. */
static inline bool fuzz_is_utf8(const char *s, size_t size)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < size;) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (n == 0 || i + n > size) {
            return false;
        }
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        i += n;
    }
    return true;
}

#endif
