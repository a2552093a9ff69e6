"""The strict YAML loader against plain ``yaml.load(CSafeLoader)`` on a plan-sized document.

    python bench/bench_yaml_load.py [--items 10000] [--runs 5]

Both load the same text, alternately; prints medians and the ratio. The strict loader
builds data straight from parser events, so it is expected to be faster than the plain
C loader, which composes a node tree first.
"""

from __future__ import annotations

import argparse
import statistics
import time

import yaml

from planner.adapters.yamlsafe import load_yaml


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


if __name__ == "__main__":
    main()
