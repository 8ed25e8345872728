/*
 * test_monkey.c: a classroom of students pressing everything at once. Random input goes through
 * the game's real path: SDL's event queue, platform_translate_event(), ui_handle() and the
 * game loop's answers to what the ui asks for (a redraw, fullscreen, a volume, another pack,
 * quit), with the real audio module behind the sound cues and the software renderer drawing
 * into a dummy window. After EVERY event the game state must obey the rules' invariants and the
 * layout of the screen shown must keep its promises at the window's size (layout_check: every
 * box inside the window and its parent, every text inside its box, no two texts overlapping).
 *
 * Events: every key the game knows and random key codes with random modifiers, text input,
 * clicks and taps at random points and on random buttons, pointer motion, the wheel, finger
 * coordinates out of range, window resizes from 1x1 to 7680x4320, minimize and restore, focus
 * loss and gain, render target resets, time passing (up to a session clock running out) and
 * quit requests. A quit is answered as the game answers it: the loop ends; the test then
 * checks that nothing was lost (the autosave restores the very state on screen) and opens
 * the game again, which offers to resume.
 *
 * RUTAS_MONKEY_EVENTS sets the number of events (default 4000, the ctest run), spread over
 * RUTAS_MONKEY_SEEDS seeds (default 8) starting at RUTAS_MONKEY_SEED (default 1). A failure
 * prints the seed and event number; rerun with that seed alone to reproduce it.
 * RUTAS_MONKEY_SIZES=N also checks each screen at N random window sizes after every event.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "audio.h"
#include "game.h"
#include "layout.h"
#include "platform.h"
#include "render.h"
#include "rules.h"
#include "save.h"
#include "settings.h"
#include "ui.h"

#include <SDL.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Random numbers ------------------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t next_u64(void)
{
    /* splitmix64: the monkey's own stream, independent of the game's */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* 0 .. n-1 */
static int below(int n)
{
    return n <= 1 ? 0 : (int)(next_u64() % (uint64_t)n);
}

static bool chance(int percent)
{
    return below(100) < percent;
}

/* ---- The game, as cmd_play.c composes it ---------------------------------------------------- */

typedef struct Game {
    AppOptions options;
    char pack_path[1024];
    App app;
    Window win;
    Render *render;
    Audio *audio;
    Ui *ui;
    UiDeps deps;
    bool sounds_loaded;
    uint64_t now;
} Game;

static void play_sound(void *user, const Event *event)
{
    Audio *audio = user;
    if (event == NULL) {
        audio_play(audio, AUDIO_CUE_REVEAL);
    } else {
        audio_play_event(audio, event);
    }
}

static void window_size(const Game *g, int *w, int *h)
{
    platform_window_size(&g->win, w, h);
}

static void make_ui(Game *g, uint64_t seed)
{
    g->deps = (UiDeps){
        .render = g->render,
        .i18n = g->app.i18n,
        .pack = g->app.pack,
        .def = g->app.def,
        .settings_path = g->app.has_pref ? g->app.settings_path : NULL,
        .save_path = g->app.has_pref ? g->app.save_path : NULL,
        .seed = seed,
        .sound = play_sound,
        .sound_user = g->audio,
        .pack_dirs = (const char *const *)g->app.pack_list,
        .pack_dir_count = g->app.pack_count,
        .pack_search = &g->app.search,
    };
    g->ui = ui_create(&g->deps, &g->app.settings);
    assert_non_null(g->ui);
}

static void game_open(Game *g, const AppOptions *options, int w, int h, uint64_t seed)
{
    memset(g, 0, sizeof *g);
    g->options = *options;
    char err[1024];
    if (!app_load(&g->app, &g->options, true, err, sizeof err)) {
        fail_msg("app_load: %s", err);
    }
    if (!platform_window_create(&g->win, "Rutas monkey", w, h, g->app.settings.fullscreen, err,
                                sizeof err)) {
        fail_msg("window: %s", err);
    }
    /* Window managers do not all honour the minimum size (and a minimized window on some
     * systems reports 0x0): the game must survive any size. */
    SDL_SetWindowMinimumSize(g->win.window, 1, 1);
    g->render = render_create(g->win.renderer, g->app.data_dir, err, sizeof err);
    if (g->render == NULL) {
        fail_msg("render: %s", err);
    }
    char sounds[4300];
    snprintf(sounds, sizeof sounds, "%s/assets/sounds", g->app.data_dir);
    AudioSettings volumes = {g->app.settings.sound_percent, g->app.settings.music_percent};
    g->audio = audio_open(sounds, &volumes, NULL, 0);
    make_ui(g, seed);
    g->now = 1000;
}

