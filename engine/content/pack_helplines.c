/*
 * pack_helplines.c: helplines/<CC>.json (help resources of one country) and guide/<tag>.md.
 *
 * A help line is shown to young people in distress, so a number without a date it was
 * verified on, or verified on a date in the future, is an error, and one verified more than
 * 12 months ago is a warning (DESIGN.md section 2: never ship an unverified number).
 */
#include "pack_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_country(const char *s, size_t n)
{
    return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* Names of the files in dir/sub ending in suffix, sorted so messages come in a stable order.
 * More than PACK_LIMIT_FILES of them is an error (and only that many are read). */
static int list_files(PackBuild *b, const char *dir, const char *sub, const char *suffix,
                      char ***out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    *out = NULL;
    DIR *d = opendir(path);
    if (!d) {
        return 0;
    }
    int count = 0;
    size_t sn = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n <= sn || strcmp(e->d_name + n - sn, suffix) != 0) {
            continue;
        }
        if (count == PACK_LIMIT_FILES) {
            pack_errors_add(b->errors, PACK_SEVERITY_ERROR, path, "-",
                            "more than %d %s files in %s/ (the limit is %d)", PACK_LIMIT_FILES,
                            suffix, sub, PACK_LIMIT_FILES);
            b->error_count++;
            break;
        }
        *out = content_xrealloc(*out, (size_t)(count + 1) * sizeof **out);
        (*out)[count] = content_xrealloc(NULL, n + 1);
        memcpy((*out)[count++], e->d_name, n + 1);
    }
    closedir(d);
    for (int i = 1; i < count; i++) {
        for (int j = i; j > 0 && strcmp((*out)[j - 1], (*out)[j]) > 0; j--) {
            char *t = (*out)[j];
            (*out)[j] = (*out)[j - 1];
            (*out)[j - 1] = t;
        }
    }
    return count;
}

static void free_list(char **list, int count)
{
    for (int i = 0; i < count; i++) {
        free(list[i]);
    }
    free(list);
}

static const char *str_field(Ctx *ctx, Arena *arena, const cJSON *obj, const char *path,
                             const char *name, bool required)
{
    char place[128];
    snprintf(place, sizeof place, "%s.%s", path, name);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        if (required) {
            ctx_error(ctx, place, "missing required field \"%s\"", name);
        }
        return required ? NULL : "";
    }
    if (!cJSON_IsString(v) || strlen(v->valuestring) > PACK_LIMIT_STRING) {
        ctx_error(ctx, place, "must be a string (at most %d bytes)", PACK_LIMIT_STRING);
        return NULL;
    }
    return arena_strdup(arena, v->valuestring);
}

static const PackText *texts_field(Ctx *ctx, Arena *arena, const cJSON *obj, const char *path,
                                   const char *name, bool required, int *count)
{
    char place[128];
    snprintf(place, sizeof place, "%s.%s", path, name);
    *count = 0;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v) {
        if (required) {
            ctx_error(ctx, place,
                      "missing required field \"%s\" (an object of texts by "
                      "language, such as {\"es-MX\": \"...\"})",
                      name);
        }
        return NULL;
    }
    if (!cJSON_IsObject(v) || cJSON_GetArraySize(v) > PACK_LIMIT_LIST) {
        ctx_error(ctx, place,
                  "must be an object of texts by language, such as {\"es-MX\": "
                  "\"...\", \"en\": \"...\"}");
        return NULL;
    }
    PackText *texts = arena_alloc(arena, (size_t)cJSON_GetArraySize(v) * sizeof *texts + 1);
    for (const cJSON *c = v->child; c; c = c->next) {
        char sub[192];
        char norm[I18N_TAG_MAX];
        snprintf(sub, sizeof sub, "%s.%s", place, c->string);
        if (!i18n_tag_normalize(c->string, norm, sizeof norm) || strcmp(norm, c->string) != 0) {
            ctx_error(ctx, sub, "\"%s\" is not a language tag such as \"es-MX\" or \"en\"",
                      c->string);
        } else if (!cJSON_IsString(c) || !*c->valuestring ||
                   strlen(c->valuestring) > PACK_LIMIT_STRING) {
            ctx_error(ctx, sub, "must be a non-empty string");
        } else {
            texts[(*count)++] =
                (PackText){arena_strdup(arena, c->string), arena_strdup(arena, c->valuestring)};
        }
    }
    if (required && *count == 0) {
        ctx_error(ctx, place, "needs a text in at least one language");
    }
    return texts;
}

