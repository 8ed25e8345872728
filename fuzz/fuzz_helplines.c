/*
 * fuzz_helplines.c: libFuzzer target for the help-line reader.
 *
 * A copy of tests/fixtures/packs/good/mini without its help lines is made once; each input
 * then gives its helplines/ folder: parts (separated by a line holding only "@@") become
 * helplines/MX.json, helplines/GT.json, and a third file whose name is the third part (so odd
 * file names reach the reader too) with the fourth part as its text.
 *
 * Properties checked beside the sanitizers: a failed load reports an error; on a loaded pack
 * every line of every country has its required fields, a readable date no later than the
 * day the pack was checked against, a name in some language, and serves at least one topic.
 */
#include "fuzz_util.h"

#include "pack.h"

#ifndef RUTAS_SOURCE_DIR
#define RUTAS_SOURCE_DIR "."
#endif

static char mini_dir[PATH_MAX];

static void copy_fixture(const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/fixtures/packs/good/mini/%s", RUTAS_SOURCE_DIR, rel);
    size_t n = 0;
    char *buf = fuzz_read_file(path, &n);
    if (!buf) {
        perror(path);
        abort();
    }
    fuzz_write_file(mini_dir, rel, buf, n);
    free(buf);
}

static char base[PATH_MAX];

static void cleanup(void)
{
    fuzz_remove_tree(base);
}

static void setup(void)
{
    fuzz_make_temp_dir(base, sizeof base);
    atexit(cleanup);
    /* Named like the pack's id, so the loader has nothing to warn about but the help lines. */
    snprintf(mini_dir, sizeof mini_dir, "%s/mini", base);
    mkdir(mini_dir, 0700);
    copy_fixture("pack.json");
    copy_fixture("locales/es-MX.json");
    copy_fixture("locales/en.json");
    copy_fixture("guide/es-MX.md");
}

/* A file name from fuzzed bytes: no folder separators, no NUL, not too long. */
static void file_name(const FuzzPart *part, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < part->size && n + 1 < size && n < 64; i++) {
        char c = (char)part->data[i];
        if (c != '/' && c != '\0' && c != '\n') {
            out[n++] = c;
        }
    }
    out[n] = '\0';
    if (n == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0) {
        snprintf(out, size, "XX.json");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!mini_dir[0]) {
        setup();
    }
    FuzzPart parts[4];
    int count = fuzz_split(data, size, parts, 4);
    char helplines[PATH_MAX];
    snprintf(helplines, sizeof helplines, "%s/helplines", mini_dir);
    fuzz_remove_tree(helplines);
    fuzz_write_file(mini_dir, "helplines/MX.json", parts[0].data, parts[0].size);
    if (count > 1) {
        fuzz_write_file(mini_dir, "helplines/GT.json", parts[1].data, parts[1].size);
    }
    if (count > 3) {
        char name[80];
        char rel[128];
        file_name(&parts[2], name, sizeof name);
        snprintf(rel, sizeof rel, "helplines/%s", name);
        fuzz_write_file(mini_dir, rel, parts[3].data, parts[3].size);
    }
    PackLoadOptions options = {"2026-06-01", false};
    PackErrors errors;
    pack_errors_init(&errors);
    Pack *pack = pack_load(mini_dir, NULL, &options, &errors);
    FUZZ_CHECK((pack == NULL) == (errors.errors > 0));
    if (pack) {
        int countries = 0;
        const char *const *codes = pack_helpline_countries(pack, &countries);
        FUZZ_CHECK(countries >= 1 && countries <= 3);
        for (int c = 0; c < countries; c++) {
            int n = 0;
            const Helpline *lines = pack_helplines(pack, codes[c], &n);
            FUZZ_CHECK(strlen(codes[c]) == 2 && (n == 0 || lines));
            for (int i = 0; i < n; i++) {
                const Helpline *h = &lines[i];
                FUZZ_CHECK(h->id && h->number && h->whatsapp && h->web && h->source);
                FUZZ_CHECK(*h->number || *h->whatsapp || *h->web);
                int age = pack_helpline_age_days(h, "2026-06-01");
                FUZZ_CHECK(age >= 0);
                FUZZ_CHECK(h->name_count > 0);
                FUZZ_CHECK(pack_text_pick(h->name, h->name_count, "es-MX", "es-MX") != NULL);
                (void)pack_text_pick(h->hours, h->hours_count, "en", "es-MX");
                (void)pack_text_pick(h->cost, h->cost_count, "pt-BR", NULL);
                (void)pack_text_pick(h->what, h->what_count, "es-419", "es-MX");
                FUZZ_CHECK(h->topic_count >= 1);
                FUZZ_CHECK(pack_helpline_serves(h, h->topics[0]) ||
                           strcmp(h->topics[0], "all") == 0);
            }
        }
    }
    pack_free(pack);
    pack_errors_clear(&errors);
    return 0;
}
