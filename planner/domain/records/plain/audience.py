"""Plain copies of ``records.audience`` (generated: see the package)."""

from __future__ import annotations

from pydantic import Field

from planner.domain.records.plain import Plain
from planner.domain.records.types import Count, Language, Name, Note


class AudienceFields(Plain):
    name: Name
    people: Count = 0
    frontline: bool = False
    email: bool = True
    shared_devices: bool = False
    languages: list[Language] = Field(default_factory=list)
    notes: Note = ""
