"""The record definitions' plain pydantic copies (``planner/domain/records/plain/``) are
what the plan file's schema is built on: they must be the definitions exactly, and be
what ``scripts/make_plain_records.py`` writes from them."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from sqlmodel import SQLModel
from sqlmodel.main import FieldInfoMetadata

from planner.domain.records.plain import Plain
from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_plain_records", ROOT / "scripts" / "make_plain_records.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_plain_records"] = module
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
# What a field is to validation and to the file (not the column: sa_* stays behind).
ASPECTS = (
    "annotation", "default", "default_factory", "alias", "validation_alias", "title",
    "description", "examples", "exclude", "discriminator", "json_schema_extra", "frozen",
    "validate_default", "metadata",
)  # fmt: skip


def _definitions(module: ModuleType) -> dict[str, type[SQLModel]]:
    """The module's record definitions: its own SQLModel classes that are not tables nor
    a ``changes_of`` subset."""
    return {
        name: cls
        for name, cls in vars(module).items()
        if isinstance(cls, type)
        and issubclass(cls, SQLModel)
        and cls.__module__ == module.__name__
        and not cls.model_config.get("table")
        and not name.endswith("Changes")
    }


def _field(info: Any) -> dict[str, Any]:
    found = {aspect: getattr(info, aspect) for aspect in ASPECTS}
    found["annotation"] = repr(info.annotation)  # an inline Annotated[...] is made twice
    # SQLModel keeps the column's arguments among the metadata; validation ignores them.
    found["metadata"] = [m for m in info.metadata if not isinstance(m, FieldInfoMetadata)]
    return found | {"required": info.is_required()}


def test_the_plain_copies_are_what_the_script_writes() -> None:
    target = ROOT / "planner" / "domain" / "records" / "plain"
    files = SCRIPT.formatted(SCRIPT.render(ROOT / "planner"), target)
    assert not SCRIPT.stale(files, target), (
        "planner/domain/records/plain/ is stale: run python scripts/make_core_schema.py"
    )


@pytest.mark.parametrize("area", SCRIPT.SOURCES)
def test_each_plain_copy_has_its_definitions_fields(area: str) -> None:
    definitions = _definitions(importlib.import_module(f"planner.domain.records.{area}"))
    plain = importlib.import_module(f"planner.domain.records.plain.{area}")
    assert definitions, area
    for name, definition in definitions.items():
        copy = getattr(plain, name)
        assert issubclass(copy, Plain) and not issubclass(copy, SQLModel)
        assert list(copy.model_fields) == list(definition.model_fields), name
        for field, info in definition.model_fields.items():
            assert _field(copy.model_fields[field]) == _field(info), f"{name}.{field}"
        assert copy.model_json_schema() == definition.model_json_schema(), name
        assert copy.model_config.get("from_attributes") is True


def test_a_copy_validates_as_its_definition() -> None:
    from planner.domain.records.contract import ContractFields
    from planner.domain.records.plain.contract import ContractFields as PlainContract

    good = {"product": "slack", "annual_cost": 12000.5, "start": "2027-01-01", "end": "2027-12-31"}
    assert PlainContract.model_validate(good).model_dump() == (
        ContractFields.model_validate(good).model_dump()
    )
    bad = {**good, "currency": "EURO", "seats": -1, "annual_cost": "12,5"}
    errors = []
    for model in (ContractFields, PlainContract):
        with pytest.raises(ValidationError) as caught:
            model.model_validate(bad)
        errors.append(caught.value.errors(include_url=False))
    assert errors[0] == errors[1]
    assert {e["loc"] for e in errors[0]} == {("currency",), ("seats",), ("annual_cost",)}


def test_the_script_copies_fields_without_their_column_types(tmp_path: Path) -> None:
    source = (
        "from sqlmodel import JSON, Field, SQLModel\n"
        "from planner.domain.records.types import Id, text_column\n"
        "class AFields(SQLModel):\n"
        '    """A doc."""\n\n'
        "    kind: str = Field(default='x', sa_type=text_column(), max_length=9)\n"
        "    tags: list[Id] = Field(default_factory=list, sa_type=JSON)\n"
        "    only: Id = Field(sa_type=text_column(80))\n"
        "class BFields(AFields):\n"
        "    more: int = 0\n"
    )
    text = SCRIPT.render_module("example", source)
    assert "sa_type" not in text and "sqlmodel" not in text and "text_column" not in text
    (tmp_path / "plain_example.py").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("plain_example", tmp_path / "plain_example.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plain_example"] = module  # pydantic resolves the annotations there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["plain_example"]
    b = module.BFields
    assert issubclass(b, module.AFields) and issubclass(b, BaseModel)
    assert list(b.model_fields) == ["kind", "tags", "only", "more"]
    assert b.model_fields["kind"].default == "x"
    assert b.model_fields["only"].is_required()
    with pytest.raises(ValidationError):
        b(kind="x" * 10, only="y")


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ("    a: int = 0\n    def check(self) -> None:\n        pass\n", "holds only fields"),
        ("    a: Local = 0\n", "Local is defined beside the definitions"),
    ],
)
def test_the_script_refuses_what_a_copy_would_lose(body: str, refused: str) -> None:
    source = (
        "from typing import Annotated\nfrom sqlmodel import SQLModel\nLocal = Annotated[int, 1]\n"
        f"class AFields(SQLModel):\n{body}"
    )
    with pytest.raises(SystemExit, match=refused):
        SCRIPT.render_module("example", source)
