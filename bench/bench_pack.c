/*
 * bench_pack.c: how long pack_load() takes (reading, parsing and every check of the validator)
 * and how much memory it needs, for one pack folder.
 *
 *     bench_pack DIR [RUNS]
 *
 * Prints one line per figure for tools/bench to collect:
 *     cards N
 *     peak_kb K       growth of the process's peak RSS (VmHWM) over the first load
 *     load_ms T       wall-clock time, one line per run (after the first, which warms the
 *                     file cache)
 *     cpu_ms T        the CPU time of the same run (what a busy machine does not inflate)
 * Exits 1 when the pack does not load.
 */
#include "pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A field of /proc/self/status in kB, or -1. */
static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            kb = strtol(line + n + 1, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb;
}

static Pack *load(const char *dir)
{
    PackErrors errors;
    pack_errors_init(&errors);
    char parent[4200];
    snprintf(parent, sizeof parent, "%s/..", dir);
    const char *dirs[] = {parent};
    PackSearchPath search = {dirs, 1};
    Pack *pack = pack_load(dir, &search, NULL, &errors);
    if (pack == NULL) {
        char line[1024];
        for (int i = 0; i < errors.count && i < 10; i++) {
            pack_error_format(&errors.items[i], line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
    }
    pack_errors_clear(&errors);
    return pack;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench_pack DIR [RUNS]\n", stderr);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 10;
    long before = status_kb("VmHWM");
    Pack *pack = load(argv[1]);
    if (pack == NULL) {
        fprintf(stderr, "bench_pack: %s does not load\n", argv[1]);
        return 1;
    }
    long after = status_kb("VmHWM");
    printf("cards %d\n", pack_def(pack)->card_count);
    printf("peak_kb %ld\n", after - before);
    pack_free(pack);
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        pack = load(argv[1]);
        double t1 = now_ms(CLOCK_MONOTONIC), c1 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        if (pack == NULL) {
            return 1;
        }
        pack_free(pack);
        printf("load_ms %.3f\ncpu_ms %.3f\n", t1 - t0, c1 - c0);
    }
    return 0;
}
