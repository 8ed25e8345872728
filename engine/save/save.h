/*
 * save.h: the autosave: a game written to disk after every move, so that a crash, a flat
 * battery or a closed lid loses at most the move in progress.
 *
 * libc only (POSIX file calls); depends on the rules core. A save holds the replay of the game
 * (pack id and version, seed, setup, moves) and a few key=value lines the UI chooses (language,
 * region, clock); never any free text typed by players. Text form:
 *
 *     rutas-save 1
 *     checksum 0123456789abcdef     FNV-1a 64 of every byte after this line
 *     meta language es-MX
 *     rutas-replay 1
 *     ...                           the replay text (replay.h)
 *     end
 *
 * Writing is atomic: the new save goes to PATH.tmp, is flushed to the disk, the previous save
 * is kept as PATH.bak, and PATH.tmp is renamed over PATH. A reader that finds PATH damaged
 * (bad checksum, truncated) offers PATH.bak.
 *
 * Ownership: a SaveFile owns its replay text (save_file_free). Errors are written to buffers
 * the caller owns; nothing here is global.
 */
#ifndef RUTAS_SAVE_H
#define RUTAS_SAVE_H

#include "replay.h"

#include <stdbool.h>
#include <stddef.h>

#define SAVE_MAX_BYTES  (8u * 1024u * 1024u)
#define SAVE_MAX_META   32
#define SAVE_META_KEY   32  /* [a-z0-9_.-], at most 31 bytes */
#define SAVE_META_VALUE 128 /* printable, no line breaks, at most 127 bytes */

typedef struct SaveMeta {
    char key[SAVE_META_KEY];
    char value[SAVE_META_VALUE];
} SaveMeta;

typedef enum SaveStatus {
    SAVE_OK,
    SAVE_MISSING,    /* no such file */
    SAVE_DAMAGED,    /* truncated, checksum mismatch or not a save: try the backup */
    SAVE_OTHER_PACK, /* recorded with a pack this one is not */
    SAVE_IO_ERROR    /* could not read or write (permissions, full disk, ...) */
} SaveStatus;

typedef struct SaveFile {
    char pack_id[64];
    char pack_version[32];
    SaveMeta meta[SAVE_MAX_META];
    int meta_count;
    char *replay_text; /* owned */
    size_t replay_len;
} SaveFile;

/* Writes the save atomically (see above). meta may be NULL when meta_count is 0; a meta entry
 * whose key or value breaks the rules above is refused. On failure returns SAVE_IO_ERROR (or
 * SAVE_DAMAGED for refused meta) with a message naming the file, and the previous save is
 * untouched. */
SaveStatus save_write(const char *path, const Replay *replay, const GameDef *def,
                      const SaveMeta *meta, int meta_count, char *err, size_t err_size);

/* Reads and checks a save without a pack. On SAVE_OK *file is filled (free it with
 * save_file_free); on any other status *file is empty and err says what and where. */
SaveStatus save_read(const char *path, SaveFile *file, char *err, size_t err_size);
void save_file_free(SaveFile *file);
/* The value of a meta key, or NULL. */
const char *save_meta_get(const SaveFile *file, const char *key);

/* Rebuilds the game against def, the pack as installed now. With the version the save was
 * made with, the replay is exact. With another version of the same pack, every move that still
 * applies is replayed and `note` says how many did not and why; cards, topics or spaces the
 * save names that the pack no longer has make it SAVE_OTHER_PACK with a note naming them. On
 * SAVE_OK the caller owns *replay (replay_free). */
SaveStatus save_restore(const SaveFile *file, const GameDef *def, Replay *replay, GameState *state,
                        char *note, size_t note_size);

/* PATH.bak for PATH. */
void save_backup_path(const char *path, char *out, size_t size);

#endif
