/*
 * cmd_pack_translate.c: `rutas pack translate PATH --to TAG [--copy]`: starts (or brings up to
 * date) a translation of a pack. Writes locales/TAG.json with every key of the source language
 * in the source's order, each value empty (not translated yet: the game shows the source text
 * until it is filled in) or, with --copy, the source text to edit; a translation that exists
 * keeps every text it has. Writes locales/TAG.notes.md for translators: per key, what it is,
 * where it shows, how long it may be, the placeholders to keep, and the facilitator's note of
 * each card. Adds TAG to pack.json's `locales`.
 *
 * The locale file is plain i18next v4 JSON, so it goes through translate-toolkit's json2po /
 * po2json (Poedit), Weblate and Crowdin unchanged.
 */
#include "cmd_pack.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define WHO "rutas pack translate"

static void usage(FILE *out)
{
    fputs("Usage: rutas pack translate PATH --to TAG [--copy] [--search DIR]\n"
          "Start or update the translation of the pack in PATH into the language TAG.\n\n"
          "Writes PATH/locales/TAG.json with every text of the pack's source language (new\n"
          "texts are empty, meaning not translated yet, or copied with --copy), keeps every\n"
          "text an existing translation has, writes notes for translators to\n"
          "PATH/locales/TAG.notes.md and adds TAG to the languages in pack.json.\n\n"
          "  --to TAG       the language to translate into, such as fr, quc or es-GT\n"
          "  --copy         fill new texts with the source text instead of leaving them empty\n"
          "  --search DIR   also look for base packs (extends) in DIR\n"
          "  --help         show this help\n\n"
          "Translate the file in any editor, in Weblate or Crowdin (format: i18next JSON v4),\n"
          "or in Poedit through translate-toolkit:\n"
          "  json2po -t PATH/locales/SOURCE.json PATH/locales/TAG.json TAG.po\n"
          "  po2json -t PATH/locales/SOURCE.json TAG.po PATH/locales/TAG.json\n",
          out);
}

/* What a key is, for the notes: "the prompt of a discuss card", "a topic's name"... */
static void describe_key(const GameDef *def, const char *key, char *out, size_t size)
{
    char id[128] = "", part[128] = "";
    if (sscanf(key, "card.%127[^.].%127s", id, part) == 2) {
        int c = gamedef_find_card(def, id);
        const char *kind = c >= 0 ? gamedef_card_kind_name(def->cards[c].kind) : "?";
        const char *what = strcmp(part, "prompt") == 0         ? "what the card shows (projected)"
                           : strcmp(part, "note") == 0         ? "a note for the facilitator only"
                           : strcmp(part, "explain") == 0      ? "the explanation shown after the "
                                                                 "answer"
                           : strcmp(part, "answer") == 0       ? "guidance revealed after the "
                                                                 "discussion"
                           : strncmp(part, "options.", 8) == 0 ? "one of the options"
                                                               : "a text of the card";
        snprintf(out, size, "%s card: %s", kind, what);
    } else if (strncmp(key, "topic.", 6) == 0) {
        snprintf(out, size, "a topic's name, on the board and the card header");
    } else if (strncmp(key, "deck.", 5) == 0) {
        snprintf(out, size, "the name of a shared deck, on its cards");
    } else if (strncmp(key, "space.", 6) == 0) {
        snprintf(out, size, "a space's name on the board (short)");
    } else if (strncmp(key, "content_note.", 13) == 0) {
        snprintf(out, size, "a content note, shown to the facilitator at setup");
    } else if (strcmp(key, "locale.name") == 0) {
        snprintf(out, size, "the language's own name in the language menu, such as Français");
    } else if (strcmp(key, "locale.script") == 0) {
        snprintf(out, size,
                 "the ISO 15924 script code (Latn, Arab, Deva...): not a word to translate");
    } else if (strcmp(key, "locale.direction") == 0) {
        snprintf(out, size, "ltr or rtl: not a word to translate");
    } else if (strncmp(key, "pack.", 5) == 0) {
        snprintf(out, size, "the pack's %s, in the pack list", key + 5);
    } else {
        snprintf(out, size, "a text of the pack");
    }
}

