"""What opening a workspace may change is the caller's Access, on both engines: a read-only
opening gets connections that cannot write at all, finds no workspace where there is none,
and refuses an empty database rather than creating tables in it."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from planner.adapters.store.db import open_workspace
from planner.adapters.store.schema import Access, State, permit_upgrade
from planner.errors import InputError, WorkspaceUpgradeNeeded
from planner.services.plans import create_plan, list_plans
from tests.conftest import TODAY


def test_a_read_only_workspace_cannot_write(workspace_db: str) -> None:
    writer = open_workspace(workspace_db)
    create_plan(writer, "acme", TODAY)
    writer.dispose()
    reader = open_workspace(workspace_db, create=False, access=Access.READ)
    try:
        assert [p.name for p in list_plans(reader)] == ["acme"]
        with pytest.raises(DBAPIError, match=r"(?i)read.?only"):
            create_plan(reader, "other", TODAY)
        assert [p.name for p in list_plans(reader)] == ["acme"]
    finally:
        reader.dispose()


def test_a_read_only_opening_creates_nothing(workspace_db: str) -> None:
    """A missing SQLite file, or an empty server database, is not a workspace to read."""
    with pytest.raises(InputError, match="no workspace here"):
        open_workspace(workspace_db, create=False, access=Access.READ)
    ws = open_workspace(workspace_db)  # the first opening that may create
    ws.dispose()
    assert ws.upgrade is not None and ws.upgrade.before.revision is None  # found it empty


@pytest.mark.parametrize(
    ("access", "sqlite", "allowed"),
    [
        (Access.READ, True, False),
        (Access.READ, False, False),
        (Access.ASK, True, False),
        (Access.ASK, False, False),
        (Access.WRITE, True, True),
        (Access.WRITE, False, False),
        (Access.UPGRADE, True, True),
        (Access.UPGRADE, False, True),
    ],
)
def test_who_may_upgrade_an_older_workspace(access: Access, sqlite: bool, allowed: bool) -> None:
    told: list[State] = []
    state = State("0003", "0010")
    if allowed:
        permit_upgrade(state, access, where="w", sqlite=sqlite, notice=told.append)
        assert told == ([state] if access is Access.WRITE else [])
    else:
        with pytest.raises(WorkspaceUpgradeNeeded) as info:
            permit_upgrade(state, access, where="w", sqlite=sqlite, notice=told.append)
        assert str(info.value) == (
            "w is at revision 0003 and this planner needs revision 0010: run 'planner "
            "workspace upgrade' first (nothing was changed)"
        )
        assert info.value.exit_code == 2 and told == []
