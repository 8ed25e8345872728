/*
 * pack_strings.c: locale files (i18next v4 JSON, flat or nested) into StringTables, and the
 * checks on them: required and missing keys, unknown keys, placeholder parity with the source
 * locale, plural forms each language needs, and text too long for a projected card.
 */
#include "pack_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Reading ------------------------------------------------------------------------------ */

static bool flatten(Ctx *ctx, const cJSON *obj, const char *prefix, StringTable *table)
{
    bool ok = true;
    char key[512];
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *name = c->string ? c->string : "";
        int n = prefix ? snprintf(key, sizeof key, "%s.%s", prefix, name)
                       : snprintf(key, sizeof key, "%s", name);
        if (n >= 256 || !*name) {
            ctx_error(ctx, prefix ? prefix : "-",
                      !*name ? "empty key"
                             : "key too long (the "
                               "limit is 255 bytes)");
            ok = false;
            continue;
        }
        if (cJSON_IsObject(c)) {
            ok = flatten(ctx, c, key, table) && ok;
        } else if (cJSON_IsString(c)) {
            if (strlen(c->valuestring) > PACK_LIMIT_STRING) {
                ctx_error(ctx, key, "string too long (%zu bytes; the limit is %d)",
                          strlen(c->valuestring), PACK_LIMIT_STRING);
                ok = false;
            } else if (i18n_table_count(table) >= PACK_LIMIT_KEYS) {
                ctx_error(ctx, key, "too many strings in one file (the limit is %d)",
                          PACK_LIMIT_KEYS);
                return false;
            } else if (i18n_table_set(table, key, c->valuestring)) {
                ctx_error(ctx, key, "duplicate key \"%s\"", key);
                ok = false;
            }
        } else {
            ctx_error(ctx, key, "must be a string or an object of strings, not %s",
                      cJSON_IsArray(c)    ? "an array"
                      : cJSON_IsNumber(c) ? "a number (put it in quotes)"
                                          : "true/false/null");
            ok = false;
        }
    }
    return ok;
}

bool strings_flatten(Ctx *ctx, const cJSON *root, StringTable *table)
{
    if (!cJSON_IsObject(root)) {
        ctx_error(ctx, "-", "a locale file must hold one JSON object ({ ... })");
        return false;
    }
    return flatten(ctx, root, NULL, table);
}

/* ---- The fast path -------------------------------------------------------------------------
 * A locale file is one object of objects and strings. Parsing it through a cJSON tree (a
 * malloc per value and per key, then a walk and a free of the tree) was most of the time of
 * loading a large pack, so a well-formed file is read in one pass straight into the table.
 * The fast path accepts only what the checked path (content_parse_json, then flatten) accepts
 * and gives the same table; on anything else (a syntax error, an array, a number, a duplicate,
 * a limit, an unusual escape) it gives up, and the checked path reads the file again and
 * reports every problem with its place. */

typedef struct Fast {
    const char *p, *end;
    StringTable *table;
    char key[256];
    char value[PACK_LIMIT_STRING + 1];
    int depth;
} Fast;

static bool fast_space(Fast *f)
{
    while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t')) {
        f->p++;
    }
    return f->p < f->end;
}

static int fast_hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/* Reads the string at f->p (at its opening quote) into out (NUL-terminated, at most max bytes);
 * the text is known to be valid UTF-8. Returns its length, or -1 to give up. */
