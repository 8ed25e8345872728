/*
 * ui.c: screen stack, input to commands, commands to moves, events to animation and sound.
 * Every change to the game is a Move through rules_apply(); the ui only decides which move a
 * key means on the screen shown.
 */
#include "ui_internal.h"

#include "report.h"
#include "save.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const uint32_t ui_team_colours[GAMEDEF_MAX_TEAMS] = {
    0xE69F00, /* orange */
    0x56B4E9, /* sky blue */
    0x009E73, /* bluish green */
    0xF0E442, /* yellow */
    0x0072B2, /* blue */
    0xD55E00, /* vermillion */
    0xCC79A7, /* reddish purple */
    0xBBBBBB, /* grey */
};

#define TALLY_LIMIT 99

enum MenuId {
    M_RESUME_SAVED,
    M_NEW,
    M_PACKS,
    M_SETTINGS,
    M_HELP,
    M_KEYS,
    M_QUIT,
    M_LANG,
    M_REGION,
    M_TEAMS,
    M_ROUNDS,
    M_MINUTES,
    M_AGE,
    M_INTENSITY,
    M_TOPICS,
    M_START,
    M_RESUME,
    M_RULES,
    M_END,
    M_TITLE,
    M_TEXT,
    M_CONTRAST,
    M_MOTION,
    M_SOUND,
    M_MUSIC,
    M_FULLSCREEN,
    M_BACK,
    M_REVIEW,
    M_TALK,
    M_GUIDE,
    M_TOOLS,
    M_UNDO,
    M_TOOL_TEAM,
    M_TOOL_SPACE,
    M_TOOL_MOVE,
    M_TOOL_POINTS,
    M_TOOL_GIVE,
    M_TOOL_END,
};

static const char *const screen_names[UI_SCREEN_COUNT] = {
    "title",    "setup", "rules",  "board", "card",   "summary", "help",  "pause",
    "settings", "keys",  "topics", "packs", "review", "guide",   "tools",
};

const char *ui_screen_name(UiScreen screen)
{
    return (int)screen >= 0 && screen < UI_SCREEN_COUNT ? screen_names[screen] : NULL;
}

