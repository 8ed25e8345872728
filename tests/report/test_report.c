/*
 * test_report.c: the anonymous session report. Whole headless games (bots on the demo board and
 * on the shipped Rutas pack) become reports that are written, read back equal and merged; the
 * files hold no team name and no string outside a closed set of forms; broken, truncated and
 * hostile files are rejected naming file and place; writing is atomic and never overwrites.
 */
#include "bot.h"
#include "pack.h"
#include "report.h"
#include "rules.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static char source_dir[PATH_MAX];

/* The test's own record of each team: the names the facilitator typed at setup. The report
 * API never sees them; the files are searched for them afterwards. */
typedef struct TestTeam {
    const char *name;
    uint32_t colour;
    int shape;
} TestTeam;

static const TestTeam TEAMS[GAMEDEF_MAX_TEAMS] = {
    {"Xochiquetzal Brigade", 0xE69F00, 0}, {"Marisol Pérez", 0x56B4E9, 1},
    {"Zacatecas Tigers", 0x009E73, 2},     {"Quokka Wanderers", 0xF0E442, 3},
    {"Itzel Huerta", 0x0072B2, 4},         {"Los Búhos de Oaxaca", 0xD55E00, 5},
    {"Team Valentín", 0xCC79A7, 6},        {"Ximena Ortega", 0x000000, 7},
};

