#!/usr/bin/env python3
"""Checks that docs/pack.schema.json and the validator agree on the fixture packs.

Every good pack's pack.json must be valid against the schema. Each broken pack's expect.txt
says "schema: invalid" (the schema alone must reject it), "schema: valid" (the mistake is one
a schema cannot see, such as a reference to an unknown topic: the schema must accept it and
only the validator rejects it, which test_content checks) or "schema: skip" (not JSON).
"""
import json
import os
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
try:
    import jsonschema
except ImportError:
    if os.environ.get("CI"):
        print("python3-jsonschema is missing (install Debian's python3-jsonschema)")
        sys.exit(1)
    print("SKIP: python3-jsonschema is not installed (Debian: apt-get install python3-jsonschema)")
    sys.exit(77)

with open(os.path.join(top, "docs", "pack.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = 0
checked = 0


def errors_of(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return sorted(validator.iter_errors(data), key=lambda e: list(e.path))


packs = os.path.join(top, "tests", "fixtures", "packs")
good_dirs = [os.path.join(packs, "good", d) for d in sorted(os.listdir(os.path.join(packs, "good")))]
shipped = os.path.join(top, "content", "packs")
if os.path.isdir(shipped):
    good_dirs += [os.path.join(shipped, d) for d in sorted(os.listdir(shipped))]
for d in good_dirs:
    p = os.path.join(d, "pack.json")
    if not os.path.isfile(p):
        continue
    checked += 1
    errs = errors_of(p)
    if errs:
        failures += 1
        print(f"FAIL {p}: the schema rejects a good pack: {errs[0].message} at "
              f"{'/'.join(map(str, errs[0].path))}")

bad = os.path.join(packs, "bad")
for name in sorted(os.listdir(bad)):
    d = os.path.join(bad, name)
    expect = {}
    with open(os.path.join(d, "expect.txt"), encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(": ")
            expect.setdefault(k, v)
    verdict = expect.get("schema", "skip")
    if verdict == "skip":
        continue
    checked += 1
    errs = errors_of(os.path.join(d, "pack.json"))
    if verdict == "invalid" and not errs:
        failures += 1
        print(f"FAIL {name}: the validator reports {expect['place']}: {expect['message']}, "
              f"but the schema accepts the pack")
    elif verdict == "valid" and errs:
        failures += 1
        print(f"FAIL {name}: expected the schema to accept it, but: {errs[0].message} at "
              f"{'/'.join(map(str, errs[0].path))}")

print(f"{checked} pack.json files checked against docs/pack.schema.json, {failures} failures")
sys.exit(1 if failures else 0)
