"""The HTML review pack: every section on the demo, nothing external, hostile text kept as
text (in HTML, in SVG <text> and in attributes), changes since a plan file, and a real
browser rendering it to a screenshot that is not blank."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.domain.pilots import Kpi, Measurement, Pilot, PilotStatus
from planner.domain.plan import Tool
from planner.domain.records.inventory import ToolChanges
from planner.domain.records.pilot import PilotChanges
from planner.domain.records.rollout import FeatureChanges
from planner.errors import InputError
from planner.services.inventory import save_risk
from planner.services.pilots import add_pilot, parse_kpis
from planner.services.plan_file import export_plan
from planner.services.plans import create_plan, update_plan
from planner.services.report_html import kpi_rows, render_html, write_report
from planner.services.rollout import add_feature, add_training
from planner.services.tools import save_tools, update_tool
from tests.conftest import DemoAt

TODAY = dt.date(2026, 11, 23)
SECTIONS = ["roadmap", "timeline", "coverage", "candidates", "pilots", "training", "risks"]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="x',
    "O'Brien's 'quoted' tool",
    "evil\x1b]0;owned\x07\x1b[2J name",
]


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path) -> Iterator[Planner]:
    planner = demo_at(tmp_path / "d.sqlite", today=TODAY)
    yield planner
    planner.close()


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _assert_self_contained(page: str) -> None:
    lowered = page.lower()
    for needle in ("<script", "<link", "@import", "<iframe", "<object", "<embed", "<img"):
        assert needle not in lowered, needle
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:|//)""", lowered)
    assert not re.search(r"""url\(\s*["']?\s*(?!#)""", lowered)
    tags = _parse(page).tags
    for tag, attrs in tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "base"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "xlink:href", "action"}:
                assert value is not None and value.startswith("#"), (tag, name, value)


def test_every_section_on_the_demo(demo: Planner) -> None:
    page = render_html(demo.workspace, demo.catalog, None, TODAY)
    assert page.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert f'<section id="{section}">' in page, section
    assert '<section id="changes">' not in page  # only with --since
    assert page.count("<svg ") >= 5  # gantt, heat map, stacked bars, bars, risk matrix, KPIs
    # Roadmap: today and each phase's state; the next actions.
    assert "Today, 23 November 2026" in page
    assert "1. Discover" in page and "was due 20 May 2026" in page and "due in 148 days" in page
    # Every vendor of the demo's shortlist is reviewed (Inventory says 100%): no next action
    # counts them as still to review, and counts are worded, never "strategy(ies)".
    roadmap = page.split('<section id="roadmap">')[1].split("</section>")[0]
    actions = roadmap.split("Next actions")[1]
    assert "vendor strateg" not in actions
    assert "(ies)" not in actions
    # Timeline: the year on the month scale, a legend, late items marked, today.
    assert ">2026</text>" in page and ">2027</text>" in page and ">Nov</text>" in page
    assert ">Under way</text>" in page and ">Late</text>" in page
    assert "LATE · 62/90" in page and "today 23 Nov 2026" in page
    # Coverage: heat map, gaps and overlaps.
    assert ">CRM integration</text>" in page and ">GAP</text>" in page
    assert ">OVERLAP</text>" in page and "Microsoft SharePoint</text>" in page
    # Candidates: stacked bars per criterion, sensitivity, exclusions with reasons.
    assert ">Capability fit (30%)</text>" in page and ">1. Microsoft Viva Engage</text>" in page
    assert "<b>Sensitivity.</b> Changing the adoption weight from 0.10 to 0.16" in page
    assert "<b>Yammer</b> — renamed: now Microsoft Viva Engage" in page
    # Pilots: KPIs against target, with a trend where measured several times.
    assert "Viva Engage for R&amp;D and Sales" in page and "decided: adopt" in page
    assert "Weekly active users (% of pilot users)" in page
    assert 'aria-label="63 against target 60, baseline 24"' in page
    assert 'aria-label="trend: 24, 41, 55, 63"' in page
    # Training per department; the risk matrix.
    assert ">Sales</text>" in page and "62/90 · 69% · 1 late" in page
    assert ">Likelihood →</text>" in page and "Security concerns block adoption" in page
    # Print: page breaks, no dark backgrounds.
    assert "@media print" in page and "break-before: page" in page
    _assert_self_contained(page)
    # Deterministic: the same data and day give the same bytes.
    assert render_html(demo.workspace, demo.catalog, None, TODAY) == page


