/*
 * demo.c: a small built-in game definition with every space, card and effect kind, for tests
 * and for `rutas simulate` when no pack is given. Its ids are those of a pack, its texts are
 * not needed: the rules core never shows text.
 */
#include "gamedef.h"

enum { T_FRIENDS, T_ONLINE, T_WORK, T_RIGHTS_TOPIC, DEMO_TOPICS };
enum { D_FRIENDS, D_ONLINE, D_WORK, D_RIGHTS_TOPIC, D_SITUATION, D_RIGHTS, DEMO_DECKS };

static const Topic demo_topics[DEMO_TOPICS] = {
    {"friends", 0xCC6677, "heart", D_FRIENDS},
    {"online", 0x88CCEE, "phone", D_ONLINE},
    {"work", 0xDDCC77, "briefcase", D_WORK},
    {"getting-help", 0x44AA99, "hand", D_RIGHTS_TOPIC},
};

static const Deck demo_decks[DEMO_DECKS] = {
    {"friends", T_FRIENDS},           {"online", T_ONLINE}, {"work", T_WORK},
    {"getting-help", T_RIGHTS_TOPIC}, {"situation", -1},    {"rights", -1},
};

static const Space demo_spaces[] = {
    {"start", SPACE_START, -1},
    {"stop-friends", SPACE_TOPIC, T_FRIENDS},
    {"situation-1", SPACE_SITUATION, -1},
    {"stop-online", SPACE_TOPIC, T_ONLINE},
    {"pause", SPACE_PAUSE, -1},
    {"stop-work", SPACE_TOPIC, T_WORK},
    {"rights-1", SPACE_RIGHTS, -1},
    {"stop-help", SPACE_TOPIC, T_RIGHTS_TOPIC},
    {"open", SPACE_OPEN, -1},
    {"stop-friends-2", SPACE_TOPIC, T_FRIENDS},
    {"situation-2", SPACE_SITUATION, -1},
    {"stop-online-2", SPACE_TOPIC, T_ONLINE},
    {"go-to-pause", SPACE_GO_TO_PAUSE, -1},
    {"stop-work-2", SPACE_TOPIC, T_WORK},
    {"rights-2", SPACE_RIGHTS, -1},
    {"stop-help-2", SPACE_TOPIC, T_RIGHTS_TOPIC},
};

#define C(id, deck, kind, age, intensity)                                                          \
    {                                                                                              \
        id, deck, kind, age, intensity, 0, ANSWER_NONE,                                            \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define MF(id, deck, age, answer)                                                                  \
    {                                                                                              \
        id, deck, CARD_MYTH_FACT, age, 1, 0, answer,                                               \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define SC(id, deck, age, intensity, options)                                                      \
    {                                                                                              \
        id, deck, CARD_SCENARIO, age, intensity, options, ANSWER_NONE,                             \
        {                                                                                          \
            0                                                                                      \
        }                                                                                          \
    }
#define AC(id, deck, kind, amount, target)                                                         \
    {                                                                                              \
        id, deck, CARD_ACTION, 12, 1, 0, ANSWER_NONE,                                              \
        {                                                                                          \
            kind, amount, target                                                                   \
        }                                                                                          \
    }

static const Card demo_cards[] = {
    C("fr-1", D_FRIENDS, CARD_DISCUSS, 12, 1),
    C("fr-2", D_FRIENDS, CARD_AGREE, 12, 1),
    MF("fr-3", D_FRIENDS, 12, ANSWER_MYTH),
    SC("fr-4", D_FRIENDS, 14, 2, 3),
    C("fr-5", D_FRIENDS, CARD_DISCUSS, 16, 3),
    C("on-1", D_ONLINE, CARD_DISCUSS, 12, 1),
    C("on-2", D_ONLINE, CARD_AGREE, 12, 2),
    MF("on-3", D_ONLINE, 12, ANSWER_FACT),
    SC("on-4", D_ONLINE, 12, 2, 4),
    C("on-5", D_ONLINE, CARD_HELP, 12, 1),
    C("wk-1", D_WORK, CARD_DISCUSS, 12, 1),
    C("wk-2", D_WORK, CARD_AGREE, 12, 1),
    MF("wk-3", D_WORK, 14, ANSWER_MYTH),
    SC("wk-4", D_WORK, 12, 2, 2),
    C("hp-1", D_RIGHTS_TOPIC, CARD_HELP, 12, 1),
    C("hp-2", D_RIGHTS_TOPIC, CARD_DISCUSS, 12, 1),
    MF("hp-3", D_RIGHTS_TOPIC, 12, ANSWER_FACT),
    SC("sit-1", D_SITUATION, 12, 2, 3),
    SC("sit-2", D_SITUATION, 12, 1, 2),
    SC("sit-3", D_SITUATION, 14, 3, 4),
    AC("sit-4", D_SITUATION, EFFECT_MOVE, 2, SPACE_START),
    AC("sit-5", D_SITUATION, EFFECT_MOVE_TO, 0, SPACE_RIGHTS),
    AC("sit-6", D_SITUATION, EFFECT_GO_TO_PAUSE, 0, SPACE_START),
    MF("rg-1", D_RIGHTS, 12, ANSWER_FACT),
    C("rg-2", D_RIGHTS, CARD_AGREE, 12, 1),
    C("rg-3", D_RIGHTS, CARD_DISCUSS, 12, 1),
    AC("rg-4", D_RIGHTS, EFFECT_POINTS, 2, SPACE_START),
    AC("rg-5", D_RIGHTS, EFFECT_POINTS_ALL, 1, SPACE_START),
    AC("rg-6", D_RIGHTS, EFFECT_MOVE, -3, SPACE_START),
    C("rg-7", D_RIGHTS, CARD_HELP, 12, 1),
};

static const GameDef demo = {
    .id = "demo",
    .version = "1.0.0",
    .topics = demo_topics,
    .topic_count = DEMO_TOPICS,
    .decks = demo_decks,
    .deck_count = DEMO_DECKS,
    .spaces = demo_spaces,
    .space_count = (int)(sizeof demo_spaces / sizeof demo_spaces[0]),
    .cards = demo_cards,
    .card_count = (int)(sizeof demo_cards / sizeof demo_cards[0]),
    .rules =
        {
            .dice = 2,
            .sides = 4,
            .start_bonus = 2,
            .card_points = 2,
            .rent = 1,
            .rounds = 5,
            .minutes = 45,
            .claims = true,
            .pause_rule = PAUSE_RULE_RIGHTS_OR_DOUBLES,
            .coop_goal = 0,
        },
};

const GameDef *gamedef_demo(void)
{
    return &demo;
}
