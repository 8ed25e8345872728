/*
 * game.c: options, folders, pack and strings for the game window and screenshots.
 */
#include "game.h"

#include "platform.h"
#include "ui.h"
#include "save.h"

#include <dirent.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_parse_option(int argc, char **argv, int *i, AppOptions *o)
{
    const char *arg = argv[*i];
    const char **target = NULL;
    if (strcmp(arg, "--fullscreen") == 0) {
        o->fullscreen = 1;
        return 1;
    }
    if (strcmp(arg, "--windowed") == 0) {
        o->fullscreen = 0;
        return 1;
    }
    if (strcmp(arg, "--watch") == 0) {
        o->watch = true;
        return 1;
    }
    if (strcmp(arg, "--pack") == 0) {
        target = &o->pack_path;
    } else if (strcmp(arg, "--lang") == 0) {
        target = &o->lang;
    } else if (strcmp(arg, "--region") == 0) {
        target = &o->region;
    } else if (strcmp(arg, "--seed") != 0) {
        return 0;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "rutas: %s needs a value\n", arg);
        return -1;
    }
    const char *value = argv[++*i];
    if (target != NULL) {
        *target = value;
        return 1;
    }
    char *end;
    errno = 0;
    unsigned long long seed = strtoull(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0') {
        fprintf(stderr, "rutas: --seed needs a number, not '%s'\n", value);
        return -1;
    }
    o->has_seed = true;
    o->seed = seed;
    return 1;
}

static void add_table(App *app, StringTable *t)
{
    if (t != NULL && app->table_count < (int)(sizeof app->tables / sizeof app->tables[0])) {
        app->tables[app->table_count++] = t;
        i18n_add_table(app->i18n, t);
    } else if (t != NULL) {
        i18n_table_destroy(t);
    }
}

