"""Activity reports in the documented layouts give exact KPIs; only aggregates are stored."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from planner.adapters.sources.activity import read_activity
from planner.bootstrap import Planner
from planner.domain.next_actions import texts
from planner.domain.records.pilot import PilotChanges
from planner.errors import InputError
from planner.services.activity import pilot_activity, product_activity, snapshots
from planner.services.adoption import adoption, assess
from planner.services.pilots import add_pilot, decide, get_pilot, parse_kpis, update_pilot
from planner.services.plans import create_plan, overview
from planner.services.rollout import add_training, update_training
from tests.conftest import TODAY

START = dt.date(2027, 1, 4)
KEY = b"k" * 32
AT = chr(64)


def u(text: str) -> str:
    """User principal names from <name> placeholders."""
    return re.sub(r"<([a-z]+)>", lambda m: f"{m.group(1)}.k{AT}example.com", text)


VIVA_HEADER = (
    "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,"
    "Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period"
)


def viva(path: Path, refresh: str, rows: list[str], period: int = 7) -> Path:
    """A Viva Engage activity user detail report as the admin center writes it: UTF-8 with a
    BOM, CRLF line ends, quoted display names with commas, empty last-activity dates."""
    lines = [VIVA_HEADER, *(u(f"{refresh},{r},{period}") for r in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


ROWS = [
    '<anne>,"Durand, Anne",Active,,2027-02-26,6,30,4,"Viva Engage, Office 365 E3"',
    '<paul>,"Martin, Paul",Active,,2027-02-20,2,10,0,Office 365 E3',
    '<lea>,"Petit, Léa",Active,,,0,0,0,Office 365 E3',
    "<ng>,Ng,Deleted,2027-02-01,2027-01-30,9,9,9,Office 365 E3",
]


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", START)
    add_pilot(
        planner.workspace,
        planner.catalog,
        "acme",
        "viva-engage",
        PilotChanges(
            title="Engage pilot",
            departments=["Sales"],
            users=4,
            start=dt.date(2027, 2, 1),
            end=dt.date(2027, 4, 30),
        ),
        kpis=parse_kpis(["weekly-active-pct=60", "posts-per-active-user=2", "read-post-ratio=3"]),
    )
    update_pilot(planner.workspace, "acme", "engage-pilot", status="approved")
    update_pilot(planner.workspace, "acme", "engage-pilot", status="running")
    return "acme"


def test_viva_engage_report_gives_exact_kpis(tmp_path: Path) -> None:
    report = read_activity(viva(tmp_path / "engage.csv", "2027-02-28", ROWS))
    assert report.format == "m365-viva-engage"
    assert (report.period_start, report.as_of) == (dt.date(2027, 2, 22), dt.date(2027, 2, 28))
    assert len(report.users) == 3  # the deleted user does not count
    assert report.users[u("<lea>")].last_active is None


def test_pilot_activity_records_kpis_with_source(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = viva(tmp_path / "engage.csv", "2027-02-28", ROWS, period=30)
    result = pilot_activity(planner.workspace, KEY, plan, "engage-pilot", path)
    # 4 pilot users; weekly active: anne only (paul last active 8 days before the 28th);
    # active in the 30-day period: anne and paul; posts 8 over 2 people over 30/7 weeks.
    assert result.kpis == {
        "weekly-active-pct": 25.0,
        "posts-per-active-user": round(8 / 2 / (30 / 7), 2),
        "read-post-ratio": 5.0,
    }
    pilot = get_pilot(planner.workspace, plan, "engage-pilot")
    assert {(m.kpi, m.on, m.value) for m in pilot.measurements} == {
        ("weekly-active-pct", dt.date(2027, 2, 28), 25.0),
        ("posts-per-active-user", dt.date(2027, 2, 28), 0.93),
        ("read-post-ratio", dt.date(2027, 2, 28), 5.0),
    }
    assert {m.source for m in pilot.measurements} == {"m365-viva-engage engage.csv"}
    again = pilot_activity(planner.workspace, KEY, plan, "engage-pilot", path)
    assert again.duplicate
    assert len(get_pilot(planner.workspace, plan, "engage-pilot").measurements) == 3


def test_baseline_latest_and_trend(planner: Planner, plan: str, tmp_path: Path) -> None:
    before = viva(tmp_path / "jan.csv", "2027-01-24", [ROWS[2], ROWS[1].replace("02-20", "01-20")])
    pilot_activity(planner.workspace, KEY, plan, "engage-pilot", before)
    for day in ("2027-02-14", "2027-02-28"):
        rows = [ROWS[0].replace("2027-02-26", day), ROWS[1].replace("2027-02-20", day)]
        pilot_activity(
            planner.workspace,
            KEY,
            plan,
            "engage-pilot",
            viva(tmp_path / f"{day}.csv", day, rows[: 1 + (day > "2027-02-20")]),
        )
    pilot = get_pilot(planner.workspace, plan, "engage-pilot")
    trend = {t.kpi: t for t in pilot.trends()}["weekly-active-pct"]
    assert (trend.target, trend.baseline, trend.latest) == (60, 25.0, 50.0)
    assert trend.values == (25.0, 50.0)
    assert trend.spark == "▁█"


def test_report_outside_the_pilot_is_refused_with_its_dates(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = viva(tmp_path / "late.csv", "2027-06-30", ROWS)
    with pytest.raises(InputError, match=r"2027-06-24 to 2027-06-30.*after pilot 'engage-pilot'"):
        pilot_activity(planner.workspace, KEY, plan, "engage-pilot", path)
    assert get_pilot(planner.workspace, plan, "engage-pilot").measurements == ()


def test_directory_population_and_no_upn_stored(file_planner: Planner, tmp_path: Path) -> None:
    planner = file_planner
    create_plan(planner.workspace, "acme", START)
    add_pilot(
        planner.workspace,
        planner.catalog,
        "acme",
        "viva-engage",
        PilotChanges(
            title="P", departments=["Sales"], start=dt.date(2027, 2, 1), end=dt.date(2027, 4, 30)
        ),
        kpis=parse_kpis(["weekly-active-pct=50"]),
    )
    staff = tmp_path / "staff.csv"
    staff.write_text(
        u("user,department\n<anne>,Sales\n<paul>,Sales\n<lea>,R&D\n<zoe>,Sales\n"),
        encoding="utf-8",
    )
    path = viva(tmp_path / "engage.csv", "2027-02-28", ROWS)
    result = pilot_activity(planner.workspace, KEY, "acme", "p", path, directory=staff)
    # Sales has 3 people (anne, paul, zoe); anne is weekly active; léa is not in Sales.
    assert result.kpis["weekly-active-pct"] == 33.33
    planner.workspace.dispose()
    dump = "\n".join(sqlite3.connect(planner.settings.db).iterdump()).casefold()
    for upn in ("anne.k", "paul.k", "lea.k", "zoe.k", "example.com", "durand"):
        assert upn not in dump


@pytest.mark.parametrize(
    ("name", "text", "fmt", "posts", "weekly"),
    [
        (
            "teams.csv",
            "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,"
            "Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,"
            "Call Count,Meeting Count,Post Messages,Reply Messages,Report Period\r\n"
            '2027-02-28,1,<anne>,2027-02-27,False,,"Teams, E3",5,9,0,1,3,6,7\r\n'
            "2027-02-28,2,<paul>,,False,,E3,0,0,0,0,0,0,7\r\n",
            "m365-teams",
            3,
            1,
        ),
        (
            "sharepoint.csv",
            "Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,"
            "Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,"
            "Shared Externally File Count,Visited Page Count,Assigned Products,Report Period\r\n"
            "2027-02-28,<anne>,False,,2027-02-22,4,0,2,1,8,E3,7\r\n",
            "m365-sharepoint",
            3,
            1,
        ),
        (
            "generic.csv",
            "user,date,posts,reads\n<anne>,2027-02-20,2,5\n<paul>,2027-02-27,1,0\n"
            "<lea>,2027-02-21,0,0\n",
            "generic",
            3,
            1,
        ),
    ],
)
def test_other_layouts(
    tmp_path: Path, name: str, text: str, fmt: str, posts: int, weekly: int
) -> None:
    path = tmp_path / name
    path.write_bytes(u(text).encode("utf-8-sig"))
    report = read_activity(path)
    assert report.format == fmt
    assert sum(u.posts for u in report.users.values()) == posts
    assert sum(report.weekly_active(u) for u in report.users.values()) == weekly


def test_teams_reply_ratio(tmp_path: Path) -> None:
    path = tmp_path / "teams.csv"
    path.write_text(
        "Report Refresh Date,User Principal Name,Last Activity Date,Team Chat Message Count,"
        "Private Chat Message Count,Post Messages,Reply Messages,Report Period\n"
        + u("2027-02-28,<anne>,2027-02-27,10,0,4,6,7\n"),
        encoding="utf-8",
    )
    from planner.services.activity import summarise

    snap = summarise(read_activity(path), KEY, "pilot:x", "t.csv", departments_of={})
    assert snap.kpis() == {
        "weekly-active-pct": 100.0,
        "posts-per-active-user": 4.0,
        "reply-post-ratio": 1.5,
    }


def test_slack_needs_its_day(tmp_path: Path) -> None:
    path = tmp_path / "slack.csv"
    path.write_text(
        "Name,Email,Account type,Days active,Messages posted,Last active (UTC)\n"
        + u('"Durand, Anne",<anne>,Member,4,7,2027-02-26\nBob,<bob>,Member,0,0,\n'),
        encoding="utf-8",
    )
    report = read_activity(path, as_of=dt.date(2027, 2, 28), period_days=7)
    assert report.format == "slack-members"
    assert report.period_start == dt.date(2027, 2, 22)
    assert [report.weekly_active(x) for x in report.users.values()] == [True, False]


def test_unknown_header_is_one_located_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.csv:1: cannot tell the report's format"):
        read_activity(path)


def test_adoption_readiness_and_dashboard(planner: Planner, plan: str, tmp_path: Path) -> None:
    ws = planner.workspace
    pilot_activity(ws, KEY, plan, "engage-pilot", viva(tmp_path / "a.csv", "2027-02-28", ROWS))
    decide(ws, plan, "engage-pilot", "adopt", "measured", dt.date(2027, 3, 1))
    staff = tmp_path / "staff.csv"
    staff.write_text(
        u("user,department\n<anne>,Sales\n<paul>,Sales\n<lea>,Sales\n"),
        encoding="utf-8",
    )
    add_training(ws, plan, "Sales workshop", "Sales", 3, due=dt.date(2027, 9, 1))
    update_training(ws, plan, "sales-workshop", 3, dt.date(2027, 3, 5))
    rows = [r.replace("2027-02-26", "2027-03-20") for r in ROWS]
    product_activity(ws, KEY, plan, "viva-engage", viva(tmp_path / "b.csv", "2027-03-31", rows),
                     directory=staff)  # fmt: skip
    assess(ws, plan, "Sales", dict(awareness=4, desire=2, knowledge=3, ability=4,
                                   reinforcement=4), dt.date(2027, 3, 2))  # fmt: skip
    view = adoption(ws, plan, TODAY)
    sales = view.departments[0]
    assert (sales.department, sales.people, sales.trained_pct, sales.active) == (
        "Sales",
        3,
        100.0,
        0,
    )
    assert "Sales: desire 2 — plan a sponsor message" in texts(view.actions)
    assert any(a.startswith("Sales: 100% trained but 0% active") for a in texts(view.actions))
    assert "champions short: Sales 0/1 (one per 50 people)" in texts(view.actions)
    assert "Sales: desire 2 — plan a sponsor message" in texts(overview(ws, plan, TODAY).actions)
    assert [s.subject for s in snapshots(ws, plan)] == ["pilot:engage-pilot", "product:viva-engage"]


def test_reports_show_adoption_and_barriers(planner: Planner, plan: str, tmp_path: Path) -> None:
    from planner.services.report import render_markdown
    from planner.services.report_html.render import render_html

    ws = planner.workspace
    pilot_activity(ws, KEY, plan, "engage-pilot", viva(tmp_path / "a.csv", "2027-02-28", ROWS))
    scores = dict(awareness=4, desire=2, knowledge=3, ability=4, reinforcement=4)
    assess(ws, plan, "Sales <b>", scores, dt.date(2027, 3, 2))
    markdown = render_markdown(ws, planner.catalog, plan, TODAY)
    assert "| weekly-active-pct | 60 | — | 25 | ▄ | below target |" in markdown
    assert "Sales \\<b\\>: desire 2 — plan a sponsor message" in markdown
    html = render_html(ws, planner.catalog, plan, TODAY)
    assert "Adoption and readiness per department" in html
    assert "Sales &lt;b&gt;: desire 2 — plan a sponsor message" in html


def test_directory_by_login_matches_report_upns(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    from planner.services.rollout import add_champion

    staff = tmp_path / "staff.csv"
    staff.write_text(
        "login,department\nanne.k,Sales\npaul.k,Sales\nzoe.k,Sales\n", encoding="utf-8"
    )
    add_champion(planner.workspace, plan, "Sales", "A.K.", account="anne.k", key=KEY)
    path = viva(tmp_path / "engage.csv", "2027-02-28", ROWS)
    result = pilot_activity(planner.workspace, KEY, plan, "engage-pilot", path, directory=staff)
    assert result.kpis["weekly-active-pct"] == 33.33  # anne of anne, paul, zoe
    assert result.snapshot is not None
    assert [(c.name, c.active, c.posts) for c in result.snapshot.champions] == [("A.K.", True, 6)]


def test_champions_own_activity(planner: Planner, plan: str, tmp_path: Path) -> None:
    from planner.services.rollout import add_champion

    ws = planner.workspace
    pilot_activity(ws, KEY, plan, "engage-pilot", viva(tmp_path / "a.csv", "2027-02-28", ROWS))
    decide(ws, plan, "engage-pilot", "adopt", "measured", dt.date(2027, 3, 1))
    add_champion(ws, plan, "Sales", "A.K.", account=u("<anne>"), key=KEY)
    add_champion(ws, plan, "Sales", "P.K.", account="paul.k", key=KEY)
    add_champion(ws, plan, "Sales", "No account")
    product_activity(ws, KEY, plan, "viva-engage", viva(tmp_path / "b.csv", "2027-03-07", ROWS))
    view = adoption(ws, plan, TODAY)
    assert [(c.name, c.active, c.posts) for c in view.champions_activity] == [
        ("A.K.", False, 6),
        ("P.K.", False, 2),
    ]
    assert (
        "2 champions not active in the report of 2027-03-07: A.K. (Sales), P.K. (Sales) — "
        "check in with them"
    ) in texts(view.actions)
