"""A Markdown report of the plan for the review meeting, readable rendered in a merge
request: roadmap, tools by category, overlaps and risks, candidates and pilots with KPIs,
features, training progress and the timeline.

All text that comes from people or files is escaped for Markdown (and its control
characters made visible), so a tool named ``<script>`` or ``| x |`` stays text. What the
report shows is gathered once (:mod:`planner.services.report_data`), as for the HTML pack;
this module only words it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog
from planner.domain.org_fit import licence_label, licence_notes
from planner.domain.profile import parse_licences
from planner.domain.scoring import Candidate
from planner.domain.sensitivity import Swap
from planner.domain.text import visible
from planner.domain.timeline import render_text
from planner.services.adoption import AdoptionView
from planner.services.report_data import ReportData, gather_report

# Characters that start emphasis, code, links, HTML or table cells wherever they stand.
# (Text never starts a line here, so line-start syntax like '#' or '- ' cannot trigger.)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(value: object) -> str:
    """Untrusted text as inline Markdown text: escaped, control characters visible."""
    if value is None or value == "":
        return "—"
    if type(value) is int:
        return str(value)
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return _md_text(str(value))


@lru_cache(maxsize=1 << 16)
def _md_text(text: str) -> str:
    """Remembered: a report's 600,000 cells of a big plan repeat statuses, departments and
    purposes."""
    return _SPECIAL.sub(r"\\\1", visible(text)).replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _bar(done: float, width: int = 10) -> str:
    filled = round(done * width)
    return "█" * filled + "░" * (width - filled)


def _adoption_section(view: AdoptionView) -> list[str]:
    """Adoption per department (activity of the adopted products), ADKAR, champions."""
    out = ["## Adoption and readiness per department", ""]
    if not view.departments:
        return [*out, "No activity report, readiness assessment or training yet.", ""]
    active = (
        f"Weekly active people in {md(', '.join(view.products))} (activity reports)"
        if view.products
        else "No activity report of an adopted product yet"
    )
    out += [f"{active}; champions: one per {view.people_per_champion} people.", ""]
    out += _table(
        ["Department", "People", "Trained", "Active", "Trend", "ADKAR", "Champions"],
        [
            (
                d.department,
                d.people or None,
                None if d.trained_pct is None else f"{d.trained_pct:.0f}%",
                None if d.active_pct is None else f"{d.active_pct:.0f}% ({d.as_of})",
                d.trend or None,
                d.readiness,
                f"{d.champions}/{d.champions_needed}",
            )
            for d in view.departments
        ],
    )
    out += [f"- {md(a.text)}" for a in view.actions]
    return [*out, ""] if view.actions else out


def _note(c: Candidate) -> str | None:
    """A ranked product's caveat and what choosing it would mean buying."""
    return "; ".join(n for n in (c.caveat, *licence_notes(c.facts)) if n) or None


def _summary_section(report: ReportData) -> list[str]:
    """The steering committee's page: decision asked, spend, next dates, top risks."""
    sm = report.summary
    out = ["## Executive summary", ""]
    out += ["**Decision asked**", ""]
    out += [f"- {md(d)}" for d in sm.decisions] or ["- None due: this review is for information."]
    out += [""]
    out += _table(
        ["Spend a year", "Amount"],
        [
            ("now (running contracts)", sm.spend_now_text),
            ("after consolidating the overlaps", sm.spend_after_text),
            ("saving", md_amounts(sm.saving)),
        ],
    )
    out += ["**Next dates**", ""]
    out += [f"- {d.day.isoformat()} — {md(d.what)}" for d in sm.dates] or ["- none planned"]
    out += ["", "**Top risks**", ""]
    out += [f"- {md(r)}" for r in sm.risks] or ["- no open risk"]
    out += [""]
    out += ["## Shortlisted products side by side", ""]
    if not report.comparison:
        return [*out, "No product shortlisted or ranked yet.", ""]
    out += _table(
        ["Product", "Score", "Capabilities", "Data residency", "Certifications", "Suite fit",
         "Cost for the organisation"],
        [
            (c.name, c.score, c.capabilities, c.residency, c.certifications, c.suite_fit, c.cost)
            for c in report.comparison
        ],
    )  # fmt: skip
    return out


