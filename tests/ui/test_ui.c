/*
 * test_ui.c: the game on screen, through the real input path. Synthetic SDL key, text, mouse
 * and finger events go through SDL's queue, platform_translate_event() and ui_handle(), as a
 * person's would; the checks read the ui's layout model and, where it helps, pixels drawn by
 * the software renderer. Runs under SDL_VIDEODRIVER=dummy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "game.h"
#include "layout.h"
#include "platform.h"
#include "render.h"
#include "report.h"
#include "save.h"
#include "settings.h"
#include "ui.h"
#include "ui_internal.h" /* the guide's Markdown reader */

#include <SDL.h>
#include <SDL_ttf.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef _WIN32
#include <signal.h>
#include <sys/wait.h>
#endif

typedef struct Fixture {
    App app;
    Window win;
    Render *render; /* draws into the dummy window */
    Ui *ui;
    uint64_t now;
    int w, h;
} Fixture;

static char pref_dir[256];

static const char *fixture_save_path;  /* set by the autosave tests only */
static const char *fixture_report_dir; /* set by the report tests only */
static const char *fixture_pack_path;  /* another pack than the default one */
/* Changes the settings before the ui starts. */
static void (*fixture_settings)(Settings *s, const GameDef *def);
static int chimes; /* UI_CUE_CHIME heard */

static void count_cue(void *user, UiCue cue)
{
    (void)user;
    chimes += cue == UI_CUE_CHIME;
}

static void fixture_open(Fixture *f, const char *lang, int text_percent, bool reduce_motion)
{
    memset(f, 0, sizeof *f);
    char err[1024];
    AppOptions o = APP_OPTIONS_INIT;
    o.lang = lang;
    o.region = "MX";
    o.pack_path = fixture_pack_path;
    if (!app_load(&f->app, &o, true, err, sizeof err)) {
        fail_msg("app_load: %s", err);
    }
    assert_non_null(f->app.pack);
    assert_true(platform_window_create(&f->win, "Rutas test", 1366, 768, false, err, sizeof err));
    f->render = render_create(f->win.renderer, f->app.data_dir, err, sizeof err);
    assert_non_null(f->render);
    Settings s = f->app.settings;
    s.text_percent = text_percent;
    s.reduce_motion = reduce_motion;
    s.teams = 4;
    if (fixture_settings != NULL) {
        fixture_settings(&s, f->app.def);
    }
    UiDeps deps = {.render = f->render,
                   .i18n = f->app.i18n,
                   .pack = f->app.pack,
                   .def = f->app.def,
                   .settings_path = f->app.settings_path,
                   .save_path = fixture_save_path,
                   .report_dir = fixture_report_dir,
                   .cue = count_cue,
                   .seed = 11};
    f->ui = ui_create(&deps, &s);
    f->w = 1366;
    f->h = 768;
    f->now = 1000;
    ui_layout(f->ui, f->w, f->h, f->now);
}

static void fixture_close(Fixture *f)
{
    ui_destroy(f->ui);
    render_destroy(f->render);
    platform_window_destroy(&f->win);
    app_free(&f->app);
}

/* Drains SDL's queue into the ui, then lets time pass so any animation ends, and lays out
 * the screen again (pointer events are matched against the last layout). */
static void pump(Fixture *f)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        Input in = platform_translate_event(&ev, f->w, f->h);
        if (in.kind != INPUT_NONE) {
            ui_handle(f->ui, &in, f->now);
        }
    }
    for (int i = 0; i < 40 && ui_is_animating(f->ui); i++) {
        f->now += 100;
        ui_tick(f->ui, f->now);
    }
    f->now += 50;
    ui_tick(f->ui, f->now);
    ui_layout(f->ui, f->w, f->h, f->now);
}

static SDL_Keycode keycode(const Input *in)
{
    switch (in->key) {
    case KEY_ENTER:
        return SDLK_RETURN;
    case KEY_ESCAPE:
        return SDLK_ESCAPE;
    case KEY_SPACE:
        return SDLK_SPACE;
    case KEY_F1:
        return SDLK_F1;
    case KEY_F2:
        return SDLK_F2;
    case KEY_HOME:
        return SDLK_HOME;
    case KEY_END:
        return SDLK_END;
    case KEY_PAGE_UP:
        return SDLK_PAGEUP;
    case KEY_PAGE_DOWN:
        return SDLK_PAGEDOWN;
    case KEY_UP:
        return SDLK_UP;
    case KEY_DOWN:
        return SDLK_DOWN;
    case KEY_LEFT:
        return SDLK_LEFT;
    case KEY_RIGHT:
        return SDLK_RIGHT;
    case KEY_CHAR:
        if (in->ch >= 'a' && in->ch <= 'z') {
            return SDLK_a + (in->ch - 'a');
        }
        if (in->ch >= '0' && in->ch <= '9') {
            return SDLK_0 + (in->ch - '0');
        }
        return SDLK_UNKNOWN;
    default:
        return SDLK_UNKNOWN;
    }
}

static void push_input(const Input *in)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    if (in->key == KEY_CHAR && in->ch == '?') {
        e.type = SDL_TEXTINPUT;
        strcpy(e.text.text, "?");
    } else {
        e.type = SDL_KEYDOWN;
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = keycode(in);
        e.key.keysym.mod = in->shift ? KMOD_LSHIFT : KMOD_NONE;
    }
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void key(Fixture *f, Key k, char ch)
{
    Input in = {.kind = INPUT_KEY, .key = k, .ch = ch};
    push_input(&in);
    pump(f);
}

static void click_box(Fixture *f, const Box *b, bool touch)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    int x = b->rect.x + b->rect.w / 2, y = b->rect.y + b->rect.h / 2;
    if (touch) {
        e.type = SDL_FINGERDOWN;
        e.tfinger.x = ((float)x + 0.5f) / (float)f->w;
        e.tfinger.y = ((float)y + 0.5f) / (float)f->h;
    } else {
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = SDL_PRESSED;
        e.button.x = x;
        e.button.y = y;
    }
    assert_int_equal(SDL_PushEvent(&e), 1);
    pump(f);
}

static const Layout *layout(Fixture *f)
{
    return ui_layout(f->ui, f->w, f->h, f->now);
}

static double luminance(Colour c)
{
    double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++) {
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* WCAG 2 contrast of every text against the opaque fill behind it: at least 7:1 (AAA) for
 * a classroom projector. Letters on tokens are the token's own business (shape and colour
 * carry the meaning there too). */
static void check_contrast(const Layout *l, const char *where)
{
    for (int i = 0; i < l->count; i++) {
        const Box *t = &l->boxes[i];
        if (t->kind != BOX_TEXT || t->fit.w == 0) {
            continue;
        }
        int p = t->parent;
        while (p >= 0 && !(l->boxes[p].kind == BOX_FILL && l->boxes[p].bg.a == 255) &&
               l->boxes[p].kind != BOX_TOKEN) {
            p = l->boxes[p].parent;
        }
        if (p < 0 || l->boxes[p].kind == BOX_TOKEN) {
            continue;
        }
        double a = luminance(t->fg), b = luminance(l->boxes[p].bg);
        double ratio = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
        if (ratio < 7.0) {
            fail_msg("%s: text %s \"%s\" has %.2f:1 on %s", where, t->name, layout_text(l, t),
                     ratio, l->boxes[p].name);
        }
    }
}

static void check_layout(Fixture *f, int w, int h)
{
    const Layout *l = ui_layout(f->ui, w, h, f->now);
    char err[512];
    if (!layout_check(l, err, sizeof err)) {
        fail_msg("%s at %dx%d on %s: %s", i18n_locale(f->app.i18n), w, h,
                 ui_screen_name(ui_screen(f->ui)), err);
    }
    check_contrast(l, ui_screen_name(ui_screen(f->ui)));
    /* Menu texts are never drawn below the smallest size they ask for; no text shows a
     * placeholder that was not filled in. */
    for (int i = 0; i < l->count; i++) {
        const Box *b = &l->boxes[i];
        if (b->kind == BOX_TEXT && strstr(layout_text(l, b), "{{") != NULL) {
            fail_msg("%s at %dx%d on %s: %s \"%s\" has a placeholder left",
                     i18n_locale(f->app.i18n), w, h, ui_screen_name(ui_screen(f->ui)),
                     b->name ? b->name : "?", layout_text(l, b));
        }
        if (b->kind == BOX_TEXT && b->name != NULL && strncmp(b->name, "menu.", 5) == 0 &&
            b->fit.px < b->min_px) {
            fail_msg("%s at %dx%d on %s: %s \"%s\" at %d px, below its %d",
                     i18n_locale(f->app.i18n), w, h, ui_screen_name(ui_screen(f->ui)), b->name,
                     layout_text(l, b), b->fit.px, b->min_px);
        }
    }
    /* The card prompt stays at least 1/16 of the window height (of 4/5 of the width in an
     * upright window). */
    int p = layout_find(l, "card.prompt");
    if (p >= 0 && w * 4 >= h * 5) {
        assert_true(l->boxes[p].fit.px * 16 >= h - 16);
    }
    ui_layout(f->ui, f->w, f->h, f->now);
}

/* ---- Whole sessions ---------------------------------------------------------------------------
 */

static void play_to_summary(Fixture *f, bool mouse, bool check_sizes)
{
    /* Enter on the title, the setup and the ground rules starts a session with 4 teams. */
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_SETUP);
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_RULES);
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_BOARD);
    const GameState *g = ui_game(f->ui);
    assert_non_null(g);
    assert_int_equal(g->team_count, 4);
    int seen[UI_SCREEN_COUNT] = {0};
    int steps = 0;
    while (ui_screen(f->ui) != UI_SUMMARY) {
        assert_true(++steps < 5000);
        UiScreen s = ui_screen(f->ui);
        seen[s]++;
        if (check_sizes && steps % 3 == 0) {
            check_layout(f, 640, 480);   /* the smallest window allowed */
            check_layout(f, 768, 1024);  /* a tablet held upright */
            check_layout(f, 2560, 1080); /* an ultrawide screen */
            check_layout(f, 800, 600);
            check_layout(f, 1366, 768);
            check_layout(f, 1920, 1080);
        }
        Input in = ui_suggest_input(f->ui);
        const Layout *l = layout(f);
        int focus = -1;
        for (int i = 0; i < l->count; i++) {
            if ((l->boxes[i].flags & BOX_FOCUS) && l->boxes[i].action >= 0) {
                focus = i;
            }
        }
        bool main_action = in.kind == INPUT_KEY && (in.key == KEY_ENTER || in.key == KEY_SPACE);
        if (mouse && main_action && focus >= 0) {
            click_box(f, &l->boxes[focus], steps % 2 == 0);
        } else {
            push_input(&in);
            pump(f);
        }
    }
    assert_true(seen[UI_BOARD] > 0);
    assert_true(seen[UI_CARD] > 0);
    g = ui_game(f->ui);
    assert_true(rules_is_over(g));
    assert_true(g->stats.cards_completed > 0);
    assert_true(rules_total_points(g) > 0);
    int summary = layout_find(layout(f), "summary.team");
    assert_true(summary >= 0);
    /* Every session ends on the help lines of the region, then the title. */
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_HELP);
    assert_true(layout_find(layout(f), "help.number") >= 0);
    assert_true(layout_find(layout(f), "help.done") >= 0);
    if (check_sizes) {
        check_layout(f, 640, 480);
        check_layout(f, 1920, 1080);
    }
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_TITLE);
}

static void test_keyboard_session_spanish(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, false);
    assert_string_equal(i18n_locale(f.app.i18n), "es-MX");
    play_to_summary(&f, false, false);
    fixture_close(&f);
}

