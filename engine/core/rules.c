/*
 * rules.c: the turn state machine. libc only.
 *
 * Every move is first checked by check_move(), which has no side effects, and only then
 * applied; so an illegal move never changes the state and never emits an event. All
 * randomness comes from the session seed: one PCG32 stream for the dice and one for each deck,
 * drawn in the order moves are applied, which is what makes replays exact.
 */
#include "rules.h"

#include <string.h>

/* Action cards that move a token can land on another action card; this bounds the chain. */
#define EFFECT_CHAIN_MAX 3
#define TALLY_MAX        10000
#define GIVE_POINTS_MAX  1000
#define RNG_STREAM       0x5275746173ULL /* "Rutas" */

static const char *const move_names[MOVE_KIND_COUNT] = {
    "roll", "complete", "pass",    "skip",        "tally", "choose-topic", "draw-rights",
    "stay", "claim",    "decline", "give-points", "place", "time-up",      "end-game",
};

static const char *const event_names[EVENT_KIND_COUNT] = {
    "turn",       "dice",    "step",    "pass-start", "landed",    "card",     "reshuffle",
    "deck-empty", "points",  "claimed", "rent",       "paused",    "released", "stayed",
    "passed",     "skipped", "tally",   "effect",     "game-over",
};

static const char *const phase_names[] = {
    "roll", "paused", "card", "choose-topic", "open-talk", "claim", "over",
};

const char *rules_move_name(MoveKind kind)
{
    return (int)kind >= 0 && kind < MOVE_KIND_COUNT ? move_names[kind] : NULL;
}

