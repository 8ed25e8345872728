/*
 * report.h: the anonymous session report, and merging many of them for an NGO's monitoring.
 *
 * At the end of a session the app builds a SessionReport from the GameState and what it knows
 * (the start time, the duration, the language, the region, each team's colour and token) and
 * writes it as rutas-session-YYYYMMDD-HHMM.json and a readable .md beside it. `rutas report`
 * reads many of those files back and merges them into one table. docs/session-report.md
 * describes the files for the organisations that collect them.
 *
 * No personal data (DESIGN.md section 2): a report holds counts, ids the pack defines, and each
 * team's colour and token shape. The API takes no team names and no free text at all, and every
 * string a report holds is checked against a closed form (a date, an id, a language tag, a
 * region code, a colour, a known shape name), both when it is built and when it is read, so a
 * name cannot enter a report file or pass through `rutas report`.
 *
 * Part of the content module (the only one that includes cJSON); no SDL. Report files are
 * untrusted input when read: size-limited, nesting-limited, UTF-8 checked, every field typed
 * and ranged, unknown and duplicate fields rejected; errors go into a PackErrors value as
 * `file: place: message`.
 *
 * Ownership: a SessionReport and a ReportSummary are plain values that own no memory (fixed
 * arrays); copy them with `=`. Nothing here keeps a pointer to its arguments. The caller owns
 * the PackErrors it passes (pack_errors_clear).
 */
#ifndef RUTAS_REPORT_H
#define RUTAS_REPORT_H

#include "gamedef.h"
#include "i18n.h"
#include "pack.h"
#include "rules.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_FORMAT_VERSION 1
#define REPORT_LIMIT_BYTES    (256u * 1024u) /* a report file */
#define REPORT_LIMIT_COUNT    1000000        /* any one count in a report */
#define REPORT_LIMIT_MINUTES  (7 * 24 * 60)  /* a session's duration */
#define REPORT_MAX_TOPICS     GAMEDEF_MAX_TOPICS
#define REPORT_ID_MAX         (PACK_LIMIT_ID + 1)
#define REPORT_VERSION_MAX    32
#define REPORT_STARTED_MAX    17 /* "YYYY-MM-DD HH:MM" and its NUL */
#define REPORT_SHAPE_MAX      16

/* How the session ended: the first four in the order of GameOverReason. */
typedef enum ReportEnd {
    REPORT_END_ROUNDS,
    REPORT_END_TIME,
    REPORT_END_FACILITATOR,
    REPORT_END_COOP_GOAL,
    REPORT_END_UNFINISHED, /* the state was not over (the window was closed mid-game) */
    REPORT_END_COUNT
} ReportEnd;

/* "rounds", "time", "facilitator", "coop_goal", "unfinished"; NULL when out of range. */
const char *report_end_name(ReportEnd end);
int report_end_from_name(const char *name); /* -1 when unknown */

/* Token shapes a report may name, in the order of the renderer's TokenShape: "circle",
 * "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross". */
#define REPORT_SHAPE_COUNT 8
const char *report_shape_name(int shape);     /* NULL when out of range */
int report_shape_from_name(const char *name); /* -1 when unknown */

/* One team's look: all a report knows of a team. */
typedef struct ReportTeamLook {
    uint32_t colour; /* 0xRRGGBB */
    int shape;       /* 0 .. REPORT_SHAPE_COUNT-1 (report_shape_name) */
} ReportTeamLook;

/* What the app knows beside the GameState. The strings are borrowed for the call only. */
typedef struct ReportContext {
    const char *started;  /* local start time, "YYYY-MM-DD HH:MM" */
    int minutes;          /* duration (clamped to 0 .. REPORT_LIMIT_MINUTES) */
    const char *language; /* BCP 47 tag of the session's language, e.g. "es-MX" */
    const char *region;   /* ISO 3166-1 alpha-2 of the help lines, e.g. "MX"; NULL or "": none */
    ReportTeamLook teams[GAMEDEF_MAX_TEAMS]; /* the first state->team_count are used */
} ReportContext;

typedef struct ReportTeam {
    uint32_t colour;
    char shape[REPORT_SHAPE_MAX];
    int points;
} ReportTeam;

typedef struct ReportTopic {
    char id[REPORT_ID_MAX];
    bool on;   /* the facilitator left the topic switched on */
    int cards; /* cards of the topic's deck discussed (completed) */
} ReportTopic;

