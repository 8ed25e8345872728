/*
 * sim.h: headless games played by bots, for `rutas simulate` (rule tuning) and `rutas pack
 * stats` (what a session draws). Both call sim_run() so that the figures they print come from
 * the same games.
 *
 * Minutes are an estimate from a table of typical discussion times per card kind, measured in
 * no classroom: they are there to compare settings, not to promise a duration.
 *
 * Uses the rules core only. Ownership: sim_run() writes into the caller's SimTotals and calls
 * the observer (if any) with a state it must not keep.
 */
#ifndef RUTAS_SIM_H
#define RUTAS_SIM_H

#include "rules.h"

#include <stdint.h>

typedef struct SimOptions {
    int games;
    int teams;
    int minutes;   /* 0: the pack's rules */
    int rounds;    /* 0: the pack's rules */
    uint64_t seed; /* game i uses seed + i */
} SimOptions;

typedef struct SimTotals {
    double turns, rounds, minutes, min_minutes, max_minutes;
    double claims, passes, skips, reshuffles, open_talks;
    double drawn[GAMEDEF_MAX_DECKS];
    int dry_games[GAMEDEF_MAX_DECKS]; /* games in which the deck was used up */
    int over[4];                      /* games ended by each GameOverReason */
} SimTotals;

/* Told about each game as it is played (any member may be NULL). */
typedef struct SimObserver {
    void *user;
    /* A card was shown in game number game (0-based). */
    void (*card)(void *user, int game, int card);
    /* A game ended; state is its final state. */
    void (*game_over)(void *user, int game, const GameState *state, double minutes);
} SimObserver;

/* Plays opt->games games of def with bots. observer may be NULL. Returns 0, or 1 after
 * writing "<who>: why" to stderr (a definition or option the rules refuse, a move a bot got
 * wrong). */
int sim_run(const GameDef *def, const SimOptions *opt, const SimObserver *observer,
            SimTotals *totals, const char *who);

#endif