static long fast_string(Fast *f, char *out, size_t max)
{
    size_t n = 0;
    const char *p = f->p + 1;
    for (;;) {
        const char *run = p;
        /* Eight bytes at a time while none is '"', '\\' or a control character. */
        while (p + 8 <= f->end) {
            uint64_t w;
            memcpy(&w, p, 8);
            const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
            uint64_t stop =
                ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((w - ones * 0x20) & ~w);
            if ((stop & highs) != 0) {
                break;
            }
            p += 8;
        }
        while (p < f->end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) {
            p++;
        }
        size_t len = (size_t)(p - run);
        if (p >= f->end || (unsigned char)*p < 0x20 || n + len > max) {
            return -1;
        }
        memcpy(out + n, run, len);
        n += len;
        if (*p == '"') {
            break;
        }
        /* An escape. */
        if (p + 1 >= f->end) {
            return -1;
        }
        char c = p[1];
        const char *simple = strchr("\"\\/bfnrt", c);
        if (simple != NULL && c != '\0') {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (n + 1 > max) {
                return -1;
            }
            out[n++] = decoded[simple - "\"\\/bfnrt"];
            p += 2;
            continue;
        }
        if (c != 'u' || p + 6 > f->end) {
            return -1;
        }
        long cp = fast_hex4(p + 2);
        p += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long low = p + 6 <= f->end && p[0] == '\\' && p[1] == 'u' ? fast_hex4(p + 2) : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                return -1;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
        } else if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
            return -1; /* \u0000 would end the C string; a lone low surrogate is an error */
        }
        unsigned char u[4];
        size_t k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (k == 1) {
            u[0] = (unsigned char)cp;
        } else {
            static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
            for (size_t i = k - 1; i > 0; i--) {
                u[i] = (unsigned char)(0x80 | (cp & 0x3F));
                cp >>= 6;
            }
            u[0] = (unsigned char)(lead[k] | cp);
        }
        if (n + k > max) {
            return -1;
        }
        memcpy(out + n, u, k);
        n += k;
    }
    out[n] = '\0';
    f->p = p + 1;
    return (long)n;
}

/* The object at f->p, its keys under the first key_len bytes of f->key. */
static bool fast_object(Fast *f, size_t key_len)
{
    if (++f->depth > PACK_LIMIT_DEPTH) {
        return false;
    }
    f->p++; /* '{' */
    if (!fast_space(f)) {
        return false;
    }
    if (*f->p == '}') {
        f->p++;
        f->depth--;
        return true;
    }
    for (;;) {
        if (*f->p != '"') {
            return false;
        }
        size_t at = key_len > 0 ? key_len + 1 : 0;
        if (key_len > 0) {
            f->key[key_len] = '.';
        }
        long n = fast_string(f, f->key + at, sizeof f->key - 1 - at);
        if (n <= 0 || at + (size_t)n >= 256 || (long)strlen(f->key + at) != n) {
            return false; /* empty, too long (flatten's messages), or holding a NUL */
        }
        size_t len = at + (size_t)n;
        if (!fast_space(f) || *f->p != ':') {
            return false;
        }
        f->p++;
        if (!fast_space(f)) {
            return false;
        }
        if (*f->p == '{') {
            if (!fast_object(f, len)) {
                return false;
            }
        } else if (*f->p == '"') {
            long v = fast_string(f, f->value, PACK_LIMIT_STRING);
            if (v < 0 || i18n_table_count(f->table) >= PACK_LIMIT_KEYS ||
                i18n_table_set(f->table, f->key, f->value)) {
                return false;
            }
        } else {
            return false;
        }
        if (!fast_space(f)) {
            return false;
        }
        if (*f->p == '}') {
            f->p++;
            f->depth--;
            return true;
        }
        if (*f->p != ',') {
            return false;
        }
        f->p++;
        if (!fast_space(f)) {
            return false;
        }
    }
}

bool strings_read_fast(const char *text, size_t size, StringTable *table)
{
    Fast *f = content_xrealloc(NULL, sizeof *f);
    f->p = text;
    f->end = text + size;
    f->table = table;
    f->depth = 0;
    f->key[0] = '\0';
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        f->p += 3;
    }
    bool ok =
        content_utf8_is_valid(text, size) && fast_space(f) && *f->p == '{' && fast_object(f, 0);
    ok = ok && (!fast_space(f) || f->p == f->end);
    free(f);
    return ok;
}

