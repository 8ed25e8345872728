/*
 * pack_json.c: reads one layer's pack.json into the PackBuild, checking every field's type,
 * range and syntax and reporting each problem at its JSON path. References between entries
 * (a card's topic, a space's topic) are checked later, in pack.c, once every layer is in.
 */
#include "pack_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Layer {
    PackBuild *b;
    Ctx ctx;
    const char *dir;
    const char *dir_real;
    bool overlay; /* has `extends`: every field is optional */
} Layer;

static const char *const ICONS[] = {"heart",    "home",   "balance", "person", "briefcase", "book",
                                    "bottle",   "ribbon", "phone",   "chain",  "shield",    "hand",
                                    "question", "star",   "flag",    "pause",  "open",      NULL};

/* "path.name", or "name" at the top, cut to fit as snprintf would. Every field read builds
 * its place this way, so it is kept cheap (snprintf was a fifth of loading a large pack). */
static void join(char *out, size_t size, const char *path, const char *name)
{
    size_t at = 0;
    size_t path_len = path ? strlen(path) : 0;
    if (size == 0) {
        return;
    }
    if (path_len > 0) {
        at = path_len < size - 1 ? path_len : size - 1;
        memcpy(out, path, at);
        if (at < size - 1) {
            out[at++] = '.';
        }
    }
    size_t name_len = strlen(name);
    size_t room = size - 1 - at;
    memcpy(out + at, name, name_len < room ? name_len : room);
    out[at + (name_len < room ? name_len : room)] = '\0';
}

static const char *type_name(const cJSON *item)
{
    if (cJSON_IsString(item)) {
        return "a string";
    }
    if (cJSON_IsNumber(item)) {
        return "a number";
    }
    if (cJSON_IsBool(item)) {
        return "true/false";
    }
    if (cJSON_IsNull(item)) {
        return "null";
    }
    if (cJSON_IsArray(item)) {
        return "an array";
    }
    return "an object";
}

/* Reports unknown and duplicate fields of an object. Fields starting with "x-" are free for
 * tools and comments; "$schema" lets an editor find docs/pack.schema.json. */
static void check_fields(Layer *l, const cJSON *obj, const char *path, const char *const *allowed)
{
    char place[256];
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *name = c->string ? c->string : "";
        join(place, sizeof place, path, name);
        if (strncmp(name, "x-", 2) == 0 || strcmp(name, "$schema") == 0) {
            continue;
        }
        for (const cJSON *d = obj->child; d != c; d = d->next) {
            if (d->string && strcmp(d->string, name) == 0) {
                ctx_error(&l->ctx, place, "duplicate field \"%s\"", name);
                break;
            }
        }
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++) {
            known = strcmp(allowed[i], name) == 0;
        }
        if (!known) {
            char list[512] = "";
            for (int i = 0; allowed[i]; i++) {
                size_t n = strlen(list);
                snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", allowed[i]);
            }
            ctx_error(&l->ctx, place, "unknown field \"%s\" (expected one of: %s)", name, list);
        }
    }
}

