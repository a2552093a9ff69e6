"""Write tests/data/workspaces/rev-HEAD.sqlite: a small workspace made by this release.

    python scripts/make_fixture_workspace.py

Run it once per schema revision, when a new revision becomes the head, and commit the
file: the upgrade tests open every committed fixture with the current code and check its
data survives. (``schema-1.sqlite`` was made by the last release before Alembic.)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from planner.adapters.store.schema import HEAD
from planner.bootstrap import Settings, bootstrap
from planner.domain.sensitive import Category
from planner.services.contracts import add_contract
from planner.services.demo import build_demo
from planner.services.discover import import_file
from planner.services.plans import create_plan
from planner.services.sensitive import add_sensitive

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def main() -> None:
    target = DATA / "workspaces" / f"rev-{HEAD}.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    planner = bootstrap(Settings(db=str(target)))
    create_plan(planner.workspace, "fixture", dt.date(2027, 1, 4), "Fixture Ltd")
    for name in ("week1.squid.log", "survey.csv"):
        import_file(
            planner.workspace,
            planner.catalog,
            planner.pseudonym_key,
            "fixture",
            DATA / "discover" / name,
        )
    # Requests to sensitive sites set aside, and a domain of the workspace's own list
    # (revision 0014): counts and entries that must survive upgrades.
    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "fixture",
        DATA / "sensitive" / "proxy.squid.log",
    )
    add_sensitive(
        planner.workspace,
        planner.catalog,
        "br.fixture.example",
        Category.TRADE_UNION,
        dt.date(2026, 12, 6),
    )
    # A licence contract (revision 0012): an exact amount that must survive upgrades.
    add_contract(
        planner.workspace,
        planner.catalog,
        "fixture",
        "jive",
        {"seats": 400, "annual_cost": "48000.10", "currency": "EUR", "notice_days": 90,
         "start": dt.date(2026, 7, 1), "end": dt.date(2027, 6, 30)},
    )  # fmt: skip
    # The demo plan fills the other tables (pilots, rollout, reviews): data to keep intact.
    build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, dt.date(2027, 2, 1))
    planner.close()
    with sqlite3.connect(target) as conn:  # fold the WAL in: the fixture is one file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    Path(f"{target}.key").unlink(missing_ok=True)  # the key is not part of the fixture
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