/* snprintf without GCC's truncation warnings: test paths are short. */
static void fmt(char *out, size_t size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fmt(char *out, size_t size, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(out, size, format, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < size);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void write_text(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
}

static void make_temp_dir(char *out, size_t size)
{
    fmt(out, size, "%s/rutas-report-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(out));
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            fmt(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d) {
        closedir(d);
    }
    rmdir(dir);
}

static int count_files(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
        assert_null(strstr(e->d_name, ".tmp-")); /* no temporary file left behind */
    }
    if (d) {
        closedir(d);
    }
    return n;
}

/* Plays a whole game with bots. max_moves < 0: to the end; else the facilitator ends it (or
 * time runs out, when time_up) after that many moves. */
static void play(GameState *state, const GameDef *def, const GameConfig *config, uint64_t seed,
                 int max_moves, bool time_up)
{
    assert_int_equal(rules_new_game(state, def, config, seed), STATUS_OK);
    BotStyle style = bot_default_style();
    Rng bot;
    rng_seed(&bot, seed, 17);
    for (int i = 0; !rules_is_over(state) && i < 20000; i++) {
        if (max_moves >= 0 && i == max_moves) {
            Move end = {time_up ? MOVE_TIME_UP : MOVE_END_GAME, 0, 0, 0};
            assert_int_equal(rules_apply(state, &end, NULL), STATUS_OK);
            max_moves = -1;
            continue;
        }
        Move m = bot_choose_move(state, &style, &bot);
        assert_int_equal(rules_apply(state, &m, NULL), STATUS_OK);
    }
    assert_true(rules_is_over(state));
}

static ReportContext context_for(const char *started, int minutes, const char *language,
                                 const char *region)
{
    ReportContext c = {started, minutes, language, region, {{0, 0}}};
    for (int i = 0; i < GAMEDEF_MAX_TEAMS; i++) {
        c.teams[i].colour = TEAMS[i].colour;
        c.teams[i].shape = TEAMS[i].shape;
    }
    return c;
}

static void assert_reports_equal(const SessionReport *a, const SessionReport *b)
{
    assert_int_equal(a->format, b->format);
    assert_string_equal(a->started, b->started);
    assert_int_equal(a->minutes, b->minutes);
    assert_string_equal(a->pack_id, b->pack_id);
    assert_string_equal(a->pack_version, b->pack_version);
    assert_string_equal(a->language, b->language);
    assert_string_equal(a->region, b->region);
    assert_int_equal(a->team_count, b->team_count);
    for (int i = 0; i < a->team_count; i++) {
        assert_int_equal(a->teams[i].colour, b->teams[i].colour);
        assert_string_equal(a->teams[i].shape, b->teams[i].shape);
        assert_int_equal(a->teams[i].points, b->teams[i].points);
    }
    assert_int_equal(a->rounds, b->rounds);
    assert_int_equal(a->turns, b->turns);
    assert_int_equal(a->ended, b->ended);
    assert_int_equal(a->cards_drawn, b->cards_drawn);
    assert_int_equal(a->cards_discussed, b->cards_discussed);
    assert_int_equal(a->open_talks, b->open_talks);
    assert_int_equal(a->passes, b->passes);
    assert_int_equal(a->skips, b->skips);
    assert_memory_equal(a->votes, b->votes, sizeof a->votes);
    assert_memory_equal(a->by_kind, b->by_kind, sizeof a->by_kind);
    assert_int_equal(a->topic_count, b->topic_count);
    for (int t = 0; t < a->topic_count; t++) {
        assert_string_equal(a->topics[t].id, b->topics[t].id);
        assert_int_equal(a->topics[t].on, b->topics[t].on);
        assert_int_equal(a->topics[t].cards, b->topics[t].cards);
    }
}

/* The report says what the game state says. */
static void assert_report_matches(const SessionReport *r, const GameState *s)
{
    assert_int_equal(r->format, REPORT_FORMAT_VERSION);
    assert_string_equal(r->pack_id, s->def->id);
    assert_string_equal(r->pack_version, s->def->version);
    assert_int_equal(r->team_count, s->team_count);
    for (int i = 0; i < s->team_count; i++) {
        assert_int_equal(r->teams[i].points, s->points[i]);
        assert_int_equal(r->teams[i].colour, TEAMS[i].colour);
        assert_string_equal(r->teams[i].shape, report_shape_name(TEAMS[i].shape));
    }
    assert_int_equal(r->rounds, s->round);
    assert_int_equal(r->turns, s->turn);
    assert_int_equal(r->cards_drawn, s->stats.cards_drawn);
    assert_int_equal(r->cards_discussed, s->stats.cards_completed);
    assert_int_equal(r->open_talks, s->stats.open_talks);
    assert_int_equal(r->passes, s->stats.passes);
    assert_int_equal(r->skips, s->stats.skips);
    assert_memory_equal(r->votes, s->stats.votes, sizeof r->votes);
    assert_memory_equal(r->by_kind, s->stats.by_kind, sizeof r->by_kind);
    assert_int_equal(r->topic_count, s->def->topic_count);
    for (int t = 0; t < s->def->topic_count; t++) {
        assert_string_equal(r->topics[t].id, s->def->topics[t].id);
        assert_int_equal(r->topics[t].cards, s->stats.by_topic[t]);
        assert_int_equal(r->topics[t].on, !(s->config.topics_off & (1u << t)));
    }
}

/* Writes the report, checks the two files appeared (and nothing else), reads the JSON back
 * and compares. */
static void write_and_read_back(const SessionReport *report, const char *dir, const char *lang,
                                const I18n *i18n, char *json, char *md)
{
    char err[512];
    int before = count_files(dir);
    bool ok = report_write(report, dir, lang, i18n, json, PATH_MAX, md, PATH_MAX, err, sizeof err);
    if (!ok) {
        print_message("report_write: %s\n", err);
    }
    assert_true(ok);
    assert_int_equal(count_files(dir), before + 2);
    SessionReport back;
    PackErrors errors;
    pack_errors_init(&errors);
    ok = report_read(json, &back, &errors);
    for (int i = 0; i < errors.count; i++) {
        char line[1024];
        pack_error_format(&errors.items[i], line, sizeof line);
        print_message("  %s\n", line);
    }
    assert_true(ok);
    assert_int_equal(errors.count, 0);
    assert_reports_equal(report, &back);
    pack_errors_clear(&errors);
}

/* Every string in the JSON file is a field name of the format or a value of a closed form:
 * nowhere for free text to hide. */
static void assert_only_closed_strings(const char *text, const GameDef *def)
{
    static const char *const keys[] = {
        "type",   "format",  "started",  "minutes",   "pack",
        "id",     "version", "language", "region",    "teams",
        "colour", "shape",   "points",   "rounds",    "turns",
        "ended",  "cards",   "drawn",    "discussed", "open_talks",
        "passes", "skips",   "votes",    "agree",     "disagree",
        "unsure", "kinds",   "discuss",  "myth_fact", "scenario",
        "action", "help",    "topics",   "on",        "rutas-session-report",
        NULL};
    for (const char *p = strchr(text, '"'); p; p = strchr(p, '"')) {
        const char *end = strchr(p + 1, '"');
        assert_non_null(end);
        char s[128];
        assert_true((size_t)(end - p - 1) < sizeof s);
        memcpy(s, p + 1, (size_t)(end - p - 1));
        s[end - p - 1] = '\0';
        p = end + 1;
        bool ok = false;
        for (int i = 0; keys[i] && !ok; i++) {
            ok = strcmp(s, keys[i]) == 0;
        }
        ok = ok || report_shape_from_name(s) >= 0 || report_end_from_name(s) >= 0;
        ok = ok || strcmp(s, def->id) == 0 || strcmp(s, def->version) == 0;
        for (int t = 0; t < def->topic_count && !ok; t++) {
            ok = strcmp(s, def->topics[t].id) == 0;
        }
        if (!ok && s[0] == '#' && strlen(s) == 7) {
            ok = strspn(s + 1, "0123456789ABCDEF") == 6;
        }
        if (!ok && strlen(s) == 16) { /* "YYYY-MM-DD HH:MM" */
            ok = isdigit((unsigned char)s[0]) && s[4] == '-' && s[10] == ' ' && s[13] == ':';
        }
        ok = ok || strcmp(s, "es-MX") == 0 || strcmp(s, "en") == 0 || strcmp(s, "MX") == 0;
        if (!ok) {
            print_message("unexpected string in a report: \"%s\"\n", s);
        }
        assert_true(ok);
    }
}

/* None of the names, nor any long word of them, in any case. */
static void assert_no_team_names(const char *path)
{
    char *text = read_text(path);
    for (char *p = text; *p; p++) {
        *p = (char)tolower((unsigned char)*p);
    }
    for (int i = 0; i < GAMEDEF_MAX_TEAMS; i++) {
        char name[64];
        fmt(name, sizeof name, "%s", TEAMS[i].name);
        for (char *p = name; *p; p++) {
            *p = (char)tolower((unsigned char)*p);
        }
        if (strstr(text, name)) {
            print_message("%s contains the team name \"%s\"\n", path, TEAMS[i].name);
        }
        assert_null(strstr(text, name));
        for (char *word = strtok(name, " "); word; word = strtok(NULL, " ")) {
            if (strlen(word) >= 5) {
                assert_null(strstr(text, word));
            }
        }
    }
    free(text);
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void test_names(void **unused)
{
    (void)unused;
    assert_string_equal(report_shape_name(0), "circle");
    assert_string_equal(report_shape_name(REPORT_SHAPE_COUNT - 1), "cross");
    assert_null(report_shape_name(REPORT_SHAPE_COUNT));
    assert_null(report_shape_name(-1));
    assert_int_equal(report_shape_from_name("star"), 6);
    assert_int_equal(report_shape_from_name("Star"), -1);
    assert_int_equal(report_shape_from_name(NULL), -1);
    for (int e = 0; e < REPORT_END_COUNT; e++) {
        assert_int_equal(report_end_from_name(report_end_name((ReportEnd)e)), e);
    }
    assert_string_equal(report_end_name((ReportEnd)OVER_FACILITATOR), "facilitator");
    assert_string_equal(report_end_name((ReportEnd)OVER_COOP_GOAL), "coop_goal");
    assert_null(report_end_name(REPORT_END_COUNT));
    assert_int_equal(report_end_from_name("won"), -1);
}

/* Whole demo games of every size and ending round-trip through the files. */
static void test_demo_games_round_trip(void **unused)
{
    (void)unused;
    char dir[PATH_MAX];
    make_temp_dir(dir, sizeof dir);
    int votes = 0;
    int passes = 0;
    for (int g = 0; g < 28; g++) {
        int teams = GAMEDEF_MIN_TEAMS + g % (GAMEDEF_MAX_TEAMS - GAMEDEF_MIN_TEAMS + 1);
        GameConfig config = rules_default_config(teams);
        config.rounds = 2 + g % 5;
        if (g % 4 == 3) {
            config.topics_off = 1u; /* the first topic switched off */
        }
        GameState state;
        int stop = g % 7 == 5 ? 15 + g : -1;
        play(&state, gamedef_demo(), &config, 1000u + (uint64_t)g, stop, g % 2 == 0);
        char started[32];
        fmt(started, sizeof started, "2026-%02d-%02d %02d:%02d", 1 + g % 12, 1 + g, 8 + g % 10,
            (g * 7) % 60);
        ReportContext context =
            context_for(started, 20 + g, g % 3 ? "es-MX" : "en", g % 5 ? "MX" : NULL);
        SessionReport report;
        char err[256] = "";
        assert_true(report_from_game(&state, &context, &report, err, sizeof err));
        assert_report_matches(&report, &state);
        assert_int_equal(report.minutes, 20 + g);
        assert_string_equal(report.region, g % 5 ? "MX" : "");
        assert_int_equal(report.ended, (int)state.over_reason);
        if (g % 4 == 3) {
            assert_false(report.topics[0].on);
            assert_int_equal(report.topics[0].cards, 0);
        }
        votes += report.votes[0] + report.votes[1] + report.votes[2];
        passes += report.passes;
        char json[PATH_MAX];
        char md[PATH_MAX];
        write_and_read_back(&report, dir, NULL, NULL, json, md);
        char name[64];
        fmt(name, sizeof name, "rutas-session-2026%02d%02d-%02d%02d.json", 1 + g % 12, 1 + g,
            8 + g % 10, (g * 7) % 60);
        assert_non_null(strstr(json, name));
        char *text = read_text(json);
        assert_only_closed_strings(text, gamedef_demo());
        free(text);
        assert_no_team_names(json);
        assert_no_team_names(md);
    }
    assert_true(votes > 0); /* the games exercised the tallies and passes */
    assert_true(passes > 0);
    remove_dir(dir);
}

static Pack *load_rutas(void)
{
    char dir[PATH_MAX];
    fmt(dir, sizeof dir, "%s/content/packs/rutas", source_dir);
    PackErrors errors;
    pack_errors_init(&errors);
    Pack *pack = pack_load(dir, NULL, NULL, &errors);
    assert_non_null(pack);
    pack_errors_clear(&errors);
    return pack;
}

/* The shipped pack: Markdown in Spanish and English with the pack's topic names. */
static void test_rutas_pack_reports(void **unused)
{
    (void)unused;
    Pack *pack = load_rutas();
    const GameDef *def = pack_def(pack);
    int family = gamedef_find_topic(def, "family");
    assert_true(family >= 0);
    char dir[PATH_MAX];
    make_temp_dir(dir, sizeof dir);
    static const char *const langs[] = {"es-MX", "en"};
    for (int g = 0; g < 6; g++) {
        GameConfig config = rules_default_config(3 + g);
        config.topics_off = g == 2 ? 1u << family : 0u;
        GameState state;
        play(&state, def, &config, 77u + (uint64_t)g, g == 4 ? 40 : -1, false);
        char started[32];
        fmt(started, sizeof started, "2026-05-%02d 10:%02d", 4 + g, 5 * g);
        const char *lang = langs[g % 2];
        ReportContext context = context_for(started, 45, lang, "MX");
        SessionReport report;
        assert_true(report_from_game(&state, &context, &report, NULL, 0));
        assert_report_matches(&report, &state);
        assert_string_equal(report.pack_id, "rutas");
        assert_int_equal(report.ended, g == 4 ? REPORT_END_FACILITATOR : (int)state.over_reason);
        I18n *i18n = i18n_create(lang, pack_source_locale(pack));
        pack_add_strings(pack, i18n);
        char json[PATH_MAX];
        char md[PATH_MAX];
        write_and_read_back(&report, dir, NULL, i18n, json, md);
        char *text = read_text(md);
        const char *family_name = i18n_lookup(i18n, "topic.family.name", NULL);
        assert_non_null(family_name);
        assert_non_null(strstr(text, family_name));
        if (g % 2 == 0) {
            assert_non_null(strstr(text, "# Informe de la sesión de Rutas"));
            assert_non_null(strstr(text, "## Tarjetas conversadas por tema"));
            assert_non_null(strstr(text, "- Pases: "));
        } else {
            assert_non_null(strstr(text, "# Rutas session report"));
            assert_non_null(strstr(text, "## Cards discussed by topic"));
            assert_non_null(strstr(text, "- Passes: "));
        }
        if (g == 2) {
            char line[128];
            fmt(line, sizeof line, "| %s | desactivado |", family_name);
            assert_non_null(strstr(text, line));
        }
        free(text);
        char *json_text = read_text(json);
        assert_only_closed_strings(json_text, def);
        free(json_text);
        assert_no_team_names(json);
        assert_no_team_names(md);
        i18n_destroy(i18n);
    }
    remove_dir(dir);
    pack_free(pack);
}

/* The headings follow the lang argument, not the session's language. */
static void test_markdown_language(void **unused)
{
    (void)unused;
    GameState state;
    GameConfig config = rules_default_config(2);
    play(&state, gamedef_demo(), &config, 5, -1, false);
    ReportContext context = context_for("2026-02-03 12:00", 30, "es-MX", NULL);
    SessionReport report;
    assert_true(report_from_game(&state, &context, &report, NULL, 0));
    char *md = report_to_markdown(&report, "en-GB", NULL);
    assert_non_null(strstr(md, "# Rutas session report"));
    assert_non_null(strstr(md, "- Help lines region: none set"));
    assert_non_null(strstr(md, "| 1 | #E69F00 | circle |"));
    free(md);
    md = report_to_markdown(&report, "es", NULL);
    assert_non_null(strstr(md, "# Informe de la sesión de Rutas"));
    assert_non_null(strstr(md, "| 2 | #56B4E9 | cuadrado |"));
    free(md);
    md = report_to_markdown(&report, NULL, NULL); /* the report's own language */
    assert_non_null(strstr(md, "Informe"));
    free(md);
}

/* Several reports merge into the totals computed here independently. */
static void test_merge(void **unused)
{
    (void)unused;
    Pack *pack = load_rutas();
    char dir[PATH_MAX];
    make_temp_dir(dir, sizeof dir);
    enum { N = 7 };
    SessionReport reports[N];
    char paths[N][PATH_MAX];
    for (int g = 0; g < N; g++) {
        const GameDef *def = g % 3 == 2 ? gamedef_demo() : pack_def(pack);
        GameConfig config = rules_default_config(2 + g);
        GameState state;
        play(&state, def, &config, 300u + (uint64_t)g, -1, false);
        char started[32];
        fmt(started, sizeof started, "2026-0%d-1%d 09:00", 3 + g % 4, g);
        ReportContext context = context_for(started, 40 + g, g % 2 ? "en" : "es-MX", "MX");
        assert_true(report_from_game(&state, &context, &reports[g], NULL, 0));
        char md[PATH_MAX];
        write_and_read_back(&reports[g], dir, "es", NULL, paths[g], md);
    }
    /* Read back from the files, as `rutas report` does. */
    SessionReport back[N];
    for (int g = 0; g < N; g++) {
        assert_true(report_read(paths[g], &back[g], NULL));
    }
    ReportSummary *s = malloc(sizeof *s);
    ReportSummary *incremental = malloc(sizeof *incremental);
    assert_non_null(s);
    assert_non_null(incremental);
    report_merge(back, N, s);
    report_summary_init(incremental);
    for (int g = N - 1; g >= 0; g--) {
        report_summary_add(incremental, &reports[g]);
    }

    assert_int_equal(s->sessions, N);
    assert_string_equal(s->first, "2026-03-10 09:00");
    assert_string_equal(s->last, "2026-06-13 09:00");
    assert_int_equal(s->teams_min, 2);
    assert_int_equal(s->teams_max, 8);
    long long teams = 0, minutes = 0, drawn = 0, discussed = 0, passes = 0, skips = 0;
    long long votes[3] = {0, 0, 0};
    long long kinds[CARD_KIND_COUNT] = {0};
    for (int g = 0; g < N; g++) {
        teams += reports[g].team_count;
        minutes += reports[g].minutes;
        drawn += reports[g].cards_drawn;
        discussed += reports[g].cards_discussed;
        passes += reports[g].passes;
        skips += reports[g].skips;
        for (int i = 0; i < 3; i++) {
            votes[i] += reports[g].votes[i];
        }
        for (int k = 0; k < CARD_KIND_COUNT; k++) {
            kinds[k] += reports[g].by_kind[k];
        }
    }
    assert_int_equal(s->teams_total, teams);
    assert_int_equal(s->minutes, minutes);
    assert_int_equal(s->cards_drawn, drawn);
    assert_int_equal(s->cards_discussed, discussed);
    assert_int_equal(s->passes, passes);
    assert_int_equal(s->skips, skips);
    assert_memory_equal(s->votes, votes, sizeof votes);
    assert_memory_equal(s->by_kind, kinds, sizeof kinds);

    /* Topics: the pack's and the demo's, merged by id. */
    const GameDef *rutas = pack_def(pack);
    const GameDef *demo = gamedef_demo();
    int expected_topics = rutas->topic_count;
    for (int t = 0; t < demo->topic_count; t++) {
        expected_topics += gamedef_find_topic(rutas, demo->topics[t].id) < 0;
    }
    assert_int_equal(s->topic_count, expected_topics);
    for (int i = 0; i < s->topic_count; i++) {
        int covered = 0;
        int on = 0;
        long long cards = 0;
        for (int g = 0; g < N; g++) {
            for (int t = 0; t < reports[g].topic_count; t++) {
                if (strcmp(reports[g].topics[t].id, s->topics[i].id) == 0) {
                    covered += reports[g].topics[t].cards > 0;
                    on += reports[g].topics[t].on;
                    cards += reports[g].topics[t].cards;
                }
            }
        }
        assert_int_equal(s->topics[i].sessions_covered, covered);
        assert_int_equal(s->topics[i].sessions_on, on);
        assert_int_equal(s->topics[i].cards, cards);
    }
    assert_int_equal(s->pack_count, 2);
    assert_int_equal(s->language_count, 2);
    assert_int_equal(s->packs[0].sessions + s->packs[1].sessions, N);

    /* Adding in another order gives the same totals. */
    assert_int_equal(incremental->sessions, s->sessions);
    assert_string_equal(incremental->first, s->first);
    assert_string_equal(incremental->last, s->last);
    assert_int_equal(incremental->cards_discussed, s->cards_discussed);
    assert_int_equal(incremental->topic_count, s->topic_count);

    /* An empty merge is all zeros. */
    report_merge(NULL, 0, s);
    assert_int_equal(s->sessions, 0);
    assert_string_equal(s->first, "");

    free(s);
    free(incremental);
    remove_dir(dir);
    pack_free(pack);
}

/* Same minute, same folder: never overwritten; a missing folder is an error, not a crash. */
static void test_write_collisions_and_failures(void **unused)
{
    (void)unused;
    GameState state;
    GameConfig config = rules_default_config(4);
    play(&state, gamedef_demo(), &config, 9, -1, false);
    ReportContext context = context_for("2026-03-14 09:05", 47, "en", "MX");
    SessionReport report;
    assert_true(report_from_game(&state, &context, &report, NULL, 0));
    char dir[PATH_MAX];
    make_temp_dir(dir, sizeof dir);
    char json[PATH_MAX];
    char md[PATH_MAX];
    write_and_read_back(&report, dir, NULL, NULL, json, md);
    assert_non_null(strstr(json, "/rutas-session-20260314-0905.json"));
    assert_non_null(strstr(md, "/rutas-session-20260314-0905.md"));
    write_and_read_back(&report, dir, NULL, NULL, json, md);
    assert_non_null(strstr(json, "/rutas-session-20260314-0905-2.json"));
    assert_non_null(strstr(md, "/rutas-session-20260314-0905-2.md"));
    write_and_read_back(&report, dir, NULL, NULL, json, md);
    assert_non_null(strstr(json, "-0905-3.json"));
    assert_int_equal(count_files(dir), 6);

    char missing[PATH_MAX + 16];
    fmt(missing, sizeof missing, "%s/no-such-folder", dir);
    char err[PATH_MAX + 64] = "";
    json[0] = 'x';
    assert_false(
        report_write(&report, missing, NULL, NULL, json, sizeof json, NULL, 0, err, sizeof err));
    assert_non_null(strstr(err, "no-such-folder"));
    assert_string_equal(json, "");
    assert_false(report_write(&report, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0));

    if (geteuid() != 0) { /* root writes anywhere */
        assert_int_equal(chmod(dir, 0500), 0);
        assert_false(report_write(&report, dir, NULL, NULL, NULL, 0, NULL, 0, err, sizeof err));
        assert_true(strlen(err) > 0);
        assert_int_equal(chmod(dir, 0700), 0);
    }
    assert_int_equal(count_files(dir), 6);
    remove_dir(dir);
}

/* The context is checked: nothing but closed forms gets in. */
static void test_context_is_checked(void **unused)
{
    (void)unused;
    GameState state;
    GameConfig config = rules_default_config(3);
    play(&state, gamedef_demo(), &config, 11, 30, false);
    SessionReport report;
    char err[256];
    struct {
        const char *started, *language, *region;
        int shape;
        uint32_t colour;
        const char *message;
    } bad[] = {
        {"2026-03-14", "en", "MX", 0, 0, "start time"},
        {"2026-02-30 10:00", "en", "MX", 0, 0, "start time"},
        {"2026-03-14 24:00", "en", "MX", 0, 0, "start time"},
        {"Marisol Pérez", "en", "MX", 0, 0, "start time"},
        {NULL, "en", "MX", 0, 0, "start time"},
        {"2026-03-14 10:00", "Spanish", "MX", 0, 0, "language"},
        {"2026-03-14 10:00", "es_MX", "MX", 0, 0, "language"},
        {"2026-03-14 10:00", NULL, "MX", 0, 0, "language"},
        {"2026-03-14 10:00", "en", "Mexico", 0, 0, "region"},
        {"2026-03-14 10:00", "en", "mx", 0, 0, "region"},
        {"2026-03-14 10:00", "en", "MX", REPORT_SHAPE_COUNT, 0, "team 2"},
        {"2026-03-14 10:00", "en", "MX", -1, 0, "team 2"},
        {"2026-03-14 10:00", "en", "MX", 0, 0x1000000, "team 2"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ReportContext context = context_for(bad[i].started, 10, bad[i].language, bad[i].region);
        context.teams[1].shape = bad[i].shape;
        context.teams[1].colour = bad[i].colour;
        report.team_count = 99;
        assert_false(report_from_game(&state, &context, &report, err, sizeof err));
        assert_non_null(strstr(err, bad[i].message));
        assert_int_equal(report.team_count, 0); /* zeroed */
    }
    assert_false(report_from_game(NULL, NULL, &report, NULL, 0));

    /* The facilitator ended it; a game still running is "unfinished"; durations clamp. */
    ReportContext context = context_for("2026-03-14 10:00", -5, "en", "");
    assert_true(report_from_game(&state, &context, &report, err, sizeof err));
    assert_int_equal(report.ended, REPORT_END_FACILITATOR);
    assert_int_equal(report.minutes, 0);
    assert_string_equal(report.region, "");
    GameState running;
    assert_int_equal(rules_new_game(&running, gamedef_demo(), &config, 3), STATUS_OK);
    context.minutes = REPORT_LIMIT_MINUTES + 100;
    assert_true(report_from_game(&running, &context, &report, err, sizeof err));
    assert_int_equal(report.ended, REPORT_END_UNFINISHED);
    assert_int_equal(report.minutes, REPORT_LIMIT_MINUTES);
    assert_int_equal(report.rounds, 1);
    assert_int_equal(report.turns, 0);
    char *json = report_to_json(&report);
    SessionReport back;
    assert_true(report_parse(json, strlen(json), "mem.json", &back, NULL));
    assert_reports_equal(&report, &back);
    free(json);

    /* Time up between turns ends the session at once. */
    GameState timed;
    play(&timed, gamedef_demo(), &config, 12, 25, true);
    assert_true(report_from_game(&timed, &context, &report, err, sizeof err));
    assert_int_equal(report.ended, REPORT_END_TIME);
}

/* ---- Bad input ---------------------------------------------------------------------------- */

static char *good_json(void)
{
    GameState state;
    GameConfig config = rules_default_config(3);
    play(&state, gamedef_demo(), &config, 21, -1, false);
    ReportContext context = context_for("2026-03-14 09:05", 47, "es-MX", "MX");
    SessionReport report;
    assert_true(report_from_game(&state, &context, &report, NULL, 0));
    return report_to_json(&report);
}

/* text with the first occurrence of old replaced by new (which must be found). */
static char *replaced(const char *text, const char *old, const char *new_text)
{
    const char *at = strstr(text, old);
    if (!at) {
        print_message("not in the report: %s\n", old);
    }
    assert_non_null(at);
    size_t n = strlen(text) - strlen(old) + strlen(new_text);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, new_text, strlen(new_text));
    strcpy(out + head + strlen(new_text), at + strlen(old));
    return out;
}

/* Parses text and expects an error at place (a "^" prefix: place starts with it; "L:C": any
 * line:column) whose message contains message. */
static void expect_error(const char *text, size_t size, const char *place, const char *message)
{
    SessionReport report;
    PackErrors errors;
    pack_errors_init(&errors);
    report.team_count = 5;
    bool ok = report_parse(text, size, "reports/x.json", &report, &errors);
    bool found = false;
    for (int i = 0; i < errors.count && !found; i++) {
        const PackError *e = &errors.items[i];
        assert_string_equal(e->file, "reports/x.json");
        bool place_ok =
            strcmp(place, "L:C") == 0
                ? strspn(e->place, "0123456789:") == strlen(e->place) && strchr(e->place, ':')
                : strcmp(e->place, place) == 0;
        found = place_ok && strstr(e->message, message) != NULL;
    }
    if (!found || ok) {
        print_message("expected %s: ...%s...; got:\n", place, message);
        for (int i = 0; i < errors.count; i++) {
            char line[1024];
            pack_error_format(&errors.items[i], line, sizeof line);
            print_message("  %s\n", line);
        }
    }
    assert_false(ok);
    assert_true(found);
    assert_int_equal(report.team_count, 0);
    pack_errors_clear(&errors);
}

static void expect_replaced(const char *good, const char *old, const char *new_text,
                            const char *place, const char *message)
{
    char *text = replaced(good, old, new_text);
    expect_error(text, strlen(text), place, message);
    free(text);
}

static void test_rejects_malformed(void **unused)
{
    (void)unused;
    char *good = good_json();
    SessionReport report;
    assert_true(report_parse(good, strlen(good), "reports/x.json", &report, NULL));

    /* Syntax: place is line:column. */
    expect_replaced(good, "\"minutes\":\t47,", "\"minutes\":\t47,,", "L:C", "JSON syntax error");
    expect_replaced(good, "\"skips\":", "\"skips\" ", "L:C", "JSON syntax error");
    expect_replaced(good, "\"es-MX\"", "\"es-\xC3\x28MX\"", "L:C", "invalid UTF-8");
    expect_error("", 0, "L:C", "ends too early");
    expect_error("[1, 2]", 6, "-", "a JSON object, not an array");

    /* Types, ranges and forms: place is the JSON path. */
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t\"47\"", "minutes",
                    "must be a whole number, not a string");
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t47.5", "minutes", "a fraction");
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t99999999", "minutes", "out of range");
    expect_replaced(good, "\"passes\":\t", "\"passes\":\t-1", "cards.passes", "out of range");
    /* Found by fuzz/fuzz_report.c: numbers beyond any integer type were converted before
     * the range check (undefined behaviour). */
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t6555555555555555555555555555555555",
                    "minutes", "out of range");
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t-1e300", "minutes", "out of range");
    expect_replaced(good, "\"minutes\":\t47", "\"minutes\":\t1e309", "minutes", "out of range");
    expect_replaced(good, "\"started\":\t\"2026-03-14 09:05\"", "\"started\":\t\"yesterday\"",
                    "started", "a local time");
    expect_replaced(good, "\"shape\":\t\"circle\"", "\"shape\":\t\"Marisol\"", "teams[0].shape",
                    "a token shape");
    expect_replaced(good, "\"colour\":\t\"#56B4E9\"", "\"colour\":\t\"blue\"", "teams[1].colour",
                    "a colour");
    expect_replaced(good, "\"language\":\t\"es-MX\"", "\"language\":\t\"Español\"", "language",
                    "language tag");
    expect_replaced(good, "\"region\":\t\"MX\"", "\"region\":\t\"Oaxaca\"", "region",
                    "country code");
    expect_replaced(good, "\"ended\":\t\"rounds\"", "\"ended\":\t\"won\"", "ended", "one of");
    expect_replaced(good, "\"id\":\t\"demo\"", "\"id\":\t\"Demo Pack\"", "pack.id", "a pack id");
    expect_replaced(good, "\"on\":\ttrue", "\"on\":\t1", "topics[0].on", "true or false");
    expect_replaced(good, "\"teams\":\t[", "\"teams\":\t[\"Marisol Pérez\", ", "teams[0]",
                    "must be an object, not a string");
    expect_replaced(good, "\"teams\":\t[", "\"teams\":\t[{}, {}, {}, {}, {}, {}, ", "teams",
                    "has 9 entries");
    expect_replaced(good, "\"teams\":\t[{", "\"teams\":\t[7, {", "teams[0]", "must be an object");
    expect_replaced(good, "\"pack\":\t{", "\"pack\":\t7, \"x\": {", "pack", "must be an object");
    expect_replaced(good, "\"type\":\t\"rutas-session-report\"", "\"type\":\t\"pack\"", "type",
                    "rutas-session-report");
    expect_replaced(good, "\"format\":\t1", "\"format\":\t2", "format", "newer Rutas");

    /* Missing, unknown and duplicate fields: a name cannot ride along in an extra field. */
    expect_replaced(good, "\"turns\":", "\"turnz\":", "turns", "missing required field");
    expect_replaced(good, "\"turns\":", "\"turnz\":", "turnz", "unknown field");
    expect_replaced(good, "\"minutes\":", "\"names\": [\"Marisol Pérez\"], \"minutes\":", "names",
                    "unknown field");
    expect_replaced(good,
                    "\"shape\":", "\"name\": \"Zacatecas Tigers\", \"shape\":", "teams[0].name",
                    "unknown field");
    expect_replaced(good, "\"minutes\":", "\"minutes\": 3, \"minutes\":", "minutes",
                    "duplicate field");
    expect_replaced(good, "\"drawn\":", "\"said\": \"something\", \"drawn\":", "cards.said",
                    "unknown field");
    expect_replaced(good, "\"unsure\":", "\"maybe\":", "votes.unsure", "missing");
    expect_replaced(good, "\"help\":", "\"helped\":", "kinds.help", "missing");
    expect_error("{\"type\": \"rutas-session-report\", \"format\": 1}", 45, "started",
                 "missing required field");
    expect_error("{\"format\": 1}", 13, "type", "missing required field");

    /* Counts that do not add up. */
    expect_replaced(good, "\"discussed\":\t", "\"discussed\":\t1", "kinds", "add up");
    expect_replaced(good, "\"on\":\ttrue,\n\t\t\t\"cards\":\t", "\"on\":\ttrue, \"cards\":\t9",
                    "topics", "add up");
    char *dup = replaced(good, "\"id\":\t\"online\"", "\"id\":\t\"friends\"");
    expect_error(dup, strlen(dup), "topics[1].id", "duplicate topic");
    free(dup);
    free(good);
}

static void test_rejects_hostile(void **unused)
{
    (void)unused;
    /* Deep nesting, before cJSON sees it. */
    char deep[400];
    memset(deep, '[', sizeof deep);
    expect_error(deep, sizeof deep, "L:C", "nesting deeper");
    /* A NUL byte. */
    expect_error("{\"type\"\0}", 9, "L:C", "NUL byte");
    /* Too large. */
    size_t big = REPORT_LIMIT_BYTES + 1;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    expect_error(huge, big, "-", "too large");
    free(huge);

    /* Random damage never crashes, and what is accepted is in range. */
    char *good = good_json();
    size_t n = strlen(good);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    Rng rng;
    rng_seed(&rng, 2026, 6);
    int accepted = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, good, n + 1);
        int edits = 1 + (int)rng_below(&rng, 4);
        for (int e = 0; e < edits; e++) {
            size_t at = rng_below(&rng, (uint32_t)n);
            static const char bytes[] = "{}[]\":,0123456789-.e \"\\ntfa\x80\xff";
            copy[at] = bytes[rng_below(&rng, sizeof bytes - 1)];
        }
        size_t len = rng_below(&rng, 8) == 0 ? rng_below(&rng, (uint32_t)n) : n;
        SessionReport report;
        PackErrors errors;
        pack_errors_init(&errors);
        if (report_parse(copy, len, "fuzz.json", &report, &errors)) {
            accepted++;
            assert_true(report.team_count >= GAMEDEF_MIN_TEAMS &&
                        report.team_count <= GAMEDEF_MAX_TEAMS);
            assert_true(report.topic_count >= 0 && report.topic_count <= REPORT_MAX_TOPICS);
            assert_true(report.minutes >= 0 && report.minutes <= REPORT_LIMIT_MINUTES);
            assert_int_equal(errors.count, 0);
        } else {
            assert_true(errors.count > 0);
        }
        pack_errors_clear(&errors);
    }
    assert_true(accepted < 3000);
    free(copy);
    free(good);
}

