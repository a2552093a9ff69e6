"""Microsoft Entra OAuth2 permission grants (format ``entra-grants``): the applications
people consented to — a strong shadow-IT signal, each with its number of consenting users.

Read as Microsoft Graph lists them (``GET /oauth2PermissionGrants``: ``{"value": [...]}``,
a plain array or JSON Lines). A grant names the consenting user (``principalId``, an
object id, pseudonymised by the caller) and the client by its service principal's object
id (``clientId``), which no one recognises: give the service principals' names by adding
``clientDisplayName`` (and ``clientAppId``) to each grant, or a ``client`` object with
``displayName`` and ``appId`` (as a join with ``/servicePrincipals`` gives). An
``AllPrincipals`` grant (an administrator's consent for everyone) counts as use with no
person. Grants carry no date: ``startTime`` is taken when present, else the export's day
(the file's modification day, UTC), so first and last seen say "consented by then".
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterable
from typing import Any

from planner.adapters.sources.logs.jsonrecords import json_kind, json_records
from planner.adapters.sources.logs.model import Aggregate, app_key
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions, head_lines
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.plan import Source

__all__ = ["FORMAT", "read_grants"]

_MARKS = (b'"consentType"', b'"principalId"', b'"clientId"')


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    if not lines or json_kind(lines[0].decode("utf-8", "replace")) is None:
        return 0.0
    return 0.95 if all(mark in head for mark in _MARKS) else 0.0


def _client(record: dict[str, Any]) -> tuple[Any, Any]:
    client = record.get("client")
    if isinstance(client, dict):
        return client.get("displayName"), client.get("appId")
    return record.get("clientDisplayName"), record.get("clientAppId")


def read_grants(blocks: Iterable[bytes], *, source: str, day: float) -> Aggregate:
    agg = Aggregate()
    for line_no, record in json_records(blocks, source=source):
        agg.lines += 1
        if record is None:
            agg.skip(line_no)
            continue
        name, app_id = _client(record)
        label = name if isinstance(name, str) and name.strip() else record.get("clientId")
        key = app_key(label) if isinstance(label, str) else None
        start = record.get("startTime")
        when = epoch_or_iso(start) if isinstance(start, str) else day
        consent = record.get("consentType")
        user = record.get("principalId")
        if key is None or when is None or consent not in ("Principal", "AllPrincipals"):
            agg.skip(line_no)
            continue
        person = user.strip().lower() if isinstance(user, str) else ""
        if consent == "Principal" and not person:
            agg.skip(line_no)
            continue
        if isinstance(app_id, str) and app_id.strip() and label is name:
            agg.labels[key] = app_id.strip().lower()
        agg.add(key, when, 0, person if consent == "Principal" else None)
    return agg


def _read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
    try:
        modified = src.path.stat().st_mtime
    except OSError:
        modified = time.time()
    day = float(calendar.timegm((*time.gmtime(modified)[:3], 0, 0, 0)))
    return read_grants(src.blocks(), source=src.source, day=day), src.hexdigest()


FORMAT = LogFormat(
    "entra-grants",
    "Microsoft Entra OAuth2 permission grants (Graph JSON, with the clients' names)",
    recognise,
    _read,
    Source.SIGN_IN_LOG,
)
