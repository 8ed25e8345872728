/*
 * pack_write.c: writing pack files for the authoring tools (`rutas pack new`, `translate`,
 * `import-csv`): locale files in i18next v4 JSON, a language added to pack.json's `locales`,
 * and the length limits of each kind of text.
 *
 * Files are written to a temporary name beside the target and renamed over it, so an author's
 * file is never left half written. Locale files come out in the layout of the shipped ones (two
 * spaces, nested objects, UTF-8 as is), so a file read and written again is byte for byte the
 * same and a diff shows only what changed.
 */
#include "pack.h"
#include "pack_internal.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- Output buffer ------------------------------------------------------------------------ */

typedef struct Out {
    char *data;
    size_t len, cap;
} Out;

static void out_bytes(Out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n + 1) {
            cap *= 2;
        }
        o->data = content_xrealloc(o->data, cap);
        o->cap = cap;
    }
    memcpy(o->data + o->len, s, n);
    o->len += n;
    o->data[o->len] = '\0';
}

static void out_str(Out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static void out_indent(Out *o, int depth)
{
    for (int i = 0; i < depth; i++) {
        out_bytes(o, "  ", 2);
    }
}

/* A JSON string: quotes, backslashes and control characters escaped, UTF-8 kept as is. */
static void out_json_string(Out *o, const char *s, size_t n)
{
    out_bytes(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '"':
            out_bytes(o, "\\\"", 2);
            break;
        case '\\':
            out_bytes(o, "\\\\", 2);
            break;
        case '\n':
            out_bytes(o, "\\n", 2);
            break;
        case '\t':
            out_bytes(o, "\\t", 2);
            break;
        case '\r':
            out_bytes(o, "\\r", 2);
            break;
        case '\b':
            out_bytes(o, "\\b", 2);
            break;
        case '\f':
            out_bytes(o, "\\f", 2);
            break;
        default:
            if (c < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                out_str(o, esc);
            } else {
                out_bytes(o, (const char *)&s[i], 1);
            }
        }
    }
    out_bytes(o, "\"", 1);
}

static bool write_atomically(const char *path, const char *data, size_t size, PackErrors *errors)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-", "the path is too long");
        return false;
    }
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-", "cannot write: %s",
                        strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, size, f) == size;
    ok = fflush(f) == 0 && ok;
    int saved = errno;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        remove(tmp);
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-", "cannot write: %s",
                        strerror(saved ? saved : EIO));
    }
    return ok;
}

/* ---- Locale files ------------------------------------------------------------------------- */

/* The keys as a tree: a node is an object (children) or a string (value). Children keep the
 * order in which their first key appeared, so a file's own order survives. */
typedef struct Node {
    const char *name; /* points into a key of the table */
    size_t name_len;
    const char *value; /* NULL for an object */
    struct Node *child, *last, *next;
} Node;

static Node *node_child(Node *parent, const char *name, size_t len)
{
    for (Node *c = parent->child; c != NULL; c = c->next) {
        if (c->name_len == len && memcmp(c->name, name, len) == 0) {
            return c;
        }
    }
    Node *n = content_xrealloc(NULL, sizeof *n);
    memset(n, 0, sizeof *n);
    n->name = name;
    n->name_len = len;
    if (parent->last != NULL) {
        parent->last->next = n;
    } else {
        parent->child = n;
    }
    parent->last = n;
    return n;
}

static void node_free(Node *n)
{
    while (n != NULL) {
        Node *next = n->next;
        node_free(n->child);
        free(n);
        n = next;
    }
}

/* Adds key = value; false when the key cannot nest (a text and an object at the same place,
 * as "a.b" and "a.b.c", or an empty part). */
static bool node_add(Node *root, const char *key, const char *value)
{
    Node *at = root;
    const char *part = key;
    for (;;) {
        const char *dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        if (len == 0 || at->value != NULL) {
            return false;
        }
        at = node_child(at, part, len);
        if (dot == NULL) {
            break;
        }
        part = dot + 1;
    }
    if (at->child != NULL || at->value != NULL) {
        return false;
    }
    at->value = value;
    return true;
}