static const cJSON *get(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

static bool need(Layer *l, const cJSON *obj, const char *path, const char *name, bool required,
                 const char *hint)
{
    if (get(obj, name)) {
        return true;
    }
    if (required) {
        char place[256];
        join(place, sizeof place, path, name);
        ctx_error(&l->ctx, place, "missing required field \"%s\"%s", name, hint ? hint : "");
    }
    return false;
}

static const char *get_string(Layer *l, const cJSON *obj, const char *path, const char *name,
                              bool required, bool allow_empty)
{
    char place[256];
    if (!need(l, obj, path, name, required, NULL)) {
        return NULL;
    }
    const cJSON *v = get(obj, name);
    join(place, sizeof place, path, name);
    if (!cJSON_IsString(v)) {
        ctx_error(&l->ctx, place, "must be a string, not %s", type_name(v));
        return NULL;
    }
    size_t n = strlen(v->valuestring);
    if (n > PACK_LIMIT_STRING) {
        ctx_error(&l->ctx, place, "string too long (%zu bytes; the limit is %d)", n,
                  PACK_LIMIT_STRING);
        return NULL;
    }
    if (n == 0 && !allow_empty) {
        ctx_error(&l->ctx, place, "must not be empty");
        return NULL;
    }
    return arena_strdup(l->b->arena, v->valuestring);
}

static bool check_id(Layer *l, const char *place, const char *id, const char *what)
{
    if (content_is_id(id)) {
        return true;
    }
    if (strlen(id) > PACK_LIMIT_ID) {
        ctx_error(&l->ctx, place, "%s is longer than %d characters", what, PACK_LIMIT_ID);
    } else {
        ctx_error(&l->ctx, place,
                  "\"%s\" is not a valid %s: use only lowercase letters a-z, "
                  "digits 0-9 and '-'",
                  id, what);
    }
    return false;
}

static const char *get_id(Layer *l, const cJSON *obj, const char *path, const char *name,
                          bool required, const char *what)
{
    char place[256];
    const char *s = get_string(l, obj, path, name, required, false);
    join(place, sizeof place, path, name);
    if (s && !check_id(l, place, s, what)) {
        return NULL;
    }
    return s;
}

static bool get_int(Layer *l, const cJSON *obj, const char *path, const char *name, bool required,
                    int min, int max, int *out)
{
    char place[256];
    if (!need(l, obj, path, name, required, NULL)) {
        return false;
    }
    const cJSON *v = get(obj, name);
    join(place, sizeof place, path, name);
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)) {
        ctx_error(&l->ctx, place, "must be a whole number, not %s",
                  cJSON_IsNumber(v) ? "a fraction" : type_name(v));
        return false;
    }
    if (v->valuedouble < min || v->valuedouble > max) {
        ctx_error(&l->ctx, place, "%g is out of range (%d to %d)", v->valuedouble, min, max);
        return false;
    }
    *out = (int)v->valuedouble;
    return true;
}

static bool get_bool(Layer *l, const cJSON *obj, const char *path, const char *name, bool *out)
{
    char place[256];
    const cJSON *v = get(obj, name);
    if (!v) {
        return false;
    }
    join(place, sizeof place, path, name);
    if (!cJSON_IsBool(v)) {
        ctx_error(&l->ctx, place, "must be true or false, not %s", type_name(v));
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

/* An array field within its size limit, or NULL (after reporting). */
static const cJSON *get_array(Layer *l, const cJSON *obj, const char *path, const char *name,
                              bool required, int min, int max)
{
    char place[256];
    if (!need(l, obj, path, name, required, NULL)) {
        return NULL;
    }
    const cJSON *v = get(obj, name);
    join(place, sizeof place, path, name);
    if (!cJSON_IsArray(v)) {
        ctx_error(&l->ctx, place, "must be an array, not %s", type_name(v));
        return NULL;
    }
    int n = cJSON_GetArraySize(v);
    if (n > max) {
        ctx_error(&l->ctx, place, "too many entries (%d; the limit is %d)", n, max);
        return NULL;
    }
    if (n < min) {
        ctx_error(&l->ctx, place, "needs at least %d %s", min, min == 1 ? "entry" : "entries");
        return NULL;
    }
    return v;
}

static const cJSON *get_object(Layer *l, const cJSON *obj, const char *path, const char *name,
                               bool required)
{
    char place[256];
    if (!need(l, obj, path, name, required, NULL)) {
        return NULL;
    }
    const cJSON *v = get(obj, name);
    join(place, sizeof place, path, name);
    if (!cJSON_IsObject(v)) {
        ctx_error(&l->ctx, place, "must be an object, not %s", type_name(v));
        return NULL;
    }
    return v;
}

static bool element_is_object(Layer *l, const cJSON *v, const char *place)
{
    if (!cJSON_IsObject(v)) {
        ctx_error(&l->ctx, place, "must be an object, not %s", type_name(v));
        return false;
    }
    return true;
}

static bool is_semver(const char *s)
{
    for (int part = 0; part < 3; part++) {
        if (*s < '0' || *s > '9' || (*s == '0' && s[1] >= '0' && s[1] <= '9')) {
            return false;
        }
        while (*s >= '0' && *s <= '9') {
            s++;
        }
        if (part < 2 && *s++ != '.') {
            return false;
        }
    }
    if (*s == '-' || *s == '+') {
        s++;
        if (!*s) {
            return false;
        }
        for (; *s; s++) {
            if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
                  (*s >= 'A' && *s <= 'Z') || *s == '.' || *s == '-' || *s == '+')) {
                return false;
            }
        }
    }
    return *s == '\0';
}

