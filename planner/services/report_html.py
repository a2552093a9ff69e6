"""The review pack as one self-contained HTML page with SVG charts.

:func:`report_view` gathers, from the same services as the Markdown report, a plain
view-model (dicts, lists, strings, numbers, and the charts as SVG markup from
:mod:`planner.adapters.svg`); :func:`render_html` fills the Jinja2 template shipped in
``planner/templates``. No script, stylesheet, font or image is referenced: the CSS is in
the page and the charts are inline SVG, so the file can be mailed, opened offline and
printed to PDF.

Escaping: the template environment autoescapes, and its ``finalize`` hook makes control
characters visible in every value it prints; the SVG module escapes the text it draws
itself. Only the SVG markup (a :class:`markupsafe.Markup`) is printed as is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from planner.adapters import svg
from planner.adapters.db import Workspace
from planner.domain import inventory as inv
from planner.domain import scoring
from planner.domain.catalog import Catalog, Category
from planner.domain.pilots import KPIS, Pilot
from planner.domain.plan import ToolStatus
from planner.domain.plan_diff import Change, show
from planner.domain.risks import Level, Risk, RiskStatus
from planner.domain.roadmap import PhaseStatus, add_months
from planner.domain.rollout import Champion, Feature, Training
from planner.domain.text import visible
from planner.errors import InputError
from planner.services.inventory import InventoryReport, inventory_report
from planner.services.pilots import Ranking, list_pilots, rank_candidates
from planner.services.plans import Overview, overview
from planner.services.review import changes_since
from planner.services.rollout import rollout, timeline

CRITERIA: dict[scoring.Criterion, tuple[str, str]] = {
    scoring.Criterion.CAPABILITY_FIT: ("Capability fit", "#4e79a7"),
    scoring.Criterion.SECURITY: ("Security", "#59a14f"),
    scoring.Criterion.INTEGRATION: ("Integration", "#76b7b2"),
    scoring.Criterion.COST: ("Cost", "#edc948"),
    scoring.Criterion.VIABILITY: ("Viability", "#b07aa1"),
    scoring.Criterion.ADOPTION: ("Adoption", "#f28e2b"),
}
GROUPS = {"phase": "Phases", "pilot": "Pilots", "feature": "Features", "training": "Training"}
MAX_TOOL_COLUMNS = 30
MAX_CANDIDATES = 10
MAX_CHANGES = 300
_TONE = {
    PhaseStatus.DONE: "good",
    PhaseStatus.ON_TRACK: "info",
    PhaseStatus.LATE: "bad",
    PhaseStatus.NOT_STARTED: "muted",
}


def _num(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:g}"


def _short(value: Any, limit: int = 140) -> str:
    text = show(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Sections --------------------------------------------------------------------------------------
def _roadmap(view: Overview, today: dt.date) -> dict[str, Any]:
    start = view.plan.start
    end = add_months(start, 12)
    phases = []
    for state in view.phases:
        current = state.starts <= today < state.due
        if state.status is PhaseStatus.DONE:
            when = f"done · was due {state.due:%d %b %Y}"
        elif today < state.starts:
            when = f"starts in {(state.starts - today).days} day(s)"
        elif today <= state.due:
            when = f"due in {(state.due - today).days} day(s)"
        else:
            when = f"{(today - state.due).days} day(s) past due"
        phases.append(
            {
                "label": state.phase.label,
                "steps": state.phase.steps,
                "starts": state.starts.isoformat(),
                "due": state.due.isoformat(),
                "progress": round(state.progress * 100),
                "status": state.status.value,
                "tone": _TONE[state.status],
                "current": current,
                "when": when,
            }
        )
    elapsed = min(max((today - start).days, 0), (end - start).days)
    return {
        "phases": phases,
        "actions": list(view.actions),
        "day": elapsed,
        "days": (end - start).days,
        "year_pct": round(100 * elapsed / max((end - start).days, 1)),
    }


def _timeline(start: dt.date, rows: Sequence[Any], view: Overview, today: dt.date) -> Markup:
    progress = {s.phase.label: s.progress for s in view.phases}
    gantt_rows = [
        svg.GanttRow(
            group=GROUPS.get(r.group, r.group),
            label=r.label,
            start=r.start,
            end=r.end,
            state=r.state,
            detail=r.detail,
            progress=progress.get(r.label) if r.group == "phase" else None,
        )
        for r in rows
    ]
    return Markup(svg.gantt(gantt_rows, start, today))  # noqa: S704 - escaped by svg.esc


def _coverage(report: InventoryReport, catalog: Catalog) -> dict[str, Any]:
    order: dict[Category | None, int] = {c: i for i, c in enumerate(Category)}
    used = sorted(
        inv.in_use(report.tools),
        key=lambda t: (order.get(inv.category_of(t, catalog), len(order)), -t.users, t.name),
    )
    shown, hidden = used[:MAX_TOOL_COLUMNS], len(used) - MAX_TOOL_COLUMNS
    max_users = max((t.users for t in shown), default=0) or 1
    columns = []
    for tool in shown:
        category = inv.category_of(tool, catalog)
        columns.append(
            svg.HeatColumn(
                tool.name,
                category.label if category else "Not categorised",
                f"{tool.status.value}, {tool.users} users",
            )
        )
    overlap_size: dict[str, int] = {}
    for o in report.overlaps:
        overlap_size[o.capability] = max(overlap_size.get(o.capability, 0), len(o.tools))
    gaps = set(report.gaps)
    names = {c.id: c.name for c in catalog.capabilities.values()}
    position = {c: i for i, c in enumerate(catalog.capabilities)}
    caps = [c for c, tools in report.coverage.items() if tools or report.needs.get(c, 0) > 0]
    caps += [c for c in gaps if c not in report.coverage]
    caps.sort(
        key=lambda c: (c not in gaps, -report.needs.get(c, 0), position.get(c, len(position)), c)
    )
    rows = []
    for cap in caps:
        providers = {t.slug for t in report.coverage.get(cap, [])}
        need = report.needs.get(cap, 0)
        flag, note = "", ""
        if cap in gaps:
            flag, note = "gap", f"need {need}/5"
        elif cap in overlap_size:
            flag, note = "overlap", f"{overlap_size[cap]} tools"
        label = names.get(cap, cap)
        rows.append(
            svg.HeatRow(
                label,
                [math.sqrt(t.users / max_users) if t.slug in providers else None for t in shown],
                need=max(0, min(need, 5)),
                flag=flag,
                note=note,
                tips=[
                    f"{t.name} — {label}: "
                    + (f"provided ({t.users} users)" if t.slug in providers else "not provided")
                    for t in shown
                ],
            )
        )
    left_out = len(catalog.capabilities) - len([c for c in caps if c in catalog.capabilities])
    flags = sorted(report.flags, key=lambda f: (f.severity != "high", f.tool, f.kind))
    tools = sorted(report.tools, key=lambda t: (-t.users, t.name))
    return {
        "svg": Markup(svg.heatmap(rows, columns)) if rows and columns else None,  # noqa: S704
        "gaps": [names.get(c, c) for c in report.gaps],
        "overlaps": [
            {
                "capability": names.get(o.capability, o.capability),
                "tools": ", ".join(f"{n} ({u})" for n, u in o.tools),
            }
            for o in report.overlaps
        ],
        "hidden_tools": max(hidden, 0),
        "left_out": left_out,
        "flags": [{"kind": f.kind, "message": f.message, "severity": f.severity} for f in flags],
        "tools": [
            {
                "name": t.name,
                "category": (c.label if (c := inv.category_of(t, catalog)) else "—"),
                "status": t.status.value,
                "classified": t.classified,
                "users": t.users,
                "owner": t.owner or "—",
                "departments": len(t.departments),
                "tone": {
                    ToolStatus.OFFICIAL: "good",
                    ToolStatus.TOLERATED: "info",
                    ToolStatus.UNOFFICIAL: "warn",
                    ToolStatus.BANNED: "bad",
                }[t.status],
            }
            for t in tools
        ],
    }


def _reason(candidate: scoring.Candidate, catalog: Catalog) -> str:
    """Why a product is left out, naming its successor rather than the successor's id."""
    reason = candidate.reason or "not eligible"
    product = catalog.get(candidate.product)
    successor = (
        catalog.get(product.strategy.successor) if product and product.strategy.successor else None
    )
    if successor is not None:
        reason = reason.replace(f"succeeded by {successor.id}", f"succeeded by {successor.name}")
    return reason


