"""The walk-through of docs/architecture.md, followed for real: a field added to a record.

A copy of the ``planner`` package gets exactly what the walk-through says — one line in the
pilot's definition and a migration (its revision file and the schema head) — and nothing
else. Run from that copy, the field is a column of an upgraded
workspace, a key of the exported plan file, an edit a reviewer can make, and a field of the
three-way merge: kept beside a workspace edit of the same pilot, and a conflict when both
sides change it.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import planner
from planner.bootstrap import Settings, bootstrap
from planner.services.plan_import import import_plan

ROOT = Path(planner.__file__).parent
DEMO_PLAN = ROOT.parent / "plans" / "hexaline-2027.yaml"
SCRIPTS = ROOT.parent / "scripts"
# Written by step 2's command (new_revision.py regenerates the Core tables and the
# definitions' plain copies).
GENERATED = {"adapters/store/core_schema/pilots.py", "domain/records/plain/pilot.py"}
PILOT = "jamespot-for-customer-service"

# The walk-through's one line in the definition (planner/domain/records/pilot.py).
FIELD = "    budget: int | None = None\n"

MIGRATION = '''"""Pilots get a budget, in euros (None: not set).

Revision ID: NEXT
Revises: HEAD
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "NEXT"
down_revision: str | None = "HEAD"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("pilot", sa.Column("budget", sa.Integer(), nullable=True))
'''


def _add_field(src: Path) -> set[str]:
    """Copy the package and make the walk-through's changes; returns the files touched."""
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("__pycache__"))
    definition = src / "domain" / "records" / "pilot.py"
    text = definition.read_text(encoding="utf-8")
    anchor = next(line for line in text.splitlines(keepends=True) if "sponsor:" in line)
    definition.write_text(text.replace(anchor, anchor + FIELD), encoding="utf-8")
    schema = src / "adapters" / "store" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    head = re.search(r'^HEAD = "(\d{4})"$', text, re.M)
    assert head is not None, "schema.py names its head revision"
    now, after = head.group(1), f"{int(head.group(1)) + 1:04d}"
    versions = src / "adapters" / "store" / "migrations" / "versions"
    migration = MIGRATION.replace("NEXT", after).replace("HEAD", now)
    (versions / f"r{after}_pilot_budget.py").write_text(migration, encoding="utf-8")
    schema.write_text(text.replace(head.group(0), f'HEAD = "{after}"'), encoding="utf-8")
    # What new_revision.py does after writing the revision: the read-only commands' Core
    # tables, regenerated from the copy's table classes, and the definitions' plain copies.
    subprocess.run(
        [sys.executable, str(SCRIPTS / "make_core_schema.py"), "--package", str(src)],
        env={**os.environ, "PYTHONPATH": str(src.parent)},
        capture_output=True,
        check=True,
        timeout=300,
    )
    return _changed(ROOT, src)


def _changed(left: Path, right: Path, prefix: str = "") -> set[str]:
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    out = {prefix + n for n in (*cmp.diff_files, *cmp.left_only, *cmp.right_only)}
    for name in cmp.common_dirs:
        out |= _changed(left / name, right / name, f"{prefix}{name}/")
    return out


# Runs in a child process on the copied package: export, review, merge.
SCRIPT = textwrap.dedent(
    """
    import datetime as dt, json, sys
    from pathlib import Path
    import planner
    from planner.bootstrap import Settings, bootstrap
    from planner.services.plan_file import export_plan
    from planner.services.plan_import import import_plan

    db, work = sys.argv[1], Path(sys.argv[2])
    assert planner.__file__.startswith(str(work)), planner.__file__
    today = dt.date(2026, 11, 23)
    app = bootstrap(Settings(db=db, today=lambda: today))
    ws, catalog = app.workspace, app.catalog

    def export(name):
        path = work / name
        export_plan(ws, "hexaline-2027", today, path, catalog)
        return path, path.read_text(encoding="utf-8")

    def pilot_line(text, field, value):
        start = text.index("- id: PILOT\\n")
        at = text.index("  " + field + ":", start)
        end = text.index("\\n", at)
        return text[:at] + "  " + field + ": " + value + text[end:]

    def run(path, text):
        path.write_text(text, encoding="utf-8")
        r = import_plan(ws, catalog, path, today=today)
        return {"written": r.written, "three_way": r.three_way,
                "conflicts": sorted((c.section, c.id, c.field) for c in r.details)}

    out = {}
    base_path, base = export("base.yaml")
    out["exported"] = "  budget: null\\n" in base
    # The workspace changes the pilot's sponsor; a reviewer sets its budget on the base.
    out["workspace_edit"] = run(work / "ours.yaml", pilot_line(base, "sponsor", "COO"))
    out["review"] = run(work / "theirs.yaml", pilot_line(base, "budget", "5000"))
    _, after = export("after.yaml")
    out["after"] = ["  budget: 5000\\n" in after, "  sponsor: COO\\n" in after]
    # Both sides change the budget: a conflict, nothing written.
    _, base2 = export("base2.yaml")
    out["ours2"] = run(work / "ours2.yaml", pilot_line(base2, "budget", "6000"))
    out["theirs2"] = run(work / "theirs2.yaml", pilot_line(base2, "budget", "7000"))
    app.close()
    print(json.dumps(out))
    """
).replace("PILOT", PILOT)


def test_a_field_added_to_a_definition_round_trips(tmp_path: Path) -> None:
    work = tmp_path / "work"
    touched = _add_field(work / "planner")
    (work / "catalog").symlink_to(ROOT.parent / "catalog")  # the shipped catalog, as it is
    migration = {name for name in touched if name.endswith("_pilot_budget.py")}
    assert touched - migration == {
        "domain/records/pilot.py",
        "adapters/store/schema.py",
        *GENERATED,
    }
    assert [Path(name).parent.as_posix() for name in migration] == [
        "adapters/store/migrations/versions"
    ]

    # A workspace made by today's planner, before the field existed.
    db = tmp_path / "w.sqlite"
    app = bootstrap(Settings(db=str(db)))
    import_plan(app.workspace, app.catalog, DEMO_PLAN, today=None)
    app.close()

    env = {**os.environ, "PYTHONPATH": str(work)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db), str(work)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the repository: ``-c`` puts the working directory first
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    # The table: the upgraded workspace has the column, holding the last value written (the
    # workspace's 6000: the conflicting import wrote nothing).
    with sqlite3.connect(db) as conn:
        budget = conn.execute("SELECT budget FROM pilot WHERE slug = ?", (PILOT,)).fetchone()
    conn.close()
    assert budget == (6000,)
    # The plan file: exported (null when not set), and edited by a reviewer.
    assert result["exported"] is True
    # The merge: a workspace edit and a reviewer's edit of the same pilot both kept ...
    assert result["workspace_edit"] == {"written": True, "three_way": True, "conflicts": []}
    assert result["review"] == {"written": True, "three_way": True, "conflicts": []}
    assert result["after"] == [True, True]
    # ... and the new field conflicting like any other when both sides change it.
    assert result["ours2"]["written"] is True
    assert result["theirs2"] == {
        "written": False,
        "three_way": True,
        "conflicts": [["pilots", PILOT, "budget"]],
    }


LABEL = '    "budget": Shown("Budget", "the pilot\'s budget in euros", "int", metavar="EUR"),\n'

SHOWN_SCRIPT = textwrap.dedent(
    """
    import contextlib, io, sys
    from pathlib import Path
    import planner
    from planner.cli import main

    db, work = sys.argv[1], Path(sys.argv[2])
    assert planner.__file__.startswith(str(work)), planner.__file__
    common = ["--plan", "hexaline-2027", "--db", db]

    def run(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(list(args))
        return out.getvalue()

    print("HELP", "--budget EUR" in run("pilot", "set", "--help"))
    run("pilot", "set", "PILOT", "--budget", "7000", *common)
    print("SHOW", any(l.split()[1:2] == ["7000"] for l in run("pilot", "show", "PILOT", *common)
                      .replace("│", " ").splitlines() if "budget" in l))
    run("plan", "export", "hexaline-2027", "-o", str(work / "out.yaml"), "--db", db)
    print("FILE", "  budget: 7000\\n" in (work / "out.yaml").read_text(encoding="utf-8"))
    """
).replace("PILOT", PILOT)


def test_a_shown_field_is_an_option_a_listing_row_and_a_file_key(tmp_path: Path) -> None:
    """Step 3 of the walk-through: the label (and the field on the domain class the
    commands read) make the field an option of ``pilot set`` and a row of ``pilot show``."""
    work = tmp_path / "work"
    _add_field(work / "planner")
    domain = work / "planner" / "domain" / "pilots.py"
    text = domain.read_text(encoding="utf-8")
    labels = text.index("PILOT_FIELDS: dict[str, Shown] = {")
    close = text.index("\n}\n", labels) + 1
    text = text[:close] + LABEL + text[close:]
    text = text.replace(
        "    sponsor: str | None = None\n",
        "    sponsor: str | None = None\n    budget: int | None = None\n",
    )
    domain.write_text(text, encoding="utf-8")
    touched = _changed(ROOT, work / "planner")
    migration = {name for name in touched if name.endswith("_pilot_budget.py")}
    assert touched - migration == {
        "domain/records/pilot.py",
        "domain/pilots.py",
        "adapters/store/schema.py",
        *GENERATED,
    }
    assert [Path(name).parent.as_posix() for name in migration] == [
        "adapters/store/migrations/versions"
    ]
    (work / "catalog").symlink_to(ROOT.parent / "catalog")
    db = tmp_path / "w.sqlite"
    app = bootstrap(Settings(db=str(db)))
    import_plan(app.workspace, app.catalog, DEMO_PLAN, today=None)
    app.close()

    done = subprocess.run(
        [sys.executable, "-c", SHOWN_SCRIPT, str(db), str(work)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(work), "PLANNER_TODAY": "2026-11-23"},
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.split()[:1] in (["HELP"], ["SHOW"], ["FILE"])] == [
        "HELP True",
        "SHOW True",
        "FILE True",
    ], done.stdout[-2000:]
