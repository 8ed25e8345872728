/*
 * console.c: start-up of rutas.exe on Windows, before main().
 *
 * rutas.exe is a console program so that `rutas validate` and the other commands print into the
 * Command Prompt that ran them. Started with a double click, Windows gives it a console window
 * of its own, which nobody needs behind the game: when no other process shares that console,
 * it is closed.
 *
 * Linked into rutas.exe by packaging/CMakeLists.txt for Windows builds only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

void rutas_windows_startup(void) __attribute__((constructor));

void rutas_windows_startup(void)
{
    DWORD processes[2];
    /* 1: the console was made for rutas.exe alone (a double click, not a Command Prompt). */
    if (GetConsoleProcessList(processes, 2) == 1 && __argc <= 1) {
        FreeConsole();
    }
}
