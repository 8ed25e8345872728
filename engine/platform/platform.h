/*
 * platform.h: everything the game needs from the operating system, through SDL2: start-up, the
 * window and its renderer, events turned into plain input values, folders and time.
 *
 * Only platform, render and app include SDL. The ui module sees Input values and never an
 * SDL_Event, so a screen can be driven by tests or a replay exactly as by a person.
 *
 * Ownership: a Window owns its SDL_Window and SDL_Renderer (platform_window_destroy). Paths are
 * written into buffers the caller owns.
 */
#ifndef RUTAS_PLATFORM_H
#define RUTAS_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_Window;
struct SDL_Renderer;
union SDL_Event;

/* ---- Input values --------------------------------------------------------------------------- */

typedef enum InputKind {
    INPUT_NONE,    /* an event the game does not care about */
    INPUT_QUIT,    /* the window was closed */
    INPUT_KEY,     /* a key went down (key, ch, shift) */
    INPUT_POINTER, /* a click or a tap at x, y (window pixels) */
    INPUT_MOTION,  /* the pointer moved to x, y (for focus under the mouse) */
    INPUT_WHEEL,   /* a scroll: y > 0 up, y < 0 down */
    INPUT_RESIZE,  /* the drawable size is now w x h */
    INPUT_EXPOSE   /* the window must be drawn again */
} InputKind;

typedef enum Key {
    KEY_NONE,
    KEY_ENTER,
    KEY_ESCAPE,
    KEY_SPACE,
    KEY_TAB,
    KEY_BACKSPACE,
    KEY_UP,
    KEY_DOWN,
    KEY_LEFT,
    KEY_RIGHT,
    KEY_PAGE_UP,   /* a presentation clicker's "back" */
    KEY_PAGE_DOWN, /* a presentation clicker's "next" */
    KEY_HOME,
    KEY_END,
    KEY_F1,
    KEY_F2,
    KEY_F11,
    KEY_CHAR /* a letter (lower case), a digit, '+', '-' or '?' in Input.ch */
} Key;

typedef struct Input {
    InputKind kind;
    Key key;
    char ch;    /* for KEY_CHAR */
    bool shift; /* a shift key was held */
    int x, y;   /* INPUT_POINTER, INPUT_MOTION, INPUT_WHEEL (y only) */
    int w, h;   /* INPUT_RESIZE */
} Input;

/* Turns one SDL event into an input value (INPUT_NONE for the rest). w and h are the drawable
 * size, used to place touch events given in 0..1 coordinates. */
Input platform_translate_event(const union SDL_Event *event, int w, int h);

/* ---- Start-up and the window ---------------------------------------------------------------- */

/* Initializes SDL video and events (audio belongs to the audio module) and SDL_ttf. Writes why
 * to err and returns false on failure. */
bool platform_init(char *err, size_t err_size);
void platform_quit(void);

typedef struct Window {
    struct SDL_Window *window;
    struct SDL_Renderer *renderer;
    bool software; /* no accelerated renderer was available */
    bool vsync;
    bool fullscreen;
} Window;

/* Opens a resizable window with an accelerated renderer (vsync when the driver offers it), or a
 * software renderer when there is no GPU. Returns false and writes why to err. */
bool platform_window_create(Window *window, const char *title, int w, int h, bool fullscreen,
                            char *err, size_t err_size);
void platform_window_destroy(Window *window);
void platform_window_set_fullscreen(Window *window, bool fullscreen);
/* The windows the screens are laid out for: at least PLATFORM_MIN_W x PLATFORM_MIN_H, and no
 * taller than PLATFORM_TALL_H for PLATFORM_TALL_W wide (a tablet held upright). */
#define PLATFORM_MIN_W  640
#define PLATFORM_MIN_H  480
#define PLATFORM_TALL_W 3
#define PLATFORM_TALL_H 4

/* Is w x h a size the screens are laid out for? */
static inline bool platform_size_is_laid_out(int w, int h)
{
    return w >= PLATFORM_MIN_W && h >= PLATFORM_MIN_H &&
           (long long)h * PLATFORM_TALL_W <= (long long)w * PLATFORM_TALL_H;
}

/* The size to lay out a picture of out_w x out_h at: the picture's own when the screens are
 * made for it, else the nearest size that is (grown to the minimum, or made less tall), which
 * the renderer then scales to fit the picture, centred. */
void platform_layout_size(int out_w, int out_h, int *w, int *h);

/* The size to lay out the window for, in renderer pixels: platform_layout_size() of the
 * renderer's output. When the two differ (a window manager that ignores the minimum size, a
 * minimized window that reports 0x0, a window much taller than wide), the renderer scales the
 * picture to fit (SDL's logical size, which also maps pointer and touch events back), so the
 * screens never see a size they were not made for and come back as they were. */
void platform_window_size(const Window *window, int *w, int *h);

/* ---- Folders -------------------------------------------------------------------------------- */

/* Finds the folder holding content/ and assets/: $RUTAS_DATA_DIR, then the executable's folder,
 * <exe dir>/../share/rutas (installed as bin/rutas), up to three parents of the executable's
 * folder (build/engine/app/rutas), then the source tree the program was built from. Returns
 * false when none has assets/fonts. */
bool platform_find_data_dir(char *out, size_t size);

/* The user's folder for settings and saves, with a trailing slash: $RUTAS_PREF_DIR when set
 * (tests use it), else <exe dir>/user/ when content/ and assets/ are beside the program and it
 * can write there (portable mode: the Windows zip, a USB stick), else SDL_GetPrefPath("Rutas",
 * "rutas"). Returns false when there is none. */
bool platform_pref_dir(char *out, size_t size);

/* Does this path name an existing regular file / folder? */
bool platform_file_exists(const char *path);
bool platform_dir_exists(const char *path);

/* Milliseconds since start-up. */
uint64_t platform_ticks(void);

/* ---- Watching a folder (rutas --watch; platform_watch.c) ------------------------------------ */

typedef struct PlatformWatch PlatformWatch;

/* Starts watching the files of dir and of its subfolders, two levels down, by their names,
 * sizes and times (files whose names start with '.' or end with '~', editors' swap and backup
 * files, are left out). With interval_ms > 0 a timer also pushes an event every interval_ms
 * (see platform_watch_is_tick), so that a loop asleep in SDL_WaitEvent wakes to check. Returns
 * NULL when dir cannot be read. The caller owns the watch (platform_watch_stop). */
PlatformWatch *platform_watch_start(const char *dir, uint32_t interval_ms);
/* Accepts NULL. */
void platform_watch_stop(PlatformWatch *watch);
/* Is event the watch's timer tick? */
bool platform_watch_is_tick(const PlatformWatch *watch, const union SDL_Event *event);
/* Have the files changed since the watch started or since the last call that said so? */
bool platform_watch_changed(PlatformWatch *watch);

#endif
