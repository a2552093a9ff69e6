"""Start the next schema revision from what changed in the tables (planner/adapters/store/tables/).

    python scripts/new_revision.py "add colour to plan"

Builds a scratch SQLite database at the current head by running every revision, compares
it with the tables (``planner/adapters/store/tables/``, built on the record definitions
in ``planner/domain/records/``; Alembic autogenerate, ALTERs as
``op.batch_alter_table`` for SQLite) and writes
``planner/adapters/store/migrations/versions/rNNNN_slug.py`` with the next number. Then:
read and edit it (data moves, server defaults for new NOT NULL
columns, the docstring's why), set ``HEAD`` in ``planner/adapters/store/schema.py``, run
``scripts/make_fixture_workspace.py`` and the tests (on PostgreSQL too). It also rewrites
the Core tables of the read-only commands (``scripts/make_core_schema.py``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from planner.adapters.store import migrate
from planner.adapters.store.db import make_engine
from planner.adapters.store.migrations import VERSIONS_DIR


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("message", help="what the revision does, e.g. 'add colour to plan'")
    parser.add_argument("--versions-dir", type=Path, default=VERSIONS_DIR)
    args = parser.parse_args(argv)
    extra = [] if args.versions_dir.resolve() == VERSIONS_DIR else [args.versions_dir]
    cfg = migrate.config(extra)
    cfg.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    head = migrate.scripts(cfg).get_current_head()
    assert head is not None
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(Path(tmp) / "head.sqlite")
        try:
            with engine.connect() as conn, conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                written = command.revision(
                    cfg,
                    message=args.message,
                    autogenerate=True,
                    rev_id=f"{int(head) + 1:04d}",
                    version_path=str(args.versions_dir),
                )
        finally:
            engine.dispose()
    assert written is not None and not isinstance(written, list)
    path = Path(written.path)
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(path)], check=False)
    # The read-only commands' Core tables follow the table classes (make_core_schema.py).
    core = Path(__file__).with_name("make_core_schema.py")
    subprocess.run([sys.executable, str(core)], check=True, stdout=subprocess.DEVNULL)
    print(path)  # the last line: the revision written


if __name__ == "__main__":
    main()
