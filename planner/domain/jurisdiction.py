"""What the data-protection step asks, country by country: who must be consulted before
employees' traffic is analysed, or whom the employer must notify.

Why a table: reading proxy, DNS or sign-in logs is technical monitoring of employees.
Where the organisation employs people decides whether a staff body must agree or be
consulted first (Germany's works council has a co-determination right, France's CSE must
be informed and consulted, ...) or whether, as in the United States, there is no such body
and some states require a written notice to employees instead. The step used to ask every
plan for a works-council date — a US-only company too. Each rule cites its law, so a
data-protection officer can check it; a country not in the table is said to be unchecked,
never silently treated as needing nothing.

Pure: the plan's countries (ISO 3166-1 alpha-2 codes) in, the consultations and notices out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CONSULTATIONS",
    "NOTICES",
    "Consultation",
    "Jurisdiction",
    "Notice",
    "jurisdiction",
]


@dataclass(frozen=True)
class Consultation:
    """A staff body whose agreement or consultation the law requires before monitoring."""

    country: str
    body: str  # as people there call it
    law: str  # the reference to cite
    what: str  # what the law gives the body

    @property
    def label(self) -> str:
        """``the works council consultation (BetrVG §87(1) no. 6)``."""
        return f"the {self.body} consultation ({self.law})"


@dataclass(frozen=True)
class Notice:
    """A written notice to employees a law requires before electronic monitoring."""

    region: str  # ISO 3166-2 code of the state (US-NY) or the country
    law: str
    what: str


CONSULTATIONS: dict[str, Consultation] = {
    c.country: c
    for c in (
        Consultation(
            "AT",
            "works council (Betriebsrat)",
            "ArbVG §96(1) no. 3 and §96a",
            "a works agreement is needed for control systems affecting human dignity "
            "(§96) and for systems processing personal data of employees (§96a)",
        ),
        Consultation(
            "BE",
            "works council (conseil d'entreprise / ondernemingsraad)",
            "CCT/cao no. 81 of 26 April 2002, art. 9",
            "the works council is informed of the control of electronic online "
            "communication data before it is introduced",
        ),
        Consultation(
            "DE",
            "works council",
            "BetrVG §87(1) no. 6",
            "co-determination over technical devices suited to monitor employees' "
            "behaviour or performance",
        ),
        Consultation(
            "FR",
            "CSE",
            "Code du travail L2312-38",
            "the comité social et économique is informed and consulted before means or "
            "techniques to control employees' activity are introduced",
        ),
        Consultation(
            "IT",
            "union representatives (RSU/RSA)",
            "Statuto dei lavoratori (L. 300/1970) art. 4",
            "equipment allowing remote control of workers needs an agreement with the "
            "union representatives (or the labour inspectorate's authorisation)",
        ),
        Consultation(
            "NL",
            "works council (ondernemingsraad)",
            "WOR art. 27(1)(l)",
            "the works council's consent for systems observing or monitoring attendance, "
            "behaviour or performance",
        ),
    )
}

NOTICES: dict[str, tuple[Notice, ...]] = {
    "US": (
        Notice(
            "US-NY",
            "New York Civil Rights Law §52-c",
            "written notice of electronic monitoring (telephone, e-mail, internet) on "
            "hiring, acknowledged by the employee, and posted",
        ),
        Notice(
            "US-CT",
            "Connecticut General Statutes §31-48d",
            "prior written notice of the types of electronic monitoring, posted",
        ),
        Notice(
            "US-DE",
            "Delaware Code title 19 §705",
            "notice of monitoring of telephone, e-mail or internet use, acknowledged by "
            "the employee (one time) or shown each day",
        ),
    ),
}

# Countries whose law the table was checked for and that have no consultation rule of
# their own for this processing (the GDPR's own steps still apply to GB as UK GDPR).
NO_CONSULTATION = frozenset({"US", "GB"})


@dataclass(frozen=True)
class Jurisdiction:
    """What the plan's countries require; ``countries`` empty: not known."""

    countries: tuple[str, ...]
    consultations: tuple[Consultation, ...]
    notices: tuple[Notice, ...]
    unchecked: tuple[str, ...]  # countries the table says nothing about

    @property
    def known(self) -> bool:
        return bool(self.countries)

    @property
    def asks_consultation(self) -> bool:
        """Is a works-council (or staff body) date asked? Yes where a listed law requires
        one, and when the countries are unknown or one is unchecked (ask rather than miss
        it); no for countries known to need none (a US-only company)."""
        return bool(self.consultations) or not self.countries or bool(self.unchecked)

    @property
    def consultation_label(self) -> str:
        """The works-council item named for the plan's countries."""
        if not self.consultations:
            return "works council date"
        bodies = "; ".join(f"{c.body}, {c.law}" for c in self.consultations)
        return f"works council date ({bodies})"

    def lines(self) -> list[str]:
        """What the step asks, as plain sentences (CLI, record of processing)."""
        if not self.countries:
            return [
                "countries unknown: a works council (or other staff body) consultation is "
                "asked as before; set them with 'planner plan set --countries DE,FR,...'"
            ]
        out = [f"{c.country}: {c.label}: {c.what}" for c in self.consultations]
        out += [f"{n.region}: notice to employees ({n.law}): {n.what}" for n in self.notices]
        if set(self.countries) <= NO_CONSULTATION and not self.consultations:
            out.insert(0, "no works council or staff-representative consultation required "
                       f"by law in {', '.join(self.countries)}")  # fmt: skip
        if self.unchecked:
            out.append(
                f"{', '.join(self.unchecked)}: not in planner's table; check whether a staff "
                "body must be consulted (a works council date is asked meanwhile)"
            )
        return out


def jurisdiction(countries: Sequence[str]) -> Jurisdiction:
    """The consultations and notices the plan's countries require."""
    codes = tuple(dict.fromkeys(c.upper() for c in countries))
    consultations = tuple(CONSULTATIONS[c] for c in codes if c in CONSULTATIONS)
    notices = tuple(n for c in codes for n in NOTICES.get(c, ()))
    unchecked = tuple(c for c in codes if c not in CONSULTATIONS and c not in NO_CONSULTATION)
    return Jurisdiction(codes, consultations, notices, unchecked)
