"""Field-map profiles (format ``profile``): site-specific CSV exports read through a
reviewable YAML file that names the columns.

Cloud-security products (Defender for Cloud Apps, Netskope, Zscaler NSS) let each site
choose its export's columns, so no fixed reader fits; a profile says which column holds
the time, the user (or the client address), the host or the application, the bytes, an
optional count of hits and the action, and which actions are refusals. Profiles ship in
``planner/adapters/sources/profiles/`` (by name) or come as a file (``--profile FILE``),
and are validated strictly with located errors. A file that does not match its
profile — a named column the header lacks — is refused at its header line, naming the
profile and the columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from planner.adapters.sources.logs.csvlog import column_name
from planner.adapters.sources.logs.model import Aggregate, app_key, parse_size
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions
from planner.adapters.sources.logs.tabular import named_rows
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.hosts import host_prefix, normalize_host
from planner.errors import InputError

__all__ = ["FORMAT", "PROFILES_DIR", "Profile", "load_profile", "shipped_profiles"]

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
Column = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Columns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    time: Column
    user: Column | None = None
    client: Column | None = None
    host: Column | None = None
    app: Column | None = None
    bytes: Column | None = None
    hits: Column | None = None  # a per-row count, for exports that already sum requests
    action: Column | None = None


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    description: Annotated[str, StringConstraints(max_length=2000)] = ""
    # the header names, in order, for exports written without a header line (Zscaler NSS)
    fields: tuple[Column, ...] = ()
    columns: Columns
    blocked: tuple[Annotated[str, StringConstraints(max_length=100)], ...] = ()  # actions


def shipped_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def load_profile(name_or_path: str) -> Profile:
    """A shipped profile by name, else a profile file; InputError located in the file."""
    from planner.adapters.yamlsafe import load_yaml_file, pydantic_errors

    shipped = PROFILES_DIR / f"{name_or_path}.yaml"
    path = shipped if "/" not in name_or_path and shipped.is_file() else Path(name_or_path)
    if not path.is_file():
        raise InputError(
            f"no profile '{name_or_path}': give a file or one of {', '.join(shipped_profiles())}"
        )
    doc = load_yaml_file(path)
    try:
        profile = Profile.model_validate(doc.data)
    except ValidationError as exc:
        raise pydantic_errors(exc, doc) from None
    if profile.columns.host is None and profile.columns.app is None:
        raise doc.error(("columns",), "a profile names a host or an app column")
    return profile


def _wanted(profile: Profile) -> dict[str, tuple[str]]:
    return {
        key: (column_name(value),)
        for key, value in profile.columns.model_dump().items()
        if value is not None
    }


def read_profiled(blocks: Iterable[bytes], profile: Profile, *, source: str) -> Aggregate:
    agg = Aggregate()
    wanted = _wanted(profile)
    shift = 0
    if profile.fields:
        blocks, shift = _with_header(blocks, profile), 1  # line numbers are the file's
    blocked = {action.casefold() for action in profile.blocked}
    rows = named_rows(
        blocks,
        wanted,
        tuple(wanted),
        source=source,
        what=f"the layout profile '{profile.name}' describes",
        shown={k: f"{k} ({v!r})" for k, v in profile.columns.model_dump().items() if v},
    )
    for number, row in rows:
        line_no = number - shift
        agg.lines += 1
        if row is None:
            agg.skip(line_no)
            continue
        key = None
        if row.get("host") not in (None, "", "-"):
            key = normalize_host(host_prefix(row["host"]))
        if key is None and row.get("app") not in (None, "", "-"):
            key = app_key(row["app"])
        when = epoch_or_iso(row["time"])
        size = parse_size(row.get("bytes", ""))
        hits = parse_size(row["hits"]) if "hits" in row else 1
        if key is None or when is None or size is None or not hits:
            agg.skip(line_no)
            continue
        user = next((row[k] for k in ("user", "client") if row.get(k) not in (None, "", "-")), None)
        if row.get("action", "").casefold() in blocked:
            if user is not None:
                agg.attempt(key, when)
            continue
        agg.add_counts(key, when, when, hits, size, user)
    return agg


def _with_header(blocks: Iterable[bytes], profile: Profile) -> Iterable[bytes]:
    """Headerless exports: the profile's field names as the first line. Its delimiter is
    the data's: tabs when the first block holds tabs, else commas."""
    iterator = iter(blocks)
    first = next(iterator, b"")
    separator = "\t" if b"\t" in first.split(b"\n", 1)[0] else ","
    yield (separator.join(profile.fields) + "\n").encode()
    yield first
    yield from iterator


def _read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
    if options.profile is None:
        raise InputError("--format profile needs --profile NAME|FILE", file=src.source)
    profile = load_profile(options.profile)
    # the profile's header line is not part of the file: the digest is of the file alone
    return read_profiled(src.blocks(), profile, source=src.source), src.hexdigest()


FORMAT = LogFormat(
    "profile",
    "a CSV export read through a field-map profile (--profile NAME|FILE)",
    lambda head: 0.0,  # never guessed: chosen by giving a profile
    _read,
)
