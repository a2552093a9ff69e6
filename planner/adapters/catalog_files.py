"""Read the vendor catalog from YAML directories, strictly, with every error located.

The shipped catalog lives in ``catalog/`` at the repository root and is force-included in
the wheel as ``planner/_catalog``. An editable install or a checkout has no ``_catalog``,
so we fall back to the checkout's directory. Users add products with ``--catalog DIR``.

All files are read and checked before anything is reported, so one run lists every
problem (``file:line:col: message``), as a linter would.

A command gets the catalog through :func:`load_catalog` with a ``cache_dir``: a catalog
already parsed in that state comes from the cache (``adapters/catalog_cache``) without
PyYAML or error location, which are imported only when files are really read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import MAX_PROBLEMS, InputError, InputErrors, capped

if TYPE_CHECKING:
    from planner.adapters.yamlsafe import YamlDocument
    from planner.domain.catalog import Capability, Catalog, Product

CAPABILITIES_FILE = "capabilities.yaml"
# Beside the products, not one of them: the infrastructure list (adapters/infrastructure).
INFRASTRUCTURE_FILE = "infrastructure.yaml"
SENSITIVE_FILE = "sensitive.yaml"  # sites revealing Art. 9 data (adapters/sensitive)
MAX_CATALOG_FILE = 1024 * 1024


def shipped_catalog_dir() -> Path:
    """The catalog that comes with planner, installed or in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_catalog"
    if installed.is_dir():
        return installed
    return package.parent / "catalog"


def _product_files(directory: Path) -> list[Path]:
    """Every product file under ``directory``, in sub-directories too (one per family),
    hidden files and folders left out; the vocabulary and infrastructure files sit at the
    root."""

    def wanted(path: Path) -> bool:
        parts = path.relative_to(directory).parts
        if any(part.startswith(".") for part in parts):
            return False
        return len(parts) > 1 or path.name not in (
            CAPABILITIES_FILE,
            INFRASTRUCTURE_FILE,
            SENSITIVE_FILE,
        )

    files = [*directory.rglob("*.yaml"), *directory.rglob("*.yml")]
    return sorted(
        (f for f in files if f.is_file() and wanted(f)),
        key=lambda f: f.relative_to(directory).parts,
    )


def family_of(path: Path, directory: Path) -> str | None:
    """A product's family: the first folder under the catalog directory, if any."""
    parts = path.relative_to(directory).parts
    return parts[0] if len(parts) > 1 else None


def files_read(directory: Path) -> list[Path]:
    """The files :func:`load_catalog_dirs` reads in ``directory`` (the cache keys on them)."""
    cap_file = directory / CAPABILITIES_FILE
    return [*([cap_file] if cap_file.exists() else []), *_product_files(directory)]


def _load(path: Path, errors: list[InputError]) -> YamlDocument | None:
    from planner.adapters.yamlsafe import load_yaml_file

    try:
        return load_yaml_file(path, max_bytes=MAX_CATALOG_FILE)
    except InputErrors as exc:
        errors.extend(exc.errors)
    except InputError as exc:
        errors.append(exc)
    except OSError as exc:
        errors.append(InputError(f"cannot read: {exc.strerror}", file=str(path)))
    return None


def _capabilities(doc: YamlDocument, errors: list[InputError]) -> list[Capability]:
    from pydantic import ValidationError

    from planner.adapters.yamlsafe import pydantic_errors
    from planner.domain.catalog_schema import capabilities

    try:
        found = list(enumerate(capabilities(doc.data)))
    except ValidationError as exc:
        errors.extend(pydantic_errors(exc, doc).errors)
        # Keep checking the valid entries (duplicates) so one run reports every problem.
        items = doc.data if isinstance(doc.data, list) else []
        found = [
            (i, c) for i, item in enumerate(items) if (c := _capability_or_none(item)) is not None
        ]
    seen: dict[str, int] = {}
    unique = []
    for index, cap in found:
        line = doc.mark((index, "id"))[0]
        if cap.id in seen:
            errors.append(
                doc.error(
                    (index, "id"), f"duplicate capability '{cap.id}' (first at line {seen[cap.id]})"
                )
            )
            continue
        seen[cap.id] = line
        unique.append(cap)
    return unique


def _capability_or_none(item: object) -> Capability | None:
    from pydantic import ValidationError

    from planner.domain.catalog_schema import capability

    try:
        return capability(item)
    except ValidationError:
        return None


def _product(
    doc: YamlDocument, errors: list[InputError], family: str | None = None
) -> Product | None:
    from pydantic import ValidationError

    from planner.adapters.yamlsafe import pydantic_errors
    from planner.domain import catalog, catalog_schema

    if not isinstance(doc.data, dict):
        errors.append(doc.error((), "expected a mapping describing one product"))
        return None
    known = {f.name for f in dataclasses.fields(catalog.Product)}
    unknown = [key for key in doc.data if key not in known]
    if len(unknown) > MAX_PROBLEMS:  # a flood: named here, not each located by pydantic
        found = []
        for key in unknown[: MAX_PROBLEMS + 1]:
            line, col = doc.key_mark((key,))
            found.append(InputError(f"unknown key {key!r}", file=doc.source, line=line, col=col))
        errors.extend(capped(found, len(unknown)))
        return None
    if "family" in doc.data:
        errors.append(
            doc.error(("family",), "the family is the product file's folder: remove 'family'")
        )
        return None
    try:
        return catalog_schema.product({**doc.data, "family": family})
    except ValidationError as exc:
        errors.extend(pydantic_errors(exc, doc).errors)
        return None


