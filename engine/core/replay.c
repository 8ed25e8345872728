/*
 * replay.c: recording, replaying and the text form of a game. libc only.
 */
#include "replay.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_id(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src != NULL ? src : "");
}

void replay_init(Replay *replay, const GameDef *def, const GameConfig *config, uint64_t seed)
{
    memset(replay, 0, sizeof *replay);
    copy_id(replay->pack_id, sizeof replay->pack_id, def->id);
    copy_id(replay->pack_version, sizeof replay->pack_version, def->version);
    replay->seed = seed;
    replay->config = *config;
}

void replay_free(Replay *replay)
{
    if (replay == NULL) {
        return;
    }
    free(replay->moves);
    replay->moves = NULL;
    replay->count = 0;
    replay->cap = 0;
}

bool replay_push(Replay *replay, const Move *move)
{
    if (replay->count >= REPLAY_MAX_MOVES) {
        return false;
    }
    if (replay->count == replay->cap) {
        int cap = replay->cap > 0 ? replay->cap * 2 : 64;
        Move *moves = realloc(replay->moves, (size_t)cap * sizeof *moves);
        if (moves == NULL) {
            fputs("rutas: out of memory\n", stderr);
            abort();
        }
        replay->moves = moves;
        replay->cap = cap;
    }
    replay->moves[replay->count++] = *move;
    return true;
}

bool replay_pop(Replay *replay)
{
    if (replay->count == 0) {
        return false;
    }
    replay->count--;
    return true;
}

Status replay_run(const Replay *replay, const GameDef *def, int upto, GameState *state,
                  int *failed_at)
{
    Status status = rules_new_game(state, def, &replay->config, replay->seed);
    if (status != STATUS_OK) {
        if (failed_at != NULL) {
            *failed_at = -1;
        }
        return status;
    }
    int n = upto < 0 || upto > replay->count ? replay->count : upto;
    for (int i = 0; i < n; i++) {
        status = rules_apply(state, &replay->moves[i], NULL);
        if (status != STATUS_OK) {
            if (failed_at != NULL) {
                *failed_at = i;
            }
            return status;
        }
    }
    return STATUS_OK;
}

int replay_repair(Replay *replay, const GameDef *def, GameState *state)
{
    if (rules_new_game(state, def, &replay->config, replay->seed) != STATUS_OK) {
        return -1;
    }
    int kept = 0;
    for (int i = 0; i < replay->count; i++) {
        if (rules_apply(state, &replay->moves[i], NULL) == STATUS_OK) {
            replay->moves[kept++] = replay->moves[i];
        }
    }
    int dropped = replay->count - kept;
    replay->count = kept;
    return dropped;
}

