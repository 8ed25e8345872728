/*
 * pack.c: pack_load() (layers of an `extends` chain, base first, then the resolution into a
 * GameDef with every reference checked), the search path, and the Pack's accessors.
 */
#include "pack_internal.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Search path -------------------------------------------------------------------------- */

static bool has_pack_json(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/pack.json", dir) >= (int)sizeof path) {
        return false;
    }
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Windows paths may use either separator. */
static bool is_separator(char c)
{
#ifdef _WIN32
    return c == '/' || c == '\\';
#else
    return c == '/';
#endif
}

static const char *base_name(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && is_separator(dir[n - 1])) {
        n--;
    }
    const char *p = dir + n;
    while (p > dir && !is_separator(p[-1])) {
        p--;
    }
    return p;
}

static bool name_is(const char *dir, const char *id)
{
    const char *b = base_name(dir);
    size_t n = strlen(id);
    return strncmp(b, id, n) == 0 && (b[n] == '\0' || is_separator(b[n]));
}

bool pack_search_find(const PackSearchPath *search, const char *id, char *out, size_t size)
{
    if (!search || !id || !content_is_id(id)) {
        return false;
    }
    for (int i = 0; i < search->count; i++) {
        const char *dir = search->dirs[i];
        char path[PATH_MAX];
        if (!dir) {
            continue;
        }
        if (has_pack_json(dir) && name_is(dir, id)) {
            snprintf(out, size, "%s", dir);
            return true;
        }
        snprintf(path, sizeof path, "%s/%s", dir, id);
        if (has_pack_json(path)) {
            snprintf(out, size, "%s", path);
            return true;
        }
    }
    return false;
}

static void list_add(char ***list, int *count, const char *path)
{
    char real[PATH_MAX];
    char other[PATH_MAX];
    if (!realpath(path, real)) {
        return;
    }
    for (int i = 0; i < *count; i++) {
        if (realpath((*list)[i], other) && strcmp(other, real) == 0) {
            return;
        }
    }
    *list = content_xrealloc(*list, (size_t)(*count + 2) * sizeof **list);
    size_t n = strlen(path) + 1;
    (*list)[*count] = content_xrealloc(NULL, n);
    memcpy((*list)[*count], path, n);
    (*list)[++*count] = NULL;
}

char **pack_search_list(const PackSearchPath *search, int *count)
{
    char **list = content_xrealloc(NULL, sizeof *list);
    int n = 0;
    list[0] = NULL;
    for (int i = 0; search && i < search->count; i++) {
        const char *dir = search->dirs[i];
        if (!dir) {
            continue;
        }
        if (has_pack_json(dir)) {
            list_add(&list, &n, dir);
            continue;
        }
        DIR *d = opendir(dir);
        struct dirent *e;
        int seen = 0;
        while (d && (e = readdir(d)) != NULL && seen++ < 4096) {
            char path[PATH_MAX];
            if (e->d_name[0] == '.') {
                continue;
            }
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (has_pack_json(path)) {
                list_add(&list, &n, path);
            }
        }
        if (d) {
            closedir(d);
        }
    }
    if (count) {
        *count = n;
    }
    return list;
}

void pack_search_list_free(char **list)
{
    for (char **p = list; p && *p; p++) {
        free(*p);
    }
    free(list);
}

/* ---- Loading ------------------------------------------------------------------------------ */

static void add_locales(PackBuild *b, const char **locales, int count)
{
    for (int i = 0; i < count; i++) {
        bool known = false;
        for (int j = 0; j < b->locale_count && !known; j++) {
            known = strcmp(b->locales[j], locales[i]) == 0;
        }
        if (!known) {
            const char **grown =
                arena_alloc(b->arena, (size_t)(b->locale_count + 1) * sizeof(char *));
            if (b->locale_count) {
                memcpy(grown, b->locales, (size_t)b->locale_count * sizeof(char *));
            }
            grown[b->locale_count++] = locales[i];
            b->locales = grown;
        }
    }
}

