"""Surveys and directories as real spreadsheets write them: encodings, French and German
headers, names that slug alike. Nothing garbled, nothing merged, nothing dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.plan import Tool
from planner.errors import InputError
from planner.services.discover import import_file
from planner.services.inventory import save_risk
from planner.services.plans import create_plan
from planner.services.tools import add_tool, list_tools
from tests.conftest import DATA, TODAY

FRENCH = (
    "Service;Outil;Officiel;Usages;Utilisateurs;Commentaires\r\n"
    "Atelier de Besançon;Boîte à idées;non;internal-sharing;12;très utile\r\n"
    "Comptabilité;Yammer;oui;;5;\r\n"
)
GERMAN = (
    "Abteilung,Werkzeug,Offiziell,Nutzung,Benutzer,Kommentare\n"
    "Qualitätssicherung,Ideen-Börse,nein,internal-sharing,7,\n"
)


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def _import(planner: Planner, path: Path, **kw: object):  # type: ignore[no-untyped-def]
    return import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path, **kw
    )  # type: ignore[arg-type]


def _tools(planner: Planner) -> dict[str, Tool]:
    return {t.slug: t for t in list_tools(planner.workspace, "acme")}


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-16", "\t")],  # Excel FR CSV, UTF-8, Texte Unicode
)
def test_a_french_excel_survey_is_read_exactly(
    planner: Planner, plan: str, tmp_path: Path, encoding: str, separator: str
) -> None:
    path = tmp_path / "enquete.csv"
    path.write_bytes(FRENCH.replace(";", separator).encode(encoding))
    result = _import(planner, path)
    assert result.format == "survey" and result.lines == 2
    tools = _tools(planner)
    box = tools["boite-a-idees"]
    assert box.name == "Boîte à idées"
    assert box.departments == ("Atelier de Besançon",)
    assert box.survey_users == 12 and box.purposes == ("internal-sharing",)
    assert tools["viva-engage"].departments == ("Comptabilité",)
    assert tools["viva-engage"].survey_users == 5
    assert not any("\ufffd" in t.name + "".join(t.departments) for t in tools.values())


def test_german_headers_are_understood(planner: Planner, plan: str, tmp_path: Path) -> None:
    path = tmp_path / "umfrage.csv"
    path.write_bytes(GERMAN.encode("cp1252"))
    _import(planner, path, fmt="survey")
    tool = _tools(planner)["ideen-borse"]
    assert (tool.name, tool.departments, tool.survey_users) == (
        "Ideen-Börse",
        ("Qualitätssicherung",),
        7,
    )


def test_an_unknown_column_is_refused_not_dropped(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("department,tool,Nombre de personnes\nSales,Slack,12\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        _import(planner, path, fmt="survey")
    assert info.value.line == 1 and "'Nombre de personnes'" in info.value.message
    assert "expected: department, tool, official, purposes, users, comments" in (info.value.message)
    assert _tools(planner) == {}


def test_a_forced_encoding_wins_and_a_wrong_one_is_refused(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "enquete.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    with pytest.raises(InputError) as info:
        _import(planner, path, encoding="utf-8")
    assert info.value.line == 2 and "--encoding" in info.value.message
    assert _tools(planner) == {}
    _import(planner, path, encoding="cp1252")
    assert "boite-a-idees" in _tools(planner)


def test_a_cp1252_directory_keeps_its_accents(planner: Planner, plan: str, tmp_path: Path) -> None:
    directory = tmp_path / "annuaire.csv"
    text = (DATA / "discover" / "directory.csv").read_text(encoding="utf-8")
    directory.write_bytes(text.replace("Marketing", "Comptabilité").encode("cp1252"))
    _import(planner, DATA / "discover" / "week1.squid.log", directory=directory)
    assert _tools(planner)["facebook"].departments == ("Comptabilité",)


def test_names_that_slug_alike_stay_different_tools(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    long_a = "Forum " + "x" * 80 + " A"
    long_b = "Forum " + "x" * 80 + " B"
    path = tmp_path / "survey.csv"
    path.write_text(
        "department,tool,users\n"
        "R&D,C++ forum,3\nR&D,C forum,2\nSales,c  FORUM,4\n"
        f"R&D,{long_a},1\nR&D,{long_b},1\n",
        encoding="utf-8",
    )
    _import(planner, path)
    tools = _tools(planner)
    by_name = {t.name: t for t in tools.values()}
    assert by_name["C++ forum"].survey_users == 3
    assert by_name["C forum"].survey_users == 2 + 4  # same name, case and spaces aside
    assert by_name["C++ forum"].slug != by_name["C forum"].slug
    assert by_name[long_a].slug != by_name[long_b].slug
    assert all(len(t.slug) <= 80 for t in tools.values())
    # A manual entry of a different name gets its own id; the same name is a conflict.
    added = add_tool(planner.workspace, planner.catalog, "acme", "C-forum")
    assert added.slug not in {by_name["C++ forum"].slug, by_name["C forum"].slug}
    with pytest.raises(Exception, match="already has a tool"):
        add_tool(planner.workspace, planner.catalog, "acme", "c forum")


@pytest.mark.parametrize("bad", ["", "!!!", "  "])
def test_a_risk_id_without_letters_is_refused(planner: Planner, plan: str, bad: str) -> None:
    with pytest.raises(InputError, match="risk id"):
        save_risk(planner.workspace, "acme", bad, create=True, title="x")


def test_survey_comments_are_stored_shown_and_exported(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    import csv

    from planner.services.inventory import export_inventory_csv, inventory_report
    from planner.services.tools import survey_comments, tool_comments

    path = tmp_path / "enquete.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    _import(planner, path)
    assert tool_comments(planner.workspace, "acme", "boite-a-idees") == [
        ("Atelier de Besançon", "très utile")
    ]
    assert tool_comments(planner.workspace, "acme", "viva-engage") == []  # empty: no comment
    report = inventory_report(planner.workspace, planner.catalog, "acme", TODAY)
    out = tmp_path / "inventory.csv"
    export_inventory_csv(report, planner.catalog, out, survey_comments(planner.workspace, "acme"))
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}  # BOM first
    assert rows["boite-a-idees"]["survey comments"] == "Atelier de Besançon: très utile"
    assert rows["viva-engage"]["survey comments"] == ""
