/*
 * floor.c: the least any SDL2 + SDL2_ttf game does before its first frame, to compare Rutas's
 * start-up with: start SDL video and SDL_ttf, open a window of the game's size and a renderer,
 * open the game's font, draw one line of text and present it. Nothing else.
 *
 *     floor FONT.ttf [--once]
 *
 * Like the game with RUTAS_BENCH_LOG=FILE set, it appends "NS floor - CPU" (CLOCK_MONOTONIC
 * and its CPU time, in nanoseconds) to FILE right after the first SDL_RenderPresent, then it waits
 * for the window to be closed (or SIGTERM), as a game would; with --once it quits at once instead.
 */
#include <SDL.h>
#include <SDL_ttf.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: floor FONT.ttf [--once]\n", stderr);
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *win = SDL_CreateWindow("Rutas", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       1280, 720, SDL_WINDOW_RESIZABLE);
    SDL_Renderer *ren = win != NULL ? SDL_CreateRenderer(win, -1, 0) : NULL;
    TTF_Font *font = TTF_OpenFont(argv[1], 48);
    if (ren == NULL || font == NULL) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *text = TTF_RenderUTF8_Blended(font, "Rutas", white);
    SDL_Texture *tex = text != NULL ? SDL_CreateTextureFromSurface(ren, text) : NULL;
    SDL_SetRenderDrawColor(ren, 20, 30, 40, 255);
    SDL_RenderClear(ren);
    if (tex != NULL) {
        SDL_Rect dst = {100, 100, text->w, text->h};
        SDL_RenderCopy(ren, tex, NULL, &dst);
    }
    SDL_RenderPresent(ren);
    const char *path = getenv("RUTAS_BENCH_LOG");
    FILE *log = path != NULL ? fopen(path, "a") : NULL;
    if (log != NULL) {
        struct timespec ts, cpu;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        fprintf(log, "%lld floor - %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec,
                (long long)cpu.tv_sec * 1000000000LL + cpu.tv_nsec);
        fclose(log);
    }
    bool once = argc > 2 && strcmp(argv[2], "--once") == 0;
    SDL_Event ev;
    while (!once && SDL_WaitEvent(&ev) && ev.type != SDL_QUIT) {
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED) {
            SDL_RenderClear(ren);
            if (tex != NULL) {
                SDL_Rect dst = {100, 100, text->w, text->h};
                SDL_RenderCopy(ren, tex, NULL, &dst);
            }
            SDL_RenderPresent(ren);
        }
    }
    SDL_DestroyTexture(tex);
    SDL_FreeSurface(text);
    TTF_CloseFont(font);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
