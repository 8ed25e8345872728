/*
 * ui_print.h: the print-and-play version of a pack, as pages: a rules sheet, the help lines of
 * the session's region, the board tiled over several sheets (with overlap marks and assembly
 * numbers), and every card, its front and its back on facing pages for double-sided printing.
 *
 * A page is a Layout laid out by the same pieces of ui_view.c as the screens (the card screen,
 * the board, the ground rules, the help screen), in the paper theme: dark ink on white. The
 * app draws it with render into an image of the page's size (rutas print). Libc only, like the
 * rest of the ui: the texts come from the Ui's strings, the help lines from its region.
 *
 * Sizes: pages at 300 dots per inch (A4 2480 x 3508, Letter 2550 x 3300); cards 88 x 63 mm
 * (a playing card on its side), 2 x 4 on a sheet, in the same place on every paper size; on a
 * back page the columns are mirrored, so each back lands behind its front when the sheet is
 * printed on both sides and turned over its long edge. Card fronts are always on odd pages.
 *
 * Ownership: nothing is kept; ui_print_page() fills a Layout the caller owns.
 */
#ifndef RUTAS_UI_PRINT_H
#define RUTAS_UI_PRINT_H

#include "layout.h"
#include "ui.h"

#define UI_PRINT_DPI 300

typedef enum UiPaper { UI_PAPER_A4, UI_PAPER_LETTER, UI_PAPER_COUNT } UiPaper;

/* "a4", "letter"; -1 for an unknown name. */
int ui_paper_from_name(const char *name);
const char *ui_paper_name(UiPaper paper);

typedef enum UiPageKind {
    UI_PAGE_RULES,  /* how to play: ground rules, turns, stops, points, the card kinds */
    UI_PAGE_HELP,   /* the help lines of the region */
    UI_PAGE_BLANK,  /* keeps the card fronts on odd pages */
    UI_PAGE_BOARD,  /* one tile of the board */
    UI_PAGE_FRONTS, /* up to 8 card fronts */
    UI_PAGE_BACKS   /* their backs, columns mirrored */
} UiPageKind;

typedef struct UiPrintPlan {
    UiPaper paper;
    int w, h;  /* page size in pixels */
    int pages; /* in all */
    int help_first, help_pages;
    int blank; /* the blank page, or -1 */
    int board_first, board_cols, board_rows;
    int board_size; /* side of the assembled board in pixels */
    int cards_first;
    int cards;  /* every card of the pack */
    int sheets; /* each a fronts page then a backs page */
    int per_sheet;
} UiPrintPlan;

/* The pages of the pack the Ui plays, in its language and region. */
void ui_print_plan(Ui *ui, UiPaper paper, UiPrintPlan *plan);
/* What page (0-based) is; *index (may be NULL) receives which help page, board tile or card
 * sheet it is. */
UiPageKind ui_print_page_kind(const UiPrintPlan *plan, int page, int *index);
/* Lays out page (0-based) into layout (reset to the page's size). */
void ui_print_page(Ui *ui, const UiPrintPlan *plan, int page, Layout *layout);
/* Where card slot (0-based on its sheet) lies on a fronts page or, mirrored, on a backs page. */
Rect ui_print_card_rect(const UiPrintPlan *plan, int slot, bool back);

#endif
