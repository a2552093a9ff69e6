"""Screen 4, Pilots: ranked candidates on the left, pilots on the right, and the selected
one explained below (a candidate's score per criterion with, in sentences, why its use
case's leader leads, what would change it and what was excluded; a pilot's KPIs against
target)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from planner.domain.pilots import Pilot
from planner.domain.records.pilot import PilotChanges
from planner.domain.scoring import Candidate
from planner.domain.text import visible
from planner.services.pilots import (
    Ranking,
    UseCaseRanking,
    add_pilot,
    decide,
    list_pilots,
    parse_kpis,
    rank_candidates,
    update_pilot,
)
from planner.tui.record_forms import FORMS
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.pilot_forms import DecideForm, NewPilotForm, StatusForm
from planner.tui.widgets.cells import cell
from planner.tui.widgets.pilot_kpis import kpi_table


class PilotsScreen(PlanScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_pilot", "New pilot", tooltip="New pilot of the highlighted candidate"),
        Binding("m", "measure", "Measure", tooltip="Measure a pilot's KPI"),
        Binding("d", "decide", "Decide", tooltip="Decide on a pilot: adopt, extend or reject"),
        Binding("s", "status", "Status", tooltip="Move a pilot to its next status"),
        Binding("k", "kpis", "KPIs", tooltip="Set a pilot's success criteria (KPI targets)"),
        Binding(
            "v", "activity", "Activity", show=False, tooltip="Attach an activity report to a pilot"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ranking: Ranking | None = None
        self.rows: list[tuple[UseCaseRanking, Candidate]] = []  # the candidates table's rows
        self.pilots: list[Pilot] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Phase 2c — Pilots: candidates ranked on your needs; n pilots the "
            "highlighted one · m measure · d decide · s status",
            classes="intro",
            markup=False,
        )
        with Horizontal(id="pilots-panes"):
            with Vertical(id="candidates-pane"):
                yield Static("Candidates", classes="section-title")
                yield DataTable(id="candidates", cursor_type="row", zebra_stripes=True)
            with Vertical(id="pilots-pane"):
                yield Static("Pilots", classes="section-title")
                yield DataTable(id="pilots", cursor_type="row", zebra_stripes=True)
        yield Static("", id="pilot-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        # The score right after the rank, and long names capped with an ellipsis, so that
        # the numbers are whole in a half-width pane at 80 columns.
        candidates = self.query_one("#candidates", DataTable)
        for column, width in (("#", None), ("Score", None), ("Product", 24), ("Note", None)):
            candidates.add_column(column, width=width)
        pilots = self.query_one("#pilots", DataTable)
        for column, width in (
            ("Pilot", 24),
            ("Status", None),
            ("KPIs met", None),
            ("End", None),
            ("Decision", None),
        ):
            pilots.add_column(column, width=width)
        self.query_one("#candidates", DataTable).focus()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        planner = self.planner
        self.ranking = rank_candidates(
            planner.workspace, planner.catalog, self.plan_name, planner.today()
        )
        self.pilots = list_pilots(planner.workspace, self.plan_name)
        table = self.query_one("#candidates", DataTable)
        table.clear()
        # One list per use case of the plan (internal, external and public products are
        # never ranked together); excluded products last in each, with their reason.
        several = len(self.ranking.lists) > 1
        self.rows = [(lst, c) for lst in self.ranking.lists for c in lst.candidates]
        ranks: dict[str, int] = {}
        for lst, c in self.rows:
            ranks[lst.use_case.id] = ranks.get(lst.use_case.id, 0) + 1
            # Initials ("IN 1", "CC 1"): the full label is in the detail below, and the
            # product names keep their width in a half-width pane at 80 columns.
            initials = "".join(word[0] for word in lst.use_case.label.split()).upper()
            prefix = f"{initials} " if several else ""
            style = "dim" if not c.eligible or c.reason else ""
            table.add_row(
                Text(f"{prefix}{ranks[lst.use_case.id]}" if c.eligible else f"{prefix}-"),
                Text(f"{c.score:.2f}" if c.eligible else "", justify="right"),
                cell(c.name, style),
                cell(c.reason or c.caveat, "dim"),
                key=f"{lst.use_case.id}:{c.product}",
            )
        pilots = self.query_one("#pilots", DataTable)
        pilots.clear()
        for p in self.pilots:
            met = sum(1 for *_, ok in p.kpi_status() if ok)
            pilots.add_row(
                cell(p.title),
                cell(p.status.value),
                Text(f"{met}/{len(p.criteria)}"),
                cell(p.end.isoformat() if p.end else None),
                cell(p.decision.value if p.decision else None),
                key=p.id,
            )
        self._show_detail()

    # detail ------------------------------------------------------------------------------------
    def _candidate(self) -> Candidate | None:
        row = self._row()
        return row[1] if row else None

    def _row(self) -> tuple[UseCaseRanking, Candidate] | None:
        table = self.query_one("#candidates", DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _pilot(self) -> Pilot | None:
        table = self.query_one("#pilots", DataTable)
        return self.pilots[min(table.cursor_row, len(self.pilots) - 1)] if self.pilots else None

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#pilot-detail", Static)
        focused = self.app.focused
        if focused is self.query_one("#pilots", DataTable) and (pilot := self._pilot()):
            table = kpi_table(pilot)
            if pilot.rationale:
                table.caption = Text(visible(f"{pilot.decision}: {pilot.rationale}"))
            detail.update(table)
            return
        row = self._row()
        if row is None or self.ranking is None:
            detail.update("")
            return
        lst, candidate = row
        table = Table(
            title=Text(
                f"{visible(candidate.name)} ({lst.use_case.label}): score {candidate.score:.3f}"
                + (f" — {visible(candidate.reason)}" if candidate.reason else "")
            ),
            title_justify="left",
            expand=True,
        )
        for column in ("criterion", "weight", "sub-score", "contribution"):
            table.add_column(column)
        for criterion, sub in candidate.breakdown.items():
            table.add_row(
                criterion.value,
                f"{self.ranking.weights[criterion]:.2f}",
                f"unknown ({sub:.2f} counted)" if criterion in candidate.unknown else f"{sub:.2f}",
                f"{candidate.contributions[criterion]:.3f}",
            )
        detail.update(Group(table, Text(visible(_why(lst, candidate)), style="italic")))

    def on_descendant_focus(self) -> None:
        self._show_detail()

    # actions ------------------------------------------------------------------------------------
    def action_new_pilot(self) -> None:
        candidate = self._candidate()
        if candidate is None:
            return
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> str | None:
            fields = dict(fields)
            kpis = parse_kpis(fields.pop("kpis"))
            _, warning = add_pilot(
                planner.workspace,
                planner.catalog,
                plan,
                candidate.product,
                PilotChanges(**fields),
                kpis=kpis,
            )
            return warning

        form = NewPilotForm(candidate.product, candidate.name).submitting(submit)

        def done(fields: dict[str, Any] | None) -> None:
            if fields and form.result:
                self.notify(f"Warning: {form.result}", severity="warning", markup=False)

        self.app.push_screen(form, done)

    def action_measure(self) -> None:
        """A closed pilot (or one with no KPI) is refused here, before the form opens."""
        FORMS["measurement"](self, self.plan_name, self._pilot(), self.reload)

    def action_kpis(self) -> None:
        FORMS["kpi"](self, self.plan_name, self._pilot(), self.reload)

    def action_activity(self) -> None:
        pilot = self._pilot()
        FORMS["activity"](self, self.plan_name, f"pilot:{pilot.id}" if pilot else None, self.reload)

    def action_decide(self) -> None:
        pilot = self._pilot()
        if pilot is None:
            return
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            decide(
                planner.workspace,
                plan,
                pilot.id,
                fields["decision"],
                fields["rationale"],
                planner.today(),
                fields["new_end"],
                planner.catalog,
            )

        self.app.push_screen(DecideForm(pilot).submitting(submit))

    def action_status(self) -> None:
        pilot = self._pilot()
        if pilot is None:
            return
        workspace, plan = self.planner.workspace, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            update_pilot(workspace, plan, pilot.id, status=fields["status"])

        self.app.push_screen(StatusForm(pilot).submitting(submit))


def _why(lst: UseCaseRanking, candidate: Candidate) -> str:
    """The list's explanation in sentences (leader, sensitivity), the highlighted product's
    own facts, and what was excluded, in one short paragraph."""
    main = [s for s in lst.explanation if not s.startswith("Excluded: ")][:3]
    facts = [f for f in (candidate.caveat, *candidate.facts) if f]
    if facts and candidate.product != next(iter(lst.candidates)).product:
        main.append(f"{candidate.name}: " + "; ".join(facts) + ".")
    out = [c.name for c in lst.candidates if not c.eligible]
    if out:
        main.append(f"Excluded ({len(out)}): {', '.join(out)} — highlight one for its reason.")
    return " ".join(main)
