"""Strict, safe YAML loading: every refusal is located, YAML 1.1 surprises stay strings,
pydantic errors point at the right line, dumps are deterministic and read back."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from planner.adapters import yamlsafe
from planner.adapters.yamlsafe import (
    StrictLoader,
    YamlDocument,
    dump_yaml,
    dumping,
    load_yaml,
    load_yaml_file,
    loading,
    pydantic_errors,
)
from planner.errors import InputError, InputErrors
from tests.conftest import HANG_GUARD_S

DATA = Path(__file__).resolve().parents[1] / "data" / "yaml"


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and with the pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(loading, "_PARSER", yaml.SafeLoader)
    yield request.param


def refusal(source: str | bytes, **limits: int) -> InputError:
    with pytest.raises(InputError) as info:
        load_yaml(source, source="f.yaml", **limits)
    assert info.value.file == "f.yaml"
    assert "\n" not in info.value.message
    return info.value


# --- plain data and scalars --------------------------------------------------------------
def test_loads_plain_data(parser: str) -> None:
    doc = load_yaml(
        "id: jive\nusers: 161\nprogress: 0.8\nowner: null\nactive: true\n"
        "departments: [R&D, Sales]\nsecurity: {sso: [saml]}\nnotes: |\n  two\n  lines\n",
        source="p.yaml",
    )
    assert doc.source == "p.yaml"
    assert doc.data == {
        "id": "jive",
        "users": 161,
        "progress": 0.8,
        "owner": None,
        "active": True,
        "departments": ["R&D", "Sales"],
        "security": {"sso": ["saml"]},
        "notes": "two\nlines\n",
    }


@pytest.mark.parametrize(
    "scalar",
    ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "N", "yEs",
     "0755", "00", "-012", "1:20", "190:20:30", "1:20.5", "0x1F", "0b101", "0o17", "1_000",
     "2024-01-01", "2024-01-01T10:00:00Z", "2001-12-14 21:59:43.10 -5", "=", "<<",
     "tRUE", "nULL", ".", "+", "1e", "1.2.3", "12e", ".e3"],
)  # fmt: skip
def test_yaml_1_1_surprises_stay_strings(scalar: str) -> None:
    assert load_yaml(f"v: {scalar}\n", source="s").data == {"v": scalar}
    assert load_yaml(f"{scalar}: v\n", source="s").data == {scalar: "v"}


@pytest.mark.parametrize(
    ("scalar", "value"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
     ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
     ("0", 0), ("-0", 0), ("+7", 7), ("161", 161), ("-42", -42),
     ("0.8", 0.8), ("1.", 1.0), (".5", 0.5), ("-1.5e+3", -1500.0), ("1e3", 1000.0),
     (".inf", float("inf")), ("-.Inf", float("-inf"))],
)  # fmt: skip
def test_ordinary_scalars_are_typed(scalar: str, value: Any) -> None:
    data = load_yaml(f"v: {scalar}\n", source="s").data
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


def test_nan_and_quoted_scalars() -> None:
    data = load_yaml("n: .nan\nq: 'true'\nd: \"1\"\nb: >\n  folded\n", source="s").data
    assert data["n"] != data["n"]
    assert (data["q"], data["d"], data["b"]) == ("true", "1", "folded\n")


def test_very_long_numbers_stay_strings() -> None:
    digits = "1" * 5000
    assert load_yaml(f"v: {digits}\n", source="s").data == {"v": digits}


def test_empty_documents_are_none(parser: str) -> None:
    for text in ("", "# only a comment\n", "---\n", "--- \n...\n", b"", "\ufeff"):
        assert load_yaml(text, source="s").data is None


def test_bom_is_accepted() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: \xc3\xa9\n", source="s").data == {"a": "é"}


def test_non_string_keys_are_kept() -> None:
    assert load_yaml("1: a\n~: b\n2.5: c\n", source="s").data == {1: "a", None: "b", 2.5: "c"}
    # 1 and true are the same Python key: refused rather than silently merged
    assert refusal("1: a\ntrue: b\n").message == "duplicate key True (first at line 1)"


# --- refusals ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "line", "col", "message"),
    [
        (b"a: 1\nb: 2\nc: caf\xe9\n", 3, 7, "not valid UTF-8"),
        (b"a: 1\n\xff: 2\n", 2, 1, "not valid UTF-8"),
        ("a: 1\nb: x\x00y\n", 2, 5, "characters are not allowed (found U+0000)"),
        (b"a: 1\nb: \x07\n", 2, 4, "characters are not allowed (found U+0007)"),
        ("a: \ud800\n", 1, 4, "not valid Unicode"),
        ("a: 1\nb: &anchor 2\n", 2, 4, "anchors and aliases are not allowed"),
        ("a: 1\nb: &anchor\n  c: 1\n", 2, 4, "anchors and aliases are not allowed"),
        ("a: 1\nb:\n  - *alias\n", 3, 5, "anchors and aliases are not allowed"),
        ("x: 1\ny: !!python/object/apply:os.system ['ls']\n", 2, 4,
         "tags are not allowed (found '!!python/object/apply:os.system')"),
        ("x:\n  - !custom 1\n", 2, 5, "tags are not allowed (found '!custom')"),
        ("x: !!str 1\n", 1, 4, "tags are not allowed"),
        ("x: !!map {a: 1}\n", 1, 4, "tags are not allowed"),
        ("a: 1\nb: 2\n---\nc: 3\n", 3, 1, "only one YAML document per file is allowed"),
        ("a: 1\n? [x, y]\n: 2\n", 2, 3, "mapping keys must be scalars"),
        ("a: 1\nb: [1, 2\nc: 3\n", 3, 2, "expected ',' or ']'"),
        ("a: 1\nb: c: d\n", 2, 5, "mapping values are not allowed"),
        ("a: 1\nb: @x\n", 2, 4, "cannot start any token"),
    ],
)  # fmt: skip
def test_refusals_are_located(
    parser: str, source: str | bytes, line: int, col: int, message: str
) -> None:
    error = refusal(source)
    assert (error.line, error.col) == (line, col), str(error)
    assert message in error.message
    assert str(error).startswith(f"f.yaml:{line}:{col}: ")


@pytest.mark.parametrize(
    ("source", "line", "first"),
    [
        ("id: a\nname: b\nid: c\n", 3, 1),
        ("tools:\n  - id: a\n    name: b\n  - id: c\n    name: d\n    id: e\n", 6, 4),
        ("x: {a: 1,\n  b: 2, a: 3}\n", 2, 1),
        ("1: a\n'1': b\n1: c\n", 3, 1),
    ],
)
def test_duplicate_keys_name_both_lines(parser: str, source: str, line: int, first: int) -> None:
    error = refusal(source)
    assert error.line == line
    assert f"(first at line {first})" in error.message
    assert error.message.startswith("duplicate key ")


def test_duplicate_key_message() -> None:
    assert (
        str(refusal("a: 1\n\nid: x\nid: y\n")) == "f.yaml:4:1: duplicate key 'id' (first at line 3)"
    )


def test_size_limit() -> None:
    assert "too large" in refusal("a: 12345\n", max_bytes=8).message
    assert "too large" in refusal(b"a: 12345\n", max_bytes=8).message
    assert "too large" in refusal("é" * 5, max_bytes=8).message  # 10 bytes in UTF-8
    assert load_yaml("a: 1234\n", source="s", max_bytes=8).data == {"a": 1234}


@pytest.mark.parametrize(
    ("source", "line", "col"),
    [
        ("a:\n  b:\n    c: [1]\n", 3, 5),
        ("- - - x\n", 1, 5),
        ("[[[1]]]\n", 1, 3),
        ("a: [{b: {c: 1}}]\n", 1, 5),
    ],
)
def test_depth_limit(parser: str, source: str, line: int, col: int) -> None:
    error = refusal(source, max_depth=2)
    assert (error.line, error.col) == (line, col)
    assert "nesting deeper than 2 levels" in error.message


def test_depth_limit_allows_exactly_max_depth() -> None:
    assert load_yaml("[[[1]]]", source="s", max_depth=3).data == [[[1]]]


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_nesting_is_refused_on_its_line(depth: int) -> None:
    """Whichever layer stops it first (our depth limit or libyaml's own cap since PyYAML
    6.0.4), the user gets one located line about that line, not a crash or a hang."""
    start = time.perf_counter()
    error = refusal("[" * depth + "]" * depth)
    assert error.line == 1
    assert error.col is not None and yamlsafe.MAX_DEPTH_DEFAULT < error.col <= depth
    block = "".join("  " * i + "- \n" for i in range(2_000))
    error = refusal(block)
    assert error.line is not None and yamlsafe.MAX_DEPTH_DEFAULT < error.line < 2_000
    assert time.perf_counter() - start < HANG_GUARD_S


def test_billion_laughs_is_refused() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    error = refusal("\n".join(lines) + "\n")
    assert time.perf_counter() - start < HANG_GUARD_S
    assert (error.line, error.message) == (1, "anchors and aliases are not allowed")


def test_huge_scalar_is_refused_and_located() -> None:
    big = b"name: x\nnote: " + b"x" * 60_000_000 + b"\n"
    start = time.perf_counter()
    error = refusal(big)
    assert time.perf_counter() - start < HANG_GUARD_S
    assert error.line == 2 and "too long" in error.message
    assert load_yaml(b"note: " + b"x" * 60_000_000, source="b", max_scalar=10**8).data


def test_random_bytes_are_refused() -> None:
    error = refusal(b"ok: 1\n" + bytes(range(256)) * 4000)
    assert error.line == 4  # bytes 0..127 hold a \n and a \r before the first bad byte


def test_strict_loader_is_strict_through_yaml_api() -> None:
    assert yaml.load("a: [on, 0755]", Loader=StrictLoader) == {"a": ["on", "0755"]}
    with pytest.raises(InputError, match="tags are not allowed"):
        yaml.load("a: !!python/name:os.system ''", Loader=StrictLoader)
    with pytest.raises(TypeError):
        yaml.compose("[" * 100_000, Loader=StrictLoader)
    with pytest.raises(TypeError):
        list(yaml.load_all("a: 1", Loader=StrictLoader))


# --- marks ---------------------------------------------------------------------------------
NESTED = """\
plan:
  name: acme
  start: 2027-01-04
