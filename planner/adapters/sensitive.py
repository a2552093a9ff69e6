"""The shipped list of sites whose visits reveal special-category data (GDPR Art. 9).

``catalog/sensitive.yaml`` lists registrable domains of trade unions and works councils,
patient organisations, churches, parties and queer organisations, each with its category,
who runs it, the country and a source, so a reviewer can check every entry. It is read
strictly, as the infrastructure list is (unknown keys, a name that is not a domain, a
domain listed twice: located errors), once per process. The workspace's own entries
(``planner privacy sensitive add``) are stored with the workspace and added on top.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from planner.adapters.catalog_files import SENSITIVE_FILE, shipped_catalog_dir
from planner.adapters.domain_lists import load_domain_list
from planner.domain.sensitive import Category, SensitiveList

__all__ = ["Entry", "load_sensitive", "sensitive_list", "shipped"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    domain: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    category: Category
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


class SensitiveFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    schema_: Literal["planner.sensitive/1"] = Field(alias="schema")
    entries: list[Entry]


def load_sensitive(path: Path) -> dict[str, Entry]:
    """domain (normalised) -> its entry; every problem of the file at its line."""
    return load_domain_list(path, SensitiveFile, Entry)


@cache
def shipped() -> dict[str, Entry]:
    """The list that comes with planner (read once per process)."""
    return load_sensitive(shipped_catalog_dir() / SENSITIVE_FILE)


def sensitive_list(own: Mapping[str, Category] | None = None) -> SensitiveList:
    """The shipped list with the workspace's ``own`` entries on top (an own entry under a
    shipped domain is more specific and wins; the category is the same kind of answer)."""
    domains = {domain: entry.category for domain, entry in shipped().items()}
    domains.update(own or {})
    return SensitiveList(domains)
