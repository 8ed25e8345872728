/*
 * test_content.c: the pack loader and validator. Good packs load with what they say; every
 * broken pack in tests/fixtures/packs/bad fails with the error its expect.txt names; overlays
 * merge; hostile input (huge files, too many cards, random corruption) fails cleanly; every
 * pack shipped in content/packs and the UI strings in content/ui validate.
 */
#include "pack.h"

#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define TODAY "2026-06-01"

static char source_dir[PATH_MAX];

/* snprintf without GCC's truncation warnings: test paths are short. */
static void fmt(char *out, size_t size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fmt(char *out, size_t size, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(out, size, format, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < size);
}

static void path_of(char *out, size_t size, const char *rel)
{
    fmt(out, size, "%s/%s", source_dir, rel);
}

static void print_errors(const PackErrors *errors)
{
    char line[2048];
    for (int i = 0; i < errors->count; i++) {
        pack_error_format(&errors->items[i], line, sizeof line);
        print_message("  %s\n", line);
    }
}

static Pack *load_good(const char *rel, PackErrors *errors)
{
    char dir[PATH_MAX];
    char search_dir[PATH_MAX];
    path_of(dir, sizeof dir, rel);
    path_of(search_dir, sizeof search_dir, "tests/fixtures/packs/good");
    const char *dirs[] = {search_dir};
    PackSearchPath search = {dirs, 1};
    PackLoadOptions options = {TODAY, false};
    pack_errors_init(errors);
    Pack *pack = pack_load(dir, &search, &options, errors);
    if (!pack || errors->errors) {
        print_errors(errors);
    }
    return pack;
}

static void test_mini_loads(void **state)
{
    (void)state;
    PackErrors errors;
    Pack *pack = load_good("tests/fixtures/packs/good/mini", &errors);
    assert_non_null(pack);
    assert_int_equal(errors.errors, 0);
    assert_int_equal(errors.warnings, 0);

    const GameDef *def = pack_def(pack);
    assert_string_equal(pack_id(pack), "mini");
    assert_string_equal(pack_version(pack), "1.0.0");
    assert_string_equal(pack_source_locale(pack), "es-MX");
    assert_string_equal(pack_license(pack), "CC-BY-SA-4.0");
    assert_null(pack_extends(pack));
    assert_int_equal(def->topic_count, 2);
    assert_int_equal(def->deck_count, 4); /* two topic decks, situation, rights */
    assert_int_equal(def->space_count, 8);
    assert_int_equal(def->card_count, 7);
    assert_null(gamedef_check(def));
    int min = 0;
    int max = 0;
    pack_age(pack, &min, &max);
    assert_int_equal(min, 12);
    assert_int_equal(max, 18);

    int t = gamedef_find_topic(def, "relationships");
    assert_int_equal(def->topics[t].colour, 0xCC6677);
    assert_string_equal(def->topics[t].icon, "heart");
    int c = gamedef_find_card(def, "rel-02");
    assert_int_equal(def->cards[c].kind, CARD_MYTH_FACT);
    assert_int_equal(def->cards[c].answer, ANSWER_MYTH);
    assert_int_equal(def->cards[c].deck, def->topics[t].deck);
    const PackCardInfo *info = pack_card_info(pack, c);
    assert_int_equal(info->content_note_count, 1);
    assert_string_equal(info->content_notes[0], "violence");
    c = gamedef_find_card(def, "sit-01");
    assert_int_equal(def->cards[c].options, 3);
    assert_string_equal(def->decks[def->cards[c].deck].id, "situation");
    assert_int_equal(def->decks[def->cards[c].deck].topic, -1);
    c = gamedef_find_card(def, "rgt-02");
    assert_int_equal(def->cards[c].effect.kind, EFFECT_MOVE_TO);
    assert_int_equal(def->cards[c].effect.target, SPACE_OPEN);
    assert_int_equal(def->rules.dice, 1);
    assert_int_equal(def->rules.rounds, 6);
    assert_int_equal(def->rules.pause_rule, PAUSE_RULE_RIGHTS_OR_DOUBLES);

    int n = 0;
    const char *const *locales = pack_locales(pack, &n);
    assert_int_equal(n, 2);
    assert_string_equal(locales[0], "es-MX");
    int total = 0;
    assert_int_equal(pack_coverage(pack, "en", &total), 0);
    assert_int_equal(total, 30);
    assert_int_equal(pack_coverage(pack, "fr", NULL), -1);

    /* Strings through an I18n, with fallback from en-GB to en. */
    I18n *i18n = i18n_create("en-GB", pack_source_locale(pack));
    pack_add_strings(pack, i18n);
    assert_string_equal(i18n_text(i18n, "topic.relationships.name"), "Relationships");
    assert_string_equal(i18n_text(i18n, pack_title_key(pack)), "Rutas mini");
    i18n_set_locale(i18n, "es-AR");
    assert_string_equal(i18n_text(i18n, "topic.relationships.name"), "Relaciones");
    i18n_destroy(i18n);

    /* Help lines and the guide. */
    const Helpline *lines = pack_helplines(pack, "mx", &n);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0].number, "911");
    assert_true(pack_helpline_serves(&lines[0], "relationships"));
    assert_int_equal(pack_helpline_age_days(&lines[0], "2025-12-31"), 30);
    assert_string_equal(pack_text_pick(lines[0].name, lines[0].name_count, "en-US", "es-MX"),
                        "Emergencies 911");
    assert_string_equal(pack_text_pick(lines[0].name, lines[0].name_count, "fr", "es-MX"),
                        "Emergencias 911");
    assert_null(pack_helplines(pack, "GT", &n));
    assert_int_equal(n, 0);
    const char *found = NULL;
    const char *guide = pack_guide(pack, "en", &found);
    assert_non_null(guide);
    assert_string_equal(found, "es-MX"); /* en has no guide: the source's */
    assert_non_null(strstr(guide, "Acuerdos"));

    pack_free(pack);
    pack_errors_clear(&errors);
}