int ui_screen_from_name(const char *name)
{
    for (int i = 0; name != NULL && i < UI_SCREEN_COUNT; i++) {
        if (strcmp(name, screen_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* ---- Text ------------------------------------------------------------------------------------ */

const char *ui_tr(Ui *ui, const char *key)
{
    return i18n_text(ui->deps.i18n, key);
}

const char *ui_trf(Ui *ui, char *out, size_t size, const char *key, const char *n1, const char *v1,
                   const char *n2, const char *v2, const char *n3, const char *v3)
{
    I18nArg args[3];
    int n = 0;
    const char *names[3] = {n1, n2, n3}, *values[3] = {v1, v2, v3};
    for (int i = 0; i < 3 && names[i] != NULL; i++) {
        args[n].name = names[i];
        args[n].value = values[i] != NULL ? values[i] : "";
        n++;
    }
    i18n_format(ui->deps.i18n, out, size, key, args, n);
    return out;
}

const char *ui_team_name(Ui *ui, int team, char *out, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "team.colour_%d", team);
    return ui_trf(ui, out, size, "team.name", "colour", ui_tr(ui, key), NULL, NULL, NULL, NULL);
}

const char *ui_topic_name(Ui *ui, int topic)
{
    if (topic < 0 || topic >= ui->def->topic_count) {
        return "";
    }
    char key[160];
    snprintf(key, sizeof key, "topic.%s.name", ui->def->topics[topic].id);
    return ui_tr(ui, key);
}

const char *ui_space_name(Ui *ui, int space)
{
    const Space *s = &ui->def->spaces[space];
    char key[160];
    snprintf(key, sizeof key, "space.%s.name", s->id);
    const char *name = i18n_lookup(ui->deps.i18n, key, NULL);
    if (name != NULL) {
        return name;
    }
    if (s->kind == SPACE_TOPIC) {
        return ui_topic_name(ui, s->topic);
    }
    snprintf(key, sizeof key, "space_kind.%s", gamedef_space_kind_name(s->kind));
    return ui_tr(ui, key);
}

const char *ui_card_text(Ui *ui, int card, const char *part)
{
    if (card < 0 || card >= ui->def->card_count) {
        return NULL;
    }
    char key[200];
    snprintf(key, sizeof key, "card.%s.%s", ui->def->cards[card].id, part);
    return i18n_lookup(ui->deps.i18n, key, NULL);
}

const Helpline *ui_helplines(Ui *ui, int *count)
{
    *count = 0;
    if (ui->deps.pack == NULL || ui->settings.region[0] == '\0') {
        return NULL;
    }
    return pack_helplines(ui->deps.pack, ui->settings.region, count);
}

/* ---- Settings and setup -----------------------------------------------------------------------
 */

/* The folder part of path, for messages ("/home/ana/.local/share/Rutas/rutas"). */
static void folder_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    int n = slash != NULL ? (int)(slash - path) : (int)strlen(path);
    snprintf(out, size, "%.*s", n > 0 ? n : 1, n > 0 ? path : "/");
}

/* Says that saving failed: once on stderr (with why), and on screen while it lasts. The game
 * goes on; the previous save and settings stay as they were on the disk. */
static void save_trouble(Ui *ui, const char *path, const char *why)
{
    char folder[4200];
    folder_of(path, folder, sizeof folder);
    ui_trf(ui, ui->notice, sizeof ui->notice, "title.cannot_save", "folder", folder, NULL, NULL,
           NULL, NULL);
    if (!ui->save_said) {
        ui->save_said = true;
        fprintf(stderr,
                "rutas: %s; the game goes on, but settings and this session are not saved\n", why);
        snprintf(ui->status, sizeof ui->status, "%s", ui->notice);
    }
}

static void save_recovered(Ui *ui)
{
    if (!ui->settings_failed && !ui->autosave_failed && ui->save_said) {
        ui->notice[0] = '\0';
    }
}

static void save_settings(Ui *ui)
{
    if (ui->deps.settings_path == NULL) {
        return;
    }
    ui->settings_failed = !settings_save(&ui->settings, ui->deps.settings_path);
    if (ui->settings_failed) {
        char why[4300];
        snprintf(why, sizeof why, "cannot save settings to %s", ui->deps.settings_path);
        save_trouble(ui, ui->deps.settings_path, why);
    } else {
        save_recovered(ui);
    }
}

static const char *const *locales(const Ui *ui, int *count)
{
    static const char *const only[] = {"es-MX", "en"};
    if (ui->deps.pack == NULL) {
        *count = 2;
        return only;
    }
    return pack_locales(ui->deps.pack, count);
}

static void apply_language(Ui *ui)
{
    i18n_set_locale(ui->deps.i18n, ui->settings.lang);
    render_set_script(ui->deps.render, i18n_script(ui->deps.i18n), i18n_is_rtl(ui->deps.i18n));
}

static const char *locale_name(Ui *ui, const char *tag)
{
    if (ui->deps.pack != NULL) {
        const StringTable *t = pack_strings(ui->deps.pack, tag);
        const char *name = t != NULL ? i18n_table_get(t, "locale.name") : NULL;
        if (name != NULL) {
            return name;
        }
    }
    return tag;
}

static const char *region_name(Ui *ui, const char *cc, char *out, size_t size)
{
    if (cc[0] == '\0') {
        return ui_tr(ui, "setup.no_region");
    }
    char key[32];
    snprintf(key, sizeof key, "region.%s", cc);
    const char *name = i18n_lookup(ui->deps.i18n, key, NULL);
    snprintf(out, size, "%s", name != NULL ? name : cc);
    return out;
}

static bool id_in_list(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, id, n) == 0) {
            return true;
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    return false;
}

uint32_t ui_topics_off(const Ui *ui)
{
    uint32_t mask = 0;
    for (int t = 0; t < ui->def->topic_count && t < 32; t++) {
        if (id_in_list(ui->settings.topics_off, ui->def->topics[t].id)) {
            mask |= 1u << t;
        }
    }
    return mask;
}

/* Kept as ids, not indices, so a pack update that reorders its topics keeps the choice. */
static void set_topics_off(Ui *ui, uint32_t mask)
{
    char *out = ui->settings.topics_off;
    size_t size = sizeof ui->settings.topics_off, used = 0;
    out[0] = '\0';
    for (int t = 0; t < ui->def->topic_count && t < 32; t++) {
        if (mask & (1u << t)) {
            int n =
                snprintf(out + used, size - used, "%s%s", used ? "," : "", ui->def->topics[t].id);
            if (n < 0 || (size_t)n >= size - used) {
                out[used] = '\0';
                break;
            }
            used += (size_t)n;
        }
    }
}

GameConfig ui_filter_config(const Ui *ui)
{
    GameConfig cfg = rules_default_config(ui->settings.teams);
    cfg.max_age = ui->settings.max_age;
    cfg.max_intensity = ui->settings.max_intensity;
    cfg.rounds = ui->settings.rounds;
    cfg.minutes = ui->settings.minutes < 0 ? RULES_NO_CLOCK : ui->settings.minutes;
    cfg.topics_off = ui_topics_off(ui);
    return cfg;
}

GameConfig ui_setup_config(const Ui *ui)
{
    GameConfig cfg = ui_filter_config(ui);
    /* Exclusions are kept by card id, so a pack update that adds or reorders cards keeps
     * them; ids the pack no longer has are ignored. */
    const char *p = ui->settings.excluded;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        char id[PACK_LIMIT_ID + 1];
        if (len > 0 && len < sizeof id) {
            memcpy(id, p, len);
            id[len] = '\0';
            int c = gamedef_find_card(ui->def, id);
            if (c >= 0) {
                rules_config_exclude(&cfg, c, true);
            }
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    return cfg;
}

bool ui_card_is_excluded(const Ui *ui, int card)
{
    return card >= 0 && card < ui->def->card_count &&
           id_in_list(ui->settings.excluded, ui->def->cards[card].id);
}

/* Leaves a card out of the sessions (or takes it back); false when the list is full. */
static bool set_card_excluded(Ui *ui, int card, bool excluded)
{
    char *list = ui->settings.excluded;
    const char *id = ui->def->cards[card].id;
    size_t n = strlen(id);
    if (excluded) {
        if (id_in_list(list, id)) {
            return true;
        }
        size_t used = strlen(list);
        if (used + n + 2 > sizeof ui->settings.excluded) {
            return false;
        }
        snprintf(list + used, sizeof ui->settings.excluded - used, "%s%s", used ? "," : "", id);
        return true;
    }
    /* Rebuild the list without this id. */
    char out[sizeof ui->settings.excluded];
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = list; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len > 0 && !(len == n && strncmp(p, id, n) == 0)) {
            if (used > 0) {
                out[used++] = ',';
            }
            memcpy(out + used, p, len);
            used += len;
            out[used] = '\0';
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    memcpy(list, out, used + 1);
    return true;
}

static int effective_rounds(const Ui *ui)
{
    return ui->settings.rounds > 0 ? ui->settings.rounds : ui->def->rules.rounds;
}

/* The session length the setup shows: minutes, or 0 for no clock. */
static int effective_minutes(const Ui *ui)
{
    if (ui->settings.minutes < 0) {
        return 0;
    }
    return ui->settings.minutes > 0 ? ui->settings.minutes : ui->def->rules.minutes;
}

int ui_session_minutes(const Ui *ui)
{
    if (!ui->in_game || ui->game.config.minutes == RULES_NO_CLOCK) {
        return 0;
    }
    return ui->game.config.minutes > 0 ? ui->game.config.minutes : ui->def->rules.minutes;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int cycle(int v, int lo, int hi, int step)
{
    v += step;
    return v > hi ? lo : v < lo ? hi : v;
}

static bool has_guide(const Ui *ui)
{
    return ui->deps.pack != NULL &&
           pack_guide(ui->deps.pack, i18n_locale(ui->deps.i18n), NULL) != NULL;
}

/* A session is on the screen (board, card or summary), so the facilitator tools apply. */
static bool in_session(const Ui *ui)
{
    return ui->in_game && (ui->stack[0] == UI_BOARD || ui->stack[0] == UI_SUMMARY);
}

static void set_item(MenuItem *it, int id, const char *label, const char *value)
{
    it->id = id;
    snprintf(it->label, sizeof it->label, "%s", label);
    snprintf(it->value, sizeof it->value, "%s", value != NULL ? value : "");
}

int ui_menu_items(Ui *ui, UiScreen screen, MenuItem *items)
{
    int n = 0;
    char buf[160], num[40];
    switch (screen) {
    case UI_TITLE:
        if (ui->can_resume) {
            set_item(&items[n++], M_RESUME_SAVED, ui_tr(ui, "title.resume"), NULL);
        }
        set_item(&items[n++], M_NEW, ui_tr(ui, "title.new_session"), NULL);
        if (ui->deps.pack_dir_count > 0) {
            set_item(&items[n++], M_PACKS, ui_tr(ui, "title.packs"), NULL);
        }
        set_item(&items[n++], M_SETTINGS, ui_tr(ui, "title.settings"), NULL);
        set_item(&items[n++], M_HELP, ui_tr(ui, "title.help"), NULL);
        if (has_guide(ui)) {
            set_item(&items[n++], M_GUIDE, ui_tr(ui, "help.guide"), NULL);
        }
        set_item(&items[n++], M_KEYS, ui_tr(ui, "keys.title"), NULL);
        set_item(&items[n++], M_QUIT, ui_tr(ui, "title.quit"), NULL);
        break;
    case UI_SETUP: {
        set_item(&items[n++], M_LANG, ui_tr(ui, "setup.language"),
                 locale_name(ui, ui->settings.lang));
        set_item(&items[n++], M_REGION, ui_tr(ui, "setup.region"),
                 region_name(ui, ui->settings.region, buf, sizeof buf));
        snprintf(num, sizeof num, "%d", ui->settings.teams);
        set_item(&items[n++], M_TEAMS, ui_tr(ui, "setup.teams"), num);
        snprintf(num, sizeof num, "%d", effective_rounds(ui));
        set_item(&items[n++], M_ROUNDS, ui_tr(ui, "setup.rounds"), num);
        if (effective_minutes(ui) > 0) {
            i18n_plural(ui->deps.i18n, buf, sizeof buf, "setup.minutes_value",
                        effective_minutes(ui), NULL, 0);
        } else {
            snprintf(buf, sizeof buf, "%s", ui_tr(ui, "setup.no_time_limit"));
        }
        set_item(&items[n++], M_MINUTES, ui_tr(ui, "setup.minutes"), buf);
        if (ui->settings.talk_minutes > 0) {
            i18n_plural(ui->deps.i18n, buf, sizeof buf, "setup.minutes_value",
                        ui->settings.talk_minutes, NULL, 0);
        } else {
            snprintf(buf, sizeof buf, "%s", ui_tr(ui, "common.off"));
        }
        set_item(&items[n++], M_TALK, ui_tr(ui, "setup.talk_timer"), buf);
        {
            int lo = 12, hi = 18;
            if (ui->deps.pack != NULL) {
                pack_age(ui->deps.pack, &lo, &hi);
            }
            char smin[16], smax[16];
            snprintf(smin, sizeof smin, "%d", lo);
            snprintf(smax, sizeof smax, "%d", ui->settings.max_age);
            ui_trf(ui, buf, sizeof buf, "setup.age_band_value", "min", smin, "max", smax, NULL,
                   NULL);
        }
        set_item(&items[n++], M_AGE, ui_tr(ui, "setup.age_band"), buf);
        snprintf(num, sizeof num, "setup.intensity_%d", ui->settings.max_intensity);
        set_item(&items[n++], M_INTENSITY, ui_tr(ui, "setup.max_intensity"), ui_tr(ui, num));
        {
            int on = 0;
            uint32_t off = ui_topics_off(ui);
            for (int t = 0; t < ui->def->topic_count; t++) {
                on += !(off & (1u << t));
            }
            char son[16], stotal[16];
            snprintf(son, sizeof son, "%d", on);
            snprintf(stotal, sizeof stotal, "%d", ui->def->topic_count);
            ui_trf(ui, buf, sizeof buf, "setup.topics_value", "on", son, "total", stotal, NULL,
                   NULL);
            set_item(&items[n++], M_TOPICS, ui_tr(ui, "setup.topics"), buf);
        }
        {
            GameConfig all = ui_filter_config(ui), cfg = ui_setup_config(ui);
            int out = 0;
            for (int c = 0; c < ui->def->card_count; c++) {
                out += rules_card_is_enabled(&all, ui->def, c) &&
                       !rules_card_is_enabled(&cfg, ui->def, c);
            }
            char sout[16];
            snprintf(sout, sizeof sout, "%d", out);
            if (out > 0) {
                ui_trf(ui, buf, sizeof buf, "setup.review_value", "count", sout, NULL, NULL, NULL,
                       NULL);
            } else {
                snprintf(buf, sizeof buf, "%s", ui_tr(ui, "setup.review_all"));
            }
            set_item(&items[n++], M_REVIEW, ui_tr(ui, "setup.review_cards"), buf);
        }
        set_item(&items[n++], M_START, ui_tr(ui, "setup.start"), NULL);
        break;
    }
    case UI_PAUSE:
        set_item(&items[n++], M_RESUME, ui_tr(ui, "pause.resume"), NULL);
        set_item(&items[n++], M_RULES, ui_tr(ui, "pause.ground_rules"), NULL);
        set_item(&items[n++], M_HELP, ui_tr(ui, "pause.help"), NULL);
        if (has_guide(ui)) {
            set_item(&items[n++], M_GUIDE, ui_tr(ui, "help.guide"), NULL);
        }
        if (in_session(ui)) {
            set_item(&items[n++], M_TOOLS, ui_tr(ui, "tools.title"), NULL);
        }
        set_item(&items[n++], M_SETTINGS, ui_tr(ui, "title.settings"), NULL);
        if (ui->in_game && ui->stack[0] == UI_BOARD && !rules_is_over(&ui->game)) {
            set_item(&items[n++], M_END, ui_tr(ui, "pause.end_session"), NULL);
        }
        if (ui->stack[0] != UI_TITLE) {
            set_item(&items[n++], M_TITLE, ui_tr(ui, "pause.to_title"), NULL);
        }
        break;
    case UI_SETTINGS: {
        const char *on = ui_tr(ui, "common.on"), *off = ui_tr(ui, "common.off");
        set_item(&items[n++], M_LANG, ui_tr(ui, "settings.language"),
                 locale_name(ui, ui->settings.lang));
        snprintf(num, sizeof num, "%d", ui->settings.text_percent);
        set_item(&items[n++], M_TEXT, ui_tr(ui, "settings.text_size"),
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "percent", num, NULL, NULL,
                        NULL, NULL));
        set_item(&items[n++], M_CONTRAST, ui_tr(ui, "settings.high_contrast"),
                 ui->settings.high_contrast ? on : off);
        set_item(&items[n++], M_MOTION, ui_tr(ui, "settings.reduce_motion"),
                 ui->settings.reduce_motion ? on : off);
        snprintf(num, sizeof num, "%d", ui->settings.sound_percent);
        set_item(&items[n++], M_SOUND, ui_tr(ui, "settings.sound"),
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "percent", num, NULL, NULL,
                        NULL, NULL));
        snprintf(num, sizeof num, "%d", ui->settings.music_percent);
        set_item(&items[n++], M_MUSIC, ui_tr(ui, "settings.music"),
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "percent", num, NULL, NULL,
                        NULL, NULL));
        set_item(&items[n++], M_FULLSCREEN, ui_tr(ui, "settings.fullscreen"),
                 ui->settings.fullscreen ? on : off);
        set_item(&items[n++], M_BACK, ui_tr(ui, "common.back"), NULL);
        break;
    }
    case UI_TOOLS: {
        bool over = !ui->in_game || rules_is_over(&ui->game);
        set_item(&items[n++], M_UNDO, ui_tr(ui, "tools.undo"), NULL);
        if (!over) {
            int team = clampi(ui->tool_team, 0, ui->game.team_count - 1);
            set_item(&items[n++], M_TOOL_TEAM, ui_tr(ui, "tools.team"),
                     ui_team_name(ui, team, buf, sizeof buf));
            snprintf(buf, sizeof buf, "%d \xC2\xB7 %s", ui->tool_space + 1,
                     ui_space_name(ui, ui->tool_space));
            set_item(&items[n++], M_TOOL_SPACE, ui_tr(ui, "tools.space"), buf);
            set_item(&items[n++], M_TOOL_MOVE, ui_tr(ui, "tools.move"), NULL);
            i18n_plural(ui->deps.i18n, num, sizeof num, "board.points",
                        ui->tool_points < 0 ? -ui->tool_points : ui->tool_points, NULL, 0);
            snprintf(buf, sizeof buf, "%s%s", ui->tool_points < 0 ? "\xE2\x88\x92" : "+", num);
            set_item(&items[n++], M_TOOL_POINTS, ui_tr(ui, "tools.points"), buf);
            set_item(&items[n++], M_TOOL_GIVE,
                     ui_tr(ui, ui->tool_points < 0 ? "tools.take" : "tools.give"), NULL);
            set_item(&items[n++], M_TOOL_END, ui_tr(ui, "tools.end"), NULL);
        }
        set_item(&items[n++], M_BACK, ui_tr(ui, "common.back"), NULL);
        break;
    }
    default:
        break;
    }
    return n;
}

