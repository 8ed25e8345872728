/*
 * test_core.c: the rules core: generator, decks, board, every space and card kind, claims,
 * the pause corner, end conditions, undo, illegal moves, seeded playouts and a golden replay.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bot.h"
#include "replay.h"
#include "rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small board where every deck's content is set by each test:
 *   0 start, 1 topic A, 2 situation, 3 pause, 4 topic B, 5 rights, 6 open, 7 go-to-pause */
enum { TA, TB };
enum { DA, DB, DSIT, DRIGHTS };
static Topic mini_topics[] = {{"a", 0x112233, "heart", DA}, {"b", 0x445566, "book", DB}};
static Deck mini_decks[] = {{"a", TA}, {"b", TB}, {"situation", -1}, {"rights", -1}};
static Space mini_spaces[] = {
    {"start", SPACE_START, -1}, {"stop-a", SPACE_TOPIC, TA},   {"sit", SPACE_SITUATION, -1},
    {"pause", SPACE_PAUSE, -1}, {"stop-b", SPACE_TOPIC, TB},   {"rights", SPACE_RIGHTS, -1},
    {"open", SPACE_OPEN, -1},   {"go", SPACE_GO_TO_PAUSE, -1},
};
static Card mini_cards[8];
static GameDef mini;

static void mini_reset(void)
{
    static const Card base[] = {
        {"a1", DA, CARD_DISCUSS, 12, 1, 0, ANSWER_NONE, {0}},
        {"b1", DB, CARD_AGREE, 12, 1, 0, ANSWER_NONE, {0}},
        {"b2", DB, CARD_MYTH_FACT, 14, 2, 0, ANSWER_MYTH, {0}},
        {"b3", DB, CARD_SCENARIO, 16, 3, 3, ANSWER_NONE, {0}},
        {"s1", DSIT, CARD_ACTION, 12, 1, 0, ANSWER_NONE, {EFFECT_POINTS, 3, SPACE_START}},
        {"r1", DRIGHTS, CARD_HELP, 12, 1, 0, ANSWER_NONE, {0}},
    };
    memset(mini_cards, 0, sizeof mini_cards);
    memcpy(mini_cards, base, sizeof base);
    mini = (GameDef){
        .id = "mini",
        .version = "1.0.0",
        .topics = mini_topics,
        .topic_count = 2,
        .decks = mini_decks,
        .deck_count = 4,
        .spaces = mini_spaces,
        .space_count = 8,
        .cards = mini_cards,
        .card_count = 6,
        .rules = {.dice = 1,
                  .sides = 3,
                  .start_bonus = 0,
                  .card_points = 1,
                  .rent = 1,
                  .rounds = 10,
                  .minutes = 0,
                  .claims = true,
                  .pause_rule = PAUSE_RULE_RIGHTS,
                  .coop_goal = 0},
    };
}

static Status apply(GameState *s, MoveKind kind, int a, int b, int c, EventList *ev)
{
    Move m = {kind, a, b, c};
    if (ev != NULL) {
        ev->count = 0;
    }
    return rules_apply(s, &m, ev);
}

static bool has_event(const EventList *ev, EventKind kind, int a)
{
    for (int i = 0; i < ev->count; i++) {
        if (ev->items[i].kind == kind && (a < 0 || ev->items[i].a == a)) {
            return true;
        }
    }
    return false;
}

/* Rolls so that the current team lands exactly on `target`: a copy of the state shows the
 * roll to come, and placing a token uses no randomness. */
static void land_on(GameState *s, int target, EventList *ev)
{
    GameState peek = *s;
    assert_int_equal(apply(&peek, MOVE_ROLL, 0, 0, 0, NULL), STATUS_OK);
    int total = peek.last_dice[0] + peek.last_dice[1];
    int n = s->def->space_count;
    int from = ((target - total) % n + n) % n;
    assert_int_equal(apply(s, MOVE_PLACE_TOKEN, s->current, from, 0, NULL), STATUS_OK);
    assert_int_equal(apply(s, MOVE_ROLL, 0, 0, 0, ev), STATUS_OK);
    assert_int_equal(s->position[s->current == 0 && s->phase == PHASE_ROLL ? 0 : s->current],
                     s->position[s->current]);
}

static void new_mini(GameState *s, int teams)
{
    mini_reset();
    GameConfig config = rules_default_config(teams);
    assert_int_equal(rules_new_game(s, &mini, &config, 7), STATUS_OK);
}

/* --- generator ---------------------------------------------------------------------------- */

static void test_rng_reference(void **unused)
{
    (void)unused;
    /* The first outputs of the PCG32 reference demo (pcg32_srandom_r(&rng, 42, 54)). */
    const uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330,
                                 0x83d2f293, 0xbfa4784b, 0xcbed606e};
    Rng rng;
    rng_seed(&rng, 42, 54);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        assert_int_equal(rng_next(&rng), expected[i]);
    }
}

