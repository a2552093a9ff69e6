"""Reading a shipped list of registrable domains (``catalog/infrastructure.yaml``,
``catalog/sensitive.yaml``): one strict reader for both.

Why one: both lists are reviewed files of ``entries`` keyed by domain, and a reviewer's
mistake in either (an unknown key, a name that is not a domain, a domain listed twice)
must be reported the same way, every problem at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from planner.domain.hosts import normalize_host
from planner.errors import InputErrors


class _HasDomain(Protocol):
    domain: str


E = TypeVar("E", bound=_HasDomain)


def load_domain_list(path: Path, model: type[BaseModel], entry: type[E]) -> dict[str, E]:
    """domain (normalised) -> its entry, from a file ``model`` validates (its ``entries``
    are ``entry``); every problem of the file at its line."""
    from planner.adapters.yamlsafe import load_yaml_file, pydantic_errors

    doc = load_yaml_file(path, max_bytes=1024 * 1024)
    try:
        parsed: Any = model.model_validate(doc.data)
    except ValidationError as exc:
        raise pydantic_errors(exc, doc) from None
    errors = []
    found: dict[str, E] = {}
    for i, item in enumerate(parsed.entries):
        key = normalize_host(item.domain)
        if key is None or "." not in key:
            errors.append(
                doc.error(("entries", i, "domain"), f"not a domain name: {item.domain!r}")
            )
        elif key in found:
            errors.append(doc.error(("entries", i, "domain"), f"domain '{key}' is listed twice"))
        else:
            found[key] = item
    if errors:
        raise InputErrors(errors)
    return found
