#!/usr/bin/env bash
# rutas --watch as an author runs it: the game (dummy video and audio drivers) on a copy of a
# pack, edited while it runs; its own loop and timer notice each edit within seconds.
#   run-cli.sh RUTAS SOURCE_DIR
set -uo pipefail
rutas=$1
src=$2
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cp -r "$src/tests/fixtures/packs/good/mini" "$work/mini"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy RUTAS_DATA_DIR=$src RUTAS_PREF_DIR=$work/pref/
"$rutas" --pack "$work/mini" --watch 2>"$work/err.txt" >/dev/null &
pid=$!

# wait_for TEXT: up to 30 seconds for a line of stderr holding TEXT (slow machines, sanitizers).
wait_for() {
  for _ in $(seq 300); do
    grep -qF -- "$1" "$work/err.txt" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL: no '$1' on stderr:"
  cat "$work/err.txt"
  exit 1
}

wait_for "rutas --watch: watching $work/mini; an edit shows at once"
sed -i 's/"Rutas mini"/"Rutas mini, editado"/' "$work/mini/locales/es-MX.json"
wait_for "rutas --watch: reloaded the pack in $work/mini"
printf '{ "card": {,\n' > "$work/mini/locales/en.json"
wait_for "rutas --watch: the pack in $work/mini has errors; still playing the last version that loaded:"
wait_for "$work/mini/locales/en.json: 1:12: JSON syntax error"
kill -0 "$pid" 2>/dev/null || { echo "FAIL: the game stopped"; cat "$work/err.txt"; exit 1; }
cp "$src/tests/fixtures/packs/good/mini/locales/en.json" "$work/mini/locales/en.json"
test "$(grep -c 'reloaded the pack' "$work/err.txt")" -eq 1 || true
for _ in $(seq 300); do
  [ "$(grep -c 'reloaded the pack' "$work/err.txt")" -ge 2 ] && break
  sleep 0.1
done
[ "$(grep -c 'reloaded the pack' "$work/err.txt")" -ge 2 ] || { echo "FAIL: the fixed pack did not reload"; cat "$work/err.txt"; exit 1; }
kill -0 "$pid" 2>/dev/null || { echo "FAIL: the game stopped"; exit 1; }
echo "watch: passed"