static bool check_tag(Layer *l, const char *place, const char *tag)
{
    char norm[I18N_TAG_MAX];
    if (!i18n_tag_normalize(tag, norm, sizeof norm) || strchr(tag, '_') || strchr(tag, '.') ||
        strchr(tag, '@')) {
        ctx_error(&l->ctx, place,
                  "\"%s\" is not a BCP 47 language tag such as \"es-MX\", "
                  "\"en\" or \"pt-BR\"",
                  tag);
        return false;
    }
    if (strcmp(norm, tag) != 0) {
        ctx_error(&l->ctx, place, "write the language tag \"%s\" as \"%s\"", tag, norm);
        return false;
    }
    return true;
}

/* ---- Parts of pack.json ------------------------------------------------------------------- */

#define GROW(array, count, cap)                                                                    \
    do {                                                                                           \
        if ((count) == (cap)) {                                                                    \
            (cap) = (cap) ? (cap)*2 : 16;                                                          \
            (array) = content_xrealloc((array), (size_t)(cap) * sizeof *(array));                  \
        }                                                                                          \
    } while (0)

static void read_topics(Layer *l, const cJSON *arr)
{
    static const char *const fields[] = {"id", "colour", "icon", "image", NULL};
    PackBuild *b = l->b;
    char path[64];
    char place[96];
    int index = 0;
    for (const cJSON *t = arr->child; t; t = t->next, index++) {
        snprintf(path, sizeof path, "topics[%d]", index);
        if (!element_is_object(l, t, path)) {
            continue;
        }
        check_fields(l, t, path, fields);
        BTopic topic = {0};
        topic.at = (Origin){l->ctx.file, index};
        topic.id = get_id(l, t, path, "id", true, "topic id");
        const char *colour = get_string(l, t, path, "colour", true, false);
        if (colour) {
            join(place, sizeof place, path, "colour");
            bool ok = strlen(colour) == 7 && colour[0] == '#';
            for (int i = 1; ok && i < 7; i++) {
                ok = strchr("0123456789abcdefABCDEF", colour[i]) != NULL;
            }
            if (ok) {
                topic.colour = (uint32_t)strtoul(colour + 1, NULL, 16);
            } else {
                ctx_error(&l->ctx, place,
                          "colour \"%s\" must be written \"#RRGGBB\", such as "
                          "\"#CC6677\"",
                          colour);
            }
        }
        topic.icon = get_string(l, t, path, "icon", true, false);
        if (topic.icon) {
            bool ok = false;
            for (int i = 0; ICONS[i] && !ok; i++) {
                ok = strcmp(ICONS[i], topic.icon) == 0;
            }
            if (!ok) {
                join(place, sizeof place, path, "icon");
                ctx_error(&l->ctx, place,
                          "unknown icon \"%s\" (use heart, home, balance, "
                          "person, briefcase, book, bottle, ribbon, phone, chain, shield, hand, "
                          "question, star, flag, pause or open)",
                          topic.icon);
            }
        }
        const char *image = get_string(l, t, path, "image", false, false);
        if (image) {
            join(place, sizeof place, path, "image");
            topic.image = content_check_image(&l->ctx, b->arena, place, l->dir, l->dir_real, image);
        }
        if (!topic.id) {
            continue;
        }
        int prev = idmap_get(&b->topic_ids, topic.id);
        if (prev >= 0 && b->topics[prev].at.file == l->ctx.file) {
            join(place, sizeof place, path, "id");
            ctx_error(&l->ctx, place, "duplicate topic id \"%s\" (also topics[%d])", topic.id,
                      b->topics[prev].at.index);
        } else if (prev >= 0) {
            b->topics[prev] = topic; /* an overlay replaces its base's topic */
        } else {
            GROW(b->topics, b->topic_count, b->topic_cap);
            b->topics[b->topic_count] = topic;
            idmap_put(&b->topic_ids, topic.id, b->topic_count++);
        }
    }
}

