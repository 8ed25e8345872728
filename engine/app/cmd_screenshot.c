/*
 * cmd_screenshot.c: `rutas screenshot --screen NAME --size WxH --out FILE.png`: plays a seeded
 * session through the ui's own input path up to the screen asked for, draws it with the
 * software renderer into an image and saves it as PNG. No window, no display needed: tests
 * and docs/screenshots use it.
 */
#include "commands.h"
#include "game.h"
#include "render.h"
#include "ui.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("Usage: rutas screenshot --screen NAME --size WxH --out FILE.png [OPTION]...\n"
          "Plays a seeded session up to one screen and saves it as a PNG image.\n\n"
          "Screens: title, setup, topics, review, rules, board, card, summary, help, pause,\n"
          "         settings, keys, packs, guide, tools\n\n"
          "Options:\n"
          "  --lang TAG         language (es-MX, en, ...)\n"
          "  --region CC        country for help lines\n"
          "  --seed N           session seed (default 7)\n"
          "  --pack PATH        a pack folder instead of the default pack\n"
          "  --text PERCENT     text size: 100, 125 or 150\n"
          "  --teams N          number of teams, 2 to 8 (default 4)\n"
          "  --high-contrast    the high-contrast theme\n"
          "  --card KIND        on the card screen, wait for a card of this kind\n"
          "  --reveal           on the card screen, reveal the answer\n"
          "  --note             on the card screen, show the facilitator note\n",
          out);
}

static unsigned send(Ui *ui, Key key, char ch, uint64_t *now)
{
    Input in = {.kind = INPUT_KEY, .key = key, .ch = ch};
    *now += 1000;
    return ui_handle(ui, &in, *now);
}

/* Clicks the box holding the text of key (as a person would with the mouse). */
static void click_label(Ui *ui, I18n *i18n, const char *key, uint64_t *now)
{
    const char *label = i18n_text(i18n, key);
    const Layout *l = ui_layout(ui, 1280, 720, *now);
    for (int i = 0; i < l->count; i++) {
        const Box *b = &l->boxes[i];
        if (b->kind == BOX_TEXT && strcmp(layout_text(l, b), label) == 0) {
            Input in = {.kind = INPUT_POINTER,
                        .x = b->rect.x + b->rect.w / 2,
                        .y = b->rect.y + b->rect.h / 2};
            *now += 1000;
            ui_handle(ui, &in, *now);
            return;
        }
    }
}

static bool card_matches(Ui *ui, int kind)
{
    const GameState *g = ui_game(ui);
    if (ui_screen(ui) != UI_CARD || g == NULL || g->card < 0) {
        return false;
    }
    return kind < 0 || (int)g->def->cards[g->card].kind == kind;
}

/* Plays with the keys a facilitator would press until the screen is reached. */
static bool drive(Ui *ui, I18n *i18n, UiScreen target, int card_kind, uint64_t *now)
{
    switch (target) {
    case UI_TITLE:
        return true;
    case UI_SETUP:
        send(ui, KEY_ENTER, 0, now);
        return ui_screen(ui) == UI_SETUP;
    case UI_RULES:
        send(ui, KEY_ENTER, 0, now);
        send(ui, KEY_ENTER, 0, now);
        return ui_screen(ui) == UI_RULES;
    case UI_SETTINGS:
        /* A click on the title menu's Settings item, wherever the menu puts it. */
        click_label(ui, i18n, "title.settings", now);
        return ui_screen(ui) == UI_SETTINGS;
    case UI_KEYS:
        send(ui, KEY_CHAR, '?', now);
        return ui_screen(ui) == UI_KEYS;
    case UI_PACKS:
        click_label(ui, i18n, "title.packs", now);
        return ui_screen(ui) == UI_PACKS;
    case UI_TOPICS:
    case UI_REVIEW:
        /* The setup's items just above Start: the card review, then the topics. */
        send(ui, KEY_ENTER, 0, now);
        send(ui, KEY_UP, 0, now);
        if (target == UI_TOPICS) {
            send(ui, KEY_UP, 0, now);
        }
        send(ui, KEY_ENTER, 0, now);
        if (target == UI_REVIEW) {
            send(ui, KEY_DOWN, 0, now); /* a card with its content notes in view */
            send(ui, KEY_DOWN, 0, now);
        }
        return ui_screen(ui) == target;
    case UI_GUIDE:
        click_label(ui, i18n, "help.guide", now);
        for (int i = 0; i < 3; i++) {
            send(ui, KEY_DOWN, 0, now);
        }
        return ui_screen(ui) == UI_GUIDE;
    default:
        break;
    }
    for (int i = 0; i < 3; i++) {
        send(ui, KEY_ENTER, 0, now);
    }
    for (int steps = 0; steps < 20000; steps++) {
        UiScreen s = ui_screen(ui);
        const GameState *g = ui_game(ui);
        if (g == NULL) {
            return false;
        }
        bool settled = g->turn >= 2 * g->team_count;
        if ((target == UI_BOARD || target == UI_HELP || target == UI_PAUSE || target == UI_TOOLS) &&
            s == UI_BOARD && settled && g->phase == PHASE_ROLL) {
            break;
        }
        if (target == UI_CARD && g->turn >= 3 && card_matches(ui, card_kind)) {
            return true;
        }
        if (target == UI_SUMMARY && s == UI_SUMMARY) {
            return true;
        }
        if (s == UI_SUMMARY) {
            return false;
        }
        Input in = ui_suggest_input(ui);
        *now += 1000;
        ui_handle(ui, &in, *now);
        ui_tick(ui, *now);
    }
    if (target == UI_HELP) {
        send(ui, KEY_CHAR, 'h', now);
    } else if (target == UI_PAUSE) {
        send(ui, KEY_F1, 0, now);
    } else if (target == UI_TOOLS) {
        send(ui, KEY_CHAR, 'f', now);
    }
    return ui_screen(ui) == target;
}

