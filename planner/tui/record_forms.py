"""Record kind → the callable that opens its form: ``FORMS[kind](app_or_screen, plan,
record_or_None, on_saved)`` (None: a new record). The screens' row model opens a table's
records through here (``a`` adds, Enter edits), so a kind added below is editable wherever
its records are shown.

Each opener carries ``form_class``, the dialog it opens (the dialog snapshots list them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.tui.screens.records.activity import open_activity_form
from planner.tui.screens.records.audience import open_audience_form
from planner.tui.screens.records.champion import open_champion_form
from planner.tui.screens.records.feature import open_feature_form
from planner.tui.screens.records.kpi import open_kpi_form, open_measurement_form
from planner.tui.screens.records.readiness import open_readiness_form
from planner.tui.screens.records.training import open_training_form

FormOpener = Callable[[Any, str | None, Any, Callable[[], None]], None]

FORMS: dict[str, FormOpener] = {
    "training": open_training_form,
    "feature": open_feature_form,
    "champion": open_champion_form,
    "kpi": open_kpi_form,
    "measurement": open_measurement_form,
    "activity": open_activity_form,
    "readiness": open_readiness_form,
    "audience": open_audience_form,
}
