/*
 * i18n.h: string tables, per-key locale fallback, {{placeholder}} interpolation and CLDR
 * integer plural rules.
 *
 * libc only: no SDL, no JSON. The content module parses i18next v4 JSON files and hands the
 * flattened key/value pairs ("card.rel-01.prompt" -> "...") to a StringTable here; the UI asks
 * an I18n for text. Every string the program shows goes through this layer.
 *
 * Ownership:
 * - A StringTable owns copies of its tag, keys and values.
 * - An I18n borrows its StringTables (it never frees them): whoever added a table (a Pack, or
 *   the app for its UI strings) keeps it alive and unchanged until i18n_destroy().
 * - Every `const char *` an I18n returns points into a table, into the key passed in, or into
 *   the I18n itself, and stays valid until the table or the I18n is destroyed.
 * Out of memory aborts with a message.
 */
#ifndef RUTAS_I18N_H
#define RUTAS_I18N_H

#include <stdbool.h>
#include <stddef.h>

/* Longest BCP 47 tag handled, with its terminating NUL ("zh-Hant-CN", "es-419", "en-001"). */
#define I18N_TAG_MAX 36
/* Longest fallback chain i18n_fallback_chain() produces. */
#define I18N_CHAIN_MAX 12

/* ---- Language tags ------------------------------------------------------------------------ */

/* Writes the canonical form of a BCP 47 tag: "es_mx" or "ES-mx" -> "es-MX", "zh-hant-cn" ->
 * "zh-Hant-CN"; a POSIX suffix such as ".UTF-8" or "@euro" is dropped. Accepts language (2-3
 * letters), optional script (4 letters), optional region (2 letters or 3 digits); returns false
 * (and writes "") for anything else, including NULL. */
bool i18n_tag_normalize(const char *tag, char *out, size_t size);

/* The tag's CLDR parent: es-MX -> es-419 -> es, pt-MZ -> pt-PT -> pt, en-IN -> en-001 -> en,
 * otherwise the tag without its last subtag. Returns false at a bare language (no parent). */
bool i18n_tag_parent(const char *tag, char *out, size_t size);

/* The language subtag ("es" for "es-MX"). */
void i18n_tag_language(const char *tag, char *out, size_t size);

/* Fills chain[] with the per-key fallback order: the tag, its CLDR parents down to the bare
 * language, then source_locale and its parents, then "en"; without duplicates. source_locale
 * may be NULL. Returns the number of tags written (at most max). */
int i18n_fallback_chain(const char *tag, const char *source_locale, char chain[][I18N_TAG_MAX],
                        int max);

/* Picks the language to show. The setting wins when available offers it or a relative of it;
 * else the first of preferred[] (the system's locales, best first, e.g. from
 * SDL_GetPreferredLocales) that available offers; else source_locale. A preferred tag matches
 * an available one exactly, then through its CLDR parents (es-AR -> es-419), then by
 * language (es-AR -> es-MX). Returns a pointer into available[] or source_locale. */
const char *i18n_choose_locale(const char *setting, const char *const *preferred,
                               int preferred_count, const char *const *available,
                               int available_count, const char *source_locale);

/* Script (ISO 15924, e.g. "Latn", "Arab", "Deva") and direction a language is written in when
 * its locale file does not say: a small built-in table, "Latn" and left-to-right otherwise. */
const char *i18n_tag_default_script(const char *tag);
bool i18n_tag_is_rtl(const char *tag);

/* ---- Plural rules ------------------------------------------------------------------------- */

typedef enum PluralCategory {
    PLURAL_ZERO,
    PLURAL_ONE,
    PLURAL_TWO,
    PLURAL_FEW,
    PLURAL_MANY,
    PLURAL_OTHER,
    PLURAL_CATEGORY_COUNT
} PluralCategory;

/* The CLDR cardinal category of the integer n (negative n is treated as -n) in the language of
 * tag. Covers en, es, pt (Brazil), pt-PT and its children, fr, it, de, uk, ru, be, pl, hi, bn,
 * ar, he, th and a few more; unknown languages use the English rule. */
PluralCategory i18n_plural_category(const char *tag, long long n);

/* Bit (1u << category) set for each category a translation into tag needs: those some integer
 * from 0 to 1000 takes. ("many" for es/fr/pt is only reached at a million and is optional.) */
unsigned i18n_plural_forms_needed(const char *tag);

