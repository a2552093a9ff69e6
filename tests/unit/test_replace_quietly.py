"""Caches write through ``files.replace_quietly``: a whole new file or none, never an error."""

from __future__ import annotations

from pathlib import Path

from planner.adapters.files import replace_quietly


def test_a_cache_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "entry.json"
    assert replace_quietly(target, b"first")
    assert replace_quietly(target, b"second", durable=False)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["entry.json"]


def test_a_disk_that_says_no_gives_false_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert not replace_quietly(blocker / "entry.json", b"data")
    assert blocker.read_text() == "a file where the cache folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]
