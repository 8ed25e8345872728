/*
 * cmd_pack_new.c: `rutas pack new ID [--from BASE] [--lang TAG] [--region CC] [--out DIR]`:
 * starts a pack folder. With --from, an overlay (`extends`) holding only the files an NGO edits
 * to adapt a pack to its country: pack.json with notes on what goes where (`x-comment` fields,
 * which the loader ignores), a locale file for TAG, an empty help-line file for the region, a
 * guide stub and a README.md. Without --from, a blank pack with one topic, a four-space board
 * and one card that `rutas validate --strict` passes, to grow from.
 *
 * Nothing is overwritten: the command stops if the folder exists. The files are written from
 * templates here (no JSON library: the app never includes cJSON), and the new pack is loaded
 * once at the end to prove it is valid.
 */
#include "cmd_pack.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define WHO "rutas pack new"

static void usage(FILE *out)
{
    fputs("Usage: rutas pack new ID [--from BASE] [--lang TAG] [--region CC] [--out DIR]\n"
          "Start a content pack in the folder DIR/ID (DIR is the current folder by default).\n\n"
          "  --from BASE    make an overlay of the pack BASE (an id, such as rutas, or a pack\n"
          "                 folder): the new pack holds only what it adds or replaces\n"
          "  --lang TAG     the language to write in, such as es-GT (default: the base pack's\n"
          "                 source language, or es-MX for a blank pack)\n"
          "  --region CC    the country of the help lines, such as GT (default: the region of\n"
          "                 TAG, if it has one)\n"
          "  --out DIR      the folder to create the pack in (default: .)\n"
          "  --search DIR   also look for BASE in DIR\n"
          "  --help         show this help\n\n"
          "ID is lowercase letters, digits and '-', such as rutas-gt. Without --from the pack\n"
          "is blank: one topic, one card, and nothing else to remove.\n",
          out);
}

static bool is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > PACK_LIMIT_ID) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

/* Writes text to dir/rel, replacing each {NAME} with the value of vars[] (pairs of name and
 * value, NULL-terminated). */
