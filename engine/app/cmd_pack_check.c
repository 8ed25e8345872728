/*
 * cmd_pack_check.c: `rutas pack check PATH`: what an author runs after every change. The
 * validator first (every problem as 'file: place: message'), then what needs the fonts and the
 * card's size:
 * - glyphs: every character of every text is drawn by the font chain the game uses (Noto Sans
 *   and the fallbacks in assets/fonts), checked with SDL2_ttf's TTF_GlyphIsProvided32; missing
 *   ones are listed by character and by text;
 * - fit: every card prompt fits the card of a 1920x1080 projected screen at 100 % and 150 %
 *   text, laid out by the card screen's own code (ui_card_prompt_fit) and fitted by render's
 *   wrap-and-shrink, so the answer is the one the game reaches; and every revealed answer (a
 *   scenario's guidance, a myth-or-fact explanation) is whole, with the prompt and the
 *   options, on a 1920x1080 and a 1024x768 (4:3) screen (ui_card_layout);
 * - reading length: words and characters of what each card shows, the longest cards;
 * - help lines: the age of each line's verification.
 * Exit status 1 when the pack does not load, a character has no glyph, or a prompt or an answer
 * is cut off (with --strict, any warning too).
 */
#include "cmd_pack.h"
#include "render.h"
#include "ui.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define WHO "rutas pack check"

static void usage(FILE *out)
{
    fputs("Usage: rutas pack check [OPTION]... PATH\n"
          "Check the pack in PATH: every problem the validator finds, then whether every\n"
          "character has a glyph in the game's fonts, whether every card prompt fits its card\n"
          "on a 1920x1080 projector at 100 % and 150 % text, how long each card is to read,\n"
          "and how old each help line's verification is.\n\n"
          "  --strict        warnings count as problems too (exit status 1)\n"
          "  --today DATE    check help line dates against DATE (YYYY-MM-DD; default today)\n"
          "  --cards         also list the reading length and fit of every card\n"
          "  --search DIR    also look for base packs (extends) in DIR\n"
          "  --help          show this help\n\n"
          "Exit status: 0 fine, 1 problems found, 2 usage error.\n",
          out);
}

/* ---- Fonts --------------------------------------------------------------------------------- */

#define MAX_FONTS 16

typedef struct Fonts {
    TTF_Font *font[MAX_FONTS];
    char name[MAX_FONTS][64];
    int count;
} Fonts;

static void fonts_add(Fonts *f, const char *path, const char *name)
{
    if (f->count >= MAX_FONTS) {
        return;
    }
    TTF_Font *font = TTF_OpenFont(path, 24);
    if (font != NULL) {
        f->font[f->count] = font;
        snprintf(f->name[f->count], sizeof f->name[0], "%s", name);
        f->count++;
    }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The chain the game draws with: Noto Sans Regular and Bold, then every other font shipped in
 * assets/fonts, then the system's DejaVu Sans (render.c's fallback of last resort). */
static bool fonts_open(Fonts *f, const char *data_dir)
{
    char path[PATH_MAX];
    static const char *const main_faces[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/assets/fonts/%s", data_dir, main_faces[i]);
        fonts_add(f, path, main_faces[i]);
    }
    if (f->count < 2) {
        return false;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/assets/fonts", data_dir);
    char *names[MAX_FONTS];
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL && n < MAX_FONTS) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".ttf") == 0 &&
            strcmp(e->d_name, main_faces[0]) != 0 && strcmp(e->d_name, main_faces[1]) != 0) {
            names[n] = malloc(len + 1);
            if (names[n] == NULL) {
                abort();
            }
            memcpy(names[n++], e->d_name, len + 1);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%.3800s/%.200s", dir, names[i]);
        fonts_add(f, path, names[i]);
        free(names[i]);
    }
    fonts_add(f, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf");
    return true;
}

static void fonts_close(Fonts *f)
{
    for (int i = 0; i < f->count; i++) {
        TTF_CloseFont(f->font[i]);
    }
    f->count = 0;
}

