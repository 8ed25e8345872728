/*
 * fuzz_pack.c: libFuzzer target for the whole pack loader.
 *
 * Each input is a pack folder: its parts, separated by a line holding only "@@", become
 * pack.json, locales/es-MX.json, locales/en.json, helplines/MX.json, guide/es-MX.md and
 * images/a.png (fewer parts: fewer files) in a fresh temporary folder, which pack_load() reads
 * with tests/fixtures/packs/good on the search path (so "extends": "mini" overlays a real base).
 *
 * Properties checked beside the sanitizers: a load that fails reports at least one error; a
 * load that succeeds reports none, passes gamedef_check(), and everything the Pack offers
 * (strings in every locale with placeholders and plurals, help lines, guides, card info) can
 * be read, and a game with bots can be played on it to the end.
 */
#include "fuzz_util.h"

#include "bot.h"
#include "pack.h"
#include "rules.h"

#ifndef RUTAS_SOURCE_DIR
#define RUTAS_SOURCE_DIR "."
#endif

static const char *const FILES[] = {"pack.json",         "locales/es-MX.json", "locales/en.json",
                                    "helplines/MX.json", "guide/es-MX.md",     "images/a.png"};
enum { FILE_COUNT = sizeof FILES / sizeof FILES[0] };

static GameState game; /* large: kept out of the stack */

static void read_strings(const Pack *pack)
{
    int locale_count = 0;
    const char *const *locales = pack_locales(pack, &locale_count);
    FUZZ_CHECK(locale_count >= 1);
    FUZZ_CHECK(strcmp(locales[0], pack_source_locale(pack)) == 0);
    I18n *i18n = i18n_create(locales[0], pack_source_locale(pack));
    pack_add_strings(pack, i18n);
    for (int l = 0; l < locale_count; l++) {
        int total = 0;
        int missing = pack_coverage(pack, locales[l], &total);
        FUZZ_CHECK(missing >= 0 && missing <= total);
        const StringTable *table = pack_strings(pack, locales[l]);
        FUZZ_CHECK(table != NULL);
        i18n_set_locale(i18n, locales[l]);
        (void)i18n_script(i18n);
        (void)i18n_is_rtl(i18n);
        for (int k = 0; k < i18n_table_count(table); k++) {
            char out[512];
            const char *key = i18n_table_key(table, k);
            I18nArg args[] = {{"team", "Equipo azul"}, {"count", "3"}, {"name", "{{name}}"}};
            const char *text = i18n_text(i18n, key);
            FUZZ_CHECK(text != NULL);
            size_t n = i18n_format(i18n, out, sizeof out, key, args, 3);
            FUZZ_CHECK(strlen(out) == (n < sizeof out ? n : strlen(out)));
            FUZZ_CHECK(fuzz_is_utf8(out, strlen(out)));
            (void)i18n_plural(i18n, out, sizeof out, key, k - 2, args, 2);
        }
        const char *found = NULL;
        const char *guide = pack_guide(pack, locales[l], &found);
        FUZZ_CHECK((guide == NULL) == (found == NULL));
    }
    i18n_destroy(i18n);
}

static void read_helplines(const Pack *pack)
{
    int countries = 0;
    const char *const *codes = pack_helpline_countries(pack, &countries);
    for (int c = 0; c < countries; c++) {
        int count = 0;
        const Helpline *lines = pack_helplines(pack, codes[c], &count);
        FUZZ_CHECK(count == 0 || lines != NULL);
        for (int i = 0; i < count; i++) {
            const Helpline *h = &lines[i];
            FUZZ_CHECK(h->id && h->number && h->whatsapp && h->web && h->verified_on && h->source);
            FUZZ_CHECK(pack_helpline_age_days(h, "2026-06-01") >= 0);
            FUZZ_CHECK(pack_text_pick(h->name, h->name_count, "en", pack_source_locale(pack)));
            (void)pack_text_pick(h->hours, h->hours_count, "es-419", NULL);
            (void)pack_text_pick(h->what, h->what_count, "pt-MZ", "en");
            (void)pack_helpline_serves(h, pack_def(pack)->topics[0].id);
        }
    }
}

static void play(const Pack *pack, unsigned seed)
{
    const GameDef *def = pack_def(pack);
    GameConfig config = rules_default_config(2 + (int)(seed % 7));
    config.rounds = 3;
    config.max_age = 99;
    if (rules_new_game(&game, def, &config, seed) != STATUS_OK) {
        return;
    }
    BotStyle style = bot_default_style();
    Rng rng;
    rng_seed(&rng, seed, 7);
    for (int m = 0; m < 400 && !rules_is_over(&game); m++) {
        Move move = bot_choose_move(&game, &style, &rng);
        EventList events;
        FUZZ_CHECK(rules_apply(&game, &move, &events) == STATUS_OK);
    }
}

static void use(const Pack *pack, unsigned seed)
{
    const GameDef *def = pack_def(pack);
    FUZZ_CHECK(gamedef_check(def) == NULL);
    FUZZ_CHECK(pack_id(pack) && pack_version(pack) && pack_license(pack));
    for (int c = 0; c < def->card_count; c++) {
        const PackCardInfo *info = pack_card_info(pack, c);
        FUZZ_CHECK(info != NULL && info->source != NULL);
        for (int n = 0; n < info->content_note_count; n++) {
            FUZZ_CHECK(info->content_notes[n] != NULL);
        }
    }
    for (int t = 0; t < def->topic_count; t++) {
        (void)pack_topic_image(pack, t);
    }
    int authors = 0;
    const char *const *names = pack_authors(pack, &authors);
    for (int i = 0; i < authors; i++) {
        FUZZ_CHECK(names[i] != NULL);
    }
    read_strings(pack);
    read_helplines(pack);
    play(pack, seed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[PATH_MAX];
    FuzzPart parts[FILE_COUNT];
    int count = fuzz_split(data, size, parts, FILE_COUNT);
    fuzz_make_temp_dir(dir, sizeof dir);
    for (int i = 0; i < count; i++) {
        fuzz_write_file(dir, FILES[i], parts[i].data, parts[i].size);
    }
    static char good[PATH_MAX];
    if (!good[0]) {
        snprintf(good, sizeof good, "%s/tests/fixtures/packs/good", RUTAS_SOURCE_DIR);
    }
    const char *dirs[] = {good};
    PackSearchPath search = {dirs, 1};
    PackLoadOptions options = {"2026-06-01", size % 2 == 1};
    PackErrors errors;
    pack_errors_init(&errors);
    Pack *pack = pack_load(dir, &search, &options, &errors);
    for (int i = 0; i < errors.count; i++) {
        char line[2048];
        FUZZ_CHECK(pack_error_format(&errors.items[i], line, sizeof line) >= 0);
        FUZZ_CHECK(errors.items[i].file && errors.items[i].place && errors.items[i].message);
    }
    if (pack) {
        FUZZ_CHECK(errors.errors == 0);
        use(pack, (unsigned)size);
    } else {
        FUZZ_CHECK(errors.errors > 0);
    }
    pack_free(pack);
    pack_errors_clear(&errors);
    fuzz_remove_tree(dir);
    return 0;
}
