"""Converting between the store's table records and the domain's objects.

The repository (:mod:`planner.adapters.store.repository`) runs the queries; this module
holds what turns a record or a Core row into a domain object and back (a plan from its
record, a tool from its row, a tool's column values), so that the conversion is in one
place and the repository's module stays about sessions and queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, String, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from planner.adapters.store.tables import PlanRecord, ToolRecord
from planner.domain.plan import Plan, Tool
from planner.domain.records.inventory import ToolFields
from planner.domain.records.values import as_stored, domain_values, field_loaders, row_values


def plan_from_record(record: PlanRecord) -> Plan:
    return Plan(
        name=record.name,
        start=record.start,
        organisation=record.organisation,
        owner=record.owner,
        eu_residency_required=record.eu_residency_required,
        employees=record.employees,
        use_cases=split_list(record.use_cases),
        excluded_deployments=split_list(record.excluded_deployments),
        suites=split_list(record.suites),
        countries=split_list(record.countries),
    )


def split_list(text: str) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(",") if item)


# A tool's log evidence: the table's, not the definition's (a reviewer never edits it).
_EVIDENCE = ("log_users", "survey_users", "requests", "bytes", "blocked")


def tool_from_record(record: Any) -> Tool:
    """A tool from a ``ToolRecord`` or a Core row of the tool table."""
    return Tool(
        slug=record.slug,
        **domain_values(ToolFields, record, Tool),
        **{name: getattr(record, name) for name in _EVIDENCE},
        version=record.version,
    )


def _memoised(load: Callable[[Any], Any], *, json_text: bool) -> Callable[[Any], Any]:
    """``load`` remembered per distinct value; with ``json_text`` the value is a JSON
    column's text, decoded here. A value that cannot be a key (a list a driver already
    decoded) is loaded as it is."""
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            pass
        except TypeError:  # unhashable: already decoded by the driver
            return load(value)
        decoded = json.loads(value) if json_text and isinstance(value, str) else value
        memo[value] = result = load(decoded)
        return result

    return convert


class ToolReader:
    """Tools from Core rows of the tool table, as :func:`tool_from_record` builds them but
    several times faster for a whole plan: the JSON lists are selected as their text and
    decoded once per distinct text (60,000 tools share a few hundred department, purpose
    and source lists; the tuples are immutable, so sharing them is safe), an enum is looked
    up once per value, and each row is read by position. One reader per query: its
    memory lives as long as the listing."""

    def __init__(self) -> None:
        table = SQLModel.metadata.tables[ToolRecord.__tablename__]
        self.table = table
        loaders = dict(field_loaders(ToolFields, Tool))
        self.names = ("slug", *loaders, *_EVIDENCE, "version")
        columns: list[Any] = []
        converters: list[Callable[[Any], Any] | None] = []
        for name in self.names:
            column = table.c[name]
            is_json = isinstance(column.type, JSON)
            columns.append(type_coerce(column, String).label(name) if is_json else column)
            load = loaders.get(name)
            # Only converted values are remembered (JSON lists, enums): a date or a string
            # is taken as the driver gives it.
            converters.append(
                None if load is None or load is as_stored else _memoised(load, json_text=is_json)
            )
        self.columns = columns
        self.converters = converters

    def query(self, plan_id: int) -> Any:
        table = self.table
        return sa_select(*self.columns).where(table.c.plan_id == plan_id).order_by(table.c.slug)

    def __call__(self, row: Sequence[Any]) -> Tool:
        return Tool(
            **{
                name: value if convert is None else convert(value)
                for name, convert, value in zip(self.names, self.converters, row, strict=True)
            }
        )


def _text(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; store U+FFFD instead, the same on every engine."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def tool_values(tool: Tool) -> dict[str, object]:
    values = {name: _text(value) for name, value in row_values(ToolFields, tool).items()}
    return values | {name: getattr(tool, name) for name in _EVIDENCE}
