/*
 * cmd_print.c: `rutas print PATH --out DIR`: the print-and-play version of a pack, for a
 * school with no projector: PNG pages at 300 dpi (a rules sheet, the help lines of the region,
 * the board in tiles to join, every card's front and back). The pages are laid out by the ui
 * (ui_print.c, with the same pieces as the screens) and drawn by render with the software
 * renderer into an image of the page's size: no window, no display.
 */
#include "commands.h"
#include "game.h"
#include "render.h"
#include "ui.h"
#include "ui_print.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WHO "rutas print"

static void usage(FILE *out)
{
    fputs("Usage: rutas print [OPTION]... PATH --out DIR\n"
          "Write a print-and-play version of the pack in PATH as PNG pages at 300 dpi:\n"
          "a rules sheet, the help lines of the region, the board in tiles to join, and\n"
          "every card (fronts and backs on facing pages: print those pages double-sided,\n"
          "turning the sheet over its long edge).\n\n"
          "  --out DIR       the folder for page-001.png, page-002.png, ... (made if missing)\n"
          "  --lang TAG      the language, one the pack has (default: the pack's own)\n"
          "  --region CC     the country whose help lines are printed (default: the one of\n"
          "                  TAG, or the pack's only country)\n"
          "  --paper NAME    a4 (the default) or letter\n"
          "  --help          show this help\n\n"
          "Exit status: 0 pages written, 1 the pack has errors or a page cannot be written,\n"
          "2 usage error.\n",
          out);
}

static int usage_error(const char *message)
{
    fprintf(stderr, WHO ": %s\nTry 'rutas print --help'.\n", message);
    return 2;
}

/* Makes dir if it is missing (its parent must exist) and checks that files can be made in it.
 * Writes why not to err. */
static bool out_dir_ready(const char *dir, char *err, size_t size)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            snprintf(err, size, "cannot make the folder %s: %s", dir, strerror(errno));
            return false;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        snprintf(err, size, "%s is not a folder", dir);
        return false;
    }
    if (access(dir, W_OK) != 0) {
        snprintf(err, size, "cannot write in the folder %s: %s", dir, strerror(errno));
        return false;
    }
    return true;
}

static void page_path(char *out, size_t size, const char *dir, int page, const char *suffix)
{
    snprintf(out, size, "%s/page-%03d.png%s", dir, page + 1, suffix);
}

/* "3" or "3-6": a range of 1-based page numbers. */
static const char *pages_text(char *out, size_t size, int first, int count)
{
    if (count <= 1) {
        snprintf(out, size, "page %d", first + 1);
    } else {
        snprintf(out, size, "pages %d-%d", first + 1, first + count);
    }
    return out;
}

