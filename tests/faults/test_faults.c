/*
 * test_faults.c: what goes wrong in a classroom, at the level of the game: no audio device, a
 * sound file missing, no fonts, a user folder that cannot be written, a disk that fills up
 * while saving, a pack removed while a saved session refers to it, a window shrunk to 1x1 or
 * minimized. Each must get a clear message and a safe path, and lose nothing. The game is
 * composed as cmd_play.c composes it (app, render, audio, ui; a window where one matters) and
 * played through the ui's own input path. Runs under SDL_VIDEODRIVER=dummy.
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
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256]; /* a private folder for this run */
static const char *source_dir;

/* ---- Helpers ----------------------------------------------------------------------------------
 */

static void run(const char *fmt, ...)
{
    char cmd[2000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (system(cmd) != 0) {
        fail_msg("command failed: %s", cmd);
    }
}

/* Everything written to stderr between capture_start() and capture_stop() lands in a file. */
static int saved_stderr = -1;
static char capture_path[400];

static void capture_start(void)
{
    snprintf(capture_path, sizeof capture_path, "%sstderr.txt", root);
    fflush(stderr);
    saved_stderr = dup(2);
    int fd = open(capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0 && saved_stderr >= 0);
    dup2(fd, 2);
    close(fd);
}

/* Returns what was written (the caller frees it) and echoes it to the real stderr. */
static char *capture_stop(void)
{
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    saved_stderr = -1;
    FILE *f = fopen(capture_path, "rb");
    assert_non_null(f);
    char *text = calloc(1, 1 << 20);
    assert_non_null(text);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    text[n] = '\0';
    fclose(f);
    fputs(text, stderr);
    return text;
}

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p != NULL; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

/* SDL's log (where the audio module speaks) is gathered here. */
static char sdl_log[1 << 16];

static void log_to_buffer(void *user, int category, SDL_LogPriority priority, const char *message)
{
    (void)user;
    (void)category;
    (void)priority;
    size_t used = strlen(sdl_log);
    snprintf(sdl_log + used, sizeof sdl_log - used, "%s\n", message);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *data = malloc(1 << 20);
    assert_non_null(data);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

/* ---- The game ----------------------------------------------------------------------------------
 */

typedef struct Game {
    App app;
    Window win; /* only when with_window */
    Render *render;
    Audio *audio;
    Ui *ui;
    uint64_t now;
    int w, h;
} Game;

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

/* Opens the game as cmd_play.c does. sounds: the sounds folder, or NULL for the shipped one. */
static void game_open(Game *g, const AppOptions *o, bool with_window, const char *sounds)
{
    memset(g, 0, sizeof *g);
    char err[1024];
    if (!app_load(&g->app, o, true, err, sizeof err)) {
        fail_msg("app_load: %s", err);
    }
    SDL_Renderer *sdl = NULL;
    if (with_window) {
        assert_true(
            platform_window_create(&g->win, "Rutas faults", 1366, 768, false, err, sizeof err));
        sdl = g->win.renderer;
    }
    g->render = render_create(sdl, g->app.data_dir, err, sizeof err);
    if (g->render == NULL) {
        fail_msg("render_create: %s", err);
    }
    char dir[4300];
    snprintf(dir, sizeof dir, "%s/assets/sounds", g->app.data_dir);
    AudioSettings volumes = {g->app.settings.sound_percent, g->app.settings.music_percent};
    g->audio = audio_open(sounds != NULL ? sounds : dir, &volumes, NULL, 0);
    UiDeps deps = {
        .render = g->render,
        .i18n = g->app.i18n,
        .pack = g->app.pack,
        .def = g->app.def,
        .settings_path = g->app.has_pref ? g->app.settings_path : NULL,
        .save_path = g->app.has_pref ? g->app.save_path : NULL,
        .seed = 5,
        .sound = play_sound,
        .cue = play_cue,
        .sound_user = g->audio,
        .report_dir = g->app.has_pref ? g->app.pref_dir : NULL,
        .pack_dirs = (const char *const *)g->app.pack_list,
        .pack_dir_count = g->app.pack_count,
        .pack_search = &g->app.search,
        .unsaved_folder = g->app.unsaved_folder,
        .kept_save_file = g->app.kept_save_file,
        .kept_save_pack = g->app.kept_save_pack,
        .broken_pack = g->app.broken_pack,
    };
    g->ui = ui_create(&deps, &g->app.settings);
    g->w = 1366;
    g->h = 768;
    g->now = 1000;
    ui_layout(g->ui, g->w, g->h, g->now);
}

static void game_close(Game *g)
{
    ui_destroy(g->ui);
    audio_close(g->audio);
    render_destroy(g->render);
    platform_window_destroy(&g->win);
    app_free(&g->app);
    memset(g, 0, sizeof *g);
}

static void send(Game *g, Input in)
{
    ui_handle(g->ui, &in, g->now);
    for (int i = 0; i < 40 && ui_is_animating(g->ui); i++) {
        g->now += 100;
        ui_tick(g->ui, g->now);
    }
    g->now += 50;
    ui_tick(g->ui, g->now);
    ui_layout(g->ui, g->w, g->h, g->now);
}

static void key(Game *g, Key k)
{
    Input in = {.kind = INPUT_KEY, .key = k};
    send(g, in);
}

/* Plays what a facilitator would press, n times or until the summary. */
static void play(Game *g, int n)
{
    for (int i = 0; i < n && ui_screen(g->ui) != UI_SUMMARY; i++) {
        send(g, ui_suggest_input(g->ui));
    }
}

static void start_session(Game *g)
{
    /* New session (Resume may be first), setup, ground rules. */
    const Layout *l = ui_layout(g->ui, g->w, g->h, g->now);
    (void)l;
    while (ui_screen(g->ui) == UI_TITLE) {
        key(g, KEY_ENTER);
        if (ui_screen(g->ui) == UI_TITLE) {
            fail_msg("Enter on the title did nothing");
        }
    }
    for (int i = 0; i < 6 && ui_screen(g->ui) != UI_BOARD; i++) {
        key(g, KEY_ENTER);
    }
    assert_int_equal(ui_screen(g->ui), UI_BOARD);
}

static const char *notice_text(Game *g)
{
    const Layout *l = ui_layout(g->ui, g->w, g->h, g->now);
    int i = layout_find(l, "title.notice");
    return i >= 0 ? layout_text(l, &l->boxes[i]) : NULL;
}

static void fresh_pref(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s%s/", root, name);
    run("rm -rf '%s' && mkdir -p '%s'", out, out);
    setenv("RUTAS_PREF_DIR", out, 1);
}

static AppOptions options(void)
{
    AppOptions o = APP_OPTIONS_INIT;
    o.lang = "en";
    o.region = "MX";
    return o;
}

/* ---- No audio device --------------------------------------------------------------------------
 */

static void test_no_audio_device(void **state)
{
    (void)state;
    char pref[400];
    fresh_pref("no-audio", pref, sizeof pref);
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    sdl_log[0] = '\0';
    AppOptions o = options();
    Game g;
    game_open(&g, &o, true, NULL);
    /* Silent, said once, and the whole session plays with its sound cues going nowhere. */
    assert_true(audio_is_silent(g.audio));
    assert_int_equal(count_of(sdl_log, "no audio device"), 1);
    assert_non_null(strstr(sdl_log, "running silently"));
    assert_int_equal(audio_load_all(g.audio), 0);
    start_session(&g);
    play(&g, 3000);
    assert_int_equal(ui_screen(g.ui), UI_SUMMARY);
    assert_int_equal(count_of(sdl_log, "no audio device"), 1);
    game_close(&g);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
}

/* ---- A missing sound file ---------------------------------------------------------------------
 */

static void test_missing_sound_file(void **state)
{
    (void)state;
    char pref[400], sounds[450];
    fresh_pref("no-dice-sound", pref, sizeof pref);
    snprintf(sounds, sizeof sounds, "%ssounds", root);
    run("rm -rf '%s' && cp -r '%s/assets/sounds' '%s' && rm '%s/dice.wav'", sounds, source_dir,
        sounds, sounds);
    sdl_log[0] = '\0';
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, sounds);
    assert_false(audio_is_silent(g.audio));
    start_session(&g);
    play(&g, 3000);
    assert_int_equal(ui_screen(g.ui), UI_SUMMARY);
    /* Named once, by file; the other cues play. */
    assert_int_equal(count_of(sdl_log, "dice.wav"), 1);
    assert_non_null(strstr(sdl_log, "missing or unreadable"));
    assert_false(audio_cue_is_loaded(g.audio, AUDIO_CUE_DICE));
    assert_true(audio_cue_is_loaded(g.audio, AUDIO_CUE_STEP));
    game_close(&g);
}

/* ---- No fonts ---------------------------------------------------------------------------------
 */

static void test_no_fonts(void **state)
{
    (void)state;
    char data[400];
    snprintf(data, sizeof data, "%sno-fonts", root);
    run("rm -rf '%s' && mkdir -p '%s/assets' && ln -s '%s/content' '%s/content'", data, data,
        source_dir, data);
    char err[600];
    Render *r = render_create(NULL, data, err, sizeof err);
    assert_null(r);
    assert_non_null(strstr(err, "cannot read the font"));
    assert_non_null(strstr(err, "no-fonts/assets/fonts/NotoSans-Regular.ttf"));
    /* A font file that is there but broken says the same, by name. */
    run("mkdir -p '%s/assets/fonts' && : > '%s/assets/fonts/NotoSans-Regular.ttf'", data, data);
    r = render_create(NULL, data, err, sizeof err);
    assert_null(r);
    assert_non_null(strstr(err, "NotoSans-Regular.ttf"));
    /* RUTAS_DATA_DIR without fonts is named, then the game's own data is found. */
    run("rm -rf '%s/assets/fonts'", data);
    setenv("RUTAS_DATA_DIR", data, 1);
    char found[4096];
    capture_start();
    bool ok = platform_find_data_dir(found, sizeof found);
    char *said = capture_stop();
    unsetenv("RUTAS_DATA_DIR");
    assert_true(ok);
    assert_non_null(strstr(said, "RUTAS_DATA_DIR="));
    assert_non_null(strstr(said, "has no assets/fonts/NotoSans-Regular.ttf"));
    assert_null(strstr(found, "no-fonts"));
    free(said);
}

/* ---- A user folder that cannot be written -----------------------------------------------------
 */

static void test_pref_folder_cannot_be_made(void **state)
{
    (void)state;
    /* Its parent is a regular file: no one, not even root, can make it. */
    char file[400], pref[450];
    snprintf(file, sizeof file, "%snot-a-folder", root);
    run("rm -rf '%s' && echo x > '%s'", file, file);
    snprintf(pref, sizeof pref, "%s/rutas", file);
    setenv("RUTAS_PREF_DIR", pref, 1);
    AppOptions o = options();
    Game g;
    capture_start();
    game_open(&g, &o, false, NULL);
    assert_false(g.app.has_pref);
    /* The title says it, the game plays on, and stderr says it once. */
    const char *notice = notice_text(&g);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "not-a-folder"));
    start_session(&g);
    play(&g, 3000);
    assert_int_equal(ui_screen(g.ui), UI_SUMMARY);
    game_close(&g);
    char *said = capture_stop();
    assert_int_equal(count_of(said, "are not saved"), 1);
    assert_non_null(strstr(said, "not-a-folder/rutas"));
    free(said);
}

static void test_pref_folder_goes_away(void **state)
{
    (void)state;
    /* A USB stick pulled out mid-session: the folder is there at the start, then it is a file
     * (which stops root too), then it is back. */
    char pref[400];
    fresh_pref("pulled", pref, sizeof pref);
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, NULL);
    assert_true(g.app.has_pref);
    assert_null(notice_text(&g));
    start_session(&g);
    play(&g, 20);
    assert_int_equal(access(g.app.save_path, F_OK), 0);
    char hidden[450];
    snprintf(hidden, sizeof hidden, "%spulled-away", root);
    char dir[400];
    snprintf(dir, sizeof dir, "%.*s", (int)strlen(pref) - 1, pref);
    run("rm -rf '%s' && mv '%s' '%s' && echo x > '%s'", hidden, dir, hidden, dir);
    capture_start();
    play(&g, 60);
    const GameState *st = ui_game(g.ui);
    assert_non_null(st);
    int turn = st->turn;
    char *said = capture_stop();
    assert_int_equal(count_of(said, "are not saved"), 1);
    assert_non_null(strstr(said, "autosave failed"));
    free(said);
    /* The board said it in its status line; once the folder is back, the next move saves the
     * whole session again. */
    key(&g, KEY_ESCAPE);
    assert_int_equal(ui_screen(g.ui), UI_PAUSE);
    run("rm -f '%s' && mv '%s' '%s'", dir, hidden, dir);
    key(&g, KEY_ESCAPE);
    play(&g, 1);
    st = ui_game(g.ui);
    assert_true(st->turn >= turn);
    SaveFile file;
    char err[300], note[300];
    if (!rules_is_over(st)) {
        assert_int_equal(save_read(g.app.save_path, &file, err, sizeof err), SAVE_OK);
        Replay replay;
        GameState *back = malloc(sizeof *back);
        assert_int_equal(save_restore(&file, g.app.def, &replay, back, note, sizeof note), SAVE_OK);
        assert_true(rules_state_hash(back) == rules_state_hash(st));
        replay_free(&replay);
        free(back);
        save_file_free(&file);
    }
    game_close(&g);
}

