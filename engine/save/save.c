/*
 * save.c: atomic autosave files with a checksum and a backup. libc and POSIX only.
 */
#include "save.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SAVE_MAGIC "rutas-save 1\n"

static uint64_t fnv1a(const char *data, size_t len)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void save_backup_path(const char *path, char *out, size_t size)
{
    snprintf(out, size, "%s.bak", path);
}

static bool meta_is_valid(const SaveMeta *m)
{
    size_t klen = strnlen(m->key, SAVE_META_KEY);
    size_t vlen = strnlen(m->value, SAVE_META_VALUE);
    if (klen == 0 || klen >= SAVE_META_KEY || vlen >= SAVE_META_VALUE) {
        return false;
    }
    for (size_t i = 0; i < klen; i++) {
        char c = m->key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-')) {
            return false;
        }
    }
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = (unsigned char)m->value[i];
        if (c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return true;
}

static SaveStatus io_error(char *err, size_t err_size, const char *path, const char *what)
{
    int e = errno;
    if (e == ENOSPC) {
        snprintf(err, err_size, "%s: the disk is full; the previous save is kept", path);
    } else {
        snprintf(err, err_size, "%s: %s: %s", path, what, strerror(e));
    }
    return SAVE_IO_ERROR;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Flushes the folder holding path, so that the renames survive a power cut. */
static void sync_parent(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == NULL) {
        snprintf(dir, sizeof dir, ".");
    } else if (slash == dir) {
        dir[1] = '\0';
    } else {
        *slash = '\0';
    }
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

SaveStatus save_write(const char *path, const Replay *replay, const GameDef *def,
                      const SaveMeta *meta, int meta_count, char *err, size_t err_size)
{
    if (meta_count < 0 || meta_count > SAVE_MAX_META) {
        snprintf(err, err_size, "%s: too many meta entries", path);
        return SAVE_DAMAGED;
    }
    for (int i = 0; i < meta_count; i++) {
        if (!meta_is_valid(&meta[i])) {
            snprintf(err, err_size, "%s: meta entry %d is not a short key=value pair", path, i);
            return SAVE_DAMAGED;
        }
    }
    char *replay_text = replay_to_text(replay, def);
    if (replay_text == NULL) {
        snprintf(err, err_size, "%s: out of memory", path);
        return SAVE_IO_ERROR;
    }
    size_t replay_len = strlen(replay_text);
    size_t body_cap = replay_len + (size_t)meta_count * (SAVE_META_KEY + SAVE_META_VALUE + 8) + 8;
    char *body = malloc(body_cap);
    if (body == NULL) {
        free(replay_text);
        snprintf(err, err_size, "%s: out of memory", path);
        return SAVE_IO_ERROR;
    }
    size_t len = 0;
    for (int i = 0; i < meta_count; i++) {
        len += (size_t)snprintf(body + len, body_cap - len, "meta %s %s\n", meta[i].key,
                                meta[i].value);
    }
    memcpy(body + len, replay_text, replay_len);
    len += replay_len;
    memcpy(body + len, "end\n", 4);
    len += 4;
    free(replay_text);

    char head[64];
    int head_len =
        snprintf(head, sizeof head, SAVE_MAGIC "checksum %016" PRIx64 "\n", fnv1a(body, len));
    char tmp[4096], bak[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    save_backup_path(path, bak, sizeof bak);

    SaveStatus status = SAVE_OK;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        status = io_error(err, err_size, tmp, "cannot write");
        goto done;
    }
    if (!write_all(fd, head, (size_t)head_len) || !write_all(fd, body, len) || fsync(fd) != 0) {
        status = io_error(err, err_size, tmp, "cannot write");
        close(fd);
        unlink(tmp);
        goto done;
    }
    if (close(fd) != 0) {
        status = io_error(err, err_size, tmp, "cannot write");
        unlink(tmp);
        goto done;
    }
    /* Keep the previous save as the backup. A hard link keeps PATH in place the whole time;
     * where links are not possible, a rename leaves a moment in which only the backup and the
     * new temporary file exist, which the reader handles. */
    struct stat st;
    if (stat(path, &st) == 0) {
        unlink(bak);
        if (link(path, bak) != 0 && rename(path, bak) != 0) {
            status = io_error(err, err_size, bak, "cannot keep the backup");
            unlink(tmp);
            goto done;
        }
    }
    if (rename(tmp, path) != 0) {
        status = io_error(err, err_size, path, "cannot replace the save");
        unlink(tmp);
        goto done;
    }
    sync_parent(path);
done:
    free(body);
    return status;
}

void save_file_free(SaveFile *file)
{
    if (file == NULL) {
        return;
    }
    free(file->replay_text);
    memset(file, 0, sizeof *file);
}

const char *save_meta_get(const SaveFile *file, const char *key)
{
    for (int i = 0; i < file->meta_count; i++) {
        if (strcmp(file->meta[i].key, key) == 0) {
            return file->meta[i].value;
        }
    }
    return NULL;
}

static SaveStatus damaged(char *err, size_t err_size, const char *path, const char *what)
{
    snprintf(err, err_size, "%s: %s", path, what);
    return SAVE_DAMAGED;
}

SaveStatus save_read(const char *path, SaveFile *file, char *err, size_t err_size)
{
    memset(file, 0, sizeof *file);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        if (errno == ENOENT) {
            snprintf(err, err_size, "%s: no saved game", path);
            return SAVE_MISSING;
        }
        return io_error(err, err_size, path, "cannot read");
    }
    char *data = malloc(SAVE_MAX_BYTES + 1);
    if (data == NULL) {
        fclose(f);
        snprintf(err, err_size, "%s: out of memory", path);
        return SAVE_IO_ERROR;
    }
    size_t len = fread(data, 1, SAVE_MAX_BYTES + 1, f);
    bool read_error = ferror(f) != 0;
    fclose(f);
    SaveStatus status = SAVE_OK;
    if (read_error) {
        status = io_error(err, err_size, path, "cannot read");
        goto fail;
    }
    data[len < SAVE_MAX_BYTES ? len : SAVE_MAX_BYTES] = '\0';
    if (len > SAVE_MAX_BYTES) {
        status = damaged(err, err_size, path, "larger than a save can be (8 MiB)");
        goto fail;
    }
    size_t magic_len = strlen(SAVE_MAGIC);
    if (len < magic_len || memcmp(data, SAVE_MAGIC, magic_len) != 0) {
        status = damaged(err, err_size, path, "line 1: not a Rutas save");
        goto fail;
    }
    uint64_t expected = 0;
    char *body = strchr(data + magic_len, '\n');
    if (body == NULL || sscanf(data + magic_len, "checksum %16" SCNx64, &expected) != 1) {
        status = damaged(err, err_size, path, "line 2: no checksum");
        goto fail;
    }
    body++;
    size_t body_len = len - (size_t)(body - data);
    if (memchr(body, '\0', body_len) != NULL || fnv1a(body, body_len) != expected) {
        status = damaged(err, err_size, path, "damaged or cut short (checksum does not match)");
        goto fail;
    }
    if (body_len < 4 || memcmp(body + body_len - 4, "end\n", 4) != 0) {
        status = damaged(err, err_size, path, "cut short (no end line)");
        goto fail;
    }
    /* Meta lines, then the replay up to the end line. */
    char *p = body;
    int lineno = 3;
    while (strncmp(p, "meta ", 5) == 0) {
        char *nl = strchr(p, '\n');
        char *sp = memchr(p + 5, ' ', (size_t)(nl - p - 5));
        if (sp == NULL || file->meta_count >= SAVE_MAX_META) {
            char what[64];
            snprintf(what, sizeof what, "line %d: bad meta line", lineno);
            status = damaged(err, err_size, path, what);
            goto fail;
        }
        SaveMeta *m = &file->meta[file->meta_count];
        size_t klen = (size_t)(sp - (p + 5));
        size_t vlen = (size_t)(nl - sp - 1);
        if (klen >= SAVE_META_KEY || vlen >= SAVE_META_VALUE) {
            char what[64];
            snprintf(what, sizeof what, "line %d: meta line too long", lineno);
            status = damaged(err, err_size, path, what);
            goto fail;
        }
        memcpy(m->key, p + 5, klen);
        m->key[klen] = '\0';
        memcpy(m->value, sp + 1, vlen);
        m->value[vlen] = '\0';
        if (!meta_is_valid(m)) {
            char what[64];
            snprintf(what, sizeof what, "line %d: bad meta line", lineno);
            status = damaged(err, err_size, path, what);
            goto fail;
        }
        file->meta_count++;
        p = nl + 1;
        lineno++;
    }
    size_t replay_len = (size_t)(body + body_len - 4 - p);
    if (sscanf(p, "rutas-replay 1\npack %63s %31s", file->pack_id, file->pack_version) != 2) {
        char what[64];
        snprintf(what, sizeof what, "line %d: no replay", lineno);
        status = damaged(err, err_size, path, what);
        goto fail;
    }
    file->replay_text = malloc(replay_len + 1);
    if (file->replay_text == NULL) {
        snprintf(err, err_size, "%s: out of memory", path);
        status = SAVE_IO_ERROR;
        goto fail;
    }
    memcpy(file->replay_text, p, replay_len);
    file->replay_text[replay_len] = '\0';
    file->replay_len = replay_len;
    free(data);
    return SAVE_OK;
fail:
    free(data);
    save_file_free(file);
    return status;
}