int rules_move_from_name(const char *name)
{
    for (int i = 0; i < MOVE_KIND_COUNT; i++) {
        if (name != NULL && strcmp(move_names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *rules_event_name(EventKind kind)
{
    return (int)kind >= 0 && kind < EVENT_KIND_COUNT ? event_names[kind] : NULL;
}

const char *rules_phase_name(Phase phase)
{
    return (int)phase >= 0 && phase <= PHASE_OVER ? phase_names[phase] : NULL;
}

static void emit(EventList *events, EventKind kind, int a, int b, int c)
{
    if (events == NULL) {
        return;
    }
    if (events->count >= EVENT_LIST_MAX) {
        events->dropped++;
        return;
    }
    events->items[events->count++] = (Event){kind, a, b, c};
}

GameConfig rules_default_config(int team_count)
{
    GameConfig config;
    memset(&config, 0, sizeof config);
    config.team_count = team_count;
    config.max_age = 18;
    config.max_intensity = 3;
    return config;
}

void rules_config_exclude(GameConfig *config, int card, bool excluded)
{
    if (card < 0 || card >= GAMEDEF_MAX_CARDS) {
        return;
    }
    uint8_t bit = (uint8_t)(1u << (card % 8));
    if (excluded) {
        config->excluded[card / 8] |= bit;
    } else {
        config->excluded[card / 8] &= (uint8_t)~bit;
    }
}

bool rules_card_is_enabled(const GameConfig *config, const GameDef *def, int card)
{
    if (card < 0 || card >= def->card_count) {
        return false;
    }
    const Card *c = &def->cards[card];
    if (c->min_age > config->max_age || c->intensity > config->max_intensity) {
        return false;
    }
    if (config->excluded[card / 8] & (1u << (card % 8))) {
        return false;
    }
    int topic = def->decks[c->deck].topic;
    return !(topic >= 0 && (config->topics_off & (1u << topic)));
}

static bool topic_is_on(const GameState *state, int topic)
{
    return topic >= 0 && !(state->config.topics_off & (1u << topic));
}

static void shuffle(GameState *state, int deck, int start, int count)
{
    Rng *rng = &state->deck_rng[deck];
    for (int i = count - 1; i > 0; i--) {
        int j = (int)rng_below(rng, (uint32_t)(i + 1));
        uint16_t t = state->order[start + i];
        state->order[start + i] = state->order[start + j];
        state->order[start + j] = t;
    }
}

/* FNV-1a of a deck id: its PCG32 stream number. */
static uint64_t deck_stream(const char *id)
{
    uint64_t h = 14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)id; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return h;
}

static int pause_space(const GameDef *def)
{
    for (int i = 0; i < def->space_count; i++) {
        if (def->spaces[i].kind == SPACE_PAUSE) {
            return i;
        }
    }
    return -1;
}

static int start_space(const GameDef *def)
{
    for (int i = 0; i < def->space_count; i++) {
        if (def->spaces[i].kind == SPACE_START) {
            return i;
        }
    }
    return 0;
}

static int rounds_limit(const GameState *state)
{
    return state->config.rounds > 0 ? state->config.rounds : state->def->rules.rounds;
}

Status rules_new_game(GameState *state, const GameDef *def, const GameConfig *config, uint64_t seed)
{
    memset(state, 0, sizeof *state);
    if (gamedef_check(def) != NULL || config == NULL || config->team_count < GAMEDEF_MIN_TEAMS ||
        config->team_count > GAMEDEF_MAX_TEAMS || config->max_intensity < 1 || config->rounds < 0 ||
        config->minutes < RULES_NO_CLOCK) {
        return STATUS_BAD_ARGUMENT;
    }
    state->def = def;
    state->config = *config;
    rng_seed(&state->rng, seed, RNG_STREAM);
    state->team_count = config->team_count;
    state->round = 1;
    state->phase = PHASE_ROLL;
    state->card = -1;
    state->card_deck = -1;
    state->card_space = -1;
    int start = start_space(def);
    for (int t = 0; t < GAMEDEF_MAX_TEAMS; t++) {
        state->position[t] = start;
    }
    for (int s = 0; s < GAMEDEF_MAX_SPACES; s++) {
        state->owner[s] = -1;
    }
    int slot = 0;
    for (int d = 0; d < def->deck_count; d++) {
        DeckState *deck = &state->decks[d];
        deck->start = slot;
        for (int c = 0; c < def->card_count; c++) {
            if (def->cards[c].deck == d && rules_card_is_enabled(config, def, c)) {
                state->order[slot++] = (uint16_t)c;
            }
        }
        deck->count = slot - deck->start;
        rng_seed(&state->deck_rng[d], seed, deck_stream(def->decks[d].id));
        shuffle(state, d, deck->start, deck->count);
    }
    return STATUS_OK;
}

bool rules_is_over(const GameState *state)
{
    return state->phase == PHASE_OVER;
}

int rules_deck_size(const GameState *state, int deck)
{
    if (deck < 0 || deck >= state->def->deck_count) {
        return 0;
    }
    return state->decks[deck].count;
}

int rules_total_points(const GameState *state)
{
    int total = 0;
    for (int t = 0; t < state->team_count; t++) {
        total += state->points[t];
    }
    return total;
}

static bool pause_rule_allows_doubles(const GameState *state)
{
    PauseRule rule = state->def->rules.pause_rule;
    return state->def->rules.dice >= 2 &&
           (rule == PAUSE_RULE_DOUBLES || rule == PAUSE_RULE_RIGHTS_OR_DOUBLES);
}

static bool pause_rule_allows_rights(const GameState *state)
{
    PauseRule rule = state->def->rules.pause_rule;
    int deck = gamedef_find_deck(state->def, "rights");
    return (rule == PAUSE_RULE_RIGHTS || rule == PAUSE_RULE_RIGHTS_OR_DOUBLES) && deck >= 0 &&
           state->decks[deck].count > 0;
}

static bool topic_has_cards(const GameState *state, int topic)
{
    return topic_is_on(state, topic) && state->decks[state->def->topics[topic].deck].count > 0;
}

static Status check_move(const GameState *state, const Move *move)
{
    if (move == NULL || (int)move->kind < 0 || move->kind >= MOVE_KIND_COUNT) {
        return STATUS_BAD_ARGUMENT;
    }
    if (state->phase == PHASE_OVER) {
        return STATUS_GAME_OVER;
    }
    const GameDef *def = state->def;
    Phase phase = state->phase;
    switch (move->kind) {
    case MOVE_ROLL:
        if (phase == PHASE_ROLL || (phase == PHASE_PAUSED && pause_rule_allows_doubles(state))) {
            return STATUS_OK;
        }
        return STATUS_ILLEGAL_MOVE;
    case MOVE_COMPLETE:
    case MOVE_PASS:
        return phase == PHASE_CARD || phase == PHASE_OPEN_TALK ? STATUS_OK : STATUS_ILLEGAL_MOVE;
    case MOVE_SKIP:
        return phase == PHASE_CARD ? STATUS_OK : STATUS_ILLEGAL_MOVE;
    case MOVE_TALLY:
        if (phase != PHASE_CARD || def->cards[state->card].kind != CARD_AGREE) {
            return STATUS_ILLEGAL_MOVE;
        }
        if (move->a < 0 || move->b < 0 || move->c < 0 || move->a > TALLY_MAX ||
            move->b > TALLY_MAX || move->c > TALLY_MAX) {
            return STATUS_BAD_ARGUMENT;
        }
        return STATUS_OK;
    case MOVE_CHOOSE_TOPIC:
        if (phase != PHASE_CHOOSE_TOPIC) {
            return STATUS_ILLEGAL_MOVE;
        }
        if (move->a < 0 || move->a >= def->topic_count || !topic_has_cards(state, move->a)) {
            return STATUS_BAD_ARGUMENT;
        }
        return STATUS_OK;
    case MOVE_DRAW_RIGHTS:
        return phase == PHASE_PAUSED && pause_rule_allows_rights(state) ? STATUS_OK
                                                                        : STATUS_ILLEGAL_MOVE;
    case MOVE_STAY:
        return phase == PHASE_PAUSED ? STATUS_OK : STATUS_ILLEGAL_MOVE;
    case MOVE_CLAIM:
    case MOVE_DECLINE:
        return phase == PHASE_CLAIM ? STATUS_OK : STATUS_ILLEGAL_MOVE;
    case MOVE_GIVE_POINTS:
        if (move->a < 0 || move->a >= state->team_count || move->b < -GIVE_POINTS_MAX ||
            move->b > GIVE_POINTS_MAX) {
            return STATUS_BAD_ARGUMENT;
        }
        return STATUS_OK;
    case MOVE_PLACE_TOKEN:
        if (move->a < 0 || move->a >= state->team_count || move->b < 0 ||
            move->b >= def->space_count) {
            return STATUS_BAD_ARGUMENT;
        }
        return STATUS_OK;
    case MOVE_TIME_UP:
    case MOVE_END_GAME:
        return STATUS_OK;
    case MOVE_KIND_COUNT:
        break;
    }
    return STATUS_BAD_ARGUMENT;
}

bool rules_is_legal(const GameState *state, const Move *move)
{
    return check_move(state, move) == STATUS_OK;
}

static void add_points(GameState *state, int team, int delta, EventList *events)
{
    int before = state->points[team];
    int after = before + delta;
    if (after < 0) {
        after = 0;
    }
    state->points[team] = after;
    if (after != before) {
        emit(events, EVENT_POINTS, team, after - before, 0);
    }
}

static void game_over(GameState *state, GameOverReason reason, EventList *events)
{
    state->phase = PHASE_OVER;
    state->over_reason = reason;
    state->card = -1;
    emit(events, EVENT_GAME_OVER, (int)reason, 0, 0);
}

static void start_turn(GameState *state, EventList *events)
{
    emit(events, EVENT_TURN, state->current, state->round, 0);
    state->phase = state->paused[state->current] ? PHASE_PAUSED : PHASE_ROLL;
}

static void end_turn(GameState *state, EventList *events)
{
    state->card = -1;
    state->card_deck = -1;
    state->card_space = -1;
    state->card_from_pause = false;
    state->effect_chain = 0;
    state->tallied = false;
    memset(state->tally, 0, sizeof state->tally);
    state->turn++;
    if (state->def->rules.coop_goal > 0 &&
        rules_total_points(state) >= state->def->rules.coop_goal) {
        game_over(state, OVER_COOP_GOAL, events);
        return;
    }
    if (state->time_up) {
        game_over(state, OVER_TIME, events);
        return;
    }
    state->current = (state->current + 1) % state->team_count;
    if (state->current == 0) {
        int limit = rounds_limit(state);
        if (limit > 0 && state->round >= limit) {
            game_over(state, OVER_ROUNDS, events);
            return;
        }
        state->round++;
    }
    start_turn(state, events);
}

/* Draws the next card of a deck, reshuffling when every card was used; -1 when the filters
 * left the deck empty. */
static int draw(GameState *state, int deck, EventList *events)
{
    DeckState *ds = &state->decks[deck];
    if (ds->count == 0) {
        return -1;
    }
    if (ds->next >= ds->count) {
        int last = state->order[ds->start + ds->count - 1];
        shuffle(state, deck, ds->start, ds->count);
        /* No card twice in a row across a reshuffle. */
        if (ds->count > 1 && state->order[ds->start] == last) {
            int j = 1 + (int)rng_below(&state->deck_rng[deck], (uint32_t)(ds->count - 1));
            state->order[ds->start] = state->order[ds->start + j];
            state->order[ds->start + j] = (uint16_t)last;
        }
        ds->next = 0;
        ds->cycle++;
        state->stats.reshuffles++;
        emit(events, EVENT_RESHUFFLE, deck, ds->cycle, 0);
    }
    int card = state->order[ds->start + ds->next++];
    state->stats.cards_drawn++;
    state->stats.by_deck[deck]++;
    emit(events, EVENT_CARD, card, deck, 0);
    return card;
}

static void show_card(GameState *state, int deck, int space, EventList *events)
{
    int card = deck >= 0 ? draw(state, deck, events) : -1;
    state->card_space = space;
    state->card_deck = deck;
    state->tallied = false;
    memset(state->tally, 0, sizeof state->tally);
    if (card < 0) {
        emit(events, EVENT_DECK_EMPTY, deck, 0, 0);
        state->card = -1;
        state->phase = PHASE_OPEN_TALK;
        return;
    }
    state->card = card;
    state->phase = PHASE_CARD;
}

static void send_to_pause(GameState *state, EventList *events)
{
    int team = state->current;
    int pause = pause_space(state->def);
    if (pause < 0) {
        end_turn(state, events);
        return;
    }
    state->position[team] = pause;
    state->paused[team] = true;
    emit(events, EVENT_STEP, team, pause, 1);
    emit(events, EVENT_PAUSED, team, 0, 0);
    end_turn(state, events);
}

static void resolve_space(GameState *state, EventList *events)
{
    const GameDef *def = state->def;
    int space = state->position[state->current];
    const Space *s = &def->spaces[space];
    switch (s->kind) {
    case SPACE_TOPIC:
        if (!topic_is_on(state, s->topic)) {
            show_card(state, -1, space, events);
            return;
        }
        show_card(state, def->topics[s->topic].deck, space, events);
        return;
    case SPACE_SITUATION:
    case SPACE_RIGHTS:
        show_card(state, gamedef_deck_for_space(def, space), space, events);
        return;
    case SPACE_GO_TO_PAUSE:
        send_to_pause(state, events);
        return;
    case SPACE_OPEN:
        for (int t = 0; t < def->topic_count; t++) {
            if (topic_has_cards(state, t)) {
                state->phase = PHASE_CHOOSE_TOPIC;
                state->card_space = space;
                return;
            }
        }
        show_card(state, -1, space, events);
        return;
    case SPACE_START:
    case SPACE_PAUSE:
    case SPACE_KIND_COUNT:
        break;
    }
    end_turn(state, events);
}

/* Walks the current token one space at a time (so the UI can animate), pays the start bonus
 * for passing or landing on start going forwards, then resolves the space it lands on. */
static void walk(GameState *state, int steps, EventList *events)
{
    const GameDef *def = state->def;
    int team = state->current;
    int n = def->space_count;
    int dir = steps >= 0 ? 1 : -1;
    int count = steps >= 0 ? steps : -steps;
    for (int i = 0; i < count; i++) {
        state->position[team] = (state->position[team] + dir + n) % n;
        emit(events, EVENT_STEP, team, state->position[team], 0);
        if (dir > 0 && def->spaces[state->position[team]].kind == SPACE_START) {
            emit(events, EVENT_PASS_START, team, 0, 0);
            add_points(state, team, def->rules.start_bonus, events);
        }
    }
    emit(events, EVENT_LANDED, team, state->position[team], 0);
    resolve_space(state, events);
}

static int steps_to_kind(const GameState *state, SpaceKind kind)
{
    const GameDef *def = state->def;
    int from = state->position[state->current];
    for (int i = 1; i <= def->space_count; i++) {
        if (def->spaces[(from + i) % def->space_count].kind == kind) {
            return i;
        }
    }
    return 0;
}

/* Applies an action card's effect; returns true when it moved the token (and so already
 * resolved the next space). */
static bool apply_effect(GameState *state, const Card *card, EventList *events)
{
    const Effect *e = &card->effect;
    emit(events, EVENT_EFFECT, state->card, (int)e->kind, e->amount);
    switch (e->kind) {
    case EFFECT_POINTS:
        add_points(state, state->current, e->amount, events);
        return false;
    case EFFECT_POINTS_ALL:
        for (int t = 0; t < state->team_count; t++) {
            add_points(state, t, e->amount, events);
        }
        return false;
    case EFFECT_MOVE:
    case EFFECT_MOVE_TO:
    case EFFECT_GO_TO_PAUSE:
        if (state->effect_chain >= EFFECT_CHAIN_MAX) {
            return false;
        }
        state->effect_chain++;
        break;
    case EFFECT_NONE:
    case EFFECT_KIND_COUNT:
        return false;
    }
    int steps = e->kind == EFFECT_MOVE ? e->amount : 0;
    if (e->kind == EFFECT_MOVE_TO) {
        steps = steps_to_kind(state, e->target);
    }
    state->card = -1;
    state->card_space = -1;
    if (e->kind == EFFECT_GO_TO_PAUSE) {
        send_to_pause(state, events);
    } else if (steps != 0) {
        walk(state, steps, events);
    } else {
        end_turn(state, events);
    }
    return true;
}

static void complete(GameState *state, EventList *events)
{
    const GameDef *def = state->def;
    int team = state->current;
    int space = state->card_space;
    add_points(state, team, def->rules.card_points, events);
    bool on_stop = space >= 0 && def->spaces[space].kind == SPACE_TOPIC;
    if (on_stop && def->rules.claims) {
        int owner = state->owner[space];
        if (owner >= 0 && owner != team && def->rules.rent > 0) {
            add_points(state, owner, def->rules.rent, events);
            add_points(state, team, def->rules.rent, events);
            state->stats.rents++;
            emit(events, EVENT_RENT, owner, team, def->rules.rent);
        }
    }
    if (state->card >= 0) {
        const Card *card = &def->cards[state->card];
        state->stats.cards_completed++;
        state->stats.by_kind[card->kind]++;
        int topic = def->decks[card->deck].topic;
        if (topic >= 0) {
            state->stats.by_topic[topic]++;
        }
        if (state->tallied) {
            for (int i = 0; i < 3; i++) {
                state->stats.votes[i] += state->tally[i];
            }
        }
    } else {
        state->stats.open_talks++;
    }
    /* A rights card answered in the pause corner frees the team, which then rolls. */
    bool from_pause = state->card_from_pause;
    if (from_pause) {
        state->paused[team] = false;
        state->card_from_pause = false;
        emit(events, EVENT_RELEASED, team, 0, 0);
    }
    if (state->card >= 0 && def->cards[state->card].kind == CARD_ACTION &&
        apply_effect(state, &def->cards[state->card], events)) {
        return;
    }
    if (from_pause) {
        state->card = -1;
        state->card_space = -1;
        state->phase = PHASE_ROLL;
        return;
    }
    if (on_stop && def->rules.claims && state->owner[space] < 0) {
        state->card = -1;
        state->phase = PHASE_CLAIM;
        return;
    }
    end_turn(state, events);
}

static void roll(GameState *state, EventList *events)
{
    const Rules *r = &state->def->rules;
    int d1 = 1 + (int)rng_below(&state->rng, (uint32_t)r->sides);
    int d2 = r->dice >= 2 ? 1 + (int)rng_below(&state->rng, (uint32_t)r->sides) : 0;
    state->last_dice[0] = d1;
    state->last_dice[1] = d2;
    emit(events, EVENT_DICE, d1, d2, d1 + d2);
    int team = state->current;
    if (state->phase == PHASE_PAUSED) {
        state->paused[team] = false;
        if (d1 != d2) {
            emit(events, EVENT_STAYED, team, 0, 0);
            end_turn(state, events);
            return;
        }
        emit(events, EVENT_RELEASED, team, 0, 0);
    }
    walk(state, d1 + d2, events);
}

Status rules_apply(GameState *state, const Move *move, EventList *events)
{
    Status status = check_move(state, move);
    if (status != STATUS_OK) {
        return status;
    }
    switch (move->kind) {
    case MOVE_ROLL:
        roll(state, events);
        break;
    case MOVE_COMPLETE:
        complete(state, events);
        break;
    case MOVE_PASS:
        state->stats.passes++;
        emit(events, EVENT_PASSED, state->card, 0, 0);
        if (state->card_from_pause) {
            state->paused[state->current] = false;
            emit(events, EVENT_STAYED, state->current, 0, 0);
        }
        end_turn(state, events);
        break;
    case MOVE_SKIP: {
        int skipped = state->card;
        state->stats.skips++;
        emit(events, EVENT_SKIPPED, skipped, 0, 0);
        if (state->decks[state->card_deck].count <= 1) {
            state->card = -1;
            state->phase = PHASE_OPEN_TALK;
            break;
        }
        show_card(state, state->card_deck, state->card_space, events);
        break;
    }
    case MOVE_TALLY:
        state->tally[0] = move->a;
        state->tally[1] = move->b;
        state->tally[2] = move->c;
        state->tallied = true;
        emit(events, EVENT_TALLY, move->a, move->b, move->c);
        break;
    case MOVE_CHOOSE_TOPIC:
        show_card(state, state->def->topics[move->a].deck, state->card_space, events);
        break;
    case MOVE_DRAW_RIGHTS:
        state->card_from_pause = true;
        show_card(state, gamedef_find_deck(state->def, "rights"), -1, events);
        break;
    case MOVE_STAY:
        state->paused[state->current] = false;
        emit(events, EVENT_STAYED, state->current, 0, 0);
        end_turn(state, events);
        break;
    case MOVE_CLAIM: {
        int space = state->position[state->current];
        state->owner[space] = (int8_t)state->current;
        state->stats.claims++;
        emit(events, EVENT_CLAIMED, state->current, space, 0);
        end_turn(state, events);
        break;
    }
    case MOVE_DECLINE:
        end_turn(state, events);
        break;
    case MOVE_GIVE_POINTS:
        add_points(state, move->a, move->b, events);
        break;
    case MOVE_PLACE_TOKEN:
        state->position[move->a] = move->b;
        emit(events, EVENT_STEP, move->a, move->b, 1);
        break;
    case MOVE_TIME_UP:
        state->time_up = true;
        /* Between turns nothing is in progress, so the session ends now. */
        if (state->phase == PHASE_ROLL || state->phase == PHASE_PAUSED) {
            game_over(state, OVER_TIME, events);
        }
        break;
    case MOVE_END_GAME:
        game_over(state, OVER_FACILITATOR, events);
        break;
    case MOVE_KIND_COUNT:
        break;
    }
    return STATUS_OK;
}

static uint64_t fnv(uint64_t h, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t rules_state_hash(const GameState *state)
{
    uint64_t h = 14695981039346656037ULL;
    int scalars[] = {(int)state->phase, state->team_count, state->current,    state->round,
                     state->turn,       state->card,       state->card_space, (int)state->time_up};
    h = fnv(h, scalars, sizeof scalars);
    h = fnv(h, state->position, sizeof state->position);
    h = fnv(h, state->points, sizeof state->points);
    for (int t = 0; t < GAMEDEF_MAX_TEAMS; t++) {
        unsigned char p = state->paused[t];
        h = fnv(h, &p, 1);
    }
    h = fnv(h, state->owner, sizeof state->owner);
    h = fnv(h, &state->rng.state, sizeof state->rng.state);
    for (int d = 0; d < state->def->deck_count; d++) {
        const DeckState *ds = &state->decks[d];
        h = fnv(h, &state->deck_rng[d].state, sizeof state->deck_rng[d].state);
        int v[2] = {ds->next, ds->cycle};
        h = fnv(h, v, sizeof v);
        h = fnv(h, &state->order[ds->start], (size_t)ds->count * sizeof state->order[0]);
    }
    return h;
}
