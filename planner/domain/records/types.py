"""Value types shared by the record definitions: what a reviewer may write in a field.

Every type a definition's field is annotated with lives here, in a module that imports
pydantic but neither SQLModel nor SQLAlchemy: the plain definitions (``records/plain/``, which
``plan validate`` uses) are generated from the definitions' source and import their types
from here.

They constrain validation only (the plan file, typed input); a constraint here never
changes a column, so a stricter rule needs no migration. Column lengths, where a table has
them, are given to the column itself (``sa_type=AutoString(length=…)``).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic import Field as Bound

from planner.domain.contracts import (
    NOTICE_MAX_DAYS,
    amount_problem,
    canonical_amount,
    currency_problem,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(max_length=10_000)]
Short = Annotated[str, StringConstraints(max_length=500)]

MAX_COUNT = 10**9  # users, audiences: nothing real comes near; the database stores int64
Count = Annotated[int, Bound(ge=0, le=MAX_COUNT)]
Score = Annotated[int, Bound(ge=1, le=5)]
Audience = Annotated[int, Bound(gt=0, le=MAX_COUNT)]  # people a training reaches
# A vendor's status when it was reviewed (the catalog's ``VendorStatus`` values).
VendorStatusName = Literal["active", "acquired", "declining", "retired"]
# An ISO 639 language code (de, pl, fil): what an audience reads.
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


def _no_float_noise(value: Any) -> Any:
    """A reviewer may write ``annual_cost: 12000.5`` unquoted; YAML reads a float, whose
    shortest text (``repr``) is what they wrote. Taken through that text, never the
    binary value (``Decimal(0.1)`` is 0.1000000000000000055…)."""
    return repr(value) if isinstance(value, float) else value


def _amount(value: Decimal) -> Decimal:
    problem = amount_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return canonical_amount(value)


def _currency(value: str) -> str:
    problem = currency_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# A contract's annual cost and currency, and its notice period.
Amount = Annotated[Decimal, BeforeValidator(_no_float_noise), AfterValidator(_amount)]
Currency = Annotated[str, AfterValidator(_currency)]
NoticeDays = Annotated[int, Bound(ge=0, le=NOTICE_MAX_DAYS)]


def text_column(length: int | None = None) -> Any:
    """The column type of a text field, also for an enum field: enums are stored as their
    value in a plain text column (SQLModel would otherwise make a SQL ENUM of the names).
    SQLModel is imported here, not above: the plain definitions (``records/plain/``) take their
    value types from this module and must load neither SQLModel nor SQLAlchemy."""
    from sqlmodel import AutoString

    return AutoString(length=length) if length is not None else AutoString


def plain(value: Any) -> Any:
    """A field's value as a row holds it: enums as their value, tuples as sorted lists (a
    list field is a set to the reviewer; sorting keeps exports stable)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return sorted(value)
    return value
