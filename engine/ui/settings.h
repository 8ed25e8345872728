/*
 * settings.h: what the facilitator chose last time (display, sound, session setup), kept as a
 * small key=value text file in the user's folder.
 *
 * libc only. Plain text rather than JSON because only the content module may parse JSON, and
 * because a facilitator can fix a wrong value in any text editor. Unknown keys and bad values
 * are ignored (the default stays), so an old or damaged file never stops the game.
 */
#ifndef RUTAS_SETTINGS_H
#define RUTAS_SETTINGS_H

#include <stdbool.h>

/* The longest line settings_load() reads; longer lines are skipped. */
#define SETTINGS_LINE_MAX 8400

typedef struct Settings {
    char lang[36];    /* BCP 47 tag of the language shown; "" = the pack's source language */
    char region[8];   /* ISO 3166-1 alpha-2 for help lines; "" = none chosen */
    int text_percent; /* 100, 125 or 150 */
    bool high_contrast;
    bool reduce_motion;
    int sound_percent; /* 0..100 */
    int music_percent; /* 0..100 */
    bool fullscreen;
    /* Session setup, remembered for next time. */
    int teams;            /* 2..8 */
    int rounds;           /* 0: the pack's */
    int minutes;          /* 0: the pack's clock; -1: no clock (RULES_NO_CLOCK) */
    int max_age;          /* age band: cards above it are hidden */
    int max_intensity;    /* 1..3 */
    char topics_off[512]; /* ids of the topics switched off, comma separated */
    char excluded[8192];  /* ids of the cards left out in the card review, comma separated */
    int talk_minutes;     /* discussion timer on each card: 0 (off), 2, 3 or 5 */
    char pack[1024];      /* folder of the pack chosen on the Packs screen; "" = the default */
} Settings;

Settings settings_default(void);
/* Reads path over the defaults; returns false when the file cannot be read (defaults kept). */
bool settings_load(Settings *settings, const char *path);
/* Writes path atomically (a temporary file renamed over it); false on failure. */
bool settings_save(const Settings *settings, const char *path);
/* Applies one "key=value" line; returns false when the key is unknown or the value bad. */
bool settings_apply_line(Settings *settings, const char *line);

#endif
