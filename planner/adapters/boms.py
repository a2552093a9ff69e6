"""Byte-order marks: which encoding a file's first bytes declare.

A module of its own, with nothing to import, because every reader of files people hand
over asks it first — surveys and CSV exports (``sources.encodings``), logs as they stream
(``sources.logs.source``) and plan files (``yamlsafe``) — and the YAML loader is on the
start-up path of every command that reads one.
"""

from __future__ import annotations

import codecs

__all__ = ["BOMS", "wide_encoding"]

# UTF-32 before UTF-16: a UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """The codec of content that starts with a UTF-16 or UTF-32 byte-order mark, else None.

    Windows PowerShell 5.1 writes ``Out-File`` and ``>`` in UTF-16 ("Unicode") by
    default, so a sign-in export saved from a script often arrives that way; every other
    log is a superset of ASCII and is read as bytes."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return None if name == "utf-8-sig" else name
    return None
