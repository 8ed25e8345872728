#!/usr/bin/env bash
# Command-line tests of `rutas pack`: each scenario runs the commands as an author does, in a
# new temporary folder, and checks exit statuses, files and exact messages.
#   run.sh SCENARIO RUTAS SOURCE_DIR
set -uo pipefail
scenario=$1
rutas=$2
src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export RUTAS_DATA_DIR=$src SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy RUTAS_PREF_DIR=$work/pref/
# shellcheck source=../cli-lib.sh
. "$src/tests/cli-lib.sh"

same_json() { # same_json A B: same keys, order and values
  python3 - "$1" "$2" <<'PY' || fail "JSON differs: $1 $2"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"), object_pairs_hook=list)
b = json.load(open(sys.argv[2], encoding="utf-8"), object_pairs_hook=list)
sys.exit(0 if a == b else 1)
PY
}

shipped=$src/content/packs/rutas
mini=$src/tests/fixtures/packs/good/mini

case "$scenario" in
help)
  for sub in new check stats translate export-csv import-csv; do
    run 0 "$rutas" pack "$sub" --help
    grep -q "^Usage: rutas pack $sub" "$work/out.txt" || fail "no usage line for $sub"
  done
  run 0 "$rutas" pack --help
  has "Usage: rutas pack COMMAND [OPTION]... [ARG]..."
  run 2 "$rutas" pack
  has "rutas pack: no command given"
  run 2 "$rutas" pack frobnicate
  has "rutas pack: unknown command 'frobnicate'"
  run 2 "$rutas" pack check --frob x
  has "rutas pack check: unknown option '--frob'"
  has "Try 'rutas pack check --help'."
  run 2 "$rutas" pack stats "$shipped" --teams 9
  has "rutas pack stats: --teams needs a whole number from 2 to 8, not '9'"
  run 2 "$rutas" pack stats "$shipped" --teams
  has "rutas pack stats: option '--teams' needs a value"
  ;;

new)
  run 0 "$rutas" pack new rutas-gt --from rutas --lang es-GT
  has "./rutas-gt: a new overlay of \"rutas\" in es-GT, with help lines for GT"
  for f in pack.json locales/es-GT.json helplines/GT.json guide/es-GT.md README.md; do
    [ -f "rutas-gt/$f" ] || fail "rutas-gt/$f was not written"
  done
  grep -q '"extends": "rutas"' rutas-gt/pack.json || fail "no extends in pack.json"
  grep -q '"x-comment-helplines"' rutas-gt/pack.json || fail "no notes in pack.json"
  run 0 "$rutas" validate rutas-gt
  has "rutas-gt: pack \"rutas-gt\" 0.1.0, 204 cards"
  run 0 "$rutas" pack check rutas-gt
  has "  GT: no help lines yet: add them (each with a public source and verified_on) before a session"
  # A blank pack passes the strict validator.
  run 0 "$rutas" pack new blank --out packs
  has "packs/blank: a new blank pack in es-MX"
  run 0 "$rutas" validate --strict packs/blank
  lacks "warning"
  run 0 "$rutas" pack new blank-fr --lang fr --region FR --out packs
  run 0 "$rutas" validate --strict packs/blank-fr
  # Bad input.
  run 2 "$rutas" pack new Rutas-GT
  has "rutas pack new: 'Rutas-GT' is not a pack id: use lowercase letters, digits and '-' (at most 64), such as rutas-gt"
  run 1 "$rutas" pack new rutas-gt --from rutas --lang es-GT
  has "rutas pack new: ./rutas-gt already exists; choose another ID or --out folder"
  run 1 "$rutas" pack new x --from nonexistent --lang es-GT
  grep -q '^rutas pack new: --from: no pack "nonexistent" found in' "$work/out.txt" || fail "no unknown-base message"
  run 2 "$rutas" pack new x --lang es_GT!
  has "rutas pack new: --lang: 'es_GT!' is not a language tag such as es-GT or fr"
  run 1 "$rutas" pack new x --lang en
  has "rutas pack new: which country are the help lines for? Give --region CC (such as GT), or a --lang with a region (such as es-GT)"
  run 2 "$rutas" pack new
  has "rutas pack new: no ID given"
  ;;