/* ---- A full disk while saving -----------------------------------------------------------------
 */

/* In a child process: the file size limit stands for a full disk (SIGXFSZ ignored, writes fail
 * with EFBIG as they would with ENOSPC). Returns 0 when everything held, else a line number. */
static int disk_full_child(void)
{
    char pref[400], settings[450];
    fresh_pref("disk-full", pref, sizeof pref);
    Settings s = settings_default();
    s.rounds = 30; /* a session longer than the moves played here */
    s.minutes = 120;
    snprintf(settings, sizeof settings, "%ssettings.txt", pref);
    if (!settings_save(&s, settings)) {
        return __LINE__;
    }
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, NULL);
    start_session(&g);
    play(&g, 12);
    const GameState *st = ui_game(g.ui);
    if (st == NULL || rules_is_over(st)) {
        return __LINE__;
    }
    struct stat sb;
    if (stat(g.app.save_path, &sb) != 0) {
        return __LINE__;
    }
    /* Room for this save and a little more: a few moves later the next one does not fit. */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim;
    getrlimit(RLIMIT_FSIZE, &lim);
    struct rlimit small = {(rlim_t)sb.st_size + 200, lim.rlim_max};
    if (setrlimit(RLIMIT_FSIZE, &small) != 0) {
        return __LINE__;
    }
    capture_start();
    uint64_t hash_fits = 0;
    int fails = 0;
    for (int i = 0; i < 200 && !rules_is_over(ui_game(g.ui)); i++) {
        send(&g, ui_suggest_input(g.ui));
        if (rules_is_over(ui_game(g.ui))) {
            break; /* a finished session's save is removed on purpose */
        }
        SaveFile file;
        char err[300], note[300];
        if (save_read(g.app.save_path, &file, err, sizeof err) != SAVE_OK) {
            capture_stop();
            return __LINE__; /* a damaged save: data lost */
        }
        Replay replay;
        GameState *back = malloc(sizeof *back);
        SaveStatus restored = save_restore(&file, g.app.def, &replay, back, note, sizeof note);
        save_file_free(&file);
        if (restored != SAVE_OK) {
            capture_stop();
            return __LINE__;
        }
        uint64_t h = rules_state_hash(back);
        replay_free(&replay);
        free(back);
        if (h == rules_state_hash(ui_game(g.ui))) {
            hash_fits = h;
        } else {
            fails++;
        }
    }
    char *said = capture_stop();
    /* Saves stopped fitting; the one on the disk stayed whole; it was said once. */
    int said_count = count_of(said, "are not saved");
    bool named = strstr(said, "autosave failed") != NULL;
    free(said);
    if (fails == 0 || hash_fits == 0) {
        return __LINE__;
    }
    if (said_count != 1 || !named) {
        return __LINE__;
    }
    /* Room again: the next move saves everything. */
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) {
        return __LINE__;
    }
    if (rules_is_over(ui_game(g.ui))) {
        return __LINE__;
    }
    send(&g, ui_suggest_input(g.ui));
    if (!rules_is_over(ui_game(g.ui))) {
        SaveFile file;
        char err[300], note[300];
        if (save_read(g.app.save_path, &file, err, sizeof err) != SAVE_OK) {
            return __LINE__;
        }
        Replay replay;
        GameState *back = malloc(sizeof *back);
        if (save_restore(&file, g.app.def, &replay, back, note, sizeof note) != SAVE_OK ||
            rules_state_hash(back) != rules_state_hash(ui_game(g.ui))) {
            return __LINE__;
        }
        replay_free(&replay);
        free(back);
        save_file_free(&file);
    }
    game_close(&g);
    return 0;
}

