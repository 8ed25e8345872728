/*
 * ui_print.c: the pages of the print-and-play version (ui_print.h). What is on the screens is
 * drawn by ui_view.c's pieces in the paper theme; this file only places them on sheets and adds
 * what paper needs: cut marks, page footers, the board's overlap marks and assembly numbers,
 * and the rules sheet, which on screen is spread over the ground rules and the key help.
 */
#include "ui_print.h"

#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

/* Millimetres to pixels at 300 dpi. */
#define MM(x) ((int)((double)(x)*UI_PRINT_DPI / 25.4 + 0.5))

#define CARD_W     MM(88)
#define CARD_H     MM(63)
#define CARD_COLS  2
#define CARD_ROWS  4
#define CARD_BLEED MM(1.5) /* white around each card, so a cut a little off still looks right */
#define MARGIN     MM(12)  /* most printers cannot print the outer 5 mm */
#define OVERLAP    MM(15)  /* the strip two board tiles share */
#define HELP_ROWS  5       /* help lines on one page */

static const int page_sizes[UI_PAPER_COUNT][2] = {{2480, 3508}, {2550, 3300}};
static const char *const paper_names[UI_PAPER_COUNT] = {"a4", "letter"};

int ui_paper_from_name(const char *name)
{
    for (int i = 0; name != NULL && i < UI_PAPER_COUNT; i++) {
        if (strcmp(name, paper_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *ui_paper_name(UiPaper paper)
{
    return (int)paper >= 0 && paper < UI_PAPER_COUNT ? paper_names[paper] : NULL;
}

/* ---- Small helpers --------------------------------------------------------------------------- */

static Colour ink(uint32_t v)
{
    Colour c = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
    return c;
}

static Rect box(int x, int y, int w, int h)
{
    Rect r = {x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
    return r;
}

static int add_fill(Layout *l, int parent, Rect r, Colour bg, Colour line, int line_w,
                    const char *name)
{
    Box b = {.kind = BOX_FILL,
             .parent = parent,
             .rect = r,
             .bg = bg,
             .line = line,
             .line_w = line_w,
             .action = -1,
             .name = name};
    return layout_add(l, &b);
}

static int add_text(Ui *ui, Layout *l, int parent, Rect r, const char *s, FontRole font, int px,
                    Colour fg, Align ha, const char *name)
{
    Box b = {.kind = BOX_TEXT,
             .parent = parent,
             .rect = r,
             .fg = fg,
             .font = font,
             .px = px,
             .min_px = px * 3 / 4,
             .halign = ha,
             .valign = ALIGN_CENTER,
             .action = -1,
             .name = name};
    return layout_add_text(l, ui->deps.render, &b, s);
}

static const char *tr(Ui *ui, const char *key)
{
    return ui_tr(ui, key);
}

/* "Title version · licence" and "page N of M". */
static void footer_parts(Ui *ui, const UiPrintPlan *p, int page, char *title, size_t tsize,
                         char *pg, size_t psize)
{
    char num[2][16];
    const Pack *pack = ui->deps.pack;
    I18nArg args[] = {{"title", pack != NULL ? tr(ui, pack_title_key(pack)) : tr(ui, "app.name")},
                      {"version", pack != NULL ? pack_version(pack) : ui->def->version},
                      {"license", pack != NULL ? pack_license(pack) : ""}};
    i18n_format(ui->deps.i18n, title, tsize, "print.footer", args, 3);
    snprintf(num[0], sizeof num[0], "%d", page + 1);
    snprintf(num[1], sizeof num[1], "%d", p->pages);
    I18nArg pargs[] = {{"page", num[0]}, {"pages", num[1]}};
    i18n_format(ui->deps.i18n, pg, psize, "print.page", pargs, 2);
}

static void footer(Ui *ui, const UiPrintPlan *p, Layout *l, int page)
{
    char line[700], title[300], pg[80];
    footer_parts(ui, p, page, title, sizeof title, pg, sizeof pg);
    snprintf(line, sizeof line, "%s · %s", title, pg);
    int fh = MM(5);
    add_text(ui, l, 0,
             box(MARGIN, p->h - MARGIN + (MARGIN - fh) / 2 - MM(2), p->w - 2 * MARGIN, fh), line,
             FONT_REGULAR, MM(2.6), ink(0x33334A), ALIGN_CENTER, "page.footer");
}

static int page_bg(const UiPrintPlan *p, Layout *l)
{
    layout_reset(l, p->w, p->h);
    return add_fill(l, -1, box(0, 0, p->w, p->h), ink(0xFFFFFF), ink(0xFFFFFF), 0, "page");
}

/* ---- The plan ------------------------------------------------------------------------------- */

void ui_print_plan(Ui *ui, UiPaper paper, UiPrintPlan *p)
{
    memset(p, 0, sizeof *p);
    p->paper = paper;
    p->w = page_sizes[paper][0];
    p->h = page_sizes[paper][1];
    int count = 0;
    ui_helplines(ui, &count);
    p->help_first = 1;
    p->help_pages = count > HELP_ROWS ? (count + HELP_ROWS - 1) / HELP_ROWS : 1;
    int tw = p->w - 2 * MARGIN, th = p->h - 2 * MARGIN;
    /* Two sheets wide: a board of about 36 cm, big enough to read a stop's name across a
     * table. */
    p->board_cols = 2;
    p->board_size = p->board_cols * tw - (p->board_cols - 1) * OVERLAP;
    p->board_rows = (p->board_size - OVERLAP + (th - OVERLAP) - 1) / (th - OVERLAP);
    int next = p->help_first + p->help_pages;
    int board_pages = p->board_cols * p->board_rows;
    p->blank = -1;
    /* Card fronts start on an odd page (index even) so that duplex printing of the card
     * pages alone or of the whole file puts every back behind its front. */
    if ((next + board_pages) % 2 != 0) {
        p->blank = next;
        next++;
    }
    p->board_first = next;
    p->cards_first = next + board_pages;
    p->cards = ui->def->card_count;
    p->per_sheet = CARD_COLS * CARD_ROWS;
    p->sheets = (p->cards + p->per_sheet - 1) / p->per_sheet;
    p->pages = p->cards_first + 2 * p->sheets;
}

UiPageKind ui_print_page_kind(const UiPrintPlan *p, int page, int *index)
{
    int i = 0;
    UiPageKind kind = UI_PAGE_RULES;
    if (page == p->blank) {
        kind = UI_PAGE_BLANK;
    } else if (page >= p->cards_first) {
        i = (page - p->cards_first) / 2;
        kind = (page - p->cards_first) % 2 == 0 ? UI_PAGE_FRONTS : UI_PAGE_BACKS;
    } else if (page >= p->board_first) {
        i = page - p->board_first;
        kind = UI_PAGE_BOARD;
    } else if (page >= p->help_first) {
        i = page - p->help_first;
        kind = UI_PAGE_HELP;
    }
    if (index != NULL) {
        *index = i;
    }
    return kind;
}

/* ---- Cards ---------------------------------------------------------------------------------- */

Rect ui_print_card_rect(const UiPrintPlan *p, int slot, bool back)
{
    int x0 = (p->w - CARD_COLS * CARD_W) / 2, y0 = (p->h - CARD_ROWS * CARD_H) / 2;
    int col = slot % CARD_COLS, row = slot / CARD_COLS;
    if (back) {
        col = CARD_COLS - 1 - col; /* the sheet turns over its long edge */
    }
    return box(x0 + col * CARD_W, y0 + row * CARD_H, CARD_W, CARD_H);
}

/* Short marks in the margins where the cuts go, outside the cards so none shows on them. */
static void cut_marks(const UiPrintPlan *p, Layout *l)
{
    int x0 = (p->w - CARD_COLS * CARD_W) / 2, y0 = (p->h - CARD_ROWS * CARD_H) / 2;
    int x1 = x0 + CARD_COLS * CARD_W, y1 = y0 + CARD_ROWS * CARD_H;
    int len = MM(6), gap = MM(2), lw = 3;
    Colour c = ink(0x666677);
    for (int k = 0; k <= CARD_COLS; k++) {
        int x = x0 + k * CARD_W - lw / 2;
        add_fill(l, 0, box(x, y0 - gap - len, lw, len), c, c, 0, "cut");
        add_fill(l, 0, box(x, y1 + gap, lw, len), c, c, 0, "cut");
    }
    for (int k = 0; k <= CARD_ROWS; k++) {
        int y = y0 + k * CARD_H - lw / 2;
        add_fill(l, 0, box(x0 - gap - len, y, len, lw), c, c, 0, "cut");
        add_fill(l, 0, box(x1 + gap, y, len, lw), c, c, 0, "cut");
    }
}

static void card_page(Ui *ui, const UiPrintPlan *p, int page, int sheet, bool back, Layout *l)
{
    page_bg(p, l);
    cut_marks(p, l);
    /* Cards are laid out as on a screen a little narrower than the card (text a sixth larger
     * than on a 16:9 screen as wide as it, for reading across a table), and the card is
     * taller than on screen, so the text has more room. */
    int fw = CARD_W - 2 * CARD_BLEED;
    int unit = fw * 2 / 3;
    int first = sheet * p->per_sheet;
    int last = first + p->per_sheet < p->cards ? first + p->per_sheet : p->cards;
    for (int c = first; c < last; c++) {
        Rect r = rect_inset(ui_print_card_rect(p, c - first, back), CARD_BLEED);
        if (back) {
            ui_view_card_back(ui, l, unit, 0, r, c);
        } else {
            ui_view_card_front(ui, l, unit, 0, r, c);
        }
    }
    /* The footer goes between the cut marks under the cards (Letter leaves 14 mm there): the
     * pack and the page under the first column, the cards and the side under the second. */
    char what[300], title[300], pg[80], line[400], n[3][16];
    snprintf(n[0], sizeof n[0], "%d", first + 1);
    snprintf(n[1], sizeof n[1], "%d", last);
    snprintf(n[2], sizeof n[2], "%d", p->cards);
    I18nArg args[] = {{"from", n[0]}, {"to", n[1]}, {"count", n[2]}};
    i18n_format(ui->deps.i18n, what, sizeof what, back ? "print.cards_back" : "print.cards_front",
                args, 3);
    footer_parts(ui, p, page, title, sizeof title, pg, sizeof pg);
    snprintf(line, sizeof line, "%s · %s", title, pg);
    Rect left = ui_print_card_rect(p, p->per_sheet - 2, false);
    Rect right = ui_print_card_rect(p, p->per_sheet - 1, false);
    int y = left.y + left.h + MM(1.5), fh = MM(5.5), in = MM(3);
    Colour dim = ink(0x33334A);
    add_text(ui, l, 0, box(left.x + in, y, left.w - 2 * in, fh), line, FONT_REGULAR, MM(2.6), dim,
             ALIGN_START, "page.footer");
    add_text(ui, l, 0, box(right.x + in, y, right.w - 2 * in, fh), what, FONT_REGULAR, MM(2.6), dim,
             ALIGN_END, "page.footer");
}

/* ---- The board ------------------------------------------------------------------------------ */

/* A dashed line: where the next sheet's edge goes. A white stroke under the dashes keeps them
 * visible on a dark band. */
static void dashed(Layout *l, int x, int y, int len, bool vertical)
{
    int dash = MM(3), gap = MM(2), lw = 4;
    Colour white = ink(0xFFFFFF), dark = ink(0x111111);
    if (vertical) {
        add_fill(l, 0, box(x - lw, y, 3 * lw, len), white, white, 0, "board.glue");
    } else {
        add_fill(l, 0, box(x, y - lw, len, 3 * lw), white, white, 0, "board.glue");
    }
    for (int at = 0; at < len; at += dash + gap) {
        int d = at + dash > len ? len - at : dash;
        Rect r = vertical ? box(x, y + at, lw, d) : box(x + at, y, d, lw);
        add_fill(l, 0, r, dark, dark, 0, "board.glue");
    }
}

static void board_page(Ui *ui, const UiPrintPlan *p, int page, int tile, Layout *l)
{
    int cols = p->board_cols, rows = p->board_rows;
    int col = tile % cols, row = tile / cols;
    int tw = p->w - 2 * MARGIN, th = p->h - 2 * MARGIN;
    int wx = col * (tw - OVERLAP), wy = row * (th - OVERLAP);
    int s = p->board_size;
    /* The whole board, laid out once as on a screen whose height it nearly fills (as on the
     * board screen), then the part under this sheet copied onto it. */
    Layout whole;
    layout_init(&whole);
    layout_reset(&whole, s, s);
    ui_view_board(ui, &whole, s * 100 / 96, -1, box(0, 0, s, s));
    int bg = page_bg(p, l);
    Rect window = box(wx, wy, tw, th);
    int map[4096];
    int dx = MARGIN - wx, dy = MARGIN - wy;
    for (int i = 0; i < whole.count; i++) {
        const Box *src = &whole.boxes[i];
        if (i < (int)(sizeof map / sizeof map[0])) {
            map[i] = -1;
        }
        if (!rect_overlaps(src->rect, window)) {
            continue;
        }
        Box b = *src;
        b.rect.x += dx;
        b.rect.y += dy;
        b.parent = bg;
        if (src->parent >= 0 && src->parent < i && map[src->parent] >= 0) {
            b.parent = map[src->parent];
        }
        if (b.kind == BOX_TEXT) {
            b.text = layout_store_text(l, layout_text(&whole, src));
        }
        int at = layout_add(l, &b);
        if (i < (int)(sizeof map / sizeof map[0])) {
            map[i] = at;
        }
    }
    layout_free(&whole);
    /* White margins over whatever of the board lies beyond this sheet. */
    Colour white = ink(0xFFFFFF);
    add_fill(l, bg, box(0, 0, p->w, MARGIN), white, white, 0, "margin");
    add_fill(l, bg, box(0, MARGIN + th, p->w, p->h - MARGIN - th), white, white, 0, "margin");
    add_fill(l, bg, box(0, MARGIN, MARGIN, th), white, white, 0, "margin");
    add_fill(l, bg, box(MARGIN + tw, MARGIN, p->w - MARGIN - tw, th), white, white, 0, "margin");
    /* The board's part on this sheet, for the lines below. */
    int vis_w = s - wx < tw ? s - wx : tw, vis_h = s - wy < th ? s - wy : th;
    Colour dark = ink(0x111111), dim = ink(0x33334A);
    int lpx = MM(3.2), lh = MM(5);
    char buf[600], a[4][16];
    /* Where the neighbours' edges go, numbered with their sheets. */
    if (col + 1 < cols) {
        int x = MARGIN + tw - OVERLAP;
        dashed(l, x, MARGIN, vis_h, true);
        snprintf(a[0], sizeof a[0], "%d", tile + 2);
        I18nArg args[] = {{"n", a[0]}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "print.board_edge", args, 1);
        add_text(ui, l, bg, box(x - MM(1), MARGIN - lh - MM(1), OVERLAP + MM(12), lh), buf,
                 FONT_BOLD, lpx, dark, ALIGN_START, "board.edge");
    }
    if (row + 1 < rows) {
        int y = MARGIN + th - OVERLAP;
        dashed(l, MARGIN, y, vis_w, false);
        snprintf(a[0], sizeof a[0], "%d", tile + cols + 1);
        I18nArg args[] = {{"n", a[0]}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "print.board_edge", args, 1);
        add_text(ui, l, bg, box(MARGIN + tw - MM(40), y + MM(1.5), MM(40), lh), buf, FONT_BOLD, lpx,
                 dark, ALIGN_END, "board.edge");
    }
    /* Cut lines where this sheet goes over a neighbour. */
    if (col > 0) {
        add_fill(l, bg, box(MARGIN - 2, MARGIN, 3, vis_h), dark, dark, 0, "board.cut");
    }
    if (row > 0) {
        add_fill(l, bg, box(MARGIN, MARGIN - 2, vis_w, 3), dark, dark, 0, "board.cut");
    }
    /* The sheet's number and place, at the top; how to join it, at the bottom. */
    snprintf(a[0], sizeof a[0], "%d", tile + 1);
    snprintf(a[1], sizeof a[1], "%d", cols * rows);
    snprintf(a[2], sizeof a[2], "%d", row + 1);
    snprintf(a[3], sizeof a[3], "%d", col + 1);
    I18nArg targs[] = {{"n", a[0]}, {"total", a[1]}, {"row", a[2]}, {"col", a[3]}};
    i18n_format(ui->deps.i18n, buf, sizeof buf, "print.board_tile", targs, 4);
    int head_w = col + 1 < cols ? tw - OVERLAP - MM(4) : tw - MM(4);
    add_text(ui, l, bg, box(MARGIN, MARGIN - lh - MM(1), head_w, lh), buf, FONT_BOLD, lpx, dark,
             ALIGN_START, "board.tile");
    int y = MARGIN + th + MM(1);
    if (col > 0) {
        snprintf(a[0], sizeof a[0], "%d", tile);
        I18nArg args[] = {{"n", a[0]}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "print.board_join_left", args, 1);
        add_text(ui, l, bg, box(MARGIN, y, tw - MM(30), lh), buf, FONT_REGULAR, MM(2.8), dim,
                 ALIGN_START, "board.join");
        y += lh;
    }
    if (row > 0) {
        snprintf(a[0], sizeof a[0], "%d", tile + 1 - cols);
        I18nArg args[] = {{"n", a[0]}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "print.board_join_above", args, 1);
        add_text(ui, l, bg, box(MARGIN, y, tw - MM(30), lh), buf, FONT_REGULAR, MM(2.8), dim,
                 ALIGN_START, "board.join");
    }
    /* A map of the sheets, this one filled, in the bottom right corner. */
    int cell = MM(4);
    int mx = MARGIN + tw - cols * cell, my = MARGIN + th + MM(1);
    for (int t = 0; t < cols * rows; t++) {
        Rect r = box(mx + (t % cols) * cell, my + (t / cols) * cell, cell - 2, cell - 2);
        bool here = t == tile;
        int sq = add_fill(l, bg, r, here ? dark : white, dark, 2, "board.map");
        snprintf(a[0], sizeof a[0], "%d", t + 1);
        add_text(ui, l, sq, rect_inset(r, 3), a[0], FONT_BOLD, cell * 3 / 5, here ? white : dark,
                 ALIGN_CENTER, "board.map.n");
    }
    (void)page;
}

/* ---- Rules sheet ------------------------------------------------------------------------------
 */

typedef struct Para {
    char text[700];
    bool head;
} Para;

static int para_add(Para *paras, int n, bool head, const char *s)
{
    if (n < 40) {
        snprintf(paras[n].text, sizeof paras[n].text, "%s", s);
        paras[n].head = head;
        n++;
    }
    return n;
}

/* "Name: what it does" for one kind of stop, when the board has it. */
static int stop_para(Ui *ui, Para *paras, int n, SpaceKind kind, const char *what)
{
    const GameDef *def = ui->def;
    for (int s = 0; s < def->space_count; s++) {
        if (def->spaces[s].kind == kind) {
            char key[80], line[700];
            snprintf(key, sizeof key, "space_kind.%s", gamedef_space_kind_name(kind));
            snprintf(line, sizeof line, "%s: %s", tr(ui, key), what);
            return para_add(paras, n, false, line);
        }
    }
    return n;
}

static int rules_paras(Ui *ui, Para *paras)
{
    const GameDef *def = ui->def;
    const Rules *r = &def->rules;
    I18n *i = ui->deps.i18n;
    char buf[700], what[600], pts[80], n1[16], n2[16];
    int n = 0;
    n = para_add(paras, n, true, tr(ui, "print.how_title"));
    n = para_add(paras, n, false, tr(ui, "print.setup"));
    snprintf(n1, sizeof n1, "%d", r->sides);
    I18nArg sides[] = {{"sides", n1}};
    i18n_format(i, buf, sizeof buf, r->dice > 1 ? "print.roll_dice" : "print.roll_die", sides, 1);
    n = para_add(paras, n, false, buf);
    i18n_plural(i, pts, sizeof pts, "board.points", r->start_bonus, NULL, 0);
    I18nArg start[] = {{"points", pts}};
    i18n_format(i, what, sizeof what, "print.what_start", start, 1);
    n = stop_para(ui, paras, n, SPACE_START, what);
    n = stop_para(ui, paras, n, SPACE_TOPIC, tr(ui, "print.what_topic"));
    n = stop_para(ui, paras, n, SPACE_SITUATION, tr(ui, "print.what_situation"));
    n = stop_para(ui, paras, n, SPACE_RIGHTS, tr(ui, "print.what_rights"));
    n = stop_para(ui, paras, n, SPACE_OPEN, tr(ui, "print.what_open"));
    static const char *const pause_keys[PAUSE_RULE_COUNT] = {
        "print.pause_skip", "print.pause_rights", "print.pause_doubles",
        "print.pause_rights_or_doubles"};
    int pr = (int)r->pause_rule;
    if (pr == PAUSE_RULE_DOUBLES && r->dice < 2) {
        pr = PAUSE_RULE_SKIP; /* doubles need two dice */
    }
    n = stop_para(ui, paras, n, SPACE_PAUSE, tr(ui, pause_keys[pr]));
    n = stop_para(ui, paras, n, SPACE_GO_TO_PAUSE, tr(ui, "print.what_go_to_pause"));
    i18n_plural(i, pts, sizeof pts, "board.points", r->card_points, NULL, 0);
    I18nArg points[] = {{"points", pts}};
    i18n_format(i, buf, sizeof buf, "print.points", points, 1);
    n = para_add(paras, n, false, buf);
    if (r->claims) {
        i18n_plural(i, pts, sizeof pts, "board.points", r->rent, NULL, 0);
        I18nArg rent[] = {{"points", pts}};
        i18n_format(i, buf, sizeof buf, "print.claims", rent, 1);
        n = para_add(paras, n, false, buf);
    }
    snprintf(n1, sizeof n1, "%d", r->rounds);
    snprintf(n2, sizeof n2, "%d", r->minutes);
    I18nArg end[] = {{"rounds", n1}, {"minutes", n2}};
    const char *end_key = r->rounds > 0 && r->minutes > 0 ? "print.end_rounds_minutes"
                          : r->rounds > 0                 ? "print.end_rounds"
                          : r->minutes > 0                ? "print.end_minutes"
                                                          : "print.end_open";
    i18n_format(i, buf, sizeof buf, end_key, end, 2);
    n = para_add(paras, n, false, buf);
    if (r->coop_goal > 0) {
        i18n_plural(i, pts, sizeof pts, "board.points", r->coop_goal, NULL, 0);
        I18nArg goal[] = {{"points", pts}};
        i18n_format(i, buf, sizeof buf, "print.coop", goal, 1);
        n = para_add(paras, n, false, buf);
    }
    /* The kinds of card the pack has, in the order of the game's kinds. */
    n = para_add(paras, n, true, tr(ui, "print.cards_title"));
    for (int k = 0; k < CARD_KIND_COUNT; k++) {
        bool used = false;
        for (int c = 0; c < def->card_count && !used; c++) {
            used = (int)def->cards[c].kind == k;
        }
        if (!used) {
            continue;
        }
        char key[80], key2[80];
        snprintf(key, sizeof key, "card_kind.%s", gamedef_card_kind_name((CardKind)k));
        snprintf(key2, sizeof key2, "print.kind_%s", gamedef_card_kind_name((CardKind)k));
        snprintf(buf, sizeof buf, "%s: %s", tr(ui, key), tr(ui, key2));
        n = para_add(paras, n, false, buf);
    }
    n = para_add(paras, n, false, tr(ui, "print.back_note"));
    return n;
}

static void rules_page(Ui *ui, const UiPrintPlan *p, int page, Layout *l)
{
    int bg = page_bg(p, l);
    int cw = p->w - 2 * MARGIN;
    int unit = cw * 2 / 5;
    Colour dark = ink(0x111111), accent = ink(0x7A3A00);
    const Pack *pack = ui->deps.pack;
    int y = MARGIN;
    int th = MM(12);
    add_text(ui, l, bg, box(MARGIN, y, cw, th),
             pack != NULL ? tr(ui, pack_title_key(pack)) : tr(ui, "app.name"), FONT_BOLD, MM(8),
             dark, ALIGN_CENTER, "rules.title");
    y += th;
    add_text(ui, l, bg, box(MARGIN, y, cw, MM(8)), tr(ui, "print.rules_title"), FONT_REGULAR, MM(5),
             dark, ALIGN_CENTER, "rules.subtitle");
    y += MM(11);
    int hh = MM(8), hpx = MM(4.2);
    add_text(ui, l, bg, box(MARGIN, y, cw, hh), tr(ui, "ground_rules.title"), FONT_BOLD, hpx,
             accent, ALIGN_START, "rules.head");
    y += hh + MM(1);
    int gh = unit * 4 / 5;
    ui_view_ground_rules(ui, l, unit, bg, box(MARGIN, y, cw, gh));
    y += gh + MM(4);
    Para paras[40];
    int n = rules_paras(ui, paras);
    int bottom = p->h - MARGIN;
    int indent = MM(4), gap = MM(1.6);
    /* The text size that fits what is left of the page, from 11 pt down to 8 pt. */
    int px = MM(3.9);
    for (; px > MM(2.8); px = px * 19 / 20) {
        int need = 0;
        for (int k = 0; k < n; k++) {
            need += paras[k].head ? hh + MM(1)
                                  : render_text_height(ui->deps.render, paras[k].text, FONT_REGULAR,
                                                       px, cw - indent) +
                                        gap;
        }
        if (y + need <= bottom) {
            break;
        }
    }
    for (int k = 0; k < n; k++) {
        if (paras[k].head) {
            y += MM(2);
            add_text(ui, l, bg, box(MARGIN, y, cw, hh), paras[k].text, FONT_BOLD, hpx, accent,
                     ALIGN_START, "rules.head");
            y += hh + MM(1);
            continue;
        }
        int h = render_text_height(ui->deps.render, paras[k].text, FONT_REGULAR, px, cw - indent);
        Box b = {.kind = BOX_TEXT,
                 .parent = bg,
                 .rect = box(MARGIN + indent, y, cw - indent, h),
                 .fg = dark,
                 .font = FONT_REGULAR,
                 .px = px,
                 .min_px = px * 4 / 5,
                 .halign = ALIGN_START,
                 .valign = ALIGN_START,
                 .action = -1,
                 .name = "rules.text"};
        if (y + h > bottom) {
            b.rect.h = bottom - y; /* shrinks, then is cut with "…": never over the footer */
        }
        layout_add_text(l, ui->deps.render, &b, paras[k].text);
        /* A bullet: a small square in the accent colour. */
        int d = MM(1.4);
        add_fill(l, bg, box(MARGIN + MM(0.8), y + px / 2 - d / 2 + MM(0.6), d, d), accent, accent,
                 0, "rules.bullet");
        y += h + gap;
    }
    footer(ui, p, l, page);
}

/* ---- Help lines -------------------------------------------------------------------------------
 */

static void help_page(Ui *ui, const UiPrintPlan *p, int page, int index, Layout *l)
{
    int bg = page_bg(p, l);
    int cw = p->w - 2 * MARGIN;
    int unit = cw / 2;
    Colour dark = ink(0x111111), accent = ink(0x7A3A00), dim = ink(0x33334A);
    char buf[600], region[120];
    int y = MARGIN;
    add_text(ui, l, bg, box(MARGIN, y, cw, MM(12)), tr(ui, "help.title"), FONT_BOLD, MM(7), dark,
             ALIGN_CENTER, "help.title");
    y += MM(13);
    const char *cc = ui->settings.region;
    int count = 0;
    const Helpline *lines = ui_helplines(ui, &count);
    if (cc[0] == '\0') {
        add_text(ui, l, bg, box(MARGIN, y, cw, MM(14)), tr(ui, "help.no_region"), FONT_BOLD,
                 MM(4.5), accent, ALIGN_CENTER, "help.warning");
        y += MM(15);
    } else {
        char key[32];
        snprintf(key, sizeof key, "region.%s", cc);
        const char *rn = i18n_lookup(ui->deps.i18n, key, NULL);
        snprintf(region, sizeof region, "%s", rn != NULL ? rn : cc);
        I18nArg args[] = {{"region", region}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "help.region", args, 1);
        add_text(ui, l, bg, box(MARGIN, y, cw, MM(8)), buf, FONT_REGULAR, MM(4.2), dim,
                 ALIGN_CENTER, "help.region");
        y += MM(9);
        if (count == 0) {
            add_text(ui, l, bg, box(MARGIN, y, cw, MM(14)), tr(ui, "card.help_none"), FONT_BOLD,
                     MM(4.5), accent, ALIGN_CENTER, "help.warning");
            y += MM(15);
        }
    }
    add_text(ui, l, bg, box(MARGIN, y, cw, MM(12)), tr(ui, "help.emergency"), FONT_BOLD, MM(4.2),
             dark, ALIGN_START, "help.emergency");
    y += MM(13);
    int bottom = p->h - MARGIN - MM(16);
    int gap = MM(2);
    int ph = (bottom - y - gap * (HELP_ROWS - 1)) / HELP_ROWS;
    if (ph > unit * 36 / 100) {
        ph = unit * 36 / 100;
    }
    int first = index * HELP_ROWS;
    int sh = MM(5.5); /* the source, under each line: a printed number says where it was checked */
    for (int k = first; k < count && k < first + HELP_ROWS; k++) {
        ui_view_help_line(ui, l, unit, bg, box(MARGIN, y, cw, ph - sh), &lines[k]);
        I18nArg args[] = {{"source", lines[k].source}, {"date", lines[k].verified_on}};
        i18n_format(ui->deps.i18n, buf, sizeof buf, "print.source", args, 2);
        add_text(ui, l, bg, box(MARGIN + MM(2), y + ph - sh, cw - MM(4), sh), buf, FONT_REGULAR,
                 MM(2.2), dim, ALIGN_START, "help.source");
        y += ph + gap;
    }
    add_text(ui, l, bg, box(MARGIN, p->h - MARGIN - MM(15), cw, MM(14)), tr(ui, "help.talk_to"),
             FONT_REGULAR, MM(3.6), dark, ALIGN_START, "help.talk_to");
    footer(ui, p, l, page);
}

static void blank_page(Ui *ui, const UiPrintPlan *p, int page, Layout *l)
{
    int bg = page_bg(p, l);
    add_text(ui, l, bg, box(MARGIN, p->h / 2 - MM(5), p->w - 2 * MARGIN, MM(10)),
             tr(ui, "print.blank"), FONT_REGULAR, MM(3.2), ink(0x33334A), ALIGN_CENTER,
             "page.blank");
    footer(ui, p, l, page);
}

void ui_print_page(Ui *ui, const UiPrintPlan *p, int page, Layout *l)
{
    int index;
    switch (ui_print_page_kind(p, page, &index)) {
    case UI_PAGE_RULES:
        rules_page(ui, p, page, l);
        break;
    case UI_PAGE_HELP:
        help_page(ui, p, page, index, l);
        break;
    case UI_PAGE_BLANK:
        blank_page(ui, p, page, l);
        break;
    case UI_PAGE_BOARD:
        board_page(ui, p, page, index, l);
        break;
    case UI_PAGE_FRONTS:
        card_page(ui, p, page, index, false, l);
        break;
    case UI_PAGE_BACKS:
        card_page(ui, p, page, index, true, l);
        break;
    }
}
