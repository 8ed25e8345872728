/*
 * cmd_pack_csv.c: `rutas pack export-csv PATH --out FILE.csv` and `rutas pack import-csv PATH
 * FILE.csv`: the cards and their texts as a spreadsheet, one row per card and language.
 *
 * The file is RFC 4180 CSV in UTF-8 (with a byte-order mark so that spreadsheet programs read
 * it as UTF-8; import accepts it with or without), CRLF line ends, a header row. The columns
 * card, locale, deck, kind, min_age and intensity say which card a row is; deck, kind, min_age
 * and intensity are there to read and are never imported (they live in pack.json). The text
 * columns are imported.
 *
 * Import never loses a string: the whole file is read and checked first and nothing is written
 * if any row has an error; an empty cell never deletes a text; a text only changes when its cell
 * differs from what the pack shows. Changed texts go to the pack's own locales/<tag>.json (in an
 * overlay, over the base's text), keeping the file's layout.
 */
#include "cmd_pack.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- Columns ------------------------------------------------------------------------------ */

enum { COL_CARD, COL_LOCALE, COL_DECK, COL_KIND, COL_MIN_AGE, COL_INTENSITY, COL_FIRST_TEXT };

static const char *const columns[] = {
    "card",     "locale",   "deck",     "kind",     "min_age", "intensity", "prompt",
    "option_1", "option_2", "option_3", "option_4", "answer",  "explain",   "note",
};
#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

/* The string key suffix of a text column ("options.1" for option_1). */
static const char *column_key(int col)
{
    static const char *const keys[] = {"prompt",    "options.1", "options.2", "options.3",
                                       "options.4", "answer",    "explain",   "note"};
    return keys[col - COL_FIRST_TEXT];
}

/* ---- Export ------------------------------------------------------------------------------- */

#define EXPORT "rutas pack export-csv"
#define IMPORT "rutas pack import-csv"

static void export_usage(FILE *out)
{
    fputs("Usage: rutas pack export-csv PATH --out FILE.csv [--search DIR]\n"
          "Write the cards of the pack in PATH and their texts as a spreadsheet: one row per\n"
          "card and language, with the columns\n"
          "  card, locale, deck, kind, min_age, intensity (to read; change them in pack.json)\n"
          "  prompt, option_1 .. option_4, answer, explain, note (the texts)\n"
          "Edit the texts in a spreadsheet program, save as CSV (UTF-8), and read them back\n"
          "with 'rutas pack import-csv PATH FILE.csv'.\n\n"
          "  --out FILE     the CSV file to write ('-' for standard output)\n"
          "  --search DIR   also look for base packs (extends) in DIR\n"
          "  --help         show this help\n",
          out);
}

static void csv_field(FILE *f, const char *s)
{
    bool quote =
        strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || (s[0] != '\0' && s[strlen(s) - 1] == ' ');
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') {
            fputc('"', f);
        }
        fputc(*p, f);
    }
    fputc('"', f);
}

static const char *card_text(const StringTable *t, const char *card, const char *suffix)
{
    char key[256];
    snprintf(key, sizeof key, "card.%s.%s", card, suffix);
    const char *v = t != NULL ? i18n_table_get(t, key) : NULL;
    return v != NULL ? v : "";
}

static int parse_common(int argc, char **argv, const char *who, const char **path,
                        const char **second, const char **out, const char **extra, int *extra_count,
                        bool *dry_run, void (*usage)(FILE *))
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        int r;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (dry_run != NULL && strcmp(a, "--dry-run") == 0) {
            *dry_run = true;
            continue;
        }
        if (out != NULL && (r = pack_opt_value(argc, argv, &i, "--out", out, who)) != 0) {
            if (r < 0) {
                return 2;
            }
            continue;
        }
        if ((r = pack_opt_value(argc, argv, &i, "--search", &v, who)) != 0) {
            if (r < 0) {
                return 2;
            }
            if (*extra_count < 4) {
                extra[(*extra_count)++] = v;
            }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            return pack_usage_error(who, "unknown option '%s'", a);
        }
        if (*path == NULL) {
            *path = a;
        } else if (second != NULL && *second == NULL) {
            *second = a;
        } else {
            return pack_usage_error(who, "unexpected argument '%s'", a);
        }
    }
    return -1;
}

