/*
 * ui_view.c: the layout of every screen, as boxes. Sizes are fractions of the window height
 * (times the text size setting for text), so the same layout serves 800x600 and a projector
 * at 1920x1080. Text is white or near white on dark panels (>= 7:1); colour only ever repeats
 * what an icon, shape, letter or word already says.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct B {
    Ui *ui;
    Layout *L;
    Render *R;
    int w, h;
    float scale;
    Theme t;
    bool paper; /* drawn for print (ui_print.c): white cards, no keys or teams */
} B;

/* Text sizes as fractions of the window height: preferred (scaled by the setting) and the
 * least they may shrink to. The card prompt never goes below 1/16. */
#define F_TITLE  (1.0f / 9)
#define F_HEAD   (1.0f / 14)
#define F_PROMPT (1.0f / 12)
#define F_BODY   (1.0f / 19)
#define F_SMALL  (1.0f / 26)
#define M_TITLE  (1.0f / 14)
#define M_HEAD   (1.0f / 20)
#define M_PROMPT (1.0f / 16)
#define M_BODY   (1.0f / 25)
#define M_SMALL  (1.0f / 30)

static Colour rgb(uint32_t v)
{
    Colour c = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
    return c;
}

Theme ui_view_theme(bool high_contrast, bool paper)
{
    Theme t;
    if (paper) {
        /* Print: dark ink on white paper, light fills that a school printer renders as pale
         * greys, and an accent dark enough for 7:1 on white (#7A3A00 is 9.3:1). */
        t.bg = rgb(0xFFFFFF);
        t.panel = rgb(0xF3F3F7);
        t.raised = rgb(0xE8E8F0);
        t.raised_focus = rgb(0xE8E8F0);
        t.text = rgb(0x111111);
        t.dim = rgb(0x33334A);
        t.accent = rgb(0x7A3A00);
        t.line = rgb(0x6A6A8A);
        t.calm = rgb(0xFFFFFF);
    } else if (high_contrast) {
        t.bg = rgb(0x000000);
        t.panel = rgb(0x000000);
        t.raised = rgb(0x000000);
        t.raised_focus = rgb(0x303000);
        t.text = rgb(0xFFFFFF);
        t.dim = rgb(0xFFFFFF);
        t.accent = rgb(0xFFFF00);
        t.line = rgb(0xFFFFFF);
        t.calm = rgb(0x000000);
    } else {
        /* Every text colour on every fill here is at least 7:1 (tests/ui checks each text
         * box against the fill behind it): white on #1A1A2E is 17:1, the dim #E0E0EE on the
         * focused #3E3E7A is 7.3:1. */
        t.bg = rgb(0x1A1A2E);
        t.panel = rgb(0x26264A);
        t.raised = rgb(0x36366A);
        t.raised_focus = rgb(0x3E3E7A);
        t.text = rgb(0xFFFFFF);
        t.dim = rgb(0xE0E0EE);
        t.accent = rgb(0xF0E442);
        t.line = rgb(0x8A8AB8);
        t.calm = rgb(0x163A3A);
    }
    return t;
}

/* Text is sized from the window height, except in a window narrower than 5:4 (a tablet held
 * upright), where the width decides: the height would give lines of two words. */
static float text_unit(const B *b)
{
    float by_width = (float)b->w * 0.8f;
    return by_width < (float)b->h ? by_width : (float)b->h;
}

static int sz(const B *b, float frac)
{
    return (int)(text_unit(b) * frac * b->scale + 0.5f);
}

static int mn(const B *b, float frac)
{
    return (int)(text_unit(b) * frac + 0.5f);
}

static int hf(const B *b, float frac)
{
    return (int)((float)b->h * frac + 0.5f);
}

static Rect rect(int x, int y, int w, int h)
{
    Rect r = {x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
    return r;
}

static int fill(B *b, int parent, Rect r, Colour bg, int radius, const char *name)
{
    Box box = {.kind = BOX_FILL,
               .parent = parent,
               .rect = r,
               .bg = bg,
               .radius = radius,
               .action = CMD_NONE,
               .name = name};
    return layout_add(b->L, &box);
}

static int frame(B *b, int parent, Rect r, Colour bg, Colour line, int lw, int radius,
                 const char *name)
{
    Box box = {.kind = BOX_FILL,
               .parent = parent,
               .rect = r,
               .bg = bg,
               .line = line,
               .line_w = lw,
               .radius = radius,
               .action = CMD_NONE,
               .name = name};
    return layout_add(b->L, &box);
}

static int text(B *b, int parent, Rect r, const char *s, FontRole font, int px, int min_px,
                Colour fg, Align ha, Align va, const char *name)
{
    Box box = {.kind = BOX_TEXT,
               .parent = parent,
               .rect = r,
               .fg = fg,
               .font = font,
               .px = px,
               .min_px = min_px,
               .halign = ha,
               .valign = va,
               .action = CMD_NONE,
               .name = name};
    return layout_add_text(b->L, b->R, &box, s);
}

static int icon(B *b, int parent, Rect r, Icon which, Colour fg, Colour bg)
{
    Box box = {.kind = BOX_ICON,
               .parent = parent,
               .rect = r,
               .fg = fg,
               .bg = bg,
               .icon = which,
               .action = CMD_NONE,
               .name = "icon"};
    return layout_add(b->L, &box);
}

static void set_action(B *b, int box, Cmd cmd, int arg)
{
    b->L->boxes[box].action = cmd;
    b->L->boxes[box].arg = arg;
}

static void set_static(B *b, int from)
{
    for (int i = from; i < b->L->count; i++) {
        b->L->boxes[i].flags |= BOX_STATIC;
    }
}

static int focus_w(const B *b)
{
    int w = b->h / 160;
    return w < 3 ? 3 : w;
}

/* A button: a key name (small, above) and a label. Clicking it sends cmd. */
static int button(B *b, int parent, Rect r, const char *key, const char *label, Cmd cmd, int arg,
                  bool focused, const char *name)
{
    int box =
        frame(b, parent, r, focused ? b->t.raised_focus : b->t.raised,
              focused ? b->t.accent : b->t.line, focused ? focus_w(b) : 1, hf(b, 0.012f), name);
    if (focused) {
        b->L->boxes[box].flags |= BOX_FOCUS;
    }
    set_action(b, box, cmd, arg);
    int pad = hf(b, 0.008f) + focus_w(b);
    Rect in = rect_inset(r, pad);
    if (key != NULL && key[0] != '\0' && in.h > hf(b, 0.07f)) {
        int kh = in.h * 2 / 5;
        text(b, box, rect(in.x, in.y, in.w, kh), key, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
             mn(b, 1.0f / 40), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "button.key");
        text(b, box, rect(in.x, in.y + kh, in.w, in.h - kh), label, FONT_BOLD, sz(b, F_BODY),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_CENTER, ALIGN_CENTER, "button.label");
    } else {
        char both[300];
        if (key != NULL && key[0] != '\0') {
            snprintf(both, sizeof both, "%s · %s", key, label);
        } else {
            snprintf(both, sizeof both, "%s", label);
        }
        text(b, box, in, both, FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL) * 4 / 5, b->t.text,
             ALIGN_CENTER, ALIGN_CENTER, "button.label");
    }
    return box;
}

static int screen_bg(B *b, Colour bg)
{
    return fill(b, -1, rect(0, 0, b->w, b->h), bg, 0, "screen");
}

static void title_text(B *b, int parent, Rect r, const char *s)
{
    text(b, parent, r, s, FONT_BOLD, sz(b, F_HEAD), mn(b, M_HEAD), b->t.text, ALIGN_CENTER,
         ALIGN_CENTER, "title");
}

static void hint(B *b, int parent, Rect r, const char *s)
{
    text(b, parent, r, s, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER,
         ALIGN_CENTER, "hint");
}

/* A vertical menu of items in area; value items get ‹ and › buttons. */
static void menu(B *b, int parent, Rect area, MenuItem *items, int n, int focus)
{
    int gap = hf(b, 0.01f);
    int ih = (area.h - gap * (n - 1)) / (n > 0 ? n : 1);
    if (ih > hf(b, 0.095f)) {
        ih = hf(b, 0.095f);
    }
    for (int i = 0; i < n; i++) {
        Rect r = rect(area.x, area.y + i * (ih + gap), area.w, ih);
        bool f = i == focus;
        int box =
            frame(b, parent, r, f ? b->t.raised_focus : b->t.raised, f ? b->t.accent : b->t.line,
                  f ? focus_w(b) : 1, hf(b, 0.012f), "menu.item");
        if (f) {
            b->L->boxes[box].flags |= BOX_FOCUS;
        }
        set_action(b, box, CMD_ITEM, i);
        /* Texts keep clear of the focus frame; the item's height goes to the text. Menu texts
         * may go a little below 1/30 of the height: menus are the facilitator's screens, read
         * from the laptop, not from the back of the room. */
        int pad = hf(b, 0.006f) + focus_w(b), vpad = focus_w(b) + 1;
        Rect in = rect(r.x + pad, r.y + vpad, r.w - 2 * pad, r.h - 2 * vpad);
        if (items[i].value[0] == '\0') {
            text(b, box, in, items[i].label, FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL) * 4 / 5,
                 b->t.text, ALIGN_CENTER, ALIGN_CENTER, "menu.label");
            continue;
        }
        int lw = in.w * 9 / 20;
        text(b, box, rect(in.x, in.y, lw - pad, in.h), items[i].label, FONT_REGULAR, sz(b, F_BODY),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "menu.label");
        int aw = in.h; /* square ‹ and › buttons, as large as the row allows (touch) */
        int vx = in.x + lw;
        int vw = in.w - lw;
        int dec = frame(b, box, rect(vx, in.y, aw, in.h), b->t.panel, b->t.line, 1, hf(b, 0.008f),
                        "menu.dec");
        set_action(b, dec, CMD_DEC, i);
        /* An arrow reads at a smaller size than a word. */
        text(b, dec, rect_inset(b->L->boxes[dec].rect, 1), "\xE2\x80\xB9", FONT_BOLD, sz(b, F_BODY),
             mn(b, M_SMALL) * 2 / 3, b->t.text, ALIGN_CENTER, ALIGN_CENTER, "menu.dec.t");
        int inc = frame(b, box, rect(vx + vw - aw, in.y, aw, in.h), b->t.panel, b->t.line, 1,
                        hf(b, 0.008f), "menu.inc");
        set_action(b, inc, CMD_INC, i);
        text(b, inc, rect_inset(b->L->boxes[inc].rect, 1), "\xE2\x80\xBA", FONT_BOLD, sz(b, F_BODY),
             mn(b, M_SMALL) * 2 / 3, b->t.text, ALIGN_CENTER, ALIGN_CENTER, "menu.inc.t");
        text(b, box, rect(vx + aw + pad, in.y, vw - 2 * aw - 2 * pad, in.h), items[i].value,
             FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL) * 2 / 3, b->t.text, ALIGN_CENTER,
             ALIGN_CENTER, "menu.value");
    }
}

static int menu_width(const B *b, int margin)
{
    int w = (int)((float)b->h * 1.05f);
    return w > b->w - 2 * margin ? b->w - 2 * margin : w;
}

/* ---- Tokens ---------------------------------------------------------------------------------- */

static void token(B *b, int parent, Rect r, int team, bool letter)
{
    Box box = {.kind = BOX_TOKEN,
               .parent = parent,
               .rect = r,
               .fg = rgb(ui_team_colours[team]),
               .line = rgb(0x000000),
               .icon = team % SHAPE_COUNT,
               .action = CMD_NONE,
               .name = "token"};
    int at = layout_add(b->L, &box);
    if (letter && r.h >= 20) {
        char s[2] = {(char)('A' + team), 0};
        /* Black letters, white on the blue (black on #0072B2 is only 4:1). */
        Colour fg = team == 4 ? rgb(0xFFFFFF) : rgb(0x000000);
        Rect in = rect(r.x + r.w / 4, r.y + r.h / 4, r.w / 2, r.h / 2);
        text(b, at, in, s, FONT_BOLD, r.h / 2, r.h / 4, fg, ALIGN_CENTER, ALIGN_CENTER,
             "token.letter");
    }
}

/* ---- Title, setup, rules -----------------------------------------------------------------------
 */

static void build_title(B *b)
{
    Ui *ui = b->ui;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.04f);
    /* The title ends where the tagline starts, whatever the rounding of each. */
    int title_y = hf(b, 0.05f), tagline_y = hf(b, 0.2f);
    text(b, bg, rect(m, title_y, b->w - 2 * m, tagline_y - title_y), ui_tr(ui, "app.name"),
         FONT_BOLD, sz(b, F_TITLE) * 3 / 2, mn(b, M_TITLE), b->t.text, ALIGN_CENTER, ALIGN_CENTER,
         "title");
    text(b, bg, rect(m, tagline_y, b->w - 2 * m, hf(b, 0.09f)), ui_tr(ui, "app.tagline"),
         FONT_REGULAR, sz(b, F_BODY), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER,
         "tagline");
    MenuItem items[MENU_MAX];
    int n = ui_menu_items(ui, UI_TITLE, items);
    int mw = menu_width(b, m) * 3 / 4;
    menu(b, bg, rect((b->w - mw) / 2, hf(b, 0.31f), mw, hf(b, 0.52f)), items, n,
         ui->focus[ui->depth]);
    if (ui->notice[0] != '\0') {
        /* What the facilitator must know (nothing can be saved, a session kept aside) comes
         * before the pack's credits. */
        text(b, bg, rect(m, hf(b, 0.84f), b->w - 2 * m, hf(b, 0.085f)), ui->notice, FONT_BOLD,
             sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, b->t.accent, ALIGN_CENTER, ALIGN_CENTER,
             "title.notice");
    } else if (ui->deps.pack != NULL) {
        const Pack *p = ui->deps.pack;
        int count;
        const char *const *authors = pack_authors(p, &count);
        char line[400];
        I18nArg args[] = {{"title", ui_tr(ui, pack_title_key(p))},
                          {"version", pack_version(p)},
                          {"authors", count > 0 ? authors[0] : ""},
                          {"license", pack_license(p)}};
        i18n_format(ui->deps.i18n, line, sizeof line, "title.pack_line", args, 4);
        text(b, bg, rect(m, hf(b, 0.85f), b->w - 2 * m, hf(b, 0.07f)), line, FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "pack");
    }
    hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)), ui_tr(ui, "keys.hint_short"));
}

static void pacer(B *b, int parent, Rect area);

static void build_menu_screen(B *b, UiScreen screen, const char *title_key, Colour bg_colour)
{
    Ui *ui = b->ui;
    int bg = screen_bg(b, bg_colour);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.025f), b->w - 2 * m, hf(b, 0.1f)), ui_tr(ui, title_key));
    MenuItem items[MENU_MAX];
    int n = ui_menu_items(ui, screen, items);
    int mw = menu_width(b, m);
    int top = hf(b, 0.14f), bottom = hf(b, 0.84f);
    int mx = (b->w - mw) / 2;
    if (screen == UI_PAUSE) {
        /* The breathing guide beside the menu (above it in an upright window). */
        bool wide = b->w * 5 >= b->h * 6;
        Rect calm = wide ? rect(m, hf(b, 0.13f), (b->w - 3 * m) / 2, hf(b, 0.8f))
                         : rect(m, hf(b, 0.13f), b->w - 2 * m, hf(b, 0.4f));
        pacer(b, bg, calm);
        if (wide) {
            mw = (b->w - 3 * m) / 2;
            mx = 2 * m + mw;
            top = hf(b, 0.14f);
            bottom = hf(b, 0.93f);
        } else {
            top = hf(b, 0.54f);
            bottom = hf(b, 0.95f);
        }
    }
    if (screen == UI_TOOLS) {
        bottom = hf(b, 0.8f);
    }
    menu(b, bg, rect(mx, top, mw, bottom - top), items, n, ui->focus[ui->depth]);
    if (screen == UI_TOOLS) {
        /* What the last tool did, or what the tools are for. */
        const char *say = ui->tool_status[0] ? ui->tool_status : ui_tr(ui, "tools.intro");
        text(b, bg, rect(m, hf(b, 0.81f), b->w - 2 * m, hf(b, 0.11f)), say, FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL), ui->tool_status[0] ? b->t.accent : b->t.dim,
             ALIGN_CENTER, ALIGN_CENTER, "tools.status");
    }
    if (screen == UI_SETUP) {
        GameConfig cfg = ui_setup_config(ui);
        int cards = 0;
        for (int c = 0; c < ui->def->card_count; c++) {
            cards += rules_card_is_enabled(&cfg, ui->def, c);
        }
        char line[200];
        i18n_plural(ui->deps.i18n, line, sizeof line, "setup.cards_available", cards, NULL, 0);
        text(b, bg, rect(m, hf(b, 0.855f), b->w - 2 * m, hf(b, 0.06f)), line, FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "setup.cards");
    }
    if (screen != UI_PAUSE) {
        hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)),
             ui_tr(ui, "keys.menu_hint"));
    }
}

