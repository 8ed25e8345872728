/*
 * render.c: fonts, text fitting and caches, drawing of boxes, the static layer.
 */
#include "render.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES      8
#define FONT_SLOTS     48
#define FIT_SLOTS      1024
#define LINE_SLOTS     2048
#define LINE_FLOOR     (4u * 1024u * 1024u) /* bytes of line textures kept, at least */
#define MIN_FONT_PX    6
#define ELLIPSIS       "\xE2\x80\xA6"
#define ZERO_WIDTH_SPC 0x200Bu

typedef struct Face {
    void *data; /* the font file, read on first use (fallbacks are rarely needed) */
    size_t size;
    char *path;
    bool broken; /* could not be read */
    char name[64];
} Face;

typedef struct FontSlot {
    int face, px;
    TTF_Font *font;
    unsigned last_used;
} FontSlot;

typedef struct FitEntry {
    uint64_t hash;
    char *text;
    int font, px, min_px, w, h;
    TextFit fit;
    char **lines;
    int line_count;
    int skip; /* line height */
    unsigned last_used;
} FitEntry;

typedef struct LineEntry {
    uint64_t hash;
    char *text;
    int font, px;
    uint32_t rgb; /* the colour it is drawn in */
    SDL_Texture *texture;
    int w, h;
    size_t bytes;
    unsigned last_used;
} LineEntry;

struct Render {
    SDL_Renderer *sdl;
    Face faces[MAX_FACES];
    int face_count; /* 0: regular, 1: bold, 2..: fallbacks */
    char script[5];
    bool rtl;
    FontSlot fonts[FONT_SLOTS];
    FitEntry fits[FIT_SLOTS];
    LineEntry lines[LINE_SLOTS];
    size_t line_bytes;
    size_t line_budget; /* set from the screen's size by render_draw_layout() */
    unsigned clock;
    SDL_Texture *layer;
    int layer_w, layer_h;
    uint64_t layer_hash;
    RenderStats stats;
};

/* ---- Helpers -------------------------------------------------------------------------------- */