static void test_rng_below_is_uniform(void **unused)
{
    (void)unused;
    Rng rng;
    rng_seed(&rng, 1, 2);
    int counts[6] = {0};
    for (int i = 0; i < 60000; i++) {
        uint32_t v = rng_below(&rng, 6);
        assert_true(v < 6);
        counts[v]++;
    }
    for (int i = 0; i < 6; i++) {
        assert_in_range(counts[i], 9500, 10500);
    }
    assert_int_equal(rng_below(&rng, 0), 0);
    assert_int_equal(rng_below(&rng, 1), 0);
}

/* --- decks -------------------------------------------------------------------------------- */

static void test_deck_no_repeat_until_used_up(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    GameConfig config = rules_default_config(4);
    for (uint64_t seed = 1; seed <= 50; seed++) {
        GameState s;
        assert_int_equal(rules_new_game(&s, def, &config, seed), STATUS_OK);
        for (int d = 0; d < def->deck_count; d++) {
            /* The order of each deck is a permutation of its enabled cards. */
            int seen[GAMEDEF_MAX_CARDS] = {0};
            for (int i = 0; i < s.decks[d].count; i++) {
                int c = s.order[s.decks[d].start + i];
                assert_int_equal(def->cards[c].deck, d);
                assert_int_equal(seen[c], 0);
                seen[c] = 1;
            }
        }
    }
}

static void test_deck_shuffle_is_fair(void **unused)
{
    (void)unused;
    /* Over many seeds, each card of a 5-card deck comes first about as often as the others. */
    const GameDef *def = gamedef_demo();
    GameConfig config = rules_default_config(2);
    int first[GAMEDEF_MAX_CARDS] = {0};
    int deck = gamedef_find_deck(def, "friends");
    for (uint64_t seed = 0; seed < 5000; seed++) {
        GameState s;
        rules_new_game(&s, def, &config, seed);
        first[s.order[s.decks[deck].start]]++;
    }
    for (int c = 0; c < def->card_count; c++) {
        if (def->cards[c].deck == deck) {
            assert_in_range(first[c], 850, 1150);
        }
    }
}

static void test_deck_filters(void **unused)
{
    (void)unused;
    GameState s;
    mini_reset();
    GameConfig config = rules_default_config(2);
    config.max_age = 14;
    assert_int_equal(rules_new_game(&s, &mini, &config, 1), STATUS_OK);
    assert_int_equal(rules_deck_size(&s, DB), 2); /* b3 is 16+ */
    config.max_intensity = 1;
    rules_new_game(&s, &mini, &config, 1);
    assert_int_equal(rules_deck_size(&s, DB), 1); /* b2 is intensity 2 */
    config = rules_default_config(2);
    rules_config_exclude(&config, 1, true); /* b1 */
    rules_new_game(&s, &mini, &config, 1);
    assert_int_equal(rules_deck_size(&s, DB), 2);
    assert_false(rules_card_is_enabled(&config, &mini, 1));
    rules_config_exclude(&config, 1, false);
    assert_true(rules_card_is_enabled(&config, &mini, 1));
    config.topics_off = 1u << TB;
    rules_new_game(&s, &mini, &config, 1);
    assert_int_equal(rules_deck_size(&s, DB), 0);
    assert_int_equal(rules_deck_size(&s, DA), 1);
}

static void test_deck_emptied_by_filters_is_open_talk(void **unused)
{
    (void)unused;
    GameState s;
    mini_reset();
    GameConfig config = rules_default_config(2);
    config.max_age = 12;
    config.max_intensity = 1;
    rules_config_exclude(&config, 1, true); /* deck b is now empty */
    assert_int_equal(rules_new_game(&s, &mini, &config, 3), STATUS_OK);
    EventList ev;
    land_on(&s, 4, &ev);
    assert_true(has_event(&ev, EVENT_DECK_EMPTY, DB));
    assert_int_equal(s.phase, PHASE_OPEN_TALK);
    assert_int_equal(s.card, -1);
    int before = s.points[0];
    assert_int_equal(apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.points[0], before + mini.rules.card_points);
    assert_int_equal(s.stats.open_talks, 1);
}

static void test_deck_reshuffles_after_use(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    int drawn[3] = {0};
    /* Deck b has 3 cards: six visits draw each exactly twice, never the same twice running. */
    int last = -1;
    for (int i = 0; i < 6; i++) {
        land_on(&s, 4, &ev);
        assert_int_equal(s.phase, PHASE_CARD);
        assert_int_not_equal(s.card, last);
        last = s.card;
        drawn[s.card - 1]++;
        if (i == 3) {
            assert_true(s.decks[DB].cycle == 1);
        }
        apply(&s, MOVE_PASS, 0, 0, 0, &ev);
    }
    assert_int_equal(drawn[0], 2);
    assert_int_equal(drawn[1], 2);
    assert_int_equal(drawn[2], 2);
}

/* --- board and spaces --------------------------------------------------------------------- */

