/*
 * game.h: what the game window and the screenshot command share: the command-line options,
 * finding the data and user folders, loading the pack, the UI strings and the settings.
 *
 * Ownership: an App owns its Pack, I18n and string tables (app_free).
 */
#ifndef RUTAS_GAME_H
#define RUTAS_GAME_H

#include "i18n.h"
#include "pack.h"
#include "settings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AppOptions {
    const char *pack_path; /* --pack PATH: a pack folder; NULL: the "rutas" pack */
    const char *lang;      /* --lang TAG */
    const char *region;    /* --region CC */
    int fullscreen;        /* --fullscreen 1, --windowed 0, else -1 (the setting) */
    bool has_seed;
    uint64_t seed; /* --seed N */
    bool watch;    /* --watch: reload the pack when its files change */
} AppOptions;

#define APP_OPTIONS_INIT                                                                           \
    {                                                                                              \
        NULL, NULL, NULL, -1, false, 0, false                                                      \
    }

/* Parses the option at argv[*i] (and its value, advancing *i). Returns 1 when it was one of
 * ours, 0 when it was not, -1 (with a message on stderr) when its value is missing or bad. */
int app_parse_option(int argc, char **argv, int *i, AppOptions *options);

typedef struct App {
    char data_dir[4096];
    char pref_dir[4096];
    char settings_path[4200];
    char save_path[4200]; /* the autosave of the pack's session in progress: session-ID.save */
    bool has_pref;
    /* The user's folder could not be made or used (use_pref asked for it): nothing is saved.
     * Holds the folder tried, or "". */
    char unsaved_folder[4096];
    /* An unfinished session of a pack not found on the search path, kept in the user's folder
     * (the first found), or "". */
    char kept_save_file[4400];
    char kept_save_pack[64];
    /* The pack chosen last time (settings.pack) did not load: its folder, or "". The default
     * pack is played instead, so that the game always starts; the choice stays in the
     * settings, and the pack is played again once it loads. */
    char broken_pack[4200];
    Settings settings;
    Pack *pack;          /* NULL: playing gamedef_demo() */
    char pack_dir[4200]; /* the folder it was loaded from, or "" */
    const GameDef *def;
    I18n *i18n;
    StringTable *tables[8];
    int table_count;
    /* Where packs are looked for (the user's packs, then the shipped ones) and what is there,
     * for the Packs screen. */
    char user_packs_dir[4200];
    char packs_dir[4200];
    const char *search_dirs[2];
    PackSearchPath search;
    char **pack_list;
    int pack_count;
} App;

/* Finds the folders, reads the settings (when use_pref), applies the options over them, loads
 * the pack and the strings. On failure writes why to err and returns false (app_free is still
 * safe). */
bool app_load(App *app, const AppOptions *options, bool use_pref, char *err, size_t err_size);
void app_free(App *app);

struct Ui;
struct UiDeps;

/* rutas --watch: loads the pack of app->pack_dir again. When it loads, app and deps take the
 * new pack and strings, the ui plays on with them (ui_reload), its error panel is cleared and
 * the old ones are freed; when it does not, the problems go to stderr and to the ui's error
 * panel (ui_set_reload_errors), and app, deps and the ui keep the last version that loaded.
 * Returns true when it reloaded. */
bool app_reload_pack(App *app, struct Ui *ui, struct UiDeps *deps);

/* The two ways to run the game: a window, or one screen into a PNG. */
int game_run(const AppOptions *options);

#endif
