"""Baseline: the workspace as the last release before Alembic made it (its "schema 1").

Written as explicit DDL rather than ``metadata.create_all`` so that its meaning never
follows ``planner/adapters/store/tables.py``: a database that says it is at 0001 has exactly
these tables. Workspaces of that release (``planner_meta.schema_version = 1``, no
``alembic_version``) are stamped with this revision instead of running it.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _str(name: str, length: int | None = None, *, null: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=null)


def _int(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False)


def _bool(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _float(name: str) -> sa.Column[float]:
    return sa.Column(name, sa.Float(), nullable=False)


def _date(name: str, *, null: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.Date(), nullable=null)


def _datetime(name: str, *, null: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=null)


def _json(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON(), nullable=False)


def _parent(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], ondelete="CASCADE")


def _child_of_plan(table: str, *items: SchemaItem, unique: tuple[str, ...] = ()) -> None:
    """A table owned by a plan: id, plan_id (indexed, cascading), its own columns."""
    constraints: list[SchemaItem] = [sa.PrimaryKeyConstraint("id")]
    if unique:
        constraints.append(sa.UniqueConstraint("plan_id", *unique))
    constraints.append(_parent("plan_id", "plan"))
    op.create_table(table, _id(), _int("plan_id"), *items, *constraints)
    op.create_index(f"ix_{table}_plan_id", table, ["plan_id"])


def upgrade() -> None:
    op.create_table(
        "planner_meta",
        _str("key", 64),
        _str("value"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "plan",
        _id(),
        _str("name", 120),
        _str("organisation"),
        _str("owner", null=True),
        _date("start", null=False),
        _bool("eu_residency_required"),
        _int("version"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_name", "plan", ["name"], unique=True)
    _child_of_plan(
        "tool",
        _str("slug", 120),
        _str("name"),
        _str("product", null=True),
        _str("category", null=True),
        _str("status"),
        _bool("classified"),
        _json("purposes"),
        _json("departments"),
        _json("capabilities"),
        _int("log_users"),
        _int("survey_users"),
        _int("requests"),
        _int("bytes"),
        _json("sources"),
        _date("first_seen"),
        _date("last_seen"),
        _str("owner", null=True),
        _str("notes"),
        _int("version"),
        unique=("slug",),
    )
    _child_of_plan(
        "import_run",
        _str("digest", 64),
        _str("source"),
        _str("format"),
        _int("lines"),
        _int("skipped"),
        _datetime("imported_at", null=False),
        unique=("digest",),
    )
    _child_of_plan(
        "host",
        _str("host", 255),
        _str("tool", null=True),
        _str("decision", null=True),
        _int("hits"),
        _int("bytes"),
        _int("users"),
        sa.Column("user_set", sa.LargeBinary(), nullable=False),
        _datetime("first_seen"),
        _datetime("last_seen"),
        unique=("host",),
    )
    op.create_index("ix_host_tool", "host", ["tool"])
    op.create_index("ix_host_triage", "host", ["plan_id", "tool", "decision", "users"])
    _child_of_plan(
        "person",
        _str("pseudonym", 64),
        _str("department", null=True),
        unique=("pseudonym",),
    )
    op.create_table(
        "survey_answer",
        _id(),
        _int("plan_id"),
        _int("import_id"),
        _str("tool"),
        _str("department", null=True),
        _str("official", null=True),
        _json("purposes"),
        _int("users"),
        sa.PrimaryKeyConstraint("id"),
        _parent("plan_id", "plan"),
        _parent("import_id", "import_run"),
    )
    op.create_index("ix_survey_answer_plan_id", "survey_answer", ["plan_id"])
    _child_of_plan("need", _str("capability", 80), _int("weight"), unique=("capability",))
    _child_of_plan(
        "vendor_review",
        _str("product", 80),
        _bool("shortlisted"),
        _str("rating", null=True),
        _str("note"),
        _str("reviewer", null=True),
        _date("reviewed_on"),
        _str("status_at_review", null=True),
        _int("version"),
        unique=("product",),
    )
    _child_of_plan(
        "risk",
        _str("slug", 80),
        _str("title"),
        _str("likelihood"),
        _str("impact"),
        _str("mitigation"),
        _str("owner", null=True),
        _str("status"),
        _str("evidence"),
        _int("version"),
        unique=("slug",),
    )
    _child_of_plan(
        "criterion_weight", _str("criterion", 40), _float("weight"), unique=("criterion",)
    )
    _child_of_plan(
        "pilot",
        _str("slug", 80),
        _str("product"),
        _str("title"),
        _json("departments"),
        _int("users"),
        _str("sponsor", null=True),
        _date("start"),
        _date("end"),
        _str("status"),
        _str("decision", null=True),
        _str("rationale"),
        _date("decided_on"),
        _int("version"),
        unique=("slug",),
    )
    op.create_table(
        "pilot_kpi",
        _id(),
        _int("pilot_id"),
        _str("kpi", 80),
        _float("target"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pilot_id", "kpi"),
        _parent("pilot_id", "pilot"),
    )
    op.create_index("ix_pilot_kpi_pilot_id", "pilot_kpi", ["pilot_id"])
    op.create_table(
        "pilot_measurement",
        _id(),
        _int("pilot_id"),
        _str("kpi", 80),
        _date("on", null=False),
        _float("value"),
        sa.PrimaryKeyConstraint("id"),
        _parent("pilot_id", "pilot"),
    )
    op.create_index("ix_pilot_measurement_pilot_id", "pilot_measurement", ["pilot_id"])
    _child_of_plan(
        "feature",
        _str("slug", 120),
        _str("title"),
        _str("product", null=True),
        _str("target_system"),
        _json("departments"),
        _date("due"),
        _str("owner", null=True),
        _str("status"),
        _str("pilot", null=True),
        _int("version"),
        unique=("slug",),
    )
    _child_of_plan(
        "training",
        _str("slug", 120),
        _str("title"),
        _str("department"),
        _int("audience"),
        _str("format"),
        _date("due"),
        _str("owner", null=True),
        _int("version"),
        unique=("slug",),
    )
    op.create_table(
        "training_update",
        _id(),
        _int("training_id"),
        _date("on", null=False),
        _int("trained"),
        sa.PrimaryKeyConstraint("id"),
        _parent("training_id", "training"),
    )
    op.create_index("ix_training_update_training_id", "training_update", ["training_id"])
    _child_of_plan(
        "champion",
        _str("department"),
        _str("name"),
        unique=("department", "name"),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )
