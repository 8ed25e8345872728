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
#include "settings.h"
#include "ui.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Fixture {
    App app;
    Window win;
    Render *render; /* draws into the dummy window */
    Ui *ui;
    uint64_t now;
    int w, h;
} Fixture;

static char pref_dir[256];

static const char *fixture_save_path;         /* set by the autosave tests only */
static const char *fixture_report_dir;        /* set by the report tests only */
static const char *fixture_pack_path;         /* another pack than the default one */
static void (*fixture_settings)(Settings *s); /* changes the settings before the ui starts */
static int chimes;                            /* UI_CUE_CHIME heard */

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
        fixture_settings(&s);
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
