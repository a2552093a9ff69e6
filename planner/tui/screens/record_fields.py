"""A record's form inputs, built from its shown fields (``domain.records.labels``).

One labelled input per shown field, in the labels' order (a ``pair`` field sits beside the
next one), and the typed text read back as the values a record's typed change takes. A
field given a label is in the form with no change here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widgets import Input

from planner.domain.records.labels import Shown
from planner.tui.screens.forms import field


def _input(name: str, shown: Shown, value: str) -> Input:
    return Input(
        value,
        placeholder=shown.placeholder or "",
        id=name,
        type="integer" if shown.value == "int" else "text",
    )


def field_inputs(shown: Mapping[str, Shown], values: Mapping[str, str]) -> ComposeResult:
    """The inputs, with ``values`` filled in."""
    names: Iterator[str] = iter(shown)
    for name in names:
        spec = shown[name]
        if not spec.pair:
            yield from field(spec.label, _input(name, spec, values.get(name, "")))
            continue
        beside = next(names)  # the pair's second field
        with Horizontal(classes="field-row"):
            for one in (name, beside):
                with Vertical(classes="field-cell"):
                    yield from field(shown[one].label, _input(one, shown[one], values.get(one, "")))


def read_date(text: str, label: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{label}: expected YYYY-MM-DD, got {text!r}") from None


def field_values(form: DOMNode, shown: Mapping[str, Shown]) -> dict[str, Any]:
    """What was typed, read as each field takes it; ValueError names a field's bad text."""
    out: dict[str, Any] = {}
    for name, spec in shown.items():
        text = form.query_one(f"#{name}", Input).value
        if spec.value == "int":
            out[name] = int(text or 0)
        elif spec.value == "date":
            out[name] = read_date(text, name)
        elif spec.value == "list":
            out[name] = text.split(",")
        else:
            out[name] = text if name == "title" else (text or None)
    return out
