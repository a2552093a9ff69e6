"""An audience the plan must reach, written down once: the table, the plan file's
``audiences`` entries, the repository mapping and the command-line options derive from it.

Why a record of its own: the ranking weighed products as if everyone sat at a desk with a
mailbox. A consultant starts from who must be reached — 2,400 office staff, 600 people on
the shop floor without e-mail who share a tablet per shift — because that decides which
products can reach them and which licences they need (``domain.audiences``).
"""

from __future__ import annotations

from sqlmodel import JSON, Field, SQLModel

from planner.domain.records.types import Count, Language, Name, Note
from planner.domain.records.values import changes_of


class AudienceFields(SQLModel):
    name: Name
    people: Count = 0
    frontline: bool = False  # deskless: shop floor, stores, plants, field
    email: bool = True  # has a corporate mailbox (an identity a product can sign in with)
    shared_devices: bool = False  # reaches the product on a device shared by a shift
    languages: list[Language] = Field(default_factory=list, sa_type=JSON)
    notes: Note = ""


_EDITABLE = ("name", "people", "frontline", "email", "shared_devices", "languages", "notes")


# A dynamic base (its fields come from the definition), hence the ignore.
class AudienceChanges(changes_of(AudienceFields, _EDITABLE, "AudienceFieldsEditable")):  # type: ignore[misc]
    """What ``audience set`` may change."""
