/*
 * cmd_validate.c: `rutas validate [--strict] [--today YYYY-MM-DD] [--search DIR]... PATH...`
 *
 * Checks content packs (a folder with pack.json) or folders of string files such as content/ui
 * and prints every problem as `file: place: message`, then one coverage line per locale. Exits
 * 1 when any error was found (with --strict, any warning too), 2 on a usage error.
 */
#include "commands.h"
#include "pack.h"
#include "platform.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *out)
{
    fputs("usage: rutas validate [--strict] [--today YYYY-MM-DD] [--search DIR]... PATH...\n"
          "\n"
          "Checks each PATH: a pack folder (with pack.json), or a folder of i18next string\n"
          "files such as content/ui. Prints every problem as 'file: place: message' and a\n"
          "coverage line per language. Exit status 1 if there are errors.\n"
          "\n"
          "  --strict        warnings count as errors, and optional but recommended strings\n"
          "                  (facilitator notes) are reported\n"
          "  --today DATE    the date help lines are checked against (default: today)\n"
          "  --search DIR    also look for `extends` base packs in DIR (the pack's parent\n"
          "                  folder, ./content/packs and the game's own packs are always\n"
          "                  searched)\n",
          out);
}

static void print_errors(const PackErrors *errors)
{
    char line[2048];
    for (int i = 0; i < errors->count; i++) {
        pack_error_format(&errors->items[i], line, sizeof line);
        puts(line);
    }
    if (errors->dropped > 0) {
        printf("... and %d more problems not shown\n", errors->dropped);
    }
}

static void print_coverage(const char *tag, int total, int missing)
{
    if (missing > 0) {
        printf("  %s: %d/%d strings, %d missing\n", tag, total - missing, total, missing);
    } else {
        printf("  %s: %d/%d strings\n", tag, total, total);
    }
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_file(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        return false;
    }
    return stat(path, &st) == 0;
}

static int validate_pack(const char *path, const char **search_dirs, int search_count,
                         const PackLoadOptions *options, PackErrors *errors)
{
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", path);
    size_t n = strlen(parent);
    while (n > 1 && parent[n - 1] == '/') {
        parent[--n] = '\0';
    }
    char *slash = strrchr(parent, '/');
    if (slash) {
        *slash = '\0';
    } else {
        snprintf(parent, sizeof parent, ".");
    }
    search_dirs[search_count] = parent;
    PackSearchPath search = {search_dirs, search_count + 1};
    Pack *pack = pack_load(path, &search, options, errors);
    print_errors(errors);
    if (!pack) {
        return 1;
    }
    int count = 0;
    const char *const *locales = pack_locales(pack, &count);
    printf("%s: pack \"%s\" %s, %d cards\n", path, pack_id(pack), pack_version(pack),
           pack_def(pack)->card_count);
    for (int i = 0; i < count; i++) {
        int total = 0;
        int missing = pack_coverage(pack, locales[i], &total);
        print_coverage(locales[i], total, missing);
    }
    pack_free(pack);
    return 0;
}

/* A folder of <tag>.json string files (the UI's): each compared with en.json, or with the
 * first file when there is no en.json. */
static int validate_strings_dir(const char *path, PackErrors *errors)
{
    char **names = NULL;
    int count = 0;
    int status = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && count < PACK_LIMIT_FILES) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0) {
            names = realloc(names, (size_t)(count + 1) * sizeof *names);
            if (!names) {
                abort();
            }
            names[count] = malloc(n + 1);
            if (!names[count]) {
                abort();
            }
            memcpy(names[count++], e->d_name, n + 1);
        }
    }
    if (d) {
        closedir(d);
    }
    StringTable **tables = calloc((size_t)count + 1, sizeof *tables);
    int source = -1;
    for (int i = 0; i < count; i++) {
        char file[PATH_MAX];
        char tag[I18N_TAG_MAX];
        snprintf(file, sizeof file, "%s/%s", path, names[i]);
        snprintf(tag, sizeof tag, "%.*s", (int)(strlen(names[i]) - 5), names[i]);
        char norm[I18N_TAG_MAX];
        if (!i18n_tag_normalize(tag, norm, sizeof norm) || strcmp(norm, tag) != 0) {
            pack_errors_add(errors, PACK_SEVERITY_ERROR, file, "-",
                            "a string file is named by its language tag, such as es-MX.json");
            continue;
        }
        tables[i] = pack_strings_load(file, tag, errors);
        if (tables[i] && (source < 0 || strcmp(tag, "en") == 0)) {
            source = i;
        }
    }
    if (count == 0) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-",
                        "not a pack (no pack.json) and no <tag>.json string files");
    }
    int *missing = calloc((size_t)count + 1, sizeof *missing);
    for (int i = 0; i < count && source >= 0; i++) {
        if (tables[i] && i != source) {
            char file[PATH_MAX];
            snprintf(file, sizeof file, "%s/%s", path, names[i]);
            missing[i] = pack_strings_compare(tables[source], tables[i], file, errors);
        }
    }
    print_errors(errors);
    if (errors->errors == 0 && source >= 0) {
        printf("%s: %d string files, compared with %s\n", path, count, names[source]);
        int total = i18n_table_count(tables[source]);
        for (int i = 0; i < count; i++) {
            if (tables[i]) {
                print_coverage(i18n_table_tag(tables[i]), total, missing[i]);
            }
        }
    } else {
        status = 1;
    }
    for (int i = 0; i < count; i++) {
        i18n_table_destroy(tables[i]);
        free(names[i]);
    }
    free(tables);
    free(names);
    free(missing);
    return status;
}

int cmd_validate(int argc, char **argv)
{
    PackLoadOptions options = {NULL, false};
    const char **search = calloc((size_t)argc + 3, sizeof *search);
    int search_count = 0;
    int paths = 0;
    int failed = 0;
    int status = 2;
    if (!search) {
        abort();
    }
    search[search_count++] = "content/packs";
    /* The packs shipped with the game, so an overlay written anywhere finds its base. */
    char shipped[4200];
    if (platform_find_data_dir(shipped, sizeof shipped - 16)) {
        strcat(shipped, "/content/packs");
        search[search_count++] = shipped;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            status = 0;
            goto done;
        } else if (strcmp(a, "--strict") == 0) {
            options.strict = true;
        } else if ((strcmp(a, "--today") == 0 || strcmp(a, "--search") == 0) && i + 1 < argc) {
            if (a[2] == 't') {
                options.today = argv[++i];
            } else {
                search[search_count++] = argv[++i];
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "rutas validate: unknown option %s\n", a);
            usage(stderr);
            goto done;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--today") == 0 || strcmp(a, "--search") == 0) {
            i++;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            continue;
        }
        paths++;
        PackErrors errors;
        pack_errors_init(&errors);
        int result;
        if (is_dir(a) && !has_file(a, "pack.json") && !has_file(a, "locales")) {
            result = validate_strings_dir(a, &errors);
        } else {
            result = validate_pack(a, search, search_count, &options, &errors);
        }
        if (result != 0 || errors.errors > 0 || (options.strict && errors.warnings > 0)) {
            failed++;
        }
        if (errors.errors > 0 || errors.warnings > 0) {
            printf("%s: %d error%s, %d warning%s\n", a, errors.errors,
                   errors.errors == 1 ? "" : "s", errors.warnings, errors.warnings == 1 ? "" : "s");
        }
        pack_errors_clear(&errors);
    }
    if (paths == 0) {
        fprintf(stderr, "rutas validate: no PATH given\n");
        usage(stderr);
        goto done;
    }
    status = failed ? 1 : 0;
done:
    free(search);
    return status;
}