static void test_move_space_by_space_and_start_bonus(void **unused)
{
    (void)unused;
    GameState s;
    mini_reset();
    mini.rules.start_bonus = 2;
    GameConfig config = rules_default_config(2);
    rules_new_game(&s, &mini, &config, 7);
    EventList ev;
    apply(&s, MOVE_PLACE_TOKEN, 0, 6, 0, NULL);
    assert_int_equal(apply(&s, MOVE_ROLL, 0, 0, 0, &ev), STATUS_OK);
    int total = s.last_dice[0];
    assert_int_equal(s.position[0], (6 + total) % 8);
    int steps = 0;
    for (int i = 0; i < ev.count; i++) {
        if (ev.items[i].kind == EVENT_STEP) {
            steps++;
            assert_int_equal(ev.items[i].b, (6 + steps) % 8);
        }
    }
    assert_int_equal(steps, total);
    if (6 + total >= 8) {
        assert_true(has_event(&ev, EVENT_PASS_START, 0));
        assert_true(s.points[0] >= mini.rules.start_bonus);
    }
    /* Landing on start pays the bonus too. */
    GameState t;
    rules_new_game(&t, &mini, &config, 7);
    land_on(&t, 0, &ev);
    assert_true(has_event(&ev, EVENT_PASS_START, 0));
    assert_int_equal(t.points[0], mini.rules.start_bonus);
    assert_int_equal(t.current, 1); /* nothing to resolve on start: next team */
}

static void test_go_to_pause_and_pause_rules(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 7, &ev);
    assert_true(has_event(&ev, EVENT_PAUSED, 0));
    assert_int_equal(s.position[0], 3);
    assert_true(s.paused[0]);
    assert_int_equal(s.current, 1);
    land_on(&s, 3, &ev); /* team 1 only visits the pause corner */
    assert_false(s.paused[1]);
    assert_int_equal(s.current, 0);
    assert_int_equal(s.phase, PHASE_PAUSED);
    /* With one die and the rights rule: rolling is not allowed, a rights card is. */
    Move roll = {MOVE_ROLL, 0, 0, 0};
    assert_false(rules_is_legal(&s, &roll));
    assert_int_equal(apply(&s, MOVE_DRAW_RIGHTS, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.phase, PHASE_CARD);
    assert_int_equal(s.card, 5);
    assert_int_equal(apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev), STATUS_OK);
    assert_true(has_event(&ev, EVENT_RELEASED, 0));
    assert_false(s.paused[0]);
    assert_int_equal(s.phase, PHASE_ROLL); /* answered: the team rolls this turn */
    assert_int_equal(s.current, 0);
}

static void test_pause_stay_and_doubles(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 7, &ev);
    land_on(&s, 1, &ev);
    apply(&s, MOVE_PASS, 0, 0, 0, &ev);
    assert_int_equal(s.phase, PHASE_PAUSED);
    assert_int_equal(apply(&s, MOVE_STAY, 0, 0, 0, &ev), STATUS_OK);
    assert_true(has_event(&ev, EVENT_STAYED, 0));
    assert_false(s.paused[0]);
    assert_int_equal(s.current, 1);
    /* Doubles rule with two dice: a roll either frees the team (doubles) or uses the turn. */
    mini_reset();
    mini.rules.dice = 2;
    mini.rules.pause_rule = PAUSE_RULE_DOUBLES;
    GameConfig config = rules_default_config(2);
    int freed = 0, stayed = 0;
    for (uint64_t seed = 0; seed < 200; seed++) {
        rules_new_game(&s, &mini, &config, seed);
        s.paused[0] = true;
        s.phase = PHASE_PAUSED;
        s.position[0] = 3;
        Move draw = {MOVE_DRAW_RIGHTS, 0, 0, 0};
        assert_false(rules_is_legal(&s, &draw));
        assert_int_equal(apply(&s, MOVE_ROLL, 0, 0, 0, &ev), STATUS_OK);
        if (s.last_dice[0] == s.last_dice[1]) {
            freed++;
            assert_true(has_event(&ev, EVENT_RELEASED, 0));
            assert_true(has_event(&ev, EVENT_LANDED, 0));
        } else {
            stayed++;
            assert_true(has_event(&ev, EVENT_STAYED, 0));
            assert_int_equal(s.position[0], 3);
        }
        /* Free, unless the doubles walked onto go-to-pause. */
        assert_true(s.paused[0] == has_event(&ev, EVENT_PAUSED, 0));
    }
    assert_true(freed > 20 && stayed > 100);
}

static void test_open_space_chooses_topic(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 6, &ev);
    assert_int_equal(s.phase, PHASE_CHOOSE_TOPIC);
    assert_int_equal(apply(&s, MOVE_CHOOSE_TOPIC, 9, 0, 0, &ev), STATUS_BAD_ARGUMENT);
    assert_int_equal(apply(&s, MOVE_CHOOSE_TOPIC, TA, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.phase, PHASE_CARD);
    assert_int_equal(s.card, 0);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    /* The open space is not a topic stop: nothing to claim. */
    assert_int_equal(s.current, 1);
}

/* --- cards -------------------------------------------------------------------------------- */

