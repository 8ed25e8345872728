/*
 * test_i18n.c: plural rules against known CLDR answers, locale tags and fallback chains,
 * per-key fallback with a missing key reported once, {{placeholder}} interpolation, plural
 * lookup, locale choice, script and direction.
 */
#include "i18n.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

enum {
    Z = PLURAL_ZERO,
    O = PLURAL_ONE,
    T = PLURAL_TWO,
    F = PLURAL_FEW,
    M = PLURAL_MANY,
    X = PLURAL_OTHER
};

/* CLDR 42 cardinal categories (as ICU 72 gives them) for 0, 1, 2, 5, 11, 21, 101. */
static const struct {
    const char *tag;
    int expect[7];
} PLURALS[] = {
    {"en", {X, O, X, X, X, X, X}},    {"es", {X, O, X, X, X, X, X}},
    {"es-MX", {X, O, X, X, X, X, X}}, {"pt", {O, O, X, X, X, X, X}},
    {"pt-BR", {O, O, X, X, X, X, X}}, {"pt-PT", {X, O, X, X, X, X, X}},
    {"pt-MZ", {X, O, X, X, X, X, X}}, {"fr", {O, O, X, X, X, X, X}},
    {"uk", {M, O, F, M, M, O, O}},    {"ru", {M, O, F, M, M, O, O}},
    {"hi", {O, O, X, X, X, X, X}},    {"bn", {O, O, X, X, X, X, X}},
    {"ar", {Z, O, T, F, M, M, X}},    {"he", {X, O, T, X, X, X, X}},
    {"th", {X, X, X, X, X, X, X}},
};

static void test_plural_categories(void **state)
{
    (void)state;
    static const long long numbers[7] = {0, 1, 2, 5, 11, 21, 101};
    for (size_t l = 0; l < sizeof PLURALS / sizeof PLURALS[0]; l++) {
        for (int i = 0; i < 7; i++) {
            PluralCategory got = i18n_plural_category(PLURALS[l].tag, numbers[i]);
            if ((int)got != PLURALS[l].expect[i]) {
                fail_msg("%s %lld: got %s, CLDR says %s", PLURALS[l].tag, numbers[i],
                         i18n_plural_suffix(got),
                         i18n_plural_suffix((PluralCategory)PLURALS[l].expect[i]));
            }
        }
    }
    /* More of the rules' edges. */
    assert_int_equal(i18n_plural_category("uk", 12), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("uk", 22), PLURAL_FEW);
    assert_int_equal(i18n_plural_category("uk", 111), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("ar", 3), PLURAL_FEW);
    assert_int_equal(i18n_plural_category("ar", 100), PLURAL_OTHER);
    assert_int_equal(i18n_plural_category("ar", 102), PLURAL_OTHER);
    assert_int_equal(i18n_plural_category("ar", 111), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("es", 1000000), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("fr", 1000000), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("pt-PT", 2000000), PLURAL_MANY);
    assert_int_equal(i18n_plural_category("en", 1000000), PLURAL_OTHER);
    assert_int_equal(i18n_plural_category("en", -1), PLURAL_ONE);
    assert_int_equal(i18n_plural_category("xx", 1), PLURAL_ONE); /* unknown: English rule */
}

static void test_plural_forms_needed(void **state)
{
    (void)state;
    assert_int_equal(i18n_plural_forms_needed("en"), (1u << O) | (1u << X));
    assert_int_equal(i18n_plural_forms_needed("es-MX"), (1u << O) | (1u << X));
    assert_int_equal(i18n_plural_forms_needed("uk"), (1u << O) | (1u << F) | (1u << M));
    assert_int_equal(i18n_plural_forms_needed("ar"), 0x3Fu);
    assert_int_equal(i18n_plural_forms_needed("th"), 1u << X);
    assert_int_equal(i18n_plural_from_suffix("few"), PLURAL_FEW);
    assert_int_equal(i18n_plural_from_suffix("several"), -1);
}

