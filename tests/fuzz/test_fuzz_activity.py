"""Property-based fuzzing of the activity-report readers: Microsoft 365 user
detail reports, Slack's member export and the generic CSV, almost valid then mutated.

The property (see _common.py): every input gives a report or a located InputError within
the hang guard; a report's users are casefolded, its dates ordered, its counts natural.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planner.adapters.sources.activity import read_activity
from planner.adapters.sources.activity.reader import ActivityReport
from tests.fuzz._common import FUZZ, run_reader
from tests.fuzz.test_fuzz_readers import RAW, TOKEN, _pick, csv_table

FILE_LEVEL = r"^(file too large|cannot read|the report mixes|.* has no date)"

KINDS = {
    "refresh": ("report_refresh_date",),
    "user": ("user_principal_name", "user", "email"),
    "name": ("display_name",),
    "last": ("last_activity_date", "last_active_(utc)"),
    "posted": ("posted_count", "messages_posted", "posts"),
    "read": ("read_count", "reads"),
    "liked": ("liked_count",),
    "channel": ("team_chat_message_count",),
    "private": ("private_chat_message_count",),
    "reply": ("reply_messages",),
    "period": ("report_period",),
    "date": ("date",),
    "state": ("user_state", "is_deleted"),
}
DAYS = st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))


def _value(kind: str, good: bool) -> st.SearchStrategy[str]:
    count = _pick(
        good,
        st.one_of(st.integers(0, 10**4).map(str), st.just("")),
        st.sampled_from(["-1", "1.5", "x", "٣", "²", "9" * 30, "1,000", "\u00a01"]),
    )
    day = _pick(
        good,
        st.one_of(DAYS.map(str), DAYS.map(lambda d: f"{d:%m/%d/%Y}"), st.just("")),
        st.sampled_from(["2027-02-30", "20270201", "yesterday", "2027-13-01T00:00:00Z"]),
    )
    return {
        "user": _pick(good, st.from_regex(r"[a-z]{1,6}\.[a-z]{1,6}", fullmatch=True), TOKEN),
        "name": st.text(max_size=12),
        "refresh": day,
        "last": day,
        "date": day,
        "period": _pick(
            good,
            st.sampled_from(["7", "30", "90", "180", "D30"]),
            st.sampled_from(["0", "-7", "", "week", "1000"]),
        ),
        "state": st.sampled_from(["Active", "Deleted", "False", "True", ""]),
    }.get(kind, count)


REPORTS = st.one_of(
    csv_table(KINDS, _value, ("refresh", "user", "last", "posted", "read", "period"), rows=10),
    csv_table(KINDS, _value, ("user", "date", "posted", "read"), rows=10),
    csv_table(KINDS, _value, ("user", "last", "posted", "private", "channel"), rows=10),
    RAW,
)


def check_report(report: ActivityReport) -> None:
    assert report.period_start <= report.period_end == report.as_of
    for key, user in report.users.items():
        assert key == user.user.casefold()
        assert user.posts >= 0 and (user.reads or 0) >= 0 and (user.replies or 0) >= 0


@FUZZ
@given(
    content=REPORTS,
    fmt=st.sampled_from([None, None, "m365-viva-engage", "m365-teams", "slack-members", "generic"]),
    as_of=st.one_of(st.none(), DAYS),
)
def test_activity_reports(
    tmp_path: Path, content: bytes, fmt: str | None, as_of: dt.date | None
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(content)
    outcome = run_reader(
        lambda: read_activity(path, fmt, as_of=as_of), line=True, file_level=FILE_LEVEL
    )
    if outcome.error is None:
        check_report(outcome.value)
