/*
 * pack_internal.h: what the files of the content module share. Not part of its API.
 *
 * Loading builds a PackBuild (lists keyed by id, so overlays can replace entries) from each
 * layer of an `extends` chain, base first, then resolves it into the final Pack. Everything
 * that ends in the Pack is allocated from the Pack's arena, so a failed load frees one arena.
 */
#ifndef RUTAS_PACK_INTERNAL_H
#define RUTAS_PACK_INTERNAL_H

#include "pack.h"

#include <cjson/cJSON.h>
#include <stdint.h>

/* ---- Arena -------------------------------------------------------------------------------- */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

void *arena_alloc(Arena *arena, size_t size); /* zeroed */
char *arena_strdup(Arena *arena, const char *s);
char *arena_printf(Arena *arena, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void arena_free(Arena *arena);

void *content_xrealloc(void *p, size_t size); /* aborts when out of memory */

/* ---- Id map: id -> index, for overlays and references ------------------------------------- */

typedef struct IdMap {
    const char **keys;
    int *values;
    size_t slot_count;
    int count;
} IdMap;

void idmap_clear(IdMap *map);
/* Returns the previous value, or -1 when new. */
int idmap_put(IdMap *map, const char *key, int value);
int idmap_get(const IdMap *map, const char *key);

/* ---- Reading files ------------------------------------------------------------------------ */

typedef struct Ctx {
    PackErrors *errors;
    const char *file; /* for messages */
    int error_count;  /* errors reported through this context's helpers */
} Ctx;

void ctx_error(Ctx *ctx, const char *place, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void ctx_warn(Ctx *ctx, const char *place, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Reads root/rel (which must stay inside root_real, the real path of the pack folder, even
 * through links, be a regular file and at most limit bytes). Missing files are reported only
 * when required. Returns a malloc'ed NUL-terminated buffer, or NULL. ctx->file must be set to
 * the display name of the file. */
char *content_read_file(Ctx *ctx, const char *root, const char *root_real, const char *rel,
                        size_t limit, bool required, size_t *size);
/* Checks that text is valid UTF-8 without NUL bytes; reports the first problem at
 * line:column. */
bool content_check_utf8(Ctx *ctx, const char *text, size_t size);
/* The same check, silent: is text valid UTF-8 without NUL bytes? */
bool content_utf8_is_valid(const char *text, size_t size);
/* Pre-scans (UTF-8, control characters in strings, depth), then parses JSON; syntax errors
 * are reported at line:column. Returns NULL after reporting. */
cJSON *content_parse_json(Ctx *ctx, const char *text, size_t size);
/* Does rel name a file that exists inside the pack? Checks a relative path from pack.json
 * (no absolute path, no "..", no backslash, no link that leaves the pack, a PNG). Returns the
 * full path in the arena, or NULL after reporting at place. */
const char *content_check_image(Ctx *ctx, Arena *arena, const char *place, const char *root,
                                const char *root_real, const char *rel);

/* Number of Unicode code points in a valid UTF-8 string. */
size_t content_utf8_length(const char *s);
bool content_is_id(const char *s);
bool content_is_date(const char *s, int *days); /* YYYY-MM-DD; days since 1970-01-01 */
void content_today(char out[11]);

/* ---- Text limits ------------------------------------------------------------------------- */

/* Characters of each kind of text that fit at the projected size (docs/pack-format.md, "Text
 * that fits"): the validator (pack_strings.c) and pack_string_limit() (pack_write.c). */
enum {
    PACK_FIT_PROMPT = 200,
    PACK_FIT_OPTION = 100,
    PACK_FIT_ANSWER = 280,
    PACK_FIT_NOTE = 400,
    PACK_FIT_NAME = 32,
    PACK_FIT_SPACE = 24,
    PACK_FIT_TITLE = 60,
    PACK_FIT_CONTENT_NOTE = 40,
    PACK_FIT_GROUND_RULE = 160
};

/* ---- The build ----------------------------------------------------------------------------- */

typedef struct Origin {
    const char *file; /* display name of the pack.json that defined it */
    int index;        /* index in its array */
} Origin;

typedef struct BTopic {
    const char *id;
    uint32_t colour;
    const char *icon;
    const char *image;
    Origin at;
} BTopic;

typedef struct BDeck {
    const char *id;
    Origin at;
} BDeck;

typedef struct BSpace {
    const char *id;
    SpaceKind kind;
    const char *topic;
    Origin at;
} BSpace;

typedef struct BCard {
    const char *id;
    const char *topic; /* the card is in this topic's deck ... */
    const char *deck;  /* ... or in this shared deck */
    CardKind kind;
    int min_age;
    int intensity;
    int options;
    MythFact answer;
    Effect effect;
    const char **notes;
    int note_count;
    const char *source;
    const char *image;
    Origin at;
} BCard;

/* One locale file of one layer. */
typedef struct BStrings {
    const char *tag;
    const char *file;
    StringTable *table;
    bool moved; /* the Pack owns table now (build_check_strings) */
} BStrings;

typedef struct BHelplines {
    const char *country;
    const char *file;
    Helpline *lines;
    int count;
} BHelplines;

typedef struct BGuide {
    const char *tag;
    const char *text;
} BGuide;

typedef struct PackBuild {
    Arena *arena; /* the Pack's */
    PackErrors *errors;
    PackLoadOptions options;
    char today[11];
    int error_count;

    /* Metadata: the top layer's, with the base's where the top omits them. */
    const char *id;
    const char *version;
    const char *license;
    const char *source_locale;
    const char *extends;
    const char *top_file; /* the top layer's pack.json, for whole-pack messages */
    const char **authors;
    int author_count;
    const char **locales; /* union over layers, in order */
    int locale_count;
    int age_min;
    int age_max;
    bool have_age;

    BTopic *topics;
    int topic_count, topic_cap;
    IdMap topic_ids;
    BDeck *decks;
    int deck_count, deck_cap;
    IdMap deck_ids;
    BSpace *spaces;
    int space_count;
    const char *board_file;
    BCard *cards;
    int card_count, card_cap;
    IdMap card_ids;
    Rules rules;
    const char *rules_file;

    BStrings *strings; /* every layer's locale files, base first */
    int strings_count, strings_cap;
    BHelplines *helplines; /* one per country, overlays replacing */
    int helpline_count, helpline_cap;
    BGuide *guides;
    int guide_count, guide_cap;
} PackBuild;

/* pack_json.c: reads a layer's pack.json (NULL after reporting; *file receives its display
 * name), then applies it over the layers below it. *locales receives the layer's own list. */
cJSON *build_parse_pack_json(PackBuild *b, const char *dir, const char *dir_real,
                             const char **file);
void build_apply_pack_json(PackBuild *b, const cJSON *root, const char *file, const char *dir,
                           const char *dir_real, const char ***locales, int *locale_count);

/* pack_strings.c */
void build_read_locales(PackBuild *b, const char *dir, const char *dir_real,
                        const char *const *locales, int locale_count);
/* Flattens an i18next JSON tree into table; returns false after reporting. */
bool strings_flatten(Ctx *ctx, const cJSON *root, StringTable *table);
/* Reads a locale file's text into a new table for tag: in one pass when the file is well
 * formed, else through content_parse_json() and strings_flatten(), which report every
 * problem. Returns NULL when the text is not JSON; *flattened is false when strings_flatten()
 * found problems (the table then holds the strings it could read). */
StringTable *strings_read(Ctx *ctx, const char *text, size_t size, const char *tag,
                          bool *flattened);
/* strings_read()'s fast path alone: fills table and returns true when text is a well-formed
 * locale file that the checked path reads without a problem; false when it gives up (table
 * then holds part of the strings). tests/content/test_strings_fast.c holds it to that. */
bool strings_read_fast(const char *text, size_t size, StringTable *table);
/* Checks every string of the build against the resolved Pack; fills the Pack's coverage. */
void build_check_strings(PackBuild *b, Pack *pack);

/* pack_helplines.c */
void build_read_helplines(PackBuild *b, const char *dir, const char *dir_real);
void build_read_guides(PackBuild *b, const char *dir, const char *dir_real);
void build_check_helplines(PackBuild *b);

/* ---- The Pack ------------------------------------------------------------------------------ */

typedef struct PackCoverage {
    int total;
    int missing;
} PackCoverage;

struct Pack {
    Arena arena;
    const char *dir;
    const char *id;
    const char *version;
    const char *license;
    const char *source_locale;
    const char *extends;
    const char **authors;
    int author_count;
    const char **locales;
    int locale_count;
    int age_min;
    int age_max;

    GameDef def;
    Topic *topics;
    Deck *decks;
    Space *spaces;
    Card *cards;
    PackCardInfo *card_info;
    const char **topic_images;

    StringTable **tables; /* one per locale, same order as locales; owned */
    PackCoverage *coverage;

    const char **countries;
    BHelplines *helplines;
    int helpline_count;
    BGuide *guides;
    int guide_count;
};

#endif
