/*
 * pack.h: loading and validating content packs.
 *
 * A pack is a folder (docs/pack-format.md): pack.json (structure, no prose),
 * locales/<BCP47>.json (i18next v4 strings), helplines/<CC>.json, guide/<BCP47>.md and
 * images/. pack_load() reads one into an immutable Pack: the GameDef of the rules core, one
 * StringTable per locale, help lines, guide texts and metadata. A pack may `extends` another
 * found on a PackSearchPath; the result is the base with the overlay applied.
 *
 * This is the only module that includes cJSON, and the cJSON tree never leaves it. It does not
 * include SDL: the app finds the folders (content/packs, SDL_GetPrefPath, --pack) and passes
 * them in a PackSearchPath.
 *
 * Errors: every problem found goes into a PackErrors value the caller owns (file, place,
 * message, severity); loading goes on after an error to report every problem, not the first.
 * Input is untrusted: files are size-limited, JSON nesting, strings and arrays are bounded,
 * UTF-8 is checked, and no path may leave the pack folder (see the PACK_LIMIT_* values). A load
 * that finds an error frees everything and returns NULL: there is never a partial Pack.
 *
 * Ownership: the caller owns the Pack (pack_free) and the PackErrors (pack_errors_clear). All
 * pointers a Pack hands out (GameDef, ids, strings, tables, help lines) are owned by the Pack,
 * immutable, and valid until pack_free(). Out of memory aborts with a message.
 */
#ifndef RUTAS_PACK_H
#define RUTAS_PACK_H

#include "gamedef.h"
#include "i18n.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- Documented limits of hostile input (docs/pack-format.md, "Limits") ------------------- */

#define PACK_FORMAT_VERSION       1
#define PACK_LIMIT_JSON_BYTES     (16u * 1024u * 1024u) /* pack.json and each locale file */
#define PACK_LIMIT_HELPLINE_BYTES (1024u * 1024u)       /* each helplines/<CC>.json */
#define PACK_LIMIT_GUIDE_BYTES    (1024u * 1024u)       /* each guide/<tag>.md */
#define PACK_LIMIT_IMAGE_BYTES    (8u * 1024u * 1024u)  /* each PNG */
#define PACK_LIMIT_IMAGE_SIDE     4096u                 /* pixels on either side of a PNG */
#define PACK_LIMIT_IMAGE_PIXELS   (2048u * 2048u)       /* pixels in a PNG (16 MiB once decoded) */
#define PACK_LIMIT_DEPTH          32                    /* nesting of JSON objects and arrays */
#define PACK_LIMIT_STRING         4096                  /* bytes in any one JSON string */
#define PACK_LIMIT_ID             64                    /* bytes in an id */
#define PACK_LIMIT_KEYS           200000                /* strings in one locale file */
#define PACK_LIMIT_LIST           64   /* authors, locales, content notes, topics per help line */
#define PACK_LIMIT_HELPLINES      256  /* lines in one helplines file */
#define PACK_LIMIT_FILES          256  /* files in locales/, helplines/, guide/ */
#define PACK_LIMIT_EXTENDS        8    /* depth of an `extends` chain */
#define PACK_LIMIT_ERRORS         1000 /* messages kept; more are counted in PackErrors.dropped */

/* A pack may add up to this many ground rules of its own to the program's five: the optional
 * strings ground_rules.1 .. ground_rules.4, shown in that order after them. */
#define PACK_GROUND_RULES_MAX 4

/* ---- Errors ------------------------------------------------------------------------------- */

typedef enum PackSeverity { PACK_SEVERITY_ERROR, PACK_SEVERITY_WARNING } PackSeverity;

typedef struct PackError {
    PackSeverity severity;
    char *file;    /* the file as reached from the path given, e.g. "content/packs/x/pack.json" */
    char *place;   /* a JSON path ("cards[12].kind"), a string key ("card.rel-01.prompt"),
                      "line:column" for syntax and encoding errors, or "-" for the whole file */
    char *message; /* one sentence for a pack author, without a trailing period */
} PackError;

