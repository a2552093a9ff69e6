"""Every command of the CLI, fed hostile names, writes nothing raw to the terminal.

Names that hold an OSC title sequence, a screen clear, BEL, a bidi override and Rich markup
are created through the CLI itself (tools, pilots, features, training, champions, risks,
vendor reviews, an organisation, a custom catalog product), then every command that shows
data runs. Captured output is not a terminal, so Rich writes no escape of its own: any ESC,
BEL or bidi override in it came from the data. A test also checks that the sweep lists
every command the parser knows, so a new command cannot skip it.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Settings, bootstrap
from planner.cli import build_parser, main
from planner.services.pilots import list_pilots
from planner.services.rollout import rollout
from tests.conftest import TODAY

MARKUP = "[@click=app.quit]m[/]"
HOSTILE = f"{MARKUP}\x1b]0;HACKED\x07\x1b[2J\u202eZ\x9b"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")
SHOWN = MARKUP + "\\x1b]0;HACKED\\x07\\x1b[2J\\u202eZ\\x9b"  # literally, markup included

PRODUCT = """\
id: evil-social
name: "{name}"
vendor: "{name}"
category: internal
summary: "A product whose names are hostile."
capabilities: [wiki, blogs]
deployment: [cloud]
security: {{sso: [saml]}}
discovery: {{domains: [evil-social.example]}}
strategy: {{status: active, owner: "{name}", successor: null, history: []}}
sources: ["test"]
"""


def _yaml_escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii").replace('"', '\\"')


# The workspace's setup: each command runs with these options (the workspace, the catalog).
SETUP = [
    ["plan", "new", "acme", "--start", "2027-01-04", "--organisation", HOSTILE],
    ["discover", "import", "{log}", "--format", "squid"],
    ["tools", "add", HOSTILE, "--owner", HOSTILE, "--notes", HOSTILE],
    ["tools", "add", HOSTILE + " custom", "--status", "unofficial", "--owner", HOSTILE],
    ["pilot", "add", "evil-social", "--title", HOSTILE, "--departments", HOSTILE,
     "--users", "10", "--sponsor", HOSTILE, "--start", "2027-02-08", "--end", "2027-03-26",
     "--kpi", "weekly-active-pct=60"],
    ["feature", "add", HOSTILE, "--target", "email", "--due", "2027-06-30",
     "--owner", HOSTILE],
    ["training", "add", HOSTILE, "--department", HOSTILE, "--audience", "12",
     "--due", "2027-05-01"],
    ["training", "champion", HOSTILE, HOSTILE],
    ["risks", "add", "evil-risk", "--title", HOSTILE],
    ["vendors", "review", "evil-social", "--rating", "watch", "--note", HOSTILE,
     "--reviewer", HOSTILE, "--shortlist"],
    ["contract", "add", "evil-social", "--annual-cost", "1200.00", "--currency", "EUR",
     "--start", "2027-01-01", "--end", "2027-12-31", "--tier", HOSTILE, "--owner", HOSTILE,
     "--reference", HOSTILE],
    ["audience", "add", HOSTILE, "--people", "600", "--frontline", "--no-email",
     "--notes", HOSTILE],
]  # fmt: skip


def make_hostile_template(root: Path) -> tuple[Path, Path]:
    """The workspace full of hostile names, made in ``root`` through the CLI (whose
    confirmations echo those names: checked like the rest), with a home of its own;
    returns (workspace file, catalog directory). Made once per test process (once per
    xdist worker: ``_hostile_template`` in tests/conftest.py).

    Each test gets a copy of the workspace (:func:`hostile_ws`) and this catalog directory,
    which no test writes to: the workspace remembers the catalog it was made with, by path,
    so the copies name the same one."""
    from tests.cli.test_cli import _as_a_child, _stream, _text

    catalog = root / "catalog"
    catalog.mkdir()
    (catalog / "evil-social.yaml").write_text(
        PRODUCT.format(name=_yaml_escaped(HOSTILE)), encoding="utf-8"
    )
    log = root / "access.log"
    log.write_text(
        "".join(
            f"{1798000000 + i}.000 12 10.0.0.{i} TCP_TUNNEL/200 4000 CONNECT {host}:443 "
            f"user{i} HIER_DIRECT/203.0.113.9 -\n"
            for i, host in enumerate(["evil.example", "evil2.example", "evil3.example"] * 2)
        ),
        encoding="utf-8",
    )
    db = root / "ws.sqlite"
    common = ["--db", str(db), "--catalog", str(catalog)]
    env = {f"XDG_{d}_HOME": str(root / "home" / d.lower()) for d in ("DATA", "CACHE", "STATE")}
    env |= {"HOME": str(root / "home"), "PLANNER_TODAY": TODAY.isoformat(), "COLUMNS": "400"}
    for argv in SETUP:
        out, err = _stream(), _stream()
        with _as_a_child(root, env, out, err):
            code = main([*(a.replace("{log}", str(log)) for a in argv), *common])
        assert code == 0, (argv, _text(err))
        _assert_nothing_raw(" ".join(argv[:2]), _text(out), _text(err))
    return db, catalog


@pytest.fixture
def hostile_ws(
    _hostile_template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Common options for a copy of the workspace full of hostile names (see
    :func:`_hostile_template`), the test in a directory of its own."""
    monkeypatch.setenv("PLANNER_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.chdir(tmp_path)
    template, catalog = _hostile_template
    for made in template.parent.glob(template.name + "*"):  # the file, its key (and WAL)
        shutil.copy2(made, tmp_path / made.name)
    return ["--db", str(tmp_path / template.name), "--catalog", str(catalog)]


def _assert_nothing_raw(name: str, out: str, err: str) -> None:
    for stream, text in (("stdout", out), ("stderr", err)):
        leaked = [c for c in RAW if c in text]
        assert not leaked, f"{name}: raw {leaked!r} on {stream}: {text[:300]!r}"


def _ids(common: list[str]) -> dict[str, str]:
    app = bootstrap(Settings(db=common[1], catalog_dirs=(Path(common[3]),)))
    try:
        year = rollout(app.workspace, "acme")
        return {
            "pilot": list_pilots(app.workspace, "acme")[0].id,
            "feature": year.features[0].id,
            "training": year.trainings[0].id,
        }
    finally:
        app.close()


def _sweep(common: list[str], tmp_path: Path) -> dict[str, list[str]]:
    ids = _ids(common)
    assert main(["pilot", "set", ids["pilot"], "--status", "approved", *common]) == 0
    export = tmp_path / "acme.yaml"
    assert main(["plan", "export", "acme", "-o", str(export), *common]) == 0
    other = tmp_path / "other.yaml"
    other.write_text(
        export.read_text(encoding="utf-8").replace("Acme", "Acme2", 1), encoding="utf-8"
    )
    # A staff directory with hostile departments, applied to people already seen.
    staff = tmp_path / "staff.csv"
    with staff.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["login", "department"], ["user0", HOSTILE], ["user1", HOSTILE]])
    # A second plan: commands given no plan act on the current one ('plan use', first).
    assert main(["plan", "new", "spare", "--start", "2027-01-04", *common]) == 0
    return {
        "plan use": ["acme"],
        "catalog validate": [str(Path(common[3]))],
        "catalog list": [],
        "catalog audit": [],
        "catalog new": ["acme-new", "-o", str(tmp_path)],
        "catalog show": ["evil-social"],
        "plan list": [],
        "plan show": ["acme"],
        "plan set": ["acme", "--owner", HOSTILE],
        "plan export": ["acme", "-o", str(tmp_path / "again.yaml")],
        "plan import": [str(export)],
        "plan validate": [str(export)],
        "plan diff": [str(export), str(other)],
        "plan report": ["acme", "--format", "md", "-o", str(tmp_path / "r.md")],
        "discover template": ["-o", str(tmp_path / "survey.csv")],
        "discover hosts": [],
        "discover custom": ["evil.example", "--name", HOSTILE],
        "discover map": ["evil2.example", "evil-social"],
        "discover ignore": ["evil3.example"],
        "discover directory": [str(staff)],
        "discover hosts --all --by domain": [],
        "discover custom --domain": ["evil.example", "--name", HOSTILE + " domain"],
        "discover undecide": ["evil2.example"],
        "discover undecide --domain": ["evil.example"],
        "tools list": [],
        "tools show": ["evil-social"],
        "tools set": ["evil-social", "--owner", HOSTILE],
        "inventory report": [],
        "inventory export": ["--csv", str(tmp_path / "inv.csv")],
        "inventory need": ["wiki", "--weight", "4"],
        "vendors list": [],
        "risks list": [],
        "risks set": ["evil-risk", "--owner", HOSTILE],
        "candidates": ["--top", "1000"],  # every product: the hostile one is far down
        "candidates --explain": ["--explain", "evil-social"],
        "needs": [],
        "pilot list": [],
        "pilot show": [ids["pilot"]],
        "pilot set": [ids["pilot"], "--status", "running"],
        "pilot measure": [ids["pilot"], "weekly-active-pct", "64", "--on", "2027-03-01"],
        "pilot decide": [ids["pilot"], "extend", "--rationale", HOSTILE, "--end", "2027-04-30"],
        "training list": [],
        "training update": [ids["training"], "5"],
        "readiness set": [
            HOSTILE,
            *(["--awareness", "4", "--desire", "2", "--knowledge", "3"]),
            *(["--ability", "3", "--reinforcement", "4", "--note"]),
            HOSTILE,
        ],
        "readiness list": [],
        "privacy set": [
            *(["--legal-basis", "consent", "--purpose", HOSTILE, "--key-holder", HOSTILE]),
            *(["--dpia-reference", HOSTILE, "--retention-days", "30"]),
        ],
        "privacy record": [],
        "privacy purge": [],
        "privacy sensitive add": ["evil.example", "--category", "trade-union"],
        "privacy sensitive list": [],
        "privacy sensitive remove": ["evil.example"],
        "rollout champions": ["--people", "40"],
        "rollout show": [],
        "feature list": [],
        "feature set": [ids["feature"], "--status", "live"],
        "timeline": [],
        "contract list": [],
        "costs": [],
        "retire": ["evil-social", "--by", "2027-06-30", "--owner", HOSTILE],
        "exit list": [],
        "exit done": ["evil-social-announce"],
        "contract show": ["evil-social"],
        "contract set": ["evil-social", "--owner", HOSTILE, "--decision", "exit"],
        "workspace version": [],
        "workspace upgrade": [],
        "plan rename": ["spare", "spare-2"],
        "plan delete": ["spare-2", "--yes"],
        "contract delete": ["evil-social"],
        "audience list": [],
        "audience show": [HOSTILE],
        "audience set": [HOSTILE, "--notes", HOSTILE, "--shared-devices"],
        "audience delete": [HOSTILE],
    }


