"""No lost update: two managers editing the same tool, pilot or milestone at once.

Runs on SQLite and, with PLANNER_TEST_DATABASE_URL, on PostgreSQL: two separate workspaces
(engines, sessions) on the same database, as two managers' machines would be.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.domain.plan import Tool
from planner.domain.records.inventory import ToolChanges
from planner.domain.records.pilot import PilotChanges
from planner.errors import StaleEditError
from planner.services.pilots import add_pilot, get_pilot, update_pilot
from planner.services.plans import create_plan
from planner.services.rollout import add_training, rollout, update_training
from planner.services.tools import get_tool, save_tools, update_tool
from tests.conftest import TODAY


@pytest.fixture
def two(workspace_db: str) -> Iterator[tuple[Planner, Planner]]:
    alice = bootstrap(Settings(db=workspace_db, today=lambda: TODAY))
    create_plan(alice.workspace, "acme", dt.date(2027, 1, 4))
    save_tools(alice.workspace, "acme", [Tool("yammer", "Yammer", "yammer")])
    bob = bootstrap(Settings(db=workspace_db, today=lambda: TODAY))
    yield alice, bob
    alice.close()
    bob.close()


def test_second_save_of_a_tool_does_not_overwrite_the_first(two: tuple[Planner, Planner]) -> None:
    alice, bob = two
    seen_by_alice = get_tool(alice.workspace, "acme", "yammer")
    seen_by_bob = get_tool(bob.workspace, "acme", "yammer")
    update_tool(
        alice.workspace,
        alice.catalog,
        "acme",
        "yammer",
        ToolChanges(status="official", owner="IT"),
        expected_version=seen_by_alice.version,
    )
    with pytest.raises(StaleEditError) as info:
        update_tool(
            bob.workspace,
            bob.catalog,
            "acme",
            "yammer",
            ToolChanges(status="banned"),
            expected_version=seen_by_bob.version,
        )
    conflict = info.value
    assert conflict.differences == [("status", conflict.theirs.status, "banned")]
    assert conflict.theirs.owner == "IT"
    assert get_tool(alice.workspace, "acme", "yammer").status.value == "official"
    # Bob saw both and chooses his: retry against their version.
    update_tool(
        bob.workspace,
        bob.catalog,
        "acme",
        "yammer",
        ToolChanges(status="banned"),
        expected_version=conflict.theirs_version,
    )
    final = get_tool(alice.workspace, "acme", "yammer")
    assert (final.status.value, final.owner) == ("banned", "IT")


def test_concurrent_saves_exactly_one_wins(two: tuple[Planner, Planner]) -> None:
    alice, bob = two
    version = get_tool(alice.workspace, "acme", "yammer").version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(planner: Planner, owner: str) -> None:
        barrier.wait()
        try:
            update_tool(
                planner.workspace,
                planner.catalog,
                "acme",
                "yammer",
                ToolChanges(owner=owner),
                expected_version=version,
            )
            outcomes.append("saved")
        except StaleEditError:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=save, args=(p, name))
        for p, name in ((alice, "Alice"), (bob, "Bob"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["conflict", "saved"]


def test_pilots_and_training_are_protected_too(two: tuple[Planner, Planner]) -> None:
    alice, bob = two
    pilot, _ = add_pilot(
        alice.workspace, alice.catalog, "acme", "jive", PilotChanges(title="Jive pilot")
    )
    stale = get_pilot(bob.workspace, "acme", pilot.id).version
    update_pilot(
        alice.workspace, "acme", pilot.id, status="approved", expected_version=pilot.version
    )
    with pytest.raises(StaleEditError, match="pilot 'jive-pilot'"):
        update_pilot(bob.workspace, "acme", pilot.id, status="stopped", expected_version=stale)
    assert get_pilot(alice.workspace, "acme", pilot.id).status.value == "approved"

    milestone = add_training(alice.workspace, "acme", "Sales training", "Sales", 100)
    version = rollout(bob.workspace, "acme").trainings[0].version
    update_training(alice.workspace, "acme", milestone.id, 40, TODAY, version)
    with pytest.raises(StaleEditError):
        update_training(bob.workspace, "acme", milestone.id, 35, TODAY, version)
    assert rollout(alice.workspace, "acme").trainings[0].trained == 40


def test_concurrent_imports_from_two_sites_count_each_user_once(
    two: tuple[Planner, Planner], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from planner.services.discover import import_file

    alice, bob = two
    # Two sites' logs: the same ten people visit Facebook from both sites.
    users = [f"user{i}" for i in range(10)]
    for site in ("paris", "lyon"):
        lines = [
            f"17724465{30 + i}.000 5 10.0.0.{i} TCP_TUNNEL/200 100 CONNECT "
            f"www.facebook.com:443 {u} HIER_DIRECT/1.2.3.4 -"
            for i, u in enumerate(users)
        ]
        lines.append(
            f"1772446600.000 5 10.0.9.9 TCP_TUNNEL/200 100 CONNECT "
            f"www.facebook.com:443 only-in-{site} HIER_DIRECT/1.2.3.4 -"
        )
        (tmp_path / f"{site}.log").write_text("\n".join(lines) + "\n")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(planner: Planner, site: str) -> None:
        barrier.wait()
        try:
            import_file(
                planner.workspace,
                planner.catalog,
                planner.pseudonym_key,
                "acme",
                tmp_path / f"{site}.log",
            )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(p, s)) for p, s in ((alice, "paris"), (bob, "lyon"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    facebook = get_tool(alice.workspace, "acme", "facebook")
    assert facebook.log_users == 12  # 10 shared + one per site
    assert facebook.requests == 22
