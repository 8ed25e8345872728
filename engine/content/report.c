/*
 * report.c: the anonymous session report: built from a GameState, written as JSON and
 * Markdown atomically, read back from untrusted files, merged for monitoring.
 *
 * Every string that goes into a report is checked against a closed form here, on the way in
 * and on the way back, so no free text (a team's name, something said) can ride along.
 */
#include "report.h"

#include "pack_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPORT_TYPE "rutas-session-report"

/* ---- Names and forms ---------------------------------------------------------------------- */

static const char *const END_NAMES[REPORT_END_COUNT] = {"rounds", "time", "facilitator",
                                                        "coop_goal", "unfinished"};
static const char *const SHAPE_NAMES[REPORT_SHAPE_COUNT] = {
    "circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross"};
static const char *const VOTE_NAMES[3] = {"agree", "disagree", "unsure"};

const char *report_end_name(ReportEnd end)
{
    return (int)end >= 0 && end < REPORT_END_COUNT ? END_NAMES[end] : NULL;
}

int report_end_from_name(const char *name)
{
    for (int i = 0; name && i < REPORT_END_COUNT; i++) {
        if (strcmp(name, END_NAMES[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *report_shape_name(int shape)
{
    return shape >= 0 && shape < REPORT_SHAPE_COUNT ? SHAPE_NAMES[shape] : NULL;
}

int report_shape_from_name(const char *name)
{
    for (int i = 0; name && i < REPORT_SHAPE_COUNT; i++) {
        if (strcmp(name, SHAPE_NAMES[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static bool is_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

/* "YYYY-MM-DD HH:MM" with a real date and time. */
static bool is_started(const char *s)
{
    char date[11];
    if (!s || strlen(s) != 16 || s[10] != ' ' || s[13] != ':' || !is_digits(s + 11, 2) ||
        !is_digits(s + 14, 2)) {
        return false;
    }
    memcpy(date, s, 10);
    date[10] = '\0';
    return content_is_date(date, NULL) && atoi(s + 11) < 24 && atoi(s + 14) < 60;
}

static bool is_region(const char *s)
{
    return s && strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static bool is_tag(const char *s)
{
    char norm[I18N_TAG_MAX];
    return s && !strpbrk(s, "_.@") && i18n_tag_normalize(s, norm, sizeof norm) &&
           strcmp(norm, s) == 0;
}

/* A pack version: semver's characters, short. */
static bool is_version(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= REPORT_VERSION_MAX || s[0] < '0' || s[0] > '9') {
        return false;
    }
    return strspn(s, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-") == n;
}

static bool parse_colour(const char *s, uint32_t *out)
{
    if (!s || strlen(s) != 7 || s[0] != '#' || strspn(s + 1, "0123456789ABCDEFabcdef") != 6) {
        return false;
    }
    *out = (uint32_t)strtoul(s + 1, NULL, 16);
    return true;
}

static void set_err(char *err, size_t size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_err(char *err, size_t size, const char *format, ...)
{
    if (!err || size == 0) {
        return;
    }
    va_list ap;
    va_start(ap, format);
    vsnprintf(err, size, format, ap);
    va_end(ap);
}

static int clamp_count(int v)
{
    return v < 0 ? 0 : v > REPORT_LIMIT_COUNT ? REPORT_LIMIT_COUNT : v;
}

/* ---- From a game -------------------------------------------------------------------------- */

bool report_from_game(const GameState *state, const ReportContext *context, SessionReport *report,
                      char *err, size_t err_size)
{
    memset(report, 0, sizeof *report);
    const GameDef *def = state ? state->def : NULL;
    if (!def || !context) {
        set_err(err, err_size, "no game to report");
        goto fail;
    }
    if (state->team_count < GAMEDEF_MIN_TEAMS || state->team_count > GAMEDEF_MAX_TEAMS ||
        def->topic_count < 0 || def->topic_count > REPORT_MAX_TOPICS) {
        set_err(err, err_size, "the game state is out of range");
        goto fail;
    }
    if (!is_started(context->started)) {
        set_err(err, err_size, "the start time must read \"YYYY-MM-DD HH:MM\"");
        goto fail;
    }
    if (!is_tag(context->language)) {
        set_err(err, err_size, "the language must be a BCP 47 tag such as \"es-MX\"");
        goto fail;
    }
    if (context->region && context->region[0] && !is_region(context->region)) {
        set_err(err, err_size, "the region must be a two-letter country code such as \"MX\"");
        goto fail;
    }
    if (!content_is_id(def->id) || !is_version(def->version)) {
        set_err(err, err_size, "the pack id or version is not of the expected form");
        goto fail;
    }
    report->format = REPORT_FORMAT_VERSION;
    snprintf(report->started, sizeof report->started, "%s", context->started);
    report->minutes = context->minutes < 0                      ? 0
                      : context->minutes > REPORT_LIMIT_MINUTES ? REPORT_LIMIT_MINUTES
                                                                : context->minutes;
    snprintf(report->pack_id, sizeof report->pack_id, "%s", def->id);
    snprintf(report->pack_version, sizeof report->pack_version, "%s", def->version);
    snprintf(report->language, sizeof report->language, "%s", context->language);
    snprintf(report->region, sizeof report->region, "%s", context->region ? context->region : "");

    report->team_count = state->team_count;
    for (int i = 0; i < state->team_count; i++) {
        const ReportTeamLook *look = &context->teams[i];
        const char *shape = report_shape_name(look->shape);
        if (!shape || look->colour > 0xFFFFFFu) {
            set_err(err, err_size, "team %d has an unknown shape or colour", i + 1);
            goto fail;
        }
        report->teams[i].colour = look->colour;
        snprintf(report->teams[i].shape, sizeof report->teams[i].shape, "%s", shape);
        report->teams[i].points = clamp_count(state->points[i]);
    }

    report->rounds = state->round < 1 ? 1 : clamp_count(state->round);
    report->turns = clamp_count(state->turn);
    report->ended = state->phase == PHASE_OVER && (int)state->over_reason >= 0 &&
                            (int)state->over_reason < REPORT_END_UNFINISHED
                        ? (ReportEnd)state->over_reason
                        : REPORT_END_UNFINISHED;

    const Stats *s = &state->stats;
    report->cards_drawn = clamp_count(s->cards_drawn);
    report->open_talks = clamp_count(s->open_talks);
    report->passes = clamp_count(s->passes);
    report->skips = clamp_count(s->skips);
    for (int i = 0; i < 3; i++) {
        report->votes[i] = clamp_count(s->votes[i]);
    }
    report->cards_discussed = 0;
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        report->by_kind[k] = clamp_count(s->by_kind[k]);
        report->cards_discussed += report->by_kind[k];
    }
    report->topic_count = def->topic_count;
    for (int t = 0; t < def->topic_count; t++) {
        if (!content_is_id(def->topics[t].id)) {
            set_err(err, err_size, "topic %d has an id of the wrong form", t);
            goto fail;
        }
        ReportTopic *topic = &report->topics[t];
        snprintf(topic->id, sizeof topic->id, "%s", def->topics[t].id);
        topic->on = !(state->config.topics_off & (1u << t));
        topic->cards = clamp_count(s->by_topic[t]);
    }
    return true;
fail:
    memset(report, 0, sizeof *report);
    return false;
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void out_of_memory(void)
{
    fprintf(stderr, "rutas: out of memory (report)\n");
    abort();
}

static cJSON *xadd_object(cJSON *parent, const char *name)
{
    cJSON *o = cJSON_AddObjectToObject(parent, name);
    if (!o) {
        out_of_memory();
    }
    return o;
}

static void xadd_number(cJSON *parent, const char *name, double value)
{
    if (!cJSON_AddNumberToObject(parent, name, value)) {
        out_of_memory();
    }
}

static void xadd_string(cJSON *parent, const char *name, const char *value)
{
    if (!cJSON_AddStringToObject(parent, name, value)) {
        out_of_memory();
    }
}

char *report_to_json(const SessionReport *report)
{
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        out_of_memory();
    }
    xadd_string(root, "type", REPORT_TYPE);
    xadd_number(root, "format", REPORT_FORMAT_VERSION);
    xadd_string(root, "started", report->started);
    xadd_number(root, "minutes", report->minutes);
    cJSON *pack = xadd_object(root, "pack");
    xadd_string(pack, "id", report->pack_id);
    xadd_string(pack, "version", report->pack_version);
    xadd_string(root, "language", report->language);
    if (report->region[0]) {
        xadd_string(root, "region", report->region);
    } else if (!cJSON_AddNullToObject(root, "region")) {
        out_of_memory();
    }
    cJSON *teams = cJSON_AddArrayToObject(root, "teams");
    for (int i = 0; teams && i < report->team_count; i++) {
        cJSON *team = cJSON_CreateObject();
        char colour[8];
        snprintf(colour, sizeof colour, "#%06X", (unsigned)(report->teams[i].colour & 0xFFFFFFu));
        if (!team || !cJSON_AddItemToArray(teams, team)) {
            out_of_memory();
        }
        xadd_string(team, "colour", colour);
        xadd_string(team, "shape", report->teams[i].shape);
        xadd_number(team, "points", report->teams[i].points);
    }
    xadd_number(root, "rounds", report->rounds);
    xadd_number(root, "turns", report->turns);
    xadd_string(root, "ended",
                report_end_name(report->ended) ? report_end_name(report->ended)
                                               : END_NAMES[REPORT_END_UNFINISHED]);
    cJSON *cards = xadd_object(root, "cards");
    xadd_number(cards, "drawn", report->cards_drawn);
    xadd_number(cards, "discussed", report->cards_discussed);
    xadd_number(cards, "open_talks", report->open_talks);
    xadd_number(cards, "passes", report->passes);
    xadd_number(cards, "skips", report->skips);
    cJSON *votes = xadd_object(root, "votes");
    for (int i = 0; i < 3; i++) {
        xadd_number(votes, VOTE_NAMES[i], report->votes[i]);
    }
    cJSON *kinds = xadd_object(root, "kinds");
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        xadd_number(kinds, gamedef_card_kind_name((CardKind)k), report->by_kind[k]);
    }
    cJSON *topics = cJSON_AddArrayToObject(root, "topics");
    for (int t = 0; topics && t < report->topic_count; t++) {
        cJSON *topic = cJSON_CreateObject();
        if (!topic || !cJSON_AddItemToArray(topics, topic)) {
            out_of_memory();
        }
        xadd_string(topic, "id", report->topics[t].id);
        if (!cJSON_AddBoolToObject(topic, "on", report->topics[t].on)) {
            out_of_memory();
        }
        xadd_number(topic, "cards", report->topics[t].cards);
    }
    if (!teams || !topics) {
        out_of_memory();
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        out_of_memory();
    }
    /* Hand back memory the caller releases with free(), whatever allocator cJSON uses. */
    size_t n = strlen(text);
    char *out = content_xrealloc(NULL, n + 2);
    memcpy(out, text, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    cJSON_free(text);
    return out;
}

/* ---- Markdown ----------------------------------------------------------------------------- */

typedef struct Buf {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_printf(Buf *b, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void buf_printf(Buf *b, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    if (n <= 0) {
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->data = content_xrealloc(b->data, b->cap);
    }
    va_start(ap, format);
    vsnprintf(b->data + b->len, (size_t)n + 1, format, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Text of a table cell: '|' and '\' escaped, line breaks as spaces. */
static void buf_cell(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\') {
            buf_printf(b, "\\%c", *s);
        } else if (*s == '\n' || *s == '\r' || *s == '\t') {
            buf_printf(b, " ");
        } else {
            buf_printf(b, "%c", *s);
        }
    }
}

typedef struct MdText {
    const char *title, *started, *duration, *minutes, *pack, *language, *region, *none;
    const char *rounds, *turns, *ended;
    const char *ends[REPORT_END_COUNT];
    const char *teams, *team, *colour, *token, *points;
    const char *shapes[REPORT_SHAPE_COUNT];
    const char *topics, *topic, *cards, *off;
    const char *kinds, *kind;
    const char *kind_names[CARD_KIND_COUNT];
    const char *votes, *agree, *disagree, *unsure;
    const char *participation, *drawn, *discussed, *open_talks, *passes, *skips;
    const char *anonymous;
} MdText;

static const MdText MD_EN = {
    "Rutas session report",
    "Date and start",
    "Duration",
    "minutes",
    "Pack",
    "Language",
    "Help lines region",
    "none set",
    "Rounds",
    "Turns",
    "Ended",
    {"after the last round", "time was up", "ended by the facilitator",
     "the teams reached their shared goal", "not finished"},
    "Teams",
    "Team",
    "Colour",
    "Token",
    "Points",
    {"circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross"},
    "Cards discussed by topic",
    "Topic",
    "Cards",
    "switched off",
    "Cards discussed by kind",
    "Kind",
    {"Discussion", "Agree or disagree", "Myth or fact", "Scenario", "Action", "Where to get help"},
    "Votes on agree-or-disagree cards",
    "Agree",
    "Disagree",
    "Unsure",
    "Participation",
    "Cards drawn",
    "Cards discussed",
    "Open discussions (no card left)",
    "Passes",
    "Cards skipped and replaced",
    "Anonymous report: teams appear only by colour and token. Names, answers and what anyone "
    "said are not recorded.",
};

static const MdText MD_ES = {
    "Informe de la sesión de Rutas",
    "Fecha y hora de inicio",
    "Duración",
    "minutos",
    "Paquete",
    "Idioma",
    "Región de las líneas de ayuda",
    "sin región",
    "Rondas",
    "Turnos",
    "Fin",
    {"al terminar la última ronda", "se acabó el tiempo", "lo terminó quien facilita",
     "los equipos alcanzaron su meta común", "sin terminar"},
    "Equipos",
    "Equipo",
    "Color",
    "Ficha",
    "Puntos",
    {"círculo", "cuadrado", "triángulo", "rombo", "pentágono", "hexágono", "estrella", "cruz"},
    "Tarjetas conversadas por tema",
    "Tema",
    "Tarjetas",
    "desactivado",
    "Tarjetas conversadas por tipo",
    "Tipo",
    {"Conversación", "De acuerdo o en desacuerdo", "Mito o realidad", "Situación", "Acción",
     "Dónde pedir ayuda"},
    "Votaciones en tarjetas de acuerdo o desacuerdo",
    "De acuerdo",
    "En desacuerdo",
    "No sé",
    "Participación",
    "Tarjetas sacadas",
    "Tarjetas conversadas",
    "Conversaciones abiertas (sin tarjetas)",
    "Pases",
    "Tarjetas cambiadas por otra",
    "Informe anónimo: los equipos aparecen solo por color y ficha. No se guardan nombres, "
    "respuestas ni nada de lo que alguien dijo.",
};

char *report_to_markdown(const SessionReport *report, const char *lang, const I18n *i18n)
{
    const char *tag = lang ? lang : report->language;
    const MdText *t =
        (tag[0] == 'e' && tag[1] == 's' && (tag[2] == '\0' || tag[2] == '-')) ? &MD_ES : &MD_EN;
    Buf b = {NULL, 0, 0};
    buf_printf(&b, "# %s\n\n", t->title);
    buf_printf(&b, "- %s: %s\n", t->started, report->started);
    buf_printf(&b, "- %s: %d %s\n", t->duration, report->minutes, t->minutes);
    buf_printf(&b, "- %s: %s %s\n", t->pack, report->pack_id, report->pack_version);
    buf_printf(&b, "- %s: %s\n", t->language, report->language);
    buf_printf(&b, "- %s: %s\n", t->region, report->region[0] ? report->region : t->none);
    buf_printf(&b, "- %s: %d\n", t->rounds, report->rounds);
    buf_printf(&b, "- %s: %d\n", t->turns, report->turns);
    int end = (int)report->ended >= 0 && (int)report->ended < REPORT_END_COUNT
                  ? (int)report->ended
                  : REPORT_END_UNFINISHED;
    buf_printf(&b, "- %s: %s\n", t->ended, t->ends[end]);

    buf_printf(&b, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---:|\n", t->teams, t->team,
               t->colour, t->token, t->points);
    for (int i = 0; i < report->team_count; i++) {
        int shape = report_shape_from_name(report->teams[i].shape);
        buf_printf(&b, "| %d | #%06X | %s | %d |\n", i + 1,
                   (unsigned)(report->teams[i].colour & 0xFFFFFFu),
                   shape >= 0 ? t->shapes[shape] : report->teams[i].shape, report->teams[i].points);
    }

    buf_printf(&b, "\n## %s\n\n| %s | %s |\n|---|---:|\n", t->topics, t->topic, t->cards);
    for (int i = 0; i < report->topic_count; i++) {
        const ReportTopic *topic = &report->topics[i];
        char key[REPORT_ID_MAX + 16];
        snprintf(key, sizeof key, "topic.%s.name", topic->id);
        const char *name = i18n ? i18n_lookup(i18n, key, NULL) : NULL;
        buf_printf(&b, "| ");
        buf_cell(&b, name && *name ? name : topic->id);
        if (topic->on) {
            buf_printf(&b, " | %d |\n", topic->cards);
        } else {
            buf_printf(&b, " | %s |\n", t->off);
        }
    }

    buf_printf(&b, "\n## %s\n\n| %s | %s |\n|---|---:|\n", t->kinds, t->kind, t->cards);
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        buf_printf(&b, "| %s | %d |\n", t->kind_names[k], report->by_kind[k]);
    }

    buf_printf(&b, "\n## %s\n\n| %s | %s | %s |\n|---:|---:|---:|\n| %d | %d | %d |\n", t->votes,
               t->agree, t->disagree, t->unsure, report->votes[0], report->votes[1],
               report->votes[2]);

    buf_printf(&b, "\n## %s\n\n", t->participation);
    buf_printf(&b, "- %s: %d\n", t->drawn, report->cards_drawn);
    buf_printf(&b, "- %s: %d\n", t->discussed, report->cards_discussed);
    buf_printf(&b, "- %s: %d\n", t->open_talks, report->open_talks);
    buf_printf(&b, "- %s: %d\n", t->passes, report->passes);
    buf_printf(&b, "- %s: %d\n", t->skips, report->skips);
    buf_printf(&b, "\n_%s_\n", t->anonymous);
    return b.data;
}

/* ---- Writing ------------------------------------------------------------------------------ */

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 || errno != ENOENT;
}

/* Writes text to path through a temporary file in the same folder: write, flush, sync,
 * rename, then sync the folder so the rename itself survives a power cut. */
static bool write_atomic(const char *dir, const char *path, const char *text, char *err,
                         size_t err_size)
{
    char tmp[PATH_MAX];
    FILE *f = NULL;
    int fd = -1;
    bool renamed = false;
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
        set_err(err, err_size, "%s: path is too long", path);
        return false;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        set_err(err, err_size, "%s: cannot create a file: %s", dir, strerror(errno));
        return false;
    }
    f = fdopen(fd, "wb");
    if (!f) {
        set_err(err, err_size, "%s: %s", tmp, strerror(errno));
        close(fd);
        goto fail;
    }
    size_t n = strlen(text);
    if (fwrite(text, 1, n, f) != n || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        set_err(err, err_size, "%s: cannot write: %s", tmp, strerror(errno));
        goto fail;
    }
    int closed = fclose(f);
    f = NULL;
    if (closed != 0) {
        set_err(err, err_size, "%s: cannot write: %s", tmp, strerror(errno));
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        set_err(err, err_size, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
        goto fail;
    }
    renamed = true;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd); /* best effort: some file systems cannot sync a folder */
        close(dfd);
    }
    return true;
fail:
    if (f) {
        fclose(f);
    }
    if (!renamed) {
        unlink(tmp);
    }
    return false;
}

bool report_write(const SessionReport *report, const char *dir, const char *lang, const I18n *i18n,
                  char *json_path, size_t json_path_size, char *md_path, size_t md_path_size,
                  char *err, size_t err_size)
{
    char stem[64];
    char json[PATH_MAX];
    char md[PATH_MAX];
    char *json_text = NULL;
    char *md_text = NULL;
    bool ok = false;
    if (json_path && json_path_size) {
        json_path[0] = '\0';
    }
    if (md_path && md_path_size) {
        md_path[0] = '\0';
    }
    if (!is_started(report->started)) {
        set_err(err, err_size, "the report has no valid start time");
        goto fail;
    }
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_err(err, err_size, "%s: not a folder", dir ? dir : "(none)");
        goto fail;
    }
    /* rutas-session-YYYYMMDD-HHMM, then -2, -3, ... when that minute already has a report. */
    const char *s = report->started;
    int suffix = 1;
    for (; suffix < 100; suffix++) {
        char extra[8] = "";
        if (suffix > 1) {
            snprintf(extra, sizeof extra, "-%d", suffix);
        }
        snprintf(stem, sizeof stem, "rutas-session-%.4s%.2s%.2s-%.2s%.2s%s", s, s + 5, s + 8,
                 s + 11, s + 14, extra);
        if (snprintf(json, sizeof json, "%s/%s.json", dir, stem) >= (int)sizeof json ||
            snprintf(md, sizeof md, "%s/%s.md", dir, stem) >= (int)sizeof md) {
            set_err(err, err_size, "%s: path is too long", dir);
            goto fail;
        }
        if (!exists(json) && !exists(md)) {
            break;
        }
    }
    if (suffix == 100) {
        set_err(err, err_size, "%s: too many reports for %s", dir, report->started);
        goto fail;
    }
    json_text = report_to_json(report);
    md_text = report_to_markdown(report, lang, i18n);
    if (!write_atomic(dir, json, json_text, err, err_size)) {
        goto fail;
    }
    if (json_path && snprintf(json_path, json_path_size, "%s", json) >= (int)json_path_size) {
        json_path[0] = '\0';
    }
    if (!write_atomic(dir, md, md_text, err, err_size)) {
        goto fail;
    }
    if (md_path && snprintf(md_path, md_path_size, "%s", md) >= (int)md_path_size) {
        md_path[0] = '\0';
    }
    ok = true;
fail:
    free(json_text);
    free(md_text);
    return ok;
}

/* ---- Reading ------------------------------------------------------------------------------ */

typedef struct Reader {
    Ctx ctx;
} Reader;

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

static void join(char *out, size_t size, const char *path, const char *name)
{
    if (path && *path) {
        snprintf(out, size, "%s.%s", path, name);
    } else {
        snprintf(out, size, "%s", name);
    }
}

/* Unknown fields are errors: a report holds nothing but what this file writes. */
static void check_fields(Reader *r, const cJSON *obj, const char *path, const char *const *allowed)
{
    char place[128];
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *name = c->string ? c->string : "";
        join(place, sizeof place, path, name);
        for (const cJSON *d = obj->child; d != c; d = d->next) {
            if (d->string && strcmp(d->string, name) == 0) {
                ctx_error(&r->ctx, place, "duplicate field \"%.40s\"", name);
                break;
            }
        }
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++) {
            known = strcmp(allowed[i], name) == 0;
        }
        if (!known) {
            ctx_error(&r->ctx, place,
                      "unknown field \"%.40s\"; a session report holds only "
                      "counts, ids and each team's colour and token",
                      name);
        }
    }
}

static const cJSON *get_field(Reader *r, const cJSON *obj, const char *path, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        char place[128];
        join(place, sizeof place, path, name);
        ctx_error(&r->ctx, place, "missing required field \"%s\"", name);
    }
    return v;
}

static bool read_int(Reader *r, const cJSON *obj, const char *path, const char *name, int min,
                     int max, int *out)
{
    char place[128];
    const cJSON *v = get_field(r, obj, path, name);
    if (!v) {
        return false;
    }
    join(place, sizeof place, path, name);
    /* floor(), not a cast to long long: converting a double beyond the range of the integer
     * type (1e30 in a damaged file) is undefined behaviour. */
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)) {
        ctx_error(&r->ctx, place, "must be a whole number, not %s",
                  cJSON_IsNumber(v) ? "a fraction" : type_name(v));
        return false;
    }
    if (!(v->valuedouble >= min && v->valuedouble <= max)) {
        ctx_error(&r->ctx, place, "%.0f is out of range (%d to %d)", v->valuedouble, min, max);
        return false;
    }
    *out = (int)v->valuedouble;
    return true;
}

/* A string field checked by ok(); what names the form for the message. */
static bool read_string(Reader *r, const cJSON *obj, const char *path, const char *name,
                        bool (*ok)(const char *), const char *what, char *out, size_t size)
{
    char place[128];
    const cJSON *v = get_field(r, obj, path, name);
    if (!v) {
        return false;
    }
    join(place, sizeof place, path, name);
    if (!cJSON_IsString(v)) {
        ctx_error(&r->ctx, place, "must be a string, not %s", type_name(v));
        return false;
    }
    if (strlen(v->valuestring) >= size || !ok(v->valuestring)) {
        ctx_error(&r->ctx, place, "must be %s", what);
        return false;
    }
    snprintf(out, size, "%s", v->valuestring);
    return true;
}

static const cJSON *read_object(Reader *r, const cJSON *obj, const char *path, const char *name,
                                const char *const *fields)
{
    char place[128];
    const cJSON *v = get_field(r, obj, path, name);
    if (!v) {
        return NULL;
    }
    join(place, sizeof place, path, name);
    if (!cJSON_IsObject(v)) {
        ctx_error(&r->ctx, place, "must be an object, not %s", type_name(v));
        return NULL;
    }
    check_fields(r, v, place, fields);
    return v;
}

static const cJSON *read_array(Reader *r, const cJSON *obj, const char *name, int min, int max)
{
    const cJSON *v = get_field(r, obj, "", name);
    if (!v) {
        return NULL;
    }
    if (!cJSON_IsArray(v)) {
        ctx_error(&r->ctx, name, "must be an array, not %s", type_name(v));
        return NULL;
    }
    int n = cJSON_GetArraySize(v);
    if (n < min || n > max) {
        ctx_error(&r->ctx, name, "has %d entries; a report has %d to %d", n, min, max);
        return NULL;
    }
    return v;
}

static bool is_id(const char *s)
{
    return content_is_id(s);
}

static bool is_shape(const char *s)
{
    return report_shape_from_name(s) >= 0;
}

static bool is_colour(const char *s)
{
    uint32_t c;
    return parse_colour(s, &c);
}

static bool is_end(const char *s)
{
    return report_end_from_name(s) >= 0;
}

static bool is_type(const char *s)
{
    return strcmp(s, REPORT_TYPE) == 0;
}

static void read_teams(Reader *r, const cJSON *root, SessionReport *report)
{
    static const char *const fields[] = {"colour", "shape", "points", NULL};
    const cJSON *teams = read_array(r, root, "teams", GAMEDEF_MIN_TEAMS, GAMEDEF_MAX_TEAMS);
    if (!teams) {
        return;
    }
    int i = 0;
    for (const cJSON *t = teams->child; t; t = t->next, i++) {
        char path[32];
        snprintf(path, sizeof path, "teams[%d]", i);
        if (!cJSON_IsObject(t)) {
            ctx_error(&r->ctx, path, "must be an object, not %s", type_name(t));
            continue;
        }
        check_fields(r, t, path, fields);
        ReportTeam *team = &report->teams[i];
        char colour[8];
        if (read_string(r, t, path, "colour", is_colour, "a colour such as \"#E69F00\"", colour,
                        sizeof colour)) {
            parse_colour(colour, &team->colour);
        }
        read_string(r, t, path, "shape", is_shape,
                    "a token shape (circle, square, triangle, diamond, pentagon, hexagon, star "
                    "or cross)",
                    team->shape, sizeof team->shape);
        read_int(r, t, path, "points", 0, REPORT_LIMIT_COUNT, &team->points);
    }
    report->team_count = i;
}

static void read_topics(Reader *r, const cJSON *root, SessionReport *report)
{
    static const char *const fields[] = {"id", "on", "cards", NULL};
    const cJSON *topics = read_array(r, root, "topics", 0, REPORT_MAX_TOPICS);
    if (!topics) {
        return;
    }
    int i = 0;
    for (const cJSON *t = topics->child; t; t = t->next, i++) {
        char path[32];
        char place[48];
        snprintf(path, sizeof path, "topics[%d]", i);
        if (!cJSON_IsObject(t)) {
            ctx_error(&r->ctx, path, "must be an object, not %s", type_name(t));
            continue;
        }
        check_fields(r, t, path, fields);
        ReportTopic *topic = &report->topics[i];
        if (read_string(r, t, path, "id", is_id, "a topic id (lowercase a-z, 0-9 and '-')",
                        topic->id, sizeof topic->id)) {
            for (int j = 0; j < i; j++) {
                if (strcmp(report->topics[j].id, topic->id) == 0) {
                    join(place, sizeof place, path, "id");
                    ctx_error(&r->ctx, place, "duplicate topic \"%s\" (also topics[%d])", topic->id,
                              j);
                    break;
                }
            }
        }
        const cJSON *on = get_field(r, t, path, "on");
        if (on && !cJSON_IsBool(on)) {
            join(place, sizeof place, path, "on");
            ctx_error(&r->ctx, place, "must be true or false, not %s", type_name(on));
        }
        topic->on = cJSON_IsTrue(on);
        read_int(r, t, path, "cards", 0, REPORT_LIMIT_COUNT, &topic->cards);
    }
    report->topic_count = i;
}

static void read_root(Reader *r, const cJSON *root, SessionReport *report)
{
    static const char *const fields[] = {
        "type",   "format", "started", "minutes", "pack",  "language", "region", "teams",
        "rounds", "turns",  "ended",   "cards",   "votes", "kinds",    "topics", NULL};
    static const char *const pack_fields[] = {"id", "version", NULL};
    static const char *const card_fields[] = {"drawn",  "discussed", "open_talks",
                                              "passes", "skips",     NULL};
    const char *kind_fields[CARD_KIND_COUNT + 1];
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        kind_fields[k] = gamedef_card_kind_name((CardKind)k);
    }
    kind_fields[CARD_KIND_COUNT] = NULL;
    static const char *const vote_fields[] = {"agree", "disagree", "unsure", NULL};

    if (!cJSON_IsObject(root)) {
        ctx_error(&r->ctx, "-", "a session report is a JSON object, not %s", type_name(root));
        return;
    }
    char type[32];
    if (!read_string(r, root, "", "type", is_type, "\"" REPORT_TYPE "\"", type, sizeof type)) {
        return; /* not a report at all: one message is enough */
    }
    if (!read_int(r, root, "", "format", 1, INT_MAX, &report->format)) {
        return;
    }
    if (report->format > REPORT_FORMAT_VERSION) {
        ctx_error(&r->ctx, "format",
                  "written by a newer Rutas (format %d); this version reads format %d",
                  report->format, REPORT_FORMAT_VERSION);
        return;
    }
    check_fields(r, root, "", fields);
    read_string(r, root, "", "started", is_started, "a local time such as \"2026-03-14 09:05\"",
                report->started, sizeof report->started);
    read_int(r, root, "", "minutes", 0, REPORT_LIMIT_MINUTES, &report->minutes);
    const cJSON *pack = read_object(r, root, "", "pack", pack_fields);
    if (pack) {
        read_string(r, pack, "pack", "id", is_id, "a pack id (lowercase a-z, 0-9 and '-')",
                    report->pack_id, sizeof report->pack_id);
        read_string(r, pack, "pack", "version", is_version, "a version such as \"1.0.0\"",
                    report->pack_version, sizeof report->pack_version);
    }
    read_string(r, root, "", "language", is_tag, "a BCP 47 language tag such as \"es-MX\"",
                report->language, sizeof report->language);
    const cJSON *region = get_field(r, root, "", "region");
    if (region && !cJSON_IsNull(region)) {
        read_string(r, root, "", "region", is_region,
                    "a two-letter country code such as \"MX\", or null", report->region,
                    sizeof report->region);
    }
    read_teams(r, root, report);
    read_int(r, root, "", "rounds", 1, REPORT_LIMIT_COUNT, &report->rounds);
    read_int(r, root, "", "turns", 0, REPORT_LIMIT_COUNT, &report->turns);
    char ended[16];
    if (read_string(r, root, "", "ended", is_end,
                    "one of rounds, time, facilitator, coop_goal, unfinished", ended,
                    sizeof ended)) {
        report->ended = (ReportEnd)report_end_from_name(ended);
    }
    const cJSON *cards = read_object(r, root, "", "cards", card_fields);
    if (cards) {
        read_int(r, cards, "cards", "drawn", 0, REPORT_LIMIT_COUNT, &report->cards_drawn);
        read_int(r, cards, "cards", "discussed", 0, REPORT_LIMIT_COUNT, &report->cards_discussed);
        read_int(r, cards, "cards", "open_talks", 0, REPORT_LIMIT_COUNT, &report->open_talks);
        read_int(r, cards, "cards", "passes", 0, REPORT_LIMIT_COUNT, &report->passes);
        read_int(r, cards, "cards", "skips", 0, REPORT_LIMIT_COUNT, &report->skips);
    }
    const cJSON *votes = read_object(r, root, "", "votes", vote_fields);
    for (int i = 0; votes && i < 3; i++) {
        read_int(r, votes, "votes", VOTE_NAMES[i], 0, REPORT_LIMIT_COUNT, &report->votes[i]);
    }
    const cJSON *kinds = read_object(r, root, "", "kinds", kind_fields);
    long long kind_sum = 0;
    for (int k = 0; kinds && k < CARD_KIND_COUNT; k++) {
        read_int(r, kinds, "kinds", kind_fields[k], 0, REPORT_LIMIT_COUNT, &report->by_kind[k]);
        kind_sum += report->by_kind[k];
    }
    read_topics(r, root, report);
    if (r->ctx.error_count > 0) {
        return;
    }
    /* What the counts must agree on; a file edited by hand or damaged may not. */
    if (kind_sum != report->cards_discussed) {
        ctx_error(&r->ctx, "kinds", "the kinds add up to %lld cards, but cards.discussed is %d",
                  kind_sum, report->cards_discussed);
    }
    long long topic_sum = 0;
    for (int t = 0; t < report->topic_count; t++) {
        topic_sum += report->topics[t].cards;
    }
    if (topic_sum > report->cards_discussed) {
        ctx_error(&r->ctx, "topics",
                  "the topics add up to %lld cards, more than cards.discussed "
                  "(%d)",
                  topic_sum, report->cards_discussed);
    }
}

/* A report cut off while it was copied is the likeliest damage: say so at the end of the
 * file, rather than at whatever token cJSON stumbles on (a key cut in half, say). */
static bool is_cut_off(Ctx *ctx, const char *text, size_t size)
{
    int depth = 0;
    bool in_string = false;
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < size; i++) {
        char c = text[i];
        if (c == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)c & 0xC0) != 0x80) {
            column++;
        }
        if (in_string) {
            if (c == '\n') {
                return false; /* a missing '"': the parser says where */
            }
            if (c == '\\' && i + 1 < size) {
                i++;
                column++;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > PACK_LIMIT_DEPTH) {
                return false; /* too deep: the parser's pre-scan says so */
            }
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    if (!in_string && depth <= 0) {
        return false;
    }
    char place[32];
    snprintf(place, sizeof place, "%d:%d", line, column);
    ctx_error(ctx, place,
              "the file ends too early: it was cut off (an unfinished copy or a full disk?)");
    return true;
}

bool report_parse(const char *text, size_t size, const char *file, SessionReport *report,
                  PackErrors *errors)
{
    Reader r = {{errors, file ? file : "-", 0}};
    memset(report, 0, sizeof *report);
    if (size > REPORT_LIMIT_BYTES) {
        ctx_error(&r.ctx, "-", "file is too large (%zu bytes; a report is at most %u)", size,
                  REPORT_LIMIT_BYTES);
        return false;
    }
    if (size > 0 && is_cut_off(&r.ctx, text, size)) {
        goto fail;
    }
    cJSON *root = content_parse_json(&r.ctx, text, size);
    if (!root) {
        if (r.ctx.error_count == 0) {
            ctx_error(&r.ctx, "-", "not a JSON file");
        }
        goto fail;
    }
    read_root(&r, root, report);
    cJSON_Delete(root);
    if (r.ctx.error_count > 0) {
        goto fail;
    }
    return true;
fail:
    memset(report, 0, sizeof *report);
    return false;
}

bool report_read(const char *path, SessionReport *report, PackErrors *errors)
{
    Ctx ctx = {errors, path, 0};
    char *text = NULL;
    bool ok = false;
    struct stat st;
    FILE *f = NULL;
    memset(report, 0, sizeof *report);
    f = fopen(path, "rb");
    if (!f) {
        ctx_error(&ctx, "-", "cannot open: %s", strerror(errno));
        goto fail;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        ctx_error(&ctx, "-", "not a regular file");
        goto fail;
    }
    if ((unsigned long long)st.st_size > REPORT_LIMIT_BYTES) {
        ctx_error(&ctx, "-", "file is too large (%lld bytes; a report is at most %u)",
                  (long long)st.st_size, REPORT_LIMIT_BYTES);
        goto fail;
    }
    size_t n = (size_t)st.st_size;
    text = content_xrealloc(NULL, n + 1);
    if (fread(text, 1, n, f) != n || fgetc(f) != EOF) {
        ctx_error(&ctx, "-", "cannot read: the file changed while it was read");
        goto fail;
    }
    text[n] = '\0';
    ok = report_parse(text, n, path, report, errors);
fail:
    if (f) {
        fclose(f);
    }
    free(text);
    return ok;
}

/* ---- Merging ------------------------------------------------------------------------------ */

void report_summary_init(ReportSummary *summary)
{
    memset(summary, 0, sizeof *summary);
}

static void count_name(ReportSummary *summary, ReportNameCount *list, int *count, const char *name)
{
    for (int i = 0; i < *count; i++) {
        if (strcmp(list[i].name, name) == 0) {
            list[i].sessions++;
            return;
        }
    }
    if (*count == REPORT_SUMMARY_MAX_NAMES) {
        summary->names_dropped++;
        return;
    }
    snprintf(list[*count].name, sizeof list[*count].name, "%s", name);
    list[*count].sessions = 1;
    (*count)++;
}

void report_summary_add(ReportSummary *summary, const SessionReport *report)
{
    summary->sessions++;
    if (!summary->first[0] || strcmp(report->started, summary->first) < 0) {
        snprintf(summary->first, sizeof summary->first, "%s", report->started);
    }
    if (strcmp(report->started, summary->last) > 0) {
        snprintf(summary->last, sizeof summary->last, "%s", report->started);
    }
    if (summary->sessions == 1 || report->team_count < summary->teams_min) {
        summary->teams_min = report->team_count;
    }
    if (report->team_count > summary->teams_max) {
        summary->teams_max = report->team_count;
    }
    summary->teams_total += report->team_count;
    summary->minutes += report->minutes;
    summary->rounds += report->rounds;
    summary->turns += report->turns;
    summary->cards_drawn += report->cards_drawn;
    summary->cards_discussed += report->cards_discussed;
    summary->open_talks += report->open_talks;
    summary->passes += report->passes;
    summary->skips += report->skips;
    for (int i = 0; i < 3; i++) {
        summary->votes[i] += report->votes[i];
    }
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        summary->by_kind[k] += report->by_kind[k];
    }
    if ((int)report->ended >= 0 && (int)report->ended < REPORT_END_COUNT) {
        summary->ended[report->ended]++;
    }
    for (int t = 0; t < report->topic_count && t < REPORT_MAX_TOPICS; t++) {
        const ReportTopic *topic = &report->topics[t];
        int i = 0;
        while (i < summary->topic_count && strcmp(summary->topics[i].id, topic->id) != 0) {
            i++;
        }
        if (i == summary->topic_count) {
            if (i == REPORT_SUMMARY_MAX_TOPICS) {
                summary->topics_dropped++;
                continue;
            }
            snprintf(summary->topics[i].id, sizeof summary->topics[i].id, "%s", topic->id);
            summary->topic_count++;
        }
        ReportTopicTotal *total = &summary->topics[i];
        total->sessions_on += topic->on;
        total->sessions_covered += topic->cards > 0;
        total->cards += topic->cards;
    }
    char pack[sizeof summary->packs[0].name];
    snprintf(pack, sizeof pack, "%s %s", report->pack_id, report->pack_version);
    count_name(summary, summary->packs, &summary->pack_count, pack);
    count_name(summary, summary->languages, &summary->language_count, report->language);
}

void report_merge(const SessionReport *reports, int count, ReportSummary *summary)
{
    report_summary_init(summary);
    for (int i = 0; i < count; i++) {
        report_summary_add(summary, &reports[i]);
    }
}