StringTable *strings_read(Ctx *ctx, const char *text, size_t size, const char *tag, bool *flattened)
{
    StringTable *table = i18n_table_create(tag);
    if (strings_read_fast(text, size, table)) {
        *flattened = true;
        return table;
    }
    i18n_table_destroy(table);
    cJSON *root = content_parse_json(ctx, text, size);
    if (!root) {
        *flattened = false;
        return NULL;
    }
    table = i18n_table_create(tag);
    *flattened = strings_flatten(ctx, root, table);
    cJSON_Delete(root);
    return table;
}

StringTable *pack_strings_load(const char *path, const char *tag, PackErrors *errors)
{
    Ctx ctx = {errors, path, 0};
    char dir[4096];
    char real[4096];
    StringTable *table = NULL;
    char *text = NULL;
    size_t size = 0;
    bool flattened = false;
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (!realpath(dir, real)) {
        ctx_error(&ctx, "-", "missing file: %s does not exist", path);
        goto fail;
    }
    text = content_read_file(&ctx, dir, real, slash ? slash + 1 : path, PACK_LIMIT_JSON_BYTES, true,
                             &size);
    if (!text || !(table = strings_read(&ctx, text, size, tag, &flattened)) || !flattened) {
        goto fail;
    }
    free(text);
    return table;
fail:
    free(text);
    i18n_table_destroy(table);
    return NULL;
}

void build_read_locales(PackBuild *b, const char *dir, const char *dir_real,
                        const char *const *locales, int locale_count)
{
    for (int i = 0; i < locale_count; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "locales/%s.json", locales[i]);
        Ctx ctx = {b->errors, arena_printf(b->arena, "%s/%s", dir, rel), 0};
        size_t size = 0;
        char *text =
            content_read_file(&ctx, dir, dir_real, rel, PACK_LIMIT_JSON_BYTES, true, &size);
        bool flattened = false;
        StringTable *table = text ? strings_read(&ctx, text, size, locales[i], &flattened) : NULL;
        free(text);
        if (table) {
            if (b->strings_count == b->strings_cap) {
                b->strings_cap = b->strings_cap ? b->strings_cap * 2 : 8;
                b->strings =
                    content_xrealloc(b->strings, (size_t)b->strings_cap * sizeof *b->strings);
            }
            b->strings[b->strings_count++] = (BStrings){locales[i], ctx.file, table, false};
        }
        b->error_count += ctx.error_count;
    }
    /* A translation that was added to the folder but not to pack.json is never shown. */
    char path[4096];
    snprintf(path, sizeof path, "%s/locales", dir);
    DIR *d = opendir(path);
    if (!d) {
        return;
    }
    int seen = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".json") != 0) {
            continue;
        }
        if (++seen > PACK_LIMIT_FILES) {
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, path, "-",
                            "more than %d .json files in locales/ (the limit is %d)",
                            PACK_LIMIT_FILES, PACK_LIMIT_FILES);
            b->error_count++;
            break;
        }
        bool listed = false;
        for (int i = 0; i < locale_count && !listed; i++) {
            listed = strlen(locales[i]) == n - 5 && strncmp(locales[i], e->d_name, n - 5) == 0;
        }
        if (!listed) {
            pack_errors_add(b->errors, PACK_SEVERITY_WARNING,
                            arena_printf(b->arena, "%s/locales/%s", dir, e->d_name), "-",
                            "this locale is not listed in pack.json \"locales\", so it is "
                            "ignored");
        }
    }
    closedir(d);
}

/* ---- Checks shared by packs and UI strings ------------------------------------------------ */

/* If key ends in _zero, _one, ... _other, returns the position of the underscore. */
static const char *plural_suffix(const char *key)
{
    const char *u = strrchr(key, '_');
    if (u && i18n_plural_from_suffix(u + 1) >= 0 && u > key) {
        return u;
    }
    return NULL;
}

typedef struct Names {
    const char *name[16];
    size_t len[16];
    int count;
} Names;

static void names_of(const char *text, Names *names)
{
    names->count = 0;
    const char *name;
    size_t len;
    const char *p = text;
    while ((p = i18n_next_placeholder(p, &name, &len)) != NULL && names->count < 16) {
        names->name[names->count] = name;
        names->len[names->count++] = len;
    }
}