static void read_decks(Layer *l, const cJSON *arr)
{
    static const char *const fields[] = {"id", NULL};
    PackBuild *b = l->b;
    char path[64];
    char place[96];
    int index = 0;
    for (const cJSON *d = arr->child; d; d = d->next, index++) {
        snprintf(path, sizeof path, "decks[%d]", index);
        if (!element_is_object(l, d, path)) {
            continue;
        }
        check_fields(l, d, path, fields);
        const char *id = get_id(l, d, path, "id", true, "deck id");
        if (!id) {
            continue;
        }
        int prev = idmap_get(&b->deck_ids, id);
        if (prev >= 0 && b->decks[prev].at.file == l->ctx.file) {
            join(place, sizeof place, path, "id");
            ctx_error(&l->ctx, place, "duplicate deck id \"%s\" (also decks[%d])", id,
                      b->decks[prev].at.index);
        } else if (prev < 0) {
            GROW(b->decks, b->deck_count, b->deck_cap);
            b->decks[b->deck_count] = (BDeck){id, {l->ctx.file, index}};
            idmap_put(&b->deck_ids, id, b->deck_count++);
        }
    }
}

static void read_board(Layer *l, const cJSON *board)
{
    static const char *const fields[] = {"spaces", NULL};
    static const char *const space_fields[] = {"id", "kind", "topic", NULL};
    PackBuild *b = l->b;
    char path[64];
    char place[96];
    check_fields(l, board, "board", fields);
    const cJSON *arr = get_array(l, board, "board", "spaces", true, 4, GAMEDEF_MAX_SPACES);
    if (!arr) {
        return;
    }
    /* An overlay that gives a board replaces the whole board. */
    b->space_count = 0;
    b->spaces = arena_alloc(b->arena, (size_t)cJSON_GetArraySize(arr) * sizeof *b->spaces);
    b->board_file = l->ctx.file;
    int index = 0;
    for (const cJSON *s = arr->child; s; s = s->next, index++) {
        snprintf(path, sizeof path, "board.spaces[%d]", index);
        if (!element_is_object(l, s, path)) {
            continue;
        }
        check_fields(l, s, path, space_fields);
        BSpace space = {0};
        space.at = (Origin){l->ctx.file, index};
        space.id = get_id(l, s, path, "id", true, "space id");
        const char *kind = get_string(l, s, path, "kind", true, false);
        space.topic = get_id(l, s, path, "topic", false, "topic id");
        int k = kind ? gamedef_space_kind_from_name(kind) : -1;
        join(place, sizeof place, path, "kind");
        if (kind && k < 0) {
            ctx_error(&l->ctx, place,
                      "unknown space kind \"%s\" (use start, topic, situation, "
                      "rights, pause, go_to_pause or open)",
                      kind);
        }
        if (k == SPACE_TOPIC && !get(s, "topic")) {
            join(place, sizeof place, path, "topic");
            ctx_error(&l->ctx, place,
                      "missing required field \"topic\" (a topic space names its "
                      "topic)");
        }
        if (k >= 0 && k != SPACE_TOPIC && get(s, "topic")) {
            join(place, sizeof place, path, "topic");
            ctx_error(&l->ctx, place, "only topic spaces have a topic (this space is \"%s\")",
                      kind);
        }
        if (!space.id || k < 0) {
            continue;
        }
        space.kind = (SpaceKind)k;
        for (int i = 0; i < b->space_count; i++) {
            if (strcmp(b->spaces[i].id, space.id) == 0) {
                join(place, sizeof place, path, "id");
                ctx_error(&l->ctx, place, "duplicate space id \"%s\" (also board.spaces[%d])",
                          space.id, b->spaces[i].at.index);
                break;
            }
        }
        b->spaces[b->space_count++] = space;
    }
}