static void test_agree_tally_counts_on_complete(void **unused)
{
    (void)unused;
    GameState s;
    mini_reset();
    GameConfig config = rules_default_config(2);
    config.max_age = 12; /* deck b holds only the agree card */
    rules_new_game(&s, &mini, &config, 5);
    EventList ev;
    land_on(&s, 4, &ev);
    assert_int_equal(s.card, 1);
    assert_int_equal(apply(&s, MOVE_TALLY, -1, 0, 0, &ev), STATUS_BAD_ARGUMENT);
    assert_int_equal(apply(&s, MOVE_TALLY, 5, 3, 2, &ev), STATUS_OK);
    assert_int_equal(apply(&s, MOVE_TALLY, 6, 3, 1, &ev), STATUS_OK); /* corrected */
    assert_int_equal(apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.stats.votes[0], 6);
    assert_int_equal(s.stats.votes[1], 3);
    assert_int_equal(s.stats.votes[2], 1);
    assert_int_equal(s.stats.by_kind[CARD_AGREE], 1);
    assert_int_equal(s.stats.by_topic[TB], 1);
}

static void test_tally_only_on_agree_cards(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 1, &ev); /* a1: discuss */
    assert_int_equal(apply(&s, MOVE_TALLY, 1, 1, 1, &ev), STATUS_ILLEGAL_MOVE);
}

static void test_pass_costs_nothing_and_skip_replaces(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 4, &ev);
    int first = s.card;
    int points[2] = {s.points[0], s.points[1]};
    assert_int_equal(apply(&s, MOVE_SKIP, 0, 0, 0, &ev), STATUS_OK);
    assert_true(has_event(&ev, EVENT_SKIPPED, first));
    assert_int_equal(s.phase, PHASE_CARD);
    assert_int_not_equal(s.card, first);
    assert_int_equal(s.current, 0);
    assert_int_equal(apply(&s, MOVE_PASS, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.points[0], points[0]);
    assert_int_equal(s.points[1], points[1]);
    assert_int_equal(s.current, 1);
    assert_int_equal(s.stats.passes, 1);
    assert_int_equal(s.stats.skips, 1);
    /* A deck of one card cannot replace it: the stop becomes an open talk. */
    land_on(&s, 1, &ev);
    assert_int_equal(apply(&s, MOVE_SKIP, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.phase, PHASE_OPEN_TALK);
}

static void test_action_effects(void **unused)
{
    (void)unused;
    GameState s;
    EventList ev;
    /* points */
    new_mini(&s, 3);
    land_on(&s, 2, &ev);
    assert_int_equal(s.card, 4);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.points[0], 1 + 3);
    assert_true(has_event(&ev, EVENT_EFFECT, 4));
    /* points for all */
    mini_reset();
    mini_cards[4].effect = (Effect){EFFECT_POINTS_ALL, 2, SPACE_START};
    GameConfig config = rules_default_config(3);
    rules_new_game(&s, &mini, &config, 1);
    land_on(&s, 2, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.points[0], 1 + 2);
    assert_int_equal(s.points[1], 2);
    assert_int_equal(s.points[2], 2);
    /* move to the nearest rights space, which then draws its card */
    mini_reset();
    mini_cards[4].effect = (Effect){EFFECT_MOVE_TO, 0, SPACE_RIGHTS};
    rules_new_game(&s, &mini, &config, 1);
    land_on(&s, 2, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.position[0], 5);
    assert_int_equal(s.phase, PHASE_CARD);
    assert_int_equal(s.card, 5);
    assert_int_equal(s.current, 0);
    /* move back two spaces: no start bonus going backwards */
    mini_reset();
    mini_cards[4].effect = (Effect){EFFECT_MOVE, -2, SPACE_START};
    rules_new_game(&s, &mini, &config, 1);
    land_on(&s, 2, &ev);
    int before = s.points[0];
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.position[0], 0);
    assert_int_equal(s.points[0], before + 1);
    /* go to pause */
    mini_reset();
    mini_cards[4].effect = (Effect){EFFECT_GO_TO_PAUSE, 0, SPACE_START};
    rules_new_game(&s, &mini, &config, 1);
    land_on(&s, 2, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_true(s.paused[0]);
    assert_int_equal(s.position[0], 3);
}

static void test_action_chain_is_bounded(void **unused)
{
    (void)unused;
    /* An action that moves 0 steps forward to the space it is on would loop for ever; a card
     * that sends the token to the next situation space again and again must stop. */
    GameState s;
    mini_reset();
    mini_spaces[5].kind = SPACE_SITUATION; /* two situation spaces: 2 and 5 */
    mini_cards[4].effect = (Effect){EFFECT_MOVE_TO, 0, SPACE_SITUATION};
    GameConfig config = rules_default_config(2);
    rules_new_game(&s, &mini, &config, 1);
    EventList ev;
    land_on(&s, 2, &ev);
    for (int i = 0; i < 10 && s.current == 0 && s.phase == PHASE_CARD; i++) {
        apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    }
    assert_int_equal(s.current, 1);
    mini_spaces[5].kind = SPACE_RIGHTS;
}

static void test_claims_and_rent(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 1, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.phase, PHASE_CLAIM);
    assert_int_equal(apply(&s, MOVE_CLAIM, 0, 0, 0, &ev), STATUS_OK);
    assert_int_equal(s.owner[1], 0);
    assert_true(has_event(&ev, EVENT_CLAIMED, 0));
    assert_int_equal(s.current, 1);
    int p0 = s.points[0], p1 = s.points[1];
    land_on(&s, 1, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_true(has_event(&ev, EVENT_RENT, 0));
    assert_int_equal(s.points[0], p0 + mini.rules.rent);
    assert_int_equal(s.points[1], p1 + mini.rules.card_points + mini.rules.rent);
    assert_int_equal(s.owner[1], 0); /* still the first owner; no claim offered */
    assert_int_equal(s.current, 0);
    /* With claims off, no claim phase. */
    mini_reset();
    mini.rules.claims = false;
    GameConfig config = rules_default_config(2);
    rules_new_game(&s, &mini, &config, 1);
    land_on(&s, 1, &ev);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    assert_int_equal(s.current, 1);
    assert_int_equal(s.owner[1], -1);
}

