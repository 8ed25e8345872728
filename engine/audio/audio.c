/*
 * audio.c: sound cues through SDL2_mixer, with a silent back end.
 *
 * Depends on SDL2, SDL2_mixer and rules.h's event types; nothing else of Rutas. Every failure
 * here ends in silence and one log line, never in an error the game must handle.
 */
#include "audio.h"

#include <SDL.h>
#include <SDL_mixer.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The mixer's output. 44.1 kHz stereo is what nearly every device runs natively, so SDL need
 * not resample the stream; 1024 frames (23 ms) keeps a dice roll in step with the animation. */
enum { MIXER_RATE = 44100, MIXER_CHANNELS = 2, MIXER_FRAMES = 1024 };
/* Playback voices: a fast walk plays a tick every 100 ms or so while a chime rings on, and a
 * cue that finds no free voice is dropped, so leave room. */
enum { MIXER_VOICES = 16 };

typedef enum CueState { CUE_UNTRIED, CUE_LOADED, CUE_FAILED } CueState;

struct Audio {
    bool silent;
    bool subsystem; /* we hold a reference on SDL's audio subsystem */
    char *dir;
    AudioSettings settings;
    CueState state[AUDIO_CUE_COUNT];
    Mix_Chunk *chunk[AUDIO_CUE_COUNT];
};

static const char *const cue_names[AUDIO_CUE_COUNT] = {
    "dice", "step", "card", "reveal", "chime", "points", "pause",
};
static const char *const cue_files[AUDIO_CUE_COUNT] = {
    "dice.wav", "step.wav", "card.wav", "reveal.wav", "chime.wav", "points.wav", "pause.wav",
};

static void *checked(void *p)
{
    if (!p) {
        fprintf(stderr, "rutas: out of memory (audio)\n");
        abort();
    }
    return p;
}

static bool cue_is_valid(AudioCue cue)
{
    return (int)cue >= 0 && cue < AUDIO_CUE_COUNT;
}

static int clamp_percent(int percent)
{
    return percent < 0 ? 0 : percent > 100 ? 100 : percent;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    if (dst && size > 0) {
        snprintf(dst, size, "%s", src);
    }
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void apply_volume(const Audio *audio)
{
    if (!audio->silent) {
        Mix_Volume(-1, audio->settings.sound_percent * MIX_MAX_VOLUME / 100);
        Mix_VolumeMusic(audio->settings.music_percent * MIX_MAX_VOLUME / 100);
    }
}

Audio *audio_open(const char *sounds_dir, const AudioSettings *settings, char *err, size_t err_size)
{
    Audio *audio = checked(calloc(1, sizeof *audio));
    const char *dir = sounds_dir ? sounds_dir : "";
    audio->dir = checked(malloc(strlen(dir) + 1));
    memcpy(audio->dir, dir, strlen(dir) + 1);
    AudioSettings defaults = {AUDIO_DEFAULT_SOUND_PERCENT, AUDIO_DEFAULT_MUSIC_PERCENT};
    audio->settings = settings ? *settings : defaults;
    audio->settings.sound_percent = clamp_percent(audio->settings.sound_percent);
    audio->settings.music_percent = clamp_percent(audio->settings.music_percent);
    copy_text(err, err_size, "");

    /* Without the folder no cue could ever play: skip the device instead of holding it open
     * for nothing, and say so once here rather than once per cue. */
    if (!is_directory(audio->dir)) {
        char why[512];
        snprintf(why, sizeof why, "no sounds folder '%s'", audio->dir);
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "rutas: %s; running silently", why);
        copy_text(err, err_size, why);
        audio->silent = true;
        return audio;
    }

    /* SDL_GetError() is copied at once: the next SDL call may overwrite it. */
    char sdl_error[256] = "";
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(sdl_error, sizeof sdl_error, "%s", SDL_GetError());
    } else {
        audio->subsystem = true;
        if (Mix_OpenAudio(MIXER_RATE, MIX_DEFAULT_FORMAT, MIXER_CHANNELS, MIXER_FRAMES) != 0) {
            snprintf(sdl_error, sizeof sdl_error, "%s", Mix_GetError());
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
            audio->subsystem = false;
        }
    }
    if (!audio->subsystem) {
        if (!sdl_error[0]) {
            snprintf(sdl_error, sizeof sdl_error, "SDL gave no reason");
        }
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "rutas: no audio device (%s); running silently",
                    sdl_error);
        copy_text(err, err_size, sdl_error);
        audio->silent = true;
        return audio;
    }
    Mix_AllocateChannels(MIXER_VOICES);
    apply_volume(audio);
    return audio;
}

void audio_close(Audio *audio)
{
    if (!audio) {
        return;
    }
    if (!audio->silent) {
        /* Halt first: a chunk must not be freed while a channel still plays it. */
        Mix_HaltChannel(-1);
        for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
            Mix_FreeChunk(audio->chunk[i]);
        }
        Mix_CloseAudio();
    }
    if (audio->subsystem) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(audio->dir);
    free(audio);
}

