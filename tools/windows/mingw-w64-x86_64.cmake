# CMake toolchain for 64-bit Windows with Debian's mingw-w64 (package mingw-w64).
#   cmake -DCMAKE_TOOLCHAIN_FILE=tools/windows/mingw-w64-x86_64.cmake -DCMAKE_PREFIX_PATH=PREFIX
# PREFIX holds the Windows builds of SDL2 and the other libraries (tools/windows/build-deps.sh).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(triple x86_64-w64-mingw32)
# The win32 thread model: no libwinpthread-1.dll to ship (HarfBuzz uses Windows' own locks).
find_program(CMAKE_C_COMPILER NAMES ${triple}-gcc-win32 ${triple}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${triple}-g++-win32 ${triple}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${triple}-windres REQUIRED)
# Libraries come from CMAKE_PREFIX_PATH (searched as given, before anything else) and from
# mingw-w64's own folder; programs are the build machine's.
set(CMAKE_FIND_ROOT_PATH /usr/${triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# Windows programs run from the command line under Wine in the tests.
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
