/*
 * test_save.c: the autosave: round trips, the backup, damaged and truncated files, other packs
 * and versions, I/O failures, and a process killed at random moments while it saves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bot.h"
#include "save.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rutas-test-save-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in_dir(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* Plays `moves` bot moves of a seeded game on def, recording them. */
static void play(const GameDef *def, int moves, Replay *replay, GameState *state)
{
    GameConfig config = rules_default_config(4);
    replay_init(replay, def, &config, 99);
    assert_int_equal(rules_new_game(state, def, &config, 99), STATUS_OK);
    Rng bot;
    rng_seed(&bot, 1, 1);
    BotStyle style = bot_default_style();
    for (int i = 0; i < moves && !rules_is_over(state); i++) {
        Move m = bot_choose_move(state, &style, &bot);
        assert_int_equal(rules_apply(state, &m, NULL), STATUS_OK);
        replay_push(replay, &m);
    }
}

static void test_round_trip_with_meta(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    Replay r;
    GameState s;
    play(def, 40, &r, &s);
    SaveMeta meta[2] = {{"language", "es-MX"}, {"elapsed", "754"}};
    char path[512], err[256];
    path_in_dir(path, sizeof path, "a.save");
    assert_int_equal(save_write(path, &r, def, meta, 2, err, sizeof err), SAVE_OK);
    SaveFile f;
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_OK);
    assert_string_equal(f.pack_id, "demo");
    assert_string_equal(save_meta_get(&f, "language"), "es-MX");
    assert_string_equal(save_meta_get(&f, "elapsed"), "754");
    assert_null(save_meta_get(&f, "nothing"));
    Replay back;
    GameState t;
    char note[256];
    assert_int_equal(save_restore(&f, def, &back, &t, note, sizeof note), SAVE_OK);
    assert_string_equal(note, "");
    assert_int_equal(back.count, r.count);
    assert_int_equal(rules_state_hash(&t), rules_state_hash(&s));
    save_file_free(&f);
    save_file_free(NULL);
    replay_free(&back);
    replay_free(&r);
}

static void test_backup_keeps_the_previous_save(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    Replay r;
    GameState s;
    play(def, 10, &r, &s);
    char path[512], bak[512], err[256];
    path_in_dir(path, sizeof path, "b.save");
    save_backup_path(path, bak, sizeof bak);
    assert_int_equal(save_write(path, &r, def, NULL, 0, err, sizeof err), SAVE_OK);
    uint64_t first = rules_state_hash(&s);
    Move m = {MOVE_GIVE_POINTS, 0, 5, 0};
    replay_push(&r, &m);
    assert_int_equal(save_write(path, &r, def, NULL, 0, err, sizeof err), SAVE_OK);
    SaveFile f;
    Replay back;
    GameState t;
    char note[256];
    assert_int_equal(save_read(bak, &f, err, sizeof err), SAVE_OK);
    assert_int_equal(save_restore(&f, def, &back, &t, note, sizeof note), SAVE_OK);
    assert_int_equal(rules_state_hash(&t), first);
    assert_int_equal(back.count, r.count - 1);
    save_file_free(&f);
    replay_free(&back);
    replay_free(&r);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(access(tmp, F_OK), 0); /* no temporary file left behind */
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_damaged_and_truncated_saves(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    Replay r;
    GameState s;
    play(def, 30, &r, &s);
    char path[512], err[256];
    path_in_dir(path, sizeof path, "c.save");
    assert_int_equal(save_write(path, &r, def, NULL, 0, err, sizeof err), SAVE_OK);
    size_t len = 0;
    char *good = read_all(path, &len);
    SaveFile f;
    /* A flipped byte. */
    good[len / 2] ^= 0x20;
    write_bytes(path, good, len);
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_DAMAGED);
    assert_non_null(strstr(err, "checksum does not match"));
    assert_non_null(strstr(err, path));
    assert_null(f.replay_text);
    good[len / 2] ^= 0x20;
    /* Cut short at every length. */
    for (size_t cut = 0; cut < len; cut += 7) {
        write_bytes(path, good, cut);
        assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_DAMAGED);
    }
    /* Not a save at all, and an empty file. */
    write_bytes(path, "hello\n", 6);
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_DAMAGED);
    assert_non_null(strstr(err, "not a Rutas save"));
    write_bytes(path, good, len);
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_OK);
    save_file_free(&f);
    free(good);
    replay_free(&r);
    path_in_dir(path, sizeof path, "none.save");
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_MISSING);
}