typedef struct SessionReport {
    int format; /* REPORT_FORMAT_VERSION */
    char started[REPORT_STARTED_MAX];
    int minutes;
    char pack_id[REPORT_ID_MAX];
    char pack_version[REPORT_VERSION_MAX];
    char language[I18N_TAG_MAX];
    char region[3]; /* "" when none was set */
    int team_count;
    ReportTeam teams[GAMEDEF_MAX_TEAMS];
    int rounds; /* the round reached (1-based) */
    int turns;
    ReportEnd ended;
    int cards_drawn;
    int cards_discussed; /* cards completed: the sum of by_kind */
    int open_talks;      /* stops discussed without a card */
    int passes;
    int skips;
    int votes[3]; /* agree, disagree, unsure, summed over the agree cards */
    int by_kind[CARD_KIND_COUNT];
    int topic_count; /* every topic of the pack, in pack order */
    ReportTopic topics[REPORT_MAX_TOPICS];
} SessionReport;

/* Fills *report from a game (over or not) and its context. Returns false, with a message in
 * err (may be NULL), when the context is not well formed (a start time, language, region,
 * shape or pack id/version of the wrong form); *report is then zeroed. */
bool report_from_game(const GameState *state, const ReportContext *context, SessionReport *report,
                      char *err, size_t err_size);

/* Writes rutas-session-YYYYMMDD-HHMM.json and .md into the existing folder dir (a "-2", "-3",
 * ... suffix when a report of the same minute is already there). Each file is written to a
 * temporary file, flushed, synced and renamed, so a crash leaves the old state or the whole
 * file. lang picks the Markdown's headings: Spanish for "es*", English otherwise (NULL: the
 * report's language). i18n (may be NULL) gives topic names ("topic.<id>.name"); ids otherwise.
 * The paths written go to json_path and md_path (either may be NULL). Returns false with a
 * message in err (may be NULL) on any failure; no partial file is left behind. */
bool report_write(const SessionReport *report, const char *dir, const char *lang, const I18n *i18n,
                  char *json_path, size_t json_path_size, char *md_path, size_t md_path_size,
                  char *err, size_t err_size);

/* The JSON text of a report; the caller frees it with free(). Aborts when out of memory. */
char *report_to_json(const SessionReport *report);
/* The Markdown text of a report (see report_write for lang and i18n); free() it. */
char *report_to_markdown(const SessionReport *report, const char *lang, const I18n *i18n);

/* Reads a report file. Every problem goes to errors (may be NULL) as file (path as given),
 * place (a JSON path such as "teams[2].colour", or line:column for syntax errors) and
 * message. Returns false if any was found; *report is then zeroed. */
bool report_read(const char *path, SessionReport *report, PackErrors *errors);
/* The same for JSON text in memory; file names it in messages. */
bool report_parse(const char *text, size_t size, const char *file, SessionReport *report,
                  PackErrors *errors);

/* ---- Merging ------------------------------------------------------------------------------ */

#define REPORT_SUMMARY_MAX_TOPICS 256
#define REPORT_SUMMARY_MAX_NAMES  32

typedef struct ReportTopicTotal {
    char id[REPORT_ID_MAX];
    int sessions_on;      /* sessions in which the topic was switched on */
    int sessions_covered; /* sessions in which at least one of its cards was discussed */
    long long cards;
} ReportTopicTotal;

/* A pack ("rutas 1.0.0") or a language, and the number of sessions that used it. */
typedef struct ReportNameCount {
    char name[REPORT_ID_MAX + REPORT_VERSION_MAX];
    int sessions;
} ReportNameCount;

typedef struct ReportSummary {
    int sessions;
    char first[REPORT_STARTED_MAX]; /* earliest and latest start, "" with no session */
    char last[REPORT_STARTED_MAX];
    int teams_min, teams_max;
    long long teams_total;
    long long minutes, rounds, turns;
    long long cards_drawn, cards_discussed, open_talks, passes, skips;
    long long votes[3];
    long long by_kind[CARD_KIND_COUNT];
    int ended[REPORT_END_COUNT];
    int topic_count; /* in order of first appearance */
    ReportTopicTotal topics[REPORT_SUMMARY_MAX_TOPICS];
    int topics_dropped; /* distinct topic ids beyond REPORT_SUMMARY_MAX_TOPICS */
    int pack_count;
    ReportNameCount packs[REPORT_SUMMARY_MAX_NAMES];
    int language_count;
    ReportNameCount languages[REPORT_SUMMARY_MAX_NAMES];
    int names_dropped; /* packs or languages beyond REPORT_SUMMARY_MAX_NAMES */
} ReportSummary;

void report_summary_init(ReportSummary *summary);
/* Adds one session. Topics are merged by id across packs (ids are stable). */
void report_summary_add(ReportSummary *summary, const SessionReport *report);
/* report_summary_init, then report_summary_add for each of count reports. */
void report_merge(const SessionReport *reports, int count, ReportSummary *summary);

#endif