static void *xmalloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static uint64_t fnv(uint64_t h, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t fnv_int(uint64_t h, int v)
{
    return fnv(h, &v, sizeof v);
}

/* Decodes one UTF-8 sequence at s[*i]; an invalid byte decodes as U+FFFD and is skipped. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[*i];
    size_t n = c < 0x80             ? 0
               : (c & 0xE0) == 0xC0 ? 1
               : (c & 0xF0) == 0xE0 ? 2
               : (c & 0xF8) == 0xF0 ? 3
                                    : 4;
    if (n == 0) {
        (*i)++;
        return c;
    }
    if (n == 4 || *i + n >= len) {
        (*i)++;
        return 0xFFFDu;
    }
    uint32_t cp = c & (0x3Fu >> n);
    for (size_t k = 1; k <= n; k++) {
        unsigned char cc = u[*i + k];
        if ((cc & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFDu;
        }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    *i += n + 1;
    return cp;
}

/* ---- Fonts ---------------------------------------------------------------------------------- */

static bool read_file(const char *path, void **data, size_t *size)
{
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (rw == NULL) {
        return false;
    }
    Sint64 n = SDL_RWsize(rw);
    if (n <= 0 || n > 64 * 1024 * 1024) {
        SDL_RWclose(rw);
        return false;
    }
    *data = xmalloc((size_t)n);
    *size = SDL_RWread(rw, *data, 1, (size_t)n);
    SDL_RWclose(rw);
    if (*size != (size_t)n) {
        free(*data);
        *data = NULL;
        return false;
    }
    return true;
}

/* Adds a face; the main faces are read at once (they draw the first frame), fallbacks only
 * when a character needs them, which keeps ~1 MB of reading off start-up. */
static bool add_face(Render *r, const char *path, const char *name, bool now)
{
    if (r->face_count >= MAX_FACES) {
        return false;
    }
    Face *f = &r->faces[r->face_count];
    if (now && !read_file(path, &f->data, &f->size)) {
        return false;
    }
    if (!now) {
        SDL_RWops *probe = SDL_RWFromFile(path, "rb");
        if (probe == NULL) {
            return false;
        }
        SDL_RWclose(probe);
    }
    f->path = xstrndup(path, strlen(path));
    snprintf(f->name, sizeof f->name, "%s", name);
    r->face_count++;
    return true;
}

static TTF_Font *font_at(Render *r, int face, int px)
{
    if (px < MIN_FONT_PX) {
        px = MIN_FONT_PX;
    }
    r->clock++;
    FontSlot *oldest = &r->fonts[0];
    for (int i = 0; i < FONT_SLOTS; i++) {
        FontSlot *s = &r->fonts[i];
        if (s->font != NULL && s->face == face && s->px == px) {
            s->last_used = r->clock;
            return s->font;
        }
        if (s->font == NULL || (oldest->font != NULL && s->last_used < oldest->last_used)) {
            oldest = s;
        }
    }
    if (oldest->font != NULL) {
        TTF_CloseFont(oldest->font);
        oldest->font = NULL;
    }
    Face *f = &r->faces[face];
    if (f->data == NULL && (f->broken || !read_file(f->path, &f->data, &f->size))) {
        if (!f->broken) {
            SDL_Log("cannot read the font %s", f->path);
        }
        f->broken = true;
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(f->data, (int)f->size);
    TTF_Font *font = rw != NULL ? TTF_OpenFontRW(rw, 1, px) : NULL;
    if (font == NULL) {
        SDL_Log("cannot open font %s at %d px: %s", r->faces[face].name, px, TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    /* -1 without HarfBuzz; then text is still drawn, just not shaped. */
    TTF_SetFontScriptName(font, r->script);
    TTF_SetFontDirection(font, r->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    oldest->font = font;
    oldest->face = face;
    oldest->px = px;
    oldest->last_used = r->clock;
    return font;
}

/* The face to draw code point cp with: the role's own face, else the first fallback that has
 * the glyph, else the role's face (which draws a box). */
static int face_for(Render *r, int role, int px, uint32_t cp)
{
    int primary = role == FONT_BOLD ? 1 : 0;
    if (cp < 0x250 || cp == ZERO_WIDTH_SPC || cp == 0x2026) {
        return primary; /* Latin, and Noto Sans covers it */
    }
    TTF_Font *f = font_at(r, primary, px);
    if (f != NULL && TTF_GlyphIsProvided32(f, cp)) {
        return primary;
    }
    for (int face = 2; face < r->face_count; face++) {
        TTF_Font *fb = font_at(r, face, px);
        if (fb != NULL && TTF_GlyphIsProvided32(fb, cp)) {
            return face;
        }
    }
    return primary;
}

/* Calls fn for each run of s[0..len) that one face draws. */
typedef void (*RunFn)(void *user, int face, const char *run, size_t len);

static void for_each_run(Render *r, int role, int px, const char *s, size_t len, RunFn fn,
                         void *user)
{
    size_t i = 0, start = 0;
    int current = -1;
    while (i < len) {
        size_t at = i;
        uint32_t cp = utf8_next(s, len, &i);
        int face = face_for(r, role, px, cp);
        if (current < 0) {
            current = face;
        } else if (face != current) {
            fn(user, current, s + start, at - start);
            start = at;
            current = face;
        }
    }
    if (len > start) {
        fn(user, current < 0 ? (role == FONT_BOLD ? 1 : 0) : current, s + start, len - start);
    }
}

typedef struct Measure {
    Render *r;
    int px;
    int w;
} Measure;

static void measure_run(void *user, int face, const char *run, size_t len)
{
    Measure *m = user;
    TTF_Font *f = font_at(m->r, face, m->px);
    char buf[1024];
    char *s = len < sizeof buf ? buf : xmalloc(len + 1);
    memcpy(s, run, len);
    s[len] = '\0';
    int w = 0, h = 0;
    if (f != NULL && TTF_SizeUTF8(f, s, &w, &h) == 0) {
        m->w += w;
    }
    if (s != buf) {
        free(s);
    }
}

static int text_width(Render *r, int role, int px, const char *s, size_t len)
{
    Measure m = {r, px, 0};
    for_each_run(r, role, px, s, len, measure_run, &m);
    return m.w;
}

static int line_skip(Render *r, int role, int px)
{
    TTF_Font *f = font_at(r, role == FONT_BOLD ? 1 : 0, px);
    return f != NULL ? TTF_FontLineSkip(f) : px;
}

/* ---- Word wrap ------------------------------------------------------------------------------ */

typedef struct Lines {
    char **items;
    int count, capacity;
    int widest;
    bool cut_word; /* a word wider than the box had to be cut */
} Lines;

static void lines_push(Lines *l, char *s, int w)
{
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? l->capacity * 2 : 8;
        char **items = realloc(l->items, (size_t)l->capacity * sizeof *items);
        if (items == NULL) {
            fputs("rutas: out of memory\n", stderr);
            abort();
        }
        l->items = items;
    }
    l->items[l->count++] = s;
    if (w > l->widest) {
        l->widest = w;
    }
}

static void lines_free(Lines *l)
{
    for (int i = 0; i < l->count; i++) {
        free(l->items[i]);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Length of the longest prefix of s (whole code points, at least one) that fits in w. */
static size_t fitting_prefix(Render *r, int role, int px, const char *s, size_t len, int w)
{
    size_t best = 0, i = 0;
    while (i < len) {
        utf8_next(s, len, &i);
        if (best > 0 && text_width(r, role, px, s, i) > w) {
            break;
        }
        best = i;
    }
    return best;
}

/* Is there a break opportunity at s[i]? Sets *skip to the bytes it takes (space or U+200B). */
static bool is_break(const char *s, size_t len, size_t i, size_t *skip)
{
    if (s[i] == ' ' || s[i] == '\t') {
        *skip = 1;
        return true;
    }
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x8B) {
        *skip = 3;
        return true;
    }
    return false;
}

static void wrap_paragraph(Render *r, int role, int px, const char *s, size_t len, int w,
                           Lines *out)
{
    char *line = xmalloc(len + 4);
    size_t line_len = 0;
    char sep = 0; /* what joins the next word to the line: ' ', or nothing after U+200B */
    size_t i = 0;
    for (;;) {
        size_t start = i, skip = 0;
        while (i < len && !is_break(s, len, i, &skip)) {
            i++;
        }
        size_t word_len = i - start;
        if (word_len > 0) {
            size_t before = line_len;
            if (line_len > 0 && sep) {
                line[line_len++] = sep;
            }
            memcpy(line + line_len, s + start, word_len);
            line_len += word_len;
            if (before > 0 && text_width(r, role, px, line, line_len) > w) {
                lines_push(out, xstrndup(line, before), text_width(r, role, px, line, before));
                memcpy(line, s + start, word_len);
                line_len = word_len;
            }
            /* A single word wider than the box is cut between code points. */
            while (line_len > 0 && text_width(r, role, px, line, line_len) > w) {
                size_t cut = fitting_prefix(r, role, px, line, line_len, w);
                if (cut == 0 || cut >= line_len) {
                    break;
                }
                lines_push(out, xstrndup(line, cut), text_width(r, role, px, line, cut));
                out->cut_word = true;
                memmove(line, line + cut, line_len - cut);
                line_len -= cut;
            }
        }
        if (i >= len) {
            break;
        }
        sep = (s[i] == ' ' || s[i] == '\t') ? ' ' : 0;
        i += skip;
    }
    lines_push(out, xstrndup(line, line_len), text_width(r, role, px, line, line_len));
    free(line);
}

static void wrap_text(Render *r, int role, int px, const char *text, int w, Lines *out)
{
    size_t len = strlen(text);
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            wrap_paragraph(r, role, px, text + start, i - start, w, out);
            start = i + 1;
        }
    }
}

/* Cuts lines to max_lines and ends the last one with an ellipsis that fits in w. */
static void ellipsize(Render *r, int role, int px, Lines *l, int max_lines, int w)
{
    if (max_lines < 1) {
        max_lines = 1;
    }
    while (l->count > max_lines) {
        free(l->items[--l->count]);
    }
    char *last = l->items[l->count - 1];
    size_t len = strlen(last);
    char *buf = xmalloc(len + sizeof ELLIPSIS + 1);
    for (;;) {
        memcpy(buf, last, len);
        strcpy(buf + len, ELLIPSIS);
        if (len == 0 || text_width(r, role, px, buf, strlen(buf)) <= w) {
            break;
        }
        /* Drop one code point, then any trailing spaces. */
        do {
            len--;
        } while (len > 0 && (((unsigned char)last[len] & 0xC0) == 0x80));
        while (len > 0 && last[len - 1] == ' ') {
            len--;
        }
    }
    free(last);
    l->items[l->count - 1] = buf;
    l->widest = 0;
    for (int i = 0; i < l->count; i++) {
        int lw = text_width(r, role, px, l->items[i], strlen(l->items[i]));
        if (lw > l->widest) {
            l->widest = lw;
        }
    }
}

static uint64_t fit_hash(const char *text, int font, int px, int min_px, int w, int h)
{
    uint64_t k = fnv(14695981039346656037ULL, text, strlen(text));
    k = fnv_int(k, font);
    k = fnv_int(k, px);
    k = fnv_int(k, min_px);
    k = fnv_int(k, w);
    return fnv_int(k, h);
}

static void fit_entry_clear(FitEntry *e)
{
    free(e->text);
    for (int i = 0; i < e->line_count; i++) {
        free(e->lines[i]);
    }
    free(e->lines);
    memset(e, 0, sizeof *e);
}

static FitEntry *fit_get(Render *r, const char *text, int font, int px, int min_px, int w, int h)
{
    if (px < MIN_FONT_PX) {
        px = MIN_FONT_PX;
    }
    if (min_px > px) {
        min_px = px;
    }
    if (min_px < MIN_FONT_PX) {
        min_px = MIN_FONT_PX;
    }
    uint64_t k = fit_hash(text, font, px, min_px, w, h);
    r->clock++;
    FitEntry *slot[2] = {&r->fits[k % FIT_SLOTS], &r->fits[(k + 1) % FIT_SLOTS]};
    for (int i = 0; i < 2; i++) {
        FitEntry *e = slot[i];
        if (e->text != NULL && e->hash == k && e->font == font && e->px == px &&
            e->min_px == min_px && e->w == w && e->h == h && strcmp(e->text, text) == 0) {
            e->last_used = r->clock;
            return e;
        }
    }
    FitEntry *e =
        slot[0]->text == NULL || (slot[1]->text != NULL && slot[0]->last_used <= slot[1]->last_used)
            ? slot[0]
            : slot[1];
    if (slot[1]->text == NULL && slot[0]->text != NULL) {
        e = slot[1];
    }
    fit_entry_clear(e);

    Lines lines = {0};
    int size = px;
    int skip = 0;
    bool fits = false;
    for (;;) {
        lines_free(&lines);
        wrap_text(r, font, size, text, w, &lines);
        skip = line_skip(r, font, size);
        /* A word cut in two reads badly: shrink first, cut only at the smallest size. */
        fits = lines.count * skip <= h && lines.widest <= w && !lines.cut_word;
        if (fits || size <= min_px) {
            break;
        }
        /* Shrink by about 6 % a step: a few steps from 100 % to the smallest allowed. */
        int next = size - (size + 15) / 16;
        size = next < min_px ? min_px : next;
    }
    bool cut = false;
    if (!fits) {
        /* Below min_px only when not even one line fits the height. */
        while (skip > h && size > MIN_FONT_PX) {
            size--;
            skip = line_skip(r, font, size);
        }
        lines_free(&lines);
        wrap_text(r, font, size, text, w, &lines);
        if (lines.cut_word) {
            SDL_Log("a word is wider than its %d px box at %d px: \"%.60s\"", w, size, text);
        }
        if (lines.count * skip > h || lines.widest > w) {
            ellipsize(r, font, size, &lines, skip > 0 ? h / skip : 1, w);
            cut = true;
            r->stats.ellipsized++;
            SDL_Log("text cut to fit %dx%d at %d px: \"%.60s\"", w, h, size, text);
        }
    }
    e->hash = k;
    e->text = xstrndup(text, strlen(text));
    e->font = font;
    e->px = px;
    e->min_px = min_px;
    e->w = w;
    e->h = h;
    e->lines = lines.items;
    e->line_count = lines.count;
    e->skip = skip;
    e->fit.px = size;
    e->fit.lines = lines.count;
    e->fit.w = lines.widest < w ? lines.widest : w;
    e->fit.h = lines.count * skip < h ? lines.count * skip : h;
    e->fit.shrunk = size < px;
    e->fit.ellipsized = cut;
    e->last_used = r->clock;
    return e;
}

TextFit render_fit_text(Render *render, const char *text, FontRole font, int px, int min_px, int w,
                        int h)
{
    TextFit none = {0};
    if (text == NULL || text[0] == '\0' || w <= 0 || h <= 0) {
        return none;
    }
    return fit_get(render, text, font, px, min_px, w, h)->fit;
}

int render_text_height(Render *render, const char *text, FontRole font, int px, int w)
{
    if (text == NULL || text[0] == '\0' || w <= 0) {
        return 0;
    }
    /* Through the fit cache (with room for any height), so a layout that asks every frame
     * costs a lookup, not a wrap. */
    FitEntry *e = fit_get(render, text, font, px, px, w, 1 << 24);
    return e->line_count * e->skip;
}

int layout_add_text(Layout *layout, Render *render, const Box *box, const char *text)
{
    Box b = *box;
    b.kind = BOX_TEXT;
    b.text = layout_store_text(layout, text);
    b.fit = render_fit_text(render, text != NULL ? text : "", b.font, b.px, b.min_px, b.rect.w,
                            b.rect.h);
    return layout_add(layout, &b);
}

/* ---- Creation ------------------------------------------------------------------------------- */

Render *render_create(SDL_Renderer *sdl, const char *data_dir, char *err, size_t err_size)
{
    Render *r = calloc(1, sizeof *r);
    if (r == NULL) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    r->sdl = sdl;
    strcpy(r->script, "Latn");
    char path[4096];
    static const char *const main_faces[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/assets/fonts/%s", data_dir, main_faces[i]);
        if (!add_face(r, path, main_faces[i], true)) {
            snprintf(err, err_size, "cannot read the font %s", path);
            render_destroy(r);
            return NULL;
        }
    }
    /* Fallbacks: the scripts shipped beside the main fonts, then a wide system font. */
    static const char *const fallbacks[] = {
        "assets/fonts/NotoSansDevanagari-Regular.ttf",
        "assets/fonts/NotoSansArabic-Regular.ttf",
        "assets/fonts/NotoSansSymbols2-Regular.ttf",
    };
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", data_dir, fallbacks[i]);
        add_face(r, path, strrchr(fallbacks[i], '/') + 1, false);
    }
    add_face(r, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf", false);
    return r;
}

static void line_entry_clear(Render *r, LineEntry *e)
{
    if (e->texture != NULL) {
        SDL_DestroyTexture(e->texture);
    }
    r->line_bytes -= e->bytes;
    free(e->text);
    memset(e, 0, sizeof *e);
}

void render_invalidate(Render *render)
{
    for (int i = 0; i < LINE_SLOTS; i++) {
        if (render->lines[i].text != NULL) {
            line_entry_clear(render, &render->lines[i]);
        }
    }
    if (render->layer != NULL) {
        SDL_DestroyTexture(render->layer);
        render->layer = NULL;
    }
    render->layer_hash = 0;
}

void render_destroy(Render *render)
{
    if (render == NULL) {
        return;
    }
    render_invalidate(render);
    for (int i = 0; i < FIT_SLOTS; i++) {
        fit_entry_clear(&render->fits[i]);
    }
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (render->fonts[i].font != NULL) {
            TTF_CloseFont(render->fonts[i].font);
        }
    }
    for (int i = 0; i < render->face_count; i++) {
        free(render->faces[i].data);
        free(render->faces[i].path);
    }
    free(render);
}

void render_set_script(Render *render, const char *script, bool rtl)
{
    char s[5] = "Latn";
    if (script != NULL && strlen(script) == 4) {
        memcpy(s, script, 5);
    }
    if (strcmp(s, render->script) == 0 && rtl == render->rtl) {
        return;
    }
    memcpy(render->script, s, 5);
    render->rtl = rtl;
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (render->fonts[i].font != NULL) {
            TTF_CloseFont(render->fonts[i].font);
            render->fonts[i].font = NULL;
        }
    }
    for (int i = 0; i < FIT_SLOTS; i++) {
        fit_entry_clear(&render->fits[i]);
    }
    render_invalidate(render);
}

bool render_is_rtl(const Render *render)
{
    return render->rtl;
}

RenderStats render_stats(const Render *render)
{
    RenderStats s = render->stats;
    s.text_bytes = render->line_bytes;
    s.text_textures = 0;
    for (int i = 0; i < LINE_SLOTS; i++) {
        s.text_textures += render->lines[i].texture != NULL;
    }
    return s;
}

/* ---- Line textures -------------------------------------------------------------------------- */

typedef struct Compose {
    Render *r;
    int px;
    SDL_Color colour;
    SDL_Surface *parts[32];
    int ascent[32];
    int count;
} Compose;

static void render_run(void *user, int face, const char *run, size_t len)
{
    Compose *c = user;
    if (c->count >= 32) {
        return;
    }
    TTF_Font *f = font_at(c->r, face, c->px);
    if (f == NULL) {
        return;
    }
    char *s = xstrndup(run, len);
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, c->colour);
    free(s);
    if (surf != NULL) {
        c->ascent[c->count] = TTF_FontAscent(f);
        c->parts[c->count++] = surf;
    }
}