static bool fonts_have(const Fonts *f, uint32_t cp)
{
    for (int i = 0; i < f->count; i++) {
        if (TTF_GlyphIsProvided32(f->font[i], cp)) {
            return true;
        }
    }
    return false;
}

static uint32_t next_cp(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t cp = p[0];
    int n = 1;
    if (cp >= 0xF0) {
        cp &= 0x07;
        n = 4;
    } else if (cp >= 0xE0) {
        cp &= 0x0F;
        n = 3;
    } else if (cp >= 0xC0) {
        cp &= 0x1F;
        n = 2;
    }
    for (int i = 1; i < n && p[i] != '\0'; i++) {
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s = p + n;
    return cp;
}

/* Characters no font draws, each with the texts that use it. */
typedef struct Missing {
    uint32_t cp;
    char locale[I18N_TAG_MAX];
    char keys[3][160];
    int texts;
} Missing;

/* ---- Reading length ------------------------------------------------------------------------ */

typedef struct Reading {
    int card;
    int words;
    size_t chars;
} Reading;

static int cmp_reading(const void *a, const void *b)
{
    const Reading *x = a, *y = b;
    if (x->words != y->words) {
        return y->words - x->words;
    }
    return x->card - y->card;
}

/* What a card shows in the room, read aloud: the prompt, the options, the answer or the
 * explanation (not the facilitator's note). */
static void card_reading(const GameDef *def, const StringTable *t, int card, Reading *r)
{
    static const char *const parts[] = {"prompt",    "options.1", "options.2", "options.3",
                                        "options.4", "answer",    "explain"};
    r->card = card;
    r->words = 0;
    r->chars = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char key[256];
        snprintf(key, sizeof key, "card.%s.%s", def->cards[card].id, parts[i]);
        const char *v = i18n_table_get(t, key);
        if (v != NULL) {
            r->words += pack_text_words(v);
            r->chars += pack_text_chars(v);
        }
    }
}

/* ---- The command --------------------------------------------------------------------------- */