static void test_mouse_and_touch_session_english(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "en", 100, false);
    play_to_summary(&f, true, false);
    fixture_close(&f);
}

static void test_layouts_at_three_sizes_and_150_percent(void **state)
{
    (void)state;
    static const char *const langs[] = {"es-MX", "en"};
    for (int i = 0; i < 2; i++) {
        Fixture f;
        fixture_open(&f, langs[i], 150, true);
        check_layout(&f, 800, 600);
        check_layout(&f, 1920, 1080);
        play_to_summary(&f, false, true);
        check_layout(&f, 800, 600);
        fixture_close(&f);
    }
}

static void test_menus_and_overlays_fit(void **state)
{
    (void)state;
    static const int sizes[3][2] = {{800, 600}, {1366, 768}, {1920, 1080}};
    static const char *const langs[] = {"es-MX", "en"};
    for (int l = 0; l < 2; l++) {
        Fixture f;
        fixture_open(&f, langs[l], 150, true);
        Key keys[] = {KEY_F1, KEY_CHAR, KEY_CHAR, KEY_NONE};
        char chars[] = {0, 'h', '?', 0};
        for (int k = 0; keys[k] != KEY_NONE; k++) {
            key(&f, keys[k], chars[k]);
            for (int s = 0; s < 3; s++) {
                check_layout(&f, sizes[s][0], sizes[s][1]);
            }
            key(&f, KEY_ESCAPE, 0);
        }
        key(&f, KEY_DOWN, 0);
        key(&f, KEY_ENTER, 0);
        assert_int_equal(ui_screen(f.ui), UI_SETTINGS);
        for (int s = 0; s < 3; s++) {
            check_layout(&f, sizes[s][0], sizes[s][1]);
        }
        key(&f, KEY_ESCAPE, 0);
        key(&f, KEY_UP, 0);
        key(&f, KEY_ENTER, 0);
        assert_int_equal(ui_screen(f.ui), UI_SETUP);
        for (int s = 0; s < 3; s++) {
            check_layout(&f, sizes[s][0], sizes[s][1]);
        }
        key(&f, KEY_ENTER, 0);
        assert_int_equal(ui_screen(f.ui), UI_RULES);
        for (int s = 0; s < 3; s++) {
            check_layout(&f, sizes[s][0], sizes[s][1]);
        }
        fixture_close(&f);
    }
}

static int count_boxes(const Layout *l, const char *name);

/* ---- Pause, help and key help from every screen -----------------------------------------------
 */

static void expect_overlays(Fixture *f)
{
    UiScreen before = ui_screen(f->ui);
    key(f, KEY_F1, 0);
    assert_int_equal(ui_screen(f->ui), UI_PAUSE);
    /* The pause covers everything at once: one layout, its first box a full-screen fill. */
    const Layout *l = layout(f);
    assert_int_equal(l->boxes[0].rect.w, f->w);
    assert_int_equal(l->boxes[0].rect.h, f->h);
    assert_int_equal(l->boxes[0].bg.a, 255);
    assert_int_equal(layout_find(l, "space"), -1);
    assert_int_equal(layout_find(l, "card.prompt"), -1);
    key(f, KEY_F1, 0);
    assert_int_equal(ui_screen(f->ui), before);
    key(f, KEY_CHAR, 'b');
    assert_int_equal(ui_screen(f->ui), UI_PAUSE);
    key(f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f->ui), before);
    key(f, KEY_CHAR, 'h');
    assert_int_equal(ui_screen(f->ui), UI_HELP);
    assert_true(layout_find(layout(f), "help.number") >= 0);
    key(f, KEY_PAGE_UP, 0);
    assert_int_equal(ui_screen(f->ui), before);
    key(f, KEY_CHAR, '?');
    assert_int_equal(ui_screen(f->ui), UI_KEYS);
    assert_int_equal(count_boxes(layout(f), "keys.what"), 18);
    key(f, KEY_F2, 0);
    assert_int_equal(ui_screen(f->ui), before);
}

static void test_pause_help_keys_from_every_screen(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    expect_overlays(&f); /* title */
    key(&f, KEY_ENTER, 0);
    expect_overlays(&f); /* setup */
    key(&f, KEY_ENTER, 0);
    expect_overlays(&f); /* rules */
    key(&f, KEY_ENTER, 0);
    expect_overlays(&f); /* board */
    bool card = false, summary = false;
    for (int i = 0; i < 4000 && !summary; i++) {
        UiScreen s = ui_screen(f.ui);
        if (s == UI_CARD && !card) {
            expect_overlays(&f);
            card = true;
        }
        if (s == UI_SUMMARY) {
            expect_overlays(&f);
            summary = true;
            break;
        }
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    assert_true(card);
    assert_true(summary);
    fixture_close(&f);
}

/* ---- Card keys ---------------------------------------------------------------------------------
 */

static bool play_until_card(Fixture *f, CardKind kind)
{
    for (int i = 0; i < 4000; i++) {
        const GameState *g = ui_game(f->ui);
        if (ui_screen(f->ui) == UI_CARD && g->card >= 0 && g->def->cards[g->card].kind == kind) {
            if (ui_card_needs_confirm(f->ui)) {
                key(f, KEY_ENTER, 0); /* the facilitator shows an intensity-3 card */
            }
            return true;
        }
        if (ui_screen(f->ui) == UI_SUMMARY) {
            return false;
        }
        Input in = ui_suggest_input(f->ui);
        push_input(&in);
        pump(f);
    }
    return false;
}

static void start_session(Fixture *f)
{
    key(f, KEY_ENTER, 0);
    key(f, KEY_ENTER, 0);
    key(f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f->ui), UI_BOARD);
}

static void test_card_keys(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    assert_true(play_until_card(&f, CARD_AGREE));
    const GameState *g = ui_game(f.ui);
    key(&f, KEY_CHAR, 'a');
    key(&f, KEY_CHAR, 'a');
    key(&f, KEY_CHAR, 'd');
    key(&f, KEY_CHAR, 'u');
    key(&f, KEY_CHAR, '3');
    assert_int_equal(g->tally[0], 2);
    assert_int_equal(g->tally[1], 1);
    assert_int_equal(g->tally[2], 2);
    Input minus = {.kind = INPUT_KEY, .key = KEY_CHAR, .ch = 'u', .shift = true};
    push_input(&minus);
    pump(&f);
    assert_int_equal(g->tally[2], 1);
    assert_true(layout_find(layout(&f), "card.bar") >= 0);
    /* The note is hidden until asked for. */
    assert_int_equal(layout_find(layout(&f), "card.note"), -1);
    key(&f, KEY_CHAR, 'n');
    assert_true(layout_find(layout(&f), "card.note") >= 0);
    key(&f, KEY_CHAR, 'n');
    assert_int_equal(layout_find(layout(&f), "card.note"), -1);
    /* Pass costs nothing. */
    int team = g->current, points = g->points[team], passes = g->stats.passes;
    key(&f, KEY_CHAR, 'p');
    assert_int_equal(g->points[team], points);
    assert_int_equal(g->stats.passes, passes + 1);

    assert_true(play_until_card(&f, CARD_MYTH_FACT));
    assert_int_equal(layout_find(layout(&f), "card.answer"), -1);
    key(&f, KEY_CHAR, 'r');
    assert_true(layout_find(layout(&f), "card.answer") >= 0);
    int skips = g->stats.skips;
    key(&f, KEY_CHAR, 's');
    assert_int_equal(g->stats.skips, skips + 1);

    assert_true(play_until_card(&f, CARD_SCENARIO));
    assert_true(layout_find(layout(&f), "card.option") >= 0);
    key(&f, KEY_SPACE, 0);
    assert_true(layout_find(layout(&f), "card.answer") >= 0);
    int done = g->stats.cards_completed;
    key(&f, KEY_PAGE_DOWN, 0); /* a clicker's "next" completes the card */
    assert_int_equal(g->stats.cards_completed, done + 1);
    fixture_close(&f);
}

static void test_intensity_three_waits_for_the_facilitator(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    const GameState *g = ui_game(f.ui);
    bool found = false;
    for (int i = 0; i < 6000 && !found; i++) {
        if (ui_screen(f.ui) == UI_SUMMARY) {
            break;
        }
        found = ui_screen(f.ui) == UI_CARD && g->card >= 0 && g->def->cards[g->card].intensity == 3;
        if (!found) {
            Input in = ui_suggest_input(f.ui);
            push_input(&in);
            pump(&f);
        }
    }
    assert_true(found);
    assert_true(ui_card_needs_confirm(f.ui));
    /* The facilitator sees the warning, not the prompt. */
    assert_true(layout_find(layout(&f), "card.warning") >= 0);
    assert_int_equal(layout_find(layout(&f), "card.prompt"), -1);
    key(&f, KEY_CHAR, 'r'); /* nothing else works yet */
    assert_true(ui_card_needs_confirm(f.ui));
    int done = g->stats.cards_completed;
    key(&f, KEY_ENTER, 0); /* show it: the first Enter shows, it does not complete */
    assert_false(ui_card_needs_confirm(f.ui));
    assert_int_equal(g->stats.cards_completed, done);
    assert_true(layout_find(layout(&f), "card.prompt") >= 0);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(g->stats.cards_completed, done + 1);
    fixture_close(&f);
}

static void motion(Fixture *f, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    assert_int_equal(SDL_PushEvent(&e), 1);
    pump(f);
}

static int focused_item(Fixture *f)
{
    const Layout *l = layout(f);
    for (int i = 0; i < l->count; i++) {
        if (l->boxes[i].flags & BOX_FOCUS) {
            return l->boxes[i].arg;
        }
    }
    return -1;
}

static void test_resting_pointer_keeps_keyboard_focus(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETUP);
    int start = focused_item(&f);
    const Layout *l = layout(&f);
    int item = layout_find(l, "menu.item");
    assert_true(item >= 0);
    Rect r = l->boxes[item].rect;
    /* The pointer was already there when the screen opened: Start keeps the focus. */
    motion(&f, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(focused_item(&f), start);
    /* A real move takes it. */
    motion(&f, r.x + r.w / 2 + 3, r.y + r.h / 2);
    assert_int_equal(focused_item(&f), l->boxes[item].arg);
    fixture_close(&f);
}

static void test_setup_topics(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 150, true);
    key(&f, KEY_ENTER, 0);
    key(&f, KEY_UP, 0); /* from Start to Review cards */
    key(&f, KEY_UP, 0); /* to Topics */
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_TOPICS);
    check_layout(&f, 800, 600);
    check_layout(&f, 1920, 1080);
    key(&f, KEY_SPACE, 0); /* first topic off */
    key(&f, KEY_DOWN, 0);
    key(&f, KEY_ENTER, 0); /* second topic off */
    const Layout *l = layout(&f);
    int item = -1;
    for (int i = 0; i < l->count; i++) {
        if (l->boxes[i].action >= 0 && l->boxes[i].arg == 2 && l->boxes[i].name != NULL &&
            strcmp(l->boxes[i].name, "topics.item") == 0) {
            item = i;
        }
    }
    assert_true(item >= 0);
    click_box(&f, &l->boxes[item], false); /* third topic off, by mouse */
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETUP);
    Settings saved = settings_default();
    assert_true(settings_load(&saved, f.app.settings_path));
    const GameDef *def = f.app.def;
    char want[300];
    snprintf(want, sizeof want, "%s,%s,%s", def->topics[0].id, def->topics[1].id,
             def->topics[2].id);
    assert_string_equal(saved.topics_off, want);
    key(&f, KEY_DOWN, 0); /* Review cards */
    key(&f, KEY_DOWN, 0); /* Start */
    key(&f, KEY_ENTER, 0);
    key(&f, KEY_ENTER, 0);
    const GameState *g = ui_game(f.ui);
    assert_non_null(g);
    assert_int_equal(g->config.topics_off, 7u);
    /* Switched-off topics never show a card. */
    for (int i = 0; i < 400 && ui_screen(f.ui) != UI_SUMMARY; i++) {
        if (ui_screen(f.ui) == UI_CARD && g->card >= 0) {
            int topic = def->decks[def->cards[g->card].deck].topic;
            assert_true(topic < 0 || topic > 2);
        }
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    remove(f.app.settings_path);
    fixture_close(&f);
}

