/*
 * gamedef.h: the immutable definition of one game (board, topics, decks, cards, rules).
 *
 * Part of the rules core: libc only, no SDL, no JSON. The content loader fills a GameDef from a
 * pack; tests and the built-in demo build one in code. A GameDef holds ids only; every text
 * lives in the string tables of i18n, keyed by these ids.
 *
 * Ownership: a GameDef does not own its arrays or id strings; whoever built it (a Pack, or a
 * test's static arrays) keeps them alive for as long as the GameDef is used.
 */
#ifndef RUTAS_GAMEDEF_H
#define RUTAS_GAMEDEF_H

#include <stdbool.h>
#include <stdint.h>

/* Hard limits of the rules core; the loader enforces them with clear messages. */
#define GAMEDEF_MAX_SPACES  64
#define GAMEDEF_MAX_TOPICS  32
#define GAMEDEF_MAX_DECKS   48
#define GAMEDEF_MAX_CARDS   16384
#define GAMEDEF_MAX_OPTIONS 4
#define GAMEDEF_MAX_TEAMS   8
#define GAMEDEF_MIN_TEAMS   2

typedef enum SpaceKind {
    SPACE_START,
    SPACE_TOPIC,
    SPACE_SITUATION,
    SPACE_RIGHTS,
    SPACE_PAUSE,
    SPACE_GO_TO_PAUSE,
    SPACE_OPEN,
    SPACE_KIND_COUNT
} SpaceKind;

typedef enum CardKind {
    CARD_DISCUSS,
    CARD_AGREE,
    CARD_MYTH_FACT,
    CARD_SCENARIO,
    CARD_ACTION,
    CARD_HELP,
    CARD_KIND_COUNT
} CardKind;

typedef enum EffectKind {
    EFFECT_NONE,
    EFFECT_POINTS,     /* amount points to the current team */
    EFFECT_POINTS_ALL, /* amount points to every team */
    EFFECT_MOVE,       /* move amount spaces (negative: back), then resolve the space */
    EFFECT_MOVE_TO,    /* move forward to the nearest space of kind target, then resolve it */
    EFFECT_GO_TO_PAUSE,
    EFFECT_KIND_COUNT
} EffectKind;

typedef enum PauseRule {
    PAUSE_RULE_SKIP,              /* the team skips its next roll */
    PAUSE_RULE_RIGHTS,            /* ... unless it answers a rights card */
    PAUSE_RULE_DOUBLES,           /* ... unless it rolls doubles */
    PAUSE_RULE_RIGHTS_OR_DOUBLES, /* ... unless it answers a rights card or rolls doubles */
    PAUSE_RULE_COUNT
} PauseRule;

typedef enum MythFact { ANSWER_NONE, ANSWER_MYTH, ANSWER_FACT } MythFact;

typedef struct Effect {
    EffectKind kind;
    int amount;       /* points, or steps for EFFECT_MOVE */
    SpaceKind target; /* for EFFECT_MOVE_TO */
} Effect;

typedef struct Topic {
    const char *id;
    uint32_t colour; /* 0xRRGGBB */
    const char *icon;
    int deck; /* index into GameDef.decks */
} Topic;

typedef struct Deck {
    const char *id;
    int topic; /* index into GameDef.topics, or -1 for a shared deck (situation, rights) */
} Deck;

typedef struct Space {
    const char *id;
    SpaceKind kind;
    int topic; /* index into GameDef.topics for SPACE_TOPIC, else -1 */
} Space;

typedef struct Card {
    const char *id;
    int deck; /* index into GameDef.decks */
    CardKind kind;
    int min_age;
    int intensity; /* 1-3 */
    int options;   /* 2-4 for CARD_SCENARIO, else 0 */
    MythFact answer;
    Effect effect; /* for CARD_ACTION */
} Card;

typedef struct Rules {
    int dice;        /* 1 or 2 */
    int sides;       /* 2-12 */
    int start_bonus; /* points for passing or landing on start */
    int card_points; /* points for taking part in a card's discussion */
    int rent;        /* points the owner and the visitor each earn on a claimed stop */
    int rounds;      /* 0: no round limit */
    int minutes;     /* 0: no time limit; the UI sends MOVE_TIME_UP */
    bool claims;
    PauseRule pause_rule;
    int coop_goal; /* 0: none; else all teams together reaching it ends the game */
} Rules;

typedef struct GameDef {
    const char *id;
    const char *version;
    const Topic *topics;
    int topic_count;
    const Deck *decks;
    int deck_count;
    const Space *spaces;
    int space_count;
    const Card *cards;
    int card_count;
    Rules rules;
} GameDef;

/* Names used in packs and replays ("topic", "myth_fact", ...); NULL for an out-of-range value. */
const char *gamedef_space_kind_name(SpaceKind kind);
const char *gamedef_card_kind_name(CardKind kind);
const char *gamedef_effect_kind_name(EffectKind kind);
const char *gamedef_pause_rule_name(PauseRule rule);
/* Reverse lookups; return -1 when the name is unknown. */
int gamedef_space_kind_from_name(const char *name);
int gamedef_card_kind_from_name(const char *name);
int gamedef_effect_kind_from_name(const char *name);
int gamedef_pause_rule_from_name(const char *name);

/* Index of the deck drawn on a space of this kind (situation, rights, or a topic's own deck),
 * or -1. */
int gamedef_deck_for_space(const GameDef *def, int space);
int gamedef_find_deck(const GameDef *def, const char *id);
int gamedef_find_topic(const GameDef *def, const char *id);
int gamedef_find_space(const GameDef *def, const char *id);
int gamedef_find_card(const GameDef *def, const char *id);

/* Checks the structural invariants the rules core relies on (indices in range, exactly one
 * start, at least one pause space when go_to_pause exists, rules in range). Returns NULL when
 * the definition is sound, else a static message naming the first problem. The loader reports
 * richer, per-place errors; this is the core's own guard. */
const char *gamedef_check(const GameDef *def);

/* A small built-in definition (16 spaces, every space and card kind) for tests and for
 * `rutas simulate` without a pack. */
const GameDef *gamedef_demo(void);

#endif