static void evict_lines(Render *r)
{
    size_t budget = r->line_budget > LINE_FLOOR ? r->line_budget : LINE_FLOOR;
    while (r->line_bytes > budget) {
        LineEntry *oldest = NULL;
        for (int i = 0; i < LINE_SLOTS; i++) {
            LineEntry *e = &r->lines[i];
            if (e->texture != NULL && (oldest == NULL || e->last_used < oldest->last_used)) {
                oldest = e;
            }
        }
        if (oldest == NULL) {
            break;
        }
        line_entry_clear(r, oldest);
    }
}

/* A line is rendered in its colour rather than in white tinted at each draw: the software
 * renderer's blit with a colour modulation is its slow generic path, and text was ~80 % of a
 * 1920x1080 frame (docs/performance.md). */
static LineEntry *line_get(Render *r, const char *text, int font, int px, Colour colour)
{
    uint32_t rgb = (uint32_t)colour.r << 16 | (uint32_t)colour.g << 8 | colour.b;
    uint64_t k = fnv(14695981039346656037ULL, text, strlen(text));
    k = fnv_int(fnv_int(fnv_int(k, font), px), (int)rgb);
    r->clock++;
    LineEntry *slot[2] = {&r->lines[k % LINE_SLOTS], &r->lines[(k + 1) % LINE_SLOTS]};
    for (int i = 0; i < 2; i++) {
        LineEntry *e = slot[i];
        if (e->text != NULL && e->hash == k && e->font == font && e->px == px && e->rgb == rgb &&
            strcmp(e->text, text) == 0) {
            e->last_used = r->clock;
            r->stats.text_hits++;
            return e;
        }
    }
    r->stats.text_misses++;
    LineEntry *e = slot[0];
    if (slot[0]->text != NULL &&
        (slot[1]->text == NULL || slot[1]->last_used < slot[0]->last_used)) {
        e = slot[1];
    }
    if (e->text != NULL) {
        line_entry_clear(r, e);
    }
    Compose c = {.r = r, .px = px, .colour = {colour.r, colour.g, colour.b, 255}};
    for_each_run(r, font, px, text, strlen(text), render_run, &c);
    int w = 0, top = 0, h = 0;
    for (int i = 0; i < c.count; i++) {
        w += c.parts[i]->w;
        if (c.ascent[i] > top) {
            top = c.ascent[i];
        }
    }
    for (int i = 0; i < c.count; i++) {
        int bottom = top - c.ascent[i] + c.parts[i]->h;
        if (bottom > h) {
            h = bottom;
        }
    }
    SDL_Texture *tex = NULL;
    if (w > 0 && h > 0) {
        SDL_Surface *line =
            c.count == 1 ? c.parts[0]
                         : SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (line != NULL && c.count > 1) {
            SDL_FillRect(line, NULL, 0);
            int x = 0;
            for (int i = 0; i < c.count; i++) {
                SDL_Rect dst = {x, top - c.ascent[i], c.parts[i]->w, c.parts[i]->h};
                SDL_SetSurfaceBlendMode(c.parts[i], SDL_BLENDMODE_NONE);
                SDL_BlitSurface(c.parts[i], NULL, line, &dst);
                x += c.parts[i]->w;
            }
        }
        if (line != NULL) {
            tex = SDL_CreateTextureFromSurface(r->sdl, line);
            if (line != c.parts[0]) {
                SDL_FreeSurface(line);
            }
        }
    }
    for (int i = 0; i < c.count; i++) {
        SDL_FreeSurface(c.parts[i]);
    }
    e->hash = k;
    e->text = xstrndup(text, strlen(text));
    e->font = font;
    e->px = px;
    e->rgb = rgb;
    e->texture = tex;
    e->w = w;
    e->h = h;
    e->bytes = tex != NULL ? (size_t)w * (size_t)h * 4u : 0;
    e->last_used = r->clock;
    if (tex != NULL) {
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    }
    r->line_bytes += e->bytes;
    evict_lines(r);
    return e->texture != NULL ? e : NULL;
}