SaveStatus save_restore(const SaveFile *file, const GameDef *def, Replay *replay, GameState *state,
                        char *note, size_t note_size)
{
    note[0] = '\0';
    if (def->id == NULL || strcmp(file->pack_id, def->id) != 0) {
        snprintf(note, note_size, "the saved game was played with the pack \"%s\", not \"%s\"",
                 file->pack_id, def->id != NULL ? def->id : "");
        return SAVE_OTHER_PACK;
    }
    char err[160];
    if (!replay_from_text(file->replay_text, file->replay_len, def, replay, err, sizeof err)) {
        /* The replay names a card, topic or space this version of the pack does not have. */
        snprintf(note, note_size, "the saved game cannot be restored with %s %s: %s", def->id,
                 def->version != NULL ? def->version : "", err);
        return SAVE_OTHER_PACK;
    }
    bool same_version = def->version != NULL && strcmp(file->pack_version, def->version) == 0;
    if (same_version) {
        int failed_at = -1;
        if (replay_run(replay, def, -1, state, &failed_at) == STATUS_OK) {
            return SAVE_OK;
        }
    }
    int dropped = replay_repair(replay, def, state);
    if (dropped < 0) {
        replay_free(replay);
        snprintf(note, note_size, "the saved game's setup does not fit %s %s", def->id,
                 def->version != NULL ? def->version : "");
        return SAVE_OTHER_PACK;
    }
    if (!same_version) {
        snprintf(note, note_size,
                 "saved with %s %s and restored with %s: %d of %d moves replayed%s", def->id,
                 file->pack_version, def->version != NULL ? def->version : "?", replay->count,
                 replay->count + dropped, dropped > 0 ? "; cards that changed may differ" : "");
    } else if (dropped > 0) {
        snprintf(note, note_size, "%d moves of the saved game could not be replayed", dropped);
    }
    return SAVE_OK;
}
