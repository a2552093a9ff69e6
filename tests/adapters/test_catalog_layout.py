"""The catalog read by family folder, and the dated, sourced fields of the schema."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner.adapters.catalog_files import load_catalog, load_catalog_dirs, shipped_catalog_dir
from planner.domain.catalog import SourceKind
from planner.errors import InputErrors

FAMILIES = {
    "messengers",
    "enterprise-social",
    "employee-comms",
    "suite-companions",
    "external-communities",
    "public-networks",
}

DATED = """\
id: acme-social
name: Acme Social
vendor: Acme
category: internal
summary: Our own network.
security:
  sso: [saml]
  data_residency: [eu]
  certifications: [iso-27001, soc-2]
  checked: {on: 2026-11-02, source: "https://acme.example/trust", kind: vendor, verified: true}
discovery:
  domains: [social.acme.example]
  apps: {names: [Acme Social], ids: [00000000-0000-0000-0000-00000000abcd]}
strategy:
  status: retired
  owner: Acme
  announced_on: 2025-01-10
  end_of_support: 2026-06-30
  retired_on: 2026-06-30
  checked: {on: 2026-11-02, source: "Acme press release", kind: news}
  history:
    - {year: 2026, date: 2026-06-30, event: "Switched off.", source: "https://acme.example/news"}
"""


def test_every_shipped_product_loads_with_its_family() -> None:
    catalog = load_catalog()
    shipped = shipped_catalog_dir()
    files = [
        f
        for f in shipped.rglob("*.yaml")
        if f.parent != shipped
        or f.name not in ("capabilities.yaml", "infrastructure.yaml", "sensitive.yaml")
    ]
    assert len(catalog) == len(files)
    assert not [f.name for f in files if f.parent == shipped], "product files belong in a family"
    assert {p.family for p in catalog} >= FAMILIES
    jive, teams = catalog.get("jive"), catalog.get("microsoft-teams")
    assert jive is not None and jive.family == "enterprise-social"
    assert teams is not None and teams.family == "suite-companions"


def test_shipped_products_are_checked_not_stamped() -> None:
    for product in load_catalog():
        strategy = product.strategy
        assert strategy.checked is not None, f"{product.id}: strategy.checked"
        assert strategy.as_of is None and strategy.source is None, product.id


def test_the_dated_fields_load(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "sovereign"
    mine.mkdir(parents=True)
    (mine / "acme-social.yaml").write_text(DATED, encoding="utf-8")
    product = load_catalog([tmp_path / "mine"]).get("acme-social")
    assert product is not None and product.family == "sovereign"
    assert product.security.certifications == ("iso-27001", "soc-2")
    checked = product.security.checked
    assert checked is not None and checked.kind is SourceKind.VENDOR and checked.primary
    strategy = product.strategy
    assert strategy.retired_on == dt.date(2026, 6, 30)
    assert strategy.announced_on == dt.date(2025, 1, 10)
    assert strategy.checked is not None and not strategy.checked.verified  # default: unverified
    assert strategy.history[0].source == "https://acme.example/news"


def test_the_old_as_of_and_source_still_load_as_unverified(tmp_path: Path) -> None:
    old = DATED.replace(
        '  checked: {on: 2026-11-02, source: "Acme press release", kind: news}\n',
        "  as_of: 2026-11-02\n  source: Acme press release\n",
    )
    (tmp_path / "acme-social.yaml").write_text(old, encoding="utf-8")
    product = load_catalog([tmp_path]).get("acme-social")
    assert product is not None and product.family is None
    last = product.strategy.last_checked
    assert last is not None and last.on == dt.date(2026, 11, 2)
    assert last.kind is SourceKind.SECONDARY and not last.primary


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("kind: news}", "kind: blog}"), 20, "must be one of vendor"),
        (("  retired_on:", "  as_of: 2026-01-01\n  retired_on:"), 15, "old form"),
        (("summary:", "family: other\nsummary:"), 5, "folder"),
    ],
)
def test_schema_errors_are_located(
    tmp_path: Path, edit: tuple[str, str], line: int, message: str
) -> None:
    (tmp_path / "acme-social.yaml").write_text(DATED.replace(*edit), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_catalog([tmp_path])
    located = [str(e) for e in caught.value.errors]
    assert any(f"acme-social.yaml:{line}:" in e and message in e for e in located), located


def test_another_catalog_directory_validates_with_its_own_vocabulary(tmp_path: Path) -> None:
    """How a data branch checks its catalog with this code: ``catalog validate DIR``."""
    copy = tmp_path / "catalog"
    shutil.copytree(shipped_catalog_dir(), copy)
    (copy / "sovereign").mkdir(exist_ok=True)
    (copy / "sovereign" / "acme-social.yaml").write_text(DATED, encoding="utf-8")
    catalog = load_catalog_dirs([copy])
    assert catalog.get("acme-social") is not None and catalog.get("jive") is not None
