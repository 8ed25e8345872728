/*
 * test_watch.c: rutas --watch. The game runs under the dummy video driver on a copy of a pack;
 * the test plays to a card through the ui's own input path, then edits the copy's files as an
 * author does and lets the watch notice (platform_watch_changed) and the app reload
 * (app_reload_pack, what the game's loop calls at each tick): the card screen shows the edited
 * text at once, in the same session; a broken edit shows its problem as "file: place: message"
 * over the screen while the last good text stays; fixing it clears the problem; a change of
 * structure (the rules) replays the session on the new pack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "game.h"
#include "layout.h"
#include "platform.h"
#include "render.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Fixture {
    char dir[256]; /* the copy of the pack */
    App app;
    Window win;
    Render *render;
    UiDeps deps;
    Ui *ui;
    PlatformWatch *watch;
    uint64_t now;
} Fixture;

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void write_all(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Replaces the first `from` in the file with `to`, as an editor saves it. */
static void edit(Fixture *f, const char *rel, const char *from, const char *to)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", f->dir, rel);
    char *s = read_all(path);
    char *at = strstr(s, from);
    if (at == NULL) {
        fail_msg("%s has no \"%s\"", rel, from);
    }
    size_t head = (size_t)(at - s);
    char *out = malloc(strlen(s) + strlen(to) + 1);
    assert_non_null(out);
    memcpy(out, s, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    write_all(path, out);
    free(out);
    free(s);
}

static void copy_file(const char *from, const char *to)
{
    char *s = read_all(from);
    write_all(to, s);
    free(s);
}

static void fixture_open(Fixture *f)
{
    memset(f, 0, sizeof *f);
    const char *src = getenv("RUTAS_SOURCE_DIR");
    assert_non_null(src);
    /* Named like the pack's id, as an author's folder is (no warning about it). */
    snprintf(f->dir, sizeof f->dir, "/tmp/rutas-watch-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    strcat(f->dir, "/mini");
    assert_int_equal(mkdir(f->dir, 0700), 0);
    /* A copy of the small fixture pack, to edit. */
    static const char *const files[] = {"pack.json", "locales/es-MX.json", "locales/en.json",
                                        "helplines/MX.json", "guide/es-MX.md"};
    static const char *const dirs[] = {"locales", "helplines", "guide"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char d[512];
        snprintf(d, sizeof d, "%s/%s", f->dir, dirs[i]);
        assert_int_equal(mkdir(d, 0700), 0);
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char from[4096], to[512];
        snprintf(from, sizeof from, "%s/tests/fixtures/packs/good/mini/%s", src, files[i]);
        snprintf(to, sizeof to, "%s/%s", f->dir, files[i]);
        copy_file(from, to);
    }
    char err[1024];
    AppOptions o = APP_OPTIONS_INIT;
    o.pack_path = f->dir;
    o.lang = "es-MX";
    o.region = "MX";
    o.watch = true;
    assert_true(app_load(&f->app, &o, false, err, sizeof err));
    assert_string_equal(f->app.pack_dir, f->dir);
    assert_true(platform_init(err, sizeof err));
    assert_true(
        platform_window_create(&f->win, "Rutas watch test", 1280, 720, false, err, sizeof err));
    f->render = render_create(f->win.renderer, f->app.data_dir, err, sizeof err);
    assert_non_null(f->render);
    UiDeps deps = {.render = f->render,
                   .i18n = f->app.i18n,
                   .pack = f->app.pack,
                   .def = f->app.def,
                   .seed = 5};
    f->deps = deps;
    Settings s = f->app.settings;
    s.reduce_motion = true;
    f->ui = ui_create(&f->deps, &s);
    f->watch = platform_watch_start(f->dir, 0);
    assert_non_null(f->watch);
    f->now = 1000;
}

static void fixture_close(Fixture *f)
{
    platform_watch_stop(f->watch);
    ui_destroy(f->ui);
    render_destroy(f->render);
    platform_window_destroy(&f->win);
    platform_quit();
    app_free(&f->app);
    static const char *const files[] = {"pack.json", "locales/es-MX.json", "locales/en.json",
                                        "helplines/MX.json", "guide/es-MX.md"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", f->dir, files[i]);
        unlink(p);
    }
    static const char *const dirs[] = {"locales", "helplines", "guide", "", ".."};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char d[512];
        snprintf(d, sizeof d, "%s/%s", f->dir, dirs[i]);
        rmdir(d);
    }
}

static void press(Fixture *f, Input in)
{
    f->now += 1000;
    ui_handle(f->ui, &in, f->now);
    ui_tick(f->ui, f->now);
}

/* Plays with the keys a facilitator would press until a card of this kind is on show. */
static void play_to_card(Fixture *f, CardKind kind)
{
    Input enter = {.kind = INPUT_KEY, .key = KEY_ENTER};
    for (int i = 0; i < 3; i++) {
        press(f, enter);
    }
    for (int steps = 0; steps < 5000; steps++) {
        const GameState *g = ui_game(f->ui);
        if (ui_screen(f->ui) == UI_CARD && g != NULL && g->card >= 0 &&
            g->def->cards[g->card].kind == kind && !ui_card_needs_confirm(f->ui)) {
            return;
        }
        press(f, ui_suggest_input(f->ui));
    }
    fail_msg("no card of kind %d came up", (int)kind);
}

/* The text of the first box with this name on the screen now, or NULL. */
static const char *shown(Fixture *f, const char *name)
{
    const Layout *l = ui_layout(f->ui, 1280, 720, f->now);
    int i = layout_find(l, name);
    return i >= 0 ? layout_text(l, &l->boxes[i]) : NULL;
}

/* What the game's loop does at a tick of the watch: look, and reload when something changed. */
static bool tick(Fixture *f)
{
    if (!platform_watch_changed(f->watch)) {
        return false;
    }
    app_reload_pack(&f->app, f->ui, &f->deps);
    return true;
}

static void test_edit_shows_at_once(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f);
    play_to_card(&f, CARD_DISCUSS);
    const GameState *g = ui_game(f.ui);
    int turn = g->turn, card = g->card;
    assert_string_equal(g->def->cards[card].id, "rel-01");
    assert_string_equal(shown(&f, "card.prompt"), "¿Qué hace que una amistad sea de confianza?");
    assert_false(tick(&f)); /* nothing changed yet */

    /* The author rewrites the prompt and saves. */
    edit(&f, "locales/es-MX.json", "¿Qué hace que una amistad sea de confianza?",
         "¿Cómo se nota que una amistad es de confianza?");
    assert_true(tick(&f));
    assert_int_equal(ui_screen(f.ui), UI_CARD);
    assert_string_equal(shown(&f, "card.prompt"), "¿Cómo se nota que una amistad es de confianza?");
    g = ui_game(f.ui);
    assert_ptr_equal(g->def, f.app.def); /* the new pack's definition */
    assert_int_equal(g->turn, turn);
    assert_int_equal(g->card, card);
    assert_null(shown(&f, "reload.errors"));
    assert_false(tick(&f));

    /* A broken edit: the problem is shown over the card, which keeps the last good text. */
    edit(&f, "locales/es-MX.json", "\"card\": {", "\"card\": {,");
    assert_true(tick(&f));
    const char *errors = shown(&f, "reload.errors");
    assert_non_null(errors);
    char want[600];
    snprintf(want, sizeof want, "%s/locales/es-MX.json: ", f.dir);
    if (strstr(errors, want) == NULL || strstr(errors, "JSON syntax error") == NULL) {
        fail_msg("the panel shows \"%s\"", errors);
    }
    assert_non_null(shown(&f, "reload.title"));
    assert_int_equal(ui_screen(f.ui), UI_CARD);
    assert_string_equal(shown(&f, "card.prompt"), "¿Cómo se nota que una amistad es de confianza?");
    assert_int_equal(ui_game(f.ui)->turn, turn);

    /* Fixed: the problem goes, the edit stays. */
    edit(&f, "locales/es-MX.json", "\"card\": {,", "\"card\": {");
    assert_true(tick(&f));
    assert_null(shown(&f, "reload.errors"));
    assert_string_equal(shown(&f, "card.prompt"), "¿Cómo se nota que una amistad es de confianza?");

    /* A problem the validator finds (a card of an unknown kind) is named with its place. */
    edit(&f, "pack.json", "\"kind\": \"agree\"", "\"kind\": \"agreee\"");
    assert_true(tick(&f));
    errors = shown(&f, "reload.errors");
    assert_non_null(errors);
    if (strstr(errors, "pack.json: cards[2].kind: ") == NULL) {
        fail_msg("the panel shows \"%s\"", errors);
    }
    edit(&f, "pack.json", "\"kind\": \"agreee\"", "\"kind\": \"agree\"");
    assert_true(tick(&f));
    assert_null(shown(&f, "reload.errors"));

    /* A change of structure: the session is replayed on the new rules, at the same card. */
    edit(&f, "pack.json", "\"rounds\": 6", "\"rounds\": 9");
    assert_true(tick(&f));
    g = ui_game(f.ui);
    assert_int_equal(g->def->rules.rounds, 9);
    assert_int_equal(g->turn, turn);
    assert_int_equal(g->card, card);
    assert_int_equal(ui_screen(f.ui), UI_CARD);
    fixture_close(&f);
}

/* An edit seen from the title (no session yet): the title shows the new pack title. */
static void test_edit_on_the_title(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f);
    const Layout *l = ui_layout(f.ui, 1280, 720, f.now);
    int pack = layout_find(l, "pack");
    assert_true(pack >= 0);
    assert_non_null(strstr(layout_text(l, &l->boxes[pack]), "Rutas mini"));
    edit(&f, "locales/es-MX.json", "\"title\": \"Rutas mini\"", "\"title\": \"Rutas chiquito\"");
    assert_true(tick(&f));
    assert_int_equal(ui_screen(f.ui), UI_TITLE);
    l = ui_layout(f.ui, 1280, 720, f.now);
    pack = layout_find(l, "pack");
    assert_non_null(strstr(layout_text(l, &l->boxes[pack]), "Rutas chiquito"));
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_shows_at_once),
        cmocka_unit_test(test_edit_on_the_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