static bool names_have(const Names *names, const char *name, size_t len)
{
    for (int i = 0; i < names->count; i++) {
        if (names->len[i] == len && memcmp(names->name[i], name, len) == 0) {
            return true;
        }
    }
    return false;
}

/* The source text a translated key is compared with: the same key, or for a plural form the
 * source's _other form (languages have different plural categories). */
static const char *source_text_for(const StringTable *source, const char *key)
{
    const char *v = i18n_table_get(source, key);
    const char *u = plural_suffix(key);
    if (!v && u) {
        char base[512];
        snprintf(base, sizeof base, "%.*s_other", (int)(u - key), key);
        v = i18n_table_get(source, base);
        if (!v) {
            snprintf(base, sizeof base, "%.*s", (int)(u - key), key);
            v = i18n_table_get(source, base);
        }
    }
    return v;
}

static void check_placeholders(Ctx *ctx, const char *key, const char *source_text, const char *text,
                               const char *source_tag)
{
    Names src;
    Names own;
    names_of(source_text, &src);
    names_of(text, &own);
    for (int i = 0; i < own.count; i++) {
        if (!names_have(&src, own.name[i], own.len[i])) {
            ctx_error(ctx, key,
                      "placeholder {{%.*s}} is not in the source text (%s); "
                      "placeholders must not be translated",
                      (int)own.len[i], own.name[i], source_tag);
        }
    }
    for (int i = 0; i < src.count; i++) {
        if (!names_have(&own, src.name[i], src.len[i])) {
            ctx_error(ctx, key, "missing placeholder {{%.*s}} that the source text (%s) has",
                      (int)src.len[i], src.name[i], source_tag);
        }
    }
}

/* Every base of a plural key must have each form the language needs. */
static void check_plural_forms(Ctx *ctx, const StringTable *table)
{
    IdMap seen = {0};
    const char *tag = i18n_table_tag(table);
    unsigned needed = i18n_plural_forms_needed(tag);
    char **bases = NULL;
    int base_count = 0;
    for (int i = 0; i < i18n_table_count(table); i++) {
        const char *key = i18n_table_key(table, i);
        const char *u = plural_suffix(key);
        if (!u) {
            continue;
        }
        char base[512];
        snprintf(base, sizeof base, "%.*s", (int)(u - key), key);
        if (idmap_get(&seen, base) >= 0) {
            continue;
        }
        bases = content_xrealloc(bases, (size_t)(base_count + 1) * sizeof *bases);
        size_t n = strlen(base) + 1;
        bases[base_count] = content_xrealloc(NULL, n);
        memcpy(bases[base_count], base, n);
        idmap_put(&seen, bases[base_count], base_count);
        base_count++;
        for (int c = 0; c < PLURAL_CATEGORY_COUNT; c++) {
            char form[600];
            snprintf(form, sizeof form, "%s_%s", base, i18n_plural_suffix((PluralCategory)c));
            if ((needed & (1u << c)) && !i18n_table_get(table, form)) {
                ctx_error(ctx, form, "missing plural form \"%s\" (the %s language needs it)",
                          i18n_plural_suffix((PluralCategory)c), tag);
            }
        }
    }
    idmap_clear(&seen);
    for (int i = 0; i < base_count; i++) {
        free(bases[i]);
    }
    free(bases);
}

static bool is_plural_variant_of(const StringTable *table, const char *key)
{
    const char *u = plural_suffix(key);
    if (!u) {
        return false;
    }
    for (int c = 0; c < PLURAL_CATEGORY_COUNT; c++) {
        char form[600];
        snprintf(form, sizeof form, "%.*s_%s", (int)(u - key), key,
                 i18n_plural_suffix((PluralCategory)c));
        if (i18n_table_get(table, form)) {
            return true;
        }
    }
    return false;
}

