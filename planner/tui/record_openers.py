"""The record forms of the tools, inventory, pilots and money tables: what Enter, ``a`` and
the tables' own keys open for each of those kinds.

Why its own module: :mod:`planner.tui.record_forms` is the registry (which kind opens what,
and delete); the openers are the per-area code it points at, each fetching its record by key
through the services, pushing its form and saving the answer under ``undoable`` so that
every change can be undone. Screens call a few of them directly (a pilot's ``n``, ``s`` and
``D``; Discover's add; the inventory's shortlist).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.errors import StaleEditError
from planner.tui.undo import undoable

if TYPE_CHECKING:
    from planner.tui.screens.base import PlanScreen


# -- tools -------------------------------------------------------------------------------------
def edit_tool(screen: PlanScreen, slug: str) -> None:
    from planner.domain.records.inventory import ToolChanges
    from planner.services.tools import get_tool, tool_comments, update_tool
    from planner.tui.screens.conflict import ConflictScreen
    from planner.tui.screens.forms import ToolForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    tool = get_tool(planner.workspace, plan, slug)
    stale: list[StaleEditError] = []

    def save(changes: dict[str, Any], version: int | None) -> None:
        with undoable(app, f"Edited tool {tool.name}", [("tools", slug)]):
            update_tool(
                planner.workspace, planner.catalog, plan, slug, ToolChanges(**changes), version
            )

    def submit(changes: dict[str, Any]) -> None:
        try:
            save(changes, tool.version)
        except StaleEditError as exc:
            stale.append(exc)  # the form closes; the conflict dialog takes over

    def chosen(changes: dict[str, Any], exc: StaleEditError, mine: bool | None) -> None:
        if mine:
            screen.apply(save, changes, exc.theirs_version)

    def done(changes: dict[str, Any] | None) -> None:
        if changes and stale:
            app.push_screen(
                ConflictScreen(f"Tool '{tool.name}'", stale[0]),
                lambda mine: chosen(changes, stale[0], mine),
            )

    comments = tool_comments(planner.workspace, plan, slug)
    form = ToolForm(tool, list(planner.catalog.capabilities), comments)
    app.push_screen(form.submitting(submit), done)


def add_tool(screen: PlanScreen) -> None:
    from planner.domain.records.inventory import ToolChanges
    from planner.services.tools import add_tool as add
    from planner.tui.screens.forms import AddToolForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app

    def submit(fields: dict[str, Any]) -> None:
        fields = dict(fields)
        name = fields.pop("name")
        with undoable(app, f"Added tool {name}", adds=["tools"]):
            add(planner.workspace, planner.catalog, plan, name, ToolChanges(**fields))

    app.push_screen(AddToolForm(planner.catalog).submitting(submit))


# -- inventory ---------------------------------------------------------------------------------
def edit_risk(screen: PlanScreen, key: str | None) -> None:
    from planner.services.inventory import list_risks, save_risk
    from planner.tui.screens.inventory_forms import RiskForm

    ws, plan, app = screen.planner.workspace, screen.plan_name, screen.planner_app
    risk = next((r for r in list_risks(ws, plan) if r.id == key), None) if key else None

    def submit(fields: dict[str, Any]) -> None:
        if risk is None:
            with undoable(app, f"Added risk {fields['title']}", adds=["risks"]):
                save_risk(ws, plan, fields["title"], create=True, **fields)
        else:
            with undoable(app, f"Edited risk {risk.title}", [("risks", risk.id)]):
                save_risk(ws, plan, risk.id, **fields)

    app.push_screen(RiskForm(risk).submitting(submit))


def edit_vendor(screen: PlanScreen, product_id: str) -> None:
    from planner.services.inventory import review_vendor
    from planner.tui.screens.inventory_forms import VendorReviewForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    product = planner.catalog.get(product_id)
    if product is None:
        return
    review = _vendor_review(screen, product_id)

    def submit(fields: dict[str, Any]) -> None:
        with undoable(app, f"Reviewed {product.name}", [("vendors", product_id)]):
            review_vendor(
                planner.workspace,
                planner.catalog,
                plan,
                product_id,
                today=planner.today(),
                **fields,
            )

    app.push_screen(VendorReviewForm(product.name, review).submitting(submit))


def _vendor_review(screen: PlanScreen, product_id: str) -> Any:
    from planner.services.inventory import inventory_report

    planner = screen.planner
    report = inventory_report(planner.workspace, planner.catalog, screen.plan_name, planner.today())
    row = next((v for v in report.vendors if v.product.id == product_id), None)
    return row.review if row else None


def toggle_shortlist(screen: PlanScreen, product_id: str) -> None:
    """Shortlist a vendor or take it off, saying which (the column may be off screen)."""
    from planner.services.inventory import review_vendor

    planner, app = screen.planner, screen.planner_app
    product = planner.catalog.get(product_id)
    if product is None:
        return
    review = _vendor_review(screen, product_id)
    on = not (review and review.shortlisted)
    label = f"{'Shortlisted' if on else 'Took off the shortlist'} {product.name}"

    def change() -> None:
        with undoable(app, label, [("vendors", product_id)]):
            review_vendor(
                planner.workspace,
                planner.catalog,
                screen.plan_name,
                product_id,
                shortlisted=on,
                today=planner.today(),
            )

    screen.apply(change)


def edit_need(screen: PlanScreen, capability: str) -> None:
    from planner.services.inventory import inventory_report, set_need
    from planner.services.undo import NEEDS
    from planner.tui.screens.inventory_forms import NeedForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    report = inventory_report(planner.workspace, planner.catalog, plan, planner.today())

    def submit(fields: dict[str, Any]) -> None:
        with undoable(app, f"Set the need for {capability}", [(NEEDS, capability)]):
            set_need(planner.workspace, planner.catalog, plan, capability, fields["weight"])

    form = NeedForm(capability, report.needs.get(capability, 0))
    app.push_screen(form.submitting(submit))


# -- pilots ------------------------------------------------------------------------------------
def new_pilot(screen: PlanScreen, key: str) -> None:
    """A pilot of the candidate ``key`` ("use-case:product")."""
    from planner.domain.records.pilot import PilotChanges
    from planner.services.pilots import add_pilot, parse_kpis
    from planner.tui.screens.pilot_forms import NewPilotForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    product_id = key.partition(":")[2] or key
    product = planner.catalog.get(product_id)
    name = product.name if product else product_id

    def submit(fields: dict[str, Any]) -> str | None:
        fields = dict(fields)
        kpis = parse_kpis(fields.pop("kpis"))
        with undoable(app, f"Added a pilot of {name}", adds=["pilots"]):
            _, warning = add_pilot(
                planner.workspace,
                planner.catalog,
                plan,
                product_id,
                PilotChanges(**fields),
                kpis=kpis,
            )
        return warning

    form = NewPilotForm(product_id, name).submitting(submit)

    def done(fields: dict[str, Any] | None) -> None:
        if fields and form.result:
            screen.notify(f"Warning: {form.result}", severity="warning", markup=False)

    app.push_screen(form, done)


def pilot_status(screen: PlanScreen, pilot_id: str) -> None:
    from planner.services.pilots import get_pilot, update_pilot
    from planner.tui.screens.pilot_forms import StatusForm

    ws, plan, app = screen.planner.workspace, screen.plan_name, screen.planner_app
    pilot = get_pilot(ws, plan, pilot_id)

    def submit(fields: dict[str, Any]) -> None:
        with undoable(app, f"Moved {pilot.title} to {fields['status']}", [("pilots", pilot_id)]):
            update_pilot(ws, plan, pilot_id, status=fields["status"])

    app.push_screen(StatusForm(pilot).submitting(submit))


def decide_pilot(screen: PlanScreen, pilot_id: str) -> None:
    from planner.services.pilots import decide, get_pilot
    from planner.tui.screens.pilot_forms import DecideForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    pilot = get_pilot(planner.workspace, plan, pilot_id)

    def submit(fields: dict[str, Any]) -> None:
        # A decision may propose features (adopt): those are undone with it.
        with undoable(app, f"Decided on {pilot.title}", [("pilots", pilot_id)], ["features"]):
            decide(
                planner.workspace,
                plan,
                pilot_id,
                fields["decision"],
                fields["rationale"],
                planner.today(),
                fields["new_end"],
                planner.catalog,
            )

    app.push_screen(DecideForm(pilot).submitting(submit))


# -- money -----------------------------------------------------------------------------------
def _contract_form(screen: PlanScreen, contract: Any) -> None:
    from planner.services.contracts import save_contract_text
    from planner.tui.screens.money_forms import ContractForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app

    def submit(fields: dict[str, Any]) -> None:
        values = dict(fields)
        product = str(values.pop("product", "")).strip()
        if contract is None:
            label, keys, adds = f"Added a contract for {product}", [], ["contracts"]
        else:
            label, keys, adds = f"Edited contract {contract.id}", [("contracts", contract.id)], []
        with undoable(app, label, keys, adds):
            save_contract_text(planner.workspace, planner.catalog, plan,
                               contract.id if contract else None, product, values)  # fmt: skip

    app.push_screen(ContractForm(contract).submitting(submit))


def add_contract(screen: PlanScreen) -> None:
    _contract_form(screen, None)


def edit_contract(screen: PlanScreen, contract_id: str) -> None:
    from planner.services.contracts import list_contracts

    contracts = list_contracts(screen.planner.workspace, screen.plan_name)
    found = next((c for c in contracts if c.id == contract_id), None)
    if found is not None:
        _contract_form(screen, found)


def toggle_exit_step(screen: PlanScreen, step_id: str) -> None:
    """Enter on an exit step: done, or planned again if it was done."""
    from planner.domain.exits import StepStatus
    from planner.services.exits import list_exit_steps, mark_step

    ws, plan = screen.planner.workspace, screen.plan_name
    step = next((s for s in list_exit_steps(ws, plan) if s.id == step_id), None)
    if step is None:
        return
    done = step.status is not StepStatus.DONE
    label = f"Marked {step.title} {'done' if done else 'planned'}"
    with undoable(screen.planner_app, label, [("exits", step_id)]):
        mark_step(ws, plan, step_id, done)


def plan_exit(screen: PlanScreen) -> None:
    """``a`` on the exit steps: plan a tool's exit (``planner retire``), the form filled
    from the plan's first proposal for an ended product; the steps it rewrites and the
    contracts it decides come back with ctrl+z."""
    from planner.services.contracts import list_contracts
    from planner.services.exits import list_exit_steps, retire_tool, retirement_proposals
    from planner.services.tools import list_tools
    from planner.tui.screens.retire_form import RetireForm

    planner, plan, app = screen.planner, screen.plan_name, screen.planner_app
    ws, today = planner.workspace, planner.today()
    proposals = retirement_proposals(ws, planner.catalog, plan, today)
    tools = [t.slug for t in list_tools(ws, plan)]
    products = sorted(p.id for p in planner.catalog)

    def submit(values: dict[str, Any]) -> None:
        kept = [("exits", s.id) for s in list_exit_steps(ws, plan)]
        kept += [("contracts", c.id) for c in list_contracts(ws, plan)]
        with undoable(app, f"Planned the exit of {values['tool']}", kept, adds=["exits"]):
            retire_tool(ws, planner.catalog, plan, values["tool"], values["by"], today,
                        values["target"], values["owner"])  # fmt: skip

    form = RetireForm(tools, products, proposals[0] if proposals else None)
    app.push_screen(form.submitting(submit))