static bool load_layer(PackBuild *b, const char *dir, const PackSearchPath *search, int depth,
                       const char **chain, int chain_count)
{
    char real[PATH_MAX];
    const char *file = NULL;
    if (!realpath(dir, real)) {
        pack_errors_add(b->errors, PACK_SEVERITY_ERROR, dir, "-",
                        "missing file: the pack "
                        "folder does not exist");
        b->error_count++;
        return false;
    }
    cJSON *root = build_parse_pack_json(b, dir, real, &file);
    if (!root) {
        return false;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(root, "extends");
    const char *my_id = cJSON_IsString(id) ? arena_strdup(b->arena, id->valuestring) : "?";
    const char **my_chain = arena_alloc(b->arena, (size_t)(chain_count + 1) * sizeof(char *));
    if (chain_count) {
        memcpy(my_chain, chain, (size_t)chain_count * sizeof(char *));
    }
    my_chain[chain_count] = my_id;
    if (cJSON_IsString(ext) && content_is_id(ext->valuestring)) {
        const char *base_id = ext->valuestring;
        char base_dir[PATH_MAX];
        bool cycle = strcmp(base_id, my_id) == 0;
        for (int i = 0; i < chain_count && !cycle; i++) {
            cycle = strcmp(chain[i], base_id) == 0;
        }
        if (cycle) {
            char text[512] = "";
            for (int i = 0; i <= chain_count; i++) {
                size_t n = strlen(text);
                snprintf(text + n, sizeof text - n, "%s -> ", my_chain[i]);
            }
            size_t n = strlen(text);
            snprintf(text + n, sizeof text - n, "%s", base_id);
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, file, "extends",
                            "\"extends\" makes a cycle: %s", text);
            b->error_count++;
            cJSON_Delete(root);
            return false;
        }
        if (depth + 1 >= PACK_LIMIT_EXTENDS) {
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, file, "extends",
                            "\"extends\" chain is deeper than %d packs", PACK_LIMIT_EXTENDS);
            b->error_count++;
            cJSON_Delete(root);
            return false;
        }
        if (!pack_search_find(search, base_id, base_dir, sizeof base_dir)) {
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, file, "extends",
                            "base pack \"%s\" was not found on the pack search path (a folder "
                            "named \"%s\" with a pack.json)",
                            base_id, base_id);
            b->error_count++;
            cJSON_Delete(root);
            return false;
        }
        if (!load_layer(b, arena_strdup(b->arena, base_dir), search, depth + 1, my_chain,
                        chain_count + 1)) {
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, file, "extends",
                            "base pack \"%s\" has errors (listed above)", base_id);
            b->error_count++;
            cJSON_Delete(root);
            return false;
        }
    }
    const char **locales = NULL;
    int locale_count = 0;
    const char *dir_copy = arena_strdup(b->arena, dir);
    const char *real_copy = arena_strdup(b->arena, real);
    build_apply_pack_json(b, root, file, dir_copy, real_copy, &locales, &locale_count);
    cJSON_Delete(root);
    if (depth == 0 && !name_is(dir, b->id ? b->id : "")) {
        pack_errors_add(b->errors, PACK_SEVERITY_WARNING, file, "id",
                        "the pack folder should be named like its id \"%s\", so that other "
                        "packs can extend it",
                        b->id ? b->id : "?");
    }
    add_locales(b, locales, locale_count);
    build_read_locales(b, dir_copy, real_copy, locales, locale_count);
    build_read_helplines(b, dir_copy, real_copy);
    build_read_guides(b, dir_copy, real_copy);
    return true;
}

