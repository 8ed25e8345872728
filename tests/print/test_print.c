/*
 * test_print.c: the print-and-play pages (ui_print.c, rutas print). The page layouts of the
 * shipped pack in both its languages and of a pack with texts at the validator's limits keep
 * the layout's promises (everything inside the page and its parent, no text over another),
 * cut no text and print every text at 7:1 or more against the paper or fill behind it; backs
 * mirror fronts; and rutas print writes PNG pages of the paper's size at 300 dpi whose card
 * fronts show their topic's colour, read back with SDL2_image.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "commands.h"
#include "game.h"
#include "layout.h"
#include "render.h"
#include "ui.h"
#include "ui_print.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Fixture {
    App app;
    Render *render; /* measures and fits text only */
    Ui *ui;
} Fixture;

static void path_of(char *out, size_t size, const char *rel)
{
    const char *src = getenv("RUTAS_SOURCE_DIR");
    assert_non_null(src);
    snprintf(out, size, "%s/%s", src, rel);
}

static void fixture_open(Fixture *f, const char *pack_rel, const char *lang)
{
    memset(f, 0, sizeof *f);
    char pack[4096], err[1024];
    path_of(pack, sizeof pack, pack_rel);
    AppOptions o = APP_OPTIONS_INIT;
    o.pack_path = pack;
    o.lang = lang;
    assert_true(app_load(&f->app, &o, false, err, sizeof err));
    f->render = render_create(NULL, f->app.data_dir, err, sizeof err);
    assert_non_null(f->render);
    Settings s = f->app.settings;
    UiDeps deps = {
        .render = f->render, .i18n = f->app.i18n, .pack = f->app.pack, .def = f->app.def};
    f->ui = ui_create(&deps, &s);
}

static void fixture_close(Fixture *f)
{
    ui_destroy(f->ui);
    render_destroy(f->render);
    app_free(&f->app);
}

static int count_kind(const UiPrintPlan *p, UiPageKind kind)
{
    int n = 0;
    for (int i = 0; i < p->pages; i++) {
        n += ui_print_page_kind(p, i, NULL) == kind;
    }
    return n;
}

static void test_paper_and_plan(void **state)
{
    (void)state;
    assert_int_equal(ui_paper_from_name("a4"), UI_PAPER_A4);
    assert_int_equal(ui_paper_from_name("letter"), UI_PAPER_LETTER);
    assert_int_equal(ui_paper_from_name("A5"), -1);
    Fixture f;
    fixture_open(&f, "content/packs/rutas", "es-MX");
    static const int sizes[2][2] = {{2480, 3508}, {2550, 3300}};
    for (int paper = 0; paper < 2; paper++) {
        UiPrintPlan p;
        ui_print_plan(f.ui, (UiPaper)paper, &p);
        /* 210 x 297 mm and 8.5 x 11 in at 300 dpi. */
        assert_int_equal(p.w, sizes[paper][0]);
        assert_int_equal(p.h, sizes[paper][1]);
        int cards = f.app.def->card_count;
        assert_int_equal(p.cards, cards);
        assert_int_equal(p.sheets, (cards + 7) / 8);
        assert_int_equal(p.pages, p.cards_first + 2 * p.sheets);
        assert_int_equal(ui_print_page_kind(&p, 0, NULL), UI_PAGE_RULES);
        assert_int_equal(count_kind(&p, UI_PAGE_HELP), 1);
        assert_int_equal(count_kind(&p, UI_PAGE_BOARD), p.board_cols * p.board_rows);
        assert_int_equal(count_kind(&p, UI_PAGE_FRONTS), p.sheets);
        assert_int_equal(count_kind(&p, UI_PAGE_BACKS), p.sheets);
        /* Fronts on odd pages (1-based), each followed by its backs. */
        for (int i = 0; i < p.pages; i++) {
            int index;
            UiPageKind k = ui_print_page_kind(&p, i, &index);
            if (k == UI_PAGE_FRONTS) {
                assert_int_equal(i % 2, 0);
                assert_int_equal(ui_print_page_kind(&p, i + 1, NULL), UI_PAGE_BACKS);
            }
        }
        /* The board is two sheets wide, overlapping, and fills its rows. */
        assert_int_equal(p.board_cols, 2);
        assert_true(p.board_size > p.w);
    }
    fixture_close(&f);
}