def test_hostile_text_is_escaped_everywhere(demo: Planner) -> None:
    ws, catalog = demo.workspace, demo.catalog
    save_tools(
        ws,
        None,
        [
            Tool(f"hostile-{i}", name, "jive", log_users=60 + i, departments=(name,), owner=name)
            for i, name in enumerate(HOSTILE)
        ],
    )
    update_plan(ws, None, organisation=HOSTILE[0], owner=HOSTILE[2])
    add_pilot(
        ws,
        catalog,
        None,
        "jive",
        PilotChanges(
            title=HOSTILE[1],
            departments=[HOSTILE[2], HOSTILE[4]],
            sponsor=HOSTILE[3],
            start=TODAY,
            end=TODAY + dt.timedelta(days=30),
        ),
        kpis=parse_kpis(["weekly-active-pct=50"]),
    )
    add_training(ws, None, HOSTILE[0], HOSTILE[1], 10, due=TODAY - dt.timedelta(days=3))
    add_feature(ws, catalog, None, HOSTILE[2], FeatureChanges(due=TODAY - dt.timedelta(days=1)))
    save_risk(ws, None, "hostile", create=True, title=HOSTILE[4], owner=HOSTILE[1])
    page = render_html(ws, catalog, None, TODAY)

    for raw in ("<script>alert", "<img src=x", 'onmouseover="x', "O'Brien", "\x1b", "\x07"):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "onmouseover=&#34;x" in page or "onmouseover=&quot;x" in page
    assert "O&#39;Brien" in page or "O&#x27;Brien" in page
    assert "evil\\x1b]0;owned\\x07\\x1b[2J name" in page  # control characters made visible
    # Inside SVG text, tooltips and attributes too (the heat map's column of tool names).
    assert re.search(r"<text [^>]*>&lt;script&gt;alert\(1\)", page)
    assert re.search(r"<title>&lt;img src=x onerror=alert\(1\)&gt;", page)
    _assert_self_contained(page)
    parsed = _parse(page)
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown to the reader as text
    assert '" onmouseover="x' in text


def test_a_hostile_plan_name_and_an_empty_plan(tmp_path: Path) -> None:
    planner = bootstrap(Settings(db=str(tmp_path / "e.sqlite"), today=lambda: TODAY))
    try:
        name = "<img src=x onerror=alert(1)>\" '"  # plan names hold no '/' nor controls
        create_plan(planner.workspace, name, TODAY, organisation="<b>Org</b> \u202e")
        page = render_html(planner.workspace, planner.catalog, name, TODAY)
    finally:
        planner.close()
    assert "<img" not in page and "\u202e" not in page and "<b>Org</b>" not in page
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;&#34; &#39;</h1>" in page
    assert "<b>&lt;b&gt;Org&lt;/b&gt; \\u202e</b>" in page
    assert "No pilot yet." in page and "No training milestone yet." in page
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    _assert_self_contained(page)


def test_changes_since_a_plan_file(demo: Planner, tmp_path: Path) -> None:
    base = export_plan(demo.workspace, None, TODAY, tmp_path / "base.yaml", demo.catalog)
    update_tool(
        demo.workspace, demo.catalog, None, "facebook", ToolChanges(owner="CMO <marketing>")
    )
    page = render_html(demo.workspace, demo.catalog, None, TODAY, since=base)
    assert '<section id="changes">' in page and '<a href="#changes">' in page
    assert "What changed since the last export" in page
    assert "1 change." in page
    row = re.search(r"<td>tools</td><td>facebook</td>.*?</tr>", page, re.S)
    assert row is not None
    assert "Head of Marketing" in row.group() and "CMO &lt;marketing&gt;" in row.group()

    same = export_plan(demo.workspace, None, TODAY, tmp_path / "now.yaml", demo.catalog)
    assert "No change: the plan matches the file." in render_html(
        demo.workspace, demo.catalog, None, TODAY, since=same
    )
    with pytest.raises(InputError, match="no such plan file"):
        render_html(demo.workspace, demo.catalog, None, TODAY, since=tmp_path / "missing.yaml")


