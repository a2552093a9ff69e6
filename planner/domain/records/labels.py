"""How a record's fields are shown to people: a form's label, an option's help.

Apart from the definitions on purpose: the command line builds every option at start-up,
and importing SQLModel there would triple the time ``planner --help`` takes. So the labels
sit in light modules: each record's in its domain module, next to its domain class
(``domain.pilots.PILOT_FIELDS``). A field listed there is shown: an input of the record's
form, an option of its commands (``pilot add``, ``pilot set``), a column of its listing,
in that order; a field left out is still stored, exported and merged, only not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Shown:
    label: str  # the form's label
    help: str  # the option's help
    # how typed text is read ("flag": a yes/no option both ways, --x / --no-x)
    value: Literal["text", "int", "date", "list", "flag"] = "text"
    metavar: str | None = None
    placeholder: str | None = None  # the form input's hint
    aliases: tuple[str, ...] = ()  # more option names
    option: str | None = None  # the option's name when it is not the field's (--target)
    choices: tuple[str, ...] = ()  # the values the option takes (none: any)
    required: bool = False  # the option must be given
    default: str | None = None  # the option's value when not given
    pair: bool = False  # in a form, beside the next field