static void test_overlay_merges(void **state)
{
    (void)state;
    PackErrors errors;
    Pack *pack = load_good("tests/fixtures/packs/good/mini-pt", &errors);
    assert_non_null(pack);
    assert_int_equal(errors.errors, 0);
    const GameDef *def = pack_def(pack);
    assert_string_equal(pack_id(pack), "mini-pt");
    assert_string_equal(pack_extends(pack), "mini");
    assert_string_equal(pack_source_locale(pack), "es-MX"); /* from the base */
    assert_int_equal(def->topic_count, 3);
    assert_int_equal(def->space_count, 9); /* the overlay's board replaces the base's */
    assert_int_equal(def->card_count, 8);  /* 7 + fam-01; rel-01 replaced */
    int c = gamedef_find_card(def, "rel-01");
    assert_int_equal(def->cards[c].min_age, 14);
    assert_int_equal(def->rules.rounds, 4);      /* overridden */
    assert_int_equal(def->rules.start_bonus, 2); /* kept */
    int n = 0;
    pack_locales(pack, &n);
    assert_int_equal(n, 3);
    /* es-MX strings: the base's plus the overlay's. */
    const StringTable *es = pack_strings(pack, "es-MX");
    assert_string_equal(i18n_table_get(es, "topic.family.name"), "Familia");
    assert_string_equal(i18n_table_get(es, "topic.relationships.name"), "Relaciones");
    int total = 0;
    assert_int_equal(pack_coverage(pack, "pt-BR", &total), 28);
    assert_int_equal(total, 32);
    /* The overlay's MX help lines replace the base's. */
    const Helpline *lines = pack_helplines(pack, "MX", &n);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0].id, "linea-de-la-vida");
    /* pt-BR falls back per key to the source. */
    I18n *i18n = i18n_create("pt-BR", pack_source_locale(pack));
    pack_add_strings(pack, i18n);
    assert_string_equal(i18n_text(i18n, "topic.family.name"), "Família");
    assert_string_equal(i18n_text(i18n, "deck.rights.name"), "Derechos");
    i18n_destroy(i18n);
    pack_free(pack);
    pack_errors_clear(&errors);
}

/* ---- Broken packs ------------------------------------------------------------------------ */

typedef struct Expect {
    char file[256];
    char place[256];
    char messages[4][256];
    int message_count;
} Expect;

static bool read_expect(const char *dir, Expect *e)
{
    char path[PATH_MAX];
    char line[512];
    fmt(path, sizeof path, "%s/expect.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        return false;
    }
    memset(e, 0, sizeof *e);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "file: ", 6) == 0) {
            fmt(e->file, sizeof e->file, "%.255s", line + 6);
        } else if (strncmp(line, "place: ", 7) == 0) {
            fmt(e->place, sizeof e->place, "%.255s", line + 7);
        } else if (strncmp(line, "message: ", 9) == 0 && e->message_count < 4) {
            fmt(e->messages[e->message_count++], 256, "%.255s", line + 9);
        }
    }
    fclose(f);
    return e->file[0] && e->place[0] && e->message_count > 0;
}

