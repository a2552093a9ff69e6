"""The source registry: every listed source loads and names itself, guessing asks every
source and takes the surest, and a new format plugs in with one module and one line."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from planner.adapters.sources.logs import read_log, registry, sniff_format
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions

DATA = Path(__file__).resolve().parent.parent / "data" / "logs"


def test_every_listed_source_loads_under_its_own_name() -> None:
    assert len(set(registry.NAMES)) == len(registry.NAMES)
    assert [fmt.name for fmt in registry.sources()] == list(registry.NAMES)
    assert {"squid", "w3c", "csv"} <= set(registry.NAMES)


def test_a_new_format_is_one_module_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
        agg = Aggregate()
        for block in src.blocks():
            for line in block.decode().splitlines()[1:]:
                agg.lines += 1
                agg.add(line, 0.0, 0, "someone")
        return agg, src.hexdigest()

    module = types.ModuleType("tests_fake_source")
    module.FORMAT = LogFormat(  # type: ignore[attr-defined]
        "hosts-list", "one host a line", lambda head: 1.0 if head.startswith(b"HOSTS") else 0, read
    )
    monkeypatch.setitem(sys.modules, "tests_fake_source", module)
    monkeypatch.setattr(registry, "_MODULES", {**registry._MODULES, "hosts-list": module.__name__})
    monkeypatch.setattr(registry, "NAMES", (*registry.NAMES, "hosts-list"))
    path = tmp_path / "hosts.txt"
    path.write_text("HOSTS\nslack.com\nwww.yammer.com\n")
    summary = read_log(path)
    assert summary.format == "hosts-list"
    assert sorted(summary.hosts) == ["slack.com", "www.yammer.com"]
    # the existing sources still win their own files
    squid = (DATA / "squid_native.log").read_bytes()[:65536]
    assert sniff_format(squid, source="squid_native.log") == "squid"
