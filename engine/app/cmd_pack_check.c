#include "cmd_pack.h"
int cmd_pack_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("rutas pack check: not available yet\n", stderr);
    return 2;
}