static bool same_file(const char *a, const char *b)
{
    char ra[PATH_MAX];
    char rb[PATH_MAX];
    if (realpath(a, ra) && realpath(b, rb)) {
        return strcmp(ra, rb) == 0;
    }
    return strcmp(a, b) == 0; /* a missing file: compare the names as reported */
}

static bool matches(const PackError *err, const char *dir, const Expect *e)
{
    char want[PATH_MAX];
    fmt(want, sizeof want, "%s/%s", dir, e->file);
    if (err->severity != PACK_SEVERITY_ERROR || strcmp(err->place, e->place) != 0 ||
        !same_file(err->file, want)) {
        return false;
    }
    for (int i = 0; i < e->message_count; i++) {
        if (!strstr(err->message, e->messages[i])) {
            return false;
        }
    }
    return true;
}

static void test_broken_packs(void **state)
{
    (void)state;
    char bad[PATH_MAX];
    path_of(bad, sizeof bad, "tests/fixtures/packs/bad");
    DIR *d = opendir(bad);
    assert_non_null(d);
    const char *dirs[] = {bad};
    PackSearchPath search = {dirs, 1};
    PackLoadOptions options = {TODAY, false};
    struct dirent *ent;
    int cases = 0;
    int failures = 0;
    while ((ent = readdir(d)) != NULL) {
        char dir[PATH_MAX];
        Expect e;
        if (ent->d_name[0] == '.') {
            continue;
        }
        fmt(dir, sizeof dir, "%s/%s", bad, ent->d_name);
        if (!read_expect(dir, &e)) {
            continue;
        }
        cases++;
        PackErrors errors;
        pack_errors_init(&errors);
        Pack *pack = pack_load(dir, &search, &options, &errors);
        bool found = false;
        for (int i = 0; i < errors.count && !found; i++) {
            found = matches(&errors.items[i], dir, &e);
        }
        if (pack || !found) {
            failures++;
            print_message("broken pack %s: %s; expected %s: %s: %s\n", ent->d_name,
                          pack ? "loaded" : "did not report", e.file, e.place, e.messages[0]);
            print_errors(&errors);
        }
        pack_free(pack);
        pack_errors_clear(&errors);
    }
    closedir(d);
    assert_true(cases >= 40);
    assert_int_equal(failures, 0);
}

/* ---- Hostile input made at run time ------------------------------------------------------ */

static char temp_root[PATH_MAX];

static void write_file(const char *dir, const char *rel, const char *text, size_t size)
{
    char path[PATH_MAX];
    fmt(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, size, f), size);
    fclose(f);
}

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *size = (size_t)n;
    return data;
}

static bool has_error(const PackErrors *errors, const char *place, const char *words)
{
    for (int i = 0; i < errors->count; i++) {
        if (errors->items[i].severity == PACK_SEVERITY_ERROR &&
            strcmp(errors->items[i].place, place) == 0 && strstr(errors->items[i].message, words)) {
            return true;
        }
    }
    print_errors(errors);
    return false;
}

static void make_temp_pack(char *dir, size_t size, const char *name)
{
    fmt(dir, size, "%s/%s", temp_root, name);
    assert_int_equal(mkdir(dir, 0700), 0);
}

static void test_file_too_large(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    char path[PATH_MAX];
    make_temp_pack(dir, sizeof dir, "huge");
    fmt(path, sizeof path, "%s/pack.json", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    /* A sparse file: the size is checked before anything is read. */
    assert_int_equal(fseek(f, (long)PACK_LIMIT_JSON_BYTES + 10, SEEK_SET), 0);
    fputc('}', f);
    fclose(f);
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(dir, NULL, NULL, &errors));
    assert_true(has_error(&errors, "-", "file is too large"));
    pack_errors_clear(&errors);
}

static void test_too_many_cards(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_temp_pack(dir, sizeof dir, "many");
    size_t cap = 64u * (GAMEDEF_MAX_CARDS + 2) + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "{\"format\": 1, \"id\": \"many\", \"cards\": [");
    for (int i = 0; i <= GAMEDEF_MAX_CARDS; i++) {
        n += (size_t)snprintf(text + n, cap - n, "%s{\"id\": \"c-%d\"}", i ? "," : "", i);
    }
    n += (size_t)snprintf(text + n, cap - n, "]}");
    write_file(dir, "pack.json", text, n);
    free(text);
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(dir, NULL, NULL, &errors));
    assert_true(has_error(&errors, "cards", "too many entries (16385; the limit is 16384)"));
    pack_errors_clear(&errors);
}

