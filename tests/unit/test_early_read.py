"""Reading a big Squid log started before the command's start-up (``logs.early``)."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from _squid_sample import big_squid

from planner.adapters.sources.logs import early, read_log
from planner.adapters.sources.logs.parallel import RangeRead, split_ranges
from planner.adapters.sources.logs.spec import EarlyRead
from planner.cli import main
from planner.errors import InputError


def test_a_read_started_early_gives_the_single_process_summary(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log")
    single = read_log(path, workers=1)
    for workers in (2, 3):
        started = early.start(path, workers=workers, threshold=0)
        assert isinstance(started, EarlyRead) and isinstance(started.work, RangeRead)
        assert started.format == "squid"
        assert len(started.work.helpers) == workers - 1  # parsing already
        progress: list[int] = []
        summary = read_log(path, early=started, progress=_recorder(progress))
        assert summary == single
        assert progress[-1] == path.stat().st_size
    assert multiprocessing.active_children() == []


def test_the_callers_range_is_shorter_by_its_head_start(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log")
    size = path.stat().st_size
    plain = split_ranges(path, size, 2)
    ahead = split_ranges(path, size, 2, head_start=size // 4)
    assert ahead[0][1] < plain[0][1] < size // 2
    assert ahead[0][0] == 0 and ahead[-1][1] == size
    # a head start worth more than the file leaves the caller nothing to parse
    assert split_ranges(path, size, 2, head_start=size)[0] == (0, 0)
    started = EarlyRead("squid", RangeRead(path, size, 2, head_start=size))
    assert read_log(path, early=started) == read_log(path, workers=1)


def test_nothing_starts_where_it_is_not_worth_it(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log", lines=3000)
    packed = tmp_path / "big.log.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    w3c = tmp_path / "proxy.log"
    w3c.write_text("#Fields: date time cs-username cs-host\n2026-03-02 10:00:00 jdoe x.com\n")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert early.start(path, workers=2) is None  # far below the default threshold
    assert early.start(path, workers=1, threshold=0) is None
    assert early.start(packed, workers=2, threshold=0) is None
    assert early.start(w3c, workers=2, threshold=0) is None
    assert early.start(path, "w3c", workers=2, threshold=0) is None
    assert early.start(fifo, workers=2, threshold=0) is None  # never opened: no hang
    assert early.start(tmp_path / "missing.log", workers=2, threshold=0) is None
    found: list[EarlyRead | None] = []
    thread = threading.Thread(target=lambda: found.append(early.start(path, threshold=0)))
    thread.start()
    thread.join()
    assert found == [None]  # a TUI worker thread neither forks nor spawns here
    assert multiprocessing.active_children() == []


def test_a_read_forced_to_another_format_stops_the_helpers(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log", lines=3000)
    started = early.start(path, workers=2, threshold=0)
    assert started is not None
    with pytest.raises(InputError, match="no usable CSV header"):
        read_log(path, "csv", early=started)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("plan", ["no-such-plan", None])
def test_the_command_starts_early_and_leaves_no_helper_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    plan: str | None,
) -> None:
    monkeypatch.setattr(early, "PARALLEL_THRESHOLD", 0)
    started: list[EarlyRead | None] = []
    real_start = early.start

    def spy(*args: object, **kwargs: object) -> EarlyRead | None:
        found = real_start(*args, **kwargs)  # type: ignore[arg-type]
        started.append(found)
        return found

    monkeypatch.setattr(early, "start", spy)
    log = big_squid(tmp_path / "big.log", lines=5000)
    db = str(tmp_path / "ws.sqlite")
    assert main(["plan", "new", "q1", "--start", "2026-01-05", "--db", db]) == 0
    args = ["discover", "import", str(log), "--db", db] + (["--plan", plan] if plan else [])
    code = main(args)
    err = capsys.readouterr().err
    assert len(started) == 1 and started[0] is not None
    if plan:  # a wrong plan is refused, and the readers already started are stopped
        assert code == 2 and "no-such-plan" in err
    else:
        assert code == 0 and "5 hosts" in err
    assert multiprocessing.active_children() == []


def _recorder(calls: list[int]) -> Callable[[int, int], None]:
    return lambda done, _total: calls.append(done)


def test_a_format_begins_early_through_its_registry_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from planner.adapters.sources.logs import registry
    from planner.adapters.sources.logs.model import Aggregate
    from planner.adapters.sources.logs.source import LogSource
    from planner.adapters.sources.logs.spec import LogFormat, ReadOptions

    class Begun:
        closed = 0

        def close(self) -> None:
            self.closed += 1

    def read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
        assert options.early is not None and isinstance(options.early.work, Begun)
        return Aggregate(), src.hexdigest()

    module = types.ModuleType("tests_early_source")
    module.FORMAT = LogFormat(  # type: ignore[attr-defined]
        "hosts-list",
        "one host a line",
        lambda head: 1.0 if head.startswith(b"HOSTS") else 0.0,
        read,
        start_early=lambda src, workers, threshold: Begun(),
    )
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(registry, "_MODULES", {**registry._MODULES, "hosts-list": module.__name__})
    monkeypatch.setattr(registry, "NAMES", (*registry.NAMES, "hosts-list"))
    path = tmp_path / "hosts.txt"
    path.write_text("HOSTS\n" + "slack.com\n" * 100)
    started = early.start(path, workers=2, threshold=0)
    assert started is not None and started.format == "hosts-list"
    assert read_log(path, early=started).format == "hosts-list"
    assert isinstance(started.work, Begun) and started.work.closed == 1  # closed once read
    # a file read as another format closes what was begun for it
    again = early.start(path, workers=2, threshold=0)
    assert again is not None
    assert read_log(path, "w3c", early=again).format == "w3c"
    assert isinstance(again.work, Begun) and again.work.closed == 1


def test_services_and_the_command_line_pass_no_format_specific_reader() -> None:
    import planner

    root = Path(planner.__file__).parent
    for layer in ("services", "cli", "tui"):
        for path in (root / layer).rglob("*.py"):
            assert "RangeRead" not in path.read_text(encoding="utf-8"), path
    generic = (root / "adapters/sources/logs/reader.py").read_text(encoding="utf-8")
    assert '"squid"' not in generic  # the reader asks the registry entry, not a name