static void test_disk_full_while_saving(void **state)
{
    (void)state;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int line = disk_full_child();
        fflush(NULL);
        _exit(line == 0 ? 0 : 100 + line % 100);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) != 0) {
        fail_msg("the disk-full child failed near line ending in %d", WEXITSTATUS(status) - 100);
    }
}

/* ---- A pack removed while a saved session refers to it ----------------------------------------
 */

/* A fresh user folder called name whose settings choose a copy of the mini fixture pack, as
 * the Packs screen would have, with the cards in excluded ("" for none) left out in the setup.
 * The copy is in a packs folder of its own; its path goes to mini. */
static void choose_mini_copy(const char *name, const char *excluded, char *mini, size_t size)
{
    char pref[400], packs[450], settings[500];
    fresh_pref(name, pref, sizeof pref);
    snprintf(packs, sizeof packs, "%s%s-packs", root, name);
    snprintf(mini, size, "%s/mini", packs);
    run("rm -rf '%s' && mkdir -p '%s' && cp -r '%s/tests/fixtures/packs/good/mini' '%s'", packs,
        packs, source_dir, mini);
    Settings s = settings_default();
    snprintf(s.pack, sizeof s.pack, "%s", mini);
    snprintf(s.excluded, sizeof s.excluded, "%s", excluded);
    snprintf(settings, sizeof settings, "%ssettings.txt", pref);
    assert_true(settings_save(&s, settings));
}

