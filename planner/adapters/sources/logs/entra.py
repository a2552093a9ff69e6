"""Microsoft Entra ID sign-in logs (format ``entra-signins``): who signed in to which
application — evidence that needs no proxy and sees work done off the network.

Read as Microsoft Graph gives them (``GET /auditLogs/signIns`` and the admin center's
"Download JSON": ``{"value": [signIn, ...]}``; a plain array and JSON Lines too) and as the
admin center's CSV download. Per sign-in: the user is ``userPrincipalName`` (the CSV's
``Username``; a personal identifier, pseudonymised by the caller), the application
``appDisplayName`` with ``appId`` kept beside it so the catalog can match either
(``discovery.apps``), the time ``createdDateTime``. A sign-in whose ``status.errorCode``
is not 0 is an attempt (blocked by policy, wrong password…), counted apart from use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.adapters.sources.logs.jsonrecords import json_kind, json_records
from planner.adapters.sources.logs.model import Aggregate, app_key
from planner.adapters.sources.logs.source import peek
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.tabular import find_columns, header_names, named_rows
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.plan import Source

__all__ = ["FORMAT", "read_signins"]

CSV_COLUMNS = {
    "time": ("date_utc", "date", "created_date_time", "createddatetime", "time"),
    "user": ("username", "user_principal_name", "userprincipalname", "upn"),
    "user_id": ("user_id", "userid"),
    "app": ("application", "app_display_name", "appdisplayname", "app"),
    "app_id": ("application_id", "app_id", "appid"),
    "error": ("sign_in_error_code", "error_code", "errorcode"),
    "status": ("status",),
}
_JSON_MARKS = (b'"userPrincipalName"', b'"appDisplayName"', b'"createdDateTime"')


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    if not lines:
        return 0.0
    if json_kind(lines[0].decode("utf-8", "replace")) is not None:
        return 0.95 if all(mark in head for mark in _JSON_MARKS) else 0.0
    header = header_names(lines[0].decode("utf-8", "replace"))
    found = find_columns(header[1], CSV_COLUMNS) if header else {}
    return 0.9 if {"time", "user", "app", "app_id"} <= found.keys() else 0.0


def _error_code(status: Any) -> int | None:
    """0 for success, another int for a failure, None when unreadable."""
    if not isinstance(status, dict):
        return None
    code = status.get("errorCode", 0)
    if isinstance(code, bool) or not isinstance(code, (int, str)):
        return None
    try:
        return int(code)
    except ValueError:
        return None


def _fold(
    agg: Aggregate, line_no: int, when: Any, user: Any, app: Any, app_id: Any, failed: bool | None
) -> None:
    moment = epoch_or_iso(when) if isinstance(when, str) else None
    name = app if isinstance(app, str) and app.strip() else app_id
    key = app_key(name) if isinstance(name, str) else None
    if moment is None or key is None or failed is None or not isinstance(user, str):
        agg.skip(line_no)
        return
    if isinstance(app_id, str) and app_id.strip() and name is not app_id:
        agg.labels[key] = app_id.strip().lower()
    if failed:
        agg.attempt(key, moment)
    elif user.strip():
        agg.add(key, moment, 0, user.strip().lower())  # UPNs ignore case
    else:
        agg.skip(line_no)


def read_signins(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    agg = Aggregate()
    first, again = peek(blocks)
    kind = json_kind(first[:65536].decode("utf-8", "replace").lstrip("\ufeff"))
    if kind is not None:
        for line_no, record in json_records(again, source=source):
            agg.lines += 1
            if record is None:
                agg.skip(line_no)
                continue
            user = record.get("userPrincipalName") or record.get("userId")
            code = _error_code(record.get("status", {}))
            _fold(
                agg,
                line_no,
                record.get("createdDateTime"),
                user,
                record.get("appDisplayName"),
                record.get("appId"),
                None if code is None else code != 0,
            )
        return agg
    rows = named_rows(
        again,
        CSV_COLUMNS,
        ("time", "user", "app"),
        source=source,
        what="an Entra ID sign-in CSV",
    )
    for line_no, row in rows:
        agg.lines += 1
        if row is None:
            agg.skip(line_no)
            continue
        failed: bool | None
        error = row.get("error", "")
        if error:
            failed = error != "0" if error.lstrip("-").isdigit() else None
        else:
            failed = row.get("status", "success").casefold() not in ("success", "succès", "")
        _fold(
            agg,
            line_no,
            row["time"],
            row["user"] or row.get("user_id", ""),
            row["app"],
            row.get("app_id", ""),
            failed,
        )
    return agg


FORMAT = LogFormat(
    "entra-signins",
    "Microsoft Entra ID sign-in log (Graph JSON or admin center CSV)",
    recognise,
    blocks_reader(read_signins),
    Source.SIGN_IN_LOG,
)
