"""The strict YAML loader against plain ``yaml.load(CSafeLoader)`` on a plan-sized document.

    python bench/bench_yaml_load.py [--items 10000] [--runs 5]

Both load the same text, alternately; prints medians and the ratio. The strict loader
builds data straight from parser events, so it is expected to be faster than the plain
C loader, which composes a node tree first.

Then the time to *refuse* hostile documents (deep nesting, an alias bomb, a 60 MB scalar),
against the same plain load as the reference: the tests only guard against hangs (a
deadlock detector of tens of seconds), so how fast a refusal is gets measured here.
"""

from __future__ import annotations

import argparse
import statistics
import time

import yaml

from planner.adapters.yamlsafe import load_yaml
from planner.errors import InputError


def _hostile() -> dict[str, bytes]:
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return {
        "10,000-deep flow lists": b"[" * 10_000 + b"]" * 10_000,
        "2,000-deep block lists": "".join("  " * i + "- \n" for i in range(2_000)).encode(),
        "alias bomb": "\n".join(bomb).encode(),
        "60 MB scalar": b"name: x\nnote: " + b"x" * 60_000_000 + b"\n",
    }


def _refusal_seconds(content: bytes) -> float:
    start = time.perf_counter()
    try:
        load_yaml(content, source="hostile")
    except InputError:
        return time.perf_counter() - start
    raise SystemExit("a hostile document was accepted")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = [
        {
            "id": f"tool-{i}",
            "name": f"Tool {i}",
            "product": None,
            "category": "internal",
            "status": "official",
            "purposes": ["internal-sharing"],
            "departments": ["R&D", "Sales"],
            "users": i,
            "sources": ["proxy-log"],
            "first_seen": "2026-10-01",
            "last_seen": "2026-11-20",
            "owner": None,
            "notes": "",
        }
        for i in range(args.items)
    ]
    text = yaml.dump({"tools": items}, Dumper=yaml.CSafeDumper, sort_keys=False)
    ours, plain = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        load_yaml(text, source="bench")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        plain.append(time.perf_counter() - start)
    a, b = statistics.median(ours), statistics.median(plain)
    print(f"{len(text) / 1e6:.1f} MB, {args.items} items, {args.runs} runs")
    print(f"plain CSafeLoader: {b * 1000:8.0f} ms")
    print(f"strict load_yaml:  {a * 1000:8.0f} ms   ratio {a / b:.2f}")
    print("refusing hostile documents (vs the plain load above):")
    for name, content in _hostile().items():
        took = statistics.median(_refusal_seconds(content) for _ in range(args.runs))
        print(f"  {name:<24} {took * 1000:8.0f} ms   ratio {took / b:.2f}")


if __name__ == "__main__":
    main()