static void notes_text(FILE *f, const char *label, const char *text)
{
    fprintf(f, "- %s: ", label);
    /* One line per text, so a Markdown viewer shows it as written. */
    for (const char *p = text; *p; p++) {
        fputc(*p == '\n' ? ' ' : *p, f);
    }
    fputc('\n', f);
}

static bool write_notes(const char *path, const Pack *pack, const StringTable *source,
                        const char *tag)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, WHO ": cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    const GameDef *def = pack_def(pack);
    const char *src = pack_source_locale(pack);
    fprintf(f,
            "# Translating the pack \"%s\" into %s\n\n"
            "This file is for translators; the game does not read it. It lists every text of\n"
            "locales/%s.json with what it is, where it shows and how long it may be, and the\n"
            "facilitator's note of each card, from the source language (%s).\n\n"
            "- Translate the values, never the keys.\n"
            "- Keep every `{{placeholder}}` exactly as written: it is a name, not a word.\n"
            "- An empty text is \"not translated yet\": the game shows the %s text instead.\n"
            "- Card texts are projected for a classroom: keep within the length given.\n"
            "- Cards speak of people in the third person and never ask players about\n"
            "  themselves; use the words young people use today, without fear or blame.\n\n",
            pack_id(pack), tag, tag, src, src);
    char desc[256];
    const char *current_card = NULL;
    size_t current_len = 0;
    int count = i18n_table_count(source);
    for (int i = 0; i < count; i++) {
        const char *key = i18n_table_key(source, i);
        const char *value = i18n_table_value(source, i);
        if (strncmp(key, "card.", 5) == 0) {
            const char *id = key + 5;
            const char *dot = strchr(id, '.');
            size_t n = dot ? (size_t)(dot - id) : strlen(id);
            if (current_card == NULL || n != current_len || strncmp(id, current_card, n) != 0) {
                current_card = id;
                current_len = n;
                char cid[128];
                snprintf(cid, sizeof cid, "%.*s", (int)n, id);
                int c = gamedef_find_card(def, cid);
                fprintf(f, "## Card %s", cid);
                if (c >= 0) {
                    const Card *card = &def->cards[c];
                    const Deck *deck = &def->decks[card->deck];
                    char name_key[160];
                    snprintf(name_key, sizeof name_key, "%s.%s.name",
                             deck->topic >= 0 ? "topic" : "deck", deck->id);
                    const char *deck_name = i18n_table_get(source, name_key);
                    fprintf(f, " (%s, %s, from age %d, intensity %d)",
                            gamedef_card_kind_name(card->kind),
                            deck_name != NULL ? deck_name : deck->id, card->min_age,
                            card->intensity);
                    char note_key[160];
                    snprintf(note_key, sizeof note_key, "card.%s.note", cid);
                    const char *note = i18n_table_get(source, note_key);
                    fputs("\n\n", f);
                    if (note != NULL && *note) {
                        notes_text(f, "Facilitator's note", note);
                        fputc('\n', f);
                    }
                } else {
                    fputs("\n\n", f);
                }
            }
        } else if (current_card != NULL || i == 0) {
            fputs(i == 0 ? "## Pack, topics and board\n\n" : "## Other texts\n\n", f);
            current_card = NULL;
        }
        describe_key(def, key, desc, sizeof desc);
        fprintf(f, "`%s`: %s", key, desc);
        int limit = pack_string_limit(key, NULL);
        if (limit > 0) {
            fprintf(f, "; at most %d characters (the %s text has %zu)", limit, src,
                    pack_text_chars(value));
        }
        const char *p = value;
        const char *name;
        size_t len;
        bool first = true;
        while ((p = i18n_next_placeholder(p, &name, &len)) != NULL) {
            fprintf(f, "%s{{%.*s}}", first ? "; keep " : ", ", (int)len, name);
            first = false;
        }
        fputs("\n\n", f);
        notes_text(f, src, value);
        fputc('\n', f);
    }
    bool ok = fclose(f) == 0;
    if (!ok) {
        fprintf(stderr, WHO ": cannot write %s: %s\n", path, strerror(errno));
    }
    return ok;
}

