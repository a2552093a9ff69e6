"""The demo's measured adoption, apart from the demo year so both can change.

After the demo's pilots and rollout: two weekly Viva Engage activity reports of the adopted
product, written in the documented layout (BOM, CRLF, quoted display names) for the demo
directory's people and attached through the same service as ``planner rollout activity``;
and readiness assessments (ADKAR) of three departments, one of them with a barrier.
Nothing here depends on which product the demo adopts or on its dates beyond "today".
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from planner.adapters.store.db import Workspace
from planner.domain.plan import Plan

# Share of each department weekly active, a week ago and now: R&D adopts, Sales is trained
# but hardly active, the rest has not started.
SHARES = {
    "R&D": (0.45, 0.6),
    "Sales": (0.2, 0.15),
    "IT": (0.6, 0.7),
    "Customer Service": (0.05, 0.1),
}
READINESS = [  # department, A, D, K, A, R, note
    ("R&D", (5, 4, 4, 4, 4), "pilot users, experts answer questions"),
    ("Sales", (4, 2, 3, 3, 2), "survey of 12 account managers: 'one more tool'"),
    ("Operations", (2, 2, 1, 1, 1), "plant shift leads not reached yet"),
]
HEADER = (
    "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,"
    "Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period"
)


def _report(path: Path, directory: Path, as_of: dt.date, moment: int) -> None:
    people: dict[str, list[str]] = {}
    with directory.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            people.setdefault(row["department"], []).append(row["login"])
    lines = [HEADER]
    for department, logins in sorted(people.items()):
        share = SHARES.get(department, (0.0, 0.0))[moment]
        for i, login in enumerate(logins):
            active = i < round(share * len(logins))
            last = (as_of - dt.timedelta(days=i % 5)).isoformat() if active else ""
            first, _, family = login.partition(".")
            name = f'"{family.capitalize()}, {first.upper()}."'
            posts, reads = (i % 4, 3 + i % 9) if active else (0, 0)
            lines.append(
                f"{as_of.isoformat()},{login}@hexaline.example,{name},Active,,{last},"
                f'{posts},{reads},{i % 3 if active else 0},"Viva Engage, Office 365 E3",7'
            )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def add_adoption(ws: Workspace, key: bytes, plan: Plan, today: dt.date, directory: Path) -> None:
    from planner.services.activity import product_activity
    from planner.services.adoption import assess
    from planner.services.pilots import list_pilots

    adopted = sorted({p.product for p in list_pilots(ws, plan.name) if p.decision == "adopt"})
    if adopted:
        with tempfile.TemporaryDirectory() as tmp:
            for moment, days in enumerate((8, 1)):
                as_of = today - dt.timedelta(days=days)
                path = Path(tmp) / f"VivaEngageActivityUserDetail-{as_of:%Y%m%d}.csv"
                _report(path, directory, as_of, moment)
                product_activity(ws, key, plan.name, adopted[0], path, directory=directory)
    for department, (a, d, k, ab, r), note in READINESS:
        scores = {"awareness": a, "desire": d, "knowledge": k, "ability": ab, "reinforcement": r}
        assess(ws, plan.name, department, scores, today - dt.timedelta(days=3), note)
