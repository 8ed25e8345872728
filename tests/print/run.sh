#!/usr/bin/env bash
# Command-line tests of `rutas print`: each scenario prints as an author does, in a new
# temporary folder, and checks exit statuses, exact messages, the pages written and their size.
#   run.sh SCENARIO RUTAS SOURCE_DIR
set -uo pipefail
scenario=$1
rutas=$2
src=$3
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
export RUTAS_DATA_DIR=$src SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy RUTAS_PREF_DIR=$work/pref/
# shellcheck source=../cli-lib.sh
. "$src/tests/cli-lib.sh"

# pages DIR COUNT W H: DIR holds page-001.png ... exactly COUNT pages, each a W x H PNG (read
# from the PNG header, so no image tool is needed).
pages() {
  python3 - "$@" <<'PY' || fail "pages in $1 are not $2 of $3 x $4"
import glob, os, struct, sys
folder, count, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "page-*.png")))
want = ["page-%03d.png" % (i + 1) for i in range(count)]
if names != want:
    print("pages:", names[:3], "...", len(names), "want", count)
    sys.exit(1)
for n in names:
    with open(os.path.join(folder, n), "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", head[16:24]) != (w, h):
        print(n, "is not a %d x %d PNG" % (w, h))
        sys.exit(1)
PY
}

shipped=$src/content/packs/rutas
long=$src/tests/print/packs/long

case "$scenario" in
help)
  run 0 "$rutas" print --help
  has "Usage: rutas print [OPTION]... PATH --out DIR"
  has "  --paper NAME    a4 (the default) or letter"
  ;;
shipped)
  # The whole shipped pack on A4, in Spanish: the page count is what the summary says and
  # follows from the number of cards (8 to a sheet, fronts and backs).
  run 0 "$rutas" print "$shipped" --lang es-MX --out pages
  cards=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['cards']))" "$shipped/pack.json")
  sheets=$(((cards + 7) / 8))
  total=$((6 + 2 * sheets))
  has "$shipped: \"Rutas\" 1.0.0 in es-MX, A4 paper at 300 dpi (2480 x 3508 pixels): $total pages in pages"
  has "  page 1: how to play and the ground rules"
  has "  page 2: help lines of MX (4)"
  has "  pages 3-6: the board, 2 x 2 sheets to cut and join by their numbers (36 cm a side)"
  has "  pages 7-$total: $cards cards, 8 to a sheet: fronts on odd pages, backs on even pages; print them"
  lacks "warning"
  pages pages "$total" 2480 3508
  ;;
letter)
  # Long texts at the validator's limits on Letter: nothing is cut. Then a shorter print (the
  # small fixture pack, in English) into the same folder leaves no page of the first behind.
  run 0 "$rutas" print "$long" --paper letter --out pages
  has "$long: \"Paquete de textos largos para imprimir\" 1.0.0 in es-MX, Letter paper at 300 dpi (2550 x 3300 pixels): 12 pages in pages"
  has "  pages 2-3: help lines of MX (10)"
  has "  page 4: blank, so that card fronts fall on odd pages"
  has "  pages 9-12: 12 cards, 8 to a sheet: fronts on odd pages, backs on even pages; print them"
  lacks "cut to fit"
  pages pages 12 2550 3300
  run 0 "$rutas" print "$src/tests/fixtures/packs/good/mini" --lang en --paper letter --out pages
  has "  page 2: help lines of MX (1)"
  has "  removed 4 pages left from an earlier, longer print"
  pages pages 8 2550 3300
  ;;
errors)
  run 2 "$rutas" print "$shipped" --lang fr --out pages
  has "rutas print: $shipped: the pack has no texts in fr (its languages: es-MX, en)"
  [ -e pages ] && fail "a folder was made for a print that could not start"
  run 2 "$rutas" print "$shipped" --lang 'x y' --out pages
  has "rutas print: --lang: 'x y' is not a language tag such as es-MX"
  run 2 "$rutas" print "$shipped"
  has "rutas print: --out DIR is required: the folder for the pages"
  has "Try 'rutas print --help'."
  run 2 "$rutas" print --out pages
  has "rutas print: no PATH given: the folder of the pack to print"
  run 2 "$rutas" print "$shipped" --out pages --paper a3
  has "rutas print: --paper: 'a3' is not a4 or letter"
  run 2 "$rutas" print "$shipped" --out pages --colour
  has "rutas print: unknown option '--colour'"
  run 2 "$rutas" print "$shipped" --out
  has "rutas print: --out needs a value"
  # Folders that cannot take the pages.
  echo "not a folder" > file.txt
  run 1 "$rutas" print "$shipped" --out file.txt
  has "rutas print: file.txt is not a folder"
  run 1 "$rutas" print "$shipped" --out file.txt/pages
  has "rutas print: cannot make the folder file.txt/pages: Not a directory"
  run 1 "$rutas" print "$shipped" --out missing/pages
  has "rutas print: cannot make the folder missing/pages: No such file or directory"
  mkdir locked && chmod a-w locked
  if [ ! -w locked ]; then # root may write anyway
    run 1 "$rutas" print "$shipped" --out locked
    has "rutas print: cannot write in the folder locked: Permission denied"
  fi
  # A pack with errors: each named with file and place, and nothing printed.
  bad=$src/tests/fixtures/packs/bad/card-unknown-kind
  run 1 "$rutas" print "$bad" --out pages
  grep -q "card-unknown-kind/pack.json: cards\[1\].kind: unknown card kind" out.txt ||
    fail "the pack's error is not named"
  has "rutas print: the pack in $bad has errors; run: rutas validate $bad"
  run 1 "$rutas" print "$work/nowhere" --out pages
  has "rutas print: the pack in $work/nowhere has errors; run: rutas validate $work/nowhere"
  [ -e pages ] && fail "pages were written for a pack with errors"
  # A region without help lines is printed, with a warning, and the help page says so.
  run 0 "$rutas" print "$src/tests/fixtures/packs/good/mini" --region GT --out pages
  has "rutas print: warning: no help lines for GT in this pack (it has: MX); the help page says so"
  has "  page 2: help lines of GT (0)"
  ;;
*)
  echo "unknown scenario $scenario"
  exit 2
  ;;
esac
if [ "$failures" -gt 0 ]; then
  echo "$scenario: $failures failure(s)"
  exit 1
fi
echo "$scenario: passed"
