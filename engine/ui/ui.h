/*
 * ui.h: the screens of Rutas (title, setup, ground rules, board, card, summary, and the help,
 * pause, settings and key help screens that open over any of them), their input handling and
 * their layout.
 *
 * The ui turns Input values into Moves for rules_apply() and nothing else changes the game: it
 * holds no rules logic. It never includes SDL: input arrives as platform Input values, output
 * leaves as a Layout that render draws and tests inspect. Text goes through i18n; sizes are
 * fractions of the window height, times the text size setting.
 *
 * Time is passed in (now_ms), so animations and the session clock are driven by the caller:
 * the app's loop, or a test stepping time by hand.
 *
 * Ownership: a Ui borrows everything in UiDeps (they must outlive it) and owns its game state,
 * replay and layout (ui_destroy).
 */
#ifndef RUTAS_UI_H
#define RUTAS_UI_H

#include "i18n.h"
#include "layout.h"
#include "pack.h"
#include "platform.h"
#include "render.h"
#include "rules.h"
#include "settings.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum UiScreen {
    UI_TITLE,
    UI_SETUP,
    UI_RULES,
    UI_BOARD,
    UI_CARD,
    UI_SUMMARY,
    UI_HELP,
    UI_PAUSE,
    UI_SETTINGS,
    UI_KEYS,
    UI_TOPICS, /* the setup's list of topics to switch on and off */
    UI_PACKS,  /* the packs installed, with their provenance; choose one to play */
    UI_REVIEW, /* the setup's card review: read each card in play and leave single ones out */
    UI_GUIDE,  /* the pack's facilitator guide */
    UI_TOOLS,  /* facilitator tools: undo, move a token, give or take points, end now */
    UI_SCREEN_COUNT
} UiScreen;

/* A sound the app may play: a rules event as it is shown (dice, each step, a card), or a
 * reveal (event NULL). */
typedef void (*UiSoundFn)(void *user, const Event *event);

/* A sound that no rules event brings. */
typedef enum UiCue {
    UI_CUE_CHIME /* the discussion timer of a card ran out */
} UiCue;
typedef void (*UiCueFn)(void *user, UiCue cue);

typedef struct UiDeps {
    Render *render;               /* text fitting for the layout */
    I18n *i18n;                   /* every string shown (UI strings and the pack's) */
    const Pack *pack;             /* may be NULL: then def is played with its ids as text */
    const GameDef *def;           /* the pack's definition, or gamedef_demo() */
    const char *settings_path;    /* where settings are saved; NULL: not saved */
    const char *save_path;        /* the autosave, written after every move; NULL: none */
    const char *const *pack_dirs; /* every pack folder found, for the Packs screen */
    int pack_dir_count;
    const PackSearchPath *pack_search; /* to load them (and their bases); may be NULL */
    uint64_t seed;                     /* of the first session; later sessions add 1 */
    UiSoundFn sound;                   /* may be NULL */
    UiCueFn cue;                       /* may be NULL; gets sound_user too */
    void *sound_user;
    /* Where the anonymous session report is written when a session ends (an existing folder,
     * the user's); NULL: no report. */
    const char *report_dir;
    /* The user's folder could not be made or used (settings_path and save_path are then NULL):
     * nothing is saved, which the ui says once. NULL or "" when there is no such trouble. */
    const char *unsaved_folder;
    /* A saved session of a pack that is not installed any more is kept in this file (pack id
     * kept_save_pack); the title screen says so. NULL or "": none. */
    const char *kept_save_file;
    const char *kept_save_pack;
    /* The pack chosen last time did not load (its folder): the title says so. NULL or "". */
    const char *broken_pack;
} UiDeps;

/* What ui_handle() and ui_tick() ask of the app. */
#define UI_REDRAW     1u  /* the screen changed */
#define UI_QUIT       2u  /* the facilitator chose Quit */
#define UI_FULLSCREEN 4u  /* settings.fullscreen changed: switch the window */
#define UI_VOLUME     8u  /* a volume changed */
#define UI_RELOAD     16u /* another pack was chosen: load ui_chosen_pack() and start again */

typedef struct Ui Ui;

Ui *ui_create(const UiDeps *deps, const Settings *settings);
void ui_destroy(Ui *ui);

unsigned ui_handle(Ui *ui, const Input *input, uint64_t now_ms);
/* Advances animations and the session clock. */
unsigned ui_tick(Ui *ui, uint64_t now_ms);
/* How long the loop may sleep before the next ui_tick(): 0 while something moves, the time
 * to the next change of the clock shown, or -1 to wait for input only. */
int ui_wait_ms(const Ui *ui, uint64_t now_ms);

/* Lays out the current screen for a w x h window. The layout stays valid until the next call
 * and is also what pointer input is matched against. Screens are made for the sizes of
 * platform_size_is_laid_out(); any other size gets a plain background only. */
const Layout *ui_layout(Ui *ui, int w, int h, uint64_t now_ms);

UiScreen ui_screen(const Ui *ui);
const char *ui_screen_name(UiScreen screen);
/* -1 for an unknown name. */
int ui_screen_from_name(const char *name);
/* The game in progress or just ended, or NULL before the first session. */
const GameState *ui_game(const Ui *ui);
const Settings *ui_settings(const Ui *ui);
bool ui_is_animating(const Ui *ui);
/* The pack folder chosen on the Packs screen (after UI_RELOAD). */
const char *ui_chosen_pack(const Ui *ui);
/* The card on show is intensity 3 and waits for the facilitator to show it (Enter), swap it
 * (S) or pass it (P). */
bool ui_card_needs_confirm(const Ui *ui);
/* The Markdown file of the session report written when the last session ended, or "". */
const char *ui_report_path(const Ui *ui);
/* Seconds left on the card's discussion timer, or -1 when it is off or no card is shown. */
int ui_talk_seconds_left(const Ui *ui);

/* How the card screen fits card's prompt (an index into the definition's cards) in a w x h
 * window at text_percent (100, 125, 150), as the group first sees it: laid out by the card
 * screen's own code, so `rutas pack check` reports what the game shows. *box (may be NULL)
 * receives the prompt's box. */
TextFit ui_card_prompt_fit(Ui *ui, int card, int w, int h, int text_percent, Rect *box);
/* Lays out card as the card screen shows it to the group in a w x h window at text_percent,
 * its answer revealed or not, the facilitator note shown or not, into l (made with
 * layout_init; the caller frees it). */
void ui_card_layout(Ui *ui, int card, int w, int h, int text_percent, bool revealed, bool note,
                    Layout *l);

/* rutas --watch: play on with deps' pack, strings and definition (the same folder's pack,
 * loaded again after an edit; the rest of deps is as at ui_create). The screen stays, and so
 * does the session: its moves are played again on the new definition (replay_repair), those
 * no longer legal dropped; when the new definition no longer fits the session's setup (teams,
 * topics), a new session starts with the same setup. Screens listing what the old pack held
 * (card review, guide, topics, packs, facilitator tools) close. The old pack and strings may
 * be freed after this returns. */
void ui_reload(Ui *ui, const UiDeps *deps);
/* Shows the problems of a pack that did not load (errors first, at most six, then how many
 * more) over every screen until called with NULL or an empty list. */
void ui_set_reload_errors(Ui *ui, const PackErrors *errors);

/* The key a facilitator would press next to move the session on (Enter on menus, Space to
 * roll, a vote, a reveal, Enter to close a card...). Screenshots and tests use it to play. */
Input ui_suggest_input(const Ui *ui);

#endif