/* --- end conditions ----------------------------------------------------------------------- */

static void play_until_over(GameState *s, int max_moves)
{
    Rng bot;
    rng_seed(&bot, 99, 1);
    BotStyle style = bot_default_style();
    for (int i = 0; i < max_moves && !rules_is_over(s); i++) {
        Move m = bot_choose_move(s, &style, &bot);
        assert_int_equal(rules_apply(s, &m, NULL), STATUS_OK);
    }
}

static void test_end_by_rounds(void **unused)
{
    (void)unused;
    GameState s;
    mini_reset();
    mini.rules.rounds = 3;
    GameConfig config = rules_default_config(4);
    rules_new_game(&s, &mini, &config, 11);
    play_until_over(&s, 100000);
    assert_true(rules_is_over(&s));
    assert_int_equal(s.over_reason, OVER_ROUNDS);
    assert_int_equal(s.round, 3);
    assert_int_equal(s.turn, 12);
    Move roll = {MOVE_ROLL, 0, 0, 0};
    assert_int_equal(rules_apply(&s, &roll, NULL), STATUS_GAME_OVER);
}

static void test_end_by_time_finishes_the_turn(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 1, &ev);
    assert_int_equal(apply(&s, MOVE_TIME_UP, 0, 0, 0, &ev), STATUS_OK);
    assert_false(rules_is_over(&s));
    assert_int_equal(s.phase, PHASE_CARD);
    apply(&s, MOVE_COMPLETE, 0, 0, 0, &ev);
    apply(&s, MOVE_DECLINE, 0, 0, 0, &ev);
    assert_true(rules_is_over(&s));
    assert_int_equal(s.over_reason, OVER_TIME);
    /* Between turns, time up ends at once. */
    new_mini(&s, 2);
    apply(&s, MOVE_TIME_UP, 0, 0, 0, &ev);
    assert_true(rules_is_over(&s));
}

static void test_end_by_facilitator_and_goal(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    land_on(&s, 1, &ev);
    assert_int_equal(apply(&s, MOVE_END_GAME, 0, 0, 0, &ev), STATUS_OK);
    assert_true(has_event(&ev, EVENT_GAME_OVER, OVER_FACILITATOR));
    assert_true(rules_is_over(&s));
    mini_reset();
    mini.rules.coop_goal = 10;
    mini.rules.rounds = 0;
    GameConfig config = rules_default_config(3);
    rules_new_game(&s, &mini, &config, 2);
    play_until_over(&s, 100000);
    assert_int_equal(s.over_reason, OVER_COOP_GOAL);
    assert_true(rules_total_points(&s) >= 10);
}

/* --- overrides, undo and illegal moves ---------------------------------------------------- */

static void test_give_points_never_negative(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    EventList ev;
    assert_int_equal(apply(&s, MOVE_GIVE_POINTS, 1, 4, 0, &ev), STATUS_OK);
    assert_int_equal(s.points[1], 4);
    assert_int_equal(apply(&s, MOVE_GIVE_POINTS, 1, -10, 0, &ev), STATUS_OK);
    assert_int_equal(s.points[1], 0);
    assert_int_equal(ev.items[0].b, -4);
    assert_int_equal(apply(&s, MOVE_GIVE_POINTS, 2, 1, 0, &ev), STATUS_BAD_ARGUMENT);
    assert_int_equal(apply(&s, MOVE_PLACE_TOKEN, 0, 8, 0, &ev), STATUS_BAD_ARGUMENT);
}

static void test_illegal_moves_change_nothing(void **unused)
{
    (void)unused;
    GameState s;
    new_mini(&s, 2);
    GameState before = s;
    EventList ev = {.count = 0};
    const MoveKind wrong[] = {MOVE_COMPLETE, MOVE_PASS,        MOVE_SKIP,
                              MOVE_TALLY,    MOVE_CLAIM,       MOVE_DECLINE,
                              MOVE_STAY,     MOVE_DRAW_RIGHTS, MOVE_CHOOSE_TOPIC};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        Move m = {wrong[i], 0, 0, 0};
        assert_int_not_equal(rules_apply(&s, &m, &ev), STATUS_OK);
        assert_int_equal(ev.count, 0);
        assert_memory_equal(&s, &before, sizeof s);
    }
    Move junk = {(MoveKind)99, 0, 0, 0};
    assert_int_equal(rules_apply(&s, &junk, &ev), STATUS_BAD_ARGUMENT);
    assert_int_equal(rules_apply(&s, NULL, &ev), STATUS_BAD_ARGUMENT);
    GameConfig config = rules_default_config(9);
    assert_int_equal(rules_new_game(&s, &mini, &config, 1), STATUS_BAD_ARGUMENT);
    config = rules_default_config(2);
    config.minutes = RULES_NO_CLOCK;
    assert_int_equal(rules_new_game(&s, &mini, &config, 1), STATUS_OK);
    config.minutes = -2;
    assert_int_equal(rules_new_game(&s, &mini, &config, 1), STATUS_BAD_ARGUMENT);
    config = rules_default_config(1);
    assert_int_equal(rules_new_game(&s, &mini, &config, 1), STATUS_BAD_ARGUMENT);
}

