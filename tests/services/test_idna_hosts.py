"""Internationalised host names follow IDNA 2008 / UTS #46 non-transitional processing, as
browsers do: ``straße.example`` is its punycode ``xn--strae-oqa.example`` and never
``strasse.example``, whichever way a log or the user spells it; the same for ``ς``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.hosts import normalize_host
from planner.services.discover import import_file
from planner.services.discover.triage import decide_domain, decide_host, list_hosts
from planner.services.plans import create_plan

HOSTS = [  # (what the log has, the host it is)
    ("straße.example", "xn--strae-oqa.example"),
    ("xn--strae-oqa.example", "xn--strae-oqa.example"),
    ("STRASSE.example", "strasse.example"),
    ("ςοφία.example", "xn--kxae4blv.example"),
    ("σοφία.example", "xn--kxae4bpq.example"),
]


@pytest.mark.parametrize(("raw", "host"), HOSTS)
def test_deviation_characters_keep_their_own_domain(raw: str, host: str) -> None:
    assert normalize_host(raw) == host
    spelled = raw.replace("example", "Example.")  # case and a trailing dot are no matter
    assert normalize_host(f"https://user@{spelled}:443/path") == host


def test_a_log_keeps_strasse_and_strasse_apart_and_the_cli_spelling_finds_the_right_one(
    planner: Planner, tmp_path: Path
) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    log = tmp_path / "idn.squid.log"
    log.write_text(
        "".join(
            f"17724465{30 + i}.512    120 10.0.0.{5 + i} TCP_TUNNEL/200 3421 CONNECT "
            f"{raw}:443 user{i} HIER_DIRECT/203.0.113.10 -\n"
            for i, (raw, _) in enumerate(HOSTS)
        ),
        encoding="utf-8",
    )
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", log)
    hosts = {h.host: h.users for h in list_hosts(planner.workspace, "acme")[0]}
    assert hosts == {
        "xn--strae-oqa.example": 2,  # in Unicode and in punycode: one host
        "strasse.example": 1,
        "xn--kxae4blv.example": 1,
        "xn--kxae4bpq.example": 1,
    }
    decided = decide_domain(planner.workspace, planner.catalog, "acme", "straße.example", "ignored")
    assert decided.domain == "xn--strae-oqa.example" and decided.hosts == 1
    decide_host(planner.workspace, planner.catalog, "acme", "ςοφία.example", "ignored")
    left = {h.host for h in list_hosts(planner.workspace, "acme")[0]}
    assert left == {"strasse.example", "xn--kxae4bpq.example"}


def test_a_name_idna_2008_refuses_keeps_its_2003_form_unless_that_is_another_domain() -> None:
    assert normalize_host("i❤.ws") == "xn--i-7iq.ws"  # browsers still open it
    assert normalize_host("straße❤.example") is None  # its 2003 form would be strasse…
    assert normalize_host("ｓｌａｃｋ.com") == "slack.com"  # UTS #46 maps fullwidth
