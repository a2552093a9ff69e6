"""A record's form inputs, built from its shown fields (``domain.records.labels``).

One labelled input per shown field, in the labels' order (a ``pair`` field sits beside the
next one), and the typed text read back as the values a record's typed change takes. A
field given a label is in the form with no change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widgets import Checkbox, Input, Select

from planner.domain.records.labels import Shown
from planner.tui.screens.dialog import REQUIRED, WHOLE, FormErrors, parse_date
from planner.tui.screens.forms import field


def _input(name: str, shown: Shown, value: str) -> Input | Select[str] | Checkbox:
    if shown.value == "flag":  # yes or no: ticked, not typed ("true" or "" in ``values``)
        # The help without the command line's own hint ("(--no-email: …)").
        return Checkbox(shown.help.split(" (--")[0], value=value == "true", id=name)
    if shown.choices:  # a closed set of values: chosen, not typed
        return Select(
            [(c, c) for c in shown.choices],
            value=value or shown.default or shown.choices[0],
            allow_blank=False,
            id=name,
        )
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


def field_values(form: DOMNode, shown: Mapping[str, Shown]) -> dict[str, Any]:
    """What was typed, read as each field takes it; :class:`FormErrors` names every field
    whose text is bad (all of them, each in the one wording of its kind)."""
    out: dict[str, Any] = {}
    errors: dict[str | None, str] = {}
    for name, spec in shown.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, Checkbox):
            out[name] = widget.value
            continue
        text = widget.value if isinstance(widget, Input) else _choice(widget)
        if spec.required and not text.strip():
            errors[name] = REQUIRED
        elif spec.value == "int":
            try:
                out[name] = int(text or 0)
            except ValueError:
                errors[name] = WHOLE
        elif spec.value == "date":
            try:
                out[name] = parse_date(text)
            except ValueError as exc:
                errors[name] = str(exc)
        elif spec.value == "list":
            out[name] = text.split(",")
        else:
            out[name] = text if name == "title" else (text or None)
    if errors:
        raise FormErrors(errors)
    return out


def _choice(widget: object) -> str:
    value = getattr(widget, "value", None)
    return "" if value is None or value is Select.NULL else str(value)
