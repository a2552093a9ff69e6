"""An activity report read column by column gives exactly what reading it row by row
gives: the same users, counts and dates, the same period, the same refusal at the same
line (deleted users, duplicates, counts and dates of every spelling, blank and short
records, records over two lines, an unbalanced quote)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.activity import reader
from planner.adapters.sources.activity.reader import ActivityReport, read_activity
from planner.errors import InputError

HEADER = (
    "Report Refresh Date,User Principal Name,Display Name,Is Deleted,User State,"
    "Last Activity Date,Posted Count,Read Count,Liked Count,Report Period"
)
USERS = ["anne@corp.example", "ANNE@corp.example", "bob@corp.example", " carl ", "", "dé@x.fr"]
COUNTS = ["0", "3", "12", "", "1,234", "x", "99999999999", " 7 "]
DATES = ["2027-02-27", "2027-01-02", "", "02/20/2027", "yesterday", "2027-02-31"]
REFRESH = ["2027-02-28", "2027-02-28", "2027-02-28", "2027-02-27"]
PERIODS = ["30", "30", "30", "7", "D30", "0"]

row = st.tuples(
    st.sampled_from(REFRESH),
    st.sampled_from(USERS),
    st.just("Name"),
    st.sampled_from(["False", "False", "True", ""]),
    st.sampled_from(["Active", "Active", "Deleted", ""]),
    st.sampled_from(DATES),
    st.sampled_from(COUNTS),
    st.sampled_from(COUNTS),
    st.sampled_from(COUNTS),
    st.sampled_from(PERIODS),
).map(",".join)
plain = st.tuples(
    st.just("2027-02-28"),
    st.sampled_from([f"user{i}@corp.example" for i in range(30)]),
    st.just("Name"),
    st.just("False"),
    st.just("Active"),
    st.sampled_from(DATES[:3]),
    st.sampled_from(COUNTS[:3]),
    st.sampled_from(COUNTS[:3]),
    st.sampled_from(COUNTS[:3]),
    st.just("30"),
).map(",".join)
gone = st.tuples(
    st.just("2027-02-28"),
    st.sampled_from([f"user{i}@corp.example" for i in range(30)]),
    st.just("Name"),
    st.sampled_from(["False", "True", " TRUE ", ""]),
    st.sampled_from(["Active", "Deleted", "Supprimé", " deleted", ""]),
    st.sampled_from(DATES[:4]),
    st.sampled_from(COUNTS[:4]),
    st.sampled_from(COUNTS[:4]),
    st.sampled_from(COUNTS[:4]),
    st.just("30"),
).map(",".join)

# records the column reader hands to the row reader, or takes: empty lines, blank cells,
# records cut short, a name quoted over two lines, a quote left open
odd = st.sampled_from(
    [
        "",
        ",,,,,,,,,",
        "  ,",
        "2027-02-28,short@corp.example",
        "2027-02-28,cut@corp.example,Name,False,Active,2027-02-27,1",
        '2027-02-28,multi@corp.example,"Two\nLines",False,Active,2027-02-27,1,2,3,30',
        '2027-02-28,open@corp.example,"Open,False,Active,2027-02-27,1,2,3,30',
        "2027-02-28,long@corp.example,N,False,Active,2027-02-26,4,5,6,30,extra,cells",
    ]
)


def _read(path: Path, columns: bool) -> object:
    saved = reader.report_columns
    if not columns:
        reader.report_columns = lambda *args: None  # type: ignore[assignment]
    try:
        report = read_activity(path)
    except InputError as exc:
        return exc.message, exc.line
    finally:
        reader.report_columns = saved
    return _shown(report)


def _shown(report: ActivityReport) -> tuple[object, ...]:
    users = {
        key: (u.user, u.last_active, u.posts, u.reads, u.replies) for key, u in report.users.items()
    }
    return report.format, report.as_of, report.period_start, report.period_end, users


@settings(max_examples=120, deadline=None)
@given(rows=st.lists(st.one_of(plain, plain, gone, row, odd), min_size=1, max_size=40))
def test_columns_and_rows_agree(tmp_path_factory: pytest.TempPathFactory, rows: list[str]) -> None:
    path = tmp_path_factory.mktemp("report") / "engage.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert _read(path, True) == _read(path, False)


def test_a_large_plain_report_reads_alike(tmp_path: Path) -> None:
    lines = [HEADER] + [
        f"2027-02-28,user{i}@corp.example,U,False,Active,"
        f"{dt.date(2027, 2, 28) - dt.timedelta(days=i % 40) if i % 3 else ''},"
        f"{i % 7},{i % 29},{i % 5},30"
        for i in range(5000)
    ]
    path = tmp_path / "engage.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    by_columns = _read(path, True)
    assert by_columns == _read(path, False)
    assert isinstance(by_columns, tuple) and len(by_columns[4]) == 5000