static void push(Ui *ui, UiScreen screen);
static void open_review(Ui *ui);
static void open_guide(Ui *ui);
static void open_tools(Ui *ui);

/* Changes a setting by step (-1 or +1); returns the UI_* flags the change needs. */
static unsigned change_value(Ui *ui, int id, int step)
{
    Settings *s = &ui->settings;
    unsigned flags = UI_REDRAW;
    switch (id) {
    case M_LANG: {
        int count, at = 0;
        const char *const *tags = locales(ui, &count);
        for (int i = 0; i < count; i++) {
            if (strcmp(tags[i], s->lang) == 0) {
                at = i;
            }
        }
        at = (at + step + count) % count;
        snprintf(s->lang, sizeof s->lang, "%s", tags[at]);
        apply_language(ui);
        break;
    }
    case M_REGION: {
        int count = 0, at = -1;
        const char *const *cc =
            ui->deps.pack != NULL ? pack_helpline_countries(ui->deps.pack, &count) : NULL;
        for (int i = 0; i < count; i++) {
            if (strcmp(cc[i], s->region) == 0) {
                at = i;
            }
        }
        /* -1 is "none": always offered, so the facilitator sees the warning it brings. */
        at = cycle(at, -1, count - 1, step);
        snprintf(s->region, sizeof s->region, "%s", at < 0 ? "" : cc[at]);
        break;
    }
    case M_TEAMS:
        s->teams = cycle(s->teams, GAMEDEF_MIN_TEAMS, GAMEDEF_MAX_TEAMS, step);
        break;
    case M_ROUNDS:
        s->rounds = cycle(effective_rounds(ui), 1, 30, step);
        break;
    case M_MINUTES: {
        /* No clock, then 10 to 120 minutes in steps of 5. "No clock" overrides a pack's own
         * clock too (RULES_NO_CLOCK): a session may simply end at the bell. */
        int m = effective_minutes(ui);
        if (m == 0) {
            m = step > 0 ? 10 : 120;
        } else {
            m += 5 * step;
            if (m > 120 || m < 10) {
                m = 0;
            }
        }
        s->minutes = m > 0 ? m : -1;
    } break;
    case M_TALK: {
        static const int talk[] = {0, 2, 3, 5};
        int at = 0;
        for (int i = 0; i < 4; i++) {
            at = talk[i] == s->talk_minutes ? i : at;
        }
        s->talk_minutes = talk[(at + step + 4) % 4];
        break;
    }
    case M_REVIEW:
        open_review(ui);
        return UI_REDRAW;
    case M_TOOL_TEAM:
        if (ui->in_game) {
            ui->tool_team = cycle(ui->tool_team, 0, ui->game.team_count - 1, step);
            ui->tool_space = ui->game.position[ui->tool_team];
        }
        return UI_REDRAW;
    case M_TOOL_SPACE:
        ui->tool_space = cycle(ui->tool_space, 0, ui->def->space_count - 1, step);
        return UI_REDRAW;
    case M_TOOL_POINTS:
        /* -10..+10 without 0: a tool that does nothing is not offered. */
        ui->tool_points =
            cycle(ui->tool_points + (ui->tool_points + step == 0 ? step : 0), -10, 10, step);
        return UI_REDRAW;
    case M_AGE: {
        int lo = 12, hi = 18;
        if (ui->deps.pack != NULL) {
            pack_age(ui->deps.pack, &lo, &hi);
        }
        s->max_age = cycle(clampi(s->max_age, lo, hi), lo, hi, step);
        break;
    }
    case M_INTENSITY:
        s->max_intensity = cycle(s->max_intensity, 1, 3, step);
        break;
    case M_TOPICS:
        push(ui, UI_TOPICS);
        return UI_REDRAW;
    case M_TEXT:
        s->text_percent = cycle(s->text_percent, 100, 150, 25 * step);
        break;
    case M_CONTRAST:
        s->high_contrast = !s->high_contrast;
        break;
    case M_MOTION:
        s->reduce_motion = !s->reduce_motion;
        break;
    case M_SOUND:
        s->sound_percent = clampi(s->sound_percent + 10 * step, 0, 100);
        flags |= UI_VOLUME;
        break;
    case M_MUSIC:
        s->music_percent = clampi(s->music_percent + 10 * step, 0, 100);
        flags |= UI_VOLUME;
        break;
    case M_FULLSCREEN:
        s->fullscreen = !s->fullscreen;
        flags |= UI_FULLSCREEN;
        break;
    default:
        return 0;
    }
    save_settings(ui);
    return flags;
}

/* ---- Screen stack -----------------------------------------------------------------------------
 */

UiScreen ui_top(const Ui *ui)
{
    return ui->stack[ui->depth];
}

static void forget_pointer(Ui *ui)
{
    ui->pointer_x = ui->pointer_y = -1;
}

static void push(Ui *ui, UiScreen screen)
{
    forget_pointer(ui);
    if (ui->depth + 1 < UI_STACK_MAX) {
        if (ui->depth == 0) {
            ui->overlay_since = ui->now; /* the discussion timer waits under an overlay */
        }
        if (screen == UI_PAUSE) {
            ui->pause_since = ui->now;
        }
        ui->depth++;
        ui->stack[ui->depth] = screen;
        ui->focus[ui->depth] = 0;
        ui->help_scroll = 0;
    }
}

static void pop(Ui *ui)
{
    forget_pointer(ui);
    if (ui->depth > 0) {
        ui->depth--;
        if (ui->depth == 0 && ui->talk_on && ui->now > ui->overlay_since) {
            ui->talk_start += ui->now - ui->overlay_since;
        }
    }
}

static void check_saved(Ui *ui);

static void go_base(Ui *ui, UiScreen screen)
{
    forget_pointer(ui);
    if (screen == UI_TITLE) {
        check_saved(ui); /* Resume, first on the menu, when a session was left unfinished */
    }
    ui->depth = 0;
    ui->stack[0] = screen;
    ui->focus[0] = 0;
    if (screen != UI_BOARD) {
        ui->talk_on = false;
    }
    if (screen == UI_SETUP) {
        MenuItem items[MENU_MAX];
        ui->focus[0] = ui_menu_items(ui, UI_SETUP, items) - 1; /* Start: Enter begins at once */
    }
}

UiScreen ui_screen(const Ui *ui)
{
    UiScreen top = ui_top(ui);
    if (top != UI_BOARD) {
        return top;
    }
    if (ui->anim.active) {
        return UI_BOARD;
    }
    Phase p = ui->game.phase;
    if (p == PHASE_CARD || p == PHASE_OPEN_TALK) {
        return UI_CARD;
    }
    return p == PHASE_OVER ? UI_SUMMARY : UI_BOARD;
}

const GameState *ui_game(const Ui *ui)
{
    return ui->in_game ? &ui->game : NULL;
}

const Settings *ui_settings(const Ui *ui)
{
    return &ui->settings;
}

bool ui_card_needs_confirm(const Ui *ui)
{
    return ui_screen(ui) == UI_CARD && ui->game.card >= 0 && !ui->confirmed;
}

bool ui_is_animating(const Ui *ui)
{
    return ui->anim.active;
}

/* ---- Game: moves, events, animation ------------------------------------------------------------
 */

static void sound(Ui *ui, const Event *e)
{
    if (ui->deps.sound != NULL) {
        ui->deps.sound(ui->deps.sound_user, e);
    }
}

static void sync_tokens(Ui *ui)
{
    for (int t = 0; t < GAMEDEF_MAX_TEAMS; t++) {
        ui->shown[t] = ui->game.position[t];
    }
}

/* The discussion timer starts when the group can see the card: after the token's walk, and
 * for an intensity-3 card once the facilitator has shown it. */
static void talk_check_start(Ui *ui)
{
    Phase p = ui->game.phase;
    if (ui->talk_pending && !ui->anim.active && ui->confirmed &&
        (p == PHASE_CARD || p == PHASE_OPEN_TALK)) {
        ui->talk_pending = false;
        ui->talk_on = ui->settings.talk_minutes > 0;
        ui->talk_chimed = false;
        ui->talk_start = ui->now;
        ui->overlay_since = ui->now;
    }
}

int ui_talk_seconds_left(const Ui *ui)
{
    if (!ui->talk_on || ui_screen(ui) != UI_CARD) {
        return -1;
    }
    uint64_t at = ui->depth > 0 ? ui->overlay_since : ui->now;
    uint64_t used = at > ui->talk_start ? at - ui->talk_start : 0;
    uint64_t total = (uint64_t)ui->settings.talk_minutes * 60000u;
    return used >= total ? 0 : (int)((total - used + 999) / 1000);
}

static void finish_anim(Ui *ui)
{
    bool card = ui->anim.card_sound;
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    if (card) {
        Event e = {EVENT_CARD, ui->game.card, ui->game.card_deck, 0};
        sound(ui, &e);
    }
    talk_check_start(ui);
    if (ui->game.phase == PHASE_OVER && ui->stack[0] == UI_BOARD) {
        ui->stack[0] = UI_SUMMARY;
        ui->focus[0] = 0;
    }
}

static uint64_t anim_length(const Anim *a)
{
    return (a->dice ? UI_DICE_MS : 0) + (uint64_t)a->steps * UI_STEP_MS + UI_HOLD_MS;
}

static void set_status(Ui *ui, const char *key, int team)
{
    char name[120];
    ui_team_name(ui, team, name, sizeof name);
    ui_trf(ui, ui->status, sizeof ui->status, key, "team", name, NULL, NULL, NULL, NULL);
}

