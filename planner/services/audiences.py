"""Use cases on audiences: add, change, delete and list the groups of people a plan must
reach. Every input goes through one check (:func:`_checked`) that names the wrong field
in the user's words; an audience's id is its name's slug, unique in the plan."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.domain.audiences import Audience
from planner.domain.plan import unique_slug
from planner.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from planner.adapters.store.db import Session
    from planner.domain.records.audience import AudienceChanges

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _plan_id(session: Session, plan: str | None) -> int:
    return reads.plan_id(session, plan)


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed fields from what the user gave; InputError names the field."""
    from planner.domain.records.types import MAX_COUNT

    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "name":
            text = " ".join(str(value).split())
            if not text or len(text) > 500:
                raise InputError("name: from 1 to 500 characters").about(name)
            out[name] = text
        elif name == "people":
            if not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
                raise InputError(f"people: a head-count from 0 to {MAX_COUNT:,}").about(name)
            out[name] = value
        elif name == "languages":
            codes = [str(v).strip().lower() for v in value if str(v).strip()]
            for code in codes:
                if not _LANGUAGE.match(code):
                    raise InputError(
                        f"languages: '{code}' is not an ISO 639 code (such as de, pl, fil)"
                    ).about(name)
            out[name] = tuple(dict.fromkeys(codes))
        elif name == "notes":
            out[name] = str(value or "")
        else:  # the flags: typed by the caller
            out[name] = bool(value)
    return out


def list_audiences(ws: Workspace, plan: str | None) -> list[Audience]:
    with ws.rows() as conn:  # Core: the listing commands only read
        return reads.audiences(conn, reads.plan_id(conn, plan))


def _find(audiences: list[Audience], ident: str) -> Audience:
    from planner.domain.plan import same_name, slugify

    for audience in audiences:
        if audience.id == ident or same_name(audience.name, ident):
            return audience
    for audience in audiences:
        if audience.id == slugify(ident, fallback=""):
            return audience
    raise NotFoundError(f"no audience '{ident}' in this plan (see audience list)")


def get_audience(ws: Workspace, plan: str | None, ident: str) -> Audience:
    return _find(list_audiences(ws, plan), ident)


def add_audience(ws: Workspace, plan: str | None, name: str, fields: Mapping[str, Any]) -> Audience:
    """A new audience named ``name``; its id is the name's slug (``shop-floor``)."""
    from planner.adapters.store.audience_repo import AudienceRepository

    typed = _checked({"name": name, **fields})
    with ws.write() as session:
        plan_id = _plan_id(session, plan)
        repo = AudienceRepository(session)
        current = repo.audiences(plan_id)
        taken = {a.id: a.name for a in current}
        slug = unique_slug(typed["name"], taken, fallback="audience")
        if slug in taken:
            raise InputError(f"the plan already has an audience '{taken[slug]}' ({slug})")
        audience = Audience(id=slug, **typed)
        repo.save(plan_id, audience)
    return audience


def update_audience(
    ws: Workspace, plan: str | None, ident: str, changes: AudienceChanges
) -> Audience:
    """Change the fields ``changes`` sets (the others are kept)."""
    from planner.adapters.store.audience_repo import AudienceRepository

    given = {name: getattr(changes, name) for name in changes.model_fields_set}
    with ws.write() as session:
        plan_id = _plan_id(session, plan)
        repo = AudienceRepository(session)
        current = _find(repo.audiences(plan_id), ident)
        updated = replace(current, **_checked(given))
        repo.save(plan_id, updated)
    return replace(updated, version=current.version + 1)


def delete_audience(ws: Workspace, plan: str | None, ident: str) -> Audience:
    from planner.adapters.store.audience_repo import AudienceRepository

    with ws.write() as session:
        plan_id = _plan_id(session, plan)
        repo = AudienceRepository(session)
        current = _find(repo.audiences(plan_id), ident)
        repo.delete(plan_id, current.id)
    return current