int pack_strings_compare(const StringTable *source, const StringTable *target, const char *file,
                         PackErrors *errors)
{
    Ctx ctx = {errors, file, 0};
    const char *source_tag = i18n_table_tag(source);
    int missing = 0;
    for (int i = 0; i < i18n_table_count(source); i++) {
        const char *key = i18n_table_key(source, i);
        if (plural_suffix(key) || i18n_table_get(target, key)) {
            continue;
        }
        missing++;
        ctx_error(&ctx, key, "missing string (the source %s has it)", source_tag);
    }
    for (int i = 0; i < i18n_table_count(target); i++) {
        const char *key = i18n_table_key(target, i);
        const char *value = i18n_table_value(target, i);
        const char *src = source_text_for(source, key);
        if (!src && !is_plural_variant_of(source, key)) {
            ctx_warn(&ctx, key, "key not in the source %s (a typo, or a string no longer used?)",
                     source_tag);
            continue;
        }
        if (src) {
            check_placeholders(&ctx, key, src, value, source_tag);
        }
    }
    check_plural_forms(&ctx, target);
    return missing;
}

/* ---- Pack strings ------------------------------------------------------------------------- */

typedef struct Expect {
    const char *key;
    const char *what; /* why it is needed, for messages */
    bool required;
    int fit;        /* at most this many characters fit where it is shown; 0: no limit */
    bool fit_error; /* too long is an error, not a warning */
} Expect;

typedef struct Expects {
    Expect *items;
    int count;
    int cap;
    IdMap index;
} Expects;

static void expect(PackBuild *b, Expects *e, const char *key, const char *what, bool required,
                   int fit, bool fit_error)
{
    if (idmap_get(&e->index, key) >= 0) {
        return;
    }
    if (e->count == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 64;
        e->items = content_xrealloc(e->items, (size_t)e->cap * sizeof *e->items);
    }
    const char *k = arena_strdup(b->arena, key);
    e->items[e->count] = (Expect){k, what, required, fit, fit_error};
    idmap_put(&e->index, k, e->count++);
}

/* Limits of what fits at the projected size: pack_internal.h (also pack_string_limit()). */
enum {
    FIT_PROMPT = PACK_FIT_PROMPT,
    FIT_OPTION = PACK_FIT_OPTION,
    FIT_ANSWER = PACK_FIT_ANSWER,
    FIT_NOTE = PACK_FIT_NOTE,
    FIT_NAME = PACK_FIT_NAME,
    FIT_SPACE = PACK_FIT_SPACE,
    FIT_TITLE = PACK_FIT_TITLE,
    FIT_CONTENT_NOTE = PACK_FIT_CONTENT_NOTE,
    FIT_GROUND_RULE = PACK_FIT_GROUND_RULE
};

/* a + b + c into out (512 bytes), cut to fit; cheaper than snprintf for the ~60,000 keys a
 * 10,000-card pack expects. */
static const char *key3(char *out, const char *a, const char *b, const char *c)
{
    size_t at = 0;
    const char *parts[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(parts[i]);
        if (n > 511 - at) {
            n = 511 - at;
        }
        memcpy(out + at, parts[i], n);
        at += n;
    }
    out[at] = '\0';
    return out;
}

