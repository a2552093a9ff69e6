"""The survey template's examples are comment lines: imported as it is, it imports nothing
(its example answers must never count as answers); comment lines are skipped before and
after the header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.errors import InputError
from planner.services.discover.survey import SURVEY_TEMPLATE, import_survey
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.conftest import ROOT


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def test_the_template_as_it_is_imports_no_answer(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY_TEMPLATE, encoding="utf-8")
    result = import_survey(planner.workspace, planner.catalog, plan, path)
    assert result.lines == 0 and not result.new_tools and not result.matched_tools
    assert list_tools(planner.workspace, plan) == []
    assert (ROOT / "docs" / "survey-template.csv").read_text(encoding="utf-8") == SURVEY_TEMPLATE
    assert SURVEY_TEMPLATE.splitlines()[0] == "department,tool,official,purposes,users,comments"
    assert all(line.startswith("#") for line in SURVEY_TEMPLATE.splitlines()[1:])


def test_answers_below_the_examples_are_imported(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(
        SURVEY_TEMPLATE + "R&D,Yammer,no,internal-sharing,40,\n# a note, with a comma\n",
        encoding="utf-8",
    )
    import_survey(planner.workspace, planner.catalog, plan, path)
    [tool] = list_tools(planner.workspace, plan)
    assert tool.name == "Microsoft Viva Engage" and tool.survey_users == 40  # Yammer's new name


def test_comments_before_the_header_and_located_errors(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(
        "# sent to every department head\n\n"
        "department;tool;users\n"
        "# Sales;LinkedIn;25\n"
        "Sales;LinkedIn;many\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        import_survey(planner.workspace, planner.catalog, plan, path)
    assert "survey.csv:5" in str(info.value) and "users" in str(info.value)