int cmd_pack_export_csv(int argc, char **argv)
{
    const char *path = NULL, *out = NULL;
    const char *extra[4];
    int extra_count = 0;
    int r = parse_common(argc, argv, EXPORT, &path, NULL, &out, extra, &extra_count, NULL,
                         export_usage);
    if (r >= 0) {
        return r;
    }
    if (path == NULL) {
        return pack_usage_error(EXPORT, "no PATH given");
    }
    if (out == NULL) {
        return pack_usage_error(EXPORT, "--out FILE.csv is required");
    }
    int status = 1;
    PackDirs dirs;
    pack_dirs_init(&dirs, path, extra, extra_count);
    PackErrors errors;
    pack_errors_init(&errors);
    FILE *f = NULL;
    Pack *pack = pack_cmd_load(EXPORT, path, &dirs, NULL, &errors, false, stderr);
    if (pack == NULL) {
        goto done;
    }
    f = strcmp(out, "-") == 0 ? stdout : fopen(out, "wb");
    if (f == NULL) {
        fprintf(stderr, EXPORT ": cannot write %s: %s\n", out, strerror(errno));
        goto done;
    }
    fputs("\xEF\xBB\xBF", f);
    for (int c = 0; c < COLUMN_COUNT; c++) {
        fprintf(f, "%s%s", c ? "," : "", columns[c]);
    }
    fputs("\r\n", f);
    const GameDef *def = pack_def(pack);
    int locale_count = 0;
    const char *const *locales = pack_locales(pack, &locale_count);
    int rows = 0;
    for (int i = 0; i < def->card_count; i++) {
        const Card *card = &def->cards[i];
        for (int l = 0; l < locale_count; l++) {
            const StringTable *t = pack_strings(pack, locales[l]);
            char num[32];
            csv_field(f, card->id);
            fputc(',', f);
            csv_field(f, locales[l]);
            fputc(',', f);
            csv_field(f, def->decks[card->deck].id);
            fputc(',', f);
            csv_field(f, gamedef_card_kind_name(card->kind));
            snprintf(num, sizeof num, ",%d,%d", card->min_age, card->intensity);
            fputs(num, f);
            for (int c = COL_FIRST_TEXT; c < COLUMN_COUNT; c++) {
                fputc(',', f);
                csv_field(f, card_text(t, card->id, column_key(c)));
            }
            fputs("\r\n", f);
            rows++;
        }
    }
    if (f != stdout) {
        if (fclose(f) != 0) {
            f = NULL;
            fprintf(stderr, EXPORT ": cannot write %s: %s\n", out, strerror(errno));
            goto done;
        }
        f = NULL;
        fprintf(stdout, "%s: %d cards in %d languages, %d rows\n", out, def->card_count,
                locale_count, rows);
    }
    status = 0;
done:
    if (f != NULL && f != stdout) {
        fclose(f);
    }
    pack_free(pack);
    pack_errors_clear(&errors);
    pack_dirs_free(&dirs);
    return status;
}

/* ---- Reading CSV -------------------------------------------------------------------------- */

typedef struct Row {
    int number;    /* 1-based, the header is row 1 (as a spreadsheet shows it) */
    char **fields; /* owned */
    int count;
} Row;

typedef struct Csv {
    Row *rows;
    int count, cap;
} Csv;

typedef struct Problems {
    const char *file;
    const Row *header; /* once read: columns are named as the file names them */
    int errors, warnings;
} Problems;

