"""What the TUI remembers between runs, per workspace: the screen it was on, the theme,
and the folder plan files and reports are written to (when the user chose one).

Kept in the user's state directory (platformdirs ``user_state_path``, which honours
``XDG_STATE_HOME``), never in the workspace: it is how one person left their terminal, not
part of the plan. A missing or unreadable file is an empty state, never an error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

STATE_FILE = "tui-state.json"


def state_file() -> Path:
    from platformdirs import user_state_path

    return user_state_path("planner", appauthor=False) / STATE_FILE


def _all() -> dict[str, Any]:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(workspace: str) -> dict[str, Any]:
    """What was remembered for ``workspace`` (its database setting), or {}."""
    mine = _all().get(workspace)
    return dict(mine) if isinstance(mine, dict) else {}


def remember(workspace: str, **values: Any) -> None:
    """Merge ``values`` into what is remembered for ``workspace`` (written atomically; a
    state that cannot be written is skipped: the TUI works without it)."""
    data = _all()
    mine = data.get(workspace) if isinstance(data.get(workspace), dict) else {}
    assert isinstance(mine, dict)
    mine.update(values)
    data[workspace] = mine
    target = state_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        return


def files_folder(workspace: str) -> Path:
    """Where plan files and reports go by default: the folder the user chose (remembered),
    else ``plans/`` beside a SQLite workspace, else ``plans/`` in the user's data folder —
    never the folder the TUI was started from."""
    chosen = load(workspace).get("files_folder")
    if isinstance(chosen, str) and chosen:
        return Path(chosen)
    if "://" not in workspace:
        return Path(workspace).expanduser().resolve().parent / "plans"
    from platformdirs import user_data_path

    return user_data_path("planner", appauthor=False) / "plans"
