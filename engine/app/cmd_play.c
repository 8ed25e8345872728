/*
 * cmd_play.c: the game window: `rutas [OPTION]...` with no command. Composes platform, render,
 * audio and ui, and runs the event loop: it sleeps in SDL_WaitEvent while nothing moves (an
 * idle board uses no CPU), and draws only when the ui says the screen changed.
 */
#include "audio.h"
#include "game.h"
#include "platform.h"
#include "render.h"
#include "ui.h"

#include <SDL.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* RUTAS_BENCH_LOG=FILE (tools/bench, docs/performance.md): after every presented frame the
 * game appends "NS SCREEN KEY CPU" to FILE: CLOCK_MONOTONIC in nanoseconds, the screen shown,
 * the key ui_suggest_input() would press next and the CPU time used so far (nanoseconds). The
 * benchmarks time start-up from it and play whole sessions from outside with X input. Unset (the
 * default), it costs one getenv(). */
static FILE *bench_log_open(void)
{
    const char *path = getenv("RUTAS_BENCH_LOG");
    return path != NULL && path[0] != '\0' ? fopen(path, "a") : NULL;
}

static void bench_log_frame(FILE *log, const Ui *ui)
{
    struct timespec ts, cpu;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    Input in = ui_suggest_input(ui);
    char key[8] = "enter";
    if (in.key == KEY_SPACE) {
        snprintf(key, sizeof key, "space");
    } else if (in.key == KEY_ESCAPE) {
        snprintf(key, sizeof key, "escape");
    } else if (in.key == KEY_CHAR) {
        snprintf(key, sizeof key, "%c", in.ch);
    }
    fprintf(log, "%lld %s %s %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec,
            ui_screen_name(ui_screen(ui)), key, (long long)cpu.tv_sec * 1000000000LL + cpu.tv_nsec);
    fflush(log);
}

/* user is the Audio ** of game_run(): the device is opened after the first frame, and until
 * then (or without a device) there is nothing to play. */
static void play_sound(void *user, const Event *event)
{
    Audio *audio = *(Audio **)user;
    if (event == NULL) {
        audio_play(audio, AUDIO_CUE_REVEAL);
    } else {
        audio_play_event(audio, event);
    }
}

static void play_cue(void *user, UiCue cue)
{
    if (cue == UI_CUE_CHIME) {
        audio_play(*(Audio **)user, AUDIO_CUE_CHIME);
    }
}

static unsigned pump(Ui *ui, Window *win, Render *render, const SDL_Event *ev)
{
    if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        render_invalidate(render);
    }
    if ((ev->type == SDL_DROPFILE || ev->type == SDL_DROPTEXT) && ev->drop.file != NULL) {
        SDL_free(ev->drop.file); /* SDL hands the dropped name over to be freed; unused */
    }
    int w, h;
    platform_window_size(win, &w, &h);
    Input in = platform_translate_event(ev, w, h);
    return in.kind == INPUT_NONE ? 0 : ui_handle(ui, &in, platform_ticks());
}

static PlatformWatch *start_watch(const App *app)
{
    if (app->pack_dir[0] == '\0') {
        fprintf(stderr, "rutas --watch: no pack folder to watch (playing the demo board)\n");
        return NULL;
    }
    PlatformWatch *watch = platform_watch_start(app->pack_dir, 1000);
    if (watch == NULL) {
        fprintf(stderr, "rutas --watch: cannot read the folder %s\n", app->pack_dir);
    } else {
        fprintf(stderr, "rutas --watch: watching %s; an edit shows at once\n", app->pack_dir);
    }
    return watch;
}