static void problem(Problems *p, bool error, int row, int col, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void problem(Problems *p, bool error, int row, int col, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    if (col > 0 && p->header != NULL && col <= p->header->count) {
        printf("%s: row %d, column %d (%s): %s", p->file, row, col, p->header->fields[col - 1],
               error ? "" : "warning: ");
    } else if (col > 0) {
        printf("%s: row %d, column %d: %s", p->file, row, col, error ? "" : "warning: ");
    } else if (row > 0) {
        printf("%s: row %d: %s", p->file, row, error ? "" : "warning: ");
    } else {
        printf("%s: %s", p->file, error ? "" : "warning: ");
    }
    vprintf(format, ap);
    putchar('\n');
    va_end(ap);
    if (error) {
        p->errors++;
    } else {
        p->warnings++;
    }
}

static void csv_free(Csv *csv)
{
    for (int r = 0; r < csv->count; r++) {
        for (int f = 0; f < csv->rows[r].count; f++) {
            free(csv->rows[r].fields[f]);
        }
        free(csv->rows[r].fields);
    }
    free(csv->rows);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL) {
        fputs("rutas: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Length of the UTF-8 sequence at s (1-4), or 0 when it is not valid UTF-8. */
static int utf8_valid(const unsigned char *s, size_t left)
{
    if (s[0] < 0x80) {
        return 1;
    }
    int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (size_t)n > left || (n == 2 && s[0] < 0xC2)) {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    uint32_t cp = n == 3   ? ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6)
                  : n == 4 ? ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12)
                           : 0x80;
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return n;
}

/* Parses RFC 4180 text into rows; reports every problem it can name by row and column. A row
 * with a problem is still kept so that later rows are checked too. */
static bool csv_parse(const char *text, size_t len, Csv *csv, Problems *p)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    int row_number = 1;
    bool ok = true;
    while (i < len) {
        Row row = {row_number, NULL, 0};
        int next_row = row_number + 1;
        bool end_of_row = false;
        while (!end_of_row) {
            char *field = NULL;
            size_t flen = 0, fcap = 0;
            int col = row.count + 1;
            bool quoted = i < len && text[i] == '"';
            bool bad = false;
            if (quoted) {
                i++;
                for (;;) {
                    if (i >= len) {
                        problem(p, true, row_number, col,
                                "a quoted text is not closed: a '\"' is missing before the end "
                                "of the file");
                        ok = false;
                        bad = true;
                        break;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < len && text[i + 1] == '"') {
                            i += 2;
                            if (flen + 2 > fcap) {
                                fcap = (flen + 2) * 2;
                                field = xrealloc(field, fcap);
                            }
                            field[flen++] = '"';
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') {
                        next_row++; /* a line break inside a text: the row spans lines */
                    }
                    if (flen + 2 > fcap) {
                        fcap = (flen + 2) * 2;
                        field = xrealloc(field, fcap);
                    }
                    field[flen++] = text[i++];
                }
                if (!bad && i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    problem(p, true, row_number, col,
                            "text after a closing quote; inside quotes write a quote as \"\"");
                    ok = false;
                    while (i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                        i++;
                    }
                }
            } else {
                while (i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"' && !bad) {
                        problem(p, true, row_number, col,
                                "a quote inside a text that does not start with a quote; put "
                                "the text in quotes and write the quote as \"\"");
                        ok = false;
                        bad = true;
                    }
                    if (flen + 2 > fcap) {
                        fcap = (flen + 2) * 2;
                        field = xrealloc(field, fcap);
                    }
                    field[flen++] = text[i++];
                }
            }
            if (field == NULL) {
                field = xrealloc(NULL, 1);
            }
            field[flen] = '\0';
            for (size_t k = 0; k < flen;) {
                int n = utf8_valid((const unsigned char *)field + k, flen - k);
                if (n == 0) {
                    problem(p, true, row_number, col,
                            "not UTF-8 text (byte %zu of the cell); save the file as \"CSV "
                            "UTF-8\"",
                            k + 1);
                    ok = false;
                    break;
                }
                k += (size_t)n;
            }
            row.fields = xrealloc(row.fields, (size_t)(row.count + 1) * sizeof *row.fields);
            row.fields[row.count++] = field;
            if (i >= len) {
                end_of_row = true;
            } else if (text[i] == ',') {
                i++;
                if (i >= len) {
                    /* "a,b," at the very end: one more, empty field. */
                    row.fields = xrealloc(row.fields, (size_t)(row.count + 1) * sizeof(char *));
                    row.fields[row.count] = xrealloc(NULL, 1);
                    row.fields[row.count++][0] = '\0';
                    end_of_row = true;
                }
            } else {
                if (text[i] == '\r') {
                    i++;
                }
                if (i < len && text[i] == '\n') {
                    i++;
                }
                end_of_row = true;
            }
        }
        /* A blank line (a single empty field) is skipped, as spreadsheets write none. */
        if (row.count == 1 && row.fields[0][0] == '\0') {
            free(row.fields[0]);
            free(row.fields);
        } else {
            if (csv->count == csv->cap) {
                csv->cap = csv->cap ? csv->cap * 2 : 256;
                csv->rows = xrealloc(csv->rows, (size_t)csv->cap * sizeof *csv->rows);
            }
            csv->rows[csv->count++] = row;
            p->header = &csv->rows[0];
        }
        row_number = next_row;
    }
    return ok;
}