static void test_autosave_and_resume(void **state)
{
    (void)state;
    char path[400], bak[420];
    snprintf(path, sizeof path, "%ssession-test.save", pref_dir);
    snprintf(bak, sizeof bak, "%s.bak", path);
    fixture_save_path = path;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    for (int i = 0; i < 25; i++) {
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    GameState before = *ui_game(f.ui);
    uint64_t hash = rules_state_hash(&before);
    assert_true(before.turn > 0);
    /* The laptop dies: nothing is closed properly. A new start offers to resume. */
    fixture_close(&f);
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0); /* Resume is first and focused */
    assert_true(ui_screen(f.ui) == UI_BOARD || ui_screen(f.ui) == UI_CARD);
    const GameState *g = ui_game(f.ui);
    assert_int_equal(g->turn, before.turn);
    assert_int_equal(g->current, before.current);
    assert_memory_equal(g->points, before.points, sizeof before.points);
    assert_true(rules_state_hash(g) == hash);
    /* A finished session is not offered again. */
    key(&f, KEY_F1, 0);
    Input end = {.kind = INPUT_KEY, .key = KEY_UP};
    push_input(&end); /* from Resume, up to the last item (Back to the title) */
    pump(&f);
    key(&f, KEY_UP, 0); /* End the session */
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_SUMMARY);
    assert_int_equal(access(path, F_OK), -1);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_HELP);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETUP); /* New session, not Resume */
    fixture_close(&f);
    fixture_save_path = NULL;
    remove(path);
    remove(bak);
}

static void test_packs_screen_switches_pack(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    char mini[4200];
    snprintf(mini, sizeof mini, "%s/tests/fixtures/packs/good/mini", f.app.data_dir);
    const char *dirs[2] = {pack_dir(f.app.pack), mini};
    UiDeps deps = {.render = f.render,
                   .i18n = f.app.i18n,
                   .pack = f.app.pack,
                   .def = f.app.def,
                   .settings_path = f.app.settings_path,
                   .seed = 3,
                   .pack_dirs = dirs,
                   .pack_dir_count = 2,
                   .pack_search = &f.app.search};
    ui_destroy(f.ui);
    f.ui = ui_create(&deps, &f.app.settings);
    layout(&f);
    key(&f, KEY_DOWN, 0); /* New session, then Packs */
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_PACKS);
    const Layout *l = layout(&f);
    int rows = 0;
    for (int i = 0; i < l->count; i++) {
        rows += l->boxes[i].name != NULL && strcmp(l->boxes[i].name, "packs.item") == 0;
    }
    assert_int_equal(rows, 2);
    check_layout(&f, 800, 600);
    /* Enter on the pack in play just goes back. */
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_PACKS);
    key(&f, KEY_DOWN, 0);
    Input enter = {.kind = INPUT_KEY, .key = KEY_ENTER};
    assert_true(ui_handle(f.ui, &enter, f.now) & UI_RELOAD);
    assert_string_equal(ui_chosen_pack(f.ui), mini);
    /* The app loads the chosen pack; its strings come with it. */
    ui_destroy(f.ui);
    f.ui = NULL;
    app_free(&f.app);
    char err[512];
    AppOptions o = APP_OPTIONS_INIT;
    o.lang = "es-MX";
    assert_true(app_load(&f.app, &o, true, err, sizeof err));
    assert_string_equal(pack_dir(f.app.pack), mini); /* remembered in the settings */
    deps.i18n = f.app.i18n;
    deps.pack = f.app.pack;
    deps.def = f.app.def;
    f.ui = ui_create(&deps, &f.app.settings);
    start_session(&f);
    assert_true(ui_game(f.ui)->def == f.app.def);
    remove(f.app.settings_path);
    fixture_close(&f);
}

/* ---- Animation and the idle loop ----------------------------------------------------------------
 */

static void test_roll_animates_then_sleeps(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, false);
    assert_int_equal(ui_wait_ms(f.ui, f.now), -1); /* the title waits for input only */
    start_session(&f);
    const GameState *g = ui_game(f.ui);
    int team = g->current;
    Input space = {.kind = INPUT_KEY, .key = KEY_SPACE};
    SDL_Event e;
    push_input(&space);
    while (SDL_PollEvent(&e)) {
        Input in = platform_translate_event(&e, f.w, f.h);
        ui_handle(f.ui, &in, f.now);
    }
    assert_true(ui_is_animating(f.ui));
    assert_int_equal(ui_wait_ms(f.ui, f.now), 0);
    assert_int_equal(ui_screen(f.ui), UI_BOARD);
    /* The token walks: a die box shows while it moves, then the animation stops. */
    assert_true(layout_find(layout(&f), "die") >= 0);
    int frames = 0;
    while (ui_is_animating(f.ui) && frames < 200) {
        f.now += 16;
        assert_true(ui_tick(f.ui, f.now) & UI_REDRAW);
        frames++;
    }
    assert_false(ui_is_animating(f.ui));
    assert_true(frames > 20);
    assert_true(g->position[team] >= 0);
    /* Nothing moves now: the loop may sleep until the clock shown changes, or for input. */
    int wait = ui_wait_ms(f.ui, f.now);
    assert_true(wait == -1 || wait >= 50);
    fixture_close(&f);
}

/* ---- Pixels ---------------------------------------------------------------------------------- */

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    const uint8_t *row = (const uint8_t *)s->pixels + y * s->pitch;
    uint32_t v;
    memcpy(&v, row + x * 4, 4);
    uint8_t r, g, b;
    SDL_GetRGB(v, s->format, &r, &g, &b);
    return (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

static void test_pixels_board_tokens_and_pause(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *soft = SDL_CreateSoftwareRenderer(surface);
    char err[256];
    Render *r = render_create(soft, f.app.data_dir, err, sizeof err);
    assert_non_null(r);
    start_session(&f);
    const Layout *l = ui_layout(f.ui, 800, 600, f.now);
    render_draw_layout(r, l);
    /* Dark theme background. */
    assert_int_equal(pixel(surface, 2, 2), 0x1A1A2E);
    /* Each token is drawn in its team's colour, under a dark outline. */
    int found = 0;
    for (int i = 0; i < l->count; i++) {
        const Box *b = &l->boxes[i];
        if (b->kind == BOX_TOKEN && strcmp(b->name, "token") == 0 && b->rect.w >= 20) {
            uint32_t want = (uint32_t)b->fg.r << 16 | (uint32_t)b->fg.g << 8 | b->fg.b;
            /* Somewhere between the letter and the outline the shape shows its colour
             * exactly (which point depends on the shape). */
            int cx = b->rect.x + b->rect.w / 2, cy = b->rect.y + b->rect.h / 2;
            int pts[5][2] = {{cx - b->rect.w / 5, cy},
                             {cx, cy + b->rect.h * 27 / 100},
                             {cx, cy - b->rect.h * 27 / 100},
                             {cx + b->rect.w / 5, cy},
                             {cx - b->rect.w / 5, cy + b->rect.h / 6}};
            bool coloured = false;
            for (int p = 0; p < 5; p++) {
                coloured = coloured || pixel(surface, pts[p][0], pts[p][1]) == want;
            }
            assert_true(coloured);
            assert_int_equal(
                pixel(surface, b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 20 + 1) &
                    0xF0F0F0,
                0);
            found++;
        }
    }
    assert_true(found >= 4);
    /* The board's static layer is drawn once; drawing the same board again only copies it,
     * and every line of text comes from the cache. */
    RenderStats before = render_stats(r);
    assert_int_equal(before.static_layer_draws, 1);
    render_draw_layout(r, ui_layout(f.ui, 800, 600, f.now));
    RenderStats after = render_stats(r);
    assert_int_equal(after.static_layer_draws, 1);
    assert_int_equal(after.text_misses, before.text_misses);
    assert_true(after.text_hits > before.text_hits);
    /* The pause screen covers the board at once: every pixel of the top row is the calm
     * colour, in the very next frame. */
    key(&f, KEY_F1, 0);
    render_draw_layout(r, ui_layout(f.ui, 800, 600, f.now));
    for (int x = 0; x < 800; x += 7) {
        assert_int_equal(pixel(surface, x, 1), 0x163A3A);
    }
    /* High contrast: black background. */
    key(&f, KEY_ESCAPE, 0);
    render_destroy(r);
    SDL_DestroyRenderer(soft);
    SDL_FreeSurface(surface);
    fixture_close(&f);
}

/* ---- Text fitting ------------------------------------------------------------------------------
 */

static void test_text_fit(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    Render *r = f.render;
    const char *longer = "Una frase bastante larga que no cabe de ninguna manera en una caja tan "
                         "pequeña como esta, ni con letra chica ni con letra grande.";
    TextFit fit = render_fit_text(r, longer, FONT_REGULAR, 40, 20, 200, 60);
    assert_true(fit.ellipsized);
    assert_true(fit.w <= 200 && fit.h <= 60);
    assert_int_equal(fit.px, 20);
    TextFit easy = render_fit_text(r, "Hola", FONT_BOLD, 40, 20, 400, 100);
    assert_false(easy.shrunk);
    assert_false(easy.ellipsized);
    assert_int_equal(easy.lines, 1);
    /* Shrinks before it wraps a word in two. */
    TextFit word = render_fit_text(r, "Masculinidades", FONT_REGULAR, 30, 10, 120, 80);
    assert_true(word.shrunk);
    assert_int_equal(word.lines, 1);
    /* U+200B is a place to break. */
    TextFit zw = render_fit_text(r,
                                 "aaaaaaaaaa\xE2\x80\x8B"
                                 "bbbbbbbbbb",
                                 FONT_REGULAR, 20, 20, 130, 200);
    assert_int_equal(zw.lines, 2);
    /* Devanagari comes from the fallback font and has a width. */
    TextFit deva = render_fit_text(r, "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D",
                                   FONT_REGULAR, 30, 30, 400, 100);
    assert_true(deva.w > 10);
    /* Broken UTF-8 never crashes. */
    TextFit bad = render_fit_text(r, "abc\xFF\xC3(def", FONT_REGULAR, 30, 10, 300, 100);
    assert_true(bad.w > 0);
    fixture_close(&f);
}

/* ---- Settings -------------------------------------------------------------------------------- */

static void test_settings_file(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%ssettings-test.txt", pref_dir);
    Settings s = settings_default();
    s.text_percent = 150;
    s.high_contrast = true;
    s.teams = 6;
    strcpy(s.lang, "en");
    assert_true(settings_save(&s, path));
    Settings t = settings_default();
    assert_true(settings_load(&t, path));
    assert_int_equal(t.text_percent, 150);
    assert_true(t.high_contrast);
    assert_int_equal(t.teams, 6);
    assert_string_equal(t.lang, "en");
    assert_false(settings_apply_line(&t, "teams=99"));
    assert_false(settings_apply_line(&t, "text=130"));
    assert_false(settings_apply_line(&t, "lang=../../etc"));
    assert_false(settings_apply_line(&t, "nonsense"));
    assert_int_equal(t.teams, 6);
    remove(path);
}

static void test_settings_screen_changes_and_saves(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_DOWN, 0);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETTINGS);
    key(&f, KEY_DOWN, 0);  /* text size */
    key(&f, KEY_RIGHT, 0); /* 125 % */
    assert_int_equal(ui_settings(f.ui)->text_percent, 125);
    key(&f, KEY_DOWN, 0);
    key(&f, KEY_ENTER, 0); /* high contrast on */
    assert_true(ui_settings(f.ui)->high_contrast);
    assert_int_equal(layout(&f)->boxes[0].bg.r, 0);
    Settings saved = settings_default();
    assert_true(settings_load(&saved, f.app.settings_path));
    assert_int_equal(saved.text_percent, 125);
    assert_true(saved.high_contrast);
    /* Language: English at once. */
    key(&f, KEY_UP, 0);
    key(&f, KEY_UP, 0);
    key(&f, KEY_RIGHT, 0);
    assert_string_equal(i18n_locale(f.app.i18n), "en");
    key(&f, KEY_LEFT, 0);
    assert_string_equal(i18n_locale(f.app.i18n), "es-MX");
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    remove(f.app.settings_path);
    fixture_close(&f);
}

