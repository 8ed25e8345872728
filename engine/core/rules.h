/*
 * rules.h: game state, moves and the turn state machine.
 *
 * Part of the rules core: libc only, no SDL, no JSON. The UI builds a Move, rules_apply()
 * validates it, changes the state and appends Events that render and audio consume. The core
 * never calls back into the UI. GameState is a plain value: copy it with `=` or memcpy; it
 * holds no pointers except `def`, which the caller keeps alive.
 */
#ifndef RUTAS_RULES_H
#define RUTAS_RULES_H

#include "gamedef.h"
#include "rng.h"

#include <stdbool.h>
#include <stdint.h>

/* What the facilitator chose at setup. Cards above the age band or intensity, of a disabled
 * topic, or excluded one by one never enter a deck. */
#define RULES_NO_CLOCK (-1)

typedef struct GameConfig {
    int team_count; /* GAMEDEF_MIN_TEAMS .. GAMEDEF_MAX_TEAMS */
    int max_age;    /* cards whose min_age is above this are hidden */
    int max_intensity;
    int rounds;  /* overrides def->rules.rounds when > 0 */
    int minutes; /* overrides def->rules.minutes when > 0; RULES_NO_CLOCK: no session clock even
                    if the pack has one (the UI keeps the clock and sends MOVE_TIME_UP) */
    uint32_t topics_off;                     /* bit t set: topic t is switched off */
    uint8_t excluded[GAMEDEF_MAX_CARDS / 8]; /* bit c set: card c is excluded */
} GameConfig;

typedef enum Phase {
    PHASE_ROLL,         /* the current team rolls */
    PHASE_PAUSED,       /* the current team sits in the pause corner: roll, draw rights, or stay */
    PHASE_CARD,         /* a card is shown: complete, pass, skip, tally */
    PHASE_CHOOSE_TOPIC, /* open space: the group picks a topic */
    PHASE_OPEN_TALK,    /* a stop whose deck is empty: an open discussion, then complete */
    PHASE_CLAIM,        /* the team may claim the topic stop it just discussed */
    PHASE_OVER
} Phase;

typedef enum MoveKind {
    MOVE_ROLL,
    MOVE_COMPLETE,     /* the discussion happened: points, action effect */
    MOVE_PASS,         /* no penalty, no points, next team */
    MOVE_SKIP,         /* the facilitator replaces the card with another from its deck */
    MOVE_TALLY,        /* agree / disagree / unsure counts for an agree card: a, b, c */
    MOVE_CHOOSE_TOPIC, /* a = topic index */
    MOVE_DRAW_RIGHTS,  /* in the pause corner: answer a rights card to leave */
    MOVE_STAY,         /* in the pause corner: accept the skipped turn */
    MOVE_CLAIM,
    MOVE_DECLINE,
    /* Facilitator overrides. */
    MOVE_GIVE_POINTS, /* a = team, b = delta (points never fall below 0) */
    MOVE_PLACE_TOKEN, /* a = team, b = space; no space effect */
    MOVE_TIME_UP,     /* the session clock ran out: the current turn finishes, then the end */
    MOVE_END_GAME,    /* end now */
    MOVE_KIND_COUNT
} MoveKind;

typedef struct Move {
    MoveKind kind;
    int a, b, c;
} Move;

typedef enum EventKind {
    EVENT_TURN,       /* a = team, b = round */
    EVENT_DICE,       /* a = first die, b = second die (0 with one die), c = total */
    EVENT_STEP,       /* a = team, b = space (one per space walked, for animation) */
    EVENT_PASS_START, /* a = team */
    EVENT_LANDED,     /* a = team, b = space */
    EVENT_CARD,       /* a = card, b = deck */
    EVENT_RESHUFFLE,  /* a = deck: every card was used, a new cycle begins */
    EVENT_DECK_EMPTY, /* a = deck: the filters left it no card; the stop is an open talk */
    EVENT_POINTS,     /* a = team, b = delta */
    EVENT_CLAIMED,    /* a = team, b = space */
    EVENT_RENT,       /* a = owner, b = visitor, c = points each */
    EVENT_PAUSED,     /* a = team */
    EVENT_RELEASED,   /* a = team */
    EVENT_STAYED,     /* a = team: skipped its roll in the pause corner */
    EVENT_PASSED,     /* a = card */
    EVENT_SKIPPED,    /* a = card */
    EVENT_TALLY,      /* a, b, c = agree, disagree, unsure */
    EVENT_EFFECT,     /* a = card: an action card's effect applies */
    EVENT_GAME_OVER,  /* a = GameOverReason */
    EVENT_KIND_COUNT
} EventKind;

