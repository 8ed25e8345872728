/*
 * test_strings_fast.c: the one-pass reader of locale files (strings_read_fast) against the
 * checked path (content_parse_json, then strings_flatten). Whenever the fast path accepts a
 * text, the checked path must accept it without a problem and give the same table; every
 * locale file shipped or in the fixtures must take the fast path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pack_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef RUTAS_SOURCE_DIR_DEFAULT
#define RUTAS_SOURCE_DIR_DEFAULT "."
#endif

static const char *source_dir(void)
{
    const char *env = getenv("RUTAS_SOURCE_DIR");
    return env != NULL ? env : RUTAS_SOURCE_DIR_DEFAULT;
}

/* Returns whether the fast path took the text; checks it agrees with the checked path. */
static bool agrees(const char *text, size_t size)
{
    StringTable *fast = i18n_table_create("en");
    bool took = strings_read_fast(text, size, fast);
    PackErrors errors;
    pack_errors_init(&errors);
    Ctx ctx = {&errors, "test.json", 0};
    cJSON *root = content_parse_json(&ctx, text, size);
    StringTable *slow = i18n_table_create("en");
    bool flat = root != NULL && strings_flatten(&ctx, root, slow);
    if (took) {
        if (!flat || errors.count != 0) {
            fprintf(stderr, "fast path took a text the checked path refuses: %.*s\n",
                    (int)(size < 200 ? size : 200), text);
        }
        assert_true(flat);
        assert_int_equal(errors.count, 0);
        assert_int_equal(i18n_table_count(fast), i18n_table_count(slow));
        for (int i = 0; i < i18n_table_count(slow); i++) {
            assert_string_equal(i18n_table_key(fast, i), i18n_table_key(slow, i));
            assert_string_equal(i18n_table_value(fast, i), i18n_table_value(slow, i));
        }
    }
    cJSON_Delete(root);
    pack_errors_clear(&errors);
    i18n_table_destroy(fast);
    i18n_table_destroy(slow);
    return took;
}

static bool agrees_str(const char *text)
{
    return agrees(text, strlen(text));
}

static void test_texts(void **state)
{
    (void)state;
    /* Taken, and equal. */
    assert_true(agrees_str("{}"));
    assert_true(agrees_str(" \n{\"a\": \"b\"}\r\n\t "));
    assert_true(agrees_str("\xEF\xBB\xBF{\"a\": {\"b\": {\"c\": \"d\"}}, \"e\": \"\"}"));
    assert_true(agrees_str("{\"q\": \"a \\\"b\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}"));
    assert_true(agrees_str("{\"u\": \"\\u00e9\\u200B\\u20AC\\ud83d\\ude00 \\u0041\"}"));
    assert_true(agrees_str("{\"k\": \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"}"));
    assert_true(agrees_str("{\"a\": {}, \"b\": \"long enough to pass eight bytes at once\"}"));
    assert_true(agrees_str("{\"\\u0063ard\": {\"x\": \"y\"}}"));
    /* Not taken (the checked path decides and reports). */
    const char *const refused[] = {
        "",
        "[]",
        "\"a\"",
        "{\"a\": 1}",
        "{\"a\": [\"b\"]}",
        "{\"a\": true}",
        "{\"a\": null}",
        "{\"a\": \"b\",}",
        "{\"a\": \"b\"} x",
        "{\"a\": \"b\"",
        "{\"a\" \"b\"}",
        "{'a': \"b\"}",
        "{\"a\": \"b\" \"c\": \"d\"}",
        "{\"a\": \"b\", \"a\": \"c\"}",
        "{\"a\": {\"b\": \"c\"}, \"a.b\": \"d\"}",
        "{\"\": \"b\"}",
        "{\"a\": \"line\nbreak\"}",
        "{\"a\": \"tab\there\"}",
        "{\"a\": \"\\u0000\"}",
        "{\"a\": \"\\ud800\"}",
        "{\"a\": \"\\udc00\"}",
        "{\"a\": \"\\x41\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"\xC3\"}",
        "{\"a\": \"\xED\xA0\x80\"}",
        "{\"a\": \"\xC0\xAF\"}",
        "{\"a\":\v\"b\"}",
        "{\"a\": \"b\"}\v",
        "// comment\n{}",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        assert_false(agrees_str(refused[i]));
    }
    assert_false(agrees("{\"a\": \"b\0\"}", 11)); /* a NUL byte */
}

static void test_limits(void **state)
{
    (void)state;
    /* Nesting: 32 levels are fine, 33 are not. */
    char deep[512] = "";
    for (int depth = 32; depth <= 33; depth++) {
        size_t n = 0;
        for (int i = 0; i < depth; i++) {
            n += (size_t)sprintf(deep + n, "{\"k\":");
        }
        n += (size_t)sprintf(deep + n, "\"v\"");
        for (int i = 0; i < depth; i++) {
            deep[n++] = '}';
        }
        deep[n] = '\0';
        /* The innermost object holds the string: depth - 1 objects around it, plus the root. */
        assert_int_equal(agrees_str(deep), depth <= 32);
    }
    /* A key of 255 bytes is fine, 256 is not; a value of PACK_LIMIT_STRING bytes is fine,
     * one more is not. */
    static char text[PACK_LIMIT_STRING + 64];
    for (int len = 255; len <= 256; len++) {
        int n = sprintf(text, "{\"");
        memset(text + n, 'k', (size_t)len);
        sprintf(text + n + len, "\": \"v\"}");
        assert_int_equal(agrees_str(text), len == 255);
    }
    for (int len = PACK_LIMIT_STRING; len <= PACK_LIMIT_STRING + 1; len++) {
        int n = sprintf(text, "{\"k\": \"");
        memset(text + n, 'v', (size_t)len);
        sprintf(text + n + len, "\"}");
        assert_int_equal(agrees_str(text), len == PACK_LIMIT_STRING);
    }
}

static int files_taken;

static void check_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    if (!agrees(text, (size_t)size)) {
        fprintf(stderr, "%s: the fast path gave up on a shipped locale file\n", path);
        fail();
    }
    files_taken++;
    free(text);
}

/* Every .json file in a folder named locales (or content/ui), under dir. */
static void walk(const char *dir, bool locale_dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) {
            continue;
        }
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode)) {
            walk(path, strcmp(e->d_name, "locales") == 0);
        } else if (locale_dir && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0) {
            check_file(path);
        }
    }
    closedir(d);
}

static void test_shipped_files(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/content/packs", source_dir());
    walk(dir, false);
    snprintf(dir, sizeof dir, "%s/content/ui", source_dir());
    walk(dir, true);
    snprintf(dir, sizeof dir, "%s/tests/fixtures/packs/good", source_dir());
    walk(dir, false);
    assert_true(files_taken >= 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_shipped_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