static void read_rules(Layer *l, const cJSON *rules)
{
    static const char *const fields[] = {"dice",       "sides",     "start_bonus", "card_points",
                                         "rent",       "rounds",    "minutes",     "claims",
                                         "pause_rule", "coop_goal", NULL};
    Rules *r = &l->b->rules;
    check_fields(l, rules, "rules", fields);
    get_int(l, rules, "rules", "dice", false, 1, 2, &r->dice);
    get_int(l, rules, "rules", "sides", false, 2, 12, &r->sides);
    get_int(l, rules, "rules", "start_bonus", false, 0, 20, &r->start_bonus);
    get_int(l, rules, "rules", "card_points", false, 0, 20, &r->card_points);
    get_int(l, rules, "rules", "rent", false, 0, 20, &r->rent);
    get_int(l, rules, "rules", "rounds", false, 0, 100, &r->rounds);
    get_int(l, rules, "rules", "minutes", false, 0, 600, &r->minutes);
    get_int(l, rules, "rules", "coop_goal", false, 0, 100000, &r->coop_goal);
    get_bool(l, rules, "rules", "claims", &r->claims);
    const char *rule = get_string(l, rules, "rules", "pause_rule", false, false);
    if (rule) {
        int p = gamedef_pause_rule_from_name(rule);
        if (p < 0) {
            ctx_error(&l->ctx, "rules.pause_rule",
                      "unknown pause rule \"%s\" (use skip, rights, "
                      "doubles or rights_or_doubles)",
                      rule);
        } else {
            r->pause_rule = (PauseRule)p;
        }
    }
    l->b->rules_file = l->ctx.file;
}

static void read_effect(Layer *l, const cJSON *e, const char *path, Effect *effect)
{
    static const char *const amount_fields[] = {"type", "amount", NULL};
    static const char *const move_fields[] = {"type", "steps", NULL};
    static const char *const move_to_fields[] = {"type", "kind", NULL};
    static const char *const plain_fields[] = {"type", NULL};
    char place[160];
    if (!element_is_object(l, e, path)) {
        return;
    }
    const char *type = get_string(l, e, path, "type", true, false);
    if (!type) {
        return;
    }
    int k = gamedef_effect_kind_from_name(type);
    join(place, sizeof place, path, "type");
    if (k < 0 || k == EFFECT_NONE) {
        ctx_error(&l->ctx, place,
                  "unknown effect type \"%s\" (use points, points_all, move, "
                  "move_to or go_to_pause)",
                  type);
        return;
    }
    effect->kind = (EffectKind)k;
    switch (effect->kind) {
    case EFFECT_POINTS:
    case EFFECT_POINTS_ALL:
        check_fields(l, e, path, amount_fields);
        get_int(l, e, path, "amount", true, 1, 10, &effect->amount);
        break;
    case EFFECT_MOVE:
        check_fields(l, e, path, move_fields);
        if (get_int(l, e, path, "steps", true, -12, 12, &effect->amount) && effect->amount == 0) {
            join(place, sizeof place, path, "steps");
            ctx_error(&l->ctx, place, "a move of 0 steps does nothing");
        }
        break;
    case EFFECT_MOVE_TO: {
        check_fields(l, e, path, move_to_fields);
        const char *kind = get_string(l, e, path, "kind", true, false);
        int s = kind ? gamedef_space_kind_from_name(kind) : -1;
        join(place, sizeof place, path, "kind");
        if (kind && (s < 0 || s == SPACE_GO_TO_PAUSE)) {
            ctx_error(&l->ctx, place,
                      "\"%s\" is not a space kind to move to (use start, topic, "
                      "situation, rights, pause or open)",
                      kind);
        } else if (kind) {
            effect->target = (SpaceKind)s;
        }
        break;
    }
    default:
        check_fields(l, e, path, plain_fields);
        break;
    }
}

