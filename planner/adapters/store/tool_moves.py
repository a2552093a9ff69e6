"""Every row that names a plan's tool by its slug, found, moved to another tool or deleted
with it: for ``tools merge`` and ``tools delete``.

Why this exists: a tool's evidence lives in other tables under its slug (hosts and their
people, survey answers, domain rules, purged-user counts, contracts and exit steps). Two
tools that are one (the survey's "WhatsApp" beside the one typed after an interview) must
become one without losing any of it, and a tool deleted must not leave rows that feed
nothing, or that bring it back at the next import. This module is the one list of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from planner.adapters.store import tables
from planner.adapters.store.evidence import HOST, _table

SURVEY = _table(tables.SurveyAnswerRecord.__tablename__)
RULE = _table(tables.TriageRuleRecord.__tablename__)
PURGED = _table(tables.PurgedUsersRecord.__tablename__)
CONTRACT = _table(tables.ContractRecord.__tablename__)
EXIT = _table(tables.ExitStepRecord.__tablename__)
TOOL = _table(tables.ToolRecord.__tablename__)


@dataclass(frozen=True)
class Dependents:
    """What goes with a tool: counts of the rows naming it."""

    hosts: int = 0
    survey_answers: int = 0
    rules: tuple[str, ...] = ()  # registrable domains whose rule names the tool
    contracts: int = 0
    exit_steps: int = 0

    def words(self) -> list[str]:
        """Each non-empty part, worded for a person ("3 hosts", "1 contract")."""

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        parts = []
        if self.hosts:
            parts.append(n(self.hosts, "host", "hosts"))
        if self.survey_answers:
            parts.append(n(self.survey_answers, "survey answer", "survey answers"))
        if self.rules:
            parts.append(
                n(len(self.rules), "domain rule", "domain rules") + f" ({', '.join(self.rules)})"
            )
        if self.contracts:
            parts.append(n(self.contracts, "contract", "contracts"))
        if self.exit_steps:
            parts.append(n(self.exit_steps, "exit step", "exit steps"))
        return parts


def _count(session: Session, table: object, *where: object) -> int:
    return int(session.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]


def dependents(session: Session, plan_id: int, slug: str) -> Dependents:
    """The rows of the plan that name the tool ``slug``."""
    rules = session.execute(
        select(RULE.c.domain).where(RULE.c.plan_id == plan_id, RULE.c.tool == slug)
    ).scalars()
    return Dependents(
        hosts=_count(session, HOST, HOST.c.plan_id == plan_id, HOST.c.tool == slug),
        survey_answers=_count(session, SURVEY, SURVEY.c.plan_id == plan_id, SURVEY.c.tool == slug),
        rules=tuple(sorted(rules)),
        contracts=_count(
            session, CONTRACT, CONTRACT.c.plan_id == plan_id, CONTRACT.c.product == slug
        ),
        exit_steps=_count(session, EXIT, EXIT.c.plan_id == plan_id, EXIT.c.tool == slug),
    )


def move(session: Session, plan_id: int, source: str, target: str, decision: str) -> None:
    """Make every row naming ``source`` name ``target``. Hosts and rules take ``decision``
    ("mapped" to a catalog product, "custom" for a tool of the plan's own) so that later
    imports keep feeding ``target``. Purged-user counts add up: those people are gone from
    the logs and cannot be told apart any more."""
    session.execute(
        update(HOST)
        .where(HOST.c.plan_id == plan_id, HOST.c.tool == source)
        .values(tool=target, decision=decision)
    )
    session.execute(
        update(RULE)
        .where(RULE.c.plan_id == plan_id, RULE.c.tool == source)
        .values(tool=target, decision=decision)
    )
    for table, column in ((SURVEY, SURVEY.c.tool), (EXIT, EXIT.c.tool)):
        session.execute(
            update(table).where(table.c.plan_id == plan_id, column == source).values(tool=target)
        )
    session.execute(
        update(CONTRACT)
        .where(CONTRACT.c.plan_id == plan_id, CONTRACT.c.product == source)
        .values(product=target)
    )
    gone = session.execute(
        delete(PURGED)
        .where(PURGED.c.plan_id == plan_id, PURGED.c.tool == source)
        .returning(PURGED.c.users)
    ).scalar()
    if gone:
        kept = session.execute(
            update(PURGED)
            .where(PURGED.c.plan_id == plan_id, PURGED.c.tool == target)
            .values(users=PURGED.c.users + gone)
        ).rowcount  # type: ignore[attr-defined]
        if not kept:
            session.execute(PURGED.insert().values(plan_id=plan_id, tool=target, users=gone))


def delete_tool(session: Session, plan_id: int, slug: str) -> list[str]:
    """Delete the tool and the rows that exist only for it: its survey answers, contracts,
    exit steps, purged-user count and the domain rules naming it (returned, so the caller
    returns their hosts to triage). Hosts are evidence of the logs: the caller returns them
    to triage (``undecide.return_orphans``)."""
    rules = list(
        session.execute(
            delete(RULE)
            .where(RULE.c.plan_id == plan_id, RULE.c.tool == slug)
            .returning(RULE.c.domain)
        ).scalars()
    )
    for table, column in (
        (SURVEY, SURVEY.c.tool),
        (EXIT, EXIT.c.tool),
        (CONTRACT, CONTRACT.c.product),
        (PURGED, PURGED.c.tool),
    ):
        session.execute(delete(table).where(table.c.plan_id == plan_id, column == slug))
    session.execute(delete(TOOL).where(TOOL.c.plan_id == plan_id, TOOL.c.slug == slug))
    return rules
