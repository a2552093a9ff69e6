"""Property-based fuzzing of the YAML readers: the catalog loader and the plan import.

Inputs are mutated copies of real files (catalog/enterprise-social/jive.yaml,
plans/hexaline-2027.yaml: lines deleted, duplicated, swapped, re-indented, values replaced
by random scalars, lists and mappings, random Unicode inserted, the file cut at a random
byte) and random input.
The property: success, or InputError(s) every one of which names its file and line; a
refused plan import leaves the workspace unchanged; an accepted one can be shown and
exported, and its export imports back to the same plan. Then hostile shapes (alias bombs,
deep nesting, huge scalars, 100,000 keys, bad encodings, tags, merge keys, several
documents) must be refused or accepted within the hang guard and the memory bound.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from planner.adapters.catalog_files import load_catalog
from planner.adapters.yamlsafe import load_yaml_file
from planner.bootstrap import Planner
from planner.domain.catalog import Catalog
from planner.errors import InputError
from planner.services.plan_file import render_plan
from planner.services.plan_import import MAX_PLAN_BYTES, import_plan
from tests.fuzz._common import (
    DEMO_PLAN,
    FEWER,
    MB,
    MEMORY_BOUND,
    PLAN_READ_BUFFER,
    SCALAR_MEMORY_BOUND,
    SECONDS_PER_INPUT,
    SHIPPED_CATALOG,
    TODAY,
    YAML_FILE_LEVEL,
    all_errors,
    db_file,
    db_snapshot,
    describe,
    known_bug,
    new_planner,
    peak_memory,
    plan_planner,
    render_demo,
    run_forked,
    run_reader,
)

JIVE = (SHIPPED_CATALOG / "enterprise-social" / "jive.yaml").read_text(encoding="utf-8")
DEMO = DEMO_PLAN.read_text(encoding="utf-8")

# --- random YAML values --------------------------------------------------------------------
WORDS = (
    "yes", "no", "on", "~", "null", ".nan", "-.inf", "0755", "0x1F", "1_000", "1:20", "<<",
    "2027-13-45", "2027-02-30", "9999-12-31", "0001-01-01", "*a", "&a x", "!!str x",
    "!!python/name:os.system", "'", '"', "|", ">", "- x", "? x", "{", "[", "]", "}", "#",
    "%YAML 1.1", "---", "...", "@x", "`x", "x: y", "\t", "planner.plan/1", "jive",
    "hexaline-2027", "yammer", "weekly-active-pct", "9" * 25, "-" + "9" * 25,
)  # fmt: skip
YAML_WORDS = st.sampled_from(WORDS)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates().map(str),
    YAML_WORDS,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), YAML_WORDS), inner, max_size=4),
    ),
    max_leaves=8,
)


def flow(value: Any) -> str:
    """A value as inline YAML (flow style), or as JSON, or verbatim for a YAML word."""
    if isinstance(value, str) and value in WORDS:
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[str(value)]
    try:
        text = yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True)
    except yaml.YAMLError:
        return json.dumps(value, default=str)
    return text.removesuffix("\n").removesuffix("\n...").strip()


# --- mutations of a real file ----------------------------------------------------------------
LEAF = re.compile(r"^(\s*(?:- )?[\w'@()-]+: )(\S.*)$")  # "  key: value" (a scalar value)
NEAR_MISSES = {  # what a reviewer's edit might leave, by the type of the value replaced
    "int": ["0", "-1", "2147483648", "9223372036854775808", "100000000000000000000000",
            "1e3", "0x10", "1_000", "007", "3.0", "'12'", "true", "~"],
    "date": ["9999-12-31", "9999-01-01", "0001-01-01", "2027-02-29", "2024-02-29",
             "1970-01-01", "2027-1-1", "20270101", "2027-02-30", "'2027-01-04'", "~"],
    "float": [".nan", ".inf", "-.inf", "-0.0", "1e308", "1e-320", "5", "true", "'0.5'", "~"],
    "bool": ["yes", "True", "1", "~", "null", "'true'", "off"],
    "str": ["''", "~", "null", '"x\\u0000y"', '"\\t"', "'   '", "x" * 600, "[x]", "{a: b}",
            "-", "yammer", "jamespot", "viva-engage", "weekly-active-pct", "it-office-hours",
            "Operations", "Plant 2 shift lead", "hexaline-2027", "a" * 121, "UPPER-Case"],
}  # fmt: skip


def _kind(value: str) -> str:
    if re.fullmatch(r"-?\d+", value):
        return "int"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "date"
    if re.fullmatch(r"-?\d+\.\d*", value):
        return "float"
    if value in ("true", "false"):
        return "bool"
    return "str"


def _item_block(lines: list[str], i: int) -> tuple[int, int]:
    """The lines of the list item that line ``i`` belongs to (``- id: …`` and its keys)."""
    start = i
    while start > 0 and not lines[start].lstrip(" ").startswith("- "):
        start -= 1
    indent = len(lines[start]) - len(lines[start].lstrip(" "))
    end = start + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip(" ")) > indent:
        end += 1
    return start, end


@st.composite
def mutations(draw: st.DrawFn, text: str) -> bytes:
    """A real file with one to three accidents, then maybe cut at a random byte."""
    lines = text.splitlines(keepends=True)

    def index() -> int:
        """A line anywhere: a top-level section first (index draws favour small numbers,
        which would put every accident in the first lines), then a line in it."""
        starts = [n for n, line in enumerate(lines) if line[:1].isalpha()] or [0]
        start = draw(st.sampled_from(starts))
        end = next((n for n in starts if n > start), len(lines))
        return min(len(lines) - 1, start + draw(st.integers(0, max(0, end - start - 1))))

    for _ in range(draw(st.integers(1, 3))):
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "swap-values", "value", "near-miss",
                 "near-miss", "near-miss", "reuse", "duplicate-item", "unicode", "indent",
                 "blank"]
            )
        )  # fmt: skip
        i, j = index(), index()
        line = lines[i]
        leaf = LEAF.match(line.rstrip("\r\n"))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "swap-values" and ": " in line and ": " in lines[j]:
            (key_i, value_i), (key_j, value_j) = line.split(": ", 1), lines[j].split(": ", 1)
            lines[i], lines[j] = f"{key_i}: {value_j}", f"{key_j}: {value_i}"
        elif op == "value":
            key = line.split(": ", 1)[0] if ": " in line else line.rstrip("\n").rstrip(":")
            lines[i] = f"{key}: {flow(draw(VALUES))}\n"
        elif op == "near-miss" and leaf:
            choices = NEAR_MISSES[_kind(leaf.group(2))]
            lines[i] = f"{leaf.group(1)}{draw(st.sampled_from(choices))}\n"
        elif op == "reuse" and leaf and (other := LEAF.match(lines[j].rstrip("\r\n"))):
            lines[i] = f"{leaf.group(1)}{other.group(2)}\n"  # e.g. an id used twice
        elif op == "duplicate-item":
            start, end = _item_block(lines, i)
            lines[end:end] = lines[start:end]
        elif op == "unicode":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.text(min_size=1, max_size=3)) + line[at:]
        elif op == "indent":
            change = draw(st.sampled_from(["add", "remove", "tab"]))
            if change == "add":
                lines[i] = draw(st.sampled_from([" ", "  ", "   "])) + line
            elif change == "remove":
                lines[i] = line[draw(st.integers(1, 3)) :] if line.startswith(" ") else line
            else:
                lines[i] = "\t" + line.lstrip(" ")
        elif op == "blank":
            lines[i] = "\n"
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 5)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


YAMLISH = st.text(alphabet="[]{}:,-?&*!|>'\"#%@` \n\r\tab01.~\x85\ufeff\x00é<", max_size=200)
RANDOM_YAML = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass")),
    VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8", "surrogatepass")),
)


def _random_mapping_of(base: str) -> st.SearchStrategy[bytes]:
    """The real file's top-level keys with random values: right shape, wrong contents."""
    keys = [line.split(":", 1)[0] for line in base.splitlines() if line[:1].isalpha()]
    return st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)).flatmap(
        lambda chosen: st.tuples(*(VALUES for _ in chosen)).map(
            lambda values: "".join(
                f"{k}: {flow(v)}\n" for k, v in zip(chosen, values, strict=True)
            ).encode("utf-8", "surrogatepass")
        )
    )