static void read_card(Layer *l, const cJSON *c, const char *path, int index)
{
    static const char *const fields[] = {
        "id",     "topic",   "deck",   "kind",   "min_age", "intensity", "content_notes",
        "source", "options", "answer", "effect", "image",   NULL};
    PackBuild *b = l->b;
    char place[128];
    check_fields(l, c, path, fields);
    BCard card = {0};
    card.at = (Origin){l->ctx.file, index};
    card.id = get_id(l, c, path, "id", true, "card id");
    card.topic = get_id(l, c, path, "topic", false, "topic id");
    card.deck = get_id(l, c, path, "deck", false, "deck id");
    if (get(c, "topic") && get(c, "deck")) {
        ctx_error(&l->ctx, path, "a card has either \"topic\" or \"deck\", not both");
    } else if (!get(c, "topic") && !get(c, "deck")) {
        ctx_error(&l->ctx, path, "missing \"topic\" or \"deck\" (which deck the card is in)");
    }
    const char *kind = get_string(l, c, path, "kind", true, false);
    int k = kind ? gamedef_card_kind_from_name(kind) : -1;
    if (kind && k < 0) {
        join(place, sizeof place, path, "kind");
        ctx_error(&l->ctx, place,
                  "unknown card kind \"%s\" (use discuss, agree, myth_fact, "
                  "scenario, action or help)",
                  kind);
    }
    card.kind = (CardKind)(k < 0 ? 0 : k);
    get_int(l, c, path, "min_age", true, 0, 99, &card.min_age);
    get_int(l, c, path, "intensity", true, 1, 3, &card.intensity);
    card.source = get_string(l, c, path, "source", true, false);
    if (card.source && !strstr(card.source, ".txt:") && strncmp(card.source, "general: ", 9) &&
        strncmp(card.source, "https://", 8) && strncmp(card.source, "http://", 7)) {
        join(place, sizeof place, path, "source");
        ctx_warn(&l->ctx, place,
                 "source \"%s\" is not \"<seed-file>:<lines>\", \"general: "
                 "<reference>\" or a web address",
                 card.source);
    }
    if (need(l, c, path, "content_notes", true, " (write [] when none applies)")) {
        const cJSON *notes = get_array(l, c, path, "content_notes", true, 0, 16);
        if (notes) {
            card.notes =
                arena_alloc(b->arena, (size_t)cJSON_GetArraySize(notes) * sizeof(char *) + 1);
            int i = 0;
            for (const cJSON *n = notes->child; n; n = n->next, i++) {
                snprintf(place, sizeof place, "%s.content_notes[%d]", path, i);
                if (!cJSON_IsString(n)) {
                    ctx_error(&l->ctx, place, "must be a string, not %s", type_name(n));
                } else if (check_id(l, place, n->valuestring, "content note tag")) {
                    card.notes[card.note_count++] = arena_strdup(b->arena, n->valuestring);
                }
            }
        }
    }
    bool scenario = k == CARD_SCENARIO;
    bool myth_fact = k == CARD_MYTH_FACT;
    bool action = k == CARD_ACTION;
    if (k >= 0) {
        if (scenario) {
            get_int(l, c, path, "options", true, 2, GAMEDEF_MAX_OPTIONS, &card.options);
        } else if (get(c, "options")) {
            join(place, sizeof place, path, "options");
            ctx_error(&l->ctx, place, "only scenario cards have options");
        }
        if (myth_fact) {
            const char *answer = get_string(l, c, path, "answer", true, false);
            if (answer && strcmp(answer, "myth") == 0) {
                card.answer = ANSWER_MYTH;
            } else if (answer && strcmp(answer, "fact") == 0) {
                card.answer = ANSWER_FACT;
            } else if (answer) {
                join(place, sizeof place, path, "answer");
                ctx_error(&l->ctx, place, "answer must be \"myth\" or \"fact\", not \"%s\"",
                          answer);
            }
        } else if (get(c, "answer")) {
            join(place, sizeof place, path, "answer");
            ctx_error(&l->ctx, place,
                      "only myth_fact cards have an answer (scenario guidance "
                      "goes in the locale files as card.<id>.answer)");
        }
        if (action) {
            if (need(l, c, path, "effect", true, NULL)) {
                join(place, sizeof place, path, "effect");
                read_effect(l, get(c, "effect"), place, &card.effect);
            }
        } else if (get(c, "effect")) {
            join(place, sizeof place, path, "effect");
            ctx_error(&l->ctx, place, "only action cards have an effect");
        }
    }
    const char *image = get_string(l, c, path, "image", false, false);
    if (image) {
        join(place, sizeof place, path, "image");
        card.image = content_check_image(&l->ctx, b->arena, place, l->dir, l->dir_real, image);
    }
    if (!card.id || k < 0) {
        return;
    }
    int prev = idmap_get(&b->card_ids, card.id);
    if (prev >= 0 && b->cards[prev].at.file == l->ctx.file) {
        join(place, sizeof place, path, "id");
        ctx_error(&l->ctx, place, "duplicate card id \"%s\" (also cards[%d])", card.id,
                  b->cards[prev].at.index);
    } else if (prev >= 0) {
        b->cards[prev] = card;
    } else {
        GROW(b->cards, b->card_count, b->card_cap);
        b->cards[b->card_count] = card;
        idmap_put(&b->card_ids, card.id, b->card_count++);
    }
}