static bool write_template(const char *dir, const char *rel, const char *text,
                           const char *const *vars)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wx");
    if (f == NULL) {
        fprintf(stderr, WHO ": cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    for (const char *p = text; *p;) {
        bool replaced = false;
        if (*p == '{') {
            for (int v = 0; vars[v] != NULL; v += 2) {
                size_t n = strlen(vars[v]);
                if (strncmp(p + 1, vars[v], n) == 0 && p[1 + n] == '}') {
                    fputs(vars[v + 1], f);
                    p += n + 2;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            fputc(*p++, f);
        }
    }
    bool ok = fclose(f) == 0;
    if (!ok) {
        fprintf(stderr, WHO ": cannot write %s: %s\n", path, strerror(errno));
    }
    return ok;
}

/* ---- Templates ---------------------------------------------------------------------------- */

static const char overlay_pack_json[] =
    "{\n"
    "  \"x-comment\": \"This pack is an overlay of the pack '{BASE}': the game loads '{BASE}', "
    "then applies what this folder adds or replaces. Fields whose name starts with x- are notes "
    "and are ignored. README.md in this folder says what goes where.\",\n"
    "  \"format\": 1,\n"
    "  \"id\": \"{ID}\",\n"
    "  \"version\": \"0.1.0\",\n"
    "  \"extends\": \"{BASE}\",\n"
    "  \"x-comment-locales\": \"Languages this pack adds. locales/{TAG}.json holds only the texts "
    "that differ from '{BASE}': every text it lacks is shown from {SRC}.\",\n"
    "  \"locales\": [\"{TAG}\"],\n"
    "  \"x-comment-helplines\": \"helplines/{CC}.json lists the help lines of {CC}, shown when "
    "the facilitator picks that region. Every number needs a public source (a web address) and "
    "verified_on, the day someone checked it there. Never add a number nobody has checked.\",\n"
    "  \"x-comment-cards\": \"To rewrite a card (for local law, say), copy its line from the "
    "pack.json of '{BASE}' into a list \\\"cards\\\" here, keeping its id, and put its new texts "
    "in locales/{TAG}.json. A card with a new id is added. Topics work the same way.\",\n"
    "  \"x-comment-metadata\": \"When you publish, add \\\"authors\\\" and \\\"license\\\": they "
    "replace those of '{BASE}', so name its authors too and keep a compatible licence.\"\n"
    "}\n";

static const char overlay_locale[] = "{\n"
                                     "  \"locale\": {\n"
                                     "    \"name\": \"{TAG}\"\n"
                                     "  }\n"
                                     "}\n";

static const char helplines_empty[] = "{\n"
                                      "  \"format\": 1,\n"
                                      "  \"country\": \"{CC}\",\n"
                                      "  \"lines\": []\n"
                                      "}\n";

static const char guide_es[] =
    "# Guía para facilitar ({TAG})\n\n"
    "Escriban aquí lo que quien facilita necesita saber en {CC}. La guía del paquete '{BASE}' "
    "se muestra mientras este archivo no tenga texto propio.\n\n"
    "## Acuerdos del grupo\n\n"
    "- Cualquier persona puede pasar, sin dar razones.\n"
    "- No se hacen preguntas personales.\n\n"
    "## Límites de la confidencialidad\n\n"
    "(Qué se queda en el grupo y qué no, según la ley y las normas de su organización.)\n\n"
    "## Si una persona joven cuenta que vive abuso o explotación\n\n"
    "(Cómo escuchar, qué no preguntar, a quién avisar y en qué plazo.)\n\n"
    "## Ruta de atención local\n\n"
    "(Las instituciones de {CC} a las que se canaliza, con sus datos verificados.)\n\n"
    "## Persona responsable de protección\n\n"
    "(Nombre del cargo y cómo contactarla durante la sesión.)\n";

static const char guide_en[] =
    "# Facilitator guide ({TAG})\n\n"
    "Write here what a facilitator in {CC} needs to know. The guide of the pack '{BASE}' is "
    "shown until this file has its own text.\n\n"
    "## Ground rules\n\n"
    "- Anyone can pass, without giving a reason.\n"
    "- No personal questions.\n\n"
    "## The limits of confidentiality\n\n"
    "(What stays in the group and what does not, under the law and your organisation's "
    "policy.)\n\n"
    "## If a young person discloses abuse or exploitation\n\n"
    "(How to listen, what not to ask, whom to tell and how soon.)\n\n"
    "## Local referral path\n\n"
    "(The services of {CC} you refer to, with verified contact details.)\n\n"
    "## Designated safeguarding lead\n\n"
    "(The role, and how to reach them during a session.)\n";

static const char overlay_readme[] =
    "# {ID}: an overlay of the pack '{BASE}'\n\n"
    "The game loads '{BASE}' first, then what this folder adds or replaces. Keep here only what "
    "differs: when '{BASE}' is updated, everything you did not replace is updated too.\n\n"
    "| File | What goes in it |\n"
    "|---|---|\n"
    "| `pack.json` | What the pack changes: new or rewritten cards (same id as in '{BASE}' to "
    "replace one), languages added, your organisation as author when you publish. The "
    "`x-comment` fields are notes; the game ignores them. |\n"
    "| `locales/{TAG}.json` | The texts in {TAG} that differ from '{BASE}': set `locale.name` to "
    "the language's own name (\"Español (Guatemala)\"), then add the texts of the cards you "
    "rewrite, such as `\"card\": {\"rel-05\": {\"prompt\": \"...\"}}`. Any text missing here "
    "is shown from {SRC}. |\n"
    "| `helplines/{CC}.json` | The help lines of {CC}. Every line needs a `source` (a public "
    "web page that shows the number) and `verified_on` (the day someone checked it there, "
    "`YYYY-MM-DD`). Never add a number nobody has checked; check them again every year. |\n"
    "| `guide/{TAG}.md` | The facilitator guide for {CC}: ground rules, confidentiality, what "
    "to do after a disclosure, the local referral path. |\n\n"
    "After every change:\n\n"
    "    rutas pack check {ID}\n\n"
    "To see every text of '{BASE}' in a spreadsheet: `rutas pack export-csv {ID} --out "
    "cards.csv`. To play: `rutas --pack {ID} --lang {TAG} --region {CC}`.\n"
    "The whole workflow is in docs/authoring.md (docs/es/authoring.md in Spanish).\n";

static const char blank_pack_json[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"id\": \"{ID}\",\n"
    "  \"version\": \"0.1.0\",\n"
    "  \"source_locale\": \"{TAG}\",\n"
    "  \"locales\": [\"{TAG}\"],\n"
    "  \"license\": \"CC-BY-SA-4.0\",\n"
    "  \"authors\": [\"{AUTHOR}\"],\n"
    "  \"age\": {\"min\": 12, \"max\": 18},\n"
    "  \"topics\": [\n"
    "    {\"id\": \"relationships\", \"colour\": \"#CC6677\", \"icon\": \"heart\"}\n"
    "  ],\n"
    "  \"board\": {\"spaces\": [\n"
    "    {\"id\": \"start\", \"kind\": \"start\"},\n"
    "    {\"id\": \"stop-relationships\", \"kind\": \"topic\", \"topic\": \"relationships\"},\n"
    "    {\"id\": \"pause\", \"kind\": \"pause\"},\n"
    "    {\"id\": \"open\", \"kind\": \"open\"}\n"
    "  ]},\n"
    "  \"rules\": {\"dice\": 1, \"sides\": 6, \"rounds\": 6, \"minutes\": 45},\n"
    "  \"cards\": [\n"
    "    {\"id\": \"rel-01\", \"topic\": \"relationships\", \"kind\": \"discuss\", \"min_age\": "
    "12, \"intensity\": 1, \"content_notes\": [], \"source\": \"general: UN Convention on the "
    "Rights of the Child, article 12\"}\n"
    "  ]\n"
    "}\n";

static const char blank_locale_es[] =
    "{\n"
    "  \"locale\": {\n"
    "    \"name\": \"{TAG}\"\n"
    "  },\n"
    "  \"pack\": {\n"
    "    \"title\": \"{ID}\"\n"
    "  },\n"
    "  \"topic\": {\n"
    "    \"relationships\": {\n"
    "      \"name\": \"Relaciones\"\n"
    "    }\n"
    "  },\n"
    "  \"card\": {\n"
    "    \"rel-01\": {\n"
    "      \"prompt\": \"¿Qué hace que una amistad sea de confianza?\",\n"
    "      \"note\": \"Mensaje clave: la confianza se construye con respeto. Para seguir: ¿cómo "
    "se nota el respeto?\"\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char blank_locale_en[] =
    "{\n"
    "  \"locale\": {\n"
    "    \"name\": \"{TAG}\"\n"
    "  },\n"
    "  \"pack\": {\n"
    "    \"title\": \"{ID}\"\n"
    "  },\n"
    "  \"topic\": {\n"
    "    \"relationships\": {\n"
    "      \"name\": \"Relationships\"\n"
    "    }\n"
    "  },\n"
    "  \"card\": {\n"
    "    \"rel-01\": {\n"
    "      \"prompt\": \"What makes a friendship one you can trust?\",\n"
    "      \"note\": \"Key message: trust is built on respect. Follow-up: how can you tell "
    "someone respects you?\"\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char blank_readme[] =
    "# {ID}\n\n"
    "A new Rutas pack: one topic, a four-space board and one card, written in {TAG}. Grow it "
    "from here; docs/pack-format.md describes every field and docs/authoring.md the "
    "workflow.\n\n"
    "| File | What goes in it |\n"
    "|---|---|\n"
    "| `pack.json` | Structure only, no prose: topics, the board, rules, and every card's id, "
    "kind, age, intensity, content notes and source. |\n"
    "| `locales/{TAG}.json` | Every text, keyed by the ids of pack.json: `card.<id>.prompt`, "
    "`topic.<id>.name`... Set `locale.name` to the language's own name. |\n"
    "| `helplines/{CC}.json` | The help lines of {CC}, each with a public `source` (a web page "
    "that shows the number) and `verified_on` (the day someone checked it there). Never add a "
    "number nobody has checked. |\n"
    "| `guide/{TAG}.md` | An optional facilitator guide. |\n\n"
    "After every change:\n\n"
    "    rutas pack check {ID}\n";

/* ---- The command -------------------------------------------------------------------------- */

static bool make_dir(const char *dir, const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    if (!pack_make_dirs(path)) {
        fprintf(stderr, WHO ": cannot create the folder %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}

/* The region subtag of a normalized tag ("GT" of "es-GT"), or "". */
static void tag_region(const char *tag, char out[4])
{
    out[0] = '\0';
    const char *p = tag;
    while ((p = strchr(p, '-')) != NULL) {
        p++;
        size_t n = strcspn(p, "-");
        if (n == 2 && p[0] >= 'A' && p[0] <= 'Z') {
            memcpy(out, p, 2);
            out[2] = '\0';
        }
    }
}

int cmd_pack_new(int argc, char **argv)
{
    const char *id = NULL, *from = NULL, *lang = NULL, *region = NULL, *out = ".";
    const char *extra[4];
    int extra_count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        int r;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--from", &from, WHO)) != 0 ||
            (r = pack_opt_value(argc, argv, &i, "--lang", &lang, WHO)) != 0 ||
            (r = pack_opt_value(argc, argv, &i, "--region", &region, WHO)) != 0 ||
            (r = pack_opt_value(argc, argv, &i, "--out", &out, WHO)) != 0) {
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
        if (id != NULL) {
            return pack_usage_error(WHO, "unexpected argument '%s' (one ID only)", a);
        }
        id = a;
    }
    if (id == NULL) {
        return pack_usage_error(WHO, "no ID given");
    }
    if (!is_id(id)) {
        fprintf(stderr,
                WHO ": '%s' is not a pack id: use lowercase letters, digits and '-' (at most "
                    "%d), such as rutas-gt\n",
                id, PACK_LIMIT_ID);
        return 2;
    }
    char tag[I18N_TAG_MAX] = "";
    if (lang != NULL && !i18n_tag_normalize(lang, tag, sizeof tag)) {
        fprintf(stderr, WHO ": --lang: '%s' is not a language tag such as es-GT or fr\n", lang);
        return 2;
    }
    char cc[4] = "";
    if (region != NULL) {
        if (strlen(region) != 2 || !((region[0] | 0x20) >= 'a' && (region[0] | 0x20) <= 'z') ||
            !((region[1] | 0x20) >= 'a' && (region[1] | 0x20) <= 'z')) {
            fprintf(stderr, WHO ": --region: '%s' is not a two-letter country code such as GT\n",
                    region);
            return 2;
        }
        cc[0] = (char)(region[0] & ~0x20);
        cc[1] = (char)(region[1] & ~0x20);
        cc[2] = '\0';
    }

    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s/%s", out, id) >= (int)sizeof dir) {
        fprintf(stderr, WHO ": the path %s/%s is too long\n", out, id);
        return 2;
    }
    if (pack_is_dir(dir) || pack_is_file(dir)) {
        fprintf(stderr, WHO ": %s already exists; choose another ID or --out folder\n", dir);
        return 1;
    }

    int status = 1;
    Pack *base = NULL;
    PackDirs dirs;
    pack_dirs_init(&dirs, NULL, extra, extra_count);
    /* The new pack's own parent folder is searched too, so packs side by side find each other. */
    if (dirs.count < (int)(sizeof dirs.dirs / sizeof dirs.dirs[0])) {
        dirs.dirs[dirs.count] = malloc(strlen(out) + 1);
        if (dirs.dirs[dirs.count] == NULL) {
            abort();
        }
        strcpy(dirs.dirs[dirs.count++], out);
    }
    char base_id[PACK_LIMIT_ID + 1] = "";
    /* A blank pack starts in the default pack's language and region unless told otherwise. */
    char source[I18N_TAG_MAX] = "es-MX";
    if (from != NULL) {
        char base_dir[PATH_MAX];
        PackSearchPath search = pack_dirs_search(&dirs);
        char probe[PATH_MAX];
        snprintf(probe, sizeof probe, "%s/pack.json", from);
        if (pack_is_file(probe)) {
            snprintf(base_dir, sizeof base_dir, "%s", from);
        } else if (!is_id(from) || !pack_search_find(&search, from, base_dir, sizeof base_dir)) {
            fprintf(stderr, WHO ": --from: no pack \"%s\" found in", from);
            for (int i = 0; i < dirs.count; i++) {
                fprintf(stderr, "%s %s", i ? "," : "", dirs.dirs[i]);
            }
            fputs(" (give a pack id or a pack folder)\n", stderr);
            goto done;
        }
        PackErrors errors;
        pack_errors_init(&errors);
        PackDirs base_dirs;
        pack_dirs_init(&base_dirs, base_dir, extra, extra_count);
        base = pack_cmd_load(WHO, base_dir, &base_dirs, NULL, &errors, false, stderr);
        pack_dirs_free(&base_dirs);
        pack_errors_clear(&errors);
        if (base == NULL) {
            goto done;
        }
        snprintf(base_id, sizeof base_id, "%s", pack_id(base));
        snprintf(source, sizeof source, "%s", pack_source_locale(base));
        if (strcmp(base_id, id) == 0) {
            fprintf(stderr, WHO ": the new pack needs an id of its own, not \"%s\"\n", id);
            goto done;
        }
    }
    if (tag[0] == '\0') {
        snprintf(tag, sizeof tag, "%s", source);
    }
    if (cc[0] == '\0') {
        tag_region(tag, cc);
    }
    if (cc[0] == '\0') {
        fprintf(stderr,
                WHO ": which country are the help lines for? Give --region CC (such as GT), "
                    "or a --lang with a region (such as es-GT)\n");
        goto done;
    }

    char lang_only[I18N_TAG_MAX];
    i18n_tag_language(tag, lang_only, sizeof lang_only);
    bool spanish = strcmp(lang_only, "es") == 0;
    const char *vars[] = {"ID",  id,     "BASE", base_id, "TAG",    tag,
                          "SRC", source, "CC",   cc,      "AUTHOR", "Your organisation",
                          NULL};
    char rel[256];
    if (!make_dir(dir, "") || !make_dir(dir, "locales") || !make_dir(dir, "guide")) {
        goto done;
    }
    snprintf(rel, sizeof rel, "locales/%s.json", tag);
    if (from != NULL) {
        snprintf(rel, sizeof rel, "locales/%s.json", tag);
        if (!write_template(dir, "pack.json", overlay_pack_json, vars) ||
            !write_template(dir, rel, overlay_locale, vars) ||
            !write_template(dir, "README.md", overlay_readme, vars)) {
            goto done;
        }
    } else if (!write_template(dir, "pack.json", blank_pack_json, vars) ||
               !write_template(dir, rel, spanish ? blank_locale_es : blank_locale_en, vars) ||
               !write_template(dir, "README.md", blank_readme, vars)) {
        goto done;
    }
    snprintf(rel, sizeof rel, "helplines/%s.json", cc);
    if (!make_dir(dir, "helplines") || !write_template(dir, rel, helplines_empty, vars)) {
        goto done;
    }
    snprintf(rel, sizeof rel, "guide/%s.md", tag);
    if (!write_template(dir, rel, spanish ? guide_es : guide_en, vars)) {
        goto done;
    }

    /* The new pack must load: a template that does not is a bug here, not the author's. */
    PackErrors errors;
    pack_errors_init(&errors);
    PackSearchPath search = pack_dirs_search(&dirs);
    Pack *made = pack_load(dir, &search, NULL, &errors);
    if (made == NULL) {
        pack_print_errors(&errors, false, stderr);
        fprintf(stderr, WHO ": the new pack in %s does not load (see above)\n", dir);
        pack_errors_clear(&errors);
        goto done;
    }
    pack_free(made);
    pack_errors_clear(&errors);
    if (from != NULL) {
        printf("%s: a new overlay of \"%s\" in %s, with help lines for %s\n", dir, base_id, tag,
               cc);
    } else {
        printf("%s: a new blank pack in %s\n", dir, tag);
    }
    printf("  pack.json\n  locales/%s.json\n", tag);
    printf("  helplines/%s.json (empty: add lines with a public source and verified_on)\n", cc);
    printf("  guide/%s.md\n  README.md (what goes where)\n", tag);
    printf("Next: edit the files, then run: rutas pack check %s\n", dir);
    status = 0;
done:
    pack_free(base);
    pack_dirs_free(&dirs);
    return status;
}