def test_kpis_have_a_baseline_before_the_start_and_a_trend() -> None:
    start = dt.date(2027, 3, 1)
    pilot = Pilot(
        "p",
        "jive",
        "P",
        start=start,
        status=PilotStatus.RUNNING,
        criteria=(Kpi("weekly-active-pct", 60), Kpi("satisfaction-score", 4)),
        measurements=(
            Measurement("weekly-active-pct", start - dt.timedelta(days=7), 20),
            Measurement("weekly-active-pct", start + dt.timedelta(days=7), 45),
            Measurement("weekly-active-pct", start + dt.timedelta(days=14), 62),
            Measurement("satisfaction-score", start - dt.timedelta(days=1), 3.1),
        ),
    )
    active, satisfaction = kpi_rows(pilot)
    assert (active.baseline, active.actual, active.result) == ("20", "62", "met")
    assert active.trend is not None and 'aria-label="trend: 20, 45, 62"' in active.trend
    # Only a baseline so far: nothing measured during the pilot, no verdict.
    assert (satisfaction.baseline, satisfaction.actual) == ("3.1", "—")
    assert satisfaction.result == "—" and satisfaction.trend is None


def test_baseline_shows_in_the_report(demo: Planner) -> None:
    # The demo's pilots were measured three days before they started: the baseline.
    page = render_html(demo.workspace, demo.catalog, None, TODAY)
    assert 'aria-label="38 against target 50, baseline 0"' in page
    assert 'aria-label="trend: 0, 31, 36, 38"' in page


# A real browser ---------------------------------------------------------------------------------
def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes) with zlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = colour = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour)
        elif kind == b"IDAT":
            idat += body
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i : i + 3]) for r in rows for i in range(0, stride, bpp)]


def test_a_real_browser_renders_the_report(demo: Planner, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed: apt-get install -y chromium to run this test")
    report = write_report(demo.workspace, demo.catalog, None, TODAY, tmp_path / "report.html")
    shot = tmp_path / "out.png"
    try:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--screenshot={shot}",
                "--window-size=1280,2000",
                report.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("chromium did not render the report within 60 s")
    assert shot.exists(), "chromium wrote no screenshot"
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    colours: dict[bytes, int] = {}
    for pixel in pixels:
        colours[pixel] = colours.get(pixel, 0) + 1
    background = max(colours.values())
    # Not blank: many colours (text anti-aliasing, charts), and a good share of the page
    # is neither the page background nor white.
    assert len(colours) > 200, len(colours)
    assert background < 0.9 * len(pixels)
    dark = sum(n for c, n in colours.items() if sum(c) < 200)  # text
    assert dark > 2000, dark
    blue = sum(n for c, n in colours.items() if c[2] > c[0] + 60)
    assert blue > 2000, blue  # the timeline's bars and the header's accent


def test_both_reports_come_from_one_gathering(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Markdown report and the HTML pack word the same gathered values: each render
    gathers once, and rendering a gathering already made gives the same pages."""
    from markupsafe import escape

    from planner.services import report, report_data
    from planner.services.report_html import render, view

    data = report_data.gather_report(demo.workspace, demo.catalog, None, TODAY)
    calls: list[str] = []

    def counted(*args: object, **kwargs: object) -> report_data.ReportData:
        calls.append("gather")
        return data

    monkeypatch.setattr(report, "gather_report", counted)
    monkeypatch.setattr(view, "gather_report", counted)
    markdown = report.render_markdown(demo.workspace, demo.catalog, None, TODAY)
    page = render.render_html(demo.workspace, demo.catalog, None, TODAY)
    assert calls == ["gather", "gather"]
    assert markdown == report.markdown_report(data, demo.catalog)
    context = view.page_view(data, demo.catalog).context()
    assert page == render.environment().get_template("report.html.j2").render(context)
    # the same next actions, worded alike in both
    for action in data.overview.actions:
        assert f"- {report.md(action.text)}" in markdown
        assert f"<li>{escape(action.text)}</li>" in page