/* The pause screen's breathing guide: a circle that grows for 4 seconds (breathe in) and
 * shrinks for 6 (breathe out), slowly and smoothly, with no change of colour or brightness (no
 * flashing); with reduce motion it stands still at its middle size. */
#define PACER_IN_MS  4000u
#define PACER_OUT_MS 6000u

static void pacer(B *b, int parent, Rect area)
{
    Ui *ui = b->ui;
    int pad = hf(b, 0.01f);
    int mh = hf(b, 0.1f), lh = hf(b, 0.07f);
    text(b, parent, rect(area.x, area.y, area.w, mh), ui_tr(ui, "pause.message"), FONT_REGULAR,
         sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "pause.text");
    int room_h = area.h - mh - lh - 2 * pad;
    int big = room_h < area.w ? room_h : area.w;
    int small = big * 2 / 5;
    float grow = 0.5f; /* 0: smallest, 1: largest */
    const char *say;
    char both[200];
    if (ui->settings.reduce_motion) {
        snprintf(both, sizeof both, "%s \xC2\xB7 %s", ui_tr(ui, "pause.breathe_in"),
                 ui_tr(ui, "pause.breathe_out"));
        say = both;
    } else {
        uint64_t t = (ui->now - ui->pause_since) % (PACER_IN_MS + PACER_OUT_MS);
        /* Eased with a smoothstep so the turn at either end is gentle. */
        float x = t < PACER_IN_MS ? (float)t / (float)PACER_IN_MS
                                  : 1.0f - (float)(t - PACER_IN_MS) / (float)PACER_OUT_MS;
        grow = x * x * (3.0f - 2.0f * x);
        say = ui_tr(ui, t < PACER_IN_MS ? "pause.breathe_in" : "pause.breathe_out");
    }
    int d = small + (int)((float)(big - small) * grow + 0.5f);
    int cy = area.y + mh + pad + room_h / 2;
    frame(b, parent, rect(area.x + (area.w - d) / 2, cy - d / 2, d, d), rgb(0x2E6B6B),
          rgb(0x5FA8A8), hf(b, 0.006f), d / 2, "pause.circle");
    text(b, parent, rect(area.x, area.y + area.h - lh, area.w, lh), say, FONT_BOLD, sz(b, F_BODY),
         mn(b, M_SMALL), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "pause.breathe");
}

static void ground_rules(B *b, int parent, Rect area);

static void build_rules(B *b)
{
    Ui *ui = b->ui;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.1f)),
               ui_tr(ui, "ground_rules.title"));
    ground_rules(b, bg, rect(m, hf(b, 0.13f), b->w - 2 * m, hf(b, 0.68f)));
    int bw = menu_width(b, m) * 2 / 3;
    /* Reopened from the pause menu, it goes back there. */
    button(b, bg, rect((b->w - bw) / 2, hf(b, 0.83f), bw, hf(b, 0.12f)), "Enter",
           ui_tr(ui, ui->depth > 0 ? "common.back" : "ground_rules.agree"), CMD_ACCEPT, 0, true,
           "rules.start");
}

/* The five ground rules, numbered, in area (the rules screen and the printed rules sheet). */
static void ground_rules(B *b, int parent, Rect area)
{
    Ui *ui = b->ui;
    /* The program's five, then those the pack adds (ground_rules.1, .2, ... in its strings). */
    const char *keys[5 + PACK_GROUND_RULES_MAX] = {
        "ground_rules.pass", "ground_rules.personal", "ground_rules.respect",
        "ground_rules.confidentiality", "ground_rules.help_anytime"};
    static const char *const pack_keys[PACK_GROUND_RULES_MAX] = {
        "ground_rules.1", "ground_rules.2", "ground_rules.3", "ground_rules.4"};
    int rows = 5;
    for (int i = 0; i < PACK_GROUND_RULES_MAX; i++) {
        if (i18n_lookup(ui->deps.i18n, pack_keys[i], NULL) == NULL) {
            break;
        }
        keys[rows++] = pack_keys[i];
    }
    int gap = hf(b, rows > 5 ? 0.008f : 0.012f);
    int rh = (area.h - gap * (rows - 1)) / rows;
    for (int i = 0; i < rows; i++) {
        Rect r = rect(area.x, area.y + i * (rh + gap), area.w, rh);
        int panel = fill(b, parent, r, b->t.panel, hf(b, 0.01f), "rule");
        int badge = rh * 3 / 5;
        int pad = hf(b, 0.012f);
        Rect br = rect(r.x + pad, r.y + (rh - badge) / 2, badge, badge);
        int bb = fill(b, panel, br, b->t.raised, badge / 2, "rule.badge");
        char num[12];
        snprintf(num, sizeof num, "%d", i + 1);
        text(b, bb, rect_inset(br, 2), num, FONT_BOLD, badge * 3 / 5, badge / 3, b->t.accent,
             ALIGN_CENTER, ALIGN_CENTER, "rule.number");
        const char *key = keys[i];
        int tx = br.x + badge + pad * 2;
        text(b, panel, rect(tx, r.y + pad / 2, r.x + r.w - tx - pad, rh - pad), ui_tr(ui, key),
             FONT_REGULAR, sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER,
             "rule.text");
    }
}

/* ---- Board ----------------------------------------------------------------------------------- */

static int perimeter_cells(int spaces)
{
    int c = (spaces + 4 + 3) / 4;
    return c < 3 ? 3 : c;
}

static void cell_position(int i, int c, int *col, int *row)
{
    int side = c - 1;
    if (i <= side) {
        *col = side - i;
        *row = side;
    } else if (i <= 2 * side) {
        *col = 0;
        *row = side - (i - side);
    } else if (i <= 3 * side) {
        *row = 0;
        *col = i - 2 * side;
    } else {
        *col = side;
        *row = i - 3 * side;
    }
}

static bool is_light(uint32_t c)
{
    int r = (int)(c >> 16 & 255), g = (int)(c >> 8 & 255), bl = (int)(c & 255);
    return r * 299 + g * 587 + bl * 114 > 140000;
}

static uint32_t space_colour(const GameDef *def, int s, Icon *ic)
{
    const Space *sp = &def->spaces[s];
    switch (sp->kind) {
    case SPACE_TOPIC:
        *ic = layout_icon_from_name(def->topics[sp->topic].icon);
        return def->topics[sp->topic].colour;
    case SPACE_START:
        *ic = ICON_FLAG;
        return 0xE8E8F0;
    case SPACE_SITUATION:
        *ic = ICON_QUESTION;
        return 0xB8B8D8;
    case SPACE_RIGHTS:
        *ic = ICON_STAR;
        return 0xF2F2F2;
    case SPACE_PAUSE:
        *ic = ICON_PAUSE;
        return 0x9AD0C8;
    case SPACE_GO_TO_PAUSE:
        *ic = ICON_HAND;
        return 0x9AD0C8;
    case SPACE_OPEN:
    default:
        *ic = ICON_OPEN;
        return 0xD8C8E8;
    }
}

typedef struct BoardGeo {
    int c, cell, x, y, size;
    Rect cells[GAMEDEF_MAX_SPACES];
    Rect tokens[GAMEDEF_MAX_SPACES]; /* where tokens stand in each cell */
    Rect bands[GAMEDEF_MAX_SPACES];
} BoardGeo;

/* The board's cells for a square of size (the screen and print share it). */
static void board_geo(const GameDef *def, BoardGeo *g, int size)
{
    memset(g, 0, sizeof *g);
    g->c = perimeter_cells(def->space_count);
    g->cell = size / g->c;
    g->size = g->cell * g->c;
}

static void board_place(const GameDef *def, BoardGeo *g, int x, int y)
{
    g->x = x;
    g->y = y;
    for (int s = 0; s < def->space_count; s++) {
        int col, row;
        cell_position(s, g->c, &col, &row);
        g->cells[s] =
            rect(g->x + col * g->cell + 1, g->y + row * g->cell + 1, g->cell - 2, g->cell - 2);
    }
}

static void board_static(B *b, int parent, BoardGeo *g, bool legend)
{
    Ui *ui = b->ui;
    const GameDef *def = ui->def;
    bool names = g->cell >= b->h / 9;
    /* One size for every stop's name, the size the longest one fits at. */
    int npx = hf(b, 1.0f / 50) * (int)(b->scale * 100) / 100;
    for (int s = 0; names && s < def->space_count; s++) {
        Rect r = g->cells[s];
        TextFit fit = render_fit_text(b->R, ui_space_name(ui, s), FONT_REGULAR, npx,
                                      hf(b, 1.0f / 75), r.w - 6, r.h * 36 / 100 - 2);
        if (fit.px > 0 && fit.px < npx) {
            npx = fit.px;
        }
    }
    for (int s = 0; s < def->space_count; s++) {
        Rect r = g->cells[s];
        Icon ic;
        uint32_t col = space_colour(def, s, &ic);
        int cell = frame(b, parent, r, b->t.panel, b->t.line, 1, hf(b, 0.006f), "space");
        int bh = r.h * (names ? 34 : 50) / 100;
        Rect band = rect(r.x + 1, r.y + 1, r.w - 2, bh);
        g->bands[s] = band;
        int bandbox = fill(b, cell, band, rgb(col), 0, "space.band");
        int isz = bh * 4 / 5;
        icon(b, bandbox, rect(band.x + (band.w - isz) / 2, band.y + (bh - isz) / 2, isz, isz), ic,
             is_light(col) ? rgb(0x111111) : rgb(0xFFFFFF), rgb(col));
        int y = band.y + bh;
        if (names) {
            int nh = r.h * 36 / 100;
            text(b, cell, rect(r.x + 3, y + 1, r.w - 6, nh - 2), ui_space_name(ui, s), FONT_REGULAR,
                 npx, hf(b, 1.0f / 75), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "space.name");
            y += nh;
        }
        g->tokens[s] = rect(r.x + 2, y, r.w - 4, r.y + r.h - y - 2);
    }
    /* The middle: the pack's title and a legend of the topics. */
    Rect inner =
        rect(g->x + g->cell + hf(b, 0.015f), g->y + g->cell + hf(b, 0.015f),
             g->size - 2 * g->cell - 2 * hf(b, 0.015f), g->size - 2 * g->cell - 2 * hf(b, 0.015f));
    int th = inner.h / 7;
    const char *title =
        ui->deps.pack != NULL ? ui_tr(ui, pack_title_key(ui->deps.pack)) : ui_tr(ui, "app.name");
    if (!legend) {
        return; /* the topic chooser takes the middle */
    }
    text(b, parent, rect(inner.x, inner.y, inner.w, th), title, FONT_BOLD, sz(b, F_HEAD),
         mn(b, 1.0f / 40), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "board.title");
    int cols = 2, rows = (def->topic_count + 1) / 2;
    int lh = rows > 0 ? (inner.h - th) / rows : 0;
    if (lh > inner.h / 6) {
        lh = inner.h / 6; /* a pack with few topics: tiles of a sensible size, names beside them */
    }
    int cw = inner.w / cols;
    /* One size for the whole legend (the size the longest name fits at), so that no topic
     * looks more important than another. */
    int lpx = sz(b, F_SMALL) * 4 / 5;
    for (int t = 0; t < def->topic_count; t++) {
        int isz = lh * 3 / 4;
        TextFit fit = render_fit_text(b->R, ui_topic_name(ui, t), FONT_REGULAR, lpx,
                                      hf(b, 1.0f / 60), cw - isz - hf(b, 0.016f), lh);
        if (fit.px > 0 && fit.px < lpx) {
            lpx = fit.px;
        }
    }
    for (int t = 0; t < def->topic_count; t++) {
        int cx = inner.x + (t / rows) * cw, cy = inner.y + th + (t % rows) * lh;
        int isz = lh * 3 / 4;
        int tile = fill(b, parent, rect(cx, cy + (lh - isz) / 2, isz, isz),
                        rgb(def->topics[t].colour), hf(b, 0.004f), "legend.tile");
        icon(b, tile, rect_inset(b->L->boxes[tile].rect, isz / 10),
             layout_icon_from_name(def->topics[t].icon),
             is_light(def->topics[t].colour) ? rgb(0x111111) : rgb(0xFFFFFF),
             rgb(def->topics[t].colour));
        text(b, parent, rect(cx + isz + hf(b, 0.008f), cy, cw - isz - hf(b, 0.016f), lh),
             ui_topic_name(ui, t), FONT_REGULAR, lpx, hf(b, 1.0f / 60), b->t.text, ALIGN_START,
             ALIGN_CENTER, "legend.name");
    }
}

static void board_dynamic(B *b, int parent, const BoardGeo *g)
{
    Ui *ui = b->ui;
    const GameState *st = &ui->game;
    const GameDef *def = ui->def;
    /* A topic stop with no card for this session (its topic switched off, or every card left
     * out by the setup) is an open discussion when a team lands there: the open space's icon
     * says so in the band's corner. */
    for (int s = 0; s < def->space_count; s++) {
        const Space *sp = &def->spaces[s];
        if (sp->kind == SPACE_TOPIC && rules_deck_size(st, def->topics[sp->topic].deck) == 0) {
            Rect band = g->bands[s];
            int d = band.h * 3 / 5;
            int tile = frame(b, parent, rect(band.x + 1, band.y + 1, d, d), rgb(0xD8C8E8),
                             rgb(0x111111), 1, hf(b, 0.004f), "space.open_talk");
            icon(b, tile, rect_inset(b->L->boxes[tile].rect, d / 8), ICON_OPEN, rgb(0x111111),
                 rgb(0xD8C8E8));
        }
    }
    /* Claimed stops: the owner's shape in the band's corner. */
    for (int s = 0; s < def->space_count; s++) {
        if (st->owner[s] >= 0) {
            Rect band = g->bands[s];
            int d = band.h * 3 / 5;
            token(b, parent, rect(band.x + band.w - d - 1, band.y + 1, d, d), st->owner[s], false);
        }
    }
    /* Where the current team stands. */
    int here = ui->shown[st->current];
    if (!rules_is_over(st)) {
        Box ring = {.kind = BOX_FILL,
                    .parent = parent,
                    .rect = g->cells[here],
                    .line = b->t.accent,
                    .line_w = focus_w(b),
                    .action = CMD_NONE,
                    .name = "space.current"};
        layout_add(b->L, &ring);
    }
    for (int s = 0; s < def->space_count; s++) {
        int teams[GAMEDEF_MAX_TEAMS], k = 0;
        for (int t = 0; t < st->team_count; t++) {
            if (ui->shown[t] == s) {
                teams[k++] = t;
            }
        }
        if (k == 0) {
            continue;
        }
        Rect a = g->tokens[s];
        int per_row = k > 4 ? 4 : k;
        int rows = (k + 3) / 4;
        int d = a.w / per_row;
        if (d > a.h / rows) {
            d = a.h / rows;
        }
        for (int i = 0; i < k; i++) {
            int row = i / 4, col = i % 4;
            int in_row = row < rows - 1 ? 4 : k - row * 4;
            int x0 = a.x + (a.w - in_row * d) / 2;
            token(b, parent, rect(x0 + col * d, a.y + (a.h - rows * d) / 2 + row * d, d, d),
                  teams[i], true);
        }
    }
}