static void err_at(PackBuild *b, Origin at, const char *field, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void err_at(PackBuild *b, Origin at, const char *field, const char *format, ...)
{
    char message[768];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    pack_errors_add(b->errors, PACK_SEVERITY_ERROR, at.file, field, "%s", message);
    b->error_count++;
}

/* Resolves ids to indices and checks what only the whole pack can tell. */
static void resolve(PackBuild *b, Pack *p)
{
    Arena *a = &p->arena;
    char place[128];
    const char *top = b->top_file;
    if (!b->source_locale || !b->license || !b->authors || !b->have_age || !b->spaces) {
        return; /* reported as missing fields already */
    }
    bool source_listed = false;
    for (int i = 0; i < b->locale_count && !source_listed; i++) {
        source_listed = strcmp(b->locales[i], b->source_locale) == 0;
    }
    if (!source_listed) {
        pack_errors_add(b->errors, PACK_SEVERITY_ERROR, top, "source_locale",
                        "the source locale \"%s\" is not in \"locales\"", b->source_locale);
        b->error_count++;
    }
    /* Source locale first: it is the complete one. */
    p->locales = arena_alloc(a, (size_t)(b->locale_count + 1) * sizeof(char *));
    p->locales[p->locale_count++] = b->source_locale;
    for (int i = 0; i < b->locale_count; i++) {
        if (strcmp(b->locales[i], b->source_locale) != 0) {
            p->locales[p->locale_count++] = b->locales[i];
        }
    }

    /* Topics and their decks, then the shared decks. */
    int deck_total = b->topic_count + b->deck_count;
    if (deck_total > GAMEDEF_MAX_DECKS) {
        pack_errors_add(b->errors, PACK_SEVERITY_ERROR, top, "decks",
                        "too many decks (%d topics and %d shared decks; the limit is %d in all)",
                        b->topic_count, b->deck_count, GAMEDEF_MAX_DECKS);
        b->error_count++;
        return;
    }
    p->topics = arena_alloc(a, (size_t)b->topic_count * sizeof(Topic) + 1);
    p->topic_images = arena_alloc(a, (size_t)b->topic_count * sizeof(char *) + 1);
    p->decks = arena_alloc(a, (size_t)deck_total * sizeof(Deck) + 1);
    for (int t = 0; t < b->topic_count; t++) {
        const BTopic *bt = &b->topics[t];
        p->topics[t] = (Topic){bt->id, bt->colour, bt->icon, t};
        p->topic_images[t] = bt->image;
        p->decks[t] = (Deck){bt->id, t};
    }
    for (int d = 0; d < b->deck_count; d++) {
        const BDeck *bd = &b->decks[d];
        if (idmap_get(&b->topic_ids, bd->id) >= 0) {
            snprintf(place, sizeof place, "decks[%d].id", bd->at.index);
            err_at(b, bd->at, place,
                   "deck id \"%s\" is also a topic id; every topic already "
                   "has a deck of its own id",
                   bd->id);
        }
        p->decks[b->topic_count + d] = (Deck){bd->id, -1};
    }

    /* Board. */
    p->spaces = arena_alloc(a, (size_t)b->space_count * sizeof(Space) + 1);
    int starts = 0;
    int pauses = 0;
    for (int s = 0; s < b->space_count; s++) {
        pauses += b->spaces[s].kind == SPACE_PAUSE;
    }
    for (int s = 0; s < b->space_count; s++) {
        const BSpace *bs = &b->spaces[s];
        int topic = -1;
        if (bs->kind == SPACE_TOPIC && bs->topic) {
            topic = idmap_get(&b->topic_ids, bs->topic);
            if (topic < 0) {
                snprintf(place, sizeof place, "board.spaces[%d].topic", bs->at.index);
                err_at(b, bs->at, place, "unknown topic \"%s\" (not in \"topics\")", bs->topic);
            }
        }
        snprintf(place, sizeof place, "board.spaces[%d].kind", bs->at.index);
        if (bs->kind == SPACE_START && ++starts == 2) {
            err_at(b, bs->at, place, "a second start space: the board needs exactly one");
        }
        if (bs->kind == SPACE_GO_TO_PAUSE && pauses == 0) {
            err_at(b, bs->at, place, "a go_to_pause space needs a pause space on the board");
        }
        if ((bs->kind == SPACE_SITUATION || bs->kind == SPACE_RIGHTS) &&
            idmap_get(&b->deck_ids, gamedef_space_kind_name(bs->kind)) < 0) {
            err_at(b, bs->at, place,
                   "a %s space draws from the shared deck \"%s\", which is "
                   "not in \"decks\"",
                   gamedef_space_kind_name(bs->kind), gamedef_space_kind_name(bs->kind));
        }
        p->spaces[s] = (Space){bs->id, bs->kind, topic};
    }
    if (starts == 0 && b->space_count > 0) {
        pack_errors_add(b->errors, PACK_SEVERITY_ERROR, b->board_file, "board.spaces",
                        "the board needs exactly one start space (it has none)");
        b->error_count++;
    }

    /* Cards. */
    p->cards = arena_alloc(a, (size_t)b->card_count * sizeof(Card) + 1);
    p->card_info = arena_alloc(a, (size_t)b->card_count * sizeof(PackCardInfo) + 1);
    int *deck_cards = arena_alloc(a, (size_t)deck_total * sizeof(int) + 1);
    for (int c = 0; c < b->card_count; c++) {
        const BCard *bc = &b->cards[c];
        int deck = -1;
        if (bc->topic) {
            deck = idmap_get(&b->topic_ids, bc->topic);
            if (deck < 0) {
                snprintf(place, sizeof place, "cards[%d].topic", bc->at.index);
                err_at(b, bc->at, place, "unknown topic \"%s\" (not in \"topics\")", bc->topic);
            }
        } else if (bc->deck) {
            int d = idmap_get(&b->deck_ids, bc->deck);
            snprintf(place, sizeof place, "cards[%d].deck", bc->at.index);
            if (d >= 0) {
                deck = b->topic_count + d;
            } else if (idmap_get(&b->topic_ids, bc->deck) >= 0) {
                err_at(b, bc->at, place, "\"%s\" is a topic: write \"topic\": \"%s\"", bc->deck,
                       bc->deck);
            } else {
                err_at(b, bc->at, place, "unknown deck \"%s\" (not in \"decks\")", bc->deck);
            }
        }
        if (deck >= 0) {
            deck_cards[deck]++;
        }
        if (bc->kind == CARD_ACTION) {
            bool found = bc->effect.kind != EFFECT_MOVE_TO && bc->effect.kind != EFFECT_GO_TO_PAUSE;
            SpaceKind want = bc->effect.kind == EFFECT_MOVE_TO ? bc->effect.target : SPACE_PAUSE;
            for (int s = 0; s < b->space_count && !found; s++) {
                found = b->spaces[s].kind == want;
            }
            if (!found) {
                snprintf(place, sizeof place, "cards[%d].effect%s", bc->at.index,
                         bc->effect.kind == EFFECT_MOVE_TO ? ".kind" : ".type");
                err_at(b, bc->at, place, "the board has no %s space to move to",
                       gamedef_space_kind_name(want));
            }
        }
        if (bc->min_age > b->age_max) {
            snprintf(place, sizeof place, "cards[%d].min_age", bc->at.index);
            pack_errors_add(b->errors, PACK_SEVERITY_WARNING, bc->at.file, place,
                            "min_age %d is above the pack's age.max %d: the card never shows",
                            bc->min_age, b->age_max);
        }
        p->cards[c] = (Card){bc->id,        deck < 0 ? 0 : deck, bc->kind,   bc->min_age,
                             bc->intensity, bc->options,         bc->answer, bc->effect};
        p->card_info[c] = (PackCardInfo){bc->notes, bc->note_count, bc->source, bc->image};
    }

    /* Every deck the board draws from needs cards. */
    for (int s = 0; s < b->space_count; s++) {
        const BSpace *bs = &b->spaces[s];
        int deck = -1;
        if (bs->kind == SPACE_TOPIC) {
            deck = idmap_get(&b->topic_ids, bs->topic ? bs->topic : "");
        } else if (bs->kind == SPACE_SITUATION || bs->kind == SPACE_RIGHTS) {
            int d = idmap_get(&b->deck_ids, gamedef_space_kind_name(bs->kind));
            deck = d < 0 ? -1 : b->topic_count + d;
        }
        if (deck >= 0 && deck_cards[deck] == 0) {
            snprintf(place, sizeof place, "board.spaces[%d]", bs->at.index);
            err_at(b, bs->at, place, "the deck \"%s\" this space draws from has no cards",
                   p->decks[deck].id);
            deck_cards[deck] = -1; /* report each deck once */
        }
    }
    for (int t = 0; t < b->topic_count; t++) {
        bool on_board = false;
        for (int s = 0; s < b->space_count && !on_board; s++) {
            on_board = b->spaces[s].kind == SPACE_TOPIC && b->spaces[s].topic &&
                       strcmp(b->spaces[s].topic, b->topics[t].id) == 0;
        }
        if (!on_board) {
            snprintf(place, sizeof place, "topics[%d]", b->topics[t].at.index);
            pack_errors_add(b->errors, PACK_SEVERITY_WARNING, b->topics[t].at.file, place,
                            "topic \"%s\" has no space on the board; its cards show only on "
                            "open spaces",
                            b->topics[t].id);
        }
    }
    if (b->rules.pause_rule == PAUSE_RULE_DOUBLES && b->rules.dice < 2) {
        pack_errors_add(b->errors, PACK_SEVERITY_ERROR, b->rules_file ? b->rules_file : top,
                        "rules.pause_rule", "pause rule \"doubles\" needs \"dice\": 2");
        b->error_count++;
    }

    p->def = (GameDef){b->id,     b->version,     p->topics, b->topic_count, p->decks, deck_total,
                       p->spaces, b->space_count, p->cards,  b->card_count,  b->rules};
}

static void build_free(PackBuild *b)
{
    idmap_clear(&b->topic_ids);
    idmap_clear(&b->deck_ids);
    idmap_clear(&b->card_ids);
    free(b->topics);
    free(b->decks);
    free(b->cards);
    for (int i = 0; i < b->strings_count; i++) {
        if (!b->strings[i].moved) {
            i18n_table_destroy(b->strings[i].table);
        }
    }
    free(b->strings);
    free(b->helplines);
    free(b->guides);
}

Pack *pack_load(const char *dir, const PackSearchPath *search, const PackLoadOptions *options,
                PackErrors *errors)
{
    Pack *p = content_xrealloc(NULL, sizeof *p);
    memset(p, 0, sizeof *p);
    PackBuild b = {0};
    b.arena = &p->arena;
    b.errors = errors;
    if (options) {
        b.options = *options;
    }
    if (b.options.today && content_is_date(b.options.today, NULL)) {
        memcpy(b.today, b.options.today, 11);
    } else {
        content_today(b.today);
    }
    /* The defaults of docs/pack-format.md for the rules a pack leaves out. */
    b.rules = (Rules){1, 6, 2, 2, 1, 0, 45, true, PAUSE_RULE_RIGHTS_OR_DOUBLES, 0};

    if (!dir || !load_layer(&b, dir, search, 0, NULL, 0)) {
        goto fail;
    }
    resolve(&b, p);
    if (b.error_count > 0) {
        goto fail;
    }
    const char *problem = gamedef_check(&p->def);
    if (problem) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, b.top_file, "-", "%s", problem);
        goto fail;
    }
    p->dir = arena_strdup(&p->arena, dir);
    p->id = b.id;
    p->version = b.version;
    p->license = b.license;
    p->source_locale = b.source_locale;
    p->extends = b.extends;
    p->authors = b.authors;
    p->author_count = b.author_count;
    p->age_min = b.age_min;
    p->age_max = b.age_max;
    build_check_strings(&b, p);
    build_check_helplines(&b);
    p->helpline_count = b.helpline_count;
    p->helplines = arena_alloc(&p->arena, (size_t)b.helpline_count * sizeof(BHelplines) + 1);
    p->countries = arena_alloc(&p->arena, (size_t)b.helpline_count * sizeof(char *) + 1);
    for (int i = 0; i < b.helpline_count; i++) {
        p->helplines[i] = b.helplines[i];
        p->countries[i] = b.helplines[i].country;
    }
    p->guide_count = b.guide_count;
    p->guides = arena_alloc(&p->arena, (size_t)b.guide_count * sizeof(BGuide) + 1);
    if (b.guide_count) {
        memcpy(p->guides, b.guides, (size_t)b.guide_count * sizeof(BGuide));
    }
    if (b.error_count > 0) {
        goto fail;
    }
    build_free(&b);
    return p;
