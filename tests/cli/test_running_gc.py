"""A command runs with full garbage collections rarer, and leaves the process as it found
it: a test process (or a script calling ``main``) runs many commands, and the TUI keeps
Python's own setting."""

from __future__ import annotations

import argparse
import gc

from planner.cli.running import FULL_COLLECTION_EVERY, run
from planner.errors import PlannerError


def test_a_command_runs_with_rarer_full_collections_then_the_setting_is_restored() -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def handler(args: argparse.Namespace) -> int:
        seen.append(gc.get_threshold())
        return 0

    assert run(handler, argparse.Namespace()) == 0
    assert seen == [(before[0], before[1], max(before[2], FULL_COLLECTION_EVERY))]
    assert gc.get_threshold() == before


def test_the_setting_is_restored_after_a_failed_command() -> None:
    before = gc.get_threshold()

    def handler(args: argparse.Namespace) -> int:
        raise PlannerError("no such plan")

    assert run(handler, argparse.Namespace()) == 1
    assert gc.get_threshold() == before


def test_the_tui_keeps_pythons_setting() -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def handler(args: argparse.Namespace) -> int:
        seen.append(gc.get_threshold())
        return 0

    assert run(handler, argparse.Namespace(owns_terminal=True)) == 0
    assert seen == [before]
