#!/usr/bin/env bash
# Renders the Rutas icon (packaging/icons/rutas.svg) into the PNG sizes that desktops, the .deb
# and the Windows build use: packaging/icons/png/rutas-N.png for N in 16..512, plus
# packaging/icons/rutas.ico for rutas.exe when icotool is there. The PNGs are committed: run this
# after changing the SVG and commit what it writes.
#
# Needs rsvg-convert (Debian package librsvg2-bin); icotool (icoutils) is optional.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
svg=$top/packaging/icons/rutas.svg
out=$top/packaging/icons/png
sizes=(16 22 24 32 48 64 128 256 512)

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "make-icons: rsvg-convert is missing: apt-get install librsvg2-bin" >&2
  exit 1
fi
mkdir -p "$out"
for n in "${sizes[@]}"; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio --output "$out/rutas-$n.png" "$svg"
  echo "make-icons: $out/rutas-$n.png"
done
if command -v icotool >/dev/null 2>&1; then
  icotool --create --output "$top/packaging/icons/rutas.ico" \
    "$out/rutas-16.png" "$out/rutas-24.png" "$out/rutas-32.png" "$out/rutas-48.png" \
    "$out/rutas-64.png" "$out/rutas-128.png" --raw="$out/rutas-256.png"
  echo "make-icons: $top/packaging/icons/rutas.ico"
fi
