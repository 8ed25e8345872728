#!/bin/sh
# The files that desktops and package managers read: the .desktop entry, the AppStream metainfo,
# the manual page and the icons, checked with Debian's own validators.
#
#   check-metadata.sh WHAT SOURCE_DIR VERSION RUTAS
#
# WHAT is one of desktop, metainfo, man-lint, man-covers-cli, icons. RUTAS is the built program
# (man-covers-cli reads its --help).
set -u
what=$1
src=$2
version=$3
rutas=$4
pkg=$src/packaging
id=io.github.rutas.Rutas
fail=0

bad() {
  echo "FAIL: $*"
  fail=1
}

need() { # need PROGRAM DEBIAN-PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "FAIL: $1 is missing: install the Debian package $2 (tools/setup.sh deps)"
    exit 1
  fi
}

case "$what" in
desktop)
  need desktop-file-validate desktop-file-utils
  if ! out=$(desktop-file-validate "$pkg/linux/$id.desktop" 2>&1); then
    bad "desktop-file-validate: $out"
  elif [ -n "$out" ]; then
    echo "$out"
  fi
  grep -qx 'Icon=rutas' "$pkg/linux/$id.desktop" || bad "$id.desktop: Icon is not 'rutas'"
  grep -qx 'Exec=rutas' "$pkg/linux/$id.desktop" || bad "$id.desktop: Exec is not 'rutas'"
  ;;
metainfo)
  need appstreamcli appstream
  appstreamcli validate --no-net --explain "$pkg/linux/$id.metainfo.xml" || bad "appstreamcli validate"
  # The newest release listed is the version being built.
  newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$pkg/linux/$id.metainfo.xml" | head -n 1)
  [ "$newest" = "$version" ] ||
    bad "$id.metainfo.xml: newest <release> is '$newest', the project is $version: add a release"
  grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$pkg/linux/$id.metainfo.xml" ||
    bad "$id.metainfo.xml: the launchable is not $id.desktop"
  ;;
man-lint)
  need man man-db
  need groff groff-base
  # As Debian's lintian checks manual pages: any warning from man or groff is a failure.
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
    man --warnings -E UTF-8 -l -Tutf8 -Z "$pkg/linux/rutas.6" 2>&1 >/dev/null)
  [ -z "$warnings" ] || bad "man --warnings: $warnings"
  warnings=$(groff -man -z -wall "$pkg/linux/rutas.6" 2>&1)
  [ -z "$warnings" ] || bad "groff -wall: $warnings"
  th=$(sed -n 's/^\.TH RUTAS 6 [0-9-]* "Rutas \([^"]*\)".*/\1/p' "$pkg/linux/rutas.6")
  [ "$th" = "$version" ] || bad "rutas.6: .TH names version '$th', the project is $version"
  ;;
man-covers-cli)
  # Every command that `rutas --help` lists has a subsection in the manual page, and every
  # option of the program and of each command is described there.
  page=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$pkg/linux/rutas.6")
  help=$("$rutas" --help) || bad "rutas --help failed"
  commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
  [ -n "$commands" ] || bad "no commands found in 'rutas --help'"
  for option in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$page" | grep -q -- "$option" || bad "rutas.6 does not describe 'rutas $option'"
  done
  for cmd in $commands; do
    printf '%s\n' "$page" | grep -q "^\.SS \"rutas $cmd\"" ||
      bad "rutas.6 has no subsection '.SS \"rutas $cmd\"' under COMMANDS"
    cmd_help=$("$rutas" "$cmd" --help 2>&1)
    # Each command's options, from its own --help, must appear inside its subsection.
    section=$(printf '%s\n' "$page" | sed -n "/^\.SS \"rutas $cmd\"/,/^\.S[SH] /p")
    for option in $(printf '%s\n' "$cmd_help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
      [ "$option" = --help ] && continue
      printf '%s\n' "$section" | grep -q -- "$option" ||
        bad "rutas.6 does not describe 'rutas $cmd $option' in its subsection"
    done
    # A list of names a command accepts (rutas screenshot's "Screens: title, setup, ...").
    for name in $(printf '%s\n' "$cmd_help" | sed -n 's/^Screens: //p' | tr -d ','); do
      printf '%s\n' "$section" | grep -q "^\.BR* $name\( \|,\|\.\|$\)" ||
        bad "rutas.6 does not name the screen '$name' in the subsection of rutas $cmd"
    done
    # A command with commands of its own (rutas pack): each is named in the subsection, with
    # the options its --help lists.
    subs=$(printf '%s\n' "$cmd_help" | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
    for sub in $subs; do
      printf '%s\n' "$section" | grep -q "rutas $cmd $sub" ||
        bad "rutas.6 does not describe 'rutas $cmd $sub' in the subsection of rutas $cmd"
      for option in $("$rutas" "$cmd" "$sub" --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        [ "$option" = --help ] && continue
        printf '%s\n' "$section" | grep -q -- "$option" ||
          bad "rutas.6 does not describe 'rutas $cmd $sub $option' in the subsection of rutas $cmd"
      done
    done
    echo "rutas $cmd: checked${subs:+ (with $(echo $subs))}"
  done
  ;;
icons)
  # Each PNG is square and as large as its name says (width and height from the IHDR chunk).
  for size in 16 22 24 32 48 64 128 256 512; do
    png=$pkg/icons/png/rutas-$size.png
    if [ ! -f "$png" ]; then
      bad "$png is missing: run tools/make-icons.sh"
      continue
    fi
    sig=$(od -An -c -j1 -N3 "$png" | tr -d ' ')
    [ "$sig" = PNG ] || bad "$png is not a PNG file"
    dims=$(od -An -tu1 -j16 -N8 "$png" |
      awk '{printf "%dx%d", (($1*256+$2)*256+$3)*256+$4, (($5*256+$6)*256+$7)*256+$8}')
    [ "$dims" = "${size}x${size}" ] || bad "$png is $dims, not ${size}x${size}"
  done
  head -c 200 "$pkg/icons/rutas.svg" | grep -q '<svg\|<?xml' || bad "rutas.svg is not an SVG file"
  ;;
*)
  echo "check-metadata.sh: unknown check '$what'"
  exit 2
  ;;
esac
[ "$fail" -eq 0 ] && echo "$what: ok"
exit "$fail"
