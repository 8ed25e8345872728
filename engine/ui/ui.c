/*
 * ui.c: screen stack, input to commands, commands to moves, events to animation and sound.
 * Every change to the game is a Move through rules_apply(); the ui only decides which move a
 * key means on the screen shown.
 */
#include "ui_internal.h"

#include "save.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
};

static const char *const screen_names[UI_SCREEN_COUNT] = {
    "title", "setup", "rules",    "board", "card",   "summary",
    "help",  "pause", "settings", "keys",  "topics", "packs",
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

static void save_settings(Ui *ui)
{
    if (ui->deps.settings_path != NULL && !settings_save(&ui->settings, ui->deps.settings_path)) {
        fprintf(stderr, "rutas: cannot save settings to %s\n", ui->deps.settings_path);
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

GameConfig ui_setup_config(const Ui *ui)
{
    GameConfig cfg = rules_default_config(ui->settings.teams);
    cfg.max_age = ui->settings.max_age;
    cfg.max_intensity = ui->settings.max_intensity;
    cfg.rounds = ui->settings.rounds;
    cfg.minutes = ui->settings.minutes;
    cfg.topics_off = ui_topics_off(ui);
    return cfg;
}

static int effective_rounds(const Ui *ui)
{
    return ui->settings.rounds > 0 ? ui->settings.rounds : ui->def->rules.rounds;
}

static int effective_minutes(const Ui *ui)
{
    return ui->settings.minutes > 0 ? ui->settings.minutes : ui->def->rules.minutes;
}

int ui_session_minutes(const Ui *ui)
{
    if (!ui->in_game) {
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
        set_item(&items[n++], M_START, ui_tr(ui, "setup.start"), NULL);
        break;
    }
    case UI_PAUSE:
        set_item(&items[n++], M_RESUME, ui_tr(ui, "pause.resume"), NULL);
        set_item(&items[n++], M_RULES, ui_tr(ui, "pause.ground_rules"), NULL);
        set_item(&items[n++], M_HELP, ui_tr(ui, "pause.help"), NULL);
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
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "count", num, NULL, NULL,
                        NULL, NULL));
        set_item(&items[n++], M_CONTRAST, ui_tr(ui, "settings.high_contrast"),
                 ui->settings.high_contrast ? on : off);
        set_item(&items[n++], M_MOTION, ui_tr(ui, "settings.reduce_motion"),
                 ui->settings.reduce_motion ? on : off);
        snprintf(num, sizeof num, "%d", ui->settings.sound_percent);
        set_item(&items[n++], M_SOUND, ui_tr(ui, "settings.sound"),
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "count", num, NULL, NULL,
                        NULL, NULL));
        snprintf(num, sizeof num, "%d", ui->settings.music_percent);
        set_item(&items[n++], M_MUSIC, ui_tr(ui, "settings.music"),
                 ui_trf(ui, buf, sizeof buf, "settings.text_size_value", "count", num, NULL, NULL,
                        NULL, NULL));
        set_item(&items[n++], M_FULLSCREEN, ui_tr(ui, "settings.fullscreen"),
                 ui->settings.fullscreen ? on : off);
        set_item(&items[n++], M_BACK, ui_tr(ui, "common.back"), NULL);
        break;
    }
    default:
        break;
    }
    return n;
}

static void push(Ui *ui, UiScreen screen);

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
        /* 0 ("no limit") is only offered when the pack has no clock of its own: a GameConfig
         * can shorten or lengthen the pack's clock but not remove it. */
        int lo = ui->def->rules.minutes > 0 ? 10 : 0;
        int m = effective_minutes(ui) + 5 * step;
        if (m > 120) {
            m = lo;
        } else if (m < lo) {
            m = 120;
        } else if (m > 0 && m < 10) {
            m = step > 0 ? 10 : 0;
        }
        s->minutes = m;
    } break;
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

static void finish_anim(Ui *ui)
{
    bool card = ui->anim.card_sound;
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    if (card) {
        Event e = {EVENT_CARD, ui->game.card, ui->game.card_deck, 0};
        sound(ui, &e);
    }
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
    SaveMeta meta[3];
    memset(meta, 0, sizeof meta);
    snprintf(meta[0].key, sizeof meta[0].key, "language");
    snprintf(meta[0].value, sizeof meta[0].value, "%s", ui->settings.lang);
    snprintf(meta[1].key, sizeof meta[1].key, "region");
    snprintf(meta[1].value, sizeof meta[1].value, "%s", ui->settings.region);
    snprintf(meta[2].key, sizeof meta[2].key, "elapsed_ms");
    snprintf(meta[2].value, sizeof meta[2].value, "%llu",
             (unsigned long long)(ui->now - ui->session_start));
    char err[300];
    if (save_write(ui->deps.save_path, &ui->replay, ui->def, meta, 3, err, sizeof err) != SAVE_OK) {
        fprintf(stderr, "rutas: autosave failed: %s\n", err);
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
    save_file_free(&file);
    if (st != SAVE_OK) {
        fprintf(stderr, "rutas: cannot resume: %s\n", note);
        free(state);
        ui->can_resume = false;
        return false;
    }
    replay_free(&ui->replay);
    ui->replay = replay;
    ui->game = *state;
    free(state);
    ui->in_game = true;
    ui->session_start = ui->now > ms ? ui->now - ms : 0;
    snprintf(ui->status, sizeof ui->status, "%s", note);
    ui->revealed = ui->note_shown = false;
    ui->confirmed = ui->game.card < 0 || ui->def->cards[ui->game.card].intensity < 3;
    memset(&ui->anim, 0, sizeof ui->anim);
    sync_tokens(ui);
    return true;
}

static bool apply(Ui *ui, MoveKind kind, int a, int b, int c)
{
    Move m = {kind, a, b, c};
    EventList events;
    events.count = 0;
    events.dropped = 0;
    if (rules_apply(&ui->game, &m, &events) != STATUS_OK) {
        return false;
    }
    replay_push(&ui->replay, &m);
    take_events(ui, &events);
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
    case M_END:
        if (ui->anim.active) {
            finish_anim(ui);
        }
        apply(ui, MOVE_END_GAME, 0, 0, 0);
        go_base(ui, UI_SUMMARY);
        return UI_REDRAW;
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
    default:
        break;
    }
    switch (top) {
    case UI_TITLE:
    case UI_SETUP:
    case UI_PAUSE:
    case UI_SETTINGS:
        return menu_command(ui, cmd, arg);
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
            pop(ui);
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
        if (cmd == CMD_ACCEPT || cmd == CMD_BACK || cmd == CMD_ITEM) {
            go_base(ui, UI_TITLE);
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
                      view == UI_SETTINGS || view == UI_TOPICS ||
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
    case INPUT_WHEEL:
        if (in->y != 0 && (ui_top(ui) == UI_HELP || ui_top(ui) == UI_KEYS)) {
            return command(ui, in->y > 0 ? CMD_UP : CMD_DOWN, 0);
        }
        return 0;
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
    return flags;
}

int ui_wait_ms(const Ui *ui, uint64_t now_ms)
{
    if (ui->anim.active) {
        return 0;
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
    layout_free(&ui->layout);
    free(ui);
}
