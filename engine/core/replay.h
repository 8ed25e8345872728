/*
 * replay.h: a recorded game (pack id and version, seed, setup, moves) and its text form.
 *
 * Part of the rules core: libc only. A replay reproduces a game exactly, and undo is a replay
 * of every move but the last. The text form is line based and names cards by id, so a replay
 * survives a pack update that keeps those ids:
 *
 *     rutas-replay 1
 *     pack rutas 1.0.0
 *     seed 42
 *     teams 4
 *     filter 18 3 0 0 0        (max age, max intensity, rounds, minutes, topics-off mask)
 *     exclude rel-03           (one line per excluded card, optional)
 *     roll                     (one move per line: its name and up to three values)
 *     tally 5 3 1
 *     choose-topic family      (topics and spaces by id: place 2 stop-work)
 *     complete
 *
 * Ownership: a Replay owns its move array; replay_free releases it.
 */
#ifndef RUTAS_REPLAY_H
#define RUTAS_REPLAY_H

#include "rules.h"

#include <stddef.h>

#define REPLAY_MAX_MOVES 200000
#define REPLAY_MAX_TEXT  (8u * 1024u * 1024u)

typedef struct Replay {
    char pack_id[64];
    char pack_version[32];
    uint64_t seed;
    GameConfig config;
    Move *moves;
    int count;
    int cap;
} Replay;

void replay_init(Replay *replay, const GameDef *def, const GameConfig *config, uint64_t seed);
void replay_free(Replay *replay);
/* Appends a move; returns false when the replay is full (REPLAY_MAX_MOVES). */
bool replay_push(Replay *replay, const Move *move);
/* Drops the last move; returns false when there is none. */
bool replay_pop(Replay *replay);

/* Plays the first `upto` moves (all when upto < 0) into *state. Returns STATUS_OK, or the
 * status of the first move that failed, with *failed_at set to its index when not NULL. */
Status replay_run(const Replay *replay, const GameDef *def, int upto, GameState *state,
                  int *failed_at);

/* Plays every move that is still legal and drops the others, for a replay recorded with another
 * version of the pack (a card that changed kind, a topic switched off). Returns how many moves
 * were dropped, or -1 when the replay's setup does not fit def. */
int replay_repair(Replay *replay, const GameDef *def, GameState *state);

/* Writes the text form; the caller frees the result with free(). NULL when out of memory. */
char *replay_to_text(const Replay *replay, const GameDef *def);
/* Parses the text form against def. On failure returns false and writes "line N: what" to err.
 * *replay is left empty (nothing to free) on failure. */
bool replay_from_text(const char *text, size_t len, const GameDef *def, Replay *replay, char *err,
                      size_t err_size);

#endif
