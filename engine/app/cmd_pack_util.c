/*
 * cmd_pack_util.c: what the `rutas pack` commands share (declared in cmd_pack.h): options, the
 * folders searched for base packs, loading a pack with its messages, text measures and files.
 * Apart from the dispatcher (cmd_pack.c) so that a command can be built on its own, as the
 * CSV import is in fuzz/fuzz_csv.c.
 */
#include "cmd_pack.h"
#include "platform.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Options ------------------------------------------------------------------------------ */

int pack_opt_value(int argc, char **argv, int *i, const char *name, const char **value,
                   const char *who)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) {
        return 0;
    }
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') {
        return 0;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "%s: option '%s' needs a value\nTry '%s --help'.\n", who, name, who);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

bool pack_opt_int(const char *who, const char *name, const char *text, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
        fprintf(stderr, "%s: %s needs a whole number from %ld to %ld, not '%s'\n", who, name, lo,
                hi, text);
        return false;
    }
    *out = v;
    return true;
}

int pack_usage_error(const char *who, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "%s: ", who);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", who);
    return 2;
}

/* ---- Loading ------------------------------------------------------------------------------ */

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    memcpy(p, s, n);
    return p;
}

const char *pack_data_dir(void)
{
    static char dir[4096];
    static int found = -1;
    if (found < 0) {
        found = platform_find_data_dir(dir, sizeof dir) ? 1 : 0;
    }
    return found ? dir : NULL;
}

void pack_dirs_init(PackDirs *dirs, const char *pack_path, const char *const *extra,
                    int extra_count)
{
    memset(dirs, 0, sizeof *dirs);
    if (pack_path != NULL) {
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", pack_path);
        size_t n = strlen(parent);
        while (n > 1 && parent[n - 1] == '/') {
            parent[--n] = '\0';
        }
        char *slash = strrchr(parent, '/');
        if (slash == parent) {
            slash[1] = '\0';
        } else if (slash != NULL) {
            *slash = '\0';
        } else {
            snprintf(parent, sizeof parent, ".");
        }
        dirs->dirs[dirs->count++] = dup_string(parent);
    }
    dirs->dirs[dirs->count++] = dup_string("content/packs");
    const char *data = pack_data_dir();
    if (data != NULL) {
        char packs[4200];
        snprintf(packs, sizeof packs, "%s/content/packs", data);
        dirs->dirs[dirs->count++] = dup_string(packs);
    }
    for (int i = 0; i < extra_count && dirs->count < (int)(sizeof dirs->dirs / sizeof(char *));
         i++) {
        dirs->dirs[dirs->count++] = dup_string(extra[i]);
    }
}

void pack_dirs_free(PackDirs *dirs)
{
    for (int i = 0; dirs != NULL && i < dirs->count; i++) {
        free(dirs->dirs[i]);
    }
    if (dirs != NULL) {
        dirs->count = 0;
    }
}

PackSearchPath pack_dirs_search(const PackDirs *dirs)
{
    PackSearchPath search = {(const char *const *)dirs->dirs, dirs->count};
    return search;
}

void pack_print_errors(const PackErrors *errors, bool warnings, FILE *out)
{
    char line[2048];
    for (int i = 0; i < errors->count; i++) {
        if (!warnings && errors->items[i].severity == PACK_SEVERITY_WARNING) {
            continue;
        }
        pack_error_format(&errors->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
    }
    if (errors->dropped > 0) {
        fprintf(out, "... and %d more problems not shown\n", errors->dropped);
    }
}

Pack *pack_cmd_load(const char *who, const char *path, const PackDirs *dirs,
                    const PackLoadOptions *options, PackErrors *errors, bool print_warnings,
                    FILE *out)
{
    if (!pack_is_dir(path)) {
        fprintf(stderr, "%s: %s: no such pack folder\n", who, path);
        return NULL;
    }
    PackSearchPath search = pack_dirs_search(dirs);
    Pack *pack = pack_load(path, &search, options, errors);
    pack_print_errors(errors, print_warnings, out);
    if (pack == NULL) {
        fprintf(stderr, "%s: cannot load the pack in %s (%d error%s; see above)\n", who, path,
                errors->errors, errors->errors == 1 ? "" : "s");
    }
    return pack;
}

/* ---- Text --------------------------------------------------------------------------------- */

size_t pack_text_chars(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        n += (*p & 0xC0) != 0x80;
    }
    return n;
}

int pack_text_words(const char *text)
{
    int words = 0;
    bool in_word = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (!space && !in_word) {
            words++;
        }
        in_word = !space;
    }
    return words;
}

bool pack_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool pack_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool pack_make_dirs(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                return false;
            }
            *p = '/';
        }
    }
    return mkdir(buf, 0777) == 0 || (errno == EEXIST && pack_is_dir(buf));
}
