"""The shipped list of infrastructure that is not social software.

A month of proxy logs is mostly CDN shards, update services, telemetry, ad networks and
certificate authorities. ``catalog/infrastructure.yaml`` lists their domains, each with a
kind, who runs it and a source, so a reviewer can check every entry; an import marks the
new hosts under them ``infrastructure`` (and, when the list changed, the hosts of earlier
imports still undecided) and the triage list keeps what is left. It is read
strictly (unknown keys, a name that is not a domain, a domain listed twice: located errors).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from planner.adapters.catalog_files import INFRASTRUCTURE_FILE, shipped_catalog_dir
from planner.adapters.domain_lists import load_domain_list
from planner.domain.hosts import DomainMatcher

Kind = Literal["cdn", "updates", "telemetry", "ads", "certificate-authority"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    domain: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    kind: Kind
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


class InfrastructureFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    schema_: Literal["planner.infrastructure/1"] = Field(alias="schema")
    entries: list[Entry]


def load_infrastructure(path: Path) -> dict[str, Entry]:
    """domain (normalised) -> its entry; every problem of the file at its line."""
    return load_domain_list(path, InfrastructureFile, Entry)


@cache
def shipped() -> dict[str, Entry]:
    """The list that comes with planner (read once per process)."""
    return load_infrastructure(shipped_catalog_dir() / INFRASTRUCTURE_FILE)


def matcher(entries: dict[str, Entry] | None = None) -> DomainMatcher:
    """Hosts to the kind of infrastructure they are under (the closest listed domain)."""
    listed = shipped() if entries is None else entries
    return DomainMatcher({domain: e.kind for domain, e in listed.items()})


def digest(entries: dict[str, Entry] | None = None) -> str:
    """A digest of what the list classifies (each domain and its kind): a plan records the
    one last applied to its hosts, so an import re-applies the list only when it changed."""
    import hashlib

    listed = shipped() if entries is None else entries
    text = "\n".join(f"{domain} {listed[domain].kind}" for domain in sorted(listed))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_domains(entries: dict[str, Entry] | None = None) -> tuple[list[str], list[str]]:
    """Where the hosts under the list are, as hosts store their registrable domain:
    (domains to look up exactly, suffixes whose hosts' domains end in ``.suffix``). An
    entry such as ``cloudfront.net`` is a public suffix: each of its hosts is a
    registrable domain of its own, found only by the suffix."""
    from planner.domain.suffixes import registrable_domain

    listed = shipped() if entries is None else entries
    exact: set[str] = set()
    suffixes: list[str] = []
    for domain in sorted(listed):
        exact.add(registrable_domain(domain))
        if registrable_domain("a." + domain) != registrable_domain(domain):
            exact.add(domain)
            suffixes.append(domain)
    return sorted(exact), suffixes
