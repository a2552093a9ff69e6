"""Record kind → the callable that opens its form: ``FORMS[kind](app_or_screen, plan,
record_or_None, on_saved)`` (None: a new record). The screens' row model opens a table's
records through here (``a`` adds, Enter edits), so a kind added below is editable wherever
its records are shown.

Each opener carries ``form_class``, the dialog it opens (the dialog snapshots list them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FormOpener = Callable[[Any, str | None, Any, Callable[[], None]], None]

FORMS: dict[str, FormOpener] = {}