/* ---- Facilitator tools and safeguarding -------------------------------------------------------
 */

/* The focused menu item's label, or "". */
static const char *focused_label(Fixture *f)
{
    const Layout *l = layout(f);
    for (int i = 0; i < l->count; i++) {
        const Box *b = &l->boxes[i];
        if ((b->flags & BOX_FOCUS) && b->name != NULL && strcmp(b->name, "menu.item") == 0) {
            for (int c = i + 1; c < l->count; c++) {
                if (l->boxes[c].parent == i && strcmp(l->boxes[c].name, "menu.label") == 0) {
                    return layout_text(l, &l->boxes[c]);
                }
            }
        }
    }
    return "";
}

/* Moves the menu focus with the arrow keys to the item labelled with this string. */
static void focus_item(Fixture *f, const char *label_key)
{
    const char *want = i18n_text(f->app.i18n, label_key);
    for (int i = 0; i < 16; i++) {
        if (strcmp(focused_label(f), want) == 0) {
            return;
        }
        key(f, KEY_DOWN, 0);
    }
    fail_msg("no menu item \"%s\" on %s", want, ui_screen_name(ui_screen(f->ui)));
}

static void choose(Fixture *f, const char *label_key)
{
    focus_item(f, label_key);
    key(f, KEY_ENTER, 0);
}

/* The value shown beside the focused menu item. */
static const char *focused_value(Fixture *f)
{
    const Layout *l = layout(f);
    for (int i = 0; i < l->count; i++) {
        const Box *b = &l->boxes[i];
        if ((b->flags & BOX_FOCUS) && b->name != NULL && strcmp(b->name, "menu.item") == 0) {
            for (int c = i + 1; c < l->count; c++) {
                if (l->boxes[c].parent == i && strcmp(l->boxes[c].name, "menu.value") == 0) {
                    return layout_text(l, &l->boxes[c]);
                }
            }
        }
    }
    return "";
}

static int count_boxes(const Layout *l, const char *name)
{
    int n = 0;
    for (int i = 0; i < l->count; i++) {
        n += l->boxes[i].name != NULL && strcmp(l->boxes[i].name, name) == 0;
    }
    return n;
}

/* The text of the first box with this name, or "". */
static const char *box_text(Fixture *f, const char *name)
{
    const Layout *l = layout(f);
    int i = layout_find(l, name);
    return i >= 0 && l->boxes[i].kind == BOX_TEXT ? layout_text(l, &l->boxes[i]) : "";
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

/* Plays with the suggested keys until a card (or an open talk) is on show for the group. */
static bool play_until_any_card(Fixture *f)
{
    for (int i = 0; i < 4000; i++) {
        if (ui_screen(f->ui) == UI_CARD) {
            if (ui_card_needs_confirm(f->ui)) {
                key(f, KEY_ENTER, 0);
            }
            return true;
        }
        if (ui_screen(f->ui) == UI_SUMMARY) {
            return false;
        }
        Input in = ui_suggest_input(f->ui);
        push_input(&in);
        pump(f);
    }
    return false;
}

/* An overlay pack on top of the Rutas pack, written under the test's folder. */
static void make_overlay(char *dir, size_t size, const char *name, bool strings)
{
    snprintf(dir, size, "%s%s", pref_dir, name);
    char sub[600];
    mkdir(dir, 0700);
    snprintf(sub, sizeof sub, "%s/locales", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/helplines", dir);
    mkdir(sub, 0700);
    char json[300];
    snprintf(json, sizeof json,
             "{\"format\": 1, \"id\": \"%s\", \"version\": \"1.0.0\", \"extends\": \"rutas\"%s}\n",
             name, strings ? ", \"locales\": [\"es-MX\", \"en\"]" : "");
    write_text(dir, "pack.json", json);
}

static void remove_overlay(const char *dir)
{
    static const char *const files[] = {"pack.json", "locales/es-MX.json", "locales/en.json",
                                        "helplines/MX.json"};
    char path[700];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/locales", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/helplines", dir);
    rmdir(path);
    rmdir(dir);
}

static void test_ground_rules_from_pause_with_the_packs_own(void **state)
{
    (void)state;
    char dir[500];
    make_overlay(dir, sizeof dir, "rules-pack", true);
    write_text(dir, "locales/es-MX.json",
               "{\"ground_rules\": {\"1\": \"Regla del paquete: celulares en silencio.\", "
               "\"2\": \"Regla del paquete: nadie graba la sesión.\"}}\n");
    write_text(dir, "locales/en.json",
               "{\"ground_rules\": {\"1\": \"Pack rule: phones on silent.\", "
               "\"2\": \"Pack rule: nobody records the session.\"}}\n");
    fixture_pack_path = dir;
    Fixture f;
    fixture_open(&f, "es-MX", 150, true);
    key(&f, KEY_ENTER, 0);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_RULES);
    /* The program's five, then the pack's two, in order. */
    const Layout *l = layout(&f);
    assert_int_equal(count_boxes(l, "rule.text"), 7);
    int seen = 0;
    for (int i = 0; i < l->count; i++) {
        if (l->boxes[i].name != NULL && strcmp(l->boxes[i].name, "rule.text") == 0) {
            const char *t = layout_text(l, &l->boxes[i]);
            if (seen == 5) {
                assert_string_equal(t, "Regla del paquete: celulares en silencio.");
            }
            if (seen == 6) {
                assert_string_equal(t, "Regla del paquete: nadie graba la sesión.");
            }
            seen++;
        }
    }
    check_layout(&f, 640, 480);
    check_layout(&f, 1920, 1080);
    assert_string_equal(box_text(&f, "button.label"), i18n_text(f.app.i18n, "ground_rules.agree"));
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_BOARD);
    /* Reopened from the pause menu, and back to it. */
    key(&f, KEY_F1, 0);
    choose(&f, "pause.ground_rules");
    assert_int_equal(ui_screen(f.ui), UI_RULES);
    assert_int_equal(count_boxes(layout(&f), "rule.text"), 7);
    assert_string_equal(box_text(&f, "button.label"), i18n_text(f.app.i18n, "common.back"));
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_PAUSE);
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_BOARD);
    fixture_close(&f);
    fixture_pack_path = NULL;
    remove_overlay(dir);
}

/* Reads "From age A · Intensity I" from the review's line of facts. */
static void review_facts(Fixture *f, const char *name, int *age, int *intensity)
{
    const char *t = box_text(f, name);
    const char *a = strstr(t, "From age ");
    const char *i = strstr(t, "Intensity ");
    assert_non_null(a);
    assert_non_null(i);
    *age = atoi(a + 9);
    *intensity = atoi(i + 10);
}

static void test_setup_filters_and_card_review(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "en", 100, true);
    const GameDef *def = f.app.def;
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETUP);
    check_layout(&f, 640, 480); /* eleven items in the smallest window */
    /* Age band 12 to 14, intensity 1 (light) at most, with the arrows. */
    focus_item(&f, "setup.age_band");
    for (int i = 0; i < 4; i++) {
        key(&f, KEY_LEFT, 0);
    }
    assert_int_equal(ui_settings(f.ui)->max_age, 14);
    focus_item(&f, "setup.max_intensity");
    key(&f, KEY_LEFT, 0);
    key(&f, KEY_LEFT, 0);
    assert_int_equal(ui_settings(f.ui)->max_intensity, 1);
    int expected = 0, first = -1, third = -1;
    for (int c = 0; c < def->card_count; c++) {
        if (def->cards[c].min_age <= 14 && def->cards[c].intensity <= 1) {
            third = expected == 2 ? c : third;
            first = expected == 0 ? c : first;
            expected++;
        }
    }
    assert_true(expected > 10 && expected < def->card_count);
    /* The review lists exactly the cards these filters let in. */
    choose(&f, "setup.review_cards");
    assert_int_equal(ui_screen(f.ui), UI_REVIEW);
    char want[200], n1[16];
    snprintf(n1, sizeof n1, "%d", expected);
    I18nArg args[] = {{"in", n1}, {"total", n1}};
    i18n_format(f.app.i18n, want, sizeof want, "setup.review_count", args, 2);
    assert_string_equal(box_text(&f, "review.count"), want);
    check_layout(&f, 640, 480);
    check_layout(&f, 768, 1024);
    check_layout(&f, 1920, 1080);
    for (int i = 0; i < expected; i++) {
        int age, intensity;
        review_facts(&f, "review.facts", &age, &intensity);
        assert_true(age <= 14);
        assert_true(intensity <= 1);
        key(&f, KEY_DOWN, 0);
    }
    /* Home, then leave the first card out by key and the third by a click. */
    key(&f, KEY_HOME, 0);
    key(&f, KEY_ENTER, 0);
    assert_non_null(
        strstr(box_text(&f, "review.where"), i18n_text(f.app.i18n, "setup.review_out")));
    const Layout *l = layout(&f);
    int row = -1;
    for (int i = 0; i < l->count; i++) {
        if (l->boxes[i].name != NULL && strcmp(l->boxes[i].name, "review.item") == 0 &&
            l->boxes[i].arg == 2) {
            row = i;
        }
    }
    assert_true(row >= 0);
    click_box(&f, &l->boxes[row], false);
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_SETUP);
    Settings saved = settings_default();
    assert_true(settings_load(&saved, f.app.settings_path));
    snprintf(want, sizeof want, "%s,%s", def->cards[first].id, def->cards[third].id);
    assert_string_equal(saved.excluded, want);
    focus_item(&f, "setup.review_cards");
    snprintf(n1, sizeof n1, "%d", 2);
    I18nArg two[] = {{"count", n1}};
    i18n_format(f.app.i18n, want, sizeof want, "setup.review_value", two, 1);
    assert_string_equal(focused_value(&f), want);
    /* In the session, no card above the filters and never the two left out. */
    choose(&f, "setup.start");
    key(&f, KEY_ENTER, 0);
    const GameState *g = ui_game(f.ui);
    assert_non_null(g);
    assert_false(rules_card_is_enabled(&g->config, def, first));
    assert_false(rules_card_is_enabled(&g->config, def, third));
    int cards = 0;
    for (int i = 0; i < 1500 && ui_screen(f.ui) != UI_SUMMARY; i++) {
        if (ui_screen(f.ui) == UI_CARD && g->card >= 0) {
            const Card *c = &def->cards[g->card];
            assert_true(c->min_age <= 14);
            assert_true(c->intensity <= 1);
            assert_true(g->card != first && g->card != third);
            cards++;
        }
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    assert_true(cards > 5);
    /* The exclusions are remembered by id: a new start finds them, and one is taken back. */
    fixture_close(&f);
    fixture_open(&f, "en", 100, true);
    def = f.app.def;
    key(&f, KEY_ENTER, 0);
    choose(&f, "setup.review_cards");
    assert_string_equal(box_text(&f, "review.item.state"),
                        i18n_text(f.app.i18n, "setup.review_out"));
    key(&f, KEY_SPACE, 0);
    assert_string_equal(box_text(&f, "review.item.state"),
                        i18n_text(f.app.i18n, "setup.review_in"));
    assert_true(settings_load(&saved, f.app.settings_path));
    assert_string_equal(saved.excluded, def->cards[third].id);
    remove(f.app.settings_path);
    fixture_close(&f);
}

