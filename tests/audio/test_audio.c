/*
 * test_audio.c: the audio module with SDL's dummy driver (sounds really go through the mixer),
 * with a driver that does not exist (the silent back end), with a missing sounds folder and
 * with missing or broken files; the event-to-cue mapping; and every shipped WAV file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "audio.h"

#include <SDL.h>
#include <SDL_mixer.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Log capture --------------------------------------------------------------------------- */

enum { LOG_LINES = 32, LOG_LINE_SIZE = 512 };
static char log_lines[LOG_LINES][LOG_LINE_SIZE];
static int log_count;

static void capture_log(void *userdata, int category, SDL_LogPriority priority, const char *message)
{
    (void)userdata;
    (void)category;
    (void)priority;
    if (log_count < LOG_LINES) {
        snprintf(log_lines[log_count], LOG_LINE_SIZE, "%s", message);
    }
    log_count++;
    fprintf(stderr, "[log] %s\n", message);
}

static int log_lines_containing(const char *text)
{
    int n = 0;
    for (int i = 0; i < log_count && i < LOG_LINES; i++) {
        n += strstr(log_lines[i], text) != NULL;
    }
    return n;
}

/* ---- Counting what the mixer really played ------------------------------------------------- */

/* Called from the audio thread when a voice finishes (or is halted). */
static SDL_atomic_t voices_finished;

static void on_voice_finished(int channel)
{
    (void)channel;
    SDL_AtomicAdd(&voices_finished, 1);
}

/* Waits (in real time: the dummy driver plays at the device's rate) until every voice has
 * finished, and returns how many voices played since the last call. */
static int voices_played(void)
{
    for (int waited = 0; Mix_Playing(-1) > 0 && waited < 5000; waited += 10) {
        SDL_Delay(10);
    }
    assert_int_equal(Mix_Playing(-1), 0);
    return SDL_AtomicSet(&voices_finished, 0);
}

/* ---- Fixtures ------------------------------------------------------------------------------ */

static char sounds_dir[1024];

static int setup_group(void **state)
{
    (void)state;
    const char *src = getenv("RUTAS_SOURCE_DIR");
    if (!src) {
        fprintf(stderr, "test_audio: set RUTAS_SOURCE_DIR to the source tree\n");
        return -1;
    }
    snprintf(sounds_dir, sizeof sounds_dir, "%s/assets/sounds", src);
    SDL_LogSetOutputFunction(capture_log, NULL);
    return 0;
}

static int teardown_group(void **state)
{
    (void)state;
    SDL_Quit();
    return 0;
}

/* The Audio a test has open, closed by the teardown even when an assertion fails half-way, so
 * that SDL's audio subsystem is released before the next test. */
static Audio *opened;
static bool test_opened_mixer;
static char temp_dir[64]; /* a folder of test sounds, removed by the teardown */

static void close_opened(void)
{
    if (SDL_WasInit(SDL_INIT_AUDIO)) {
        Mix_ChannelFinished(NULL);
    }
    audio_close(opened);
    opened = NULL;
}

static int setup_dummy(void **state)
{
    (void)state;
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    log_count = 0;
    SDL_AtomicSet(&voices_finished, 0);
    return 0;
}

static int teardown_close(void **state)
{
    (void)state;
    close_opened();
    if (test_opened_mixer) {
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        test_opened_mixer = false;
    }
    if (temp_dir[0]) {
        char path[128];
        snprintf(path, sizeof path, "%s/dice.wav", temp_dir);
        unlink(path);
        snprintf(path, sizeof path, "%s/step.wav", temp_dir);
        unlink(path);
        if (rmdir(temp_dir) != 0) {
            fprintf(stderr, "test_audio: cannot remove %s\n", temp_dir);
            return -1;
        }
        temp_dir[0] = '\0';
    }
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    return 0;
}

/* ---- Tests --------------------------------------------------------------------------------- */

static void test_cue_names(void **state)
{
    (void)state;
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        const char *name = audio_cue_name((AudioCue)i);
        const char *file = audio_cue_file((AudioCue)i);
        assert_non_null(name);
        assert_non_null(file);
        assert_int_equal(strncmp(file, name, strlen(name)), 0);
        assert_string_equal(file + strlen(name), ".wav");
    }
    assert_null(audio_cue_name(AUDIO_CUE_COUNT));
    assert_null(audio_cue_file((AudioCue)-1));
}

static bool cue_of(EventKind kind, int b, AudioCue *cue)
{
    Event e = {kind, 0, b, 0};
    return audio_cue_for_event(&e, cue);
}