static void draw_text(Render *r, const Layout *layout, const Box *b)
{
    const char *text = layout_text(layout, b);
    if (text[0] == '\0' || b->rect.w <= 0 || b->rect.h <= 0) {
        return;
    }
    FitEntry *fe = fit_get(r, text, b->font, b->px, b->min_px, b->rect.w, b->rect.h);
    Rect ext = layout_text_extent(b);
    /* Copy what is needed: line_get may not evict fits, but keep it simple and safe. */
    int skip = fe->skip;
    int px = fe->fit.px;
    for (int i = 0; i < fe->line_count; i++) {
        const char *line = fe->lines[i];
        if (line[0] == '\0') {
            continue;
        }
        LineEntry *le = line_get(r, line, b->font, px, b->fg);
        if (le == NULL) {
            continue;
        }
        int x = ext.x;
        Align ha = b->halign;
        if (r->rtl && ha == ALIGN_START) {
            ha = ALIGN_END;
        }
        if (ha == ALIGN_CENTER) {
            x = b->rect.x + (b->rect.w - le->w) / 2;
        } else if (ha == ALIGN_END) {
            x = b->rect.x + b->rect.w - le->w;
        } else {
            x = b->rect.x;
        }
        SDL_Rect dst = {x, ext.y + i * skip, le->w, le->h};
        /* Clip to the box: a glyph's overhang never leaves it. */
        SDL_Rect clip = {b->rect.x, b->rect.y, b->rect.w, b->rect.h};
        SDL_Rect vis;
        if (!SDL_IntersectRect(&dst, &clip, &vis)) {
            continue;
        }
        SDL_Rect src = {vis.x - dst.x, vis.y - dst.y, vis.w, vis.h};
        SDL_SetTextureAlphaMod(le->texture, b->fg.a);
        SDL_RenderCopy(r->sdl, le->texture, &src, &vis);
    }
}

