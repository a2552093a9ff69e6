"""Graph sign-in JSON as real tenants export it: Japanese application names cut by read
blocks, ``@odata.nextLink`` before ``"value"``, ``{"data": [...]}`` wrappers, nesting
bombs and overlong records — each read right or refused at its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.adapters.sources.logs import read_log
from planner.adapters.sources.logs.jsonrecords import json_records
from planner.adapters.sources.logs.source import BLOCK_SIZE, HEAD_SIZE
from planner.errors import InputError

JAPANESE = ["勤怠管理システム", "社内ポータル", "チャットワーク", "サイボウズ Office", "経費精算"]


def signin(i: int, app: str) -> dict[str, object]:
    return {
        "id": f"{i:08d}-0000-0000-0000-000000000000",
        "createdDateTime": f"2026-11-{1 + i % 28:02d}T08:{i % 60:02d}:00Z",
        "userPrincipalName": f"user{i % 37}@contoso.example",
        "appDisplayName": app,
        "appId": f"{i % 5:08d}-1111-2222-3333-444444444444",
        "status": {"errorCode": 0, "failureReason": "Other."},
        "location": {"city": "Tokyo", "countryOrRegion": "JP"},
    }


def graph_page(records: int, *, next_first: bool = False, pad: int = 0) -> bytes:
    """A Graph page the way the admin center writes it (pretty, UTF-8, no BOM)."""
    context = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns" + " " * pad
    page: dict[str, object] = {"@odata.context": context}
    if next_first:
        page["@odata.nextLink"] = (
            "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=[abc]"
        )
    page["value"] = [signin(i, JAPANESE[i % len(JAPANESE)]) for i in range(records)]
    return json.dumps(page, ensure_ascii=False, indent=2).encode()


def test_japanese_names_cut_by_the_one_mebibyte_block_are_read_whole(tmp_path: Path) -> None:
    # the reader reads HEAD_SIZE, then blocks of BLOCK_SIZE: a character straddles one
    boundary = HEAD_SIZE + BLOCK_SIZE
    plain = graph_page(5000)
    inside = next(k for k in range(boundary, 0, -1) if 0x80 <= plain[k] < 0xC0)
    content = graph_page(5000, pad=boundary - inside)  # moves that character onto it
    assert 0x80 <= content[boundary] < 0xC0
    path = tmp_path / "signins.json"
    path.write_bytes(content)
    summary = read_log(path)
    assert summary.format == "entra-signins"
    assert summary.lines == 5000 and summary.skipped == 0
    assert sorted(summary.hosts) == sorted(f"app:{name}" for name in JAPANESE)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 4096])
def test_any_block_size_gives_the_same_records(size: int) -> None:
    content = graph_page(40, next_first=True)
    blocks = [content[k : k + size] for k in range(0, len(content), size)]
    got = [record for _, record in json_records(blocks, source="s.json")]
    assert got == json.loads(content)["value"]


@pytest.mark.parametrize(
    "page",
    [
        # nextLink with a "[" in it before "value", compact on one line
        '{"@odata.context":"x","@odata.nextLink":"https://g/?$filter=[a]","value":[RECORDS]}',
        # any key holding a list before "value"
        '{\n "warnings": [1, [2]],\n "value": [\nRECORDS\n ]\n}',
        # a {"data": [...]} wrapper
        '{"data": [RECORDS], "paging": {"next": null}}',
    ],
)
def test_envelopes_are_read_as_lists(page: str, tmp_path: Path) -> None:
    records = ",\n".join(json.dumps(signin(i, JAPANESE[i]), ensure_ascii=False) for i in range(3))
    path = tmp_path / "page.json"
    path.write_text(page.replace("RECORDS", records), encoding="utf-8")
    summary = read_log(path, "entra-signins")
    assert (summary.lines, summary.skipped) == (3, 0)
    assert sorted(summary.hosts) == sorted(f"app:{name}" for name in JAPANESE[:3])


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('{"value": [\n' + "[" * 100_000 + "]" * 100_000 + "\n]}", 2),
        ("[\n" + '{"a":' * 50_000 + "1" + "}" * 50_000 + "]", 2),
        (json.dumps(signin(0, "x")) + "\n" + '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n", 2),
    ],
    ids=["envelope", "array", "json-lines"],
)
def test_deep_nesting_is_refused_at_its_line(content: str, line: int, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        read_log(path, "entra-signins")
    assert caught.value.line == line
    assert "nested too deeply" in caught.value.message


def test_a_record_over_the_limit_says_the_limit(tmp_path: Path) -> None:
    huge = signin(1, "x" * (5 << 20))
    content = json.dumps({"value": [signin(0, "ok"), huge]}, indent=1)
    path = tmp_path / "huge.json"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        read_log(path, "entra-signins")
    assert "4 MiB" in caught.value.message and "limit" in caught.value.message
    opening = content.rindex("{", 0, content.index('"x' + "x" * 10))  # where it starts
    assert caught.value.line == content[:opening].count("\n") + 1
