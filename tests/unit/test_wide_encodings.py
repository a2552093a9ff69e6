"""Logs saved in UTF-16 or UTF-32, as Windows PowerShell 5.1 writes ``Out-File``, ``>``
and ``Export-Csv -Encoding Unicode``: read as the same records as their UTF-8 twin,
compressed or not, whatever the read blocks cut; refused in one line when the text is
not what its byte-order mark says."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from planner.adapters.sources.logs import read_log
from planner.adapters.sources.logs.model import LogSummary
from planner.adapters.sources.logs.source import BLOCK_SIZE
from planner.errors import InputError
from tests.unit.test_graph_json import graph_page, signin

WIDE = ["utf-16", "utf-16-be", "utf-32"]


def _bom(text: str, codec: str) -> bytes:
    """``text`` in ``codec`` with its byte-order mark, as Windows writes it."""
    if codec == "utf-16-be":
        return b"\xfe\xff" + text.encode(codec)
    return text.encode(codec)  # Python's utf-16 and utf-32 write the platform's BOM


def _same(a: LogSummary, b: LogSummary) -> None:
    assert (a.format, a.lines, a.skipped) == (b.format, b.lines, b.skipped)
    assert a.hosts.keys() == b.hosts.keys()
    for key, stats in a.hosts.items():
        assert stats == b.hosts[key], key


@pytest.mark.parametrize("codec", WIDE)
@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_a_graph_export_in_utf16_reads_like_its_utf8_twin(
    codec: str, compressed: bool, tmp_path: Path
) -> None:
    text = graph_page(300).decode()
    utf8 = tmp_path / "signins-utf8.json"
    utf8.write_text(text, encoding="utf-8")
    wide = _bom(text, codec)
    path = tmp_path / "signins.json"
    path.write_bytes(gzip.compress(wide, mtime=0) if compressed else wide)
    got = read_log(path)
    assert got.format == "entra-signins"
    _same(got, read_log(utf8))
    assert any(key.startswith("app:勤怠") for key in got.hosts)


def test_characters_cut_between_read_blocks_are_kept(tmp_path: Path) -> None:
    # an astral character (a surrogate pair in UTF-16) on every side of the block edge
    records = [signin(i, f"🚀 Launch {i % 3} 社内") for i in range(BLOCK_SIZE // 250)]
    text = json.dumps({"value": records}, ensure_ascii=False, indent=1)
    path = tmp_path / "signins.json"
    path.write_bytes(_bom(text, "utf-16"))
    assert len(path.read_bytes()) > 2 * BLOCK_SIZE  # the recoder reads several blocks
    got = read_log(path)
    assert got.lines == len(records) and got.skipped == 0
    assert sorted(got.hosts) == [f"app:🚀 Launch {k} 社内" for k in range(3)]


SQUID_LINES = "".join(
    f"1764000000.{i:03d}    120 10.0.0.{i % 200} TCP_MISS/200 {1000 + i} GET "
    f"https://h{i % 50}.example.com/ user{i % 30} HIER_DIRECT/1.2.3.4 text/html\n"
    for i in range(4000)
)
AGGREGATE_ROWS = "host,user,hits,bytes,first_seen,last_seen\n" + "".join(
    f"h{i % 40}.example.com,user{i % 25},{i % 7 + 1},{1000 + i},"
    "2026-11-01T08:00:00Z,2026-11-02T08:00:00Z\n"
    for i in range(3000)
)


@pytest.mark.parametrize(
    ("fmt", "text"), [("squid", SQUID_LINES), ("aggregate", AGGREGATE_ROWS)], ids=["squid", "siem"]
)
def test_a_utf16_file_is_never_cut_into_byte_ranges(fmt: str, text: str, tmp_path: Path) -> None:
    utf8 = tmp_path / "utf8.log"
    utf8.write_text(text, encoding="utf-8")
    wide = tmp_path / "wide.log"
    wide.write_bytes(_bom(text, "utf-16"))
    # a threshold of 0 sends any plain file to the helpers that read byte ranges
    got = read_log(wide, workers=2, parallel_threshold=0)
    assert got.format == fmt and got.skipped == 0
    _same(got, read_log(utf8, workers=1))


def test_text_that_is_not_what_its_mark_says_is_refused_in_one_line(tmp_path: Path) -> None:
    good = _bom(graph_page(20).decode(), "utf-16")
    path = tmp_path / "signins.json"
    path.write_bytes(good[:400] + b"\x00\xd8" + good[400:])  # a lone high surrogate
    with pytest.raises(InputError) as refused:
        read_log(path)
    message = str(refused.value)
    assert "signins.json" in message and "utf-16" in message and "\n" not in message


def _workbook(path: Path) -> Path:
    """An .xlsx as Excel writes it: a ZIP holding ``[Content_Types].xml`` and ``xl/``."""
    import zipfile

    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.mark.parametrize("name", ["survey.xlsx", "survey.csv"])
def test_a_workbook_given_as_a_survey_says_to_save_it_as_csv(name: str, tmp_path: Path) -> None:
    from planner.adapters.sources.csv_input import read_rows

    path = _workbook(tmp_path / name)
    with pytest.raises(InputError) as refused:
        list(read_rows(path, {"tool": ()}, ("tool",), source=name))
    assert "Excel workbook" in str(refused.value) and "CSV" in str(refused.value)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Excel 97-2003 workbook"),
        (b"PK\x03\x04" + b"\x00" * 40 + b"access.log", "unpack it"),
    ],
    ids=["xlsx", "xls", "zip"],
)
def test_a_workbook_or_archive_given_as_a_log_is_named(
    content: bytes | None, said: str, tmp_path: Path
) -> None:
    path = tmp_path / "upload"
    if content is None:
        _workbook(path)
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        read_log(path, source="upload")
    assert said in str(refused.value)


@pytest.mark.parametrize("codec", WIDE)
def test_a_plan_file_saved_as_unicode_by_notepad_loads_and_errors_keep_their_line(
    codec: str,
) -> None:
    from planner.adapters.yamlsafe.loading import load_yaml

    text = "plan:\n  name: Straße\n  owner: 佐藤\n"
    assert (
        load_yaml(_bom(text, codec), source="p.yaml").data == load_yaml(text, source="p.yaml").data
    )
    with pytest.raises(InputError) as refused:
        load_yaml(_bom(text + "  name: again\n", codec), source="p.yaml")
    assert refused.value.line == 4  # the duplicate key, counted in lines, not bytes