/* Random corruption of a good pack: every load either succeeds or fails with errors; the
 * sanitizers catch any crash, leak or overflow. */
static void test_random_corruption(void **state)
{
    (void)state;
    char good[PATH_MAX];
    char dir[PATH_MAX];
    size_t size = 0;
    path_of(good, sizeof good, "tests/fixtures/packs/good/mini/pack.json");
    char *original = read_all(good, &size);
    make_temp_pack(dir, sizeof dir, "fuzz");
    char sub[PATH_MAX];
    fmt(sub, sizeof sub, "%s/locales", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char src[PATH_MAX];
    for (int l = 0; l < 2; l++) {
        const char *name = l ? "locales/en.json" : "locales/es-MX.json";
        size_t n = 0;
        path_of(src, sizeof src,
                l ? "tests/fixtures/packs/good/mini/locales/en.json"
                  : "tests/fixtures/packs/good/mini/locales/es-MX.json");
        char *text = read_all(src, &n);
        write_file(dir, name, text, n);
        free(text);
    }
    uint32_t seed = 12345;
    char *copy = malloc(size + 1);
    assert_non_null(copy);
    int loaded = 0;
    for (int round = 0; round < 300; round++) {
        memcpy(copy, original, size + 1);
        int edits = 1 + round % 4;
        for (int e = 0; e < edits; e++) {
            seed = seed * 1664525u + 1013904223u;
            size_t at = (seed >> 8) % size;
            seed = seed * 1664525u + 1013904223u;
            static const char bytes[] = "{}[],:\"0-9a \\\x80\xff";
            copy[at] = bytes[(seed >> 8) % (sizeof bytes - 1)];
        }
        size_t len = round % 7 == 0 ? (seed >> 4) % size : size; /* sometimes truncated */
        write_file(dir, "pack.json", copy, len);
        PackErrors errors;
        pack_errors_init(&errors);
        Pack *pack = pack_load(dir, NULL, NULL, &errors);
        if (pack) {
            loaded++;
            assert_int_equal(errors.errors, 0);
            assert_null(gamedef_check(pack_def(pack)));
        } else {
            assert_true(errors.errors > 0);
        }
        pack_free(pack);
        pack_errors_clear(&errors);
    }
    print_message("random corruption: %d of 300 variants still loaded\n", loaded);
    free(copy);
    free(original);
}

static void test_null_and_missing(void **state)
{
    (void)state;
    pack_free(NULL);
    pack_errors_clear(NULL);
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(NULL, NULL, NULL, &errors));
    assert_null(pack_load("/nonexistent/rutas-pack", NULL, NULL, NULL));
    assert_null(pack_load("/nonexistent/rutas-pack", NULL, NULL, &errors));
    assert_true(has_error(&errors, "-", "missing file"));
    pack_errors_clear(&errors);
    assert_int_equal(errors.count, 0);
}

static void test_search_path(void **state)
{
    (void)state;
    char good[PATH_MAX];
    char out[PATH_MAX];
    path_of(good, sizeof good, "tests/fixtures/packs/good");
    const char *dirs[] = {"/nonexistent", good};
    PackSearchPath search = {dirs, 2};
    assert_true(pack_search_find(&search, "mini", out, sizeof out));
    assert_non_null(strstr(out, "good/mini"));
    assert_false(pack_search_find(&search, "nothing-here", out, sizeof out));
    assert_false(pack_search_find(&search, "../etc", out, sizeof out));
    int count = 0;
    char **list = pack_search_list(&search, &count);
    assert_int_equal(count, 2);
    assert_null(list[count]);
    pack_search_list_free(list);
}

static void test_error_format(void **state)
{
    (void)state;
    PackErrors errors;
    char line[256];
    pack_errors_init(&errors);
    pack_errors_add(&errors, PACK_SEVERITY_ERROR, "p/pack.json", "cards[12].kind", "bad %s",
                    "kind");
    pack_errors_add(&errors, PACK_SEVERITY_WARNING, NULL, NULL, "careful");
    pack_error_format(&errors.items[0], line, sizeof line);
    assert_string_equal(line, "p/pack.json: cards[12].kind: bad kind");
    pack_error_format(&errors.items[1], line, sizeof line);
    assert_string_equal(line, "-: -: warning: careful");
    assert_int_equal(errors.errors, 1);
    assert_int_equal(errors.warnings, 1);
    for (int i = 0; i < PACK_LIMIT_ERRORS + 5; i++) {
        pack_errors_add(&errors, PACK_SEVERITY_ERROR, "f", "p", "again");
    }
    assert_int_equal(errors.count, PACK_LIMIT_ERRORS);
    assert_int_equal(errors.dropped, 7);
    pack_errors_clear(&errors);
}

