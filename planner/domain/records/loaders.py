"""How a row's value becomes the value a domain object takes, read from a type annotation.

Light on purpose (no pydantic, no SQLModel): the definitions' loaders (``values.py``) and
the Core readers of the read-only commands (``adapters/store/rows.py``), which read the
domain class's own annotations, both use :func:`loader`.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from enum import Enum
from typing import Any, Union, get_args, get_origin


def _optional_arg(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def loader(annotation: Any) -> Callable[[Any], Any]:
    """An enum from its value (an optional enum: "" is none), a list or tuple as a tuple,
    anything else as it is stored."""
    inner = _optional_arg(annotation)
    if isinstance(inner, type) and issubclass(inner, Enum):
        enum = inner
        if inner is annotation:
            return enum
        return lambda value: enum(value) if value else None
    if get_origin(inner) in (list, tuple):
        return lambda value: tuple(value or ())
    return as_stored


def as_stored(value: Any) -> Any:
    """The loader of a field the domain takes as the row holds it."""
    return value