static void test_event_mapping(void **state)
{
    (void)state;
    AudioCue cue = AUDIO_CUE_COUNT;
    assert_true(cue_of(EVENT_DICE, 4, &cue));
    assert_int_equal(cue, AUDIO_CUE_DICE);
    assert_true(cue_of(EVENT_STEP, 3, &cue));
    assert_int_equal(cue, AUDIO_CUE_STEP);
    assert_true(cue_of(EVENT_CARD, 0, &cue));
    assert_int_equal(cue, AUDIO_CUE_CARD);
    assert_true(cue_of(EVENT_POINTS, 2, &cue));
    assert_int_equal(cue, AUDIO_CUE_POINTS);
    assert_true(cue_of(EVENT_CLAIMED, 5, &cue));
    assert_int_equal(cue, AUDIO_CUE_POINTS);
    assert_true(cue_of(EVENT_PAUSED, 0, &cue));
    assert_int_equal(cue, AUDIO_CUE_PAUSE);
    assert_true(cue_of(EVENT_GAME_OVER, 0, &cue));
    assert_int_equal(cue, AUDIO_CUE_CHIME);
    assert_true(cue_of(EVENT_DICE, 0, NULL));

    /* Losing points makes no happy sound; bookkeeping events make none at all. */
    cue = AUDIO_CUE_COUNT;
    assert_false(cue_of(EVENT_POINTS, -1, &cue));
    assert_false(cue_of(EVENT_TURN, 1, &cue));
    assert_false(cue_of(EVENT_LANDED, 1, &cue));
    assert_false(cue_of(EVENT_TALLY, 1, &cue));
    assert_false(cue_of(EVENT_RENT, 1, &cue));
    assert_false(cue_of(EVENT_KIND_COUNT, 1, &cue));
    assert_int_equal(cue, AUDIO_CUE_COUNT);
    assert_false(audio_cue_for_event(NULL, &cue));
}

static void test_dummy_device_plays_every_cue(void **state)
{
    (void)state;
    char err[256] = "unset";
    Audio *audio = opened = audio_open(sounds_dir, NULL, err, sizeof err);
    assert_non_null(audio);
    assert_false(audio_is_silent(audio));
    assert_string_equal(err, "");
    assert_int_equal(log_count, 0);
    Mix_ChannelFinished(on_voice_finished);

    /* Lazy: nothing is loaded until a cue first plays. */
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        assert_false(audio_cue_is_loaded(audio, (AudioCue)i));
    }
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        audio_play(audio, (AudioCue)i);
        assert_true(audio_cue_is_loaded(audio, (AudioCue)i));
    }
    assert_int_equal(voices_played(), AUDIO_CUE_COUNT);
    assert_int_equal(audio_load_all(audio), AUDIO_CUE_COUNT);

    audio_play(audio, AUDIO_CUE_COUNT); /* out of range: ignored */
    audio_play(audio, (AudioCue)-3);
    assert_int_equal(voices_played(), 0);
    assert_int_equal(log_count, 0);

    close_opened();
}

static void test_dummy_device_maps_events(void **state)
{
    (void)state;
    Audio *audio = opened = audio_open(sounds_dir, NULL, NULL, 0);
    assert_false(audio_is_silent(audio));
    Mix_ChannelFinished(on_voice_finished);

    /* A roll as rules_apply reports it: each cue once, however many steps. */
    EventList list = {.count = 0};
    Event roll[] = {
        {EVENT_DICE, 3, 4, 7},  {EVENT_STEP, 0, 1, 0},   {EVENT_STEP, 0, 2, 0},
        {EVENT_STEP, 0, 3, 0},  {EVENT_STEP, 0, 4, 0},   {EVENT_STEP, 0, 5, 0},
        {EVENT_STEP, 0, 6, 0},  {EVENT_STEP, 0, 7, 0},   {EVENT_LANDED, 0, 7, 0},
        {EVENT_CARD, 12, 1, 0}, {EVENT_POINTS, 0, 2, 0}, {EVENT_POINTS, 1, -1, 0},
        {EVENT_TURN, 1, 1, 0},
    };
    for (size_t i = 0; i < sizeof roll / sizeof roll[0]; i++) {
        list.items[list.count++] = roll[i];
    }
    audio_play_events(audio, &list);
    assert_int_equal(voices_played(), 4); /* dice, step, card, points */

    /* One event at a time, as an animated board plays them: one tick per step. */
    for (int i = 0; i < list.count; i++) {
        audio_play_event(audio, &list.items[i]);
    }
    assert_int_equal(voices_played(), 10); /* dice, 7 steps, card, the gain */

    audio_play_events(audio, NULL);
    audio_play_event(audio, NULL);
    list.count = 0;
    audio_play_events(audio, &list);
    assert_int_equal(voices_played(), 0);

    close_opened();
}