fail:
    if (errors && errors->errors == 0) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, dir, "-", "the pack could not be loaded");
    }
    build_free(&b);
    pack_free(p);
    return NULL;
}

void pack_free(Pack *pack)
{
    if (!pack) {
        return;
    }
    for (int i = 0; pack->tables && i < pack->locale_count; i++) {
        i18n_table_destroy(pack->tables[i]);
    }
    arena_free(&pack->arena);
    free(pack);
}

/* ---- Accessors ---------------------------------------------------------------------------- */

const GameDef *pack_def(const Pack *pack)
{
    return &pack->def;
}

const char *pack_dir(const Pack *pack)
{
    return pack->dir;
}

const char *pack_id(const Pack *pack)
{
    return pack->id;
}

const char *pack_version(const Pack *pack)
{
    return pack->version;
}

const char *pack_license(const Pack *pack)
{
    return pack->license;
}

const char *pack_extends(const Pack *pack)
{
    return pack->extends;
}

const char *pack_title_key(const Pack *pack)
{
    (void)pack;
    return "pack.title";
}

const char *const *pack_authors(const Pack *pack, int *count)
{
    if (count) {
        *count = pack->author_count;
    }
    return pack->authors;
}

const char *const *pack_locales(const Pack *pack, int *count)
{
    if (count) {
        *count = pack->locale_count;
    }
    return pack->locales;
}

