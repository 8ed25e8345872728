#!/usr/bin/env bash
# Tests the Windows zip under Wine (Debian's wine and wine64), with no Windows machine:
#
#   tools/windows/test.sh [ZIP]     (default: the zip in build-win/)
#
# Unzips it into a scratch folder and, as a facilitator would, runs from there:
#   rutas.exe --version                              the program and its DLLs load
#   rutas.exe validate --strict content/packs/rutas  the validator passes on the shipped pack
#   rutas.exe validate content/ui                    and on the interface strings
#   rutas.exe screenshot --screen board ...          the game draws a screen into a PNG
#                                                    (SDL's dummy video driver)
# and, when xvfb-run, xwd and netpbm are installed, starts the game in a real window on a
# virtual X display (Wine's X11 driver), grabs the screen to window.png and checks portable
# mode: settings go to user/ beside rutas.exe. Images are left in BUILD_DIR/wine-test/.
# Then the engine's tests that Windows can run (test_core with its golden replay, test_i18n,
# test_audio, test_ui) run as .exe.
#
# Wine keeps its own prefix in $RUTAS_WIN_CACHE/wine (made on the first run).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
zip=${1:-$(ls "$top"/build-win/rutas-*-windows-x64.zip 2>/dev/null | head -n 1)}
[ -f "$zip" ] || {
  echo "windows test: no zip; run tools/windows/build.sh first" >&2
  exit 1
}
command -v wine >/dev/null 2>&1 || {
  echo "windows test: wine is missing: apt-get install wine wine64" >&2
  exit 1
}
cache=${RUTAS_WIN_CACHE:-$HOME/.cache/rutas-win64}
export WINEPREFIX=$cache/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
out=$(dirname "$zip")/wine-test
mkdir -p "$out" "$WINEPREFIX"
fail=0
pass=0
check() { # check NAME CONDITION-STATUS MESSAGE
  if [ "$2" -eq 0 ]; then
    echo "ok: $1"
    pass=$((pass + 1))
  else
    echo "FAIL: $1: $3"
    fail=$((fail + 1))
  fi
}
is_png() { [ -s "$1" ] && [ "$(od -An -c -j1 -N3 "$1" | tr -d ' ')" = PNG ]; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rutas-wine-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
(cd "$tmp" && unzip -q "$zip") || exit 1
dir=$(ls -d "$tmp"/rutas-*/ | head -n 1)
cd "$dir" || exit 1
version=$(basename "$dir" | sed 's/^rutas-\(.*\)-windows-x64$/\1/')
wineboot -i >/dev/null 2>&1 || true

v=$(wine rutas.exe --version 2>&1 | tr -d '\r')
[ "$v" = "rutas $version" ]
check "rutas.exe --version" $? "printed '$v'"

v=$(wine rutas.exe validate --strict content/packs/rutas 2>&1 | tr -d '\r')
rc=$?
printf '%s\n' "$v" | sed 's/^/  /'
[ $rc -eq 0 ] && ! printf '%s\n' "$v" | grep -qi 'warning\|error' && printf '%s\n' "$v" | grep -q 'pack "rutas"'
check "rutas.exe validate --strict content/packs/rutas" $? "exit $rc"

v=$(wine rutas.exe validate content/ui 2>&1 | tr -d '\r')
check "rutas.exe validate content/ui" $? "$v"

rm -f "$out/board.png"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
  wine rutas.exe screenshot --screen board --size 1280x720 --out board.png >"$tmp/shot.log" 2>&1
rc=$?
cp board.png "$out/board.png" 2>/dev/null
is_png board.png
check "rutas.exe screenshot --screen board" $? "exit $rc: $(tr -d '\r' <"$tmp/shot.log")"

if command -v xvfb-run >/dev/null && command -v xwd >/dev/null && command -v pnmtopng >/dev/null; then
  # The game itself in a window: Wine's X11 driver on a virtual display, grabbed after it
  # has drawn its first screen, then closed.
  rm -f "$out/window.png"
  # Wine's server and desktop from the runs above have no display: start them anew inside.
  wineserver -k 2>/dev/null
  wineserver -w 2>/dev/null
  xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
    wine rutas.exe --windowed >game.log 2>&1 &
    game=$!
    sleep 12
    xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >window.png 2>/dev/null
    kill $game 2>/dev/null
    wineserver -k 2>/dev/null
    wait $game 2>/dev/null
    true'
  cp window.png "$out/window.png" 2>/dev/null
  is_png window.png && [ "$(wc -c <window.png)" -gt 20000 ]
  check "the game in a window (window.png)" $? "no screen grabbed: $(tr -d '\r' <game.log 2>/dev/null | tail -n 5)"
  [ -d user ]
  check "portable mode: user/ beside rutas.exe" $? "the game made no user/ folder beside rutas.exe"
else
  echo "skip: the game in a window (needs xvfb-run, xwd from x11-apps, netpbm)"
fi

# The engine's portable tests, built by build.sh beside the zip.
tests=$(dirname "$zip")/tests/tests
if [ -f "$tests/core/test_core.exe" ]; then
  WINEPATH="$(winepath -w "$cache/prefix/bin");$(winepath -w /usr/x86_64-w64-mingw32/lib)"
  export WINEPATH
  for t in core/test_core i18n/test_i18n audio/test_audio ui/test_ui; do
    [ -f "$tests/$t.exe" ] || continue
    (cd "$tmp" && SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy RUTAS_SOURCE_DIR="$top" \
      wine "$tests/$t.exe" >"$tmp/test.log" 2>&1)
    rc=$?
    tr -d '\r' <"$tmp/test.log" | grep -E '^\[  (PASSED|FAILED)|^\[==========\]' | sed 's/^/  /'
    check "$(basename "$t").exe under Wine" $rc "$(tr -d '\r' <"$tmp/test.log" | grep -E 'FAIL|ERROR' | head -n 5)"
  done
else
  echo "skip: the engine's tests (not built: tools/windows/build.sh builds them)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