static void test_volume(void **state)
{
    (void)state;
    AudioSettings wild = {150, -20};
    Audio *audio = opened = audio_open(sounds_dir, &wild, NULL, 0);
    AudioSettings s = audio_settings(audio);
    assert_int_equal(s.sound_percent, 100);
    assert_int_equal(s.music_percent, 0);
    assert_int_equal(Mix_Volume(0, -1), MIX_MAX_VOLUME);
    assert_int_equal(Mix_VolumeMusic(-1), 0);

    audio_set_volume(audio, 50, 25);
    s = audio_settings(audio);
    assert_int_equal(s.sound_percent, 50);
    assert_int_equal(s.music_percent, 25);
    assert_int_equal(Mix_Volume(Mix_AllocateChannels(-1) - 1, -1), MIX_MAX_VOLUME / 2);
    assert_int_equal(Mix_VolumeMusic(-1), MIX_MAX_VOLUME / 4);

    /* At 0 % nothing plays at all. */
    Mix_ChannelFinished(on_voice_finished);
    audio_set_volume(audio, 0, 0);
    audio_play(audio, AUDIO_CUE_DICE);
    assert_int_equal(voices_played(), 0);
    audio_set_volume(audio, 100, 0);
    audio_play(audio, AUDIO_CUE_DICE);
    assert_int_equal(voices_played(), 1);

    close_opened();
    audio_set_volume(NULL, 10, 10); /* NULL: ignored */
}

static void test_no_device_runs_silently(void **state)
{
    (void)state;
    SDL_setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    char err[256] = "unset";
    Audio *audio = opened = audio_open(sounds_dir, NULL, err, sizeof err);
    assert_non_null(audio);
    assert_true(audio_is_silent(audio));
    assert_true(strlen(err) > 0);
    assert_int_equal(log_count, 1);
    assert_int_equal(log_lines_containing("rutas: no audio device ("), 1);
    assert_int_equal(log_lines_containing("); running silently"), 1);
    assert_non_null(strstr(log_lines[0], err));

    /* Every call is accepted and nothing more is logged. */
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        audio_play(audio, (AudioCue)i);
        assert_false(audio_cue_is_loaded(audio, (AudioCue)i));
    }
    EventList list = {.items = {{EVENT_DICE, 1, 2, 3}, {EVENT_GAME_OVER, 0, 0, 0}}, .count = 2};
    audio_play_events(audio, &list);
    audio_play_event(audio, &list.items[0]);
    audio_set_volume(audio, 40, 40);
    assert_int_equal(audio_settings(audio).sound_percent, 40);
    assert_int_equal(audio_load_all(audio), 0);
    assert_int_equal(log_count, 1);
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
    close_opened();

    /* The failure leaves nothing behind: the dummy driver works again afterwards. */
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    audio = opened = audio_open(sounds_dir, NULL, NULL, 0);
    assert_false(audio_is_silent(audio));
    close_opened();
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
}

static void test_missing_folder_runs_silently(void **state)
{
    (void)state;
    const char *missing = "/nonexistent/rutas/sounds";
    char err[256] = "unset";
    Audio *audio = opened = audio_open(missing, NULL, err, sizeof err);
    assert_non_null(audio);
    assert_true(audio_is_silent(audio));
    assert_non_null(strstr(err, missing));
    assert_int_equal(log_count, 1);
    assert_int_equal(log_lines_containing(missing), 1);
    assert_int_equal(log_lines_containing("running silently"), 1);
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        audio_play(audio, (AudioCue)i);
    }
    assert_int_equal(audio_load_all(audio), 0);
    assert_int_equal(log_count, 1);
    close_opened();

    audio = opened = audio_open(NULL, NULL, NULL, 0);
    assert_true(audio_is_silent(audio));
    close_opened();
    audio_close(NULL);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        assert_int_equal(fwrite(buf, 1, n, out), n);
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void test_missing_and_broken_files(void **state)
{
    (void)state;
    snprintf(temp_dir, sizeof temp_dir, "/tmp/rutas-test-audio-XXXXXX");
    assert_non_null(mkdtemp(temp_dir));
    const char *dir = temp_dir;
    char from[1200], dice[1200], step[1200];
    snprintf(from, sizeof from, "%s/dice.wav", sounds_dir);
    snprintf(dice, sizeof dice, "%s/dice.wav", dir);
    snprintf(step, sizeof step, "%s/step.wav", dir);
    copy_file(from, dice);
    FILE *f = fopen(step, "wb");
    assert_non_null(f);
    fputs("RIFF this is not really a wave file", f);
    fclose(f);

    Audio *audio = opened = audio_open(dir, NULL, NULL, 0);
    assert_false(audio_is_silent(audio));
    assert_int_equal(log_count, 0);
    Mix_ChannelFinished(on_voice_finished);

    audio_play(audio, AUDIO_CUE_STEP);
    assert_int_equal(log_count, 1);
    assert_int_equal(log_lines_containing(step), 1);
    assert_int_equal(log_lines_containing("the step cue stays silent"), 1);
    assert_int_equal(log_lines_containing("does not load"), 1);
    assert_false(audio_cue_is_loaded(audio, AUDIO_CUE_STEP));
    audio_play(audio, AUDIO_CUE_STEP); /* already known to be broken: no second line */
    assert_int_equal(log_count, 1);

    audio_play(audio, AUDIO_CUE_DICE);
    assert_true(audio_cue_is_loaded(audio, AUDIO_CUE_DICE));
    assert_int_equal(voices_played(), 1);

    /* The five missing files: one line each, by name, then silence. */
    assert_int_equal(audio_load_all(audio), 1);
    assert_int_equal(log_count, 6);
    assert_int_equal(log_lines_containing("is missing or unreadable"), 5);
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        if (i != AUDIO_CUE_DICE && i != AUDIO_CUE_STEP) {
            assert_int_equal(log_lines_containing(audio_cue_file((AudioCue)i)), 1);
        }
    }
    assert_int_equal(audio_load_all(audio), 1);
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        audio_play(audio, (AudioCue)i);
    }
    assert_int_equal(voices_played(), 1);
    assert_int_equal(log_count, 6);

    close_opened();
}