def _candidates(ranking: Ranking, catalog: Catalog) -> dict[str, Any]:
    total = sum(max(w, 0.0) for w in ranking.weights.values()) or 1.0
    criteria = list(CRITERIA)
    series = [
        svg.Series(
            f"{CRITERIA[c][0]} ({max(ranking.weights.get(c, 0.0), 0.0) / total:.0%})",
            CRITERIA[c][1],
        )
        for c in criteria
    ]
    ranked = [c for c in ranking.candidates if c.eligible and c.reason is None]
    rows = [
        svg.StackRow(
            f"{rank}. {c.name}",
            [c.contributions.get(k, 0.0) for k in criteria],
            f"{c.score:.2f}",
            [
                f"{c.name} — {CRITERIA[k][0]}: sub-score {c.breakdown.get(k, 0.0):.2f}, "
                f"adds {c.contributions.get(k, 0.0):.3f}"
                for k in criteria
            ],
        )
        for rank, c in enumerate(ranked[:MAX_CANDIDATES], start=1)
    ]
    top = max((c.score for c in ranked[:MAX_CANDIDATES]), default=0.0)
    maximum = 1.0 if top > 0.5 else 0.5 if top > 0.25 else 0.25
    note = None
    if ranking.swap is not None and len(ranked) > 1:
        s = ranking.swap
        note = (
            f"Changing the {CRITERIA[s.criterion][0].lower()} weight from "
            f"{ranking.weights.get(s.criterion, 0.0):.2f} to {s.weight:.2f} would tie "
            f"{ranked[0].name} and {ranked[1].name}: the top of the ranking "
            + ("is sensitive to it." if abs(s.change) < 0.1 else "is robust to small changes.")
        )
    elif len(ranked) > 1:
        note = f"No change of a single weight makes {ranked[1].name} tie with {ranked[0].name}."
    return {
        "svg": Markup(  # noqa: S704 - escaped by svg.esc
            svg.stacked_bars(rows, series, maximum=maximum)
        )
        if rows
        else None,
        "count": len(ranked),
        "shown": len(rows),
        "needs": sum(1 for w in ranking.needs.values() if w > 0),
        "weights": [
            {"label": CRITERIA[c][0], "weight": f"{ranking.weights.get(c, 0.0):.2f}"}
            for c in criteria
        ],
        "sensitivity": note,
        "excluded": [
            {"name": c.name, "reason": _reason(c, catalog)}
            for c in scoring.excluded(ranking.candidates)
        ],
    }