static void test_pack_removed_with_saved_session(void **state)
{
    (void)state;
    char mini[500];
    /* The mini pack was chosen on the Packs screen last time (remembered in the settings). */
    choose_mini_copy("removed-pack", "", mini, sizeof mini);
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, NULL);
    assert_string_equal(g.app.def->id, "mini");
    start_session(&g);
    play(&g, 15);
    const GameState *st = ui_game(g.ui);
    assert_false(rules_is_over(st));
    uint64_t hash = rules_state_hash(st);
    char save[4400];
    snprintf(save, sizeof save, "%s", g.app.save_path);
    assert_non_null(strstr(save, "session-mini.save"));
    size_t len_before;
    char *before = read_file(save, &len_before);
    assert_non_null(before);
    game_close(&g);

    /* The pack goes. The game falls back to the shipped pack and says where the session is. */
    run("rm -rf '%s'", mini);
    capture_start();
    game_open(&g, &o, false, NULL);
    char *said = capture_stop();
    assert_string_equal(g.app.def->id, "rutas");
    assert_non_null(strstr(said, "is not in"));
    assert_non_null(strstr(said, "session-mini.save"));
    free(said);
    const char *notice = notice_text(&g);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "session-mini.save"));
    /* A new session of the other pack never writes over it. */
    start_session(&g);
    play(&g, 30);
    size_t len_after;
    char *after = read_file(save, &len_after);
    assert_non_null(after);
    assert_int_equal(len_after, len_before);
    assert_memory_equal(after, before, len_before);
    free(after);
    game_close(&g);

    /* The pack comes back: Resume is offered and continues the very session. */
    run("cp -r '%s/tests/fixtures/packs/good/mini' '%s'", source_dir, mini);
    game_open(&g, &o, false, NULL);
    assert_string_equal(g.app.def->id, "mini");
    assert_null(notice_text(&g));
    key(&g, KEY_ENTER); /* Resume is first and focused */
    st = ui_game(g.ui);
    assert_non_null(st);
    assert_true(rules_state_hash(st) == hash);
    free(before);
    game_close(&g);
}

