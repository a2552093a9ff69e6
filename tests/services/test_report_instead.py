"""What a report offers instead of each unofficial tool is what ``tools show`` and the
Inventory screen offer (``offer_instead``): the report hands it the ranking it already
made when the report is as of today, and it ranks apart as of today otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.services.inventory import offer_instead
from planner.services.report_data import gather_report
from tests.conftest import DemoAt


def test_the_report_offers_what_offer_instead_offers(demo_at: DemoAt, tmp_path: Path) -> None:
    app = demo_at(tmp_path / "d.sqlite")
    today = dt.date.today()
    alone = offer_instead(app.workspace, app.catalog, None)
    assert alone  # the demo has unofficial tools with something to offer instead
    assert gather_report(app.workspace, app.catalog, None, today).instead == alone
    earlier = today - dt.timedelta(days=400)
    assert gather_report(app.workspace, app.catalog, None, earlier).instead == alone
