/*
 * cmd_pack_stats.c: `rutas pack stats PATH [--teams N --minutes M ...]`: plays many sessions of
 * a pack with bots (sim.c, the games of `rutas simulate`) and reports what a group would see:
 * the cards a typical session draws from each deck, the decks that run dry (every card used,
 * reshuffled), how many topics a session covers, and how many sessions in a row it takes to
 * see every card. An author reads it to balance decks: a deck that runs dry in most sessions
 * needs cards; one drawn twice a session has cards nobody will see for months.
 */
#include "cmd_pack.h"
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#define WHO "rutas pack stats"

static void usage(FILE *out)
{
    fputs("Usage: rutas pack stats PATH [--teams N] [--minutes M] [--games N] [--seed N]\n"
          "Play many sessions of the pack in PATH with bots and report what a session draws:\n"
          "cards per deck, decks that run dry, topic coverage, and how many sessions it takes\n"
          "to see every card. Minutes are estimated from typical discussion times.\n\n"
          "  --teams N      teams per session, 2-8 (default 4)\n"
          "  --minutes M    session length in minutes (default: the pack's rules)\n"
          "  --rounds R     end sessions after R rounds instead (default: the pack's rules)\n"
          "  --games N      sessions to play (default 2000)\n"
          "  --seed N       seed of the first session (default 1); later ones add 1, as the\n"
          "                 game does for a group's next session\n"
          "  --search DIR   also look for base packs (extends) in DIR\n"
          "  --help         show this help\n",
          out);
}

typedef struct Collect {
    const GameDef *def;
    int games;
    unsigned char *drawn; /* per game and card: shown in that game */
    int *cards_per_game;
    int *topics_per_game;
} Collect;

static void on_card(void *user, int game, int card)
{
    Collect *c = user;
    c->drawn[(size_t)game * (size_t)c->def->card_count + (size_t)card] = 1;
}

