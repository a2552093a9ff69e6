"""The cache's decoder gives the objects the schema gives, and never takes what it refuses."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pydantic
import pytest

from planner.adapters.catalog_decode import Unsupported, decode, encode
from planner.adapters.catalog_files import load_catalog_dirs, shipped_catalog_dir
from planner.domain import catalog, catalog_schema
from planner.domain.catalog import Capability, Product

SHIPPED = load_catalog_dirs([shipped_catalog_dir()])


def test_the_schema_validates_the_plain_objects_themselves() -> None:
    # One definition: what pydantic hands back is the domain's own dataclass, with its
    # bounds and its refusal of unknown keys (a typo in a reviewer's file is an error).
    product = next(iter(SHIPPED))
    data = encode(product)
    assert type(catalog_schema.product(data)) is Product
    with pytest.raises(pydantic.ValidationError) as refused:
        catalog_schema.product({**data, "colour": "red"})
    assert [e["loc"] for e in refused.value.errors()] == [("colour",)]
    with pytest.raises(pydantic.ValidationError) as refused:
        catalog_schema.product({**data, "id": "Not A Slug"})
    assert [e["loc"] for e in refused.value.errors()] == [("id",)]


def test_every_shipped_product_round_trips() -> None:
    for product in SHIPPED:
        data = encode(product)
        assert decode(Product, data) == product
        assert catalog_schema.product(data) == product  # the schema reads the same JSON
    for capability in SHIPPED.capabilities.values():
        assert decode(Capability, encode(capability)) == capability


# What replaces a value in the mutations below: wrong types, out of bounds, bad patterns.
REPLACEMENTS: list[Any] = [
    "",
    "x" * 2001,
    "Not A Slug",
    "slack\n",
    "2024-01-01",
    "2024-13-45",
    "native",
    "intranet",
    1800,
    1995,
    1995.0,
    True,
    None,
    [],
    {},
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _replaced(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return data


def _rich_products() -> list[Product]:
    """Products that use most fields: history, checks, apps, levels, an old-style date."""
    wanted = {"jive", "yammer", "workplace", "slack", "jamespot"}
    found = [p for p in SHIPPED if p.id in wanted]
    assert len(found) >= 3
    return found


def test_the_decoder_never_accepts_what_the_schema_refuses() -> None:
    checked = 0
    for product in _rich_products():
        data = encode(product)
        for path in list(_paths(data))[1:]:
            for new in REPLACEMENTS:
                mutated = _replaced(data, path, new)
                try:
                    decoded = decode(Product, mutated)
                except (ValueError, TypeError):
                    continue  # refused: a miss, read again from the files
                checked += 1
                try:
                    validated = catalog_schema.product(mutated)
                except pydantic.ValidationError as exc:
                    pytest.fail(f"{product.id} {path} = {new!r} taken from the cache: {exc}")
                assert validated == decoded
    assert checked > 100


def test_both_ways_to_date_a_strategy_are_refused_everywhere() -> None:
    jive = next(p for p in SHIPPED if p.id == "jive")
    data = encode(jive)
    data["strategy"]["checked"] = {
        "on": "2024-01-01",
        "source": "x",
        "kind": "vendor",
        "verified": False,
    }
    data["strategy"]["as_of"] = "2024-01-01"
    with pytest.raises(ValueError):
        decode(Product, data)
    with pytest.raises(pydantic.ValidationError):
        catalog_schema.product(data)
    with pytest.raises(ValueError):
        catalog.Strategy(
            status=catalog.VendorStatus.ACTIVE,
            owner="o",
            checked=catalog.Checked(
                on=dt.date(2024, 1, 1), source="x", kind=catalog.SourceKind.VENDOR
            ),
            source="y",
        )


def test_extra_or_missing_keys_are_refused() -> None:
    data = encode(next(iter(SHIPPED)))
    with pytest.raises(ValueError):
        decode(Product, {**data, "typo": 1})
    del data["summary"]
    with pytest.raises(ValueError):
        decode(Product, data)


def test_a_field_of_an_unknown_type_refuses_rather_than_guesses() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        ratio: float

    with pytest.raises(Unsupported):
        decode(Odd, {"ratio": 0.5})
