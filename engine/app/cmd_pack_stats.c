#include "cmd_pack.h"
int cmd_pack_stats(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("rutas pack stats: not available yet\n", stderr);
    return 2;
}