/* What tools/make-sounds.py promises, checked on the committed files. */
static void check_wav_samples(const char *path)
{
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 len = 0;
    assert_non_null(SDL_LoadWAV(path, &spec, &buf, &len));
    assert_int_equal(spec.format, AUDIO_S16LSB);
    assert_int_equal(spec.channels, 1);
    assert_true(spec.freq == 22050 || spec.freq == 44100);
    size_t n = len / 2;
    assert_true(n > 0);
    const Sint16 *s = (const Sint16 *)buf;
    int peak = 0;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        int v = abs(s[i]);
        peak = v > peak ? v : peak;
        sum += s[i];
    }
    double peak_db = 20.0 * log10(peak / 32768.0);
    double mean = sum / (double)n / 32768.0;
    fprintf(stderr, "%s: %.3f s, peak %.1f dBFS, mean %.6f\n", path, (double)n / spec.freq, peak_db,
            mean);
    assert_true(peak_db <= -5.0);  /* headroom: never loud */
    assert_true(peak_db >= -12.0); /* but heard */
    assert_true(fabs(mean) < 0.001);
    assert_true(abs(s[0]) <= 1 && abs(s[n - 1]) <= 1); /* starts and ends in silence */
    SDL_FreeWAV(buf);
}

static void test_every_shipped_wav_loads(void **state)
{
    (void)state;
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    if (Mix_OpenAudio(44100, MIX_DEFAULT_FORMAT, 2, 1024) != 0) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        fail_msg("Mix_OpenAudio: %s", Mix_GetError());
    }
    test_opened_mixer = true;

    DIR *d = opendir(sounds_dir);
    assert_non_null(d);
    int wavs = 0;
    bool has_cue[AUDIO_CUE_COUNT] = {false};
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (len < 5 || strcmp(entry->d_name + len - 4, ".wav") != 0) {
            continue;
        }
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", sounds_dir, entry->d_name);
        Mix_Chunk *chunk = Mix_LoadWAV(path);
        if (!chunk) {
            fprintf(stderr, "%s: %s\n", path, Mix_GetError());
        }
        assert_non_null(chunk);
        assert_true(chunk->alen > 0);
        Mix_FreeChunk(chunk);

        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size < 60 * 1024);
        check_wav_samples(path);

        for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
            has_cue[i] |= strcmp(entry->d_name, audio_cue_file((AudioCue)i)) == 0;
        }
        wavs++;
    }
    closedir(d);
    assert_true(wavs >= AUDIO_CUE_COUNT);
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        assert_true(has_cue[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cue_names),
        cmocka_unit_test(test_event_mapping),
        cmocka_unit_test_setup_teardown(test_dummy_device_plays_every_cue, setup_dummy,
                                        teardown_close),
        cmocka_unit_test_setup_teardown(test_dummy_device_maps_events, setup_dummy, teardown_close),
        cmocka_unit_test_setup_teardown(test_volume, setup_dummy, teardown_close),
        cmocka_unit_test_setup_teardown(test_no_device_runs_silently, setup_dummy, teardown_close),
        cmocka_unit_test_setup_teardown(test_missing_folder_runs_silently, setup_dummy,
                                        teardown_close),
        cmocka_unit_test_setup_teardown(test_missing_and_broken_files, setup_dummy, teardown_close),
        cmocka_unit_test_setup_teardown(test_every_shipped_wav_loads, setup_dummy, teardown_close),
    };
    return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
