"""SIEM aggregates as Splunk or Sentinel export them: a placeholder date (9999-12-31) or a
year 5138 is refused at its line; a row summing more than a terabyte is evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.adapters.sources.logs import read_log
from planner.errors import InputError

HEADER = "host,user,hits,bytes,first_seen,last_seen\r\n"
GOOD = "www.yammer.com,alice,3,5000,2026-03-02T08:00:00Z,2026-03-04T17:30:00Z\r\n"


@pytest.mark.parametrize(
    "row",
    [
        "slack.com,bob,4,100,2026-03-02,9999-12-31",
        "slack.com,bob,4,100,2026-03-02T00:00:00Z,5138-11-16T09:46:40Z",
        "slack.com,bob,4,100,1970-01-01,2026-03-03",
        "slack.com,bob,4,100,1772438400,99999999999",
    ],
)
def test_impossible_times_are_refused_at_their_line(row: str, tmp_path: Path) -> None:
    path = tmp_path / "siem.csv"
    path.write_text(HEADER + GOOD + row + "\r\n" + GOOD)
    with pytest.raises(InputError) as caught:
        read_log(path)
    assert caught.value.line == 3
    assert "future" in caught.value.message or "1990" in caught.value.message


def test_a_row_of_more_than_a_terabyte_is_evidence(tmp_path: Path) -> None:
    path = tmp_path / "siem.csv"
    path.write_text(HEADER + "backup.example,-,90000,4500000000000,2026-03-01,2026-03-31\r\n")
    summary = read_log(path)
    assert summary.skipped == 0
    assert summary.hosts["backup.example"].bytes == 4_500_000_000_000
