#!/usr/bin/env bash
# Downloads Debian's source packages of the libraries rutas.exe needs, for the Windows build:
#
#   tools/windows/fetch-sources.sh CACHE
#
# deb-src is enabled in a private apt folder (CACHE/apt), made from the system's own sources
# with Types: deb-src, so the system's apt configuration is left as it is. Each package is
# unpacked by `apt-get source` into CACHE/src/NAME-VERSION/. Needs dpkg-dev (dpkg-source).
set -euo pipefail

cache=${1:?usage: fetch-sources.sh CACHE}
apt_dir=$cache/apt
src=$cache/src
# Source package names in Debian 12.
packages=(zlib libpng1.6 freetype harfbuzz libsdl2 libsdl2-ttf libsdl2-mixer libsdl2-image cjson cmocka)

mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$src"

# deb-src entries for every deb entry of the system (deb822 .sources and one-line .list files).
: >"$apt_dir/sources.list.d/rutas-deb-src.sources"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  sed 's/^Types:.*/Types: deb-src/' "$f" >>"$apt_dir/sources.list.d/rutas-deb-src.sources"
  echo >>"$apt_dir/sources.list.d/rutas-deb-src.sources"
done
: >"$apt_dir/sources.list.d/rutas-deb-src.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -n 's/^deb \(.*\)/deb-src \1/p' "$f" >>"$apt_dir/sources.list.d/rutas-deb-src.list"
done

apt_opts=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::State::Status=/var/lib/dpkg/status"
  -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
)
if [ ! -f "$apt_dir/updated" ]; then
  apt-get "${apt_opts[@]}" update -q
  touch "$apt_dir/updated"
fi
cd "$src"
for p in "${packages[@]}"; do
  if ls -d "$src/$p"-[0-9]* >/dev/null 2>&1 || ls -d "$src"/*.dsc 2>/dev/null | grep -q "/${p}_"; then
    echo "fetch-sources: $p already here"
    continue
  fi
  # The newest version first; a mirror may lack some files of a security update, so older
  # versions of the same release are tried next.
  ok=0
  for v in $(apt-cache "${apt_opts[@]}" showsrc "$p" | sed -n 's/^Version: //p' | sort -Vru); do
    if apt-get "${apt_opts[@]}" source -q "$p=$v"; then
      ok=1
      break
    fi
    echo "fetch-sources: $p $v could not be fetched, trying an older version" >&2
  done
  if [ "$ok" -ne 1 ]; then
    echo "fetch-sources: no version of the source package $p could be fetched" >&2
    exit 1
  fi
done
ls -d "$src"/*/