/* Every card of every topic left out: no topic stop has a card left. */
static void exclude_all_topic_cards(Settings *s, const GameDef *def)
{
    size_t used = 0;
    s->excluded[0] = '\0';
    for (int c = 0; c < def->card_count; c++) {
        if (def->decks[def->cards[c].deck].topic >= 0) {
            used += (size_t)snprintf(s->excluded + used, sizeof s->excluded - used, "%s%s",
                                     used ? "," : "", def->cards[c].id);
        }
    }
    assert_true(used < sizeof s->excluded);
}

/* Every card of the shipped pack, revealed, in both languages, at every text size and at
 * 4:3 and 16:9 sizes (a school projector is often 1024x768): the prompt keeps 1/16 of the
 * height and nothing of the answer, the explanation or the options is cut. */
static void test_every_card_answer_and_note_fit(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1024, 768}, {1366, 768}, {1920, 1080}};
    static const int texts[] = {100, 125, 150};
    static const char *const langs[] = {"es-MX", "en"};
    int bad = 0;
    for (int lg = 0; lg < 2; lg++) {
        Fixture f;
        fixture_open(&f, langs[lg], 100, true);
        Layout l;
        layout_init(&l);
        int checked = 0;
        for (int c = 0; c < f.app.def->card_count; c++) {
            for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                for (size_t t = 0; t < 2 * sizeof texts / sizeof texts[0]; t++) {
                    int w = sizes[z][0], h = sizes[z][1];
                    bool note = t >= sizeof texts / sizeof texts[0];
                    int text = texts[t % (sizeof texts / sizeof texts[0])];
                    ui_card_layout(f.ui, c, w, h, text, !note, note, &l);
                    for (int i = 0; i < l.count; i++) {
                        const Box *b = &l.boxes[i];
                        if (b->kind != BOX_TEXT || b->name == NULL) {
                            continue;
                        }
                        bool prompt = strcmp(b->name, "card.prompt") == 0;
                        bool answer = strcmp(b->name, "card.answer") == 0 ||
                                      strcmp(b->name, "card.explain") == 0 ||
                                      strcmp(b->name, "card.option") == 0 ||
                                      strcmp(b->name, "card.note.text") == 0;
                        if ((prompt || answer) && b->fit.ellipsized) {
                            bad++;
                            print_error("%s, card %s at %dx%d, text %d%%: %s is cut: \"%s\"\n",
                                        langs[lg], f.app.def->cards[c].id, w, h, text, b->name,
                                        layout_text(&l, b));
                        }
                        if (prompt && b->fit.px * 16 < h - 16) {
                            bad++;
                            print_error("%s, card %s at %dx%d, text %d%%: prompt at %d px\n",
                                        langs[lg], f.app.def->cards[c].id, w, h, text, b->fit.px);
                        }
                    }
                    checked++;
                }
            }
        }
        assert_true(checked >= 200 * 18);
        layout_free(&l);
        fixture_close(&f);
    }
    assert_int_equal(bad, 0);
}

static int scoreboard_teams;
static void set_scoreboard_teams(Settings *s, const GameDef *def)
{
    (void)def;
    s->teams = scoreboard_teams;
}

/* The scoreboard stays readable with every number of teams, at every text size, in small
 * windows too: no team's name or points drawn below the smallest size asked for, or cut. */
static void test_scoreboard_readable_with_many_teams(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 600}, {1024, 768}, {1366, 768}, {1920, 1080}};
    static const int texts[] = {100, 150};
    for (int teams = 2; teams <= 8; teams += 2) {
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            Fixture f;
            scoreboard_teams = teams;
            fixture_settings = set_scoreboard_teams;
            fixture_open(&f, "es-MX", texts[t], true);
            fixture_settings = NULL;
            start_session(&f);
            int boards = 0;
            for (int step = 0; step < 60; step++) {
                for (size_t z = 0; ui_screen(f.ui) == UI_BOARD && z < 4; z++) {
                    const Layout *l = ui_layout(f.ui, sizes[z][0], sizes[z][1], f.now);
                    int shown = 0;
                    for (int i = 0; i < l->count; i++) {
                        const Box *b = &l->boxes[i];
                        if (b->kind != BOX_TEXT || b->name == NULL ||
                            strncmp(b->name, "score.", 6) != 0) {
                            continue;
                        }
                        shown += strcmp(b->name, "score.points") == 0;
                        if (b->fit.px < b->min_px || b->fit.ellipsized) {
                            fail_msg("%d teams, text %d%%, %dx%d: %s \"%s\" at %d px (at least "
                                     "%d), %s",
                                     teams, texts[t], sizes[z][0], sizes[z][1], b->name,
                                     l->texts + b->text, b->fit.px, b->min_px,
                                     b->fit.ellipsized ? "cut" : "whole");
                        }
                    }
                    assert_int_equal(shown, teams);
                    boards++;
                }
                ui_layout(f.ui, f.w, f.h, f.now);
                Input in = ui_suggest_input(f.ui);
                push_input(&in);
                pump(&f);
            }
            assert_true(boards > 0);
            fixture_close(&f);
        }
    }
}

static void test_topic_without_cards_is_an_open_talk(void **state)
{
    (void)state;
    Fixture f;
    fixture_settings = exclude_all_topic_cards;
    fixture_open(&f, "es-MX", 100, true);
    fixture_settings = NULL;
    start_session(&f);
    const GameState *g = ui_game(f.ui);
    const GameDef *def = f.app.def;
    int stops = 0;
    for (int s = 0; s < def->space_count; s++) {
        stops += def->spaces[s].kind == SPACE_TOPIC;
    }
    for (int t = 0; t < def->topic_count; t++) {
        assert_int_equal(rules_deck_size(g, def->topics[t].deck), 0);
    }
    /* The board marks each such stop as an open discussion. */
    assert_int_equal(count_boxes(layout(&f), "space.open_talk"), stops);
    check_layout(&f, 640, 480);
    bool talked = false;
    for (int i = 0; i < 5000 && ui_screen(f.ui) != UI_SUMMARY; i++) {
        if (ui_screen(f.ui) == UI_CARD && g->card < 0 && g->card_space >= 0 &&
            def->spaces[g->card_space].kind == SPACE_TOPIC) {
            assert_int_equal(g->phase, PHASE_OPEN_TALK);
            assert_true(strlen(box_text(&f, "card.prompt")) > 0);
            check_layout(&f, 800, 600);
            int talks = g->stats.open_talks;
            key(&f, KEY_ENTER, 0);
            assert_int_equal(g->stats.open_talks, talks + 1);
            talked = true;
            continue;
        }
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    assert_true(talked);
    assert_int_equal(ui_screen(f.ui), UI_SUMMARY);
    remove(f.app.settings_path);
    fixture_close(&f);
}

static void test_pass_and_skip_keep_every_teams_points(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    const GameState *g = ui_game(f.ui);
    int passes = 0, skips = 0;
    for (int k = 0; k < 8; k++) {
        assert_true(play_until_any_card(&f));
        int before[GAMEDEF_MAX_TEAMS];
        memcpy(before, g->points, sizeof before);
        int total = rules_total_points(g);
        bool skip = k % 2 == 1 && g->card >= 0;
        key(&f, KEY_CHAR, skip ? 's' : 'p');
        assert_memory_equal(g->points, before, sizeof before);
        assert_int_equal(rules_total_points(g), total);
        passes += !skip;
        skips += skip;
        assert_int_equal(g->stats.passes, passes);
        assert_int_equal(g->stats.skips, skips);
        if (skip && ui_screen(f.ui) == UI_CARD) {
            key(&f, KEY_CHAR, 'p'); /* and pass the new card too: still nothing lost */
            passes++;
            assert_memory_equal(g->points, before, sizeof before);
        }
    }
    /* Counted as numbers only, in the summary. */
    key(&f, KEY_CHAR, 'f');
    choose(&f, "tools.end");
    assert_int_equal(ui_screen(f.ui), UI_SUMMARY);
    char n[16], want[200];
    snprintf(n, sizeof n, "%d", passes);
    I18nArg arg = {"count", n};
    i18n_format(f.app.i18n, want, sizeof want, "summary.passes", &arg, 1);
    assert_non_null(strstr(box_text(&f, "summary.passes"), want));
    snprintf(n, sizeof n, "%d", skips);
    i18n_format(f.app.i18n, want, sizeof want, "summary.skips", &arg, 1);
    assert_non_null(strstr(box_text(&f, "summary.passes"), want));
    fixture_close(&f);
}

/* The pause comes at once and stays until the facilitator lifts it on purpose. */
static void expect_deliberate_pause(Fixture *f)
{
    UiScreen before = ui_screen(f->ui);
    key(f, KEY_F1, 0);
    assert_int_equal(ui_screen(f->ui), UI_PAUSE);
    const Layout *l = layout(f);
    assert_int_equal(l->boxes[0].rect.w, f->w);
    assert_int_equal(l->boxes[0].bg.a, 255);
    key(f, KEY_SPACE, 0);
    key(f, KEY_CHAR, 'p');
    key(f, KEY_CHAR, 's');
    key(f, KEY_CHAR, 'a');
    key(f, KEY_RIGHT, 0);
    key(f, KEY_PAGE_DOWN, 0); /* a clicker's "next" moves along the menu */
    assert_int_equal(ui_screen(f->ui), UI_PAUSE);
    key(f, KEY_PAGE_UP, 0);
    key(f, KEY_ENTER, 0); /* on "Back to the game" */
    assert_int_equal(ui_screen(f->ui), before);
    key(f, KEY_CHAR, 'b');
    assert_int_equal(ui_screen(f->ui), UI_PAUSE);
    key(f, KEY_CHAR, 'b');
    assert_int_equal(ui_screen(f->ui), before);
    key(f, KEY_CHAR, 'h');
    assert_int_equal(ui_screen(f->ui), UI_HELP);
    key(f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f->ui), before);
}

static void test_pause_and_help_on_the_facilitator_screens(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    choose(&f, "help.guide");
    assert_int_equal(ui_screen(f.ui), UI_GUIDE);
    expect_deliberate_pause(&f);
    key(&f, KEY_ESCAPE, 0);
    expect_deliberate_pause(&f); /* title */
    choose(&f, "title.settings");
    expect_deliberate_pause(&f);
    key(&f, KEY_ESCAPE, 0);
    choose(&f, "title.new_session");
    expect_deliberate_pause(&f); /* setup */
    choose(&f, "setup.topics");
    expect_deliberate_pause(&f);
    key(&f, KEY_ESCAPE, 0);
    choose(&f, "setup.review_cards");
    expect_deliberate_pause(&f);
    key(&f, KEY_ESCAPE, 0);
    choose(&f, "setup.start");
    expect_deliberate_pause(&f); /* rules */
    key(&f, KEY_ENTER, 0);
    expect_deliberate_pause(&f); /* board */
    key(&f, KEY_CHAR, 'f');
    assert_int_equal(ui_screen(f.ui), UI_TOOLS);
    expect_deliberate_pause(&f);
    key(&f, KEY_ESCAPE, 0);
    assert_true(play_until_any_card(&f));
    expect_deliberate_pause(&f); /* card */
    key(&f, KEY_CHAR, 'f');
    choose(&f, "tools.end");
    expect_deliberate_pause(&f); /* summary */
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_HELP); /* the help that ends every session */
    key(&f, KEY_F1, 0);
    assert_int_equal(ui_screen(f.ui), UI_PAUSE);
    key(&f, KEY_F1, 0);
    assert_int_equal(ui_screen(f.ui), UI_HELP);
    fixture_close(&f);
}