static void node_write(Out *o, const Node *n, int depth)
{
    out_str(o, "{\n");
    for (const Node *c = n->child; c != NULL; c = c->next) {
        out_indent(o, depth + 1);
        out_json_string(o, c->name, c->name_len);
        out_str(o, ": ");
        if (c->value != NULL) {
            out_json_string(o, c->value, strlen(c->value));
        } else {
            node_write(o, c, depth + 1);
        }
        out_str(o, c->next != NULL ? ",\n" : "\n");
    }
    out_indent(o, depth);
    out_str(o, "}");
}

bool pack_strings_write(const StringTable *table, const char *path, bool flat, PackErrors *errors)
{
    Out o = {NULL, 0, 0};
    Node root;
    memset(&root, 0, sizeof root);
    int count = i18n_table_count(table);
    bool nested = !flat;
    for (int i = 0; nested && i < count; i++) {
        nested = node_add(&root, i18n_table_key(table, i), i18n_table_value(table, i));
    }
    if (nested) {
        node_write(&o, &root, 0);
    } else {
        /* Keys that cannot nest are written flat, as i18next also reads them. */
        out_str(&o, "{\n");
        for (int i = 0; i < count; i++) {
            const char *key = i18n_table_key(table, i);
            const char *value = i18n_table_value(table, i);
            out_indent(&o, 1);
            out_json_string(&o, key, strlen(key));
            out_str(&o, ": ");
            out_json_string(&o, value, strlen(value));
            out_str(&o, i + 1 < count ? ",\n" : "\n");
        }
        out_str(&o, "}");
    }
    out_str(&o, "\n");
    node_free(root.child);
    bool ok = write_atomically(path, o.data, o.len, errors);
    free(o.data);
    return ok;
}

bool pack_strings_file_is_flat(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && len < PACK_LIMIT_JSON_BYTES) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            text = content_xrealloc(text, cap);
        }
        memcpy(text + len, buf, n);
        len += n;
    }
    fclose(f);
    bool flat = false;
    cJSON *root = text != NULL ? cJSON_ParseWithLength(text, len) : NULL;
    const cJSON *c = NULL;
    cJSON_ArrayForEach(c, root)
    {
        if (c->string != NULL && strchr(c->string, '.') != NULL) {
            flat = true;
        }
    }
    cJSON_Delete(root);
    free(text);
    return flat;
}

/* ---- pack.json: adding a language --------------------------------------------------------- */