static void topic_chooser(B *b, int parent, Rect inner)
{
    Ui *ui = b->ui;
    const GameDef *def = ui->def;
    int topics[GAMEDEF_MAX_TOPICS], n = 0;
    for (int t = 0; t < def->topic_count; t++) {
        Move m = {MOVE_CHOOSE_TOPIC, t, 0, 0};
        if (rules_is_legal(&ui->game, &m)) {
            topics[n++] = t;
        }
    }
    int panel = fill(b, parent, inner, b->t.bg, hf(b, 0.01f), "chooser");
    int th = inner.h / 7;
    text(b, panel, rect(inner.x, inner.y, inner.w, th), ui_tr(ui, "board.choose_topic"), FONT_BOLD,
         sz(b, F_SMALL), hf(b, 1.0f / 60), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "chooser.title");
    int rows = (n + 1) / 2;
    if (rows == 0) {
        return;
    }
    int gap = 2;
    int lh = (inner.h - th) / rows, cw = inner.w / 2;
    bool found = false;
    for (int i = 0; i < n; i++) {
        found = found || topics[i] == ui->topic_focus;
    }
    if (!found) {
        ui->topic_focus = topics[0];
    }
    for (int i = 0; i < n; i++) {
        int t = topics[i];
        Rect r = rect(inner.x + (i / rows) * cw + gap, inner.y + th + (i % rows) * lh + gap,
                      cw - 2 * gap, lh - 2 * gap);
        char label[200];
        snprintf(label, sizeof label, "%d  %s", i + 1, ui_topic_name(ui, t));
        if (i >= 9) {
            snprintf(label, sizeof label, "%s", ui_topic_name(ui, t));
        }
        bool f = t == ui->topic_focus;
        int box = frame(b, panel, r, f ? b->t.raised_focus : b->t.raised,
                        f ? b->t.accent : rgb(def->topics[t].colour), f ? focus_w(b) : 2,
                        hf(b, 0.006f), "chooser.topic");
        if (f) {
            b->L->boxes[box].flags |= BOX_FOCUS;
        }
        set_action(b, box, CMD_TOPIC, t);
        text(b, box, rect_inset(r, focus_w(b) + 2), label, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
             hf(b, 1.0f / 60), b->t.text, ALIGN_CENTER, ALIGN_CENTER, "chooser.name");
    }
}

static int needed(B *b, const char *s, FontRole font, int px, int min_px, int w, int share,
                  int cap);

static void build_board(B *b)
{
    Ui *ui = b->ui;
    const GameState *st = &ui->game;
    const GameDef *def = ui->def;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.02f);
    BoardGeo g;
    int avail = b->h - 2 * m;
    int by_width = (int)((float)(b->w - 3 * m) * 0.6f);
    board_geo(def, &g, avail < by_width ? avail : by_width);
    board_place(def, &g, m, (b->h - g.size) / 2);
    int board = fill(b, bg, rect(g.x, g.y, g.size, g.size), b->t.bg, 0, "board");
    bool choosing = !ui->anim.active && st->phase == PHASE_CHOOSE_TOPIC;
    board_static(b, board, &g, !choosing);
    int px = g.x + g.size + m, pw = b->w - px - m;
    int panel = fill(b, bg, rect(px, m, pw, b->h - 2 * m), b->t.panel, hf(b, 0.012f), "panel");
    set_static(b, 0);

    board_dynamic(b, board, &g);
    if (choosing) {
        Rect inner =
            rect(g.x + g.cell + hf(b, 0.01f), g.y + g.cell + hf(b, 0.01f),
                 g.size - 2 * g.cell - 2 * hf(b, 0.01f), g.size - 2 * g.cell - 2 * hf(b, 0.01f));
        topic_chooser(b, board, inner);
    }

    /* The side panel, top to bottom. */
    int pad = hf(b, 0.015f);
    int x = px + pad, w = pw - 2 * pad, y = m + pad;
    char buf[400], name[120], n1[16], n2[16];
    int rounds = st->config.rounds > 0 ? st->config.rounds : def->rules.rounds;
    snprintf(n1, sizeof n1, "%d", st->round);
    snprintf(n2, sizeof n2, "%d", rounds);
    ui_trf(ui, buf, sizeof buf, rounds > 0 ? "board.round" : "board.round_open", "round", n1,
           "rounds", n2, NULL, NULL);
    int rh = hf(b, 0.06f);
    bool clock = ui_session_minutes(ui) > 0;
    /* Time up, the message (a sentence) gets a row of its own under the round. */
    bool own_row = clock && st->time_up;
    text(b, panel, rect(x, y, clock && !own_row ? w / 2 : w, rh), buf, FONT_BOLD, sz(b, F_BODY),
         mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "board.round");
    if (own_row) {
        y += rh;
        const char *up = ui_tr(ui, "board.time_up");
        int th = needed(b, up, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, w, rh, rh * 2);
        text(b, panel, rect(x, y, w, th), up, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5,
             b->t.dim, ALIGN_START, ALIGN_CENTER, "board.clock");
        y += th - rh;
    } else if (clock) {
        uint64_t used = (ui->now - ui->session_start) / 60000u;
        int left = ui_session_minutes(ui) - (int)used;
        snprintf(n1, sizeof n1, "%d", left < 0 ? 0 : left);
        ui_trf(ui, buf, sizeof buf, "board.time_left", "minutes", n1, NULL, NULL, NULL, NULL);
        text(b, panel, rect(x + w / 2, y, w - w / 2, rh), buf, FONT_REGULAR, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, b->t.dim, ALIGN_END, ALIGN_CENTER, "board.clock");
    }
    y += rh + pad / 2;
    /* Whose turn. */
    int tsz = hf(b, 0.1f);
    token(b, panel, rect(x, y, tsz, tsz), st->current, true);
    ui_team_name(ui, st->current, name, sizeof name);
    ui_trf(ui, buf, sizeof buf, "board.turn", "team", name, NULL, NULL, NULL, NULL);
    text(b, panel, rect(x + tsz + pad, y, w - tsz - pad, tsz), buf, FONT_BOLD, sz(b, F_HEAD),
         mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "board.turn");
    y += tsz + pad;
    /* Dice. */
    int dsz = hf(b, 0.11f);
    if (st->last_dice[0] > 0 || ui->anim.active) {
        int dice = def->rules.dice;
        int angle = 0;
        if (ui->anim.active && ui->anim.dice && ui->now - ui->anim.start < UI_DICE_MS) {
            angle = (int)((ui->now - ui->anim.start) * 360 / UI_DICE_MS);
        }
        for (int d = 0; d < dice; d++) {
            Box die = {.kind = BOX_DIE,
                       .parent = panel,
                       .rect = rect(x + d * (dsz + pad), y, dsz, dsz),
                       .fg = rgb(0x111111),
                       .bg = rgb(0xFFFFFF),
                       .line = rgb(0x000000),
                       .value = ui_dice_face(ui, d),
                       .angle = angle != 0 ? angle + d * 40 : 0,
                       .action = CMD_NONE,
                       .name = "die"};
            layout_add(b->L, &die);
        }
        if (ui->anim.active) {
            ui_team_name(ui, st->current, name, sizeof name);
            ui_trf(ui, buf, sizeof buf, "board.moving", "team", name, NULL, NULL, NULL, NULL);
            int dx = x + dice * (dsz + pad);
            text(b, panel, rect(dx, y, x + w - dx, dsz), buf, FONT_REGULAR, sz(b, F_SMALL),
                 mn(b, M_SMALL), b->t.dim, ALIGN_START, ALIGN_CENTER, "board.moving");
        }
    }
    y += dsz + pad;
    /* What to do now. */
    bool asking = !ui->anim.active && (st->phase == PHASE_CLAIM || st->phase == PHASE_PAUSED);
    int ah = hf(b, asking ? 0.34f : 0.27f);
    Rect act = rect(x, y, w, ah);
    int bh = hf(b, 0.11f);
    if (!ui->anim.active) {
        ui_team_name(ui, st->current, name, sizeof name);
        switch (st->phase) {
        case PHASE_ROLL:
            button(b, panel, rect(act.x, act.y, act.w, bh), ui_tr(ui, "keys.space_or_enter"),
                   ui_tr(ui, def->rules.dice > 1 ? "board.roll" : "board.roll"), CMD_ROLL, 0, true,
                   "board.roll");
            break;
        case PHASE_PAUSED: {
            /* The choices stacked full width: their labels are sentences. */
            Move roll = {MOVE_ROLL, 0, 0, 0}, rights = {MOVE_DRAW_RIGHTS, 0, 0, 0};
            bool can_roll = rules_is_legal(st, &roll), can_answer = rules_is_legal(st, &rights);
            int n = 1 + can_roll + can_answer;
            int cbh = bh * 3 / 4;
            if (n == 3) {
                cbh = bh * 3 / 5;
            }
            int th = act.h - n * (cbh + pad / 2);
            ui_trf(ui, buf, sizeof buf, "board.in_pause", "team", name, NULL, NULL, NULL, NULL);
            text(b, panel, rect(act.x, act.y, act.w, th), buf, FONT_REGULAR, sz(b, F_SMALL),
                 mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "board.prompt");
            int by = act.y + th + pad / 2;
            if (can_roll) {
                button(b, panel, rect(act.x, by, act.w, cbh), "Enter",
                       ui_tr(ui, "board.pause_roll"), CMD_ROLL, 0, true, "board.doubles");
                by += cbh + pad / 2;
            }
            if (can_answer) {
                button(b, panel, rect(act.x, by, act.w, cbh), "R", ui_tr(ui, "board.pause_rights"),
                       CMD_RIGHTS, 0, !can_roll, "board.rights");
                by += cbh + pad / 2;
            }
            button(b, panel, rect(act.x, by, act.w, cbh), "S", ui_tr(ui, "board.pause_stay"),
                   CMD_STAY, 0, !can_roll && !can_answer, "board.stay");
            break;
        }
        case PHASE_CHOOSE_TOPIC:
            text(b, panel, rect(act.x, act.y, act.w, act.h / 2), ui_tr(ui, "board.choose_topic"),
                 FONT_REGULAR, sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER,
                 "board.prompt");
            break;
        case PHASE_CLAIM: {
            int stop = st->position[st->current];
            int topic = def->spaces[stop].topic;
            ui_trf(ui, buf, sizeof buf, "card.claim_question", "team", name, "topic",
                   topic >= 0 ? ui_topic_name(ui, topic) : ui_space_name(ui, stop), NULL, NULL);
            int cbh = bh * 3 / 4;
            int th = act.h - 2 * cbh - pad;
            text(b, panel, rect(act.x, act.y, act.w, th), buf, FONT_REGULAR, sz(b, F_SMALL),
                 mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "board.prompt");
            button(b, panel, rect(act.x, act.y + th + pad / 2, act.w, cbh), "Y",
                   ui_tr(ui, "card.claim"), CMD_YES, 0, true, "board.claim");
            button(b, panel, rect(act.x, act.y + th + pad / 2 + cbh + pad / 2, act.w, cbh), "N",
                   ui_tr(ui, "card.decline"), CMD_NO, 0, false, "board.decline");
            break;
        }
        default:
            break;
        }
    }
    y += ah + pad / 2;
    /* A narrow panel (4:3 screens) gives the key hint two lines. */
    int hint_h = pw < b->h * 3 / 4 ? hf(b, 0.1f) : hf(b, 0.05f);
    int sh = hf(b, 0.07f);
    if (ui->status[0] != '\0' && st->phase != PHASE_PAUSED && st->phase != PHASE_CLAIM) {
        /* Under the roll button, or under the prompt to choose a topic (half the area). */
        int above = !ui->anim.active && st->phase == PHASE_CHOOSE_TOPIC ? act.h / 2 : bh + pad;
        text(b, panel, rect(x, act.y + above, w, ah - above), ui->status, FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_START, ALIGN_START, "board.status");
    }
    /* Scoreboard. */
    int bottom = m + (b->h - 2 * m) - pad - hint_h;
    text(b, panel, rect(x, y, w, sh * 3 / 4), ui_tr(ui, "summary.points"), FONT_BOLD,
         sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_START, ALIGN_CENTER, "scores.title");
    y += sh * 3 / 4;
    int n = st->team_count > 0 ? st->team_count : 1;
    int row = (bottom - y) / n;
    if (row > sh) {
        row = sh;
    }
    /* Many teams in a short panel (8 teams, large text, a small window): rather than rows
     * too thin to read, a grid of the teams' tokens (letter, colour and shape, as on the
     * board) with their points, two or four to a row. */
    int cols = 1;
    while (row < mn(b, M_SMALL) + 6 && cols < 4 && cols < n) {
        cols *= 2;
        row = (bottom - y) / ((n + cols - 1) / cols);
        if (row > sh) {
            row = sh;
        }
    }
    for (int t = 0; cols > 1 && t < st->team_count; t++) {
        int cw = w / cols;
        Rect r = rect(x + (t % cols) * cw, y + (t / cols) * row, cw - 4, row - 2);
        int cell = fill(b, panel, r, t == st->current ? b->t.raised : b->t.panel, hf(b, 0.006f),
                        "score.row");
        int d = r.h - 4;
        token(b, cell, rect(r.x + 2, r.y + 2, d, d), t, true);
        if (cols == 2) {
            i18n_plural(ui->deps.i18n, buf, sizeof buf, "board.points", st->points[t], NULL, 0);
        } else {
            snprintf(buf, sizeof buf, "%d", st->points[t]);
        }
        text(b, cell, rect(r.x + d + 8, r.y, r.w - d - 12, r.h), buf, FONT_BOLD, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "score.points");
    }
    for (int t = 0; cols == 1 && t < st->team_count; t++) {
        Rect r = rect(x, y + t * row, w, row - 2);
        int rowbox = fill(b, panel, r, t == st->current ? b->t.raised : b->t.panel, hf(b, 0.006f),
                          "score.row");
        int d = r.h - 4;
        token(b, rowbox, rect(r.x + 2, r.y + 2, d, d), t, true);
        ui_team_name(ui, t, name, sizeof name);
        int pw2 = r.w / 3;
        text(b, rowbox, rect(r.x + d + 8, r.y, r.w - d - 12 - pw2, r.h), name, FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER,
             "score.name");
        i18n_plural(ui->deps.i18n, buf, sizeof buf, "board.points", st->points[t], NULL, 0);
        text(b, rowbox, rect(r.x + r.w - pw2 - 4, r.y, pw2, r.h), buf, FONT_BOLD, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_END, ALIGN_CENTER, "score.points");
    }
    hint(b, panel, rect(x, bottom, w, hint_h), ui_tr(ui, "keys.hint_short"));
}

/* ---- Card ------------------------------------------------------------------------------------ */

/* What a card view shows. The card screen fills it from the game; print asks for each card's
 * front (as first shown, without a team or votes) and back (answer and facilitator note). */
