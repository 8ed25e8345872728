/*
 * fuzz_save.c: libFuzzer target for the save loader: save_read() then save_restore() against
 * the built-in demo game.
 *
 * The first byte of an input is a switch: when its low bit is set, the rest is the body of a
 * save and the target writes the header with the right checksum in front (so the fuzzer gets
 * past the checksum and into the meta lines and the replay); otherwise the rest is written as
 * the whole file.
 *
 * Properties checked beside the sanitizers: any status but SAVE_OK comes with a message; a
 * save that restores can be written again, and that copy reads and restores to the same game
 * (same moves, same state hash).
 */
#include "fuzz_util.h"

#include "save.h"

#include <inttypes.h>

static char dir[PATH_MAX];
static GameState state;
static GameState again;

static void cleanup(void)
{
    fuzz_remove_tree(dir);
}

static uint64_t fnv1a(const uint8_t *data, size_t len)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= data[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    if (!dir[0]) {
        fuzz_make_temp_dir(dir, sizeof dir);
        atexit(cleanup);
    }
    char path[PATH_MAX];
    char copy[PATH_MAX];
    snprintf(path, sizeof path, "%s/save", dir);
    snprintf(copy, sizeof copy, "%s/copy", dir);
    const uint8_t *body = data + 1;
    size_t body_len = size - 1;
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    if (data[0] & 1) {
        fprintf(f, "rutas-save 1\nchecksum %016" PRIx64 "\n", fnv1a(body, body_len));
    }
    FUZZ_CHECK(fwrite(body, 1, body_len, f) == body_len);
    FUZZ_CHECK(fclose(f) == 0);

    char err[512] = "";
    SaveFile file;
    SaveStatus status = save_read(path, &file, err, sizeof err);
    if (status != SAVE_OK) {
        FUZZ_CHECK(err[0] != '\0');
        FUZZ_CHECK(file.replay_text == NULL);
        return 0;
    }
    FUZZ_CHECK(file.replay_text != NULL && strlen(file.replay_text) == file.replay_len);
    FUZZ_CHECK(file.meta_count >= 0 && file.meta_count <= SAVE_MAX_META);
    (void)save_meta_get(&file, "language");

    const GameDef *def = gamedef_demo();
    Replay replay;
    char note[512] = "";
    status = save_restore(&file, def, &replay, &state, note, sizeof note);
    if (status == SAVE_OK) {
        uint64_t hash = rules_state_hash(&state);
        status = save_write(copy, &replay, def, file.meta, file.meta_count, err, sizeof err);
        FUZZ_CHECK(status == SAVE_OK);
        SaveFile second;
        FUZZ_CHECK(save_read(copy, &second, err, sizeof err) == SAVE_OK);
        FUZZ_CHECK(second.meta_count == file.meta_count);
        Replay replay2;
        FUZZ_CHECK(save_restore(&second, def, &replay2, &again, note, sizeof note) == SAVE_OK);
        FUZZ_CHECK(replay2.count == replay.count);
        FUZZ_CHECK(rules_state_hash(&again) == hash);
        replay_free(&replay2);
        save_file_free(&second);
        replay_free(&replay);
    } else {
        FUZZ_CHECK(note[0] != '\0');
    }
    save_file_free(&file);
    return 0;
}
