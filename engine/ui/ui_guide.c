/*
 * ui_guide.c: the facilitator guide's Markdown as plain blocks for the guide screen.
 *
 * A pack's guide is written by program staff in a text editor (docs/pack-format.md): headings,
 * paragraphs and lists. The screen shows them plainly, so this reads only that much Markdown and
 * turns the rest into text: emphasis and code marks are dropped, a link shows its text and its
 * address. The text comes from a pack the validator checked (UTF-8, size-limited), but nothing
 * here relies on that: any bytes give some blocks.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size);
    if (q == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    return q;
}

typedef struct Buf {
    char *s;
    size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Appends a line's text with its inline marks turned into plain text. */
static void add_inline(Buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\\' && i + 1 < n && strchr("\\`*_[]()#+-.!", s[i + 1]) != NULL) {
            buf_add(b, s + i + 1, 1);
            i += 2;
        } else if (c == '`') {
            i++; /* code marks: the code stays, the marks go */
        } else if (c == '*') {
            i++; /* emphasis (*, **): underscores stay, they are common in names */
        } else if (c == '[') {
            /* [text](address) -> text (address); anything else stays as written. */
            const char *close = memchr(s + i, ']', n - i);
            size_t at = close != NULL ? (size_t)(close - s) : n;
            if (close != NULL && at + 1 < n && s[at + 1] == '(') {
                const char *end = memchr(s + at + 2, ')', n - at - 2);
                if (end != NULL) {
                    size_t e = (size_t)(end - s);
                    add_inline(b, s + i + 1, at - i - 1);
                    const char *url = s + at + 2;
                    size_t ulen = e - at - 2;
                    /* A link to a place in the guide itself says nothing on screen. */
                    if (ulen > 0 && url[0] != '#') {
                        buf_add(b, " (", 2);
                        buf_add(b, url, ulen);
                        buf_add(b, ")", 1);
                    }
                    i = e + 1;
                    continue;
                }
            }
            buf_add(b, "[", 1);
            i++;
        } else {
            size_t j = i;
            while (j < n && strchr("\\`*[", s[j]) == NULL) {
                j++;
            }
            buf_add(b, s + i, j - i);
            i = j;
        }
    }
}

static void push_block(Guide *g, int *cap, GuideKind kind, int indent, Buf *text)
{
    /* Trailing spaces and empty blocks are not shown. */
    while (text->len > 0 && (text->s[text->len - 1] == ' ' || text->s[text->len - 1] == '\t')) {
        text->s[--text->len] = '\0';
    }
    if (text->len == 0) {
        free(text->s);
        memset(text, 0, sizeof *text);
        return;
    }
    if (g->count == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        g->blocks = xrealloc(g->blocks, (size_t)*cap * sizeof *g->blocks);
    }
    g->blocks[g->count++] = (GuideBlock){kind, indent, text->s};
    memset(text, 0, sizeof *text);
}

static bool has_comment_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, "-->", 3) == 0) {
            return true;
        }
    }
    return false;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    return i;
}

void ui_guide_parse(const char *md, Guide *g)
{
    memset(g, 0, sizeof *g);
    int cap = 0;
    Buf cur = {0};
    bool have = false; /* a paragraph or item is open in cur */
    GuideKind kind = GUIDE_PARA;
    int indent = 0;
    bool comment = false, fence = false;
    for (const char *line = md; md != NULL && *line != '\0';) {
        const char *nl = strchr(line, '\n');
        size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
        const char *next = nl != NULL ? nl + 1 : line + n;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        size_t lead = skip_spaces(line, n, 0);
        const char *t = line + lead;
        size_t tn = n - lead;
        line = next;
        if (comment) {
            comment = !has_comment_end(t, tn);
            continue;
        }
        if (tn >= 4 && memcmp(t, "<!--", 4) == 0) {
            comment = !has_comment_end(t + 4, tn - 4);
            continue;
        }
        if (tn >= 3 && (memcmp(t, "```", 3) == 0 || memcmp(t, "~~~", 3) == 0)) {
            if (have) {
                push_block(g, &cap, kind, indent, &cur);
                have = false;
            }
            fence = !fence;
            continue;
        }
        if (fence) {
            /* Code or a preformatted block: each line as it is. */
            buf_add(&cur, t, tn);
            push_block(g, &cap, GUIDE_PARA, 0, &cur);
            continue;
        }
        if (tn == 0) {
            if (have) {
                push_block(g, &cap, kind, indent, &cur);
                have = false;
            }
            continue;
        }
        /* A rule: ---, ***, ___ (three or more, spaces allowed). */
        size_t marks = 0, k = 0;
        while (k < tn && (t[k] == t[0] || t[k] == ' ') && strchr("-*_", t[0]) != NULL) {
            marks += t[k] != ' ';
            k++;
        }
        if (k == tn && marks >= 3) {
            if (have) {
                push_block(g, &cap, kind, indent, &cur);
                have = false;
            }
            continue;
        }
        /* A heading: # to ######, then a space. */
        size_t hashes = 0;
        while (hashes < tn && t[hashes] == '#') {
            hashes++;
        }
        if (hashes >= 1 && hashes <= 6 && (hashes == tn || t[hashes] == ' ')) {
            if (have) {
                push_block(g, &cap, kind, indent, &cur);
                have = false;
            }
            size_t from = skip_spaces(t, tn, hashes), to = tn;
            while (to > from && (t[to - 1] == '#' || t[to - 1] == ' ')) {
                to--; /* closing hashes */
            }
            add_inline(&cur, t + from, to - from);
            push_block(g, &cap,
                       hashes == 1   ? GUIDE_H1
                       : hashes == 2 ? GUIDE_H2
                                     : GUIDE_H3,
                       0, &cur);
            continue;
        }
        /* A list item: -, * or + and a space, or digits, '.' or ')' and a space. */
        size_t digits = 0;
        while (digits < tn && digits < 9 && t[digits] >= '0' && t[digits] <= '9') {
            digits++;
        }
        bool bullet = tn >= 2 && strchr("-*+", t[0]) != NULL && (t[1] == ' ' || t[1] == '\t');
        bool number = digits > 0 && digits + 1 < tn && (t[digits] == '.' || t[digits] == ')') &&
                      (t[digits + 1] == ' ' || t[digits + 1] == '\t');
        if (bullet || number) {
            if (have) {
                push_block(g, &cap, kind, indent, &cur);
            }
            kind = GUIDE_ITEM;
            indent = lead >= 4 ? 2 : lead >= 2 ? 1 : 0;
            if (bullet) {
                buf_add(&cur, "\xE2\x80\xA2 ", 4); /* U+2022 and a space */
                size_t from = skip_spaces(t, tn, 2);
                add_inline(&cur, t + from, tn - from);
            } else {
                buf_add(&cur, t, digits + 1);
                buf_add(&cur, " ", 1);
                size_t from = skip_spaces(t, tn, digits + 2);
                add_inline(&cur, t + from, tn - from);
            }
            have = true;
            continue;
        }
        /* A block quote reads as a paragraph. */
        if (t[0] == '>') {
            size_t from = skip_spaces(t, tn, 1);
            t += from;
            tn -= from;
        }
        if (have) {
            buf_add(&cur, " ", 1); /* a continued paragraph or item */
        } else {
            kind = GUIDE_PARA;
            indent = 0;
            have = true;
        }
        add_inline(&cur, t, tn);
    }
    if (have) {
        push_block(g, &cap, kind, indent, &cur);
    }
    free(cur.s);
}

void ui_guide_free(Guide *g)
{
    if (g == NULL) {
        return;
    }
    for (int i = 0; i < g->count; i++) {
        free(g->blocks[i].text);
    }
    free(g->blocks);
    memset(g, 0, sizeof *g);
}
