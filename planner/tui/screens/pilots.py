"""Screen 4, Pilots: ranked candidates on the left, pilots on the right, and the selected
one explained below (a candidate's score per criterion with, in sentences, why its use
case's leader leads, what would change it and what was excluded; a pilot's KPIs against
target)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from planner.domain.pilots import Pilot
from planner.domain.scoring import Candidate
from planner.domain.text import visible
from planner.services.pilots import list_pilots
from planner.services.ranking import Ranking, UseCaseRanking, rank_candidates
from planner.tui.record_forms import OPENERS
from planner.tui.screens.base import PlanScreen
from planner.tui.widgets.cells import cell
from planner.tui.widgets.pilot_kpis import kpi_table
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col


class PilotsScreen(PlanScreen):
    # The keys live on the tables: n on a candidate, m/c/s on a pilot (see compose).
    BINDINGS: ClassVar[list[BindingType]] = []
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("New pilot of the highlighted candidate", "n on Candidates", "new_pilot"),
        ("Measure a pilot's KPI", "m on Pilots", "measure"),
        ("Decide on a pilot: adopt, extend or reject", "c on Pilots", "decide"),
        ("Move a pilot to its next status", "s on Pilots", "status"),
        ("Set a pilot's success criteria (KPI targets)", "k on Pilots", "kpis"),
        ("Attach an activity report to a pilot", "v on Pilots", "activity"),
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
            "highlighted one · on a pilot: m measure · c decide · s status · d delete",
            classes="intro",
            markup=False,
        )
        with Horizontal(id="pilots-panes"):
            with Vertical(id="candidates-pane"):
                yield Static("Candidates", classes="section-title")
                yield RecordTable(
                    "candidate",
                    id="candidates",
                    bindings=[
                        Binding(
                            "n,a",
                            "screen.new_pilot",
                            "New pilot",
                            key_display="n",
                            tooltip="New pilot of the highlighted candidate",
                        )
                    ],
                )
            with Vertical(id="pilots-pane"):
                yield Static("Pilots", classes="section-title")
                yield RecordTable(
                    "pilot",
                    id="pilots",
                    bindings=[
                        Binding("m", "screen.measure", "Measure", tooltip="Measure a KPI"),
                        Binding(
                            "c",
                            "screen.decide",
                            "Decide",
                            tooltip="Decide on the pilot: adopt, extend or reject",
                        ),
                        Binding("s", "screen.status", "Status", tooltip="Move to its next status"),
                        Binding("k", "screen.kpis", "KPIs", tooltip="Set its KPI targets"),
                        Binding(
                            "v",
                            "screen.activity",
                            "Activity",
                            show=False,
                            tooltip="Attach an activity report to the pilot",
                        ),
                    ],
                )
        yield Static("", id="pilot-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        # The score right after the rank, and long names capped with an ellipsis, so that
        # the numbers are whole in a half-width pane at 80 columns.
        self.query_one("#candidates", RecordTable).set_columns(
            ["#", "Score", Col("Product", 24, minimum=10), "Note"]
        )
        self.query_one("#pilots", RecordTable).set_columns(
            [Col("Pilot", 24, minimum=10), "Status", "KPIs met", "End", "Decision"]
        )
        self.query_one("#candidates", RecordTable).focus()

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Ranking a large plan's candidates…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The ranking and the pilots (off the UI thread on a large plan)."""
        planner = self.planner
        ranking = rank_candidates(planner.workspace, planner.catalog, plan, planner.today())
        show(self._show, ranking, list_pilots(planner.workspace, plan))

    def _show(self, ranking: Ranking, pilots: list[Pilot]) -> None:
        self.ranking, self.pilots = ranking, pilots
        rows = []
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
            rows.append((f"{lst.use_case.id}:{c.product}", [
                Text(f"{prefix}{ranks[lst.use_case.id]}" if c.eligible else f"{prefix}-"),
                Text(f"{c.score:.2f}" if c.eligible else "", justify="right"),
                cell(c.name, style),
                cell(c.reason or c.caveat, "dim"),
            ]))  # fmt: skip
        self.query_one("#candidates", RecordTable).set_rows(rows)
        pilot_rows = []
        for p in self.pilots:
            met = sum(1 for *_, ok in p.kpi_status() if ok)
            pilot_rows.append((p.id, [
                cell(p.title),
                cell(p.status.value),
                Text(f"{met}/{len(p.criteria)}"),
                cell(p.end.isoformat() if p.end else None),
                cell(p.decision.value if p.decision else None),
            ]))  # fmt: skip
        self.query_one("#pilots", RecordTable).set_rows(pilot_rows)
        self._show_detail()

    # detail ------------------------------------------------------------------------------------
    def _candidate(self) -> Candidate | None:
        row = self._row()
        return row[1] if row else None

    def _row(self) -> tuple[UseCaseRanking, Candidate] | None:
        key = self.query_one("#candidates", RecordTable).current_key
        return next((r for r in self.rows if f"{r[0].use_case.id}:{r[1].product}" == key), None)

    def _pilot(self) -> Pilot | None:
        key = self.query_one("#pilots", RecordTable).current_key
        return next((p for p in self.pilots if p.id == key), None)

    @on(RecordTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#pilot-detail", Static)
        focused = self.app.focused
        if focused is self.query_one("#pilots", RecordTable) and (pilot := self._pilot()):
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
        from planner.tui.record_openers import new_pilot

        key = self.query_one("#candidates", RecordTable).current_key
        if key is not None:
            self.apply(new_pilot, self, key)

    def _on_pilot(self, opener: Any) -> None:
        pilot = self._pilot()
        if pilot is not None:
            self.apply(opener, self, pilot.id)

    def action_measure(self) -> None:
        """A closed pilot (or one with no KPI) is refused here, before the form opens."""
        OPENERS["measurement"](self, self.plan_name, self._pilot(), self.reload)

    def action_kpis(self) -> None:
        OPENERS["kpi"](self, self.plan_name, self._pilot(), self.reload)

    def action_activity(self) -> None:
        pilot = self._pilot()
        target = f"pilot:{pilot.id}" if pilot else None
        OPENERS["activity"](self, self.plan_name, target, self.reload)

    def action_decide(self) -> None:
        from planner.tui.record_openers import decide_pilot

        self._on_pilot(decide_pilot)

    def action_status(self) -> None:
        from planner.tui.record_openers import pilot_status

        self._on_pilot(pilot_status)


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