static void game_close(Game *g)
{
    ui_destroy(g->ui);
    audio_close(g->audio);
    render_destroy(g->render);
    platform_window_destroy(&g->win);
    app_free(&g->app);
    memset(g, 0, sizeof *g);
    /* Events left for a window that is gone must not reach the next one. */
    SDL_PumpEvents();
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
}

/* What cmd_play.c does with UI_RELOAD: load the chosen pack with its strings, or fall back to
 * the options' pack when it does not load. */
static void game_reload(Game *g, uint64_t seed)
{
    char chosen[1024], err[1024];
    snprintf(chosen, sizeof chosen, "%s", ui_chosen_pack(g->ui));
    ui_destroy(g->ui);
    g->ui = NULL;
    app_free(&g->app);
    AppOptions again = g->options;
    again.pack_path = chosen;
    if (!app_load(&g->app, &again, true, err, sizeof err)) {
        app_free(&g->app);
        if (!app_load(&g->app, &g->options, true, err, sizeof err)) {
            fail_msg("reload: %s", err);
        }
    }
    make_ui(g, seed);
}

/* ---- Checks -----------------------------------------------------------------------------------
 */

typedef struct Where {
    uint64_t seed;
    long event;
    const char *what;
} Where;

static Where where;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            char msg_[600];                                                                        \
            snprintf(msg_, sizeof msg_, __VA_ARGS__);                                              \
            fail_msg("seed %llu, event %ld (%s): %s", (unsigned long long)where.seed, where.event, \
                     where.what, msg_);                                                            \
        }                                                                                          \
    } while (0)

static void check_game(const Game *g)
{
    UiScreen s = ui_screen(g->ui);
    CHECK((int)s >= 0 && s < UI_SCREEN_COUNT, "screen %d out of range", (int)s);
    CHECK(ui_wait_ms(g->ui, g->now) >= -1, "negative wait");
    const GameState *st = ui_game(g->ui);
    if (st == NULL) {
        return;
    }
    const GameDef *def = st->def;
    CHECK(def == g->app.def, "the game plays another definition than the app's");
    CHECK(st->team_count >= GAMEDEF_MIN_TEAMS && st->team_count <= GAMEDEF_MAX_TEAMS,
          "team_count %d", st->team_count);
    CHECK(st->current >= 0 && st->current < st->team_count, "current team %d of %d", st->current,
          st->team_count);
    CHECK(st->round >= 1, "round %d", st->round);
    CHECK(st->turn >= 0, "turn %d", st->turn);
    CHECK((int)st->phase >= PHASE_ROLL && st->phase <= PHASE_OVER, "phase %d", (int)st->phase);
    for (int t = 0; t < st->team_count; t++) {
        CHECK(st->position[t] >= 0 && st->position[t] < def->space_count,
              "team %d on space %d of %d", t, st->position[t], def->space_count);
        CHECK(st->points[t] >= 0, "team %d has %d points", t, st->points[t]);
    }
    for (int s2 = 0; s2 < def->space_count; s2++) {
        CHECK(st->owner[s2] >= -1 && st->owner[s2] < st->team_count, "space %d owned by %d", s2,
              st->owner[s2]);
    }
    for (int i = 0; i < 3; i++) {
        CHECK(st->tally[i] >= 0, "tally %d is %d", i, st->tally[i]);
    }
    if (st->phase == PHASE_CARD) {
        CHECK(st->card >= 0 && st->card < def->card_count, "card %d of %d in PHASE_CARD", st->card,
              def->card_count);
        CHECK(st->card_deck >= 0 && st->card_deck < def->deck_count, "card deck %d", st->card_deck);
        CHECK(def->cards[st->card].deck == st->card_deck, "card %d is not of deck %d", st->card,
              st->card_deck);
    }
    for (int d = 0; d < def->deck_count; d++) {
        const DeckState *ds = &st->decks[d];
        CHECK(ds->next >= 0 && ds->next <= ds->count, "deck %d drew %d of %d", d, ds->next,
              ds->count);
    }
    if (st->phase == PHASE_OVER) {
        CHECK(rules_is_over(st), "PHASE_OVER but not over");
    }
}

