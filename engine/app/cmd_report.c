/*
 * cmd_report.c: `rutas report [--format md|csv] FOLDER...`
 *
 * Reads every session report (rutas-session-*.json) in the folders and their subfolders,
 * merges them and prints one table for an NGO's monitoring: sessions, dates, teams per session,
 * minutes, topics covered, cards by kind, votes, passes and skips. The reports are anonymous and
 * so is the table. A file that is not a valid report is named on stderr with its problem and
 * left out; the exit status is then 1. Usage errors exit 2.
 */
#include "commands.h"
#include "report.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPORT_DIR_DEPTH 16      /* subfolders followed below each FOLDER */
#define REPORT_FILES_MAX 1000000 /* files read in one run */

typedef struct PathList {
    char **items;
    int count;
    int capacity;
    bool truncated;
} PathList;

static void usage(FILE *out)
{
    fputs("usage: rutas report [--format md|csv] FOLDER...\n"
          "\n"
          "Merges the anonymous session reports (rutas-session-*.json) found in each FOLDER and\n"
          "its subfolders into one table: sessions, dates, teams per session, minutes, topics\n"
          "covered, cards by kind, votes, passes and skips. A file that is not a valid report\n"
          "is named with its problem and left out (exit status 1).\n"
          "\n"
          "  --format md   a Markdown table (the default)\n"
          "  --format csv  comma-separated measure,item,value rows for a spreadsheet\n"
          "  --help        show this help\n",
          out);
}

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    return q;
}

static void list_add(PathList *list, const char *path)
{
    if (list->count >= REPORT_FILES_MAX) {
        list->truncated = true;
        return;
    }
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 64;
        list->items = xrealloc(list->items, (size_t)list->capacity * sizeof *list->items);
    }
    size_t n = strlen(path) + 1;
    list->items[list->count] = xrealloc(NULL, n);
    memcpy(list->items[list->count++], path, n);
}

static void list_free(PathList *list)
{
    for (int i = 0; i < list->count; i++) {
        free(list->items[i]);
    }
    free(list->items);
}

static bool is_report_name(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "rutas-session-", 14) == 0 && n > 19 && strcmp(name + n - 5, ".json") == 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the reports under dir, sorted by path. Links to folders are not followed, so a loop
 * cannot trap the walk. Returns false when dir cannot be read. */
static bool collect(const char *dir, int depth, PathList *list)
{
    DIR *d = opendir(dir);
    if (!d) {
        return false;
    }
    int first = list->count;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        struct stat st;
        if (e->d_name[0] == '.' ||
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            lstat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth < REPORT_DIR_DEPTH) {
                collect(path, depth + 1, list);
            }
        } else if (is_report_name(e->d_name)) {
            list_add(list, path);
        }
    }
    closedir(d);
    qsort(list->items + first, (size_t)(list->count - first), sizeof *list->items, compare_paths);
    return true;
}

/* ---- Output ------------------------------------------------------------------------------- */

static const char *const END_LABELS[REPORT_END_COUNT] = {"after the last round", "time was up",
                                                         "by the facilitator",
                                                         "shared goal reached", "not finished"};
static const char *const VOTE_NAMES[3] = {"agree", "disagree", "unsure"};

static double teams_average(const ReportSummary *s)
{
    return s->sessions ? (double)s->teams_total / s->sessions : 0.0;
}

static void print_md(const ReportSummary *s)
{
    printf("# Rutas sessions\n\n| Measure | Value |\n|---|---:|\n");
    printf("| Sessions | %d |\n", s->sessions);
    printf("| First session | %s |\n", s->first);
    printf("| Last session | %s |\n", s->last);
    printf("| Teams per session, average | %.1f |\n", teams_average(s));
    printf("| Teams per session, fewest | %d |\n", s->teams_min);
    printf("| Teams per session, most | %d |\n", s->teams_max);
    printf("| Minutes in all | %lld |\n", s->minutes);
    printf("| Rounds | %lld |\n", s->rounds);
    printf("| Turns | %lld |\n", s->turns);
    printf("| Cards drawn | %lld |\n", s->cards_drawn);
    printf("| Cards discussed | %lld |\n", s->cards_discussed);
    printf("| Open discussions (no card left) | %lld |\n", s->open_talks);
    printf("| Passes | %lld |\n", s->passes);
    printf("| Cards skipped | %lld |\n", s->skips);
    for (int i = 0; i < 3; i++) {
        printf("| Votes: %s | %lld |\n", VOTE_NAMES[i], s->votes[i]);
    }
    for (int i = 0; i < REPORT_END_COUNT; i++) {
        if (s->ended[i] > 0) {
            printf("| Sessions ended %s | %d |\n", END_LABELS[i], s->ended[i]);
        }
    }

    printf("\n## Topics\n\n| Topic | Sessions that discussed it | Sessions with it on | Cards "
           "|\n|---|---:|---:|---:|\n");
    for (int i = 0; i < s->topic_count; i++) {
        const ReportTopicTotal *t = &s->topics[i];
        printf("| %s | %d | %d | %lld |\n", t->id, t->sessions_covered, t->sessions_on, t->cards);
    }
    if (s->topics_dropped > 0) {
        printf("\n%d more topics are not shown.\n", s->topics_dropped);
    }

    printf("\n## Cards by kind\n\n| Kind | Cards |\n|---|---:|\n");
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        printf("| %s | %lld |\n", gamedef_card_kind_name((CardKind)k), s->by_kind[k]);
    }

    printf("\n## Packs and languages\n\n| Pack or language | Sessions |\n|---|---:|\n");
    for (int i = 0; i < s->pack_count; i++) {
        printf("| pack %s | %d |\n", s->packs[i].name, s->packs[i].sessions);
    }
    for (int i = 0; i < s->language_count; i++) {
        printf("| language %s | %d |\n", s->languages[i].name, s->languages[i].sessions);
    }
}

