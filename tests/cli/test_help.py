"""Help for every command: every option and positional says what it is, every command shows
an example that parses, one phase numbering."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterator

import pytest

from planner.cli import build_parser
from planner.cli.examples import EXAMPLES
from tests.reliability.test_cli_sweep import _leaf_commands

SKIP = (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    def walk(
        parser: argparse.ArgumentParser, prefix: str
    ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        yield prefix, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, f"{prefix} {name}".strip())

    return walk(build_parser(), "")


def test_every_option_and_positional_has_help() -> None:
    missing = [
        f"{name or 'planner'}: {'/'.join(a.option_strings) or a.dest}"
        for name, parser in _parsers()
        for a in parser._actions
        if not isinstance(a, SKIP) and not (a.help and a.help.strip())
    ]
    assert not missing, missing


@pytest.mark.parametrize("command", sorted(_leaf_commands()))
def test_every_command_has_an_example_in_its_epilog(command: str) -> None:
    parser = dict(_parsers())[command]
    assert parser.epilog and "example" in parser.epilog
    assert parser.formatter_class is argparse.RawDescriptionHelpFormatter
    assert "example" in parser.format_help()


def test_every_example_parses() -> None:
    parser = build_parser()
    for command, lines in EXAMPLES.items():
        for line in lines:
            argv = shlex.split(line.split(" > ")[0])
            assert argv[0] == "planner", line
            args = parser.parse_args(argv[1:])
            # a third level (``privacy sensitive add``) keeps its verb in ``verb``
            words = (args.command, getattr(args, "action", None), getattr(args, "verb", None))
            assert " ".join(p for p in words if p) in (
                command,
                command.split()[0],
            ), line
    assert set(EXAMPLES) == set(_leaf_commands())


@pytest.mark.parametrize(
    ("argv", "dest"),
    [
        (["training", "add", "T", "--audience", "3", "--department", "Sales"], "department"),
        (["training", "add", "T", "--audience", "3", "--departments", "Sales"], "department"),
        (["pilot", "add", "jive", "--departments", "Sales"], "departments"),
        (["pilot", "add", "jive", "--department", "Sales"], "departments"),
        (["feature", "add", "F", "--department", "Sales"], "departments"),
    ],
)
def test_department_and_departments_are_both_accepted(argv: list[str], dest: str) -> None:
    assert getattr(build_parser().parse_args(argv), dest) == "Sales"


def test_one_phase_numbering_in_the_help() -> None:
    text = build_parser().format_help()
    for label in ("Phase 1 Discover", "Phase 2a Inventory", "Phase 2b Vendor strategies"):
        assert label in text
    for label in ("Phase 2c Pilots", "Phase 3a Features", "Phase 3b Training"):
        assert label in text
    assert not any(old in text for old in ("phase 1:", "phase 2a:", "phase 2b:", "phase 3b:"))
