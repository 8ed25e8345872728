/*
 * pack_util.c: the error list, the arena, id maps, and reading untrusted files safely (size
 * limits, paths that must stay inside the pack, UTF-8, JSON nesting and syntax with
 * line:column).
 */
#include "pack_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void *content_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "rutas: out of memory (content)\n");
        abort();
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = content_xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

/* ---- Errors ------------------------------------------------------------------------------- */

void pack_errors_init(PackErrors *errors)
{
    memset(errors, 0, sizeof *errors);
}

void pack_errors_clear(PackErrors *errors)
{
    if (!errors) {
        return;
    }
    for (int i = 0; i < errors->count; i++) {
        free(errors->items[i].file);
        free(errors->items[i].place);
        free(errors->items[i].message);
    }
    free(errors->items);
    memset(errors, 0, sizeof *errors);
}

static void errors_vadd(PackErrors *errors, PackSeverity severity, const char *file,
                        const char *place, const char *format, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;

static void errors_vadd(PackErrors *errors, PackSeverity severity, const char *file,
                        const char *place, const char *format, va_list ap)
{
    if (!errors) {
        return;
    }
    if (severity == PACK_SEVERITY_ERROR) {
        errors->errors++;
    } else {
        errors->warnings++;
    }
    if (errors->count >= PACK_LIMIT_ERRORS) {
        errors->dropped++;
        return;
    }
    char message[1024];
    vsnprintf(message, sizeof message, format, ap);
    if (errors->count == errors->capacity) {
        errors->capacity = errors->capacity ? errors->capacity * 2 : 16;
        errors->items =
            content_xrealloc(errors->items, (size_t)errors->capacity * sizeof(PackError));
    }
    errors->items[errors->count++] =
        (PackError){severity, xstrdup(file ? file : "-"), xstrdup(place && *place ? place : "-"),
                    xstrdup(message)};
}

void pack_errors_add(PackErrors *errors, PackSeverity severity, const char *file, const char *place,
                     const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    errors_vadd(errors, severity, file, place, format, ap);
    va_end(ap);
}

int pack_error_format(const PackError *error, char *out, size_t size)
{
    return snprintf(out, size, "%s: %s: %s%s", error->file, error->place,
                    error->severity == PACK_SEVERITY_WARNING ? "warning: " : "", error->message);
}

void ctx_error(Ctx *ctx, const char *place, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    ctx->error_count++;
    errors_vadd(ctx->errors, PACK_SEVERITY_ERROR, ctx->file, place, format, ap);
    va_end(ap);
}

void ctx_warn(Ctx *ctx, const char *place, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    errors_vadd(ctx->errors, PACK_SEVERITY_WARNING, ctx->file, place, format, ap);
    va_end(ap);
}

/* ---- Arena -------------------------------------------------------------------------------- */

struct ArenaBlock {
    ArenaBlock *next;
    size_t used;
    size_t capacity;
    max_align_t data[];
};

void *arena_alloc(Arena *arena, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    ArenaBlock *b = arena->head;
    if (!b || b->capacity - b->used < size) {
        size_t cap = size > 60000 ? size : 60000;
        b = content_xrealloc(NULL, sizeof *b + cap);
        b->next = arena->head;
        b->used = 0;
        b->capacity = cap;
        arena->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strdup(Arena *arena, const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    char *d = arena_alloc(arena, n);
    memcpy(d, s, n);
    return d;
}

char *arena_printf(Arena *arena, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    char *s = arena_alloc(arena, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, format);
    vsnprintf(s, (size_t)n + 1, format, ap);
    va_end(ap);
    return s;
}

void arena_free(Arena *arena)
{
    ArenaBlock *b = arena->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
}

/* ---- Id map ------------------------------------------------------------------------------- */

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

void idmap_clear(IdMap *map)
{
    free(map->keys);
    free(map->values);
    memset(map, 0, sizeof *map);
}

static size_t idmap_slot(const IdMap *map, const char *key)
{
    size_t mask = map->slot_count - 1;
    size_t i = hash_str(key) & mask;
    while (map->keys[i] && strcmp(map->keys[i], key) != 0) {
        i = (i + 1) & mask;
    }
    return i;
}

int idmap_put(IdMap *map, const char *key, int value)
{
    if ((size_t)(map->count + 1) * 2 > map->slot_count) {
        IdMap old = *map;
        map->slot_count = old.slot_count ? old.slot_count * 2 : 64;
        map->keys = content_xrealloc(NULL, map->slot_count * sizeof *map->keys);
        map->values = content_xrealloc(NULL, map->slot_count * sizeof *map->values);
        memset(map->keys, 0, map->slot_count * sizeof *map->keys);
        for (size_t i = 0; i < old.slot_count; i++) {
            if (old.keys[i]) {
                size_t s = idmap_slot(map, old.keys[i]);
                map->keys[s] = old.keys[i];
                map->values[s] = old.values[i];
            }
        }
        free(old.keys);
        free(old.values);
    }
    size_t s = idmap_slot(map, key);
    if (map->keys[s]) {
        int previous = map->values[s];
        map->values[s] = value;
        return previous;
    }
    map->keys[s] = key;
    map->values[s] = value;
    map->count++;
    return -1;
}

int idmap_get(const IdMap *map, const char *key)
{
    if (!map->slot_count || !key) {
        return -1;
    }
    size_t s = idmap_slot(map, key);
    return map->keys[s] ? map->values[s] : -1;
}

/* ---- Small checks ------------------------------------------------------------------------- */

bool content_is_id(const char *s)
{
    if (!s || !*s || strlen(s) > PACK_LIMIT_ID) {
        return false;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) {
            return false;
        }
    }
    return true;
}

size_t content_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

static long days_from_civil(long y, unsigned m, unsigned d)
{
    /* Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar. */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

bool content_is_date(const char *s, int *days)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    int y = atoi(s);
    int m = atoi(s + 5);
    int d = atoi(s + 8);
    static const int month_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1]) {
        return false;
    }
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) {
        return false;
    }
    if (days) {
        *days = (int)days_from_civil(y, (unsigned)m, (unsigned)d);
    }
    return true;
}