translate)
  # translate -> edit -> validate -> play
  cp -r "$mini" mini
  run 0 "$rutas" pack translate mini --to fr
  has "mini/locales/fr.json: 33 texts (empty), 31 not translated yet"
  has "mini/pack.json: fr is in \"locales\""
  [ -f mini/locales/fr.notes.md ] || fail "no notes file"
  grep -q "Mensaje clave: el amor no controla." mini/locales/fr.notes.md || fail "notes lack the facilitator note"
  grep -q '"locales": \["es-MX", "en", "fr"\]' mini/pack.json || fail "fr not added to pack.json"
  run 0 "$rutas" validate mini
  has "  fr: 0/30 strings, 30 missing"
  python3 - <<'PY'
import json
p = "mini/locales/fr.json"
d = json.load(open(p, encoding="utf-8"))
d["locale"]["name"] = "Français"
d["card"]["rel-01"]["prompt"] = "Qu'est-ce qui rend une amitié digne de confiance ?"
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
  run 0 "$rutas" validate mini
  has "  fr: 1/30 strings, 29 missing"
  run 0 "$rutas" screenshot --pack mini --lang fr --screen card --out card.png
  [ -s card.png ] || fail "no screenshot of the translated pack"
  # Updating keeps what was translated.
  run 0 "$rutas" pack translate mini --to fr
  has "mini/locales/fr.json: updated: 33 texts kept, 0 new (empty), 29 not translated yet"
  grep -q "digne de confiance" mini/locales/fr.json || fail "the translation was lost"
  # A broken placeholder is an error with its place.
  python3 - <<'PY'
import json
p = "mini/locales/en.json"
d = json.load(open(p, encoding="utf-8"))
d["card"]["rel-01"]["prompt"] = "What makes {{team}} trust a friend?"
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
  run 1 "$rutas" validate mini
  has "mini/locales/en.json: card.rel-01.prompt: placeholder {{team}} is not in the source text (es-MX); placeholders must not be translated"
  # Bad input.
  run 2 "$rutas" pack translate mini --to "fr FR"
  has "rutas pack translate: --to: 'fr FR' is not a language tag such as fr, quc or es-GT"
  cp -r "$mini" mini2
  run 1 "$rutas" pack translate mini2 --to es-MX
  has "rutas pack translate: es-MX is the pack's source language: edit locales/es-MX.json itself"
  run 2 "$rutas" pack translate mini
  has "rutas pack translate: --to TAG is required (the language to translate into)"
  run 1 "$rutas" pack translate missing-pack --to fr
  has "rutas pack translate: missing-pack: no such pack folder"
  cp -r "$src/tests/fixtures/packs/bad/locale-file-missing" broken
  run 1 "$rutas" pack translate broken --to fr
  grep -q "^rutas pack translate: cannot load the pack in broken (1 error; see above)$" "$work/out.txt" || fail "no load failure message"
  ;;

