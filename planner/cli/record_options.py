"""Command-line options built from a record's shown fields (``domain.records.labels``).

One option per shown field, in the labels' order, with the label's help and metavar; what
the user typed comes back as a dict of the fields given, for the record's typed change.
Only the labels are imported here (no SQLModel), so building the parser stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from planner.cli.commands import iso_date
from planner.domain.records.labels import Shown


def add_field_options(p: argparse.ArgumentParser, shown: Mapping[str, Shown]) -> None:
    for name, field in shown.items():
        kwargs: dict[str, Any] = {"help": field.help}
        if field.metavar is not None:
            kwargs["metavar"] = field.metavar
        if field.choices:
            kwargs["choices"] = list(field.choices)
        if field.required:
            kwargs["required"] = True
        if field.default is not None:
            kwargs["default"] = field.default
        if field.value == "int":
            kwargs["type"] = int
        elif field.value == "date":
            kwargs["type"] = iso_date
        elif field.value == "flag":
            kwargs["action"] = argparse.BooleanOptionalAction
            kwargs["default"] = None  # not given: unchanged
        option = field.option or name.replace("_", "-")
        p.add_argument(f"--{option}", *field.aliases, dest=name, **kwargs)


def field_values(args: argparse.Namespace, shown: Mapping[str, Shown]) -> dict[str, Any]:
    """The shown fields the user gave (a list field split at commas)."""
    given: dict[str, Any] = {}
    for name, field in shown.items():
        value = getattr(args, name, None)
        if value is None:
            continue
        given[name] = value.split(",") if field.value == "list" else value
    return given