static int circle_size(Fixture *f)
{
    const Layout *l = layout(f);
    int i = layout_find(l, "pause.circle");
    assert_true(i >= 0);
    return l->boxes[i].rect.w;
}

static void test_breathing_guide(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "en", 100, false);
    key(&f, KEY_F1, 0);
    assert_int_equal(ui_screen(f.ui), UI_PAUSE);
    /* It grows for 4 seconds and shrinks for 6, smoothly: the loop draws it 25 times a
     * second, and never jumps more than a little between two frames. */
    assert_int_equal(ui_wait_ms(f.ui, f.now), 40);
    int smallest = 1 << 30, largest = 0, last = circle_size(&f);
    uint64_t start = f.now;
    bool in = false, out = false;
    while (f.now < start + 20000) {
        f.now += 40;
        assert_true(ui_tick(f.ui, f.now) & UI_REDRAW);
        int d = circle_size(&f);
        assert_true(abs(d - last) <= f.h / 100);
        smallest = d < smallest ? d : smallest;
        largest = d > largest ? d : largest;
        last = d;
        const char *say = box_text(&f, "pause.breathe");
        in = in || strcmp(say, i18n_text(f.app.i18n, "pause.breathe_in")) == 0;
        out = out || strcmp(say, i18n_text(f.app.i18n, "pause.breathe_out")) == 0;
    }
    assert_true(largest >= smallest * 2);
    assert_true(in && out);
    check_layout(&f, 640, 480);
    check_layout(&f, 768, 1024);
    check_layout(&f, 1920, 1080);
    key(&f, KEY_F1, 0);
    assert_int_equal(ui_wait_ms(f.ui, f.now), -1); /* the title sleeps again */
    fixture_close(&f);
    /* With reduce motion it stands still, and the loop sleeps. */
    fixture_open(&f, "en", 100, true);
    key(&f, KEY_F1, 0);
    int d = circle_size(&f);
    f.now += 2500;
    assert_false(ui_tick(f.ui, f.now) & UI_REDRAW);
    assert_int_equal(circle_size(&f), d);
    assert_int_equal(ui_wait_ms(f.ui, f.now), -1);
    fixture_close(&f);
}

/* The help screen at 4:3 and 16:9 sizes and every text size: nothing of a help line is cut;
 * the lines that do not fit wait behind a scroll that the region line announces, and
 * scrolling down shows the last one. */
static void test_help_lines_whole_and_announced(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 600}, {1024, 768}, {1366, 768}, {1920, 1080}};
    static const int texts[] = {100, 150};
    static const char *const langs[] = {"es-MX", "en"};
    for (int lg = 0; lg < 2; lg++) {
        for (size_t t = 0; t < 2; t++) {
            Fixture f;
            fixture_open(&f, langs[lg], texts[t], true);
            int count = 0;
            const Helpline *lines = pack_helplines(f.app.pack, ui_settings(f.ui)->region, &count);
            assert_true(count >= 4);
            key(&f, KEY_CHAR, 'h');
            assert_int_equal(ui_screen(f.ui), UI_HELP);
            for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                int w = sizes[z][0], h = sizes[z][1];
                f.w = w;
                f.h = h;
                for (int k = 0; k < count; k++) {
                    key(&f, KEY_UP, 0);
                }
                const Layout *l = ui_layout(f.ui, w, h, f.now);
                int shown = 0;
                for (int i = 0; i < l->count; i++) {
                    const Box *b = &l->boxes[i];
                    shown += b->name != NULL && strcmp(b->name, "help.line") == 0;
                    if (b->kind == BOX_TEXT && b->name != NULL &&
                        strncmp(b->name, "help.", 5) == 0 && b->fit.ellipsized) {
                        fail_msg("%s at %dx%d, text %d%%: %s is cut: \"%s\"", langs[lg], w, h,
                                 texts[t], b->name, layout_text(l, b));
                    }
                }
                assert_true(shown >= 1);
                char all[16];
                snprintf(all, sizeof all, "%d", count);
                const char *region = box_text(&f, "help.region");
                if (shown < count && strstr(region, all) == NULL) {
                    fail_msg("%s at %dx%d: %d of %d lines shown, and the region line does not "
                             "say so: \"%s\"",
                             langs[lg], w, h, shown, count, region);
                }
                for (int k = 0; k < count; k++) {
                    key(&f, KEY_DOWN, 0);
                }
                l = ui_layout(f.ui, w, h, f.now);
                const char *last = NULL;
                int numbers = 0;
                for (int i = 0; i < l->count; i++) {
                    const Box *b = &l->boxes[i];
                    if (b->kind == BOX_TEXT && b->name != NULL &&
                        strcmp(b->name, "help.number") == 0) {
                        last = layout_text(l, b);
                        numbers++;
                    }
                }
                const Helpline *end = &lines[count - 1];
                const char *want = end->number[0]     ? end->number
                                   : end->whatsapp[0] ? end->whatsapp
                                                      : end->web;
                assert_non_null(last);
                assert_string_equal(last, want);
                assert_int_equal(numbers, shown);
            }
            f.w = 1366;
            f.h = 768;
            fixture_close(&f);
        }
    }
}

static void test_help_warns_the_facilitator(void **state)
{
    (void)state;
    /* No region chosen: the help screen says so. */
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0);
    focus_item(&f, "setup.region");
    for (int i = 0; i < 4 && ui_settings(f.ui)->region[0] != '\0'; i++) {
        key(&f, KEY_LEFT, 0);
    }
    assert_string_equal(ui_settings(f.ui)->region, "");
    key(&f, KEY_CHAR, 'h');
    assert_string_equal(box_text(&f, "help.warning"), i18n_text(f.app.i18n, "help.no_region"));
    assert_int_equal(layout_find(layout(&f), "help.number"), -1);
    remove(f.app.settings_path);
    fixture_close(&f);
    /* Entries checked more than 12 months ago: a line on top and a warning on each. */
    char dir[500];
    make_overlay(dir, sizeof dir, "old-lines", false);
    write_text(dir, "helplines/MX.json",
               "{\"format\": 1, \"country\": \"MX\", \"lines\": [\n"
               " {\"id\": \"old-line\", \"number\": \"911\", \"topics\": [\"all\"],\n"
               "  \"verified_on\": \"2020-01-02\", \"source\": \"https://example.org/911\",\n"
               "  \"name\": {\"es-MX\": \"Emergencias\", \"en\": \"Emergencies\"},\n"
               "  \"hours\": {\"es-MX\": \"24 horas\"}, \"cost\": {\"es-MX\": \"Gratis\"},\n"
               "  \"what\": {\"es-MX\": \"Si alguien está en peligro.\"}},\n"
               " {\"id\": \"new-line\", \"number\": \"089\", \"topics\": [\"all\"],\n"
               "  \"verified_on\": \"2026-11-22\", \"source\": \"https://example.org/089\",\n"
               "  \"name\": {\"es-MX\": \"Denuncia anónima\"}}\n"
               "]}\n");
    fixture_pack_path = dir;
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_CHAR, 'h');
    char want[300];
    i18n_plural(f.app.i18n, want, sizeof want, "help.stale_count", 1, NULL, 0);
    assert_string_equal(box_text(&f, "help.warning"), want);
    assert_int_equal(count_boxes(layout(&f), "help.stale"), 1);
    assert_int_equal(count_boxes(layout(&f), "help.number"), 2);
    check_layout(&f, 640, 480);
    check_layout(&f, 1920, 1080);
    fixture_close(&f);
    fixture_pack_path = NULL;
    remove_overlay(dir);
}

static void test_facilitator_guide_in_the_game(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "en", 150, true);
    choose(&f, "help.guide");
    assert_int_equal(ui_screen(f.ui), UI_GUIDE);
    const Layout *l = layout(&f);
    assert_true(layout_find(l, "guide.h1") >= 0);
    /* Plain text: no Markdown marks on screen. */
    for (int i = 0; i < l->count; i++) {
        if (l->boxes[i].kind == BOX_TEXT && l->boxes[i].name != NULL &&
            strncmp(l->boxes[i].name, "guide.", 6) == 0) {
            const char *t = layout_text(l, &l->boxes[i]);
            assert_true(t[0] != '#' && t[0] != '-');
            assert_null(strstr(t, "**"));
            assert_null(strstr(t, "`"));
        }
    }
    check_layout(&f, 640, 480);
    check_layout(&f, 768, 1024);
    check_layout(&f, 1920, 1080);
    char top[600];
    snprintf(top, sizeof top, "%s", box_text(&f, "guide.h1"));
    /* Page Down, the arrows, Space and the wheel move on; Home goes back to the start. */
    key(&f, KEY_PAGE_DOWN, 0);
    assert_int_equal(layout_find(layout(&f), "guide.h1"), -1);
    int items = 0, pages = 1;
    while (pages < 400) {
        l = layout(&f);
        items += count_boxes(l, "guide.item");
        char first[600] = "";
        for (int i = 0; i < l->count; i++) {
            if (l->boxes[i].kind == BOX_TEXT && l->boxes[i].name != NULL &&
                strncmp(l->boxes[i].name, "guide.", 6) == 0) {
                snprintf(first, sizeof first, "%s", layout_text(l, &l->boxes[i]));
                break;
            }
        }
        key(&f, KEY_SPACE, 0);
        pages++;
        l = layout(&f);
        int at = -1;
        for (int i = 0; i < l->count; i++) {
            if (l->boxes[i].kind == BOX_TEXT && l->boxes[i].name != NULL &&
                strncmp(l->boxes[i].name, "guide.", 6) == 0) {
                at = i;
                break;
            }
        }
        if (strcmp(layout_text(l, &l->boxes[at]), first) == 0) {
            break; /* the end: another page changes nothing */
        }
        if (pages % 5 == 0) {
            check_layout(&f, 640, 480);
        }
    }
    assert_true(pages > 5 && pages < 400);
    assert_true(items > 20);
    key(&f, KEY_HOME, 0);
    assert_string_equal(box_text(&f, "guide.h1"), top);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = -1;
    assert_int_equal(SDL_PushEvent(&e), 1);
    pump(&f);
    assert_int_equal(layout_find(layout(&f), "guide.h1"), -1);
    key(&f, KEY_UP, 0);
    assert_string_equal(box_text(&f, "guide.h1"), top);
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    /* And from the pause menu, back to it. */
    choose(&f, "title.new_session");
    key(&f, KEY_ENTER, 0);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_BOARD);
    key(&f, KEY_F1, 0);
    choose(&f, "help.guide");
    assert_int_equal(ui_screen(f.ui), UI_GUIDE);
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_PAUSE);
    fixture_close(&f);
}

