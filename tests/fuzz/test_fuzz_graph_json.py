"""Fuzzing the Graph JSON reader with read blocks of a few bytes, so that block boundaries
fall everywhere: inside a Japanese application name's UTF-8 bytes, inside an envelope's
keys, between a record and its comma. Whatever the block size, the reader returns the same
evidence as in one block, or the same located refusal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.adapters.sources.logs.entra import read_signins
from planner.adapters.sources.logs.source import LogSource
from tests.fuzz._common import FUZZ, run_reader
from tests.fuzz.test_fuzz_sources import signin

NAMES = st.one_of(
    st.sampled_from(
        ["勤怠管理システム", "社内ポータル", "サイボウズ Office", "Zoë's Wiki", "😀 Emoji"]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
)
# What may stand before "value" in a Graph page, or wrap the records instead.
BEFORE = st.sampled_from(
    [
        {},
        {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns"},
        {"@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=[x]"},
        {"warnings": [[1], {"a": "[]"}]},
    ]
)


@st.composite
def graph_files(draw: st.DrawFn) -> bytes:
    records: list[dict[str, Any]] = []
    for record in draw(st.lists(signin(), max_size=8)):
        if draw(st.booleans()):
            record["appDisplayName"] = draw(NAMES)
        records.append(record)
    key = draw(st.sampled_from(["value", "value", "data"]))
    page = {**draw(BEFORE), key: records, "@odata.nextLink": "https://g/?[next]"}
    layout = draw(st.sampled_from(["page", "array", "lines"]))
    indent = draw(st.sampled_from([None, 1, 2]))
    if layout == "lines":
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    else:
        text = json.dumps(page if layout == "page" else records, ensure_ascii=False, indent=indent)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 0:  # cut short, or a byte changed
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=3))
    return data


def _read(path: Path, size: int) -> Any:
    with LogSource(path, path.name) as src:
        agg = read_signins(src.blocks(size), source=path.name)
    return agg.lines, agg.skipped, sorted(agg.skipped_lines), dict(agg.hosts), agg.labels


@FUZZ
@given(content=graph_files(), size=st.sampled_from([1, 2, 3, 5, 7, 64]))
def test_any_block_size_reads_like_one_block(tmp_path: Path, content: bytes, size: int) -> None:
    path = tmp_path / "signins.json"
    path.write_bytes(content)
    whole = run_reader(lambda: _read(path, 1 << 30), line=True)
    small = run_reader(lambda: _read(path, size), line=True)
    if whole.error is not None:
        assert small.error is not None, "refused in one block, read in small ones"
        assert (small.error.message, small.error.line) == (whole.error.message, whole.error.line)
    else:
        assert small.error is None, f"read in one block, refused in small ones: {small.error}"
        assert small.value == whole.value