static long layouts_checked;
static void check_layout_at(Game *g, int w, int h)
{
    const Layout *l = ui_layout(g->ui, w, h, g->now);
    CHECK(l != NULL, "no layout");
    CHECK(l->w == w && l->h == h, "layout for %dx%d, window %dx%d", l->w, l->h, w, h);
    char err[512];
    if (!layout_check(l, err, sizeof err)) {
        CHECK(false, "%s at %dx%d: %s", ui_screen_name(ui_screen(g->ui)), w, h, err);
    }
    int focused = 0;
    for (int i = 0; i < l->count; i++) {
        focused += (l->boxes[i].flags & BOX_FOCUS) != 0;
        const Box *b = &l->boxes[i];
        CHECK(b->rect.w >= 0 && b->rect.h >= 0, "box %d %s has size %dx%d", i,
              b->name ? b->name : "?", b->rect.w, b->rect.h);
        CHECK(b->kind != BOX_TEXT || strstr(layout_text(l, b), "{{") == NULL,
              "%s at %dx%d: %s \"%s\" has a placeholder left", ui_screen_name(ui_screen(g->ui)), w,
              h, b->name ? b->name : "?", layout_text(l, b));
    }
    CHECK(focused <= 1, "%d boxes have the keyboard focus on %s", focused,
          ui_screen_name(ui_screen(g->ui)));
    layouts_checked++;
}

/* ---- Events ------------------------------------------------------------------------------------
 */

/* Every key the game knows (platform.c's key_from_sym) and then some. */
static const SDL_Keycode known_keys[] = {
    SDLK_RETURN,    SDLK_KP_ENTER, SDLK_ESCAPE, SDLK_AC_BACK,  SDLK_SPACE,    SDLK_TAB,
    SDLK_BACKSPACE, SDLK_UP,       SDLK_DOWN,   SDLK_LEFT,     SDLK_RIGHT,    SDLK_PAGEUP,
    SDLK_PAGEDOWN,  SDLK_HOME,     SDLK_END,    SDLK_F1,       SDLK_F2,       SDLK_F11,
    SDLK_PLUS,      SDLK_KP_PLUS,  SDLK_EQUALS, SDLK_MINUS,    SDLK_KP_MINUS, SDLK_a,
    SDLK_b,         SDLK_d,        SDLK_h,      SDLK_n,        SDLK_p,        SDLK_r,
    SDLK_s,         SDLK_u,        SDLK_y,      SDLK_1,        SDLK_2,        SDLK_3,
    SDLK_4,         SDLK_9,        SDLK_0,      SDLK_KP_1,     SDLK_KP_0,     SDLK_KP_9,
    SDLK_f,         SDLK_g,        SDLK_t,      SDLK_q,        SDLK_z,        SDLK_SLASH,
    SDLK_DELETE,    SDLK_INSERT,   SDLK_F5,     SDLK_F12,      SDLK_LCTRL,    SDLK_LSHIFT,
    SDLK_LALT,      SDLK_LGUI,     SDLK_MENU,   SDLK_CAPSLOCK,
};
#define KNOWN_KEYS ((int)(sizeof known_keys / sizeof known_keys[0]))

/* The keys that move a session on most often, so random play reaches cards and summaries. */
static const SDL_Keycode busy_keys[] = {SDLK_RETURN, SDLK_SPACE, SDLK_PAGEDOWN, SDLK_RIGHT,
                                        SDLK_r,      SDLK_a,     SDLK_p,        SDLK_y};
#define BUSY_KEYS ((int)(sizeof busy_keys / sizeof busy_keys[0]))

static SDL_Keycode random_keycode(void)
{
    int pick = below(100);
    if (pick < 45) {
        return busy_keys[below(BUSY_KEYS)];
    }
    if (pick < 85) {
        return known_keys[below(KNOWN_KEYS)];
    }
    if (pick < 95) {
        return SDL_SCANCODE_TO_KEYCODE(below(SDL_NUM_SCANCODES));
    }
    return (SDL_Keycode)(uint32_t)next_u64(); /* anything at all */
}

static Uint16 random_mod(void)
{
    static const Uint16 mods[] = {KMOD_NONE,   KMOD_NONE, KMOD_NONE, KMOD_LSHIFT,
                                  KMOD_RSHIFT, KMOD_CTRL, KMOD_ALT,  KMOD_CAPS};
    return chance(5) ? (Uint16)next_u64() : mods[below((int)(sizeof mods / sizeof mods[0]))];
}

static float random_unit(void)
{
    int pick = below(100);
    if (pick < 80) {
        return (float)below(100001) / 100000.0f;
    }
    if (pick < 95) {
        return (float)below(300001) / 100000.0f - 1.0f; /* a little off the screen */
    }
    static const float odd[] = {1e12f, -1e12f, 3.4e38f, -3.4e38f, 1.0f, 0.0f, -0.0f};
    if (chance(50)) {
        return odd[below((int)(sizeof odd / sizeof odd[0]))];
    }
    return chance(50) ? NAN : INFINITY;
}

