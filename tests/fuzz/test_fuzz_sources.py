"""Property-based fuzzing of the 2026 sources: Entra ID sign-ins (Graph JSON,
JSON Lines, admin-center CSV) and consent grants, Google Workspace OAuth token exports,
Zeek dns.log (TSV and JSON), BIND query logs, aggregates, field-map profiles.

Same property as the proxy readers (tests/fuzz/test_fuzz_readers.py): every input gives a
valid summary or a located InputError within the hang guard; sniffing then forcing the
sniffed format reads the same; gzip is transparent. Generators build near-valid records
from the documented layouts, then mutate them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planner.adapters.sources.logs import read_log
from tests.fuzz._common import FUZZ, check_summary, run_reader
from tests.fuzz.test_fuzz_readers import (
    GOOD_HOSTS,
    MIXED,
    TOKEN,
    _log_property,
    mutated,
    text_file,
)

APPS = st.sampled_from(["Yammer", "Viva Engage", "Microsoft Teams", "", "Slack", "a\u202eb"])
APP_IDS = st.sampled_from(["00000005-0000-0ff1-ce00-000000000000", "", "not-a-guid"])
ERRORS = st.one_of(st.sampled_from([0, 53003, "0", "x", None, True, -1]), st.integers())
JSONISH = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TOKEN)


@st.composite
def signin(draw: st.DrawFn) -> dict[str, object]:
    record: dict[str, object] = {
        "createdDateTime": draw(st.one_of(MIXED["iso"], JSONISH)),
        "userPrincipalName": draw(st.one_of(st.sampled_from(["a@x.example", "B@X.example"]),
                                            JSONISH)),
        "appDisplayName": draw(st.one_of(APPS, JSONISH)),
        "appId": draw(st.one_of(APP_IDS, JSONISH)),
        "status": draw(st.one_of(st.fixed_dictionaries({"errorCode": ERRORS}), JSONISH)),
    }  # fmt: skip
    for name in draw(st.lists(st.sampled_from(sorted(record)), max_size=2)):
        record.pop(name, None)
    return record


@st.composite
def signin_files(draw: st.DrawFn) -> bytes:
    records = draw(st.lists(signin(), max_size=12))
    layout = draw(st.sampled_from(["envelope", "array", "lines"]))
    if layout == "lines":
        lines = [draw(mutated(json.dumps(r), ",")) for r in records]
        return draw(text_file(lines))
    body = json.dumps({"value": records} if layout == "envelope" else records, indent=1)
    if draw(st.integers(0, 3)) == 0:
        cut = draw(st.integers(0, len(body)))
        body = body[:cut] + draw(st.text(max_size=3)) + body[cut:]
    return body.encode("utf-8", "surrogatepass")


@st.composite
def signin_csv(draw: st.DrawFn) -> bytes:
    header = "Date (UTC),Username,Application,Application ID,Status,Sign-in error code"
    rows = [
        ",".join([draw(MIXED["iso"]), draw(st.sampled_from(["a@x.example", "", "b"])),
                  draw(APPS), draw(APP_IDS), draw(st.sampled_from(["Success", "Failure", ""])),
                  draw(st.sampled_from(["0", "50126", "", "x"]))])
        for _ in range(draw(st.integers(0, 10)))
    ]  # fmt: skip
    return draw(text_file([header, *(draw(mutated(r, ",")) for r in rows)]))


ZEEK_FIELDS = [
    "ts",
    "uid",
    "id.orig_h",
    "id.orig_p",
    "id.resp_h",
    "id.resp_p",
    "proto",
    "query",
    "rcode_name",
]


@st.composite
def zeek_files(draw: st.DrawFn) -> bytes:
    def value(name: str) -> str:
        if name == "ts":
            return draw(MIXED["epoch"])
        if name == "id.orig_h":
            return draw(MIXED["client"])
        if name == "query":
            return draw(st.one_of(GOOD_HOSTS, st.sampled_from(["-", "(empty)", "a..b"])))
        return draw(TOKEN)

    rows = [{name: value(name) for name in ZEEK_FIELDS} for _ in range(draw(st.integers(0, 10)))]
    if draw(st.booleans()):
        return draw(text_file([draw(mutated(json.dumps(r), ",")) for r in rows]))
    head = ["#separator \\x09", "#fields\t" + "\t".join(ZEEK_FIELDS)]
    lines = [draw(mutated("\t".join(r.values()), "\t")) for r in rows]
    return draw(text_file([*head, *lines]))


@st.composite
def bind_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 10))):
        when = draw(MIXED["clf"]).replace("/", "-", 2).replace(":", " ", 1).split(" +")[0]
        host = draw(GOOD_HOSTS)
        line = (
            f"{when}.123 queries: info: client @0x7f {draw(MIXED['client'])}#5353 ({host}): "
            f"query: {host} IN A + (10.0.0.1)"
        )
        lines.append(draw(mutated(line)))
    return draw(text_file(lines))


@st.composite
def aggregate_files(draw: st.DrawFn) -> bytes:
    rows = [
        ",".join([draw(st.one_of(GOOD_HOSTS, st.just("app:Slack"), TOKEN)), draw(MIXED["user"]),
                  draw(MIXED["size"]), draw(MIXED["size"]),
                  draw(st.one_of(MIXED["iso"], MIXED["epoch"])),
                  draw(st.one_of(MIXED["iso"], MIXED["epoch"]))])
        for _ in range(draw(st.integers(0, 10)))
    ]  # fmt: skip
    header = "host,user,hits,bytes,first_seen,last_seen"
    return draw(text_file([header, *(draw(mutated(r, ",")) for r in rows)]))


@FUZZ
@given(
    content=st.one_of(signin_files(), signin_csv()),
    fmt=st.sampled_from([None, "entra-signins"]),
    compress=st.booleans(),
)
def test_entra_signins(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "signins.json", content, fmt, compress)


@FUZZ
@given(content=zeek_files(), fmt=st.sampled_from([None, "zeek-dns"]), compress=st.booleans())
def test_zeek_dns(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "dns.log", content, fmt, compress)


@FUZZ
@given(content=bind_files(), fmt=st.sampled_from([None, "bind-query"]), compress=st.booleans())
def test_bind_query(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "query.log", content, fmt, compress)


@FUZZ
@given(content=aggregate_files(), fmt=st.sampled_from([None, "aggregate"]), compress=st.booleans())
def test_aggregate(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "aggregate.csv", content, fmt, compress)


@st.composite
def grant_files(draw: st.DrawFn) -> bytes:
    def grant() -> dict[str, object]:
        record: dict[str, object] = {
            "clientId": draw(st.one_of(TOKEN, JSONISH)),
            "consentType": draw(st.one_of(st.sampled_from(["Principal", "AllPrincipals"]),
                                          JSONISH)),
            "principalId": draw(st.one_of(st.sampled_from(["u1", "U1", ""]), JSONISH)),
            "clientDisplayName": draw(st.one_of(APPS, JSONISH)),
            "startTime": draw(st.one_of(MIXED["iso"], JSONISH)),
        }  # fmt: skip
        for name in draw(st.lists(st.sampled_from(sorted(record)), max_size=2)):
            record.pop(name, None)
        return record

    records = [grant() for _ in range(draw(st.integers(0, 8)))]
    body = json.dumps({"value": records} if draw(st.booleans()) else records)
    return body.encode("utf-8", "surrogatepass")


@st.composite
def google_files(draw: st.DrawFn) -> bytes:
    rows = [
        ",".join([draw(st.sampled_from(["Authorize", "Revoke", "Activity", "", "x"])),
                  draw(st.one_of(MIXED["iso"], MIXED["epoch"])),
                  draw(st.sampled_from(["a@x.example", "", "B@X.example"])), draw(APPS),
                  draw(st.sampled_from(["1-a.apps.googleusercontent.com", ""]))])
        for _ in range(draw(st.integers(0, 10)))
    ]  # fmt: skip
    header = "Event name,Date,Actor,App name,Client ID"
    return draw(text_file([header, *(draw(mutated(r, ",")) for r in rows)]))


@FUZZ
@given(content=grant_files(), fmt=st.sampled_from([None, "entra-grants"]), compress=st.booleans())
def test_entra_grants(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "grants.json", content, fmt, compress)


@FUZZ
@given(content=google_files(), fmt=st.sampled_from([None, "google-oauth"]), compress=st.booleans())
def test_google_oauth(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "oauth.csv", content, fmt, compress)


@st.composite
def netskope_files(draw: st.DrawFn) -> bytes:
    rows = [
        ",".join([draw(st.one_of(MIXED["epoch"], MIXED["iso"])), draw(MIXED["user"]),
                  draw(MIXED["client"]), draw(st.one_of(GOOD_HOSTS, st.just(""), TOKEN)),
                  draw(APPS), draw(st.sampled_from(["allow", "block", ""])),
                  draw(MIXED["size"])])
        for _ in range(draw(st.integers(0, 10)))
    ]  # fmt: skip
    header = "timestamp,user,srcip,hostname,app,action,server_bytes"
    return draw(text_file([header, *(draw(mutated(r, ",")) for r in rows)]))


@FUZZ
@given(content=netskope_files(), compress=st.booleans())
def test_profile_netskope(tmp_path: Path, content: bytes, compress: bool) -> None:
    path = tmp_path / "netskope.csv"
    path.write_bytes(content)
    outcome = run_reader(
        lambda: read_log(path, profile="netskope", source="fuzz.log", workers=1), line=False
    )
    if outcome.error is not None:
        assert outcome.error.file == "fuzz.log"
        return
    check_summary(outcome.value)
    if compress:
        path.write_bytes(gzip.compress(content))
        assert read_log(path, profile="netskope", source="fuzz.log", workers=1) == outcome.value