static void read_line(PackBuild *b, Ctx *ctx, const cJSON *o, const char *path, Helpline *h)
{
    static const char *const fields[] = {"id",     "number",      "whatsapp", "web",
                                         "topics", "verified_on", "source",   "name",
                                         "hours",  "cost",        "what",     NULL};
    char place[128];
    for (const cJSON *c = o->child; c; c = c->next) {
        bool known = strncmp(c->string, "x-", 2) == 0;
        for (int i = 0; fields[i] && !known; i++) {
            known = strcmp(fields[i], c->string) == 0;
        }
        if (!known) {
            snprintf(place, sizeof place, "%s.%s", path, c->string);
            ctx_error(ctx, place, "unknown field \"%s\"", c->string);
        }
    }
    Arena *a = b->arena;
    h->id = str_field(ctx, a, o, path, "id", true);
    if (h->id && !content_is_id(h->id)) {
        snprintf(place, sizeof place, "%s.id", path);
        ctx_error(ctx, place,
                  "\"%s\" is not a valid id: use only lowercase letters a-z, digits "
                  "0-9 and '-'",
                  h->id);
    }
    h->number = str_field(ctx, a, o, path, "number", false);
    h->whatsapp = str_field(ctx, a, o, path, "whatsapp", false);
    h->web = str_field(ctx, a, o, path, "web", false);
    if (h->number && h->whatsapp && h->web && !*h->number && !*h->whatsapp && !*h->web) {
        ctx_error(ctx, path, "a help line needs a \"number\", \"whatsapp\" or \"web\"");
    }
    for (const char *const *f = (const char *const[]){"number", "whatsapp", NULL}; *f; f++) {
        const char *v = strcmp(*f, "number") == 0 ? h->number : h->whatsapp;
        for (const char *p = v; p && *p; p++) {
            if (!strchr("0123456789 +-()", *p)) {
                snprintf(place, sizeof place, "%s.%s", path, *f);
                ctx_error(ctx, place,
                          "\"%s\" is not a phone number (digits, spaces, + - ( ) "
                          "only)",
                          v);
                break;
            }
        }
    }
    if (h->web && *h->web && strncmp(h->web, "https://", 8) && strncmp(h->web, "http://", 7)) {
        snprintf(place, sizeof place, "%s.web", path);
        ctx_error(ctx, place, "\"%s\" must start with https:// or http://", h->web);
    }
    h->verified_on = str_field(ctx, a, o, path, "verified_on", true);
    if (h->verified_on) {
        snprintf(place, sizeof place, "%s.verified_on", path);
        int when = 0;
        int today = 0;
        content_is_date(b->today, &today);
        if (!content_is_date(h->verified_on, &when)) {
            ctx_error(ctx, place, "\"%s\" is not a date written YYYY-MM-DD", h->verified_on);
        } else if (when > today) {
            ctx_error(ctx, place, "verified on %s, which is after today (%s)", h->verified_on,
                      b->today);
        } else if (today - when > 365) {
            ctx_warn(ctx, place,
                     "verified on %s, more than 12 months ago: check the number "
                     "again and update verified_on",
                     h->verified_on);
        }
    }
    h->source = str_field(ctx, a, o, path, "source", true);
    if (h->source && !*h->source) {
        snprintf(place, sizeof place, "%s.source", path);
        ctx_error(ctx, place, "must say where the number was verified");
    }
    const cJSON *topics = cJSON_GetObjectItemCaseSensitive(o, "topics");
    snprintf(place, sizeof place, "%s.topics", path);
    if (!topics) {
        ctx_error(ctx, place, "missing required field \"topics\" (topic ids, or [\"all\"])");
    } else if (!cJSON_IsArray(topics) || cJSON_GetArraySize(topics) < 1 ||
               cJSON_GetArraySize(topics) > PACK_LIMIT_LIST) {
        ctx_error(ctx, place, "must be an array of 1 to %d topic ids, or [\"all\"]",
                  PACK_LIMIT_LIST);
    } else {
        const char **list = arena_alloc(a, (size_t)cJSON_GetArraySize(topics) * sizeof(char *));
        int i = 0;
        for (const cJSON *t = topics->child; t; t = t->next, i++) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s[%d]", place, i);
            if (!cJSON_IsString(t) || (strcmp(t->valuestring, "all") != 0 &&
                                       idmap_get(&b->topic_ids, t->valuestring) < 0)) {
                ctx_error(ctx, sub,
                          "unknown topic \"%s\" (use a topic id of the pack, or "
                          "\"all\")",
                          cJSON_IsString(t) ? t->valuestring : "?");
            } else {
                list[h->topic_count++] = arena_strdup(a, t->valuestring);
            }
        }
        h->topics = list;
    }
    h->name = texts_field(ctx, a, o, path, "name", true, &h->name_count);
    h->hours = texts_field(ctx, a, o, path, "hours", false, &h->hours_count);
    h->cost = texts_field(ctx, a, o, path, "cost", false, &h->cost_count);
    h->what = texts_field(ctx, a, o, path, "what", false, &h->what_count);
}

