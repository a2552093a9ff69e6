"""Decode the CSV files people hand over, in whatever encoding their spreadsheet wrote.

Why this is not ``bytes.decode("utf-8", errors="replace")``: a French Excel saves "CSV
(séparateur: point-virgule)" in cp1252 and "Texte Unicode" in UTF-16LE with a BOM. Read
as UTF-8 with replacement, "Atelier de Besançon" became "Atelier de Besan�on" and the
tool "Boîte à idées" the slug "bote-ides" — silently. So:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32);
2. text that is valid UTF-8 is UTF-8 (the encoding of nearly every modern export);
3. otherwise charset-normalizer (a maintained detector) proposes the encodings the bytes
   are plausible in, among the code pages spreadsheets write, with ISO-8859-15, Mac Roman
   (Excel for Mac's "CSV") and cp850 (Excel's "CSV (MS-DOS)") always considered: a short
   file decodes without error in almost every single-byte code page, so each decoding is
   judged by what it makes of the words — Mac Roman's "ü" read as cp1252 is "BŸcherwurm"
   (a capital inside a word), its "ß" is "Stra§e" (a symbol between letters),
   ISO-8859-15's "€" is cp1252's "¤". The decoding with the fewest such oddities wins; on
   a tie cp1252, Excel's default in Western Europe (these users are mostly French and
   German), then the detector's order;
4. the chosen encoding is applied strictly: U+FFFD is never produced. A file that no
   candidate decodes is refused, naming what was tried, with ``--encoding`` as the way out.

The name of the encoding used is returned so that imports can say "read as cp1252".
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from planner.adapters.boms import BOMS
from planner.errors import InputError

# What spreadsheets and HR/LMS exports write in practice besides UTF-8 and UTF-16.
WINDOWS_CODE_PAGES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257")
PREFERRED = "cp1252"
# Single-byte code pages no detector ranks well on short files, judged on every file:
# ISO-8859-15 (€), Excel for Mac's "CSV (Macintosh)", Excel's "CSV (MS-DOS)".
ALSO_TRIED = ("iso8859_15", "mac_roman", "cp850")
# Characters nobody types in a survey: what a wrong code page makes of a letter.
_JOINING = frozenset({"Pd", "Pi", "Pf", "·"})  # punctuation that may stand inside a word
_PREFIX_SIGNS = frozenset("°€")  # "20 °C", "€uro": signs before a letter in real text
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters
_COMMON = frozenset("äöüÄÖÜßéèêëàâäîïôûùüÿçœæÉÈÊËÀÂÎÏÔÛÙÇŒÆ")
_UNLIKELY = frozenset("¤¦¨´¸¬¯†‡•‰‹›¸˛ˇ˘˙˝ƒﬁﬂ")


_SAVE_AS_CSV = "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)' and import that"


def binary_content(head: bytes) -> str:
    """What a binary file given as text most likely is, and what to do about it: people
    hand over the workbook itself as often as its CSV export."""
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head or b"[Content_Types].xml" in head:
            return f"an Excel workbook (.xlsx), not a text file: {_SAVE_AS_CSV}"
        if b"opendocument.spreadsheet" in head:
            return f"an OpenDocument spreadsheet (.ods), not a text file: {_SAVE_AS_CSV}"
        return "a ZIP archive, not a text file: unpack it and import the files inside"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return f"an Excel 97-2003 workbook (.xls), not a text file: {_SAVE_AS_CSV}"
    return "not a text file (binary content)"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used, as Python names it (e.g. "utf-8", "cp1252", "utf-16")


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _strict(data: bytes, encoding: str, where: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", file=where) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x}); "
            "give the file's encoding with --encoding",
            file=where,
            line=_line_of(data, exc.start),
        ) from None
    return Decoded(text.removeprefix("\ufeff"), codecs.lookup(encoding).name)


def _oddities(text: str) -> int:
    """How many non-ASCII characters of ``text`` look like a code page misread: controls,
    symbols nobody types, a sign between letters or before a lower-case one, a capital
    inside a word."""
    odd = 0
    previous = " "
    for position, char in enumerate(text):
        if char >= "\x80":
            following = text[position + 1 : position + 2] or " "
            between = previous.isalpha() and following.isalpha()
            kind = unicodedata.category(char)
            sign = (kind[0] == "S" or kind == "No") and char not in _PREFIX_SIGNS
            joins = kind in _JOINING or char in _JOINING  # "l’outil", "Rhein‑Main", "l·l"
            if (
                kind == "Cc"
                or char in _UNLIKELY
                or (sign and following.isalpha())
                or (between and not char.isalpha() and not joins)
            ):
                odd += 2  # "Stra§e", "£ódź": a sign stuck to the letters of a word
            elif (
                char.isupper()
                and previous.isalpha()
                and (following.islower() or previous.islower())
            ):
                odd += 1  # "BŸcher", "ŁódŸ": a capital inside a word
            elif (
                char.isalpha()
                and (
                    (previous.isascii() and previous.isalpha())
                    or (following.isascii() and following.isalpha())
                )
                and not unicodedata.name(char, "").startswith("LATIN")
            ):
                odd += 2  # "Bьcher": another script inside a Latin word
        previous = char
    return odd


def _rare_words(text: str) -> int:
    """Words with a non-ASCII letter outside French and German: between decodings as odd
    as each other, Mac Roman's "Bücherwurm" beats cp1250's "Bźcherwurm" (these users are
    mostly French and German). Distinct words, not letters: a Polish word read right has
    several, and a name repeated on every row is one word."""
    words = set(_WORD.findall(text))
    return sum(1 for word in words if any(c >= "\x80" and c not in _COMMON for c in word))


def _guess_without_bom(data: bytes) -> list[str]:
    """Plausible encodings for ``data`` (not UTF-8), most likely first."""
    from charset_normalizer import from_bytes

    if b"\x00" in data:
        # UTF-16 without a BOM is the only text encoding with NULs a spreadsheet writes.
        best = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
        return [best.encoding] if best is not None else []
    matches = from_bytes(data, cp_isolation=list(WINDOWS_CODE_PAGES))
    plausible: list[str] = [PREFERRED]
    for match in matches:
        for name in (match.encoding, *match.could_be_from_charset):
            if name not in plausible:
                plausible.append(name)
    # Every code page is judged: the detector leaves some out on short files.
    plausible += [name for name in (*WINDOWS_CODE_PAGES, *ALSO_TRIED) if name not in plausible]
    # Only non-ASCII bytes differ between these code pages: judge the words holding them.
    sample = b" ".join(word for word in data.split() if not word.isascii())[:50_000]
    score: dict[str, int] = {}
    for name in plausible:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        # an oddity weighs two foreign words: a misread is odd, a foreign word only rare
        score[name] = 2 * _oddities(text) + _rare_words(text)
    return sorted(score, key=lambda name: score[name])  # stable: ties keep the order above


def decode_text(data: bytes, where: str, encoding: str | None = None) -> Decoded:
    """``data`` as text, strictly decoded; ``encoding`` forces one (``--encoding``)."""
    if encoding:
        return _strict(data, encoding, where)
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name, where)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad_line = _line_of(data, exc.start)
    for candidate in _guess_without_bom(data):
        try:
            return Decoded(data.decode(candidate), codecs.lookup(candidate).name)
        except UnicodeDecodeError:
            continue
    if b"\x00" in data:
        raise InputError(binary_content(data[:4096]), file=where, line=1)
    tried = ", ".join(("utf-8", *WINDOWS_CODE_PAGES))
    raise InputError(
        f"cannot tell the file's encoding (tried {tried}); give it with --encoding",
        file=where,
        line=first_bad_line,  # where UTF-8 first failed: what to look at
    )
