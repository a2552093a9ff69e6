"""A command builds only its part of the parser, and that part is the whole parser's."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.cli import MODULE_COMMANDS, build_parser, command_in, main


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _helps(parser: argparse.ArgumentParser, prefix: str) -> Iterator[tuple[str, str]]:
    yield prefix, parser.format_help()
    for name, sub in _subparsers(parser).items():
        yield from _helps(sub, f"{prefix} {name}")


FULL = build_parser()
TOP = _subparsers(FULL)


def test_every_top_level_command_is_in_the_table() -> None:
    listed = [c for names in MODULE_COMMANDS.values() for c in names]
    assert sorted(listed) == sorted(TOP), "add new commands to planner.cli.MODULE_COMMANDS"


@pytest.mark.parametrize("command", sorted(TOP))
def test_a_commands_own_parser_is_the_same_as_in_the_whole(command: str) -> None:
    partial = build_parser(command)
    assert command in _subparsers(partial)
    assert len(_subparsers(partial)) < len(TOP)
    assert dict(_helps(_subparsers(partial)[command], command)) == dict(
        _helps(TOP[command], command)
    )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["plan", "list"], "plan"),
        (["--db", "x.sqlite", "tools", "list"], "tools"),
        (["--db=x.sqlite", "--catalog", "mine", "candidates", "--top", "3"], "candidates"),
        (["--catalog=mine", "catalog", "list"], "catalog"),
        (["--db", "plan", "list"], None),  # 'plan' is the database here
        (["--cat", "mine", "plan", "list"], None),  # abbreviations: the whole parser decides
        (["--help"], None),
        (["--version"], None),
        (["plan-list"], None),
        (["--db"], None),
        ([], None),
    ],
)
def test_the_command_is_found_past_the_global_options(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command


def test_errors_and_help_read_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tols", "list"])
    assert info.value.code == 2
    assert "invalid choice: 'tols'" in capsys.readouterr().err
    with pytest.raises(SystemExit), contextlib.redirect_stdout(io.StringIO()) as out:
        main(["--help"])
    assert all(name in out.getvalue() for name in TOP)


def test_global_options_before_the_command_still_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "ws.sqlite")
    assert main(["--db", db, "plan", "new", "acme", "--start", "2027-01-04"]) == 0
    assert main(["--db", db, "plan", "list"]) == 0
    assert "acme" in capsys.readouterr().out


def test_every_command_says_whether_it_writes() -> None:
    from planner.cli.registry import commands, undeclared

    assert len(list(commands(FULL))) > 60
    assert undeclared(FULL) == [], "register commands with add(..., writes=True|False)"


def test_a_command_registered_without_writes_is_refused() -> None:
    from planner.cli.registry import add_command, undeclared

    parser = argparse.ArgumentParser(prog="planner")
    sub = parser.add_subparsers()
    with pytest.raises(TypeError):
        add_command("x", "a command", lambda args: 0, sub)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        add_command("y", "a command", lambda args: 0, sub, writes=None)  # type: ignore[arg-type]
    # Registered around add_command: the walk finds it.
    sub.add_parser("z").set_defaults(handler=lambda args: 0)
    assert undeclared(parser) == ["z"]


def test_read_only_commands_are_the_ones_that_only_look() -> None:
    from planner.cli.registry import commands

    read_only = sorted(name for name, p in commands(FULL) if not p.get_default("writes"))
    assert "plan list" in read_only and "tools list" in read_only and "timeline" in read_only
    assert "plan export" not in read_only  # it records the export as the next import's base
    creating = sorted(name for name, p in commands(FULL) if p.get_default("creates"))
    assert creating == ["demo", "plan import", "plan new", "tui"]