# Commands not swept, each with the reason.
NOT_SWEPT = {
    "tui": "opens the TUI (tests/reliability/test_hostile_text.py drives it)",
    "demo": "opens the TUI on the demo (built from shipped files, not user data)",
    "plan new": "run in the setup with a hostile organisation",
    "tools add": "run in the setup with a hostile name",
    "pilot add": "run in the setup with a hostile title, departments and sponsor",
    "feature add": "run in the setup with a hostile title",
    "training add": "run in the setup with a hostile title and department",
    "training champion": "run in the setup with a hostile department and name",
    "risks add": "run in the setup with a hostile title",
    "vendors review": "run in the setup with a hostile note and reviewer",
    "contract add": "run in the setup with a hostile tier, owner and reference",
    "audience add": "run in the setup with a hostile name and notes",
    "contract import": "reads files: covered by tests/cli/test_contracts_cli.py",
    "discover import": "reads files: covered by tests/reliability/test_hostile_text.py",
    "training import": "reads files: covered by the LMS import tests",
    "pilot activity": "reads files: covered by tests/services/test_activity_reports.py",
    "rollout activity": "reads files: covered by tests/services/test_activity_reports.py",
    "workspace copy": "prints two database URLs, no stored text",
    "tools merge": "changes the setup's tools; prints ids, counts: test_tools_merge_cli.py",
    "tools delete": "changes the setup's tools; prints ids, counts: test_tools_merge_cli.py",
    "completion": "prints the shell's completion script, made from the parser: no stored text",
}


