"""The shipped catalog, and strict validation of catalog directories with located errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planner.adapters.catalog_files import load_catalog, load_catalog_dirs, shipped_catalog_dir
from planner.domain.catalog import Category, VendorStatus
from planner.errors import InputError, InputErrors
from tests.conftest import HANG_GUARD_S

SEED_IDS = {
    "jive",
    "yammer",
    "ibm-connections",
    "salesforce-chatter",
    "telligent",
    "jamespot",
    "sharepoint",
    "facebook",
    "twitter",
    "linkedin",
}

GOOD = """\
id: acme-social
name: Acme Social
vendor: Acme
category: internal
summary: Our own network.
capabilities: [wiki, blogs]
deployment: [on-premises]
security: {sso: [saml]}
discovery: {domains: [social.acme.example]}
strategy: {status: active, owner: Acme}
"""


def test_shipped_catalog_is_valid_and_complete() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 24
    assert len(catalog.capabilities) >= 20
    assert set(catalog.products) >= SEED_IDS
    for product in catalog:
        assert product.sources, f"{product.id} cites no source"
        # Every status is dated and sourced by its own check; history is told where a
        # source gives it (an honest catalog leaves out what nobody could date).
        check = product.strategy.checked
        assert check is not None and check.source, f"{product.id}: status not checked"
        s = product.strategy
        if s.status.value in ("acquired", "retired"):
            dates = (s.acquired_on, s.announced_on, s.retired_on, s.end_of_support)
            assert s.history or any(dates), f"{product.id}: {s.status.value}, never dated"
    assert {p.category for p in catalog} == set(Category)
    assert any(p.strategy.status is VendorStatus.RETIRED and p.strategy.successor for p in catalog)
    # The seeds' survey figures are carried with their source.
    facebook = catalog.get("facebook")
    assert facebook is not None
    assert any(a.value == "82%" and "CompTIA" in a.source for a in facebook.adoption)


def test_shipped_catalog_matches_names_and_domains() -> None:
    catalog = load_catalog()
    assert catalog.find_by_name("  FACEBOOK ") is catalog.get("facebook")
    domains = catalog.domains()
    assert domains["linkedin.com"] == "linkedin"
    assert len(domains) == sum(len(p.discovery.domains) for p in catalog)


def test_catalog_directory_resolves_in_a_checkout() -> None:
    assert (shipped_catalog_dir() / "capabilities.yaml").is_file()


def _user_dir(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def _errors(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    with pytest.raises(InputErrors) as info:
        load_catalog([_user_dir(tmp_path, files)])
    return [str(e) for e in info.value.errors]


def test_user_product_is_added(tmp_path: Path) -> None:
    catalog = load_catalog([_user_dir(tmp_path, {"acme-social.yaml": GOOD})])
    product = catalog.get("acme-social")
    assert product is not None and product.category is Category.INTERNAL


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (GOOD.replace("summary:", "colour: blue\nsummary:"), 5, "colour"),
        (GOOD.replace("category: internal", "category: intranet"), 4, "category"),
        (GOOD.replace("name: Acme Social", "name: [a, b]"), 2, "name"),
        (GOOD.replace("[wiki, blogs]", "[wiki, telepathy]"), 6, "unknown capability 'telepathy'"),
        (
            GOOD.replace("owner: Acme}", "owner: Acme, successor: nothing}"),
            10,
            "unknown successor product 'nothing'",
        ),
        (GOOD.replace("vendor: Acme\n", ""), 1, "vendor"),
        (GOOD.replace("social.acme.example", "linkedin.com"), 9, "already belongs"),
        (GOOD.replace("social.acme.example", "https://acme.example/x"), 9, "not a domain name"),
        (GOOD + "name: Twice\n", 11, "duplicate key 'name'"),
        (GOOD + "x: !!python/object/apply:os.system ['echo pwned']\n", 11, "tag"),
        (GOOD + "a: &x [1]\nb: *x\n", 11, "alias"),
    ],
)
def test_malformed_product_is_located(tmp_path: Path, text: str, line: int, needle: str) -> None:
    errors = _errors(tmp_path, {"acme-social.yaml": text})
    path = str(tmp_path / "acme-social.yaml")
    assert any(e.startswith(f"{path}:{line}:") and needle in e for e in errors), errors


def test_duplicate_product_ids_name_both_files(tmp_path: Path) -> None:
    errors = _errors(tmp_path, {"a.yaml": GOOD, "b.yaml": GOOD})
    assert any("duplicate product id 'acme-social'" in e and "a.yaml:1" in e for e in errors)


def test_duplicate_of_a_shipped_id_is_refused(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        {
            "mine.yaml": GOOD.replace("id: acme-social", "id: jive").replace(
                "social.acme.example", "jive.acme.example"
            )
        },
    )
    assert any("duplicate product id 'jive'" in e for e in errors)


def test_every_problem_of_every_file_is_reported(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        {
            "a.yaml": GOOD.replace("category: internal", "category: nope"),
            "b.yaml": GOOD.replace("acme-social", "b-social")
            .replace("[wiki, blogs]", "[zzz]")
            .replace("social.acme.example", "b.example"),
        },
    )
    assert len(errors) == 2


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"id: caf\xe9\n", "UTF-8"),
        # Refused by our depth limit or by libyaml's own cap (PyYAML >= 6.0.4): the
        # wording is theirs or ours, the location (line 1, a column) is what we promise.
        ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", ":1:"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "alias",
        ),
        ("- just\n- a list\n", "mapping"),
        ("id: [unclosed\n", ""),
    ],
)
def test_hostile_or_broken_yaml_is_refused_and_located(
    tmp_path: Path, content: str | bytes, needle: str
) -> None:
    started = time.perf_counter()
    errors = _errors(tmp_path, {"bad.yaml": content})
    assert time.perf_counter() - started < HANG_GUARD_S
    assert errors and all(e.startswith(str(tmp_path / "bad.yaml")) for e in errors)
    assert any(needle in e for e in errors), errors


def test_capabilities_vocabulary_is_validated(tmp_path: Path) -> None:
    directory = _user_dir(
        tmp_path,
        {
            "capabilities.yaml": "- {id: wiki, name: Wiki, description: Pages.}\n"
            "- {id: wiki, name: Wiki again, description: Twice.}\n"
            "- {id: Bad Id, name: x, description: y}\n",
        },
    )
    with pytest.raises(InputErrors) as info:
        load_catalog_dirs([directory])
    messages = [str(e) for e in info.value.errors]
    assert any(":2:" in m and "duplicate capability 'wiki'" in m for m in messages), messages
    assert any(":3:" in m for m in messages), messages


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_catalog([tmp_path / "nope"])