static void push(SDL_Event *e)
{
    e->common.timestamp = SDL_GetTicks();
    CHECK(SDL_PushEvent(e) == 1, "SDL_PushEvent: %s", SDL_GetError());
}

/* A point in window coordinates, as SDL reports the pointer: mostly on something clickable
 * (the layout is in the renderer's logical pixels, which differ from the window's when a small
 * window is scaled), else anywhere, a little off the window too. */
static void random_point(Game *g, int *x, int *y)
{
    int w, h, ww, wh;
    window_size(g, &w, &h);
    SDL_GetWindowSize(g->win.window, &ww, &wh);
    const Layout *l = ui_layout(g->ui, w, h, g->now);
    if (chance(65) && l->count > 0) {
        int actionable[512], n = 0;
        for (int i = 0; i < l->count && n < 512; i++) {
            if (l->boxes[i].action >= 0 && l->boxes[i].rect.w > 0 && l->boxes[i].rect.h > 0) {
                actionable[n++] = i;
            }
        }
        if (n > 0) {
            const Rect *r = &l->boxes[actionable[below(n)]].rect;
            int fx, fy;
            SDL_RenderLogicalToWindow(g->win.renderer, (float)(r->x + below(r->w)),
                                      (float)(r->y + below(r->h)), &fx, &fy);
            *x = fx;
            *y = fy;
            return;
        }
    }
    *x = below(ww + 40) - 20;
    *y = below(wh + 40) - 20;
}

typedef enum Kind {
    EV_KEY,
    EV_TEXT,
    EV_CLICK,
    EV_MOTION,
    EV_FINGER,
    EV_WHEEL,
    EV_RESIZE,
    EV_WINDOW,
    EV_RESET,
    EV_FULLSCREEN,
    EV_QUIT,
    EV_JUNK,
    EV_KIND_COUNT
} Kind;

static const char *const kind_names[EV_KIND_COUNT] = {"key",    "text",       "click",  "motion",
                                                      "finger", "wheel",      "resize", "window",
                                                      "reset",  "fullscreen", "quit",   "junk"};

static long kind_counts[EV_KIND_COUNT];

static Kind random_kind(void)
{
    int pick = below(1000);
    static const int weights[EV_KIND_COUNT] = {
        /* key */ 470,   /* text */ 25,      /* click */ 200,
        /* motion */ 80, /* finger */ 60,
        /* wheel */ 30,  /* resize */ 25,    /* window */ 40,
        /* reset */ 8,   /* fullscreen */ 6,
        /* quit */ 6,    /* junk */ 50};
    for (int k = 0; k < EV_KIND_COUNT; k++) {
        if (pick < weights[k]) {
            return (Kind)k;
        }
        pick -= weights[k];
    }
    return EV_KEY;
}

static void random_size(int *w, int *h)
{
    static const int sizes[][2] = {{1, 1},       {1, 600},     {800, 1},     {2, 2},
                                   {5, 3},       {40, 30},     {120, 90},    {320, 240},
                                   {639, 479},   {640, 480},   {800, 600},   {768, 1024},
                                   {1366, 768},  {1920, 1080}, {2560, 1080}, {1080, 1920},
                                   {3840, 2160}, {7680, 4320}, {4000, 200},  {200, 3000}};
    if (chance(60)) {
        int i = below((int)(sizeof sizes / sizeof sizes[0]));
        *w = sizes[i][0];
        *h = sizes[i][1];
    } else {
        *w = 1 + below(2600);
        *h = 1 + below(1600);
    }
}

/* Sends one random event through SDL's queue (or changes the window, which makes SDL queue
 * its own events). Returns its kind. */
