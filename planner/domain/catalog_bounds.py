"""What a catalog value must satisfy, declared once for the two readers of the catalog.

A text's length and pattern, a number's range (:class:`Bounds`) and the refusal of unknown
keys (:func:`record`) are declared here, beside no pydantic: pydantic reads them through
its hooks when ``domain/catalog_schema`` validates a reviewer's YAML, and the cache's
decoder (``adapters/catalog_decode``) checks the same bounds without pydantic, so that a
read command on a cached catalog never imports it: pydantic's import and its model
building were a fifth of ``plan report``'s start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

_BOUNDS = ("pattern", "min_length", "max_length", "ge", "le")


@dataclass(frozen=True, slots=True)
class Bounds:
    """What a catalog text (its length, its pattern) or number must satisfy: validated by
    ``catalog_schema`` when the YAML is read, checked again when the cache is read."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """pydantic's hook: the type's own schema with these bounds (the keys of pydantic's
        string and integer schemas, so its messages are those of ``StringConstraints``)."""
        schema = handler(source)
        schema.update({key: v for key in _BOUNDS if (v := getattr(self, key)) is not None})
        return schema


_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[_R]) -> type[_R]:
    """A catalog object: a frozen, slotted, keyword-only dataclass whose validation by
    pydantic (``catalog_schema``) refuses unknown keys, so that a typo in a reviewer's YAML
    is an error rather than a silently ignored field."""
    made = dataclass(frozen=True, slots=True, kw_only=True)(cls)
    made.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return made


SLUG = Bounds(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
TEXT = Bounds(min_length=1, max_length=2000)
APP_NAME = Bounds(min_length=1, max_length=200)  # an application's name or id
DOMAIN_NAME = Bounds(min_length=1, max_length=253)
YEAR = Bounds(ge=1990, le=2100)