/* ---- Import ------------------------------------------------------------------------------- */

static void import_usage(FILE *out)
{
    fputs("Usage: rutas pack import-csv PATH FILE.csv [--dry-run] [--search DIR]\n"
          "Read the texts of a spreadsheet written by 'rutas pack export-csv' back into the\n"
          "pack in PATH.\n\n"
          "Every row and cell is checked first, and nothing is written when one has an error\n"
          "(each is reported as 'FILE: row R, column C (name): message'). A text changes only\n"
          "when its cell differs from the pack; an empty cell never deletes a text. Changed\n"
          "texts are written to PATH/locales/<locale>.json, then the pack is validated.\n\n"
          "  --dry-run      check and report what would change, write nothing\n"
          "  --search DIR   also look for base packs (extends) in DIR\n"
          "  --help         show this help\n",
          out);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *data = NULL;
    size_t n = 0, cap = 0, got;
    char buf[65536];
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        if (n + got + 1 > cap) {
            cap = (n + got + 1) * 2;
            data = xrealloc(data, cap);
        }
        memcpy(data + n, buf, got);
        n += got;
        if (n > PACK_LIMIT_JSON_BYTES) {
            break;
        }
    }
    fclose(f);
    if (data == NULL) {
        data = xrealloc(NULL, 1);
    }
    data[n] = '\0';
    *len = n;
    return data;
}

/* One locale's changes: its own file's table with the new texts set. */
typedef struct LocaleEdit {
    const char *tag;
    char file[PATH_MAX];
    StringTable *table; /* NULL until a text of this locale changes */
    bool existed, flat;
    int changed;
} LocaleEdit;

