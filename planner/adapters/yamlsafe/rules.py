"""The reading rules every part of `yamlsafe` shares: default limits, and which plain
scalars get a type.

Why this exists: the loader, the position index and the dumper must agree exactly on how a
plain (unquoted, untagged) scalar resolves — the index keys mappings as the loader does, and
the dumper quotes every string the loader would read as something else — so the rule lives
in one place that all three import.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

MAX_BYTES_DEFAULT: Final = 64 * 1024 * 1024
MAX_DEPTH_DEFAULT: Final = 64
MAX_SCALAR_DEFAULT: Final = 1024 * 1024

NO_KEY: Final = object()  # "the mapping is waiting for a key"
MISSING: Final = object()

# Only unambiguous plain scalars get a type; everything else stays a string for pydantic
# to judge (yes/no/on/off, 0755, 0x1F, 1_000, 1:20, dates, ...).
_CONSTANTS: Final[dict[str, Any]] = {
    "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_INT_RE: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE: Final = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
)
# Longer number-like scalars stay strings: int() is quadratic and capped by Python.
_MAX_NUMBER_CHARS: Final = 1000
# First characters of a scalar that can be a number (``_INT_RE``, ``_FLOAT_RE``), and of
# every scalar that can resolve to something other than a string: those and the constants'
# (a word that starts with n, t or f, like "name", "tools" or "first_seen", a third of a
# large plan's plain scalars, is only looked up among the constants).
_NUMBER_START: Final = frozenset("+-.0123456789")
MAY_RESOLVE: Final = _NUMBER_START | frozenset("~nNtTfF")


def resolve_plain(value: str) -> Any:
    """Type of a plain (unquoted, untagged) scalar: null, bool, int, float or str."""
    if not value:
        return None
    constant = _CONSTANTS.get(value, MISSING)
    if constant is not MISSING:
        return constant
    if value[0] in _NUMBER_START and len(value) <= _MAX_NUMBER_CHARS:
        if _INT_RE.fullmatch(value):
            return int(value)
        if _FLOAT_RE.fullmatch(value):
            return float(value)
    return value
