#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into OUT/<target>/ from what the repository
already holds: the fixture packs (good and broken), the shipped packs, the UI strings, the
golden replay of the demo game, saves made from that replay, the fixture session reports, the
mini fixture pack's texts as a spreadsheet (as `rutas pack export-csv` writes it) and settings
files.

    python3 fuzz/make_seeds.py OUT

Inputs are laid out as the targets read them (fuzz/*.c): files joined by a line holding only
"@@". Seeds are made fresh for each run rather than committed, so they follow the fixtures.
"""
import csv
import glob
import hashlib
import io
import json
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEP = b"\n@@\n"
PACK_FILES = ["pack.json", "locales/es-MX.json", "locales/en.json", "helplines/MX.json",
              "guide/es-MX.md", "images/a.png"]


def read(path):
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def pack_dirs():
    dirs = sorted(glob.glob(os.path.join(TOP, "tests/fixtures/packs/*/*")))
    dirs += sorted(glob.glob(os.path.join(TOP, "content/packs/*")))
    return [d for d in dirs if os.path.isdir(d)]


class Out:
    def __init__(self, root, target):
        self.dir = os.path.join(root, target)
        os.makedirs(self.dir, exist_ok=True)
        self.count = 0

    def add(self, data):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)
        self.count += 1


def seeds_pack(out):
    for d in pack_dirs():
        parts = [read(os.path.join(d, rel)) for rel in PACK_FILES]
        while parts and parts[-1] is None:
            parts.pop()
        if parts:
            out.add(SEP.join(p if p is not None else b"" for p in parts))
    # An overlay of the fixture base, which the target finds on its search path.
    out.add(b'{"format": 1, "id": "over", "version": "1.0.0", "extends": "mini", '
            b'"locales": ["pt-BR"]}' + SEP + b"{}" + SEP + b"{}")
    # A PNG header for images/a.png, with a card that uses it.
    mini = read(os.path.join(TOP, "tests/fixtures/packs/good/mini/pack.json"))
    if mini:
        png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10"
               b"\x08\x06\x00\x00\x00\x1f\xf3\xffa")
        with_image = mini.replace(b'"source": "general: UN CRC art. 19"}',
                                  b'"source": "general: UN CRC art. 19", "image": "images/a.png"}',
                                  1)
        rest = [read(os.path.join(TOP, "tests/fixtures/packs/good/mini", rel)) or b""
                for rel in PACK_FILES[1:5]]
        out.add(SEP.join([with_image] + rest + [png]))


TAGS = [b"es-MX", b"en", b"pt-MZ", b"en-IN", b"ar", b"uk", b"pl", b"he", b"zh-Hant-CN",
        b"es_mx.UTF-8@euro", b"fr-CA", b"es-419", b"sr-Latn", b"hi"]
TEXTS = [b"{{team}} gana {{count}} puntos", b"{{- team}} y {{ name }}", b"{{ }} {{a.b}} {{",
         b"\xc3\xb1and\xc3\xba {{x}}", b"}}{{team}}{{"]


def seeds_strings(out):
    files = []
    for d in pack_dirs():
        for p in sorted(glob.glob(os.path.join(d, "locales", "*.json"))):
            data = read(p)
            if data is not None and len(data) < 300000:
                files.append(data)
    for p in sorted(glob.glob(os.path.join(TOP, "content/ui/*.json"))):
        data = read(p)
        if data is not None:
            files.append(data)
    for i, tag in enumerate(TAGS):
        text = TEXTS[i % len(TEXTS)]
        out.add(SEP.join([tag, TAGS[(i + 3) % len(TAGS)], text]))
    # Source and translation pairs: neighbours in the list are usually the same pack.
    for i in range(0, len(files) - 1):
        out.add(SEP.join([TAGS[i % len(TAGS)], b"es-MX", TEXTS[i % len(TEXTS)], files[i],
                          files[i + 1]]))
    out.add(SEP.join([b"ru", b"en", b"{{count}}",
                      b'{"points_one": "{{count}} point", "points_other": "{{count}} points"}',
                      b'{"points_one": "a {{count}}", "points_few": "b", "points_many": "c"}']))


def seeds_helplines(out):
    seen = set()
    for d in pack_dirs():
        for p in sorted(glob.glob(os.path.join(d, "helplines", "*.json"))):
            data = read(p)
            if data is not None and data not in seen:
                seen.add(data)
                out.add(data)
    mx = read(os.path.join(TOP, "tests/fixtures/packs/good/mini/helplines/MX.json")) or b"{}"
    gt = mx.replace(b'"MX"', b'"GT"')
    out.add(SEP.join([mx, gt, b"us.json", mx.replace(b'"MX"', b'"US"')]))


def replay_variants():
    golden = read(os.path.join(TOP, "tests/core/golden-demo.replay"))
    if golden is None:
        return []
    lines = golden.split(b"\n")
    variants = [golden]
    for cut in (6, 10, 20, 40):
        variants.append(b"\n".join(lines[:cut]) + b"\n")
    header = b"rutas-replay 1\npack demo 1.0.0\nseed 7\nteams 3\nfilter 18 2 4 30 1\n"
    variants.append(header + b"exclude fr-01\nroll\ncomplete\nroll\npass\n")
    variants.append(header + b"roll\nplace 1 stop-work\nchoose-topic online\ngive-points 0 3\n"
                    b"tally 1 2 3\ntime-up\nend-game\n")
    return variants


