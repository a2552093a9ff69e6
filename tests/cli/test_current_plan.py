"""A current plan (``plan use``), ``--plan`` on every plan command, ``plan delete`` and
``plan rename`` under the one plan-name rule."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.cli import main
from planner.errors import ConflictError, InputError, NotFoundError
from planner.services.plans import (
    create_plan,
    current_plan,
    delete_plan,
    get_plan,
    rename_plan,
    use_plan,
)
from planner.services.tools import add_tool, list_tools

START = dt.date(2027, 1, 4)


def test_the_current_plan_is_used_when_none_is_named(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "a", START)
    assert get_plan(ws).name == "a"  # the only plan
    create_plan(ws, "b", START)
    with pytest.raises(NotFoundError, match="planner plan use NAME"):
        get_plan(ws)
    use_plan(ws, "b")
    assert current_plan(ws) == "b"
    assert get_plan(ws).name == "b"
    add_tool(ws, planner.catalog, None, "Plant WhatsApp groups")
    assert [t.name for t in list_tools(ws, "b")] == ["Plant WhatsApp groups"]
    assert list_tools(ws, "a") == []
    with pytest.raises(NotFoundError):
        use_plan(ws, "nope")


def test_rename_keeps_the_current_plan_and_follows_the_name_rule(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "a", START)
    create_plan(ws, "b", START)
    use_plan(ws, "b")
    assert rename_plan(ws, "b", "  c  ").name == "c"
    assert current_plan(ws) == "c" and get_plan(ws).name == "c"
    for bad in ("x/y", ".hidden", "", "evil\x1b]0;x\x07"):
        with pytest.raises(InputError):
            rename_plan(ws, "c", bad)
    with pytest.raises(ConflictError, match="already exists"):
        rename_plan(ws, "c", "a")
    with pytest.raises(NotFoundError):
        rename_plan(ws, "nope", "d")


def test_deleting_the_current_plan_leaves_none_current(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "a", START)
    create_plan(ws, "b", START)
    use_plan(ws, "a")
    delete_plan(ws, "a")
    assert current_plan(ws) is None
    assert get_plan(ws).name == "b"  # the only one left


@pytest.fixture
def common(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    db = ["--db", str(tmp_path / "ws.sqlite")]
    for name in ("acme-2027", "beta"):
        assert main(["plan", "new", name, "--start", "2027-01-04", *db]) == 0
    return db


def test_plan_commands_accept_plan_and_name(
    common: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["plan", "show", *common]) == 2
    assert "planner plan use NAME" in capsys.readouterr().err
    assert main(["plan", "show", "--plan", "beta", *common]) == 0
    assert capsys.readouterr().out.startswith("beta")
    assert main(["plan", "show", "beta", *common]) == 0
    assert main(["plan", "set", "--plan", "beta", "--owner", "CIO", *common]) == 0
    out = tmp_path / "beta.yaml"
    assert main(["plan", "export", "--plan", "beta", "-o", str(out), *common]) == 0
    assert "name: beta" in out.read_text(encoding="utf-8")
    assert main(["plan", "report", "--plan", "beta", *common]) == 0
    assert "beta" in capsys.readouterr().out
    assert main(["plan", "show", "beta", "--plan", "acme-2027", *common]) == 2
    assert "two plans named" in capsys.readouterr().err


def test_plan_use_then_commands_without_a_plan(
    common: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "use", "beta", *common]) == 0
    assert main(["tools", "add", "Ideas Box", *common]) == 0
    capsys.readouterr()
    assert main(["tools", "list", "--format", "json", *common]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["Ideas Box"]
    assert main(["tools", "list", "--plan", "acme-2027", "--format", "json", *common]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["plan", "list", "--format", "json", *common]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["current"]) for p in listed] == [("acme-2027", False), ("beta", True)]


def test_plan_delete_asks_and_refuses_without_a_terminal(
    common: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    capsys.readouterr()
    assert main(["plan", "delete", "beta", *common]) == 2
    assert "--yes" in capsys.readouterr().err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["plan", "delete", "beta", *common]) == 1
    assert "kept" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["plan", "delete", "beta", *common]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["plan", "delete", "acme-2027", "--yes", *common]) == 0
    assert main(["plan", "list", "--format", "json", *common]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_plan_rename_on_the_command_line(
    common: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "rename", "beta", "gamma", *common]) == 0
    assert main(["plan", "rename", "gamma", "../up", *common]) == 2
    assert main(["plan", "rename", "gamma", "acme-2027", *common]) != 0
    capsys.readouterr()
    assert main(["plan", "list", "--format", "csv", *common]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        '"acme-2027","","","2027-01-04","false"',  # text cells quoted
        '"gamma","","","2027-01-04","false"',
    ]