static Kind make_event(Game *g)
{
    int w, h;
    window_size(g, &w, &h);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    Kind k = random_kind();
    switch (k) {
    case EV_KEY:
        e.type = chance(85) ? SDL_KEYDOWN : SDL_KEYUP;
        e.key.state = e.type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.repeat = chance(10);
        e.key.keysym.sym = random_keycode();
        e.key.keysym.scancode = SDL_GetScancodeFromKey(e.key.keysym.sym);
        e.key.keysym.mod = random_mod();
        e.key.windowID = SDL_GetWindowID(g->win.window);
        push(&e);
        break;
    case EV_TEXT: {
        static const char *const texts[] = {"?",        "\xC2\xBF", "a",    " ", "\xE2\x80\x8B",
                                            "\xFF\xFE", "??",       "\xC3", ""};
        e.type = chance(90) ? SDL_TEXTINPUT : SDL_TEXTEDITING;
        const char *t = texts[below((int)(sizeof texts / sizeof texts[0]))];
        if (e.type == SDL_TEXTINPUT) {
            snprintf(e.text.text, sizeof e.text.text, "%s", t);
        } else {
            snprintf(e.edit.text, sizeof e.edit.text, "%s", t);
        }
        push(&e);
        break;
    }
    case EV_CLICK: {
        int x, y;
        random_point(g, &x, &y);
        e.type = chance(80) ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.button = chance(85) ? SDL_BUTTON_LEFT : (Uint8)(1 + below(5));
        e.button.state = e.type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = (Uint8)(1 + below(3));
        e.button.which = chance(10) ? SDL_TOUCH_MOUSEID : 0;
        e.button.x = x;
        e.button.y = y;
        e.button.windowID = SDL_GetWindowID(g->win.window);
        push(&e);
        break;
    }
    case EV_MOTION: {
        int x, y;
        random_point(g, &x, &y);
        e.type = SDL_MOUSEMOTION;
        e.motion.windowID = SDL_GetWindowID(g->win.window);
        e.motion.x = x;
        e.motion.y = y;
        e.motion.xrel = below(41) - 20;
        e.motion.yrel = below(41) - 20;
        e.motion.which = chance(10) ? SDL_TOUCH_MOUSEID : 0;
        push(&e);
        break;
    }
    case EV_FINGER: {
        static const Uint32 types[] = {SDL_FINGERDOWN, SDL_FINGERDOWN, SDL_FINGERUP,
                                       SDL_FINGERMOTION};
        e.type = types[below(4)];
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = below(10);
        int ww, wh;
        SDL_GetWindowSize(g->win.window, &ww, &wh);
        e.tfinger.windowID = SDL_GetWindowID(g->win.window);
        if (chance(60) && ww > 1 && wh > 1) {
            int x, y;
            random_point(g, &x, &y);
            e.tfinger.x = (float)x / (float)(ww - 1);
            e.tfinger.y = (float)y / (float)(wh - 1);
        } else {
            e.tfinger.x = random_unit();
            e.tfinger.y = random_unit();
        }
        e.tfinger.pressure = 1.0f;
        push(&e);
        break;
    }
    case EV_WHEEL: {
        static const Sint32 ys[] = {1, -1, 3, -3, 0, INT_MAX, INT_MIN, 120, -120};
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = ys[below((int)(sizeof ys / sizeof ys[0]))];
        e.wheel.x = below(3) - 1;
        e.wheel.direction = chance(10) ? SDL_MOUSEWHEEL_FLIPPED : SDL_MOUSEWHEEL_NORMAL;
        push(&e);
        break;
    }
    case EV_RESIZE: {
        int nw, nh;
        random_size(&nw, &nh);
        /* A real resize: SDL changes the window and queues SIZE_CHANGED itself. */
        SDL_SetWindowSize(g->win.window, nw, nh);
        break;
    }
    case EV_WINDOW: {
        static const Uint8 events[] = {
            SDL_WINDOWEVENT_FOCUS_LOST, SDL_WINDOWEVENT_FOCUS_GAINED, SDL_WINDOWEVENT_MINIMIZED,
            SDL_WINDOWEVENT_RESTORED,   SDL_WINDOWEVENT_MAXIMIZED,    SDL_WINDOWEVENT_HIDDEN,
            SDL_WINDOWEVENT_SHOWN,      SDL_WINDOWEVENT_EXPOSED,      SDL_WINDOWEVENT_ENTER,
            SDL_WINDOWEVENT_LEAVE,      SDL_WINDOWEVENT_SIZE_CHANGED, SDL_WINDOWEVENT_RESIZED,
            SDL_WINDOWEVENT_MOVED,      SDL_WINDOWEVENT_TAKE_FOCUS,   SDL_WINDOWEVENT_CLOSE};
        Uint8 which = events[below((int)(sizeof events / sizeof events[0]))];
        if (which == SDL_WINDOWEVENT_MINIMIZED && chance(50)) {
            SDL_MinimizeWindow(g->win.window);
        } else if (which == SDL_WINDOWEVENT_RESTORED && chance(50)) {
            SDL_RestoreWindow(g->win.window);
        } else if (which == SDL_WINDOWEVENT_HIDDEN && chance(50)) {
            SDL_HideWindow(g->win.window);
        } else if (which == SDL_WINDOWEVENT_SHOWN && chance(50)) {
            SDL_ShowWindow(g->win.window);
        }
        e.type = SDL_WINDOWEVENT;
        e.window.windowID = SDL_GetWindowID(g->win.window);
        e.window.event = which;
        /* Event data need not match the window (a stale event from a drag). */
        e.window.data1 = below(4000) - 100;
        e.window.data2 = below(3000) - 100;
        push(&e);
        break;
    }
    case EV_RESET:
        e.type = chance(70) ? SDL_RENDER_TARGETS_RESET : SDL_RENDER_DEVICE_RESET;
        push(&e);
        break;
    case EV_FULLSCREEN:
        /* F11, the way the facilitator switches; the loop answers UI_FULLSCREEN. */
        e.type = SDL_KEYDOWN;
        e.key.state = SDL_PRESSED;
        e.key.keysym.sym = SDLK_F11;
        push(&e);
        break;
    case EV_QUIT:
        e.type = SDL_QUIT;
        push(&e);
        break;
    case EV_JUNK: {
        static const Uint32 junk[] = {SDL_USEREVENT,
                                      SDL_DROPFILE,
                                      SDL_DROPBEGIN,
                                      SDL_DROPCOMPLETE,
                                      SDL_CLIPBOARDUPDATE,
                                      SDL_KEYMAPCHANGED,
                                      SDL_JOYAXISMOTION,
                                      SDL_CONTROLLERBUTTONDOWN,
                                      SDL_DOLLARGESTURE,
                                      SDL_MULTIGESTURE,
                                      SDL_DISPLAYEVENT,
                                      SDL_APP_WILLENTERBACKGROUND,
                                      SDL_APP_DIDENTERFOREGROUND,
                                      SDL_APP_LOWMEMORY,
                                      SDL_LOCALECHANGED,
                                      SDL_SENSORUPDATE};
        e.type = junk[below((int)(sizeof junk / sizeof junk[0]))];
        if (e.type == SDL_DROPFILE) {
            /* SDL allocates the name and the game must free it (LeakSanitizer checks). */
            e.drop.file = chance(50) ? SDL_strdup("/home/facilitador/paquete") : NULL;
        }
        push(&e);
        break;
    }
    case EV_KIND_COUNT:
        break;
    }
    kind_counts[k]++;
    return k;
}