static void test_tags(void **state)
{
    (void)state;
    char out[I18N_TAG_MAX];
    assert_true(i18n_tag_normalize("es_mx", out, sizeof out));
    assert_string_equal(out, "es-MX");
    assert_true(i18n_tag_normalize("ES-mx.UTF-8", out, sizeof out));
    assert_string_equal(out, "es-MX");
    assert_true(i18n_tag_normalize("zh-hant-tw", out, sizeof out));
    assert_string_equal(out, "zh-Hant-TW");
    assert_true(i18n_tag_normalize("es-419", out, sizeof out));
    assert_string_equal(out, "es-419");
    assert_false(i18n_tag_normalize("", out, sizeof out));
    assert_false(i18n_tag_normalize(NULL, out, sizeof out));
    assert_false(i18n_tag_normalize("e", out, sizeof out));
    assert_false(i18n_tag_normalize("es-", out, sizeof out));
    assert_false(i18n_tag_normalize("../x", out, sizeof out));
    assert_false(i18n_tag_normalize("es-MX-MX", out, sizeof out));

    assert_true(i18n_tag_parent("es-MX", out, sizeof out));
    assert_string_equal(out, "es-419");
    assert_true(i18n_tag_parent("es-419", out, sizeof out));
    assert_string_equal(out, "es");
    assert_false(i18n_tag_parent("es", out, sizeof out));
    assert_true(i18n_tag_parent("es-ES", out, sizeof out));
    assert_string_equal(out, "es");
    assert_true(i18n_tag_parent("pt-MZ", out, sizeof out));
    assert_string_equal(out, "pt-PT");
    assert_true(i18n_tag_parent("pt-BR", out, sizeof out));
    assert_string_equal(out, "pt");
    assert_true(i18n_tag_parent("en-IN", out, sizeof out));
    assert_string_equal(out, "en-001");
    assert_true(i18n_tag_parent("en-DE", out, sizeof out));
    assert_string_equal(out, "en-150");
    assert_true(i18n_tag_parent("en-150", out, sizeof out));
    assert_string_equal(out, "en-001");
    assert_true(i18n_tag_parent("en-US", out, sizeof out));
    assert_string_equal(out, "en");
    assert_true(i18n_tag_parent("zh-Hant-TW", out, sizeof out));
    assert_string_equal(out, "zh-Hant");
}

static void expect_chain(const char *tag, const char *source, const char *const *want)
{
    char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
    int n = i18n_fallback_chain(tag, source, chain, I18N_CHAIN_MAX);
    int i = 0;
    for (; want[i]; i++) {
        if (i >= n || strcmp(chain[i], want[i]) != 0) {
            fail_msg("chain of %s (source %s) at %d: got %s, want %s", tag, source, i,
                     i < n ? chain[i] : "(end)", want[i]);
        }
    }
    assert_int_equal(n, i);
}

static void test_fallback_chains(void **state)
{
    (void)state;
    expect_chain("es-MX", "es-MX", (const char *const[]){"es-MX", "es-419", "es", "en", NULL});
    expect_chain(
        "pt-MZ", "es-MX",
        (const char *const[]){"pt-MZ", "pt-PT", "pt", "es-MX", "es-419", "es", "en", NULL});
    expect_chain("en-IN", "es-MX",
                 (const char *const[]){"en-IN", "en-001", "en", "es-MX", "es-419", "es", NULL});
    expect_chain("fr-CA", NULL, (const char *const[]){"fr-CA", "fr", "en", NULL});
    expect_chain("bogus!", "es", (const char *const[]){"es", "en", NULL});
}

static int missing_calls;
static char missing_key[128];

static void on_missing(void *user, const char *locale, const char *key)
{
    (void)user;
    (void)locale;
    missing_calls++;
    snprintf(missing_key, sizeof missing_key, "%s", key);
}

static void test_per_key_fallback(void **state)
{
    (void)state;
    StringTable *es = i18n_table_create("es");
    StringTable *es_mx = i18n_table_create("es-MX");
    StringTable *en = i18n_table_create("en");
    StringTable *overlay = i18n_table_create("es-MX");
    i18n_table_set(es, "a", "es a");
    i18n_table_set(es, "b", "es b");
    i18n_table_set(es_mx, "a", "mx a");
    i18n_table_set(en, "c", "en c");
    i18n_table_set(overlay, "a", "overlay a");
    I18n *i = i18n_create("es-MX", "es-MX");
    i18n_add_table(i, en);
    i18n_add_table(i, es);
    i18n_add_table(i, es_mx);
    i18n_set_missing_handler(i, on_missing, NULL);
    assert_string_equal(i18n_text(i, "a"), "mx a");
    assert_string_equal(i18n_text(i, "b"), "es b"); /* through es-419 to es */
    assert_string_equal(i18n_text(i, "c"), "en c"); /* English last */
    missing_calls = 0;
    assert_string_equal(i18n_text(i, "no.such.key"), "no.such.key");
    assert_string_equal(i18n_text(i, "no.such.key"), "no.such.key");
    assert_int_equal(missing_calls, 1); /* reported once */
    assert_string_equal(missing_key, "no.such.key");
    assert_int_equal(i18n_missing_count(i), 1);
    assert_string_equal(i18n_text(i, NULL), "");
    const char *tag = NULL;
    assert_string_equal(i18n_lookup(i, "b", &tag), "es b");
    assert_string_equal(tag, "es");
    assert_null(i18n_lookup(i, "zzz", NULL));
    i18n_add_table(i, overlay); /* later tables of a tag win */
    assert_string_equal(i18n_text(i, "a"), "overlay a");
    i18n_set_locale(i, "en-GB");
    assert_string_equal(i18n_locale(i), "en-GB");
    assert_string_equal(i18n_text(i, "c"), "en c");
    assert_string_equal(i18n_text(i, "a"), "overlay a"); /* the source locale */
    i18n_destroy(i);
    i18n_destroy(NULL);
    i18n_table_destroy(es);
    i18n_table_destroy(es_mx);
    i18n_table_destroy(en);
    i18n_table_destroy(overlay);
    i18n_table_destroy(NULL);
}

