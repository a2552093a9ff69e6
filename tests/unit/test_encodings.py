"""CSV inputs decode in the encoding their spreadsheet wrote, strictly, or are refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from planner.adapters.sources.csv_input import fold, read_rows
from planner.adapters.sources.encodings import decode_text
from planner.errors import InputError

FRENCH = (
    "Service;Outil;Officiel;Usages;Utilisateurs;Commentaires\r\n"
    "Atelier de Besançon;Boîte à idées;non;partage;12;très utile, évite les e-mails\r\n"
    "Comptabilité;Yammer;oui;;5;«\u00a0à garder\u00a0» — 3 €\r\n"
)
COLUMNS = {"department": ["service"], "tool": ["outil"], "comments": ["commentaires"]}


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1252", "cp1252"),  # Excel FR "CSV (séparateur: point-virgule)"
        ("utf-16", "utf-16"),  # Excel "Texte Unicode": UTF-16LE with a BOM
        ("utf-16-be", "utf-16"),  # with the BOM written below
    ],
)
def test_spreadsheet_encodings_are_read_exactly(encoding: str, expected: str) -> None:
    data = FRENCH.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    decoded = decode_text(data, "s.csv")
    assert decoded.text == FRENCH
    assert decoded.encoding == codecs.lookup(expected).name
    assert "\ufffd" not in decoded.text


def test_a_cp1252_file_becomes_the_same_rows_as_its_utf8_twin(tmp_path: Path) -> None:
    rows = {}
    for encoding in ("utf-8", "cp1252", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(FRENCH.encode(encoding))
        rows[encoding] = [r.values for r in read_rows(path, COLUMNS, ["tool"])]
    assert rows["cp1252"] == rows["utf-8"] == rows["utf-16"]
    assert rows["cp1252"][0] == {
        "department": "Atelier de Besançon",
        "tool": "Boîte à idées",
        "comments": "très utile, évite les e-mails",
    }


def test_a_forced_encoding_is_used_and_a_wrong_one_refused_with_its_line() -> None:
    data = FRENCH.encode("cp1252")
    assert decode_text(data, "s.csv", "latin-1").text.startswith("Service")
    with pytest.raises(InputError) as info:
        decode_text(data, "s.csv", "utf-8")
    assert info.value.line == 2 and "utf-8" in info.value.message
    assert "--encoding" in info.value.message
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(data, "s.csv", "klingon")


def test_binary_content_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"tool\n" + bytes(range(256)) * 64)
    with pytest.raises(InputError) as info:
        list(read_rows(path, COLUMNS, ["tool"]))
    assert info.value.file == str(path) and info.value.line is not None


def test_fold_ignores_case_punctuation_and_accents() -> None:
    assert fold("Catégorie") == fold("categorie") == "categorie"
    assert fold("Nb d'utilisateurs") == "nbdutilisateurs"
    assert fold("  Commentaires ") == "commentaires"
