"""The project's own errors, so front ends can tell a user's mistake from a bug.

``InputError`` is bad input (a file, a value on the command line): it carries the file,
line and column where there is one, and maps to exit code 2. ``PlannerError`` is any other
expected failure (exit 1). Anything else escaping is a bug and may show a traceback.
"""

from __future__ import annotations

from planner.domain.words import counted


class PlannerError(Exception):
    """An expected failure the user can act on; one line, no traceback.

    ``field`` names the input the problem is about (``"end"``, ``"trained"``, ``"name"``)
    when there is one, so that a form can show the message beside that field.
    """

    exit_code = 1
    field: str | None = None

    def about(self, field: str) -> PlannerError:
        """This error, marked as being about ``field`` (for raising in one expression)."""
        self.field = field
        return self


class InputError(PlannerError):
    """Bad input data or usage, located in a file where possible."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line, self.col) if part is not None)
        return f"{where}: {self.message}" if where else self.message


MAX_PROBLEMS = 100
"""A file reports at most this many problems. A hostile file can ask for millions (100,000
bad list items fit in 400 KB), each a located message costing memory and time, and nobody
reads past the first hundred: those are shown, then how many more there are."""


def capped(errors: list[InputError], total: int | None = None) -> list[InputError]:
    """The first :data:`MAX_PROBLEMS` of ``errors`` (``total`` found in all), then one line,
    at the first problem not shown (give one more than the cap to place it), saying how many
    more were found."""
    total = max(len(errors), total or 0)
    if total <= MAX_PROBLEMS:
        return errors
    kept = errors[:MAX_PROBLEMS]
    at = errors[MAX_PROBLEMS] if len(errors) > MAX_PROBLEMS else kept[-1]
    more = total - len(kept)
    summary = InputError(
        f"... and {counted(more, 'more problem')} from here on, not shown",
        file=at.file,
        line=at.line,
        col=at.col,
    )
    return [*kept, summary]


class InputErrors(InputError):
    """Several input problems found in one pass: every one is reported, one per line."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(counted(len(errors), "problem"))
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class WorkspaceVersionError(PlannerError):
    """The workspace's schema is one this planner cannot use: a newer release made it, or
    upgrading it failed (and was rolled back). Left untouched; exit code 2."""

    exit_code = 2


class WorkspaceUpgradeNeeded(WorkspaceVersionError):
    """The workspace is at an older schema revision and opening it may not upgrade it: a
    command that only reads never writes, and a database shared on a server is upgraded
    only by ``planner workspace upgrade``, after confirming. Nothing was changed."""

    def __init__(self, where: str, at: str, head: str) -> None:
        super().__init__(
            f"{where} is at {at} and this planner needs revision {head}: "
            "run 'planner workspace upgrade' first (nothing was changed)"
        )
        self.where, self.at, self.head = where, at, head


class NotFoundError(PlannerError):
    """A named thing (plan, tool, product) does not exist."""

    exit_code = 2


class ConflictError(PlannerError):
    """A write would overwrite someone else's change or break uniqueness."""


class StaleEditError(ConflictError):
    """Someone saved the record after it was read: saving now would silently overwrite them.

    ``theirs`` is the record as it is now, so a front end can show both versions and let
    the user choose (and retry against ``theirs.version``).
    """

    def __init__(
        self,
        what: str,
        theirs: object,
        theirs_version: int,
        yours_version: int,
        differences: list[tuple[str, object, object]],
    ) -> None:
        fields = (
            "; ".join(
                f"{name}: {old!r} (theirs) vs {new!r} (yours)" for name, old, new in differences
            )
            or "no field in common"
        )
        super().__init__(
            f"{what} was changed by someone else since you read it (now version "
            f"{theirs_version}, yours was based on {yours_version}): {fields}"
        )
        self.theirs = theirs
        self.theirs_version = theirs_version
        self.differences = differences