def md_amounts(amounts: dict[str, Decimal]) -> str:
    from planner.domain.contracts import totals_text

    return totals_text(amounts) if amounts else "—"


def render_markdown(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> str:
    """The plan's report as Markdown, as of ``today``."""
    return markdown_report(gather_report(ws, catalog, plan, today), catalog)


def markdown_report(report: ReportData, catalog: Catalog) -> str:
    """The gathered report in Markdown."""
    view, today, name = report.overview, report.today, report.name
    inv, ranking, pilots, data = report.inventory, report.ranking, report.pilots, report.rollout
    out = [f"# Social software plan: {md(name)}", ""]
    out += [
        f"{md(view.plan.organisation)} · started {view.plan.start.isoformat()} · "
        f"report of {today.isoformat()}",
        "",
    ]
    if view.plan.suites or view.plan.countries:
        # The organisation's profile the ranking was told (plan set --suites/--countries).
        licences = ", ".join(licence_label(lic) for lic in parse_licences(view.plan.suites))
        out += [
            f"Licences: {md(licences or 'none declared')} · employs people in: "
            f"{md(', '.join(view.plan.countries) or 'not declared')}",
            "",
        ]

    out += _summary_section(report)

    out += ["## Roadmap", ""]
    out += _table(
        ["Phase", "From", "Due", "Progress", "Status"],
        [
            (
                s.phase.label,
                s.starts.isoformat(),
                s.due.isoformat(),
                f"{_bar(s.progress)} {s.progress:.0%}",
                s.status.value,
            )
            for s in view.phases
        ],
    )
    if view.actions:
        out += ["**Next actions**", ""] + [f"- {md(a.text)}" for a in view.actions] + [""]

    # Phase 1's first step: the record of processing, escaped by its renderer
    out += [report.record.markdown()]

    out += ["## Tools in use", ""]
    for label, tools in inv.by_category(catalog).items():
        out += [f"### {md(label)}", ""]
        out += _table(
            ["Tool", "Status", "Owner", "Users", "Departments", "Purposes"],
            [
                (
                    t.name,
                    t.status.value + ("" if t.classified else " (to classify)"),
                    t.owner,
                    t.users,
                    t.departments,
                    t.purposes,
                )
                for t in tools
            ],
        )

    instead = report.instead
    if instead:
        out += ["## What to offer instead", ""]
        out += [
            "For each unofficial or banned tool, the official tool that serves its purposes "
            "(or a leading candidate): a ban works better with somewhere to go.",
            "",
        ]
        by_slug = {t.slug: t for t in inv.tools}
        out += _table(
            ["Tool", "Status", "Users", "Offer instead", "Why"],
            [
                (by_slug[s].name, by_slug[s].status.value, by_slug[s].users, a.offer, a.why)
                for s, a in sorted(instead.items(), key=lambda i: (-by_slug[i[0]].users, i[0]))
            ],
        )

    out += ["## Overlaps, gaps and risk flags", ""]
    if inv.overlaps:
        out += _table(
            ["Purpose", "Audience", "Tools (users)", "Keep", "Why"],
            [
                (o.label, o.audience, ", ".join(f"{n} ({u})" for n, u in o.tools), o.keep, o.why)
                for o in inv.overlaps
            ],
        )
    gaps = md(inv.gaps) if inv.gaps else "none" if inv.needs else "no capability needs set yet"
    out += [f"**Gaps** (needed, not provided): {gaps}", ""]
    if inv.reach_gaps:
        out += ["**Audiences not reached:**", ""] + [f"- {md(g)}" for g in inv.reach_gaps] + [""]
    if inv.flags:
        out += [f"- **{md(f.kind)}** — {md(f.message)}" for f in inv.flags] + [""]

    out += ["## Risk register", ""]
    out += _table(
        ["Risk", "Likelihood", "Impact", "Status", "Owner", "Mitigation", "Evidence"],
        [
            (
                r.title,
                r.likelihood.value,
                r.impact.value,
                r.status.value,
                r.owner,
                r.mitigation,
                r.evidence,
            )
            for r in sorted(inv.risks, key=lambda r: (not r.open_high, r.id))
        ],
    )

    out += ["## Candidates", ""]
    # One ranking per use case: internal, external and public products never share a list.
    lists: list[tuple[str | None, list[Candidate], Swap | None, list[str]]] = [
        (u.use_case.label, u.candidates, u.swap, u.explanation) for u in ranking.lists
    ] or [(None, ranking.candidates, ranking.swap, [])]
    for heading, candidates, swap, explanation in lists:
        if heading is not None:
            out += [f"### {md(heading)}", ""]
        out += _table(
            ["#", "Product", "Score", "Note"],
            [
                (rank, c.name, f"{c.score:.2f}", c.reason or _note(c))
                for rank, c in enumerate(candidates[:10], start=1)
            ],
        )
        if swap is not None:
            out += [
                f"Sensitivity: changing the **{swap.criterion.value}** weight from "
                f"{ranking.weights[swap.criterion]:.2f} to {swap.weight:.2f} would tie the "
                "top two.",
                "",
            ]
        why = [line for line in explanation if "would tie" not in line]  # said just above
        if why:
            out += [md(" ".join(why)), ""]

    out += ["## Pilots", ""]
    for p in pilots:
        out += [
            f"### {md(p.title)} — {p.status.value}"
            + (f", decided: {p.decision.value}" if p.decision else ""),
            "",
        ]
        out += [
            f"{md(p.product)} · {md(p.departments)} · {p.users} users · "
            f"{p.start or '?'} → {p.end or '?'}",
            "",
        ]
        out += _table(
            ["KPI", "Target", "Baseline", "Latest", "Trend", "Result"],
            [
                (
                    t.kpi,
                    f"{t.target:g}",
                    "—" if t.baseline is None else f"{t.baseline:g}",
                    "—" if t.latest is None else f"{t.latest:g}",
                    t.spark or "—",
                    "—" if t.met is None else ("met" if t.met else "below target"),
                )
                for t in p.trends()
            ],
        )
        sources = sorted({m.source for m in p.measurements if m.source})
        if sources:
            out += ["Measured from activity reports: " + md(", ".join(sources)), ""]
        if p.rationale:
            out += [f"> {md(p.rationale)}", ""]
    if not pilots:
        out += ["No pilot yet.", ""]

    out += ["## Features in existing solutions", ""]
    out += _table(
        ["Feature", "Lands in", "Departments", "Due", "Owner", "Status"],
        [
            (
                f.title,
                f.target_system,
                f.departments,
                f.due,
                f.owner,
                f.status.value + (" (late)" if f.late(today) else ""),
            )
            for f in data.features
        ],
    )

    out += ["## Training", ""]
    out += _table(
        ["Milestone", "Department", "Format", "Due", "Progress", "Trained"],
        [
            (
                t.title,
                t.department,
                t.format.value,
                t.due,
                f"{_bar(t.completion)} {t.completion:.0%}",
                f"{t.trained}/{t.audience}" + (" (late)" if t.late(today) else ""),
            )
            for t in data.trainings
        ],
    )
    if data.champions:
        out += [
            "Champions: " + "; ".join(f"{md(c.department)}: {md(c.name)}" for c in data.champions),
            "",
        ]

    out += _adoption_section(report.adoption)

    # In a code block Markdown is not interpreted; only a backtick fence could end it.
    text = render_text(report.timeline, report.plan.start, today, width=60)
    chart = visible(text, multiline=True).replace("`", "'")
    out += ["## Timeline", "", "```text", chart, "```", ""]
    out += ["Legend: `=` done, `#` under way, `-` planned, `!` late, `|` today.", ""]
    return "\n".join(out)
