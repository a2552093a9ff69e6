"""No user name or client address reaches the database, its WAL, an export or a report,
whatever the import path; the pseudonym key is random, owner-only and never exported."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from planner.adapters.sources.logs import registry
from planner.bootstrap import Planner
from planner.domain.records.pilot import PilotChanges
from planner.services.discover import import_file
from planner.services.inventory import export_inventory_csv, inventory_report
from planner.services.plan_file import render_plan
from planner.services.plans import create_plan
from planner.services.report import render_markdown
from planner.services.rollout import add_training, import_lms
from tests.conftest import DATA, TODAY

PRIVACY = DATA / "privacy"
SECRETS = [
    "zoe.secretname",
    "jean.hiddenuser",
    "hiddenuser",
    "priya.confidential",
    "marcel.unseen",
    "192.0.2.77",
    "192.0.2.78",
    "192.0.2.79",
    "198.51.100.41",
    "198.51.100.42",
    "203.0.113.250",
    "Secretname",
    "corp.example",
]
# A sample naming the secrets for every log source of the registry (and the profile the
# "profile" source reads it through). A source added to the registry without a sample here
# fails test_every_log_source_has_a_privacy_sample, so none goes untested.
SAMPLES: dict[str, tuple[str, str | None]] = {
    "squid": ("proxy.squid.log", None),
    "w3c": ("proxy.w3c.log", None),
    "csv": ("proxy.csv", None),
    "entra-signins": ("signins.json", None),
    "zeek-dns": ("dns.zeek.log", None),
    "bind-query": ("dns.bind.log", None),
    "aggregate": ("aggregate.csv", None),
    "entra-grants": ("grants.json", None),
    "google-oauth": ("google.csv", None),
    "profile": ("netskope.csv", "netskope"),
}
# Proxy logs are imported with the staff directory (client addresses and user names mapped
# to departments); the other sources carry user principal names and e-mail addresses too.
WITH_DIRECTORY = ("squid", "w3c", "csv")


def missing_samples() -> list[str]:
    """The registry's log sources that have no privacy sample."""
    return [name for name in registry.NAMES if name not in SAMPLES]


def other_sources() -> list[str]:
    """The registry's sources imported without the directory, in registry order."""
    return [name for name in registry.NAMES if name not in WITH_DIRECTORY]


def test_every_log_source_has_a_privacy_sample() -> None:
    assert missing_samples() == []
    for name, (sample, _) in SAMPLES.items():
        assert (PRIVACY / sample).is_file(), name


IDENTITIES = [*SECRETS, "zoe.secretname@contoso.example", "jean.hiddenuser@contoso.example"]


def test_names_and_addresses_never_stored_or_exported(
    file_planner: Planner, db_path: Path, tmp_path: Path
) -> None:
    planner = file_planner
    ws, catalog, key = planner.workspace, planner.catalog, planner.pseudonym_key
    create_plan(ws, "acme", dt.date(2026, 3, 1))
    directory = PRIVACY / "directory.csv"
    for fmt in WITH_DIRECTORY:
        log = PRIVACY / SAMPLES[fmt][0]
        result = import_file(ws, catalog, key, "acme", log, directory=directory)
        assert result.format == fmt, log
        assert result.lines >= 2 and not result.skipped, log
    import_file(ws, catalog, key, "acme", DATA / "discover" / "survey.csv")
    add_training(ws, "acme", "Sales training", "Sales", 10)
    lms = tmp_path / "lms.csv"
    lms.write_text("department,trained,date\nSales,3,2026-03-10\n", encoding="utf-8")
    import_lms(ws, "acme", lms)
    # An activity report naming users (UPN, display name) attached to a pilot and, once
    # adopted, to the product; a champion followed by account.
    from planner.services.activity import pilot_activity, product_activity
    from planner.services.pilots import add_pilot, decide, parse_kpis, update_pilot
    from planner.services.rollout import add_champion

    at = chr(64)
    add_pilot(
        ws,
        catalog,
        "acme",
        "viva-engage",
        PilotChanges(
            title="P",
            departments=["Sales"],
            users=3,
            start=dt.date(2026, 4, 1),
            end=dt.date(2026, 6, 30),
        ),
        kpis=parse_kpis(["weekly-active-pct=50"]),
    )
    update_pilot(ws, "acme", "p", status="approved")
    update_pilot(ws, "acme", "p", status="running")
    add_champion(ws, "acme", "Sales", "S.C.", account=f"priya.confidential{at}corp.example",
                 key=key)  # fmt: skip
    report = tmp_path / "engage.csv"
    report.write_bytes(
        (
            "Report Refresh Date,User Principal Name,Display Name,User State,State Change "
            "Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,"
            "Report Period\r\n"
            f'2026-05-31,zoe.secretname{at}corp.example,"Secretname, Zoé",Active,,'
            "2026-05-30,3,9,1,E3,7\r\n"
            f'2026-05-31,priya.confidential{at}corp.example,"Confidential, Priya",Active,,'
            "2026-05-29,5,2,0,E3,7\r\n"
            f"2026-05-31,marcel.unseen{at}corp.example,Marcel,Active,,,0,0,0,E3,7\r\n"
        ).encode("utf-8-sig")
    )
    assert pilot_activity(ws, key, "acme", "p", report).kpis["weekly-active-pct"] == 66.67
    decide(ws, "acme", "p", "adopt", "measured", dt.date(2026, 6, 1))
    product_activity(ws, key, "acme", "viva-engage", report, directory=directory)
    # Departments did come through, by pseudonym.
    assert {"R&D", "HR", "Marketing"} <= {
        d for t in inventory_report(ws, catalog, "acme").tools for d in t.departments
    }

    csv_out = tmp_path / "inventory.csv"
    export_inventory_csv(inventory_report(ws, catalog, "acme"), catalog, csv_out)
    texts = {
        "plan export": render_plan(ws, "acme", TODAY, catalog),
        "report": render_markdown(ws, catalog, "acme", TODAY),
        "inventory csv": csv_out.read_text(encoding="utf-8"),
    }
    stored = {
        p.name: p.read_bytes()
        for p in db_path.parent.iterdir()
        if p.name.startswith(db_path.name) and not p.name.endswith(".key")
    }
    assert any(name.endswith("-wal") for name in stored)  # the WAL is checked too
    for secret in SECRETS:
        for name, content in stored.items():
            assert secret.encode() not in content, (secret, name)
            assert secret.encode("utf-16-le") not in content, (secret, name)
        for name, text in texts.items():
            assert secret not in text, (secret, name)


