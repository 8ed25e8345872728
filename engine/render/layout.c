/*
 * layout.c: the box list and its checks. No SDL here: tests run the checks on any layout.
 */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const icon_names[ICON_COUNT] = {
    "heart", "home",   "balance", "person",   "briefcase", "book", "bottle", "ribbon", "phone",
    "chain", "shield", "hand",    "question", "star",      "flag", "pause",  "open",
};

Icon layout_icon_from_name(const char *name)
{
    for (int i = 0; name != NULL && i < ICON_COUNT; i++) {
        if (strcmp(name, icon_names[i]) == 0) {
            return (Icon)i;
        }
    }
    return ICON_QUESTION;
}

const char *layout_icon_name(Icon icon)
{
    return (int)icon >= 0 && icon < ICON_COUNT ? icon_names[icon] : NULL;
}

static void *grow(void *p, size_t size)
{
    void *q = realloc(p, size);
    if (q == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    return q;
}

void layout_init(Layout *layout)
{
    memset(layout, 0, sizeof *layout);
}

void layout_free(Layout *layout)
{
    if (layout == NULL) {
        return;
    }
    free(layout->boxes);
    free(layout->texts);
    memset(layout, 0, sizeof *layout);
}

void layout_reset(Layout *layout, int w, int h)
{
    layout->w = w;
    layout->h = h;
    layout->count = 0;
    layout->text_used = 0;
    /* Offset 0 is the empty string, so a box without text reads "". */
    if (layout->text_capacity == 0) {
        layout->text_capacity = 4096;
        layout->texts = grow(NULL, layout->text_capacity);
    }
    layout->texts[0] = '\0';
    layout->text_used = 1;
}

int layout_add(Layout *layout, const Box *box)
{
    if (layout->count == layout->capacity) {
        layout->capacity = layout->capacity ? layout->capacity * 2 : 256;
        layout->boxes = grow(layout->boxes, (size_t)layout->capacity * sizeof *layout->boxes);
    }
    layout->boxes[layout->count] = *box;
    return layout->count++;
}

size_t layout_store_text(Layout *layout, const char *text)
{
    if (text == NULL || text[0] == '\0') {
        return 0;
    }
    size_t len = strlen(text) + 1;
    if (layout->text_used + len > layout->text_capacity) {
        while (layout->text_used + len > layout->text_capacity) {
            layout->text_capacity *= 2;
        }
        layout->texts = grow(layout->texts, layout->text_capacity);
    }
    size_t at = layout->text_used;
    memcpy(layout->texts + at, text, len);
    layout->text_used += len;
    return at;
}

const char *layout_text(const Layout *layout, const Box *box)
{
    return layout->texts != NULL ? layout->texts + box->text : "";
}

Rect layout_text_extent(const Box *box)
{
    Rect r = {box->rect.x, box->rect.y, box->fit.w, box->fit.h};
    if (box->halign == ALIGN_CENTER) {
        r.x += (box->rect.w - box->fit.w) / 2;
    } else if (box->halign == ALIGN_END) {
        r.x += box->rect.w - box->fit.w;
    }
    if (box->valign == ALIGN_CENTER) {
        r.y += (box->rect.h - box->fit.h) / 2;
    } else if (box->valign == ALIGN_END) {
        r.y += box->rect.h - box->fit.h;
    }
    return r;
}

bool rect_contains(Rect outer, Rect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool rect_overlaps(Rect a, Rect b)
{
    return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
           a.y < b.y + b.h && b.y < a.y + a.h;
}

bool rect_has_point(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

Rect rect_inset(Rect r, int by)
{
    Rect o = {r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
    if (o.w < 0) {
        o.w = 0;
    }
    if (o.h < 0) {
        o.h = 0;
    }
    return o;
}

int layout_hit(const Layout *layout, int x, int y)
{
    for (int i = layout->count - 1; i >= 0; i--) {
        const Box *b = &layout->boxes[i];
        if (b->action >= 0 && rect_has_point(b->rect, x, y)) {
            return i;
        }
    }
    return -1;
}

int layout_find(const Layout *layout, const char *name)
{
    for (int i = 0; i < layout->count; i++) {
        if (layout->boxes[i].name != NULL && strcmp(layout->boxes[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

static const char *box_label(const Box *b)
{
    return b->name != NULL ? b->name : "(unnamed)";
}

bool layout_check(const Layout *layout, char *err, size_t err_size)
{
    Rect screen = {0, 0, layout->w, layout->h};
    for (int i = 0; i < layout->count; i++) {
        const Box *b = &layout->boxes[i];
        if (!rect_contains(screen, b->rect)) {
            snprintf(err, err_size, "box %d %s (%d,%d %dx%d) is off the %dx%d screen", i,
                     box_label(b), b->rect.x, b->rect.y, b->rect.w, b->rect.h, layout->w,
                     layout->h);
            return false;
        }
        if (b->parent >= 0) {
            const Box *p = &layout->boxes[b->parent];
            if (b->parent >= i || !rect_contains(p->rect, b->rect)) {
                snprintf(err, err_size,
                         "box %d %s (%d,%d %dx%d) leaves its parent %s (%d,%d %dx%d)", i,
                         box_label(b), b->rect.x, b->rect.y, b->rect.w, b->rect.h, box_label(p),
                         p->rect.x, p->rect.y, p->rect.w, p->rect.h);
                return false;
            }
        }
        if (b->kind == BOX_TEXT) {
            Rect e = layout_text_extent(b);
            if (!rect_contains(b->rect, e)) {
                snprintf(err, err_size, "text %d %s \"%.40s\" (%dx%d) overflows its box (%dx%d)", i,
                         box_label(b), layout_text(layout, b), e.w, e.h, b->rect.w, b->rect.h);
                return false;
            }
        }
    }
    for (int i = 0; i < layout->count; i++) {
        const Box *a = &layout->boxes[i];
        if (a->kind != BOX_TEXT || a->fit.w == 0) {
            continue;
        }
        Rect ea = layout_text_extent(a);
        for (int j = i + 1; j < layout->count; j++) {
            const Box *b = &layout->boxes[j];
            if (b->kind != BOX_TEXT || b->fit.w == 0) {
                continue;
            }
            if (rect_overlaps(ea, layout_text_extent(b))) {
                snprintf(err, err_size, "texts %d %s \"%.30s\" and %d %s \"%.30s\" overlap", i,
                         box_label(a), layout_text(layout, a), j, box_label(b),
                         layout_text(layout, b));
                return false;
            }
        }
    }
    return true;
}