const char *pack_source_locale(const Pack *pack)
{
    return pack->source_locale;
}

void pack_age(const Pack *pack, int *min, int *max)
{
    if (min) {
        *min = pack->age_min;
    }
    if (max) {
        *max = pack->age_max;
    }
}

const PackCardInfo *pack_card_info(const Pack *pack, int card)
{
    if (card < 0 || card >= pack->def.card_count) {
        return NULL;
    }
    return &pack->card_info[card];
}

const char *pack_topic_image(const Pack *pack, int topic)
{
    if (topic < 0 || topic >= pack->def.topic_count) {
        return NULL;
    }
    return pack->topic_images[topic];
}

static int locale_index(const Pack *pack, const char *locale)
{
    char norm[I18N_TAG_MAX];
    if (!i18n_tag_normalize(locale, norm, sizeof norm)) {
        return -1;
    }
    for (int i = 0; i < pack->locale_count; i++) {
        if (strcmp(pack->locales[i], norm) == 0) {
            return i;
        }
    }
    return -1;
}

const StringTable *pack_strings(const Pack *pack, const char *locale)
{
    int i = locale_index(pack, locale);
    return i < 0 ? NULL : pack->tables[i];
}

void pack_add_strings(const Pack *pack, I18n *i18n)
{
    for (int i = 0; i < pack->locale_count; i++) {
        i18n_add_table(i18n, pack->tables[i]);
    }
}