typedef struct CardView {
    int card;       /* index into the definition's cards, or -1: the deck ran dry */
    int deck;       /* -1 for none */
    int topic;      /* -1 for none */
    int team;       /* the team it is for (token and name in the header), or -1 */
    bool confirmed; /* shown to the group (an intensity-3 card waits for the facilitator) */
    bool revealed;  /* the answer under the prompt */
    bool note;      /* the facilitator note */
    bool votes;     /* agree cards: vote buttons and bars; else three boxes to tick on paper */
    const int *tally;
    const char *timer; /* the discussion timer under the team's name, or NULL */
} CardView;

/* Height for a text that shares its box with others: what it needs at its preferred size, up
 * to share, but never less than it needs at its smallest size (so it is never cut while the
 * others can still shrink), and never more than cap. */
static int needed(B *b, const char *s, FontRole font, int px, int min_px, int w, int share, int cap)
{
    int pad = hf(b, 0.01f);
    int want = render_text_height(b->R, s, font, px, w) + pad;
    int least = render_text_height(b->R, s, font, min_px, w) + pad;
    int h = want < share ? want : share;
    if (h < least) {
        h = least;
    }
    return h < cap ? h : cap;
}

/* A myth-or-fact card's answer and explanation (at px, shrinking to min_px), from the top of
 * area. */
static void answer_myth_fact(B *b, int parent, Rect area, int card_index, int px, int min_px)
{
    Ui *ui = b->ui;
    const Card *card = &ui->def->cards[card_index];
    int ah = hf(b, 0.08f);
    const char *answer =
        ui_tr(ui, card->answer == ANSWER_MYTH ? "card.answer_myth" : "card.answer_fact");
    text(b, parent, rect(area.x, area.y, area.w, ah), answer, FONT_BOLD, sz(b, F_HEAD),
         mn(b, M_BODY), b->t.accent, ALIGN_START, ALIGN_CENTER, "card.answer");
    const char *explain = ui_card_text(ui, card_index, "explain");
    if (explain != NULL) {
        text(b, parent, rect(area.x, area.y + ah, area.w, area.h - ah), explain, FONT_REGULAR, px,
             min_px, b->t.text, ALIGN_START, ALIGN_START, "card.explain");
    }
}

/* "Guidance: ..." of a scenario, written into buf. */
static const char *guidance_text(B *b, int card_index, char *buf, size_t size)
{
    const char *answer = ui_card_text(b->ui, card_index, "answer");
    snprintf(buf, size, "%s: %s", ui_tr(b->ui, "card.guidance"), answer != NULL ? answer : "");
    return buf;
}

/* The inner margin of the box of a scenario's guidance. */
static int guidance_pad(const B *b)
{
    return hf(b, 0.012f);
}

/* The height answer_guidance needs to show the guidance g whole at px in a box w wide. */
static int guidance_height(B *b, const char *g, int w, int px)
{
    int pad = guidance_pad(b);
    return render_text_height(b->R, g, FONT_REGULAR, px, w - 2 * pad) + 2 * pad;
}

/* A scenario's guidance (at px, shrinking to min_px), in a raised box filling area. */
static void answer_guidance(B *b, int parent, Rect area, int card_index, int px, int min_px)
{
    char buf[600];
    int pad = guidance_pad(b);
    int gb = fill(b, parent, area, b->t.raised, hf(b, 0.008f), "card.guidance");
    text(b, gb, rect_inset(area, pad), guidance_text(b, card_index, buf, sizeof buf), FONT_REGULAR,
         px, min_px, b->t.text, ALIGN_START, ALIGN_CENTER, "card.answer");
}

/* A card's facilitator note, or the words for a card without one. */
static const char *note_text(B *b, int card_index)
{
    const char *nt = ui_card_text(b->ui, card_index, "note");
    return nt != NULL ? nt : ui_tr(b->ui, "card.no_note");
}

/* The facilitator note panel: its inner margin and the height of its title. */
static int note_pad(const B *b)
{
    return hf(b, 0.02f);
}

static int note_title_h(const B *b)
{
    return hf(b, 0.05f);
}

/* The height note_panel needs to show the note whole at px in a panel w wide. */
static int note_panel_height(B *b, int card_index, int w, int px)
{
    int pad = note_pad(b);
    return 2 * pad + note_title_h(b) +
           render_text_height(b->R, note_text(b, card_index), FONT_REGULAR, px, w - 2 * pad);
}

/* The facilitator note, framed, with its title, in nr; its text at px, shrinking to min_px. */
static void note_panel(B *b, int parent, Rect nr, int card_index, int px, int min_px)
{
    Ui *ui = b->ui;
    int note = frame(b, parent, nr, b->t.bg, b->t.accent, 2, hf(b, 0.01f), "card.note");
    Rect nin = rect_inset(nr, note_pad(b));
    int th = note_title_h(b);
    text(b, note, rect(nin.x, nin.y, nin.w, th), ui_tr(ui, "card.note_title"), FONT_BOLD,
         sz(b, F_SMALL), mn(b, M_SMALL), b->t.accent, ALIGN_START, ALIGN_CENTER, "card.note.title");
    text(b, note, rect(nin.x, nin.y + th, nin.w, nin.h - th), note_text(b, card_index),
         FONT_REGULAR, px, min_px, b->t.text, ALIGN_START, ALIGN_START, "card.note.text");
}

/* The content notes of card_index in the language shown, comma separated, into out ("" when it
 * has none). */
static void content_notes_text(B *b, int card_index, char *out, size_t size)
{
    Ui *ui = b->ui;
    const PackCardInfo *info =
        ui->deps.pack != NULL ? pack_card_info(ui->deps.pack, card_index) : NULL;
    out[0] = '\0';
    for (int i = 0; info != NULL && i < info->content_note_count; i++) {
        char key[120];
        snprintf(key, sizeof key, "content_note.%s", info->content_notes[i]);
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? ", " : "", ui_tr(ui, key));
    }
}

/* What a help line shows: its name, number, and what it is for with its hours and cost. */
typedef struct HelpTexts {
    const char *name, *number;
    char details[600];
} HelpTexts;

static void help_texts(B *b, const Helpline *l, HelpTexts *t)
{
    Ui *ui = b->ui;
    const char *loc = i18n_locale(ui->deps.i18n);
    const char *src = ui->deps.pack != NULL ? pack_source_locale(ui->deps.pack) : "en";
    const char *nm = pack_text_pick(l->name, l->name_count, loc, src);
    const char *hours = pack_text_pick(l->hours, l->hours_count, loc, src);
    const char *what = pack_text_pick(l->what, l->what_count, loc, src);
    const char *cost = pack_text_pick(l->cost, l->cost_count, loc, src);
    t->name = nm != NULL ? nm : l->id;
    t->number = l->number[0] ? l->number : l->whatsapp[0] ? l->whatsapp : l->web;
    snprintf(t->details, sizeof t->details, "%s \xC2\xB7 %s \xC2\xB7 %s", what != NULL ? what : "",
             hours != NULL ? hours : "", cost != NULL ? cost : "");
}

/* The help lines of the session's region that serve the card's topic (at most three). */
static void card_help_lines(B *b, int parent, Rect rest, const Card *card, char *buf, size_t size)
{
    Ui *ui = b->ui;
    int count;
    const Helpline *lines = ui_helplines(ui, &count);
    if (count == 0) {
        text(b, parent, rest, ui_tr(ui, "help.no_region"), FONT_REGULAR, sz(b, F_BODY),
             mn(b, M_SMALL), b->t.accent, ALIGN_START, ALIGN_START, "card.help.none");
        return;
    }
    const char *topic = NULL;
    int deck_topic = ui->def->decks[card->deck].topic;
    if (deck_topic >= 0) {
        topic = ui->def->topics[deck_topic].id;
    }
    int shown = 0, lh = rest.h / 3;
    for (int i = 0; i < count && shown < 3; i++) {
        if (topic != NULL && !pack_helpline_serves(&lines[i], topic)) {
            continue;
        }
        HelpTexts t;
        help_texts(b, &lines[i], &t);
        snprintf(buf, size, "%s: %s", t.name, t.number);
        text(b, parent, rect(rest.x, rest.y + shown * lh, rest.w, lh - 2), buf, FONT_BOLD,
             sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "card.help.line");
        shown++;
    }
}

static void card_body(B *b, int parent, Rect body, const CardView *v)
{
    Ui *ui = b->ui;
    const Card *card = &ui->def->cards[v->card];
    int pad = hf(b, 0.012f);
    const char *prompt = ui_card_text(ui, v->card, "prompt");
    if (prompt == NULL) {
        prompt = card->id;
    }
    int ppx = sz(b, F_PROMPT), pmin = mn(b, M_PROMPT);
    char buf[600];
    switch (card->kind) {
    case CARD_DISCUSS:
        text(b, parent, body, prompt, FONT_BOLD, ppx, pmin, b->t.text, ALIGN_START, ALIGN_CENTER,
             "card.prompt");
        break;
    case CARD_AGREE: {
        static const char *const keys[3] = {"A", "D", "U"};
        static const char *const labels[3] = {"card.agree", "card.disagree", "card.unsure"};
        if (!v->votes) {
            /* On paper: the statement, then three boxes for the show of hands. */
            int rh = hf(b, 0.09f);
            int ph = body.h - rh - pad;
            text(b, parent, rect(body.x, body.y, body.w, ph), prompt, FONT_BOLD, ppx, pmin,
                 b->t.text, ALIGN_START, ALIGN_CENTER, "card.prompt");
            int bw = (body.w - 2 * pad) / 3;
            for (int i = 0; i < 3; i++) {
                button(b, parent, rect(body.x + i * (bw + pad), body.y + ph + pad, bw, rh), NULL,
                       ui_tr(ui, labels[i]), CMD_NONE, i, false, "card.vote");
            }
            break;
        }
        int ph = needed(b, prompt, FONT_BOLD, ppx, pmin, body.w, body.h * 11 / 20, body.h * 3 / 4);
        text(b, parent, rect(body.x, body.y, body.w, ph), prompt, FONT_BOLD, ppx, pmin, b->t.text,
             ALIGN_START, ALIGN_CENTER, "card.prompt");
        int y = body.y + ph + pad;
        int rows = 3, rh = (body.y + body.h - y) / rows;
        static const uint32_t bar_colours[3] = {0x56B4E9, 0xE69F00, 0xBBBBBB};
        int total = v->tally[0] + v->tally[1] + v->tally[2];
        for (int i = 0; i < rows; i++) {
            Rect r = rect(body.x, y + i * rh, body.w, rh - pad / 2);
            int bw = r.w * 7 / 20;
            button(b, parent, rect(r.x, r.y, bw, r.h), keys[i], ui_tr(ui, labels[i]), CMD_VOTE, i,
                   false, "card.vote");
            int bx = r.x + bw + pad, bwid = r.w - bw - pad - r.h * 2;
            /* The track is outlined so an empty bar still shows where it would grow. */
            int track = frame(b, parent, rect(bx, r.y + r.h / 4, bwid, r.h / 2), b->t.bg, b->t.line,
                              1, hf(b, 0.004f), "card.bar.track");
            int len = total > 0 ? bwid * v->tally[i] / total : 0;
            if (len > 0) {
                fill(b, track, rect(bx, r.y + r.h / 4, len, r.h / 2), rgb(bar_colours[i]),
                     hf(b, 0.004f), "card.bar");
            }
            snprintf(buf, sizeof buf, "%d", v->tally[i]);
            text(b, parent, rect(r.x + r.w - r.h * 2 + pad, r.y, r.h * 2 - pad, r.h), buf,
                 FONT_BOLD, sz(b, F_HEAD), mn(b, M_SMALL), b->t.text, ALIGN_END, ALIGN_CENTER,
                 "card.count");
        }
        break;
    }
    case CARD_MYTH_FACT: {
        int ph = v->revealed ? needed(b, prompt, FONT_BOLD, ppx, pmin, body.w, body.h * 11 / 20,
                                      body.h * 3 / 4)
                             : body.h;
        text(b, parent, rect(body.x, body.y, body.w, ph), prompt, FONT_BOLD, ppx, pmin, b->t.text,
             ALIGN_START, ALIGN_CENTER, "card.prompt");
        if (v->revealed) {
            int y = body.y + ph + pad;
            answer_myth_fact(b, parent, rect(body.x, y, body.w, body.y + body.h - y), v->card,
                             sz(b, F_BODY), mn(b, M_SMALL));
        }
        break;
    }
    case CARD_SCENARIO: {
        char opts[GAMEDEF_MAX_OPTIONS][300];
        /* Heights at the smallest size of the options (and, revealed, of the guidance). */
        int least = mn(b, M_SMALL);
        const char *g = v->revealed ? guidance_text(b, v->card, buf, sizeof buf) : NULL;
        int n = card->options > 0 ? card->options : 1, below = 0;
        int oleast[GAMEDEF_MAX_OPTIONS], oleast_total = 0;
        for (int i = 0; i < card->options && i < GAMEDEF_MAX_OPTIONS; i++) {
            char key[32];
            snprintf(key, sizeof key, "options.%d", i + 1);
            const char *opt = ui_card_text(ui, v->card, key);
            snprintf(opts[i], sizeof opts[i], "%d. %s", i + 1, opt != NULL ? opt : "");
            oleast[i] = render_text_height(b->R, opts[i], FONT_REGULAR, least, body.w) + 2;
            oleast_total += oleast[i];
        }
        int gleast = g != NULL ? guidance_height(b, g, body.w, least) + pad : 0;
        below = oleast_total + (g != NULL ? gleast : 0);
        /* The prompt shrinks towards its own smallest size before what is under it goes below
         * theirs. */
        int share = body.h * (v->revealed ? 30 : 45) / 100;
        if (share > body.h - pad - below) {
            share = body.h - pad - below;
        }
        int ph = needed(b, prompt, FONT_BOLD, ppx, pmin, body.w, share, body.h * 3 / 5);
        text(b, parent, rect(body.x, body.y, body.w, ph), prompt, FONT_BOLD, ppx, pmin, b->t.text,
             ALIGN_START, ALIGN_CENTER, "card.prompt");
        int y = body.y + ph + pad;
        int rest = body.y + body.h - y;
        /* Revealed, the guidance is what the group reads now, and it must not be cut: when the
         * options and the guidance do not both fit at their smallest size (a 4:3 projector, a
         * long prompt), the options, already read, go down to 2/3 of it first, then the
         * guidance to 4/5 of it. The prompt keeps its own smallest size (1/16). */
        int omin = least, gmin = least;
        while (g != NULL && oleast_total + gleast > rest) {
            if (omin > least * 2 / 3) {
                omin--;
                oleast_total = 0;
                for (int i = 0; i < card->options && i < GAMEDEF_MAX_OPTIONS; i++) {
                    oleast[i] = render_text_height(b->R, opts[i], FONT_REGULAR, omin, body.w) + 2;
                    oleast_total += oleast[i];
                }
            } else if (gmin > least * 4 / 5) {
                gmin--;
                gleast = guidance_height(b, g, body.w, gmin) + pad;
            } else {
                break; /* cut, as a last resort (the renderer says so in the log) */
            }
        }
        int oh_total = rest;
        if (g != NULL && omin == least) {
            /* Room enough: the guidance gets the height it wants while the options keep what
             * they need, and the options share what is left. */
            int gwant = guidance_height(b, g, body.w, sz(b, F_BODY)) + pad;
            oh_total = rest * 11 / 20;
            if (rest - oh_total < gwant) {
                oh_total = rest - gwant;
            }
            if (oh_total < oleast_total) {
                oh_total = oleast_total;
            }
        } else if (g != NULL) {
            oh_total = oleast_total; /* tight: the options at the size found, the rest to it */
        }
        /* The options at one size, the largest (up to the body size) at which they all fit:
         * the body size itself when it fits (the usual case), else found by halving; each then
         * gets an even part of what is left. */
        int lo = omin, hi = sz(b, F_BODY), ototal = oleast_total;
        int oh[GAMEDEF_MAX_OPTIONS];
        for (int i = 0; i < card->options && i < GAMEDEF_MAX_OPTIONS; i++) {
            oh[i] = oleast[i];
        }
        for (int first = 1; lo < hi; first = 0) {
            int px = first ? hi : (lo + hi + 1) / 2, total = 0, hs[GAMEDEF_MAX_OPTIONS];
            for (int i = 0; i < card->options && i < GAMEDEF_MAX_OPTIONS; i++) {
                hs[i] = render_text_height(b->R, opts[i], FONT_REGULAR, px, body.w) + 2;
                total += hs[i];
            }
            if (total <= oh_total) {
                lo = px;
                ototal = total;
                memcpy(oh, hs, (size_t)card->options * sizeof oh[0]);
            } else {
                hi = px - 1;
            }
        }
        int spare = oh_total > ototal ? (oh_total - ototal) / n : 0;
        int oy = y;
        for (int i = 0; i < card->options && i < GAMEDEF_MAX_OPTIONS; i++) {
            text(b, parent, rect(body.x, oy, body.w, oh[i] + spare - 2), opts[i], FONT_REGULAR, lo,
                 omin < lo ? omin : lo, b->t.text, ALIGN_START, ALIGN_CENTER, "card.option");
            oy += oh[i] + spare;
        }
        if (g != NULL) {
            int gy = oy + pad;
            answer_guidance(b, parent, rect(body.x, gy, body.w, body.y + body.h - gy), v->card,
                            sz(b, F_BODY), gmin);
        }
        break;
    }
    case CARD_ACTION:
    case CARD_HELP:
    case CARD_KIND_COUNT: {
        int ph = needed(b, prompt, FONT_BOLD, ppx, pmin, body.w, body.h * 11 / 20, body.h * 3 / 4);
        text(b, parent, rect(body.x, body.y, body.w, ph), prompt, FONT_BOLD, ppx, pmin, b->t.text,
             ALIGN_START, ALIGN_CENTER, "card.prompt");
        int y = body.y + ph + pad;
        Rect rest = rect(body.x, y, body.w, body.y + body.h - y);
        if (card->kind == CARD_ACTION) {
            const char *explain = ui_card_text(ui, v->card, "explain");
            if (explain != NULL) {
                text(b, parent, rest, explain, FONT_REGULAR, sz(b, F_BODY), mn(b, M_SMALL),
                     b->t.dim, ALIGN_START, ALIGN_START, "card.explain");
            }
            break;
        }
        card_help_lines(b, parent, rest, card, buf, sizeof buf);
        break;
    }
    }
}