/* ---- Limits and confinement that need files made at run time ----------------------------- */

/* A copy of good/mini in the temporary folder, named name. */
static void copy_mini(char *dir, size_t size, const char *name)
{
    char mini[PATH_MAX];
    char command[3 * PATH_MAX];
    path_of(mini, sizeof mini, "tests/fixtures/packs/good/mini");
    fmt(dir, size, "%s/%s", temp_root, name);
    fmt(command, sizeof command, "cp -R '%s' '%s'", mini, dir);
    assert_int_equal(system(command), 0);
}

/* Is there an error whose file ends with file, at place, with words in its message? */
static bool has_error_in(const PackErrors *errors, const char *file, const char *place,
                         const char *words)
{
    size_t n = strlen(file);
    for (int i = 0; i < errors->count; i++) {
        const PackError *e = &errors->items[i];
        size_t m = strlen(e->file);
        if (e->severity == PACK_SEVERITY_ERROR && m >= n && strcmp(e->file + m - n, file) == 0 &&
            strcmp(e->place, place) == 0 && strstr(e->message, words)) {
            return true;
        }
    }
    print_errors(errors);
    return false;
}

static void replace_with_fifo(const char *dir, const char *rel)
{
    char path[PATH_MAX];
    fmt(path, sizeof path, "%s/%s", dir, rel);
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
}

/* A FIFO where a file should be must neither block the loader nor be read: nobody writes to
 * these, so a loader that opened one for reading would wait forever (the alarm ends the test). */
static void test_fifos_are_refused(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    copy_mini(dir, sizeof dir, "fifo");
    replace_with_fifo(dir, "locales/en.json");
    replace_with_fifo(dir, "helplines/MX.json");
    replace_with_fifo(dir, "guide/es-MX.md");
    char images[PATH_MAX];
    fmt(images, sizeof images, "%s/images", dir);
    assert_int_equal(mkdir(images, 0700), 0);
    replace_with_fifo(dir, "images/pipe.png");
    char path[PATH_MAX];
    size_t size = 0;
    fmt(path, sizeof path, "%s/pack.json", dir);
    char *text = read_all(path, &size);
    char *at = strstr(text, "\"id\": \"rel-01\",");
    assert_non_null(at);
    char *edited = malloc(size + 64);
    assert_non_null(edited);
    int n = snprintf(edited, size + 64, "%.*s\"image\": \"images/pipe.png\", %s", (int)(at - text),
                     text, at);
    write_file(dir, "pack.json", edited, (size_t)n);
    free(edited);
    free(text);

    alarm(20);
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(dir, NULL, NULL, &errors));
    alarm(0);
    assert_true(has_error_in(&errors, "locales/en.json", "-", "is not a regular file"));
    assert_true(has_error_in(&errors, "helplines/MX.json", "-", "is not a regular file"));
    assert_true(has_error_in(&errors, "guide/es-MX.md", "-", "is not a regular file"));
    assert_true(has_error_in(&errors, "pack.json", "cards[0].image", "is not a regular file"));
    pack_errors_clear(&errors);
}

/* Makes rel a sparse file of size bytes starting with head. */
static void sparse_file(const char *dir, const char *rel, const char *head, size_t head_size,
                        long size)
{
    char path[PATH_MAX];
    fmt(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(head, 1, head_size, f), head_size);
    assert_int_equal(fseek(f, size - 1, SEEK_SET), 0);
    fputc('\n', f);
    fclose(f);
}