int cmd_pack_import_csv(int argc, char **argv)
{
    const char *path = NULL, *csv_path = NULL;
    const char *extra[4];
    int extra_count = 0;
    bool dry_run = false;
    int r = parse_common(argc, argv, IMPORT, &path, &csv_path, NULL, extra, &extra_count, &dry_run,
                         import_usage);
    if (r >= 0) {
        return r;
    }
    if (path == NULL || csv_path == NULL) {
        return pack_usage_error(IMPORT, "give the pack folder and the CSV file: PATH FILE.csv");
    }
    int status = 1;
    PackDirs dirs;
    pack_dirs_init(&dirs, path, extra, extra_count);
    PackErrors errors;
    pack_errors_init(&errors);
    Csv csv = {NULL, 0, 0};
    char *text = NULL;
    LocaleEdit *edits = NULL;
    int locale_count = 0;
    unsigned char *seen = NULL;
    Problems p = {csv_path, NULL, 0, 0};
    Pack *pack = pack_cmd_load(IMPORT, path, &dirs, NULL, &errors, false, stderr);
    if (pack == NULL) {
        goto done;
    }
    size_t len = 0;
    text = read_all(csv_path, &len);
    if (text == NULL) {
        fprintf(stderr, IMPORT ": cannot read %s: %s\n", csv_path, strerror(errno));
        goto done;
    }
    if (len > PACK_LIMIT_JSON_BYTES) {
        fprintf(stderr, IMPORT ": %s is larger than %u bytes\n", csv_path, PACK_LIMIT_JSON_BYTES);
        goto done;
    }
    csv_parse(text, len, &csv, &p);
    int parse_errors = p.errors;
    if (csv.count == 0) {
        problem(&p, true, 0, 0, "empty file: the header row is missing");
        goto report;
    }

    /* The header: which column is which. Unknown names are errors (usually a typo). */
    int where[COLUMN_COUNT];
    for (int c = 0; c < COLUMN_COUNT; c++) {
        where[c] = -1;
    }
    const Row *header = &csv.rows[0];
    for (int f = 0; f < header->count; f++) {
        int known = -1;
        for (int c = 0; c < COLUMN_COUNT; c++) {
            if (strcmp(header->fields[f], columns[c]) == 0) {
                known = c;
            }
        }
        if (known < 0) {
            printf("%s: row 1, column %d: unknown column \"%s\" (the columns are card, locale, "
                   "deck, kind, min_age, intensity, prompt, option_1..option_4, answer, "
                   "explain, note)\n",
                   csv_path, f + 1, header->fields[f]);
            p.errors++;
        } else if (where[known] >= 0) {
            printf("%s: row 1, column %d: the column \"%s\" appears twice\n", csv_path, f + 1,
                   columns[known]);
            p.errors++;
        } else {
            where[known] = f;
        }
    }
    for (int c = 0; c < 2; c++) {
        if (where[c] < 0) {
            printf("%s: row 1: the header row has no column \"%s\"\n", csv_path, columns[c]);
            p.errors++;
        }
    }
    if (p.errors > parse_errors) {
        goto report; /* without the header's columns the rows cannot be read */
    }

    const GameDef *def = pack_def(pack);
    const char *const *locales = pack_locales(pack, &locale_count);
    edits = calloc((size_t)locale_count + 1, sizeof *edits);
    seen = calloc((size_t)def->card_count * (size_t)(locale_count + 1) + 1, 1);
    if (edits == NULL || seen == NULL) {
        abort();
    }
    for (int l = 0; l < locale_count; l++) {
        edits[l].tag = locales[l];
        snprintf(edits[l].file, sizeof edits[l].file, "%.4000s/locales/%s.json", path, locales[l]);
    }
    for (int rw = 1; rw < csv.count; rw++) {
        const Row *row = &csv.rows[rw];
        if (row->count != header->count) {
            problem(&p, true, row->number, 0,
                    "%d cells, but the header row has %d (a missing or extra comma, or a text "
                    "with a comma that is not in quotes)",
                    row->count, header->count);
            continue;
        }
        const char *id = row->fields[where[COL_CARD]];
        const char *tag = row->fields[where[COL_LOCALE]];
        int card = gamedef_find_card(def, id);
        if (card < 0) {
            problem(&p, true, row->number, where[COL_CARD] + 1,
                    "the pack has no card \"%s\" (add new cards to pack.json first)", id);
            continue;
        }
        int l = -1;
        for (int k = 0; k < locale_count; k++) {
            if (strcmp(locales[k], tag) == 0) {
                l = k;
            }
        }
        if (l < 0) {
            char list[512] = "";
            for (int k = 0; k < locale_count; k++) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", locales[k]);
            }
            problem(&p, true, row->number, where[COL_LOCALE] + 1,
                    "the pack has no language \"%s\" (it has %s); to add one, run: rutas pack "
                    "translate %s --to %s",
                    tag, list, path, tag[0] ? tag : "TAG");
            continue;
        }
        size_t slot = (size_t)card * (size_t)locale_count + (size_t)l;
        if (seen[slot]) {
            problem(&p, true, row->number, where[COL_CARD] + 1,
                    "a second row for card \"%s\" in %s; each card and language has one row", id,
                    tag);
            continue;
        }
        seen[slot] = 1;
        const Card *cd = &def->cards[card];
        /* The columns to read are checked against pack.json, which they never change. */
        const char *info[4] = {def->decks[cd->deck].id, gamedef_card_kind_name(cd->kind), NULL,
                               NULL};
        char age[16], intensity[16];
        snprintf(age, sizeof age, "%d", cd->min_age);
        snprintf(intensity, sizeof intensity, "%d", cd->intensity);
        info[2] = age;
        info[3] = intensity;
        for (int c = COL_DECK; c <= COL_INTENSITY; c++) {
            if (where[c] >= 0 && row->fields[where[c]][0] != '\0' &&
                strcmp(row->fields[where[c]], info[c - COL_DECK]) != 0) {
                problem(&p, false, row->number, where[c] + 1,
                        "\"%s\" differs from pack.json (\"%s\"); this column is not imported: "
                        "change it in pack.json",
                        row->fields[where[c]], info[c - COL_DECK]);
            }
        }
        const StringTable *shown = pack_strings(pack, tag);
        LocaleEdit *e = &edits[l];
        for (int c = COL_FIRST_TEXT; c < COLUMN_COUNT; c++) {
            if (where[c] < 0) {
                continue;
            }
            const char *cell = row->fields[where[c]];
            char key[256];
            snprintf(key, sizeof key, "card.%s.%s", id, column_key(c));
            const char *now = shown != NULL ? i18n_table_get(shown, key) : NULL;
            int option =
                c >= COL_FIRST_TEXT + 1 && c <= COL_FIRST_TEXT + 4 ? c - COL_FIRST_TEXT : 0;
            if (cell[0] == '\0') {
                if (now != NULL && now[0] != '\0') {
                    problem(&p, false, row->number, where[c] + 1,
                            "empty cell: the text of %s is kept (to delete it, edit "
                            "locales/%s.json)",
                            key, tag);
                }
                continue;
            }
            if (option > 0 && (cd->kind != CARD_SCENARIO || option > cd->options)) {
                problem(&p, true, row->number, where[c] + 1,
                        "card \"%s\" has %d options (pack.json); this cell must be empty", id,
                        cd->kind == CARD_SCENARIO ? cd->options : 0);
                continue;
            }
            if (now != NULL && strcmp(now, cell) == 0) {
                continue;
            }
            if (e->table == NULL) {
                e->existed = pack_is_file(e->file);
                if (e->existed) {
                    e->table = pack_strings_load(e->file, tag, &errors);
                    e->flat = pack_strings_file_is_flat(e->file);
                    if (e->table == NULL) {
                        pack_print_errors(&errors, false, stdout);
                        p.errors++;
                        goto report;
                    }
                } else {
                    e->table = i18n_table_create(tag);
                }
            }
            i18n_table_set(e->table, key, cell);
            e->changed++;
        }
    }