/* The card's frame in its topic's colour and its header: the topic tile and icon, the kind,
 * the topic or deck, and the team it is for (or, when there is no team, right: on paper the
 * card's id, to match fronts and backs). *body receives the room below; *where the topic or
 * deck name. Returns the card's box. */
static int card_top(B *b, int parent, Rect cr, const CardView *v, const char *right, Rect *body,
                    const char **where_out)
{
    Ui *ui = b->ui;
    const GameDef *def = ui->def;
    const Card *card = v->card >= 0 ? &def->cards[v->card] : NULL;
    uint32_t colour = v->topic >= 0 ? def->topics[v->topic].colour : 0xB8B8D8;
    Icon ic = v->topic >= 0 ? layout_icon_from_name(def->topics[v->topic].icon)
              : v->deck >= 0 && strcmp(def->decks[v->deck].id, "rights") == 0 ? ICON_STAR
                                                                              : ICON_QUESTION;
    /* A card is white on paper: the topic shows in its frame and tile, not in ink over it. */
    int cardbox = frame(b, parent, cr, b->paper ? b->t.bg : b->t.panel, rgb(colour), hf(b, 0.008f),
                        hf(b, 0.02f), "card");
    /* Paper gets a wider edge: a cut is never quite straight. */
    int pad = hf(b, b->paper ? 0.035f : 0.02f);
    Rect in = rect_inset(cr, pad);
    int hh = hf(b, 0.11f);
    int tile = fill(b, cardbox, rect(in.x, in.y, hh, hh), rgb(colour), hf(b, 0.01f), "card.tile");
    icon(b, tile, rect_inset(b->L->boxes[tile].rect, hh / 8), ic,
         is_light(colour) ? rgb(0x111111) : rgb(0xFFFFFF), rgb(colour));
    char buf[400], name[120];
    const char *kind = "";
    if (card != NULL) {
        snprintf(buf, sizeof buf, "card_kind.%s", gamedef_card_kind_name(card->kind));
        kind = ui_tr(ui, buf);
    } else {
        kind = ui_tr(ui, "space_kind.open");
    }
    int tw = in.w - hh - pad;
    int kw = tw * 3 / 5;
    text(b, cardbox, rect(in.x + hh + pad, in.y, kw, hh * 11 / 20), kind, FONT_BOLD, sz(b, F_HEAD),
         mn(b, M_BODY), b->t.text, ALIGN_START, ALIGN_CENTER, "card.kind");
    const char *where = "";
    if (v->topic >= 0) {
        where = ui_topic_name(ui, v->topic);
    } else if (v->deck >= 0) {
        snprintf(buf, sizeof buf, "deck.%s.name", def->decks[v->deck].id);
        const char *dn = i18n_lookup(ui->deps.i18n, buf, NULL);
        where = dn != NULL ? dn : def->decks[v->deck].id;
    }
    if (strcmp(where, kind) == 0) {
        where = ""; /* the situation deck is named like its cards' kind: say it once */
    }
    text(b, cardbox, rect(in.x + hh + pad, in.y + hh * 11 / 20, kw, hh - hh * 11 / 20), where,
         FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_START, ALIGN_CENTER,
         "card.topic");
    int tx = in.x + hh + pad + kw + pad;
    if (v->team >= 0) {
        int tsz = hh * 3 / 5;
        token(b, cardbox, rect(tx, in.y + (hh - tsz) / 2, tsz, tsz), v->team, true);
        ui_team_name(ui, v->team, name, sizeof name);
        ui_trf(ui, buf, sizeof buf, "card.for_team", "team", name, NULL, NULL, NULL, NULL);
        int th = v->timer != NULL ? hh * 11 / 20 : hh;
        text(b, cardbox, rect(tx + tsz + pad / 2, in.y, in.x + in.w - tx - tsz - pad / 2, th), buf,
             FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER,
             "card.team");
        if (v->timer != NULL) {
            /* Calm: small, dim, no colour change and no blinking when it runs out. */
            text(b, cardbox,
                 rect(tx + tsz + pad / 2, in.y + th, in.x + in.w - tx - tsz - pad / 2, hh - th),
                 v->timer, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.dim,
                 ALIGN_START, ALIGN_CENTER, "card.timer");
        }
    } else if (right != NULL) {
        text(b, cardbox, rect(tx, in.y, in.x + in.w - tx, hh * 11 / 20), right, FONT_REGULAR,
             sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.dim, ALIGN_END, ALIGN_CENTER,
             "card.id");
    }
    *body = rect(in.x, in.y + hh + pad, in.w, in.h - hh - pad);
    if (where_out != NULL) {
        *where_out = where;
    }
    return cardbox;
}

/* A card as the group sees it, in cr (the card screen, and the front of a printed card). */
static int card_face(B *b, int parent, Rect cr, const CardView *v, const char *right)
{
    Ui *ui = b->ui;
    const Card *card = v->card >= 0 ? &ui->def->cards[v->card] : NULL;
    Rect body;
    const char *where;
    int cardbox = card_top(b, parent, cr, v, right, &body, &where);
    int pad = hf(b, 0.02f);
    char buf[400];
    bool note_only = false; /* the note takes what the prompt leaves; extras wait */
    if (v->note && card != NULL) {
        int nh = body.h * 2 / 5, nmin = mn(b, M_SMALL);
        if (v->confirmed) {
            /* The note (its key message and follow-up question) must not be cut: the prompt
             * shrinks towards its smallest size first, then the note's text goes down to 4/5
             * of the small size. */
            const char *prompt = ui_card_text(ui, v->card, "prompt");
            int nneed = note_panel_height(b, v->card, body.w, nmin);
            int pleast = render_text_height(b->R, prompt != NULL ? prompt : card->id, FONT_BOLD,
                                            mn(b, M_PROMPT), body.w) +
                         hf(b, 0.01f);
            if (pleast + pad + nneed > body.h) {
                nmin = mn(b, M_SMALL) * 4 / 5;
                nneed = note_panel_height(b, v->card, body.w, nmin);
            }
            int share = body.h / 2 < body.h - pad - nneed ? body.h / 2 : body.h - pad - nneed;
            int ph = needed(b, prompt != NULL ? prompt : card->id, FONT_BOLD, sz(b, F_PROMPT),
                            mn(b, M_PROMPT), body.w, share, body.h * 2 / 3);
            nh = body.h - ph - pad;
            note_only = true;
        }
        Rect nr = rect(body.x, body.y + body.h - nh, body.w, nh);
        body.h -= nh + pad;
        note_panel(b, cardbox, nr, v->card, sz(b, F_SMALL), nmin);
    }
    if (card != NULL && !v->confirmed) {
        /* What the card is about, for the facilitator's eyes first: no prompt yet. */
        char notes[300];
        content_notes_text(b, v->card, notes, sizeof notes);
        ui_trf(ui, buf, sizeof buf, "card.intensity_warning", "notes", notes, NULL, NULL, NULL,
               NULL);
        int warn = frame(b, cardbox, body, b->t.bg, b->t.accent, focus_w(b), hf(b, 0.012f),
                         "card.warning");
        text(b, warn, rect_inset(body, pad), buf, FONT_BOLD, sz(b, F_HEAD), mn(b, M_BODY),
             b->t.text, ALIGN_CENTER, ALIGN_CENTER, "card.warning.text");
    } else if (card != NULL && note_only) {
        const char *prompt = ui_card_text(ui, v->card, "prompt");
        text(b, cardbox, body, prompt != NULL ? prompt : card->id, FONT_BOLD, sz(b, F_PROMPT),
             mn(b, M_PROMPT), b->t.text, ALIGN_START, ALIGN_CENTER, "card.prompt");
    } else if (card != NULL) {
        card_body(b, cardbox, body, v);
    } else {
        ui_trf(ui, buf, sizeof buf, "board.deck_empty", "topic", where, NULL, NULL, NULL, NULL);
        text(b, cardbox, body, buf, FONT_BOLD, sz(b, F_PROMPT), mn(b, M_PROMPT), b->t.text,
             ALIGN_START, ALIGN_CENTER, "card.prompt");
    }
    return cardbox;
}

/* The back of a printed card: the same frame and header (with the card's id, to match it with
 * its front), then what the facilitator reads out after the talk (a myth-or-fact answer and
 * its explanation, a scenario's guidance), a line on an intensity-3 card's content, and the
 * facilitator note. */
static int card_back(B *b, int parent, Rect cr, const CardView *v)
{
    Ui *ui = b->ui;
    const Card *card = &ui->def->cards[v->card];
    Rect body;
    int cardbox = card_top(b, parent, cr, v, card->id, &body, NULL);
    int pad = hf(b, 0.012f);
    char buf[600];
    int y = body.y;
    if (card->intensity >= 3) {
        /* On paper nobody is asked to confirm: the back says what the card touches. */
        char notes[300];
        content_notes_text(b, v->card, notes, sizeof notes);
        ui_trf(ui, buf, sizeof buf, "print.strong", "notes", notes, NULL, NULL, NULL, NULL);
        int wh = needed(b, buf, FONT_BOLD, sz(b, F_SMALL), mn(b, M_SMALL), body.w, body.h / 5,
                        body.h / 4);
        text(b, cardbox, rect(body.x, y, body.w, wh), buf, FONT_BOLD, sz(b, F_SMALL),
             mn(b, M_SMALL), b->t.accent, ALIGN_START, ALIGN_CENTER, "card.strong");
        y += wh + pad;
    }
    Rect rest = rect(body.x, y, body.w, body.y + body.h - y);
    /* The answer and the note share the room: one text size for both, the largest at which
     * both fit, from the body size down to the least a text may shrink to. */
    const char *explain = ui_card_text(ui, v->card, "explain");
    guidance_text(b, v->card, buf, sizeof buf);
    int least = mn(b, M_SMALL);
    int px = sz(b, F_BODY), ah = 0;
    for (;; px--) {
        ah = 0;
        if (card->kind == CARD_MYTH_FACT) {
            ah =
                hf(b, 0.08f) +
                (explain != NULL ? render_text_height(b->R, explain, FONT_REGULAR, px, rest.w) : 0);
        } else if (card->kind == CARD_SCENARIO) {
            ah = guidance_height(b, buf, rest.w, px);
        }
        int nh = note_panel_height(b, v->card, rest.w, px);
        if (px <= least || ah + (ah > 0 ? pad : 0) + nh <= rest.h) {
            break;
        }
    }
    if (card->kind == CARD_MYTH_FACT) {
        answer_myth_fact(b, cardbox, rect(rest.x, rest.y, rest.w, ah), v->card, px, least);
    } else if (card->kind == CARD_SCENARIO) {
        answer_guidance(b, cardbox, rect(rest.x, rest.y, rest.w, ah), v->card, px, least);
    }
    int ny = rest.y + (ah > 0 ? ah + pad : 0);
    note_panel(b, cardbox, rect(rest.x, ny, rest.w, rest.y + rest.h - ny), v->card, px, least);
    return cardbox;
}

/* Where the card screen puts the card: the window's width less margins, above the buttons. */
static Rect card_rect(const B *b)
{
    int m = hf(b, 0.025f);
    return rect(m, m, b->w - 2 * m, hf(b, 0.82f) - m);
}

static void build_card(B *b)
{
    Ui *ui = b->ui;
    const GameState *st = &ui->game;
    const GameDef *def = ui->def;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.025f);
    const Card *card = st->card >= 0 ? &def->cards[st->card] : NULL;
    CardView v = {.card = st->card,
                  .deck = card != NULL ? card->deck : st->card_deck,
                  .team = st->current,
                  .confirmed = ui->confirmed,
                  .revealed = ui->revealed,
                  .note = ui->note_shown,
                  .votes = true,
                  .tally = st->tally};
    char timer[160];
    int left = ui_talk_seconds_left(ui);
    if (left > 0) {
        char mmss[16];
        snprintf(mmss, sizeof mmss, "%d:%02d", left / 60, left % 60);
        v.timer =
            ui_trf(ui, timer, sizeof timer, "card.timer", "time", mmss, NULL, NULL, NULL, NULL);
    } else if (left == 0) {
        v.timer = ui_tr(ui, "card.timer_done");
    }
    v.topic = v.deck >= 0 ? def->decks[v.deck].topic : -1;
    if (card == NULL && st->card_space >= 0 && def->spaces[st->card_space].topic >= 0) {
        v.topic = def->spaces[st->card_space].topic;
    }
    card_face(b, bg, card_rect(b), &v, NULL);
    /* The buttons: Done, Pass, Swap, Reveal, Note. */
    struct {
        const char *key, *label;
        Cmd cmd;
        bool show;
    } buttons[] = {
        {"Enter", ui->confirmed || card == NULL ? "card.complete" : "card.show", CMD_DONE, true},
        {"P", "card.pass", CMD_PASS, true},
        {"S", "card.skip", CMD_SKIP, card != NULL},
        {"R", "card.reveal", CMD_REVEAL,
         card != NULL && ui->confirmed &&
             (card->kind == CARD_MYTH_FACT || card->kind == CARD_SCENARIO)},
        {"N", "card.note", CMD_NOTE, card != NULL},
    };
    int nb = 0;
    for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++) {
        nb += buttons[i].show;
    }
    int by = hf(b, 0.84f), bh = hf(b, 0.13f), gap = hf(b, 0.012f);
    int bw = (b->w - 2 * m - gap * (nb - 1)) / nb;
    int k = 0;
    for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++) {
        if (!buttons[i].show) {
            continue;
        }
        button(b, bg, rect(m + k * (bw + gap), by, bw, bh), buttons[i].key,
               ui_tr(ui, buttons[i].label), buttons[i].cmd, 0, i == 0, "card.button");
        k++;
    }
}

