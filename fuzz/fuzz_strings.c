/*
 * fuzz_strings.c: libFuzzer target for the locale, plural and interpolation layer.
 *
 * Parts of an input (separated by a line holding only "@@"): a language tag, a source locale,
 * a text with {{placeholders}}, a string file (i18next JSON, read by pack_strings_load) and a
 * second string file compared with the first as its translation. The first byte of the text
 * part, when there is one, also picks an output buffer size and a number for plurals.
 *
 * Properties checked beside the sanitizers: a normalized tag is a fixed point of
 * i18n_tag_normalize; fallback chains stay within their bound and hold no duplicates;
 * i18n_interpolate returns the same length whatever the buffer, writes a prefix of the full
 * result, always terminates it, and never splits a UTF-8 sequence of valid text. The one-pass
 * reader of locale files (strings_read_fast) accepts only what the checked path (cJSON, then
 * strings_flatten) accepts without an error, and gives the same table.
 */
#include "fuzz_util.h"

#include "i18n.h"
#include "pack.h"
#include "pack_internal.h" /* strings_read_fast and the checked path it must agree with */

static void check_tags(const char *tag, const char *source)
{
    char norm[I18N_TAG_MAX];
    char again[I18N_TAG_MAX];
    char parent[I18N_TAG_MAX];
    char lang[8];
    if (i18n_tag_normalize(tag, norm, sizeof norm)) {
        FUZZ_CHECK(strlen(norm) < I18N_TAG_MAX);
        FUZZ_CHECK(i18n_tag_normalize(norm, again, sizeof again) && strcmp(norm, again) == 0);
        char cur[I18N_TAG_MAX];
        memcpy(cur, norm, sizeof cur);
        for (int guard = 0; i18n_tag_parent(cur, parent, sizeof parent); guard++) {
            FUZZ_CHECK(guard < 8 && strlen(parent) < strlen(cur) + 4);
            memcpy(cur, parent, sizeof cur);
        }
    } else {
        FUZZ_CHECK(norm[0] == '\0');
    }
    /* A short output buffer must still be terminated. */
    char tiny[3];
    (void)i18n_tag_normalize(tag, tiny, sizeof tiny);
    FUZZ_CHECK(memchr(tiny, '\0', sizeof tiny) != NULL);
    i18n_tag_language(tag, lang, sizeof lang);
    FUZZ_CHECK(strlen(lang) < sizeof lang);
    (void)i18n_tag_default_script(tag);
    (void)i18n_tag_is_rtl(tag);

    char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
    for (int max = 1; max <= I18N_CHAIN_MAX; max += 5) {
        int n = i18n_fallback_chain(tag, source, chain, max);
        FUZZ_CHECK(n >= 1 && n <= max);
        for (int i = 0; i < n; i++) {
            FUZZ_CHECK(strlen(chain[i]) < I18N_TAG_MAX);
            for (int j = 0; j < i; j++) {
                FUZZ_CHECK(strcmp(chain[i], chain[j]) != 0);
            }
        }
    }
    const char *fallback = source ? source : "en";
    const char *available[] = {fallback, "es-MX", "en", tag};
    const char *preferred[] = {tag, fallback};
    const char *chosen = i18n_choose_locale(tag, preferred, 2, available, 4, fallback);
    FUZZ_CHECK(chosen == fallback || chosen == available[1] || chosen == available[2] ||
               chosen == tag);
}

static void check_plurals(const char *tag, long long n)
{
    static const long long NUMBERS[] = {0, 1, 2, 3, 11, 21, 101, 1000000, -1, LLONG_MIN, LLONG_MAX};
    PluralCategory c = i18n_plural_category(tag, n);
    FUZZ_CHECK(c >= PLURAL_ZERO && c < PLURAL_CATEGORY_COUNT);
    for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
        c = i18n_plural_category(tag, NUMBERS[i]);
        FUZZ_CHECK(c >= PLURAL_ZERO && c < PLURAL_CATEGORY_COUNT);
        FUZZ_CHECK(i18n_plural_from_suffix(i18n_plural_suffix(c)) == (int)c);
    }
    unsigned needed = i18n_plural_forms_needed(tag);
    FUZZ_CHECK(needed != 0);
    FUZZ_CHECK(needed < (1u << PLURAL_CATEGORY_COUNT));
}

static void check_interpolate(const char *text, size_t small)
{
    static char full[1 << 16];
    char cut[256];
    I18nArg args[] = {{"team", "Equipo ñandú"}, {"count", "12"},    {"x", ""}, {NULL, "z"},
                      {"name", NULL},           {"a.b", "{{team}}"}};
    int arg_count = (int)(sizeof args / sizeof args[0]);
    size_t need = i18n_interpolate(text, args, arg_count, full, sizeof full);
    size_t zero = i18n_interpolate(text, args, arg_count, NULL, 0);
    FUZZ_CHECK(zero == need);
    if (need >= sizeof full) {
        return;
    }
    FUZZ_CHECK(strlen(full) == need);
    size_t size = 1 + small % sizeof cut;
    size_t got = i18n_interpolate(text, args, arg_count, cut, size);
    FUZZ_CHECK(got == need);
    size_t len = strlen(cut);
    FUZZ_CHECK(len < size && len <= need && memcmp(cut, full, len) == 0);
    if (fuzz_is_utf8(full, need)) {
        FUZZ_CHECK(fuzz_is_utf8(cut, len));
    }
    const char *name = NULL;
    size_t name_len = 0;
    int found = 0;
    for (const char *p = text; (p = i18n_next_placeholder(p, &name, &name_len)) != NULL;) {
        FUZZ_CHECK(name_len > 0 && name >= text && name + name_len <= text + strlen(text));
        found++;
    }
    (void)found;
}

