"""Write plain data as deterministic YAML that `load_yaml` reads back to the same data.

Why this exists: plans are exported for review in merge requests, so the same plan must
always give the same text, and a string must never come back as something else (``no``,
``0755``, ``1e3`` are quoted; line breaks YAML would normalise are escaped). PyYAML's safe
dumper gets close; this adds the quoting rule of `rules.resolve_plain`, ISO dates as
plain strings, enums as their values and block-style, never-folded output.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import yaml

from planner.adapters.yamlsafe.rules import resolve_plain

if TYPE_CHECKING:
    _DumperBase = yaml.CSafeDumper
else:  # libyaml may be missing: fall back to the pure-Python emitter
    _DumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_STR_TAG: Final = "tag:yaml.org,2002:str"
_TAGS: Final[dict[type, str]] = {
    type(None): "tag:yaml.org,2002:null", bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int", float: "tag:yaml.org,2002:float",
}  # fmt: skip
# Line breaks YAML normalises on reading: only a double-quoted (escaped) scalar keeps them.
_ESCAPE_ONLY: Final = frozenset("\r\x85\u2028\u2029")


def _dump_resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
    """A string is written plain only if neither `load_yaml` nor a YAML 1.1 reader would
    read it as something else, except that ISO dates stay plain (they are strings to us)."""
    theirs: Callable[..., Any] = yaml.resolver.Resolver.resolve  # untyped in the stubs
    if kind is yaml.ScalarNode and implicit[0]:
        ours = resolve_plain(value)
        if not isinstance(ours, str):
            return _TAGS[type(ours)]
        tag = theirs(self, kind, value, implicit)
        return _STR_TAG if tag == "tag:yaml.org,2002:timestamp" else tag
    return theirs(self, kind, value, implicit)


def _represent_str(self: Any, data: str) -> Any:
    style: str | None = None
    if not _ESCAPE_ONLY.isdisjoint(data):
        style = '"'
    elif "\n" in data:
        style = "|"  # readable multi-line text; the emitter falls back to quotes if needed
    return self.represent_scalar(_STR_TAG, data, style=style)


def _represent_date(self: Any, data: dt.date) -> Any:
    return self.represent_scalar(_STR_TAG, data.isoformat())


def _represent_enum(self: Any, data: enum.Enum) -> Any:
    return self.represent_data(data.value)


def _represent_tuple(self: Any, data: tuple[Any, ...]) -> Any:
    return self.represent_list(list(data))


def _represent_decimal(self: Any, data: decimal.Decimal) -> Any:
    # An amount as its exact text, quoted ('12000.00'): read back as a string, it is the
    # same Decimal, never a float.
    return self.represent_scalar(_STR_TAG, str(data))


def _no_aliases(self: Any, data: Any) -> bool:
    return True


def _make_dumper(base: type[Any]) -> type[Any]:
    """A safe dumper class on ``base`` (CSafeDumper, or SafeDumper without libyaml) whose
    output reads back identically through `load_yaml`."""
    # Never an anchor or alias: the loader refuses them in plans, and records read from the
    # database share equal values (one tuple per distinct list), which PyYAML would alias.
    dumper: type[Any] = type(
        "StrictDumper", (base,), {"resolve": _dump_resolve, "ignore_aliases": _no_aliases}
    )
    dumper.add_representer(str, _represent_str)
    dumper.add_representer(dt.date, _represent_date)
    dumper.add_representer(dt.datetime, _represent_date)
    dumper.add_representer(tuple, _represent_tuple)
    dumper.add_representer(decimal.Decimal, _represent_decimal)
    dumper.add_multi_representer(enum.Enum, _represent_enum)
    return dumper


_Dumper = _make_dumper(_DumperBase)  # tests swap in a SafeDumper-based one for the fallback


# PyYAML builds a node for every value of a document before writing any of it: a plan of
# 60,000 tools took most of a gigabyte. A top-level mapping is written key by key, and a
# long list in it this many items at a time; the text is the same (block style: a
# top-level entry's text does not depend on its neighbours; no aliases).
DUMP_CHUNK = 1_000


def dump_yaml(data: Any) -> str:
    """Deterministic block-style YAML of plain data (dicts keep their order; dates as ISO
    strings; enums as their values) that `load_yaml` reads back to the same data."""
    if not isinstance(data, dict) or not data:
        return _dump(data)
    parts: list[str] = []
    for key, value in data.items():
        if isinstance(value, (list, tuple)) and len(value) > DUMP_CHUNK:
            parts.append(_dump({key: list(value[:DUMP_CHUNK])}))
            for start in range(DUMP_CHUNK, len(value), DUMP_CHUNK):
                parts.append(_dump(list(value[start : start + DUMP_CHUNK])))
        else:
            parts.append(_dump({key: value}))
    return "".join(parts)


def _dump(data: Any) -> str:
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,  # never fold long strings
        indent=2,
    )
    return text