static void read_helpline_file(PackBuild *b, const char *dir, const char *dir_real,
                               const char *name)
{
    char rel[300];
    snprintf(rel, sizeof rel, "helplines/%s", name);
    Ctx ctx = {b->errors, arena_printf(b->arena, "%s/%s", dir, rel), 0};
    size_t n = strlen(name) - 5;
    if (!is_country(name, n)) {
        ctx_error(&ctx, "-",
                  "a help line file is named by its country's ISO 3166 code in "
                  "capitals, such as MX.json");
        b->error_count += ctx.error_count;
        return;
    }
    char country[3] = {name[0], name[1], '\0'};
    size_t size = 0;
    char *text =
        content_read_file(&ctx, dir, dir_real, rel, PACK_LIMIT_HELPLINE_BYTES, true, &size);
    cJSON *root = text ? content_parse_json(&ctx, text, size) : NULL;
    free(text);
    if (!root) {
        b->error_count += ctx.error_count;
        return;
    }
    BHelplines set = {arena_strdup(b->arena, country), ctx.file, NULL, 0};
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *cc = cJSON_GetObjectItemCaseSensitive(root, "country");
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(root, "lines");
    if (!cJSON_IsObject(root)) {
        ctx_error(&ctx, "-", "a help line file must hold one JSON object");
    } else {
        for (const cJSON *c = root->child; c; c = c->next) {
            if (strcmp(c->string, "format") && strcmp(c->string, "country") &&
                strcmp(c->string, "lines") && strncmp(c->string, "x-", 2)) {
                ctx_error(&ctx, c->string,
                          "unknown field \"%s\" (expected format, country, "
                          "lines)",
                          c->string);
            }
        }
        if (!cJSON_IsNumber(format) || format->valuedouble != PACK_FORMAT_VERSION) {
            ctx_error(&ctx, "format", "\"format\" must be %d", PACK_FORMAT_VERSION);
        }
        if (!cJSON_IsString(cc) || strcmp(cc->valuestring, country) != 0) {
            ctx_error(&ctx, "country", "\"country\" must be \"%s\", as in the file name", country);
        }
        if (!cJSON_IsArray(lines) || cJSON_GetArraySize(lines) > PACK_LIMIT_HELPLINES) {
            ctx_error(&ctx, "lines", "\"lines\" must be an array of at most %d help lines",
                      PACK_LIMIT_HELPLINES);
        } else {
            set.lines =
                arena_alloc(b->arena, (size_t)cJSON_GetArraySize(lines) * sizeof(Helpline) + 1);
            int i = 0;
            for (const cJSON *o = lines->child; o; o = o->next, i++) {
                char path[32];
                snprintf(path, sizeof path, "lines[%d]", i);
                if (!cJSON_IsObject(o)) {
                    ctx_error(&ctx, path, "must be an object");
                    continue;
                }
                Helpline *h = &set.lines[set.count];
                read_line(b, &ctx, o, path, h);
                for (int j = 0; h->id && j < set.count; j++) {
                    if (set.lines[j].id && strcmp(set.lines[j].id, h->id) == 0) {
                        char place[48];
                        snprintf(place, sizeof place, "%s.id", path);
                        ctx_error(&ctx, place, "duplicate help line id \"%s\"", h->id);
                    }
                }
                set.count++;
            }
        }
    }
    cJSON_Delete(root);
    /* An overlay's file replaces its base's file for the same country. */
    int slot = b->helpline_count;
    for (int i = 0; i < b->helpline_count; i++) {
        if (strcmp(b->helplines[i].country, country) == 0) {
            slot = i;
        }
    }
    if (slot == b->helpline_count) {
        if (b->helpline_count == b->helpline_cap) {
            b->helpline_cap = b->helpline_cap ? b->helpline_cap * 2 : 8;
            b->helplines =
                content_xrealloc(b->helplines, (size_t)b->helpline_cap * sizeof *b->helplines);
        }
        b->helpline_count++;
    }
    b->helplines[slot] = set;
    b->error_count += ctx.error_count;
}

