/*
 * i18n.c: string tables, locale fallback, interpolation and plural rules.
 *
 * libc only. The plural rules are the integer cases of CLDR 42, checked against ICU 72 for
 * n = 0 ... 3 000 000 (shared/research/l10n-a11y-safeguarding.md section 1.3); the game only
 * counts whole things, so the decimal operands of CLDR are not needed.
 */
#include "i18n.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "rutas: out of memory (i18n)\n");
        abort();
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static void copy_str(char *out, size_t size, const char *s)
{
    if (size == 0) {
        return;
    }
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

/* ---- Language tags ------------------------------------------------------------------------ */

static bool all_alpha(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

static bool all_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

bool i18n_tag_normalize(const char *tag, char *out, size_t size)
{
    char buf[I18N_TAG_MAX];
    size_t len = 0;
    if (size > 0) {
        out[0] = '\0';
    }
    if (!tag || !*tag) {
        return false;
    }
    const char *p = tag;
    int part = 0; /* 0 language, 1 script or region, 2 region */
    bool have_region = false;
    while (*p && *p != '.' && *p != '@') {
        const char *start = p;
        while (*p && *p != '-' && *p != '_' && *p != '.' && *p != '@') {
            p++;
        }
        size_t n = (size_t)(p - start);
        if (n == 0 || len + n + 2 > sizeof buf) {
            return false;
        }
        if (part == 0) {
            if ((n != 2 && n != 3) || !all_alpha(start, n)) {
                return false;
            }
            for (size_t i = 0; i < n; i++) {
                buf[len++] = (char)tolower((unsigned char)start[i]);
            }
        } else if (part == 1 && n == 4 && all_alpha(start, n)) {
            buf[len++] = '-';
            buf[len++] = (char)toupper((unsigned char)start[0]);
            for (size_t i = 1; i < n; i++) {
                buf[len++] = (char)tolower((unsigned char)start[i]);
            }
        } else if (!have_region &&
                   ((n == 2 && all_alpha(start, n)) || (n == 3 && all_digit(start, n)))) {
            buf[len++] = '-';
            for (size_t i = 0; i < n; i++) {
                buf[len++] = (char)toupper((unsigned char)start[i]);
            }
            have_region = true;
            part = 2;
        } else {
            return false;
        }
        if (part < 2) {
            part++;
        }
        if (*p == '-' || *p == '_') {
            p++;
            if (!*p || *p == '.' || *p == '@') {
                return false;
            }
        }
    }
    buf[len] = '\0';
    if (len == 0 || len + 1 > size) {
        return false;
    }
    memcpy(out, buf, len + 1);
    return true;
}

void i18n_tag_language(const char *tag, char *out, size_t size)
{
    size_t n = strcspn(tag ? tag : "", "-_");
    if (size == 0) {
        return;
    }
    if (n >= size) {
        n = size - 1;
    }
    memcpy(out, tag ? tag : "", n);
    out[n] = '\0';
}

/* CLDR 42 parentLocales for the languages Rutas is likely to meet. Regions are separated by
 * spaces so that a strstr on " XX " finds exactly one. */
static const char ES_419[] = " AR BO BR BZ CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV US UY VE ";
static const char PT_PT[] = " AO CH CV FR GQ GW LU MO MZ ST TL ";
static const char EN_150[] = " AT BE CH DE DK FI NL SE SI ";
static const char EN_001[] =
    " 150 AG AI AU BB BM BS BW BZ CC CK CM CX CY DG DM ER FJ FK FM GB GD GG GH GI GM GY HK IE IL "
    "IM IN IO JE JM KE KI KN KY LC LR LS MG MO MS MT MU MV MW MY NA NF NG NR NU NZ PG PK PN PW RW "
    "SB SC SD SG SH SL SS SX SZ TC TK TO TT TV TZ UG VC VG VU WS ZA ZM ZW ";

static bool region_in(const char *list, const char *region)
{
    char needle[8];
    if (strlen(region) > 3) {
        return false;
    }
    snprintf(needle, sizeof needle, " %s ", region);
    return strstr(list, needle) != NULL;
}

bool i18n_tag_parent(const char *tag, char *out, size_t size)
{
    char norm[I18N_TAG_MAX];
    if (!i18n_tag_normalize(tag, norm, sizeof norm)) {
        copy_str(out, size, "");
        return false;
    }
    const char *dash = strchr(norm, '-');
    if (!dash) {
        copy_str(out, size, "");
        return false;
    }
    const char *last = strrchr(norm, '-') + 1;
    /* The CLDR table applies to language-region tags only (not to tags with a script). */
    if (dash + 1 == last) {
        char lang[4];
        i18n_tag_language(norm, lang, sizeof lang);
        const char *parent = NULL;
        if (strcmp(lang, "es") == 0 && region_in(ES_419, last)) {
            parent = "es-419";
        } else if (strcmp(lang, "pt") == 0 && region_in(PT_PT, last)) {
            parent = "pt-PT";
        } else if (strcmp(lang, "en") == 0 && region_in(EN_150, last)) {
            parent = "en-150";
        } else if (strcmp(lang, "en") == 0 && region_in(EN_001, last)) {
            parent = "en-001";
        }
        if (parent) {
            copy_str(out, size, parent);
            return true;
        }
    }
    size_t n = (size_t)(last - 1 - norm);
    char buf[I18N_TAG_MAX];
    memcpy(buf, norm, n);
    buf[n] = '\0';
    copy_str(out, size, buf);
    return true;
}

static int chain_add(char chain[][I18N_TAG_MAX], int count, int max, const char *tag)
{
    if (count >= max) {
        return count;
    }
    for (int i = 0; i < count; i++) {
        if (strcmp(chain[i], tag) == 0) {
            return count;
        }
    }
    copy_str(chain[count], I18N_TAG_MAX, tag);
    return count + 1;
}

static int chain_add_with_parents(char chain[][I18N_TAG_MAX], int count, int max, const char *tag)
{
    char cur[I18N_TAG_MAX];
    char parent[I18N_TAG_MAX];
    if (!i18n_tag_normalize(tag, cur, sizeof cur)) {
        return count;
    }
    for (int guard = 0; guard < 8; guard++) {
        count = chain_add(chain, count, max, cur);
        if (!i18n_tag_parent(cur, parent, sizeof parent)) {
            break;
        }
        memcpy(cur, parent, sizeof cur);
    }
    return count;
}

int i18n_fallback_chain(const char *tag, const char *source_locale, char chain[][I18N_TAG_MAX],
                        int max)
{
    int count = 0;
    if (tag) {
        count = chain_add_with_parents(chain, count, max, tag);
    }
    if (source_locale) {
        count = chain_add_with_parents(chain, count, max, source_locale);
    }
    return chain_add(chain, count, max, "en");
}

static const char *match_one(const char *want, const char *const *available, int count)
{
    char norm[I18N_TAG_MAX];
    char cand[I18N_TAG_MAX];
    char cur[I18N_TAG_MAX];
    char lang[4];
    char cand_lang[4];
    if (!i18n_tag_normalize(want, norm, sizeof norm)) {
        return NULL;
    }
    memcpy(cur, norm, sizeof cur);
    for (int guard = 0; guard < 8; guard++) {
        for (int i = 0; i < count; i++) {
            if (i18n_tag_normalize(available[i], cand, sizeof cand) && strcmp(cand, cur) == 0) {
                return available[i];
            }
        }
        char parent[I18N_TAG_MAX];
        if (!i18n_tag_parent(cur, parent, sizeof parent)) {
            break;
        }
        memcpy(cur, parent, sizeof cur);
    }
    i18n_tag_language(norm, lang, sizeof lang);
    for (int i = 0; i < count; i++) {
        i18n_tag_language(available[i], cand_lang, sizeof cand_lang);
        for (char *c = cand_lang; *c; c++) {
            *c = (char)tolower((unsigned char)*c);
        }
        if (strcmp(lang, cand_lang) == 0) {
            return available[i];
        }
    }
    return NULL;
}

const char *i18n_choose_locale(const char *setting, const char *const *preferred,
                               int preferred_count, const char *const *available,
                               int available_count, const char *source_locale)
{
    const char *found = NULL;
    if (setting && *setting) {
        found = match_one(setting, available, available_count);
    }
    for (int i = 0; !found && i < preferred_count; i++) {
        found = match_one(preferred[i], available, available_count);
    }
    return found ? found : source_locale;
}

typedef struct ScriptInfo {
    const char *languages; /* " xx yy " */
    const char *script;
    bool rtl;
} ScriptInfo;

static const ScriptInfo SCRIPTS[] = {
    {" ar fa ur ps ckb sd ", "Arab", true},
    {" he yi ", "Hebr", true},
    {" hi mr ne sa ", "Deva", false},
    {" bn as ", "Beng", false},
    {" th ", "Thai", false},
    {" uk ru be bg mk kk ky tg mn ", "Cyrl", false},
    {" el ", "Grek", false},
    {" ja ", "Jpan", false},
    {" ko ", "Kore", false},
    {" zh ", "Hans", false},
    {" am ti ", "Ethi", false},
    {" ta ", "Taml", false},
    {" te ", "Telu", false},
    {" km ", "Khmr", false},
    {" lo ", "Laoo", false},
    {" my ", "Mymr", false},
    {" ka ", "Geor", false},
    {" hy ", "Armn", false},
};

static const ScriptInfo EXPLICIT[] = {
    {"", "Latn", false}, {"", "Cyrl", false}, {"", "Arab", true},
    {"", "Hebr", true},  {"", "Hans", false}, {"", "Hant", false},
};

static const ScriptInfo *script_for(const char *tag)
{
    char lang[8];
    char needle[12];
    char norm[I18N_TAG_MAX];
    if (!i18n_tag_normalize(tag, norm, sizeof norm)) {
        return NULL;
    }
    /* An explicit script subtag wins: sr-Latn, zh-Hant, az-Arab. */
    const char *dash = strchr(norm, '-');
    if (dash && strlen(dash + 1) >= 4 && isalpha((unsigned char)dash[1]) &&
        (dash[5] == '\0' || dash[5] == '-')) {
        for (size_t i = 0; i < sizeof EXPLICIT / sizeof EXPLICIT[0]; i++) {
            if (strncmp(EXPLICIT[i].script, dash + 1, 4) == 0) {
                return &EXPLICIT[i];
            }
        }
        for (size_t i = 0; i < sizeof SCRIPTS / sizeof SCRIPTS[0]; i++) {
            if (strncmp(SCRIPTS[i].script, dash + 1, 4) == 0) {
                return &SCRIPTS[i];
            }
        }
    }
    i18n_tag_language(norm, lang, sizeof lang);
    snprintf(needle, sizeof needle, " %s ", lang);
    for (size_t i = 0; i < sizeof SCRIPTS / sizeof SCRIPTS[0]; i++) {
        if (strstr(SCRIPTS[i].languages, needle)) {
            return &SCRIPTS[i];
        }
    }
    return NULL;
}

const char *i18n_tag_default_script(const char *tag)
{
    const ScriptInfo *info = script_for(tag);
    return info ? info->script : "Latn";
}

bool i18n_tag_is_rtl(const char *tag)
{
    const ScriptInfo *info = script_for(tag);
    return info ? info->rtl : false;
}

/* ---- Plural rules ------------------------------------------------------------------------- */

typedef enum PluralRule {
    RULE_ONE_IS_1,        /* en, de, nl, it, sv, ...: 1 one, else other */
    RULE_ONE_IS_1_MANY,   /* es, pt-PT, ca: 1 one, millions many, else other */
    RULE_ONE_IS_0_1_MANY, /* fr, pt: 0 and 1 one, millions many, else other */
    RULE_ONE_IS_0_1,      /* hi, bn, fa, zu, am, gu, kn: 0 and 1 one, else other */
    RULE_EAST_SLAVIC,     /* uk, ru, be */
    RULE_POLISH,          /* pl */
    RULE_ARABIC,
    RULE_HEBREW,
    RULE_NONE, /* th, ja, zh, ko, vi, id, ms, lo, my, km: other only */
} PluralRule;

static PluralRule rule_for(const char *tag)
{
    char lang[8];
    char needle[12];
    i18n_tag_language(tag ? tag : "en", lang, sizeof lang);
    for (char *c = lang; *c; c++) {
        *c = (char)tolower((unsigned char)*c);
    }
    if (strcmp(lang, "pt") == 0) {
        /* Brazilian Portuguese is "pt"; pt-PT and the tags whose CLDR parent it is differ. */
        char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
        int n = chain_add_with_parents(chain, 0, I18N_CHAIN_MAX, tag);
        for (int i = 0; i < n; i++) {
            if (strcmp(chain[i], "pt-PT") == 0) {
                return RULE_ONE_IS_1_MANY;
            }
        }
        return RULE_ONE_IS_0_1_MANY;
    }
    snprintf(needle, sizeof needle, " %s ", lang);
    if (strstr(" es ca ", needle)) {
        return RULE_ONE_IS_1_MANY;
    }
    if (strstr(" fr ", needle)) {
        return RULE_ONE_IS_0_1_MANY;
    }
    if (strstr(" hi bn fa zu am gu kn as ", needle)) {
        return RULE_ONE_IS_0_1;
    }
    if (strstr(" uk ru be ", needle)) {
        return RULE_EAST_SLAVIC;
    }
    if (strstr(" pl ", needle)) {
        return RULE_POLISH;
    }
    if (strstr(" ar ", needle)) {
        return RULE_ARABIC;
    }
    if (strstr(" he ", needle)) {
        return RULE_HEBREW;
    }
    if (strstr(" th ja zh ko vi id ms lo my km yo ", needle)) {
        return RULE_NONE;
    }
    return RULE_ONE_IS_1;
}

PluralCategory i18n_plural_category(const char *tag, long long n)
{
    unsigned long long v = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    unsigned long long m10 = v % 10;
    unsigned long long m100 = v % 100;
    bool million = v != 0 && v % 1000000 == 0;
    switch (rule_for(tag)) {
    case RULE_ONE_IS_1:
        return v == 1 ? PLURAL_ONE : PLURAL_OTHER;
    case RULE_ONE_IS_1_MANY:
        return v == 1 ? PLURAL_ONE : million ? PLURAL_MANY : PLURAL_OTHER;
    case RULE_ONE_IS_0_1_MANY:
        return v <= 1 ? PLURAL_ONE : million ? PLURAL_MANY : PLURAL_OTHER;
    case RULE_ONE_IS_0_1:
        return v <= 1 ? PLURAL_ONE : PLURAL_OTHER;
    case RULE_EAST_SLAVIC:
        if (m10 == 1 && m100 != 11) {
            return PLURAL_ONE;
        }
        if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) {
            return PLURAL_FEW;
        }
        return PLURAL_MANY;
    case RULE_POLISH:
        if (v == 1) {
            return PLURAL_ONE;
        }
        if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) {
            return PLURAL_FEW;
        }
        return PLURAL_MANY;
    case RULE_ARABIC:
        if (v == 0) {
            return PLURAL_ZERO;
        }
        if (v == 1) {
            return PLURAL_ONE;
        }
        if (v == 2) {
            return PLURAL_TWO;
        }
        if (m100 >= 3 && m100 <= 10) {
            return PLURAL_FEW;
        }
        if (m100 >= 11) {
            return PLURAL_MANY;
        }
        return PLURAL_OTHER;
    case RULE_HEBREW:
        return v == 1 ? PLURAL_ONE : v == 2 ? PLURAL_TWO : PLURAL_OTHER;
    case RULE_NONE:
        break;
    }
    return PLURAL_OTHER;
}

