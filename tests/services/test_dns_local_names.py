"""A Zeek dns.log (and a BIND query log) from an office network where DHCP names laptops
after their owners: device names, local suffixes, reverse look-ups and the organisation's
own zone are skipped at import — never stored, never listed for triage — and counted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.local_names import LocalNames
from planner.errors import InputError
from planner.services.discover import import_file
from planner.services.discover.triage import list_hosts
from planner.services.plans import create_plan
from tests.cli.test_cli import planner as planner_cli

FIELDS = [
    "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "trans_id",
    "rtt", "query", "qclass", "qclass_name", "qtype", "qtype_name", "rcode", "rcode_name",
    "AA", "TC", "RD", "RA", "Z", "answers", "TTLs", "rejected",
]  # fmt: skip
LOOKUPS = [  # (client, name, type): what Windows and macOS laptops ask all day
    ("10.1.0.21", "slack.com", "A"),
    ("10.1.0.22", "files.slack.com", "AAAA"),
    ("10.1.0.21", "LAPTOP-ANNA-MUELLER", "A"),  # NetBIOS-style single label
    ("10.1.0.22", "laptop-anna-mueller.corp.example", "A"),  # DHCP-registered in AD DNS
    ("10.1.0.23", "_ldap._tcp.dc._msdcs.corp.example", "SRV"),
    ("10.1.0.23", "annas-macbook-pro.local", "A"),  # mDNS
    ("10.1.0.23", "printer-3og.lan", "A"),
    ("10.1.0.24", "nas.home.arpa", "A"),
    ("10.1.0.24", "wpad", "A"),
    ("10.1.0.24", "fileserver.internal", "A"),
    ("10.1.0.21", "21.0.1.10.in-addr.arpa", "PTR"),
    (
        "10.1.0.22",
        "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa",
        "PTR",
    ),
    ("10.1.0.24", "intranet.corp.example", "A"),
]
DEVICE_NAMES = ("anna", "macbook", "printer", "corp.example", "arpa", "wpad", "nas.", "fileserver")


def zeek_log(path: Path) -> Path:
    rows = [
        "#separator \\x09",
        "#set_separator\t,",
        "#empty_field\t(empty)",
        "#unset_field\t-",
        "#path\tdns",
        "#fields\t" + "\t".join(FIELDS),
    ]
    for i, (client, name, qtype) in enumerate(LOOKUPS):
        values = [
            f"{1772438400 + 60 * i}.100000", f"C{i}", client, str(50000 + i), "10.1.0.1", "53",
            "udp", str(1000 + i), "0.001", name, "1", "C_INTERNET", "1", qtype, "0", "NOERROR",
            "F", "F", "T", "T", "0", "-", "-", "F",
        ]  # fmt: skip
        rows.append("\t".join(values))
    path.write_text("\n".join(rows) + "\n#close\t2026-03-02-09-00-00\n")
    return path


def bind_log(path: Path) -> Path:
    path.write_text(
        "".join(
            f"02-Mar-2026 08:{i:02d}:00.100 queries: info: client @0x7f2a1c0e3a40 "
            f"{client}#5{i:04d} ({name}): query: {name} IN {qtype} +E(0)K (10.1.0.1)\n"
            for i, (client, name, qtype) in enumerate(LOOKUPS)
        )
    )
    return path


def test_local_names() -> None:
    local = LocalNames(["Corp.Example."])
    for _, name, _ in LOOKUPS[2:]:
        assert name.lower() in local, name
    for name in ("slack.com", "files.slack.com", "example.com", "corp.example.com", "10.0.0.1"):
        assert name not in local
    assert "app:Local" not in local and "2001:db8::1" not in local


@pytest.mark.parametrize("make", [zeek_log, bind_log], ids=["zeek", "bind"])
def test_device_names_and_reverse_lookups_are_skipped_and_counted(
    planner: Planner, tmp_path: Path, make: object
) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    log = make(tmp_path / "dns.log")  # type: ignore[operator]
    result = import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        log,
        internal_zones=["corp.example"],
    )
    assert result.local_skipped == len(LOOKUPS) - 2
    assert result.new_tools == ["slack"]
    hosts = {h.host for h in list_hosts(planner.workspace, "acme", unmatched=False)[0]}
    assert hosts == {"slack.com", "files.slack.com"}


def test_the_cli_says_how_many_and_stores_no_device_name(workspace_db: str, tmp_path: Path) -> None:
    if "://" in workspace_db:
        pytest.skip("reads the SQLite file")
    db = workspace_db
    assert planner_cli("--db", db, "plan", "new", "acme", "--start", "2027-01-04").returncode == 0
    log = zeek_log(tmp_path / "dns.log")
    out = planner_cli("discover", "import", str(log), "--internal-zone", "corp.example", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "11 local or reverse look-ups skipped" in out.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(FULL)")
    stored = b"".join(p.read_bytes() for p in Path(db).parent.glob(Path(db).name + "*")).lower()
    for name in DEVICE_NAMES:
        assert name.encode() not in stored, name
    bad = planner_cli("discover", "import", str(log), "--internal-zone", "corp example", "--db", db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "--internal-zone" in bad.stderr


def test_a_bad_zone_is_refused_before_reading(planner: Planner, tmp_path: Path) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    with pytest.raises(InputError, match="internal-zone"):
        import_file(
            planner.workspace,
            planner.catalog,
            planner.pseudonym_key,
            "acme",
            zeek_log(tmp_path / "dns.log"),
            internal_zones=["a..b"],
        )
