"""The workspace's pseudonym key: kept beside the database, never inside it (DESIGN.md §5).

User names and client addresses from logs are replaced by keyed HMAC-SHA-256 pseudonyms so
that later imports count the same person once without storing who they are. The key is
what makes that private: a key inside the database would let anyone holding the file test
a list of names. So it lives in its own owner-only file next to the SQLite file (for other
engines, in the user data directory, named after the database URL).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from planner.adapters.store.db import sqlite_path, to_url
from planner.errors import PlannerError

KEY_BYTES = 32


ENV_KEY_FILE = "PLANNER_KEY_FILE"


def key_path(db: str, data_dir: Path) -> Path:
    """Where the workspace's key lives. ``$PLANNER_KEY_FILE`` overrides it: a team sharing a
    PostgreSQL workspace gives every manager the same key file, so that the same person
    seen from two sites gets the same pseudonym."""
    override = os.environ.get(ENV_KEY_FILE)
    if override:
        return Path(override).expanduser()
    url = to_url(db)
    path = sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".key")
    safe = make_url(url).render_as_string(hide_password=True)
    return data_dir / "keys" / (hashlib.sha256(safe.encode()).hexdigest()[:24] + ".key")


def load_or_create_key(path: Path) -> bytes:
    """The key stored at ``path``, created (owner-only, from ``secrets``) on first use."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return _create_key(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise PlannerError(f"{path}: cannot read the pseudonym key: {exc}") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise PlannerError(f"{path}: the pseudonym key is damaged")
    return key


def _create_key(path: Path) -> bytes:
    """A new key, written whole under a name of its own and then linked into place, so
    that another process starting on the same new workspace sees no key or all of it (a
    file made in place exists before its bytes are written: a reader then found it empty,
    "damaged"). If another process linked its key first, that key is the workspace's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
        os.link(tmp, path)
    except FileExistsError:  # another process made it first: use theirs
        return load_or_create_key(path)
    finally:
        tmp.unlink(missing_ok=True)
    return key


def write_key(path: Path, key: bytes) -> None:
    """Install ``key`` at ``path`` (owner-only), replacing what is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    tmp.replace(path)


def pseudonymise(key: bytes, identifier: str) -> str:
    """A stable pseudonym for a user name or address (case and surrounding space ignored)."""
    normalised = identifier.strip().casefold().encode("utf-8", "surrogateescape")
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()[:32]
