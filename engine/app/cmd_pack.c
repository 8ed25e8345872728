/*
 * cmd_pack.c: `rutas pack SUBCOMMAND ...`: the authoring tools of pack writers and translators
 * (new, check, stats, translate, export-csv, import-csv). What they share is in cmd_pack_util.c.
 */
#include "cmd_pack.h"
#include "commands.h"

#include <string.h>

typedef struct Subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Subcommand;

static const Subcommand subcommands[] = {
    {"new", cmd_pack_new, "start a pack: a blank one, or an overlay of another (--from)"},
    {"check", cmd_pack_check, "validate, then check fonts, fit on the card, reading length"},
    {"stats", cmd_pack_stats, "simulate sessions: cards drawn, dry decks, topic coverage"},
    {"translate", cmd_pack_translate, "start or update a translation: locale file and notes"},
    {"export-csv", cmd_pack_export_csv, "write the cards and their texts as a spreadsheet"},
    {"import-csv", cmd_pack_import_csv, "read texts edited in the spreadsheet back"},
};

static void usage(FILE *out)
{
    fputs("Usage: rutas pack COMMAND [OPTION]... [ARG]...\n"
          "Tools for writing, checking and translating content packs.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        fprintf(out, "  %-12s %s\n", subcommands[i].name, subcommands[i].summary);
    }
    fputs("\nRun 'rutas pack COMMAND --help' for a command's options. The pack format is\n"
          "described in docs/pack-format.md, the authoring workflow in docs/authoring.md.\n",
          out);
}

int cmd_pack(int argc, char **argv)
{
    if (argc < 2) {
        fputs("rutas pack: no command given\n", stderr);
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(argv[1], subcommands[i].name) == 0) {
            return subcommands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "rutas pack: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
