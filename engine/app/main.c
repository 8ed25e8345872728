/*
 * main.c: the `rutas` program: parses the command line and hands over to a subcommand or to
 * the game. The composition of the modules happens here and nowhere else.
 */
#include "commands.h"

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
          "  validate     check content packs and print every problem\n\n"
          "Options:\n"
          "  --version    print the version and exit\n"
          "  --help       show this help and exit\n\n"
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
};

int main(int argc, char **argv)
{
    if (argc > 1) {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (strcmp(argv[1], commands[i].name) == 0) {
                return commands[i].run(argc - 1, argv + 1);
            }
        }
        if (strcmp(argv[1], "--version") == 0) {
            printf("rutas %s\n", RUTAS_VERSION);
            return 0;
        }
        if (strcmp(argv[1], "--help") == 0) {
            usage(stdout);
            return 0;
        }
        fprintf(stderr, "rutas: unknown command or option '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    fputs("rutas: the game window is not built yet; try 'rutas simulate'\n", stderr);
    return 1;
}
