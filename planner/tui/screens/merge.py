"""Screen 6's merge view: an import that meets conflicts lists each one (where it is in the
file, both values) and the user keeps the workspace's value (m, mine) or takes the file's
(t, theirs) per conflict; a applies once every conflict is settled, Esc cancels (nothing is
written)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Static

from planner.domain.plan_diff import show
from planner.domain.plan_merge import RECORD
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.plan_import import ConflictAt

Key = tuple[str, str, str]
SIDES = {"ours": Text("mine", style="bold cyan"), "theirs": Text("theirs", style="bold magenta")}


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(1, width - 1)] + "…"


class MergeScreen(Screen[dict[Key, str] | None]):
    """Dismisses with ``{(section, id, field): "ours" | "theirs"}``, or None to cancel."""

    DEFAULT_CSS = """
    MergeScreen #merge-table { height: 1fr; }
    MergeScreen #merge-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary;
    }
    MergeScreen #merge-intro, MergeScreen #merge-status { padding: 0 1; height: auto; }
    MergeScreen #merge-buttons { height: auto; padding: 0 1; }
    MergeScreen #merge-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('ours')", "Mine"),
        Binding("t", "choose('theirs')", "Theirs"),
        Binding("a", "apply", "Apply"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, path: Path | str, conflicts: list[ConflictAt]) -> None:
        super().__init__()
        self.path, self.conflicts = str(path), conflicts
        self.choices: dict[Key, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(
            Text(
                f"Merge {visible(self.path)}: {counted(len(self.conflicts), 'conflict')} — "
                "changed in "
                "the workspace and in the file since the export.",
                style="bold",
            ),
            id="merge-intro",
        )
        yield Static(
            "m keeps mine (the workspace's value), t takes theirs (the file's); "
            "a applies once each is settled; Esc cancels and writes nothing.",
            id="merge-status",
            markup=False,
        )
        table: DataTable[Text] = DataTable(id="merge-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="merge-detail", markup=False)
        with Horizontal(id="merge-buttons"):
            yield Button("Apply", variant="warning", id="apply", compact=True)
            yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#merge-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        width = max(self.size.width, 60)
        ident = min(16, max([len(visible(c.id)) for c in self.conflicts] + [2]))
        name = min(14, max([len(visible(c.field)) for c in self.conflicts] + [5]))
        value = max(8, (width - 6 - 9 - ident - name - 14 - 2) // 2)
        table.add_column("Take", width=6)
        table.add_column("Section", width=9)
        table.add_column("Id", width=ident)
        table.add_column("Field", width=name)
        table.add_column("Mine (workspace)", width=value)
        table.add_column("Theirs (file)", width=value)
        for c in self.conflicts:
            table.add_row(
                SIDES.get(self.choices.get(c.key, ""), Text("?", style="bold red")),
                Text(_cut(visible(c.section), 9)),
                Text(_cut(visible(c.id), ident)),
                Text(_cut(visible("whole record" if c.field == RECORD else c.field), name)),
                Text(_cut(visible(show(c.ours)), value)),
                Text(_cut(visible(show(c.theirs)), value)),
                key="|".join(c.key),
            )
        if self.conflicts:
            table.move_cursor(row=min(max(row, 0), len(self.conflicts) - 1))
        self._detail()

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        table = self.query_one("#merge-table", DataTable)
        if not self.conflicts:
            return
        c = self.conflicts[min(max(table.cursor_row, 0), len(self.conflicts) - 1)]
        what = "the whole record" if c.field == RECORD else c.field
        text = Text()
        text.append(f"{visible(c.file)}:{c.line}: ", style="dim")
        text.append(f"{visible(c.section)} {visible(c.id)} {visible(what)}\n", style="bold")
        text.append("mine:   ", style="cyan")
        text.append(visible(show(c.ours)) or "(empty)")
        text.append("\ntheirs: ", style="magenta")
        text.append(visible(show(c.theirs)) or "(empty)")
        left = sum(1 for x in self.conflicts if x.key not in self.choices)
        text.append(f"\n{left} left to settle" if left else "\nall settled: a applies")
        self.query_one("#merge-detail", Static).update(text)

    def action_choose(self, side: str) -> None:
        table = self.query_one("#merge-table", DataTable)
        if not self.conflicts:
            return
        row = min(max(table.cursor_row, 0), len(self.conflicts) - 1)
        self.choices[self.conflicts[row].key] = side
        table.update_cell_at(Coordinate(row, 0), SIDES[side])
        if row + 1 < len(self.conflicts):
            table.move_cursor(row=row + 1)
        self._detail()

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        left = [c for c in self.conflicts if c.key not in self.choices]
        if left:
            self.notify(
                f"{counted(len(left), 'conflict')} not settled yet: m (mine) or t (theirs) on each",
                severity="warning",
            )
            return
        self.dismiss(dict(self.choices))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
