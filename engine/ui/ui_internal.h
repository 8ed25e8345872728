/*
 * ui_internal.h: the Ui's state, shared by ui.c (input, moves, animation) and ui_view.c
 * (layouts). Not for other modules.
 */
#ifndef RUTAS_UI_INTERNAL_H
#define RUTAS_UI_INTERNAL_H

#include "replay.h"
#include "ui.h"

#define UI_STACK_MAX 6
#define UI_MAX_STEPS 64
#define UI_DICE_MS   650
#define UI_STEP_MS   220
#define UI_HOLD_MS   350

/* What a key, a click or a tap asks for; a box's action is one of these. */
typedef enum Cmd {
    CMD_NONE = -1,
    CMD_UP,
    CMD_DOWN,
    CMD_LEFT,
    CMD_RIGHT,
    CMD_ACCEPT, /* Enter: the screen's main action */
    CMD_BACK,   /* Esc */
    CMD_PAUSE,
    CMD_HELP,
    CMD_KEYS,
    CMD_FULLSCREEN,
    CMD_ROLL,
    CMD_DONE,
    CMD_PASS,
    CMD_SKIP,
    CMD_REVEAL,
    CMD_NOTE,
    CMD_VOTE, /* arg: 0 agree, 1 disagree, 2 unsure; +3: take one away */
    CMD_YES,
    CMD_NO,
    CMD_STAY,
    CMD_RIGHTS,
    CMD_TOPIC,     /* arg: topic index */
    CMD_ITEM,      /* arg: menu item index: focus and activate */
    CMD_DEC,       /* arg: menu item index: previous value */
    CMD_INC,       /* arg: menu item index: next value */
    CMD_PAGE_UP,   /* on lists that scroll: Page Up */
    CMD_PAGE_DOWN, /* ... Page Down */
    CMD_HOME,
    CMD_END,
    CMD_TOOLS, /* F: the facilitator tools */
    CMD_COUNT
} Cmd;

typedef struct MenuItem {
    int id;
    char label[160];
    char value[160]; /* "" for an action */
} MenuItem;

#define MENU_MAX     12
#define UI_MAX_PACKS 12

/* The facilitator guide, split into blocks that are laid out one under the other. */
typedef enum GuideKind {
    GUIDE_H1,
    GUIDE_H2,
    GUIDE_H3,
    GUIDE_PARA,
    GUIDE_ITEM /* a list item; its bullet or number is part of the text */
} GuideKind;

typedef struct GuideBlock {
    GuideKind kind;
    int indent; /* nesting of a list item: 0, 1, 2 */
    char *text; /* owned; inline marks (**, `, links) already turned into plain text */
} GuideBlock;

typedef struct Guide {
    GuideBlock *blocks; /* owned */
    int count;
} Guide;

/* ui_guide.c: splits Markdown into blocks: ATX headings, paragraphs (lines joined), list items
 * (-, *, + and 1.), with emphasis, code marks and link targets turned into plain text; rules
 * (---), HTML comments and blank lines are dropped. Never fails on odd input; aborts when out
 * of memory. */
void ui_guide_parse(const char *markdown, Guide *guide);
void ui_guide_free(Guide *guide);

/* What the Packs screen shows of one pack (read when the screen opens). */
typedef struct PackRow {
    const char *dir;
    char title[160];
    char line[600];
    bool broken;
    bool current;
} PackRow;

typedef struct Anim {
    bool active;
    uint64_t start;
    bool dice;
    int die[2];
    int step_team[UI_MAX_STEPS];
    int step_space[UI_MAX_STEPS];
    int steps;
    int steps_shown;
    bool card_sound; /* a card came with this move: its sound plays when it shows */
} Anim;

