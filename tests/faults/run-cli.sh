#!/bin/sh
# The rutas program itself, started as a facilitator starts it, under faults it must survive:
#   run-cli.sh RUTAS CASE
# no-audio       no audio device: the game says so once and plays silently
# pref-unusable  a user folder that cannot be made: said once, the game plays on
# data-no-fonts  RUTAS_DATA_DIR without fonts: named on stderr, the game's own data is used
# broken-font    a data folder whose font is empty: a clear error and a non-zero exit
# The game runs under SDL's dummy drivers and is closed with SIGTERM, which SDL turns into a
# quit request, as when a session is logged out.
rutas=$1
case_name=$2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() {
  echo "FAIL ($case_name): $*"
  echo "--- stderr:"
  cat "$t/err.txt" 2>/dev/null
  exit 1
}

# Starts the game in the background and waits (up to a minute: sanitizer builds are slow)
# until stderr shows $1, then asks it to quit and checks it exits cleanly.
play_until() {
  "$rutas" --windowed >"$t/out.txt" 2>"$t/err.txt" &
  pid=$!
  n=0
  until grep -q "$1" "$t/err.txt" 2>/dev/null; do
    n=$((n + 1))
    if [ $n -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
      kill -9 $pid 2>/dev/null
      fail "never said '$1'"
    fi
    sleep 0.1
  done
  sleep 0.5
  kill -TERM $pid
  wait $pid
  rc=$?
  [ $rc -eq 0 ] || fail "exit status $rc after a quit request"
}

export SDL_VIDEODRIVER=dummy
case "$case_name" in
no-audio)
  export SDL_AUDIODRIVER=nonexistent RUTAS_PREF_DIR="$t/pref"
  play_until "running silently"
  [ "$(grep -c 'no audio device' "$t/err.txt")" -eq 1 ] || fail "not said exactly once"
  ;;
pref-unusable)
  echo x >"$t/file"
  export SDL_AUDIODRIVER=dummy RUTAS_PREF_DIR="$t/file/rutas"
  play_until "are not saved"
  [ "$(grep -c 'are not saved' "$t/err.txt")" -eq 1 ] || fail "not said exactly once"
  grep -q "cannot use $t/file/rutas" "$t/err.txt" || fail "the folder is not named"
  ;;
data-no-fonts)
  mkdir -p "$t/data/assets" "$t/data/content"
  RUTAS_DATA_DIR="$t/data" "$rutas" screenshot --screen title --size 640x480 \
    --out "$t/title.png" 2>"$t/err.txt" || fail "the screenshot failed"
  grep -q "RUTAS_DATA_DIR=$t/data has no assets/fonts/NotoSans-Regular.ttf" "$t/err.txt" ||
    fail "RUTAS_DATA_DIR is not named"
  [ -s "$t/title.png" ] || fail "no picture"
  ;;
broken-font)
  src=$3
  mkdir -p "$t/data/assets/fonts"
  ln -s "$src/content" "$t/data/content"
  : >"$t/data/assets/fonts/NotoSans-Regular.ttf"
  : >"$t/data/assets/fonts/NotoSans-Bold.ttf"
  if RUTAS_DATA_DIR="$t/data" "$rutas" screenshot --screen title --size 640x480 \
    --out "$t/title.png" 2>"$t/err.txt"; then
    fail "exit status 0 without a usable font"
  fi
  grep -q "cannot read the font $t/data/assets/fonts/NotoSans-Regular.ttf" "$t/err.txt" ||
    fail "the font is not named"
  ;;
*)
  fail "unknown case"
  ;;
esac
echo "fault $case_name: ok"