void content_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm)) {
        memcpy(out, "1970-01-01", 11);
        return;
    }
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

/* ---- Files -------------------------------------------------------------------------------- */

static bool inside(const char *root_real, const char *real)
{
    size_t n = strlen(root_real);
    return strncmp(real, root_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* Opens path for reading only if it is a regular file of at most limit bytes. The checks are
 * made on the open file itself, so a file swapped for a FIFO or a device after stat() cannot
 * block or feed the reader; O_NONBLOCK keeps open() itself from waiting on a FIFO. Returns the
 * descriptor, or -1 with *why set to what is wrong ("not-regular", "too-large" or errno). */
static int open_regular(const char *path, size_t limit, struct stat *st, int *why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *why = errno;
        return -1;
    }
    if (fstat(fd, st) != 0) {
        *why = errno;
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        *why = -1;
        close(fd);
        return -1;
    }
    if ((unsigned long long)st->st_size > limit) {
        *why = -2;
        close(fd);
        return -1;
    }
    return fd;
}

char *content_read_file(Ctx *ctx, const char *root, const char *root_real, const char *rel,
                        size_t limit, bool required, size_t *size)
{
    char path[PATH_MAX];
    char real[PATH_MAX];
    char *data = NULL;
    int fd = -1;
    int why = 0;
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path) {
        ctx_error(ctx, "-", "path is too long");
        goto fail;
    }
    if (stat(path, &st) != 0) {
        if (errno == ENOENT && !required) {
            goto fail;
        }
        if (errno == ENOENT) {
            ctx_error(ctx, "-", "missing file: %s does not exist", rel);
        } else {
            ctx_error(ctx, "-", "cannot read %s: %s", rel, strerror(errno));
        }
        goto fail;
    }
    if (!realpath(path, real) || !inside(root_real, real)) {
        ctx_error(ctx, "-",
                  "%s leaves the pack folder through a link; packs must be "
                  "self-contained",
                  rel);
        goto fail;
    }
    fd = open_regular(path, limit, &st, &why);
    if (fd < 0) {
        if (why == -1) {
            ctx_error(ctx, "-", "%s is not a regular file", rel);
        } else if (why == -2) {
            ctx_error(ctx, "-", "file is too large (%lld bytes; the limit is %zu)",
                      (long long)st.st_size, limit);
        } else {
            ctx_error(ctx, "-", "cannot open %s: %s", rel, strerror(why));
        }
        goto fail;
    }
    size_t n = (size_t)st.st_size;
    data = content_xrealloc(NULL, n + 1);
    size_t got = 0;
    while (got <= n) {
        /* One byte more than expected: a file that grew while it was read is refused. */
        ssize_t r = read(fd, data + got, n + 1 - got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        got += (size_t)r;
    }
    if (got != n) {
        ctx_error(ctx, "-", "cannot read %s: the file changed while it was read", rel);
        goto fail;
    }
    data[n] = '\0';
    close(fd);
    *size = n;
    return data;
fail:
    if (fd >= 0) {
        close(fd);
    }
    free(data);
    *size = 0;
    return NULL;
}

/* Length of the UTF-8 sequence at p (at most left bytes), or 0 when it is invalid (overlong,
 * surrogate, above U+10FFFF, truncated). */
static size_t utf8_sequence(const unsigned char *p, size_t left)
{
    unsigned c = p[0];
    if (c < 0x80) {
        return 1;
    }
    size_t n;
    unsigned min;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (left < n) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

static void place_at(const char *text, const char *at, char *out, size_t size)
{
    int line = 1;
    int column = 1;
    for (const char *p = text; p < at && *p; p++) {
        if (*p == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            column++;
        }
    }
    snprintf(out, size, "%d:%d", line, column);
}

bool content_utf8_is_valid(const char *text, size_t size)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < size) {
        /* Eight ASCII bytes at a time, none of them NUL: most of any pack's text. */
        while (i + 8 <= size) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t has_zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
            if ((w & 0x8080808080808080ULL) != 0 || has_zero != 0) {
                break;
            }
            i += 8;
        }
        if (i >= size) {
            break;
        }
        if (p[i] == 0) {
            return false;
        }
        size_t n = utf8_sequence(p + i, size - i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

bool content_check_utf8(Ctx *ctx, const char *text, size_t size)
{
    if (content_utf8_is_valid(text, size)) {
        return true;
    }
    /* Find the first problem again, byte by byte, to say where it is. */
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < size;) {
        if (p[i] == 0) {
            char place[32];
            place_at(text, text + i, place, sizeof place);
            ctx_error(ctx, place, "the file contains a NUL byte; is it a text file?");
            return false;
        }
        size_t n = utf8_sequence(p + i, size - i);
        if (n == 0) {
            char place[32];
            place_at(text, text + i, place, sizeof place);
            ctx_error(ctx, place, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", p[i]);
            return false;
        }
        i += n;
    }
    return true;
}

static const char *skip_space_back(const char *start, const char *p)
{
    while (p > start && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r')) {
        p--;
    }
    return p;
}

static void syntax_error(Ctx *ctx, const char *text, size_t size, const char *at)
{
    char place[32];
    const char *end = text + size;
    /* Where cJSON expected a key string, its error pointer is one past the offending byte. */
    if (at > text) {
        const char *key_prev = skip_space_back(text, at - 1);
        char p = key_prev > text ? key_prev[-1] : '\0';
        if (at[-1] != '"' && (p == '{' || p == ',')) {
            at--;
        }
    }
    while (at < end && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')) {
        at++;
    }
    place_at(text, at, place, sizeof place);
    const char *prev = skip_space_back(text, at);
    char before = prev > text ? prev[-1] : '\0';
    if (at >= end || *at == '\0') {
        ctx_error(ctx, place,
                  "JSON syntax error: the file ends too early (a missing '}', ']' or "
                  "'\"'?)");
    } else if ((*at == '}' || *at == ']') && before == ',') {
        place_at(text, prev - 1, place, sizeof place);
        ctx_error(ctx, place, "JSON syntax error: trailing comma before '%c'", *at);
    } else if (*at == '/' || *at == '#') {
        ctx_error(ctx, place, "JSON syntax error: comments are not allowed in JSON");
    } else if (*at == '\'') {
        ctx_error(ctx, place,
                  "JSON syntax error: strings need double quotes (\"), not single "
                  "quotes");
    } else if ((*at == '"' || *at == '{' || *at == '[') &&
               (before == '"' || before == '}' || before == ']' || before == 'e' || before == 'l' ||
                (before >= '0' && before <= '9'))) {
        ctx_error(ctx, place, "JSON syntax error: missing comma before this value");
    } else {
        char shown[8] = {0};
        size_t n = 1;
        while (n < 4 && at + n < end && ((unsigned char)at[n] & 0xC0) == 0x80) {
            n++;
        }
        memcpy(shown, at, n);
        ctx_error(ctx, place, "JSON syntax error: unexpected '%s'", shown);
    }
}

cJSON *content_parse_json(Ctx *ctx, const char *text, size_t size)
{
    const char *start = text;
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        start += 3; /* a byte-order mark, as some Windows editors write */
    }
    if (!content_check_utf8(ctx, text, size)) {
        return NULL;
    }
    /* cJSON does not limit nesting to what we accept, accepts raw control characters in
     * strings and gives only an error pointer, so walk the text once first. */
    int depth = 0;
    bool in_string = false;
    for (const char *p = start; p < text + size; p++) {
        char c = *p;
        if (in_string) {
            if (c == '\\' && p + 1 < text + size) {
                p++;
            } else if (c == '"') {
                in_string = false;
            } else if ((unsigned char)c < 0x20) {
                char place[32];
                place_at(text, p, place, sizeof place);
                ctx_error(ctx, place,
                          c == '\n' ? "JSON syntax error: a line break inside a "
                                      "string (write \\n, or close the \")"
                                    : "JSON syntax error: a control character "
                                      "inside a string");
                return NULL;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > PACK_LIMIT_DEPTH) {
                char place[32];
                place_at(text, p, place, sizeof place);
                ctx_error(ctx, place, "nesting deeper than %d levels", PACK_LIMIT_DEPTH);
                return NULL;
            }
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    const char *end = NULL;
    size_t len = size - (size_t)(start - text);
    cJSON *root = cJSON_ParseWithLengthOpts(start, len, &end, 0);
    if (!root) {
        const char *at = end ? end : cJSON_GetErrorPtr();
        if (!at || at < start || at > text + size) {
            at = text + size;
        }
        syntax_error(ctx, text, size, at);
        return NULL;
    }
    while (end && end < text + size &&
           (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')) {
        end++;
    }
    if (end && end < text + size) {
        char place[32];
        place_at(text, end, place, sizeof place);
        ctx_error(ctx, place,
                  "JSON syntax error: unexpected text after the end of the JSON "
                  "value");
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
           (unsigned long)p[3];
}

/* The bit depths PNG allows for each colour type (ISO/IEC 15948, table 11.1). */
static bool png_format_is_valid(unsigned depth, unsigned colour_type)
{
    switch (colour_type) {
    case 0:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
        return depth == 8 || depth == 16;
    default:
        return false;
    }
}

const char *content_check_image(Ctx *ctx, Arena *arena, const char *place, const char *root,
                                const char *root_real, const char *rel)
{
    char path[PATH_MAX];
    char real[PATH_MAX];
    size_t n = strlen(rel);
    if (n == 0 || n > 255) {
        ctx_error(ctx, place, "an image path must be 1 to 255 characters long");
        return NULL;
    }
    if (rel[0] == '/' || rel[0] == '\\' || (n > 1 && rel[1] == ':')) {
        ctx_error(ctx, place,
                  "image path \"%s\" is absolute; write a path relative to the pack "
                  "folder, such as \"images/heart.png\"",
                  rel);
        return NULL;
    }
    if (strchr(rel, '\\')) {
        ctx_error(ctx, place, "image path \"%s\" uses a backslash; write '/' between folders", rel);
        return NULL;
    }
    for (const char *p = rel; p;) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0')) {
            ctx_error(ctx, place,
                      "image path \"%s\" contains \"..\"; images must be inside the "
                      "pack folder",
                      rel);
            return NULL;
        }
        p = strchr(p, '/');
        p = p ? p + 1 : NULL;
    }
    if (n < 5 || strcmp(rel + n - 4, ".png") != 0) {
        ctx_error(ctx, place, "image \"%s\" must be a PNG file ending in \".png\"", rel);
        return NULL;
    }
    snprintf(path, sizeof path, "%s/%s", root, rel);
    struct stat st;
    if (stat(path, &st) != 0) {
        ctx_error(ctx, place, "missing file: image \"%s\" does not exist", rel);
        return NULL;
    }
    if (!realpath(path, real) || !inside(root_real, real)) {
        ctx_error(ctx, place, "image \"%s\" leaves the pack folder through a link", rel);
        return NULL;
    }
    int why = 0;
    int fd = open_regular(path, PACK_LIMIT_IMAGE_BYTES, &st, &why);
    if (fd < 0) {
        ctx_error(ctx, place, "image \"%s\" is not a regular file of at most %u bytes", rel,
                  PACK_LIMIT_IMAGE_BYTES);
        return NULL;
    }
    /* The signature and the IHDR chunk, which must come first: enough to know the size in
     * pixels before any decoder allocates for it. */
    unsigned char head[29] = {0};
    size_t got = 0;
    while (got < sizeof head) {
        ssize_t r = read(fd, head + got, sizeof head - got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        got += (size_t)r;
    }
    close(fd);
    if (got < 8 || memcmp(head, "\x89PNG\r\n\x1a\n", 8) != 0) {
        ctx_error(ctx, place, "image \"%s\" is not a PNG file", rel);
        return NULL;
    }
    unsigned long width = be32(head + 16);
    unsigned long height = be32(head + 20);
    if (got < sizeof head || be32(head + 8) != 13 || memcmp(head + 12, "IHDR", 4) != 0 ||
        !png_format_is_valid(head[24], head[25]) || head[26] != 0 || head[27] != 0 ||
        head[28] > 1) {
        ctx_error(ctx, place, "image \"%s\" has a damaged PNG header (no valid IHDR chunk)", rel);
        return NULL;
    }
    if (width == 0 || height == 0 || width > PACK_LIMIT_IMAGE_SIDE ||
        height > PACK_LIMIT_IMAGE_SIDE ||
        (unsigned long long)width * height > PACK_LIMIT_IMAGE_PIXELS) {
        ctx_error(ctx, place,
                  "image \"%s\" is %lu x %lu pixels; the limit is %u pixels on a side and %u "
                  "pixels in all (2048 x 2048)",
                  rel, width, height, PACK_LIMIT_IMAGE_SIDE, PACK_LIMIT_IMAGE_PIXELS);
        return NULL;
    }
    return arena_strdup(arena, path);
}