static void test_backs_mirror_fronts(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "content/packs/rutas", "es-MX");
    for (int paper = 0; paper < 2; paper++) {
        UiPrintPlan p;
        ui_print_plan(f.ui, (UiPaper)paper, &p);
        for (int slot = 0; slot < p.per_sheet; slot++) {
            Rect front = ui_print_card_rect(&p, slot, false);
            Rect back = ui_print_card_rect(&p, slot, true);
            /* 88 x 63 mm at 300 dpi, the same on both papers. */
            assert_int_equal(front.w, 1039);
            assert_int_equal(front.h, 744);
            /* Turned over the long edge, left and right swap; top and bottom stay. */
            assert_int_equal(back.y, front.y);
            assert_true(abs(back.x + back.w + front.x - p.w) <= 1);
            assert_true(front.x >= 0 && front.x + front.w <= p.w);
            assert_true(front.y >= 0 && front.y + front.h <= p.h);
        }
    }
    fixture_close(&f);
}

static double luminance(Colour c)
{
    double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++) {
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* Ink that reads on paper: every text at 7:1 or more against the fill behind it (the page's
 * white, a card, a panel, a button), as the screens are checked in test_ui. */
static void check_ink(const Layout *l, int page)
{
    for (int i = 0; i < l->count; i++) {
        const Box *t = &l->boxes[i];
        if (t->kind != BOX_TEXT || t->fit.w == 0) {
            continue;
        }
        int p = t->parent;
        while (p >= 0 && !(l->boxes[p].kind == BOX_FILL && l->boxes[p].bg.a == 255)) {
            p = l->boxes[p].parent;
        }
        Colour white = {255, 255, 255, 255};
        Colour behind = p >= 0 ? l->boxes[p].bg : white;
        double a = luminance(t->fg), b = luminance(behind);
        double ratio = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
        if (ratio < 7.0) {
            fail_msg("page %d: text %s \"%s\" has %.2f:1 on %s", page + 1, t->name,
                     layout_text(l, t), ratio, p >= 0 ? l->boxes[p].name : "the page");
        }
    }
}

/* Every page of the pack: nothing cut; and but for board tiles (whose board runs under the
 * margins, covered there), the layout's own checks. Returns the number of texts seen. */
static int check_pages(Fixture *f, UiPaper paper)
{
    UiPrintPlan p;
    ui_print_plan(f->ui, paper, &p);
    Layout l;
    layout_init(&l);
    int texts = 0;
    for (int page = 0; page < p.pages; page++) {
        ui_print_page(f->ui, &p, page, &l);
        assert_int_equal(l.w, p.w);
        assert_int_equal(l.h, p.h);
        for (int i = 0; i < l.count; i++) {
            const Box *b = &l.boxes[i];
            if (b->kind != BOX_TEXT) {
                continue;
            }
            texts++;
            if (b->fit.ellipsized) {
                fail_msg("page %d: text %s cut: \"%s\"", page + 1, b->name, layout_text(&l, b));
            }
        }
        check_ink(&l, page);
        if (ui_print_page_kind(&p, page, NULL) != UI_PAGE_BOARD) {
            char err[300];
            if (!layout_check(&l, err, sizeof err)) {
                fail_msg("page %d: %s", page + 1, err);
            }
        }
    }
    layout_free(&l);
    return texts;
}

static void test_shipped_pages_fit(void **state)
{
    (void)state;
    static const char *const langs[] = {"es-MX", "en"};
    for (int i = 0; i < 2; i++) {
        Fixture f;
        fixture_open(&f, "content/packs/rutas", langs[i]);
        assert_true(check_pages(&f, UI_PAPER_A4) > 1000);
        if (i == 0) {
            assert_true(check_pages(&f, UI_PAPER_LETTER) > 1000);
        }
        fixture_close(&f);
    }
}

static void test_long_texts_fit(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, "tests/print/packs/long", "es-MX");
    for (int paper = 0; paper < 2; paper++) {
        check_pages(&f, (UiPaper)paper);
    }
    /* Ten help lines take two pages, and a blank page keeps card fronts on odd pages. */
    UiPrintPlan p;
    ui_print_plan(f.ui, UI_PAPER_A4, &p);
    assert_int_equal(p.help_pages, 2);
    assert_int_equal(p.blank, 3);
    assert_int_equal(p.cards_first % 2, 0);
    fixture_close(&f);
}