/* ---- Shapes --------------------------------------------------------------------------------- */

typedef struct Pen {
    SDL_Renderer *sdl;
    float x, y, s; /* the unit square mapped to x..x+s */
    SDL_Color c;
} Pen;

static SDL_Color sdl_colour(Colour c)
{
    SDL_Color s = {c.r, c.g, c.b, c.a};
    return s;
}

/* Opaque colours are drawn without blending: the software renderer blends every pixel it
 * is asked to, which costs a full-screen fill several milliseconds. */
static void set_colour(SDL_Renderer *sdl, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(sdl, c.r, c.g, c.b, c.a);
}

static void fill_poly(SDL_Renderer *sdl, const SDL_FPoint *p, int n, SDL_Color c)
{
    if (n < 3 || n > 64) {
        return;
    }
    SDL_Vertex v[65];
    int idx[64 * 3];
    set_colour(sdl, c);
    float cx = 0, cy = 0;
    for (int i = 0; i < n; i++) {
        cx += p[i].x;
        cy += p[i].y;
    }
    /* The fan's centre is nudged off the grid: SDL 2.26's software renderer turns pairs of
     * triangles that line up on both axes into rectangles, which draws a diamond as a house. */
    v[0].position.x = cx / (float)n + 0.0137f;
    v[0].position.y = cy / (float)n + 0.0071f;
    v[0].color = c;
    v[0].tex_coord.x = v[0].tex_coord.y = 0;
    for (int i = 0; i < n; i++) {
        v[i + 1].position = p[i];
        v[i + 1].color = c;
        v[i + 1].tex_coord.x = v[i + 1].tex_coord.y = 0;
        idx[i * 3] = 0;
        idx[i * 3 + 1] = i + 1;
        idx[i * 3 + 2] = (i + 1) % n + 1;
    }
    SDL_RenderGeometry(sdl, NULL, v, n + 1, idx, n * 3);
}

static void fill_circle(SDL_Renderer *sdl, float cx, float cy, float radius, SDL_Color c)
{
    SDL_FPoint p[40];
    int n = radius < 8 ? 16 : radius < 40 ? 28 : 40;
    for (int i = 0; i < n; i++) {
        double a = 2.0 * M_PI * i / n;
        p[i].x = cx + radius * (float)cos(a);
        p[i].y = cy + radius * (float)sin(a);
    }
    fill_poly(sdl, p, n, c);
}

static void thick_line(SDL_Renderer *sdl, float x1, float y1, float x2, float y2, float width,
                       SDL_Color c)
{
    float dx = x2 - x1, dy = y2 - y1;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0) {
        return;
    }
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    SDL_FPoint p[4] = {
        {x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}};
    fill_poly(sdl, p, 4, c);
}

static void ring(SDL_Renderer *sdl, float cx, float cy, float radius, float width, SDL_Color c,
                 double from, double to)
{
    int n = 36;
    float ro = radius + width / 2, ri = radius - width / 2;
    for (int i = 0; i < n; i++) {
        double a0 = from + (to - from) * i / n, a1 = from + (to - from) * (i + 1) / n;
        SDL_FPoint p[4] = {{cx + ro * (float)cos(a0), cy + ro * (float)sin(a0)},
                           {cx + ro * (float)cos(a1), cy + ro * (float)sin(a1)},
                           {cx + ri * (float)cos(a1), cy + ri * (float)sin(a1)},
                           {cx + ri * (float)cos(a0), cy + ri * (float)sin(a0)}};
        fill_poly(sdl, p, 4, c);
    }
}

static void fill_rect_f(SDL_Renderer *sdl, float x, float y, float w, float h, SDL_Color c)
{
    SDL_FPoint p[4] = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    fill_poly(sdl, p, 4, c);
}

static void fill_round_rect(SDL_Renderer *sdl, Rect r, int radius, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0) {
        return;
    }
    int rad = radius;
    if (rad * 2 > r.w) {
        rad = r.w / 2;
    }
    if (rad * 2 > r.h) {
        rad = r.h / 2;
    }
    set_colour(sdl, c);
    if (rad <= 1) {
        SDL_Rect s = {r.x, r.y, r.w, r.h};
        SDL_RenderFillRect(sdl, &s);
        return;
    }
    SDL_Rect mid = {r.x + rad, r.y, r.w - 2 * rad, r.h};
    SDL_Rect left = {r.x, r.y + rad, rad, r.h - 2 * rad};
    SDL_Rect right = {r.x + r.w - rad, r.y + rad, rad, r.h - 2 * rad};
    SDL_RenderFillRect(sdl, &mid);
    SDL_RenderFillRect(sdl, &left);
    SDL_RenderFillRect(sdl, &right);
    float cx[4] = {(float)(r.x + rad), (float)(r.x + r.w - rad), (float)(r.x + r.w - rad),
                   (float)(r.x + rad)};
    float cy[4] = {(float)(r.y + rad), (float)(r.y + rad), (float)(r.y + r.h - rad),
                   (float)(r.y + r.h - rad)};
    for (int k = 0; k < 4; k++) {
        SDL_FPoint p[12];
        p[0].x = cx[k];
        p[0].y = cy[k];
        for (int i = 0; i <= 9; i++) {
            double a = M_PI + k * M_PI / 2 + (M_PI / 2) * i / 9;
            p[i + 1].x = cx[k] + (float)rad * (float)cos(a);
            p[i + 1].y = cy[k] + (float)rad * (float)sin(a);
        }
        /* A fan from the corner's centre: p[0] is that centre. */
        SDL_Vertex v[11];
        int idx[27];
        for (int i = 0; i < 11; i++) {
            v[i].position = p[i];
            v[i].color = c;
            v[i].tex_coord.x = v[i].tex_coord.y = 0;
        }
        for (int i = 0; i < 9; i++) {
            idx[i * 3] = 0;
            idx[i * 3 + 1] = i + 1;
            idx[i * 3 + 2] = i + 2;
        }
        SDL_RenderGeometry(sdl, NULL, v, 11, idx, 27);
    }
}

static void draw_fill(Render *r, const Box *b)
{
    SDL_Renderer *sdl = r->sdl;
    if (b->line_w > 0 && b->line.a > 0) {
        if (b->bg.a == 0) {
            /* A ring only (focus): four edges. */
            set_colour(sdl, sdl_colour(b->line));
            int lw = b->line_w;
            SDL_Rect e[4] = {{b->rect.x, b->rect.y, b->rect.w, lw},
                             {b->rect.x, b->rect.y + b->rect.h - lw, b->rect.w, lw},
                             {b->rect.x, b->rect.y + lw, lw, b->rect.h - 2 * lw},
                             {b->rect.x + b->rect.w - lw, b->rect.y + lw, lw, b->rect.h - 2 * lw}};
            SDL_RenderFillRects(sdl, e, 4);
            return;
        }
        fill_round_rect(sdl, b->rect, b->radius, sdl_colour(b->line));
        int inner = b->radius - b->line_w;
        fill_round_rect(sdl, rect_inset(b->rect, b->line_w), inner < 0 ? 0 : inner,
                        sdl_colour(b->bg));
        return;
    }
    if (b->bg.a > 0) {
        fill_round_rect(sdl, b->rect, b->radius, sdl_colour(b->bg));
    }
}

