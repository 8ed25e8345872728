/*
 * bot.c: a player that picks legal moves at random with a given style. libc only.
 */
#include "bot.h"

BotStyle bot_default_style(void)
{
    return (BotStyle){
        .pass_percent = 5, .skip_percent = 3, .claim_percent = 70, .rights_percent = 50};
}

static bool chance(Rng *rng, int percent)
{
    return (int)rng_below(rng, 100) < percent;
}

Move bot_choose_move(const GameState *state, const BotStyle *style, Rng *rng)
{
    Move m = {MOVE_ROLL, 0, 0, 0};
    switch (state->phase) {
    case PHASE_ROLL:
        break;
    case PHASE_PAUSED: {
        Move draw = {MOVE_DRAW_RIGHTS, 0, 0, 0};
        if (rules_is_legal(state, &draw) && chance(rng, style->rights_percent)) {
            return draw;
        }
        if (!rules_is_legal(state, &m)) {
            m.kind = MOVE_STAY;
        }
        break;
    }
    case PHASE_CARD:
        if (state->def->cards[state->card].kind == CARD_AGREE && !state->tallied) {
            m.kind = MOVE_TALLY;
            m.a = (int)rng_below(rng, 20);
            m.b = (int)rng_below(rng, 20);
            m.c = (int)rng_below(rng, 8);
        } else if (chance(rng, style->skip_percent)) {
            m.kind = MOVE_SKIP;
        } else if (chance(rng, style->pass_percent)) {
            m.kind = MOVE_PASS;
        } else {
            m.kind = MOVE_COMPLETE;
        }
        break;
    case PHASE_OPEN_TALK:
        m.kind = chance(rng, style->pass_percent) ? MOVE_PASS : MOVE_COMPLETE;
        break;
    case PHASE_CHOOSE_TOPIC: {
        int topics = state->def->topic_count;
        int first = (int)rng_below(rng, (uint32_t)topics);
        m.kind = MOVE_CHOOSE_TOPIC;
        for (int i = 0; i < topics; i++) {
            m.a = (first + i) % topics;
            if (rules_is_legal(state, &m)) {
                break;
            }
        }
        break;
    }
    case PHASE_CLAIM:
        m.kind = chance(rng, style->claim_percent) ? MOVE_CLAIM : MOVE_DECLINE;
        break;
    case PHASE_OVER:
        m.kind = MOVE_END_GAME;
        break;
    }
    return m;
}