static void test_gamedef_check(void **unused)
{
    (void)unused;
    mini_reset();
    assert_null(gamedef_check(&mini));
    assert_null(gamedef_check(gamedef_demo()));
    mini_spaces[3].kind = SPACE_START;
    assert_non_null(gamedef_check(&mini));
    mini_spaces[3].kind = SPACE_PAUSE;
    mini_cards[3].options = 5;
    assert_non_null(gamedef_check(&mini));
    mini_reset();
    mini.rules.dice = 3;
    assert_non_null(gamedef_check(&mini));
    assert_int_equal(gamedef_card_kind_from_name("myth_fact"), CARD_MYTH_FACT);
    assert_int_equal(gamedef_space_kind_from_name("go_to_pause"), SPACE_GO_TO_PAUSE);
    assert_int_equal(gamedef_card_kind_from_name("nope"), -1);
    assert_string_equal(gamedef_pause_rule_name(PAUSE_RULE_RIGHTS_OR_DOUBLES), "rights_or_doubles");
}

static void test_undo_is_replay_without_the_last_move(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    GameConfig config = rules_default_config(3);
    Replay r;
    replay_init(&r, def, &config, 1234);
    GameState s;
    rules_new_game(&s, def, &config, 1234);
    Rng bot;
    rng_seed(&bot, 5, 5);
    BotStyle style = bot_default_style();
    uint64_t hashes[200];
    for (int i = 0; i < 200 && !rules_is_over(&s); i++) {
        hashes[i] = rules_state_hash(&s);
        Move m = bot_choose_move(&s, &style, &bot);
        assert_int_equal(rules_apply(&s, &m, NULL), STATUS_OK);
        replay_push(&r, &m);
    }
    /* Undo ten times: each replay without the last move gives the state before it. */
    for (int k = 0; k < 10; k++) {
        int n = r.count;
        assert_true(replay_pop(&r));
        GameState u;
        assert_int_equal(replay_run(&r, def, -1, &u, NULL), STATUS_OK);
        assert_int_equal(rules_state_hash(&u), hashes[n - 1]);
    }
    replay_free(&r);
    replay_free(NULL);
}

/* Plays n turns passing every card, and records the dice. */
static void play_passing(const GameDef *def, int turns, int *dice)
{
    GameState s;
    GameConfig config = rules_default_config(3);
    assert_int_equal(rules_new_game(&s, def, &config, 4242), STATUS_OK);
    int rolls = 0;
    while (rolls < turns) {
        Move m = {MOVE_ROLL, 0, 0, 0};
        switch (s.phase) {
        case PHASE_ROLL:
            dice[rolls++] = 0;
            break;
        case PHASE_PAUSED:
            m.kind = MOVE_STAY;
            break;
        case PHASE_CARD:
        case PHASE_OPEN_TALK:
            m.kind = MOVE_PASS;
            break;
        case PHASE_CLAIM:
            m.kind = MOVE_DECLINE;
            break;
        case PHASE_CHOOSE_TOPIC:
            m.kind = MOVE_CHOOSE_TOPIC;
            while (!rules_is_legal(&s, &m)) {
                m.a++;
            }
            break;
        case PHASE_OVER:
            return;
        }
        assert_int_equal(rules_apply(&s, &m, NULL), STATUS_OK);
        if (m.kind == MOVE_ROLL) {
            dice[rolls - 1] = s.last_dice[0] * 16 + s.last_dice[1];
        }
    }
}

static void test_deck_change_keeps_the_dice(void **unused)
{
    (void)unused;
    /* A pack update that adds a card to one deck must not change the dice (each deck shuffles
     * from its own stream), or a saved game could not be replayed on the new version. */
    const GameDef *demo_def = gamedef_demo();
    static Card cards[64];
    memcpy(cards, demo_def->cards, (size_t)demo_def->card_count * sizeof cards[0]);
    cards[demo_def->card_count] = (Card){"fr-new", 0, CARD_DISCUSS, 12, 1, 0, ANSWER_NONE, {0}};
    GameDef changed = *demo_def;
    changed.cards = cards;
    changed.card_count = demo_def->card_count + 1;
    changed.rules.rounds = 100;
    GameDef same = *demo_def;
    same.rules.rounds = 100;
    int a[60], b[60];
    play_passing(&same, 60, a);
    play_passing(&changed, 60, b);
    assert_memory_equal(a, b, sizeof a);
}

/* --- replays ------------------------------------------------------------------------------ */

