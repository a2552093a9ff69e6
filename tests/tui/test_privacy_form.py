"""The dashboard names the data-protection step until it is recorded, and Enter on that
action opens its form, which records it."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList, Select

from planner.bootstrap import Planner
from planner.domain.privacy import STEP, LegalBasis
from planner.services.plans import create_plan
from planner.services.privacy import data_protection
from planner.tui.app import PlannerApp
from planner.tui.screens.privacy_form import DataProtectionForm
from planner.tui.widgets.data_input import DataInput
from tests.tui.test_snapshots import screen_text


async def test_the_step_is_recorded_from_the_dashboard(planner: Planner) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert STEP in screen_text(app) and "record it here" in screen_text(app)
        actions = app.screen.query_one("#actions", OptionList)
        actions.focus()
        actions.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DataProtectionForm)
        form.query_one("#legal_basis", Select).value = "legitimate-interests"
        values = {
            "dpia_reference": "DPIA-7",
            "dpia_date": "2027-01-10",
            "works_council_date": "not a date",
            "retention_days": "180",
            "key_holder": "DPO [b]office[/b]",
        }
        for key, value in values.items():
            form.query_one(f"#{key}", DataInput).value = value
        form.save()
        await pilot.pause()
        assert app.screen is form  # the bad date is shown, nothing saved
        assert "YYYY-MM-DD" in screen_text(app)
        assert data_protection(planner.workspace, "acme").legal_basis is None
        form.query_one("#works_council_date", DataInput).value = "2027-01-20"
        form.save()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not form
        dp = data_protection(planner.workspace, "acme")
        assert dp.complete and dp.legal_basis is LegalBasis.LEGITIMATE_INTERESTS
        assert dp.key_holder == "DPO [b]office[/b]" and dp.retention_days == 180
        assert STEP not in screen_text(app)
        # ctrl+z takes the record back to nothing recorded, and the step is asked again
        await pilot.press("ctrl+z")
        for _ in range(40):
            if data_protection(planner.workspace, "acme").recorded_on is None:
                break
            await pilot.pause(0.05)
        back = data_protection(planner.workspace, "acme")
        assert back.recorded_on is None and back.legal_basis is None
        await pilot.pause()
        assert STEP in screen_text(app)
