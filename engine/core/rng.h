/*
 * rng.h: the one seeded random generator of a game (PCG32, XSH RR variant, O'Neill 2014).
 *
 * Part of the rules core: libc only. Dice and every shuffle draw from it, and nothing else in
 * the rules is random, so the same pack, seed and moves replay the same game.
 */
#ifndef RUTAS_RNG_H
#define RUTAS_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t state;
    uint64_t inc;
} Rng;

void rng_seed(Rng *rng, uint64_t seed, uint64_t stream);
uint32_t rng_next(Rng *rng);
/* A uniform integer in [0, bound), without modulo bias; bound 0 returns 0. */
uint32_t rng_below(Rng *rng, uint32_t bound);

#endif