#define PX(u) (pen->x + (float)(u)*pen->s)
#define PY(v) (pen->y + (float)(v)*pen->s)
#define PS(d) ((float)(d)*pen->s)

static void pen_poly(const Pen *pen, const float *uv, int n, SDL_Color c)
{
    SDL_FPoint p[16];
    for (int i = 0; i < n && i < 16; i++) {
        p[i].x = PX(uv[i * 2]);
        p[i].y = PY(uv[i * 2 + 1]);
    }
    fill_poly(pen->sdl, p, n, c);
}

static void pen_rect(const Pen *pen, float x0, float y0, float x1, float y1, SDL_Color c)
{
    fill_rect_f(pen->sdl, PX(x0), PY(y0), PS(x1 - x0), PS(y1 - y0), c);
}

static void pen_line(const Pen *pen, float x0, float y0, float x1, float y1, float w, SDL_Color c)
{
    thick_line(pen->sdl, PX(x0), PY(y0), PX(x1), PY(y1), PS(w), c);
}

static void pen_circle(const Pen *pen, float x, float y, float rad, SDL_Color c)
{
    fill_circle(pen->sdl, PX(x), PY(y), PS(rad), c);
}

static void draw_icon(Render *r, const Box *b)
{
    float s = (float)(b->rect.w < b->rect.h ? b->rect.w : b->rect.h);
    Pen p = {r->sdl, (float)b->rect.x + ((float)b->rect.w - s) / 2,
             (float)b->rect.y + ((float)b->rect.h - s) / 2, s, sdl_colour(b->fg)};
    const Pen *pen = &p;
    SDL_Color fg = sdl_colour(b->fg), bg = sdl_colour(b->bg);
    switch ((Icon)b->icon) {
    case ICON_HEART: {
        pen_circle(pen, 0.32f, 0.38f, 0.2f, fg);
        pen_circle(pen, 0.68f, 0.38f, 0.2f, fg);
        float t[] = {0.13f, 0.46f, 0.5f, 0.40f, 0.87f, 0.46f, 0.5f, 0.88f};
        pen_poly(pen, t, 4, fg);
        break;
    }
    case ICON_HOME: {
        float roof[] = {0.08f, 0.5f, 0.5f, 0.1f, 0.92f, 0.5f};
        pen_poly(pen, roof, 3, fg);
        pen_rect(pen, 0.2f, 0.45f, 0.8f, 0.88f, fg);
        pen_rect(pen, 0.43f, 0.62f, 0.57f, 0.88f, bg);
        break;
    }
    case ICON_BALANCE: {
        pen_line(pen, 0.5f, 0.16f, 0.5f, 0.84f, 0.07f, fg);
        pen_rect(pen, 0.3f, 0.82f, 0.7f, 0.9f, fg);
        pen_line(pen, 0.12f, 0.26f, 0.88f, 0.26f, 0.06f, fg);
        for (int side = 0; side < 2; side++) {
            float cx = side ? 0.8f : 0.2f;
            pen_line(pen, cx, 0.26f, cx - 0.12f, 0.56f, 0.03f, fg);
            pen_line(pen, cx, 0.26f, cx + 0.12f, 0.56f, 0.03f, fg);
            float pan[] = {cx - 0.17f, 0.56f, cx + 0.17f, 0.56f,
                           cx + 0.1f,  0.68f, cx - 0.1f,  0.68f};
            pen_poly(pen, pan, 4, fg);
        }
        break;
    }
    case ICON_PERSON: {
        pen_circle(pen, 0.5f, 0.28f, 0.16f, fg);
        float body[2 * 9];
        int n = 0;
        for (int i = 0; i <= 6; i++) {
            double a = M_PI + M_PI * i / 6;
            body[n++] = 0.5f + 0.3f * (float)cos(a);
            body[n++] = 0.72f + 0.26f * (float)sin(a);
        }
        body[n++] = 0.8f;
        body[n++] = 0.9f;
        body[n++] = 0.2f;
        body[n++] = 0.9f;
        /* The fan's centre lies inside this shape, so one polygon is enough. */
        pen_poly(pen, body, n / 2, fg);
        break;
    }
    case ICON_BRIEFCASE:
        pen_line(pen, 0.37f, 0.34f, 0.37f, 0.16f, 0.06f, fg);
        pen_line(pen, 0.63f, 0.34f, 0.63f, 0.16f, 0.06f, fg);
        pen_line(pen, 0.34f, 0.16f, 0.66f, 0.16f, 0.06f, fg);
        pen_rect(pen, 0.1f, 0.3f, 0.9f, 0.84f, fg);
        pen_rect(pen, 0.1f, 0.5f, 0.9f, 0.54f, bg);
        break;
    case ICON_BOOK: {
        float left[] = {0.08f, 0.22f, 0.47f, 0.3f, 0.47f, 0.86f, 0.08f, 0.78f};
        float right[] = {0.53f, 0.3f, 0.92f, 0.22f, 0.92f, 0.78f, 0.53f, 0.86f};
        pen_poly(pen, left, 4, fg);
        pen_poly(pen, right, 4, fg);
        break;
    }
    case ICON_BOTTLE: {
        pen_rect(pen, 0.4f, 0.08f, 0.6f, 0.18f, fg);
        pen_rect(pen, 0.43f, 0.18f, 0.57f, 0.36f, fg);
        float sh[] = {0.43f, 0.35f, 0.57f, 0.35f, 0.7f, 0.48f, 0.3f, 0.48f};
        pen_poly(pen, sh, 4, fg);
        pen_rect(pen, 0.3f, 0.47f, 0.7f, 0.92f, fg);
        pen_rect(pen, 0.35f, 0.6f, 0.65f, 0.75f, bg);
        break;
    }
    case ICON_RIBBON:
        pen_line(pen, 0.4f, 0.42f, 0.74f, 0.9f, 0.11f, fg);
        pen_line(pen, 0.6f, 0.42f, 0.26f, 0.9f, 0.11f, fg);
        ring(r->sdl, PX(0.5f), PY(0.3f), PS(0.16f), PS(0.1f), fg, 0, 2 * M_PI);
        break;
    case ICON_PHONE:
        fill_round_rect(r->sdl,
                        (Rect){(int)PX(0.27f), (int)PY(0.06f), (int)PS(0.46f), (int)PS(0.88f)},
                        (int)PS(0.07f), fg);
        pen_rect(pen, 0.33f, 0.16f, 0.67f, 0.74f, bg);
        pen_circle(pen, 0.5f, 0.84f, 0.045f, bg);
        break;
    case ICON_CHAIN:
        ring(r->sdl, PX(0.35f), PY(0.5f), PS(0.2f), PS(0.08f), fg, 0, 2 * M_PI);
        ring(r->sdl, PX(0.65f), PY(0.5f), PS(0.2f), PS(0.08f), fg, 0, 2 * M_PI);
        break;
    case ICON_SHIELD: {
        float sh[] = {0.5f, 0.06f, 0.88f, 0.2f,  0.84f, 0.56f,
                      0.5f, 0.94f, 0.16f, 0.56f, 0.12f, 0.2f};
        pen_poly(pen, sh, 6, fg);
        pen_line(pen, 0.32f, 0.5f, 0.46f, 0.64f, 0.07f, bg);
        pen_line(pen, 0.44f, 0.64f, 0.7f, 0.34f, 0.07f, bg);
        break;
    }
    case ICON_HAND:
        pen_rect(pen, 0.3f, 0.46f, 0.76f, 0.9f, fg);
        pen_rect(pen, 0.3f, 0.2f, 0.39f, 0.5f, fg);
        pen_rect(pen, 0.42f, 0.1f, 0.51f, 0.5f, fg);
        pen_rect(pen, 0.54f, 0.12f, 0.63f, 0.5f, fg);
        pen_rect(pen, 0.66f, 0.2f, 0.75f, 0.5f, fg);
        pen_line(pen, 0.33f, 0.74f, 0.14f, 0.5f, 0.1f, fg);
        break;
    case ICON_QUESTION:
        ring(r->sdl, PX(0.5f), PY(0.32f), PS(0.18f), PS(0.1f), fg, M_PI * 0.9, M_PI * 2.5);
        pen_line(pen, 0.5f, 0.48f, 0.5f, 0.66f, 0.1f, fg);
        pen_circle(pen, 0.5f, 0.83f, 0.07f, fg);
        break;
    case ICON_STAR:
    case ICON_FLAG:
    case ICON_PAUSE:
    case ICON_OPEN:
    case ICON_COUNT:
        break;
    }
    if (b->icon == ICON_STAR) {
        SDL_FPoint pts[10];
        for (int i = 0; i < 10; i++) {
            double a = -M_PI / 2 + M_PI * i / 5;
            float rad = i % 2 == 0 ? 0.46f : 0.19f;
            pts[i].x = PX(0.5f + rad * (float)cos(a));
            pts[i].y = PY(0.54f + rad * (float)sin(a));
        }
        fill_poly(r->sdl, pts, 10, fg);
    } else if (b->icon == ICON_FLAG) {
        pen_line(pen, 0.22f, 0.08f, 0.22f, 0.94f, 0.07f, fg);
        float fl[] = {0.25f, 0.1f, 0.88f, 0.3f, 0.25f, 0.52f};
        pen_poly(pen, fl, 3, fg);
    } else if (b->icon == ICON_PAUSE) {
        pen_rect(pen, 0.26f, 0.18f, 0.43f, 0.82f, fg);
        pen_rect(pen, 0.57f, 0.18f, 0.74f, 0.82f, fg);
    } else if (b->icon == ICON_OPEN) {
        fill_round_rect(r->sdl,
                        (Rect){(int)PX(0.08f), (int)PY(0.16f), (int)PS(0.84f), (int)PS(0.54f)},
                        (int)PS(0.12f), fg);
        float tail[] = {0.26f, 0.66f, 0.46f, 0.66f, 0.2f, 0.9f};
        pen_poly(pen, tail, 3, fg);
        pen_circle(pen, 0.3f, 0.43f, 0.06f, bg);
        pen_circle(pen, 0.5f, 0.43f, 0.06f, bg);
        pen_circle(pen, 0.7f, 0.43f, 0.06f, bg);
    }
}

