"""The catalog cache's payload to and from the domain's plain objects, without pydantic.

A read command takes its catalog from the cache (``adapters/catalog_cache``). Validating
that JSON with pydantic (``domain/catalog_schema``) made every such command
import pydantic and build the catalog's validators first, a fifth of the start-up of
``plan report``. The payload was written from a catalog that validated, and the cache has
checked its key and SHA-256 already, so what is left is to refuse a file of another shape:
each value is checked here against its field's declared type and :class:`Bounds` (the
dataclass fields of ``domain/catalog``, the very constraints pydantic validates). A field
of a type this does not know makes the decoder refuse the whole file (a miss: the catalog
is read again from the YAML files), never guess.

Stricter than the schema on purpose, as :func:`encode` writes every field: an object must
carry exactly its fields, a date is ``YYYY-MM-DD``, a tuple is a list, a number an ``int``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from planner.domain.catalog_bounds import Bounds

T = TypeVar("T")
Decode = Callable[[Any], Any]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class Unsupported(TypeError):
    """A field type the decoder does not handle: the cache is not used for that class."""


def encode(value: Any) -> Any:
    """A catalog object as JSON data: what the schema's JSON mode would give."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def decode(cls: type[T], value: Any) -> T:
    """``value`` (parsed JSON) as a ``cls``; ValueError or TypeError if it is not one."""
    result: T = _decoder(cast(type, cls))(value)
    return result


def _refuse(what: str) -> typing.NoReturn:
    raise ValueError(f"catalog cache: {what}")


@cache
def _decoder(cls: type) -> Decode:
    if not dataclasses.is_dataclass(cls):
        raise Unsupported(repr(cls))
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = [(f.name, _for(hints[f.name])) for f in dataclasses.fields(cls)]
    names = frozenset(name for name, _ in fields)

    def decode_object(value: Any) -> Any:
        if type(value) is not dict or value.keys() != names:
            _refuse(f"not a {cls.__name__}")
        return cls(**{name: convert(value[name]) for name, convert in fields})

    return decode_object


def _for(annotation: Any) -> Decode:
    """The decoder of one declared type."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        bounds = annotation.__metadata__
        if len(bounds) != 1 or not isinstance(bounds[0], Bounds):
            raise Unsupported(repr(annotation))
        if args[0] is str:
            return _string(bounds[0])
        if args[0] is int:
            return _integer(bounds[0])
        raise Unsupported(repr(annotation))
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) != 1 or len(args) != 2:
            raise Unsupported(repr(annotation))
        inner = _for(kinds[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise Unsupported(repr(annotation))
        item = _for(args[0])
        return lambda v: tuple(map(item, v)) if type(v) is list else _refuse("not a list")
    if origin is dict:
        key, val = _for(args[0]), _for(args[1])
        return lambda v: (
            {key(k): val(x) for k, x in v.items()} if type(v) is dict else _refuse("not a dict")
        )
    if origin is not None:
        raise Unsupported(repr(annotation))
    if dataclasses.is_dataclass(annotation):
        return lambda v: _decoder(cast(type, annotation))(v)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return lambda v: annotation(v) if type(v) is str else _refuse("not an enum value")
    if annotation is bool:
        return lambda v: v if type(v) is bool else _refuse("not a bool")
    if annotation is dt.date:
        return _date
    raise Unsupported(repr(annotation))


def _date(value: Any) -> dt.date:
    if type(value) is not str or not _DATE.match(value):
        _refuse("not a date")
    return dt.date.fromisoformat(value)


def _string(bounds: Bounds) -> Decode:
    if bounds.ge is not None or bounds.le is not None:
        raise Unsupported(repr(bounds))
    low, high = bounds.min_length or 0, bounds.max_length
    pattern = None
    if bounds.pattern is not None:
        # pydantic's (Rust) ``$`` matches only at the very end, unlike Python's.
        source = bounds.pattern
        pattern = re.compile(source[:-1] + r"\Z" if source.endswith("$") else source)

    def decode_string(value: Any) -> str:
        if (
            type(value) is not str
            or len(value) < low
            or (high is not None and len(value) > high)
            or (pattern is not None and not pattern.search(value))
        ):
            _refuse("not a valid string")
        return value

    return decode_string


def _integer(bounds: Bounds) -> Decode:
    if bounds.pattern is not None or bounds.min_length is not None or bounds.max_length:
        raise Unsupported(repr(bounds))
    low, high = bounds.ge, bounds.le

    def decode_integer(value: Any) -> int:
        if (
            type(value) is not int
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            _refuse("not a valid integer")
        return value

    return decode_integer