def seeds_replay(out):
    for v in replay_variants():
        out.add(v)


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def seeds_save(out):
    metas = [b"", b"meta language es-MX\nmeta region MX\n", b"meta clock 1200\n"]
    for i, replay in enumerate(replay_variants()):
        if not replay.startswith(b"rutas-replay"):
            replay = b"\n".join(l for l in replay.split(b"\n") if not l.startswith(b"#"))
        body = metas[i % len(metas)] + replay + (b"" if replay.endswith(b"\n") else b"\n") + b"end\n"
        out.add(b"\x01" + body)  # the target writes the header and checksum
        whole = b"rutas-save 1\nchecksum %016x\n" % fnv1a(body) + body
        out.add(b"\x00" + whole)
    out.add(b"\x00rutas-save 1\nchecksum 0000000000000000\nend\n")


def seeds_report(out):
    for p in sorted(glob.glob(os.path.join(TOP, "tests/fixtures/reports/**/*.json"), recursive=True)):
        data = read(p)
        if data is not None:
            out.add(data)


CSV_COLUMNS = ["card", "locale", "deck", "kind", "min_age", "intensity", "prompt", "option_1",
               "option_2", "option_3", "option_4", "answer", "explain", "note"]


def mini_rows():
    """The rows `rutas pack export-csv` writes for the mini fixture pack."""
    mini = os.path.join(TOP, "tests/fixtures/packs/good/mini")
    try:
        with open(os.path.join(mini, "pack.json"), encoding="utf-8") as f:
            pack = json.load(f)
        texts = {}
        for tag in pack["locales"]:
            with open(os.path.join(mini, "locales", tag + ".json"), encoding="utf-8") as f:
                texts[tag] = json.load(f).get("card", {})
    except (OSError, ValueError, KeyError):
        return []
    rows = []
    for card in pack["cards"]:
        for tag in pack["locales"]:
            t = texts[tag].get(card["id"], {})
            options = t.get("options", {})
            rows.append([card["id"], tag, card.get("deck", card.get("topic", "")), card["kind"],
                         str(card["min_age"]), str(card["intensity"]), t.get("prompt", "")] +
                        [options.get(str(i), "") for i in range(1, 5)] +
                        [t.get("answer", ""), t.get("explain", ""), t.get("note", "")])
    return rows


def csv_text(rows, bom=True, crlf=True):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return ("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8")


def seeds_csv(out):
    rows = mini_rows()
    if not rows:
        return
    variants = [csv_text([CSV_COLUMNS] + rows), csv_text([CSV_COLUMNS] + rows, False, False)]
    edited = [r[:] for r in rows]
    edited[0][6] = "Una pregunta nueva, con \"comillas\",\ny dos líneas"
    edited[3][12] = "A note, changed"
    variants.append(csv_text([CSV_COLUMNS] + edited))
    # Only the columns an author keeps, in another order.
    keep = [1, 0, 6, 12]
    variants.append(csv_text([[r[i] for i in keep] for r in [CSV_COLUMNS] + edited]))
    # Problems the import names: an unknown card and language, a short row, a bad quote.
    variants.append(csv_text([CSV_COLUMNS, ["nope", "es-MX"] + [""] * 12,
                              [rows[0][0], "fr"] + rows[0][2:], rows[1][:5]]) + b'x,"y"z\r\n')
    variants.append(csv_text([CSV_COLUMNS[:2] + ["option_4"], [rows[0][0], rows[0][1], "x"]]))
    for v in variants:
        out.add(b"\x00" + v)  # a dry run
        out.add(b"\x01" + v)  # a real import


SETTINGS = b"""# Rutas settings: key=value, one per line. Delete this file to reset them.
lang=es-MX
region=MX
text=125
high_contrast=1
reduce_motion=0
sound=80
music=60
fullscreen=0
teams=5
rounds=4
minutes=30
max_age=14
max_intensity=2
topics_off=getting-help
excluded=rel-01,sit-01
talk_minutes=3
pack=
"""


def seeds_settings(out):
    out.add(SETTINGS)
    out.add(SETTINGS.replace(b"\n", b"\r\n"))
    out.add(b"lang=en\ntext=150\nteams=8\nminutes=-1\ntopics_off=relationships,getting-help\n"
            b"excluded=rel-01,rel-02,rel-03,hlp-01,sit-01,rgt-01,rgt-02\n")
    out.add(b"lang=pt-BR\nregion=GT\nrounds=99\nmax_age=6\nmax_intensity=1\ntalk_minutes=5\n")
    out.add(b"teams=9\ntext=130\nsound=-1\nlang=es MX\nexcluded=A,B\n" + b"x" * 9000 +
            b"\nteams=2\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_seeds.py OUT")
    root = sys.argv[1]
    for target, fn in (("fuzz_pack", seeds_pack), ("fuzz_strings", seeds_strings),
                       ("fuzz_helplines", seeds_helplines), ("fuzz_replay", seeds_replay),
                       ("fuzz_save", seeds_save), ("fuzz_report", seeds_report),
                       ("fuzz_csv", seeds_csv), ("fuzz_settings", seeds_settings)):
        out = Out(root, target)
        fn(out)
        print(f"{target}: {out.count} seeds")


if __name__ == "__main__":
    main()