static void take_events(Ui *ui, const EventList *events)
{
    Anim *a = &ui->anim;
    memset(a, 0, sizeof *a);
    bool stepped = false;
    for (int i = 0; i < events->count; i++) {
        const Event *e = &events->items[i];
        switch (e->kind) {
        case EVENT_DICE:
            a->dice = true;
            a->die[0] = e->a;
            a->die[1] = e->b;
            sound(ui, e);
            break;
        case EVENT_STEP:
            if (a->steps < UI_MAX_STEPS) {
                a->step_team[a->steps] = e->a;
                a->step_space[a->steps] = e->b;
                a->steps++;
            }
            break;
        case EVENT_CARD:
            ui->revealed = false;
            ui->note_shown = false;
            /* Intensity-3 cards wait for the facilitator, who sees their content notes
             * first and may show, swap or pass them. */
            ui->confirmed = e->a < 0 || ui->def->cards[e->a].intensity < 3;
            a->card_sound = true;
            break;
        case EVENT_PASSED:
            snprintf(ui->status, sizeof ui->status, "%s", ui_tr(ui, "status.passed"));
            break;
        case EVENT_SKIPPED:
            snprintf(ui->status, sizeof ui->status, "%s", ui_tr(ui, "status.skipped"));
            break;
        case EVENT_CLAIMED:
            set_status(ui, "status.claimed", e->a);
            sound(ui, e);
            break;
        case EVENT_STAYED:
            set_status(ui, "status.stayed", e->a);
            break;
        case EVENT_RELEASED:
            set_status(ui, "status.released", e->a);
            break;
        case EVENT_PAUSED:
            set_status(ui, "status.to_pause", e->a);
            sound(ui, e);
            break;
        case EVENT_RENT: {
            char owner[120], points[16];
            ui_team_name(ui, e->a, owner, sizeof owner);
            i18n_plural(ui->deps.i18n, points, sizeof points, "board.points", e->c, NULL, 0);
            ui_trf(ui, ui->status, sizeof ui->status, "card.rent", "owner", owner, "points", points,
                   NULL, NULL);
            sound(ui, e);
            break;
        }
        default:
            sound(ui, e);
            break;
        }
    }
    if (!ui->settings.reduce_motion && (a->dice || a->steps > 0)) {
        a->active = true;
        a->start = ui->now;
        return;
    }
    for (int i = 0; i < a->steps && !stepped; i++) {
        Event e = {EVENT_STEP, a->step_team[i], a->step_space[i], 0};
        sound(ui, &e);
        stepped = true;
    }
    finish_anim(ui);
}

/* ---- Autosave ----------------------------------------------------------------------------------
 */

static void check_saved(Ui *ui)
{
    ui->can_resume = false;
    if (ui->deps.save_path == NULL) {
        return;
    }
    SaveFile file;
    char err[300];
    if (save_read(ui->deps.save_path, &file, err, sizeof err) != SAVE_OK) {
        char bak[4200];
        save_backup_path(ui->deps.save_path, bak, sizeof bak);
        if (save_read(bak, &file, err, sizeof err) != SAVE_OK) {
            return;
        }
    }
    ui->can_resume = strcmp(file.pack_id, ui->def->id) == 0;
    save_file_free(&file);
}

/* After every move, so a crash or a flat battery loses at most the move in progress. Only ids,
 * numbers and the setup are written: nothing a player typed, no names. */
static void autosave(Ui *ui)
{
    if (ui->deps.save_path == NULL || !ui->in_game) {
        return;
    }
    if (rules_is_over(&ui->game)) {
        /* A finished session is not offered again. */
        char bak[4200];
        save_backup_path(ui->deps.save_path, bak, sizeof bak);
        remove(ui->deps.save_path);
        remove(bak);
        ui->can_resume = false;
        return;
    }
    SaveMeta meta[4];
    memset(meta, 0, sizeof meta);
    snprintf(meta[0].key, sizeof meta[0].key, "language");
    snprintf(meta[0].value, sizeof meta[0].value, "%s", ui->settings.lang);
    snprintf(meta[1].key, sizeof meta[1].key, "region");
    snprintf(meta[1].value, sizeof meta[1].value, "%s", ui->settings.region);
    snprintf(meta[2].key, sizeof meta[2].key, "elapsed_ms");
    snprintf(meta[2].value, sizeof meta[2].value, "%llu",
             (unsigned long long)(ui->now - ui->session_start));
    snprintf(meta[3].key, sizeof meta[3].key, "started");
    snprintf(meta[3].value, sizeof meta[3].value, "%lld", ui->started_wall);
    char err[300];
    ui->autosave_failed =
        save_write(ui->deps.save_path, &ui->replay, ui->def, meta, 4, err, sizeof err) != SAVE_OK;
    if (ui->autosave_failed) {
        char why[400];
        snprintf(why, sizeof why, "autosave failed: %s", err);
        save_trouble(ui, ui->deps.save_path, why);
    } else {
        save_recovered(ui);
    }
}

static void sync_tokens(Ui *ui);

