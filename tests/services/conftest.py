"""Fixtures shared by the service tests of triage."""

from __future__ import annotations

import datetime as dt

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