/* The values are ids, tags, dates and numbers; quote anyway if one ever holds a comma. */
static void csv_row(const char *measure, const char *item, const char *value)
{
    const char *fields[3] = {measure, item, value};
    for (int i = 0; i < 3; i++) {
        const char *f = fields[i];
        if (strpbrk(f, ",\"\n\r")) {
            putchar('"');
            for (; *f; f++) {
                if (*f == '"') {
                    putchar('"');
                }
                putchar(*f);
            }
            putchar('"');
        } else {
            fputs(f, stdout);
        }
        putchar(i < 2 ? ',' : '\n');
    }
}

static void csv_count(const char *measure, const char *item, long long value)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", value);
    csv_row(measure, item, text);
}

static void print_csv(const ReportSummary *s)
{
    static const char *const ends[REPORT_END_COUNT] = {"rounds", "time", "facilitator", "coop_goal",
                                                       "unfinished"};
    char text[32];
    csv_row("measure", "item", "value");
    csv_count("sessions", "", s->sessions);
    csv_row("first_session", "", s->first);
    csv_row("last_session", "", s->last);
    snprintf(text, sizeof text, "%.2f", teams_average(s));
    csv_row("teams_average", "", text);
    csv_count("teams_min", "", s->teams_min);
    csv_count("teams_max", "", s->teams_max);
    csv_count("minutes", "", s->minutes);
    csv_count("rounds", "", s->rounds);
    csv_count("turns", "", s->turns);
    csv_count("cards_drawn", "", s->cards_drawn);
    csv_count("cards_discussed", "", s->cards_discussed);
    csv_count("open_talks", "", s->open_talks);
    csv_count("passes", "", s->passes);
    csv_count("skips", "", s->skips);
    for (int i = 0; i < 3; i++) {
        csv_count("votes", VOTE_NAMES[i], s->votes[i]);
    }
    for (int i = 0; i < REPORT_END_COUNT; i++) {
        csv_count("ended", ends[i], s->ended[i]);
    }
    for (int i = 0; i < s->topic_count; i++) {
        csv_count("topic_sessions_discussed", s->topics[i].id, s->topics[i].sessions_covered);
        csv_count("topic_sessions_on", s->topics[i].id, s->topics[i].sessions_on);
        csv_count("topic_cards", s->topics[i].id, s->topics[i].cards);
    }
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        csv_count("kind_cards", gamedef_card_kind_name((CardKind)k), s->by_kind[k]);
    }
    for (int i = 0; i < s->pack_count; i++) {
        csv_count("pack_sessions", s->packs[i].name, s->packs[i].sessions);
    }
    for (int i = 0; i < s->language_count; i++) {
        csv_count("language_sessions", s->languages[i].name, s->languages[i].sessions);
    }
}

static void print_errors(const PackErrors *errors)
{
    char line[2048];
    for (int i = 0; i < errors->count; i++) {
        pack_error_format(&errors->items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (errors->dropped > 0) {
        fprintf(stderr, "... and %d more problems not shown\n", errors->dropped);
    }
}

int cmd_report(int argc, char **argv)
{
    bool csv = false;
    int folders = 0;
    int bad = 0;
    int status = 2;
    PathList files = {NULL, 0, 0, false};
    ReportSummary *summary = xrealloc(NULL, sizeof *summary); /* too big for a small stack */
    report_summary_init(summary);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            status = 0;
            goto done;
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
            if (strcmp(v, "md") != 0 && strcmp(v, "csv") != 0) {
                fprintf(stderr, "rutas report: --format takes md or csv, not '%s'\n", v);
                goto done;
            }
            csv = strcmp(v, "csv") == 0;
        } else if (strcmp(a, "--") == 0) {
            folders += argc - i - 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "rutas report: unknown option %s\n", a);
            usage(stderr);
            goto done;
        } else {
            folders++;
        }
    }
    if (folders == 0) {
        fprintf(stderr, "rutas report: no FOLDER given\n");
        usage(stderr);
        goto done;
    }

    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && strcmp(a, "--format") == 0) {
            i++;
            continue;
        }
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            continue;
        }
        struct stat st;
        if (stat(a, &st) == 0 && S_ISREG(st.st_mode)) {
            list_add(&files, a); /* a report named on its own */
        } else if (stat(a, &st) != 0 || !S_ISDIR(st.st_mode) || !collect(a, 0, &files)) {
            fprintf(stderr, "%s: -: not a folder that can be read\n", a);
            bad++;
        }
    }
    if (files.truncated) {
        fprintf(stderr, "rutas report: only the first %d reports were read\n", REPORT_FILES_MAX);
    }

    for (int i = 0; i < files.count; i++) {
        SessionReport report;
        PackErrors errors;
        pack_errors_init(&errors);
        if (report_read(files.items[i], &report, &errors)) {
            report_summary_add(summary, &report);
        } else {
            print_errors(&errors);
            bad++;
        }
        pack_errors_clear(&errors);
    }

    if (summary->sessions == 0) {
        fprintf(stderr, "rutas report: no valid session report (rutas-session-*.json) found\n");
        status = 1;
        goto done;
    }
    if (csv) {
        print_csv(summary);
    } else {
        print_md(summary);
    }
    if (bad > 0) {
        fprintf(stderr, "rutas report: %d file%s or folder%s left out\n", bad, bad == 1 ? "" : "s",
                bad == 1 ? "" : "s");
    }
    status = bad > 0 ? 1 : 0;
done:
    list_free(&files);
    free(summary);
    return status;
}
