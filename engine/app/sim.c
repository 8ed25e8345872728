/*
 * sim.c: headless games played by bots (see sim.h).
 */
#include "sim.h"

#include "bot.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Estimated minutes for the parts of a turn, by card kind (discuss, agree, myth_fact,
 * scenario, action, help), plus the roll and move, a pass, and an open talk. */
static const double kind_minutes[CARD_KIND_COUNT] = {2.5, 2.5, 1.5, 3.0, 0.5, 1.5};
static const double roll_minutes = 0.4;
static const double pass_minutes = 0.3;
static const double open_talk_minutes = 2.5;

static double event_minutes(const GameState *state, const EventList *events)
{
    double m = 0.0;
    for (int i = 0; i < events->count; i++) {
        const Event *e = &events->items[i];
        if (e->kind == EVENT_DICE) {
            m += roll_minutes;
        } else if (e->kind == EVENT_CARD) {
            m += kind_minutes[state->def->cards[e->a].kind];
        } else if (e->kind == EVENT_PASSED) {
            m += pass_minutes;
        } else if (e->kind == EVENT_DECK_EMPTY) {
            m += open_talk_minutes;
        }
    }
    return m;
}

int sim_run(const GameDef *def, const SimOptions *opt, const SimObserver *observer, SimTotals *t,
            const char *who)
{
    BotStyle style = bot_default_style();
    GameConfig config = rules_default_config(opt->teams);
    config.rounds = opt->rounds;
    config.minutes = opt->minutes;
    int limit_minutes = opt->minutes > 0 ? opt->minutes : def->rules.minutes;
    bool by_time = limit_minutes > 0 && (opt->rounds == 0 || opt->minutes > 0);
    memset(t, 0, sizeof *t);
    t->min_minutes = 1e9;
    /* A GameState is large: one per process is enough, and it keeps the stack small. */
    static GameState state;
    for (int g = 0; g < opt->games; g++) {
        uint64_t seed = opt->seed + (uint64_t)g;
        if (rules_new_game(&state, def, &config, seed) != STATUS_OK) {
            fprintf(stderr, "%s: the game definition or options are not valid\n", who);
            return 1;
        }
        Rng bot;
        rng_seed(&bot, seed, 7);
        double minutes = 0.0;
        int guard = 0;
        while (!rules_is_over(&state)) {
            Move m = bot_choose_move(&state, &style, &bot);
            EventList events = {.count = 0};
            if (rules_apply(&state, &m, &events) != STATUS_OK) {
                fprintf(stderr, "%s: bot move '%s' refused (seed %" PRIu64 ")\n", who,
                        rules_move_name(m.kind), seed);
                return 1;
            }
            minutes += event_minutes(&state, &events);
            if (observer != NULL && observer->card != NULL) {
                for (int i = 0; i < events.count; i++) {
                    if (events.items[i].kind == EVENT_CARD) {
                        observer->card(observer->user, g, events.items[i].a);
                    }
                }
            }
            if (by_time && !state.time_up && minutes >= limit_minutes) {
                Move up = {MOVE_TIME_UP, 0, 0, 0};
                rules_apply(&state, &up, NULL);
            }
            /* A game with neither rounds nor minutes never ends by itself. */
            if (++guard > 100000) {
                Move end = {MOVE_END_GAME, 0, 0, 0};
                rules_apply(&state, &end, NULL);
            }
        }
        t->turns += state.turn;
        t->rounds += state.round;
        t->minutes += minutes;
        if (minutes < t->min_minutes) {
            t->min_minutes = minutes;
        }
        if (minutes > t->max_minutes) {
            t->max_minutes = minutes;
        }
        t->claims += state.stats.claims;
        t->passes += state.stats.passes;
        t->skips += state.stats.skips;
        t->reshuffles += state.stats.reshuffles;
        t->open_talks += state.stats.open_talks;
        t->over[state.over_reason]++;
        for (int d = 0; d < def->deck_count; d++) {
            t->drawn[d] += state.stats.by_deck[d];
            t->dry_games[d] += state.decks[d].cycle > 0;
        }
        if (observer != NULL && observer->game_over != NULL) {
            observer->game_over(observer->user, g, &state, minutes);
        }
    }
    return 0;
}