/* The pack chosen last time has been broken since (an author edited it): the game still starts,
 * with the default pack; the title says which pack and how to see its errors; the pack's own
 * session is left as it was, and is resumed once the pack is fixed. */
static void test_chosen_pack_broken_since(void **state)
{
    (void)state;
    char mini[500], manifest[600];
    choose_mini_copy("broken-pack", "", mini, sizeof mini);
    snprintf(manifest, sizeof manifest, "%s/pack.json", mini);
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, NULL);
    assert_string_equal(g.app.def->id, "mini");
    start_session(&g);
    play(&g, 12);
    uint64_t hash = rules_state_hash(ui_game(g.ui));
    char save[4400];
    snprintf(save, sizeof save, "%s", g.app.save_path);
    size_t len_before;
    char *before = read_file(save, &len_before);
    assert_non_null(before);
    game_close(&g);

    /* A comma goes missing in pack.json. */
    run("sed -i 's/\"format\": 1,/\"format\": 1/' '%s'", manifest);
    capture_start();
    game_open(&g, &o, false, NULL);
    char *said = capture_stop();
    assert_string_equal(g.app.def->id, "rutas");
    assert_non_null(strstr(said, "pack.json:"));
    assert_non_null(strstr(said, "has errors"));
    assert_non_null(strstr(said, "rutas validate"));
    free(said);
    const char *notice = notice_text(&g);
    assert_non_null(notice);
    assert_non_null(strstr(notice, mini));
    assert_non_null(strstr(notice, "rutas validate"));
    start_session(&g);
    play(&g, 20);
    game_close(&g);
    size_t len_after;
    char *after = read_file(save, &len_after);
    assert_non_null(after);
    assert_int_equal(len_after, len_before);
    assert_memory_equal(after, before, len_before);
    free(after);
    free(before);

    /* Fixed: the pack is played again, without a notice, and Resume continues its session. */
    run("cp '%s/tests/fixtures/packs/good/mini/pack.json' '%s'", source_dir, manifest);
    game_open(&g, &o, false, NULL);
    assert_string_equal(g.app.def->id, "mini");
    assert_null(notice_text(&g));
    key(&g, KEY_ENTER); /* Resume is first and focused */
    assert_non_null(ui_game(g.ui));
    assert_true(rules_state_hash(ui_game(g.ui)) == hash);
    game_close(&g);
}

/* A pack updated so that the saved session no longer fits it (here: a card the setup left out
 * is gone). Resume says why; the save is kept aside where no new session writes over it. */