/* ---- Summary, help, keys --------------------------------------------------------------------- */

static void build_summary(B *b)
{
    Ui *ui = b->ui;
    const GameState *st = &ui->game;
    const GameDef *def = ui->def;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    char buf[400], name[120], n1[16], n2[16], n3[16];
    /* Down to where the reason starts, whatever the rounding of each. */
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.12f) - hf(b, 0.02f)),
               ui_tr(ui, "summary.title"));
    static const char *const reasons[] = {"summary.reason_rounds", "summary.reason_time",
                                          "summary.reason_facilitator", "summary.coop_reached"};
    snprintf(buf, sizeof buf, "%s", reasons[(int)st->over_reason & 3]);
    text(b, bg, rect(m, hf(b, 0.12f), b->w - 2 * m, hf(b, 0.06f)), ui_tr(ui, buf), FONT_REGULAR,
         sz(b, F_BODY), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "summary.reason");
    int top = hf(b, 0.2f), h = hf(b, 0.58f);
    /* The figures and the topics talked about (two columns of names such as "Sexual
     * exploitation of children") get the wider panel. */
    int cw = (b->w - 3 * m) * 2 / 5, rw = b->w - 3 * m - cw;
    int left = fill(b, bg, rect(m, top, cw, h), b->t.panel, hf(b, 0.012f), "summary.teams");
    int right =
        fill(b, bg, rect(2 * m + cw, top, rw, h), b->t.panel, hf(b, 0.012f), "summary.stats");
    int pad = hf(b, 0.015f);
    /* Teams by points, most first; ties keep team order. */
    int order[GAMEDEF_MAX_TEAMS];
    for (int t = 0; t < st->team_count; t++) {
        order[t] = t;
    }
    for (int i = 1; i < st->team_count; i++) {
        for (int j = i; j > 0 && st->points[order[j]] > st->points[order[j - 1]]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    }
    int best = 1;
    for (int t = 0; t < st->team_count; t++) {
        best = st->points[t] > best ? st->points[t] : best;
    }
    int rh = (h - 2 * pad) / (st->team_count > 0 ? st->team_count : 1);
    if (rh > hf(b, 0.1f)) {
        rh = hf(b, 0.1f);
    }
    for (int i = 0; i < st->team_count; i++) {
        int t = order[i];
        Rect r = rect(m + pad, top + pad + i * rh, cw - 2 * pad, rh - 3);
        int d = r.h;
        token(b, left, rect(r.x, r.y, d, d), t, true);
        int nx = r.x + d + pad;
        int nw = (r.w - d - pad) * 3 / 5;
        ui_team_name(ui, t, name, sizeof name);
        text(b, left, rect(nx, r.y, nw, r.h / 2), name, FONT_REGULAR, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "summary.team");
        i18n_plural(ui->deps.i18n, buf, sizeof buf, "board.points", st->points[t], NULL, 0);
        text(b, left, rect(nx, r.y + r.h / 2, nw, r.h - r.h / 2), buf, FONT_BOLD, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "summary.points");
        int bx = nx + nw + pad, bw = r.x + r.w - bx;
        int len = bw * st->points[t] / best;
        if (len > 0) {
            fill(b, left, rect(bx, r.y + r.h / 4, len, r.h / 2), rgb(ui_team_colours[t]),
                 hf(b, 0.004f), "summary.bar");
        }
    }
    const Stats *s = &st->stats;
    int x = 2 * m + cw + pad, w = rw - 2 * pad, y = top + pad;
    int lh = hf(b, 0.065f);
    snprintf(n1, sizeof n1, "%d", s->cards_completed);
    ui_trf(ui, buf, sizeof buf, "summary.cards_discussed", "count", n1, NULL, NULL, NULL, NULL);
    text(b, right, rect(x, y, w, lh), buf, FONT_BOLD, sz(b, F_SMALL), mn(b, M_SMALL), b->t.text,
         ALIGN_START, ALIGN_CENTER, "summary.cards");
    y += lh;
    snprintf(n1, sizeof n1, "%d", s->passes);
    snprintf(n2, sizeof n2, "%d", s->skips);
    char passes[180], skips[180];
    ui_trf(ui, passes, sizeof passes, "summary.passes", "count", n1, NULL, NULL, NULL, NULL);
    ui_trf(ui, skips, sizeof skips, "summary.skips", "count", n2, NULL, NULL, NULL, NULL);
    snprintf(buf, sizeof buf, "%s · %s", passes, skips);
    /* Lines that may wrap get the height they need at their smallest size. */
    int ph = needed(b, buf, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), w, lh, lh * 2);
    text(b, right, rect(x, y, w, ph), buf, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), b->t.text,
         ALIGN_START, ALIGN_CENTER, "summary.passes");
    y += ph;
    snprintf(n1, sizeof n1, "%d", s->votes[0]);
    snprintf(n2, sizeof n2, "%d", s->votes[1]);
    snprintf(n3, sizeof n3, "%d", s->votes[2]);
    ui_trf(ui, buf, sizeof buf, "card.tally", "agree", n1, "disagree", n2, "unsure", n3);
    int vh = needed(b, buf, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), w, lh * 3 / 2, lh * 2);
    text(b, right, rect(x, y, w, vh), buf, FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL), b->t.text,
         ALIGN_START, ALIGN_CENTER, "summary.votes");
    y += vh;
    int topics[GAMEDEF_MAX_TOPICS], nt = 0;
    for (int t = 0; t < def->topic_count; t++) {
        if (s->by_topic[t] > 0) {
            topics[nt++] = t;
        }
    }
    snprintf(n1, sizeof n1, "%d", nt);
    ui_trf(ui, buf, sizeof buf, "summary.topics_covered", "count", n1, NULL, NULL, NULL, NULL);
    text(b, right, rect(x, y, w, lh), buf, FONT_BOLD, sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim,
         ALIGN_START, ALIGN_CENTER, "summary.topics");
    y += lh;
    /* Every session ends pointing to where to get help (H opens it). */
    int remind = lh * 3 / 2;
    int bottom = top + h - pad - remind;
    snprintf(buf, sizeof buf, "%s (H)", ui_tr(ui, "summary.help_reminder"));
    text(b, right, rect(x, bottom, w, remind), buf, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
         mn(b, M_SMALL) * 4 / 5, b->t.accent, ALIGN_START, ALIGN_CENTER, "summary.help");
    if (nt == 0) {
        text(b, right, rect(x, y, w, lh), ui_tr(ui, "summary.none"), FONT_REGULAR, sz(b, F_SMALL),
             mn(b, M_SMALL), b->t.dim, ALIGN_START, ALIGN_CENTER, "summary.topic");
    } else {
        int cols = 2, rows = (nt + 1) / 2;
        int th = (bottom - y) / (rows > 0 ? rows : 1);
        if (th > lh) {
            th = lh;
        }
        for (int i = 0; i < nt; i++) {
            int t = topics[i];
            int cx = x + (i % cols) * (w / cols), cy = y + (i / cols) * th;
            int isz = th * 3 / 4;
            int tile = fill(b, right, rect(cx, cy + (th - isz) / 2, isz, isz),
                            rgb(def->topics[t].colour), 2, "summary.tile");
            icon(b, tile, rect_inset(b->L->boxes[tile].rect, isz / 10),
                 layout_icon_from_name(def->topics[t].icon),
                 is_light(def->topics[t].colour) ? rgb(0x111111) : rgb(0xFFFFFF),
                 rgb(def->topics[t].colour));
            snprintf(buf, sizeof buf, "%s · %d", ui_topic_name(ui, t), s->by_topic[t]);
            /* Alone on the last row, a topic takes the whole width. */
            int cwid = i == nt - 1 && i % cols == 0 ? w : w / cols;
            text(b, right, rect(cx + isz + 6, cy, cwid - isz - 10, th), buf, FONT_REGULAR,
                 sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 2 / 3, b->t.text, ALIGN_START,
                 ALIGN_CENTER, "summary.topic");
        }
    }
    /* Where the anonymous report of the session was written, for the facilitator. */
    const char *path = ui_report_path(ui);
    if (path[0] != '\0') {
        const char *slash = strrchr(path, '/');
        char folder[4200];
        snprintf(folder, sizeof folder, "%.*s", slash != NULL ? (int)(slash - path) : 0, path);
        ui_trf(ui, buf, sizeof buf, "summary.report_saved", "file",
               slash != NULL ? slash + 1 : path, "folder", folder, NULL, NULL);
        text(b, bg, rect(m, top + h + hf(b, 0.005f), b->w - 2 * m, hf(b, 0.06f)), buf, FONT_REGULAR,
             sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.dim, ALIGN_CENTER, ALIGN_CENTER,
             "summary.report");
    }
    int bw = menu_width(b, m) * 2 / 3;
    button(b, bg, rect((b->w - bw) / 2, hf(b, 0.85f), bw, hf(b, 0.12f)), "Enter",
           ui_tr(ui, "summary.to_help"), CMD_ACCEPT, 0, true, "summary.back");
}

/* The bottom line of a help line's panel: when it was checked, or a warning when that was
 * too long ago; and its height in a panel of inner width w (its text at its smallest size). */
static const char *help_line_bottom(B *b, const Helpline *l, bool old, char *buf, size_t size,
                                    int w, int *h)
{
    ui_trf(b->ui, buf, size, old ? "help.stale" : "help.verified", "date", l->verified_on, NULL,
           NULL, NULL, NULL);
    int px = old ? mn(b, M_SMALL) * 4 / 5 : mn(b, M_SMALL) * 3 / 5;
    *h = render_text_height(b->R, buf, old ? FONT_BOLD : FONT_REGULAR, px, w) + 2;
    return buf;
}

/* The name's height in a panel of inner size w x h whose bottom line takes vh: what the name
 * needs at its smallest size, up to a third of what is left when it has room to grow, and
 * never so much that what the line is for would not fit at its smallest size. */
static int help_line_name_h(B *b, const HelpTexts *t, int w, int h, int vh)
{
    int nh = needed(b, t->name, FONT_BOLD, sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, w * 3 / 5,
                    (h - vh) / 3, (h - vh) / 2);
    int least = render_text_height(b->R, t->name, FONT_BOLD, mn(b, M_SMALL) * 4 / 5, w * 3 / 5);
    int room =
        h - vh - render_text_height(b->R, t->details, FONT_REGULAR, mn(b, M_SMALL) * 4 / 5, w);
    if (nh > room) {
        nh = room > least ? room : least;
    }
    return nh;
}

/* The least panel height at which everything of the line shows at its smallest size. */
static int help_line_need(B *b, const Helpline *l, int w)
{
    HelpTexts t;
    help_texts(b, l, &t);
    int pad = hf(b, 0.008f), in_w = w - 2 * pad;
    bool old = pack_helpline_age_days(l, NULL) > 365;
    char buf[600];
    int vh;
    help_line_bottom(b, l, old, buf, sizeof buf, in_w, &vh);
    int name = render_text_height(b->R, t.name, FONT_BOLD, mn(b, M_SMALL) * 4 / 5, in_w * 3 / 5) +
               hf(b, 0.01f);
    int details = render_text_height(b->R, t.details, FONT_REGULAR, mn(b, M_SMALL) * 4 / 5, in_w);
    return name + details + vh + 2 * pad + 2;
}

/* One help line in a panel: the name with the number beside it, what the line is for with its
 * hours and cost across the panel, and when it was checked (the help screen and the printed
 * help sheet). */
static void help_line(B *b, int parent, Rect r, const Helpline *l)
{
    char buf[600];
    int panel = fill(b, parent, r, b->t.panel, hf(b, 0.01f), "help.line");
    int pad = hf(b, 0.008f);
    Rect in = rect_inset(r, pad);
    HelpTexts t;
    help_texts(b, l, &t);
    /* When it was checked is for the facilitator: a small line at the bottom; checked too long
     * ago, a warning the facilitator cannot miss. */
    bool old = pack_helpline_age_days(l, NULL) > 365;
    int vh;
    help_line_bottom(b, l, old, buf, sizeof buf, in.w, &vh);
    int nh = help_line_name_h(b, &t, in.w, in.h, vh);
    int nw = in.w * 3 / 5;
    text(b, panel, rect(in.x, in.y, nw, nh), t.name, FONT_BOLD, sz(b, F_SMALL),
         mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "help.name");
    text(b, panel, rect(in.x + nw + pad, in.y, in.w - nw - pad, nh), t.number, FONT_BOLD,
         sz(b, F_HEAD), mn(b, M_SMALL), b->t.accent, ALIGN_END, ALIGN_CENTER, "help.number");
    text(b, panel, rect(in.x, in.y + nh, in.w, in.h - nh - vh), t.details, FONT_REGULAR,
         sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER,
         "help.details");
    text(b, panel, rect(in.x, in.y + in.h - vh, in.w, vh), buf, old ? FONT_BOLD : FONT_REGULAR,
         old ? sz(b, F_SMALL) * 4 / 5 : sz(b, F_SMALL) * 3 / 5,
         old ? mn(b, M_SMALL) * 4 / 5 : mn(b, M_SMALL) * 3 / 5, old ? b->t.accent : b->t.dim,
         ALIGN_START, ALIGN_CENTER, old ? "help.stale" : "help.verified");
}

