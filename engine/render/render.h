/*
 * render.h: draws a Layout with SDL2 and SDL2_ttf: fonts with glyph fallback, text fitting and
 * word wrap, a cache of rendered text, icons and tokens drawn by code, and the board's static
 * layer kept in a texture.
 *
 * Depends on SDL2, SDL2_ttf and the layout model; knows nothing of games, packs or strings:
 * the ui decides what to show and render only draws it.
 *
 * Text: wrapped at spaces and U+200B (never mid-word unless one word is wider than the box),
 * shrunk step by step down to the minimum size asked for, then cut with "…" (logged once per
 * text). Each string is drawn with the first font of the chain, and any run of characters that
 * font lacks with the first fallback that has them. The locale's script and direction are set
 * on every font (Debian's SDL2_ttf 2.20 does not guess them).
 *
 * Ownership: a Render borrows the SDL_Renderer (which must outlive it) and owns its fonts,
 * caches and textures (render_destroy). A Render made with a NULL SDL_Renderer measures and
 * fits text but draws nothing: tests use it to build layouts.
 */
#ifndef RUTAS_RENDER_H
#define RUTAS_RENDER_H

#include "layout.h"

#include <stdbool.h>
#include <stddef.h>

struct SDL_Renderer;

typedef struct Render Render;

/* Opens the fonts under data_dir/assets/fonts (Noto Sans Regular and Bold, then the fallbacks
 * found there and in the system's font folder). Returns NULL and writes why to err when the
 * main fonts are missing. */
Render *render_create(struct SDL_Renderer *sdl, const char *data_dir, char *err, size_t err_size);
void render_destroy(Render *render);

/* Sets the ISO 15924 script ("Latn") and direction of every font; clears the text caches. */
void render_set_script(Render *render, const char *script, bool rtl);
bool render_is_rtl(const Render *render);

/* Fits text into w x h at px, shrinking down to min_px, then cutting it. */
TextFit render_fit_text(Render *render, const char *text, FontRole font, int px, int min_px, int w,
                        int h);

/* Height text needs when wrapped to width w at px (no shrinking, no cutting). */
int render_text_height(Render *render, const char *text, FontRole font, int px, int w);

/* Fits the text of box (with rect, font, px, min_px, alignment set) and adds it to layout;
 * returns its index. */
int layout_add_text(Layout *layout, Render *render, const Box *box, const char *text);

/* Clears the target and draws every box. Does not present. */
void render_draw_layout(Render *render, const Layout *layout);
/* Forgets every texture (after SDL_RENDER_TARGETS_RESET or a renderer change). */
void render_invalidate(Render *render);

/* Counters for tests and benchmarks. */
typedef struct RenderStats {
    int text_textures; /* line textures in the cache */
    size_t text_bytes; /* their size */
    int text_hits, text_misses;
    int static_layer_draws; /* times the board layer was drawn again */
    int ellipsized;         /* texts cut so far */
} RenderStats;
RenderStats render_stats(const Render *render);

#endif
