/*
 * cmd_pack.c: `rutas pack SUBCOMMAND ...`: the authoring tools of pack writers and translators
 * (new, check, stats, translate, export-csv, import-csv), and what they share (cmd_pack.h).
 */
#include "cmd_pack.h"
#include "commands.h"
#include "platform.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct Subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Subcommand;

static const Subcommand subcommands[] = {
    {"new", cmd_pack_new, "start a pack: a blank one, or an overlay of another (--from)"},
    {"check", cmd_pack_check, "validate, then check fonts, fit on the card, reading length"},
    {"stats", cmd_pack_stats, "simulate sessions: cards drawn, dry decks, topic coverage"},
    {"translate", cmd_pack_translate, "start or update a translation: locale file and notes"},
    {"export-csv", cmd_pack_export_csv, "write the cards and their texts as a spreadsheet"},
    {"import-csv", cmd_pack_import_csv, "read texts edited in the spreadsheet back"},
};

static void usage(FILE *out)
{
    fputs("Usage: rutas pack COMMAND [OPTION]... [ARG]...\n"
          "Tools for writing, checking and translating content packs.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        fprintf(out, "  %-12s %s\n", subcommands[i].name, subcommands[i].summary);
    }
    fputs("\nRun 'rutas pack COMMAND --help' for a command's options. The pack format is\n"
          "described in docs/pack-format.md, the authoring workflow in docs/authoring.md.\n",
          out);
}

int cmd_pack(int argc, char **argv)
{
    if (argc < 2) {
        fputs("rutas pack: no command given\n", stderr);
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(argv[1], subcommands[i].name) == 0) {
            return subcommands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "rutas pack: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}

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
