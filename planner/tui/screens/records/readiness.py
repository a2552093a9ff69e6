"""A department's readiness for change (ADKAR scores, ``planner readiness set``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.services.adoption import DepartmentAdoption, assess
from planner.tui.screens.adoption import ReadinessForm
from planner.tui.screens.records.common import planner_of, push


def open_readiness_form(
    where: Any,
    plan: str | None,
    department: DepartmentAdoption | None,
    on_saved: Callable[[], None],
) -> None:
    planner = planner_of(where)

    def submit(fields: dict[str, Any]) -> None:
        assess(planner.workspace, plan, fields["department"], fields["scores"], fields["on"],
               fields["note"])  # fmt: skip

    form = ReadinessForm(department, planner.today())
    push(
        where,
        form,
        submit,
        on_saved,
        lambda v: f"Readiness recorded: {v['department']}",
        records=lambda v: [("readiness", v["department"].strip())],  # its history
    )


open_readiness_form.form_class = ReadinessForm  # type: ignore[attr-defined]