static const char **read_string_list(Layer *l, const cJSON *arr, const char *name, bool tags,
                                     int *count)
{
    char place[96];
    const char **out =
        arena_alloc(l->b->arena, (size_t)cJSON_GetArraySize(arr) * sizeof(char *) + 1);
    int n = 0;
    int i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        snprintf(place, sizeof place, "%s[%d]", name, i);
        if (!cJSON_IsString(v) || !*v->valuestring) {
            ctx_error(&l->ctx, place, "must be a non-empty string");
            continue;
        }
        if (strlen(v->valuestring) > PACK_LIMIT_STRING ||
            (tags && !check_tag(l, place, v->valuestring))) {
            if (!tags) {
                ctx_error(&l->ctx, place, "string too long");
            }
            continue;
        }
        bool dup = false;
        for (int j = 0; j < n && !dup; j++) {
            dup = strcmp(out[j], v->valuestring) == 0;
        }
        if (dup) {
            ctx_error(&l->ctx, place, "\"%s\" is listed twice", v->valuestring);
            continue;
        }
        out[n++] = arena_strdup(l->b->arena, v->valuestring);
    }
    *count = n;
    return out;
}

/* ---- The layer ---------------------------------------------------------------------------- */

cJSON *build_parse_pack_json(PackBuild *b, const char *dir, const char *dir_real, const char **file)
{
    Ctx ctx = {b->errors, NULL, 0};
    *file = ctx.file = arena_printf(b->arena, "%s/pack.json", dir);
    size_t size = 0;
    char *text =
        content_read_file(&ctx, dir, dir_real, "pack.json", PACK_LIMIT_JSON_BYTES, true, &size);
    cJSON *root = text ? content_parse_json(&ctx, text, size) : NULL;
    free(text);
    if (root && !cJSON_IsObject(root)) {
        ctx_error(&ctx, "-", "pack.json must hold one JSON object ({ ... })");
        cJSON_Delete(root);
        root = NULL;
    }
    b->error_count += ctx.error_count;
    return root;
}

