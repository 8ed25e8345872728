#!/bin/sh
# Builds the .deb from a build folder, checks its control fields and file list, unpacks it into a
# scratch root (dpkg -x: no root needed) and runs the unpacked program there, which must find
# its content/ and assets/ relative to itself.
#
#   check-deb.sh BUILD_DIR VERSION [DEB]
#
# With DEB, that package is checked instead of building one (tools/package-deb does this).
set -u
build=$1
version=$2
deb=${3:-}
fail=0

bad() {
  echo "FAIL: $*"
  fail=1
}

for tool in dpkg-deb:dpkg dpkg:dpkg cpack:cmake dpkg-shlibdeps:dpkg-dev; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    echo "FAIL: ${tool%%:*} is missing: install the Debian package ${tool#*:} (tools/setup.sh deps)"
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rutas-deb-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
tmp=$(cd "$tmp" && pwd -P)

if [ -z "$deb" ]; then
  if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/cpack" >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log"
    echo "FAIL: cpack -G DEB"
    exit 1
  fi
  deb=$(ls "$tmp"/cpack/rutas_*.deb 2>/dev/null | head -n 1)
fi
[ -f "$deb" ] || {
  echo "FAIL: no .deb was made"
  exit 1
}
arch=$(dpkg --print-architecture)
case "$(basename "$deb")" in
"rutas_${version}_$arch.deb") ;;
*) bad "package file is $(basename "$deb"), expected rutas_${version}_$arch.deb" ;;
esac
echo "package: $deb ($(wc -c <"$deb") bytes)"

# ---- Control fields ------------------------------------------------------------------------
dpkg-deb -I "$deb" >"$tmp/info" || bad "dpkg-deb -I cannot read the package"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = rutas ] || bad "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || bad "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$arch" ] || bad "Architecture is '$(field Architecture)'"
[ "$(field Section)" = games ] || bad "Section is '$(field Section)'"
[ -n "$(field Maintainer)" ] || bad "no Maintainer"
depends=$(field Depends)
echo "Depends: $depends"
for lib in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-mixer-2.0-0 libsdl2-image-2.0-0 libcjson1; do
  printf '%s\n' "$depends" | tr ',' '\n' | grep -q "^ *$lib\( \|$\)" || bad "Depends lacks $lib"
done

# ---- File list -----------------------------------------------------------------------------
dpkg-deb -c "$deb" >"$tmp/list" || bad "dpkg-deb -c cannot list the package"
for path in \
  ./usr/bin/rutas \
  ./usr/share/rutas/content/packs/rutas/pack.json \
  ./usr/share/rutas/content/ui/es-MX.json \
  ./usr/share/rutas/content/ui/en.json \
  ./usr/share/rutas/assets/fonts/NotoSans-Regular.ttf \
  ./usr/share/rutas/assets/fonts/OFL.txt \
  ./usr/share/rutas/assets/sounds/LICENSE \
  ./usr/share/applications/io.github.rutas.Rutas.desktop \
  ./usr/share/metainfo/io.github.rutas.Rutas.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/rutas.svg \
  ./usr/share/icons/hicolor/16x16/apps/rutas.png \
  ./usr/share/icons/hicolor/48x48/apps/rutas.png \
  ./usr/share/icons/hicolor/256x256/apps/rutas.png \
  ./usr/share/icons/hicolor/512x512/apps/rutas.png \
  ./usr/share/man/man6/rutas.6.gz \
  ./usr/share/doc/rutas/copyright; do
  grep -q " $path\$" "$tmp/list" || bad "the package lacks $path"
done
awk '{print $6}' "$tmp/list" | grep -v '^\./usr/' && bad "files outside /usr (above)"
awk '{print $2}' "$tmp/list" | grep -v '^root/root$' && bad "files not owned by root (above)"
grep -q '^-rwxr-xr-x .* \./usr/bin/rutas$' "$tmp/list" || bad "/usr/bin/rutas is not mode 0755"

# ---- Unpacked into a scratch root, run from there ------------------------------------------
root=$tmp/root
dpkg -x "$deb" "$root" || bad "dpkg -x failed"
rutas=$root/usr/bin/rutas
data=$root/usr/share/rutas
# A folder of its own for settings, so the user's own packs never stand in for the installed.
export RUTAS_PREF_DIR="$tmp/pref" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset RUTAS_DATA_DIR

out=$("$rutas" --version 2>&1)
[ "$out" = "rutas $version" ] || bad "installed 'rutas --version' printed '$out'"

if out=$("$rutas" validate --strict "$data/content/packs/rutas" 2>&1); then
  printf '%s\n' "$out" | grep -qi 'warning\|error' && bad "validate --strict reported: $out"
else
  bad "installed 'rutas validate --strict' failed: $out"
fi
out=$("$rutas" validate "$data/content/ui" 2>&1) || bad "installed 'rutas validate content/ui' failed: $out"
gzip -dc "$root/usr/share/man/man6/rutas.6.gz" | grep -q '^\.TH RUTAS 6' || bad "rutas.6.gz is not the manual page"

# The game screen comes out with the installed fonts and pack.
cd "$tmp" || exit 1
if out=$("$rutas" screenshot --screen title --size 320x240 --out "$tmp/title.png" 2>&1); then
  [ "$(od -An -c -j1 -N3 "$tmp/title.png" | tr -d ' ')" = PNG ] || bad "screenshot is not a PNG"
else
  bad "installed 'rutas screenshot' failed: $out"
fi
# Which data folder did it use? Without the installed pack, the program says where it looked:
# that must be the unpacked tree, found from the program's own location.
rm -r "$data/content/packs/rutas"
out=$("$rutas" screenshot --screen title --size 320x240 --out "$tmp/demo.png" 2>&1)
printf '%s\n' "$out" | grep -qF "no pack found under $data/content/packs" ||
  bad "the unpacked program did not look in $data for its data: $out"

[ "$fail" -eq 0 ] && echo "deb: ok"
exit "$fail"