static void test_replay_text_round_trip(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    GameConfig config = rules_default_config(5);
    config.max_age = 14;
    config.minutes = RULES_NO_CLOCK;
    rules_config_exclude(&config, 2, true);
    Replay r;
    replay_init(&r, def, &config, 77);
    GameState s;
    rules_new_game(&s, def, &config, 77);
    Rng bot;
    rng_seed(&bot, 3, 3);
    BotStyle style = bot_default_style();
    while (!rules_is_over(&s)) {
        Move m = bot_choose_move(&s, &style, &bot);
        rules_apply(&s, &m, NULL);
        replay_push(&r, &m);
    }
    Move place = {MOVE_PLACE_TOKEN, 1, 3, 0};
    replay_push(&r, &place);
    char *text = replay_to_text(&r, def);
    assert_non_null(strstr(text, "exclude fr-3\n"));
    assert_non_null(strstr(text, "filter 14 3 0 -1 0\n"));
    assert_non_null(strstr(text, "place 1 stop-online\n"));
    Replay back;
    char err[128];
    assert_true(replay_from_text(text, strlen(text), def, &back, err, sizeof err));
    assert_int_equal(back.count, r.count);
    assert_int_equal(back.moves[back.count - 1].b, 3);
    char *again = replay_to_text(&back, def);
    assert_string_equal(text, again);
    GameState t;
    /* The last move (placing a token after the end) is refused: replay up to it. */
    assert_int_equal(replay_run(&back, def, back.count - 1, &t, NULL), STATUS_OK);
    assert_int_equal(rules_state_hash(&t), rules_state_hash(&s));
    /* Repair drops what no longer applies. */
    assert_int_equal(replay_repair(&back, def, &t), 1);
    assert_int_equal(rules_state_hash(&t), rules_state_hash(&s));
    free(text);
    free(again);
    replay_free(&r);
    replay_free(&back);
}

