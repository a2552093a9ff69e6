"""Which tool a contract pays for, found by look-up: the first tool with the contract's
product, with what a renamed product lives on as, or with the contract's tool slug; in a
priced overlap, every tool of the product counts the contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from planner.adapters.catalog_files import load_catalog
from planner.domain.contracts import Contract
from planner.domain.costs import costs
from planner.domain.inventory import Overlap
from planner.domain.plan import Tool

TODAY = dt.date(2027, 1, 4)


def _contract(ident: str, product: str, amount: str) -> Contract:
    return Contract(
        ident, product, Decimal(amount), "EUR", dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    )


def test_contracts_pay_for_the_first_tool_of_their_product_or_slug() -> None:
    catalog = load_catalog()
    tools = [
        Tool("other", "Other", None, survey_users=5),
        Tool("firstup-a", "Firstup A", "firstup", survey_users=10),
        Tool("firstup-b", "Firstup B", "firstup", survey_users=20),
        Tool("homegrown", "Homegrown", None, survey_users=3),
    ]
    contracts = [
        # Dynamic Signal was renamed Firstup: its contract pays for the Firstup in use
        _contract("c1", "dynamic-signal", "100.00"),
        _contract("c2", "homegrown", "40.00"),  # one of the plan's own tools
        _contract("c3", "jive", "7.00"),  # a product nobody uses
    ]
    overlap = Overlap("chat", "whole company", (("Firstup B", 20), ("Firstup A", 10),
                      ("Other", 5)), "Firstup B", "most users")  # fmt: skip
    found = costs(contracts, tools, catalog, [overlap], TODAY)
    assert [(r.key, r.name, r.spend, r.contracts) for r in found.tools] == [
        ("firstup-a", "Firstup A", {"EUR": Decimal("100.00")}, ("c1",)),
        ("homegrown", "Homegrown", {"EUR": Decimal("40.00")}, ("c2",)),
        ("jive", "Jive", {"EUR": Decimal("7.00")}, ("c3",)),
    ]
    [priced] = found.overlaps
    assert priced.spend == {
        "Firstup B": {"EUR": Decimal("100.00")},
        "Firstup A": {"EUR": Decimal("100.00")},
        "Other": {},
    }
    assert [(s.contract, s.tool) for s in priced.savings] == [("c1", "Firstup A")]
    assert found.unpriced == ["Other"]
