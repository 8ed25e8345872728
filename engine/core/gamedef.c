/*
 * gamedef.c: names of the enumerations, lookups by id, and the core's own sanity check of a
 * definition. libc only.
 */
#include "gamedef.h"

#include <string.h>

static const char *const space_kind_names[SPACE_KIND_COUNT] = {
    "start", "topic", "situation", "rights", "pause", "go_to_pause", "open",
};
static const char *const card_kind_names[CARD_KIND_COUNT] = {
    "discuss", "agree", "myth_fact", "scenario", "action", "help",
};
static const char *const effect_kind_names[EFFECT_KIND_COUNT] = {
    "none", "points", "points_all", "move", "move_to", "go_to_pause",
};
static const char *const pause_rule_names[PAUSE_RULE_COUNT] = {
    "skip",
    "rights",
    "doubles",
    "rights_or_doubles",
};

static const char *name_of(const char *const *names, int count, int value)
{
    return value >= 0 && value < count ? names[value] : NULL;
}

static int find_name(const char *const *names, int count, const char *name)
{
    if (name == NULL) {
        return -1;
    }
    for (int i = 0; i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *gamedef_space_kind_name(SpaceKind kind)
{
    return name_of(space_kind_names, SPACE_KIND_COUNT, (int)kind);
}

const char *gamedef_card_kind_name(CardKind kind)
{
    return name_of(card_kind_names, CARD_KIND_COUNT, (int)kind);
}

const char *gamedef_effect_kind_name(EffectKind kind)
{
    return name_of(effect_kind_names, EFFECT_KIND_COUNT, (int)kind);
}

const char *gamedef_pause_rule_name(PauseRule rule)
{
    return name_of(pause_rule_names, PAUSE_RULE_COUNT, (int)rule);
}

int gamedef_space_kind_from_name(const char *name)
{
    return find_name(space_kind_names, SPACE_KIND_COUNT, name);
}

int gamedef_card_kind_from_name(const char *name)
{
    return find_name(card_kind_names, CARD_KIND_COUNT, name);
}

int gamedef_effect_kind_from_name(const char *name)
{
    return find_name(effect_kind_names, EFFECT_KIND_COUNT, name);
}

int gamedef_pause_rule_from_name(const char *name)
{
    return find_name(pause_rule_names, PAUSE_RULE_COUNT, name);
}

int gamedef_find_deck(const GameDef *def, const char *id)
{
    for (int i = 0; i < def->deck_count; i++) {
        if (strcmp(def->decks[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int gamedef_find_topic(const GameDef *def, const char *id)
{
    for (int i = 0; i < def->topic_count; i++) {
        if (strcmp(def->topics[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int gamedef_find_space(const GameDef *def, const char *id)
{
    for (int i = 0; i < def->space_count; i++) {
        if (strcmp(def->spaces[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int gamedef_find_card(const GameDef *def, const char *id)
{
    for (int i = 0; i < def->card_count; i++) {
        if (strcmp(def->cards[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int gamedef_deck_for_space(const GameDef *def, int space)
{
    if (space < 0 || space >= def->space_count) {
        return -1;
    }
    const Space *s = &def->spaces[space];
    switch (s->kind) {
    case SPACE_TOPIC:
        return s->topic >= 0 && s->topic < def->topic_count ? def->topics[s->topic].deck : -1;
    case SPACE_SITUATION:
        return gamedef_find_deck(def, "situation");
    case SPACE_RIGHTS:
        return gamedef_find_deck(def, "rights");
    default:
        return -1;
    }
}

const char *gamedef_check(const GameDef *def)
{
    if (def == NULL) {
        return "no game definition";
    }
    if (def->space_count < 4 || def->space_count > GAMEDEF_MAX_SPACES) {
        return "the board needs 4 to 64 spaces";
    }
    if (def->topic_count < 0 || def->topic_count > GAMEDEF_MAX_TOPICS) {
        return "too many topics";
    }
    if (def->deck_count < 0 || def->deck_count > GAMEDEF_MAX_DECKS) {
        return "too many decks";
    }
    if (def->card_count < 0 || def->card_count > GAMEDEF_MAX_CARDS) {
        return "too many cards";
    }
    int starts = 0;
    int pauses = 0;
    int go_to_pause = 0;
    for (int i = 0; i < def->space_count; i++) {
        const Space *s = &def->spaces[i];
        if ((int)s->kind < 0 || s->kind >= SPACE_KIND_COUNT) {
            return "a space has an unknown kind";
        }
        starts += s->kind == SPACE_START;
        pauses += s->kind == SPACE_PAUSE;
        go_to_pause += s->kind == SPACE_GO_TO_PAUSE;
        if (s->kind == SPACE_TOPIC && (s->topic < 0 || s->topic >= def->topic_count)) {
            return "a topic space names no topic";
        }
    }
    if (starts != 1) {
        return "the board needs exactly one start space";
    }
    if (go_to_pause > 0 && pauses == 0) {
        return "a go-to-pause space needs a pause space";
    }
    for (int i = 0; i < def->topic_count; i++) {
        if (def->topics[i].deck < 0 || def->topics[i].deck >= def->deck_count) {
            return "a topic has no deck";
        }
    }
    for (int i = 0; i < def->deck_count; i++) {
        int t = def->decks[i].topic;
        if (t < -1 || t >= def->topic_count) {
            return "a deck names an unknown topic";
        }
    }
    for (int i = 0; i < def->card_count; i++) {
        const Card *c = &def->cards[i];
        if (c->deck < 0 || c->deck >= def->deck_count) {
            return "a card names an unknown deck";
        }
        if ((int)c->kind < 0 || c->kind >= CARD_KIND_COUNT) {
            return "a card has an unknown kind";
        }
        if (c->intensity < 1 || c->intensity > 3) {
            return "a card's intensity is outside 1-3";
        }
        if (c->kind == CARD_SCENARIO && (c->options < 2 || c->options > GAMEDEF_MAX_OPTIONS)) {
            return "a scenario card needs 2 to 4 options";
        }
        if (c->kind == CARD_MYTH_FACT && c->answer == ANSWER_NONE) {
            return "a myth/fact card has no answer";
        }
        if (c->kind == CARD_ACTION &&
            ((int)c->effect.kind <= EFFECT_NONE || c->effect.kind >= EFFECT_KIND_COUNT)) {
            return "an action card has no effect";
        }
        if (c->kind == CARD_ACTION && c->effect.kind == EFFECT_GO_TO_PAUSE && pauses == 0) {
            return "an action card sends to a pause space the board lacks";
        }
    }
    const Rules *r = &def->rules;
    if (r->dice < 1 || r->dice > 2 || r->sides < 2 || r->sides > 12) {
        return "the rules need 1 or 2 dice of 2 to 12 sides";
    }
    if (r->start_bonus < 0 || r->card_points < 0 || r->rent < 0 || r->rounds < 0 ||
        r->minutes < 0 || r->coop_goal < 0) {
        return "a rule value is negative";
    }
    if ((int)r->pause_rule < 0 || r->pause_rule >= PAUSE_RULE_COUNT) {
        return "unknown pause rule";
    }
    return NULL;
}