/* ---- The loop ----------------------------------------------------------------------------------
 */

typedef struct Totals {
    long events;
    long quits;
    long reloads;
    long frames;
    long resumes_checked;
    long screens[UI_SCREEN_COUNT];
    long games_over;
    long sizes_scaled; /* events seen with a window scaled to fit (too small, too tall) */
} Totals;

static Totals totals;

/* A quit: the game keeps nothing it has not written. When a session is in progress, its
 * autosave restores the very state the game shows. */
static void check_nothing_lost(Game *g)
{
    const GameState *st = ui_game(g->ui);
    if (st == NULL || rules_is_over(st) || g->deps.save_path == NULL) {
        return;
    }
    bool untouched = st->turn == 0 && st->phase == PHASE_ROLL && rules_total_points(st) == 0 &&
                     st->stats.cards_drawn == 0;
    SaveFile file;
    char err[400];
    SaveStatus s = save_read(g->deps.save_path, &file, err, sizeof err);
    if (s != SAVE_OK) {
        CHECK(untouched, "a session in progress (turn %d) has no save: %s", st->turn, err);
        return;
    }
    Replay replay;
    GameState *back = malloc(sizeof *back);
    assert_non_null(back);
    char note[400] = "";
    s = save_restore(&file, st->def, &replay, back, note, sizeof note);
    save_file_free(&file);
    if (s == SAVE_OK) {
        bool same = rules_state_hash(back) == rules_state_hash(st);
        replay_free(&replay);
        CHECK(same || untouched, "the autosave does not restore the session shown (turn %d)",
              st->turn);
        totals.resumes_checked += same;
    } else {
        CHECK(untouched, "the autosave does not restore: %s", note);
    }
    free(back);
}

/* Drains SDL's queue the way cmd_play.c's loop does. Returns false on quit. */
static bool drain(Game *g, uint64_t seed)
{
    SDL_Event ev;
    bool running = true;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_RENDER_TARGETS_RESET || ev.type == SDL_RENDER_DEVICE_RESET) {
            render_invalidate(g->render);
        }
        if ((ev.type == SDL_DROPFILE || ev.type == SDL_DROPTEXT) && ev.drop.file != NULL) {
            SDL_free(ev.drop.file);
        }
        int w, h;
        window_size(g, &w, &h);
        Input in = platform_translate_event(&ev, w, h);
        if (in.kind == INPUT_POINTER || in.kind == INPUT_MOTION) {
            /* Whatever SDL hands over, the game sees a point it can compare. */
            CHECK(in.x > INT_MIN / 2 && in.x < INT_MAX / 2 && in.y > INT_MIN / 2 &&
                      in.y < INT_MAX / 2,
                  "pointer at %d,%d", in.x, in.y);
        }
        unsigned flags = in.kind == INPUT_NONE ? 0 : ui_handle(g->ui, &in, g->now);
        check_game(g);
        if (flags & UI_QUIT) {
            running = false;
        }
        if (flags & UI_FULLSCREEN) {
            platform_window_set_fullscreen(&g->win, ui_settings(g->ui)->fullscreen);
        }
        if (flags & UI_VOLUME) {
            audio_set_volume(g->audio, ui_settings(g->ui)->sound_percent,
                             ui_settings(g->ui)->music_percent);
        }
        if (flags & UI_RELOAD) {
            game_reload(g, seed + 1000);
            totals.reloads++;
        }
        if (!running) {
            break;
        }
    }
    return running;
}