int game_run(const AppOptions *options)
{
    App app;
    char err[1024];
    int status = 1;
    Window win = {0};
    Render *render = NULL;
    Audio *audio = NULL;
    Ui *ui = NULL;
    PlatformWatch *watch = NULL;
    bool sdl = false;
    FILE *bench_log = bench_log_open();
    if (!app_load(&app, options, true, err, sizeof err)) {
        fprintf(stderr, "rutas: %s\n", err);
        goto done;
    }
    if (!platform_init(err, sizeof err)) {
        fprintf(stderr, "rutas: %s\n", err);
        goto done;
    }
    sdl = true;
    if (!platform_window_create(&win, "Rutas", 1280, 720, app.settings.fullscreen, err,
                                sizeof err)) {
        fprintf(stderr, "rutas: %s\n", err);
        goto done;
    }
    render = render_create(win.renderer, app.data_dir, err, sizeof err);
    if (render == NULL) {
        fprintf(stderr, "rutas: %s\n", err);
        goto done;
    }
    UiDeps deps = {
        .render = render,
        .i18n = app.i18n,
        .pack = app.pack,
        .def = app.def,
        .settings_path = app.has_pref ? app.settings_path : NULL,
        .save_path = app.has_pref ? app.save_path : NULL,
        .seed = options->has_seed ? options->seed : (uint64_t)time(NULL),
        .sound = play_sound,
        .cue = play_cue,
        .sound_user = &audio,
        .report_dir = app.has_pref ? app.pref_dir : NULL,
        .unsaved_folder = app.unsaved_folder,
        .kept_save_file = app.kept_save_file,
        .kept_save_pack = app.kept_save_pack,
        .broken_pack = app.broken_pack,
        .pack_dirs = (const char *const *)app.pack_list,
        .pack_dir_count = app.pack_count,
        .pack_search = &app.search,
    };
    ui = ui_create(&deps, &app.settings);
    /* --watch: a tick a second wakes the loop to look at the pack's files; an edit reloads the
     * pack (or shows its problems) and the screen shows it at once. */
    if (options->watch) {
        watch = start_watch(&app);
    }

    bool redraw = true, running = true, sounds_loaded = false;
    while (running) {
        if (ui_tick(ui, platform_ticks()) & UI_REDRAW) {
            redraw = true;
        }
        if (redraw) {
            int w, h;
            platform_window_size(&win, &w, &h);
            render_draw_layout(render, ui_layout(ui, w, h, platform_ticks()));
            SDL_RenderPresent(win.renderer);
            redraw = false;
            if (bench_log != NULL) {
                bench_log_frame(bench_log, ui);
            }
            if (!sounds_loaded) {
                /* After the first frame, so start-up shows the title as soon as it can:
                 * opening the device (ALSA, PulseAudio) and reading the sounds took longer
                 * than drawing the title (docs/performance.md). */
                char sounds[4300];
                snprintf(sounds, sizeof sounds, "%s/assets/sounds", app.data_dir);
                AudioSettings volumes = {ui_settings(ui)->sound_percent,
                                         ui_settings(ui)->music_percent};
                audio = audio_open(sounds, &volumes, NULL, 0);
                audio_load_all(audio);
                sounds_loaded = true;
            }
        }
        int wait = ui_wait_ms(ui, platform_ticks());
        SDL_Event ev;
        int got;
        if (wait == 0) {
            got = SDL_PollEvent(&ev);
            if (!got && !win.vsync) {
                SDL_Delay(10); /* no vsync to pace the animation */
            }
        } else if (wait < 0) {
            got = SDL_WaitEvent(&ev);
        } else {
            got = SDL_WaitEventTimeout(&ev, wait);
        }
        while (got) {
            if (platform_watch_is_tick(watch, &ev)) {
                if (platform_watch_changed(watch)) {
                    app_reload_pack(&app, ui, &deps);
                    redraw = true;
                }
                got = SDL_PollEvent(&ev);
                continue;
            }
            unsigned flags = pump(ui, &win, render, &ev);
            if (flags & UI_QUIT) {
                running = false;
            }
            if (flags & UI_FULLSCREEN) {
                platform_window_set_fullscreen(&win, ui_settings(ui)->fullscreen);
            }
            if (flags & UI_VOLUME) {
                audio_set_volume(audio, ui_settings(ui)->sound_percent,
                                 ui_settings(ui)->music_percent);
            }
            if (flags & UI_REDRAW) {
                redraw = true;
            }
            if (flags & UI_RELOAD) {
                /* Another pack: load it with its strings and start again at its title. */
                AppOptions again = *options;
                char chosen[1024];
                snprintf(chosen, sizeof chosen, "%s", ui_chosen_pack(ui));
                again.pack_path = chosen;
                ui_destroy(ui);
                ui = NULL;
                app_free(&app);
                if (!app_load(&app, &again, true, err, sizeof err)) {
                    fprintf(stderr, "rutas: %s\n", err);
                    app_free(&app);
                    if (!app_load(&app, options, true, err, sizeof err)) {
                        fprintf(stderr, "rutas: %s\n", err);
                        goto done;
                    }
                }
                deps.i18n = app.i18n;
                deps.pack = app.pack;
                deps.def = app.def;
                deps.pack_dirs = (const char *const *)app.pack_list;
                deps.pack_dir_count = app.pack_count;
                deps.pack_search = &app.search;
                ui = ui_create(&deps, &app.settings);
                if (watch != NULL) {
                    platform_watch_stop(watch);
                    watch = start_watch(&app);
                }
                redraw = true;
                break;
            }
            got = SDL_PollEvent(&ev);
        }
    }
    status = 0;
done:
    platform_watch_stop(watch);
    ui_destroy(ui);
    audio_close(audio);
    render_destroy(render);
    platform_window_destroy(&win);
    if (sdl) {
        platform_quit();
    }
    app_free(&app);
    if (bench_log != NULL) {
        fclose(bench_log);
    }
    return status;
}