def _cross_check(
    products: list[tuple[Product, YamlDocument]],
    capabilities: dict[str, Capability],
    errors: list[InputError],
) -> None:
    from planner.domain.hosts import normalize_host

    first: dict[str, YamlDocument] = {}
    domains: dict[str, tuple[str, YamlDocument]] = {}
    for product, doc in products:
        if product.id in first:
            other = first[product.id]
            errors.append(
                doc.error(
                    ("id",),
                    f"duplicate product id '{product.id}' (also in "
                    f"{other.source}:{other.mark(('id',))[0]})",
                )
            )
        else:
            first[product.id] = doc
        for i, cap in enumerate(product.capabilities):
            if cap not in capabilities:
                errors.append(doc.error(("capabilities", i), f"unknown capability '{cap}'"))
        _check_suite_fields(product, doc, errors)
        for i, domain in enumerate(product.discovery.domains):
            key = domain.lower().rstrip(".")
            if normalize_host(domain) != key or "." not in key:
                errors.append(
                    doc.error(
                        ("discovery", "domains", i),
                        f"'{domain}' is not a domain name (e.g. example.com)",
                    )
                )
                continue
            if key in domains and domains[key][0] != product.id:
                errors.append(
                    doc.error(
                        ("discovery", "domains", i),
                        f"domain '{domain}' already belongs to '{domains[key][0]}'",
                    )
                )
            domains.setdefault(key, (product.id, doc))
    for product, doc in products:
        successor = product.strategy.successor
        if successor is not None and successor not in first:
            errors.append(
                doc.error(("strategy", "successor"), f"unknown successor product '{successor}'")
            )
        if successor == product.id:
            errors.append(doc.error(("strategy", "successor"), "a product cannot succeed itself"))


def load_catalog(
    extra_dirs: Sequence[Path] = (), *, shipped: Path | None = None, cache_dir: Path | None = None
) -> Catalog:
    """The shipped catalog plus the user's directories; raise InputErrors listing every problem.

    With ``cache_dir``, a catalog already parsed in this state is read from the cache there,
    and a newly parsed valid one is stored in it (see ``adapters/catalog_cache``).
    """
    directories = [shipped or shipped_catalog_dir(), *extra_dirs]
    if cache_dir is None:
        return load_catalog_dirs(directories)
    from planner.adapters.catalog_cache import load_cached

    return load_cached(directories, cache_dir, load_catalog_dirs)


def load_catalog_dirs(directories: Iterable[Path]) -> Catalog:
    return load_catalog_documents(directories)[0]


def load_catalog_documents(
    directories: Iterable[Path],
) -> tuple[Catalog, dict[str, YamlDocument]]:
    """The catalog and each product's document (to locate what ``catalog audit`` finds);
    raise InputErrors listing every problem."""
    from planner.domain.catalog import Catalog

    errors: list[InputError] = []
    capabilities: dict[str, Capability] = {}
    products: list[tuple[Product, YamlDocument]] = []
    dirs = list(directories)
    for directory in dirs:
        if not directory.is_dir():
            errors.append(InputError("not a catalog directory", file=str(directory)))
            continue
        cap_file = directory / CAPABILITIES_FILE
        if cap_file.exists() and (doc := _load(cap_file, errors)) is not None:
            for cap in _capabilities(doc, errors):
                if cap.id in capabilities:
                    errors.append(doc.error((), f"capability '{cap.id}' is defined twice"))
                capabilities[cap.id] = cap
        for path in _product_files(directory):
            if (doc := _load(path, errors)) is not None and (
                product := _product(doc, errors, family_of(path, directory))
            ) is not None:
                products.append((product, doc))
    if not capabilities and not errors:
        errors.append(InputError(f"no {CAPABILITIES_FILE} found", file=str(dirs[0])))
    _cross_check(products, capabilities, errors)
    if errors:
        raise InputErrors(errors)
    catalog = Catalog(capabilities.values(), (p for p, _ in products))
    return catalog, {p.id: doc for p, doc in products}


def _check_suite_fields(product: Product, doc: YamlDocument, errors: list[InputError]) -> None:
    """Suite ids must be known and capability levels must name listed capabilities."""
    from planner.domain.catalog import SUITES

    if product.suite is not None and product.suite not in SUITES:
        errors.append(doc.error(("suite",), f"unknown suite '{product.suite}'"))
    for key in ("included_in", "integrates_with"):
        for i, suite in enumerate(getattr(product, key)):
            if suite not in SUITES:
                errors.append(doc.error((key, i), f"unknown suite '{suite}'"))
    for cap in product.capability_levels:
        if cap not in product.capabilities:
            errors.append(doc.error(("capability_levels", cap), f"'{cap}' is not in capabilities"))
