"""Moving a record's fields between a row and a domain object, by its definition.

A repository maps a table row to a domain object and back; written by hand, that is one
line per field per direction, and a field added to a definition would need both. These
two functions read the definition instead: a row holds plain values (an enum as its
value, a list), a domain object holds typed ones (the enum, a tuple). A field the domain
class does not declare is left out of it (the row keeps its value on save).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from typing import Annotated, Any, Optional, Union, get_args, get_origin

from pydantic import create_model
from sqlmodel import SQLModel

from planner.domain.records.loaders import as_stored as as_stored
from planner.domain.records.loaders import loader
from planner.domain.records.types import plain

Definition = type[SQLModel]


def names(definition: Definition) -> tuple[str, ...]:
    """The definition's fields, in its order."""
    return tuple(definition.model_fields)


def row_values(definition: Definition, obj: Any) -> dict[str, Any]:
    """The definition's fields of ``obj`` (a domain object or an entry) as a row holds
    them; a field ``obj`` does not have is left out."""
    return {name: plain(getattr(obj, name)) for name in names(definition) if hasattr(obj, name)}


@cache
def _loaders(definition: Definition, target: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    wanted = (
        {f.name for f in dataclasses.fields(target)} if dataclasses.is_dataclass(target) else None
    )
    return tuple(
        (name, loader(info.annotation))
        for name, info in definition.model_fields.items()
        if wanted is None or name in wanted
    )


def field_loaders(
    definition: Definition, target: type
) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(field, how a row's value becomes the domain's) for each field ``target`` takes:
    what a reader of many rows uses to convert each column once per distinct value."""
    return _loaders(definition, target)


def domain_values(definition: Definition, row: Any, target: type) -> dict[str, Any]:
    """The definition's fields of ``row`` (a table record or a Core row) typed as the
    domain class ``target`` takes them: enums from their values, lists as tuples."""
    return {name: load(getattr(row, name)) for name, load in _loaders(definition, target)}


class _Changes(SQLModel):
    # A misspelt field is an error, not a change that silently does nothing.
    model_config = {"extra": "forbid"}


def _loose(annotation: Any) -> Any:
    """The type a change takes: without bounds (``list[Name]`` -> ``list[str]``), and an
    enum or its text (a service reads the text and says in its words what is wrong)."""
    if get_origin(annotation) is Annotated:
        return _loose(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return _loose(args[0]) if len(args) == 1 else annotation
    if get_origin(annotation) is list:
        return list[_loose(get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation | str
    return annotation


def changes_of(definition: Definition, shown: Iterable[str], name: str) -> type[SQLModel]:
    """A typed change of a record: the named fields of its definition, each optional; the
    fields it sets (``model_fields_set``) are the ones to change. Values are typed (a date
    is a date) but not bounded: the services say what is wrong in the domain's words, as
    they do for every other input."""
    fields: dict[str, Any] = {
        field: (Optional[_loose(definition.model_fields[field].annotation)], None)  # noqa: UP045
        for field in shown
    }
    model: type[SQLModel] = create_model(name, __base__=_Changes, **fields)
    return model