def kpi_rows(pilot: Pilot) -> list[dict[str, Any]]:
    """Each KPI of a pilot: the baseline (the last measurement before the pilot started),
    the latest value since, the target, whether it is met, and the series for a trend."""
    rows = []
    for kpi in pilot.criteria:
        series = sorted((m for m in pilot.measurements if m.kpi == kpi.kpi), key=lambda m: m.on)
        before = [m for m in series if pilot.start is not None and m.on < pilot.start]
        during = [m for m in series if m not in before]
        baseline = before[-1].value if before else None
        actual = during[-1].value if during else None
        met = None if actual is None else actual >= kpi.target
        values = [m.value for m in series]
        rows.append(
            {
                "kpi": kpi.kpi,
                "label": KPIS.get(kpi.kpi, kpi.kpi),
                "baseline": _num(baseline),
                "target": _num(kpi.target),
                "actual": _num(actual),
                "measured": f"{during[-1].on:%d %b}" if during else "",
                "result": "—" if met is None else ("met" if met else "below target"),
                "tone": "muted" if met is None else ("good" if met else "warn"),
                "bullet": Markup(svg.bullet(actual, kpi.target, baseline)),  # noqa: S704
                "trend": Markup(svg.sparkline(values, kpi.target))  # noqa: S704
                if len(values) >= 2
                else None,
                "points": len(values),
            }
        )
    return rows


