"""The 2026 sources: Entra ID sign-ins and consent grants, Google Workspace OAuth tokens,
Zeek and BIND DNS logs, aggregates — exact
aggregates from samples in the documented layouts (invented names), sniffing, gzip,
malformed entries counted."""

from __future__ import annotations

import calendar
import gzip
import json
import os
from pathlib import Path

import pytest

from planner.adapters.sources.logs import HostStats, read_log, sniff_format
from planner.errors import InputError

DATA = Path(__file__).resolve().parent.parent / "data" / "logs"
SAMPLES = {
    "entra_signins.json": "entra-signins",
    "entra_signins.csv": "entra-signins",
    "zeek_dns.log": "zeek-dns",
    "zeek_dns.json": "zeek-dns",
    "bind_query.log": "bind-query",
    "aggregate.csv": "aggregate",
    "google_oauth.csv": "google-oauth",
    "entra_grants.json": "entra-grants",
}


def utc(*parts: int) -> float:
    return float(calendar.timegm((*parts, *(0,) * (6 - len(parts)))))


def stats(hits: int, first: float, last: float, *users: str, blocked: int = 0) -> HostStats:
    return HostStats(hits, 0, first, last, set(users), blocked)


@pytest.mark.parametrize(("name", "fmt"), sorted(SAMPLES.items()))
def test_each_sample_is_recognised_and_gzip_reads_the_same(
    name: str, fmt: str, tmp_path: Path
) -> None:
    plain = DATA / name
    assert sniff_format(plain.read_bytes()[:65536], source=name) == fmt
    packed = tmp_path / (name + ".gz")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    # Undated grants are dated by their file's day: give the copy the original's (an sdist
    # or a checkout of another day has an older file than the copy written now).
    os.utime(packed, ns=(plain.stat().st_atime_ns, plain.stat().st_mtime_ns))
    assert read_log(packed) == read_log(plain)
    assert read_log(plain).format == fmt


def test_entra_signins_json() -> None:
    summary = read_log(DATA / "entra_signins.json")
    assert (summary.lines, summary.skipped, summary.skipped_lines) == (7, 2, [56, 63])
    assert summary.hosts == {
        "app:Yammer": stats(1, utc(2026, 3, 2, 8, 15, 30), utc(2026, 3, 2, 8, 15, 30),
                            "alice.martin@contoso.example"),
        "app:Viva Engage": stats(1, utc(2026, 3, 3, 9) + 0.123456, utc(2026, 3, 3, 9) + 0.123456,
                                 "bruno.keller@contoso.example"),
        # a user principal name ignores case; a refused sign-in is an attempt, not use
        "app:Microsoft Teams": stats(1, utc(2026, 3, 4, 10), utc(2026, 3, 5, 11),
                                     "alice.martin@contoso.example", blocked=1),
        "app:Contoso Kudos Board": stats(1, utc(2026, 3, 6, 12), utc(2026, 3, 6, 12),
                                         "bruno.keller@contoso.example"),
    }  # fmt: skip
    assert summary.labels["app:Yammer"] == "00000005-0000-0ff1-ce00-000000000000"


def test_entra_signins_csv_array_and_lines_agree(tmp_path: Path) -> None:
    records = json.loads((DATA / "entra_signins.json").read_text())["value"][:5]
    as_array = tmp_path / "array.json"
    as_array.write_text(json.dumps(records))
    as_lines = tmp_path / "lines.jsonl"
    as_lines.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    expected = read_log(as_array).hosts
    assert read_log(as_lines).hosts == expected
    assert read_log(as_lines).format == read_log(as_array).format == "entra-signins"
    from_csv = read_log(DATA / "entra_signins.csv")
    assert from_csv.hosts == expected
    assert (from_csv.lines, from_csv.skipped, from_csv.skipped_lines) == (6, 1, [7])


def test_a_cut_json_list_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_bytes((DATA / "entra_signins.json").read_bytes()[:900])
    with pytest.raises(InputError) as err:
        read_log(path)
    assert err.value.line is not None and err.value.file == str(path)


