/*
 * fuzz_settings.c: libFuzzer target for the settings file (settings.txt in the user's folder),
 * which a facilitator may edit by hand, copy from another laptop, or find damaged.
 *
 * Each input is a settings.txt. The target reads it as the game does at start (app_load with a
 * user folder holding it, the mini fixture pack as the pack), starts the ui on those settings,
 * and plays it for a few dozen steps with the inputs the ui itself suggests, laying out each
 * screen at two window sizes.
 *
 * Properties checked beside the sanitizers:
 *   - settings_load never stops the game: app_load succeeds whatever the file holds;
 *   - every value read is one the game can use (ranges, the characters of tags and id lists,
 *     terminated strings);
 *   - settings_save then settings_load gives the same settings back;
 *   - every layout passes layout_check (boxes inside the window and their parents, no texts
 *     overlapping) and the rules' state stays within its bounds.
 */
#include "fuzz_util.h"

#include "game.h"
#include "layout.h"
#include "render.h"
#include "settings.h"
#include "ui.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <ctype.h>

#ifndef RUTAS_SOURCE_DIR
#define RUTAS_SOURCE_DIR "."
#endif

static char base[PATH_MAX], pref_dir[PATH_MAX], settings_path[PATH_MAX], mini_dir[PATH_MAX];
static SDL_Surface *surface;
static SDL_Renderer *soft;
static Render *render;

static void cleanup(void)
{
    render_destroy(render);
    SDL_DestroyRenderer(soft);
    SDL_FreeSurface(surface);
    TTF_Quit();
    SDL_Quit();
    fuzz_remove_tree(base);
}

static void setup(void)
{
    fuzz_make_temp_dir(base, sizeof base);
    snprintf(pref_dir, sizeof pref_dir, "%s/pref", base);
    snprintf(settings_path, sizeof settings_path, "%s/settings.txt", pref_dir);
    snprintf(mini_dir, sizeof mini_dir, "%s/tests/fixtures/packs/good/mini", RUTAS_SOURCE_DIR);
    setenv("RUTAS_PREF_DIR", pref_dir, 1);
    setenv("RUTAS_DATA_DIR", RUTAS_SOURCE_DIR, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    /* The renderer logs each text it fits by cutting; layout_check is what is checked here. */
    SDL_LogSetAllPriority(SDL_LOG_PRIORITY_WARN);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL_Init, TTF_Init: %s\n", SDL_GetError());
        abort();
    }
    surface = SDL_CreateRGBSurfaceWithFormat(0, 1366, 768, 32, SDL_PIXELFORMAT_ARGB8888);
    soft = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    char err[512];
    render = soft ? render_create(soft, RUTAS_SOURCE_DIR, err, sizeof err) : NULL;
    if (!render) {
        fprintf(stderr, "render_create: %s\n", soft ? err : SDL_GetError());
        abort();
    }
    atexit(cleanup);
}

static bool terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

static bool only(const char *s, const char *allowed)
{
    return strspn(s, allowed) == strlen(s);
}

static bool tag_chars(const char *s)
{
    for (; *s; s++) {
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_') {
            return false;
        }
    }
    return true;
}

/* Values the game can use, whatever the file said. */
static void check_settings(const Settings *s)
{
    FUZZ_CHECK(terminated(s->lang, sizeof s->lang) && tag_chars(s->lang));
    FUZZ_CHECK(terminated(s->region, sizeof s->region) && tag_chars(s->region));
    FUZZ_CHECK(s->text_percent == 100 || s->text_percent == 125 || s->text_percent == 150);
    FUZZ_CHECK(s->sound_percent >= 0 && s->sound_percent <= 100);
    FUZZ_CHECK(s->music_percent >= 0 && s->music_percent <= 100);
    FUZZ_CHECK(s->teams >= 2 && s->teams <= 8);
    FUZZ_CHECK(s->rounds >= 0 && s->rounds <= 99);
    FUZZ_CHECK(s->minutes >= -1 && s->minutes <= 240);
    FUZZ_CHECK(s->max_age >= 6 && s->max_age <= 99);
    FUZZ_CHECK(s->max_intensity >= 1 && s->max_intensity <= 3);
    FUZZ_CHECK(s->talk_minutes == 0 || s->talk_minutes == 2 || s->talk_minutes == 3 ||
               s->talk_minutes == 5);
    static const char ids[] = "abcdefghijklmnopqrstuvwxyz0123456789-,";
    FUZZ_CHECK(terminated(s->topics_off, sizeof s->topics_off) && only(s->topics_off, ids));
    FUZZ_CHECK(terminated(s->excluded, sizeof s->excluded) && only(s->excluded, ids));
    FUZZ_CHECK(terminated(s->pack, sizeof s->pack) && strpbrk(s->pack, "\r\n") == NULL);
}

