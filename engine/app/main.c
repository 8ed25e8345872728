/*
 * main.c: the `rutas` program: parses the command line and hands over to a subcommand or to
 * the game. The composition of the modules happens here and nowhere else.
 */
#include "commands.h"
#include "game.h"

#include <stdio.h>
#include <string.h>

#ifndef RUTAS_VERSION
#define RUTAS_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
    fputs("Usage: rutas [OPTION]...\n"
          "       rutas COMMAND [ARG]...\n"
          "Rutas: a board game to talk about rights, relationships and risks, for groups of\n"
          "young people with a facilitator.\n\n"
          "Commands:\n"
          "  simulate     play many games headless and print figures\n"
          "  validate     check content packs and print every problem\n"
          "  pack         tools for pack authors: new, check, stats, translate, CSV\n"
          "  screenshot   save one screen of a seeded session as a PNG image\n"
          "  print        write a print-and-play version of a pack as PNG pages\n"
          "  report       merge session reports into one table for monitoring\n\n"
          "With no command, rutas opens the game window. Options:\n"
          "  --pack PATH         play the pack in this folder (default: the Rutas pack)\n"
          "  --lang TAG          language, e.g. es-MX or en\n"
          "  --region CC         country whose help lines are shown, e.g. MX\n"
          "  --fullscreen        start in fullscreen (F11 switches)\n"
          "  --windowed          start in a window\n"
          "  --seed N            seed of the first session (the same seed and moves replay the\n"
          "                      same game)\n"
          "  --watch             for pack authors: reload the pack when one of its files\n"
          "                      changes, and show its problems on screen\n"
          "  --version           print the version and exit\n"
          "  --help              show this help and exit\n\n"
          "Run 'rutas COMMAND --help' for a command's own options.\n",
          out);
}

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
} Command;

static const Command commands[] = {
    {"simulate", cmd_simulate},
    {"validate", cmd_validate},
    {"pack", cmd_pack},
    {"screenshot", cmd_screenshot},
    {"print", cmd_print},
    {"report", cmd_report},
};

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0] != '-') {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (strcmp(argv[1], commands[i].name) == 0) {
                return commands[i].run(argc - 1, argv + 1);
            }
        }
        fprintf(stderr, "rutas: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    AppOptions options = APP_OPTIONS_INIT;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("rutas %s\n", RUTAS_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        }
        int r = app_parse_option(argc, argv, &i, &options);
        if (r < 0) {
            return 2;
        }
        if (r == 0) {
            fprintf(stderr, "rutas: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    return game_run(&options);
}