static void test_replay_rejects_bad_text(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    struct {
        const char *text;
        const char *error;
    } cases[] = {
        {"", "line 0: replay header is incomplete"},
        {"hello\n", "line 1: not a Rutas replay"},
        {"rutas-replay 1\npack other 1.0.0\n", "line 2: replay was recorded with another pack"},
        {"rutas-replay 1\npack demo 1\nseed x\n", "line 3: bad seed"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 9\n", "line 4: expected 'teams N'"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 0 0 0 0\n", "line 5: expected"},
        /* Found by the round-trip check of fuzz/fuzz_replay.c: the intensity wrapped to -1. */
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 4294967295 0 0 0\n",
         "line 5: expected"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\nfly\n",
         "line 6: unknown move"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\ntally 1 2\n",
         "line 6: wrong number of values"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\nexclude zz\n",
         "line 6: excluded card is not in this pack"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\nchoose-topic zz\n",
         "line 6: topic is not in this pack"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\nplace 1 nowhere\n",
         "line 6: space is not in this pack"},
        {"rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\nplace\n",
         "line 6: wrong number of values"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Replay r;
        char err[128] = "";
        assert_false(
            replay_from_text(cases[i].text, strlen(cases[i].text), def, &r, err, sizeof err));
        if (strstr(err, cases[i].error) != err) {
            fail_msg("case %zu: got '%s', expected '%s...'", i, err, cases[i].error);
        }
        assert_null(r.moves);
    }
    /* A replay whose moves are illegal reports where. */
    const char *bad = "rutas-replay 1\npack demo 1\nseed 1\nteams 2\nfilter 18 3 0 0 0\n"
                      "roll\nroll\nroll\nroll\nroll\nroll\n";
    Replay r;
    char err[128];
    assert_true(replay_from_text(bad, strlen(bad), def, &r, err, sizeof err));
    GameState s;
    int at = -2;
    assert_int_not_equal(replay_run(&r, def, -1, &s, &at), STATUS_OK);
    assert_true(at >= 1);
    replay_free(&r);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_golden_replay(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    size_t len = 0;
    char *text = read_file(GOLDEN_REPLAY, &len);
    if (text == NULL || getenv("RUTAS_WRITE_GOLDEN") != NULL) {
        /* Records the golden game once; the file is committed and must not change. */
        free(text);
        GameConfig config = rules_default_config(4);
        Replay r;
        replay_init(&r, def, &config, 20261122);
        GameState s;
        rules_new_game(&s, def, &config, 20261122);
        Rng bot;
        rng_seed(&bot, 8, 8);
        BotStyle style = bot_default_style();
        while (!rules_is_over(&s)) {
            Move m = bot_choose_move(&s, &style, &bot);
            rules_apply(&s, &m, NULL);
            replay_push(&r, &m);
        }
        char *body = replay_to_text(&r, def);
        FILE *f = fopen(GOLDEN_REPLAY, "wb");
        assert_non_null(f);
        fprintf(f, "# final-hash %016" PRIx64 "\n%s", rules_state_hash(&s), body);
        fclose(f);
        free(body);
        replay_free(&r);
        fail_msg("golden replay written to %s; run the test again", GOLDEN_REPLAY);
    }
    uint64_t expected = 0;
    assert_int_equal(sscanf(text, "# final-hash %" SCNx64, &expected), 1);
    Replay r;
    char err[128];
    assert_true(replay_from_text(text, len, def, &r, err, sizeof err));
    GameState s;
    assert_int_equal(replay_run(&r, def, -1, &s, NULL), STATUS_OK);
    assert_true(rules_is_over(&s));
    assert_int_equal(rules_state_hash(&s), expected);
    replay_free(&r);
    free(text);
}

/* --- seeded random playouts --------------------------------------------------------------- */

static void check_invariants(const GameState *s, int *since_cycle_seen, int deck_used[][64])
{
    const GameDef *def = s->def;
    for (int t = 0; t < s->team_count; t++) {
        assert_true(s->position[t] >= 0 && s->position[t] < def->space_count);
        assert_true(s->points[t] >= 0);
    }
    assert_true(s->current >= 0 && s->current < s->team_count);
    for (int sp = 0; sp < def->space_count; sp++) {
        assert_true(s->owner[sp] >= -1 && s->owner[sp] < s->team_count);
        if (s->owner[sp] >= 0) {
            assert_int_equal(def->spaces[sp].kind, SPACE_TOPIC);
        }
    }
    if (s->phase == PHASE_CARD) {
        assert_true(s->card >= 0 && s->card < def->card_count);
        assert_true(rules_card_is_enabled(&s->config, def, s->card));
    }
    for (int d = 0; d < def->deck_count; d++) {
        assert_true(s->decks[d].next >= 0 && s->decks[d].next <= s->decks[d].count);
    }
    (void)since_cycle_seen;
    (void)deck_used;
}

static void test_random_playouts(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    int games = 0;
    static GameState s;
    for (uint64_t seed = 1; seed <= 3000; seed++) {
        int teams = 2 + (int)(seed % 7);
        GameConfig config = rules_default_config(teams);
        config.max_age = 12 + (int)(seed % 3) * 2;
        config.max_intensity = 1 + (int)(seed % 3);
        if (seed % 5 == 0) {
            config.topics_off = 1u << (seed % 4);
        }
        assert_int_equal(rules_new_game(&s, def, &config, seed), STATUS_OK);
        Rng bot;
        rng_seed(&bot, seed, 11);
        BotStyle style = bot_default_style();
        /* Cards drawn from each deck in the current cycle must all differ. */
        int drawn_in_cycle[GAMEDEF_MAX_DECKS][64];
        int drawn_count[GAMEDEF_MAX_DECKS] = {0};
        int moves = 0;
        while (!rules_is_over(&s)) {
            Move m = bot_choose_move(&s, &style, &bot);
            EventList ev = {.count = 0};
            assert_int_equal(rules_apply(&s, &m, &ev), STATUS_OK);
            assert_int_equal(ev.dropped, 0);
            for (int i = 0; i < ev.count; i++) {
                const Event *e = &ev.items[i];
                if (e->kind == EVENT_RESHUFFLE) {
                    drawn_count[e->a] = 0;
                } else if (e->kind == EVENT_CARD) {
                    for (int k = 0; k < drawn_count[e->b]; k++) {
                        assert_int_not_equal(drawn_in_cycle[e->b][k], e->a);
                    }
                    drawn_in_cycle[e->b][drawn_count[e->b]++] = e->a;
                    assert_true(drawn_count[e->b] <= s.decks[e->b].count);
                }
            }
            check_invariants(&s, NULL, NULL);
            assert_true(++moves < 5000); /* every game ends */
        }
        games++;
    }
    assert_int_equal(games, 3000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_reference),
        cmocka_unit_test(test_rng_below_is_uniform),
        cmocka_unit_test(test_deck_no_repeat_until_used_up),
        cmocka_unit_test(test_deck_shuffle_is_fair),
        cmocka_unit_test(test_deck_filters),
        cmocka_unit_test(test_deck_emptied_by_filters_is_open_talk),
        cmocka_unit_test(test_deck_reshuffles_after_use),
        cmocka_unit_test(test_move_space_by_space_and_start_bonus),
        cmocka_unit_test(test_go_to_pause_and_pause_rules),
        cmocka_unit_test(test_pause_stay_and_doubles),
        cmocka_unit_test(test_open_space_chooses_topic),
        cmocka_unit_test(test_agree_tally_counts_on_complete),
        cmocka_unit_test(test_tally_only_on_agree_cards),
        cmocka_unit_test(test_pass_costs_nothing_and_skip_replaces),
        cmocka_unit_test(test_action_effects),
        cmocka_unit_test(test_action_chain_is_bounded),
        cmocka_unit_test(test_claims_and_rent),
        cmocka_unit_test(test_end_by_rounds),
        cmocka_unit_test(test_end_by_time_finishes_the_turn),
        cmocka_unit_test(test_end_by_facilitator_and_goal),
        cmocka_unit_test(test_give_points_never_negative),
        cmocka_unit_test(test_illegal_moves_change_nothing),
        cmocka_unit_test(test_gamedef_check),
        cmocka_unit_test(test_undo_is_replay_without_the_last_move),
        cmocka_unit_test(test_deck_change_keeps_the_dice),
        cmocka_unit_test(test_replay_text_round_trip),
        cmocka_unit_test(test_replay_rejects_bad_text),
        cmocka_unit_test(test_golden_replay),
        cmocka_unit_test(test_random_playouts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