def _pilots(pilots: Sequence[Pilot], catalog: Catalog) -> list[dict[str, Any]]:
    out = []
    for p in sorted(pilots, key=lambda p: (p.start or dt.date.max, p.id)):
        product = catalog.get(p.product)
        out.append(
            {
                "title": p.title,
                "product": product.name if product else p.product,
                "status": p.status.value,
                "decision": p.decision.value if p.decision else None,
                "tone": "good"
                if p.decision and p.decision.value == "adopt"
                else "bad"
                if p.decision and p.decision.value == "reject"
                else "info",
                "departments": ", ".join(p.departments) or "—",
                "users": p.users,
                "sponsor": p.sponsor or "—",
                "start": p.start.isoformat() if p.start else "?",
                "end": p.end.isoformat() if p.end else "?",
                "rationale": p.rationale,
                "kpis": kpi_rows(p),
            }
        )
    return out


def _training(
    trainings: Sequence[Training], champions: Sequence[Champion], today: dt.date
) -> dict[str, Any]:
    by_department: dict[str, list[Training]] = {}
    for t in trainings:
        by_department.setdefault(t.department, []).append(t)
    bars = []
    total_audience = total_trained = 0
    for department in sorted(by_department, key=str.casefold):
        items = by_department[department]
        audience = sum(max(t.audience, 0) for t in items)
        trained = sum(min(max(t.trained, 0), max(t.audience, 0)) for t in items)
        total_audience += audience
        total_trained += trained
        done = trained / audience if audience else 0.0
        late = [t for t in items if t.late(today)]
        state = "done" if audience and done >= 1 else "late" if late else "active"
        text = f"{trained}/{audience} · {done:.0%}"
        if late:
            text += f" · {len(late)} late"
        bars.append(
            svg.Bar(
                department,
                done,
                text,
                state,
                f"{department}: {len(items)} milestone(s), {trained} of {audience} trained",
            )
        )
    return {
        "svg": Markup(svg.bars(bars)) if bars else None,  # noqa: S704 - escaped by svg.esc
        "overall": f"{total_trained / total_audience:.0%}" if total_audience else "—",
        "milestones": [
            {
                "title": t.title,
                "department": t.department,
                "format": t.format.value,
                "due": t.due.isoformat() if t.due else "—",
                "trained": f"{t.trained}/{t.audience}",
                "completion": f"{t.completion:.0%}",
                "late": t.late(today),
            }
            for t in sorted(trainings, key=lambda t: (t.due or dt.date.max, t.id))
        ],
        "champions": [{"department": c.department, "name": c.name} for c in champions],
    }


def _features(features: Sequence[Feature], today: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "title": f.title,
            "target": f.target_system,
            "due": f.due.isoformat() if f.due else "—",
            "owner": f.owner or "—",
            "status": f.status.value,
            "late": f.late(today),
        }
        for f in sorted(features, key=lambda f: (f.due or dt.date.max, f.id))
    ]


def _risks(risks: Sequence[Risk]) -> dict[str, Any]:
    levels = list(Level)
    ordered = sorted(
        risks,
        key=lambda r: (
            r.status is not RiskStatus.OPEN,
            -(levels.index(r.likelihood) + levels.index(r.impact)),
            r.id,
        ),
    )
    marks = [
        svg.RiskMark(
            n,
            levels.index(r.likelihood),
            levels.index(r.impact),
            r.status is RiskStatus.OPEN,
            r.title,
        )
        for n, r in enumerate(ordered, start=1)
    ]
    return {
        "svg": Markup(svg.risk_matrix(marks)) if marks else None,  # noqa: S704
        "rows": [
            {
                "number": n,
                "title": r.title,
                "likelihood": r.likelihood.value,
                "impact": r.impact.value,
                "status": r.status.value,
                "open_high": r.open_high,
                "owner": r.owner or "—",
                "mitigation": r.mitigation or "—",
                "evidence": r.evidence,
            }
            for n, r in enumerate(ordered, start=1)
        ],
        "open_high": sum(r.open_high for r in risks),
    }