static int shape_points(int shape, float cx, float cy, float rad, SDL_FPoint *p)
{
    int n = 0;
    switch ((TokenShape)shape) {
    case SHAPE_CIRCLE:
        for (; n < 32; n++) {
            double a = 2 * M_PI * n / 32;
            p[n].x = cx + rad * (float)cos(a);
            p[n].y = cy + rad * (float)sin(a);
        }
        return n;
    case SHAPE_SQUARE: {
        float h = rad * 0.86f;
        SDL_FPoint q[4] = {{cx - h, cy - h}, {cx + h, cy - h}, {cx + h, cy + h}, {cx - h, cy + h}};
        memcpy(p, q, sizeof q);
        return 4;
    }
    case SHAPE_CROSS: {
        float a = rad, b = rad * 0.4f;
        SDL_FPoint q[12] = {{cx - b, cy - a}, {cx + b, cy - a}, {cx + b, cy - b}, {cx + a, cy - b},
                            {cx + a, cy + b}, {cx + b, cy + b}, {cx + b, cy + a}, {cx - b, cy + a},
                            {cx - b, cy + b}, {cx - a, cy + b}, {cx - a, cy - b}, {cx - b, cy - b}};
        memcpy(p, q, sizeof q);
        return 12;
    }
    case SHAPE_STAR:
        for (; n < 10; n++) {
            double a = -M_PI / 2 + M_PI * n / 5;
            float rr = n % 2 == 0 ? rad * 1.1f : rad * 0.55f;
            p[n].x = cx + rr * (float)cos(a);
            p[n].y = cy + 0.08f * rad + rr * (float)sin(a);
        }
        return n;
    default: {
        int sides = shape == SHAPE_TRIANGLE   ? 3
                    : shape == SHAPE_DIAMOND  ? 4
                    : shape == SHAPE_PENTAGON ? 5
                                              : 6;
        float grow = shape == SHAPE_TRIANGLE ? 1.15f : 1.0f;
        float dy = shape == SHAPE_TRIANGLE ? rad * 0.15f : 0;
        for (; n < sides; n++) {
            double a = -M_PI / 2 + 2 * M_PI * n / sides;
            p[n].x = cx + rad * grow * (float)cos(a);
            p[n].y = cy + dy + rad * grow * (float)sin(a);
        }
        return n;
    }
    }
}

static void draw_token(Render *r, const Box *b)
{
    float s = (float)(b->rect.w < b->rect.h ? b->rect.w : b->rect.h);
    float cx = (float)b->rect.x + (float)b->rect.w / 2,
          cy = (float)b->rect.y + (float)b->rect.h / 2;
    float outer = s / 2 * 0.9f;
    float lw = b->line_w > 0 ? (float)b->line_w : s / 14;
    SDL_FPoint p[32];
    int n = shape_points(b->icon, cx, cy, outer, p);
    fill_poly(r->sdl, p, n, sdl_colour(b->line));
    n = shape_points(b->icon, cx, cy, outer - lw * 1.4f, p);
    fill_poly(r->sdl, p, n, sdl_colour(b->fg));
}

