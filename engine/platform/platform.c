/*
 * platform.c: SDL2 start-up, window, renderer, event translation and folders.
 */
#include "platform.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef RUTAS_SOURCE_DIR
#define RUTAS_SOURCE_DIR ""
#endif

static Key key_from_sym(SDL_Keycode sym, char *ch)
{
    *ch = 0;
    switch (sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return KEY_ENTER;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        return KEY_ESCAPE;
    case SDLK_SPACE:
        return KEY_SPACE;
    case SDLK_TAB:
        return KEY_TAB;
    case SDLK_BACKSPACE:
        return KEY_BACKSPACE;
    case SDLK_UP:
        return KEY_UP;
    case SDLK_DOWN:
        return KEY_DOWN;
    case SDLK_LEFT:
        return KEY_LEFT;
    case SDLK_RIGHT:
        return KEY_RIGHT;
    case SDLK_PAGEUP:
        return KEY_PAGE_UP;
    case SDLK_PAGEDOWN:
        return KEY_PAGE_DOWN;
    case SDLK_HOME:
        return KEY_HOME;
    case SDLK_END:
        return KEY_END;
    case SDLK_F1:
        return KEY_F1;
    case SDLK_F2:
        return KEY_F2;
    case SDLK_F11:
        return KEY_F11;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_EQUALS:
        *ch = '+';
        return KEY_CHAR;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        *ch = '-';
        return KEY_CHAR;
    default:
        break;
    }
    if (sym >= SDLK_a && sym <= SDLK_z) {
        *ch = (char)('a' + (sym - SDLK_a));
        return KEY_CHAR;
    }
    if (sym >= SDLK_0 && sym <= SDLK_9) {
        *ch = (char)('0' + (sym - SDLK_0));
        return KEY_CHAR;
    }
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) {
        *ch = (char)('1' + (sym - SDLK_KP_1));
        return KEY_CHAR;
    }
    if (sym == SDLK_KP_0) {
        *ch = '0';
        return KEY_CHAR;
    }
    return KEY_NONE;
}

/* A touch comes as a fraction of the window, which a driver may hand over a little outside
 * 0..1, or as no number at all; a float that does not fit an int must never be converted. */
static bool finger_pixel(float at, int size, int *out)
{
    if (at != at) {
        return false; /* NaN */
    }
    at = at < 0.0f ? 0.0f : at > 1.0f ? 1.0f : at;
    int px = (int)(at * (float)(size > 0 ? size : 0));
    *out = px >= size ? (size > 0 ? size - 1 : 0) : px;
    return true;
}