static void test_other_pack_and_other_version(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    GameConfig config = rules_default_config(3);
    rules_config_exclude(&config, 5, true); /* on-1 */
    Replay r;
    replay_init(&r, def, &config, 5);
    GameState s;
    rules_new_game(&s, def, &config, 5);
    Rng bot;
    rng_seed(&bot, 2, 2);
    BotStyle style = bot_default_style();
    for (int i = 0; i < 60 && !rules_is_over(&s); i++) {
        Move m = bot_choose_move(&s, &style, &bot);
        rules_apply(&s, &m, NULL);
        replay_push(&r, &m);
    }
    char path[512], err[256], note[256];
    path_in_dir(path, sizeof path, "d.save");
    assert_int_equal(save_write(path, &r, def, NULL, 0, err, sizeof err), SAVE_OK);
    SaveFile f;
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_OK);
    Replay back;
    GameState t;
    /* Another pack. */
    GameDef other = *def;
    other.id = "other";
    assert_int_equal(save_restore(&f, &other, &back, &t, note, sizeof note), SAVE_OTHER_PACK);
    assert_non_null(strstr(note, "\"demo\""));
    /* A newer version with one more card: the game comes back and says so. */
    static Card cards[64];
    memcpy(cards, def->cards, (size_t)def->card_count * sizeof cards[0]);
    cards[def->card_count] = (Card){"wk-new", 2, CARD_DISCUSS, 12, 1, 0, ANSWER_NONE, {0}};
    GameDef newer = *def;
    newer.version = "1.1.0";
    newer.cards = cards;
    newer.card_count = def->card_count + 1;
    assert_int_equal(save_restore(&f, &newer, &back, &t, note, sizeof note), SAVE_OK);
    assert_non_null(strstr(note, "saved with demo 1.0.0 and restored with 1.1.0"));
    assert_true(back.count > 0);
    for (int team = 0; team < 3; team++) {
        assert_true(t.position[team] >= 0 && t.position[team] < newer.space_count);
    }
    replay_free(&back);
    /* A version without the card the save excluded: clear refusal naming what is missing. */
    memcpy(cards, def->cards, (size_t)def->card_count * sizeof cards[0]);
    cards[5].id = "on-1-renamed";
    GameDef renamed = *def;
    renamed.version = "2.0.0";
    renamed.cards = cards;
    assert_int_equal(save_restore(&f, &renamed, &back, &t, note, sizeof note), SAVE_OTHER_PACK);
    assert_non_null(strstr(note, "excluded card is not in this pack"));
    save_file_free(&f);
    replay_free(&r);
}

static void test_refuses_bad_meta_and_unwritable_folder(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    Replay r;
    GameState s;
    play(def, 5, &r, &s);
    char path[512], err[256];
    path_in_dir(path, sizeof path, "e.save");
    SaveMeta bad[1] = {{"name", "two\nlines"}};
    assert_int_equal(save_write(path, &r, def, bad, 1, err, sizeof err), SAVE_DAMAGED);
    SaveMeta bad_key[1] = {{"Team Name", "x"}};
    assert_int_equal(save_write(path, &r, def, bad_key, 1, err, sizeof err), SAVE_DAMAGED);
    assert_int_not_equal(access(path, F_OK), 0);
    /* The parent is a file, not a folder: a clear message, nothing written. */
    char file[512], inside[600];
    path_in_dir(file, sizeof file, "plain-file");
    write_bytes(file, "x", 1);
    snprintf(inside, sizeof inside, "%s/f.save", file);
    assert_int_equal(save_write(inside, &r, def, NULL, 0, err, sizeof err), SAVE_IO_ERROR);
    assert_non_null(strstr(err, "cannot write"));
    replay_free(&r);
}