static void draw_die(Render *r, const Box *b)
{
    float s = (float)(b->rect.w < b->rect.h ? b->rect.w : b->rect.h) * 0.7f;
    float cx = (float)b->rect.x + (float)b->rect.w / 2,
          cy = (float)b->rect.y + (float)b->rect.h / 2;
    double a = b->angle * M_PI / 180.0;
    float ca = (float)cos(a), sa = (float)sin(a);
    SDL_FPoint p[4];
    float lw = s / 16 + 1;
    for (int pass = 0; pass < 2; pass++) {
        float h = s / 2 + (pass == 0 ? lw : 0);
        float corners[4][2] = {{-h, -h}, {h, -h}, {h, h}, {-h, h}};
        for (int i = 0; i < 4; i++) {
            p[i].x = cx + corners[i][0] * ca - corners[i][1] * sa;
            p[i].y = cy + corners[i][0] * sa + corners[i][1] * ca;
        }
        fill_poly(r->sdl, p, 4, sdl_colour(pass == 0 ? b->line : b->bg));
    }
    static const signed char pips[7][6][2] = {
        {{0}},
        {{0, 0}},
        {{-1, -1}, {1, 1}},
        {{-1, -1}, {0, 0}, {1, 1}},
        {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}},
        {{-1, -1}, {1, -1}, {0, 0}, {-1, 1}, {1, 1}},
        {{-1, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {1, 1}},
    };
    if (b->value >= 1 && b->value <= 6) {
        for (int i = 0; i < b->value; i++) {
            float u = pips[b->value][i][0] * s * 0.27f, v = pips[b->value][i][1] * s * 0.27f;
            fill_circle(r->sdl, cx + u * ca - v * sa, cy + u * sa + v * ca, s * 0.09f,
                        sdl_colour(b->fg));
        }
    }
}

/* ---- Layout --------------------------------------------------------------------------------- */

static void draw_box(Render *r, const Layout *layout, const Box *b)
{
    switch (b->kind) {
    case BOX_FILL:
        draw_fill(r, b);
        break;
    case BOX_TEXT:
        draw_text(r, layout, b);
        break;
    case BOX_ICON:
        draw_icon(r, b);
        break;
    case BOX_TOKEN:
        draw_token(r, b);
        break;
    case BOX_DIE:
        draw_die(r, b);
        break;
    case BOX_KIND_COUNT:
        break;
    }
}

static uint64_t static_hash(const Layout *layout)
{
    uint64_t h = 14695981039346656037ULL;
    h = fnv_int(fnv_int(h, layout->w), layout->h);
    for (int i = 0; i < layout->count; i++) {
        const Box *b = &layout->boxes[i];
        if (!(b->flags & BOX_STATIC)) {
            continue;
        }
        int v[] = {(int)b->kind,   b->rect.x,      b->rect.y,    b->rect.w, b->rect.h,
                   b->line_w,      b->radius,      (int)b->font, b->px,     b->min_px,
                   (int)b->halign, (int)b->valign, b->icon,      b->value,  b->angle};
        h = fnv(h, v, sizeof v);
        Colour c[3] = {b->fg, b->bg, b->line};
        h = fnv(h, c, sizeof c);
        const char *t = layout_text(layout, b);
        h = fnv(h, t, strlen(t) + 1);
    }
    return h;
}

/* The board layer's pixel format: the window's own with the software renderer, so that the
 * copy of the layer each frame is a plain copy of rows (from ARGB8888 to the X server's
 * RGB888 it converted every pixel: ~16 million instructions a 1920x1080 frame). */
static Uint32 layer_format(SDL_Renderer *sdl)
{
    SDL_RendererInfo info;
    SDL_Window *window = SDL_RenderGetWindow(sdl);
    if (window == NULL || SDL_GetRendererInfo(sdl, &info) != 0 ||
        !(info.flags & SDL_RENDERER_SOFTWARE)) {
        return SDL_PIXELFORMAT_ARGB8888;
    }
    Uint32 format = SDL_GetWindowPixelFormat(window);
    for (Uint32 i = 0; i < info.num_texture_formats; i++) {
        if (info.texture_formats[i] == format) {
            return format;
        }
    }
    return SDL_PIXELFORMAT_ARGB8888;
}

void render_draw_layout(Render *render, const Layout *layout)
{
    SDL_Renderer *sdl = render->sdl;
    if (sdl == NULL) {
        return;
    }
    /* Texts never overlap (layout_check), so one screen's line textures cover at most about
     * the screen: one and a half screens of pixels keep every line of this screen and some
     * of the last, and no more (24 MB, before, at any size). */
    render->line_budget = (size_t)layout->w * (size_t)layout->h * 4u * 3u / 2u;
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(sdl, 0, 0, 0, 255);
    SDL_RenderClear(sdl);
    bool any_static = false;
    for (int i = 0; i < layout->count && !any_static; i++) {
        any_static = (layout->boxes[i].flags & BOX_STATIC) != 0;
    }
    bool layer_ok = false;
    if (any_static) {
        uint64_t h = static_hash(layout);
        if (render->layer == NULL || render->layer_w != layout->w || render->layer_h != layout->h) {
            if (render->layer != NULL) {
                SDL_DestroyTexture(render->layer);
            }
            render->layer = SDL_CreateTexture(sdl, layer_format(sdl), SDL_TEXTUREACCESS_TARGET,
                                              layout->w, layout->h);
            if (render->layer != NULL) {
                /* Opaque: copying it needs no blending, which the software renderer pays for
                 * on every pixel. */
                SDL_SetTextureBlendMode(render->layer, SDL_BLENDMODE_NONE);
            }
            render->layer_w = layout->w;
            render->layer_h = layout->h;
            render->layer_hash = 0;
        }
        if (render->layer != NULL && render->layer_hash != h &&
            SDL_SetRenderTarget(sdl, render->layer) == 0) {
            SDL_SetRenderDrawColor(sdl, 0, 0, 0, 255);
            SDL_RenderClear(sdl);
            for (int i = 0; i < layout->count; i++) {
                if (layout->boxes[i].flags & BOX_STATIC) {
                    draw_box(render, layout, &layout->boxes[i]);
                }
            }
            SDL_SetRenderTarget(sdl, NULL);
            render->layer_hash = h;
            render->stats.static_layer_draws++;
        }
        if (render->layer != NULL && render->layer_hash == h) {
            SDL_RenderCopy(sdl, render->layer, NULL, NULL);
            layer_ok = true;
        }
    }
    for (int i = 0; i < layout->count; i++) {
        const Box *b = &layout->boxes[i];
        /* Without a layer (no target textures) the static boxes are drawn directly. */
        if ((b->flags & BOX_STATIC) && layer_ok) {
            continue;
        }
        draw_box(render, layout, b);
    }
}
