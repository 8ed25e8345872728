/*
 * fuzz_replay.c: libFuzzer target for the replay reader: replay_from_text() against the
 * built-in demo game, then replay_run() and replay_repair().
 *
 * Properties checked beside the sanitizers: a refused replay says why ("line N: ...") and
 * leaves nothing to free; an accepted one survives a round trip through replay_to_text() with
 * the same setup and moves, replays to the same state from either copy, and after
 * replay_repair() every move left is legal.
 */
#include "fuzz_util.h"

#include "replay.h"

static GameState state;
static GameState again;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const GameDef *def = gamedef_demo();
    Replay replay;
    char err[256] = "";
    if (!replay_from_text((const char *)data, size, def, &replay, err, sizeof err)) {
        FUZZ_CHECK(strncmp(err, "line ", 5) == 0);
        FUZZ_CHECK(replay.moves == NULL && replay.count == 0);
        return 0;
    }
    FUZZ_CHECK(replay.count >= 0 && replay.count <= REPLAY_MAX_MOVES);

    char *text = replay_to_text(&replay, def);
    FUZZ_CHECK(text != NULL);
    Replay copy;
    FUZZ_CHECK(replay_from_text(text, strlen(text), def, &copy, err, sizeof err));
    FUZZ_CHECK(copy.count == replay.count && copy.seed == replay.seed);
    FUZZ_CHECK(memcmp(&copy.config, &replay.config, sizeof copy.config) == 0);
    FUZZ_CHECK(copy.count == 0 ||
               memcmp(copy.moves, replay.moves, (size_t)copy.count * sizeof *copy.moves) == 0);
    free(text);

    int failed_at = -2;
    Status a = replay_run(&replay, def, -1, &state, &failed_at);
    int failed_again = -2;
    Status b = replay_run(&copy, def, -1, &again, &failed_again);
    FUZZ_CHECK(a == b && failed_at == failed_again);
    if (a == STATUS_OK) {
        FUZZ_CHECK(rules_state_hash(&state) == rules_state_hash(&again));
    } else {
        FUZZ_CHECK(failed_at >= -1 && failed_at < replay.count);
    }
    /* Replaying a prefix never fails where the whole did not. */
    int upto = replay.count / 2;
    Status prefix = replay_run(&replay, def, upto, &state, &failed_again);
    FUZZ_CHECK(prefix == STATUS_OK || (a != STATUS_OK && failed_again == failed_at));

    int dropped = replay_repair(&copy, def, &state);
    if (dropped >= 0) {
        FUZZ_CHECK(copy.count + dropped == replay.count);
        FUZZ_CHECK(replay_run(&copy, def, -1, &again, &failed_again) == STATUS_OK);
        FUZZ_CHECK(rules_state_hash(&state) == rules_state_hash(&again));
    } else {
        FUZZ_CHECK(a != STATUS_OK && failed_at == -1);
    }
    replay_free(&copy);
    replay_free(&replay);
    return 0;
}
