/*
 * cmd_simulate.c: `rutas simulate`: plays many games headless with bots and prints figures
 * that help tune a pack's rules (turns and minutes per game, cards per deck, dry decks).
 *
 * Minutes are an estimate from a table of typical discussion times per card kind, measured in
 * no classroom: they are there to compare rule settings, not to promise a duration.
 */
#include "commands.h"

#include "bot.h"
#include "pack.h"
#include "rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Estimated minutes for the parts of a turn, by card kind (discuss, agree, myth_fact,
 * scenario, action, help), plus the roll and move, a pass, and an open talk. */
static const double kind_minutes[CARD_KIND_COUNT] = {2.5, 2.5, 1.5, 3.0, 0.5, 1.5};
static const double roll_minutes = 0.4;
static const double pass_minutes = 0.3;
static const double open_talk_minutes = 2.5;

typedef struct SimOptions {
    int games;
    int teams;
    int minutes;
    int rounds;
    uint64_t seed;
    const char *pack; /* a pack folder, or NULL for the built-in demo definition */
} SimOptions;

typedef struct SimTotals {
    double turns, rounds, minutes, min_minutes, max_minutes;
    double claims, passes, skips, reshuffles, open_talks;
    double drawn[GAMEDEF_MAX_DECKS];
    int dry_games[GAMEDEF_MAX_DECKS]; /* games in which the deck was used up */
    int over[4];
} SimTotals;

static void usage(FILE *out)
{
    fputs("Usage: rutas simulate [OPTION]...\n"
          "Play many games headless with simple bots and print figures for tuning the rules.\n\n"
          "  --games N      games to play (default 1000)\n"
          "  --teams N      teams per game, 2-8 (default 4)\n"
          "  --minutes M    end each game when M estimated minutes have passed\n"
          "                 (default: the pack's rules)\n"
          "  --rounds R     end each game after R rounds (default: the pack's rules)\n"
          "  --seed N       first seed (default 1); game i uses seed N+i\n"
          "  --pack PATH    the pack to play (default: a small built-in demo board)\n"
          "  --help         show this help\n",
          out);
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || v < lo || v > hi) {
        return false;
    }
    *out = v;
    return true;
}

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

static int simulate(const GameDef *def, const SimOptions *opt, SimTotals *t)
{
    BotStyle style = bot_default_style();
    GameConfig config = rules_default_config(opt->teams);
    config.rounds = opt->rounds;
    config.minutes = opt->minutes;
    int limit_minutes = opt->minutes > 0 ? opt->minutes : def->rules.minutes;
    bool by_time = limit_minutes > 0 && (opt->rounds == 0 || opt->minutes > 0);
    memset(t, 0, sizeof *t);
    t->min_minutes = 1e9;
    static GameState state;
    for (int g = 0; g < opt->games; g++) {
        uint64_t seed = opt->seed + (uint64_t)g;
        if (rules_new_game(&state, def, &config, seed) != STATUS_OK) {
            fputs("rutas simulate: the game definition or options are not valid\n", stderr);
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
                fprintf(stderr, "rutas simulate: bot move '%s' refused (seed %" PRIu64 ")\n",
                        rules_move_name(m.kind), seed);
                return 1;
            }
            minutes += event_minutes(&state, &events);
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
    }
    return 0;
}

int cmd_simulate(int argc, char **argv)
{
    SimOptions opt = {.games = 1000, .teams = 4, .minutes = 0, .rounds = 0, .seed = 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v = 0;
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (value == NULL) {
            fprintf(stderr, "rutas simulate: unknown option or missing value: %s\n", a);
            usage(stderr);
            return 2;
        }
        if (strcmp(a, "--pack") == 0) {
            opt.pack = value;
        } else if (strcmp(a, "--games") == 0 && parse_int(value, 1, 10000000, &v)) {
            opt.games = (int)v;
        } else if (strcmp(a, "--teams") == 0 && parse_int(value, 2, 8, &v)) {
            opt.teams = (int)v;
        } else if (strcmp(a, "--minutes") == 0 && parse_int(value, 1, 100000, &v)) {
            opt.minutes = (int)v;
        } else if (strcmp(a, "--rounds") == 0 && parse_int(value, 1, 100000, &v)) {
            opt.rounds = (int)v;
        } else if (strcmp(a, "--seed") == 0 && parse_int(value, 0, 0x7fffffffL, &v)) {
            opt.seed = (uint64_t)v;
        } else {
            fprintf(stderr, "rutas simulate: bad value for %s: '%s'\n", a, value);
            return 2;
        }
        i++;
    }
    const GameDef *def = gamedef_demo();
    Pack *pack = NULL;
    if (opt.pack != NULL) {
        PackErrors errors;
        pack_errors_init(&errors);
        /* Bases named by `extends` are looked for beside the pack. */
        char parent[4096];
        snprintf(parent, sizeof parent, "%s/..", opt.pack);
        const char *dirs[] = {parent};
        PackSearchPath search = {dirs, 1};
        pack = pack_load(opt.pack, &search, NULL, &errors);
        for (int i = 0; i < errors.count; i++) {
            if (errors.items[i].severity == PACK_SEVERITY_ERROR) {
                char line[1024];
                pack_error_format(&errors.items[i], line, sizeof line);
                fprintf(stderr, "%s\n", line);
            }
        }
        pack_errors_clear(&errors);
        if (pack == NULL) {
            fprintf(stderr,
                    "rutas simulate: cannot load the pack in %s (run 'rutas validate %s')\n",
                    opt.pack, opt.pack);
            return 1;
        }
        def = pack_def(pack);
    }
    SimTotals t;
    clock_t start = clock();
    int rc = simulate(def, &opt, &t);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    if (rc != 0) {
        pack_free(pack);
        return rc;
    }
    double n = opt.games;
    printf("pack %s %s: %d games, %d teams, seeds %" PRIu64 "-%" PRIu64 "\n", def->id, def->version,
           opt.games, opt.teams, opt.seed, opt.seed + (uint64_t)opt.games - 1);
    printf("turns per game      %.1f (%.1f rounds)\n", t.turns / n, t.rounds / n);
    printf("minutes per game    %.1f estimated (min %.1f, max %.1f)\n", t.minutes / n,
           t.min_minutes, t.max_minutes);
    printf("ended by            rounds %d, time %d, facilitator %d, goal %d\n", t.over[OVER_ROUNDS],
           t.over[OVER_TIME], t.over[OVER_FACILITATOR], t.over[OVER_COOP_GOAL]);
    printf("claims per game     %.1f\n", t.claims / n);
    printf("passes, skips       %.1f, %.1f per game\n", t.passes / n, t.skips / n);
    printf("open talks          %.2f per game\n", t.open_talks / n);
    printf("%-20s %6s %14s %10s\n", "deck", "cards", "drawn/game", "ran dry");
    for (int d = 0; d < def->deck_count; d++) {
        int cards = 0;
        for (int c = 0; c < def->card_count; c++) {
            cards += def->cards[c].deck == d;
        }
        printf("%-20s %6d %14.1f %9.1f%%\n", def->decks[d].id, cards, t.drawn[d] / n,
               100.0 * t.dry_games[d] / n);
    }
    printf("throughput          %.0f games/s\n", seconds > 0 ? n / seconds : 0.0);
    pack_free(pack);
    return 0;
}
