#include "cmd_pack.h"
int cmd_pack_export_csv(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("rutas pack export-csv: not available yet\n", stderr);
    return 2;
}
int cmd_pack_import_csv(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("rutas pack import-csv: not available yet\n", stderr);
    return 2;
}