Input platform_translate_event(const SDL_Event *event, int w, int h)
{
    Input in = {0};
    switch (event->type) {
    case SDL_QUIT:
        in.kind = INPUT_QUIT;
        break;
    case SDL_KEYDOWN:
        in.key = key_from_sym(event->key.keysym.sym, &in.ch);
        in.shift = (event->key.keysym.mod & KMOD_SHIFT) != 0;
        /* '?' comes from text input so that it works on every keyboard layout; Shift+/ would
         * otherwise fire twice on a US layout. */
        if (in.key != KEY_NONE) {
            in.kind = INPUT_KEY;
        }
        break;
    case SDL_TEXTINPUT:
        if (strcmp(event->text.text, "?") == 0 || strcmp(event->text.text, "\xC2\xBF") == 0) {
            in.kind = INPUT_KEY;
            in.key = KEY_CHAR;
            in.ch = '?';
        }
        break;
    case SDL_MOUSEBUTTONDOWN:
        /* Touch also produces synthetic mouse events; the finger event handles those. */
        if (event->button.which != SDL_TOUCH_MOUSEID && event->button.button == SDL_BUTTON_LEFT) {
            in.kind = INPUT_POINTER;
            in.x = event->button.x;
            in.y = event->button.y;
        }
        break;
    case SDL_MOUSEMOTION:
        if (event->motion.which != SDL_TOUCH_MOUSEID) {
            in.kind = INPUT_MOTION;
            in.x = event->motion.x;
            in.y = event->motion.y;
        }
        break;
    case SDL_MOUSEWHEEL:
        in.kind = INPUT_WHEEL;
        in.y = event->wheel.y;
        break;
    case SDL_FINGERDOWN:
        if (finger_pixel(event->tfinger.x, w, &in.x) && finger_pixel(event->tfinger.y, h, &in.y)) {
            in.kind = INPUT_POINTER;
        }
        break;
    case SDL_WINDOWEVENT:
        switch (event->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
            in.kind = INPUT_RESIZE;
            in.w = w;
            in.h = h;
            break;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
            in.kind = INPUT_EXPOSE;
            break;
        default:
            break;
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        in.kind = INPUT_EXPOSE;
        break;
    default:
        break;
    }
    return in;
}

bool platform_init(char *err, size_t err_size)
{
    /* Board games do not need the screen saver off, and a projector left on a calm screen
     * should be allowed to sleep. */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    /* With the software renderer, present straight to the window (X11 shared memory) rather
     * than through an OpenGL texture: on a machine without a GPU that texture is drawn by
     * Mesa's llvmpipe, which tripled the time of a 1920x1080 frame and added some 100 MB of
     * memory (docs/performance.md). SDL_FRAMEBUFFER_ACCELERATION in the environment wins. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_size, "cannot start SDL video: %s", SDL_GetError());
        return false;
    }
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        SDL_Quit();
        return false;
    }
    return true;
}

void platform_quit(void)
{
    TTF_Quit();
    SDL_Quit();
}

/* Is the renderer OpenGL drawn by the CPU (Mesa's llvmpipe, softpipe or swrast)? Then SDL's
 * own software renderer is the faster and smaller of the two: llvmpipe took ~35 ms for a
 * 1920x1080 frame that the software renderer draws in ~4 ms, and needs ~100 MB more. */
static bool is_cpu_opengl(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || strncmp(info.name, "opengl", 6) != 0 ||
        SDL_GL_GetCurrentContext() == NULL) {
        return false;
    }
    typedef const unsigned char *(*GetString)(unsigned int);
    GetString get_string = (GetString)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const char *name = get_string != NULL ? (const char *)get_string(0x1F01) : NULL; /* RENDERER */
    if (name == NULL) {
        return false;
    }
    static const char *const cpu[] = {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"};
    for (size_t i = 0; i < sizeof cpu / sizeof cpu[0]; i++) {
        if (strstr(name, cpu[i]) != NULL) {
            SDL_Log("OpenGL is drawn by the CPU (%s): using the software renderer", name);
            return true;
        }
    }
    return false;
}

/* Can this machine have a GPU renderer at all? On Linux a GPU shows as /dev/dri (Mesa and the
 * kernel's drivers) or /dev/nvidiactl. Without one, OpenGL would be Mesa's llvmpipe: creating
 * its context only to give way to the software renderer cost ~60 MB of peak memory (LLVM) and
 * time at start-up, so the software renderer is chosen at once. */
static bool may_have_gpu(void)
{
#if defined(__linux__)
    struct stat st;
    return stat("/dev/dri", &st) == 0 || stat("/dev/nvidiactl", &st) == 0;
#else
    return true;
#endif
}

bool platform_window_create(Window *window, const char *title, int w, int h, bool fullscreen,
                            char *err, size_t err_size)
{
    memset(window, 0, sizeof *window);
    Uint32 flags = SDL_WINDOW_RESIZABLE;
    if (fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    window->window =
        SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (window->window == NULL) {
        snprintf(err, err_size, "cannot open a window: %s", SDL_GetError());
        return false;
    }
    SDL_SetWindowMinimumSize(window->window, PLATFORM_MIN_W, PLATFORM_MIN_H);
    window->fullscreen = fullscreen;
    /* Best first: a GPU with vsync, a GPU without, then software (old laptops, Xvfb). */
    static const Uint32 tries[] = {
        SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE,
        SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE,
        SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE,
    };
    /* A renderer named in SDL_RENDER_DRIVER is kept as it is. */
    bool chosen = SDL_GetHint(SDL_HINT_RENDER_DRIVER) != NULL;
    size_t first = chosen || may_have_gpu() ? 0 : sizeof tries / sizeof tries[0] - 1;
    for (size_t i = first; i < sizeof tries / sizeof tries[0] && window->renderer == NULL; i++) {
        window->renderer = SDL_CreateRenderer(window->window, -1, tries[i]);
        if (window->renderer != NULL && !chosen && i + 1 < sizeof tries / sizeof tries[0] &&
            is_cpu_opengl(window->renderer)) {
            SDL_DestroyRenderer(window->renderer);
            window->renderer = NULL;
            i = sizeof tries / sizeof tries[0] - 2; /* next: software */
        }
    }
    if (window->renderer == NULL) {
        snprintf(err, err_size, "cannot create a renderer: %s", SDL_GetError());
        SDL_DestroyWindow(window->window);
        window->window = NULL;
        return false;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(window->renderer, &info) == 0) {
        window->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
        /* SDL's software renderer says it has vsync when it only asked for it; its present
         * to the window is not paced, so the game's loop paces it. */
        window->vsync = !window->software && (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        SDL_Log("renderer: %s%s", info.name, window->vsync ? " with vsync" : "");
    }
    SDL_SetRenderDrawBlendMode(window->renderer, SDL_BLENDMODE_BLEND);
    return true;
}

void platform_window_destroy(Window *window)
{
    if (window == NULL) {
        return;
    }
    if (window->renderer != NULL) {
        SDL_DestroyRenderer(window->renderer);
    }
    if (window->window != NULL) {
        SDL_DestroyWindow(window->window);
    }
    memset(window, 0, sizeof *window);
}

void platform_window_set_fullscreen(Window *window, bool fullscreen)
{
    if (SDL_SetWindowFullscreen(window->window, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) ==
        0) {
        window->fullscreen = fullscreen;
    } else {
        SDL_Log("cannot switch fullscreen: %s", SDL_GetError());
    }
}

void platform_layout_size(int out_w, int out_h, int *w, int *h)
{
    int lw = out_w < PLATFORM_MIN_W ? PLATFORM_MIN_W : out_w;
    int lh = out_h < PLATFORM_MIN_H ? PLATFORM_MIN_H : out_h;
    if ((long long)lh * PLATFORM_TALL_W > (long long)lw * PLATFORM_TALL_H) {
        lh = (int)((long long)lw * PLATFORM_TALL_H / PLATFORM_TALL_W);
    }
    *w = lw;
    *h = lh;
}

void platform_window_size(const Window *window, int *w, int *h)
{
    int ow = 0, oh = 0;
    if (SDL_GetRendererOutputSize(window->renderer, &ow, &oh) != 0) {
        SDL_GetWindowSize(window->window, &ow, &oh);
    }
    int lw, lh;
    platform_layout_size(ow, oh, &lw, &lh);
    int cw = 0, ch = 0;
    SDL_RenderGetLogicalSize(window->renderer, &cw, &ch);
    if (lw == ow && lh == oh) {
        if (cw != 0 || ch != 0) {
            SDL_RenderSetLogicalSize(window->renderer, 0, 0); /* one pixel per pixel again */
        }
    } else if (cw != lw || ch != lh) {
        SDL_RenderSetLogicalSize(window->renderer, lw, lh);
    }
    *w = lw;
    *h = lh;
}

bool platform_file_exists(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool platform_dir_exists(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_data_dir(const char *dir)
{
    char probe[4096];
    int n = snprintf(probe, sizeof probe, "%s/assets/fonts/NotoSans-Regular.ttf", dir);
    return n > 0 && (size_t)n < sizeof probe && platform_file_exists(probe);
}

static bool accept_dir(const char *dir, char *out, size_t size)
{
    if (dir == NULL || dir[0] == '\0' || !is_data_dir(dir)) {
        return false;
    }
    char resolved[4096];
    const char *use = realpath(dir, resolved) != NULL ? resolved : dir;
    if (strlen(use) + 1 > size) {
        return false;
    }
    strcpy(out, use);
    return true;
}

bool platform_find_data_dir(char *out, size_t size)
{
    const char *env = getenv("RUTAS_DATA_DIR");
    if (accept_dir(env, out, size)) {
        return true;
    }
    if (env != NULL && env[0] != '\0') {
        /* Said, not ignored: someone set it on purpose and should know why it is not used. */
        fprintf(stderr,
                "rutas: RUTAS_DATA_DIR=%s has no assets/fonts/NotoSans-Regular.ttf; looking for "
                "the game's data elsewhere\n",
                env);
    }
    char *base = SDL_GetBasePath();
    if (base != NULL) {
        char dir[4096];
        /* Beside the program (a portable folder), the FHS layout of bin/rutas, then parents
         * (a build folder inside the source tree). */
        static const char *const ups[] = {"", "../share/rutas", "..", "../..", "../../.."};
        for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
            snprintf(dir, sizeof dir, "%s%s", base, ups[i]);
            if (accept_dir(dir, out, size)) {
                SDL_free(base);
                return true;
            }
        }
        SDL_free(base);
    }
    if (accept_dir(RUTAS_SOURCE_DIR, out, size)) {
        return true;
    }
    return accept_dir("/usr/share/rutas", out, size);
}

static bool can_write_in(const char *dir)
{
    char probe[4096];
    int n = snprintf(probe, sizeof probe, "%s.rutas-write-test", dir);
    if (n < 0 || (size_t)n >= sizeof probe) {
        return false;
    }
    FILE *f = fopen(probe, "wb");
    if (f == NULL) {
        return false;
    }
    fclose(f);
    remove(probe);
    return true;
}

/* Portable mode: a copy that keeps content/ and assets/ beside the program (the Windows zip, a
 * USB stick) keeps settings and saves in <exe dir>/user/ when it can write there, so they
 * travel with it; a read-only copy uses the user's folder. */
static bool portable_pref_dir(char *out, size_t size)
{
    char *base = SDL_GetBasePath();
    if (base == NULL) {
        return false;
    }
    bool ok = false;
    char content[4096];
    int n = snprintf(content, sizeof content, "%scontent", base);
    if (n > 0 && (size_t)n < sizeof content && platform_dir_exists(content) && is_data_dir(base)) {
        n = snprintf(out, size, "%suser/", base);
        if (n > 0 && (size_t)n < size) {
            mkdir(out, 0700); /* may already exist, or the folder may be read-only */
            ok = platform_dir_exists(out) && can_write_in(out);
        }
    }
    SDL_free(base);
    return ok;
}

bool platform_pref_dir(char *out, size_t size)
{
    const char *env = getenv("RUTAS_PREF_DIR");
    if (env != NULL && env[0] != '\0') {
        size_t len = strlen(env);
        bool slash = env[len - 1] == '/';
        int n = snprintf(out, size, "%s%s", env, slash ? "" : "/");
        if (n < 0 || (size_t)n >= size) {
            return false;
        }
        mkdir(out, 0700); /* may already exist */
        return platform_dir_exists(out);
    }
    if (portable_pref_dir(out, size)) {
        return true;
    }
    char *pref = SDL_GetPrefPath("Rutas", "rutas");
    if (pref == NULL) {
        return false;
    }
    int n = snprintf(out, size, "%s", pref);
    SDL_free(pref);
    return n > 0 && (size_t)n < size;
}

uint64_t platform_ticks(void)
{
    return SDL_GetTicks64();
}
