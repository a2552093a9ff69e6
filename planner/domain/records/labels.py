"""How a record's fields are shown to people: a form's label, an option's help.

Apart from the definitions on purpose: the command line builds every option at start-up,
and importing SQLModel there would triple the time ``planner --help`` takes. So this module
imports nothing heavy. A field listed here is shown: it is an input of the record's form
and an option of its commands (``pilot add``, ``pilot set``), in this order; a field left
out is still stored, exported and merged, only not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Shown:
    label: str  # the form's label
    help: str  # the option's help
    value: Literal["text", "int", "date", "list"] = "text"  # how typed text is read
    metavar: str | None = None
    placeholder: str | None = None  # the form input's hint
    aliases: tuple[str, ...] = ()  # more option names
    pair: bool = False  # in a form, beside the next field


PILOT: dict[str, Shown] = {
    "title": Shown("Title", "the pilot's title (default: product and departments)"),
    "departments": Shown(
        "Departments",
        "departments taking part, comma-separated",
        "list",
        metavar="D1,D2",
        placeholder="comma-separated, e.g. R&D, Sales",
        aliases=("--department",),
    ),
    "users": Shown(
        "Users", "how many people take part", "int", metavar="N", placeholder="how many"
    ),
    "sponsor": Shown("Sponsor", "who sponsors it"),
    "start": Shown(
        "Start", "first day", "date", metavar="YYYY-MM-DD", placeholder="YYYY-MM-DD", pair=True
    ),
    "end": Shown("End", "last day", "date", metavar="YYYY-MM-DD", placeholder="YYYY-MM-DD"),
}