po)
  # The shipped locale files and a translation go through json2po and po2json unchanged.
  if ! command -v json2po >/dev/null || ! command -v po2json >/dev/null; then
    echo "translate-toolkit (json2po, po2json) is not installed: tools/setup.sh installs it"
    exit 77
  fi
  for f in "$shipped"/locales/*.json; do
    json2po --progress=none -t "$shipped/locales/es-MX.json" "$f" x.po >/dev/null 2>&1 || fail "json2po $f"
    po2json --progress=none -t "$shipped/locales/es-MX.json" x.po x.json >/dev/null 2>&1 || fail "po2json $f"
    same_json "$f" x.json
  done
  cp -r "$shipped" rutas
  run 0 "$rutas" pack translate rutas --to fr --copy
  python3 - <<'PY'
import json
p = "rutas/locales/fr.json"
d = json.load(open(p, encoding="utf-8"))
d["locale"]["name"] = "Français"
d["card"]["rel-01"]["prompt"] = "Qu'est-ce qui rend une relation saine ? « Trois choses »."
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
  json2po --progress=none -t rutas/locales/es-MX.json rutas/locales/fr.json fr.po >/dev/null 2>&1 || fail "json2po fr"
  po2json --progress=none -t rutas/locales/es-MX.json fr.po fr.json >/dev/null 2>&1 || fail "po2json fr"
  same_json rutas/locales/fr.json fr.json
  # An empty translation: po2json --removeuntranslated drops the empty texts, and translate
  # puts them back as they were.
  run 0 "$rutas" pack translate rutas --to de
  cp rutas/locales/de.json de-before.json
  json2po --progress=none -t rutas/locales/es-MX.json rutas/locales/de.json de.po >/dev/null 2>&1 || fail "json2po de"
  po2json --progress=none --removeuntranslated -t rutas/locales/es-MX.json de.po rutas/locales/de.json >/dev/null 2>&1 || fail "po2json de"
  run 0 "$rutas" pack translate rutas --to de
  same_json de-before.json rutas/locales/de.json
  # Rutas writes a locale file it read byte for byte as it was.
  run 0 "$rutas" pack translate rutas --to en
  cmp -s "$shipped/locales/en.json" rutas/locales/en.json || fail "en.json was rewritten differently"
  ;;

csv)
  cp -r "$shipped" rutas
  run 0 "$rutas" pack export-csv rutas --out cards.csv
  has "cards.csv: 204 cards in 2 languages, 408 rows"
  head -c 3 cards.csv | od -An -tx1 | grep -q "ef bb bf" || fail "no UTF-8 byte-order mark"
  # Round trip: export, import into a copy, the files are equal.
  run 0 "$rutas" pack import-csv rutas cards.csv
  has "cards.csv: 408 rows, 0 texts changed"
  diff -r "$shipped" rutas >/dev/null || fail "an import without changes changed the pack"
  # An edited cell changes one text; exporting again gives the edited sheet.
  python3 - <<'PY'
import csv
rows = list(csv.reader(open("cards.csv", encoding="utf-8-sig", newline="")))
assert rows[2][0] == "rel-01" and rows[2][1] == "en"
rows[2][6] = 'What makes a relationship healthy? Name three things, "good" ones, a partner does.'
w = csv.writer(open("edited.csv", "w", encoding="utf-8-sig", newline=""), lineterminator="\r\n")
w.writerows(rows)
PY
  run 0 "$rutas" pack import-csv rutas edited.csv
  has "edited.csv: 408 rows, 1 text changed"
  has "  rutas/locales/en.json: 1 text"
  has "rutas: the pack loads"
  grep -qF '"prompt": "What makes a relationship healthy? Name three things, \"good\" ones, a partner does.",' rutas/locales/en.json || fail "the edited text is not in en.json"
  [ "$(diff "$shipped/locales/en.json" rutas/locales/en.json | grep -c '^[<>]')" -eq 2 ] || fail "more than one line of en.json changed"
  run 0 "$rutas" pack export-csv rutas --out again.csv
  cmp -s edited.csv again.csv || fail "export after import differs from the edited sheet"
  # An empty cell keeps the text.
  python3 - <<'PY'
import csv
rows = list(csv.reader(open("cards.csv", encoding="utf-8-sig", newline="")))
rows[4][6] = ""
csv.writer(open("blank.csv", "w", encoding="utf-8", newline="")).writerows(rows)
PY
  run 0 "$rutas" pack import-csv rutas blank.csv
  has "blank.csv: row 5, column 7 (prompt): warning: empty cell: the text of card.rel-02.prompt is kept (to delete it, edit locales/en.json)"
  # Broken files: every problem by row and column, nothing written.
  cp rutas/locales/en.json en-before.json
  for name in quote-unclosed bad-rows bad-header; do
    run 1 "$rutas" pack import-csv rutas "$src/tests/pack/csv/$name.csv"
    sed "s|$src/tests/pack/csv/||" "$work/out.txt" > got.txt
    diff -u "$src/tests/pack/csv/$name.expected" got.txt || fail "messages for $name.csv"
  done
  cmp -s en-before.json rutas/locales/en.json || fail "a broken CSV changed the pack"
  run 1 "$rutas" pack import-csv rutas missing.csv
  has "rutas pack import-csv: cannot read missing.csv: No such file or directory"
  run 2 "$rutas" pack export-csv rutas
  has "rutas pack export-csv: --out FILE.csv is required"
  run 2 "$rutas" pack import-csv rutas
  has "rutas pack import-csv: give the pack folder and the CSV file: PATH FILE.csv"
  ;;

check)
  run 0 "$rutas" pack check "$shipped"
  has "$shipped: ready: loads, every character has a glyph, every prompt and answer fits"
  has "  es-MX: 92 of 92 revealed answers fit on 1920x1080 and 1024x768 screens"
  has "  en: 92 of 92 revealed answers fit on 1920x1080 and 1024x768 screens"
  has "  es-MX: every character has a glyph"
  grep -q "^  es-MX at 150 % text: [0-9]* prompts fit at full size, [0-9]* shrink (the smallest to [0-9]* px), 0 cut off$" "$work/out.txt" || fail "no fit line at 150 %"
  grep -q "^  en: [0-9.]* words and [0-9]* characters a card on average" "$work/out.txt" || fail "no reading length"
  # A pack with a character no font has, a prompt that cannot fit and a scenario whose
  # guidance is cut off on a 4:3 screen.
  run 1 "$rutas" pack check "$src/tests/pack/packs/glyph-and-fit"
  sed "s|$src/tests/pack/packs/||" "$work/out.txt" > got.txt
  for line in \
    "  en: U+6F22 '漢' has no glyph in any font (shows as a box) in 1 text: card.c-02.prompt" \
    "  glyph-and-fit/locales/en.json: card.c-03.prompt: cut off at 100 % text: it does not fit its card even at 68 px (199 characters)" \
    "  glyph-and-fit/locales/en.json: card.c-04: revealed, the answer is cut off on a 1024x768 screen; shorten the prompt, the options or the answer" \
    "  en: 0 of 1 revealed answers fit on 1920x1080 and 1024x768 screens" \
    "glyph-and-fit: problems found (see above)"; do
    grep -qxF -- "$line" got.txt || { fail "no line: $line"; cat got.txt; }
  done
  run 1 "$rutas" pack check /nonexistent/pack
  has "rutas pack check: /nonexistent/pack: no such pack folder"
  run 1 "$rutas" pack check "$src/tests/fixtures/packs/bad/locale-file-missing"
  has "$src/tests/fixtures/packs/bad/locale-file-missing/locales/en.json: -: missing file: locales/en.json does not exist"
  has "rutas pack check: cannot load the pack in $src/tests/fixtures/packs/bad/locale-file-missing (1 error; see above)"
  ;;

stats)
  run 0 "$rutas" pack stats "$shipped" --games 300 --teams 5 --minutes 45
  has "pack rutas 1.0.0: 300 sessions of 5 teams, 45 minutes (ages up to 18, every intensity), seeds 1-300"
  grep -q "^situation  *18  *[0-9.]*  *[0-9]*%  *[0-9.]*%$" "$work/out.txt" || fail "no situation deck row"
  grep -q "^topic coverage  *[0-9.]* of 12 topics come up in a session on average$" "$work/out.txt" || fail "no topic coverage"
  grep -q "^every card  *[0-9.]* sessions in a row on average to see all 204 cards" "$work/out.txt" || fail "no sessions-to-see-all"
  # The same seeds give the same figures, as rutas simulate's do.
  cp "$work/out.txt" first.txt
  run 0 "$rutas" pack stats "$shipped" --games 300 --teams 5 --minutes 45
  cmp -s first.txt "$work/out.txt" || fail "two runs with the same seeds differ"
  run 1 "$rutas" pack stats /nonexistent/pack
  has "rutas pack stats: /nonexistent/pack: no such pack folder"
  ;;

*)
  echo "unknown scenario $scenario"
  exit 2
  ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "$scenario: $failures failed"
  exit 1
fi
echo "$scenario: passed"
