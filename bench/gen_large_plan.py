"""Generate a large, valid plan file: many tools, pilots and training milestones.

    python bench/gen_large_plan.py OUT.yaml [--tools 10000 --pilots 500 --training 5000]
                                   [--contracts 0 --exits 0]

``--contracts N``: licence contracts for N of the products and tools in use (a large
organisation has a few hundred); ``--exits N``: exit plans of N banned tools, six dated
steps each, as ``planner exit plan`` makes them. Without them the plan has neither (the
plans measured before they existed). Deterministic (fixed seed). Products, capabilities,
purposes and KPIs come from the shipped catalog and vocabularies, so the file imports
cleanly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

from planner.adapters.catalog_files import load_catalog
from planner.adapters.yamlsafe import dump_yaml
from planner.domain.exits import exit_plan
from planner.domain.pilots import KPIS
from planner.domain.plan import PURPOSES
from planner.domain.risks import SEED_RISKS
from planner.domain.rollout import TARGET_SYSTEMS, TrainingFormat

DEPARTMENTS = [
    "R&D",
    "Sales",
    "Marketing",
    "Customer Service",
    "HR",
    "IT",
    "Finance",
    "Operations",
    "Legal",
    "Purchasing",
    "Logistics",
    "Quality",
]


def large_plan(
    tools: int, pilots: int, training: int, seed: int = 1, contracts: int = 0, exits: int = 0
) -> dict[str, Any]:
    rng = random.Random(seed)
    catalog = load_catalog()
    products = [p.id for p in catalog if p.strategy.status.value != "retired"]
    caps = list(catalog.capabilities)
    start = dt.date(2027, 1, 4)

    def day(lo: int, hi: int) -> dt.date:
        return start + dt.timedelta(days=rng.randint(lo, hi))

    doc: dict[str, Any] = {
        "schema": "planner.plan/1",
        "plan": {
            "name": "large",
            "organisation": "Large Corp",
            "owner": "CIO",
            "start": start,
            "eu_residency_required": True,
        },
        "tools": [],
        "needs": {
            "capabilities": {c: rng.randint(1, 5) for c in rng.sample(caps, 8)},
            "criteria": {
                "capability_fit": 0.3,
                "security": 0.2,
                "integration": 0.15,
                "cost": 0.1,
                "viability": 0.15,
                "adoption": 0.1,
            },
        },
        "pilots": [],
        "features": [],
        "training": [],
        "champions": [],
        "vendors": [],
        "risks": [],
    }
    for i in range(tools):
        mapped = rng.random() < 0.3
        doc["tools"].append(
            {
                "id": f"tool-{i:05d}",
                "name": f"Tool {i} «équipe»",
                "product": rng.choice(products) if mapped else None,
                "category": rng.choice(["internal", "external", "public"]),
                "status": rng.choice(["official", "tolerated", "unofficial", "banned"]),
                "classified": rng.random() < 0.5,
                "purposes": sorted(rng.sample(list(PURPOSES), 2)),
                "departments": sorted(rng.sample(DEPARTMENTS, 2)),
                "capabilities": [] if mapped else sorted(rng.sample(caps, 3)),
                "users": rng.randint(0, 5000),
                "sources": ["survey"],
                "first_seen": day(-60, -30),
                "last_seen": day(-29, 0),
                "owner": None,
                "notes": "",
            }
        )
    for i in range(pilots):
        kpis = rng.sample(list(KPIS), 2)
        begin = day(30, 60)
        doc["pilots"].append(
            {
                "id": f"pilot-{i:04d}",
                "product": rng.choice(products),
                "title": f"Pilot {i}",
                "departments": [rng.choice(DEPARTMENTS)],
                "users": rng.randint(10, 200),
                "sponsor": "VP",
                "start": begin,
                "end": begin + dt.timedelta(days=40),
                "criteria": [{"kpi": k, "target": 50.0, "actual": None} for k in kpis],
                "measurements": [
                    {
                        "kpi": kpis[0],
                        "on": begin + dt.timedelta(days=7),
                        "value": float(rng.randint(0, 100)),
                    }
                ],
                "status": "running",
                "decision": None,
                "rationale": "",
                "decided_on": None,
            }
        )
    for i in range(training):
        audience = rng.randint(10, 300)
        doc["training"].append(
            {
                "id": f"training-{i:05d}",
                "title": f"Training {i}",
                "department": rng.choice(DEPARTMENTS),
                "audience": audience,
                "trained": 0,
                "format": rng.choice([f.value for f in TrainingFormat]),
                "due": day(100, 360),
                "owner": None,
                "updates": [{"on": day(90, 99), "trained": rng.randint(0, audience)}],
            }
        )
    for i in range(max(1, pilots // 5)):
        doc["features"].append(
            {
                "id": f"feature-{i:04d}",
                "title": f"Feature {i}",
                "product": rng.choice(products),
                "target_system": rng.choice(TARGET_SYSTEMS),
                "departments": [],
                "due": day(100, 360),
                "owner": None,
                "status": "planned",
                "pilot": None,
            }
        )
    doc["risks"] = [
        {
            "id": r.id,
            "title": r.title,
            "likelihood": r.likelihood.value,
            "impact": r.impact.value,
            "mitigation": r.mitigation,
            "owner": r.owner,
            "status": r.status.value,
            "evidence": r.evidence,
        }
        for r in SEED_RISKS
    ]
    for t in doc["training"]:
        t["trained"] = max(u["trained"] for u in t["updates"])
    _money(doc, rng, start, contracts, exits)
    return doc


def _money(doc: dict[str, Any], rng: random.Random, start: dt.date, contracts: int,
           exits: int) -> None:  # fmt: skip
    """Licence contracts of the products and tools in use, and the exit plans of some
    banned tools (their steps as ``planner exit plan`` makes them)."""
    doc["contracts"], doc["exits"] = [], []
    in_use = sorted({t["product"] for t in doc["tools"] if t["product"]})
    in_use += [t["id"] for t in doc["tools"] if t["status"] == "official"]
    for i, product in enumerate(in_use[:contracts]):
        begin = start - dt.timedelta(days=rng.randint(0, 700))
        doc["contracts"].append(
            {
                "id": f"contract-{i:04d}",
                "product": product,
                "seats": rng.randint(10, 5000),
                "annual_cost": f"{rng.randint(1, 900) * 100}.00",
                "currency": rng.choice(["EUR", "EUR", "EUR", "USD", "GBP"]),
                "tier": None,
                "start": begin,
                "end": begin + dt.timedelta(days=365 * rng.randint(1, 3)),
                "notice_days": rng.choice([30, 60, 90]),
                "auto_renew": rng.random() < 0.5,
                "owner": "Purchasing",
                "reference": f"PO-{i:05d}",
                "decision": None,
            }
        )
    banned = [t for t in doc["tools"] if t["status"] == "banned"][:exits]
    for tool in banned:
        by = start + dt.timedelta(days=rng.randint(120, 360))
        for step in exit_plan(tool["id"], tool["name"], by, start, owner="IT"):
            doc["exits"].append(
                {
                    "id": step.id,
                    "tool": step.tool,
                    "step": step.step.value,
                    "title": step.title,
                    "due": step.due,
                    "owner": step.owner,
                    "target": step.target,
                    "status": rng.choice(["planned", "planned", "done"]),
                }
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--tools", type=int, default=10_000)
    parser.add_argument("--pilots", type=int, default=500)
    parser.add_argument("--training", type=int, default=5_000)
    parser.add_argument("--contracts", type=int, default=0)
    parser.add_argument("--exits", type=int, default=0)
    args = parser.parse_args()
    doc = large_plan(
        args.tools, args.pilots, args.training, contracts=args.contracts, exits=args.exits
    )
    text = dump_yaml(doc)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