static void collect_expected(PackBuild *b, const Pack *pack, Expects *e)
{
    const GameDef *def = &pack->def;
    char key[512];
    expect(b, e, "pack.title", "the pack's title", true, FIT_TITLE, false);
    expect(b, e, "pack.description", "", false, 0, false);
    for (int r = 1; r <= PACK_GROUND_RULES_MAX; r++) {
        snprintf(key, sizeof key, "ground_rules.%d", r);
        expect(b, e, key, "", false, FIT_GROUND_RULE, false);
    }
    for (int t = 0; t < def->topic_count; t++) {
        snprintf(key, sizeof key, "topic.%s.name", def->topics[t].id);
        expect(b, e, key, "the topic's name", true, FIT_NAME, false);
        snprintf(key, sizeof key, "topic.%s.description", def->topics[t].id);
        expect(b, e, key, "", false, 0, false);
    }
    for (int d = 0; d < def->deck_count; d++) {
        if (def->decks[d].topic < 0) {
            snprintf(key, sizeof key, "deck.%s.name", def->decks[d].id);
            expect(b, e, key, "the shared deck's name", true, FIT_NAME, false);
        }
    }
    for (int s = 0; s < def->space_count; s++) {
        snprintf(key, sizeof key, "space.%s.name", def->spaces[s].id);
        expect(b, e, key, "", false, FIT_SPACE, false);
    }
    for (int c = 0; c < def->card_count; c++) {
        const Card *card = &def->cards[c];
        const PackCardInfo *info = &pack->card_info[c];
        for (int n = 0; n < info->content_note_count; n++) {
            key3(key, "content_note.", info->content_notes[n], "");
            expect(b, e, key, "a content note tag a card uses", true, FIT_CONTENT_NOTE, false);
        }
        expect(b, e, key3(key, "card.", card->id, ".prompt"), "every card has a prompt", true,
               FIT_PROMPT, true);
        expect(b, e, key3(key, "card.", card->id, ".note"), "", false, FIT_NOTE, false);
        bool needs_explain = card->kind == CARD_MYTH_FACT || card->kind == CARD_ACTION;
        key3(key, "card.", card->id, ".explain");
        expect(b, e, key,
               card->kind == CARD_MYTH_FACT ? "a myth_fact card explains its answer"
                                            : "an action card says why",
               needs_explain, FIT_ANSWER, false);
        key3(key, "card.", card->id, ".answer");
        expect(b, e, key, "a scenario card reveals guidance", card->kind == CARD_SCENARIO,
               FIT_ANSWER, false);
        for (int o = 1; o <= card->options; o++) {
            snprintf(key, sizeof key, "card.%s.options.%d", card->id, o);
            expect(b, e, key, "the card's \"options\" count in pack.json", true, FIT_OPTION, false);
        }
    }
}

/* Why a key is not known, as precisely as the key allows. */
static void report_unknown(Ctx *ctx, const Pack *pack, const char *key)
{
    const GameDef *def = &pack->def;
    char id[128] = "";
    const char *dot = strchr(key, '.');
    if (dot) {
        size_t n = strcspn(dot + 1, ".");
        snprintf(id, sizeof id, "%.*s", (int)(n < 100 ? n : 100), dot + 1);
    }
    if (strncmp(key, "card.", 5) == 0 && gamedef_find_card(def, id) < 0) {
        ctx_warn(ctx, key, "unknown key: the pack has no card \"%s\"", id);
    } else if (strncmp(key, "topic.", 6) == 0 && gamedef_find_topic(def, id) < 0) {
        ctx_warn(ctx, key, "unknown key: the pack has no topic \"%s\"", id);
    } else if (strncmp(key, "space.", 6) == 0 && gamedef_find_space(def, id) < 0) {
        ctx_warn(ctx, key, "unknown key: the board has no space \"%s\"", id);
    } else if (strncmp(key, "deck.", 5) == 0 && gamedef_find_deck(def, id) < 0) {
        ctx_warn(ctx, key, "unknown key: the pack has no deck \"%s\"", id);
    } else if (strncmp(key, "content_note.", 13) == 0) {
        ctx_warn(ctx, key, "unknown key: no card uses the content note \"%s\"", key + 13);
    } else if (strncmp(key, "ground_rules.", 13) == 0) {
        ctx_warn(ctx, key,
                 "unknown key: a pack's own ground rules are ground_rules.1 to ground_rules.%d",
                 PACK_GROUND_RULES_MAX);
    } else {
        ctx_warn(ctx, key, "unknown key (not used by the pack; a typo?)");
    }
}