def test_pseudonym_key_is_random_owner_only_and_not_in_the_database(
    file_planner: Planner, db_path: Path
) -> None:
    planner = file_planner
    from planner.adapters.store.keys import key_path, load_or_create_key

    key = planner.pseudonym_key
    path = db_path.with_name(db_path.name + ".key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key  # stable across openings
    other = load_or_create_key(db_path.with_name("other.sqlite.key"))
    assert other != key and len(set(key)) > 8  # from secrets, not a constant
    planner.workspace  # noqa: B018 - make sure the database exists
    assert key.hex().encode() not in db_path.read_bytes()
    assert key_path(str(db_path), db_path.parent) == path
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_new_sources_never_store_or_export_a_name_an_e_mail_or_an_address(
    file_planner: Planner, db_path: Path, tmp_path: Path
) -> None:
    planner = file_planner
    ws, catalog, key = planner.workspace, planner.catalog, planner.pseudonym_key
    create_plan(ws, "acme", dt.date(2026, 3, 1))
    for fmt in other_sources():
        log, profile = SAMPLES[fmt]
        result = import_file(ws, catalog, key, "acme", PRIVACY / log, profile=profile)
        assert result.format == fmt, log
        assert result.lines >= 2 and not result.skipped and result.hosts >= 2, log
        if profile is not None:
            assert (result.lines, result.skipped, result.hosts) == (3, 0, 3)
    report = inventory_report(ws, catalog, "acme")
    assert {"slack", "viva-engage"} <= {t.slug for t in report.tools}
    csv_out = tmp_path / "inventory.csv"
    export_inventory_csv(report, catalog, csv_out)
    texts = {
        "plan export": render_plan(ws, "acme", TODAY, catalog),
        "report": render_markdown(ws, catalog, "acme", TODAY),
        "inventory csv": csv_out.read_text(encoding="utf-8"),
    }
    stored = {
        p.name: p.read_bytes()
        for p in db_path.parent.iterdir()
        if p.name.startswith(db_path.name) and not p.name.endswith(".key")
    }
    assert any(name.endswith("-wal") for name in stored)
    for secret in IDENTITIES:
        for variant in {secret, secret.upper(), secret.casefold()}:
            for name, content in stored.items():
                assert variant.encode() not in content, (variant, name)
                assert variant.encode("utf-16-le") not in content, (variant, name)
            for name, text in texts.items():
                assert variant not in text, (variant, name)


def test_two_processes_making_the_key_at_once_get_one_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports started together on a new workspace: the second reads the key while the
    first has written its own but not yet put it in place. Neither sees a damaged key,
    both use the one key that is in place, and no temporary file is left."""
    import os

    from planner.adapters.store import keys

    path = tmp_path / "ws.sqlite.key"
    link = os.link
    theirs: list[bytes] = []
    calls: list[Path] = []

    def slow_link(src: Path, dst: Path) -> None:
        calls.append(src)
        if len(calls) == 1:  # the other process comes in now, and puts its key in place
            theirs.append(keys.load_or_create_key(path))
        link(src, dst)

    monkeypatch.setattr(os, "link", slow_link)
    mine = keys.load_or_create_key(path)
    assert mine == theirs[0] == keys.load_or_create_key(path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
