#!/usr/bin/env bash
# Cross-builds Rutas for 64-bit Windows with Debian's mingw-w64 and makes the portable zip:
#
#   tools/windows/build.sh [BUILD_DIR]      (default: build-win/ at the top of the source tree)
#
# 1. tools/windows/build-deps.sh builds SDL2, SDL2_ttf (FreeType, HarfBuzz), SDL2_mixer,
#    SDL2_image (libpng, zlib) and cJSON from Debian's source packages into a cache
#    ($RUTAS_WIN_CACHE, default ~/.cache/rutas-win64); the first run takes 10-15 minutes on two
#    cores, later runs reuse it.
# 2. rutas.exe is built with tools/windows/mingw-w64-x86_64.cmake; posix-compat.h supplies the
#    few POSIX calls Windows lacks.
# 3. BUILD_DIR/rutas-VERSION-windows-x64/ gets rutas.exe, the DLLs it loads (found by reading
#    the import tables), content/, assets/, licences/ and LEEME.txt / README.txt, and is zipped
#    to BUILD_DIR/rutas-VERSION-windows-x64.zip.
# 4. The engine's tests that Windows can run are built in BUILD_DIR/tests.
# tools/windows/test.sh runs the result under Wine.
#
# Installs what it needs from Debian first (the packages list below).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build-win}
cache=${RUTAS_WIN_CACHE:-$HOME/.cache/rutas-win64}
triple=x86_64-w64-mingw32
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages for this build and its Wine test, installed when missing (as root or with
# sudo). They are not in tools/setup.sh: CI and the Linux build do not need them.
packages=(mingw-w64 cmake ninja-build dpkg-dev zip unzip wine wine64 xvfb xauth x11-apps netpbm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "windows build: installing from Debian: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
fi

"$here/build-deps.sh" "$cache"
prefix=$cache/prefix

# GCC reads the engine's printf format attributes as msvcrt's printf on Windows and warns about
# %zu; the warnings are harmless, as posix-compat.h selects mingw-w64's C99 printf.
# SDL_MAIN_HANDLED: main() stays main() (no SDL2main). binmode.o makes fopen() without "b"
# binary too, as on POSIX.
cflags="-include $here/posix-compat.h -DSDL_MAIN_HANDLED"
ldflags=$($triple-gcc -print-file-name=binmode.o)
# clock_gettime() and nanosleep() come from mingw-w64's winpthreads (shipped for HarfBuzz too).
libs="-lkernel32 -luser32 -lgdi32 -lwinspool -lshell32 -lole32 -loleaut32 -luuid -lcomdlg32"
libs="$libs -ladvapi32 -lwinpthread"
cmake -S "$top" -B "$build/rutas" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$here/mingw-w64-x86_64.cmake" \
  -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  -DCMAKE_C_STANDARD_LIBRARIES="$libs" \
  -DRUTAS_TESTS=OFF -DRUTAS_DATA_FROM_SOURCE=OFF -DRUTAS_SANITIZE=OFF -DRUTAS_WERROR=OFF >/dev/null
cmake --build "$build/rutas" -j "$jobs"

version=$(sed -n 's/^project(rutas VERSION \([0-9.]*\).*/\1/p' "$top/CMakeLists.txt")
name=rutas-$version-windows-x64
stage=$build/$name
rm -rf "$stage" "$build/$name.zip"
cmake --install "$build/rutas" --prefix "$stage" >/dev/null
$triple-strip "$stage/rutas.exe"

# The DLLs rutas.exe loads, and theirs in turn; Windows' own are not shipped.
search=("$prefix/bin" "/usr/$triple/lib" /usr/lib/gcc/$triple/*-win32)
copy_deps() { # copy_deps FILE
  local dll found
  for dll in $($triple-objdump -p "$1" | sed -n 's/^\s*DLL Name: //p'); do
    [ -f "$stage/$dll" ] && continue
    found=
    for d in "${search[@]}"; do
      if [ -f "$d/$dll" ]; then
        found=$d/$dll
        break
      fi
    done
    [ -n "$found" ] || continue # a system DLL (KERNEL32.dll, msvcrt.dll, ...)
    cp "$found" "$stage/"
    $triple-strip --strip-unneeded "$stage/$dll"
    copy_deps "$stage/$dll"
  done
}
copy_deps "$stage/rutas.exe"

mkdir -p "$stage/licences"
cp "$cache"/licences/*.txt "$stage/licences/"
cp "$top/packaging/copyright" "$stage/licences/Rutas.txt"
cp /usr/share/doc/mingw-w64-x86-64-dev/copyright "$stage/licences/mingw-w64-runtime.txt"
cp /usr/share/doc/gcc-mingw-w64-base/copyright "$stage/licences/gcc-runtime.txt"
# Windows' Notepad reads CRLF text best.
for f in LEEME.txt README.txt; do
  sed 's/$/\r/' "$here/$f" | sed "s/@VERSION@/$version/g" >"$stage/$f"
done

(cd "$build" && zip -q -r -9 "$name.zip" "$name")

# The engine's tests that Windows can run (the rules core with its golden replay, the string
# tables, sound cues, the screens with autosave and resume), built for Windows so that test.sh
# runs them under Wine. test_content, test_save and test_report use fork(), FIFOs, signals or
# POSIX permissions, which Windows does not have.
cmake -S "$top" -B "$build/tests" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$here/mingw-w64-x86_64.cmake" \
  -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  -DCMAKE_C_STANDARD_LIBRARIES="$libs" \
  -DRUTAS_TESTS=ON -DRUTAS_DATA_FROM_SOURCE=ON -DRUTAS_SANITIZE=OFF -DRUTAS_WERROR=OFF >/dev/null
cmake --build "$build/tests" -j "$jobs" --target test_core test_i18n test_audio test_ui
echo "windows build: $build/$name.zip ($(du -h "$build/$name.zip" | cut -f1))"