static void test_full_disk_keeps_the_previous_save(void **unused)
{
    (void)unused;
    const GameDef *def = gamedef_demo();
    Replay r;
    GameState s;
    play(def, 200, &r, &s);
    char path[512], err[256];
    path_in_dir(path, sizeof path, "f.save");
    Replay small;
    GameState s2;
    play(def, 3, &small, &s2);
    assert_int_equal(save_write(path, &small, def, NULL, 0, err, sizeof err), SAVE_OK);
    /* A child that may write only 300 bytes per file stands in for a full disk. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = {300, 300};
        setrlimit(RLIMIT_FSIZE, &lim);
        SaveStatus st = save_write(path, &r, def, NULL, 0, err, sizeof err);
        _exit(st == SAVE_IO_ERROR && strstr(err, "f.save.tmp") != NULL ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    SaveFile f;
    assert_int_equal(save_read(path, &f, err, sizeof err), SAVE_OK);
    Replay back;
    GameState t;
    char note[256];
    assert_int_equal(save_restore(&f, def, &back, &t, note, sizeof note), SAVE_OK);
    assert_int_equal(back.count, small.count);
    save_file_free(&f);
    replay_free(&back);
    replay_free(&small);
    replay_free(&r);
}

static void test_killed_while_saving(void **unused)
{
    (void)unused;
    /* A child saves a growing game again and again; it is killed at a random moment. After
     * each kill the save, or else its backup, must load and restore. */
    const GameDef *def = gamedef_demo();
    char path[512], bak[512], err[256];
    path_in_dir(path, sizeof path, "g.save");
    save_backup_path(path, bak, sizeof bak);
    srand(12345);
    int from_save = 0, from_backup = 0, mid_write = 0;
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    for (int round = 0; round < 200; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            Replay r;
            GameState s;
            play(def, 1 + round % 50, &r, &s);
            for (;;) {
                Move m = {MOVE_GIVE_POINTS, 0, 1, 0};
                replay_push(&r, &m);
                save_write(path, &r, def, NULL, 0, err, sizeof err);
            }
        }
        struct timespec ts = {0, (long)(rand() % 3000) * 1000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        mid_write += access(tmp, F_OK) == 0; /* killed between writing and renaming */
        SaveFile f;
        SaveStatus st = save_read(path, &f, err, sizeof err);
        if (st == SAVE_OK) {
            from_save++;
        } else if (save_read(bak, &f, err, sizeof err) == SAVE_OK) {
            from_backup++;
        } else {
            /* Killed before the very first save finished: nothing to resume is fine only
             * then. */
            assert_int_equal(st, SAVE_MISSING);
            assert_int_not_equal(access(bak, F_OK), 0);
            continue;
        }
        Replay back;
        GameState t;
        char note[256];
        assert_int_equal(save_restore(&f, def, &back, &t, note, sizeof note), SAVE_OK);
        save_file_free(&f);
        replay_free(&back);
    }
    printf("killed 200 times (%d in the middle of a save): %d restored from the save, %d from "
           "the backup\n",
           mid_write, from_save, from_backup);
    assert_true(from_save + from_backup > 150);
    assert_true(mid_write > 0); /* the kills did land during saves */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_with_meta),
        cmocka_unit_test(test_backup_keeps_the_previous_save),
        cmocka_unit_test(test_damaged_and_truncated_saves),
        cmocka_unit_test(test_other_pack_and_other_version),
        cmocka_unit_test(test_refuses_bad_meta_and_unwritable_folder),
        cmocka_unit_test(test_full_disk_keeps_the_previous_save),
        cmocka_unit_test(test_killed_while_saving),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
