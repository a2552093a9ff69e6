"""What one person's planner remembers between runs, per workspace: the TUI's screen,
theme, tabs, filters and sorts, and the folder plan files and reports go to.

Kept in the user's state directory (platformdirs ``user_state_path``, which honours
``XDG_STATE_HOME``), never in the workspace: it is how one person works, not part of the
plan, and a shared workspace must not carry one user's folders. A missing or unreadable
file is an empty state, never an error; a state that cannot be written is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from planner.adapters.files import write_atomic
from planner.errors import PlannerError

STATE_FILE = "state.json"


def state_file() -> Path:
    from platformdirs import user_state_path

    return user_state_path("planner", appauthor=False) / STATE_FILE


def workspace_key(workspace: str) -> str:
    """One key per workspace however it was named: a SQLite file by its absolute path
    (``--db ws.sqlite`` from two folders is one workspace), a server database by its URL
    without the password (the state file is no place for one)."""
    if "://" not in workspace:
        return str(Path(workspace).expanduser().resolve())
    parts = urlsplit(workspace)
    if parts.password is None:
        return workspace
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def _all() -> dict[str, Any]:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(workspace: str) -> dict[str, Any]:
    """What was remembered for ``workspace`` (its database setting), or {}."""
    mine = _all().get(workspace_key(workspace))
    return dict(mine) if isinstance(mine, dict) else {}


def remember(workspace: str, **values: Any) -> None:
    """Merge ``values`` into what is remembered for ``workspace`` (a value None is
    forgotten); written atomically."""
    data = _all()
    key = workspace_key(workspace)
    mine = data.get(key)
    mine = dict(mine) if isinstance(mine, dict) else {}
    mine.update(values)
    data[key] = {k: v for k, v in mine.items() if v is not None}
    try:
        write_atomic(state_file(), json.dumps(data, indent=1, sort_keys=True))
    except PlannerError:
        return
