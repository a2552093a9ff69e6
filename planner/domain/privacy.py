"""The data-protection step: phase 1's first task, before any employee's traffic is read.

In the EU, analysing proxy, sign-in or DNS logs is processing of personal data (pseudonyms
included): it needs a legal basis (GDPR Art. 6(1)), usually a data-protection impact
assessment (Art. 35) and, in many countries, the works council's consultation (the CSE in
France; §87(1)6 BetrVG in Germany). The plan records these, how long evidence is kept and
who holds the pseudonym key; the Art. 30 record of processing is rendered from them. Pure:
the dashboard, the report and the CLI all show the same record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum

from planner.domain.jurisdiction import Jurisdiction, jurisdiction
from planner.domain.sensitive import set_aside_line
from planner.domain.text import visible
from planner.domain.words import counted

__all__ = ["STEP", "DataProtection", "LegalBasis", "art30_record", "art30_rows", "purge_lines"]

STEP = "Data protection (phase 1, step 1)"


class LegalBasis(StrEnum):
    """GDPR Art. 6(1) (a)-(f)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal-obligation"
    VITAL_INTERESTS = "vital-interests"
    PUBLIC_TASK = "public-task"
    LEGITIMATE_INTERESTS = "legitimate-interests"

    @property
    def article(self) -> str:
        return "Art. 6(1)(" + "abcdef"[list(LegalBasis).index(self)] + ")"


_LABELS = {
    "legal_basis": "legal basis",
    "dpia_reference": "DPIA reference",
    "dpia_date": "DPIA date",
    "works_council_date": "works council date",
    "retention_days": "retention",
    "key_holder": "key holder",
}