int pack_coverage(const Pack *pack, const char *locale, int *total)
{
    int i = locale_index(pack, locale);
    if (total) {
        *total = i < 0 ? 0 : pack->coverage[i].total;
    }
    return i < 0 ? -1 : pack->coverage[i].missing;
}

const char *pack_text_pick(const PackText *texts, int count, const char *locale,
                           const char *source_locale)
{
    char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
    if (count <= 0 || !texts) {
        return NULL;
    }
    int n = i18n_fallback_chain(locale, source_locale, chain, I18N_CHAIN_MAX);
    for (int c = 0; c < n; c++) {
        for (int i = 0; i < count; i++) {
            if (strcmp(texts[i].locale, chain[c]) == 0) {
                return texts[i].text;
            }
        }
    }
    return texts[0].text;
}

const Helpline *pack_helplines(const Pack *pack, const char *country, int *count)
{
    *count = 0;
    if (!country || strlen(country) != 2) {
        return NULL;
    }
    char cc[3] = {(char)(country[0] & ~0x20), (char)(country[1] & ~0x20), '\0'};
    for (int i = 0; i < pack->helpline_count; i++) {
        if (strcmp(pack->helplines[i].country, cc) == 0) {
            *count = pack->helplines[i].count;
            return pack->helplines[i].lines;
        }
    }
    return NULL;
}

const char *const *pack_helpline_countries(const Pack *pack, int *count)
{
    if (count) {
        *count = pack->helpline_count;
    }
    return pack->countries;
}

int pack_helpline_age_days(const Helpline *line, const char *today)
{
    char now[11];
    int a = 0;
    int b = 0;
    if (!today) {
        content_today(now);
        today = now;
    }
    if (!content_is_date(line->verified_on, &a) || !content_is_date(today, &b)) {
        return -1;
    }
    return b - a;
}

bool pack_helpline_serves(const Helpline *line, const char *topic)
{
    for (int i = 0; i < line->topic_count; i++) {
        if (strcmp(line->topics[i], "all") == 0 || (topic && strcmp(line->topics[i], topic) == 0)) {
            return true;
        }
    }
    return false;
}

const char *pack_guide(const Pack *pack, const char *locale, const char **found_locale)
{
    char chain[I18N_CHAIN_MAX][I18N_TAG_MAX];
    int n = i18n_fallback_chain(locale, pack->source_locale, chain, I18N_CHAIN_MAX);
    for (int c = 0; c < n; c++) {
        for (int g = 0; g < pack->guide_count; g++) {
            if (strcmp(pack->guides[g].tag, chain[c]) == 0) {
                if (found_locale) {
                    *found_locale = pack->guides[g].tag;
                }
                return pack->guides[g].text;
            }
        }
    }
    if (found_locale) {
        *found_locale = NULL;
    }
    return NULL;
}