static void check_locale_meta(Ctx *ctx, const char *key, const char *value)
{
    if (strcmp(key, "locale.script") == 0) {
        bool ok = strlen(value) == 4 && value[0] >= 'A' && value[0] <= 'Z';
        for (int i = 1; ok && i < 4; i++) {
            ok = value[i] >= 'a' && value[i] <= 'z';
        }
        if (!ok) {
            ctx_error(ctx, key,
                      "\"%s\" is not an ISO 15924 script code such as \"Latn\", "
                      "\"Arab\" or \"Deva\"",
                      value);
        }
    } else if (strcmp(key, "locale.direction") == 0 && strcmp(value, "ltr") != 0 &&
               strcmp(value, "rtl") != 0) {
        ctx_error(ctx, key, "direction must be \"ltr\" or \"rtl\", not \"%s\"", value);
    }
}

enum { MISSING_SHOWN = 20 };

void build_check_strings(PackBuild *b, Pack *pack)
{
    Expects e = {0};
    collect_expected(b, pack, &e);
    const char *source_tag = pack->source_locale;

    /* Merge the layers: per locale, base first, overlays replacing. */
    pack->tables = arena_alloc(b->arena, (size_t)pack->locale_count * sizeof *pack->tables + 1);
    pack->coverage = arena_alloc(b->arena, (size_t)pack->locale_count * sizeof *pack->coverage + 1);
    const char **top_file = arena_alloc(b->arena, (size_t)pack->locale_count * sizeof(char *) + 1);
    const StringTable *source = NULL;
    for (int l = 0; l < pack->locale_count; l++) {
        bool is_source = strcmp(pack->locales[l], source_tag) == 0;
        int layers = 0;
        int only = -1;
        for (int s = 0; s < b->strings_count; s++) {
            if (strcmp(b->strings[s].tag, pack->locales[l]) == 0) {
                layers++;
                only = s;
            }
        }
        bool empty = false;
        for (int i = 0;
             layers == 1 && !is_source && !empty && i < i18n_table_count(b->strings[only].table);
             i++) {
            empty = *i18n_table_value(b->strings[only].table, i) == '\0';
        }
        if (layers == 1 && !empty) {
            /* One file and nothing to leave out (a pack without overlays): the Pack takes the
             * file's table as it is instead of a copy. */
            pack->tables[l] = b->strings[only].table;
            b->strings[only].moved = true;
            top_file[l] = b->strings[only].file;
            if (is_source) {
                source = pack->tables[l];
            }
            continue;
        }
        StringTable *merged = i18n_table_create(pack->locales[l]);
        for (int s = 0; s < b->strings_count; s++) {
            if (strcmp(b->strings[s].tag, pack->locales[l]) != 0) {
                continue;
            }
            const StringTable *t = b->strings[s].table;
            for (int i = 0; i < i18n_table_count(t); i++) {
                /* An empty text in a translation is one not translated yet (as in PO files,
                 * Weblate and Crowdin): it falls back instead of showing nothing. */
                if (!is_source && *i18n_table_value(t, i) == '\0') {
                    continue;
                }
                i18n_table_set(merged, i18n_table_key(t, i), i18n_table_value(t, i));
            }
            top_file[l] = b->strings[s].file;
        }
        pack->tables[l] = merged;
        if (strcmp(pack->locales[l], source_tag) == 0) {
            source = merged;
        }
    }

    /* Each layer's own keys, reported against the file that holds them. */
    for (int s = 0; s < b->strings_count; s++) {
        Ctx ctx = {b->errors, b->strings[s].file, 0};
        const StringTable *t = b->strings[s].table;
        bool is_source = strcmp(b->strings[s].tag, source_tag) == 0;
        for (int i = 0; i < i18n_table_count(t); i++) {
            const char *key = i18n_table_key(t, i);
            const char *value = i18n_table_value(t, i);
            if (!is_source && *value == '\0') {
                continue; /* not translated yet: counted as missing below */
            }
            int x = idmap_get(&e.index, key);
            const char *u = plural_suffix(key);
            if (x < 0 && u) {
                char base[512];
                snprintf(base, sizeof base, "%.*s", (int)(u - key), key);
                x = idmap_get(&e.index, base);
            }
            if (strncmp(key, "locale.", 7) == 0) {
                check_locale_meta(&ctx, key, value);
            } else if (x < 0) {
                report_unknown(&ctx, pack, key);
            }
            if (x >= 0 && !*value && e.items[x].required) {
                ctx_warn(&ctx, key, "empty string");
            }
            /* Characters are never more than bytes: count them only when it can matter. */
            size_t chars = x >= 0 && e.items[x].fit && strlen(value) > (size_t)e.items[x].fit
                               ? content_utf8_length(value)
                               : 0;
            if (x >= 0 && e.items[x].fit && chars > (size_t)e.items[x].fit) {
                if (e.items[x].fit_error) {
                    ctx_error(&ctx, key,
                              "too long for a projected card (%zu characters; at "
                              "most %d fit)",
                              chars, e.items[x].fit);
                } else {
                    ctx_warn(&ctx, key,
                             "may not fit where it is shown (%zu characters; "
                             "keep it within %d)",
                             chars, e.items[x].fit);
                }
            }
            const char *src = source && !is_source ? source_text_for(source, key) : NULL;
            if (src) {
                check_placeholders(&ctx, key, src, value, source_tag);
            }
        }
        b->error_count += ctx.error_count;
    }

    /* Missing keys and coverage, on the merged tables. */
    for (int l = 0; l < pack->locale_count; l++) {
        const StringTable *t = pack->tables[l];
        bool is_source = t == source;
        Ctx ctx = {b->errors, top_file[l] ? top_file[l] : b->top_file, 0};
        int total = 0;
        int missing = 0;
        for (int x = 0; x < e.count; x++) {
            const Expect *ex = &e.items[x];
            if (!ex->required && !(source && i18n_table_get(source, ex->key))) {
                continue;
            }
            total++;
            if (i18n_table_get(t, ex->key) || is_plural_variant_of(t, ex->key)) {
                continue;
            }
            char probe[600];
            snprintf(probe, sizeof probe, "%s_other", ex->key);
            if (i18n_table_get(t, probe)) {
                continue;
            }
            missing++;
            if (is_source && ex->required) {
                ctx_error(&ctx, ex->key, "missing string (%s)", ex->what);
            } else if (!is_source && missing <= MISSING_SHOWN) {
                ctx_warn(&ctx, ex->key, "missing translation (shown in %s instead)", source_tag);
            }
        }
        if (!is_source && missing > MISSING_SHOWN) {
            ctx_warn(&ctx, "-", "%d more missing translations not listed", missing - MISSING_SHOWN);
        }
        if (is_source && b->options.strict) {
            for (int c = 0; c < pack->def.card_count; c++) {
                char key[512];
                snprintf(key, sizeof key, "card.%s.note", pack->def.cards[c].id);
                if (!i18n_table_get(t, key)) {
                    ctx_warn(&ctx, key,
                             "no facilitator note (optional, but it helps the "
                             "facilitator lead the discussion)");
                }
            }
        }
        if (!i18n_table_get(t, "locale.name")) {
            ctx_warn(&ctx, "locale.name",
                     "missing the language's own name (shown in the "
                     "language menu), such as \"Español (México)\"");
        }
        /* The pack's ground rules show in order and stop at the first missing one. */
        for (int r = 2; is_source && r <= PACK_GROUND_RULES_MAX; r++) {
            char key[32], before[32];
            snprintf(key, sizeof key, "ground_rules.%d", r);
            snprintf(before, sizeof before, "ground_rules.%d", r - 1);
            if (i18n_table_get(t, key) && !i18n_table_get(t, before)) {
                ctx_warn(&ctx, key,
                         "not shown: the ground rules are shown from ground_rules.1 "
                         "on, in order, and %s is missing",
                         before);
            }
        }
        check_plural_forms(&ctx, t);
        pack->coverage[l] = (PackCoverage){total, missing};
        b->error_count += ctx.error_count;
    }
    free(e.items);
    idmap_clear(&e.index);
}
