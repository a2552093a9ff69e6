"""Import a reviewed plan file: validate everything first, then write it all or nothing.

The file is loaded with the strict YAML loader, validated against the schema, then checked
against the catalog and against itself (unique ids, references to the plan's own pilots).
Every problem is reported as ``file:line:col: message`` and nothing is written; otherwise
the plan is created, or its reviewable content merged, in one transaction.

Split along its seams: :mod:`.validation` (schema, references, catalog), :mod:`.merge`
(the three-way merge and the write), :mod:`.computed` (a reviewer's edits of computed
fields) and :mod:`.report` (what an import says it did). The merge, which brings the
repositories and the table classes, is imported on first use of ``import_plan``: ``plan
validate`` only validates and does without them.
"""

from typing import TYPE_CHECKING, Any

from planner.services.plan_import.report import ConflictAt, ImportResult, ImportSummary, Located
from planner.services.plan_import.validation import (
    MAX_PLAN_BYTES,
    SCHEMA,
    check_references,
    validate_plan_file,
)

if TYPE_CHECKING:
    from planner.services.plan_import.merge import import_plan


def __getattr__(name: str) -> Any:
    """``import_plan`` from the merge, imported when first asked for."""
    if name == "import_plan":
        from planner.services.plan_import.merge import import_plan

        return import_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MAX_PLAN_BYTES",
    "SCHEMA",
    "ConflictAt",
    "ImportResult",
    "ImportSummary",
    "Located",
    "check_references",
    "import_plan",
    "validate_plan_file",
]
