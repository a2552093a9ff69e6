"""A CSV file read column by column (``read_columns``, the staff directory's path) gives
what reading it row by row (``read_rows``, the reference) gives: the same cells per
column, the same refusal at the same line, whatever the file holds (quotes, blank and
short records, an unbalanced quote, other delimiters, CRLF, a missing column)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.csv_input import read_columns, read_rows
from planner.errors import InputError
from planner.services.discover.logs import read_directory

COLUMNS = {"user": ("login", "email"), "department": ("dept", "team")}
HEADERS = ["user,department", "Login;Dept", "email\tteam\tnote", "user", "dept,user,x"]
CELLS = ["anne", " Bob ", "", '"Carl, C."', '"a ""q"""', "R&D", "Ünïcode", '"open', "  ", "x;y"]


@st.composite
def files(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(HEADERS))
    delimiter = max(",;\t", key=header.count)
    records = draw(
        st.lists(
            st.lists(st.sampled_from(CELLS), min_size=0, max_size=4).map(delimiter.join),
            max_size=12,
        )
    )
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return (end.join([header, *records]) + end).encode()


def _outcome(call: object) -> object:
    try:
        return call()  # type: ignore[operator]
    except InputError as exc:
        return ("refused", exc.message, exc.line)


@settings(max_examples=300, deadline=None)
@given(files())
def test_columns_are_the_rows_cells(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff.csv"
        path.write_bytes(content)
        required = ["user"]

        def by_rows() -> list[dict[str, str]]:
            return [row.values for row in read_rows(path, COLUMNS, required)]

        def by_columns() -> list[dict[str, str]]:
            table = read_columns(path, COLUMNS, required)
            return [{c: cells[n] for c, cells in table.items()} for n in range(len(table["user"]))]

        assert _outcome(by_columns) == _outcome(by_rows)


@settings(max_examples=100, deadline=None)
@given(files())
def test_a_directory_is_what_its_rows_say(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff.csv"
        path.write_bytes(content)

        def by_rows() -> dict[str, str]:
            rows = read_rows(path, COLUMNS, ["user", "department"])
            return {
                r.values["user"].casefold(): r.values["department"]
                for r in rows
                if r.values["user"] and r.values["department"]
            }

        assert _outcome(lambda: read_directory(path)) == _outcome(by_rows)
