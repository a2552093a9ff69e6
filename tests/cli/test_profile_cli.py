"""The organisation's profile through the entry point: the suites it licenses (with tiers)
and the countries where it employs people — set, shown, refused in one line when wrong,
written to the plan file, read back and merged three ways like the plan's other settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run


def test_suites_and_countries_are_set_and_shown(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    suites = "google-workspace:business-standard,microsoft-365:e3,microsoft-365:F3"
    code, _, err = _run(capsys, "plan", "set", "--suites", suites, "--countries", "de,US", *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "plan", "show", *db)
    # Tiers as the vendors write them; countries upper case; one licence per tier.
    assert (
        "Organisation: google-workspace:Business Standard, microsoft-365:E3, "
        "microsoft-365:F3; DE, US;" in out
    )
    # '' forgets them.
    assert _run(capsys, "plan", "set", "--suites", "", "--countries", "", *db)[0] == 0
    code, out, _ = _run(capsys, "plan", "show", *db)
    assert "no suite declared" in out and "no country declared" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--countries", "DE,XX", "unknown country code 'XX' (ISO 3166-1 alpha-2"),
        ("--countries", "Germany", "unknown country code 'Germany'"),
        ("--suites", "microsoft-365:E4", "unknown microsoft-365 tier 'E4' (known: "),
        ("--suites", "lotus-notes", "unknown suite 'lotus-notes' (known: microsoft-365"),
        ("--suites", "microsoft-365:", "a tier after ':'"),
    ],
    ids=["bad-country", "country-name", "bad-tier", "bad-suite", "empty-tier"],
)
def test_bad_profile_values_are_one_line_errors_and_change_nothing(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    assert _run(capsys, "plan", "set", "--countries", "FR", "--suites", "zoom", *db)[0] == 0
    code, out, err = _run(capsys, "plan", "set", option, value, *db)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, _ = _run(capsys, "plan", "show", *db)
    assert "Organisation: zoom; FR;" in out


def test_profile_round_trips_and_merges_three_ways(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _run(capsys, "plan", "set", "--suites", "microsoft-365:E3", "--countries", "US", *db)[0]
        == 0
    )
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert "  suites:\n  - microsoft-365:E3\n  countries:\n  - US\n" in text
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0 and "nothing to change" in err
    # The reviewer adds the frontline licence; the workspace adds a country: both kept.
    frontline = "  - microsoft-365:E3\n  - microsoft-365:f3\n"
    reviewed = text.replace("  - microsoft-365:E3\n", frontline)
    exported.write_text(reviewed, encoding="utf-8")
    assert _run(capsys, "plan", "set", "--countries", "US,CA", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "plan", "show", *db)
    assert "Organisation: microsoft-365:E3, microsoft-365:F3; US, CA;" in out
    # Both sides change the countries: a conflict at the file's line, nothing written.
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("  - CA\n", "  - MX\n"), encoding="utf-8")
    assert _run(capsys, "plan", "set", "--countries", "US", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 2 and "plan countries: workspace [US], file [US, MX]" in err
    code, out, _ = _run(capsys, "plan", "show", *db)
    assert "; US;" in out


def test_a_plan_file_with_a_bad_country_is_refused_at_its_line(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    bad = text.replace("  countries: []\n", "  countries:\n  - DE\n  - ZZ\n")
    exported.write_text(bad, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = bad[: bad.index("  - ZZ")].count("\n") + 1
    assert code == 2
    assert f"{exported}:{line}:" in err and "unknown country code 'ZZ'" in err
    code, out, _ = _run(capsys, "plan", "show", *db)
    assert "no country declared" in out