static void build_help(B *b)
{
    Ui *ui = b->ui;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    char buf[600], region[80];
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.1f)), ui_tr(ui, "help.title"));
    int y = hf(b, 0.13f);
    int count;
    const Helpline *lines = ui_helplines(ui, &count);
    int stale = 0;
    for (int i = 0; i < count; i++) {
        stale += pack_helpline_age_days(&lines[i], NULL) > 365;
    }
    bool region_set = ui->settings.region[0] != '\0';
    /* At the end of a session this screen comes after the summary: Enter goes to the title. */
    bool end = ui->depth == 0;
    int top = y + hf(b, 0.07f) + (region_set && count > 0 && stale > 0 ? hf(b, 0.07f) : 0);
    int bottom = hf(b, end ? 0.83f : 0.92f);
    /* Each panel as low as its words allow at their smallest size; every line on the screen
     * when they all fit (no line should wait behind a scroll), sharing what is left; else as
     * many as fit from the one scrolled to, and the region line says how many there are and
     * how to see the others. */
    int gap = hf(b, 0.008f), avail = bottom - top, pw = b->w - 2 * m;
    int need[PACK_LIMIT_HELPLINES], total = -gap;
    count = count < PACK_LIMIT_HELPLINES ? count : PACK_LIMIT_HELPLINES;
    for (int i = 0; i < count; i++) {
        need[i] = help_line_need(b, &lines[i], pw);
        total += need[i] + gap;
    }
    int spare = 0, fits = count;
    if (count > 0 && total <= avail) {
        ui->help_scroll = 0;
        spare = (avail - total) / count;
    } else if (count > 0) {
        /* The last start from which the lines to the end fill the screen. */
        int last_start = count - 1, used = need[count - 1];
        while (last_start > 0 && used + need[last_start - 1] + gap <= avail) {
            used += need[last_start - 1] + gap;
            last_start--;
        }
        if (ui->help_scroll > last_start) {
            ui->help_scroll = last_start;
        }
        fits = 0;
        for (int i = ui->help_scroll, h = -gap; i < count; i++) {
            h += need[i] + gap;
            if (h > avail && fits > 0) {
                break;
            }
            fits++;
        }
    }
    if (!region_set) {
        text(b, bg, rect(m, y, b->w - 2 * m, hf(b, 0.12f)), ui_tr(ui, "help.no_region"), FONT_BOLD,
             sz(b, F_BODY), mn(b, M_SMALL), b->t.accent, ALIGN_CENTER, ALIGN_CENTER,
             "help.warning");
    } else {
        char key[32];
        snprintf(key, sizeof key, "region.%s", ui->settings.region);
        const char *rn = i18n_lookup(ui->deps.i18n, key, NULL);
        snprintf(region, sizeof region, "%s", rn != NULL ? rn : ui->settings.region);
        ui_trf(ui, buf, sizeof buf, "help.region", "region", region, NULL, NULL, NULL, NULL);
        if (count > fits) {
            char first[16], last[16], all[16], showing[300];
            snprintf(first, sizeof first, "%d", ui->help_scroll + 1);
            snprintf(last, sizeof last, "%d", ui->help_scroll + fits);
            snprintf(all, sizeof all, "%d", count);
            ui_trf(ui, showing, sizeof showing, "help.showing", "first", first, "last", last,
                   "count", all);
            size_t used = strlen(buf);
            snprintf(buf + used, sizeof buf - used, " \xC2\xB7 %s", showing);
        }
        text(b, bg, rect(m, y, b->w - 2 * m, hf(b, 0.06f)), buf, FONT_REGULAR, sz(b, F_SMALL),
             mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "help.region");
        if (count == 0) {
            text(b, bg, rect(m, y + hf(b, 0.07f), b->w - 2 * m, hf(b, 0.1f)),
                 ui_tr(ui, "card.help_none"), FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL), b->t.accent,
                 ALIGN_CENTER, ALIGN_CENTER, "help.warning");
        } else if (stale > 0) {
            /* One line the facilitator cannot miss; each old entry says so too. */
            i18n_plural(ui->deps.i18n, buf, sizeof buf, "help.stale_count", stale, NULL, 0);
            text(b, bg, rect(m, y + hf(b, 0.06f), b->w - 2 * m, hf(b, 0.07f)), buf, FONT_BOLD,
                 sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, b->t.accent, ALIGN_CENTER, ALIGN_CENTER,
                 "help.warning");
        }
    }
    y = top;
    for (int k = 0; k < fits && ui->help_scroll + k < count; k++) {
        int n = need[ui->help_scroll + k], most = hf(b, 0.25f);
        int ph = n + spare < most ? n + spare : n > most ? n : most;
        help_line(b, bg, rect(m, y, pw, ph), &lines[ui->help_scroll + k]);
        y += ph + gap;
    }
    if (end) {
        int bw = menu_width(b, m) * 2 / 3;
        button(b, bg, rect((b->w - bw) / 2, hf(b, 0.85f), bw, hf(b, 0.12f)), "Enter",
               ui_tr(ui, "summary.back"), CMD_ACCEPT, 0, true, "help.done");
    } else {
        hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)),
             ui_tr(ui, "keys.menu_hint"));
    }
}

static void build_keys(B *b)
{
    Ui *ui = b->ui;
    static const char *const keys[] = {
        "keys.roll", "keys.card_done", "keys.pass",     "keys.skip",       "keys.reveal",
        "keys.note", "keys.vote",      "keys.claim",    "keys.pause",      "keys.resume",
        "keys.help", "keys.tools",     "keys.key_help", "keys.fullscreen", "keys.next",
        "keys.back", "keys.scroll",    "keys.menu",
    };
    int rows = (int)(sizeof keys / sizeof keys[0]);
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.09f)), ui_tr(ui, "keys.title"));
    int top = hf(b, 0.12f), rh = hf(b, 0.8f) / rows;
    for (int i = 0; i < rows; i++) {
        Rect r = rect(m, top + i * rh, b->w - 2 * m, rh - 2);
        int row = fill(b, bg, r, i % 2 ? b->t.bg : b->t.panel, 0, "keys.row");
        text(b, row, rect(r.x + 8, r.y, r.w - 16, r.h), ui_tr(ui, keys[i]), FONT_REGULAR,
             sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER,
             "keys.what");
    }
    hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)), ui_tr(ui, "keys.menu_hint"));
}

static void build_packs(B *b)
{
    Ui *ui = b->ui;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.1f)), ui_tr(ui, "packs.title"));
    if (ui->pack_rows == 0) {
        text(b, bg, rect(m, hf(b, 0.3f), b->w - 2 * m, hf(b, 0.2f)), ui_tr(ui, "title.no_packs"),
             FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_CENTER, ALIGN_CENTER,
             "packs.none");
    }
    int top = hf(b, 0.14f), gap = hf(b, 0.012f);
    int rh = hf(b, 0.16f);
    for (int i = 0; i < ui->pack_rows; i++) {
        const PackRow *row = &ui->packs[i];
        Rect r = rect(m, top + i * (rh + gap), b->w - 2 * m, rh);
        if (r.y + r.h > hf(b, 0.9f)) {
            break;
        }
        bool f = i == ui->focus[ui->depth];
        int box = frame(b, bg, r, f ? b->t.raised_focus : b->t.raised, f ? b->t.accent : b->t.line,
                        f ? focus_w(b) : 1, hf(b, 0.01f), "packs.item");
        if (f) {
            b->L->boxes[box].flags |= BOX_FOCUS;
        }
        set_action(b, box, CMD_ITEM, i);
        Rect in = rect_inset(r, focus_w(b) + hf(b, 0.01f));
        char title[200];
        snprintf(title, sizeof title, "%s%s", row->current ? "\xE2\x9C\x93 " : "", row->title);
        text(b, box, rect(in.x, in.y, in.w, in.h * 2 / 5), title, FONT_BOLD, sz(b, F_BODY),
             mn(b, M_SMALL), b->t.text, ALIGN_START, ALIGN_CENTER, "packs.name");
        text(b, box, rect(in.x, in.y + in.h * 2 / 5, in.w, in.h - in.h * 2 / 5), row->line,
             FONT_REGULAR, sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5,
             row->broken ? b->t.accent : b->t.dim, ALIGN_START, ALIGN_CENTER, "packs.line");
    }
    hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)), ui_tr(ui, "keys.menu_hint"));
}

static void build_topics(B *b)
{
    Ui *ui = b->ui;
    const GameDef *def = ui->def;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.02f), b->w - 2 * m, hf(b, 0.1f)), ui_tr(ui, "setup.topics"));
    int n = def->topic_count, rows = (n + 1) / 2;
    if (n == 0) {
        return;
    }
    uint32_t off = ui_topics_off(ui);
    int top = hf(b, 0.13f), gap = hf(b, 0.01f);
    int rh = (hf(b, 0.71f) - gap * (rows - 1)) / rows;
    if (rh > hf(b, 0.1f)) {
        rh = hf(b, 0.1f);
    }
    int cw = (b->w - 2 * m - gap) / 2;
    for (int t = 0; t < n; t++) {
        Rect r = rect(m + (t / rows) * (cw + gap), top + (t % rows) * (rh + gap), cw, rh);
        bool f = t == ui->focus[ui->depth];
        bool on = !(off & (1u << t));
        int box = frame(b, bg, r, f ? b->t.raised_focus : b->t.raised, f ? b->t.accent : b->t.line,
                        f ? focus_w(b) : 1, hf(b, 0.008f), "topics.item");
        if (f) {
            b->L->boxes[box].flags |= BOX_FOCUS;
        }
        set_action(b, box, CMD_ITEM, t);
        int pad = focus_w(b) + hf(b, 0.006f);
        Rect in = rect_inset(r, pad);
        int isz = in.h;
        uint32_t colour = def->topics[t].colour;
        int tile = fill(b, box, rect(in.x, in.y, isz, isz), rgb(on ? colour : 0x555566),
                        hf(b, 0.004f), "topics.tile");
        icon(b, tile, rect_inset(b->L->boxes[tile].rect, isz / 10),
             layout_icon_from_name(def->topics[t].icon),
             on && !is_light(colour) ? rgb(0xFFFFFF) : rgb(0x111111), rgb(on ? colour : 0x555566));
        int vw = in.w / 5;
        text(b, box, rect(in.x + isz + pad, in.y, in.w - isz - vw - 2 * pad, in.h),
             ui_topic_name(ui, t), FONT_REGULAR, sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5,
             on ? b->t.text : b->t.dim, ALIGN_START, ALIGN_CENTER, "topics.name");
        text(b, box, rect(in.x + in.w - vw, in.y, vw, in.h),
             ui_tr(ui, on ? "common.on" : "common.off"), FONT_BOLD, sz(b, F_SMALL),
             mn(b, M_SMALL) * 4 / 5, on ? b->t.accent : b->t.dim, ALIGN_END, ALIGN_CENTER,
             "topics.value");
    }
    GameConfig cfg = ui_setup_config(ui);
    int cards = 0;
    for (int c = 0; c < def->card_count; c++) {
        cards += rules_card_is_enabled(&cfg, def, c);
    }
    char line[200], num[16];
    snprintf(num, sizeof num, "%d", cards);
    ui_trf(ui, line, sizeof line, "setup.cards_available", "count", num, NULL, NULL, NULL, NULL);
    text(b, bg, rect(m, hf(b, 0.855f), b->w - 2 * m, hf(b, 0.06f)), line, FONT_REGULAR,
         sz(b, F_SMALL), mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "setup.cards");
    hint(b, bg, rect(m, hf(b, 0.93f), b->w - 2 * m, hf(b, 0.055f)), ui_tr(ui, "keys.menu_hint"));
}

/* ---- Card review, facilitator guide ---------------------------------------------------------- */

static const char *card_kind_text(B *b, const Card *card, char *buf, size_t size)
{
    snprintf(buf, size, "card_kind.%s", gamedef_card_kind_name(card->kind));
    return ui_tr(b->ui, buf);
}

/* Where a card is drawn from: its topic, or its shared deck. */
static const char *card_where(B *b, const Card *card)
{
    Ui *ui = b->ui;
    const Deck *deck = &ui->def->decks[card->deck];
    if (deck->topic >= 0) {
        return ui_topic_name(ui, deck->topic);
    }
    char key[160];
    snprintf(key, sizeof key, "deck.%s.name", deck->id);
    const char *name = i18n_lookup(ui->deps.i18n, key, NULL);
    return name != NULL ? name : deck->id;
}

static uint32_t card_colour(const Ui *ui, const Card *card)
{
    int topic = ui->def->decks[card->deck].topic;
    return topic >= 0 ? ui->def->topics[topic].colour : 0xB8B8D8;
}

/* Kind, age and intensity of a card in one line. */
static void card_facts(B *b, const Card *card, char *out, size_t size)
{
    Ui *ui = b->ui;
    char key[120], age[80], level[80], n[16];
    const char *kind = card_kind_text(b, card, key, sizeof key);
    snprintf(n, sizeof n, "%d", card->min_age);
    ui_trf(ui, age, sizeof age, "setup.min_age", "age", n, NULL, NULL, NULL, NULL);
    snprintf(n, sizeof n, "%d", card->intensity);
    ui_trf(ui, level, sizeof level, "setup.intensity", "level", n, NULL, NULL, NULL, NULL);
    snprintf(out, size, "%s \xC2\xB7 %s \xC2\xB7 %s", kind, age, level);
}

static void review_details(B *b, int parent, Rect r, int card_index, bool out)
{
    Ui *ui = b->ui;
    const Card *card = &ui->def->cards[card_index];
    int panel = frame(b, parent, r, b->t.panel, rgb(card_colour(ui, card)), hf(b, 0.005f),
                      hf(b, 0.012f), "review.details");
    int pad = hf(b, 0.015f);
    Rect in = rect_inset(r, pad);
    char buf[700], facts[300];
    int lh = hf(b, 0.05f), y = in.y;
    snprintf(buf, sizeof buf, "%s \xC2\xB7 %s", card_where(b, card),
             ui_tr(ui, out ? "setup.review_out" : "setup.review_in"));
    text(b, panel, rect(in.x, y, in.w, lh), buf, FONT_BOLD, sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5,
         out ? b->t.accent : b->t.text, ALIGN_START, ALIGN_CENTER, "review.where");
    y += lh;
    card_facts(b, card, facts, sizeof facts);
    text(b, panel, rect(in.x, y, in.w, lh), facts, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
         mn(b, M_SMALL) * 4 / 5, b->t.dim, ALIGN_START, ALIGN_CENTER, "review.facts");
    y += lh;
    char notes[400];
    content_notes_text(b, card_index, notes, sizeof notes);
    if (notes[0] != '\0') {
        ui_trf(ui, buf, sizeof buf, "setup.content_notes", "notes", notes, NULL, NULL, NULL, NULL);
        text(b, panel, rect(in.x, y, in.w, lh), buf, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
             mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_CENTER, "review.notes");
        y += lh;
    }
    int rest = in.y + in.h - y;
    const char *prompt = ui_card_text(ui, card_index, "prompt");
    int ph = rest * 11 / 20;
    text(b, panel, rect(in.x, y, in.w, ph - pad / 2), prompt != NULL ? prompt : card->id, FONT_BOLD,
         sz(b, F_SMALL), mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_START,
         "review.prompt");
    y += ph;
    int nh = in.y + in.h - y;
    int nb = frame(b, panel, rect(in.x, y, in.w, nh), b->t.bg, b->t.line, 1, hf(b, 0.008f),
                   "review.note");
    Rect nin = rect_inset(b->L->boxes[nb].rect, pad / 2);
    int th = lh * 4 / 5;
    text(b, nb, rect(nin.x, nin.y, nin.w, th), ui_tr(ui, "setup.facilitator_note"), FONT_BOLD,
         sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.accent, ALIGN_START, ALIGN_CENTER,
         "review.note.title");
    text(b, nb, rect(nin.x, nin.y + th, nin.w, nin.h - th), note_text(b, card_index), FONT_REGULAR,
         sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 4 / 5, b->t.text, ALIGN_START, ALIGN_START,
         "review.note.text");
}

/* Buttons along the bottom of a list screen, for the mouse, touch and clickers. */
static void list_buttons(B *b, int parent, int y, int h, const char *const *keys,
                         const char *const *labels, const Cmd *cmds, int n)
{
    int m = hf(b, 0.03f), gap = hf(b, 0.012f);
    int bw = (b->w - 2 * m - gap * (n - 1)) / n;
    for (int i = 0; i < n; i++) {
        button(b, parent, rect(m + i * (bw + gap), y, bw, h), keys[i], ui_tr(b->ui, labels[i]),
               cmds[i], 0, false, "list.button");
    }
}

