/*
 * cmd_simulate.c: `rutas simulate`: plays many games headless with bots and prints figures
 * that help tune a pack's rules (turns and minutes per game, cards per deck, dry decks). The
 * games themselves are played by sim.c, which `rutas pack stats` shares.
 */
#include "commands.h"

#include "pack.h"
#include "sim.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int cmd_simulate(int argc, char **argv)
{
    SimOptions opt = {.games = 1000, .teams = 4, .minutes = 0, .rounds = 0, .seed = 1};
    const char *pack_path = NULL; /* a pack folder, or NULL for the built-in demo definition */
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
            pack_path = value;
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
    if (pack_path != NULL) {
        PackErrors errors;
        pack_errors_init(&errors);
        /* Bases named by `extends` are looked for beside the pack. */
        char parent[4096];
        snprintf(parent, sizeof parent, "%s/..", pack_path);
        const char *dirs[] = {parent};
        PackSearchPath search = {dirs, 1};
        pack = pack_load(pack_path, &search, NULL, &errors);
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
                    pack_path, pack_path);
            return 1;
        }
        def = pack_def(pack);
    }
    SimTotals t;
    clock_t start = clock();
    int rc = sim_run(def, &opt, NULL, &t, "rutas simulate");
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
