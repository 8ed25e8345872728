/*
 * ui_strings.h: the game's own words in Spanish (Mexico) and English, built in so that the game
 * always has a readable screen even when content/ui/<tag>.json is missing or incomplete. The
 * files, when present, are added after these tables and win key by key.
 */
#ifndef RUTAS_UI_STRINGS_H
#define RUTAS_UI_STRINGS_H

#include "i18n.h"

/* A new table for "es-MX" or "en" (anything else: NULL). The caller owns it
 * (i18n_table_destroy). */
StringTable *ui_strings_builtin(const char *tag);

#endif