@pytest.mark.parametrize("name", ["zeek_dns.log", "zeek_dns.json", "bind_query.log"])
def test_dns_logs_the_client_is_the_person(name: str) -> None:
    summary = read_log(DATA / name)
    day = utc(2026, 3, 2)
    assert summary.hosts == {
        "www.yammer.com": stats(1, day + 8 * 3600 + 0.1, day + 8 * 3600 + 0.1, "10.1.0.21"),
        "slack.com": stats(1, day + 9 * 3600 + 0.2, day + 9 * 3600 + 0.2, "10.1.0.22"),
        "files.slack.com": stats(1, day + 10 * 3600 + 0.3, day + 10 * 3600 + 0.3, "10.1.0.21"),
        "app.kudos-board.example": stats(
            1, day + 11 * 3600 + 0.4, day + 11 * 3600 + 0.4, "2001:db8::7"
        ),
    }
    malformed = {"zeek_dns.log": [13, 14], "zeek_dns.json": [5, 6], "bind_query.log": []}
    assert summary.skipped_lines == malformed[name]


def test_aggregate_rows() -> None:
    summary = read_log(DATA / "aggregate.csv")
    assert summary.hosts == {
        "www.yammer.com": HostStats(5, 7000, utc(2026, 3, 2, 8), utc(2026, 3, 4, 17, 30),
                                    {"alice", "10.0.0.5"}, 0),
        "app:Contoso Kudos Board": HostStats(2, 0, utc(2026, 3, 2), utc(2026, 3, 3), set(), 0),
    }  # fmt: skip
    assert (summary.lines, summary.skipped, summary.skipped_lines) == (6, 3, [5, 6, 7])


def test_aggregate_without_its_columns_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "agg.csv"
    path.write_text("host,user,hits\nslack.com,a,1\n")
    with pytest.raises(InputError, match="lacks bytes, first_seen, last_seen") as err:
        read_log(path, "aggregate")
    assert err.value.line == 1


def test_google_oauth_authorisations_and_token_use_are_use_revocations_are_not() -> None:
    summary = read_log(DATA / "google_oauth.csv")
    assert summary.hosts == {
        "app:Slack": stats(3, utc(2026, 3, 2, 8), utc(2026, 3, 4, 10),
                           "alice.martin@contoso.example", "bruno.keller@contoso.example"),
        "app:Kudos Board for Google": stats(1, utc(2026, 3, 6, 12), utc(2026, 3, 6, 12),
                                            "chloe.durand@contoso.example"),
    }  # fmt: skip
    assert (summary.lines, summary.skipped, summary.skipped_lines) == (6, 1, [7])
    assert summary.labels["app:Slack"] == "1234567890-abc.apps.googleusercontent.com"


def test_entra_grants_count_consenting_users(tmp_path: Path) -> None:
    path = tmp_path / "grants.json"
    path.write_bytes((DATA / "entra_grants.json").read_bytes())
    day = utc(2026, 3, 9)
    os.utime(path, (day + 3600, day + 3600))  # undated grants: the export's day
    summary = read_log(path)
    assert summary.hosts == {
        "app:Contoso Kudos Board": stats(2, day, day, "d7a1e2f0-0000-4000-8000-000000000001",
                                         "d7a1e2f0-0000-4000-8000-000000000002"),
        "app:Slack": stats(1, utc(2026, 3, 2), utc(2026, 3, 2),
                           "d7a1e2f0-0000-4000-8000-000000000001"),
        # an administrator's consent for everyone: use, but nobody in particular
        "app:Microsoft Teams": stats(1, utc(2026, 3, 2), utc(2026, 3, 2)),
    }  # fmt: skip
    assert (summary.lines, summary.skipped) == (6, 2)
    assert summary.labels == {"app:Contoso Kudos Board": "0b0c0d0e-1111-4222-8333-444455556666"}


@pytest.mark.parametrize(
    ("directive", "skipped"),
    [
        ("#separator \\x2c", []),  # Zeek's own escape: a comma-separated log
        ("#separator \\N", [1]),  # not an escape Zeek writes: that line is malformed
        ("#separator \\xZZ", [1]),
        ("#separator ab", [1]),
    ],
)
def test_a_zeek_separator_is_read_as_zeek_writes_it(
    directive: str, skipped: list[int], tmp_path: Path
) -> None:
    sep = "," if not skipped else "\t"
    path = tmp_path / "dns.log"
    lines = [
        directive,
        "#path" + sep + "dns",
        "#fields" + sep + sep.join(["ts", "uid", "id.orig_h", "query"]),
        sep.join(["1772438400.0", "C1", "10.1.0.21", "www.yammer.com"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = read_log(path, fmt="zeek-dns")
    assert list(summary.hosts) == ["www.yammer.com"]
    assert summary.skipped_lines == skipped
