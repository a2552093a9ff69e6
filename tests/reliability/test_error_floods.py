"""A file with thousands of problems gets the first hundred, located, then a count.

A hostile or badly generated file can hold 100,000 problems in 400 KB; locating and
printing every one cost 160 MB and seconds. The user gets what they can act on:
the first :data:`planner.errors.MAX_PROBLEMS` lines, each with its file and line, and one
more line, placed at the first problem not shown, saying how many more there are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.cli import main
from planner.errors import MAX_PROBLEMS

HEADER = b"schema: planner.plan/1\nplan:\n  name: flood\n  start: 2027-01-04\n"


def _located(line: str, path: Path) -> int:
    match = re.match(rf"{re.escape(str(path))}:(\d+):\d+: ", line)
    assert match is not None, line
    return int(match.group(1))


def test_a_plan_with_100000_bad_items_reports_the_first_hundred_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "flood.yaml"
    path.write_bytes(HEADER + b"tools:\n" + b"- 1\n" * 100_000)
    db = tmp_path / "ws.sqlite"
    assert main(["plan", "import", str(path), "--db", str(db)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    numbers = [_located(line, path) for line in lines]
    assert numbers[:3] == [6, 7, 8]  # the tools' items, in file order
    assert numbers == sorted(numbers)
    assert "must be a mapping" in lines[0]
    assert "99,900 more" in lines[-1] and numbers[-1] == 6 + MAX_PROBLEMS
    main(["plan", "list", "--format", "csv", "--db", str(db)])
    assert "flood" not in capsys.readouterr().out  # nothing was created


def test_a_plan_with_a_few_bad_items_reports_every_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "few.yaml"
    path.write_bytes(HEADER + b"tools:\n" + b"- 1\n" * 7)
    assert main(["plan", "import", str(path), "--db", str(tmp_path / "ws.sqlite")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [_located(line, path) for line in lines] == list(range(6, 13))
    assert not any("more problem" in line for line in lines)


def test_a_catalog_product_with_thousands_of_unknown_keys_is_refused_briefly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "catalog"  # added to the shipped one
    catalog.mkdir()
    product = catalog / "flood.yaml"
    keys = "".join(f"k{i}: 1\n" for i in range(5_000))
    product.write_text(f"id: flood\nname: Flood\n{keys}", encoding="utf-8")
    assert main(["--catalog", str(catalog), "catalog", "show", "flood"]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if str(product) in line]
    assert len(lines) == MAX_PROBLEMS + 1
    assert "unknown key 'k0'" in lines[0] and _located(lines[0], product) == 3
    assert "4,900 more" in lines[-1] and _located(lines[-1], product) == 3 + MAX_PROBLEMS
