/*
 * bot.h: a simple player for headless games (simulation, random playouts, tests).
 *
 * Part of the rules core: libc only. The bot has its own generator so that its choices never
 * disturb the game's; the moves it picks are ordinary moves and replay like any other.
 */
#ifndef RUTAS_BOT_H
#define RUTAS_BOT_H

#include "rules.h"

typedef struct BotStyle {
    int pass_percent;   /* chance to pass a card */
    int skip_percent;   /* chance the facilitator skips a card */
    int claim_percent;  /* chance to claim a free stop */
    int rights_percent; /* chance to answer a rights card in the pause corner */
} BotStyle;

BotStyle bot_default_style(void);
/* Picks a legal move for the current phase. Never returns MOVE_TIME_UP or MOVE_END_GAME; the
 * caller decides when a session ends. The state must not be over. */
Move bot_choose_move(const GameState *state, const BotStyle *style, Rng *rng);

#endif