static void on_over(void *user, int game, const GameState *state, double minutes)
{
    Collect *c = user;
    (void)minutes;
    /* A topic came up when a card of its deck was shown (passed or discussed). */
    const unsigned char *d = c->drawn + (size_t)game * (size_t)c->def->card_count;
    int topics = 0;
    for (int t = 0; t < c->def->topic_count; t++) {
        bool any = false;
        for (int k = 0; k < c->def->card_count && !any; k++) {
            any = d[k] && c->def->cards[k].deck == c->def->topics[t].deck;
        }
        topics += any;
    }
    c->topics_per_game[game] = topics;
    c->cards_per_game[game] = state->stats.cards_drawn;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sessions in a row until every card of `deck` (-1: of the pack) that can show was seen,
 * over consecutive runs through the games; fills lengths[] and returns how many runs ended. */
static int runs_to_see_all(const Collect *c, int deck, const unsigned char *can_show, int *lengths,
                           unsigned char *seen)
{
    const GameDef *def = c->def;
    int need = 0;
    for (int k = 0; k < def->card_count; k++) {
        need += can_show[k] && (deck < 0 || def->cards[k].deck == deck);
    }
    if (need == 0) {
        return 0;
    }
    int runs = 0, have = 0, start = 0;
    memset(seen, 0, (size_t)def->card_count);
    for (int g = 0; g < c->games; g++) {
        const unsigned char *d = c->drawn + (size_t)g * (size_t)def->card_count;
        for (int k = 0; k < def->card_count; k++) {
            if (d[k] && !seen[k] && can_show[k] && (deck < 0 || def->cards[k].deck == deck)) {
                seen[k] = 1;
                have++;
            }
        }
        if (have == need) {
            lengths[runs++] = g - start + 1;
            start = g + 1;
            have = 0;
            memset(seen, 0, (size_t)def->card_count);
        }
    }
    return runs;
}

int cmd_pack_stats(int argc, char **argv)
{
    const char *path = NULL;
    const char *extra[4];
    int extra_count = 0;
    SimOptions opt = {.games = 2000, .teams = 4, .minutes = 0, .rounds = 0, .seed = 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        long n = 0;
        int r;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        static const struct {
            const char *name;
            long lo, hi;
        } ints[] = {{"--teams", 2, 8},
                    {"--minutes", 1, 600},
                    {"--rounds", 1, 100},
                    {"--games", 1, 100000},
                    {"--seed", 0, 0x7fffffffL}};
        bool matched = false;
        for (size_t k = 0; k < sizeof ints / sizeof ints[0] && !matched; k++) {
            if ((r = pack_opt_value(argc, argv, &i, ints[k].name, &v, WHO)) != 0) {
                if (r < 0 || !pack_opt_int(WHO, ints[k].name, v, ints[k].lo, ints[k].hi, &n)) {
                    return 2;
                }
                matched = true;
                if (k == 0) {
                    opt.teams = (int)n;
                } else if (k == 1) {
                    opt.minutes = (int)n;
                } else if (k == 2) {
                    opt.rounds = (int)n;
                } else if (k == 3) {
                    opt.games = (int)n;
                } else {
                    opt.seed = (uint64_t)n;
                }
            }
        }
        if (matched) {
            continue;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--search", &v, WHO)) != 0) {
            if (r < 0) {
                return 2;
            }
            if (extra_count < 4) {
                extra[extra_count++] = v;
            }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            return pack_usage_error(WHO, "unknown option '%s'", a);
        }
        if (path != NULL) {
            return pack_usage_error(WHO, "unexpected argument '%s' (one PATH only)", a);
        }
        path = a;
    }
    if (path == NULL) {
        return pack_usage_error(WHO, "no PATH given");
    }

    int status = 1;
    PackDirs dirs;
    pack_dirs_init(&dirs, path, extra, extra_count);
    PackErrors errors;
    pack_errors_init(&errors);
    Collect c = {NULL, opt.games, NULL, NULL, NULL};
    unsigned char *can_show = NULL, *seen = NULL;
    int *lengths = NULL, *sorted = NULL;
    Pack *pack = pack_cmd_load(WHO, path, &dirs, NULL, &errors, false, stderr);
    if (pack == NULL) {
        goto done;
    }
    const GameDef *def = pack_def(pack);
    c.def = def;
    c.drawn = calloc((size_t)opt.games * (size_t)def->card_count + 1, 1);
    c.cards_per_game = calloc((size_t)opt.games, sizeof(int));
    c.topics_per_game = calloc((size_t)opt.games, sizeof(int));
    can_show = calloc((size_t)def->card_count + 1, 1);
    seen = calloc((size_t)def->card_count + 1, 1);
    lengths = calloc((size_t)opt.games + 1, sizeof(int));
    sorted = calloc((size_t)opt.games + 1, sizeof(int));
    if (!c.drawn || !c.cards_per_game || !c.topics_per_game || !can_show || !seen || !lengths ||
        !sorted) {
        fputs(WHO ": out of memory (try fewer --games)\n", stderr);
        goto done;
    }
    SimObserver observer = {&c, on_card, on_over};
    SimTotals t;
    if (sim_run(def, &opt, &observer, &t, WHO) != 0) {
        goto done;
    }

    int min_age = 0, max_age = 0;
    pack_age(pack, &min_age, &max_age);
    GameConfig config = rules_default_config(opt.teams);
    int hidden = 0;
    for (int k = 0; k < def->card_count; k++) {
        can_show[k] = def->cards[k].min_age <= config.max_age &&
                      def->cards[k].intensity <= config.max_intensity;
        hidden += !can_show[k];
    }
    double n = opt.games;
    int minutes = opt.minutes > 0 ? opt.minutes : def->rules.minutes;
    printf("pack %s %s: %d sessions of %d teams, ", def->id, def->version, opt.games, opt.teams);
    if (opt.rounds > 0) {
        printf("%d rounds", opt.rounds);
    } else if (minutes > 0) {
        printf("%d minutes", minutes);
    } else {
        printf("%d rounds", def->rules.rounds);
    }
    printf(" (ages up to %d, every intensity), seeds %llu-%llu\n", config.max_age,
           (unsigned long long)opt.seed, (unsigned long long)(opt.seed + (uint64_t)opt.games - 1));
    memcpy(sorted, c.cards_per_game, (size_t)opt.games * sizeof(int));
    qsort(sorted, (size_t)opt.games, sizeof(int), cmp_int);
    double cards = 0.0;
    for (int g = 0; g < opt.games; g++) {
        cards += c.cards_per_game[g];
    }
    printf("a session           %.1f turns, %.1f estimated minutes, %.1f cards (10%% of sessions "
           "draw %d or fewer, 10%% %d or more)\n",
           t.turns / n, t.minutes / n, cards / n, sorted[opt.games / 10],
           sorted[opt.games - 1 - opt.games / 10]);

    printf("\n%-20s %6s %13s %15s %9s\n", "deck", "cards", "drawn/session", "deck/session",
           "ran dry");
    int dry_decks = 0;
    for (int d = 0; d < def->deck_count; d++) {
        int in_deck = 0;
        for (int k = 0; k < def->card_count; k++) {
            in_deck += def->cards[k].deck == d && can_show[k];
        }
        double drawn = t.drawn[d] / n;
        double dry = 100.0 * t.dry_games[d] / n;
        dry_decks += dry >= 50.0;
        printf("%-20s %6d %13.1f %14.0f%% %8.1f%%\n", def->decks[d].id, in_deck, drawn,
               in_deck > 0 ? 100.0 * drawn / in_deck : 0.0, dry);
    }
    if (dry_decks > 0) {
        printf("%d deck%s ran dry in half the sessions or more: add cards to %s, or shorten "
               "sessions\n",
               dry_decks, dry_decks == 1 ? "" : "s", dry_decks == 1 ? "it" : "them");
    } else {
        printf("no deck ran dry in half the sessions\n");
    }

    /* Topic coverage: how many topics a session discusses, and how often each comes up. */
    double topics = 0.0;
    for (int g = 0; g < opt.games; g++) {
        topics += c.topics_per_game[g];
    }
    printf("\ntopic coverage      %.1f of %d topics come up in a session on average\n", topics / n,
           def->topic_count);
    int order[GAMEDEF_MAX_TOPICS];
    int share[GAMEDEF_MAX_TOPICS];
    for (int tp = 0; tp < def->topic_count; tp++) {
        int deck = def->topics[tp].deck, sessions = 0;
        for (int g = 0; g < opt.games; g++) {
            const unsigned char *dr = c.drawn + (size_t)g * (size_t)def->card_count;
            bool any = false;
            for (int k = 0; k < def->card_count && !any; k++) {
                any = dr[k] && def->cards[k].deck == deck;
            }
            sessions += any;
        }
        share[tp] = (int)(100.0 * sessions / n + 0.5);
        order[tp] = tp;
    }
    for (int a = 1; a < def->topic_count; a++) {
        for (int b = a; b > 0 && share[order[b]] < share[order[b - 1]]; b--) {
            int x = order[b];
            order[b] = order[b - 1];
            order[b - 1] = x;
        }
    }
    printf("  sessions in which each topic comes up, least first:\n");
    for (int k = 0; k < def->topic_count; k++) {
        printf("  %-20s %3d%%\n", def->topics[order[k]].id, share[order[k]]);
    }

    /* Every card: consecutive sessions (seeds N, N+1, ...) until each card was shown once. */
    int visible = def->card_count - hidden;
    int runs = runs_to_see_all(&c, -1, can_show, lengths, seen);
    printf("\nevery card          ");
    if (runs > 0) {
        qsort(lengths, (size_t)runs, sizeof(int), cmp_int);
        double sum = 0.0;
        for (int k = 0; k < runs; k++) {
            sum += lengths[k];
        }
        printf("%.1f sessions in a row on average to see all %d cards (median %d, %d-%d, over "
               "%d runs)\n",
               sum / runs, visible, lengths[runs / 2], lengths[0], lengths[runs - 1], runs);
    } else {
        printf("more than %d sessions to see all %d cards\n", opt.games, visible);
    }
    if (hidden > 0) {
        printf("  %d cards never show to ages up to %d\n", hidden, config.max_age);
    }
    printf("  slowest decks (median sessions to see all their cards):");
    int slow_deck[3] = {-1, -1, -1}, slow_len[3] = {0, 0, 0};
    for (int d = 0; d < def->deck_count; d++) {
        int r = runs_to_see_all(&c, d, can_show, lengths, seen);
        int median = 0;
        if (r > 0) {
            qsort(lengths, (size_t)r, sizeof(int), cmp_int);
            median = lengths[r / 2];
        } else {
            median = opt.games + 1;
        }
        for (int s = 0; s < 3; s++) {
            if (slow_deck[s] < 0 || median > slow_len[s]) {
                for (int m = 2; m > s; m--) {
                    slow_deck[m] = slow_deck[m - 1];
                    slow_len[m] = slow_len[m - 1];
                }
                slow_deck[s] = d;
                slow_len[s] = median;
                break;
            }
        }
    }
    for (int s = 0; s < 3 && slow_deck[s] >= 0; s++) {
        if (slow_len[s] > opt.games) {
            printf("%s %s (more than %d)", s ? "," : "", def->decks[slow_deck[s]].id, opt.games);
        } else {
            printf("%s %s %d", s ? "," : "", def->decks[slow_deck[s]].id, slow_len[s]);
        }
    }
    putchar('\n');
    status = 0;
done:
    free(c.drawn);
    free(c.cards_per_game);
    free(c.topics_per_game);
    free(can_show);
    free(seen);
    free(lengths);
    free(sorted);
    pack_free(pack);
    pack_errors_clear(&errors);
    pack_dirs_free(&dirs);
    return status;
}