int cmd_pack_translate(int argc, char **argv)
{
    const char *path = NULL, *to = NULL;
    bool copy = false;
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
        if (strcmp(a, "--copy") == 0) {
            copy = true;
            continue;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--to", &to, WHO)) != 0) {
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
    if (to == NULL) {
        return pack_usage_error(WHO, "--to TAG is required (the language to translate into)");
    }
    char tag[I18N_TAG_MAX];
    if (!i18n_tag_normalize(to, tag, sizeof tag)) {
        fprintf(stderr, WHO ": --to: '%s' is not a language tag such as fr, quc or es-GT\n", to);
        return 2;
    }

    int status = 1;
    PackDirs dirs;
    pack_dirs_init(&dirs, path, extra, extra_count);
    PackErrors errors;
    pack_errors_init(&errors);
    StringTable *out = NULL, *existing = NULL;
    Pack *pack = pack_cmd_load(WHO, path, &dirs, NULL, &errors, false, stderr);
    if (pack == NULL) {
        goto done;
    }
    const char *src = pack_source_locale(pack);
    if (strcmp(tag, src) == 0) {
        fprintf(stderr, WHO ": %s is the pack's source language: edit locales/%s.json itself\n",
                tag, tag);
        goto done;
    }
    const StringTable *source = pack_strings(pack, src);
    char file[PATH_MAX], notes[PATH_MAX], dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s/locales", path) >= (int)sizeof dir - I18N_TAG_MAX - 12) {
        fprintf(stderr, WHO ": the path %s is too long\n", path);
        goto done;
    }
    snprintf(file, sizeof file, "%.4000s/%s.json", dir, tag);
    snprintf(notes, sizeof notes, "%.4000s/%s.notes.md", dir, tag);
    if (!pack_make_dirs(dir)) {
        fprintf(stderr, WHO ": cannot create the folder %s: %s\n", dir, strerror(errno));
        goto done;
    }
    bool flat = false;
    if (pack_is_file(file)) {
        existing = pack_strings_load(file, tag, &errors);
        if (existing == NULL) {
            pack_print_errors(&errors, false, stderr);
            fprintf(stderr, WHO ": %s has errors; fix them before updating it\n", file);
            goto done;
        }
        flat = pack_strings_file_is_flat(file);
    }
    out = i18n_table_create(tag);
    int added = 0, kept = 0, extra_keys = 0, empty = 0;
    for (int i = 0; i < i18n_table_count(source); i++) {
        const char *key = i18n_table_key(source, i);
        const char *value = i18n_table_value(source, i);
        const char *have = existing != NULL ? i18n_table_get(existing, key) : NULL;
        if (have != NULL) {
            i18n_table_set(out, key, have);
            kept++;
        } else {
            /* The script and direction are the new language's, not a copy of the source's. */
            const char *fill = copy ? value : "";
            if (strcmp(key, "locale.script") == 0) {
                fill = i18n_tag_default_script(tag);
            } else if (strcmp(key, "locale.direction") == 0) {
                fill = i18n_tag_is_rtl(tag) ? "rtl" : "ltr";
            }
            i18n_table_set(out, key, fill);
            added++;
        }
        empty += *i18n_table_get(out, key) == '\0';
    }
    /* Texts the source no longer has are kept: deleting a translator's work is for them. */
    for (int i = 0; existing != NULL && i < i18n_table_count(existing); i++) {
        const char *key = i18n_table_key(existing, i);
        if (i18n_table_get(out, key) == NULL) {
            i18n_table_set(out, key, i18n_table_value(existing, i));
            extra_keys++;
        }
    }
    if (!pack_strings_write(out, file, flat, &errors) || !write_notes(notes, pack, source, tag) ||
        !pack_manifest_add_locale(path, tag, &errors)) {
        pack_print_errors(&errors, false, stderr);
        goto done;
    }
    if (existing != NULL) {
        printf("%s: updated: %d texts kept, %d new (%s), %d not translated yet\n", file, kept,
               added, copy ? "copied" : "empty", empty);
    } else {
        printf("%s: %d texts (%s), %d not translated yet\n", file, added,
               copy ? "copied from the source language" : "empty", empty);
    }
    if (extra_keys > 0) {
        printf("  %d texts the source no longer has were kept at the end of the file\n",
               extra_keys);
    }
    printf("%s: notes for translators\n", notes);
    printf("%s/pack.json: %s is in \"locales\"\n", path, tag);
    status = 0;
done:
    i18n_table_destroy(out);
    i18n_table_destroy(existing);
    pack_free(pack);
    pack_errors_clear(&errors);
    pack_dirs_free(&dirs);
    return status;
}
