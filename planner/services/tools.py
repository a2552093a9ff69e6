"""Use cases on the tools of a plan: list, show, add by hand, classify and edit.

Edits are validated here (status and category enums, the purposes vocabulary, catalog
product ids), so the CLI and the TUI refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace

# Re-exported for the front ends: read-only work that asks several services for the same
# plan's tools (a report, a big plan's Inventory screen) reads them once inside it.
from planner.adapters.store.reads import sharing_tools as sharing_tools
from planner.domain.catalog import Catalog, Category
from planner.domain.names import display_name
from planner.domain.plan import PURPOSES, Source, Tool, ToolStatus, unique_slug
from planner.errors import ConflictError, InputError, NotFoundError
from planner.services.listings import count_tools as count_tools
from planner.services.listings import iter_tools as iter_tools
from planner.services.locking import check_version

if TYPE_CHECKING:
    from planner.domain.records.inventory import ToolChanges


def list_tools(ws: Workspace, plan: str | None = None) -> list[Tool]:
    with ws.rows() as conn:  # Core: only reads
        return reads.tools(conn, reads.plan_id(conn, plan))


def get_tool(ws: Workspace, plan: str | None, slug: str) -> Tool:
    for tool in list_tools(ws, plan):
        if tool.slug == slug:
            return tool
    raise NotFoundError(f"no tool '{slug}' in this plan")


def survey_comments(
    ws: Workspace, plan: str | None, tool: str | None = None
) -> dict[str, list[tuple[str | None, str]]]:
    """tool -> what survey respondents wrote about it: (department, comment), in file order.
    Evidence, like host counts: kept in the workspace, shown and exported to the inventory
    CSV, not carried by the plan file (which must round-trip byte for byte)."""
    with ws.rows() as conn:  # Core: only reads
        return reads.survey_comments(conn, reads.plan_id(conn, plan), tool)


def tool_comments(ws: Workspace, plan: str | None, slug: str) -> list[tuple[str | None, str]]:
    """What survey respondents wrote about one tool."""
    return survey_comments(ws, plan, slug).get(slug, [])


def save_tools(ws: Workspace, plan: str | None, tools: list[Tool]) -> None:
    """Add or update several tools in one transaction."""
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        for tool in tools:
            repo.save_tool(record.id, tool)


def _purposes(values: Iterable[str]) -> tuple[str, ...]:
    found = []
    for value in values:
        v = value.strip()
        if not v:
            continue
        if v not in PURPOSES:
            raise InputError(f"unknown purpose '{v}' (known: {', '.join(PURPOSES)})")
        found.append(v)
    return tuple(sorted(set(found)))


def _clean(catalog: Catalog, changes: dict[str, Any]) -> dict[str, Any]:
    from planner.domain.records.inventory import ToolChanges

    unknown = set(changes) - set(ToolChanges.model_fields)
    if unknown:
        raise InputError(f"cannot change {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "status":
            try:
                out["status"] = ToolStatus(value)
            except ValueError:
                raise InputError(f"status must be one of {', '.join(ToolStatus)}") from None
            out["classified"] = True
        elif key == "category":
            try:
                out["category"] = Category(value) if value else None
            except ValueError:
                raise InputError(f"category must be one of {', '.join(Category)}") from None
        elif key == "product":
            product = catalog.get(value) if value else None
            if value and product is None:
                raise InputError(f"no product '{value}' in the catalog")
            out["product"] = value or None
            if product is not None and "category" not in changes:
                out["category"] = product.category  # a mapped tool takes the product's
        elif key == "purposes":
            out["purposes"] = _purposes(value)
        elif key == "capabilities":
            unknown_caps = [c for c in value if c.strip() and c.strip() not in catalog.capabilities]
            if unknown_caps:
                raise InputError(f"unknown capability '{unknown_caps[0]}'")
            out["capabilities"] = tuple(sorted({c.strip() for c in value if c.strip()}))
        elif key == "departments":
            out["departments"] = tuple(sorted({d.strip() for d in value if d.strip()}))
        elif key == "owner":
            out["owner"] = (value or "").strip() or None
        elif key == "name":
            name = display_name(value or "")  # NFC; "" when only invisible characters
            if not name:
                raise InputError("a tool needs a name")
            out["name"] = name
        else:
            out[key] = value
    return out


def update_tool(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    slug: str,
    changes: ToolChanges,
    expected_version: int | None = None,
) -> Tool:
    """Change the fields ``changes`` sets; setting a status counts as classifying it.

    With ``expected_version``, refuse (StaleEditError) if someone saved it since.
    """

    from planner.adapters.store.mapping import tool_from_record
    from planner.adapters.store.repository import Repository

    cleaned = _clean(catalog, changes.model_dump(exclude_unset=True))
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        locked = repo.tool_record(record.id, slug, for_update=True)
        if locked is None:
            raise NotFoundError(f"no tool '{slug}' in this plan")
        current = tool_from_record(locked)
        check_version(f"tool '{slug}'", current, expected_version, cleaned)
        updated = replace(current, **cleaned)
        repo.save_tool(record.id, updated)
    return replace(updated, version=current.version + 1)


def add_tool(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    name: str,
    fields: ToolChanges | None = None,
    users: int | None = None,
) -> Tool:
    """A tool people told IT about (manual entry); mapped to the catalog when it is known.
    ``fields`` gives what else is known of it (its product, category, …); None: nothing.
    ``users``: how many people use it by what they said (an interview, a workshop), kept
    like a survey's answer so later evidence adds to it instead of erasing it."""

    from planner.adapters.store.repository import Repository

    if users is not None and users < 0:
        raise InputError("users: expected a whole number of people, 0 or more").about("users")
    given = fields.model_dump(exclude_unset=True) if fields is not None else {}
    cleaned = _clean(catalog, {"name": name, **given})
    product_id = cleaned.get("product")
    if product_id is None and "category" not in cleaned:
        match = catalog.find_by_name(name)
        product_id = match.id if match else None
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        taken = repo.tool_names(record.id)
        slug = product_id or unique_slug(name, taken)
        if slug in taken:
            raise ConflictError(f"the plan already has a tool '{slug}' ({taken[slug]})").about(
                "name"
            )
        product = catalog.get(product_id) if product_id else None
        category = product.category if product else None
        tool = replace(
            Tool(
                slug,
                cleaned.pop("name"),
                product_id,
                category=category,
                sources=(Source.MANUAL.value,),
            ),
            **cleaned,
        )
        if users:
            from planner.services.tool_merge import record_interview

            departments = tool.departments
            department = departments[0] if len(departments) == 1 else None
            tool = record_interview(session, record.id, tool, users, department)
        repo.save_tool(record.id, tool)
    return tool
