"""Fixtures shared by the service tests: triage's long tail, the demo plan as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.plans import create_plan
from tests.conftest import DATA


@pytest.fixture
def longtail(planner: Planner) -> Planner:
    """Plan ``acme`` with the long-tail log imported (hosts under bbc.co.uk, gov.co.uk…)."""
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        DATA / "discover" / "longtail1.squid.log",
    )
    return planner


DEMO_TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(planner: Planner, demo_in: Callable[[Planner, dt.date], None]) -> Planner:
    """The demo workspace as of ``DEMO_TODAY`` (plan ``hexaline-2027``)."""
    demo_in(planner, DEMO_TODAY)
    return planner
