"""Activity reports attached to pilots and adopted products: measured use, not typed-in.

A report is read in memory (adapters/sources/activity), its users pseudonymised with the workspace
key at once, and reduced to an :class:`ActivitySnapshot` of counts — overall, per
department (from a staff directory given now, or the departments the workspace's persons
already have) and per champion. Only the snapshot is stored; for a pilot, the KPIs it
tracks are recorded as measurements dated the report's day, with their source. The same
file attached twice to the same pilot or product counts once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from itertools import compress
from pathlib import Path
from typing import Any

from planner.adapters.sources.activity import (
    ActivityReport,
    no_cycle_collection,
    read_activity,
)
from planner.adapters.store.adoption_repo import AdoptionRepository
from planner.adapters.store.db import Workspace
from planner.adapters.store.pilot_repo import PilotRepository
from planner.adapters.store.pseudonyms import pseudonymiser
from planner.adapters.store.repository import Repository
from planner.adapters.store.rollout_repo import RolloutRepository
from planner.domain.activity import ActivitySnapshot, ChampionActivity, DepartmentActivity
from planner.domain.pilots import Measurement, Pilot
from planner.domain.rollout import Champion
from planner.errors import InputError, NotFoundError
from planner.services.activity_match import match_users

BASELINE_DAYS = 180  # a report ending more than this before a pilot starts is no baseline


@dataclass
class ActivityResult:
    subject: str
    source: str
    format: str
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    kpis: dict[str, float]
    recorded: list[str]  # KPIs recorded as measurements (pilots)
    baseline: bool = False
    duplicate: bool = False
    snapshot: ActivitySnapshot | None = None


def _read(path: Path, fmt: str | None, encoding: str | None, as_of: dt.date | None,
          period_days: int | None) -> ActivityReport:  # fmt: skip
    if period_days is not None and not 1 <= period_days <= 366:
        raise InputError("--period-days goes from 1 to 366")
    return read_activity(path, fmt, encoding=encoding, as_of=as_of, period_days=period_days)


def name_key(user: str) -> str:
    """A user name as pseudonyms see it (``keys.pseudonymise`` hashes exactly this): two
    names with the same key have the same pseudonym, and only they."""
    return user.strip().casefold()


def _departments(
    session: Any, plan_id: int, directory: Path | None, encoding: str | None
) -> tuple[dict[str, str], bool]:
    """(user -> department, whether it is keyed by ``name_key`` of raw names): the
    directory given now, keyed by name in memory (a pseudonym per person would only be
    compared with another one), else the persons already known, by pseudonym."""
    if directory is not None:
        from planner.services.discover.logs import read_directory

        # keyed by the stripped, casefolded name already: ``name_key`` of each key is itself
        return read_directory(directory, encoding), True
    from planner.adapters.store.evidence import person_departments

    return person_departments(session, plan_id), False


def summarise(
    report: ActivityReport,
    key: bytes,
    subject: str,
    source: str,
    *,
    departments_of: dict[str, str],
    within: tuple[str, ...] = (),
    users: int = 0,
    champions: list[Champion] | tuple[Champion, ...] = (),
    by_name: bool = False,
) -> ActivitySnapshot:
    """The report as counts; a user is found in the directory by UPN or by its login (the
    part before ``@``). With ``within`` (a pilot's departments) and a directory that
    knows some of their people, only those people count and they are the population;
    otherwise the population is ``users`` (a pilot's headcount), or the users listed.
    ``departments_of`` is keyed by pseudonym, or by ``name_key`` when ``by_name``: then
    users are matched by name and pseudonymised only to find the champions."""
    pseudonym = pseudonymiser(key)
    size = len(report.names)
    found = match_users(report, pseudonym, departments_of, bool(champions), by_name)
    fulls, locals_, has_login = found.fulls, found.locals_, found.has_login
    row_keys, departments = found.row_keys, found.departments
    wanted = {d.casefold() for d in within}
    # key -> the user's position (the last of users keyed alike), made only when asked:
    # the report's own keys are distinct, other keys (logins) may not be
    rows: dict[str, int] | None = None
    if champions or wanted or (row_keys is not fulls and len(set(row_keys)) < size):
        rows = dict(zip(row_keys, range(size), strict=True))
    alias: dict[str, str] = {}  # any key of a row's user -> the row's key
    if champions:
        for at, full, local, row_key in zip(has_login, fulls, locals_, row_keys, strict=True):
            alias.setdefault(full, row_key)
            alias.setdefault(local if at else full, row_key)
        if by_name:  # champions are known by pseudonym: the same keys, hashed
            alias = {pseudonym(name): row_key for name, row_key in alias.items()}
    population: int | None = None
    if wanted:
        people = {p for p, d in departments_of.items() if d.casefold() in wanted}
        if people:
            population = len(people)
            assert rows is not None
            rows = {p: u for p, u in rows.items() if p in people}
    headcount = Counter(departments_of.values())
    if wanted:
        headcount = Counter({d: n for d, n in headcount.items() if d.casefold() in wanted})
    per_department: dict[str, list[int]] = {d: [n, 0] for d, n in headcount.items()}
    lasts, posted = report.last_active, report.posts
    read, replied = report.reads or [], report.replies or []
    listed = size if rows is None else len(rows)
    if rows is not None and listed < size:  # some users left out (or two keyed alike)
        kept = list(rows.values())  # theirs only
        departments = list(map(departments.__getitem__, kept))
        lasts, posted = list(map(lasts.__getitem__, kept)), list(map(posted.__getitem__, kept))
        read = list(map(read.__getitem__, kept)) if read else read
        replied = list(map(replied.__getitem__, kept)) if replied else replied
    active_flags, weekly_flags = report.activity_flags(lasts)
    active, weekly = sum(active_flags), sum(weekly_flags)
    posts, reads, replies = sum(posted), sum(read), sum(replied)
    for dept, count in Counter(compress(departments, weekly_flags)).items():
        if dept is not None and dept in per_department:
            per_department[dept][1] += count
    if population is None:
        population = users or listed
    mine = []
    for c in champions:
        if c.pseudonym is None or rows is None:
            continue
        position = rows.get(alias.get(c.pseudonym, ""))
        mine.append(
            ChampionActivity(
                c.department,
                c.name,
                position is not None and report.weekly_at(position),
                report.posts[position] if position is not None else 0,
            )
        )
    return ActivitySnapshot(
        subject=subject,
        digest=report.digest,
        format=report.format,
        source=source,
        as_of=report.as_of,
        period_start=report.period_start,
        period_end=report.period_end,
        population=population,
        listed=listed,
        active=active,
        weekly_active=weekly,
        posts=posts,
        reads=reads if report.has_reads else None,
        replies=replies if report.has_replies else None,
        departments={d: DepartmentActivity(*v) for d, v in sorted(per_department.items())},
        champions=tuple(mine),
    )


def check_period(pilot: Pilot, report: ActivityReport) -> bool:
    """Refuse a report outside the pilot; True when it is a baseline (before the start)."""
    start, end = report.period_start, report.period_end
    dates = f"{start.isoformat()} to {end.isoformat()}"
    span = f"{pilot.start or '…'} to {pilot.end or '…'}"
    if pilot.end is not None and start > pilot.end:
        raise InputError(
            f"the report covers {dates}, after pilot '{pilot.id}' ended ({span})"
        ).about("file")
    if pilot.start is not None and end < pilot.start - dt.timedelta(days=BASELINE_DAYS):
        raise InputError(
            f"the report covers {dates}, over {BASELINE_DAYS} days before pilot "
            f"'{pilot.id}' starts ({span}): too old for a baseline"
        ).about("file")
    return pilot.start is not None and report.as_of < pilot.start


def pilot_activity(
    ws: Workspace,
    key: bytes,
    plan: str | None,
    pilot_id: str,
    path: Path,
    fmt: str | None = None,
    *,
    encoding: str | None = None,
    as_of: dt.date | None = None,
    period_days: int | None = None,
    directory: Path | None = None,
) -> ActivityResult:
    """Attach an activity report to a pilot: its tracked KPIs as of the report's day."""
    report = _read(path, fmt, encoding, as_of, period_days)
    source = f"{report.format} {path.name}"
    subject = f"pilot:{pilot_id}"
    with ws.write() as session, no_cycle_collection():  # many rows, no cycles
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        pilots = PilotRepository(session)
        pilots.lock(record.id, pilot_id)
        pilot = next((p for p in pilots.pilots(record.id) if p.id == pilot_id), None)
        if pilot is None:
            raise NotFoundError(f"no pilot '{pilot_id}' in this plan")
        baseline = check_period(pilot, report)
        departments_of, by_name = _departments(session, record.id, directory, encoding)
        snapshot = summarise(
            report,
            key,
            subject,
            path.name,
            departments_of=departments_of,
            by_name=by_name,
            within=pilot.departments,
            users=pilot.users,
            champions=RolloutRepository(session).champions(record.id),
        )
        result = _result(session, record.id, path, report, snapshot, baseline)
        if result.duplicate:
            return result
        kpis = result.kpis
        tracked = [k.kpi for k in pilot.criteria if k.kpi in kpis]
        if not tracked:
            raise InputError(
                f"the report gives {', '.join(kpis) or 'no KPI'}; pilot '{pilot.id}' tracks "
                f"{', '.join(k.kpi for k in pilot.criteria) or 'no KPI'}"
            )
        if pilot.closed:
            raise InputError(f"pilot '{pilot.id}' is closed ({pilot.decision})")
        added = tuple(Measurement(k, report.as_of, kpis[k], source) for k in tracked)
        pilots.save(record.id, replace(pilot, measurements=(*pilot.measurements, *added)))
        AdoptionRepository(session).add_snapshot(record.id, snapshot)
        result.recorded = tracked
    return result


def product_activity(
    ws: Workspace,
    key: bytes,
    plan: str | None,
    product: str,
    path: Path,
    fmt: str | None = None,
    *,
    encoding: str | None = None,
    as_of: dt.date | None = None,
    period_days: int | None = None,
    directory: Path | None = None,
) -> ActivityResult:
    """Attach an activity report to an adopted product: adoption per department."""
    report = _read(path, fmt, encoding, as_of, period_days)
    subject = f"product:{product}"
    with ws.write() as session, no_cycle_collection():  # many rows, no cycles
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        adopted = {
            p.product for p in PilotRepository(session).pilots(record.id) if p.decision == "adopt"
        }
        if product not in adopted:
            raise InputError(
                f"'{product}' is not adopted by a pilot of this plan "
                f"(adopted: {', '.join(sorted(adopted)) or 'none'})"
            )
        departments_of, by_name = _departments(session, record.id, directory, encoding)
        snapshot = summarise(
            report,
            key,
            subject,
            path.name,
            departments_of=departments_of,
            by_name=by_name,
            champions=RolloutRepository(session).champions(record.id),
        )
        result = _result(session, record.id, path, report, snapshot)
        if not result.duplicate:
            AdoptionRepository(session).add_snapshot(record.id, snapshot)
    return result


def _result(
    session: Any,
    plan_id: int,
    path: Path,
    report: ActivityReport,
    snapshot: ActivitySnapshot,
    baseline: bool = False,
) -> ActivityResult:
    """What attaching ``snapshot`` gives; ``duplicate`` when this report (by digest) is
    already attached to the same pilot or product, and then nothing is to be stored."""
    result = ActivityResult(
        snapshot.subject, path.name, report.format, report.as_of, report.period_start,
        report.period_end, snapshot.kpis(), [], baseline, snapshot=snapshot,
    )  # fmt: skip
    adoption = AdoptionRepository(session)
    result.duplicate = adoption.has_snapshot(plan_id, snapshot.subject, report.digest)
    return result


def snapshots(
    ws: Workspace, plan: str | None, subject: str | None = None
) -> list[ActivitySnapshot]:
    with ws.read() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        return AdoptionRepository(session).snapshots(record.id, subject)


def activity_formats() -> list[tuple[str, str]]:
    """(name, description) of each activity-report layout, for a form's choices (the
    command line's ``--format`` takes the same names)."""
    from planner.adapters.sources.activity.formats import (
        GENERIC,
        SHAREPOINT,
        SLACK,
        TEAMS,
        VIVA_ENGAGE,
    )

    return [(f.name, f.label) for f in (VIVA_ENGAGE, TEAMS, SHAREPOINT, SLACK, GENERIC)]
