#!/usr/bin/env bash
# Builds the libraries rutas.exe needs for 64-bit Windows from Debian's own source packages,
# with Debian's mingw-w64, into a cache outside the build tree:
#
#   tools/windows/build-deps.sh [CACHE]     (default: $RUTAS_WIN_CACHE or ~/.cache/rutas-win64)
#
# CACHE/src      the source packages (fetch-sources.sh), with Debian's patches applied
# CACHE/build    one build folder per library
# CACHE/prefix   the installed result: bin/*.dll, lib/, include/, lib/cmake/ (CMAKE_PREFIX_PATH)
# CACHE/licences the licence file of each library, for the zip
#
# A library already in CACHE/prefix (its stamp file in CACHE/stamps) is not built again, so a
# second run takes seconds. Delete CACHE to start over.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${RUTAS_WIN_CACHE:-$HOME/.cache/rutas-win64}}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
src=$cache/src
prefix=$cache/prefix
stamps=$cache/stamps
licences=$cache/licences
triple=x86_64-w64-mingw32
toolchain=$here/mingw-w64-x86_64.cmake
jobs=$(nproc 2>/dev/null || echo 2)

for tool in $triple-gcc $triple-g++ cmake dpkg-source; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "build-deps: $tool is missing: apt-get install mingw-w64 cmake dpkg-dev" >&2
    exit 1
  }
done
"$here/fetch-sources.sh" "$cache"
mkdir -p "$prefix" "$stamps" "$licences"

srcdir() { # srcdir PACKAGE: the unpacked source folder of a source package
  local d
  d=$(ls -d "$src/$1"-[0-9]*/ 2>/dev/null | head -n 1)
  [ -n "$d" ] || {
    echo "build-deps: no source for $1 in $src" >&2
    exit 1
  }
  echo "${d%/}"
}

licence() { # licence NAME FILE...: the first FILE that exists goes to CACHE/licences/NAME.txt
  local name=$1
  shift
  for f in "$@"; do
    if [ -f "$f" ]; then
      cp "$f" "$licences/$name.txt"
      return
    fi
  done
  echo "build-deps: no licence file for $name" >&2
  exit 1
}

cmake_lib() { # cmake_lib NAME PACKAGE [CMAKE-ARG]...
  local name=$1 pkg=$2
  shift 2
  if [ -f "$stamps/$name" ]; then
    echo "build-deps: $name is built"
    return
  fi
  local s
  s=$(srcdir "$pkg")
  echo "build-deps: building $name from $(basename "$s")"
  rm -rf "$cache/build/$name"
  cmake -S "$s" -B "$cache/build/$name" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_PREFIX_PATH="$prefix" \
    -DBUILD_SHARED_LIBS=ON \
    -DCMAKE_SHARED_LINKER_FLAGS="-static-libgcc -static-libstdc++" \
    "$@" >"$cache/build-$name.log" 2>&1 || {
    tail -n 30 "$cache/build-$name.log"
    exit 1
  }
  cmake --build "$cache/build/$name" -j "$jobs" >>"$cache/build-$name.log" 2>&1 || {
    tail -n 30 "$cache/build-$name.log"
    exit 1
  }
  cmake --install "$cache/build/$name" >>"$cache/build-$name.log" 2>&1
  touch "$stamps/$name"
}

# zlib: Debian's source has neither win32/Makefile.gcc nor the .rc file its CMake build needs
# for MinGW, and it is 15 C files: compiled here into zlib1.dll, the name Windows programs use.
if [ ! -f "$stamps/zlib" ]; then
  s=$(srcdir zlib)
  echo "build-deps: building zlib from $(basename "$s")"
  mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/include"
  (
    cd "$s"
    $triple-gcc -O2 -shared -o "$prefix/bin/zlib1.dll" adler32.c compress.c crc32.c deflate.c \
      gzclose.c gzlib.c gzread.c gzwrite.c infback.c inffast.c inflate.c inftrees.c trees.c \
      uncompr.c zutil.c -Wl,--out-implib,"$prefix/lib/libz.dll.a"
    cp zlib.h zconf.h "$prefix/include/"
  ) >"$cache/build-zlib.log" 2>&1 || {
    tail -n 30 "$cache/build-zlib.log"
    exit 1
  }
  touch "$stamps/zlib"
fi
licence zlib "$(srcdir zlib)/LICENSE" "$(srcdir zlib)/README"
zlib=(-DZLIB_ROOT="$prefix" -DZLIB_INCLUDE_DIR="$prefix/include"
  -DZLIB_LIBRARY="$prefix/lib/libz.dll.a")

cmake_lib libpng libpng1.6 "${zlib[@]}" -DPNG_STATIC=OFF -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
  -DPNG_TOOLS=OFF
licence libpng "$(srcdir libpng1.6)/LICENSE"

# FreeType without HarfBuzz (SDL2_ttf joins the two); no bzip2 or brotli fonts here.
cmake_lib freetype freetype "${zlib[@]}" -DFT_REQUIRE_ZLIB=ON -DFT_REQUIRE_PNG=ON \
  -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_BROTLI=ON -DFT_DISABLE_HARFBUZZ=ON \
  -DPNG_PNG_INCLUDE_DIR="$prefix/include" -DPNG_LIBRARY="$prefix/lib/libpng16.dll.a"
licence freetype "$(srcdir freetype)/docs/FTL.TXT" "$(srcdir freetype)/LICENSE.TXT"