static void advance_time(Game *g)
{
    int pick = below(1000);
    uint64_t dt;
    if (pick < 700) {
        dt = (uint64_t)below(120);
    } else if (pick < 960) {
        dt = 120 + (uint64_t)below(2000);
    } else if (pick < 995) {
        dt = 60000u * (uint64_t)(1 + below(5)); /* minutes of talk */
    } else {
        dt = 60000u * 200u; /* past any session clock */
    }
    g->now += dt;
    ui_tick(g->ui, g->now);
}

static AppOptions random_options(void)
{
    AppOptions o = APP_OPTIONS_INIT;
    static const char *const langs[] = {"es-MX", "en", "es", "fr", "es-MX"};
    o.lang = langs[below(5)];
    o.region = chance(80) ? "MX" : "ZZ";
    o.fullscreen = chance(10) ? 1 : 0;
    return o;
}

static void write_settings(const char *pref)
{
    Settings s = settings_default();
    s.text_percent = 100 + 25 * below(3);
    s.high_contrast = chance(30);
    s.reduce_motion = chance(30);
    s.teams = GAMEDEF_MIN_TEAMS + below(GAMEDEF_MAX_TEAMS - GAMEDEF_MIN_TEAMS + 1);
    s.rounds = chance(50) ? 1 + below(3) : 0;
    s.max_intensity = 1 + below(3);
    s.sound_percent = below(101);
    char path[420];
    snprintf(path, sizeof path, "%ssettings.txt", pref);
    assert_true(settings_save(&s, path));
}

static char pref_root[256];
static long extra_sizes;         /* RUTAS_MONKEY_SIZES: more sizes checked after each event */
static uint64_t sizes_state = 7; /* their own stream, so the events stay the same */