unsigned i18n_plural_forms_needed(const char *tag)
{
    unsigned mask = 0;
    for (long long n = 0; n <= 1000; n++) {
        mask |= 1u << i18n_plural_category(tag, n);
    }
    return mask;
}

static const char *const SUFFIXES[PLURAL_CATEGORY_COUNT] = {"zero", "one",  "two",
                                                            "few",  "many", "other"};

const char *i18n_plural_suffix(PluralCategory category)
{
    if ((int)category < 0 || category >= PLURAL_CATEGORY_COUNT) {
        return "other";
    }
    return SUFFIXES[category];
}

int i18n_plural_from_suffix(const char *suffix)
{
    for (int i = 0; i < PLURAL_CATEGORY_COUNT; i++) {
        if (suffix && strcmp(suffix, SUFFIXES[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* ---- Placeholders ------------------------------------------------------------------------- */

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* Finds the next valid placeholder; *open receives the position of its "{{". */
static const char *find_placeholder(const char *text, const char **open, const char **name,
                                    size_t *length)
{
    const char *p = text;
    while (p && (p = strstr(p, "{{")) != NULL) {
        const char *end = strstr(p + 2, "}}");
        if (!end) {
            return NULL;
        }
        const char *s = p + 2;
        const char *e = end;
        while (s < e && *s == ' ') {
            s++;
        }
        if (s < e && *s == '-') { /* i18next's unescaped form {{- name}} */
            s++;
            while (s < e && *s == ' ') {
                s++;
            }
        }
        while (e > s && e[-1] == ' ') {
            e--;
        }
        bool ok = e > s;
        for (const char *c = s; c < e; c++) {
            if (!is_name_char(*c)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            *open = p;
            *name = s;
            *length = (size_t)(e - s);
            return end + 2;
        }
        p += 2;
    }
    return NULL;
}

const char *i18n_next_placeholder(const char *text, const char **name, size_t *length)
{
    const char *open = NULL;
    return find_placeholder(text, &open, name, length);
}

typedef struct Out {
    char *buf;
    size_t size;
    size_t len;
} Out;

static void out_put(Out *o, const char *s, size_t n)
{
    if (o->size > 0 && o->len < o->size - 1) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static size_t out_finish(Out *o)
{
    if (o->size == 0) {
        return o->len;
    }
    if (o->len < o->size) {
        o->buf[o->len] = '\0';
        return o->len;
    }
    /* Truncated: do not leave half of a UTF-8 sequence at the end. */
    size_t cut = o->size - 1;
    size_t q = cut;
    while (q > 0 && ((unsigned char)o->buf[q - 1] & 0xC0) == 0x80) {
        q--;
    }
    if (q > 0) {
        unsigned char lead = (unsigned char)o->buf[q - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (q - 1 + need > cut) {
            cut = q - 1;
        }
    }
    o->buf[cut] = '\0';
    return o->len;
}

size_t i18n_interpolate(const char *text, const I18nArg *args, int arg_count, char *out,
                        size_t size)
{
    Out o = {out, size, 0};
    const char *p = text ? text : "";
    for (;;) {
        const char *name = NULL;
        size_t len = 0;
        const char *open = NULL;
        const char *after = find_placeholder(p, &open, &name, &len);
        if (!after) {
            out_put(&o, p, strlen(p));
            break;
        }
        out_put(&o, p, (size_t)(open - p));
        const char *value = NULL;
        for (int i = 0; i < arg_count; i++) {
            if (args[i].name && strlen(args[i].name) == len &&
                memcmp(args[i].name, name, len) == 0) {
                value = args[i].value ? args[i].value : "";
                break;
            }
        }
        if (value) {
            out_put(&o, value, strlen(value));
        } else {
            out_put(&o, open, (size_t)(after - open));
        }
        p = after;
    }
    return out_finish(&o);
}

/* ---- String tables ------------------------------------------------------------------------ */

typedef struct Entry {
    char *key;
    char *value;
    uint32_t hash;
} Entry;

struct StringTable {
    char tag[I18N_TAG_MAX];
    Entry *entries;
    int count;
    int capacity;
    int *slots; /* open addressing: entry index + 1, 0 = empty */
    size_t slot_count;
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

StringTable *i18n_table_create(const char *tag)
{
    StringTable *t = xrealloc(NULL, sizeof *t);
    memset(t, 0, sizeof *t);
    copy_str(t->tag, sizeof t->tag, tag ? tag : "");
    return t;
}

void i18n_table_destroy(StringTable *table)
{
    if (!table) {
        return;
    }
    for (int i = 0; i < table->count; i++) {
        free(table->entries[i].key);
        free(table->entries[i].value);
    }
    free(table->entries);
    free(table->slots);
    free(table);
}

static int find_slot(const StringTable *t, const char *key, uint32_t hash, size_t *slot)
{
    if (t->slot_count == 0) {
        return -1;
    }
    size_t mask = t->slot_count - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        int e = t->slots[i];
        if (e == 0) {
            if (slot) {
                *slot = i;
            }
            return -1;
        }
        if (t->entries[e - 1].hash == hash && strcmp(t->entries[e - 1].key, key) == 0) {
            if (slot) {
                *slot = i;
            }
            return e - 1;
        }
    }
}

static void rehash(StringTable *t)
{
    size_t n = t->slot_count ? t->slot_count * 2 : 64;
    free(t->slots);
    t->slots = xrealloc(NULL, n * sizeof *t->slots);
    memset(t->slots, 0, n * sizeof *t->slots);
    t->slot_count = n;
    for (int e = 0; e < t->count; e++) {
        size_t i = t->entries[e].hash & (n - 1);
        while (t->slots[i]) {
            i = (i + 1) & (n - 1);
        }
        t->slots[i] = e + 1;
    }
}

bool i18n_table_set(StringTable *table, const char *key, const char *value)
{
    uint32_t h = hash_str(key);
    int e = find_slot(table, key, h, NULL);
    if (e >= 0) {
        char *v = xstrdup(value);
        free(table->entries[e].value);
        table->entries[e].value = v;
        return true;
    }
    if ((size_t)(table->count + 1) * 2 > table->slot_count) {
        rehash(table);
    }
    if (table->count == table->capacity) {
        table->capacity = table->capacity ? table->capacity * 2 : 32;
        table->entries = xrealloc(table->entries, (size_t)table->capacity * sizeof(Entry));
    }
    size_t slot = 0;
    find_slot(table, key, h, &slot);
    table->entries[table->count] = (Entry){xstrdup(key), xstrdup(value), h};
    table->slots[slot] = ++table->count;
    return false;
}

const char *i18n_table_get(const StringTable *table, const char *key)
{
    if (!table || !key) {
        return NULL;
    }
    int e = find_slot(table, key, hash_str(key), NULL);
    return e >= 0 ? table->entries[e].value : NULL;
}

const char *i18n_table_tag(const StringTable *table)
{
    return table ? table->tag : "";
}

int i18n_table_count(const StringTable *table)
{
    return table ? table->count : 0;
}

const char *i18n_table_key(const StringTable *table, int index)
{
    return table && index >= 0 && index < table->count ? table->entries[index].key : NULL;
}

const char *i18n_table_value(const StringTable *table, int index)
{
    return table && index >= 0 && index < table->count ? table->entries[index].value : NULL;
}

/* ---- Lookup with fallback ----------------------------------------------------------------- */

struct I18n {
    char locale[I18N_TAG_MAX];
    char source[I18N_TAG_MAX];
    char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
    int chain_count;
    const StringTable **tables;
    int table_count;
    int table_capacity;
    StringTable *missing; /* used as a set of keys already reported */
    I18nMissingFn missing_fn;
    void *missing_user;
};

I18n *i18n_create(const char *locale, const char *source_locale)
{
    I18n *i = xrealloc(NULL, sizeof *i);
    memset(i, 0, sizeof *i);
    if (!i18n_tag_normalize(source_locale, i->source, sizeof i->source)) {
        copy_str(i->source, sizeof i->source, "en");
    }
    i->missing = i18n_table_create("missing");
    i18n_set_locale(i, locale);
    return i;
}

void i18n_destroy(I18n *i18n)
{
    if (!i18n) {
        return;
    }
    free(i18n->tables);
    i18n_table_destroy(i18n->missing);
    free(i18n);
}

void i18n_add_table(I18n *i18n, const StringTable *table)
{
    if (!table) {
        return;
    }
    if (i18n->table_count == i18n->table_capacity) {
        i18n->table_capacity = i18n->table_capacity ? i18n->table_capacity * 2 : 8;
        i18n->tables = xrealloc(i18n->tables, (size_t)i18n->table_capacity * sizeof *i18n->tables);
    }
    i18n->tables[i18n->table_count++] = table;
}

void i18n_set_locale(I18n *i18n, const char *locale)
{
    if (!i18n_tag_normalize(locale, i18n->locale, sizeof i18n->locale)) {
        memcpy(i18n->locale, i18n->source, sizeof i18n->locale);
    }
    i18n->chain_count =
        i18n_fallback_chain(i18n->locale, i18n->source, i18n->chain, I18N_CHAIN_MAX);
}

const char *i18n_locale(const I18n *i18n)
{
    return i18n->locale;
}

const char (*i18n_chain(const I18n *i18n, int *count))[I18N_TAG_MAX]
{
    if (count) {
        *count = i18n->chain_count;
    }
    return i18n->chain;
}

void i18n_set_missing_handler(I18n *i18n, I18nMissingFn fn, void *user)
{
    i18n->missing_fn = fn;
    i18n->missing_user = user;
}

int i18n_missing_count(const I18n *i18n)
{
    return i18n_table_count(i18n->missing);
}

/* The value of key in the tables of one tag, the latest added first. */
static const char *lookup_tag(const I18n *i18n, const char *tag, const char *key)
{
    for (int t = i18n->table_count - 1; t >= 0; t--) {
        if (strcmp(i18n->tables[t]->tag, tag) == 0) {
            const char *v = i18n_table_get(i18n->tables[t], key);
            if (v) {
                return v;
            }
        }
    }
    return NULL;
}

const char *i18n_lookup(const I18n *i18n, const char *key, const char **found_tag)
{
    if (!key) {
        return NULL;
    }
    for (int c = 0; c < i18n->chain_count; c++) {
        const char *v = lookup_tag(i18n, i18n->chain[c], key);
        if (v) {
            if (found_tag) {
                *found_tag = i18n->chain[c];
            }
            return v;
        }
    }
    return NULL;
}

static void record_miss(I18n *i18n, const char *key)
{
    if (i18n_table_get(i18n->missing, key)) {
        return;
    }
    i18n_table_set(i18n->missing, key, "");
    if (i18n->missing_fn) {
        i18n->missing_fn(i18n->missing_user, i18n->locale, key);
    }
}

const char *i18n_text(I18n *i18n, const char *key)
{
    if (!key) {
        return "";
    }
    const char *v = i18n_lookup(i18n, key, NULL);
    if (v) {
        return v;
    }
    record_miss(i18n, key);
    return key;
}

size_t i18n_format(I18n *i18n, char *out, size_t size, const char *key, const I18nArg *args,
                   int arg_count)
{
    return i18n_interpolate(i18n_text(i18n, key), args, arg_count, out, size);
}

size_t i18n_plural(I18n *i18n, char *out, size_t size, const char *key, long long n,
                   const I18nArg *args, int arg_count)
{
    char buf[512];
    char count_text[32];
    const char *text = NULL;
    if (!key) {
        key = "";
    }
    /* The first locale of the chain that has any form of the key decides the grammar. */
    for (int c = 0; c < i18n->chain_count && !text; c++) {
        const char *tag = i18n->chain[c];
        const char *forms[3] = {i18n_plural_suffix(i18n_plural_category(tag, n)), "other", NULL};
        for (int f = 0; f < 3 && !text; f++) {
            if (forms[f]) {
                snprintf(buf, sizeof buf, "%s_%s", key, forms[f]);
            } else {
                snprintf(buf, sizeof buf, "%s", key);
            }
            text = lookup_tag(i18n, tag, buf);
        }
    }
    if (!text) {
        snprintf(buf, sizeof buf, "%s_other", key);
        record_miss(i18n, buf);
        text = key;
    }
    snprintf(count_text, sizeof count_text, "%lld", n);
    I18nArg *all = xrealloc(NULL, (size_t)(arg_count + 1) * sizeof *all);
    /* Arguments are searched first to last, so the caller's own "count" wins. */
    for (int i = 0; i < arg_count; i++) {
        all[i] = args[i];
    }
    all[arg_count] = (I18nArg){"count", count_text};
    size_t result = i18n_interpolate(text, all, arg_count + 1, out, size);
    free(all);
    return result;
}

/* Tags of the chain that share the language of the first tag that has any table: the locale
 * whose text is actually shown. */
static const char *shown_locale(const I18n *i18n, int *first, int *last)
{
    int start = 0;
    for (int c = 0; c < i18n->chain_count; c++) {
        bool has = false;
        for (int t = 0; t < i18n->table_count && !has; t++) {
            has = strcmp(i18n->tables[t]->tag, i18n->chain[c]) == 0;
        }
        if (has) {
            start = c;
            break;
        }
    }
    char lang[8];
    char other[8];
    i18n_tag_language(i18n->chain[start], lang, sizeof lang);
    int end = start;
    while (end + 1 < i18n->chain_count) {
        i18n_tag_language(i18n->chain[end + 1], other, sizeof other);
        if (strcmp(lang, other) != 0) {
            break;
        }
        end++;
    }
    *first = start;
    *last = end;
    return i18n->chain[start];
}

static const char *shown_value(const I18n *i18n, const char *key, const char **tag)
{
    int first = 0;
    int last = 0;
    *tag = shown_locale(i18n, &first, &last);
    for (int c = first; c <= last; c++) {
        const char *v = lookup_tag(i18n, i18n->chain[c], key);
        if (v) {
            return v;
        }
    }
    return NULL;
}

const char *i18n_script(const I18n *i18n)
{
    const char *tag = NULL;
    const char *v = shown_value(i18n, "locale.script", &tag);
    if (v && strlen(v) == 4 && all_alpha(v, 4)) {
        return v;
    }
    return i18n_tag_default_script(tag);
}

bool i18n_is_rtl(const I18n *i18n)
{
    const char *tag = NULL;
    const char *v = shown_value(i18n, "locale.direction", &tag);
    if (v && strcmp(v, "rtl") == 0) {
        return true;
    }
    if (v && strcmp(v, "ltr") == 0) {
        return false;
    }
    return i18n_tag_is_rtl(tag);
}