/* "zero", "one", ... "other": the i18next v4 key suffixes (after an underscore). */
const char *i18n_plural_suffix(PluralCategory category);
/* The category a suffix names, or -1. */
int i18n_plural_from_suffix(const char *suffix);

/* ---- Placeholders ------------------------------------------------------------------------- */

typedef struct I18nArg {
    const char *name;  /* "team" for {{team}} */
    const char *value; /* inserted as is */
} I18nArg;

/* Copies text to out (always NUL-terminated when size > 0), replacing each {{name}} (spaces
 * inside the braces and i18next's unescaped form {{- name}} are allowed) with the value of the
 * arg of that name. A placeholder without an arg is kept as written, so a missing value shows
 * instead of vanishing. Truncation never splits a UTF-8 sequence. Returns the length the full
 * result needs (like snprintf): the output was truncated when the result >= size. */
size_t i18n_interpolate(const char *text, const I18nArg *args, int arg_count, char *out,
                        size_t size);

/* Finds the next {{name}} in text: on success sets *name and *length to the name inside the
 * braces (trimmed) and returns the position after the closing braces; returns NULL when there
 * is none. Used to compare the placeholders of a translation with its source. */
const char *i18n_next_placeholder(const char *text, const char **name, size_t *length);

/* ---- String tables ------------------------------------------------------------------------ */

typedef struct StringTable StringTable;

/* An empty table for one locale. The tag is stored as given (normalize it first). */
StringTable *i18n_table_create(const char *tag);
void i18n_table_destroy(StringTable *table);

/* Copies key and value into the table. Returns true when the key was already there (its value
 * is then replaced: an overlay pack replaces its base's strings this way). */
bool i18n_table_set(StringTable *table, const char *key, const char *value);
/* The value of key, or NULL. */
const char *i18n_table_get(const StringTable *table, const char *key);
const char *i18n_table_tag(const StringTable *table);
/* Entries in insertion order, for validation and export: 0 <= index < count. */
int i18n_table_count(const StringTable *table);
const char *i18n_table_key(const StringTable *table, int index);
const char *i18n_table_value(const StringTable *table, int index);

/* ---- Lookup with fallback ----------------------------------------------------------------- */

typedef struct I18n I18n;

/* Called once per missing key (the first time i18n_text() had to return the key itself). */
typedef void (*I18nMissingFn)(void *user, const char *locale, const char *key);

/* A lookup context showing `locale` (NULL: source_locale; source_locale NULL: "en"). */
I18n *i18n_create(const char *locale, const char *source_locale);
void i18n_destroy(I18n *i18n);

/* Borrows table (see Ownership). For one tag, a table added later wins over one added
 * earlier, so add base strings first and overlays after. */
void i18n_add_table(I18n *i18n, const StringTable *table);
/* Changes the language shown (and its fallback chain). */
void i18n_set_locale(I18n *i18n, const char *locale);
const char *i18n_locale(const I18n *i18n);
/* The fallback chain in use; *count receives its length. */
const char (*i18n_chain(const I18n *i18n, int *count))[I18N_TAG_MAX];

void i18n_set_missing_handler(I18n *i18n, I18nMissingFn fn, void *user);
/* How many distinct keys were missing everywhere so far. */
int i18n_missing_count(const I18n *i18n);

/* The string for key along the fallback chain, or NULL; *found_tag (may be NULL) receives the
 * tag of the table that had it. Records nothing. */
const char *i18n_lookup(const I18n *i18n, const char *key, const char **found_tag);
/* The string for key along the fallback chain; when no table has it, the key itself, and the
 * miss is recorded and reported once. Never NULL (a NULL key gives ""). */
const char *i18n_text(I18n *i18n, const char *key);
/* i18n_text() then i18n_interpolate(). Returns what i18n_interpolate() returns. */
size_t i18n_format(I18n *i18n, char *out, size_t size, const char *key, const I18nArg *args,
                   int arg_count);
/* The plural form of key for the integer n: key_<category> in the first table of the chain
 * that has any form of key (so a language's grammar is never mixed with another's), falling
 * back to key_other, then key; {{count}} is n unless args give a "count". */
size_t i18n_plural(I18n *i18n, char *out, size_t size, const char *key, long long n,
                   const I18nArg *args, int arg_count);

/* Script and direction of the chosen locale: its `locale.script` / `locale.direction` strings
 * (looked up along the chain), else i18n_tag_default_script() / i18n_tag_is_rtl(). */
const char *i18n_script(const I18n *i18n);
bool i18n_is_rtl(const I18n *i18n);

#endif
