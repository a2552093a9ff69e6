"""Make untrusted text safe to show: control characters become visible escapes.

Tool names, hosts and notes come from logs, CSV cells and reviewers' YAML. Rich and Textual
pass ESC and other control characters straight to the terminal (an OSC title or a
screen-clear inside a log value would reach the user's terminal), so every front end shows
data through :func:`visible`. Markup is a separate concern: front ends wrap the result in a
``Text``/``Content`` object so ``[bold]`` stays literal.
"""

from __future__ import annotations

import re

# C0 controls except none, DEL, C1 controls, and the bidi overrides/isolates that can make
# text read differently from what it is (Trojan Source).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same but for the line feed, which a multi-line text keeps.
_CONTROL_BUT_LF = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object, *, multiline: bool = False) -> str:
    """``str(value)`` with every control or bidi character shown as a ``\\xNN`` escape.

    With ``multiline`` the line feeds of a multi-line text (a YAML preview) are kept.
    """
    text = "" if value is None else str(value)
    if multiline:
        # Most texts (a report prints 550,000) hold nothing to show: returned as they are.
        if _CONTROL_BUT_LF.search(text) is None:
            return text
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)
