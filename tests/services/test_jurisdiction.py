"""The data-protection step follows the countries where the organisation employs people:
a works-council (or staff body) consultation where the law requires one, cited; none for a
US-only company, whose states' notice obligations are named instead; and a log imported
before a required consultation warns, naming it."""

from __future__ import annotations

import datetime as dt

from planner.bootstrap import Planner
from planner.domain.jurisdiction import CONSULTATIONS, jurisdiction
from planner.domain.privacy import DataProtection, LegalBasis
from planner.domain.records.adoption import DataProtectionChanges
from planner.services.discover import import_file
from planner.services.plans import create_plan, overview, update_plan
from planner.services.privacy import record_data_protection, record_of_processing
from tests.conftest import DATA

LOG = DATA / "logs" / "squid_native.log"
# Everything the step records except the works-council date.
DONE = DataProtection(
    legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
    dpia_reference="DPIA-1",
    dpia_date=dt.date(2026, 11, 2),
    retention_days=180,
    key_holder="DPO",
)


def test_every_consultation_cites_its_law() -> None:
    assert {"AT", "DE", "FR", "NL"} <= set(CONSULTATIONS)
    assert CONSULTATIONS["DE"].law == "BetrVG §87(1) no. 6"
    assert "L2312-38" in CONSULTATIONS["FR"].law
    assert "27(1)(l)" in CONSULTATIONS["NL"].law
    assert "§96" in CONSULTATIONS["AT"].law
    assert all(c.law and c.what and c.body for c in CONSULTATIONS.values())


def test_a_us_only_company_is_never_asked_for_a_works_council() -> None:
    us = jurisdiction(["US"])
    assert not us.asks_consultation
    assert DONE.missing_in(us) == []
    assert DONE.consultation_warning(us, dt.date(2026, 12, 1)) is None
    laws = " ".join(us.lines())
    assert "§52-c" in laws and "§31-48d" in laws and "§705" in laws
    assert "works council" not in " ".join(us.lines()[1:])


def test_unknown_countries_keep_todays_step_and_say_so() -> None:
    unknown = jurisdiction([])
    assert DONE.missing_in(unknown) == DONE.missing == ["works council date"]
    assert "countries unknown" in unknown.lines()[0]
    # A country the table does not know is asked rather than missed.
    assert jurisdiction(["BR"]).asks_consultation


def test_a_german_and_american_company_names_the_law_it_must_follow() -> None:
    both = jurisdiction(["DE", "US"])
    assert DONE.missing_in(both) == ["works council date (works council, BetrVG §87(1) no. 6)"]
    assert any("US-NY" in line for line in both.lines())


def test_a_us_retailer_plan_never_asks_for_a_works_council(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "us-retail", dt.date(2026, 12, 7))
    update_plan(ws, "us-retail", countries=["US"])
    changes = DataProtectionChanges(**{k: v for k, v in DONE.as_dict().items() if v})
    record_data_protection(ws, "us-retail", dt.date(2026, 12, 1), changes)
    actions = overview(ws, "us-retail", dt.date(2026, 12, 1)).actions
    assert not any("works council" in a.text or a.target.screen == "privacy" for a in actions)
    # The same step in a German plan still lacks its consultation.
    create_plan(ws, "werk", dt.date(2026, 12, 7))
    update_plan(ws, "werk", countries=["DE"])
    record_data_protection(ws, "werk", dt.date(2026, 12, 1), changes)
    german = overview(ws, "werk", dt.date(2026, 12, 1)).actions
    assert "BetrVG §87(1) no. 6" in german[0].text
    record = record_of_processing(ws, "us-retail")
    assert "not required by law in US" in record
    assert "New York Civil Rights Law §52-c" in record
    assert "Missing before any import" not in record
    result = import_file(
        ws, planner.catalog, planner.pseudonym_key, "us-retail", LOG, today=dt.date(2026, 12, 1)
    )
    assert result.warning is None


def test_a_german_company_importing_before_its_consultation_is_warned(
    planner: Planner,
) -> None:
    ws = planner.workspace
    create_plan(ws, "werk", dt.date(2027, 1, 4))
    update_plan(ws, "werk", countries=["DE"])
    changes = DataProtectionChanges(
        **{k: v for k, v in DONE.as_dict().items() if v}, works_council_date=dt.date(2027, 1, 15)
    )
    record_data_protection(ws, "werk", dt.date(2026, 12, 1), changes)
    result = import_file(
        ws, planner.catalog, planner.pseudonym_key, "werk", LOG, today=dt.date(2026, 12, 6)
    )
    assert result.warning is not None and "\n" not in result.warning
    assert result.warning.startswith(
        "warning: the works council consultation (BetrVG §87(1) no. 6) is dated 2027-01-15, "
        "after today (2026-12-06)"
    )
    # Once the consultation is behind it, the next log comes in without a word.
    later = import_file(
        ws,
        planner.catalog,
        planner.pseudonym_key,
        "werk",
        DATA / "logs" / "squid_common.log",
        today=dt.date(2027, 1, 20),
    )
    assert later.warning is None
