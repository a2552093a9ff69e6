"""The catalog contract of DESIGN.md §3 enforced: pydantic validates what a reviewer wrote.

The contract is written once, as the plain dataclasses of ``domain/catalog``: pydantic
validates those very classes (their ``Bounds``, their refusal of unknown keys, the
strategy's one way to date), so there is no second set of models to keep in step. Only a
command that reads the YAML files imports this module, and pydantic with it; the cache
hands out the same objects without either (``adapters/catalog_decode``).
"""

from __future__ import annotations

from pydantic import TypeAdapter

from planner.domain import catalog

_product = TypeAdapter(catalog.Product)
_capability = TypeAdapter(catalog.Capability)
_capability_list = TypeAdapter(list[catalog.Capability])


def product(data: object) -> catalog.Product:
    """``data`` validated as a product; pydantic's ValidationError if it is not one."""
    return _product.validate_python(data)


def capability(data: object) -> catalog.Capability:
    """``data`` validated as a capability; pydantic's ValidationError if it is not one."""
    return _capability.validate_python(data)


def capabilities(data: object) -> list[catalog.Capability]:
    """A capabilities file's list, validated as a whole (each error located by pydantic)."""
    return _capability_list.validate_python(data)
