"""The data-protection step: one warning on the first personal-data import of a
plan without it, the Art. 30 record, purges past retention that keep counts and drop
pseudonyms, the dashboard's next action, and the plan file round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.adapters.store import evidence
from planner.bootstrap import Planner, Settings, bootstrap
from planner.domain.next_actions import texts
from planner.domain.privacy import STEP, LegalBasis
from planner.domain.records.adoption import DataProtectionChanges
from planner.services.discover import import_file
from planner.services.plan_file import render_plan
from planner.services.plan_import import import_plan
from planner.services.plans import create_plan, overview
from planner.services.privacy import (
    data_protection,
    purge_evidence,
    record_data_protection,
    record_of_processing,
)
from planner.services.report import render_markdown
from planner.services.tools import list_tools
from tests.conftest import DATA, TODAY

LOGS = DATA / "logs"
COMPLETE = {
    "legal_basis": LegalBasis.LEGITIMATE_INTERESTS,
    "dpia_reference": "DPIA-2027-04",
    "dpia_date": dt.date(2027, 1, 10),
    "works_council_date": dt.date(2027, 1, 20),
    "retention_days": 180,
    "key_holder": "DPO office",
}


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def _import(planner: Planner, path: Path):  # type: ignore[no-untyped-def]
    return import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)


def test_first_personal_data_import_without_the_step_warns_once(
    planner: Planner, plan: str
) -> None:
    import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme",
        DATA / "discover" / "survey.csv",
    )  # fmt: skip
    first = _import(planner, LOGS / "zeek_dns.log")
    assert first.warning is not None and STEP in first.warning
    assert "legal basis" in first.warning and "privacy set" in first.warning
    assert _import(planner, LOGS / "bind_query.log").warning is None  # only the first


def test_no_warning_once_the_step_is_recorded(planner: Planner, plan: str) -> None:
    record_data_protection(planner.workspace, "acme", TODAY, DataProtectionChanges(**COMPLETE))
    assert data_protection(planner.workspace, "acme").complete
    assert _import(planner, LOGS / "zeek_dns.log").warning is None


def test_dashboard_shows_the_step_until_it_is_complete(planner: Planner, plan: str) -> None:
    first = overview(planner.workspace, "acme", TODAY).actions[0].text
    assert first.startswith(STEP) and "key holder" in first
    record_data_protection(
        planner.workspace, "acme", TODAY, DataProtectionChanges(**dict(list(COMPLETE.items())[:3]))
    )
    first = overview(planner.workspace, "acme", TODAY).actions[0].text
    assert "legal basis" not in first and "DPIA" not in first and "works council" in first
    record_data_protection(planner.workspace, "acme", TODAY, DataProtectionChanges(**COMPLETE))
    assert not any(STEP in a for a in texts(overview(planner.workspace, "acme", TODAY).actions))


def test_record_of_processing_and_report(planner: Planner, plan: str) -> None:
    record_data_protection(
        planner.workspace,
        "acme",
        TODAY,
        DataProtectionChanges(**{**COMPLETE, "key_holder": "DPO | *office*"}),
    )
    _import(planner, LOGS / "entra_signins.json")
    record = record_of_processing(planner.workspace, "acme")
    assert record.startswith("## Record of processing (GDPR Art. 30): acme")
    assert "| Legal basis | Art. 6(1)(f) legitimate-interests |" in record
    assert "| DPIA (Art. 35) | DPIA-2027-04 of 2027-01-10 |" in record
    assert "| Works council consulted | 2027-01-20 |" in record
    assert "| Retention | 180 days |" in record
    assert "| Pseudonym key holder | DPO \\| \\*office\\* |" in record  # text, not markup
    assert "| Sources | entra-signins |" in record
    assert record in render_markdown(planner.workspace, planner.catalog, "acme", TODAY)


def _persons(planner: Planner) -> int:
    with planner.workspace.read() as session:
        return session.execute(select(func.count()).select_from(evidence.PERSON)).scalar_one()


def test_purge_keeps_counts_drops_pseudonyms_and_is_logged(planner: Planner, plan: str) -> None:
    _import(planner, LOGS / "entra_signins.json")  # March 2026
    before = {t.slug: (t.log_users, t.requests) for t in list_tools(planner.workspace, "acme")}
    assert before["viva-engage"] == (2, 2) and _persons(planner) == 2
    # nothing recorded: nothing purged
    assert purge_evidence(planner.workspace, planner.catalog, "acme", TODAY, _now()).cutoff is None
    record_data_protection(
        planner.workspace, "acme", TODAY, DataProtectionChanges(retention_days=30)
    )
    result = purge_evidence(planner.workspace, planner.catalog, "acme", TODAY, _now())
    assert result.cutoff == TODAY - dt.timedelta(days=30)
    assert result.hosts == 4 and result.tools == ("microsoft-teams", "viva-engage")
    after = {t.slug: (t.log_users, t.requests) for t in list_tools(planner.workspace, "acme")}
    assert after == before  # counts kept
    assert _persons(planner) == 0  # pseudonyms dropped
    with planner.workspace.read() as session:
        blobs = session.execute(select(evidence.HOST.c.user_set, evidence.HOST.c.users)).all()
    assert all(blob == b"" for blob, _ in blobs) and sum(users for _, users in blobs) == 4
    record = record_of_processing(planner.workspace, "acme")
    assert f"pseudonyms dropped from 4 hosts last seen before {result.cutoff}" in record
    # a second purge finds nothing more to drop and logs nothing
    again = purge_evidence(planner.workspace, planner.catalog, "acme", TODAY, _now())
    assert again.hosts == 0
    assert record_of_processing(planner.workspace, "acme").count("pseudonyms dropped") == 1


def test_an_import_purges_what_is_past_retention(planner: Planner, plan: str) -> None:
    record_data_protection(planner.workspace, "acme", TODAY, DataProtectionChanges(**COMPLETE))
    result = _import(planner, LOGS / "zeek_dns.log")  # March 2026, 180 days before TODAY
    assert result.purged_hosts == 4
    assert {t.slug: t.log_users for t in list_tools(planner.workspace, "acme")} == {
        "slack": 2,
        "viva-engage": 1,
    }
    assert _persons(planner) == 0


def _now() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(12), dt.UTC)


def test_the_step_round_trips_through_the_plan_file(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    record_data_protection(
        planner.workspace, "acme", TODAY, DataProtectionChanges(**COMPLETE, purpose="Discovery")
    )
    exported = render_plan(planner.workspace, "acme", TODAY, planner.catalog)
    assert "data_protection:" in exported and "legal_basis: legitimate-interests" in exported
    path = tmp_path / "acme.yaml"
    path.write_text(exported.replace("retention_days: 180", "retention_days: 90"))
    import_plan(planner.workspace, planner.catalog, path)
    assert data_protection(planner.workspace, "acme").retention_days == 90
    fresh = bootstrap(Settings(db=str(tmp_path / "fresh.sqlite"), today=lambda: TODAY))
    try:
        import_plan(fresh.workspace, fresh.catalog, path)
        assert data_protection(fresh.workspace, "acme") == data_protection(
            planner.workspace, "acme"
        )
        theirs = render_plan(fresh.workspace, "acme", TODAY, fresh.catalog)
        ours = render_plan(planner.workspace, "acme", TODAY, planner.catalog)
        assert theirs.partition("\nbase:")[0] == ours.partition("\nbase:")[0]
    finally:
        fresh.close()


def test_a_bad_step_in_a_plan_file_is_refused_at_its_line(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    from planner.errors import InputErrors

    record_data_protection(planner.workspace, "acme", TODAY, DataProtectionChanges(**COMPLETE))
    exported = render_plan(planner.workspace, "acme", TODAY, planner.catalog)
    path = tmp_path / "bad.yaml"
    path.write_text(exported.replace("legal_basis: legitimate-interests", "legal_basis: whim"))
    with pytest.raises(InputErrors) as err:
        import_plan(planner.workspace, planner.catalog, path)
    line = exported.splitlines().index("    legal_basis: legitimate-interests") + 1
    assert any(e.line == line for e in err.value.errors)
    assert data_protection(planner.workspace, "acme").legal_basis is LegalBasis.LEGITIMATE_INTERESTS


def test_the_html_report_has_the_record(planner: Planner, plan: str) -> None:
    from planner.services.report_html import render_html

    record_data_protection(
        planner.workspace,
        "acme",
        TODAY,
        DataProtectionChanges(**{**COMPLETE, "key_holder": "<script>x</script>"}),
    )
    page = render_html(planner.workspace, planner.catalog, "acme", TODAY)
    assert 'id="privacy"' in page and "Art. 6(1)(f) legitimate-interests" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