static void test_size_limits(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    copy_mini(dir, sizeof dir, "big");
    sparse_file(dir, "locales/en.json", "{", 1, (long)PACK_LIMIT_JSON_BYTES + 1);
    sparse_file(dir, "helplines/MX.json", "{", 1, (long)PACK_LIMIT_HELPLINE_BYTES + 1);
    sparse_file(dir, "guide/es-MX.md", "#", 1, (long)PACK_LIMIT_GUIDE_BYTES + 1);
    char images[PATH_MAX];
    fmt(images, sizeof images, "%s/images", dir);
    assert_int_equal(mkdir(images, 0700), 0);
    sparse_file(dir, "images/big.png", "\x89PNG\r\n\x1a\n", 8, (long)PACK_LIMIT_IMAGE_BYTES + 1);
    char path[PATH_MAX];
    size_t size = 0;
    fmt(path, sizeof path, "%s/pack.json", dir);
    char *text = read_all(path, &size);
    char *at = strstr(text, "\"id\": \"relationships\",");
    assert_non_null(at);
    char *edited = malloc(size + 64);
    assert_non_null(edited);
    int n = snprintf(edited, size + 64, "%.*s\"image\": \"images/big.png\", %s", (int)(at - text),
                     text, at);
    write_file(dir, "pack.json", edited, (size_t)n);
    free(edited);
    free(text);

    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(dir, NULL, NULL, &errors));
    assert_true(has_error_in(&errors, "locales/en.json", "-", "file is too large"));
    assert_true(has_error_in(&errors, "helplines/MX.json", "-", "file is too large"));
    assert_true(has_error_in(&errors, "guide/es-MX.md", "-", "file is too large"));
    assert_true(has_error_in(&errors, "pack.json", "topics[0].image",
                             "is not a regular file of at most 8388608 bytes"));
    pack_errors_clear(&errors);
}

static void test_too_many_files(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    copy_mini(dir, sizeof dir, "files");
    for (int i = 0; i <= PACK_LIMIT_FILES; i++) {
        char rel[64];
        fmt(rel, sizeof rel, "helplines/%c%c.json", 'A' + i / 26, 'A' + i % 26);
        write_file(dir, rel, "{}", 2);
        fmt(rel, sizeof rel, "locales/x%c%c.json", 'a' + i / 26, 'a' + i % 26);
        write_file(dir, rel, "{}", 2);
    }
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_load(dir, NULL, NULL, &errors));
    assert_true(has_error_in(&errors, "files/helplines", "-",
                             "more than 256 .json files in helplines/ (the limit is 256)"));
    assert_true(has_error_in(&errors, "files/locales", "-",
                             "more than 256 .json files in locales/ (the limit is 256)"));
    pack_errors_clear(&errors);
}

/* An `extends` chain of 8 packs loads; one of 9 is refused. */
static void test_extends_depth(void **state)
{
    (void)state;
    char chain[PATH_MAX];
    char good[PATH_MAX];
    fmt(chain, sizeof chain, "%s/chain", temp_root);
    assert_int_equal(mkdir(chain, 0700), 0);
    path_of(good, sizeof good, "tests/fixtures/packs/good");
    for (int i = 1; i <= PACK_LIMIT_EXTENDS; i++) {
        char dir[PATH_MAX];
        char text[256];
        char base[16];
        fmt(dir, sizeof dir, "%s/l%d", chain, i);
        assert_int_equal(mkdir(dir, 0700), 0);
        fmt(base, sizeof base, i == 1 ? "mini" : "l%d", i - 1);
        int n = snprintf(text, sizeof text,
                         "{\"format\": 1, \"id\": \"l%d\", \"version\": \"1.0.0\", "
                         "\"extends\": \"%s\"}",
                         i, base);
        write_file(dir, "pack.json", text, (size_t)n);
    }
    const char *dirs[] = {chain, good};
    PackSearchPath search = {dirs, 2};
    PackLoadOptions options = {TODAY, false};
    char top[PATH_MAX];
    PackErrors errors;
    pack_errors_init(&errors);
    fmt(top, sizeof top, "%s/l%d", chain, PACK_LIMIT_EXTENDS - 1);
    Pack *pack = pack_load(top, &search, &options, &errors);
    if (!pack) {
        print_errors(&errors);
    }
    assert_non_null(pack); /* l7 -> ... -> l1 -> mini: 8 packs */
    pack_free(pack);
    pack_errors_clear(&errors);
    fmt(top, sizeof top, "%s/l%d", chain, PACK_LIMIT_EXTENDS);
    assert_null(pack_load(top, &search, &options, &errors));
    assert_true(has_error_in(&errors, "l1/pack.json", "extends",
                             "\"extends\" chain is deeper than 8 packs"));
    pack_errors_clear(&errors);
}

