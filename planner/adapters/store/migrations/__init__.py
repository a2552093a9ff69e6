"""planner's Alembic migrations, shipped inside the package so an installed wheel can
upgrade the workspaces of earlier releases.

``versions/`` holds one file per revision (``rNNNN_what.py``); ``env.py`` is the small
script Alembic runs for each command, always on the connection planner hands over (see
``planner.adapters.store.migrate``). Nothing here is imported when a workspace is already at
the current revision: ``planner.adapters.store.schema`` checks that with one SELECT.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
VERSIONS_DIR = SCRIPT_DIR / "versions"
