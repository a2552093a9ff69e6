"""Google Workspace OAuth token audit log (format ``google-oauth``): which third-party apps
people authorised with their Google account — shadow IT no proxy sees.

Read as the Admin console exports it (Reporting > Audit and investigation > OAuth log
events, "Export to CSV"): one row per event with the app's name, its OAuth client id, the
actor (an e-mail address, pseudonymised by the caller) and the event. Column names are
matched loosely (``App name``, ``Application name``; ``Client ID``, ``OAuth client ID``).
``Authorize`` and token ``Activity`` are use; ``Revoke`` and other events are read, not
counted. Times as ISO 8601 or epoch seconds; other spellings are malformed rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.adapters.sources.logs.model import Aggregate, app_key
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.tabular import find_columns, header_names, named_rows
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.plan import Source

__all__ = ["COLUMNS", "FORMAT", "read_google_oauth"]

COLUMNS = {
    "event": ("event_name", "event", "event_type", "type"),
    "time": ("date", "time", "timestamp", "event_time", "date_time"),
    "actor": ("actor", "actor_email", "user", "user_email", "email"),
    "app": ("app_name", "application_name", "application", "app"),
    "client": ("client_id", "oauth_client_id", "app_id"),
}
USE = ("authorize", "authorise", "activity", "grant")


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    header = header_names(lines[0].decode("utf-8", "replace")) if lines else None
    found = find_columns(header[1], COLUMNS) if header else {}
    return 0.9 if {"event", "actor", "app", "client"} <= found.keys() else 0.0


def read_google_oauth(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    agg = Aggregate()
    rows = named_rows(
        blocks,
        COLUMNS,
        ("event", "time", "actor", "app"),
        source=source,
        what="a Google Workspace OAuth log export",
    )
    for line_no, row in rows:
        agg.lines += 1
        if row is None:
            agg.skip(line_no)
            continue
        client = row.get("client", "")
        key = app_key(row["app"] or client)
        when = epoch_or_iso(row["time"])
        actor = row["actor"].lower()
        if key is None or when is None or not actor:
            agg.skip(line_no)
            continue
        if row["app"] and client:
            agg.labels[key] = client.lower()
        if row["event"].casefold().startswith(USE):
            agg.add(key, when, 0, actor)
    return agg


FORMAT = LogFormat(
    "google-oauth",
    "Google Workspace OAuth token audit log (Admin console CSV export)",
    recognise,
    blocks_reader(read_google_oauth),
    Source.SIGN_IN_LOG,
)