# --- catalog -----------------------------------------------------------------------------------
def _check_catalog(call: Callable[[], Catalog]) -> None:
    outcome = run_reader(call, line=True, file_level=YAML_FILE_LEVEL)
    if outcome.error is None:
        assert isinstance(outcome.value, Catalog) and len(outcome.value) > 0
        event("catalog loaded")
    else:
        event("catalog refused")


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalog (jive.yaml is replaced per example)."""
    copy = tmp_path / "catalog"
    shutil.copytree(SHIPPED_CATALOG, copy)
    return copy


# Each example parses the whole catalog again (its key changed): the slowest properties of
# the suite, so FEWER examples, as for the plan imports below.
@FEWER
@given(content=st.one_of(mutations(JIVE), _random_mapping_of(JIVE)))
def test_catalog_with_a_mutated_product_file(catalog_copy: Path, content: bytes) -> None:
    (catalog_copy / "enterprise-social" / "jive.yaml").write_bytes(content)
    _check_catalog(lambda: load_catalog(shipped=catalog_copy))


@FEWER
@given(content=st.one_of(RANDOM_YAML, mutations(JIVE)))
def test_catalog_extra_directory_with_one_fuzzed_file(tmp_path: Path, content: bytes) -> None:
    extra = tmp_path / "extra"
    extra.mkdir(exist_ok=True)
    (extra / "product.yaml").write_bytes(content)
    _check_catalog(lambda: load_catalog([extra]))


# --- plan import -------------------------------------------------------------------------------
@pytest.fixture
def plan_app(tmp_path: Path) -> Iterator[Planner]:
    """A workspace that already holds the demo plan (imported once, from its file)."""
    app = plan_planner(tmp_path / "ws")
    yield app
    app.close()


def _render(app: Planner, name: str) -> str | None:
    """The plan file of an imported plan, or None when a known bug makes that fail."""
    try:
        return render_plan(app.workspace, name, TODAY, app.catalog)
    except Exception as exc:
        bug = known_bug(exc)
        assert bug == "plan-far-date", f"an imported plan cannot be shown: {describe(exc)}"
        event(f"known bug {bug}")
        return None


# The demo's plan file and every row of its workspace before an example, per workspace: an
# example whose import was refused has just checked that both are unchanged, so the next
# one starts from them instead of exporting the demo again (most of an example's CPU).
_DEMO_STATE: dict[str, tuple[str, dict[str, list[tuple[Any, ...]]]]] = {}


def _plan_property(app: Planner, path: Path, content: bytes) -> None:
    path.write_bytes(content)
    known = _DEMO_STATE.pop(app.settings.db, None)
    before, snapshot = known or (render_demo(app), db_snapshot(db_file(app)))
    outcome = run_reader(
        lambda: import_plan(app.workspace, app.catalog, path),
        line=True,
        file_level=YAML_FILE_LEVEL,
    )
    if outcome.refused:
        event("plan refused" if outcome.bug is None else f"known bug {outcome.bug}")
        assert render_demo(app) == before, "a refused import changed the plan"
        assert db_snapshot(db_file(app)) == snapshot, "a refused import changed the workspace"
        _DEMO_STATE[app.settings.db] = (before, snapshot)
        return
    event("plan imported")
    name = outcome.value.plan
    exported = _render(app, name)
    if exported is not None:
        # The review loop: the exported file imports back to the very same plan.
        run_reader(
            lambda: import_plan(app.workspace, app.catalog, "exported.yaml", text=exported),
            line=True,
            tolerate=False,
        )
        assert _render(app, name) == exported, "export -> import -> export changed the plan"
    import_plan(app.workspace, app.catalog, DEMO_PLAN)  # back to the demo for the next one


@FEWER
@given(content=mutations(DEMO))
def test_plan_import_of_a_mutated_demo_plan(
    plan_app: Planner, tmp_path: Path, content: bytes
) -> None:
    _plan_property(plan_app, tmp_path / "plan.yaml", content)


@FEWER
@given(content=st.one_of(RANDOM_YAML, _random_mapping_of(DEMO)))
def test_plan_import_of_random_input(plan_app: Planner, tmp_path: Path, content: bytes) -> None:
    _plan_property(plan_app, tmp_path / "plan.yaml", content)


# --- hostile shapes --------------------------------------------------------------------------
def _laughs() -> bytes:
    lines = [b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        name, prev = chr(ord("a") + i).encode(), chr(ord("a") + i - 1).encode()
        lines.append(name + b": &" + name + b" [" + b", ".join([b"*" + prev] * 9) + b"]")
    return b"\n".join(lines) + b"\n"


def _keys(count: int, indent: bytes = b"") -> bytes:
    return b"".join(b"%sk%x: 1\n" % (indent, i) for i in range(count))


HEADER = b"schema: planner.plan/1\n"
HOSTILE: dict[str, Callable[[], bytes]] = {
    "billion-laughs": _laughs,
    "billion-laughs-in-plan": lambda: HEADER + _laughs(),
    "deep-flow-lists": lambda: b"[" * 10_000 + b"]" * 10_000,
    "deep-flow-maps": lambda: b"{a: " * 10_000 + b"}" * 10_000,
    "deep-unclosed": lambda: b"[{" * 5_000,
    "deep-block-lists": lambda: b"".join(b" " * i + b"-\n" for i in range(10_000)),
    "30mb-plain-scalar": lambda: HEADER + b"plan: " + b"x" * (30 * MB) + b"\n",
    "30mb-quoted-scalar": lambda: HEADER + b'plan: "' + b"x" * (30 * MB) + b'"\n',
    "30mb-key": lambda: b"x" * (30 * MB) + b": 1\n",
    "100k-keys": lambda: _keys(100_000),
    "100k-keys-in-plan": lambda: HEADER + b"needs:\n  capabilities:\n" + _keys(100_000, b"    "),
    "5k-list-items": lambda: HEADER + b"tools:\n" + b"- 1\n" * 5_000,
    "latin-1": lambda: JIVE.replace("Jive Software", "Jive Société").encode("latin-1"),
    "invalid-utf8-mid-file": lambda: DEMO.encode()[:5000] + b"\xc3\x28\xff\xfe" + b"x\n",
    "utf8-bom": lambda: b"\xef\xbb\xbf" + DEMO.encode(),
    "utf16-bom": lambda: DEMO.encode("utf-16"),
    "utf32-bom": lambda: JIVE.encode("utf-32"),
    "double-bom": lambda: b"\xef\xbb\xbf\xef\xbb\xbf" + JIVE.encode(),
    "nul-bytes": lambda: JIVE.encode().replace(b"Jive Software", b"Jive\x00Software"),
    "only-nul": lambda: b"\x00" * 1000,
    "python-object-apply": lambda: b"id: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
    "python-tag-in-plan": lambda: DEMO.replace(
        "  owner: CIO office", "  owner: !!python/object/apply:os.system ['true']", 1
    ).encode(),
    "local-tag": lambda: b"id: !jive x\n",
    "merge-key-with-alias": lambda: b"base: &b {name: x}\nproduct:\n  <<: *b\n",
    "merge-key-plain": lambda: JIVE.replace(
        "security:\n", "security:\n  <<: {sso: [saml]}\n"
    ).encode(),
    "merge-key-in-plan": lambda: DEMO.replace("plan:\n", "plan:\n  <<: {name: x}\n", 1).encode(),
    "two-documents": lambda: JIVE.encode() + b"---\n" + JIVE.encode(),
    "document-end-then-garbage": lambda: DEMO.encode() + b"...\n{[\n",
    "empty-documents": lambda: b"---\n---\n---\n",
    "directives": lambda: b"%YAML 1.1\n%TAG ! tag:evil.com,2000:\n---\n" + JIVE.encode(),
    "control-characters": lambda: JIVE.encode().replace(b"Jive", b"J\x1b[31mive\x07", 1),
    "crlf-and-cr": lambda: DEMO.replace("\n", "\r\n").replace("\r\ntools:", "\rtools:").encode(),
    "long-line-of-flow-items": lambda: b"capabilities: [" + b"a, " * 20_000 + b"a]\n",
}
READERS = ("catalog", "plan")


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Planner]:
    """One workspace holding the demo plan for all hostile inputs (each test checks that a
    refused import changed nothing, and puts the demo back after an accepted one)."""
    app = plan_planner(tmp_path_factory.mktemp("hostile"))
    yield app
    app.close()


def _hostile_call(reader: str, content: bytes, tmp: Path, app: Planner) -> Callable[[], Any]:
    if reader == "catalog":
        extra = tmp / "extra"
        extra.mkdir(exist_ok=True)
        (extra / "product.yaml").write_bytes(content)
        return lambda: load_catalog([extra])
    path = tmp / "hostile.yaml"
    path.write_bytes(content)
    return lambda: import_plan(app.workspace, app.catalog, path)


def _memory_bound(name: str, reader: str) -> int:
    bound = SCALAR_MEMORY_BOUND if name.startswith("30mb") else MEMORY_BOUND
    return bound + (PLAN_READ_BUFFER if reader == "plan" else 0)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_is_refused_cleanly(
    name: str, reader: str, hostile_app: Planner, tmp_path: Path
) -> None:
    call = _hostile_call(reader, HOSTILE[name](), tmp_path, hostile_app)
    plan = reader == "plan"
    before = (render_demo(hostile_app), db_snapshot(db_file(hostile_app))) if plan else None
    outcome = run_reader(call, line=True, file_level=YAML_FILE_LEVEL, tolerate=False)
    if plan and outcome.refused:
        after = (render_demo(hostile_app), db_snapshot(db_file(hostile_app)))
        assert after == before, "a refused import changed the workspace"
    elif plan:
        import_plan(hostile_app.workspace, hostile_app.catalog, DEMO_PLAN)
    if outcome.error is not None and name.startswith(("billion", "merge-key-with", "python")):
        messages = " ".join(e.message for e in all_errors(outcome.error))
        assert "not allowed" in messages, messages


# Inputs that exceed the memory bound: findings, each pinned by a strict xfail.
# (Empty since error floods are capped: planner.errors.MAX_PROBLEMS.)
MEMORY_FINDINGS: dict[tuple[str, str], str] = {}

# Measured by a cheaper test instead (tracemalloc would take seconds over their allocations).
MEMORY_ELSEWHERE = {
    ("100k-keys-in-plan", "plan"): "test_an_error_flood_in_a_plan_has_bounded_memory"
}


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        pytest.param(
            name,
            reader,
            marks=[pytest.mark.xfail(strict=True, reason=MEMORY_FINDINGS[name, reader])]
            if (name, reader) in MEMORY_FINDINGS
            else [],
        )
        for name in sorted(HOSTILE)
        for reader in READERS
        if (name, reader) not in MEMORY_ELSEWHERE
    ],
)
def test_hostile_yaml_memory_is_bounded(
    name: str, reader: str, hostile_app: Planner, tmp_path: Path
) -> None:
    call = _hostile_call(reader, HOSTILE[name](), tmp_path, hostile_app)
    peak, raised = peak_memory(call)
    if raised is not None and not isinstance(raised, InputError):
        raise AssertionError(f"raised {describe(raised)}") from raised
    if raised is None and reader == "plan":
        import_plan(hostile_app.workspace, hostile_app.catalog, DEMO_PLAN)
    bound = _memory_bound(name, reader)
    assert peak < bound, f"tracemalloc peak {peak / MB:.0f} MB (bound {bound / MB:.0f} MB)"


def _rss_kb(field: str) -> int:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    assert match is not None
    return int(match.group(1))


@pytest.mark.skipif(
    not os.access("/proc/self/clear_refs", os.W_OK), reason="needs Linux's peak-RSS reset"
)
def test_an_error_flood_in_a_plan_has_bounded_memory(tmp_path: Path) -> None:
    """Measured as the peak RSS growth of a forked child: tracemalloc would take ~15 s
    over the 300,000 allocations of this input."""
    path = tmp_path / "flood.yaml"
    path.write_bytes(HEADER + b"tools:\n" + b"- 1\n" * 100_000)

    def body(send: Callable[[dict[str, Any]], None]) -> None:
        app = new_planner(tmp_path / "ws")
        _ = app.catalog
        baseline = _rss_kb("VmRSS")
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # reset VmHWM
        outcome = run_reader(
            lambda: import_plan(app.workspace, app.catalog, path), line=True, bound=60
        )
        assert outcome.error is not None
        send({"growth": (_rss_kb("VmHWM") - baseline) * 1024})

    growth = [m for m in run_forked(body, step_timeout=30) if "growth" in m]
    assert growth, "the child did not answer"
    peak = growth[0]["growth"]
    assert peak < MEMORY_BOUND, f"peak RSS grew by {peak / MB:.0f} MB for a 400 KB file"


def test_reading_a_small_plan_allocates_little(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text("schema: planner.plan/1\n", encoding="utf-8")
    peak, raised = peak_memory(lambda: load_yaml_file(path, max_bytes=MAX_PLAN_BYTES))
    assert raised is None
    assert peak < 4 * MB, f"{peak / MB:.0f} MB traced to read a 23-byte plan file"


def test_hostile_inputs_are_what_they_claim() -> None:
    """Guard the guards: the builders make the sizes and depths the names say."""
    started = time.perf_counter()
    assert len(HOSTILE["30mb-plain-scalar"]()) > 30 * MB
    assert HOSTILE["100k-keys"]().count(b"\n") == 100_000
    assert HOSTILE["deep-flow-lists"]().count(b"[") == 10_000
    assert len(HOSTILE["100k-keys"]()) < 1024 * 1024  # under the catalog's size limit
    assert time.perf_counter() - started < SECONDS_PER_INPUT