static void test_interpolation(void **state)
{
    (void)state;
    char out[64];
    const I18nArg args[] = {{"team", "Azul"}, {"n", "3"}};
    assert_int_equal(i18n_interpolate("{{team}} gana {{ n }} puntos", args, 2, out, sizeof out),
                     strlen("Azul gana 3 puntos"));
    assert_string_equal(out, "Azul gana 3 puntos");
    i18n_interpolate("{{- team}}!", args, 2, out, sizeof out);
    assert_string_equal(out, "Azul!");
    i18n_interpolate("{{missing}} stays", args, 2, out, sizeof out);
    assert_string_equal(out, "{{missing}} stays");
    i18n_interpolate("{{ not a name }} {{team", args, 2, out, sizeof out);
    assert_string_equal(out, "{{ not a name }} {{team");
    i18n_interpolate("{{team}}{{team}}", args, 2, out, sizeof out);
    assert_string_equal(out, "AzulAzul");
    /* Truncation never splits a UTF-8 sequence and reports the full length. */
    char small[6];
    assert_int_equal(i18n_interpolate("añoñá", NULL, 0, small, sizeof small), 8);
    assert_string_equal(small, "año");
    assert_int_equal(i18n_interpolate("abc", NULL, 0, NULL, 0), 3);
    const char *name = NULL;
    size_t len = 0;
    const char *next = i18n_next_placeholder("x {{ a.b }} y {{c}}", &name, &len);
    assert_non_null(next);
    assert_int_equal(len, 3);
    assert_memory_equal(name, "a.b", 3);
    next = i18n_next_placeholder(next, &name, &len);
    assert_memory_equal(name, "c", 1);
    assert_null(i18n_next_placeholder(next, &name, &len));
}

static void test_format_and_plural(void **state)
{
    (void)state;
    StringTable *en = i18n_table_create("en");
    StringTable *uk = i18n_table_create("uk");
    StringTable *es = i18n_table_create("es-MX");
    i18n_table_set(en, "points_one", "{{count}} point for {{team}}");
    i18n_table_set(en, "points_other", "{{count}} points for {{team}}");
    i18n_table_set(en, "hello", "Hello, {{team}}");
    i18n_table_set(uk, "points_one", "{{count}} бал");
    i18n_table_set(uk, "points_few", "{{count}} бали");
    i18n_table_set(uk, "points_many", "{{count}} балів");
    i18n_table_set(es, "cards", "{{count}} tarjetas"); /* no plural forms: the key itself */
    I18n *i = i18n_create("en", "en");
    i18n_add_table(i, en);
    i18n_add_table(i, uk);
    i18n_add_table(i, es);
    char out[128];
    const I18nArg team = {"team", "Azul"};
    i18n_plural(i, out, sizeof out, "points", 1, &team, 1);
    assert_string_equal(out, "1 point for Azul");
    i18n_plural(i, out, sizeof out, "points", 0, &team, 1);
    assert_string_equal(out, "0 points for Azul");
    i18n_format(i, out, sizeof out, "hello", &team, 1);
    assert_string_equal(out, "Hello, Azul");
    i18n_set_locale(i, "uk");
    i18n_plural(i, out, sizeof out, "points", 22, NULL, 0);
    assert_string_equal(out, "22 бали");
    i18n_plural(i, out, sizeof out, "points", 11, NULL, 0);
    assert_string_equal(out, "11 балів");
    i18n_plural(i, out, sizeof out, "points", 21, NULL, 0);
    assert_string_equal(out, "21 бал");
    i18n_set_locale(i, "es-MX");
    i18n_plural(i, out, sizeof out, "cards", 4, NULL, 0);
    assert_string_equal(out, "4 tarjetas");
    /* A language that lacks the key entirely: the next in the chain decides the grammar. */
    i18n_plural(i, out, sizeof out, "points", 2, &team, 1);
    assert_string_equal(out, "2 points for Azul");
    i18n_plural(i, out, sizeof out, "nothing", 2, NULL, 0);
    assert_string_equal(out, "nothing");
    assert_int_equal(i18n_missing_count(i), 1);
    i18n_destroy(i);
    i18n_table_destroy(en);
    i18n_table_destroy(uk);
    i18n_table_destroy(es);
}