typedef enum GameOverReason {
    OVER_ROUNDS,
    OVER_TIME,
    OVER_FACILITATOR,
    OVER_COOP_GOAL
} GameOverReason;

typedef struct Event {
    EventKind kind;
    int a, b, c;
} Event;

#define EVENT_LIST_MAX 96

typedef struct EventList {
    Event items[EVENT_LIST_MAX];
    int count;
    int dropped; /* events that did not fit; the state is still right */
} EventList;

typedef enum Status {
    STATUS_OK,
    STATUS_ILLEGAL_MOVE, /* not allowed in this phase */
    STATUS_BAD_ARGUMENT, /* a team, space, topic or count out of range */
    STATUS_GAME_OVER
} Status;

typedef struct DeckState {
    int start; /* first slot of this deck in GameState.order */
    int count; /* cards the filters let in */
    int next;  /* next slot to draw, 0..count */
    int cycle; /* how many times the deck was used up and reshuffled */
} DeckState;

typedef struct Stats {
    int cards_drawn;
    int cards_completed;
    int passes;
    int skips;
    int claims;
    int rents;
    int reshuffles;
    int open_talks;                   /* stops discussed without a card (their deck was empty) */
    int votes[3];                     /* agree, disagree, unsure over the session */
    int by_topic[GAMEDEF_MAX_TOPICS]; /* cards completed per topic deck */
    int by_kind[CARD_KIND_COUNT];     /* cards completed per kind */
    int by_deck[GAMEDEF_MAX_DECKS];   /* cards drawn per deck */
} Stats;

typedef struct GameState {
    const GameDef *def;
    GameConfig config;
    Rng rng; /* the dice */
    /* One stream per deck, keyed by the deck's id: a pack update that changes one deck leaves
     * the dice and every other deck as they were, so saved games replay across versions. */
    Rng deck_rng[GAMEDEF_MAX_DECKS];
    Phase phase;
    int team_count;
    int current; /* team whose turn it is */
    int round;   /* 1-based */
    int turn;    /* turns taken so far */
    int position[GAMEDEF_MAX_TEAMS];
    int points[GAMEDEF_MAX_TEAMS];
    bool paused[GAMEDEF_MAX_TEAMS];
    int8_t owner[GAMEDEF_MAX_SPACES]; /* team owning a topic stop, or -1 */
    int card;                         /* card on show in PHASE_CARD, else -1 */
    int card_deck;
    int card_space;       /* the stop the card was drawn for (for claims and rent), or -1 */
    bool card_from_pause; /* a rights card drawn to leave the pause corner */
    int effect_chain;     /* action effects that moved a token this turn (bounded) */
    int tally[3];         /* agree, disagree, unsure for the card on show */
    bool tallied;
    int last_dice[2];
    bool time_up;
    GameOverReason over_reason;
    DeckState decks[GAMEDEF_MAX_DECKS];
    uint16_t order[GAMEDEF_MAX_CARDS];
    Stats stats;
} GameState;

/* Starts a game: checks def and config, builds and shuffles the filtered decks. Returns
 * STATUS_BAD_ARGUMENT (and leaves *state zeroed) when the config is out of range. */
Status rules_new_game(GameState *state, const GameDef *def, const GameConfig *config,
                      uint64_t seed);
/* A config with every topic on, no exclusions, ages up to 18, intensity up to 3. */
GameConfig rules_default_config(int team_count);

/* Applies one move. On STATUS_OK the state changed and events (may be NULL) got what
 * happened; on any other status the state and events are unchanged. */
Status rules_apply(GameState *state, const Move *move, EventList *events);
bool rules_is_legal(const GameState *state, const Move *move);

bool rules_is_over(const GameState *state);
/* Cards the filters let into deck d (0 means the deck is empty for this session). */
int rules_deck_size(const GameState *state, int deck);
bool rules_card_is_enabled(const GameConfig *config, const GameDef *def, int card);
void rules_config_exclude(GameConfig *config, int card, bool excluded);
int rules_total_points(const GameState *state);
/* FNV-1a over the parts of the state that matter to the game, for golden replays. */
uint64_t rules_state_hash(const GameState *state);

const char *rules_move_name(MoveKind kind);
int rules_move_from_name(const char *name);
const char *rules_event_name(EventKind kind);
const char *rules_phase_name(Phase phase);

#endif
