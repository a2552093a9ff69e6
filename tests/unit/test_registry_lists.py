"""Lists of formats shown to people, or tested, come from the format registry: a source
added to it is offered in the TUI's import dialog, named when a file is not recognised,
accepted by ``discover import --format``, and asked of the privacy test."""

from __future__ import annotations

import sys
import types

import pytest

from planner.adapters.sources.logs import registry
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.sniff import sniff_format
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions
from planner.errors import InputError


@pytest.fixture
def new_source(monkeypatch: pytest.MonkeyPatch) -> str:
    """A source registered the way a new format is: one module, one registry line."""

    def read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
        return Aggregate(), src.hexdigest()

    module = types.ModuleType("tests_listed_source")
    module.FORMAT = LogFormat("hosts-list", "Plain list of hosts", lambda head: 0.0, read)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(registry, "_MODULES", {**registry._MODULES, "hosts-list": module.__name__})
    monkeypatch.setattr(registry, "NAMES", (*registry.NAMES, "hosts-list"))
    return "hosts-list"


def test_the_import_dialog_offers_every_source(new_source: str) -> None:
    from planner.tui.screens.import_dialog import format_choices

    offered = [name for _, name in format_choices()]
    assert offered == ["auto", *registry.NAMES, "survey"]
    assert ("Plain list of hosts", new_source) in format_choices()
    assert "profile" in offered


def test_an_unrecognised_file_is_told_every_source(new_source: str) -> None:
    with pytest.raises(InputError) as err:
        sniff_format(b"nothing anyone logs\n", source="notes.txt")
    for name in registry.NAMES:
        assert name in str(err.value), name
    assert new_source in str(err.value)


def test_discover_import_accepts_every_source(new_source: str) -> None:
    from planner.cli import build_parser

    args = build_parser().parse_args(["discover", "import", "x.log", "--format", new_source])
    assert args.format == new_source


def test_the_privacy_test_asks_for_every_source(new_source: str) -> None:
    from tests.reliability.test_privacy import missing_samples, other_sources

    assert missing_samples() == [new_source]
    assert new_source in other_sources()
