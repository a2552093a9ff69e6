"""Generate a large, valid plan file: many tools, pilots and training milestones.

    python bench/gen_large_plan.py OUT.yaml [--tools 10000 --pilots 500 --training 5000]

Deterministic (fixed seed). Products, capabilities, purposes and KPIs come from the shipped
catalog and vocabularies, so the file imports cleanly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any

from planner.adapters.catalog_files import load_catalog
from planner.adapters.yamlsafe import dump_yaml
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


def large_plan(tools: int, pilots: int, training: int, seed: int = 1) -> dict[str, Any]:
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
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--tools", type=int, default=10_000)
    parser.add_argument("--pilots", type=int, default=500)
    parser.add_argument("--training", type=int, default=5_000)
    args = parser.parse_args()
    text = dump_yaml(large_plan(args.tools, args.pilots, args.training))
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
