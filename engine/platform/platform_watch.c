/*
 * platform_watch.c: noticing that a folder's files changed (rutas --watch), by polling: the
 * names, sizes and modification times of the files in the folder and in its subfolders (a
 * pack's locales/, helplines/, guide/ and images/) are folded into one stamp, compared at each
 * check. A pack is a few dozen small files, so a check costs a few dozen stat() calls; an SDL
 * timer pushes an event at each interval so the game's loop, asleep in SDL_WaitEvent, wakes to
 * check and sleeps again. The same code runs on Linux and Windows (no inotify needed).
 */
#include "platform.h"

#include <SDL.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct PlatformWatch {
    char dir[4096];
    uint64_t stamp;
    SDL_TimerID timer;
    uint32_t event; /* the event type the timer pushes, or 0 */
    bool timer_system;
};

static uint64_t fnv(uint64_t h, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
    return h;
}

/* Editors' swap and backup files come and go while a file is open: they are not the pack. */
static bool ignored(const char *name)
{
    size_t len = strlen(name);
    return name[0] == '.' || (len > 0 && name[len - 1] == '~');
}

/* Adds every file under dir (down to depth more levels) to *stamp. The entries are summed, not
 * chained, so the order readdir() gives them in does not matter. */
static void scan(const char *dir, const char *rel, int depth, uint64_t *stamp, int *files)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && *files < 10000) {
        if (ignored(e->d_name)) {
            continue;
        }
        char path[4400], name[4400];
        snprintf(path, sizeof path, "%.4000s/%.255s", dir, e->d_name);
        snprintf(name, sizeof name, "%.4000s/%.255s", rel, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0) {
                scan(path, name, depth - 1, stamp, files);
            }
            continue;
        }
        uint64_t h = fnv(14695981039346656037ULL, name, strlen(name));
        long long size = (long long)st.st_size, time = (long long)st.st_mtime;
        h = fnv(h, &size, sizeof size);
        h = fnv(h, &time, sizeof time);
#if defined(__linux__)
        long nsec = st.st_mtim.tv_nsec; /* two saves in one second */
        h = fnv(h, &nsec, sizeof nsec);
#endif
        *stamp += h;
        (*files)++;
    }
    closedir(d);
}

static uint64_t stamp_of(const char *dir)
{
    uint64_t stamp = 0;
    int files = 0;
    scan(dir, "", 2, &stamp, &files);
    return stamp + (uint64_t)files;
}

static Uint32 tick(Uint32 interval, void *user)
{
    /* On SDL's timer thread: pushing an event is all that is safe here. The event type comes
     * in the pointer itself, so a tick running while the watch stops reads nothing freed. */
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = (Uint32)(uintptr_t)user;
    SDL_PushEvent(&ev);
    return interval;
}

PlatformWatch *platform_watch_start(const char *dir, uint32_t interval_ms)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return NULL;
    }
    closedir(d);
    PlatformWatch *w = calloc(1, sizeof *w);
    if (w == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    snprintf(w->dir, sizeof w->dir, "%s", dir);
    w->stamp = stamp_of(dir);
    if (interval_ms > 0 && SDL_InitSubSystem(SDL_INIT_TIMER) == 0) {
        w->timer_system = true;
        uint32_t type = SDL_RegisterEvents(1);
        if (type != (uint32_t)-1) {
            w->event = type;
            w->timer = SDL_AddTimer(interval_ms, tick, (void *)(uintptr_t)type);
        }
    }
    return w;
}

void platform_watch_stop(PlatformWatch *w)
{
    if (w == NULL) {
        return;
    }
    if (w->timer != 0) {
        SDL_RemoveTimer(w->timer);
    }
    if (w->timer_system) {
        SDL_QuitSubSystem(SDL_INIT_TIMER);
    }
    free(w);
}

bool platform_watch_is_tick(const PlatformWatch *w, const union SDL_Event *event)
{
    return w != NULL && w->event != 0 && event->type == w->event;
}

bool platform_watch_changed(PlatformWatch *w)
{
    if (w == NULL) {
        return false;
    }
    uint64_t now = stamp_of(w->dir);
    if (now == w->stamp) {
        return false;
    }
    w->stamp = now;
    return true;
}
