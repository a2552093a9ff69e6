"""``summarise`` counts what reading the report user by user counts: the reference below
is the plain loop it replaced (each user found in the directory by UPN, else by login;
users keyed alike counted once; a pilot's departments; champions by UPN or login),
compared on reports and directories mixing UPNs, logins, case, duplicates by login and
names without ``@``, directories keyed by name (a staff file) or by pseudonym (persons)."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.activity import ActivityReport
from planner.adapters.store.pseudonyms import pseudonymiser
from planner.domain.activity import ActivitySnapshot, ChampionActivity, DepartmentActivity
from planner.domain.rollout import Champion
from planner.services.activity import name_key, summarise

KEY = b"k" * 32
AS_OF = dt.date(2027, 2, 28)
NAMES = [
    "anne@corp.example", "ANNE@corp.example", "anne", "Anne.K@Corp.Example", "bob@x.org",
    "bob@y.org", "carl @corp.example", "anne @corp.example", "dé@x.fr", "@odd", "a@b@c", "zoe",
    "ß@x", "SS@x",
]  # fmt: skip
KNOWN = ["anne", "anne@corp.example", "anne.k", "bob", "bob@x.org", "carl", "dé", "a@b",
         "zoe", "ss", "ss@x", "nobody"]  # fmt: skip
DEPARTMENTS = ["Sales", "IT", "sales", "R&D"]
LASTS = [None, AS_OF, AS_OF - dt.timedelta(days=3), AS_OF - dt.timedelta(days=7),
         AS_OF - dt.timedelta(days=20), AS_OF - dt.timedelta(days=40)]  # fmt: skip


@st.composite
def reports(draw: st.DrawFn) -> ActivityReport:
    names = draw(st.lists(st.sampled_from(NAMES), max_size=10, unique_by=str.casefold))
    size = len(names)
    counts = st.lists(st.integers(0, 9), min_size=size, max_size=size)
    reads = draw(st.one_of(st.none(), counts))
    replies = draw(st.one_of(st.none(), counts))
    return ActivityReport(
        "m365-viva-engage", "digest", AS_OF, AS_OF - dt.timedelta(days=29), AS_OF, names,
        [n.casefold() for n in names],
        draw(st.lists(st.sampled_from(LASTS), min_size=size, max_size=size)),
        draw(counts), reads, replies,
    )  # fmt: skip


def reference(
    report: ActivityReport,
    departments_of: dict[str, str],
    within: tuple[str, ...],
    users: int,
    champions: list[Champion],
    by_name: bool,
) -> ActivitySnapshot:
    """The report user by user, as ``summarise`` counted it before it counted columns."""
    pseudonym = pseudonymiser(KEY)
    ident = name_key if by_name else pseudonym
    rows: dict[str, int] = {}  # a user's key -> its (last) position
    alias: dict[str, str] = {}
    for at, name in enumerate(report.names):
        full = ident(name)
        local = ident(name.rpartition("@")[0]) if "@" in name else full
        row_key = local if full not in departments_of and local in departments_of else full
        rows[row_key] = at
        alias.setdefault(full, row_key)
        alias.setdefault(local, row_key)
    if by_name:
        alias = {pseudonym(k): row_key for k, row_key in alias.items()}
    wanted = {d.casefold() for d in within}
    population: int | None = None
    if wanted:
        people = {p for p, d in departments_of.items() if d.casefold() in wanted}
        if people:
            population = len(people)
            rows = {p: at for p, at in rows.items() if p in people}
    headcount = Counter(d for d in departments_of.values() if not wanted or d.casefold() in wanted)
    per_department = {d: [n, 0] for d, n in headcount.items()}
    active = weekly = posts = reads = replies = 0
    for row_key, at in rows.items():
        last = report.last_active[at]
        active += last is not None and report.period_start <= last
        weekly += report.weekly_at(at)
        posts += report.posts[at]
        reads += report.reads[at] if report.reads is not None else 0
        replies += report.replies[at] if report.replies is not None else 0
        department = departments_of.get(row_key)
        if department in per_department and report.weekly_at(at):
            per_department[department][1] += 1
    mine = []
    for c in champions:
        if c.pseudonym is not None:
            at = rows.get(alias.get(c.pseudonym, ""))  # type: ignore[arg-type]
            weekly_at = at is not None and report.weekly_at(at)
            posted = report.posts[at] if at is not None else 0
            mine.append(ChampionActivity(c.department, c.name, weekly_at, posted))
    return ActivitySnapshot(
        subject="pilot:p", digest=report.digest, format=report.format, source="r.csv",
        as_of=report.as_of, period_start=report.period_start, period_end=report.period_end,
        population=population if population is not None else users or len(rows),
        listed=len(rows), active=active, weekly_active=weekly, posts=posts,
        reads=reads if report.has_reads else None,
        replies=replies if report.has_replies else None,
        departments={d: DepartmentActivity(*v) for d, v in sorted(per_department.items())},
        champions=tuple(mine),
    )  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    report=reports(),
    directory=st.dictionaries(st.sampled_from(KNOWN), st.sampled_from(DEPARTMENTS), max_size=8),
    by_name=st.booleans(),
    within=st.lists(st.sampled_from(["Sales", "it", "HR"]), max_size=2).map(tuple),
    users=st.sampled_from([0, 7]),
    accounts=st.lists(st.one_of(st.none(), st.sampled_from(NAMES + KNOWN)), max_size=3),
)
def test_summary_counts_what_the_users_say(
    report: ActivityReport,
    directory: dict[str, str],
    by_name: bool,
    within: tuple[str, ...],
    users: int,
    accounts: list[str | None],
) -> None:
    pseudonym = pseudonymiser(KEY)
    departments_of = directory if by_name else {pseudonym(k): d for k, d in directory.items()}
    champions = [
        Champion("Sales", f"C{n}", None if a is None else pseudonym(a))
        for n, a in enumerate(accounts)
    ]
    found = summarise(
        report, KEY, "pilot:p", "r.csv", departments_of=departments_of, within=within,
        users=users, champions=champions, by_name=by_name,
    )  # fmt: skip
    assert found == reference(report, departments_of, within, users, champions, by_name)


def test_a_directory_of_logins_counts_report_upns() -> None:
    """The usual case at scale: every UPN unknown to a directory of logins, found by login;
    two UPNs with one login are one person."""
    names = ["ann@a.example", "bob@a.example", "bob@b.example", "cy@a.example"]
    report = ActivityReport(
        "m365-viva-engage", "d", AS_OF, AS_OF - dt.timedelta(days=29), AS_OF, names,
        [n.casefold() for n in names], [AS_OF, AS_OF, None, None], [1, 2, 3, 4], None, None,
    )  # fmt: skip
    directory = {"ann": "Sales", "bob": "IT", "cy": "IT", "dee": "IT"}
    snapshot = summarise(report, KEY, "product:x", "r.csv", departments_of=directory,
                         by_name=True)  # fmt: skip
    assert (snapshot.listed, snapshot.active, snapshot.weekly_active) == (3, 1, 1)
    assert snapshot.posts == 1 + 3 + 4  # bob's later row counts for bob
    assert snapshot.departments == {
        "IT": DepartmentActivity(3, 0),
        "Sales": DepartmentActivity(1, 1),
    }


def test_casefold_keeps_at_signs_and_blanks_where_they_are() -> None:
    """A login's key is cut from its name's key (``activity_match``): right only while
    casefolding maps "@" and blanks to themselves, and nothing else to either."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert ("@" in folded) == (char == "@"), hex(code)
        assert folded == char if char.isspace() else not any(map(str.isspace, folded)), hex(code)


def test_one_domain_logins_alike_once_stripped_are_one_person() -> None:
    names = ["anne@corp.example", "anne @corp.example", "bob@corp.example"]
    report = ActivityReport(
        "m365-viva-engage", "d", AS_OF, AS_OF - dt.timedelta(days=29), AS_OF, names,
        [n.casefold() for n in names], [AS_OF, None, AS_OF], [1, 2, 4], None, None,
    )  # fmt: skip
    snapshot = summarise(report, KEY, "pilot:p", "r.csv",
                         departments_of={"anne": "Sales", "bob": "IT"}, by_name=True)  # fmt: skip
    assert (snapshot.listed, snapshot.weekly_active, snapshot.posts) == (2, 1, 2 + 4)
    assert snapshot == reference(report, {"anne": "Sales", "bob": "IT"}, (), 0, [], True)
