from planner.domain.plan import slugify
from planner.domain.text import visible


def test_control_characters_become_visible() -> None:
    assert visible("a\x1b]0;pwned\x07b") == "a\\x1b]0;pwned\\x07b"
    assert visible("x\x9by") == "x\\x9by"
    assert visible("evil\u202eexe.txt") == "evil\\u202eexe.txt"
    assert visible("tab\there") == "tab\\x09here"


def test_markup_and_accents_are_left_alone() -> None:
    # Markup is neutralised by the front ends (Text objects); visible keeps it literal.
    assert visible("[bold red]x[/]") == "[bold red]x[/]"
    assert visible("Société Générale") == "Société Générale"
    assert visible(None) == ""


def test_multiline_keeps_line_feeds_only() -> None:
    assert visible("a\nb\x1bc", multiline=True) == "a\nb\\x1bc"


def test_slugify() -> None:
    assert slugify("Viva Engage") == "viva-engage"
    assert slugify("Réseau Social d'Entreprise") == "reseau-social-d-entreprise"
    assert slugify("!!!") == "tool"
