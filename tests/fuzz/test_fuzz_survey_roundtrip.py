"""Any survey a spreadsheet writes reads back to the same rows: written by ``csv.writer``
with each separator Excel uses (``,`` ``;`` tab), each quoting, each code page it offers,
and read by ``read_rows`` with the delimiter and the encoding detected.

Cells are drawn from what each code page can encode, separators, quotes and line breaks
included (what Excel quotes). Words come from the languages each code page serves —
detection judges a decoding by its words, so a cell of random bytes would be a test of
nothing a user writes — and each file holds at least one word that only its code page
spells that way. Without one a file can be ambiguous: "Gdańsk" in cp1250 is "Gdañsk" in
cp1252, both plausible; cp1252 is chosen then, and ``--encoding`` says otherwise
(docs/reliability.md, known limits).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planner.adapters.sources.csv_input import read_rows
from tests.fuzz._common import FUZZ

COLUMNS = {"department": ("abteilung",), "tool": ("werkzeug",), "comments": ("kommentar",)}
HEADERS = [["department", "tool", "comments"], ["Abteilung", "Werkzeug", "Kommentar"]]
WORDS = {  # real words of the languages each code page is chosen for
    "utf-8-sig": ["Bücherwurm", "Straße", "Besançon", "Łódź", "勤怠管理", "Ελλάδα", "naïve"],
    "utf-16": ["Bücherwurm", "Straße", "Besançon", "Łódź", "勤怠管理", "Ελλάδα", "naïve"],
    "cp1252": ["Bücherwurm", "Straße", "Besançon", "Boîte", "à", "idées", "Größe", "€"],
    "iso8859_15": ["Bücherwurm", "Straße", "Besançon", "Boîte", "œuvre", "€", "Größe"],
    "mac_roman": ["Bücherwurm", "Straße", "Besançon", "Boîte", "à", "idées", "Übersicht"],
    "cp1250": ["Łódź", "żółw", "źródło", "Kraków", "Gdańsk", "świat", "Księgowość"],
}
SIGNATURE = {"cp1250": "Łódź", "mac_roman": "Bücherwurm", "iso8859_15": "5 €"}
PLAIN = ["Wiki", "Team", "Tool", "12", "a", "b", "-"]
# What stands around words in a cell: separators, quotes, a line break (Alt+Enter).
BEFORE = ["", "", "", '"', "'", "(", "#", "\n"]
AFTER = ["", "", "", ",", ";", '"', '""', ")", "|", "\t", "\n", ":"]
UNICODE_ONLY = ["\u2028", "\u0085", "\x1c"]  # line ends to str.splitlines, not to csv


@st.composite
def cells(draw: st.DrawFn, code_page: str) -> str:
    words = draw(st.lists(st.sampled_from(WORDS[code_page] + PLAIN), min_size=1, max_size=5))
    after = AFTER + (UNICODE_ONLY if code_page.startswith("utf") else [])
    parts = [draw(st.sampled_from(BEFORE)) + w + draw(st.sampled_from(after)) for w in words]
    return " ".join(parts).strip()  # the reader strips cells, as it must


@st.composite
def surveys(draw: st.DrawFn) -> tuple[str, str, int, list[list[str]]]:
    code_page = draw(st.sampled_from(sorted(WORDS)))
    separator = "\t" if code_page == "utf-16" else draw(st.sampled_from([",", ";", "\t"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    rows = [
        [draw(cells(code_page)), draw(cells(code_page).filter(bool)), draw(cells(code_page))]
        for _ in range(draw(st.integers(1, 6)))
    ]
    if code_page in SIGNATURE:
        rows[0][0] = f"{SIGNATURE[code_page]} {rows[0][0]}".strip()
    return code_page, separator, quoting, rows


@FUZZ
@given(survey=surveys(), header=st.sampled_from(HEADERS), line_end=st.sampled_from(["\r\n", "\n"]))
def test_a_written_survey_reads_back_the_same(
    tmp_path: Path, survey: tuple[str, str, int, list[list[str]]], header: list[str], line_end: str
) -> None:
    code_page, separator, quoting, rows = survey
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, quoting=quoting, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "survey.csv"
    path.write_bytes(out.getvalue().encode(code_page))
    read = [list(row.values.values()) for row in read_rows(path, COLUMNS, ["tool"])]
    assert read == rows