report:
    if (p.errors > 0) {
        printf("%s: %d error%s, %d warning%s: nothing was imported\n", csv_path, p.errors,
               p.errors == 1 ? "" : "s", p.warnings, p.warnings == 1 ? "" : "s");
        goto done;
    }
    int changed = 0;
    for (int l = 0; l < locale_count; l++) {
        changed += edits[l].changed;
    }
    printf("%s: %d rows, %d text%s changed%s\n", csv_path, csv.count - 1, changed,
           changed == 1 ? "" : "s", dry_run ? " (dry run: nothing written)" : "");
    for (int l = 0; l < locale_count; l++) {
        LocaleEdit *e = &edits[l];
        if (e->changed == 0) {
            continue;
        }
        printf("  %s: %d text%s%s\n", e->file, e->changed, e->changed == 1 ? "" : "s",
               e->existed ? "" : " (a new file)");
        if (dry_run) {
            continue;
        }
        if (!pack_strings_write(e->table, e->file, e->flat, &errors) ||
            (!e->existed && !pack_manifest_add_locale(path, e->tag, &errors))) {
            pack_print_errors(&errors, false, stderr);
            goto done;
        }
    }
    status = 0;
    if (changed > 0 && !dry_run) {
        /* What was written is checked at once: a prompt now too long shows here. */
        PackErrors after;
        pack_errors_init(&after);
        PackSearchPath search = pack_dirs_search(&dirs);
        Pack *again = pack_load(path, &search, NULL, &after);
        pack_print_errors(&after, true, stdout);
        printf("%s: %s\n", path,
               again != NULL ? "the pack loads" : "the pack has errors now (see above)");
        status = again != NULL ? 0 : 1;
        pack_free(again);
        pack_errors_clear(&after);
    }
done:
    for (int l = 0; edits != NULL && l < locale_count; l++) {
        i18n_table_destroy(edits[l].table);
    }
    free(edits);
    free(seen);
    free(text);
    csv_free(&csv);
    pack_free(pack);
    pack_errors_clear(&errors);
    pack_dirs_free(&dirs);
    return status;
}