static void test_saved_session_no_longer_fits(void **state)
{
    (void)state;
    char mini[500];
    choose_mini_copy("changed-pack", "rel-02", mini, sizeof mini);
    AppOptions o = options();
    Game g;
    game_open(&g, &o, false, NULL);
    start_session(&g);
    play(&g, 10);
    assert_false(rules_is_over(ui_game(g.ui)));
    char save[4400];
    snprintf(save, sizeof save, "%s", g.app.save_path);
    size_t len_before;
    char *before = read_file(save, &len_before);
    assert_non_null(before);
    assert_non_null(strstr(before, "rel-02"));
    game_close(&g);

    /* Version 1.1.0 drops that card (and its texts). */
    run("cd '%s' && python3 -c \"import json\n"
        "p=json.load(open('pack.json')); p['version']='1.1.0'\n"
        "p['cards']=[c for c in p['cards'] if c['id']!='rel-02']\n"
        "json.dump(p, open('pack.json','w'), ensure_ascii=False, indent=1)\n"
        "for f in ['locales/en.json','locales/es-MX.json']:\n"
        "    t=json.load(open(f)); del t['card']['rel-02']\n"
        "    json.dump(t, open(f,'w'), ensure_ascii=False, indent=1)\"",
        mini);
    game_open(&g, &o, false, NULL);
    assert_string_equal(g.app.def->id, "mini");
    capture_start();
    key(&g, KEY_ENTER); /* Resume is offered, first and focused */
    char *said = capture_stop();
    assert_int_equal(ui_screen(g.ui), UI_TITLE);
    assert_non_null(strstr(said, "cannot resume"));
    assert_non_null(strstr(said, "excluded card is not in this pack"));
    free(said);
    char kept[4500];
    snprintf(kept, sizeof kept, "%s.old", save);
    const char *notice = notice_text(&g);
    assert_non_null(notice);
    assert_non_null(strstr(notice, kept));
    size_t len_kept;
    char *after = read_file(kept, &len_kept);
    assert_non_null(after);
    assert_int_equal(len_kept, len_before);
    assert_memory_equal(after, before, len_before);
    /* A new session of the new version starts and saves as usual. */
    start_session(&g);
    play(&g, 5);
    assert_int_equal(access(save, F_OK), 0);
    assert_int_equal(access(kept, F_OK), 0);
    free(before);
    free(after);
    game_close(&g);
}

/* ---- A window shrunk to 1x1, or minimized -----------------------------------------------------
 */

static void drain(Game *g)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        platform_window_size(&g->win, &g->w, &g->h);
        Input in = platform_translate_event(&ev, g->w, g->h);
        if (in.kind != INPUT_NONE) {
            ui_handle(g->ui, &in, g->now);
        }
    }
    platform_window_size(&g->win, &g->w, &g->h);
}