bool audio_is_silent(const Audio *audio)
{
    return !audio || audio->silent;
}

static bool load_cue(Audio *audio, AudioCue cue)
{
    if (audio->state[cue] != CUE_UNTRIED) {
        return audio->state[cue] == CUE_LOADED;
    }
    size_t size = strlen(audio->dir) + 1 + strlen(cue_files[cue]) + 1;
    char *path = checked(malloc(size));
    snprintf(path, size, "%s/%s", audio->dir, cue_files[cue]);
    /* Opened here rather than by Mix_LoadWAV so that a missing file and a broken one get
     * different messages (Mix_LoadWAV reports a missing file as "NULL src"). */
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION,
                    "rutas: sound file '%s' is missing or unreadable; the %s cue stays silent",
                    path, cue_names[cue]);
    } else {
        audio->chunk[cue] = Mix_LoadWAV_RW(rw, 1);
        if (!audio->chunk[cue]) {
            SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION,
                        "rutas: sound file '%s' does not load (%s); the %s cue stays silent", path,
                        Mix_GetError(), cue_names[cue]);
        }
    }
    /* Failures are logged once: CUE_FAILED is not retried. */
    audio->state[cue] = audio->chunk[cue] ? CUE_LOADED : CUE_FAILED;
    free(path);
    return audio->state[cue] == CUE_LOADED;
}

int audio_load_all(Audio *audio)
{
    if (audio_is_silent(audio)) {
        return 0;
    }
    int loaded = 0;
    for (int i = 0; i < AUDIO_CUE_COUNT; i++) {
        loaded += load_cue(audio, (AudioCue)i);
    }
    return loaded;
}

bool audio_cue_is_loaded(const Audio *audio, AudioCue cue)
{
    return !audio_is_silent(audio) && cue_is_valid(cue) && audio->state[cue] == CUE_LOADED;
}

void audio_play(Audio *audio, AudioCue cue)
{
    if (audio_is_silent(audio) || !cue_is_valid(cue) || audio->settings.sound_percent == 0) {
        return;
    }
    if (load_cue(audio, cue)) {
        /* -1 when every voice is busy: that cue is simply not heard. */
        Mix_PlayChannel(-1, audio->chunk[cue], 0);
    }
}

void audio_set_volume(Audio *audio, int sound_percent, int music_percent)
{
    if (!audio) {
        return;
    }
    audio->settings.sound_percent = clamp_percent(sound_percent);
    audio->settings.music_percent = clamp_percent(music_percent);
    apply_volume(audio);
}

AudioSettings audio_settings(const Audio *audio)
{
    AudioSettings none = {0, 0};
    return audio ? audio->settings : none;
}

bool audio_cue_for_event(const Event *event, AudioCue *cue)
{
    AudioCue c;
    switch (event ? event->kind : EVENT_KIND_COUNT) {
    case EVENT_DICE:
        c = AUDIO_CUE_DICE;
        break;
    case EVENT_STEP:
        c = AUDIO_CUE_STEP;
        break;
    case EVENT_CARD:
        c = AUDIO_CUE_CARD;
        break;
    case EVENT_POINTS:
        /* A positive blip for a loss would tell the group the wrong thing. */
        if (event->b <= 0) {
            return false;
        }
        c = AUDIO_CUE_POINTS;
        break;
    case EVENT_CLAIMED:
        c = AUDIO_CUE_POINTS;
        break;
    case EVENT_PAUSED:
        c = AUDIO_CUE_PAUSE;
        break;
    case EVENT_GAME_OVER:
        c = AUDIO_CUE_CHIME;
        break;
    default:
        return false;
    }
    if (cue) {
        *cue = c;
    }
    return true;
}

void audio_play_event(Audio *audio, const Event *event)
{
    AudioCue cue;
    if (audio_cue_for_event(event, &cue)) {
        audio_play(audio, cue);
    }
}

void audio_play_events(Audio *audio, const EventList *events)
{
    if (!events) {
        return;
    }
    bool played[AUDIO_CUE_COUNT] = {false};
    int count = events->count < EVENT_LIST_MAX ? events->count : EVENT_LIST_MAX;
    for (int i = 0; i < count; i++) {
        AudioCue cue;
        if (audio_cue_for_event(&events->items[i], &cue) && !played[cue]) {
            played[cue] = true;
            audio_play(audio, cue);
        }
    }
}

const char *audio_cue_name(AudioCue cue)
{
    return cue_is_valid(cue) ? cue_names[cue] : NULL;
}

const char *audio_cue_file(AudioCue cue)
{
    return cue_is_valid(cue) ? cue_files[cue] : NULL;
}
