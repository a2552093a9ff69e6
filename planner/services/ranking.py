"""Phase 2c: the catalog's candidates ranked per use case on the plan's needs and weights.

Apart from :mod:`planner.services.pilots` because ranking only reads the plan (its needs,
tools, reviews, weights and the organisation's profile) and scores the catalog, while the
pilots module records needs, weights and pilots; the reports, plan file, inventory and TUI
need the ranking without the pilot lifecycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.adapters.store.rows import plan_from_record
from planner.domain import scoring
from planner.domain.catalog import Catalog
from planner.domain.explain import explain
from planner.domain.sensitivity import Swap, sensitivity
from planner.domain.use_cases import DEFAULT_USE_CASES, USE_CASES, PointedUseCase, UseCase
from planner.services.organisation import organisation


@dataclass(frozen=True)
class UseCaseRanking:
    use_case: UseCase
    candidates: list[scoring.Candidate]  # ranked, then excluded with their reasons
    swap: Swap | None  # smallest one-weight change swapping the top two
    explanation: list[str]  # sentences: why the leader leads, sensitivity, exclusions


@dataclass(frozen=True)
class Ranking:
    """One ranking per use case of the plan; ``candidates`` and ``swap`` are the first's."""

    candidates: list[scoring.Candidate]
    weights: dict[scoring.Criterion, float]
    needs: dict[str, int]
    swap: Swap | None  # smallest one-weight change swapping the top two
    lists: list[UseCaseRanking] = field(default_factory=list)
    suites: tuple[str, ...] = ()  # suites the organisation runs (from official tools)
    seen_suites: tuple[str, ...] = ()  # suites only seen in the evidence (platform domains)
    # Use cases the plan's needs point to beyond its own: ranked too (``lists``) when the
    # plan chose none, only named when it chose some (``use_cases_set``).
    pointed: tuple[PointedUseCase, ...] = ()
    use_cases_set: bool = False


def rank_candidates(
    ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date | None = None
) -> Ranking:
    """The catalog's products ranked per use case of the plan, on its needs and weights,
    after its hard constraints (each excluded product with its reason)."""
    from planner.domain.catalog import Deployment
    from planner.domain.use_cases import org_suites, pointed_use_cases

    with ws.rows() as conn:  # Core: ranking only reads
        record = reads.plan_row(conn, plan)
        plan_obj = plan_from_record(record)
        chosen = tuple(u for u in plan_obj.use_cases if u in USE_CASES)
        needs = reads.needs(conn, record.id)
        pointed = tuple(pointed_use_cases(needs, chosen or DEFAULT_USE_CASES))
        ranked_cases = chosen or (*DEFAULT_USE_CASES, *(p.case.id for p in pointed))
        ctx = scoring.Context(
            needs=needs,
            eu_required=record.eu_residency_required,
            tools=reads.tools(conn, record.id),
            reviews=reads.vendor_reviews(conn, record.id),
            use_cases=ranked_cases,
            excluded_deployments=tuple(Deployment(d) for d in plan_obj.excluded_deployments),
            today=today or dt.date.today(),
            seen_suites=frozenset(reads.suites_seen(conn, record.id)),
            org=organisation(conn, record.id, plan_obj),
        )
        weights = scoring.effective_weights(reads.weights(conn, record.id), ctx)
    lists = []
    for case_id in ctx.use_cases:
        case = USE_CASES[case_id]
        candidates = scoring.score_use_case(catalog, ctx, case, weights)
        top = scoring.ranked(candidates)
        swap = sensitivity(top[0], top[1], weights) if len(top) > 1 else None
        lists.append(
            UseCaseRanking(case, candidates, swap, explain(case, candidates, weights, swap))
        )
    suites = tuple(sorted(org_suites(ctx.tools, catalog.products, exclude="")))
    first = lists[0]
    seen = tuple(sorted(ctx.seen_suites - set(suites)))
    return Ranking(
        first.candidates,
        weights,
        dict(ctx.needs),
        first.swap,
        lists,
        suites,
        seen,
        pointed,
        bool(chosen),
    )