static void test_guide_markdown(void **state)
{
    (void)state;
    Guide g;
    ui_guide_parse("# Title #\n\nA paragraph on\ntwo lines with **bold**, `code` and a "
                   "[link](https://example.org) and [a section](#three).\n\n"
                   "<!-- a comment\nover lines -->\n"
                   "## Two\n- first item\n  goes on\n- second \\*item\\*\n    - nested\n"
                   "1. numbered\n\n---\n### Three\n> quoted\n```\ncode line\n```\n"
                   "snake_case_name stays\n",
                   &g);
    struct {
        GuideKind kind;
        int indent;
        const char *text;
    } want[] = {
        {GUIDE_H1, 0, "Title"},
        {GUIDE_PARA, 0,
         "A paragraph on two lines with bold, code and a link (https://example.org) and a "
         "section."},
        {GUIDE_H2, 0, "Two"},
        {GUIDE_ITEM, 0, "\xE2\x80\xA2 first item goes on"},
        {GUIDE_ITEM, 0, "\xE2\x80\xA2 second *item*"},
        {GUIDE_ITEM, 2, "\xE2\x80\xA2 nested"},
        {GUIDE_ITEM, 0, "1. numbered"},
        {GUIDE_H3, 0, "Three"},
        {GUIDE_PARA, 0, "quoted"},
        {GUIDE_PARA, 0, "code line"},
        {GUIDE_PARA, 0, "snake_case_name stays"},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    assert_int_equal(g.count, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(g.blocks[i].kind, want[i].kind);
        assert_int_equal(g.blocks[i].indent, want[i].indent);
        assert_string_equal(g.blocks[i].text, want[i].text);
    }
    ui_guide_free(&g);
    ui_guide_free(&g); /* twice is fine */
    /* Nothing, odd bytes and unclosed marks give blocks, never a crash. */
    ui_guide_parse(NULL, &g);
    assert_int_equal(g.count, 0);
    ui_guide_parse("[[[(((**`\n#\n####### seven\n- \n\xFF\xFE\n<!--", &g);
    assert_true(g.count >= 1);
    ui_guide_free(&g);
}

static void test_undo_restores_the_state(void **state)
{
    (void)state;
    char path[400], bak[420];
    snprintf(path, sizeof path, "%ssession-undo.save", pref_dir);
    snprintf(bak, sizeof bak, "%s.bak", path);
    fixture_save_path = path;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    const GameState *g = ui_game(f.ui);
    int undone = 0;
    for (int i = 0; i < 120 && undone < 15 && ui_screen(f.ui) != UI_SUMMARY; i++) {
        uint64_t before = rules_state_hash(g);
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
        uint64_t after = rules_state_hash(g);
        if (after == before || ui_screen(f.ui) == UI_SUMMARY) {
            continue;
        }
        /* F, Enter on "Undo the last move": the state is what it was, exactly. */
        key(&f, KEY_CHAR, 'f');
        assert_int_equal(ui_screen(f.ui), UI_TOOLS);
        assert_string_equal(focused_label(&f), i18n_text(f.app.i18n, "tools.undo"));
        key(&f, KEY_ENTER, 0);
        assert_true(rules_state_hash(g) == before);
        key(&f, KEY_ESCAPE, 0);
        /* The same key again makes the same move: the dice come from the replay's seed. A card
         * of intensity 3 that comes back asks the facilitator again first. */
        if (ui_card_needs_confirm(f.ui)) {
            key(&f, KEY_ENTER, 0);
        }
        push_input(&in);
        pump(&f);
        assert_true(rules_state_hash(g) == after);
        undone++;
    }
    assert_true(undone >= 10);
    /* Give a point, move a token, end the game: each through the rules, each undone. */
    while (ui_screen(f.ui) != UI_BOARD) {
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    uint64_t start = rules_state_hash(g);
    key(&f, KEY_CHAR, 'f');
    focus_item(&f, "tools.team");
    key(&f, KEY_RIGHT, 0);
    int team = (g->current + 1) % g->team_count;
    int points = g->points[team];
    choose(&f, "tools.give");
    assert_int_equal(g->points[team], points + 1);
    assert_true(strlen(box_text(&f, "tools.status")) > 0);
    focus_item(&f, "tools.points");
    key(&f, KEY_LEFT, 0); /* -1: no 0 on the way */
    assert_non_null(strstr(focused_value(&f), "1"));
    choose(&f, "tools.take");
    assert_int_equal(g->points[team], points);
    focus_item(&f, "tools.space");
    int to = (g->position[team] + 3) % f.app.def->space_count;
    for (int i = 0; i < 3; i++) {
        key(&f, KEY_RIGHT, 0);
    }
    choose(&f, "tools.move");
    assert_int_equal(g->position[team], to);
    check_layout(&f, 640, 480);
    check_layout(&f, 1920, 1080);
    for (int i = 0; i < 3; i++) {
        choose(&f, "tools.undo");
    }
    assert_true(rules_state_hash(g) == start);
    choose(&f, "tools.end");
    assert_int_equal(ui_screen(f.ui), UI_SUMMARY);
    assert_true(rules_is_over(g));
    assert_int_equal(access(path, F_OK), -1);
    key(&f, KEY_CHAR, 'f');
    choose(&f, "tools.undo");
    assert_false(rules_is_over(g));
    assert_true(rules_state_hash(g) == start);
    key(&f, KEY_ESCAPE, 0);
    assert_int_equal(ui_screen(f.ui), UI_BOARD);
    /* The autosave followed every undo: a new start resumes this very state. */
    assert_int_equal(access(path, F_OK), 0);
    fixture_close(&f);
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0);
    assert_true(rules_state_hash(ui_game(f.ui)) == start);
    fixture_close(&f);
    fixture_save_path = NULL;
    remove(path);
    remove(bak);
}

static void test_discussion_timer(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    /* Off by default: no countdown on the card. */
    start_session(&f);
    assert_true(play_until_any_card(&f));
    assert_int_equal(ui_talk_seconds_left(f.ui), -1);
    assert_int_equal(layout_find(layout(&f), "card.timer"), -1);
    fixture_close(&f);
    /* Two minutes, from the setup. */
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0);
    focus_item(&f, "setup.talk_timer");
    key(&f, KEY_RIGHT, 0);
    assert_int_equal(ui_settings(f.ui)->talk_minutes, 2);
    choose(&f, "setup.start");
    key(&f, KEY_ENTER, 0);
    const GameState *g = ui_game(f.ui);
    chimes = 0;
    assert_true(play_until_any_card(&f));
    assert_int_equal(ui_talk_seconds_left(f.ui), 120);
    assert_non_null(strstr(box_text(&f, "card.timer"), "2:00"));
    int wait = ui_wait_ms(f.ui, f.now);
    assert_true(wait >= 20 && wait <= 1000);
    check_layout(&f, 640, 480);
    f.now += 60000;
    ui_tick(f.ui, f.now);
    assert_int_equal(ui_talk_seconds_left(f.ui), 60);
    /* Under the pause it waits. */
    key(&f, KEY_F1, 0);
    f.now += 30000;
    ui_tick(f.ui, f.now);
    key(&f, KEY_F1, 0);
    int left = ui_talk_seconds_left(f.ui);
    assert_true(left >= 59 && left <= 60);
    int before[GAMEDEF_MAX_TEAMS];
    memcpy(before, g->points, sizeof before);
    int turn = g->turn;
    f.now += 61000;
    ui_tick(f.ui, f.now);
    /* A soft chime, once, and a calm line: no penalty, nothing moves on. */
    assert_int_equal(ui_talk_seconds_left(f.ui), 0);
    assert_int_equal(chimes, 1);
    assert_string_equal(box_text(&f, "card.timer"), i18n_text(f.app.i18n, "card.timer_done"));
    f.now += 60000;
    ui_tick(f.ui, f.now);
    assert_int_equal(chimes, 1);
    assert_memory_equal(g->points, before, sizeof before);
    assert_int_equal(g->turn, turn);
    assert_int_equal(ui_screen(f.ui), UI_CARD);
    /* The next card starts afresh. */
    key(&f, KEY_CHAR, 'p');
    assert_true(play_until_any_card(&f));
    assert_int_equal(ui_talk_seconds_left(f.ui), 120);
    remove(f.app.settings_path);
    fixture_close(&f);
}

/* When the session's time is up the board says so in a sentence of its own, whole, at 4:3 and
 * 16:9 sizes, in both languages and at every text size. */
static void test_time_up_message_is_whole(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 600}, {1024, 768}, {1366, 768}, {1920, 1080}};
    static const char *const langs[] = {"es-MX", "en"};
    static const int texts[] = {100, 150};
    for (int lg = 0; lg < 2; lg++) {
        for (int t = 0; t < 2; t++) {
            Fixture f;
            fixture_open(&f, langs[lg], texts[t], true);
            start_session(&f);
            /* Time runs out while a card is on show; the board then finishes the turn (a
             * claim, a team leaving the pause corner...) under the message. */
            bool reached = false;
            for (int step = 0; step < 200 && !reached; step++) {
                if (ui_screen(f.ui) == UI_CARD && !ui_game(f.ui)->time_up) {
                    f.now += 3 * 3600 * 1000;
                    ui_tick(f.ui, f.now);
                }
                reached = ui_screen(f.ui) == UI_BOARD && ui_game(f.ui)->time_up &&
                          !rules_is_over(ui_game(f.ui));
                if (!reached) {
                    if (ui_screen(f.ui) == UI_SUMMARY) {
                        fixture_close(&f);
                        fixture_open(&f, langs[lg], texts[t], true);
                        start_session(&f);
                    }
                    Input in = ui_suggest_input(f.ui);
                    push_input(&in);
                    pump(&f);
                }
            }
            assert_true(reached);
            for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                f.w = sizes[z][0];
                f.h = sizes[z][1];
                check_layout(&f, f.w, f.h);
                const Layout *l = layout(&f);
                int i = layout_find(l, "board.clock");
                assert_true(i >= 0);
                assert_string_equal(layout_text(l, &l->boxes[i]),
                                    i18n_text(f.app.i18n, "board.time_up"));
                if (l->boxes[i].fit.ellipsized || l->boxes[i].fit.px < l->boxes[i].min_px) {
                    fail_msg("%s at %dx%d, text %d%%: the time-up message is cut or too small",
                             langs[lg], f.w, f.h, texts[t]);
                }
            }
            f.w = 1366;
            f.h = 768;
            fixture_close(&f);
        }
    }
}

static void test_session_without_a_clock(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    key(&f, KEY_ENTER, 0);
    focus_item(&f, "setup.minutes");
    for (int i = 0; i < 30 && ui_settings(f.ui)->minutes != -1; i++) {
        key(&f, KEY_LEFT, 0);
    }
    assert_int_equal(ui_settings(f.ui)->minutes, -1);
    assert_string_equal(focused_value(&f), i18n_text(f.app.i18n, "setup.no_time_limit"));
    choose(&f, "setup.start");
    key(&f, KEY_ENTER, 0);
    const GameState *g = ui_game(f.ui);
    assert_int_equal(g->config.minutes, RULES_NO_CLOCK);
    assert_int_equal(ui_session_minutes(f.ui), 0);
    assert_int_equal(layout_find(layout(&f), "board.clock"), -1);
    f.now += 3 * 3600 * 1000;
    ui_tick(f.ui, f.now);
    assert_false(g->time_up);
    assert_false(rules_is_over(g));
    Settings saved = settings_default();
    assert_true(settings_load(&saved, f.app.settings_path));
    assert_int_equal(saved.minutes, -1);
    remove(f.app.settings_path);
    fixture_close(&f);
}

static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k > 0 && i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return true;
        }
    }
    return false;
}

/* Does any file directly in dir (or in its reports/ folder) hold needle? */
static bool folder_mentions(const char *dir, const char *needle, char *which, size_t size)
{
    static const char *const subs[] = {"", "reports/"};
    for (int s = 0; s < 2; s++) {
        char path[700];
        snprintf(path, sizeof path, "%s%s", dir, subs[s]);
        DIR *d = opendir(path);
        if (d == NULL) {
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char file[1000];
            snprintf(file, sizeof file, "%s%s", path, e->d_name);
            FILE *in = fopen(file, "rb");
            if (in == NULL) {
                continue;
            }
            static char buf[1 << 20];
            size_t n = fread(buf, 1, sizeof buf - 1, in);
            fclose(in);
            buf[n] = '\0';
            if (n > 0 && contains(buf, n, needle)) {
                snprintf(which, size, "%s", file);
                closedir(d);
                return true;
            }
        }
        closedir(d);
    }
    return false;
}

