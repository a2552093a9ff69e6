"""One person's settings per workspace, kept between runs: the TUI's layout and the
files folder, where plan files and the HTML report go unless told otherwise.

The files folder is set once (the TUI's "Set the files folder…") and both front ends follow
it: the TUI's exports, its "last export" and its report, and ``planner plan export``
without ``-o``. Unset, the TUI writes to ``plans/`` beside a SQLite workspace (never the
folder it was started from) and the CLI to ``plans/`` in the current folder, as a
repository checkout expects. Stored by :mod:`planner.adapters.user_state`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.adapters import user_state
from planner.adapters.files import writable_folder

FOLDER = "files_folder"


def load(workspace: str) -> dict[str, Any]:
    """What was remembered for ``workspace``, or {}."""
    return user_state.load(workspace)


def remember(workspace: str, **values: Any) -> None:
    """Remember ``values`` for ``workspace`` (None forgets one); never fails."""
    user_state.remember(workspace, **values)


def chosen_folder(workspace: str) -> Path | None:
    """The files folder the user set for ``workspace``, or None."""
    chosen = load(workspace).get(FOLDER)
    return Path(chosen) if isinstance(chosen, str) and chosen else None


def default_folder(workspace: str) -> Path:
    """``plans/`` beside a SQLite workspace, else in the user's data folder."""
    if "://" not in workspace:
        return Path(workspace).expanduser().resolve().parent / "plans"
    from platformdirs import user_data_path

    return user_data_path("planner", appauthor=False) / "plans"


def files_folder(workspace: str) -> Path:
    """Where plan files and reports go by default: the folder set, else the default."""
    return chosen_folder(workspace) or default_folder(workspace)


def choose_folder(workspace: str, text: str) -> Path:
    """Set the files folder of ``workspace`` to ``text`` (a relative path is taken from the
    workspace's folder, never from wherever the program was started); it is made if
    missing and must be writable, else InputError in one line and nothing is remembered.
    Blank text goes back to the default. Returns the folder now in use."""
    text = text.strip()
    if not text:
        remember(workspace, **{FOLDER: None})
        return default_folder(workspace)
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = default_folder(workspace).parent / path
    folder = writable_folder(path)
    remember(workspace, **{FOLDER: str(folder)})
    return folder
