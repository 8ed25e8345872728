/*
 * layout.h: the layout model: a flat list of boxes that the ui fills for one screen and the
 * renderer draws. Tests inspect it (every text inside its parent, no overlap, nothing off
 * screen) without looking at pixels.
 *
 * libc only apart from the text fitting, which asks a Render for font metrics. Boxes are drawn
 * in order, except that every box flagged BOX_STATIC is drawn first, once, into a cached
 * layer (the board), which is redrawn only when those boxes change.
 *
 * Ownership: a Layout owns its boxes and a copy of every text (layout_free). Box.name is a
 * borrowed string with static storage ("card.prompt"), used by tests and for debugging.
 */
#ifndef RUTAS_LAYOUT_H
#define RUTAS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Rect {
    int x, y, w, h;
} Rect;

typedef struct Colour {
    uint8_t r, g, b, a;
} Colour;

typedef enum BoxKind {
    BOX_FILL,  /* a rectangle: bg fill (alpha 0: none), line outline of line_w, corner radius */
    BOX_TEXT,  /* text fitted into rect: wrapped, shrunk down to min_px, then ellipsized */
    BOX_ICON,  /* one of the icons drawn by code, in fg on bg (bg used for cut-outs) */
    BOX_TOKEN, /* a team token: shape in fg with a dark outline (line) */
    BOX_DIE,   /* a die showing value, turned by angle degrees */
    BOX_KIND_COUNT
} BoxKind;

typedef enum FontRole { FONT_REGULAR, FONT_BOLD, FONT_ROLE_COUNT } FontRole;

typedef enum Align { ALIGN_START, ALIGN_CENTER, ALIGN_END } Align;

/* Icon names of packs (topics) and of the ui. */
typedef enum Icon {
    ICON_HEART,
    ICON_HOME,
    ICON_BALANCE,
    ICON_PERSON,
    ICON_BRIEFCASE,
    ICON_BOOK,
    ICON_BOTTLE,
    ICON_RIBBON,
    ICON_PHONE,
    ICON_CHAIN,
    ICON_SHIELD,
    ICON_HAND,
    ICON_QUESTION,
    ICON_STAR,
    ICON_FLAG,
    ICON_PAUSE,
    ICON_OPEN,
    ICON_COUNT
} Icon;

/* The icon for a pack's name ("heart"), or ICON_QUESTION for an unknown one. */
Icon layout_icon_from_name(const char *name);
const char *layout_icon_name(Icon icon);

typedef enum TokenShape {
    SHAPE_CIRCLE,
    SHAPE_SQUARE,
    SHAPE_TRIANGLE,
    SHAPE_DIAMOND,
    SHAPE_PENTAGON,
    SHAPE_HEXAGON,
    SHAPE_STAR,
    SHAPE_CROSS,
    SHAPE_COUNT
} TokenShape;

#define BOX_STATIC 1u /* part of the board's cached static layer */
#define BOX_FOCUS  2u /* the keyboard focus (tests look for exactly one on menus) */

/* What fitting did to a text. */
typedef struct TextFit {
    int px;          /* the size used */
    int lines;       /* lines shown */
    int w, h;        /* extent of the text as drawn */
    bool shrunk;     /* px < the size asked for */
    bool ellipsized; /* the text was cut and ends in "…" */
} TextFit;

typedef struct Box {
    BoxKind kind;
    int parent; /* index of the enclosing box, or -1 for the screen */
    Rect rect;
    Colour fg, bg, line;
    int line_w;
    int radius;
    unsigned flags;
    int action; /* what a click or tap on it does (a ui value), or -1 */
    int arg;
    const char *name; /* static string, may be NULL */
    /* BOX_TEXT */
    size_t text; /* offset into the layout's text store */
    FontRole font;
    int px, min_px;
    Align halign, valign;
    TextFit fit;
    /* BOX_ICON, BOX_TOKEN, BOX_DIE */
    int icon;  /* Icon, or TokenShape for a token */
    int value; /* die face */
    int angle; /* degrees */
} Box;

typedef struct Layout {
    int w, h; /* the screen */
    Box *boxes;
    int count, capacity;
    char *texts;
    size_t text_used, text_capacity;
} Layout;

void layout_init(Layout *layout);
void layout_free(Layout *layout);
/* Empties the layout for a screen of w x h, keeping its memory. */
void layout_reset(Layout *layout, int w, int h);

/* Adds a box and returns its index. The box is copied. */
int layout_add(Layout *layout, const Box *box);
/* Copies text into the layout's store; returns its offset for Box.text (0 is ""). */
size_t layout_store_text(Layout *layout, const char *text);
/* Text of a BOX_TEXT box. */
const char *layout_text(const Layout *layout, const Box *box);
/* Where the fitted text of a BOX_TEXT box is drawn (inside its rect, by alignment). */
Rect layout_text_extent(const Box *box);

bool rect_contains(Rect outer, Rect inner);
bool rect_overlaps(Rect a, Rect b);
bool rect_has_point(Rect r, int x, int y);
Rect rect_inset(Rect r, int by);

/* The topmost box with an action under the point, or -1. */
int layout_hit(const Layout *layout, int x, int y);
/* The first box with this name, or -1. */
int layout_find(const Layout *layout, const char *name);

/* Checks the layout's promises; writes the first problem to err and returns false:
 * every box inside the screen, every box inside its parent, every fitted text inside its box,
 * and no two texts overlapping. */
bool layout_check(const Layout *layout, char *err, size_t err_size);

#endif