tools:
  - id: yammer
    departments: [R&D, Sales]
  - {id: jive, users: 50}
"""


def test_mark_nested_paths(parser: str) -> None:
    doc = load_yaml(NESTED, source="n.yaml")
    assert doc.mark([]) == (1, 1)
    assert doc.mark(["plan"]) == (2, 3)
    assert doc.mark(["plan", "start"]) == (3, 10)
    assert doc.mark(["tools"]) == (5, 3)
    assert doc.mark(["tools", 0]) == (5, 5)
    assert doc.mark(["tools", 0, "departments", 1]) == (6, 24)
    assert doc.mark(["tools", 1]) == (7, 5)
    assert doc.mark(["tools", 1, "users"]) == (7, 23)
    assert doc.key_mark(["plan", "start"]) == (3, 3)
    assert doc.key_mark(["tools", 1, "users"]) == (7, 16)


def test_mark_missing_paths_give_nearest_ancestor() -> None:
    doc = load_yaml(NESTED, source="n.yaml")
    assert doc.mark(["plan", "owner"]) == doc.mark(["plan"]) == (2, 3)
    assert doc.mark(["tools", 1, "name"]) == (7, 5)
    assert doc.mark(["tools", 9, "id"]) == (5, 3)
    assert doc.mark(["tools", "0"]) == (5, 3)  # a list is indexed by int only
    assert doc.mark(["plan", "name", "deeper"]) == (2, 9)
    assert doc.mark(["nothing"]) == (1, 1)


def test_error_is_located() -> None:
    doc = load_yaml(NESTED, source="n.yaml")
    error = doc.error(["tools", 1, "users"], "too many users")
    assert isinstance(error, InputError)
    assert str(error) == "n.yaml:7:23: too many users"


def test_document_without_source_text() -> None:
    doc = YamlDocument({"a": 1}, "x.yaml")
    assert doc.mark(["a"]) == (1, 1)
    assert doc == load_yaml("a: 1\n", source="x.yaml")


# --- pydantic errors -----------------------------------------------------------------------
class Status(StrEnum):
    OFFICIAL = "official"
    TOLERATED = "tolerated"
    UNOFFICIAL = "unofficial"
    BANNED = "banned"


class Tool(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    status: Status
    users: int = 0


class PlanInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    start: dt.date


class PlanFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plan: PlanInfo
    tools: list[Tool]
    limits: dict[int, int] = {}


def validation_errors(doc: YamlDocument) -> list[str]:
    with pytest.raises(pydantic.ValidationError) as info:
        PlanFile.model_validate(doc.data)
    errors = pydantic_errors(info.value, doc)
    assert isinstance(errors, InputErrors)
    assert all(isinstance(e, InputError) for e in errors.errors)
    return str(errors).splitlines()


def test_pydantic_errors_are_located(parser: str) -> None:
    path = DATA / "plan_with_errors.yaml"
    doc = load_yaml_file(path)
    assert validation_errors(doc) == [
        f"{path}:4:10: plan.start: invalid date 'tomorrow' (input is too short)",
        f"{path}:9:5: tools[1]: missing required key 'name'",
        f"{path}:10:13: tools[1].status: must be one of official, tolerated, unofficial, "
        "banned (got 'offical')",
        f"{path}:11:12: tools[1].users: must be a valid integer, unable to parse string as an "
        "integer (got 'many')",
        f"{path}:12:5: tools[1]: unknown key 'colour'",
    ]


def test_pydantic_errors_on_types_keys_and_root() -> None:
    doc = load_yaml(
        "plan: [acme]\ntools: {a: 1}\nlimits: {x: 1}\nextra: 1\n",
        source="p.yaml",
    )
    assert validation_errors(doc) == [
        "p.yaml:1:7: plan: must be a mapping (got a list)",
        "p.yaml:2:8: tools: must be a list (got a mapping)",
        "p.yaml:3:10: limits.x: key must be a valid integer, unable to parse string as an "
        "integer (got 'x')",
        "p.yaml:4:1: unknown key 'extra'",
    ]
    empty = load_yaml("", source="e.yaml")
    assert validation_errors(empty) == ["e.yaml:1:1: must be a mapping (got null)"]


def test_yes_is_not_a_boolean_for_pydantic() -> None:
    class Flags(BaseModel):
        enabled: bool
        code: str

    doc = load_yaml("enabled: true\ncode: 0755\n", source="f.yaml")
    assert Flags.model_validate(doc.data) == Flags(enabled=True, code="0755")


# --- dumping -------------------------------------------------------------------------------
SAMPLE: dict[str, Any] = {
    "schema": "planner.plan/1",
    "plan": {"name": "acmé-2027", "start": dt.date(2027, 1, 4)},
    "tools": [
        {
            "id": "yammer",
            "status": "unofficial",
            "users": 161,
            "progress": 0.8,
            "owner": None,
            "flags": ["yes", "no", "0755", "1:20", "1e3", "", "2026-10-01"],
            "seen": dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC),
            "notes": "Zoë's team\nsecond line\n",
            "odd": "a\x85b\u2028c\u2029d\re",
            "long": "word " * 100,
        }
    ],
}


def test_dump_is_deterministic_and_readable() -> None:
    text = dump_yaml(SAMPLE)
    assert text == dump_yaml(SAMPLE)
    assert text.startswith(
        "schema: planner.plan/1\nplan:\n  name: acmé-2027\n  start: 2027-01-04\n"
    )
    assert "  notes: |\n    Zoë's team\n    second line\n" in text
    assert "- 'yes'\n" in text and "- '0755'\n" in text and "- '1e3'\n" in text
    assert "seen: 2026-10-01T09:30:00+00:00\n" in text
    assert f"  long: '{'word ' * 100}'\n" in text  # not folded however long
    assert "\x85" not in text and "\u2028" not in text


def expected_reload(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: expected_reload(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expected_reload(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("dumper", ["libyaml", "pure-python"])
def test_dump_round_trips(parser: str, dumper: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if dumper == "pure-python":
        monkeypatch.setattr(dumping, "_Dumper", dumping._make_dumper(yaml.SafeDumper))
    text = dump_yaml(SAMPLE)
    assert load_yaml(text, source="rt").data == expected_reload(SAMPLE)
    assert dump_yaml(load_yaml(text, source="rt").data) == text


def test_dump_enums_and_tuples() -> None:
    assert dump_yaml({"s": Status.BANNED, "t": (1, "a")}) == "s: banned\nt:\n- 1\n- a\n"


# --- properties ----------------------------------------------------------------------------
YAMLISH = st.text(alphabet="[]{}:,-?&*!|>'\"#%@` \n\r\tab01.~\x85\ufeff\x00é", max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.one_of(st.binary(max_size=120), st.text(max_size=120), YAMLISH,
                     YAMLISH.map(lambda s: s.encode("utf-8"))),
    depth=st.integers(1, 4),
)  # fmt: skip
def test_any_input_loads_or_raises_input_error(source: str | bytes, depth: int) -> None:
    try:
        doc = load_yaml(source, source="fuzz.yaml", max_depth=depth)
    except InputError as error:
        assert error.file == "fuzz.yaml"
        assert error.line is None or error.line >= 1
    else:
        line, col = doc.mark(["a", 0])
        assert line >= 1 and col >= 1


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.text(alphabet="\n\r\t \x85\u2028\u2029ab:#-'\"", max_size=8),
)  # fmt: skip
DATA_TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(DATA_TREES)
def test_dump_then_load_is_identity(data: Any) -> None:
    assert load_yaml(dump_yaml(data), source="rt").data == data


def _one_pyyaml_dump(data: Any) -> str:
    text: str = yaml.dump(
        data,
        Dumper=dumping._Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,
        indent=2,
    )
    return text


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), DATA_TREES, max_size=5))
def test_dump_is_the_text_pyyaml_writes(data: dict[str, Any]) -> None:
    """Records written directly (each scalar's text asked of PyYAML once) are the text
    PyYAML writes for the whole document, byte for byte."""
    assert dump_yaml(data) == _one_pyyaml_dump(data)


def test_dump_of_awkward_values_is_the_text_pyyaml_writes() -> None:
    """Values whose text is not their look: equal values written differently (0.0 and
    -0.0, 1.0 and 1.00 as amounts), YAML 1.1 words, indicators, line breaks, long keys,
    dates, enums, nested and empty lists and mappings."""
    import decimal

    class Level(StrEnum):
        ON = "on"
        SPACED = "x y"

    awkward = ["no", "0755", "1e3", "", " lead", "trail ", "a: b", "#x", "- x", "'q'", '"q"',
               "é«»", "null", "~", "@a", "`b", "%c", "!t", "&a", "*b", "[x]", "{y}", "a\u2028b",
               "two\nlines", "tab\tx", "x" * 300, "2027-01-04", "Tool 1 «équipe»", "a - b",
               "1.5", "0x1F", "TRUE", "Off", "yes please", "(x)", "a/b", "+1", "-", "-1",
               "1_000", "12:30", ".inf", "x.", "ẞig", "٣", "𗀀", "Team 🚀", "社内𠮷"]  # fmt: skip
    record = {
        "id": "t1", "zero": 0.0, "minus": -0.0, "amounts": [decimal.Decimal("1.0"),
        decimal.Decimal("1.00")], "flag": True, "one": 1, "none": None,
        "day": dt.date(2027, 1, 4), "level": Level.ON, "levels": (Level.SPACED,),
        "texts": awkward, "empty": [], "nothing": {}, "deep": [[["a"]], [[]], [{}], {"k": []}],
        "keys": {"": 1, "no": 2, "a b": 3, "k" * 150: 4, "1": 5, "x:y": 6, "two\nlines": 7},
    }  # fmt: skip
    data = {"plan": record, "tools": [dict(record, id=f"t{i}") for i in range(30)], "n": 3}
    assert dump_yaml(data) == _one_pyyaml_dump(data)
    # The same texts as keys, where the direct writer writes keys (one line, at most 100
    # characters), with ids of the kind a plan keys its sections by.
    keys = [t for t in awkward if len(t) <= 100 and dumping._ONE_LINE(t)]
    ids = {"tool-17516": 1, "training-04242": 2, **{t: i for i, t in enumerate(keys)}}
    assert dumping._Lines().entry("ids", ids) == _one_pyyaml_dump({"ids": ids})


# --- files and speed -----------------------------------------------------------------------
def test_load_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\nb: [x]\n")
    assert load_yaml_file(path).data == {"a": 1, "b": ["x"]}
    assert load_yaml_file(path).source == str(path)
    assert load_yaml_file(path, source="plans/x.yaml").source == "plans/x.yaml"
    with pytest.raises(InputError, match="too large") as info:
        load_yaml_file(path, max_bytes=4)
    assert info.value.file == str(path)
    with pytest.raises(InputError, match="cannot read file") as info:
        load_yaml_file(tmp_path / "missing.yaml")
    path.write_bytes(b"a: 1\na: 2\n")
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    assert str(info.value) == f"{path}:2:1: duplicate key 'a' (first at line 1)"


def test_device_files_are_bounded() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError):
        load_yaml_file(Path("/dev/zero"), max_bytes=1024)


def test_a_large_file_is_reread_to_locate_an_error(tmp_path: Path) -> None:
    """Files over a megabyte do not keep their bytes through validation: positions come
    from the same bytes read again, or from nothing if the file changed meanwhile."""
    from planner.adapters.yamlsafe import load_yaml_file

    path = tmp_path / "big.yaml"
    items = "".join(f"- id: tool-{i}\n  note: {'x' * 40}\n" for i in range(30_000))
    path.write_text("tools:\n" + items, encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    doc = load_yaml_file(path)
    assert doc.mark(("tools", 29_999, "note")) == (60_001, 9)
    changed = load_yaml_file(path)
    path.write_text("tools: []\n" + items, encoding="utf-8")
    assert changed.mark(("tools", 29_999, "note")) == (1, 1)  # no position, not a wrong one


@pytest.mark.parametrize(
    "data",
    [
        {"": "𗀀"},
        {"a": "Team 🚀"},
        {"k": ["社内𠮷"]},
        {"\n": None, "": "0\n"},  # a kept line break ("|+") before the end: no "..."
        {"a": "0\n", "b": "x\n\n"},  # ... at the end: "..." once
        {"\n": None, "": None},  # ... and before plain scalars: "..." at the end
    ],
)
def test_hypothesis_finds_are_written_as_pyyaml_writes_them(data: Any) -> None:
    """libyaml escapes characters beyond U+FFFF, and closes a document with "..." only
    when it ends on a kept line break (two hypothesis finds in the direct writer)."""
    assert dump_yaml(data) == _one_pyyaml_dump(data)
