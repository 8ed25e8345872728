#!/usr/bin/env bash
# Runs every command of a guide: the ```sh blocks of a Markdown file, in order, in a new empty
# folder, with `rutas` on the PATH, and fails at the first command that fails.
#   run-docs.sh RUTAS SOURCE_DIR FILE.md
# The folder holds a link `content` to the source tree's content/, as a clone of Rutas does. The
# game itself (`rutas --pack ...`) runs with SDL's dummy drivers for a few seconds: still
# running then means it started and is playing.
set -euo pipefail
rutas_bin=$1
src=$2
doc=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/run"
ln -s "$src/content" "$work/run/content"
cat > "$work/bin/rutas" <<WRAP
#!/usr/bin/env bash
if [ "\${1:-}" = "--pack" ]; then
  SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy RUTAS_PREF_DIR="$work/pref/" timeout 5 "$rutas_bin" "\$@"
  rc=\$?
  [ \$rc -eq 124 ] && { echo "(the game ran for 5 seconds)"; exit 0; }
  exit \$rc
fi
exec "$rutas_bin" "\$@"
WRAP
chmod +x "$work/bin/rutas"
# The blocks, in order, as one script that stops at the first failing command.
awk '/^```sh$/ {on=1; next} /^```/ {on=0} on {print}' "$doc" > "$work/script.sh"
blocks=$(grep -c '^```sh$' "$doc")
if [ "$blocks" -eq 0 ]; then
  echo "$doc: no \`\`\`sh blocks" >&2
  exit 1
fi
echo "$doc: running $blocks blocks"
cd "$work/run"
PATH="$work/bin:$PATH" RUTAS_DATA_DIR="$src" bash -e -x "$work/script.sh"
echo "$doc: every command ran"