cmake_lib harfbuzz harfbuzz -DHB_HAVE_FREETYPE=ON -DHB_HAVE_GLIB=OFF -DHB_HAVE_ICU=OFF \
  -DHB_HAVE_GOBJECT=OFF -DHB_BUILD_TESTS=OFF -DHB_BUILD_UTILS=OFF -DHB_BUILD_SUBSET=OFF \
  -DFREETYPE_INCLUDE_DIRS="$prefix/include/freetype2" \
  -DFREETYPE_LIBRARY="$prefix/lib/libfreetype.dll.a"
licence harfbuzz "$(srcdir harfbuzz)/COPYING"

cmake_lib sdl2 libsdl2 -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF -DSDL_TESTS=OFF
licence SDL2 "$(srcdir libsdl2)/LICENSE.txt"

# SDL2_ttf, SDL2_mixer and SDL2_image find SDL2 with a module of their own: name it for them.
sdl2=(-DSDL2_INCLUDE_DIR="$prefix/include/SDL2" -DSDL2_LIBRARY="$prefix/lib/libSDL2.dll.a"
  -DSDL2MAIN_LIBRARY="$prefix/lib/libSDL2main.a" -DSDL2_DIR="$prefix/lib/cmake/SDL2")

cmake_lib sdl2_ttf libsdl2-ttf "${sdl2[@]}" -DFREETYPE_INCLUDE_DIRS="$prefix/include/freetype2" \
  -DFREETYPE_LIBRARY="$prefix/lib/libfreetype.dll.a" -Dharfbuzz_INCLUDE_PATH="$prefix/include/harfbuzz" \
  -Dharfbuzz_LIBRARY="$prefix/lib/libharfbuzz.dll.a" -DSDL2TTF_HARFBUZZ=ON -DSDL2TTF_VENDORED=OFF \
  -DSDL2TTF_SAMPLES=OFF -DSDL2TTF_INSTALL=ON
licence SDL2_ttf "$(srcdir libsdl2-ttf)/LICENSE.txt"

# Rutas plays WAV files only: every other codec is off, so no more DLLs are needed.
cmake_lib sdl2_mixer libsdl2-mixer "${sdl2[@]}" -DSDL2MIXER_VENDORED=OFF -DSDL2MIXER_SAMPLES=OFF \
  -DSDL2MIXER_CMD=OFF -DSDL2MIXER_FLAC=OFF -DSDL2MIXER_MOD=OFF -DSDL2MIXER_MIDI=OFF \
  -DSDL2MIXER_MP3=OFF -DSDL2MIXER_OPUS=OFF -DSDL2MIXER_VORBIS=OFF -DSDL2MIXER_WAVPACK=OFF \
  -DSDL2MIXER_WAVE=ON -DSDL2MIXER_INSTALL=ON
licence SDL2_mixer "$(srcdir libsdl2-mixer)/LICENSE.txt"

# PNG through libpng (reading and IMG_SavePNG for rutas screenshot); no other formats.
cmake_lib sdl2_image libsdl2-image "${sdl2[@]}" -DSDL2IMAGE_VENDORED=OFF -DSDL2IMAGE_SAMPLES=OFF \
  -DSDL2IMAGE_DEPS_SHARED=OFF -DSDL2IMAGE_BACKEND_STB=OFF -DSDL2IMAGE_BACKEND_WIC=OFF \
  -DSDL2IMAGE_PNG=ON -DSDL2IMAGE_PNG_SAVE=ON -DSDL2IMAGE_JPG=OFF -DSDL2IMAGE_JPG_SAVE=OFF \
  -DSDL2IMAGE_TIF=OFF -DSDL2IMAGE_WEBP=OFF -DSDL2IMAGE_AVIF=OFF -DSDL2IMAGE_JXL=OFF \
  -DSDL2IMAGE_BMP=ON -DSDL2IMAGE_GIF=OFF -DSDL2IMAGE_LBM=OFF -DSDL2IMAGE_PCX=OFF \
  -DSDL2IMAGE_PNM=OFF -DSDL2IMAGE_QOI=OFF -DSDL2IMAGE_SVG=OFF -DSDL2IMAGE_TGA=OFF \
  -DSDL2IMAGE_XCF=OFF -DSDL2IMAGE_XPM=OFF -DSDL2IMAGE_XV=OFF -DSDL2IMAGE_INSTALL=ON \
  "${zlib[@]}" -DPNG_PNG_INCLUDE_DIR="$prefix/include" \
  -DPNG_LIBRARY="$prefix/lib/libpng16.dll.a"
licence SDL2_image "$(srcdir libsdl2-image)/LICENSE.txt"

cmake_lib cjson cjson -DENABLE_CJSON_TEST=OFF -DENABLE_CJSON_UTILS=OFF -DENABLE_TARGET_EXPORT=ON \
  -DENABLE_CUSTOM_COMPILER_FLAGS=OFF
licence cJSON "$(srcdir cjson)/LICENSE"

# cmocka: only for the engine's tests that run under Wine (tools/windows/test.sh); not shipped.
cmake_lib cmocka cmocka -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF -DWITH_STATIC_LIB=OFF \
  -DCMAKE_C_FLAGS=-D__USE_MINGW_ANSI_STDIO=1
# cmocka 1.1.5's cmocka-config.cmake names the import library without MinGW's "lib" prefix.
[ -f "$prefix/lib/cmocka.dll.a" ] || cp "$prefix/lib/libcmocka.dll.a" "$prefix/lib/cmocka.dll.a"

echo "build-deps: done: $prefix"
ls "$prefix/bin"/*.dll