/* One seed: a fresh user folder, a random start, then events until the budget is spent. */
static void run_seed(uint64_t seed, long budget)
{
    rng_state = seed * 0x2545F4914F6CDD1Du + 1;
    where.seed = seed;
    where.event = 0;
    where.what = "start";
    char pref[400];
    snprintf(pref, sizeof pref, "%sseed-%llu/", pref_root, (unsigned long long)seed);
    mkdir(pref, 0700);
    setenv("RUTAS_PREF_DIR", pref, 1);
    /* A second pack and a broken one in the user's packs, for the Packs screen. */
    char packs[450], link_to[4200], link_at[500];
    snprintf(packs, sizeof packs, "%spacks", pref);
    mkdir(packs, 0700);
    const char *src = getenv("RUTAS_SOURCE_DIR");
    assert_non_null(src);
    snprintf(link_to, sizeof link_to, "%s/tests/fixtures/packs/good/mini", src);
    snprintf(link_at, sizeof link_at, "%s/mini", packs);
    if (symlink(link_to, link_at) != 0) {
        assert_int_equal(errno, EEXIST);
    }
    snprintf(link_to, sizeof link_to, "%s/tests/fixtures/packs/bad/locale-missing-prompt", src);
    snprintf(link_at, sizeof link_at, "%s/broken", packs);
    if (symlink(link_to, link_at) != 0) {
        assert_int_equal(errno, EEXIST);
    }
    write_settings(pref);

    Game g;
    int w, h;
    random_size(&w, &h);
    if (w < 320 || h < 240) {
        w = 1366;
        h = 768;
    }
    AppOptions o = random_options();
    game_open(&g, &o, w, h, seed);
    for (long i = 0; i < budget; i++) {
        where.event = i;
        Kind k = make_event(&g);
        where.what = kind_names[k];
        bool running = drain(&g, seed);
        advance_time(&g);
        check_game(&g);
        window_size(&g, &w, &h);
        check_layout_at(&g, w, h);
        for (long extra = 0; extra < extra_sizes; extra++) {
            /* Any size the screens are made for, as a window may have. */
            uint64_t r = sizes_state = sizes_state * 6364136223846793005u + 1442695040888963407u;
            int ew = PLATFORM_MIN_W + (int)((r >> 33) % 3200),
                eh = PLATFORM_MIN_H + (int)((r >> 13) % 1800);
            if (!platform_size_is_laid_out(ew, eh)) {
                eh = ew * PLATFORM_TALL_H / PLATFORM_TALL_W;
            }
            check_layout_at(&g, ew, eh);
            check_layout_at(&g, w, h);
        }
        if (k == EV_WINDOW || k == EV_RESIZE) {
            /* Asked directly for less than any screen is made for, the ui still gives a
             * sound layout. */
            check_layout_at(&g, 0, 0);
            check_layout_at(&g, 1, 1);
            check_layout_at(&g, PLATFORM_MIN_W - 1, PLATFORM_MIN_H);
            check_layout_at(&g, 700, 3000);
            check_layout_at(&g, w, h);
        }
        int ww, wh;
        SDL_GetWindowSize(g.win.window, &ww, &wh);
        if (!platform_size_is_laid_out(ww, wh)) {
            totals.sizes_scaled++;
        }
        totals.screens[ui_screen(g.ui)]++;
        const GameState *st = ui_game(g.ui);
        if (st != NULL && rules_is_over(st) && ui_screen(g.ui) == UI_SUMMARY) {
            totals.games_over++;
        }
        /* Draw as the loop would; not after every event, which would take hours under the
         * sanitizers, but after every change of size and now and then. */
        if (k == EV_RESIZE || k == EV_RESET || chance(4)) {
            render_draw_layout(g.render, ui_layout(g.ui, w, h, g.now));
            SDL_RenderPresent(g.win.renderer);
            totals.frames++;
            if (!g.sounds_loaded) {
                audio_load_all(g.audio);
                g.sounds_loaded = true;
            }
        }
        totals.events++;
        if (!running) {
            /* The window closed or Quit was chosen: the run of this game ends. Nothing may be
             * lost; the next start offers to resume. */
            totals.quits++;
            check_nothing_lost(&g);
            game_close(&g);
            random_size(&w, &h);
            if (w < 320 || h < 240) {
                w = 1024;
                h = 768;
            }
            o = random_options();
            game_open(&g, &o, w, h, seed + (uint64_t)i);
            check_game(&g);
        }
    }
    check_nothing_lost(&g);
    game_close(&g);
}

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    if (v == NULL || v[0] == '\0') {
        return fallback;
    }
    char *end;
    long n = strtol(v, &end, 10);
    return *end == '\0' && n > 0 ? n : fallback;
}

static void remove_tree(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", path);
    }
}

static void test_monkey(void **state)
{
    (void)state;
    long events = env_long("RUTAS_MONKEY_EVENTS", 4000);
    long seeds = env_long("RUTAS_MONKEY_SEEDS", 8);
    long first = env_long("RUTAS_MONKEY_SEED", 1);
    extra_sizes = env_long("RUTAS_MONKEY_SIZES", 0);
    if (seeds > events) {
        seeds = events;
    }
    for (long s = 0; s < seeds; s++) {
        long budget = events / seeds + (s < events % seeds ? 1 : 0);
        run_seed((uint64_t)(first + s), budget);
    }
    printf("monkey: %ld events over %ld seeds from %ld: %ld layouts checked, %ld frames drawn, "
           "%ld quits (%ld sessions restored from their autosave), %ld pack reloads, "
           "%ld events with the window scaled to fit (smaller than 640x480 or taller than 3:4)\n",
           totals.events, seeds, first, layouts_checked, totals.frames, totals.quits,
           totals.resumes_checked, totals.reloads, totals.sizes_scaled);
    printf("monkey: events by kind:");
    for (int k = 0; k < EV_KIND_COUNT; k++) {
        printf(" %s %ld", kind_names[k], kind_counts[k]);
    }
    printf("\nmonkey: events on each screen:");
    for (int s = 0; s < UI_SCREEN_COUNT; s++) {
        printf(" %s %ld", ui_screen_name((UiScreen)s), totals.screens[s]);
    }
    printf("\n");
    /* Random play must reach the game itself, or the test tests menus only (a single short
     * seed, run again to reproduce a failure, may not). */
    if (events >= 4000) {
        assert_true(totals.screens[UI_BOARD] > 0);
        assert_true(totals.screens[UI_CARD] > 0);
    }
    if (events >= 20000) {
        assert_true(totals.screens[UI_SUMMARY] > 0);
        assert_true(totals.quits > 0);
        assert_true(totals.reloads > 0);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(pref_root, sizeof pref_root, "/tmp/rutas-monkey-%ld/", (long)getpid());
    mkdir(pref_root, 0700);
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
    remove_tree(pref_root);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monkey),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