static void build_review(B *b)
{
    Ui *ui = b->ui;
    const GameDef *def = ui->def;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.015f), b->w - 2 * m, hf(b, 0.1f) - hf(b, 0.015f)),
               ui_tr(ui, "setup.review_title"));
    /* Every card listed passes the filters, so one the session config leaves out is one the
     * facilitator left out (a bit per card: quick for a pack of thousands). */
    GameConfig cfg = ui_setup_config(ui);
    int in_play = 0, n = ui->review_count;
    for (int i = 0; i < n; i++) {
        in_play += rules_card_is_enabled(&cfg, def, ui->review[i]);
    }
    char buf[600], s1[16], s2[16];
    snprintf(s1, sizeof s1, "%d", in_play);
    snprintf(s2, sizeof s2, "%d", n);
    ui_trf(ui, buf, sizeof buf, "setup.review_count", "in", s1, "total", s2, NULL, NULL);
    text(b, bg, rect(m, hf(b, 0.1f), b->w - 2 * m, hf(b, 0.05f)), buf, FONT_REGULAR, sz(b, F_SMALL),
         mn(b, M_SMALL), b->t.dim, ALIGN_CENTER, ALIGN_CENTER, "review.count");
    static const char *const keys[] = {"Enter", "Page Up", "Page Down", "Esc"};
    static const char *const labels[] = {"setup.review_toggle", "common.page_up",
                                         "common.page_down", "common.back"};
    static const Cmd cmds[] = {CMD_ACCEPT, CMD_PAGE_UP, CMD_PAGE_DOWN, CMD_BACK};
    list_buttons(b, bg, hf(b, 0.87f), hf(b, 0.11f), keys, labels, cmds, n > 0 ? 4 : 1);
    if (n == 0) {
        text(b, bg, rect(m, hf(b, 0.3f), b->w - 2 * m, hf(b, 0.2f)), ui_tr(ui, "setup.review_none"),
             FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_CENTER, ALIGN_CENTER,
             "review.none");
        return;
    }
    int focus = ui->focus[ui->depth];
    focus = focus < 0 ? 0 : focus >= n ? n - 1 : focus;
    /* The list beside the details, or above them in an upright window. */
    bool upright = b->w * 5 < b->h * 6;
    int top = hf(b, 0.16f), bottom = hf(b, 0.85f), gap = hf(b, 0.015f);
    Rect list, details;
    if (upright) {
        int lh = (bottom - top) * 11 / 20;
        list = rect(m, top, b->w - 2 * m, lh);
        details = rect(m, top + lh + gap, b->w - 2 * m, bottom - top - lh - gap);
    } else {
        int lw = (b->w - 2 * m - gap) * 11 / 20;
        list = rect(m, top, lw, bottom - top);
        details = rect(m + lw + gap, top, b->w - 2 * m - lw - gap, bottom - top);
    }
    int rh = hf(b, 0.085f), rgap = hf(b, 0.008f);
    int rows = (list.h + rgap) / (rh + rgap);
    rows = rows < 1 ? 1 : rows;
    ui->review_rows = rows;
    if (focus < ui->review_scroll) {
        ui->review_scroll = focus;
    } else if (focus >= ui->review_scroll + rows) {
        ui->review_scroll = focus - rows + 1;
    }
    if (ui->review_scroll > n - rows) {
        ui->review_scroll = n - rows > 0 ? n - rows : 0;
    }
    for (int k = 0; k < rows && ui->review_scroll + k < n; k++) {
        int i = ui->review_scroll + k;
        int c = ui->review[i];
        const Card *card = &def->cards[c];
        bool out = !rules_card_is_enabled(&cfg, def, c), f = i == focus;
        Rect r = rect(list.x, list.y + k * (rh + rgap), list.w, rh);
        int box = frame(b, bg, r, f ? b->t.raised_focus : b->t.raised, f ? b->t.accent : b->t.line,
                        f ? focus_w(b) : 1, hf(b, 0.008f), "review.item");
        if (f) {
            b->L->boxes[box].flags |= BOX_FOCUS;
        }
        set_action(b, box, CMD_ITEM, i);
        int pad = focus_w(b) + hf(b, 0.005f);
        Rect in = rect_inset(r, pad);
        fill(b, box, rect(in.x, in.y, in.h / 3, in.h), rgb(card_colour(ui, card)), 2,
             "review.tile");
        int sw = in.w / 4;
        int tx = in.x + in.h / 3 + pad;
        const char *prompt = ui_card_text(ui, c, "prompt");
        text(b, box, rect(tx, in.y, in.x + in.w - sw - tx - pad, in.h * 11 / 20),
             prompt != NULL ? prompt : card->id, FONT_REGULAR, sz(b, F_SMALL) * 4 / 5,
             mn(b, M_SMALL) * 4 / 5, out ? b->t.dim : b->t.text, ALIGN_START, ALIGN_CENTER,
             "review.item.prompt");
        card_facts(b, card, buf, sizeof buf);
        text(b, box, rect(tx, in.y + in.h * 11 / 20, in.x + in.w - sw - tx - pad, in.h * 9 / 20),
             buf, FONT_REGULAR, sz(b, F_SMALL) * 2 / 3, mn(b, M_SMALL) * 2 / 3, b->t.dim,
             ALIGN_START, ALIGN_CENTER, "review.item.facts");
        text(b, box, rect(in.x + in.w - sw, in.y, sw, in.h),
             ui_tr(ui, out ? "setup.review_out" : "setup.review_in"), FONT_BOLD,
             sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 2 / 3, out ? b->t.accent : b->t.text,
             ALIGN_END, ALIGN_CENTER, "review.item.state");
    }
    review_details(b, bg, details, ui->review[focus],
                   !rules_card_is_enabled(&cfg, def, ui->review[focus]));
}

static FontRole guide_font(GuideKind k)
{
    return k == GUIDE_PARA || k == GUIDE_ITEM ? FONT_REGULAR : FONT_BOLD;
}

static int guide_px(const B *b, GuideKind k)
{
    switch (k) {
    case GUIDE_H1:
        return sz(b, F_HEAD);
    case GUIDE_H2:
        return sz(b, F_BODY);
    default:
        return sz(b, F_SMALL);
    }
}

static int guide_indent(const B *b, const GuideBlock *g)
{
    return g->kind == GUIDE_ITEM ? hf(b, 0.02f) * (1 + g->indent) : 0;
}

/* Room above a block: more above a heading. */
static int guide_gap(const B *b, const GuideBlock *g)
{
    return g->kind <= GUIDE_H3 ? hf(b, 0.025f) : hf(b, 0.01f);
}

static int guide_text_h(B *b, const GuideBlock *g, int w)
{
    return render_text_height(b->R, g->text, guide_font(g->kind), guide_px(b, g->kind),
                              w - guide_indent(b, g));
}

static void build_guide(B *b)
{
    Ui *ui = b->ui;
    const Guide *gd = &ui->guide;
    int bg = screen_bg(b, b->t.bg);
    int m = hf(b, 0.03f);
    title_text(b, bg, rect(m, hf(b, 0.015f), b->w - 2 * m, hf(b, 0.085f)), ui_tr(ui, "help.guide"));
    static const char *const keys[] = {"Page Up", "Page Down", "Esc"};
    static const char *const labels[] = {"common.page_up", "common.page_down", "common.back"};
    static const Cmd cmds[] = {CMD_PAGE_UP, CMD_PAGE_DOWN, CMD_BACK};
    list_buttons(b, bg, hf(b, 0.87f), hf(b, 0.11f), keys, labels, cmds, 3);
    if (gd->count == 0) {
        text(b, bg, rect(m, hf(b, 0.3f), b->w - 2 * m, hf(b, 0.2f)), ui_tr(ui, "guide.none"),
             FONT_BOLD, sz(b, F_BODY), mn(b, M_SMALL), b->t.text, ALIGN_CENTER, ALIGN_CENTER,
             "guide.none");
        ui->guide_shown = 0;
        return;
    }
    /* A column of a readable width, and a bar on its right showing where the page is. */
    int bar = hf(b, 0.012f);
    int cw = b->w - 2 * m - 3 * bar;
    int most = (int)((float)b->h * 1.5f);
    cw = cw > most ? most : cw;
    int cx = (b->w - cw - 3 * bar) / 2;
    int top = hf(b, 0.11f), bottom = hf(b, 0.85f), page = bottom - top;
    /* Near the end, start early enough that the last page is full. */
    int at = ui->guide_scroll < gd->count ? ui->guide_scroll : gd->count - 1;
    at = at < 0 ? 0 : at;
    int below = 0;
    for (int i = at; i < gd->count && below <= page; i++) {
        below += guide_gap(b, &gd->blocks[i]) + guide_text_h(b, &gd->blocks[i], cw);
    }
    while (at > 0 && below <= page) {
        const GuideBlock *g = &gd->blocks[at - 1];
        int h = guide_gap(b, g) + guide_text_h(b, g, cw);
        if (below + h > page) {
            break;
        }
        below += h;
        at--;
    }
    ui->guide_scroll = at;
    int y = top, shown = 0;
    for (int i = at; i < gd->count; i++) {
        const GuideBlock *g = &gd->blocks[i];
        int gap = shown > 0 ? guide_gap(b, g) : 0;
        int th = guide_text_h(b, g, cw);
        if (shown > 0 && y + gap + th > bottom) {
            break;
        }
        if (y + gap + th > bottom) {
            th = bottom - y - gap; /* a block taller than a page: shrunk or cut to fit */
        }
        static const char *const names[] = {"guide.h1", "guide.h2", "guide.h3", "guide.para",
                                            "guide.item"};
        int indent = guide_indent(b, g);
        text(b, bg, rect(cx + indent, y + gap, cw - indent, th), g->text, guide_font(g->kind),
             guide_px(b, g->kind), mn(b, M_SMALL) * 4 / 5,
             g->kind == GUIDE_H2 ? b->t.accent : b->t.text, ALIGN_START, ALIGN_START,
             names[g->kind]);
        y += gap + th;
        shown++;
    }
    ui->guide_shown = shown;
    /* Where this page is in the guide. */
    int track =
        fill(b, bg, rect(cx + cw + 2 * bar, top, bar, page), b->t.panel, bar / 2, "guide.track");
    int thumb_y = top + (int)((long long)page * at / gd->count);
    int thumb_h = (int)((long long)page * (shown > 0 ? shown : 1) / gd->count);
    thumb_h = thumb_h < bar ? bar : thumb_h;
    thumb_y = thumb_y + thumb_h > top + page ? top + page - thumb_h : thumb_y;
    fill(b, track, rect(cx + cw + 2 * bar, thumb_y, bar, thumb_h), b->t.line, bar / 2,
         "guide.thumb");
}

/* rutas --watch: the pack as edited has errors. Over the lower part of any screen, so the
 * author sees them where they look, while the last version that loaded plays on above. */
static void reload_errors(B *b)
{
    Ui *ui = b->ui;
    int m = hf(b, 0.02f), pad = hf(b, 0.015f);
    Rect r = rect(m, hf(b, 0.58f), b->w - 2 * m, hf(b, 0.4f));
    int panel = frame(b, -1, r, b->t.bg, b->t.accent, focus_w(b), hf(b, 0.012f), "reload");
    Rect in = rect_inset(r, pad + focus_w(b));
    int th = hf(b, 0.1f);
    text(b, panel, rect(in.x, in.y, in.w, th), ui_tr(ui, "watch.errors"), FONT_BOLD, sz(b, F_SMALL),
         mn(b, M_SMALL) * 4 / 5, b->t.accent, ALIGN_START, ALIGN_CENTER, "reload.title");
    text(b, panel, rect(in.x, in.y + th, in.w, in.h - th), ui->reload_errors, FONT_REGULAR,
         sz(b, F_SMALL) * 4 / 5, mn(b, M_SMALL) * 3 / 5, b->t.text, ALIGN_START, ALIGN_START,
         "reload.errors");
}

void ui_view_build(Ui *ui, Layout *layout, int w, int h)
{
    B b = {ui,
           layout,
           ui->deps.render,
           w,
           h,
           (float)ui->settings.text_percent / 100.0f,
           ui_view_theme(ui->settings.high_contrast, false),
           false};
    layout_reset(layout, w, h);
    switch (ui_screen(ui)) {
    case UI_TITLE:
        build_title(&b);
        break;
    case UI_SETUP:
        build_menu_screen(&b, UI_SETUP, "setup.title", b.t.bg);
        break;
    case UI_RULES:
        build_rules(&b);
        break;
    case UI_BOARD:
        build_board(&b);
        break;
    case UI_CARD:
        build_card(&b);
        break;
    case UI_SUMMARY:
        build_summary(&b);
        break;
    case UI_HELP:
        build_help(&b);
        break;
    case UI_PAUSE:
        build_menu_screen(&b, UI_PAUSE, "pause.title", b.t.calm);
        break;
    case UI_SETTINGS:
        build_menu_screen(&b, UI_SETTINGS, "settings.title", b.t.bg);
        break;
    case UI_KEYS:
        build_keys(&b);
        break;
    case UI_TOPICS:
        build_topics(&b);
        break;
    case UI_PACKS:
        build_packs(&b);
        break;
    case UI_REVIEW:
        build_review(&b);
        break;
    case UI_GUIDE:
        build_guide(&b);
        break;
    case UI_TOOLS:
        build_menu_screen(&b, UI_TOOLS, "tools.title", b.t.bg);
        break;
    case UI_SCREEN_COUNT:
        break;
    }
    if (ui->reload_errors[0] != '\0') {
        reload_errors(&b);
    }
}

/* ---- Paper: the same pieces, for print (ui_print.c) ---------------------------------------- */

/* A builder for paper: sized as a 16:9 screen whose height is unit, in the print theme. */
static B paper(Ui *ui, Layout *layout, int unit)
{
    B b = {ui,  layout, ui->deps.render, unit * 16 / 9, unit, 1.0f, ui_view_theme(false, true),
           true};
    return b;
}

/* A card as first shown to the group: no team, no votes, nothing revealed. */
static CardView paper_card(const Ui *ui, int card)
{
    const Card *c = &ui->def->cards[card];
    CardView v = {.card = card,
                  .deck = c->deck,
                  .topic = ui->def->decks[c->deck].topic,
                  .team = -1,
                  .confirmed = true};
    return v;
}

int ui_view_card_front(Ui *ui, Layout *layout, int unit, int parent, Rect r, int card)
{
    B b = paper(ui, layout, unit);
    CardView v = paper_card(ui, card);
    return card_face(&b, parent, r, &v, NULL);
}

int ui_view_card_back(Ui *ui, Layout *layout, int unit, int parent, Rect r, int card)
{
    B b = paper(ui, layout, unit);
    CardView v = paper_card(ui, card);
    return card_back(&b, parent, r, &v);
}

int ui_view_board(Ui *ui, Layout *layout, int unit, int parent, Rect square)
{
    B b = paper(ui, layout, unit);
    BoardGeo g;
    board_geo(ui->def, &g, square.w < square.h ? square.w : square.h);
    board_place(ui->def, &g, square.x + (square.w - g.size) / 2,
                square.y + (square.h - g.size) / 2);
    int board = fill(&b, parent, rect(g.x, g.y, g.size, g.size), b.t.bg, 0, "board");
    board_static(&b, board, &g, true);
    return board;
}

void ui_view_ground_rules(Ui *ui, Layout *layout, int unit, int parent, Rect area)
{
    B b = paper(ui, layout, unit);
    ground_rules(&b, parent, area);
}

void ui_view_help_line(Ui *ui, Layout *layout, int unit, int parent, Rect r, const Helpline *line)
{
    B b = paper(ui, layout, unit);
    help_line(&b, parent, r, line);
}

/* ---- The card screen's prompt, for rutas pack check ---------------------------------------- */

void ui_card_layout(Ui *ui, int card, int w, int h, int text_percent, bool revealed, bool note,
                    Layout *l)
{
    layout_reset(l, w, h);
    B b = {
        ui,   l, ui->deps.render, w, h, (float)text_percent / 100.0f, ui_view_theme(false, false),
        false};
    const Card *c = &ui->def->cards[card];
    static const int tally[3] = {0, 0, 0};
    /* As the group sees it: shown (an intensity-3 card after the facilitator's confirmation),
     * for the first team. */
    CardView v = {.card = card,
                  .deck = c->deck,
                  .topic = ui->def->decks[c->deck].topic,
                  .team = 0,
                  .confirmed = true,
                  .revealed = revealed,
                  .note = note,
                  .votes = true,
                  .tally = tally};
    card_face(&b, -1, card_rect(&b), &v, NULL);
}

TextFit ui_card_prompt_fit(Ui *ui, int card, int w, int h, int text_percent, Rect *box)
{
    Layout l;
    layout_init(&l);
    ui_card_layout(ui, card, w, h, text_percent, false, false, &l);
    TextFit fit = {0};
    int i = layout_find(&l, "card.prompt");
    if (i >= 0) {
        fit = l.boxes[i].fit;
        if (box != NULL) {
            *box = l.boxes[i].rect;
        }
    }
    layout_free(&l);
    return fit;
}