int cmd_screenshot(int argc, char **argv)
{
    AppOptions options = APP_OPTIONS_INIT;
    const char *screen = NULL, *out = NULL, *card = NULL;
    int w = 1920, h = 1080, text = 100, teams = 4;
    bool contrast = false, reveal = false, note = false;
    for (int i = 1; i < argc; i++) {
        int r = app_parse_option(argc, argv, &i, &options);
        if (r < 0) {
            return 2;
        }
        if (r > 0) {
            continue;
        }
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--screen") == 0 && has_value) {
            screen = argv[++i];
        } else if (strcmp(a, "--out") == 0 && has_value) {
            out = argv[++i];
        } else if (strcmp(a, "--card") == 0 && has_value) {
            card = argv[++i];
        } else if (strcmp(a, "--size") == 0 && has_value) {
            if (sscanf(argv[++i], "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 ||
                h > 4320) {
                fprintf(stderr,
                        "rutas screenshot: --size needs WxH between 320x240 and 7680x4320\n");
                return 2;
            }
        } else if (strcmp(a, "--text") == 0 && has_value) {
            text = atoi(argv[++i]);
            if (text != 100 && text != 125 && text != 150) {
                fprintf(stderr, "rutas screenshot: --text is 100, 125 or 150\n");
                return 2;
            }
        } else if (strcmp(a, "--teams") == 0 && has_value) {
            teams = atoi(argv[++i]);
            if (teams < 2 || teams > 8) {
                fprintf(stderr, "rutas screenshot: --teams is 2 to 8\n");
                return 2;
            }
        } else if (strcmp(a, "--high-contrast") == 0) {
            contrast = true;
        } else if (strcmp(a, "--reveal") == 0) {
            reveal = true;
        } else if (strcmp(a, "--note") == 0) {
            note = true;
        } else {
            fprintf(stderr, "rutas screenshot: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    int target = ui_screen_from_name(screen);
    int card_kind = card != NULL ? gamedef_card_kind_from_name(card) : -1;
    if (target < 0 || out == NULL || (card != NULL && card_kind < 0)) {
        fprintf(stderr, "rutas screenshot: %s\n",
                target < 0    ? "--screen needs one of the screen names"
                : out == NULL ? "--out FILE.png is required"
                              : "--card needs a card kind (discuss, agree, myth_fact, ...)");
        usage(stderr);
        return 2;
    }
    if (!options.has_seed) {
        options.has_seed = true;
        options.seed = 7;
    }

    int status = 1;
    char err[1024];
    App app;
    SDL_Surface *surface = NULL;
    SDL_Renderer *sdl = NULL;
    Render *render = NULL;
    Ui *ui = NULL;
    bool ttf = false;
    if (!app_load(&app, &options, false, err, sizeof err)) {
        fprintf(stderr, "rutas screenshot: %s\n", err);
        goto done;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "rutas screenshot: %s\n", TTF_GetError());
        goto done;
    }
    ttf = true;
    surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    sdl = surface != NULL ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (sdl == NULL) {
        fprintf(stderr, "rutas screenshot: %s\n", SDL_GetError());
        goto done;
    }
    render = render_create(sdl, app.data_dir, err, sizeof err);
    if (render == NULL) {
        fprintf(stderr, "rutas screenshot: %s\n", err);
        goto done;
    }
    Settings settings = app.settings;
    settings.reduce_motion = true;
    settings.text_percent = text;
    settings.high_contrast = contrast;
    settings.teams = teams;
    UiDeps deps = {.render = render,
                   .i18n = app.i18n,
                   .pack = app.pack,
                   .def = app.def,
                   .settings_path = NULL,
                   .seed = options.seed,
                   .pack_dirs = (const char *const *)app.pack_list,
                   .pack_dir_count = app.pack_count,
                   .pack_search = &app.search};
    ui = ui_create(&deps, &settings);
    uint64_t now = 0;
    if (!platform_size_is_laid_out(w, h)) {
        /* As the game does with such a window: lay out at the nearest size the screens are
         * made for and let the renderer scale the picture to fit. */
        platform_layout_size(w, h, &w, &h);
        SDL_RenderSetLogicalSize(sdl, w, h);
    }
    ui_layout(ui, w, h, now);
    if (!drive(ui, app.i18n, (UiScreen)target, card_kind, &now)) {
        fprintf(stderr, "rutas screenshot: could not reach the %s screen with seed %llu\n", screen,
                (unsigned long long)options.seed);
        goto done;
    }
    if (target == UI_CARD && reveal && ui_card_needs_confirm(ui)) {
        send(ui, KEY_ENTER, 0, &now); /* the facilitator shows the intensity-3 card first */
    }
    if (target == UI_CARD && reveal) {
        send(ui, KEY_CHAR, 'r', &now);
    }
    if (target == UI_CARD && note) {
        send(ui, KEY_CHAR, 'n', &now);
    }
    render_draw_layout(render, ui_layout(ui, w, h, now));
    SDL_RenderPresent(sdl);
    if (IMG_SavePNG(surface, out) != 0) {
        fprintf(stderr, "rutas screenshot: cannot write %s: %s\n", out, IMG_GetError());
        goto done;
    }
    status = 0;
done:
    ui_destroy(ui);
    render_destroy(render);
    if (sdl != NULL) {
        SDL_DestroyRenderer(sdl);
    }
    SDL_FreeSurface(surface);
    if (ttf) {
        TTF_Quit();
    }
    app_free(&app);
    SDL_Quit();
    return status;
}