static int files_in(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

static void expect_no_team_names(Fixture *f, const char *where)
{
    for (int t = 0; t < GAMEDEF_MAX_TEAMS; t++) {
        char key_name[32], name[200], which[1000];
        snprintf(key_name, sizeof key_name, "team.colour_%d", t);
        I18nArg arg = {"colour", i18n_text(f->app.i18n, key_name)};
        i18n_format(f->app.i18n, name, sizeof name, "team.name", &arg, 1);
        if (folder_mentions(pref_dir, name, which, sizeof which)) {
            fail_msg("%s: the team name \"%s\" was written to %s", where, name, which);
        }
    }
}

static void test_session_report_and_nothing_identifying(void **state)
{
    (void)state;
    char reports[400], path[400], bak[420];
    snprintf(reports, sizeof reports, "%sreports/", pref_dir);
    mkdir(reports, 0700);
    snprintf(path, sizeof path, "%ssession-anon.save", pref_dir);
    snprintf(bak, sizeof bak, "%s.bak", path);
    fixture_save_path = path;
    fixture_report_dir = reports;
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    start_session(&f);
    for (int i = 0; i < 60; i++) {
        Input in = ui_suggest_input(f.ui);
        push_input(&in);
        pump(&f);
    }
    /* Mid-session: the settings, the save and its backup hold no team name. */
    assert_int_equal(access(path, F_OK), 0);
    expect_no_team_names(&f, "during the session");
    assert_int_equal(files_in(reports), 0);
    key(&f, KEY_CHAR, 'f');
    choose(&f, "tools.end");
    assert_int_equal(ui_screen(f.ui), UI_SUMMARY);
    /* The report, as JSON and Markdown in the user's folder; the summary says where. */
    const char *md = ui_report_path(f.ui);
    assert_true(strncmp(md, reports, strlen(reports)) == 0);
    assert_int_equal(access(md, F_OK), 0);
    char json[4300];
    snprintf(json, sizeof json, "%.*sjson", (int)(strlen(md) - 2), md);
    assert_int_equal(access(json, F_OK), 0);
    const char *name = strrchr(md, '/') + 1;
    assert_non_null(strstr(box_text(&f, "summary.report"), name));
    check_layout(&f, 640, 480);
    check_layout(&f, 1920, 1080);
    SessionReport report;
    PackErrors errors;
    pack_errors_init(&errors);
    assert_true(report_read(json, &report, &errors));
    pack_errors_clear(&errors);
    const GameState *g = ui_game(f.ui);
    assert_int_equal(report.team_count, g->team_count);
    assert_int_equal(report.passes, g->stats.passes);
    assert_int_equal(report.ended, REPORT_END_FACILITATOR);
    assert_int_equal(files_in(reports), 2);
    expect_no_team_names(&f, "after the session");
    /* Undoing the end takes the early report back; the real end writes it again. */
    key(&f, KEY_CHAR, 'f');
    choose(&f, "tools.undo");
    assert_int_equal(files_in(reports), 0);
    choose(&f, "tools.end");
    assert_int_equal(files_in(reports), 2);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_HELP);
    key(&f, KEY_ENTER, 0);
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    fixture_close(&f);
    fixture_save_path = NULL;
    fixture_report_dir = NULL;
    DIR *d = opendir(reports);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char file[1000];
        snprintf(file, sizeof file, "%s%s", reports, e->d_name);
        if (e->d_name[0] != '.') {
            remove(file);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    rmdir(reports);
    remove(path);
    remove(bak);
    remove(f.app.settings_path);
}

#ifndef _WIN32
/* The child: a session played as fast as the keys go, with the autosave after every move; after
 * each key it reports the state's hash down the pipe. It never draws. */
static void kill_child(Fixture *f, const char *save, int fd)
{
    Settings s = f->app.settings;
    s.reduce_motion = true;
    s.teams = 4;
    s.rounds = 30;
    s.minutes = -1;
    s.talk_minutes = 0;
    UiDeps deps = {.render = f->render,
                   .i18n = f->app.i18n,
                   .pack = f->app.pack,
                   .def = f->app.def,
                   .save_path = save,
                   .seed = 5};
    Ui *ui = ui_create(&deps, &s);
    uint64_t now = 1000;
    for (;;) {
        Input in = ui_suggest_input(ui);
        now += 100;
        ui_handle(ui, &in, now);
        ui_tick(ui, now);
        const GameState *g = ui_game(ui);
        uint64_t h = g != NULL ? rules_state_hash(g) : 0;
        if (write(fd, &h, sizeof h) != (ssize_t)sizeof h) {
            _exit(1);
        }
        if (g != NULL && rules_is_over(g)) {
            _exit(0);
        }
    }
}

static void test_power_cut_resumes_at_the_same_turn(void **state)
{
    (void)state;
    char save[400], bak[420];
    snprintf(save, sizeof save, "%ssession-kill.save", pref_dir);
    snprintf(bak, sizeof bak, "%s.bak", save);
    Fixture f;
    fixture_open(&f, "es-MX", 100, true);
    const GameDef *def = f.app.def;
    unsigned seed = (unsigned)getpid();
    srand(seed);
    int killed = 0, ahead = 0;
    /* Most of the child's time goes to the autosave (its writes and fsyncs), so most kills
     * land in the middle of one. tests/save kills the save writer itself hundreds of times. */
    for (int round = 0; round < 12; round++) {
        remove(save);
        remove(bak);
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            kill_child(&f, save, p[1]);
            _exit(0);
        }
        close(p[1]);
        int stop = 3 + rand() % 100, got = 0;
        uint64_t h, last = 0;
        while (got < stop && read(p[0], &h, sizeof h) == (ssize_t)sizeof h) {
            last = h;
            got++;
        }
        kill(pid, SIGKILL); /* the battery dies */
        while (read(p[0], &h, sizeof h) == (ssize_t)sizeof h) {
            last = h; /* what it managed to say before */
            got++;
        }
        int status;
        waitpid(pid, &status, 0);
        close(p[0]);
        SaveFile file;
        char err[300];
        if (save_read(save, &file, err, sizeof err) != SAVE_OK &&
            save_read(bak, &file, err, sizeof err) != SAVE_OK) {
            /* Killed before the first move, or the game was over: nothing to resume. */
            assert_true(got <= 4 || !WIFSIGNALED(status));
            continue;
        }
        killed++;
        Replay replay;
        GameState *st = malloc(sizeof *st);
        char note[300];
        assert_non_null(st);
        if (save_restore(&file, def, &replay, st, note, sizeof note) != SAVE_OK) {
            fail_msg("round %d (seed %u): the save does not restore: %s", round, seed, note);
        }
        save_file_free(&file);
        uint64_t saved = rules_state_hash(st);
        if (saved != last) {
            /* Killed between the save and the report: the save is one move ahead. */
            assert_int_equal(replay_run(&replay, def, replay.count - 1, st, NULL), STATUS_OK);
            if (rules_state_hash(st) != last) {
                fail_msg("round %d (seed %u): the save is neither the last state nor the one after",
                         round, seed);
            }
            ahead++;
        }
        replay_free(&replay);
        free(st);
        /* Start again: Resume is there, and the game is the saved one, at the same turn. */
        fixture_save_path = save;
        ui_destroy(f.ui);
        UiDeps deps = {.render = f.render,
                       .i18n = f.app.i18n,
                       .pack = f.app.pack,
                       .def = f.app.def,
                       .save_path = save,
                       .seed = 9};
        Settings s = f.app.settings;
        s.reduce_motion = true;
        f.ui = ui_create(&deps, &s);
        layout(&f);
        assert_string_equal(focused_label(&f), i18n_text(f.app.i18n, "title.resume"));
        key(&f, KEY_ENTER, 0);
        assert_non_null(ui_game(f.ui));
        assert_true(rules_state_hash(ui_game(f.ui)) == saved);
        fixture_save_path = NULL;
    }
    printf("power cuts: %d resumed (%d a move ahead of the last report), seed %u\n", killed, ahead,
           seed);
    assert_true(killed >= 9);
    fixture_close(&f);
    remove(save);
    remove(bak);
}
#endif

/* A test that failed half-way leaves none of its hooks to the next. */
static int reset_hooks(void **state)
{
    (void)state;
    fixture_save_path = NULL;
    fixture_report_dir = NULL;
    fixture_pack_path = NULL;
    fixture_settings = NULL;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(pref_dir, sizeof pref_dir, "/tmp/rutas-test-ui-%ld/", (long)getpid());
    setenv("RUTAS_PREF_DIR", pref_dir, 1);
    char err[256];
    if (!platform_init(err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    platform_quit();
    char path[400];
    snprintf(path, sizeof path, "%ssettings.txt", pref_dir);
    remove(path);
    rmdir(pref_dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyboard_session_spanish),
        cmocka_unit_test(test_mouse_and_touch_session_english),
        cmocka_unit_test(test_layouts_at_three_sizes_and_150_percent),
        cmocka_unit_test(test_menus_and_overlays_fit),
        cmocka_unit_test(test_pause_help_keys_from_every_screen),
        cmocka_unit_test(test_card_keys),
        cmocka_unit_test(test_scoreboard_readable_with_many_teams),
        cmocka_unit_test(test_every_card_answer_and_note_fit),
        cmocka_unit_test(test_help_lines_whole_and_announced),
        cmocka_unit_test(test_time_up_message_is_whole),
        cmocka_unit_test(test_intensity_three_waits_for_the_facilitator),
        cmocka_unit_test(test_resting_pointer_keeps_keyboard_focus),
        cmocka_unit_test(test_setup_topics),
        cmocka_unit_test(test_autosave_and_resume),
        cmocka_unit_test(test_packs_screen_switches_pack),
        cmocka_unit_test(test_roll_animates_then_sleeps),
        cmocka_unit_test(test_pixels_board_tokens_and_pause),
        cmocka_unit_test(test_text_fit),
        cmocka_unit_test(test_settings_file),
        cmocka_unit_test(test_settings_screen_changes_and_saves),
        cmocka_unit_test_setup(test_ground_rules_from_pause_with_the_packs_own, reset_hooks),
        cmocka_unit_test_setup(test_setup_filters_and_card_review, reset_hooks),
        cmocka_unit_test_setup(test_topic_without_cards_is_an_open_talk, reset_hooks),
        cmocka_unit_test_setup(test_pass_and_skip_keep_every_teams_points, reset_hooks),
        cmocka_unit_test_setup(test_pause_and_help_on_the_facilitator_screens, reset_hooks),
        cmocka_unit_test_setup(test_breathing_guide, reset_hooks),
        cmocka_unit_test_setup(test_help_warns_the_facilitator, reset_hooks),
        cmocka_unit_test_setup(test_facilitator_guide_in_the_game, reset_hooks),
        cmocka_unit_test_setup(test_guide_markdown, reset_hooks),
        cmocka_unit_test_setup(test_undo_restores_the_state, reset_hooks),
        cmocka_unit_test_setup(test_discussion_timer, reset_hooks),
        cmocka_unit_test_setup(test_session_without_a_clock, reset_hooks),
        cmocka_unit_test_setup(test_session_report_and_nothing_identifying, reset_hooks),
#ifndef _WIN32
        cmocka_unit_test_setup(test_power_cut_resumes_at_the_same_turn, reset_hooks),
#endif
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
