/*
 * settings.c: key=value settings file.
 */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Settings settings_default(void)
{
    Settings s = {
        .lang = "",
        .region = "",
        .text_percent = 100,
        .high_contrast = false,
        .reduce_motion = false,
        .sound_percent = 80,
        .music_percent = 60,
        .fullscreen = false,
        .teams = 4,
        .rounds = 0,
        .minutes = 0,
        .max_age = 18,
        .max_intensity = 3,
        .talk_minutes = 0,
    };
    return s;
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi) {
        return false;
    }
    *out = (int)n;
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_tag(const char *v, char *out, size_t size)
{
    size_t n = strlen(v);
    if (n >= size) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!isalnum((unsigned char)v[i]) && v[i] != '-' && v[i] != '_') {
            return false;
        }
    }
    memcpy(out, v, n + 1);
    return true;
}

bool settings_apply_line(Settings *s, const char *line)
{
    char buf[SETTINGS_LINE_MAX];
    size_t n = strcspn(line, "\r\n");
    if (n >= sizeof buf) {
        return false;
    }
    memcpy(buf, line, n);
    buf[n] = '\0';
    char *eq = strchr(buf, '=');
    if (eq == NULL) {
        return false;
    }
    *eq = '\0';
    const char *k = buf, *v = eq + 1;
    int i;
    if (strcmp(k, "lang") == 0) {
        return parse_tag(v, s->lang, sizeof s->lang);
    }
    if (strcmp(k, "topics_off") == 0 || strcmp(k, "excluded") == 0) {
        /* Ids only ([a-z0-9-], comma separated): nothing else can be stored here. */
        char *out = k[0] == 't' ? s->topics_off : s->excluded;
        size_t size = k[0] == 't' ? sizeof s->topics_off : sizeof s->excluded;
        size_t len = strlen(v);
        if (len >= size || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-,") != len) {
            return false;
        }
        memcpy(out, v, len + 1);
        return true;
    }
    if (strcmp(k, "pack") == 0) {
        size_t len = strlen(v);
        if (len >= sizeof s->pack || strchr(v, '\n') != NULL) {
            return false;
        }
        memcpy(s->pack, v, len + 1);
        return true;
    }
    if (strcmp(k, "region") == 0) {
        return parse_tag(v, s->region, sizeof s->region);
    }
    if (strcmp(k, "text") == 0) {
        if (parse_int(v, 100, 150, &i) && (i == 100 || i == 125 || i == 150)) {
            s->text_percent = i;
            return true;
        }
        return false;
    }
    if (strcmp(k, "high_contrast") == 0) {
        return parse_bool(v, &s->high_contrast);
    }
    if (strcmp(k, "reduce_motion") == 0) {
        return parse_bool(v, &s->reduce_motion);
    }
    if (strcmp(k, "fullscreen") == 0) {
        return parse_bool(v, &s->fullscreen);
    }
    struct {
        const char *key;
        int *field;
        int lo, hi;
    } ints[] = {
        {"sound", &s->sound_percent, 0, 100},
        {"music", &s->music_percent, 0, 100},
        {"teams", &s->teams, 2, 8},
        {"rounds", &s->rounds, 0, 99},
        {"minutes", &s->minutes, -1, 240},
        {"max_age", &s->max_age, 6, 99},
        {"max_intensity", &s->max_intensity, 1, 3},
    };
    for (size_t j = 0; j < sizeof ints / sizeof ints[0]; j++) {
        if (strcmp(k, ints[j].key) == 0) {
            return parse_int(v, ints[j].lo, ints[j].hi, ints[j].field);
        }
    }
    if (strcmp(k, "talk_minutes") == 0) {
        if (parse_int(v, 0, 5, &i) && i != 1 && i != 4) {
            s->talk_minutes = i;
            return true;
        }
        return false;
    }
    return false;
}

bool settings_load(Settings *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return false;
    }
    char line[SETTINGS_LINE_MAX];
    while (fgets(line, sizeof line, f) != NULL) {
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] != '\n' && !feof(f)) {
            /* Too long for any setting: skip the rest of it, so its tail is not read as a
             * line of its own. */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n') {
            }
            continue;
        }
        if (line[0] != '#') {
            settings_apply_line(s, line);
        }
    }
    fclose(f);
    return true;
}

bool settings_save(const Settings *s, const char *path)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        return false;
    }
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        return false;
    }
    fprintf(f,
            "# Rutas settings: key=value, one per line. Delete this file to reset them.\n"
            "lang=%s\nregion=%s\ntext=%d\nhigh_contrast=%d\nreduce_motion=%d\nsound=%d\n"
            "music=%d\nfullscreen=%d\nteams=%d\nrounds=%d\nminutes=%d\nmax_age=%d\n"
            "max_intensity=%d\ntopics_off=%s\nexcluded=%s\ntalk_minutes=%d\npack=%s\n",
            s->lang, s->region, s->text_percent, s->high_contrast, s->reduce_motion,
            s->sound_percent, s->music_percent, s->fullscreen, s->teams, s->rounds, s->minutes,
            s->max_age, s->max_intensity, s->topics_off, s->excluded, s->talk_minutes, s->pack);
    bool ok = fflush(f) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return false;
    }
    return true;
}