void build_apply_pack_json(PackBuild *b, const cJSON *root, const char *file, const char *dir,
                           const char *dir_real, const char ***locales, int *locale_count)
{
    static const char *const fields[] = {
        "format",  "id",     "version", "source_locale", "locales", "license", "authors", "age",
        "extends", "topics", "decks",   "board",         "rules",   "cards",   NULL};
    static const char *const age_fields[] = {"min", "max", NULL};
    Layer l = {b, {b->errors, file, 0}, dir, dir_real, get(root, "extends") != NULL};
    bool base = !l.overlay;
    *locales = NULL;
    *locale_count = 0;

    check_fields(&l, root, "", fields);
    int format = 0;
    if (get_int(&l, root, "", "format", true, 0, 1000000, &format) &&
        format != PACK_FORMAT_VERSION) {
        ctx_error(&l.ctx, "format",
                  "format %d is not supported by this version of Rutas (it "
                  "reads format %d)",
                  format, PACK_FORMAT_VERSION);
    }
    const char *id = get_id(&l, root, "", "id", true, "pack id");
    if (id) {
        b->id = id;
    }
    const char *version = get_string(&l, root, "", "version", true, false);
    if (version && !is_semver(version)) {
        ctx_error(&l.ctx, "version",
                  "version \"%s\" must be semantic: MAJOR.MINOR.PATCH, such "
                  "as \"1.0.0\"",
                  version);
    } else if (version) {
        b->version = version;
    }
    const char *extends = get_id(&l, root, "", "extends", false, "pack id");
    b->extends = extends;
    const char *license = get_string(&l, root, "", "license", base, false);
    if (license) {
        b->license = license;
    }
    const char *source = get_string(&l, root, "", "source_locale", base, false);
    if (source && check_tag(&l, "source_locale", source)) {
        b->source_locale = source;
    }
    const cJSON *arr = get_array(&l, root, "", "authors", base, 1, PACK_LIMIT_LIST);
    if (arr) {
        b->authors = read_string_list(&l, arr, "authors", false, &b->author_count);
    }
    arr = get_array(&l, root, "", "locales", base, 1, PACK_LIMIT_LIST);
    if (arr) {
        *locales = read_string_list(&l, arr, "locales", true, locale_count);
    }
    const cJSON *age = get_object(&l, root, "", "age", base);
    if (age) {
        check_fields(&l, age, "age", age_fields);
        int min = 0;
        int max = 0;
        bool ok = get_int(&l, age, "age", "min", true, 0, 99, &min);
        ok = get_int(&l, age, "age", "max", true, 0, 99, &max) && ok;
        if (ok && min > max) {
            ctx_error(&l.ctx, "age", "age.min (%d) is above age.max (%d)", min, max);
        } else if (ok) {
            b->age_min = min;
            b->age_max = max;
            b->have_age = true;
        }
    }
    arr = get_array(&l, root, "", "topics", base, 1, GAMEDEF_MAX_TOPICS);
    if (arr) {
        read_topics(&l, arr);
    }
    arr = get_array(&l, root, "", "decks", false, 0, GAMEDEF_MAX_DECKS);
    if (arr) {
        read_decks(&l, arr);
    }
    const cJSON *board = get_object(&l, root, "", "board", base);
    if (board) {
        read_board(&l, board);
    }
    const cJSON *rules = get_object(&l, root, "", "rules", false);
    if (rules) {
        read_rules(&l, rules);
    }
    arr = get_array(&l, root, "", "cards", base, 1, GAMEDEF_MAX_CARDS);
    if (arr) {
        char path[32];
        int index = 0;
        for (const cJSON *c = arr->child; c; c = c->next, index++) {
            snprintf(path, sizeof path, "cards[%d]", index);
            if (element_is_object(&l, c, path)) {
                read_card(&l, c, path, index);
            }
        }
    }
    b->top_file = file;
    b->error_count += l.ctx.error_count;
}
