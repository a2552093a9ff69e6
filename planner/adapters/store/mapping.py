"""Converting between the store's table records and the domain's objects.

The repository (:mod:`planner.adapters.store.repository`) runs the queries; this module
holds what turns a record or a Core row into a domain object and back (a plan from its
record, a tool from its row, a tool's column values), so that the conversion is in one
place and the repository's module stays about sessions and queries.
"""

from __future__ import annotations

from typing import Any

# Plans and tools from Core rows live in ``rows`` (light: the read-only commands use it).
from planner.adapters.store.rows import EVIDENCE, ToolReader, plan_from_record, split_list
from planner.domain.plan import Tool
from planner.domain.records.inventory import ToolFields
from planner.domain.records.values import domain_values, row_values

__all__ = ["ToolReader", "plan_from_record", "split_list", "tool_from_record", "tool_values"]


def tool_from_record(record: Any) -> Tool:
    """A tool from a ``ToolRecord`` or a Core row of the tool table."""
    return Tool(
        slug=record.slug,
        **domain_values(ToolFields, record, Tool),
        **{name: getattr(record, name) for name in EVIDENCE},
        version=record.version,
    )


def _text(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; store U+FFFD instead, the same on every engine."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def tool_values(tool: Tool) -> dict[str, object]:
    values = {name: _text(value) for name, value in row_values(ToolFields, tool).items()}
    return values | {name: getattr(tool, name) for name in EVIDENCE}