typedef struct PackErrors {
    PackError *items; /* owned */
    int count;
    int capacity;
    int errors;   /* how many of items are errors ... */
    int warnings; /* ... and warnings */
    int dropped;  /* reported after PACK_LIMIT_ERRORS was reached */
} PackErrors;

/* A PackErrors may also be zero-initialized instead. */
void pack_errors_init(PackErrors *errors);
/* Frees the messages and empties the list; accepts NULL. */
void pack_errors_clear(PackErrors *errors);
/* Adds a message (copied). file and place may be NULL ("-"). */
void pack_errors_add(PackErrors *errors, PackSeverity severity, const char *file, const char *place,
                     const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* "file: place: message", with "warning: " before the message of a warning. Returns what
 * snprintf returns. */
int pack_error_format(const PackError *error, char *out, size_t size);

/* ---- Finding packs ------------------------------------------------------------------------ */

/* Folders to look for packs in, best first. Each folder either is a pack (has pack.json) or
 * holds packs as subfolders named by their ids. The strings are borrowed. */
typedef struct PackSearchPath {
    const char *const *dirs;
    int count;
} PackSearchPath;

/* Writes the folder of the pack with this id to out. Returns false when none is found. */
bool pack_search_find(const PackSearchPath *search, const char *id, char *out, size_t size);

/* Every pack folder on the search path (folders holding a pack.json), in search order, without
 * duplicates. Returns a NULL-terminated array the caller frees with pack_search_list_free();
 * *count (may be NULL) receives its length. */
char **pack_search_list(const PackSearchPath *search, int *count);
void pack_search_list_free(char **list);

/* ---- Loading ------------------------------------------------------------------------------ */

typedef struct Pack Pack;

typedef struct PackLoadOptions {
    /* "YYYY-MM-DD": help lines verified more than 12 months before are reported, and dates
     * after it are errors. NULL: today's local date. */
    const char *today;
    /* Also warn about what is optional but recommended (a card without a facilitator note). */
    bool strict;
} PackLoadOptions;

/* Loads the pack in folder dir. search (may be NULL) is used to find `extends` bases; options
 * may be NULL. Problems go to errors (may be NULL). Returns NULL if any error was found
 * (warnings alone do not fail). */
Pack *pack_load(const char *dir, const PackSearchPath *search, const PackLoadOptions *options,
                PackErrors *errors);
/* Accepts NULL. */
void pack_free(Pack *pack);

/* ---- What a Pack holds -------------------------------------------------------------------- */

const GameDef *pack_def(const Pack *pack);
const char *pack_dir(const Pack *pack);
const char *pack_id(const Pack *pack);
const char *pack_version(const Pack *pack);
const char *pack_license(const Pack *pack);
/* The id of the base pack, or NULL. */
const char *pack_extends(const Pack *pack);
/* Key of the pack's title in its string tables ("pack.title"); description: "pack.description". */
const char *pack_title_key(const Pack *pack);
const char *const *pack_authors(const Pack *pack, int *count);
/* Locales the pack ships (its own and its bases'), source locale first. */
const char *const *pack_locales(const Pack *pack, int *count);
const char *pack_source_locale(const Pack *pack);
void pack_age(const Pack *pack, int *min, int *max);

/* What a card carries beside its GameDef entry (same index as GameDef.cards). */
typedef struct PackCardInfo {
    const char *const *content_notes; /* tag ids; their text is "content_note.<tag>" */
    int content_note_count;
    const char *source; /* "seed-file:lines", "general: ..." or a URL */
    const char *image;  /* full path of a checked PNG inside the pack, or NULL */
} PackCardInfo;

const PackCardInfo *pack_card_info(const Pack *pack, int card);
/* Full path of a topic's checked PNG, or NULL. */
const char *pack_topic_image(const Pack *pack, int topic);

/* The strings of one locale (base strings with the overlays' applied), or NULL when the pack
 * does not ship it. */
const StringTable *pack_strings(const Pack *pack, const char *locale);
/* Adds every locale's table to i18n (borrowed: the Pack must outlive the I18n). */
void pack_add_strings(const Pack *pack, I18n *i18n);
/* Coverage of one locale: *total (may be NULL) receives the number of strings expected; returns
 * how many of them the locale lacks (they fall back along the chain), or -1 if not shipped. */
int pack_coverage(const Pack *pack, const char *locale, int *total);

/* A text in several languages (help line names, hours, ...). */
typedef struct PackText {
    const char *locale;
    const char *text;
} PackText;

/* The text for locale along the per-key fallback chain (locale, CLDR parents, language,
 * source_locale, en), else the first one; NULL when count is 0. */
const char *pack_text_pick(const PackText *texts, int count, const char *locale,
                           const char *source_locale);

typedef struct Helpline {
    const char *id;
    const char *number;        /* as dialled, may be "" when whatsapp or web is given */
    const char *whatsapp;      /* may be "" */
    const char *web;           /* may be "" */
    const char *const *topics; /* topic ids, or the single entry "all" */
    int topic_count;
    const char *verified_on; /* "YYYY-MM-DD" */
    const char *source;      /* where the number was verified */
    const PackText *name;
    int name_count;
    const PackText *hours;
    int hours_count;
    const PackText *cost;
    int cost_count;
    const PackText *what;
    int what_count;
} Helpline;

/* Help lines for a country (ISO 3166-1 alpha-2, any case), or NULL with *count 0. */
const Helpline *pack_helplines(const Pack *pack, const char *country, int *count);
/* Countries with help lines. */
const char *const *pack_helpline_countries(const Pack *pack, int *count);
/* Days from the line's verified_on to today ("YYYY-MM-DD"; NULL: today's local date), or -1
 * when a date is unreadable. The UI warns the facilitator above 365. */
int pack_helpline_age_days(const Helpline *line, const char *today);
/* Does the help line serve this topic id ("all" serves every topic)? */
bool pack_helpline_serves(const Helpline *line, const char *topic);

/* The facilitator guide (Markdown) for locale along the fallback chain, or NULL when the pack
 * has none; *found_locale (may be NULL) receives the locale of the text returned. */
const char *pack_guide(const Pack *pack, const char *locale, const char **found_locale);

/* ---- Stand-alone string files (the program's own UI strings, content/ui/<tag>.json) --------- */

/* Reads an i18next v4 JSON file (flat or nested) into a new table for tag. Returns NULL (and
 * reports why) on any error. The caller owns the table (i18n_table_destroy). */
StringTable *pack_strings_load(const char *path, const char *tag, PackErrors *errors);

/* Compares a translation with its source: keys missing from target, keys target has that the
 * source does not, placeholder differences and the plural forms the target's language needs.
 * Problems are reported against file (the target's). Returns the number of missing keys. */
int pack_strings_compare(const StringTable *source, const StringTable *target, const char *file,
                         PackErrors *errors);

/* ---- Writing (the authoring tools: rutas pack new, translate, import-csv) -------------------- */

/* Writes table as an i18next v4 locale file: nested objects ("card": {"rel-01": {"prompt":
 * ...}}) in the table's order with two-space indents, or one flat "key": "value" per line when
 * flat is set or a key cannot nest. UTF-8 is written as is. The file is replaced atomically
 * (a temporary file renamed over it). Returns false and reports why to errors. */
bool pack_strings_write(const StringTable *table, const char *path, bool flat, PackErrors *errors);
/* Does the locale file at path use flat keys ("card.rel-01.prompt": ...) at its top level? */
bool pack_strings_file_is_flat(const char *path);

/* Adds tag to the `locales` of dir/pack.json (creating the list in an overlay that has none),
 * keeping the rest of the file as written. Nothing changes when the tag is listed already.
 * Returns false and reports why to errors. */
bool pack_manifest_add_locale(const char *dir, const char *tag, PackErrors *errors);

/* Characters a text of this key may have to fit at the projected size (docs/pack-format.md,
 * "Text that fits"), or 0 when there is no limit; *is_error (may be NULL) is set when going
 * over is an error rather than a warning (card prompts). */
int pack_string_limit(const char *key, bool *is_error);

#endif