static void test_window_1x1_and_minimized(void **state)
{
    (void)state;
    char pref[400];
    fresh_pref("tiny-window", pref, sizeof pref);
    AppOptions o = options();
    Game g;
    game_open(&g, &o, true, NULL);
    start_session(&g);
    drain(&g);
    assert_int_equal(g.w, 1366);
    Layout before;
    layout_init(&before);
    const Layout *l = ui_layout(g.ui, g.w, g.h, g.now);
    for (int i = 0; i < l->count; i++) {
        layout_add(&before, &l->boxes[i]);
    }
    /* A window manager that ignores the minimum size: 1x1. The screens are laid out at the
     * smallest size they are made for and the picture is scaled down. */
    SDL_SetWindowMinimumSize(g.win.window, 1, 1);
    SDL_SetWindowSize(g.win.window, 1, 1);
    drain(&g);
    int ww, wh;
    SDL_GetWindowSize(g.win.window, &ww, &wh);
    assert_int_equal(ww, 1);
    assert_int_equal(g.w, PLATFORM_MIN_W);
    assert_int_equal(g.h, PLATFORM_MIN_H);
    char err[512];
    l = ui_layout(g.ui, g.w, g.h, g.now);
    if (!layout_check(l, err, sizeof err)) {
        fail_msg("at 1x1: %s", err);
    }
    render_draw_layout(g.render, l);
    SDL_RenderPresent(g.win.renderer);
    /* Minimized: some systems report no size at all; the ui lays out a plain background. */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_MINIMIZED;
    e.window.windowID = SDL_GetWindowID(g.win.window);
    SDL_PushEvent(&e);
    drain(&g);
    l = ui_layout(g.ui, 0, 0, g.now);
    assert_int_equal(l->count, 1);
    assert_true(layout_check(l, err, sizeof err));
    /* Restored: the same screen as before, box for box. */
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_RESTORED;
    e.window.windowID = SDL_GetWindowID(g.win.window);
    SDL_PushEvent(&e);
    SDL_SetWindowSize(g.win.window, 1366, 768);
    drain(&g);
    assert_int_equal(g.w, 1366);
    assert_int_equal(g.h, 768);
    int lw = 0, lh = 0;
    SDL_RenderGetLogicalSize(g.win.renderer, &lw, &lh);
    assert_int_equal(lw, 0); /* one pixel per pixel again */
    l = ui_layout(g.ui, g.w, g.h, g.now);
    assert_true(layout_check(l, err, sizeof err));
    assert_int_equal(l->count, before.count);
    for (int i = 0; i < l->count; i++) {
        assert_memory_equal(&l->boxes[i].rect, &before.boxes[i].rect, sizeof(Rect));
    }
    layout_free(&before);
    /* A tap on the scaled roll button still rolls: SDL maps the window's point back. */
    SDL_SetWindowSize(g.win.window, 320, 240);
    drain(&g);
    l = ui_layout(g.ui, g.w, g.h, g.now);
    int roll = layout_find(l, "board.roll");
    assert_true(roll >= 0);
    int turn = ui_game(g.ui)->turn;
    Rect r = l->boxes[roll].rect;
    int x, y;
    SDL_RenderLogicalToWindow(g.win.renderer, (float)(r.x + r.w / 2), (float)(r.y + r.h / 2), &x,
                              &y);
    assert_true(x < 320 && y < 240);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.windowID = SDL_GetWindowID(g.win.window);
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
    drain(&g);
    assert_true(ui_is_animating(g.ui) || ui_game(g.ui)->turn != turn ||
                ui_game(g.ui)->phase != PHASE_ROLL);
    game_close(&g);
}

/* ---- Set-up ------------------------------------------------------------------------------- */

/* A test that failed while stderr was captured gets it back (with what it said). */
static int restore_stderr(void **state)
{
    (void)state;
    if (saved_stderr >= 0) {
        free(capture_stop());
    }
    return 0;
}

static int setup(void **state)
{
    (void)state;
    source_dir = getenv("RUTAS_SOURCE_DIR");
    if (source_dir == NULL) {
        fprintf(stderr, "RUTAS_SOURCE_DIR is not set\n");
        return -1;
    }
    snprintf(root, sizeof root, "/tmp/rutas-faults-%ld/", (long)getpid());
    mkdir(root, 0700);
    SDL_LogSetOutputFunction(log_to_buffer, NULL);
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
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_no_audio_device, restore_stderr),
        cmocka_unit_test_teardown(test_missing_sound_file, restore_stderr),
        cmocka_unit_test_teardown(test_no_fonts, restore_stderr),
        cmocka_unit_test_teardown(test_pref_folder_cannot_be_made, restore_stderr),
        cmocka_unit_test_teardown(test_pref_folder_goes_away, restore_stderr),
        cmocka_unit_test_teardown(test_disk_full_while_saving, restore_stderr),
        cmocka_unit_test_teardown(test_pack_removed_with_saved_session, restore_stderr),
        cmocka_unit_test_teardown(test_chosen_pack_broken_since, restore_stderr),
        cmocka_unit_test_teardown(test_saved_session_no_longer_fits, restore_stderr),
        cmocka_unit_test_teardown(test_window_1x1_and_minimized, restore_stderr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
