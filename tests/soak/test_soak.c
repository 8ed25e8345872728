/*
 * test_soak.c: a day of sessions without a restart. The game (app, ui, render drawing every
 * frame off screen, audio through the dummy driver) plays session after session with the keys
 * a facilitator would press, autosaving after every move and writing the anonymous report at
 * every end, for RUTAS_SOAK_TURNS turns in all (default 400, the ctest run; 10000 for the full
 * soak, docs/reliability.md). The heap in use (mallinfo2) and the resident size are sampled
 * twenty times; once warmed up, the heap must not grow, and no file may be left open.
 *
 * Under the sanitizers the allocator keeps no statistics (and its quarantine holds freed
 * memory on purpose): the figures are printed and LeakSanitizer checks the end instead.
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
#include "settings.h"
#include "ui.h"

#include <SDL.h>

#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pref[256];

static long heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)mi.uordblks;
}

static long resident_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f != NULL) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) {
            resident = 0;
        }
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int open_files(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (d != NULL) {
        while (readdir(d) != NULL) {
            n++;
        }
        closedir(d);
    }
    return n;
}

static void play_sound(void *user, const Event *event)
{
    if (event == NULL) {
        audio_play(user, AUDIO_CUE_REVEAL);
    } else {
        audio_play_event(user, event);
    }
}

static void play_cue(void *user, UiCue cue)
{
    if (cue == UI_CUE_CHIME) {
        audio_play(user, AUDIO_CUE_CHIME);
    }
}

#define SAMPLES 20

static void test_soak(void **state)
{
    (void)state;
    long turns_wanted = 400;
    const char *env = getenv("RUTAS_SOAK_TURNS");
    if (env != NULL && atol(env) > 0) {
        turns_wanted = atol(env);
    }
    /* Long sessions of eight teams, every topic on. */
    Settings s = settings_default();
    s.teams = 8;
    s.rounds = 6;
    s.reduce_motion = false;
    char settings[300];
    snprintf(settings, sizeof settings, "%ssettings.txt", pref);
    assert_true(settings_save(&s, settings));

    char err[1024];
    App app;
    AppOptions o = APP_OPTIONS_INIT;
    o.lang = "es-MX";
    o.region = "MX";
    assert_true(app_load(&app, &o, true, err, sizeof err));
    SDL_Surface *surface =
        SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(surface);
    SDL_Renderer *sdl = SDL_CreateSoftwareRenderer(surface);
    assert_non_null(sdl);
    Render *render = render_create(sdl, app.data_dir, err, sizeof err);
    assert_non_null(render);
    char sounds[4300];
    snprintf(sounds, sizeof sounds, "%s/assets/sounds", app.data_dir);
    Audio *audio = audio_open(sounds, NULL, NULL, 0);
    audio_load_all(audio);
    UiDeps deps = {.render = render,
                   .i18n = app.i18n,
                   .pack = app.pack,
                   .def = app.def,
                   .settings_path = app.settings_path,
                   .save_path = app.save_path,
                   .seed = 1,
                   .sound = play_sound,
                   .cue = play_cue,
                   .sound_user = audio,
                   .report_dir = app.pref_dir,
                   .pack_dirs = (const char *const *)app.pack_list,
                   .pack_dir_count = app.pack_count,
                   .pack_search = &app.search};
    Ui *ui = ui_create(&deps, &app.settings);

    long heap[SAMPLES], rss[SAMPLES];
    long ends[4096]; /* the heap in use back on the title after each session */
    int ended = 0;
    int samples = 0;
    long turns = 0, sessions = 0, reports = 0, frames = 0, steps = 0;
    int files_at_start = -1;
    uint64_t now = 1000;
    int last_turn = 0;
    while (turns < turns_wanted) {
        assert_true(++steps < turns_wanted * 200 + 10000);
        Input in = ui_suggest_input(ui);
        ui_handle(ui, &in, now);
        for (int i = 0; i < 40 && ui_is_animating(ui); i++) {
            now += 100;
            ui_tick(ui, now);
        }
        now += 200;
        ui_tick(ui, now);
        render_draw_layout(render, ui_layout(ui, 1280, 720, now));
        SDL_RenderPresent(sdl);
        frames++;
        const GameState *g = ui_game(ui);
        if (g != NULL && g->turn != last_turn) {
            turns += g->turn > last_turn ? g->turn - last_turn : g->turn;
            last_turn = g->turn;
        }
        if (ui_screen(ui) == UI_SUMMARY) {
            /* The report of the session is written; take it away, as a facilitator copying
             * it to a USB stick would, so the folder never fills up. */
            const char *md = ui_report_path(ui);
            if (md != NULL && md[0] != '\0' && access(md, F_OK) == 0) {
                char json[4300];
                snprintf(json, sizeof json, "%.*s.json", (int)strlen(md) - 3, md);
                remove(md);
                remove(json);
                reports++;
            }
            sessions++;
            last_turn = 0;
            Input enter = {.kind = INPUT_KEY, .key = KEY_ENTER};
            while (ui_screen(ui) == UI_SUMMARY) {
                ui_handle(ui, &enter, now);
                now += 200;
            }
            if (files_at_start < 0) {
                files_at_start = open_files(); /* after the first session: caches are warm */
            }
            if (ended < (int)(sizeof ends / sizeof ends[0])) {
                ends[ended++] = heap_in_use();
            }
        }
        long due = (long)samples * turns_wanted / SAMPLES;
        if (samples < SAMPLES && turns >= due) {
            heap[samples] = heap_in_use();
            rss[samples] = resident_kb();
            samples++;
        }
    }
    int files_at_end = open_files();
    ui_destroy(ui);
    audio_close(audio);
    render_destroy(render);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(surface);
    app_free(&app);

    printf("soak: %ld turns in %ld sessions (%ld reports written), %ld frames drawn\n", turns,
           sessions, reports, frames);
    printf("soak: heap in use (KB):");
    for (int i = 0; i < samples; i++) {
        printf(" %ld", heap[i] / 1024);
    }
    printf("\nsoak: resident (KB):");
    for (int i = 0; i < samples; i++) {
        printf(" %ld", rss[i]);
    }
    printf("\nsoak: open files after the first session %d, at the end %d\n", files_at_start,
           files_at_end);
    assert_true(sessions >= 1);
    assert_int_equal(reports, sessions);
    assert_int_equal(files_at_end, files_at_start);
    if (heap[0] == 0 && heap[samples - 1] == 0) {
        printf("soak: no allocator statistics in this build; LeakSanitizer checks the end\n");
        return;
    }
    /* Back on the title after each session the game holds the same things (a finished game,
     * warm caches): from the second session on, the heap in use there must not grow beyond
     * 2 % and 64 KB, which a leak of a few hundred bytes a turn would pass within the soak. */
    assert_true(ended >= 3);
    long base = ends[1], last = ends[ended - 1], worst = base;
    for (int i = 1; i < ended; i++) {
        worst = ends[i] > worst ? ends[i] : worst;
    }
    printf("soak: heap on the title after session 2: %ld KB, after the last: %ld KB, highest: "
           "%ld KB\n",
           base / 1024, last / 1024, worst / 1024);
    assert_true(last <= base + base / 50 + 64 * 1024);
    assert_true(worst <= base + base / 20 + 64 * 1024);
}

static int setup(void **state)
{
    (void)state;
    snprintf(pref, sizeof pref, "/tmp/rutas-soak-%ld/", (long)getpid());
    mkdir(pref, 0700);
    setenv("RUTAS_PREF_DIR", pref, 1);
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
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", pref);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soak),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