void build_read_helplines(PackBuild *b, const char *dir, const char *dir_real)
{
    char **names = NULL;
    int count = list_files(b, dir, "helplines", ".json", &names);
    for (int i = 0; i < count; i++) {
        read_helpline_file(b, dir, dir_real, names[i]);
    }
    free_list(names, count);
}

void build_read_guides(PackBuild *b, const char *dir, const char *dir_real)
{
    char **names = NULL;
    int count = list_files(b, dir, "guide", ".md", &names);
    for (int i = 0; i < count; i++) {
        char rel[300];
        char tag[I18N_TAG_MAX];
        snprintf(rel, sizeof rel, "guide/%s", names[i]);
        Ctx ctx = {b->errors, arena_printf(b->arena, "%s/%s", dir, rel), 0};
        snprintf(tag, sizeof tag, "%.*s", (int)(strlen(names[i]) - 3), names[i]);
        bool listed = false;
        for (int l = 0; l < b->locale_count && !listed; l++) {
            listed = strcmp(b->locales[l], tag) == 0;
        }
        if (!listed) {
            ctx_warn(&ctx, "-",
                     "the guide's language \"%s\" is not in pack.json \"locales\"; "
                     "it is ignored",
                     tag);
            continue;
        }
        size_t size = 0;
        char *text =
            content_read_file(&ctx, dir, dir_real, rel, PACK_LIMIT_GUIDE_BYTES, true, &size);
        if (text && content_check_utf8(&ctx, text, size)) {
            int slot = b->guide_count;
            for (int g = 0; g < b->guide_count; g++) {
                if (strcmp(b->guides[g].tag, tag) == 0) {
                    slot = g;
                }
            }
            if (slot == b->guide_count) {
                if (b->guide_count == b->guide_cap) {
                    b->guide_cap = b->guide_cap ? b->guide_cap * 2 : 8;
                    b->guides =
                        content_xrealloc(b->guides, (size_t)b->guide_cap * sizeof *b->guides);
                }
                b->guide_count++;
            }
            b->guides[slot] = (BGuide){arena_strdup(b->arena, tag), arena_strdup(b->arena, text)};
        }
        free(text);
        b->error_count += ctx.error_count;
    }
    free_list(names, count);
}

void build_check_helplines(PackBuild *b)
{
    if (b->helpline_count == 0) {
        pack_errors_add(b->errors, PACK_SEVERITY_WARNING, b->top_file, "-",
                        "the pack has no helplines/<CC>.json: the help screen will have no "
                        "local help lines to show");
    }
    for (int i = 0; i < b->helpline_count; i++) {
        const BHelplines *set = &b->helplines[i];
        for (int l = 0; l < set->count; l++) {
            const Helpline *h = &set->lines[l];
            bool has_source = false;
            for (int t = 0; t < h->name_count && !has_source; t++) {
                has_source = strcmp(h->name[t].locale, b->source_locale) == 0;
            }
            if (h->name_count > 0 && !has_source) {
                char place[48];
                snprintf(place, sizeof place, "lines[%d].name", l);
                pack_errors_add(b->errors, PACK_SEVERITY_WARNING, set->file, place,
                                "no name in the pack's source locale %s", b->source_locale);
            }
        }
    }
}
