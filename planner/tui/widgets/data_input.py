"""An input field prefilled with stored text, shown safely and saved back exactly.

A stored value may hold characters a terminal acts on (a department from a survey with
``ESC [2J``): Textual's ``Input`` would draw them raw. This field shows the value with
controls made visible (``\\x1b``) and, when the user leaves it as shown, gives back the
stored value byte for byte — so opening and saving a dialog never rewrites data the user
did not touch, and whatever the user types is taken as typed.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from planner.domain.text import visible


class DataInput(Input):
    """An ``Input`` for a stored value; read :attr:`data` rather than ``value``."""

    def __init__(self, stored: str = "", **kwargs: Any) -> None:
        self.stored = stored
        self.shown = visible(stored)
        super().__init__(self.shown, **kwargs)

    @property
    def data(self) -> str:
        """The stored value when the field was left as shown, else what was typed."""
        return self.stored if self.value == self.shown else self.value
