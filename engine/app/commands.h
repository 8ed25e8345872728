/*
 * commands.h: the subcommands of the `rutas` program. Each takes the arguments after its own
 * name (argv[0] is the subcommand) and returns the process exit status.
 */
#ifndef RUTAS_COMMANDS_H
#define RUTAS_COMMANDS_H

int cmd_simulate(int argc, char **argv);
/* rutas validate [--strict] [--today YYYY-MM-DD] [--search DIR]... PATH...: checks packs and
 * string folders (cmd_validate.c). */
int cmd_validate(int argc, char **argv);
/* rutas screenshot --screen NAME --size WxH --out FILE.png: one screen of a seeded session
 * drawn into a PNG (cmd_screenshot.c). */
int cmd_screenshot(int argc, char **argv);
/* rutas print PATH --out DIR [--lang TAG] [--region CC] [--paper a4|letter]: the print-and-play
 * version of a pack as PNG pages (cmd_print.c). */
int cmd_print(int argc, char **argv);
/* rutas report [--format md|csv] FOLDER...: merges anonymous session reports into one table
 * (cmd_report.c). */
int cmd_report(int argc, char **argv);
/* rutas pack new|check|stats|translate|export-csv|import-csv ...: the tools of pack authors and
 * translators (cmd_pack*.c). */
int cmd_pack(int argc, char **argv);

#endif
