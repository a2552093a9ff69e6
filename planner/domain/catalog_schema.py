"""The catalog contract of DESIGN.md §3: what a product or capability file must hold.

These pydantic models validate what a reviewer wrote (``adapters/catalog_files``): they
forbid unknown keys, so that a typo is an error rather than a silently ignored field, and
check each value against the constraints ``domain/catalog`` declares (:class:`Bounds`).
Each model has the name and the fields of the plain object the rest of the code uses
(``domain/catalog``), so that pydantic's messages name what the file describes; what
passes is handed back as that plain object (:func:`product`, :func:`capability`). Only a
command that reads the YAML files imports pydantic: the cache hands out the plain objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from planner.domain import catalog
from planner.domain.catalog import (
    APP_NAME,
    DOMAIN_NAME,
    ONE_WAY_TO_DATE,
    SLUG,
    TEXT,
    YEAR,
    Category,
    Deployment,
    Level,
    Region,
    SourceKind,
    SsoProtocol,
    VendorStatus,
)

Slug = Annotated[str, StringConstraints(pattern=SLUG.pattern, max_length=SLUG.max_length)]
Text = Annotated[str, StringConstraints(min_length=TEXT.min_length, max_length=TEXT.max_length)]
AppName = Annotated[
    str, StringConstraints(min_length=APP_NAME.min_length, max_length=APP_NAME.max_length)
]
DomainName = Annotated[
    str, StringConstraints(min_length=DOMAIN_NAME.min_length, max_length=DOMAIN_NAME.max_length)
]
Year = Annotated[int, Field(ge=YEAR.ge, le=YEAR.le)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Capability(_Strict):
    id: Slug
    name: Text
    description: Text


class Checked(_Strict):
    on: dt.date
    source: Text
    kind: SourceKind
    verified: bool = False


class Security(_Strict):
    sso: tuple[SsoProtocol, ...] = ()
    data_residency: tuple[Region, ...] | None = None
    certifications: tuple[Slug, ...] = ()
    checked: Checked | None = None


class Reach(_Strict):
    without_email: bool | None = None
    shared_devices: bool | None = None
    checked: Checked | None = None


class DiscoveryApps(_Strict):
    names: tuple[AppName, ...] = ()
    ids: tuple[AppName, ...] = ()


class Discovery(_Strict):
    domains: tuple[DomainName, ...] = ()
    apps: DiscoveryApps = DiscoveryApps()


class HistoryEvent(_Strict):
    year: Year
    date: dt.date | None = None
    event: Text
    source: Text | None = None


class Strategy(_Strict):
    status: VendorStatus
    owner: Text
    successor: Slug | None = None
    end_of_support: dt.date | None = None
    acquired_on: dt.date | None = None
    announced_on: dt.date | None = None
    retired_on: dt.date | None = None
    checked: Checked | None = None
    as_of: dt.date | None = None
    source: Text | None = None
    history: tuple[HistoryEvent, ...] = ()

    @model_validator(mode="after")
    def _one_way_to_date(self) -> Strategy:
        if self.checked is not None and (self.as_of is not None or self.source is not None):
            raise ValueError(ONE_WAY_TO_DATE)
        return self


class Adoption(_Strict):
    source: Text
    metric: Text
    value: Text


class Product(_Strict):
    id: Slug
    name: Text
    vendor: Text
    category: Category
    summary: Text
    aliases: tuple[Text, ...] = ()
    capabilities: tuple[Slug, ...] = ()
    deployment: tuple[Deployment, ...] = ()
    security: Security = Security()
    reach: Reach = Reach()
    discovery: Discovery = Discovery()
    strategy: Strategy
    adoption: tuple[Adoption, ...] = ()
    sources: tuple[Text, ...] = ()
    suite: Slug | None = None
    included_in: tuple[Slug, ...] = ()
    integrates_with: tuple[Slug, ...] = ()
    capability_levels: dict[Slug, Level] = {}
    capabilities_source: Text | None = None
    family: Slug | None = None


# Each model and the plain object it becomes (same name, same fields: a test checks).
PLAIN: dict[type[BaseModel], type] = {
    model: getattr(catalog, model.__name__)
    for model in (
        Capability,
        Checked,
        Security,
        Reach,
        DiscoveryApps,
        Discovery,
        HistoryEvent,
        Strategy,
        Adoption,
        Product,
    )
}

_capability_list = TypeAdapter(list[Capability])


def plain(value: Any) -> Any:
    """A validated model as the domain's plain object (tuples of models too)."""
    model = type(value)
    target = PLAIN.get(model)
    if target is None:
        return tuple(plain(item) for item in value) if model is tuple else value
    values = dict(value.__dict__)  # the fields' values (extra keys are forbidden)
    for name in _NESTED[model]:
        values[name] = plain(values[name])
    return target(**values)


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


# The fields of each model that hold models (or tuples of them): converted in turn.
_NESTED = {
    model: tuple(name for name, info in model.model_fields.items() if _holds_model(info.annotation))
    for model in PLAIN
}


def product(data: object) -> catalog.Product:
    """``data`` validated as a product; pydantic's ValidationError if it is not one."""
    result: catalog.Product = plain(Product.model_validate(data))
    return result


def capability(data: object) -> catalog.Capability:
    result: catalog.Capability = plain(Capability.model_validate(data))
    return result


def capabilities(data: object) -> list[catalog.Capability]:
    """A capabilities file's list, validated as a whole (each error located by pydantic)."""
    return [plain(c) for c in _capability_list.validate_python(data)]
