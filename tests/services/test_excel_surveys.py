"""Surveys as German and French Excel save them, in every encoding Excel offers: ``;``
as the separator, CRLF (CR for "CSV (Macintosh)"), ``""`` inside quoted cells that hold
a ``;`` or a line break, tabs in "Unicode Text". Each is read cell for cell, and the
import says which encoding it read."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from planner.adapters.sources.csv_input import read_rows
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.survey import SURVEY_COLUMNS
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.cli.test_cli import planner as planner_cli

GERMAN = [
    ["Abteilung", "Werkzeug", "Offiziell", "Benutzer", "Kommentar"],
    ["Lektorat", "Bücherwurm Wiki", "nein", "4", 'sagt "gut"; sehr beliebt'],
    ["Qualitätssicherung", "Straße-Tool", "ja", "12", 'Zeile 1\nZeile 2 "zitiert"'],
    ["Einkauf", "Kassenbuch", "nein", "3", "kostet 5 € im Monat"],
]
FRENCH = [
    ["Service", "Outil", "Officiel", "Utilisateurs", "Commentaires"],
    ["Atelier de Besançon", "Boîte à idées", "non", "12", "très utile; « à garder »"],
    ["Comptabilité", "Île de données", "oui", "5", 'dit "génial"\nsur deux lignes'],
    ["Achats", "Caisse", "non", "3", "coûte 5 € par mois"],
]
# (what Excel calls it, the codec, the separator, the line end); Excel writes the list
# separator of the locale (";" in Germany and France) except in "Unicode Text" (tab).
EXCEL = [
    ("CSV UTF-8", "utf-8-sig", ";", "\r\n"),
    ("CSV", "cp1252", ";", "\r\n"),
    ("CSV (Macintosh)", "mac_roman", ";", "\r"),
    ("CSV (MS-DOS)", "cp850", ";", "\r\n"),
    ("Unicode Text", "utf-16", "\t", "\r\n"),
    ("ISO-8859-15 (LibreOffice)", "iso8859_15", ";", "\r\n"),
]


def excel_csv(rows: list[list[str]], codec: str, separator: str, line_end: str) -> bytes:
    """The file Excel writes: cells quoted when they hold the separator, a quote or a line
    break, quotes doubled; a line break inside a cell is a bare LF."""
    if codec == "cp850":  # the DOS code page has no euro sign
        rows = [[cell.replace("€", "EUR") for cell in row] for row in rows]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator=line_end).writerows(rows)
    return out.getvalue().encode(codec)


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


@pytest.mark.parametrize("rows", [GERMAN, FRENCH], ids=["de", "fr"])
@pytest.mark.parametrize(
    ("kind", "codec", "separator", "line_end"), EXCEL, ids=[e[0] for e in EXCEL]
)
def test_excel_surveys_are_read_cell_for_cell(
    planner: Planner,
    plan: str,
    tmp_path: Path,
    rows: list[list[str]],
    kind: str,
    codec: str,
    separator: str,
    line_end: str,
) -> None:
    path = tmp_path / "umfrage.csv"
    path.write_bytes(excel_csv(rows, codec, separator, line_end))
    expected = [[c.replace("€", "EUR") if codec == "cp850" else c for c in r] for r in rows[1:]]
    read = list(read_rows(path, SURVEY_COLUMNS, ["tool"]))
    assert [list(row.values.values()) for row in read] == expected
    result = import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)
    assert result.encoding == codecs.lookup(codec).name
    assert sorted(t.name for t in list_tools(planner.workspace, plan)) == sorted(
        r[1] for r in expected
    )


def test_a_two_row_german_survey_is_read_with_semicolons(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "kurz.csv"
    path.write_bytes(
        "Abteilung;Werkzeug;Kommentar\r\nVertrieb;Teamraum;gut, schnell\r\n".encode("cp1252")
    )
    result = import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)
    assert result.lines == 1
    assert [t.name for t in list_tools(planner.workspace, plan)] == ["Teamraum"]


def test_the_import_says_which_encoding_it_read(workspace_db: str, tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(excel_csv(GERMAN, "mac_roman", ";", "\r"))
    assert (
        planner_cli("--db", workspace_db, "plan", "new", "acme", "--start", "2027-01-04").returncode
        == 0
    )
    out = planner_cli("discover", "import", str(path), "--db", workspace_db)
    assert out.returncode == 0, out.stderr
    summary = next(line for line in out.stderr.splitlines() if "(survey)" in line)
    assert "3 answers" in summary and "read as mac-roman" in summary
    tools = planner_cli("tools", "list", "--db", workspace_db).stdout
    assert "Bücherwurm Wiki" in tools and "Straße-Tool" in tools