static void test_choose_locale(void **state)
{
    (void)state;
    const char *const available[] = {"es-MX", "en", "pt-PT"};
    const char *const preferred[] = {"fr-FR", "es-AR", "en-US"};
    assert_string_equal(i18n_choose_locale("en", preferred, 3, available, 3, "es-MX"), "en");
    assert_string_equal(i18n_choose_locale(NULL, preferred, 3, available, 3, "es-MX"), "es-MX");
    const char *const brazil[] = {"pt_BR"};
    assert_string_equal(i18n_choose_locale(NULL, brazil, 1, available, 3, "es-MX"), "pt-PT");
    const char *const mz[] = {"pt-MZ"};
    assert_string_equal(i18n_choose_locale("", mz, 1, available, 3, "es-MX"), "pt-PT");
    const char *const none[] = {"de-DE", "ja"};
    assert_string_equal(i18n_choose_locale("xx", none, 2, available, 3, "es-MX"), "es-MX");
    assert_string_equal(i18n_choose_locale(NULL, NULL, 0, available, 3, "es-MX"), "es-MX");
    const char *const en_in[] = {"en-IN"};
    assert_string_equal(i18n_choose_locale(NULL, en_in, 1, available, 3, "es-MX"), "en");
}

static void test_script_direction(void **state)
{
    (void)state;
    assert_string_equal(i18n_tag_default_script("hi"), "Deva");
    assert_string_equal(i18n_tag_default_script("bn-IN"), "Beng");
    assert_string_equal(i18n_tag_default_script("uk"), "Cyrl");
    assert_string_equal(i18n_tag_default_script("es-MX"), "Latn");
    assert_string_equal(i18n_tag_default_script("sr-Latn"), "Latn");
    assert_true(i18n_tag_is_rtl("ar-EG"));
    assert_true(i18n_tag_is_rtl("he"));
    assert_false(i18n_tag_is_rtl("th"));

    StringTable *ar = i18n_table_create("ar");
    StringTable *en = i18n_table_create("en");
    i18n_table_set(en, "locale.script", "Latn");
    i18n_table_set(en, "locale.direction", "ltr");
    i18n_table_set(ar, "x", "y"); /* no locale.* keys: the defaults for Arabic */
    I18n *i = i18n_create("ar", "en");
    i18n_add_table(i, en);
    i18n_add_table(i, ar);
    assert_string_equal(i18n_script(i), "Arab");
    assert_true(i18n_is_rtl(i));
    i18n_set_locale(i, "fa"); /* no fa strings: English text is shown, so Latin, ltr */
    assert_string_equal(i18n_script(i), "Latn");
    assert_false(i18n_is_rtl(i));
    i18n_table_set(ar, "locale.direction", "ltr"); /* what the file says wins */
    i18n_set_locale(i, "ar");
    assert_false(i18n_is_rtl(i));
    i18n_destroy(i);
    i18n_table_destroy(ar);
    i18n_table_destroy(en);
}

static void test_table(void **state)
{
    (void)state;
    StringTable *t = i18n_table_create("en");
    char key[32];
    char value[32];
    for (int n = 0; n < 20000; n++) {
        snprintf(key, sizeof key, "key.%d", n);
        snprintf(value, sizeof value, "value %d", n);
        assert_false(i18n_table_set(t, key, value));
    }
    assert_true(i18n_table_set(t, "key.5", "replaced"));
    assert_int_equal(i18n_table_count(t), 20000);
    assert_string_equal(i18n_table_get(t, "key.19999"), "value 19999");
    assert_string_equal(i18n_table_get(t, "key.5"), "replaced");
    assert_string_equal(i18n_table_key(t, 7), "key.7");
    assert_string_equal(i18n_table_value(t, 5), "replaced");
    assert_null(i18n_table_key(t, 20000));
    assert_null(i18n_table_get(t, "key.20000"));
    assert_string_equal(i18n_table_tag(t), "en");
    i18n_table_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plural_categories),
        cmocka_unit_test(test_plural_forms_needed),
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_fallback_chains),
        cmocka_unit_test(test_per_key_fallback),
        cmocka_unit_test(test_interpolation),
        cmocka_unit_test(test_format_and_plural),
        cmocka_unit_test(test_choose_locale),
        cmocka_unit_test(test_script_direction),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
