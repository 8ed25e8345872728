/*
 * cmd_pack.h: what the `rutas pack` subcommands share (cmd_pack*.c): option parsing, finding
 * the folders to look for base packs in, loading a pack with its problems printed, and small
 * text helpers. Each subcommand takes the arguments after its own name (argv[0] is the
 * subcommand's name) and returns the exit status: 0 done, 1 a problem in the pack or files,
 * 2 a usage error.
 */
#ifndef RUTAS_CMD_PACK_H
#define RUTAS_CMD_PACK_H

#include "pack.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

int cmd_pack_new(int argc, char **argv);
int cmd_pack_check(int argc, char **argv);
int cmd_pack_stats(int argc, char **argv);
int cmd_pack_translate(int argc, char **argv);
int cmd_pack_export_csv(int argc, char **argv);
int cmd_pack_import_csv(int argc, char **argv);

/* ---- Options ------------------------------------------------------------------------------ */

/* Matches argv[*i] against the option --name taking a value, given as "--name VALUE" or
 * "--name=VALUE". Returns 1 and sets *value (advancing *i past a separate value), 0 when it
 * is another argument, -1 after printing "<who>: --name needs a value" when it has none. */
int pack_opt_value(int argc, char **argv, int *i, const char *name, const char **value,
                   const char *who);
/* Parses a whole number in [lo, hi] for an option; prints "<who>: --name needs a whole number
 * from lo to hi, not 'x'" and returns false otherwise. */
bool pack_opt_int(const char *who, const char *name, const char *text, long lo, long hi, long *out);
/* Prints "<who>: unknown option 'x'" or "<who>: unexpected argument 'x'" and "Try '<who>
 * --help'." to stderr; returns 2. */
int pack_usage_error(const char *who, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- Loading ------------------------------------------------------------------------------ */

/* Folders to look for `extends` bases in: the pack's parent folder, ./content/packs, the
 * game's own content/packs, then the extra ones (--search). Owns copies of the strings. */
typedef struct PackDirs {
    char *dirs[12];
    int count;
} PackDirs;

void pack_dirs_init(PackDirs *dirs, const char *pack_path, const char *const *extra,
                    int extra_count);
void pack_dirs_free(PackDirs *dirs);
PackSearchPath pack_dirs_search(const PackDirs *dirs);
/* The game's data folder (with assets/ and content/), or NULL when it cannot be found. */
const char *pack_data_dir(void);

/* Loads the pack at path. Problems go to errors and are printed to out as 'file: place:
 * message' (warnings only when print_warnings). On failure prints "<who>: cannot load the pack
 * in PATH (N errors)" to stderr and returns NULL. */
Pack *pack_cmd_load(const char *who, const char *path, const PackDirs *dirs,
                    const PackLoadOptions *options, PackErrors *errors, bool print_warnings,
                    FILE *out);
void pack_print_errors(const PackErrors *errors, bool warnings, FILE *out);

/* ---- Text --------------------------------------------------------------------------------- */

/* Characters (code points) and words (runs of non-space characters) of a UTF-8 text. */
size_t pack_text_chars(const char *text);
int pack_text_words(const char *text);
/* Is path an existing folder / file? */
bool pack_is_dir(const char *path);
bool pack_is_file(const char *path);
/* Creates a folder (and its parents); false with errno set on failure. */
bool pack_make_dirs(const char *path);

#endif