def _leaf_commands() -> Iterator[str]:
    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> Iterator[str]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, (*prefix, name))
                return
        yield " ".join(prefix)

    return walk(build_parser(), ())


def test_the_sweep_covers_every_command(hostile_ws: list[str], tmp_path: Path) -> None:
    swept = {name.replace(" --explain", "") for name in _sweep(hostile_ws, tmp_path)}
    missing = set(_leaf_commands()) - swept - set(NOT_SWEPT)
    assert not missing, f"commands not in the hostile-text sweep: {sorted(missing)}"


def test_no_command_writes_stored_controls_or_markup(
    hostile_ws: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    seen_shown = []
    for name, extra in _sweep(hostile_ws, tmp_path).items():
        argv = [*name.replace(" --explain", "").split(), *extra, *hostile_ws]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1), f"{name}: exit {code}: {err}"
        _assert_nothing_raw(name, out, err)
        joined = re.sub(r" *\n", "", out + err)  # Rich wraps a long title over lines
        if SHOWN in joined:
            seen_shown.append(name)
        elif SHOWN[len(MARKUP) :] in joined:
            pytest.fail(f"{name}: markup from data was interpreted: {out + err!r}")
    # The names are shown (escaped), not dropped: most read commands print them whole (the
    # timeline cuts its labels: tests/unit/test_rollout.py checks that they are escaped first).
    must_show = ["plan show", "tools list", "pilot list", "pilot show", "candidates"]
    must_show += ["candidates --explain", "catalog show", "training list", "risks list"]
    must_show += ["contract show", "audience show", "audience list"]
    for name in must_show:
        assert name in seen_shown, f"{name} did not show the hostile name at all"


def test_plan_export_to_stdout_is_byte_exact(
    hostile_ws: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o -`` is a file's content: the guard must not rewrite it."""
    target = tmp_path / "file.yaml"
    assert main(["plan", "export", "acme", "-o", str(target), *hostile_ws]) == 0
    capsys.readouterr()
    assert main(["plan", "export", "acme", "-o", "-", *hostile_ws]) == 0
    assert capsys.readouterr().out == target.read_text(encoding="utf-8")


def test_a_database_failure_is_one_line_without_sql(
    hostile_ws: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full during a write (injected: a tmpfs cannot be mounted everywhere tests run)."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import planner.services.tools as tools

    def full(*_args: object, **_kwargs: object) -> None:
        raise OperationalError(
            "UPDATE tool SET owner=? WHERE id=?",
            ("secret owner", 7),
            sqlite3.OperationalError("database or disk is full"),
        )

    monkeypatch.setattr(tools, "update_tool", full)
    capsys.readouterr()
    code = main(["tools", "set", "evil-social", "--owner", "x", *hostile_ws])
    _out, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert "database or disk is full" in line and "free some disk space" in line
    assert "UPDATE" not in err and "secret owner" not in err and "Traceback" not in err
