"""The review pack for the steering committee: it opens with the executive summary (the
decision asked, spend now and after consolidation per currency, the next three dates, the
top risks), then compares the shortlisted products side by side; the Markdown report
carries the same tables; and a real browser prints the summary on exactly one A4 page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.services.contracts import add_contract
from planner.services.exits import retire_tool
from planner.services.inventory import inventory_report, review_vendor
from planner.services.report import render_markdown
from planner.services.report_html import render_html
from tests.conftest import DemoAt

TODAY = dt.date(2026, 11, 23)
SHORTLIST = ["viva-engage", "jamespot", "workvivo"]


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path) -> Iterator[Planner]:
    planner = demo_at(tmp_path / "d.sqlite", today=TODAY)
    ws, catalog = planner.workspace, planner.catalog
    # Jive overlaps SharePoint (kept) for knowledge management: consolidating saves it.
    add_contract(ws, catalog, None, "jive", {
        "seats": "400", "annual_cost": "48000.10", "currency": "EUR",
        "start": "2026-07-01", "end": "2027-06-30", "notice_days": "90"})  # fmt: skip
    add_contract(ws, catalog, None, "viva-engage", {
        "seats": "900", "annual_cost": "0.10", "currency": "USD",
        "start": "2026-01-01", "end": "2027-12-31", "notice_days": "30"})  # fmt: skip
    retire_tool(ws, catalog, None, "slack", dt.date(2027, 3, 1), TODAY, "microsoft-teams")
    for product in SHORTLIST:
        review_vendor(ws, catalog, None, product, shortlisted=True, today=TODAY)
    yield planner
    planner.close()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_html_pack_opens_with_the_summary_then_compares_the_shortlist(
    demo: Planner,
) -> None:
    html = render_html(demo.workspace, demo.catalog, None, TODAY)
    body = html[html.index("<body>") :]
    # The summary is in the cover, before every section; the comparison is the first one.
    summary = body.index('id="summary"')
    assert summary < body.index("<section")
    assert body.index("<section") == body.index('<section id="comparison">')
    cover = _text(body[: body.index("</header>")])
    assert "Decision asked" in cover
    assert "Jive contract, 48,000.10 EUR a year: renew, renegotiate or exit by 2027-04-01" in cover
    assert "Workplace from Meta ended on 2026-05-31: approve its exit to Microsoft Teams" in cover
    # Spend now and after consolidation, exact, per currency, never converted.
    assert "Now (running contracts) 48,000.10 EUR + 0.10 USD" in cover
    assert "After consolidating the overlaps 0.10 USD" in cover
    assert "Saving 48,000.10 EUR" in cover
    # The next three dates from today, soonest first: Slack's exit steps among them.
    dates_table = body[body.index('<table class="dates">') : body.index("Top risks")]
    dates = [_text(row).strip() for row in dates_table.split("</tr>")[:-1]]
    assert len(dates) == 3 and dates == sorted(dates) and dates[0] >= TODAY.isoformat()
    assert "2026-12-01 Slack: announce the exit to its users exit" in dates
    assert cover.count("(likelihood") == 3  # the top three open risks
    # One comparison row per shortlisted product, with what the organisation pays or
    # 'unknown'.
    table = body[body.index('<table class="comparison">') : body.index('id="roadmap"')]
    rows = re.findall(r"<tr><td><b>([^<]+)</b>", table)
    report = inventory_report(demo.workspace, demo.catalog, None, TODAY)
    shortlisted = [v.product.name for v in report.vendors if v.review and v.review.shortlisted]
    assert rows == shortlisted and len(rows) <= 5
    assert {"Microsoft Viva Engage", "Jamespot", "Workvivo by Zoom"} <= set(rows)
    row = _text(table[table.index("Microsoft Viva Engage") :].split("</tr>")[0])
    assert "0.10 USD a year for 900 seats (contract)" in row
    jamespot = _text(table[table.index("Jamespot") :].split("</tr>")[0])
    assert jamespot.rstrip().endswith("unknown")
    assert "FR" in jamespot  # its data residency


def test_the_markdown_report_carries_the_same_tables(demo: Planner) -> None:
    text = render_markdown(demo.workspace, demo.catalog, None, TODAY)
    assert text.index("## Executive summary") < text.index("## Roadmap")
    assert "| now (running contracts) | 48,000.10 EUR + 0.10 USD |" in text
    assert "| after consolidating the overlaps | 0.10 USD |" in text
    assert "| saving | 48,000.10 EUR |" in text
    comparison = text[text.index("## Shortlisted products side by side") :]
    comparison = comparison[: comparison.index("## Roadmap")]
    rows = {
        line.split(" | ")[0].removeprefix("| "): line
        for line in comparison.splitlines()[3:]
        if line.startswith("| ")
    }
    assert {"Microsoft Viva Engage", "Jamespot", "Workvivo by Zoom"} <= set(rows)
    assert rows["Microsoft Viva Engage"].endswith("| 0.10 USD a year for 900 seats (contract) |")
    assert rows["Jamespot"].endswith("| unknown |")


def _print_pdf(chromium: str, page: Path, out: Path, profile: Path) -> int:
    """Print ``page`` to ``out`` with the browser and return its page count."""
    try:
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--no-pdf-header-footer", f"--print-to-pdf={out}", page.resolve().as_uri(),
            ],
            capture_output=True, timeout=90, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("chromium did not print the report within 90 s")
    assert out.exists(), "chromium wrote no PDF"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", out.read_bytes()))


def test_a_real_browser_prints_the_summary_on_exactly_one_a4_page(
    demo: Planner, tmp_path: Path
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed: apt-get install -y chromium to run this test")
    html = render_html(demo.workspace, demo.catalog, None, TODAY)
    whole = tmp_path / "pack.html"
    whole.write_text(html, encoding="utf-8")
    # The cover and summary alone: exactly one page.
    cut = html.index("</header>") + len("</header>")
    first = tmp_path / "first.html"
    first.write_text(html[:cut] + "\n</main></body></html>\n", encoding="utf-8")
    assert _print_pdf(chromium, first, tmp_path / "first.pdf", tmp_path / "p1") == 1
    pdf = tmp_path / "pack.pdf"
    pages = _print_pdf(chromium, whole, pdf, tmp_path / "p2")
    assert pages > 2  # the sections follow on their own pages
    assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf.read_bytes()  # A4, landscape