static void print_errors(const PackErrors *errors)
{
    char line[1024];
    for (int i = 0; i < errors->count; i++) {
        pack_error_format(&errors->items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
}

static void report_missing(void *user, const char *locale, const char *key)
{
    (void)user;
    fprintf(stderr, "rutas: no text for '%s' in %s or its fallbacks\n", key, locale);
}

/* Looks in the user's folder for the autosave of a pack that is neither the one in play nor
 * found on the search path (removed, or played from elsewhere), and says where it is kept. */
static void find_kept_save(App *app, const PackSearchPath *search)
{
    DIR *d = opendir(app->pref_dir);
    if (d == NULL) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && app->kept_save_file[0] == '\0') {
        const char *name = e->d_name;
        size_t n = strlen(name);
        if (n <= 13 || strncmp(name, "session-", 8) != 0 || strcmp(name + n - 5, ".save") != 0) {
            continue;
        }
        char id[64], where[4200];
        int len = (int)(n - 13);
        if (len >= (int)sizeof id) {
            continue;
        }
        snprintf(id, sizeof id, "%.*s", len, name + 8);
        if (strcmp(id, app->def->id) == 0 || strcmp(id, gamedef_demo()->id) == 0 ||
            pack_search_find(search, id, where, sizeof where)) {
            continue;
        }
        char path[4400];
        snprintf(path, sizeof path, "%s%s", app->pref_dir, name);
        SaveFile file;
        char why[300];
        if (save_read(path, &file, why, sizeof why) == SAVE_OK) {
            snprintf(app->kept_save_file, sizeof app->kept_save_file, "%s", path);
            snprintf(app->kept_save_pack, sizeof app->kept_save_pack, "%s", file.pack_id);
            save_file_free(&file);
            fprintf(stderr,
                    "rutas: a session of the pack '%s' is kept in %s; play that pack again to "
                    "continue it\n",
                    app->kept_save_pack, path);
        }
    }
    closedir(d);
}

bool app_load(App *app, const AppOptions *o, bool use_pref, char *err, size_t err_size)
{
    memset(app, 0, sizeof *app);
    app->settings = settings_default();
    if (!platform_find_data_dir(app->data_dir, sizeof app->data_dir)) {
        snprintf(err, err_size,
                 "cannot find the game's assets/ and content/ folders (set RUTAS_DATA_DIR)");
        return false;
    }
    if (use_pref && platform_pref_dir(app->pref_dir, sizeof app->pref_dir)) {
        app->has_pref = true;
        snprintf(app->settings_path, sizeof app->settings_path, "%ssettings.txt", app->pref_dir);
        settings_load(&app->settings, app->settings_path);
    } else if (use_pref) {
        /* The game still plays; the ui says once that nothing is saved. */
        snprintf(app->unsaved_folder, sizeof app->unsaved_folder, "%s",
                 app->pref_dir[0] != '\0' ? app->pref_dir : "the user's folder");
        app->pref_dir[0] = '\0';
    }
    if (o->lang != NULL) {
        char tag[I18N_TAG_MAX];
        if (!i18n_tag_normalize(o->lang, tag, sizeof tag)) {
            snprintf(err, err_size, "--lang: '%s' is not a language tag such as es-MX", o->lang);
            return false;
        }
        snprintf(app->settings.lang, sizeof app->settings.lang, "%s", tag);
    }
    if (o->region != NULL) {
        if (strlen(o->region) != 2) {
            snprintf(err, err_size, "--region: '%s' is not a two-letter country code", o->region);
            return false;
        }
        app->settings.region[0] = (char)(o->region[0] & ~0x20);
        app->settings.region[1] = (char)(o->region[1] & ~0x20);
        app->settings.region[2] = '\0';
    }
    if (o->fullscreen >= 0) {
        app->settings.fullscreen = o->fullscreen == 1;
    }

    char dir[4200];
    char *packs = app->packs_dir, *user_packs = app->user_packs_dir;
    snprintf(packs, sizeof app->packs_dir, "%s/content/packs", app->data_dir);
    snprintf(user_packs, sizeof app->user_packs_dir, "%spacks", app->pref_dir);
    app->search_dirs[0] = user_packs;
    app->search_dirs[1] = packs;
    app->search.dirs = app->has_pref ? app->search_dirs : app->search_dirs + 1;
    app->search.count = app->has_pref ? 2 : 1;
    PackSearchPath search = app->search;
    app->pack_list = pack_search_list(&search, &app->pack_count);
    const char *pack_dir = o->pack_path;
    /* The pack chosen on the Packs screen last time, if it is still there. */
    if (pack_dir == NULL && app->settings.pack[0] != '\0') {
        if (platform_dir_exists(app->settings.pack)) {
            pack_dir = app->settings.pack;
        } else {
            fprintf(stderr, "rutas: the pack chosen last time is not in %s any more\n",
                    app->settings.pack);
        }
    }
    if (pack_dir != NULL && pack_dir == app->settings.pack) {
        /* A pack of the user's that an author has since broken (or emptied) must not stop the
         * game: its problems are printed, the title says so, the default pack is played. */
        PackErrors errors;
        pack_errors_init(&errors);
        app->pack = pack_load(pack_dir, &search, NULL, &errors);
        if (app->pack == NULL) {
            print_errors(&errors);
            fprintf(stderr,
                    "rutas: the pack chosen last time, in %s, has errors (run: rutas validate "
                    "%s); playing the default pack\n",
                    pack_dir, pack_dir);
            snprintf(app->broken_pack, sizeof app->broken_pack, "%s", pack_dir);
            pack_dir = NULL; /* the choice is kept: once the pack loads again, it is played */
        }
        pack_errors_clear(&errors);
    }
    if (app->pack == NULL && pack_dir == NULL &&
        pack_search_find(&search, "rutas", dir, sizeof dir)) {
        pack_dir = dir;
    }
    if (app->pack != NULL) {
        app->def = pack_def(app->pack);
        snprintf(app->pack_dir, sizeof app->pack_dir, "%s", pack_dir);
    } else if (pack_dir != NULL) {
        PackErrors errors;
        pack_errors_init(&errors);
        app->pack = pack_load(pack_dir, &search, NULL, &errors);
        if (app->pack == NULL) {
            print_errors(&errors);
            pack_errors_clear(&errors);
            snprintf(err, err_size, "the pack in %s has errors; run: rutas validate %s", pack_dir,
                     pack_dir);
            return false;
        }
        pack_errors_clear(&errors);
        app->def = pack_def(app->pack);
        snprintf(app->pack_dir, sizeof app->pack_dir, "%s", pack_dir);
    } else {
        fprintf(stderr, "rutas: no pack found under %s; playing the built-in demo board\n", packs);
        app->def = gamedef_demo();
    }
    if (app->has_pref) {
        /* One autosave per pack: a session of a pack that is later removed (or not chosen
         * this time) is never written over by another pack's session. */
        snprintf(app->save_path, sizeof app->save_path, "%ssession-%s.save", app->pref_dir,
                 app->def->id);
        find_kept_save(app, &search);
    }

    const char *source = app->pack != NULL ? pack_source_locale(app->pack) : "es-MX";
    app->i18n = i18n_create(app->settings.lang[0] ? app->settings.lang : source, source);
    i18n_set_missing_handler(app->i18n, report_missing, NULL);
    /* The program's own words (content/ui), then the pack's. */
    static const char *const ui_tags[] = {"es-MX", "en"};
    for (size_t i = 0; i < sizeof ui_tags / sizeof ui_tags[0]; i++) {
        char path[4300];
        snprintf(path, sizeof path, "%s/content/ui/%s.json", app->data_dir, ui_tags[i]);
        if (platform_file_exists(path)) {
            PackErrors errors;
            pack_errors_init(&errors);
            StringTable *t = pack_strings_load(path, ui_tags[i], &errors);
            if (t == NULL) {
                print_errors(&errors);
            }
            pack_errors_clear(&errors);
            add_table(app, t);
        }
    }
    if (app->pack != NULL) {
        pack_add_strings(app->pack, app->i18n);
    }
    return true;
}

void app_free(App *app)
{
    if (app == NULL) {
        return;
    }
    i18n_destroy(app->i18n);
    pack_search_list_free(app->pack_list);
    for (int i = 0; i < app->table_count; i++) {
        i18n_table_destroy(app->tables[i]);
    }
    pack_free(app->pack);
    memset(app, 0, sizeof *app);
}

bool app_reload_pack(App *app, Ui *ui, UiDeps *deps)
{
    if (app->pack == NULL || app->pack_dir[0] == '\0') {
        return false;
    }
    PackErrors errors;
    pack_errors_init(&errors);
    PackSearchPath search = app->search;
    Pack *pack = pack_load(app->pack_dir, &search, NULL, &errors);
    if (pack == NULL) {
        fprintf(stderr,
                "rutas --watch: the pack in %s has errors; still playing the last version that "
                "loaded:\n",
                app->pack_dir);
        print_errors(&errors);
        ui_set_reload_errors(ui, &errors);
        pack_errors_clear(&errors);
        return false;
    }
    pack_errors_clear(&errors);
    /* New strings: the program's own (kept) and the new pack's. */
    const char *source = pack_source_locale(pack);
    const char *lang = ui_settings(ui)->lang;
    I18n *i18n = i18n_create(lang[0] != '\0' ? lang : source, source);
    i18n_set_missing_handler(i18n, report_missing, NULL);
    for (int i = 0; i < app->table_count; i++) {
        i18n_add_table(i18n, app->tables[i]);
    }
    pack_add_strings(pack, i18n);
    Pack *old_pack = app->pack;
    I18n *old_i18n = app->i18n;
    app->pack = pack;
    app->i18n = i18n;
    app->def = pack_def(pack);
    deps->pack = pack;
    deps->i18n = i18n;
    deps->def = app->def;
    ui_reload(ui, deps);
    ui_set_reload_errors(ui, NULL);
    i18n_destroy(old_i18n);
    pack_free(old_pack);
    fprintf(stderr, "rutas --watch: reloaded the pack in %s\n", app->pack_dir);
    return true;
}