typedef struct Buf {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap > 0 ? b->cap : 256;
        while (b->len + (size_t)n + 1 > cap) {
            cap *= 2;
        }
        char *data = realloc(b->data, cap);
        if (data == NULL) {
            fputs("rutas: out of memory\n", stderr);
            abort();
        }
        b->data = data;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* How many integer arguments each move carries in the text form. */
static int move_arity(MoveKind kind)
{
    switch (kind) {
    case MOVE_TALLY:
        return 3;
    case MOVE_GIVE_POINTS:
    case MOVE_PLACE_TOKEN:
        return 2;
    case MOVE_CHOOSE_TOPIC:
        return 1;
    default:
        return 0;
    }
}

char *replay_to_text(const Replay *replay, const GameDef *def)
{
    Buf b = {0};
    const GameConfig *c = &replay->config;
    buf_printf(&b, "rutas-replay 1\npack %s %s\nseed %" PRIu64 "\nteams %d\n", replay->pack_id,
               replay->pack_version, replay->seed, c->team_count);
    buf_printf(&b, "filter %d %d %d %d %" PRIu32 "\n", c->max_age, c->max_intensity, c->rounds,
               c->minutes, c->topics_off);
    for (int i = 0; i < def->card_count; i++) {
        if (c->excluded[i / 8] & (1u << (i % 8))) {
            buf_printf(&b, "exclude %s\n", def->cards[i].id);
        }
    }
    for (int i = 0; i < replay->count; i++) {
        const Move *m = &replay->moves[i];
        const char *name = rules_move_name(m->kind);
        int arity = move_arity(m->kind);
        buf_printf(&b, "%s", name != NULL ? name : "?");
        /* Topics and spaces by id, so that a replay survives a pack that reorders them. */
        if (m->kind == MOVE_CHOOSE_TOPIC && m->a >= 0 && m->a < def->topic_count) {
            buf_printf(&b, " %s\n", def->topics[m->a].id);
            continue;
        }
        if (m->kind == MOVE_PLACE_TOKEN && m->b >= 0 && m->b < def->space_count) {
            buf_printf(&b, " %d %s\n", m->a, def->spaces[m->b].id);
            continue;
        }
        int args[3] = {m->a, m->b, m->c};
        for (int k = 0; k < arity; k++) {
            buf_printf(&b, " %d", args[k]);
        }
        buf_printf(&b, "\n");
    }
    if (b.data == NULL) {
        b.data = calloc(1, 1);
    }
    return b.data;
}

static bool fail(char *err, size_t err_size, int line, const char *what)
{
    if (err != NULL && err_size > 0) {
        snprintf(err, err_size, "line %d: %s", line, what);
    }
    return false;
}

/* Parses up to `max` decimal integers separated by single spaces; returns how many, or -1 on
 * junk or overflow. */
static int parse_ints(const char *s, long long *out, int max, long long lo, long long hi)
{
    int n = 0;
    while (*s == ' ') {
        s++;
    }
    while (*s != '\0') {
        if (n == max) {
            return -1;
        }
        char *end = NULL;
        long long v = strtoll(s, &end, 10);
        if (end == s || v < lo || v > hi) {
            return -1;
        }
        out[n++] = v;
        s = end;
        if (*s != ' ' && *s != '\0') {
            return -1;
        }
        while (*s == ' ') {
            s++;
        }
    }
    return n;
}

bool replay_from_text(const char *text, size_t len, const GameDef *def, Replay *replay, char *err,
                      size_t err_size)
{
    memset(replay, 0, sizeof *replay);
    if (len > REPLAY_MAX_TEXT) {
        return fail(err, err_size, 0, "replay is larger than 8 MiB");
    }
    Replay r;
    GameConfig config = rules_default_config(0);
    replay_init(&r, def, &config, 0);
    r.pack_id[0] = '\0';
    int lineno = 0;
    int header = 0; /* 0 magic, 1 pack, 2 seed, 3 teams, 4 filter, 5 excludes and moves */
    char line[256];
    size_t pos = 0;
    bool in_moves = false;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n') {
            end++;
        }
        size_t n = end - pos;
        lineno++;
        if (n > 0 && text[pos + n - 1] == '\r') {
            n--;
        }
        if (n >= sizeof line) {
            replay_free(&r);
            return fail(err, err_size, lineno, "line too long");
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos = end + 1;
        if (memchr(line, '\0', n) != NULL) {
            replay_free(&r);
            return fail(err, err_size, lineno, "NUL byte in replay");
        }
        if (n == 0 || line[0] == '#') {
            continue;
        }
        long long v[5];
        if (header == 0) {
            if (strcmp(line, "rutas-replay 1") != 0) {
                replay_free(&r);
                return fail(err, err_size, lineno,
                            "not a Rutas replay (expected 'rutas-replay 1')");
            }
        } else if (header == 1) {
            char id[64], version[32];
            if (sscanf(line, "pack %63s %31s", id, version) != 2) {
                replay_free(&r);
                return fail(err, err_size, lineno, "expected 'pack ID VERSION'");
            }
            copy_id(r.pack_id, sizeof r.pack_id, id);
            copy_id(r.pack_version, sizeof r.pack_version, version);
            if (def->id != NULL && strcmp(id, def->id) != 0) {
                replay_free(&r);
                return fail(err, err_size, lineno, "replay was recorded with another pack");
            }
        } else if (header == 2) {
            if (strncmp(line, "seed ", 5) != 0) {
                replay_free(&r);
                return fail(err, err_size, lineno, "expected 'seed N'");
            }
            char *e = NULL;
            unsigned long long seed = strtoull(line + 5, &e, 10);
            if (e == line + 5 || *e != '\0' || line[5] == '-') {
                replay_free(&r);
                return fail(err, err_size, lineno, "bad seed");
            }
            r.seed = seed;
        } else if (header == 3) {
            if (strncmp(line, "teams ", 6) != 0 ||
                parse_ints(line + 6, v, 1, GAMEDEF_MIN_TEAMS, GAMEDEF_MAX_TEAMS) != 1) {
                replay_free(&r);
                return fail(err, err_size, lineno, "expected 'teams N' with N from 2 to 8");
            }
            r.config.team_count = (int)v[0];
        } else if (header == 4) {
            if (strncmp(line, "filter ", 7) != 0 ||
                parse_ints(line + 7, v, 5, -1, 0xffffffffLL) != 5 || v[0] < 0 || v[1] < 1 ||
                v[1] > 1000 || v[2] < 0 || v[4] < 0 || v[2] > 1000 || v[3] > 100000 ||
                v[0] > 200) {
                /* The bounds keep every value an int that replay_to_text() writes back as
                 * read (an intensity above INT_MAX used to wrap to a negative number, and a
                 * save written from such a replay could not be read again). */
                replay_free(&r);
                return fail(err, err_size, lineno,
                            "expected 'filter AGE INTENSITY ROUNDS MINUTES TOPICS-OFF'");
            }
            r.config.max_age = (int)v[0];
            r.config.max_intensity = (int)v[1];
            r.config.rounds = (int)v[2];
            r.config.minutes = (int)v[3];
            r.config.topics_off = (uint32_t)v[4];
        } else if (!in_moves && strncmp(line, "exclude ", 8) == 0) {
            int card = gamedef_find_card(def, line + 8);
            if (card < 0) {
                replay_free(&r);
                return fail(err, err_size, lineno, "excluded card is not in this pack");
            }
            rules_config_exclude(&r.config, card, true);
        } else {
            in_moves = true;
            char name[32];
            const char *sp = strchr(line, ' ');
            size_t nl = sp != NULL ? (size_t)(sp - line) : strlen(line);
            if (nl >= sizeof name) {
                replay_free(&r);
                return fail(err, err_size, lineno, "unknown move");
            }
            memcpy(name, line, nl);
            name[nl] = '\0';
            int kind = rules_move_from_name(name);
            if (kind < 0) {
                replay_free(&r);
                return fail(err, err_size, lineno, "unknown move");
            }
            int arity = move_arity((MoveKind)kind);
            long long args[3] = {0, 0, 0};
            char ids[sizeof line];
            const char *numbers = sp != NULL ? sp : "";
            if (kind == MOVE_CHOOSE_TOPIC || kind == MOVE_PLACE_TOKEN) {
                /* The last value is a topic or space id. */
                const char *last = strrchr(line, ' ');
                if (last == NULL) {
                    replay_free(&r);
                    return fail(err, err_size, lineno, "wrong number of values for this move");
                }
                int index = kind == MOVE_CHOOSE_TOPIC ? gamedef_find_topic(def, last + 1)
                                                      : gamedef_find_space(def, last + 1);
                if (index < 0) {
                    replay_free(&r);
                    return fail(err, err_size, lineno,
                                kind == MOVE_CHOOSE_TOPIC ? "topic is not in this pack"
                                                          : "space is not in this pack");
                }
                size_t keep = (size_t)(last - numbers);
                memcpy(ids, numbers, keep);
                ids[keep] = '\0';
                numbers = ids;
                args[arity - 1] = index;
                arity--;
            }
            int got = parse_ints(numbers, args, 3, -100000, 100000);
            if (got != arity) {
                replay_free(&r);
                return fail(err, err_size, lineno, "wrong number of values for this move");
            }
            if (kind == MOVE_CHOOSE_TOPIC) {
                args[0] = args[arity];
            } else if (kind == MOVE_PLACE_TOKEN) {
                args[1] = args[arity];
            }
            Move m = {(MoveKind)kind, (int)args[0], (int)args[1], (int)args[2]};
            if (!replay_push(&r, &m)) {
                replay_free(&r);
                return fail(err, err_size, lineno, "too many moves");
            }
        }
        if (header < 5) {
            header++;
        }
    }
    if (header < 5) {
        replay_free(&r);
        return fail(err, err_size, lineno, "replay header is incomplete");
    }
    *replay = r;
    return true;
}
