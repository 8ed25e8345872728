/*
 * audio.h: the game's sound cues through SDL2_mixer.
 *
 * The audio module turns rules events (and a few UI moments such as a reveal or the discussion
 * timer) into short sounds from assets/sounds/. It depends on SDL2, SDL2_mixer and the rules
 * core's event types only; the rules core never calls it.
 *
 * Sound is never a reason for the game to fail. With no audio device, or no sounds folder,
 * audio_open() returns a silent back end that accepts every call and plays nothing; it says so
 * once in the log. A missing or broken sound file is logged once by name and that cue stays
 * silent. Log lines go through SDL_LogWarn (category APPLICATION) so the app can route them.
 *
 * Sounds are loaded lazily, on a cue's first play, so start-up stays fast; audio_load_all()
 * loads the rest at a moment of the caller's choosing (say, after the first frame).
 *
 * Ownership: the caller owns the Audio from audio_open() and gives it back with audio_close().
 * The Audio owns its loaded sounds and a copy of sounds_dir; the settings are copied. Nothing
 * returned by this module needs freeing. Call it from one thread (the main loop's), and keep
 * one Audio open at a time: SDL_mixer has a single global mixer.
 *
 * SDL: audio_open() initialises SDL's audio subsystem itself (SDL counts these) and
 * audio_close() releases it; SDL_Quit() remains the app's job.
 */
#ifndef RUTAS_AUDIO_H
#define RUTAS_AUDIO_H

#include "rules.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum AudioCue {
    AUDIO_CUE_DICE,   /* the dice roll */
    AUDIO_CUE_STEP,   /* a token walks one space */
    AUDIO_CUE_CARD,   /* a card is turned over */
    AUDIO_CUE_REVEAL, /* a myth/fact or scenario answer is shown */
    AUDIO_CUE_CHIME,  /* the discussion timer ran out; the session ended */
    AUDIO_CUE_POINTS, /* a team gained points */
    AUDIO_CUE_PAUSE,  /* a team goes to the pause corner */
    AUDIO_CUE_COUNT
} AudioCue;

#define AUDIO_DEFAULT_SOUND_PERCENT 80
#define AUDIO_DEFAULT_MUSIC_PERCENT 60

typedef struct AudioSettings {
    int sound_percent; /* 0..100; 0 plays nothing */
    int music_percent; /* 0..100; kept for music, which the game may add later */
} AudioSettings;

typedef struct Audio Audio;

/* Opens the audio device and remembers where the cues' WAV files are (one file per cue, named
 * by audio_cue_file()). settings may be NULL for the defaults; out-of-range percentages are
 * clamped. Never returns NULL and never fails the game: without a device or without the
 * folder it returns the silent back end, logs one line ("rutas: no audio device (...); running
 * silently" or the folder's name), and writes the reason into err (when err is not NULL);
 * otherwise err gets "". Loads no sound yet. Aborts with a message when out of memory. */
Audio *audio_open(const char *sounds_dir, const AudioSettings *settings, char *err,
                  size_t err_size);
/* Stops every sound, frees the loaded sounds and closes the device. NULL is fine. */
void audio_close(Audio *audio);

/* True for the silent back end (no audio device, or no sounds folder). */
bool audio_is_silent(const Audio *audio);

/* Loads every cue not loaded yet and returns how many cues can play (0 when silent). A file
 * that does not load is logged once, by name, and its cue stays silent. */
int audio_load_all(Audio *audio);
/* True when the cue's sound is loaded and can play. */
bool audio_cue_is_loaded(const Audio *audio, AudioCue cue);

/* Starts a cue (loading it on its first play). Cues overlap; a cue that finds every mixer
 * channel busy is dropped. Silent back end, a silent cue, 0 % volume or an out-of-range cue:
 * nothing happens. */
void audio_play(Audio *audio, AudioCue cue);

/* Sets the volumes, 0..100 (clamped); applies to sounds already playing too. */
void audio_set_volume(Audio *audio, int sound_percent, int music_percent);
AudioSettings audio_settings(const Audio *audio);

/* The cue for a rules event; false when the event makes no sound. DICE, STEP, CARD, PAUSED
 * and GAME_OVER (the chime) have cues; POINTS and CLAIMED play the points blip when a team
 * gains. The UI plays REVEAL and CHIME itself at the moments it shows them. */
bool audio_cue_for_event(const Event *event, AudioCue *cue);
/* Plays the cue for one event, if it has one. An animated board calls this as each event is
 * shown (one step tick per space walked). */
void audio_play_event(Audio *audio, const Event *event);
/* Plays the cues for a list of events that happen at once (events may be NULL): each cue at
 * most once, so six steps in one list make one tick rather than one loud one. */
void audio_play_events(Audio *audio, const EventList *events);

/* "dice", "step", ...; NULL for an out-of-range cue. */
const char *audio_cue_name(AudioCue cue);
/* The cue's file name inside sounds_dir, "dice.wav", ...; NULL for an out-of-range cue. */
const char *audio_cue_file(AudioCue cue);

#endif