struct Ui {
    UiDeps deps;
    Settings settings;
    const GameDef *def;
    UiScreen stack[UI_STACK_MAX]; /* [0] is the base: title, setup, rules, board or summary */
    int focus[UI_STACK_MAX];
    int depth;
    bool in_game;
    GameState game;
    Replay replay;
    uint64_t seed;
    uint64_t session_start;
    bool clock_started;
    /* The card on show. */
    bool revealed, note_shown;
    bool confirmed; /* an intensity-3 card was shown to the group by the facilitator */
    int topic_focus;
    /* Animation and what the board shows meanwhile. */
    Anim anim;
    int shown[GAMEDEF_MAX_TEAMS];
    uint64_t now;
    char status[400];
    /* Saving: the first write that fails is said once (stderr, the title and the board's status
     * line) and the game goes on; notice is shown on the title while it matters. */
    bool save_said;
    bool settings_failed, autosave_failed;
    char notice[400];
    int help_scroll;
    int pointer_x, pointer_y; /* last pointer position seen on this screen, or -1 */
    int pointer_screen;
    bool can_resume; /* an unfinished session of this pack is saved */
    PackRow packs[UI_MAX_PACKS];
    int pack_rows;
    char chosen_pack[1024];
    /* Card review: the cards the setup lets in (by index), the first row shown. */
    int review[GAMEDEF_MAX_CARDS];
    int review_count;
    int review_scroll;
    int review_rows; /* rows the last layout showed */
    /* Facilitator guide: blocks, the first shown, how many the last layout showed. */
    Guide guide;
    int guide_scroll;
    int guide_shown;
    /* Facilitator tools: the team, stop and points chosen, and what the last tool did. */
    int tool_team, tool_space, tool_points;
    char tool_status[300];
    /* Discussion timer of the card on show (ui->now based); frozen while an overlay covers
     * the card. */
    bool talk_on;
    bool talk_pending; /* a new card came: the timer starts when the group sees it */
    bool talk_chimed;
    uint64_t talk_start;
    uint64_t overlay_since;
    uint64_t pause_since; /* the breathing guide starts small when the pause opens */
    /* The session's wall-clock start (for its report) and the report written at its end. */
    long long started_wall;
    bool report_written;
    char report_path[4200];      /* the Markdown file, shown on the summary */
    char report_json_path[4200]; /* removed again if the end is undone */
    /* rutas --watch: the problems of the pack as last edited ("file: place: message" lines),
     * shown over every screen while the last version that loaded plays on; "" for none. */
    char reload_errors[2400];
    Layout layout;
};

/* ui.c */
const char *ui_tr(Ui *ui, const char *key);
/* Formats key with up to three name/value pairs (NULL name ends the list). */
const char *ui_trf(Ui *ui, char *out, size_t size, const char *key, const char *n1, const char *v1,
                   const char *n2, const char *v2, const char *n3, const char *v3);
const char *ui_team_name(Ui *ui, int team, char *out, size_t size);
const char *ui_topic_name(Ui *ui, int topic);
const char *ui_space_name(Ui *ui, int space);
/* Text of card.<id>.<part>, or NULL when the pack has none. */
const char *ui_card_text(Ui *ui, int card, const char *part);
int ui_menu_items(Ui *ui, UiScreen screen, MenuItem *items);
/* Bit t set: topic t is switched off in the setup. */
uint32_t ui_topics_off(const Ui *ui);
UiScreen ui_top(const Ui *ui);
/* Excluded card ids from the settings, as a GameConfig bit set (setup and review). */
bool ui_card_is_excluded(const Ui *ui, int card);
/* The cards the setup lets in before single exclusions (age, intensity, topics). */
GameConfig ui_filter_config(const Ui *ui);
const Helpline *ui_helplines(Ui *ui, int *count);
GameConfig ui_setup_config(const Ui *ui);
/* The session's clock in minutes (the setup's, else the pack's), 0 for none. */
int ui_session_minutes(const Ui *ui);
int ui_dice_face(const Ui *ui, int die);

/* ui_view.c */
void ui_view_build(Ui *ui, Layout *layout, int w, int h);

/* The colours of a screen: the dark theme, the high-contrast one, or (paper) dark ink on white
 * for print. */
typedef struct Theme {
    Colour bg, panel, raised, raised_focus, text, dim, accent, line, calm;
} Theme;
Theme ui_view_theme(bool high_contrast, bool paper);

/* Pieces of the screens drawn into any rectangle of a layout, in the paper theme, for print
 * (ui_print.c): the same code lays out the card screen, the board, the ground rules and the
 * help screen. unit is the height of the screen they are sized for: text, gaps and lines are
 * the same fractions of it as on a 16:9 screen. Each adds its boxes under parent (-1: the
 * page) and returns its outer box where it has one. */
int ui_view_card_front(Ui *ui, Layout *layout, int unit, int parent, Rect r, int card);
int ui_view_card_back(Ui *ui, Layout *layout, int unit, int parent, Rect r, int card);
int ui_view_board(Ui *ui, Layout *layout, int unit, int parent, Rect square);
void ui_view_ground_rules(Ui *ui, Layout *layout, int unit, int parent, Rect area);
void ui_view_help_line(Ui *ui, Layout *layout, int unit, int parent, Rect r, const Helpline *line);

/* Team look: Okabe-Ito colour, shape and letter. */
extern const uint32_t ui_team_colours[GAMEDEF_MAX_TEAMS];

#endif
