/*
 * bench_frame.c: how long the game takes to make one frame while a token moves and when a card
 * shows or reveals its answer, with the game's own ui and render code in a real window.
 *
 *     bench_frame [--size WxH] [--turns N] [--seed N]
 *
 * Plays a seeded session with the keys a facilitator would press (ui_suggest_input) in a
 * window of the size asked for, drawn by SDL's software renderer (the bench runs it with
 * SDL_RENDER_DRIVER=software under Xvfb). Time is stepped by hand, 16 ms a frame, so the
 * animations have the same frames on every machine; each frame is timed on the clock: the
 * ui's tick and layout, every draw call and the present, as the game's loop does them.
 * Prints one line per frame for tools/bench to collect, with its wall-clock time and the CPU
 * time of the thread (which a busy machine does not inflate):
 *     move_ms T CPU     a frame while the dice roll and a token walks
 *     card_ms T CPU     the first frame of a card, after the move
 *     reveal_ms T CPU   the frame after R shows a myth-or-fact or scenario answer
 * and at the end "text_cache_kb K" (line textures kept) and "peak_kb K" (VmHWM).
 */
#include "game.h"
#include "platform.h"
#include "render.h"
#include "ui.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Bench {
    Window win;
    Render *render;
    Ui *ui;
    uint64_t now;
    int w, h;
} Bench;

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            kb = strtol(line + n + 1, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb;
}

typedef struct Took {
    double wall, cpu; /* ms */
} Took;

/* One frame as the game's loop makes it. */
static Took frame(Bench *b)
{
    double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    ui_tick(b->ui, b->now);
    render_draw_layout(b->render, ui_layout(b->ui, b->w, b->h, b->now));
    SDL_RenderPresent(b->win.renderer);
    Took t = {clock_ms(CLOCK_MONOTONIC) - t0, clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0};
    SDL_PumpEvents(); /* keep the window answering the X server */
    return t;
}

static void print(const char *what, Took t)
{
    printf("%s %.3f %.3f\n", what, t.wall, t.cpu);
}

static void press(Bench *b, Input in)
{
    b->now += 300;
    ui_handle(b->ui, &in, b->now);
}

int main(int argc, char **argv)
{
    int turns = 24;
    Bench b = {.w = 1920, .h = 1080};
    AppOptions options = APP_OPTIONS_INIT;
    options.has_seed = true;
    options.seed = 7;
    options.region = "MX";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &b.w, &b.h) != 2) {
                fputs("bench_frame: --size WxH\n", stderr);
                return 2;
            }
        } else if (strcmp(argv[i], "--turns") == 0 && i + 1 < argc) {
            turns = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            options.seed = strtoull(argv[++i], NULL, 10);
        } else {
            fputs("usage: bench_frame [--size WxH] [--turns N] [--seed N]\n", stderr);
            return 2;
        }
    }
    App app;
    char err[1024];
    if (!app_load(&app, &options, false, err, sizeof err) || !platform_init(err, sizeof err)) {
        fprintf(stderr, "bench_frame: %s\n", err);
        return 1;
    }
    /* A fixed-size window: the frame is exactly the size asked for. */
    b.win.window = SDL_CreateWindow("Rutas bench", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    b.w, b.h, 0);
    b.win.renderer = b.win.window != NULL
                         ? SDL_CreateRenderer(b.win.window, -1,
                                              SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE)
                         : NULL;
    if (b.win.renderer == NULL) {
        fprintf(stderr, "bench_frame: %s\n", SDL_GetError());
        return 1;
    }
    platform_window_size(&b.win, &b.w, &b.h);
    b.render = render_create(b.win.renderer, app.data_dir, err, sizeof err);
    if (b.render == NULL) {
        fprintf(stderr, "bench_frame: %s\n", err);
        return 1;
    }
    Settings settings = app.settings;
    settings.reduce_motion = false;
    settings.teams = 4;
    UiDeps deps = {.render = b.render,
                   .i18n = app.i18n,
                   .pack = app.pack,
                   .def = app.def,
                   .seed = options.seed,
                   .pack_dirs = (const char *const *)app.pack_list,
                   .pack_dir_count = app.pack_count,
                   .pack_search = &app.search};
    b.ui = ui_create(&deps, &settings);
    frame(&b);
    /* Title, setup, ground rules. */
    for (int i = 0; i < 3; i++) {
        press(&b, (Input){.kind = INPUT_KEY, .key = KEY_ENTER});
        frame(&b);
    }
    int moves = 0;
    for (int steps = 0; moves < turns && steps < 100000; steps++) {
        const GameState *g = ui_game(b.ui);
        if (g == NULL || ui_screen(b.ui) == UI_SUMMARY) {
            break;
        }
        Input in = ui_suggest_input(b.ui);
        UiScreen before = ui_screen(b.ui);
        bool roll = before == UI_BOARD && in.key == KEY_SPACE;
        bool reveal = before == UI_CARD && in.key == KEY_CHAR && in.ch == 'r';
        press(&b, in);
        if (roll) {
            moves++;
            while (ui_is_animating(b.ui)) {
                print("move_ms", frame(&b));
                b.now += 16;
            }
            Took t = frame(&b);
            if (ui_screen(b.ui) == UI_CARD) {
                print("card_ms", t);
            }
        } else if (reveal) {
            print("reveal_ms", frame(&b));
        } else {
            frame(&b);
        }
    }
    RenderStats rs = render_stats(b.render);
    printf("text_cache_kb %zu\n", rs.text_bytes / 1024);
    printf("text_textures %d\n", rs.text_textures);
    printf("text_misses %d\n", rs.text_misses);
    printf("text_hits %d\n", rs.text_hits);
    printf("static_layer_draws %d\n", rs.static_layer_draws);
    printf("peak_kb %ld\n", status_kb("VmHWM"));
    ui_destroy(b.ui);
    render_destroy(b.render);
    platform_window_destroy(&b.win);
    platform_quit();
    app_free(&app);
    return 0;
}