static void test_too_many_texts(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    char path[PATH_MAX];
    make_temp_pack(dir, sizeof dir, "texts");
    size_t cap = (size_t)(PACK_LIMIT_KEYS + 1) * 24 + 16;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = 0;
    text[n++] = '{';
    for (int i = 0; i <= PACK_LIMIT_KEYS; i++) {
        n += (size_t)snprintf(text + n, cap - n, "%s\"k%d\": \"v\"", i ? "," : "", i);
    }
    text[n++] = '}';
    write_file(dir, "many.json", text, n);
    free(text);
    fmt(path, sizeof path, "%s/many.json", dir);
    PackErrors errors;
    pack_errors_init(&errors);
    assert_null(pack_strings_load(path, "en", &errors));
    assert_true(has_error_in(&errors, "many.json", "k200000",
                             "too many strings in one file (the limit is 200000)"));
    pack_errors_clear(&errors);
}

/* ---- What ships -------------------------------------------------------------------------- */

static bool has_warning(const PackErrors *errors, const char *place, const char *words)
{
    for (int i = 0; i < errors->count; i++) {
        if (errors->items[i].severity == PACK_SEVERITY_WARNING &&
            strcmp(errors->items[i].place, place) == 0 && strstr(errors->items[i].message, words)) {
            return true;
        }
    }
    print_errors(errors);
    return false;
}