/* Skips a JSON string starting at s[i] == '"'; returns the index after its closing quote. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return len;
}

bool pack_manifest_add_locale(const char *dir, const char *tag, PackErrors *errors)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/pack.json", dir);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-", "cannot read: %s", strerror(errno));
        return false;
    }
    Out text = {NULL, 0, 0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && text.len <= PACK_LIMIT_JSON_BYTES) {
        out_bytes(&text, buf, n);
    }
    fclose(f);
    bool ok = false;
    Out o = {NULL, 0, 0};
    cJSON *root = text.data ? cJSON_ParseWithLength(text.data, text.len) : NULL;
    if (!cJSON_IsObject(root)) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "-",
                        "not a JSON object (run rutas validate to see why)");
        goto done;
    }
    const cJSON *locales = cJSON_GetObjectItemCaseSensitive(root, "locales");
    const cJSON *item = NULL;
    cJSON_ArrayForEach(item, locales)
    {
        if (cJSON_IsString(item) && strcmp(item->valuestring, tag) == 0) {
            ok = true; /* already listed */
            goto done;
        }
    }
    /* Edit the text rather than print the tree again, so the author's layout is kept: find
     * the top-level "locales" array and add the tag before its closing bracket. */
    const char *s = text.data;
    size_t len = text.len, at = 0;
    int depth = 0;
    bool found = false;
    for (size_t i = 0; i < len && !found; i++) {
        if (s[i] == '"') {
            size_t end = skip_string(s, len, i);
            if (depth == 1 && end - i == 9 && memcmp(s + i, "\"locales\"", 9) == 0) {
                size_t j = end;
                while (j < len && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t')) {
                    j++;
                }
                bool is_key = j < len && s[j] == ':';
                while (is_key && j < len && s[j] != '[' && s[j] != '{' && s[j] != '"') {
                    j++;
                }
                if (!is_key) {
                    i = end - 1;
                    continue;
                }
                if (j < len && s[j] == '[') {
                    int d = 0;
                    for (size_t k = j; k < len; k++) {
                        if (s[k] == '"') {
                            k = skip_string(s, len, k) - 1;
                        } else if (s[k] == '[') {
                            d++;
                        } else if (s[k] == ']' && --d == 0) {
                            at = k;
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    break;
                }
            }
            i = end - 1;
        } else if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if (s[i] == '}' || s[i] == ']') {
            depth--;
        }
    }
    if (found) {
        bool empty = cJSON_GetArraySize(locales) == 0;
        size_t before = at;
        while (before > 0 && (s[before - 1] == ' ' || s[before - 1] == '\n' ||
                              s[before - 1] == '\r' || s[before - 1] == '\t')) {
            before--;
        }
        out_bytes(&o, s, before);
        out_str(&o, empty ? "\"" : ", \"");
        out_str(&o, tag);
        out_str(&o, "\"");
        out_bytes(&o, s + before, len - before);
    } else if (locales == NULL) {
        /* No "locales" yet (an overlay that adds none): add it as the first field. */
        const char *brace = strchr(s, '{');
        out_bytes(&o, s, (size_t)(brace - s) + 1);
        out_str(&o, "\n  \"locales\": [\"");
        out_str(&o, tag);
        out_str(&o, "\"],");
        out_str(&o, brace + 1);
    } else {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "locales",
                        "must be an array of language tags");
        goto done;
    }
    cJSON *check = cJSON_ParseWithLength(o.data, o.len);
    bool parses = check != NULL;
    cJSON_Delete(check);
    if (!parses) {
        pack_errors_add(errors, PACK_SEVERITY_ERROR, path, "locales",
                        "cannot add \"%s\" to the list: add it by hand", tag);
        goto done;
    }
    ok = write_atomically(path, o.data, o.len, errors);
done:
    cJSON_Delete(root);
    free(text.data);
    free(o.data);
    return ok;
}

/* ---- Limits ------------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int pack_string_limit(const char *key, bool *is_error)
{
    if (is_error != NULL) {
        *is_error = false;
    }
    if (strncmp(key, "card.", 5) == 0) {
        if (ends_with(key, ".prompt")) {
            if (is_error != NULL) {
                *is_error = true;
            }
            return PACK_FIT_PROMPT;
        }
        if (ends_with(key, ".note")) {
            return PACK_FIT_NOTE;
        }
        if (ends_with(key, ".answer") || ends_with(key, ".explain")) {
            return PACK_FIT_ANSWER;
        }
        if (strstr(key, ".options.") != NULL) {
            return PACK_FIT_OPTION;
        }
        return 0;
    }
    if ((strncmp(key, "topic.", 6) == 0 || strncmp(key, "deck.", 5) == 0) &&
        ends_with(key, ".name")) {
        return PACK_FIT_NAME;
    }
    if (strncmp(key, "space.", 6) == 0 && ends_with(key, ".name")) {
        return PACK_FIT_SPACE;
    }
    if (strncmp(key, "content_note.", 13) == 0) {
        return PACK_FIT_CONTENT_NOTE;
    }
    if (strcmp(key, "pack.title") == 0) {
        return PACK_FIT_TITLE;
    }
    if (strncmp(key, "ground_rules.", 13) == 0) {
        return PACK_FIT_GROUND_RULE;
    }
    return 0;
}