int cmd_pack_check(int argc, char **argv)
{
    const char *path = NULL;
    const char *extra[4];
    int extra_count = 0;
    bool strict = false, list_cards = false;
    PackLoadOptions options = {NULL, false};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        int r;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--strict") == 0) {
            strict = true;
            continue;
        }
        if (strcmp(a, "--cards") == 0) {
            list_cards = true;
            continue;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--today", &options.today, WHO)) != 0) {
            if (r < 0) {
                return 2;
            }
            continue;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--search", &v, WHO)) != 0) {
            if (r < 0) {
                return 2;
            }
            if (extra_count < 4) {
                extra[extra_count++] = v;
            }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            return pack_usage_error(WHO, "unknown option '%s'", a);
        }
        if (path != NULL) {
            return pack_usage_error(WHO, "unexpected argument '%s' (one PATH only)", a);
        }
        path = a;
    }
    if (path == NULL) {
        return pack_usage_error(WHO, "no PATH given");
    }
    options.strict = strict;

    int status = 1;
    int problems = 0;
    PackDirs dirs;
    pack_dirs_init(&dirs, path, extra, extra_count);
    PackErrors errors;
    pack_errors_init(&errors);
    Fonts fonts;
    memset(&fonts, 0, sizeof fonts);
    Render *render = NULL;
    Missing *missing = NULL;
    int missing_count = 0;
    Reading *reading = NULL;
    int *fit_px[2] = {NULL, NULL}; /* per card: px used, negative when cut */
    bool ttf = false;
    Pack *pack = pack_cmd_load(WHO, path, &dirs, &options, &errors, true, stdout);
    if (pack == NULL) {
        goto done;
    }
    const GameDef *def = pack_def(pack);
    int locale_count = 0;
    const char *const *locales = pack_locales(pack, &locale_count);
    printf("%s: pack \"%s\" %s, %d cards, %d language%s: %d error%s, %d warning%s\n", path,
           pack_id(pack), pack_version(pack), def->card_count, locale_count,
           locale_count == 1 ? "" : "s", errors.errors, errors.errors == 1 ? "" : "s",
           errors.warnings, errors.warnings == 1 ? "" : "s");
    if (strict) {
        problems += errors.warnings;
    }

    /* Reading length. */
    reading = calloc((size_t)def->card_count + 1, sizeof *reading);
    if (reading == NULL) {
        abort();
    }
    printf("\nreading length (prompt, options, answer or explanation; words / characters):\n");
    for (int l = 0; l < locale_count; l++) {
        const StringTable *t = pack_strings(pack, locales[l]);
        long words = 0, chars = 0;
        for (int c = 0; c < def->card_count; c++) {
            card_reading(def, t, c, &reading[c]);
            words += reading[c].words;
            chars += (long)reading[c].chars;
        }
        qsort(reading, (size_t)def->card_count, sizeof *reading, cmp_reading);
        int n = def->card_count > 0 ? def->card_count : 1;
        printf("  %s: %.1f words and %.0f characters a card on average, median %d words; "
               "longest:",
               locales[l], (double)words / n, (double)chars / n,
               reading[def->card_count / 2].words);
        for (int k = 0; k < 5 && k < def->card_count; k++) {
            printf("%s %s %d/%zu", k ? "," : "", def->cards[reading[k].card].id, reading[k].words,
                   reading[k].chars);
        }
        putchar('\n');
    }

    /* Help lines. */
    printf("\nhelp lines (verified on, days since):\n");
    int country_count = 0;
    const char *const *countries = pack_helpline_countries(pack, &country_count);
    if (country_count == 0) {
        printf("  none: the help screen has no local lines to show\n");
    }
    for (int k = 0; k < country_count; k++) {
        int count = 0;
        const Helpline *lines = pack_helplines(pack, countries[k], &count);
        if (count == 0) {
            printf("  %s: no help lines yet: add them (each with a public source and "
                   "verified_on) before a session\n",
                   countries[k]);
            problems += strict;
        }
        for (int i = 0; i < count; i++) {
            int age = pack_helpline_age_days(&lines[i], options.today);
            printf("  %s %-34s %s  %4d days%s\n", countries[k], lines[i].id, lines[i].verified_on,
                   age, age > 365 ? "  older than 12 months: check it again" : "");
            if (strstr(lines[i].source, "example.org") != NULL ||
                strstr(lines[i].source, "example.com") != NULL) {
                printf("  %s %s: the source is an example address: replace the line with one "
                       "checked in a public source\n",
                       countries[k], lines[i].id);
                problems += strict;
            }
        }
    }

    /* Glyphs and fit need the fonts. */
    const char *data_dir = pack_data_dir();
    if (data_dir == NULL) {
        fprintf(stderr, WHO ": cannot find the game's assets/fonts (set RUTAS_DATA_DIR)\n");
        goto done;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, WHO ": SDL2_ttf: %s\n", TTF_GetError());
        goto done;
    }
    ttf = true;
    if (!fonts_open(&fonts, data_dir)) {
        fprintf(stderr, WHO ": cannot open the fonts in %s/assets/fonts\n", data_dir);
        goto done;
    }
    printf("\nglyphs (");
    for (int i = 0; i < fonts.count; i++) {
        printf("%s%s", i ? ", " : "", fonts.name[i]);
    }
    printf("):\n");
    for (int l = 0; l < locale_count; l++) {
        const StringTable *t = pack_strings(pack, locales[l]);
        int before = missing_count;
        for (int i = 0; i < i18n_table_count(t); i++) {
            const char *key = i18n_table_key(t, i);
            const unsigned char *p = (const unsigned char *)i18n_table_value(t, i);
            uint32_t last = 0;
            while (*p) {
                uint32_t cp = next_cp(&p);
                /* Line breaks and the zero-width space are layout, not glyphs. */
                if (cp < 0x20 || cp == 0x200B || cp == last || fonts_have(&fonts, cp)) {
                    continue;
                }
                last = cp;
                Missing *m = NULL;
                for (int k = before; k < missing_count; k++) {
                    if (missing[k].cp == cp) {
                        m = &missing[k];
                    }
                }
                if (m == NULL) {
                    missing = realloc(missing, (size_t)(missing_count + 1) * sizeof *missing);
                    if (missing == NULL) {
                        abort();
                    }
                    m = &missing[missing_count++];
                    memset(m, 0, sizeof *m);
                    m->cp = cp;
                    snprintf(m->locale, sizeof m->locale, "%s", locales[l]);
                }
                if (m->texts < 3) {
                    snprintf(m->keys[m->texts], sizeof m->keys[0], "%s", key);
                }
                m->texts++;
            }
        }
        if (missing_count == before) {
            printf("  %s: every character has a glyph\n", locales[l]);
        }
        for (int k = before; k < missing_count; k++) {
            const Missing *m = &missing[k];
            char utf8[8] = "";
            if (m->cp < 0x80) {
                utf8[0] = (char)m->cp;
            } else if (m->cp < 0x800) {
                utf8[0] = (char)(0xC0 | (m->cp >> 6));
                utf8[1] = (char)(0x80 | (m->cp & 0x3F));
            } else if (m->cp < 0x10000) {
                utf8[0] = (char)(0xE0 | (m->cp >> 12));
                utf8[1] = (char)(0x80 | ((m->cp >> 6) & 0x3F));
                utf8[2] = (char)(0x80 | (m->cp & 0x3F));
            } else {
                utf8[0] = (char)(0xF0 | (m->cp >> 18));
                utf8[1] = (char)(0x80 | ((m->cp >> 12) & 0x3F));
                utf8[2] = (char)(0x80 | ((m->cp >> 6) & 0x3F));
                utf8[3] = (char)(0x80 | (m->cp & 0x3F));
            }
            printf("  %s: U+%04X '%s' has no glyph in any font (shows as a box) in %d text%s: ",
                   m->locale, (unsigned)m->cp, utf8, m->texts, m->texts == 1 ? "" : "s");
            for (int j = 0; j < m->texts && j < 3; j++) {
                printf("%s%s", j ? ", " : "", m->keys[j]);
            }
            printf("%s\n", m->texts > 3 ? ", ..." : "");
            problems++;
        }
    }

    /* Fit, with the game's own text fitting. */
    char err[256];
    render = render_create(NULL, data_dir, err, sizeof err);
    if (render == NULL) {
        fprintf(stderr, WHO ": %s\n", err);
        goto done;
    }
    static const int sizes[2] = {100, 150};
    fit_px[0] = calloc((size_t)def->card_count + 1, sizeof(int));
    fit_px[1] = calloc((size_t)def->card_count + 1, sizeof(int));
    if (fit_px[0] == NULL || fit_px[1] == NULL) {
        abort();
    }
    printf("\nfit on the card (1920x1080 projector, prompt at 1/12 of the screen height,\n"
           "shrinking down to 1/16 before it is cut):\n");
    for (int l = 0; l < locale_count; l++) {
        const StringTable *t = pack_strings(pack, locales[l]);
        I18n *i18n = i18n_create(locales[l], pack_source_locale(pack));
        pack_add_strings(pack, i18n);
        /* A Ui in this language lays out the card screen (it sets the render's script). */
        Settings settings = settings_default();
        snprintf(settings.lang, sizeof settings.lang, "%s", locales[l]);
        UiDeps deps = {.render = render, .i18n = i18n, .pack = pack, .def = def};
        Ui *ui = ui_create(&deps, &settings);
        for (int s = 0; s < 2; s++) {
            int full = 0, shrunk = 0, cut = 0, smallest = 0;
            for (int c = 0; c < def->card_count; c++) {
                char key[256];
                snprintf(key, sizeof key, "card.%s.prompt", def->cards[c].id);
                const char *prompt = i18n_table_get(t, key);
                if (prompt == NULL) {
                    continue;
                }
                TextFit fit = ui_card_prompt_fit(ui, c, 1920, 1080, sizes[s], NULL);
                if (fit.ellipsized) {
                    cut++;
                    printf("  %s/locales/%s.json: %s: cut off at %d %% text: it does not fit "
                           "its card even at %d px (%zu characters)\n",
                           path, locales[l], key, sizes[s], fit.px, pack_text_chars(prompt));
                    problems++;
                } else if (fit.shrunk) {
                    shrunk++;
                    if (smallest == 0 || fit.px < smallest) {
                        smallest = fit.px;
                    }
                } else {
                    full++;
                }
                fit_px[s][c] = fit.ellipsized ? -fit.px : fit.px;
            }
            printf("  %s at %d %% text: %d prompts fit at full size, %d shrink", locales[l],
                   sizes[s], full, shrunk);
            if (shrunk > 0) {
                printf(" (the smallest to %d px)", smallest);
            }
            printf(", %d cut off\n", cut);
        }
        /* A revealed answer (a scenario's guidance, a myth-or-fact explanation) shares the card
         * with its prompt and options: it must not be cut off on a 16:9 projector, nor on the
         * 4:3 ones (1024x768) many schools still have. */
        static const int screens[2][2] = {{1920, 1080}, {1024, 768}};
        int answers = 0, answers_cut = 0;
        Layout lay;
        layout_init(&lay);
        for (int c = 0; c < def->card_count; c++) {
            CardKind kind = def->cards[c].kind;
            if (kind != CARD_SCENARIO && kind != CARD_MYTH_FACT) {
                continue;
            }
            answers++;
            for (int z = 0; z < 2; z++) {
                ui_card_layout(ui, c, screens[z][0], screens[z][1], 100, true, false, &lay);
                const char *what = NULL;
                for (int i = 0; i < lay.count && what == NULL; i++) {
                    const Box *b = &lay.boxes[i];
                    if (b->kind == BOX_TEXT && b->fit.ellipsized && b->name != NULL &&
                        (strcmp(b->name, "card.answer") == 0 ||
                         strcmp(b->name, "card.explain") == 0 ||
                         strcmp(b->name, "card.option") == 0)) {
                        what = strcmp(b->name, "card.option") == 0 ? "an option" : "the answer";
                    }
                }
                if (what != NULL) {
                    answers_cut++;
                    problems++;
                    printf("  %s/locales/%s.json: card.%s: revealed, %s is cut off on a %dx%d "
                           "screen; shorten the prompt, the options or the answer\n",
                           path, locales[l], def->cards[c].id, what, screens[z][0], screens[z][1]);
                    break;
                }
            }
        }
        layout_free(&lay);
        if (answers > 0) {
            printf("  %s: %d of %d revealed answers fit on 1920x1080 and 1024x768 screens\n",
                   locales[l], answers - answers_cut, answers);
        }
        for (int c = 0; list_cards && c < def->card_count; c++) {
            Reading r;
            card_reading(def, t, c, &r);
            printf("    %-12s %3d words %4zu characters, prompt at %d px (100 %%) and %d px "
                   "(150 %%)%s\n",
                   def->cards[c].id, r.words, r.chars, abs(fit_px[0][c]), abs(fit_px[1][c]),
                   fit_px[0][c] < 0 || fit_px[1][c] < 0 ? ", cut off" : "");
        }
        ui_destroy(ui);
        i18n_destroy(i18n);
    }
    status = problems > 0 ? 1 : 0;
    printf("\n%s: %s\n", path,
           problems > 0
               ? "problems found (see above)"
               : "ready: loads, every character has a glyph, every prompt and answer fits");
done:
    render_destroy(render);
    fonts_close(&fonts);
    if (ttf) {
        TTF_Quit();
    }
    free(missing);
    free(reading);
    free(fit_px[0]);
    free(fit_px[1]);
    pack_free(pack);
    pack_errors_clear(&errors);
    pack_dirs_free(&dirs);
    return status;
}