/* A pack's own ground rules: ground_rules.1 to .4, in order, short enough for the screen. */
static void test_pack_ground_rules(void **state)
{
    (void)state;
    char dir[PATH_MAX], good[PATH_MAX], text[1200];
    make_temp_pack(dir, sizeof dir, "rules");
    char sub[PATH_MAX + 16];
    fmt(sub, sizeof sub, "%s/locales", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    const char *manifest = "{\"format\": 1, \"id\": \"rules\", \"version\": \"1.0.0\", "
                           "\"extends\": \"mini\", \"locales\": [\"es-MX\", \"en\"]}";
    write_file(dir, "pack.json", manifest, strlen(manifest));
    char longer[200];
    memset(longer, 'a', 170);
    longer[170] = '\0';
    int n = snprintf(text, sizeof text,
                     "{\"ground_rules\": {\"1\": \"Celulares en silencio.\", \"3\": \"%s\", "
                     "\"7\": \"Sin regla siete.\"}}",
                     longer);
    write_file(dir, "locales/es-MX.json", text, (size_t)n);
    const char *en = "{\"ground_rules\": {\"1\": \"Phones on silent.\"}}";
    write_file(dir, "locales/en.json", en, strlen(en));
    path_of(good, sizeof good, "tests/fixtures/packs/good");
    const char *dirs[] = {good};
    PackSearchPath search = {dirs, 1};
    PackLoadOptions options = {TODAY, false};
    PackErrors errors;
    pack_errors_init(&errors);
    Pack *pack = pack_load(dir, &search, &options, &errors);
    assert_non_null(pack); /* warnings only */
    assert_int_equal(errors.errors, 0);
    assert_true(has_warning(&errors, "ground_rules.3", "ground_rules.2 is missing"));
    assert_true(has_warning(&errors, "ground_rules.3", "170 characters"));
    assert_true(has_warning(&errors, "ground_rules.7", "ground_rules.1 to ground_rules.4"));
    for (int i = 0; i < errors.count; i++) {
        assert_true(strcmp(errors.items[i].place, "ground_rules.1") != 0);
    }
    assert_string_equal(i18n_table_get(pack_strings(pack, "es-MX"), "ground_rules.1"),
                        "Celulares en silencio.");
    assert_int_equal(pack_string_limit("ground_rules.2", NULL), 160);
    pack_free(pack);
    pack_errors_clear(&errors);
}

static void test_shipped_packs_validate(void **state)
{
    (void)state;
    char packs[PATH_MAX];
    path_of(packs, sizeof packs, "content/packs");
    const char *dirs[] = {packs};
    PackSearchPath search = {dirs, 1};
    int count = 0;
    char **list = pack_search_list(&search, &count);
    int failures = 0;
    for (int i = 0; i < count; i++) {
        PackErrors errors;
        pack_errors_init(&errors);
        Pack *pack = pack_load(list[i], &search, NULL, &errors);
        print_message("shipped pack %s: %s, %d errors, %d warnings\n", list[i],
                      pack ? "loads" : "FAILS", errors.errors, errors.warnings);
        if (!pack || errors.errors) {
            print_errors(&errors);
            failures++;
        }
        pack_free(pack);
        pack_errors_clear(&errors);
    }
    pack_search_list_free(list);
    if (count == 0) {
        print_message("no packs in content/packs yet\n");
    }
    assert_int_equal(failures, 0);
}

static void test_ui_strings_complete(void **state)
{
    (void)state;
    char en_path[PATH_MAX];
    char es_path[PATH_MAX];
    path_of(en_path, sizeof en_path, "content/ui/en.json");
    path_of(es_path, sizeof es_path, "content/ui/es-MX.json");
    PackErrors errors;
    pack_errors_init(&errors);
    StringTable *en = pack_strings_load(en_path, "en", &errors);
    StringTable *es = pack_strings_load(es_path, "es-MX", &errors);
    assert_non_null(en);
    assert_non_null(es);
    assert_int_equal(pack_strings_compare(en, es, es_path, &errors), 0);
    assert_int_equal(pack_strings_compare(es, en, en_path, &errors), 0);
    if (errors.count) {
        print_errors(&errors);
    }
    assert_int_equal(errors.count, 0);
    assert_true(i18n_table_count(en) >= 100);
    /* What the screens need is there. */
    static const char *const keys[] = {"title.new_session",
                                       "card.pass",
                                       "card.skip",
                                       "card.reveal",
                                       "card.agree",
                                       "card.disagree",
                                       "card.unsure",
                                       "card.complete",
                                       "card.claim",
                                       "ground_rules.pass",
                                       "ground_rules.personal",
                                       "ground_rules.respect",
                                       "ground_rules.confidentiality",
                                       "pause.title",
                                       "help.title",
                                       "space_kind.go_to_pause",
                                       "card_kind.myth_fact",
                                       "locale.script",
                                       "locale.direction",
                                       NULL};
    for (int i = 0; keys[i]; i++) {
        if (!i18n_table_get(en, keys[i]) || !i18n_table_get(es, keys[i])) {
            fail_msg("UI string %s is missing", keys[i]);
        }
    }
    i18n_table_destroy(en);
    i18n_table_destroy(es);
    pack_errors_clear(&errors);
}

static void test_strings_compare(void **state)
{
    (void)state;
    StringTable *src = i18n_table_create("en");
    StringTable *uk = i18n_table_create("uk");
    i18n_table_set(src, "points_one", "{{count}} point");
    i18n_table_set(src, "points_other", "{{count}} points");
    i18n_table_set(src, "hello", "Hello, {{team}}");
    i18n_table_set(uk, "points_one", "{{count}} бал");
    i18n_table_set(uk, "points_many", "{{count}} балів");
    i18n_table_set(uk, "hello", "Привіт, {{name}}");
    i18n_table_set(uk, "extra", "зайве");
    PackErrors errors;
    pack_errors_init(&errors);
    assert_int_equal(pack_strings_compare(src, uk, "uk.json", &errors), 0);
    assert_true(has_error(&errors, "points_few", "missing plural form \"few\""));
    assert_true(has_error(&errors, "hello", "placeholder {{name}} is not in the source"));
    assert_true(has_error(&errors, "hello", "missing placeholder {{team}}"));
    assert_int_equal(errors.warnings, 1); /* "extra" */
    pack_errors_clear(&errors);
    i18n_table_destroy(src);
    i18n_table_destroy(uk);
}

static int setup(void **state)
{
    (void)state;
    fmt(temp_root, sizeof temp_root, "%s/rutas-content-XXXXXX",
        getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(temp_root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char command[PATH_MAX + 16];
    fmt(command, sizeof command, "rm -rf '%s'", temp_root);
    return system(command) == 0 ? 0 : -1;
}

int main(void)
{
    const char *env = getenv("RUTAS_SOURCE_DIR");
    fmt(source_dir, sizeof source_dir, "%s", env ? env : RUTAS_SOURCE_DIR_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mini_loads),
        cmocka_unit_test(test_overlay_merges),
        cmocka_unit_test(test_broken_packs),
        cmocka_unit_test(test_file_too_large),
        cmocka_unit_test(test_too_many_cards),
        cmocka_unit_test(test_random_corruption),
        cmocka_unit_test(test_null_and_missing),
        cmocka_unit_test(test_search_path),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_pack_ground_rules),
        cmocka_unit_test(test_shipped_packs_validate),
        cmocka_unit_test(test_ui_strings_complete),
        cmocka_unit_test(test_strings_compare),
        cmocka_unit_test(test_fifos_are_refused),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_too_many_files),
        cmocka_unit_test(test_extends_depth),
        cmocka_unit_test(test_too_many_texts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
