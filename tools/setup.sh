#!/usr/bin/env bash
# Installs what Rutas needs from Debian's packages (only what is missing), builds it, and then
# starts the game or runs every test.
#
#   tools/setup.sh play [RUTAS-OPTION]...  install, build, start the game
#   tools/setup.sh test                    install, build, run the tests plain and under
#                                          AddressSanitizer + UndefinedBehaviorSanitizer, then
#                                          fuzz each loader for 60 s (tools/fuzz;
#                                          RUTAS_FUZZ_SECONDS sets the time, 0 skips it)
#   tools/setup.sh bench [OPTION]...       install (with xvfb and xdotool), build Release in
#                                          build-bench/ and print the benchmarks (tools/bench)
#   tools/setup.sh deps                    install only
#   tools/setup.sh build                   install and build only
#
# Packages are installed with apt-get, as root or through sudo. Builds go to build/ (and
# build-sanitize/ for the sanitizer run) at the top of the source tree.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

packages=(
  cmake make gcc pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libsdl2-image-dev
  libcjson-dev libcmocka-dev
  python3 python3-jsonschema
  desktop-file-utils appstream man-db groff-base dpkg-dev
  translate-toolkit
  clang libclang-rt-14-dev
  valgrind
)
# Only for the benchmarks: a virtual display and X key presses to drive the game on it.
bench_packages=(xvfb xdotool)

say() { printf 'rutas setup: %s\n' "$*"; }

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "all packages present"
    return
  fi
  say "installing from Debian: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      say "not root and no sudo: run as root: apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() { # build DIR [CMAKE-ARG]...
  local dir=$1
  shift
  cmake -S "$top" -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

run_tests() { # run_tests DIR
  SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy} \
    ctest --test-dir "$1" --output-on-failure -j "$jobs"
}

cmd=${1:-play}
[ $# -gt 0 ] && shift
case "$cmd" in
deps)
  install_missing
  ;;
build)
  install_missing
  build "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  ;;
play)
  install_missing
  build "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  exec "$top/build/engine/app/rutas" "$@"
  ;;
bench)
  packages+=("${bench_packages[@]}")
  install_missing
  exec "$top/tools/bench" "$@"
  ;;
test)
  install_missing
  say "plain build and tests"
  build "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  run_tests "$top/build"
  say "sanitizer build and tests (ASan + UBSan)"
  build "$top/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DRUTAS_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_tests "$top/build-sanitize"
  fuzz_seconds=${RUTAS_FUZZ_SECONDS:-60}
  if [ "$fuzz_seconds" -gt 0 ]; then
    say "fuzzing each loader for ${fuzz_seconds}s (tools/fuzz; reproducers go to fuzz/crashes/)"
    RUTAS_FUZZ_JOBS=${RUTAS_FUZZ_JOBS:-$jobs} "$top/tools/fuzz" "$fuzz_seconds"
  fi
  ;;
*)
  say "unknown command '$cmd' (use play, test, bench, build or deps)" >&2
  exit 2
  ;;
esac
