#!/usr/bin/env python3
"""Writes a large pack for the pack-load benchmark: the shipped Rutas pack with its cards
repeated (new ids, same kinds, texts and sources) up to N cards, in three locales (the pack's
es-MX and en, and a third, pt-BR, holding the English texts).

    bench/make-pack.py --cards 10000 --out /tmp/packs/bench10000

The pack is valid: `rutas validate` accepts it. Only the pack-load benchmark uses it."""
import argparse
import copy
import json
import os
import shutil
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(TOP, "content", "packs", "rutas")
EXTRA = "pt-BR"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, required=True)
    ap.add_argument("--out", required=True, help="the pack folder to write (replaced)")
    ap.add_argument("--source", default=SOURCE, help="the pack to copy (default: the Rutas pack)")
    a = ap.parse_args()
    if a.cards < 1 or a.cards > 16384:
        sys.exit("make-pack: --cards is 1-16384 (the format's limit)")

    with open(os.path.join(a.source, "pack.json"), encoding="utf-8") as f:
        pack = json.load(f)
    locales = {}
    for tag in pack["locales"]:
        with open(os.path.join(a.source, "locales", tag + ".json"), encoding="utf-8") as f:
            locales[tag] = json.load(f)
    locales[EXTRA] = copy.deepcopy(locales["en"])
    locales[EXTRA]["locale"]["name"] = "Português (Brasil)"

    base = pack["cards"]
    cards = []
    texts = {tag: {} for tag in locales}
    for i in range(a.cards):
        src = base[i % len(base)]
        card = copy.deepcopy(src)
        card["id"] = "gen-%05d" % i
        cards.append(card)
        for tag, strings in locales.items():
            texts[tag][card["id"]] = copy.deepcopy(strings["card"][src["id"]])
    pack["cards"] = cards
    pack["id"] = os.path.basename(os.path.normpath(a.out))
    pack["locales"] = pack["locales"] + [EXTRA]
    for tag in locales:
        locales[tag]["card"] = texts[tag]

    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "locales"))
    with open(os.path.join(a.out, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, ensure_ascii=False, indent=2)
    for tag, strings in locales.items():
        with open(os.path.join(a.out, "locales", tag + ".json"), "w", encoding="utf-8") as f:
            json.dump(strings, f, ensure_ascii=False, indent=2)
    shutil.copytree(os.path.join(a.source, "helplines"), os.path.join(a.out, "helplines"))


if __name__ == "__main__":
    main()
