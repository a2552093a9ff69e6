"""The report layouts the activity readers know, and how to tell them from a header.

Each format names its columns (canonical name -> aliases, matched loosely by
``csv_input.fold``), the ones it needs, and the signature columns that identify it when
``--format`` is not given. Column names are those the vendors document (research-notes,
"activity reports"); counts a report lacks are None, never 0, so a KPI that needs them is
not computed rather than computed wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.adapters.sources.csv_input import fold


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    columns: Mapping[str, Sequence[str]]
    required: Sequence[str]
    signature: Sequence[str]  # folded header names that identify the layout
    posts: Sequence[str] = ()  # canonical columns summed into posts
    posts_else: Sequence[str] = ()  # used instead when the header has none of ``posts``
    reads: Sequence[str] = ()
    replies: Sequence[str] = ()


_M365 = {
    "refresh": ("reportrefreshdate",),
    "user": ("userprincipalname",),
    "last": ("lastactivitydate", "lastactivitydateutc"),
    "period": ("reportperiod",),
    "state": ("userstate",),
    "deleted": ("isdeleted",),
}

VIVA_ENGAGE = Format(
    "m365-viva-engage",
    "Viva Engage activity user detail (Microsoft 365)",
    {**_M365, "posted": ("postedcount",), "read": ("readcount",), "liked": ("likedcount",)},
    ("refresh", "user", "last", "period", "posted"),
    ("userprincipalname", "postedcount", "readcount", "likedcount"),
    posts=("posted",),
    reads=("read",),
)

TEAMS = Format(
    "m365-teams",
    "Teams user activity user detail (Microsoft 365)",
    {
        **_M365,
        "channel": ("teamchatmessagecount",),
        "private": ("privatechatmessagecount",),
        "post": ("postmessages",),
        "reply": ("replymessages",),
    },
    ("refresh", "user", "last", "period", "channel"),
    ("userprincipalname", "teamchatmessagecount", "privatechatmessagecount"),
    posts=("post",),
    posts_else=("channel",),
    replies=("reply",),
)

SHAREPOINT = Format(
    "m365-sharepoint",
    "SharePoint activity user detail (Microsoft 365)",
    {
        **_M365,
        "viewed": ("viewedoreditedfilecount",),
        "synced": ("syncedfilecount",),
        "internal": ("sharedinternallyfilecount",),
        "external": ("sharedexternallyfilecount",),
        "visited": ("visitedpagecount",),
    },
    ("refresh", "user", "last", "period", "viewed"),
    ("userprincipalname", "viewedoreditedfilecount", "visitedpagecount"),
    posts=("internal", "external"),
    reads=("viewed", "visited"),
)

SLACK = Format(
    "slack-members",
    "Slack member analytics (CSV export)",
    {
        "user": ("email", "emailaddress", "username", "userid"),
        "date": ("asof",),
        "last": ("lastactiveutc", "lastactive"),
        "posted": ("messagesposted",),
        "days": ("daysactive",),
        "account": ("accounttype",),
    },
    ("user", "last", "posted"),
    ("messagesposted", "daysactive"),
    posts=("posted",),
)

GENERIC = Format(
    "generic",
    "Generic activity CSV (user, date, posts, reads)",
    {
        "user": ("username", "upn", "email", "login", "account", "utilisateur", "benutzer"),
        "date": ("day", "on", "activitydate", "jour", "datum"),
        "posts": ("posted", "messages", "contributions", "publications"),
        "reads": ("read", "views", "lectures"),
        "replies": ("reply", "answers", "reponses"),
    },
    ("user", "date", "posts"),
    (),
    posts=("posts",),
    reads=("reads",),
    replies=("replies",),
)

FORMATS: dict[str, Format] = {f.name: f for f in (VIVA_ENGAGE, TEAMS, SHAREPOINT, SLACK, GENERIC)}


def guess(header: Sequence[str]) -> Format | None:
    """The layout whose signature columns the header has; generic when it names a user,
    a date and posts; None otherwise."""
    folded = {fold(h) for h in header}
    for candidate in (VIVA_ENGAGE, TEAMS, SHAREPOINT, SLACK):
        if all(s in folded for s in candidate.signature):
            return candidate
    aliases = {
        canon: {fold(a) for a in (canon, *names)} for canon, names in GENERIC.columns.items()
    }
    if all(aliases[c] & folded for c in GENERIC.required):
        return GENERIC
    return None