/* The first card's tile on the first fronts page, from the page's layout. */
static Rect first_tile(Fixture *f, UiPaper paper, int *page_out, bool back)
{
    UiPrintPlan p;
    ui_print_plan(f->ui, paper, &p);
    Layout l;
    layout_init(&l);
    int page = p.cards_first + (back ? 1 : 0);
    ui_print_page(f->ui, &p, page, &l);
    int tile = layout_find(&l, "card.tile");
    assert_true(tile >= 0);
    Rect r = l.boxes[tile].rect;
    /* The tile is the first card's: inside its slot. */
    assert_true(rect_contains(ui_print_card_rect(&p, 0, back), r));
    layout_free(&l);
    *page_out = page;
    return r;
}

static uint32_t pixel_at(SDL_Surface *s, int x, int y)
{
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB888, 0);
    assert_non_null(rgb);
    uint32_t v = ((const uint32_t *)((const uint8_t *)rgb->pixels + y * rgb->pitch))[x];
    SDL_FreeSurface(rgb);
    return v & 0xFFFFFF;
}

/* rutas print on the long pack, A4 (run.sh prints Letter): as many pages as planned, each
 * 2480 x 3508, none left over; the first card's tile shows its topic's colour. */
static void test_print_writes_pngs(void **state)
{
    (void)state;
    char dir[] = "/tmp/rutas-print-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char pack[4096];
    path_of(pack, sizeof pack, "tests/print/packs/long");
    char *argv[] = {"print", pack, "--out", dir, NULL};
    assert_int_equal(cmd_print(4, argv), 0);
    Fixture f;
    fixture_open(&f, "tests/print/packs/long", "es-MX");
    UiPrintPlan p;
    ui_print_plan(f.ui, UI_PAPER_A4, &p);
    assert_int_equal(p.pages, 12);
    char path[400];
    for (int page = 0; page < p.pages; page++) {
        snprintf(path, sizeof path, "%s/page-%03d.png", dir, page + 1);
        SDL_Surface *s = IMG_Load(path);
        if (s == NULL) {
            fail_msg("%s: %s", path, IMG_GetError());
        }
        assert_int_equal(s->w, 2480);
        assert_int_equal(s->h, 3508);
        SDL_FreeSurface(s);
    }
    snprintf(path, sizeof path, "%s/page-%03d.png", dir, p.pages + 1);
    assert_int_equal(access(path, F_OK), -1);
    for (int back = 0; back < 2; back++) {
        int page;
        Rect tile = first_tile(&f, UI_PAPER_A4, &page, back != 0);
        snprintf(path, sizeof path, "%s/page-%03d.png", dir, page + 1);
        SDL_Surface *s = IMG_Load(path);
        assert_non_null(s);
        /* The first card is on relationships (#CC6677): its tile shows the colour above the
         * icon, on the front and, mirrored, on the back. */
        assert_int_equal(pixel_at(s, tile.x + tile.w / 2, tile.y + tile.h / 16), 0xCC6677);
        /* Paper white beside the tile: the colour is the tile's, not the card's. */
        assert_int_equal(pixel_at(s, tile.x + tile.w + 4, tile.y + tile.h / 2), 0xFFFFFF);
        SDL_FreeSurface(s);
    }
    for (int page = 0; page < p.pages; page++) {
        snprintf(path, sizeof path, "%s/page-%03d.png", dir, page + 1);
        unlink(path);
    }
    fixture_close(&f);
    rmdir(dir);
}

int main(void)
{
    if (TTF_Init() != 0) {
        fprintf(stderr, "TTF_Init: %s\n", TTF_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_and_plan),    cmocka_unit_test(test_backs_mirror_fronts),
        cmocka_unit_test(test_shipped_pages_fit), cmocka_unit_test(test_long_texts_fit),
        cmocka_unit_test(test_print_writes_pngs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
