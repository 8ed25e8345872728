/*
 * fuzz_csv.c: libFuzzer target for `rutas pack import-csv`, the reader of spreadsheets that
 * translators and authors edit and send back.
 *
 * A copy of tests/fixtures/packs/good/mini is made once. Each input is a CSV file; the first
 * byte chooses the run: even, a dry run (`--dry-run`); odd, a real import into the copy, whose
 * files are put back as they were before the next input.
 *
 * Properties checked beside the sanitizers:
 *   - the command returns 0 or 1 (2 is for wrong usage, which the target never gives);
 *   - a dry run writes nothing, and neither does an import that reports an error before
 *     writing; an import that changed texts wrote a locale file;
 *   - after a real import that succeeded, importing the same file again, dry, changes no text:
 *     every text the spreadsheet held is now the pack's, exactly (nothing lost or altered on
 *     the way through the locale files);
 *   - pack.json is never changed (the mini pack has a file for every language it lists).
 */
#include "fuzz_util.h"

#include "cmd_pack.h"

#include <fcntl.h>

#ifndef RUTAS_SOURCE_DIR
#define RUTAS_SOURCE_DIR "."
#endif

static const char *const pack_files[] = {"pack.json", "locales/es-MX.json", "locales/en.json",
                                         "helplines/MX.json", "guide/es-MX.md"};
#define PACK_FILE_COUNT ((int)(sizeof pack_files / sizeof pack_files[0]))

static char base[PATH_MAX], mini_dir[PATH_MAX], csv_path[PATH_MAX], out_path[PATH_MAX];
static char *original[PACK_FILE_COUNT];
static size_t original_size[PACK_FILE_COUNT];

static void cleanup(void)
{
    fuzz_remove_tree(base);
    for (int i = 0; i < PACK_FILE_COUNT; i++) {
        free(original[i]);
    }
}

static void setup(void)
{
    fuzz_make_temp_dir(base, sizeof base);
    atexit(cleanup);
    snprintf(mini_dir, sizeof mini_dir, "%s/mini", base);
    snprintf(csv_path, sizeof csv_path, "%s/texts.csv", base);
    snprintf(out_path, sizeof out_path, "%s/out.txt", base);
    mkdir(mini_dir, 0700);
    for (int i = 0; i < PACK_FILE_COUNT; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/tests/fixtures/packs/good/mini/%s", RUTAS_SOURCE_DIR,
                 pack_files[i]);
        original[i] = fuzz_read_file(path, &original_size[i]);
        if (!original[i]) {
            perror(path);
            abort();
        }
        fuzz_write_file(mini_dir, pack_files[i], original[i], original_size[i]);
    }
}

/* Are the pack's files as they were? (path of the first that is not, or NULL) */
static const char *changed_file(void)
{
    for (int i = 0; i < PACK_FILE_COUNT; i++) {
        char path[PATH_MAX];
        size_t size = 0;
        snprintf(path, sizeof path, "%s/%s", mini_dir, pack_files[i]);
        char *now = fuzz_read_file(path, &size);
        bool same = now && size == original_size[i] && memcmp(now, original[i], size) == 0;
        free(now);
        if (!same) {
            return pack_files[i];
        }
    }
    return NULL;
}

static void restore(void)
{
    char locales[PATH_MAX];
    snprintf(locales, sizeof locales, "%s/locales", mini_dir);
    fuzz_remove_tree(locales);
    for (int i = 0; i < PACK_FILE_COUNT; i++) {
        fuzz_write_file(mini_dir, pack_files[i], original[i], original_size[i]);
    }
}

/* Runs the import with its standard output in out_path; returns its status and, from the
 * summary line "FILE: N rows, M texts changed", M (or -1 when there is no such line). */
static int import(bool dry, int *changed)
{
    char *argv[] = {"import-csv", mini_dir, csv_path, dry ? "--dry-run" : NULL, NULL};
    int argc = dry ? 4 : 3;
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (saved < 0 || fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
        abort();
    }
    close(fd);
    int status = cmd_pack_import_csv(argc, argv);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);

    size_t size = 0;
    char *out = fuzz_read_file(out_path, &size);
    *changed = -1;
    /* The summary names the CSV file first: look for its line, the last of its kind. */
    char prefix[PATH_MAX + 2];
    snprintf(prefix, sizeof prefix, "%s: ", csv_path);
    for (char *line = out; line && *line;) {
        char *end = strchr(line, '\n');
        int rows, texts;
        if (strncmp(line, prefix, strlen(prefix)) == 0 &&
            sscanf(line + strlen(prefix), "%d rows, %d text", &rows, &texts) == 2) {
            *changed = texts;
        }
        line = end ? end + 1 : NULL;
    }
    free(out);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!mini_dir[0]) {
        setup();
    }
    if (size == 0) {
        return 0;
    }
    bool dry = (data[0] & 1) == 0;
    fuzz_write_file(base, "texts.csv", data + 1, size - 1);

    int changed = 0;
    int status = import(dry, &changed);
    FUZZ_CHECK(status == 0 || status == 1);
    const char *file = changed_file();
    if (dry || status != 0 || changed <= 0) {
        /* Nothing is written by a dry run, by a refused import, or when nothing changed. A
         * successful real import may have stopped at a pack that no longer loads (a text too
         * long): only an import that failed before writing leaves no summary line. */
        FUZZ_CHECK(file == NULL || (!dry && changed > 0));
    } else {
        /* Texts changed: a locale file was written, and pack.json was not. */
        FUZZ_CHECK(file != NULL && strcmp(file, "pack.json") != 0);
        int again = -1;
        int status2 = import(true, &again);
        FUZZ_CHECK(status2 == 0);
        FUZZ_CHECK(again == 0);
    }
    if (file != NULL) {
        restore();
    }
    return 0;
}