static bool same_settings(const Settings *a, const Settings *b)
{
    return strcmp(a->lang, b->lang) == 0 && strcmp(a->region, b->region) == 0 &&
           a->text_percent == b->text_percent && a->high_contrast == b->high_contrast &&
           a->reduce_motion == b->reduce_motion && a->sound_percent == b->sound_percent &&
           a->music_percent == b->music_percent && a->fullscreen == b->fullscreen &&
           a->teams == b->teams && a->rounds == b->rounds && a->minutes == b->minutes &&
           a->max_age == b->max_age && a->max_intensity == b->max_intensity &&
           strcmp(a->topics_off, b->topics_off) == 0 && strcmp(a->excluded, b->excluded) == 0 &&
           a->talk_minutes == b->talk_minutes && strcmp(a->pack, b->pack) == 0;
}

static void check_layout(Ui *ui, int w, int h, uint64_t now)
{
    const Layout *l = ui_layout(ui, w, h, now);
    char err[512];
    if (!layout_check(l, err, sizeof err)) {
        fprintf(stderr, "%s at %dx%d: %s\n", ui_screen_name(ui_screen(ui)), w, h, err);
        FUZZ_CHECK(!"layout_check");
    }
}

static void check_game(const Ui *ui, const GameDef *def)
{
    const GameState *g = ui_game(ui);
    if (g == NULL) {
        return;
    }
    FUZZ_CHECK(g->team_count >= 2 && g->team_count <= 8);
    FUZZ_CHECK(g->current >= 0 && g->current < g->team_count);
    for (int t = 0; t < g->team_count; t++) {
        FUZZ_CHECK(g->position[t] >= 0 && g->position[t] < def->space_count);
        FUZZ_CHECK(g->points[t] >= 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!render) {
        setup();
    }
    fuzz_remove_tree(pref_dir);
    mkdir(pref_dir, 0700);
    fuzz_write_file(pref_dir, "settings.txt", data, size);

    /* The file alone, over the defaults. */
    Settings s = settings_default();
    FUZZ_CHECK(settings_load(&s, settings_path));
    check_settings(&s);
    char again_path[PATH_MAX];
    snprintf(again_path, sizeof again_path, "%s/again.txt", base);
    FUZZ_CHECK(settings_save(&s, again_path));
    Settings again = settings_default();
    FUZZ_CHECK(settings_load(&again, again_path));
    FUZZ_CHECK(same_settings(&s, &again));

    /* As the game reads it. */
    App app;
    AppOptions o = APP_OPTIONS_INIT;
    o.pack_path = mini_dir;
    char err[1024];
    FUZZ_CHECK(app_load(&app, &o, true, err, sizeof err));
    FUZZ_CHECK(same_settings(&app.settings, &s));
    UiDeps deps = {.render = render,
                   .i18n = app.i18n,
                   .pack = app.pack,
                   .def = app.def,
                   .settings_path = app.settings_path,
                   .save_path = app.save_path,
                   .seed = size};
    Ui *ui = ui_create(&deps, &app.settings);
    FUZZ_CHECK(ui != NULL);
    uint64_t now = 1000;
    check_layout(ui, 1366, 768, now);
    for (int step = 0; step < 40; step++) {
        Input in = ui_suggest_input(ui);
        unsigned asked = ui_handle(ui, &in, now);
        if (asked & UI_QUIT) {
            break;
        }
        now += 700;
        ui_tick(ui, now);
        check_game(ui, app.def);
        check_settings(ui_settings(ui));
        check_layout(ui, step % 2 ? 800 : 1366, step % 2 ? 600 : 768, now);
    }
    ui_destroy(ui);
    app_free(&app);
    return 0;
}
