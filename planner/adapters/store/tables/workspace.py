"""The workspace and its plans: meta facts, the plan row, the exports remembered for a
three-way import. Also the plan foreign key every plan-owned table uses, and the column
type of the traffic counters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def plan_fk(*, index: bool = True) -> Any:
    """The ``plan_id`` column: deleting a plan deletes what it owns. ``index=False`` for a
    table whose unique key already starts with ``plan_id`` (revision 0017): that key serves
    every look-up by plan, and a second index only slows a bulk insert."""
    return Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=index)


# Revision 0016: hits, bytes and requests summed over a plan's imports pass 2**31 - 1 on a
# busy host (2 GiB of traffic is one user's week of video calls), which PostgreSQL's
# ``integer`` refuses ("value out of range"). ``BIGINT`` there; SQLite's ``INTEGER`` already
# holds 64 bits, so it stays ``INTEGER`` and no SQLite table is rebuilt for the change.
TRAFFIC_COUNT = BigInteger().with_variant(Integer(), "sqlite")


def traffic_count(*, server_default: bool = False) -> Any:
    """A counter of requests or bytes summed over imports: 64-bit on every engine."""
    kwargs = {"server_default": "0"} if server_default else {}
    return Field(default=0, sa_type=TRAFFIC_COUNT, sa_column_kwargs=kwargs)


class MetaRecord(SQLModel, table=True):
    """Workspace-level facts, such as the schema version."""

    __tablename__ = "planner_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class PlanRecord(SQLModel, table=True):
    __tablename__ = "plan"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=120)
    organisation: str = ""
    owner: str | None = None
    start: dt.date
    eu_residency_required: bool = False
    version: int = 1
    employees: int | None = None
    # comma-separated use-case ids in the plan's order; comma-separated deployment kinds
    use_cases: str = Field(default="", sa_column_kwargs={"server_default": ""})
    excluded_deployments: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Revision 0010: the digest of the infrastructure list last applied to the plan's hosts
    # (None: never), so an import re-classifies earlier hosts only when the list changed.
    infrastructure_digest: str | None = Field(default=None, max_length=64)
    # Revision 0013: the organisation's profile (domain.profile): the suites it licenses
    # ("microsoft-365:E3", comma-separated) and the countries where it employs people.
    suites: str = Field(default="", sa_column_kwargs={"server_default": ""})
    countries: str = Field(default="", sa_column_kwargs={"server_default": ""})


class PlanExportRecord(SQLModel, table=True):
    """What an export of a plan contained (its reviewable document, as JSON), so that an
    import of the reviewed file can merge three ways against it. Keyed by the
    digest of the file's ``base`` section; a few of the latest are kept per plan."""

    __tablename__ = "plan_export"
    __table_args__ = (UniqueConstraint("plan_id", "base_digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    base_digest: str = Field(max_length=64)
    revision: int = 0
    exported_on: dt.date
    path: str | None = None
    document: str = ""