def _changes(path: Path, changes: Sequence[Change]) -> dict[str, Any]:
    sections: dict[str, dict[str, int]] = {}
    for c in changes:
        counts = sections.setdefault(c.section, {"added": 0, "removed": 0, "changed": 0})
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return {
        "path": str(path),
        "total": len(changes),
        "sections": [{"section": s, **counts} for s, counts in sorted(sections.items())],
        "rows": [
            {
                "section": c.section,
                "id": c.id,
                "kind": c.kind,
                "field": c.field or "",
                "old": _short(c.old) if c.kind == "changed" else "",
                "new": _short(c.new) if c.kind == "changed" else "",
            }
            for c in changes[:MAX_CHANGES]
        ],
        "more": max(len(changes) - MAX_CHANGES, 0),
    }


# The page --------------------------------------------------------------------------------------
def report_view(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    since: Path | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as plain values and SVG markup."""
    view = overview(ws, plan, today)
    name = view.plan.name
    report = inventory_report(ws, catalog, name, today)
    ranking = rank_candidates(ws, catalog, name)
    pilots = list_pilots(ws, name)
    data = rollout(ws, name)
    start, rows = timeline(ws, name, today)
    changes = None
    if since is not None:
        path, found = changes_since(ws, catalog, name, today, since)
        if found is None:
            raise InputError(f"{since}: no such plan file to compare with (--since)")
        changes = _changes(path, found)
    coverage = _coverage(report, catalog)
    risks = _risks(report.risks)
    training = _training(data.trainings, data.champions, today)
    in_use = inv.in_use(report.tools)
    shadow = sum(t.users for t in in_use if t.status is ToolStatus.UNOFFICIAL)
    running = sum(p.status.value == "running" for p in pilots)
    decided = sum(p.decision is not None for p in pilots)
    glance = [
        {"value": str(len(in_use)), "label": "tools in use", "tone": "info"},
        {"value": str(shadow), "label": "users on unofficial tools", "tone": "warn"},
        {"value": str(len(report.gaps)), "label": "capability gaps", "tone": "bad"},
        {"value": f"{running} / {decided}", "label": "pilots running / decided", "tone": "info"},
        {"value": training["overall"], "label": "people trained", "tone": "good"},
        {"value": str(risks["open_high"]), "label": "open high risks", "tone": "bad"},
    ]
    return {
        "title": f"Social software plan: {name}",
        "plan": {
            "name": name,
            "organisation": view.plan.organisation or "—",
            "owner": view.plan.owner or "—",
            "start": view.plan.start.isoformat(),
            "end": add_months(view.plan.start, 12).isoformat(),
        },
        "today": today.isoformat(),
        "today_long": f"{today:%d %B %Y}",
        "glance": glance,
        "roadmap": _roadmap(view, today),
        "timeline": _timeline(start, rows, view, today),
        "features": _features(data.features, today),
        "changes": changes,
        "coverage": coverage,
        "candidates": _candidates(ranking, catalog),
        "pilots": _pilots(pilots, catalog),
        "training": training,
        "risks": risks,
    }


def _finalize(value: Any) -> Any:
    """Every value printed by the template: control characters made visible (markup from
    the SVG module is already safe and passes as is)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return visible(value, multiline=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("planner", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    since: Path | None = None,
) -> str:
    """The review pack: one HTML page, deterministic for the same data and day."""
    view = report_view(ws, catalog, plan, today, since)
    return environment().get_template("report.html.j2").render(**view)


def write_report(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    path: Path,
    since: Path | None = None,
) -> Path:
    """Write the HTML report to ``path`` atomically; returns the path."""
    from planner.adapters.files import write_atomic

    write_atomic(path, render_html(ws, catalog, plan, today, since))
    return path
