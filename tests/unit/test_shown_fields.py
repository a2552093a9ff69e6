"""The shown fields' choices are the values their records take."""

from __future__ import annotations

from planner.domain.catalog import Category
from planner.domain.plan import TOOL_FIELDS, ToolStatus


def test_tool_choices_are_the_records_values() -> None:
    assert TOOL_FIELDS["category"].choices == tuple(c.value for c in Category)
    assert TOOL_FIELDS["status"].choices == tuple(s.value for s in ToolStatus)