/* Files: a truncated report names the file and the line:column where it ends; a malformed
 * one the JSON path; a missing one the file. */
static void test_read_files(void **unused)
{
    (void)unused;
    char dir[PATH_MAX];
    make_temp_dir(dir, sizeof dir);
    char *good = good_json();
    char path[PATH_MAX + 32];

    fmt(path, sizeof path, "%s/rutas-session-20260314-0905.json", dir);
    write_text(path, good, strlen(good) / 2);
    SessionReport report;
    PackErrors errors;
    pack_errors_init(&errors);
    assert_false(report_read(path, &report, &errors));
    assert_int_equal(errors.count, 1);
    assert_string_equal(errors.items[0].file, path);
    assert_non_null(strchr(errors.items[0].place, ':'));
    assert_non_null(strstr(errors.items[0].message, "ends too early"));
    char line[PATH_MAX + 256];
    pack_error_format(&errors.items[0], line, sizeof line);
    print_message("  truncated: %s\n", line);
    pack_errors_clear(&errors);

    char *bad = replaced(good, "\"points\":\t", "\"points\":\t\"");
    fmt(path, sizeof path, "%s/rutas-session-20260314-0906.json", dir);
    write_text(path, bad, strlen(bad));
    assert_false(report_read(path, &report, &errors));
    assert_true(errors.count >= 1);
    assert_string_equal(errors.items[0].file, path);
    pack_error_format(&errors.items[0], line, sizeof line);
    print_message("  malformed: %s\n", line);
    pack_errors_clear(&errors);
    free(bad);

    bad = replaced(good, "\"points\":\t", "\"points\":\t-");
    write_text(path, bad, strlen(bad));
    assert_false(report_read(path, &report, &errors));
    assert_string_equal(errors.items[0].file, path);
    assert_string_equal(errors.items[0].place, "teams[0].points");
    pack_errors_clear(&errors);
    free(bad);

    fmt(path, sizeof path, "%s/missing.json", dir);
    assert_false(report_read(path, &report, &errors));
    assert_string_equal(errors.items[0].file, path);
    assert_non_null(strstr(errors.items[0].message, "cannot open"));
    pack_errors_clear(&errors);

    assert_false(report_read(dir, &report, &errors)); /* a folder */
    assert_true(errors.count == 1);
    pack_errors_clear(&errors);

    fmt(path, sizeof path, "%s/rutas-session-20260314-0905.json", dir);
    write_text(path, good, strlen(good));
    assert_true(report_read(path, &report, &errors));
    assert_int_equal(errors.count, 0);
    assert_int_equal(report.team_count, 3);

    free(good);
    remove_dir(dir);
}

int main(void)
{
    const char *env = getenv("RUTAS_SOURCE_DIR");
    fmt(source_dir, sizeof source_dir, "%s", env ? env : RUTAS_SOURCE_DIR_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_demo_games_round_trip),
        cmocka_unit_test(test_rutas_pack_reports),
        cmocka_unit_test(test_markdown_language),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_write_collisions_and_failures),
        cmocka_unit_test(test_context_is_checked),
        cmocka_unit_test(test_rejects_malformed),
        cmocka_unit_test(test_rejects_hostile),
        cmocka_unit_test(test_read_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