static bool resume_saved(Ui *ui)
{
    SaveFile file;
    char err[300], note[300] = "";
    SaveStatus st = save_read(ui->deps.save_path, &file, err, sizeof err);
    if (st != SAVE_OK) {
        char bak[4200];
        save_backup_path(ui->deps.save_path, bak, sizeof bak);
        st = save_read(bak, &file, err, sizeof err);
    }
    if (st != SAVE_OK) {
        fprintf(stderr, "rutas: cannot resume: %s\n", err);
        ui->can_resume = false;
        return false;
    }
    Replay replay;
    GameState *state = malloc(sizeof *state);
    if (state == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    st = save_restore(&file, ui->def, &replay, state, note, sizeof note);
    const char *elapsed = save_meta_get(&file, "elapsed_ms");
    uint64_t ms = elapsed != NULL ? strtoull(elapsed, NULL, 10) : 0;
    const char *started = save_meta_get(&file, "started");
    long long wall = started != NULL ? strtoll(started, NULL, 10) : 0;
    save_file_free(&file);
    if (st != SAVE_OK) {
        fprintf(stderr, "rutas: cannot resume: %s\n", note);
        free(state);
        ui->can_resume = false;
        /* Kept aside, where the next session's autosave cannot write over it. */
        char kept[4300];
        snprintf(kept, sizeof kept, "%s.old", ui->deps.save_path);
        if (rename(ui->deps.save_path, kept) == 0) {
            fprintf(stderr, "rutas: the saved session is kept in %s\n", kept);
            ui_trf(ui, ui->notice, sizeof ui->notice, "title.resume_failed", "reason", note, "file",
                   kept, NULL, NULL);
        }
        return false;
    }
    replay_free(&ui->replay);
    ui->replay = replay;
    ui->game = *state;
    free(state);
    ui->in_game = true;
    ui->session_start = ui->now > ms ? ui->now - ms : 0;
    ui->started_wall = wall > 0 ? wall : (long long)time(NULL) - (long long)(ms / 1000);
    ui->report_written = false;
    ui->report_path[0] = ui->report_json_path[0] = '\0';
    snprintf(ui->status, sizeof ui->status, "%s", note);
    ui->revealed = ui->note_shown = false;
    ui->confirmed = ui->game.card < 0 || ui->def->cards[ui->game.card].intensity < 3;
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    ui->talk_on = false;
    ui->talk_pending = true; /* a card on show gets its timer afresh */
    talk_check_start(ui);
    return true;
}

/* The anonymous report of a session that just ended, into the user's folder. Counts, ids,
 * colours and shapes only (report.h): no team name can reach it. */
static void write_report(Ui *ui)
{
    if (ui->report_written || ui->deps.report_dir == NULL || !ui->in_game) {
        return;
    }
    ui->report_written = true;
    ReportContext ctx;
    memset(&ctx, 0, sizeof ctx);
    char started[32] = "";
    time_t wall = (time_t)ui->started_wall;
    const struct tm *tm = localtime(&wall);
    if (tm == NULL || strftime(started, sizeof started, "%Y-%m-%d %H:%M", tm) == 0) {
        snprintf(started, sizeof started, "2000-01-01 00:00");
    }
    ctx.started = started;
    ctx.minutes = (int)((ui->now - ui->session_start) / 60000u);
    ctx.language = i18n_locale(ui->deps.i18n);
    ctx.region = ui->settings.region;
    for (int t = 0; t < GAMEDEF_MAX_TEAMS; t++) {
        ctx.teams[t].colour = ui_team_colours[t];
        ctx.teams[t].shape = t % SHAPE_COUNT;
    }
    SessionReport report;
    char err[400];
    if (!report_from_game(&ui->game, &ctx, &report, err, sizeof err) ||
        !report_write(&report, ui->deps.report_dir, NULL, ui->deps.i18n, ui->report_json_path,
                      sizeof ui->report_json_path, ui->report_path, sizeof ui->report_path, err,
                      sizeof err)) {
        fprintf(stderr, "rutas: the session report was not written: %s\n", err);
        ui->report_path[0] = ui->report_json_path[0] = '\0';
    }
}

static bool apply(Ui *ui, MoveKind kind, int a, int b, int c)
{
    Move m = {kind, a, b, c};
    EventList events;
    events.count = 0;
    events.dropped = 0;
    Phase phase = ui->game.phase;
    int card = ui->game.card, drawn = ui->game.stats.cards_drawn;
    if (rules_apply(&ui->game, &m, &events) != STATUS_OK) {
        return false;
    }
    replay_push(&ui->replay, &m);
    /* A new card, or a new open talk, gets a fresh discussion timer. */
    Phase now = ui->game.phase;
    bool talking = now == PHASE_CARD || now == PHASE_OPEN_TALK;
    if (!talking) {
        ui->talk_on = ui->talk_pending = false;
    } else if (kind == MOVE_SKIP || phase != now || card != ui->game.card ||
               drawn != ui->game.stats.cards_drawn) {
        ui->talk_on = false;
        ui->talk_pending = true;
    }
    take_events(ui, &events);
    autosave(ui);
    if (rules_is_over(&ui->game)) {
        write_report(ui);
    }
    return true;
}

/* Undo: the game is played again from its start without its last move, so the state is
 * exactly what it was (the rules core has no other way back, and needs none). */
static bool undo_last(Ui *ui)
{
    if (!ui->in_game || ui->replay.count == 0) {
        return false;
    }
    if (ui->anim.active) {
        finish_anim(ui);
    }
    bool was_over = rules_is_over(&ui->game);
    int card = ui->game.card;
    bool shown = ui->confirmed;
    Move last = ui->replay.moves[ui->replay.count - 1];
    replay_pop(&ui->replay);
    /* The clock running out is not the facilitator's move: undo the one before it too (the
     * clock says so again at once if the time is still up). */
    if (last.kind == MOVE_TIME_UP && ui->replay.count > 0) {
        last = ui->replay.moves[ui->replay.count - 1];
        replay_pop(&ui->replay);
    }
    GameState *state = malloc(sizeof *state);
    if (state == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    int failed = -1;
    if (replay_run(&ui->replay, ui->def, -1, state, &failed) != STATUS_OK) {
        /* Cannot happen for moves this session applied; keep the game as it was. */
        fprintf(stderr, "rutas: undo: move %d does not replay\n", failed);
        replay_push(&ui->replay, &last);
        free(state);
        return false;
    }
    ui->game = *state;
    free(state);
    ui->revealed = ui->note_shown = false;
    /* An intensity-3 card the facilitator had shown stays shown (a vote undone); one that comes
     * back asks again. */
    ui->confirmed = ui->game.card < 0 || ui->def->cards[ui->game.card].intensity < 3 ||
                    (ui->game.card == card && shown);
    ui->talk_on = false;
    ui->talk_pending = true;
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    talk_check_start(ui);
    ui->status[0] = '\0';
    if (was_over && !rules_is_over(&ui->game)) {
        /* The session goes on: its report was early, and a new one comes at the real end. */
        if (ui->report_path[0] != '\0') {
            remove(ui->report_path);
        }
        if (ui->report_json_path[0] != '\0') {
            remove(ui->report_json_path);
        }
        ui->report_written = false;
        ui->report_path[0] = ui->report_json_path[0] = '\0';
        ui->stack[0] = UI_BOARD;
    }
    autosave(ui);
    return true;
}

static bool legal(const Ui *ui, MoveKind kind)
{
    Move m = {kind, 0, 0, 0};
    return rules_is_legal(&ui->game, &m);
}

static void start_game(Ui *ui)
{
    GameConfig cfg = ui_setup_config(ui);
    if (rules_new_game(&ui->game, ui->def, &cfg, ui->seed) != STATUS_OK) {
        snprintf(ui->status, sizeof ui->status, "rules_new_game: bad setup");
        return;
    }
    replay_free(&ui->replay);
    replay_init(&ui->replay, ui->def, &cfg, ui->seed);
    ui->seed++;
    ui->in_game = true;
    ui->session_start = ui->now;
    ui->started_wall = (long long)time(NULL);
    ui->report_written = false;
    ui->report_path[0] = ui->report_json_path[0] = '\0';
    ui->talk_on = ui->talk_pending = false;
    ui->status[0] = '\0';
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    go_base(ui, UI_BOARD);
}

int ui_dice_face(const Ui *ui, int die)
{
    const Anim *a = &ui->anim;
    if (a->active && a->dice && ui->now - a->start < UI_DICE_MS) {
        /* A tumble that settles on the real value; its pace is far below three changes of
         * brightness a second over any large area (WCAG 2.3.1). */
        uint64_t t = ui->now - a->start;
        return 1 + (int)((t / 110 + (uint64_t)die * 3) % (uint64_t)ui->def->rules.sides);
    }
    return ui->game.last_dice[die];
}

/* Topics the open space may pick (those with cards left), in order. */
static int open_topics(const Ui *ui, int *out)
{
    int n = 0;
    for (int t = 0; t < ui->def->topic_count; t++) {
        Move m = {MOVE_CHOOSE_TOPIC, t, 0, 0};
        if (rules_is_legal(&ui->game, &m)) {
            out[n++] = t;
        }
    }
    return n;
}

/* ---- Packs ----------------------------------------------------------------------------------- */

/* Reads what the Packs screen shows: each pack is loaded (and freed) to check it and to read
 * its title and provenance in the language shown. */
static void read_packs(Ui *ui)
{
    ui->pack_rows = 0;
    const char *loc = i18n_locale(ui->deps.i18n);
    char real_current[4096] = "";
    if (ui->deps.pack != NULL && realpath(pack_dir(ui->deps.pack), real_current) == NULL) {
        snprintf(real_current, sizeof real_current, "%s", pack_dir(ui->deps.pack));
    }
    for (int i = 0; i < ui->deps.pack_dir_count && ui->pack_rows < UI_MAX_PACKS; i++) {
        PackRow *row = &ui->packs[ui->pack_rows++];
        memset(row, 0, sizeof *row);
        row->dir = ui->deps.pack_dirs[i];
        char real[4096];
        if (realpath(row->dir, real) == NULL) {
            snprintf(real, sizeof real, "%s", row->dir);
        }
        row->current = strcmp(real, real_current) == 0;
        PackErrors errors;
        pack_errors_init(&errors);
        Pack *p = pack_load(row->dir, ui->deps.pack_search, NULL, &errors);
        pack_errors_clear(&errors);
        if (p == NULL) {
            row->broken = true;
            const char *slash = strrchr(row->dir, '/');
            snprintf(row->title, sizeof row->title, "%s", slash != NULL ? slash + 1 : row->dir);
            ui_trf(ui, row->line, sizeof row->line, "packs.errors", "path", row->dir, NULL, NULL,
                   NULL, NULL);
            continue;
        }
        const StringTable *t = pack_strings(p, loc);
        if (t == NULL) {
            t = pack_strings(p, pack_source_locale(p));
        }
        const char *title = t != NULL ? i18n_table_get(t, pack_title_key(p)) : NULL;
        snprintf(row->title, sizeof row->title, "%s", title != NULL ? title : pack_id(p));
        int na, nl, lo, hi;
        const char *const *authors = pack_authors(p, &na);
        const char *const *locales = pack_locales(p, &nl);
        pack_age(p, &lo, &hi);
        char langs[160] = "", smin[16], smax[16];
        for (int k = 0; k < nl; k++) {
            size_t used = strlen(langs);
            snprintf(langs + used, sizeof langs - used, "%s%s", k ? ", " : "", locales[k]);
        }
        snprintf(smin, sizeof smin, "%d", lo);
        snprintf(smax, sizeof smax, "%d", hi);
        char by[100], version[60], license[80], ages[60], cards[60], languages[100];
        ui_trf(ui, by, sizeof by, "packs.by", "authors", na > 0 ? authors[0] : "", NULL, NULL, NULL,
               NULL);
        ui_trf(ui, version, sizeof version, "packs.version", "version", pack_version(p), NULL, NULL,
               NULL, NULL);
        ui_trf(ui, license, sizeof license, "packs.license", "license", pack_license(p), NULL, NULL,
               NULL, NULL);
        ui_trf(ui, ages, sizeof ages, "packs.ages", "min", smin, "max", smax, NULL, NULL);
        i18n_plural(ui->deps.i18n, cards, sizeof cards, "packs.cards", pack_def(p)->card_count,
                    NULL, 0);
        ui_trf(ui, languages, sizeof languages, "packs.languages", "languages", langs, NULL, NULL,
               NULL, NULL);
        snprintf(row->line, sizeof row->line, "%s · %s · %s · %s · %s · %s", version, by, license,
                 languages, ages, cards);
        pack_free(p);
    }
}

const char *ui_chosen_pack(const Ui *ui)
{
    return ui->chosen_pack;
}

const char *ui_report_path(const Ui *ui)
{
    return ui->report_path;
}

/* ---- Card review, guide, facilitator tools ------------------------------------------------- */

/* The review lists every card the age band, the intensity and the topics let in, those left
 * out one by one included (so they can be taken back), in the pack's order: by topic. */
static void open_review(Ui *ui)
{
    GameConfig cfg = ui_filter_config(ui);
    ui->review_count = 0;
    for (int c = 0; c < ui->def->card_count; c++) {
        if (rules_card_is_enabled(&cfg, ui->def, c)) {
            ui->review[ui->review_count++] = c;
        }
    }
    push(ui, UI_REVIEW);
    ui->review_scroll = 0;
}

static void open_guide(Ui *ui)
{
    ui_guide_free(&ui->guide);
    const char *md =
        ui->deps.pack != NULL ? pack_guide(ui->deps.pack, i18n_locale(ui->deps.i18n), NULL) : NULL;
    ui_guide_parse(md, &ui->guide);
    ui->guide_scroll = 0;
    push(ui, UI_GUIDE);
}

static void open_tools(Ui *ui)
{
    if (!in_session(ui)) {
        return;
    }
    ui->tool_team = ui->game.current;
    ui->tool_space = ui->game.position[ui->game.current];
    ui->tool_points = 1;
    ui->tool_status[0] = '\0';
    push(ui, UI_TOOLS);
}

static unsigned review_command(Ui *ui, Cmd cmd, int arg)
{
    int n = ui->review_count;
    int *focus = &ui->focus[ui->depth];
    int page = ui->review_rows > 1 ? ui->review_rows - 1 : 1;
    if (cmd == CMD_BACK) {
        pop(ui);
        return UI_REDRAW;
    }
    if (n == 0) {
        return 0;
    }
    switch (cmd) {
    case CMD_UP:
        *focus = *focus > 0 ? *focus - 1 : 0;
        break;
    case CMD_DOWN:
        *focus = *focus < n - 1 ? *focus + 1 : n - 1;
        break;
    case CMD_PAGE_UP:
        *focus = *focus > page ? *focus - page : 0;
        break;
    case CMD_PAGE_DOWN:
        *focus = *focus + page < n - 1 ? *focus + page : n - 1;
        break;
    case CMD_HOME:
        *focus = 0;
        break;
    case CMD_END:
        *focus = n - 1;
        break;
    case CMD_LEFT:
    case CMD_RIGHT: {
        /* To the first card of the previous or next deck. */
        int step = cmd == CMD_RIGHT ? 1 : -1, at = *focus;
        int deck = ui->def->cards[ui->review[at]].deck;
        while (at + step >= 0 && at + step < n && ui->def->cards[ui->review[at]].deck == deck) {
            at += step;
        }
        if (step < 0) {
            deck = ui->def->cards[ui->review[at]].deck;
            while (at > 0 && ui->def->cards[ui->review[at - 1]].deck == deck) {
                at--;
            }
        }
        *focus = at;
        break;
    }
    case CMD_ITEM:
    case CMD_ACCEPT: {
        if (cmd == CMD_ITEM) {
            *focus = clampi(arg, 0, n - 1); /* a click focuses and toggles */
        }
        int card = ui->review[*focus];
        if (!set_card_excluded(ui, card, !ui_card_is_excluded(ui, card))) {
            snprintf(ui->status, sizeof ui->status, "%s", ui_tr(ui, "setup.review_full"));
        }
        save_settings(ui);
        break;
    }
    default:
        return 0;
    }
    return UI_REDRAW; /* the layout scrolls to keep the focused card in view */
}

static unsigned guide_command(Ui *ui, Cmd cmd)
{
    int n = ui->guide.count;
    int page = ui->guide_shown > 1 ? ui->guide_shown - 1 : 1;
    int *at = &ui->guide_scroll;
    switch (cmd) {
    case CMD_BACK:
    case CMD_ACCEPT:
    case CMD_ITEM:
        pop(ui);
        ui_guide_free(&ui->guide);
        return UI_REDRAW;
    case CMD_UP:
        *at = *at > 0 ? *at - 1 : 0;
        return UI_REDRAW;
    case CMD_DOWN:
        *at = *at < n - 1 ? *at + 1 : *at;
        return UI_REDRAW;
    case CMD_PAGE_UP:
    case CMD_LEFT:
        *at = *at > page ? *at - page : 0;
        return UI_REDRAW;
    case CMD_PAGE_DOWN:
    case CMD_RIGHT:
    case CMD_REVEAL:
        *at = *at + page < n - 1 ? *at + page : (n > 0 ? n - 1 : 0);
        return UI_REDRAW;
    case CMD_HOME:
        *at = 0;
        return UI_REDRAW;
    case CMD_END:
        *at = n > 0 ? n - 1 : 0;
        return UI_REDRAW;
    default:
        return 0;
    }
}

/* ---- Commands -------------------------------------------------------------------------------- */

static unsigned activate(Ui *ui, int id)
{
    switch (id) {
    case M_RESUME_SAVED:
        if (resume_saved(ui)) {
            go_base(ui, UI_BOARD);
        }
        return UI_REDRAW;
    case M_NEW:
        go_base(ui, UI_SETUP);
        return UI_REDRAW;
    case M_SETTINGS:
        push(ui, UI_SETTINGS);
        return UI_REDRAW;
    case M_PACKS:
        read_packs(ui);
        push(ui, UI_PACKS);
        ui->focus[ui->depth] = 0;
        for (int i = 0; i < ui->pack_rows; i++) {
            if (ui->packs[i].current) {
                ui->focus[ui->depth] = i;
            }
        }
        return UI_REDRAW;
    case M_HELP:
        push(ui, UI_HELP);
        return UI_REDRAW;
    case M_KEYS:
        push(ui, UI_KEYS);
        return UI_REDRAW;
    case M_QUIT:
        return UI_QUIT;
    case M_START:
        save_settings(ui);
        go_base(ui, UI_RULES);
        return UI_REDRAW;
    case M_RESUME:
    case M_BACK:
        pop(ui);
        return UI_REDRAW;
    case M_RULES:
        push(ui, UI_RULES);
        return UI_REDRAW;
    case M_GUIDE:
        open_guide(ui);
        return UI_REDRAW;
    case M_TOOLS:
        open_tools(ui);
        return UI_REDRAW;
    case M_END:
    case M_TOOL_END:
        if (ui->anim.active) {
            finish_anim(ui);
        }
        apply(ui, MOVE_END_GAME, 0, 0, 0);
        go_base(ui, UI_SUMMARY);
        return UI_REDRAW;
    case M_UNDO:
        snprintf(ui->tool_status, sizeof ui->tool_status, "%s",
                 ui_tr(ui, undo_last(ui) ? "tools.undone" : "tools.nothing_to_undo"));
        ui->tool_space = ui->game.position[clampi(ui->tool_team, 0, ui->game.team_count - 1)];
        ui->focus[ui->depth] = 0; /* the menu may have grown back (undo of the end) */
        return UI_REDRAW;
    case M_TOOL_MOVE:
    case M_TOOL_GIVE: {
        if (ui->anim.active) {
            finish_anim(ui);
        }
        int team = clampi(ui->tool_team, 0, ui->game.team_count - 1);
        bool move = id == M_TOOL_MOVE;
        char name[120], num[40];
        ui_team_name(ui, team, name, sizeof name);
        if (move ? apply(ui, MOVE_PLACE_TOKEN, team, ui->tool_space, 0)
                 : apply(ui, MOVE_GIVE_POINTS, team, ui->tool_points, 0)) {
            if (move) {
                ui_trf(ui, ui->tool_status, sizeof ui->tool_status, "tools.moved", "team", name,
                       "space", ui_space_name(ui, ui->tool_space), NULL, NULL);
            } else {
                i18n_plural(ui->deps.i18n, num, sizeof num, "board.points", ui->game.points[team],
                            NULL, 0);
                ui_trf(ui, ui->tool_status, sizeof ui->tool_status, "tools.points_now", "team",
                       name, "points", num, NULL, NULL);
            }
        }
        return UI_REDRAW;
    }
    case M_TITLE:
        go_base(ui, UI_TITLE);
        return UI_REDRAW;
    default:
        return change_value(ui, id, +1);
    }
}

static unsigned menu_command(Ui *ui, Cmd cmd, int arg)
{
    MenuItem items[MENU_MAX];
    UiScreen top = ui_top(ui);
    int n = ui_menu_items(ui, top, items);
    int *focus = &ui->focus[ui->depth];
    if (n == 0) {
        return 0;
    }
    *focus = clampi(*focus, 0, n - 1);
    switch (cmd) {
    case CMD_UP:
        *focus = (*focus + n - 1) % n;
        return UI_REDRAW;
    case CMD_DOWN:
        *focus = (*focus + 1) % n;
        return UI_REDRAW;
    case CMD_LEFT:
        return items[*focus].value[0] ? change_value(ui, items[*focus].id, -1) : 0;
    case CMD_RIGHT:
        return items[*focus].value[0] ? change_value(ui, items[*focus].id, +1) : 0;
    case CMD_ACCEPT:
        return activate(ui, items[*focus].id);
    case CMD_ITEM:
        if (arg >= 0 && arg < n) {
            *focus = arg;
            return activate(ui, items[arg].id);
        }
        return 0;
    case CMD_DEC:
    case CMD_INC:
        if (arg >= 0 && arg < n) {
            *focus = arg;
            return change_value(ui, items[arg].id, cmd == CMD_INC ? +1 : -1);
        }
        return 0;
    case CMD_BACK:
        if (top == UI_SETUP && ui->depth == 0) {
            save_settings(ui);
            go_base(ui, UI_TITLE);
            return UI_REDRAW;
        }
        if (ui->depth > 0) {
            pop(ui);
            return UI_REDRAW;
        }
        return 0;
    default:
        return 0;
    }
}

static unsigned board_command(Ui *ui, Cmd cmd, int arg)
{
    if (ui->anim.active) {
        /* Enter or Space during a move shows where it ends, at once. */
        if (cmd == CMD_ACCEPT || cmd == CMD_ROLL) {
            finish_anim(ui);
            return UI_REDRAW;
        }
        return 0;
    }
    if (cmd == CMD_BACK) {
        push(ui, UI_PAUSE);
        return UI_REDRAW;
    }
    GameState *g = &ui->game;
    bool done = false;
    switch (g->phase) {
    case PHASE_ROLL:
        if (cmd == CMD_ROLL || cmd == CMD_ACCEPT) {
            ui->status[0] = '\0';
            done = apply(ui, MOVE_ROLL, 0, 0, 0);
        }
        break;
    case PHASE_PAUSED:
        if ((cmd == CMD_ROLL || cmd == CMD_ACCEPT) && legal(ui, MOVE_ROLL)) {
            ui->status[0] = '\0';
            done = apply(ui, MOVE_ROLL, 0, 0, 0);
        } else if (cmd == CMD_RIGHTS) {
            done = apply(ui, MOVE_DRAW_RIGHTS, 0, 0, 0);
        } else if (cmd == CMD_STAY ||
                   ((cmd == CMD_ROLL || cmd == CMD_ACCEPT) && !legal(ui, MOVE_DRAW_RIGHTS))) {
            done = apply(ui, MOVE_STAY, 0, 0, 0);
        }
        break;
    case PHASE_CHOOSE_TOPIC: {
        int topics[GAMEDEF_MAX_TOPICS];
        int n = open_topics(ui, topics);
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (topics[i] == ui->topic_focus) {
                at = i;
            }
        }
        if (n == 0) {
            break;
        }
        if (cmd == CMD_UP || cmd == CMD_LEFT) {
            ui->topic_focus = topics[(at + n - 1) % n];
            return UI_REDRAW;
        }
        if (cmd == CMD_DOWN || cmd == CMD_RIGHT) {
            ui->topic_focus = topics[(at + 1) % n];
            return UI_REDRAW;
        }
        if (cmd == CMD_ACCEPT || cmd == CMD_ROLL) {
            done = apply(ui, MOVE_CHOOSE_TOPIC, topics[at], 0, 0);
        } else if (cmd == CMD_TOPIC) {
            done = apply(ui, MOVE_CHOOSE_TOPIC, arg, 0, 0);
        }
        break;
    }
    case PHASE_CLAIM:
        if (cmd == CMD_YES || cmd == CMD_ACCEPT) {
            done = apply(ui, MOVE_CLAIM, 0, 0, 0);
        } else if (cmd == CMD_NO) {
            done = apply(ui, MOVE_DECLINE, 0, 0, 0);
        }
        break;
    case PHASE_CARD:
    case PHASE_OPEN_TALK: {
        const Card *card = g->card >= 0 ? &ui->def->cards[g->card] : NULL;
        bool revealable =
            card != NULL && (card->kind == CARD_MYTH_FACT || card->kind == CARD_SCENARIO);
        if (card != NULL && !ui->confirmed) {
            if (cmd == CMD_DONE || cmd == CMD_ACCEPT) {
                ui->confirmed = true;
                talk_check_start(ui);
                return UI_REDRAW;
            }
            if (cmd != CMD_PASS && cmd != CMD_SKIP && cmd != CMD_NOTE) {
                return 0;
            }
        }
        if (cmd == CMD_DONE || cmd == CMD_ACCEPT) {
            done = apply(ui, MOVE_COMPLETE, 0, 0, 0);
        } else if (cmd == CMD_PASS) {
            done = apply(ui, MOVE_PASS, 0, 0, 0);
        } else if (cmd == CMD_SKIP) {
            done = apply(ui, MOVE_SKIP, 0, 0, 0);
        } else if (cmd == CMD_REVEAL && revealable) {
            ui->revealed = !ui->revealed;
            if (ui->revealed) {
                sound(ui, NULL);
            }
            return UI_REDRAW;
        } else if (cmd == CMD_NOTE && card != NULL) {
            ui->note_shown = !ui->note_shown;
            return UI_REDRAW;
        } else if (cmd == CMD_VOTE && card != NULL && card->kind == CARD_AGREE) {
            int t[3] = {g->tally[0], g->tally[1], g->tally[2]};
            int which = arg % 3;
            t[which] = clampi(t[which] + (arg >= 3 ? -1 : 1), 0, TALLY_LIMIT);
            done = apply(ui, MOVE_TALLY, t[0], t[1], t[2]);
        }
        break;
    }
    case PHASE_OVER:
        finish_anim(ui);
        return UI_REDRAW;
    }
    return done ? UI_REDRAW : 0;
}

static unsigned command(Ui *ui, Cmd cmd, int arg)
{
    UiScreen top = ui_top(ui);
    switch (cmd) {
    case CMD_PAUSE:
        if (top == UI_PAUSE) {
            pop(ui);
        } else {
            push(ui, UI_PAUSE);
        }
        return UI_REDRAW;
    case CMD_HELP:
        if (top == UI_HELP) {
            pop(ui);
        } else {
            push(ui, UI_HELP);
        }
        return UI_REDRAW;
    case CMD_KEYS:
        if (top == UI_KEYS) {
            pop(ui);
        } else {
            push(ui, UI_KEYS);
        }
        return UI_REDRAW;
    case CMD_FULLSCREEN:
        return change_value(ui, M_FULLSCREEN, 1);
    case CMD_TOOLS:
        if (top == UI_TOOLS) {
            pop(ui);
        } else if (ui->depth == 0) {
            open_tools(ui);
        }
        return UI_REDRAW;
    default:
        break;
    }
    switch (top) {
    case UI_TITLE:
    case UI_SETUP:
    case UI_PAUSE:
    case UI_SETTINGS:
    case UI_TOOLS:
        return menu_command(ui, cmd, arg);
    case UI_REVIEW:
        return review_command(ui, cmd, arg);
    case UI_GUIDE:
        return guide_command(ui, cmd);
    case UI_RULES:
        if (cmd == CMD_ACCEPT || cmd == CMD_ITEM) {
            if (ui->depth > 0) {
                pop(ui);
            } else {
                start_game(ui);
            }
            return UI_REDRAW;
        }
        if (cmd == CMD_BACK) {
            if (ui->depth > 0) {
                pop(ui);
            } else {
                go_base(ui, UI_SETUP);
            }
            return UI_REDRAW;
        }
        return 0;
    case UI_PACKS: {
        int n = ui->pack_rows;
        int *focus = &ui->focus[ui->depth];
        if (cmd == CMD_BACK || n == 0) {
            pop(ui);
            return UI_REDRAW;
        }
        if (cmd == CMD_UP || cmd == CMD_DOWN) {
            *focus = (*focus + (cmd == CMD_UP ? n - 1 : 1)) % n;
            return UI_REDRAW;
        }
        if (cmd == CMD_ACCEPT || cmd == CMD_ITEM) {
            if (cmd == CMD_ITEM) {
                *focus = clampi(arg, 0, n - 1);
            }
            const PackRow *row = &ui->packs[*focus];
            if (row->broken) {
                return UI_REDRAW;
            }
            if (row->current) {
                pop(ui);
                return UI_REDRAW;
            }
            snprintf(ui->chosen_pack, sizeof ui->chosen_pack, "%s", row->dir);
            snprintf(ui->settings.pack, sizeof ui->settings.pack, "%s", row->dir);
            save_settings(ui);
            return UI_RELOAD | UI_REDRAW;
        }
        return 0;
    }
    case UI_TOPICS: {
        int n = ui->def->topic_count, rows = (n + 1) / 2;
        int *focus = &ui->focus[ui->depth];
        if (n == 0) {
            return 0;
        }
        switch (cmd) {
        case CMD_UP:
            *focus = (*focus + n - 1) % n;
            return UI_REDRAW;
        case CMD_DOWN:
            *focus = (*focus + 1) % n;
            return UI_REDRAW;
        case CMD_LEFT:
        case CMD_RIGHT:
            *focus = (*focus + rows) % (2 * rows);
            if (*focus >= n) {
                *focus = n - 1;
            }
            return UI_REDRAW;
        case CMD_ITEM:
        case CMD_ACCEPT:
            if (cmd == CMD_ITEM) {
                *focus = clampi(arg, 0, n - 1); /* a click focuses and toggles */
            }
            set_topics_off(ui, ui_topics_off(ui) ^ (1u << *focus));
            save_settings(ui);
            return UI_REDRAW;
        case CMD_BACK:
            pop(ui);
            return UI_REDRAW;
        default:
            return 0;
        }
    }
    case UI_HELP:
    case UI_KEYS:
        if (cmd == CMD_BACK || cmd == CMD_ACCEPT || cmd == CMD_ITEM) {
            if (ui->depth == 0) {
                go_base(ui, UI_TITLE); /* the help shown at the end of a session */
            } else {
                pop(ui);
            }
            return UI_REDRAW;
        }
        if (cmd == CMD_DOWN) {
            ui->help_scroll++;
            return UI_REDRAW;
        }
        if (cmd == CMD_UP && ui->help_scroll > 0) {
            ui->help_scroll--;
            return UI_REDRAW;
        }
        return 0;
    case UI_SUMMARY:
        /* Every session ends on the help lines of the region, then the title. */
        if (cmd == CMD_ACCEPT || cmd == CMD_BACK || cmd == CMD_ITEM) {
            go_base(ui, UI_HELP);
            ui->help_scroll = 0;
            return UI_REDRAW;
        }
        return 0;
    case UI_BOARD:
        return board_command(ui, cmd, arg);
    default:
        return 0;
    }
}

/* What a key means on the screen shown. */
static Cmd key_command(const Ui *ui, const Input *in, int *arg)
{
    *arg = 0;
    UiScreen view = ui_screen(ui);
    /* The lists that scroll page with Page Up and Page Down (a clicker's back and next), and
     * go to their ends with Home and End. */
    bool list = view == UI_REVIEW || view == UI_GUIDE;
    if (list && (in->key == KEY_PAGE_UP || in->key == KEY_PAGE_DOWN)) {
        return in->key == KEY_PAGE_UP ? CMD_PAGE_UP : CMD_PAGE_DOWN;
    }
    if (in->key == KEY_HOME || in->key == KEY_END) {
        return !list ? CMD_NONE : in->key == KEY_HOME ? CMD_HOME : CMD_END;
    }
    if (view == UI_GUIDE && in->key == KEY_SPACE) {
        return CMD_PAGE_DOWN;
    }
    /* The pause screen is left on purpose only (Enter on "Back to the game", F1, B or Esc): a
     * Space meant for the dice or a clicker's "next" must not lift it by accident; the
     * clicker's keys move along its menu instead. */
    if (view == UI_PAUSE) {
        if (in->key == KEY_SPACE) {
            return CMD_NONE;
        }
        if (in->key == KEY_PAGE_UP || in->key == KEY_PAGE_DOWN) {
            return in->key == KEY_PAGE_UP ? CMD_UP : CMD_DOWN;
        }
    }
    switch (in->key) {
    case KEY_F1:
        return CMD_PAUSE;
    case KEY_F2:
        return CMD_KEYS;
    case KEY_F11:
        return CMD_FULLSCREEN;
    case KEY_ENTER:
    case KEY_PAGE_DOWN:
        return CMD_ACCEPT;
    case KEY_ESCAPE:
    case KEY_PAGE_UP:
    case KEY_BACKSPACE:
        return CMD_BACK;
    case KEY_UP:
        return CMD_UP;
    case KEY_DOWN:
        return CMD_DOWN;
    case KEY_TAB:
        return in->shift ? CMD_UP : CMD_DOWN;
    case KEY_LEFT:
    case KEY_RIGHT: {
        /* Clickers that send arrows: on screens without values to change, Right is "next"
         * and Left is "back", like Page Down and Page Up. */
        bool values = view == UI_TITLE || view == UI_SETUP || view == UI_PAUSE ||
                      view == UI_SETTINGS || view == UI_TOPICS || view == UI_TOOLS || list ||
                      (view == UI_BOARD && ui->game.phase == PHASE_CHOOSE_TOPIC);
        if (!values) {
            return in->key == KEY_RIGHT ? CMD_ACCEPT : CMD_BACK;
        }
        return in->key == KEY_RIGHT ? CMD_RIGHT : CMD_LEFT;
    }
    case KEY_SPACE:
        if (view == UI_CARD) {
            return CMD_REVEAL;
        }
        return view == UI_BOARD ? CMD_ROLL : CMD_ACCEPT;
    case KEY_CHAR:
        break;
    default:
        return CMD_NONE;
    }
    char c = in->ch;
    if (c == 'b') {
        return CMD_PAUSE;
    }
    if (c == 'h') {
        return CMD_HELP;
    }
    if (c == '?') {
        return CMD_KEYS;
    }
    if (c == 'f' &&
        (view == UI_BOARD || view == UI_CARD || view == UI_SUMMARY || view == UI_TOOLS)) {
        return CMD_TOOLS;
    }
    if (view == UI_CARD) {
        static const char votes[] = "adu123";
        const char *v = strchr(votes, c);
        if (v != NULL && c != '\0') {
            *arg = (int)(v - votes) % 3 + (in->shift ? 3 : 0);
            return CMD_VOTE;
        }
        switch (c) {
        case 'p':
            return CMD_PASS;
        case 's':
            return CMD_SKIP;
        case 'r':
            return CMD_REVEAL;
        case 'n':
            return CMD_NOTE;
        default:
            return CMD_NONE;
        }
    }
    if (view == UI_BOARD) {
        switch (c) {
        case 'y':
            return CMD_YES;
        case 'n':
            return CMD_NO;
        case 's':
            return CMD_STAY;
        case 'r':
            return CMD_RIGHTS;
        default:
            break;
        }
        if (c >= '1' && c <= '9' && ui->game.phase == PHASE_CHOOSE_TOPIC) {
            int topics[GAMEDEF_MAX_TOPICS];
            int n = open_topics(ui, topics);
            int i = c - '1';
            if (i < n) {
                *arg = topics[i];
                return CMD_TOPIC;
            }
        }
    }
    return CMD_NONE;
}

unsigned ui_handle(Ui *ui, const Input *in, uint64_t now_ms)
{
    ui->now = now_ms;
    switch (in->kind) {
    case INPUT_QUIT:
        return UI_QUIT;
    case INPUT_RESIZE:
    case INPUT_EXPOSE:
        return UI_REDRAW;
    case INPUT_KEY: {
        int arg;
        Cmd cmd = key_command(ui, in, &arg);
        return cmd == CMD_NONE ? 0 : command(ui, cmd, arg);
    }
    case INPUT_POINTER: {
        int hit = layout_hit(&ui->layout, in->x, in->y);
        if (hit < 0) {
            return 0;
        }
        const Box *b = &ui->layout.boxes[hit];
        return command(ui, (Cmd)b->action, b->arg);
    }
    case INPUT_MOTION: {
        /* The mouse moves the menu focus, so keyboard and mouse never disagree on it; but a
         * pointer resting where a new screen puts a menu must not steal the focus from the
         * keyboard (Enter five times must start a session), so only a real move counts. */
        UiScreen shown = ui_screen(ui);
        bool moved = ui->pointer_screen == (int)shown && ui->pointer_x >= 0 &&
                     (in->x != ui->pointer_x || in->y != ui->pointer_y);
        ui->pointer_screen = (int)shown;
        ui->pointer_x = in->x;
        ui->pointer_y = in->y;
        if (!moved) {
            return 0;
        }
        int hit = layout_hit(&ui->layout, in->x, in->y);
        if (hit >= 0 && ui->layout.boxes[hit].action == CMD_ITEM &&
            ui->focus[ui->depth] != ui->layout.boxes[hit].arg) {
            ui->focus[ui->depth] = ui->layout.boxes[hit].arg;
            return UI_REDRAW;
        }
        return 0;
    }
    case INPUT_WHEEL: {
        UiScreen top = ui_top(ui);
        if (in->y != 0 &&
            (top == UI_HELP || top == UI_KEYS || top == UI_REVIEW || top == UI_GUIDE)) {
            return command(ui, in->y > 0 ? CMD_UP : CMD_DOWN, 0);
        }
        return 0;
    }
    case INPUT_NONE:
        break;
    }
    return 0;
}

unsigned ui_tick(Ui *ui, uint64_t now_ms)
{
    ui->now = now_ms;
    unsigned flags = 0;
    Anim *a = &ui->anim;
    if (a->active) {
        uint64_t t = now_ms - a->start;
        uint64_t walk = a->dice ? UI_DICE_MS : 0;
        int due = t < walk ? 0 : (int)((t - walk) / UI_STEP_MS) + 1;
        if (due > a->steps) {
            due = a->steps;
        }
        while (a->steps_shown < due) {
            int i = a->steps_shown++;
            ui->shown[a->step_team[i]] = a->step_space[i];
            Event e = {EVENT_STEP, a->step_team[i], a->step_space[i], 0};
            sound(ui, &e);
        }
        if (t >= anim_length(a)) {
            finish_anim(ui);
        }
        flags |= UI_REDRAW;
    }
    if (ui->in_game && ui->stack[0] == UI_BOARD && !rules_is_over(&ui->game) &&
        ui_session_minutes(ui) > 0 && !ui->game.time_up &&
        now_ms - ui->session_start >= (uint64_t)ui_session_minutes(ui) * 60000u) {
        if (apply(ui, MOVE_TIME_UP, 0, 0, 0)) {
            flags |= UI_REDRAW;
        }
    }
    int left = ui_talk_seconds_left(ui);
    if (left >= 0 && ui->depth == 0) {
        flags |= UI_REDRAW; /* the countdown shown */
        if (left == 0 && !ui->talk_chimed) {
            /* A soft chime, once: the talk may go on; nothing else happens. */
            ui->talk_chimed = true;
            if (ui->deps.cue != NULL) {
                ui->deps.cue(ui->deps.sound_user, UI_CUE_CHIME);
            }
        }
    }
    if (ui_top(ui) == UI_PAUSE && !ui->settings.reduce_motion) {
        flags |= UI_REDRAW; /* the breathing guide */
    }
    return flags;
}

int ui_wait_ms(const Ui *ui, uint64_t now_ms)
{
    if (ui->anim.active) {
        return 0;
    }
    if (ui_top(ui) == UI_PAUSE && !ui->settings.reduce_motion) {
        return 40; /* the breathing guide grows and shrinks smoothly, 25 frames a second */
    }
    int left = ui_talk_seconds_left(ui);
    if (left > 0 && ui->depth == 0) {
        /* Wake when the seconds shown change. */
        uint64_t used = now_ms > ui->talk_start ? now_ms - ui->talk_start : 0;
        uint64_t next = 1000u - used % 1000u;
        return (int)(next < 20 ? 20 : next);
    }
    if (ui->in_game && ui->stack[0] == UI_BOARD && ui_session_minutes(ui) > 0 &&
        !rules_is_over(&ui->game)) {
        /* Wake when the minutes shown change. */
        uint64_t elapsed = now_ms - ui->session_start;
        uint64_t next = 60000u - elapsed % 60000u;
        return (int)(next < 50 ? 50 : next);
    }
    return -1;
}

const Layout *ui_layout(Ui *ui, int w, int h, uint64_t now_ms)
{
    ui->now = now_ms;
    if (!platform_size_is_laid_out(w, h)) {
        /* No screen is made for this size (the game scales such a window instead, see
         * platform_window_size): a plain background, so nothing is laid out off the window,
         * divided by a size of zero or clicked by mistake. */
        w = w < 0 ? 0 : w;
        h = h < 0 ? 0 : h;
        layout_reset(&ui->layout, w, h);
        Box bg = {.kind = BOX_FILL,
                  .parent = -1,
                  .rect = {0, 0, w, h},
                  .bg = {0, 0, 0, 255},
                  .action = CMD_NONE,
                  .name = "screen"};
        layout_add(&ui->layout, &bg);
        return &ui->layout;
    }
    ui_view_build(ui, &ui->layout, w, h);
    return &ui->layout;
}

Input ui_suggest_input(const Ui *ui)
{
    Input in = {.kind = INPUT_KEY, .key = KEY_ENTER};
    UiScreen view = ui_screen(ui);
    if (ui->depth > 0) {
        in.key = KEY_ESCAPE;
        return in;
    }
    if (ui->anim.active) {
        return in;
    }
    if (view == UI_BOARD) {
        const GameState *g = &ui->game;
        if (g->phase == PHASE_ROLL) {
            in.key = KEY_SPACE;
        } else if (g->phase == PHASE_CLAIM) {
            in.key = KEY_CHAR;
            in.ch = (g->turn % 2) ? 'y' : 'n';
        } else if (g->phase == PHASE_PAUSED && legal(ui, MOVE_DRAW_RIGHTS) && g->turn % 2) {
            in.key = KEY_CHAR;
            in.ch = 'r';
        }
        return in;
    }
    if (view == UI_CARD && ui->game.card >= 0) {
        const Card *c = &ui->def->cards[ui->game.card];
        if (!ui->confirmed) {
            return in;
        }
        if (c->kind == CARD_AGREE && ui->game.tally[0] + ui->game.tally[1] < 5) {
            in.key = KEY_CHAR;
            in.ch = ui->game.tally[0] <= ui->game.tally[1] ? 'a' : 'd';
        } else if ((c->kind == CARD_MYTH_FACT || c->kind == CARD_SCENARIO) && !ui->revealed) {
            in.key = KEY_CHAR;
            in.ch = 'r';
        }
    }
    return in;
}

/* ---- Life cycle ------------------------------------------------------------------------------ */

Ui *ui_create(const UiDeps *deps, const Settings *settings)
{
    Ui *ui = calloc(1, sizeof *ui);
    if (ui == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    ui->deps = *deps;
    ui->def = deps->def;
    ui->settings = settings != NULL ? *settings : settings_default();
    ui->seed = deps->seed;
    layout_init(&ui->layout);
    memset(&ui->replay, 0, sizeof ui->replay);
    /* A language the pack does not ship falls back to its source language. */
    int count;
    const char *const *tags = locales(ui, &count);
    bool known = false;
    for (int i = 0; i < count; i++) {
        known = known || strcmp(tags[i], ui->settings.lang) == 0;
    }
    if (!known) {
        snprintf(ui->settings.lang, sizeof ui->settings.lang, "%s", tags[0]);
    }
    /* A first start in Mexico shows Mexico's help lines; the facilitator can change it. */
    if (ui->settings.region[0] == '\0' && deps->pack != NULL) {
        int n;
        const char *const *cc = pack_helpline_countries(deps->pack, &n);
        const char *dash = strrchr(ui->settings.lang, '-');
        for (int i = 0; i < n; i++) {
            if ((dash != NULL && strcmp(dash + 1, cc[i]) == 0) || n == 1) {
                snprintf(ui->settings.region, sizeof ui->settings.region, "%s", cc[i]);
            }
        }
    }
    apply_language(ui);
    if (deps->unsaved_folder != NULL && deps->unsaved_folder[0] != '\0') {
        char why[4300];
        snprintf(why, sizeof why, "cannot use %s for settings and saves", deps->unsaved_folder);
        save_trouble(ui, deps->unsaved_folder, why);
        /* The folder itself is what cannot be used, not a file in it. */
        ui_trf(ui, ui->notice, sizeof ui->notice, "title.cannot_save", "folder",
               deps->unsaved_folder, NULL, NULL, NULL, NULL);
        ui->status[0] = '\0';
    } else if (deps->broken_pack != NULL && deps->broken_pack[0] != '\0') {
        ui_trf(ui, ui->notice, sizeof ui->notice, "title.broken_pack", "folder", deps->broken_pack,
               NULL, NULL, NULL, NULL);
    } else if (deps->kept_save_file != NULL && deps->kept_save_file[0] != '\0' &&
               deps->kept_save_pack != NULL) {
        ui_trf(ui, ui->notice, sizeof ui->notice, "title.kept_save", "pack", deps->kept_save_pack,
               "file", deps->kept_save_file, NULL, NULL);
    }
    check_saved(ui);
    go_base(ui, UI_TITLE);
    return ui;
}

void ui_destroy(Ui *ui)
{
    if (ui == NULL) {
        return;
    }
    replay_free(&ui->replay);
    ui_guide_free(&ui->guide);
    layout_free(&ui->layout);
    free(ui);
}

/* ---- Hot reload (rutas --watch) ------------------------------------------------------------ */

void ui_reload(Ui *ui, const UiDeps *deps)
{
    if (ui->anim.active) {
        finish_anim(ui);
    }
    ui->deps.i18n = deps->i18n;
    ui->deps.pack = deps->pack;
    ui->deps.def = deps->def;
    ui->def = deps->def;
    apply_language(ui);
    for (;;) {
        UiScreen top = ui_top(ui);
        bool lists_pack = top == UI_REVIEW || top == UI_GUIDE || top == UI_TOPICS ||
                          top == UI_PACKS || top == UI_TOOLS;
        if (ui->depth == 0 || !lists_pack) {
            break;
        }
        pop(ui);
    }
    if (ui->topic_focus >= ui->def->topic_count) {
        ui->topic_focus = 0;
    }
    ui->help_scroll = 0;
    if (!ui->in_game) {
        return;
    }
    int card = ui->game.card;
    GameState *state = malloc(sizeof *state);
    if (state == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    int dropped = replay_repair(&ui->replay, ui->def, state);
    if (dropped >= 0) {
        ui->game = *state;
        sync_tokens(ui);
        if (ui->game.card != card) {
            ui->revealed = ui->note_shown = false;
        }
        if (ui->game.card < 0 || ui->def->cards[ui->game.card].intensity < 3) {
            ui->confirmed = true;
        } else if (ui->game.card != card) {
            ui->confirmed = false;
        }
        autosave(ui);
    } else if (ui->stack[0] == UI_BOARD || ui->stack[0] == UI_SUMMARY) {
        start_game(ui); /* the setup no longer fits the pack: a new session, same setup */
    } else {
        ui->in_game = false;
    }
    free(state);
}

void ui_set_reload_errors(Ui *ui, const PackErrors *errors)
{
    ui->reload_errors[0] = '\0';
    if (errors == NULL) {
        return;
    }
    size_t used = 0;
    int shown = 0, left = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < errors->count; i++) {
            const PackError *e = &errors->items[i];
            if ((pass == 0) != (e->severity == PACK_SEVERITY_ERROR)) {
                continue; /* errors first, then warnings */
            }
            if (shown == 6) {
                left++;
                continue;
            }
            char line[800];
            pack_error_format(e, line, sizeof line);
            int n = snprintf(ui->reload_errors + used, sizeof ui->reload_errors - used, "%s%s",
                             shown > 0 ? "\n" : "", line);
            if (n > 0 && used + (size_t)n < sizeof ui->reload_errors) {
                used += (size_t)n;
            }
            shown++;
        }
    }
    left += errors->dropped;
    if (left > 0) {
        char more[200];
        i18n_plural(ui->deps.i18n, more, sizeof more, "watch.more", left, NULL, 0);
        snprintf(ui->reload_errors + used, sizeof ui->reload_errors - used, "\n%s", more);
    }
}
