"""Benchmark: plan export and import of a large plan against plain PyYAML + sqlite3.

The target: for a plan of 10,000 tools, 500 pilots and 5,000 training milestones, export
takes at most 2× a plain PyYAML C-dumper dump of the exported file's own content, and
import at most 2× a plain C-loader load plus a raw sqlite3 executemany of the same rows.
Both sides run alternately in one process; medians and ratios are printed.

    python bench/bench_plan_io.py [--tools 10000 --pilots 500 --training 5000 --runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_large_plan import large_plan

from planner.adapters.yamlsafe import dump_yaml
from planner.bootstrap import Settings, bootstrap
from planner.services.plan_file import export_plan
from planner.services.plan_import import import_plan

TODAY = dt.date(2027, 2, 1)


def _reference_import(text: str, db: Path) -> None:
    """C-loader load, then raw executemany of the same rows into a bare table each."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    conn = sqlite3.connect(db)
    for section in ("tools", "pilots", "training", "features", "risks"):
        rows = data.get(section) or []
        if not rows:
            continue
        keys = list(rows[0])
        conn.execute(f"CREATE TABLE IF NOT EXISTS {section} ({', '.join(keys)})")
        conn.executemany(
            f"INSERT INTO {section} VALUES ({', '.join('?' * len(keys))})",
            [tuple(_flat(r[k]) for k in keys) for r in rows],
        )
    conn.commit()
    conn.close()


def _flat(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, type(None))) else repr(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools", type=int, default=10_000)
    parser.add_argument("--pilots", type=int, default=500)
    parser.add_argument("--training", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "large.yaml"
        source.write_text(
            dump_yaml(large_plan(args.tools, args.pilots, args.training)), encoding="utf-8"
        )
        planner = bootstrap(Settings(db=str(Path(tmp) / "ws.sqlite"), today=lambda: TODAY))
        catalog = planner.catalog
        import_plan(planner.workspace, catalog, source)  # the workspace to export from
        exported = Path(tmp) / "exported.yaml"
        times: dict[str, list[float]] = {k: [] for k in ("export", "dump", "import", "ref")}
        for run in range(args.runs):
            start = time.perf_counter()
            export_plan(planner.workspace, "large", TODAY, exported, catalog)
            times["export"].append(time.perf_counter() - start)
            content = yaml.load(
                exported.read_text(encoding="utf-8"),
                Loader=yaml.CSafeLoader,
            )
            start = time.perf_counter()
            yaml.dump(content, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
            times["dump"].append(time.perf_counter() - start)
            text = exported.read_text(encoding="utf-8")
            start = time.perf_counter()
            import_plan(planner.workspace, catalog, exported)
            times["import"].append(time.perf_counter() - start)
            start = time.perf_counter()
            _reference_import(text, Path(tmp) / f"ref-{run}.sqlite")
            times["ref"].append(time.perf_counter() - start)
        size = exported.stat().st_size / 1e6
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"plan: {args.tools} tools, {args.pilots} pilots, {args.training} training "
        f"milestones; exported file {size:.1f} MB; {args.runs} runs, medians"
    )
    print(
        f"export  {med['export']:6.2f} s  vs CSafeDumper dump {med['dump']:6.2f} s   "
        f"ratio {med['export'] / med['dump']:.2f} (target ≤ 2)"
    )
    print(
        f"import  {med['import']:6.2f} s  vs CSafeLoader + executemany {med['ref']:6.2f} s   "
        f"ratio {med['import'] / med['ref']:.2f} (target ≤ 2)"
    )


if __name__ == "__main__":
    main()
