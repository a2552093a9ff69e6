"""The record rules of :mod:`planner.domain.rules`, applied to a plan file's raw data and
located at the value's line.

Why here and not in the schema: the rules need more than one field (the plan's start for
a due date, the audience for ``trained``), and they must run on the raw data so that a
file with both a schema problem and a rule problem reports both at once. A value of the
wrong type is left to the schema, which reports it; only well-typed values are judged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.adapters.yamlsafe import YamlDocument
from planner.domain import rules
from planner.errors import InputError

Loc = tuple[str | int, ...]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _items(value: object) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def check_record_rules(doc: YamlDocument) -> list[InputError]:
    """Every rule the CLI applies on add and set, for every record of the file."""
    data = doc.data
    found: list[tuple[Loc, str | None]] = []
    header = data.get("plan")
    start = _date(header.get("start")) if isinstance(header, dict) else None
    if start is not None and not rules.PLAN_STARTS[0] <= start <= rules.PLAN_STARTS[1]:
        start = None  # the schema refuses such a start at its line; no year to check against

    def within_year(loc: Loc, label: str, value: object) -> None:
        day = _date(value)
        if start is not None and day is not None:
            found.append((loc, rules.outside_plan_year(label, day, start)))

    for i, feature in _items(data.get("features")):
        within_year(("features", i, "due"), "due", feature.get("due"))
    for i, milestone in _items(data.get("training")):
        within_year(("training", i, "due"), "due", milestone.get("due"))
        audience = _count(milestone.get("audience"))
        if audience is None:
            continue
        if (trained := _count(milestone.get("trained"))) is not None:
            found.append((("training", i, "trained"), rules.trained_problem(trained, audience)))
        for j, update in _items(milestone.get("updates")):
            if (trained := _count(update.get("trained"))) is not None:
                problem = rules.trained_problem(trained, audience)
                found.append((("training", i, "updates", j, "trained"), problem))
    for i, pilot in _items(data.get("pilots")):
        first, last = _date(pilot.get("start")), _date(pilot.get("end"))
        found.append((("pilots", i, "end"), rules.pilot_order_problem(first, last)))
        within_year(("pilots", i, "start"), "start", pilot.get("start"))
        within_year(("pilots", i, "end"), "end", pilot.get("end"))
        for section, key in (("criteria", "target"), ("measurements", "value")):
            for j, entry in _items(pilot.get(section)):
                kpi, value = entry.get("kpi"), _number(entry.get(key))
                if isinstance(kpi, str) and value is not None:
                    problem = rules.kpi_value_problem(kpi, value)
                    found.append((("pilots", i, section, j, key), problem))
        status = pilot.get("status", "proposed")
        if isinstance(status, str):
            problem = rules.undecidable_problem(status, pilot.get("decision"))
            found.append((("pilots", i, "decision"), problem))
        rationale = pilot.get("rationale", "")
        if isinstance(rationale, str):
            found.append(
                (
                    ("pilots", i, "rationale"),
                    rules.rationale_problem(pilot.get("decision"), rationale),
                )
            )
    return [doc.error(_present(doc, loc), problem) for loc, problem in found if problem]


def _present(doc: YamlDocument, loc: Loc) -> Loc:
    """``loc``, or its record when the field is left out (a rationale never written)."""
    record = doc.data
    for part in loc[:-1]:
        record = record[part]
    return loc if isinstance(record, dict) and loc[-1] in record else loc[:-1]