int cmd_print(int argc, char **argv)
{
    AppOptions options = APP_OPTIONS_INIT;
    const char *out = NULL, *paper_name = "a4";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--lang") == 0 || strcmp(a, "--region") == 0) {
            int r = app_parse_option(argc, argv, &i, &options);
            if (r < 0) {
                return 2;
            }
            continue;
        }
        if (strcmp(a, "--out") == 0 || strcmp(a, "--paper") == 0) {
            if (i + 1 >= argc) {
                char m[200];
                snprintf(m, sizeof m, "%s needs a value", a);
                return usage_error(m);
            }
            *(strcmp(a, "--out") == 0 ? &out : &paper_name) = argv[++i];
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            char m[300];
            snprintf(m, sizeof m, "unknown option '%.200s'", a);
            return usage_error(m);
        }
        if (options.pack_path != NULL) {
            char m[300];
            snprintf(m, sizeof m, "unexpected argument '%.200s' (one PATH only)", a);
            return usage_error(m);
        }
        options.pack_path = a;
    }
    if (options.pack_path == NULL) {
        return usage_error("no PATH given: the folder of the pack to print");
    }
    if (out == NULL) {
        return usage_error("--out DIR is required: the folder for the pages");
    }
    int paper = ui_paper_from_name(paper_name);
    if (paper < 0) {
        char m[300];
        snprintf(m, sizeof m, "--paper: '%.200s' is not a4 or letter", paper_name);
        return usage_error(m);
    }

    int status = 1;
    char err[1024];
    App app;
    SDL_Surface *surface = NULL;
    SDL_Renderer *sdl = NULL;
    Render *render = NULL;
    Ui *ui = NULL;
    Layout layout;
    layout_init(&layout);
    bool ttf = false;
    if (!app_load(&app, &options, false, err, sizeof err)) {
        fprintf(stderr, WHO ": %s\n", err);
        status = strncmp(err, "--", 2) == 0 ? 2 : 1; /* a bad --lang or --region */
        goto done;
    }
    if (app.pack == NULL) {
        fprintf(stderr, WHO ": no pack in %s\n", options.pack_path);
        goto done;
    }
    int locale_count = 0;
    const char *const *locales = pack_locales(app.pack, &locale_count);
    const char *lang = options.lang != NULL ? app.settings.lang : pack_source_locale(app.pack);
    bool known = false;
    char list[400] = "";
    for (int i = 0; i < locale_count; i++) {
        known = known || strcmp(locales[i], lang) == 0;
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", locales[i]);
    }
    if (!known) {
        fprintf(stderr, WHO ": %s: the pack has no texts in %s (its languages: %s)\n",
                options.pack_path, lang, list);
        status = 2;
        goto done;
    }
    if (!out_dir_ready(out, err, sizeof err)) {
        fprintf(stderr, WHO ": %s\n", err);
        goto done;
    }
    /* render logs each text it cuts; print names the page instead. */
    SDL_LogSetPriority(SDL_LOG_CATEGORY_APPLICATION, SDL_LOG_PRIORITY_WARN);
    if (TTF_Init() != 0) {
        fprintf(stderr, WHO ": SDL2_ttf: %s\n", TTF_GetError());
        goto done;
    }
    ttf = true;

    /* One page at a time: the surface is reused (35 MB for A4). */
    UiPrintPlan plan;
    Settings settings = app.settings;
    snprintf(settings.lang, sizeof settings.lang, "%s", lang);
    settings.text_percent = 100;
    settings.high_contrast = false;
    settings.reduce_motion = true;
    int pw = paper == UI_PAPER_LETTER ? 2550 : 2480, ph = paper == UI_PAPER_LETTER ? 3300 : 3508;
    surface = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 24, SDL_PIXELFORMAT_RGB24);
    sdl = surface != NULL ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (sdl == NULL) {
        fprintf(stderr, WHO ": %s\n", SDL_GetError());
        goto done;
    }
    render = render_create(sdl, app.data_dir, err, sizeof err);
    if (render == NULL) {
        fprintf(stderr, WHO ": %s\n", err);
        goto done;
    }
    UiDeps deps = {.render = render,
                   .i18n = app.i18n,
                   .pack = app.pack,
                   .def = app.def,
                   .seed = 1,
                   .pack_search = &app.search};
    ui = ui_create(&deps, &settings);
    const char *region = ui_settings(ui)->region;
    int line_count = 0, country_count = 0;
    if (region[0] != '\0') {
        pack_helplines(app.pack, region, &line_count);
    }
    const char *const *countries = pack_helpline_countries(app.pack, &country_count);
    if (line_count == 0) {
        char have[200] = "";
        for (int i = 0; i < country_count; i++) {
            size_t used = strlen(have);
            snprintf(have + used, sizeof have - used, "%s%s", i ? ", " : "", countries[i]);
        }
        fprintf(stderr,
                WHO ": warning: no help lines for %s in this pack (it has: %s); the help page "
                    "says so\n",
                region[0] != '\0' ? region : "(no --region given)",
                country_count > 0 ? have : "none");
    }
    ui_print_plan(ui, (UiPaper)paper, &plan);
    if (plan.w != pw || plan.h != ph) {
        fprintf(stderr, WHO ": internal error: page size\n");
        goto done;
    }
    char path[4300], tmp[4300];
    int cut = 0;
    for (int p = 0; p < plan.pages; p++) {
        ui_print_page(ui, &plan, p, &layout);
        /* A text that does not fit even at its smallest size is cut with "…": say where, so
         * the author can shorten it (render's own log line is silenced above). */
        for (int i = 0; i < layout.count; i++) {
            const Box *b = &layout.boxes[i];
            if (b->kind == BOX_TEXT && b->fit.ellipsized) {
                fprintf(stderr, WHO ": warning: page %d: a text is cut to fit its box: \"%.60s\"\n",
                        p + 1, layout_text(&layout, b));
                cut++;
            }
        }
        render_draw_layout(render, &layout);
        SDL_RenderPresent(sdl);
        /* Written beside and renamed over, so an interrupted print never leaves half a page. */
        page_path(path, sizeof path, out, p, "");
        page_path(tmp, sizeof tmp, out, p, ".tmp");
        errno = 0;
        if (IMG_SavePNG(surface, tmp) != 0 || rename(tmp, path) != 0) {
            fprintf(stderr, WHO ": cannot write %s: %s\n", path,
                    errno != 0 ? strerror(errno) : IMG_GetError());
            remove(tmp);
            goto done;
        }
    }
    /* Pages of an earlier, longer print of the same folder would be taken for this one's. */
    int removed = 0;
    for (int p = plan.pages; p < 100000; p++) {
        page_path(path, sizeof path, out, p, "");
        if (remove(path) != 0) {
            break;
        }
        removed++;
    }
    char a[64], title[300];
    snprintf(title, sizeof title, "%s", i18n_text(app.i18n, pack_title_key(app.pack)));
    printf("%s: \"%s\" %s in %s, %s paper at %d dpi (%d x %d pixels): %d pages in %s\n",
           options.pack_path, title, pack_version(app.pack), lang,
           paper == UI_PAPER_LETTER ? "Letter" : "A4", UI_PRINT_DPI, plan.w, plan.h, plan.pages,
           out);
    printf("  %s: how to play and the ground rules\n", pages_text(a, sizeof a, 0, 1));
    printf("  %s: help lines of %s (%d)\n",
           pages_text(a, sizeof a, plan.help_first, plan.help_pages),
           region[0] != '\0' ? region : "no region", line_count);
    if (plan.blank >= 0) {
        printf("  %s: blank, so that card fronts fall on odd pages\n",
               pages_text(a, sizeof a, plan.blank, 1));
    }
    printf("  %s: the board, %d x %d sheets to cut and join by their numbers (%.0f cm a side)\n",
           pages_text(a, sizeof a, plan.board_first, plan.board_cols * plan.board_rows),
           plan.board_cols, plan.board_rows, plan.board_size * 2.54 / UI_PRINT_DPI);
    printf("  %s: %d cards, %d to a sheet: fronts on odd pages, backs on even pages; print them\n"
           "    double-sided, turning over the long edge, and cut along the marks (88 x 63 mm)\n",
           pages_text(a, sizeof a, plan.cards_first, 2 * plan.sheets), plan.cards, plan.per_sheet);
    if (cut > 0) {
        printf("  %d text%s cut to fit (see the warnings): shorten them or check the pack with\n"
               "    rutas pack check\n",
               cut, cut == 1 ? "" : "s");
    }
    if (removed > 0) {
        printf("  removed %d page%s left from an earlier, longer print\n", removed,
               removed == 1 ? "" : "s");
    }
    status = 0;
done:
    layout_free(&layout);
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