@dataclass(frozen=True)
class DataProtection:
    legal_basis: LegalBasis | None = None
    purpose: str = ""
    dpia_reference: str | None = None
    dpia_date: dt.date | None = None
    works_council_date: dt.date | None = None
    retention_days: int | None = None
    key_holder: str | None = None
    recorded_on: dt.date | None = None

    REQUIRED = ("legal_basis", "dpia_reference", "dpia_date", "works_council_date",
                "retention_days", "key_holder")  # fmt: skip

    @property
    def missing(self) -> list[str]:
        """The fields the step still lacks, in the order a user fills them."""
        return [_LABELS[name] for name in self.REQUIRED if getattr(self, name) is None]

    @property
    def complete(self) -> bool:
        return not self.missing

    def missing_in(self, where: Jurisdiction) -> list[str]:
        """The fields still lacking where the organisation employs people: no works-council
        date is asked of a company only in countries whose law requires no consultation
        (a US-only company); it is named after the bodies and laws that require one."""
        out = []
        for name in self.REQUIRED:
            if getattr(self, name) is not None:
                continue
            if name == "works_council_date":
                if not where.asks_consultation:
                    continue
                out.append(where.consultation_label)
            else:
                out.append(_LABELS[name])
        return out

    def complete_in(self, where: Jurisdiction) -> bool:
        return not self.missing_in(where)

    def consultation_warning(self, where: Jurisdiction, today: dt.date) -> str | None:
        """One line when a consultation the countries' law requires is not recorded or is
        dated after ``today``: personal data is about to be processed before it."""
        if not where.consultations:
            return None
        named = " and ".join(c.label for c in where.consultations)
        when = self.works_council_date
        if when is None:
            return (
                f"warning: {named} is not recorded: monitoring employees' traffic needs it "
                "first; record its date with 'planner privacy set --works-council-date'"
            )
        if when > today:
            return (
                f"warning: {named} is dated {when.isoformat()}, after today "
                f"({today.isoformat()}): this log is processed before the consultation"
            )
        return None

    def cutoff(self, today: dt.date) -> dt.date | None:
        """Evidence last seen before this day is past its retention period."""
        if self.retention_days is None:
            return None
        return today - dt.timedelta(days=self.retention_days)

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Markdown's inline syntax, escaped in untrusted text (as the report's cells are)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _cell(value: object) -> str:
    if value is None or value == "":
        return "*not recorded*"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return _SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def art30_rows(
    organisation: str,
    dp: DataProtection,
    sources: list[str],
    backups: str | None = None,
    set_aside: Mapping[str, int] | None = None,
    where: Jurisdiction | None = None,
) -> list[tuple[str, str | None]]:
    """The Art. 30(1) record's items, as (item, plain text or None when not recorded);
    ``backups``: where copies of the evidence are kept (the workspace's upgrade backups);
    ``set_aside``: requests to sites revealing Art. 9 data, per category, dropped at import;
    ``where``: what the countries where the organisation employs people require."""
    where = where or jurisdiction(())
    council: str | None = None
    if dp.works_council_date is not None:
        council = dp.works_council_date.isoformat()
    elif not where.asks_consultation:
        council = f"not required by law in {', '.join(where.countries)}"
    basis = f"{dp.legal_basis.article} {dp.legal_basis.value}" if dp.legal_basis else None
    retention = f"{dp.retention_days} days" if dp.retention_days is not None else None
    dpia = " of ".join(
        v.isoformat() if isinstance(v, dt.date) else v
        for v in (dp.dpia_reference, dp.dpia_date)
        if v is not None
    )
    return [
        ("Controller", organisation or None),
        ("Purpose", dp.purpose or "Discovering which social software employees use, "
         "officially or not, to plan its introduction (phase 1 of the plan)"),
        ("Legal basis", basis),
        ("Categories of data subjects", "Employees and other users of the network and "
         "identity provider"),
        ("Categories of personal data", "User names, user principal names and client "
         "addresses, replaced at import by keyed pseudonyms (HMAC-SHA-256); hosts, "
         "applications, request counts and dates"),
        ("Special categories (Art. 9)", "Not processed: visits to sites revealing them "
         "(trade unions and works councils, health, religion, political parties, sexual "
         "orientation; catalog/sensitive.yaml and the workspace's own list) are counted "
         "per category at import and dropped; " + set_aside_line(set_aside or {})),
        ("Sources", ", ".join(sources) if sources else "none imported yet"),
        ("Recipients", "The plan's project team; exports and reports carry aggregates only"),
        ("Transfers outside the EU", "None by this tool (it runs on the organisation's "
         "machine)"),
        ("Retention", retention),
        *((("Copies (backups)", backups),) if backups is not None else ()),
        ("Pseudonym key holder", dp.key_holder),
        ("Security measures", "Pseudonymisation at import, key stored apart from the "
         "database with owner-only permissions, aggregates only, purge after retention"),
        ("DPIA (Art. 35)", dpia or None),
        ("Countries", ", ".join(where.countries) or "unknown (planner plan set --countries)"),
        ("Consultations and notices", "; ".join(where.lines())),
        ("Works council consulted", council),
        ("Recorded", dp.recorded_on.isoformat() if dp.recorded_on else None),
    ]  # fmt: skip


def purge_lines(purges: list[tuple[dt.datetime, dt.datetime, int]]) -> list[str]:
    return [
        f"{when.date().isoformat()}: pseudonyms dropped from {counted(hosts, 'host')} last seen "
        f"before {cut.date().isoformat()}"
        for when, cut, hosts in purges
    ]


def art30_record(
    plan: str,
    organisation: str,
    dp: DataProtection,
    sources: list[str],
    purges: list[tuple[dt.datetime, dt.datetime, int]],
    backups: str | None = None,
    set_aside: Mapping[str, int] | None = None,
    where: Jurisdiction | None = None,
) -> str:
    """The Art. 30(1) record of processing for the plan's discovery, as Markdown.

    ``sources``: the kinds of evidence imported (formats); ``purges``: (when, cut-off,
    hosts purged) of each purge, newest first.
    """
    where = where or jurisdiction(())
    rows = art30_rows(organisation, dp, sources, backups, set_aside, where)
    lines = [
        f"## Record of processing (GDPR Art. 30): {plan}",
        "",
        "| Item | Entry |",
        "|---|---|",
        *(f"| {item} | {_cell(value)} |" for item, value in rows),
    ]
    missing = dp.missing_in(where)
    if missing:
        lines += ["", f"Missing before any import of personal data: {', '.join(missing)}."]
    if purges:
        lines += ["", "Purges of evidence past retention:", ""]
        lines += [f"- {line}" for line in purge_lines(purges)]
    return "\n".join(lines) + "\n"