/* The fast reader and the checked path on the same text: when the fast one accepts, the
 * checked one must accept too, with the same keys and values in the same order. */
static void check_fast_reader(const FuzzPart *part)
{
    StringTable *fast = i18n_table_create("en");
    bool fast_ok = strings_read_fast((const char *)part->data, part->size, fast);
    if (fast_ok) {
        PackErrors errors;
        pack_errors_init(&errors);
        Ctx ctx = {&errors, "fast.json", 0};
        cJSON *root = content_parse_json(&ctx, (const char *)part->data, part->size);
        FUZZ_CHECK(root != NULL);
        StringTable *checked = i18n_table_create("en");
        FUZZ_CHECK(strings_flatten(&ctx, root, checked));
        FUZZ_CHECK(errors.errors == 0);
        FUZZ_CHECK(i18n_table_count(fast) == i18n_table_count(checked));
        for (int i = 0; i < i18n_table_count(fast); i++) {
            FUZZ_CHECK(strcmp(i18n_table_key(fast, i), i18n_table_key(checked, i)) == 0);
            FUZZ_CHECK(strcmp(i18n_table_value(fast, i), i18n_table_value(checked, i)) == 0);
        }
        cJSON_Delete(root);
        i18n_table_destroy(checked);
        pack_errors_clear(&errors);
    }
    i18n_table_destroy(fast);
}

static StringTable *load_table(const FuzzPart *part, const char *tag, const char *dir,
                               const char *name)
{
    char path[PATH_MAX];
    fuzz_write_file(dir, name, part->data, part->size);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    PackErrors errors;
    pack_errors_init(&errors);
    StringTable *table = pack_strings_load(path, tag, &errors);
    FUZZ_CHECK((table == NULL) == (errors.errors > 0));
    pack_errors_clear(&errors);
    return table;
}

static void use_tables(const StringTable *source, const StringTable *target, const char *tag,
                       const char *source_tag, long long n)
{
    I18n *i18n = i18n_create(tag, source_tag);
    i18n_add_table(i18n, source);
    i18n_add_table(i18n, target);
    const StringTable *tables[] = {source, target};
    for (int t = 0; t < 2; t++) {
        for (int k = 0; tables[t] && k < i18n_table_count(tables[t]); k++) {
            char out[128];
            const char *key = i18n_table_key(tables[t], k);
            I18nArg args[] = {{"team", "Equipo"}, {"count", "2"}};
            FUZZ_CHECK(i18n_text(i18n, key) != NULL);
            size_t r = i18n_format(i18n, out, sizeof out, key, args, 2);
            FUZZ_CHECK(strlen(out) <= r);
            /* The plural base: the key without a _one/_other/... suffix. */
            char base[300];
            snprintf(base, sizeof base, "%s", key);
            char *u = strrchr(base, '_');
            if (u && i18n_plural_from_suffix(u + 1) >= 0) {
                *u = '\0';
            }
            r = i18n_plural(i18n, out, sizeof out, base, n, args, 1);
            FUZZ_CHECK(strlen(out) <= r);
        }
    }
    (void)i18n_script(i18n);
    (void)i18n_is_rtl(i18n);
    i18n_set_locale(i18n, source_tag);
    (void)i18n_text(i18n, "pack.title");
    FUZZ_CHECK(i18n_missing_count(i18n) >= 0);
    i18n_destroy(i18n);
    if (source && target) {
        PackErrors errors;
        pack_errors_init(&errors);
        int missing = pack_strings_compare(source, target, "target.json", &errors);
        FUZZ_CHECK(missing >= 0 && missing <= i18n_table_count(source));
        pack_errors_clear(&errors);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzPart parts[5] = {{NULL, 0}};
    int count = fuzz_split(data, size, parts, 5);
    char *tag = fuzz_strdup(&parts[0]);
    char *source = count > 1 ? fuzz_strdup(&parts[1]) : NULL;
    char *text = count > 2 ? fuzz_strdup(&parts[2]) : NULL;
    unsigned char knob = text && *text ? (unsigned char)text[0] : 0;
    long long n = (long long)knob * 997 - 3000;
    if (knob == 0xff) {
        n = LLONG_MIN;
    }

    check_tags(tag, source);
    check_plurals(tag, n);
    if (text) {
        check_interpolate(text, knob);
    }
    if (count > 3) {
        char dir[PATH_MAX];
        char norm[I18N_TAG_MAX];
        char source_norm[I18N_TAG_MAX];
        if (!i18n_tag_normalize(tag, norm, sizeof norm)) {
            snprintf(norm, sizeof norm, "es-MX");
        }
        if (!i18n_tag_normalize(source, source_norm, sizeof source_norm)) {
            snprintf(source_norm, sizeof source_norm, "en");
        }
        check_fast_reader(&parts[3]);
        fuzz_make_temp_dir(dir, sizeof dir);
        StringTable *a = load_table(&parts[3], source_norm, dir, "source.json");
        StringTable *b = count > 4 ? load_table(&parts[4], norm, dir, "target.json") : NULL;
        if (a) {
            use_tables(a, b, norm, source_norm, n);
        }
        i18n_table_destroy(a);
        i18n_table_destroy(b);
        fuzz_remove_tree(dir);
    }
    free(tag);
    free(source);
    free(text);
    return 0;
}
