"""When two names are the same name, and when a name only looks like another.

Names reach the plan from survey cells, identity-provider logs and people typing, and
Unicode spells one name in several ways: ``Bücherwurm`` precomposed (NFC, what Windows
writes) or decomposed (NFD, what macOS file names give), ``ｓｌａｃｋ`` in fullwidth
letters from a Japanese input method, ``Slack`` with a zero-width space pasted along.
Tools are compared by :func:`name_key` — NFKC and case folding, invisible format
characters and runs of spaces aside — so each of these is one tool; the name shown is
kept as written, in NFC (:func:`display_name`). A name of nothing but spaces and
invisible characters is empty.

The opposite risk is a name built to pass for another: ``Slаck`` with a Cyrillic ``а``
is a different application that looks exactly like Slack in a list. :func:`lookalike`
says why a name deserves a second look (scripts mixed inside a word, invisible
characters, fullwidth letters), with the code points, and :func:`marked` is that name as
a triage list shows it. Pure code: no I/O.
"""

from __future__ import annotations

import unicodedata

__all__ = ["MARK", "display_name", "lookalike", "marked", "name_key"]

# Scripts whose letters pass for one another (Unicode TR #39's usual suspects).
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})
# Letters that show as nothing, though not of category Cf.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
MARK = "⚠"


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _BLANK_LETTERS


def name_key(name: str) -> str:
    """What two names must share to be the same name (NFKC, case-folded, without
    invisible characters, spaces collapsed)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(c for c in folded if not _invisible(c)).split())


def display_name(name: str) -> str:
    """``name`` as stored and shown: NFC, outer spaces stripped; ``""`` when nothing but
    spaces and invisible characters is left (the caller refuses it as empty)."""
    text = unicodedata.normalize("NFC", name).strip()
    return text if name_key(text) else ""


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    return unicodedata.name(char, "").partition(" ")[0] or None


def _codes(chars: list[str]) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))


def lookalike(name: str) -> str | None:
    """Why ``name`` may pass for another name, code points included; None when nothing
    about it is suspect."""
    if name.isascii():
        return None
    notes: list[str] = []
    hidden = [c for c in name if _invisible(c)]
    if hidden:
        notes.append(f"invisible {_codes(hidden)}")
    wide = [c for c in name if "\uff01" <= c <= "\uff5e"]
    if wide:
        notes.append(f"fullwidth {_codes(wide)}")
    odd: list[str] = []
    for word in name.split():
        scripts: dict[str, list[str]] = {}
        for char in word:
            script = _script(char)
            if script in _CONFUSABLE_SCRIPTS:
                scripts.setdefault(script, []).append(char)
        if len(scripts) > 1:
            # the letters of the scripts the word has fewest of are the odd ones out
            main = max(scripts, key=lambda s: len(scripts[s]))
            odd += [c for s, chars in scripts.items() if s != main for c in chars]
    if odd:
        notes.append(f"mixed scripts {_codes(odd)}")
    return "; ".join(notes) or None


def marked(name: str) -> str:
    """``name`` followed by a ⚠ and the reason when it may pass for another name."""
    note = lookalike(name)
    return f"{name} {MARK} {note}" if note else name
