"""The organisation's profile: the suites it licenses (with their tiers) and the countries
where it employs people.

Why it is declared rather than inferred: the ranking used to guess an organisation's suite
from its *other* official tools, so a Google Workspace shop whose only Google tool was the
candidate itself ranked Google Chat last, and "included in a licence already paid" was
said of staff whose tier does not include the product (Microsoft 365 E3 does not license
frontline staff: they need F1 or F3). The tiers decide which audiences a licence covers;
the countries decide which consultations the data-protection step asks for.

Stored and written as text: a suite is ``microsoft-365`` or ``microsoft-365:E3`` (one
entry per tier licensed, so an organisation on E3 for its offices and F3 for its shops
lists both); a country is its ISO 3166-1 alpha-2 code. Light on purpose (no pydantic):
the command line reads it at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The tiers each suite is sold in, as the vendors name them; a suite not listed here
# takes any tier text (Salesforce editions, Atlassian plans: the planner draws nothing
# from them yet).
SUITE_TIERS: dict[str, tuple[str, ...]] = {
    "microsoft-365": (
        "Business Basic",
        "Business Standard",
        "Business Premium",
        "E1",
        "E3",
        "E5",
        "F1",
        "F3",
    ),
    "google-workspace": (
        "Business Starter",
        "Business Standard",
        "Business Plus",
        "Enterprise",
        "Enterprise Standard",
        "Enterprise Plus",
        "Essentials",
        "Frontline",
        "Frontline Starter",
        "Frontline Standard",
    ),
}

# Tiers licensed for frontline staff (shared or mobile devices, no desk, often no
# mailbox of their own), and what to buy when the organisation has none of them.
FRONTLINE_TIERS: dict[str, tuple[str, ...]] = {
    "microsoft-365": ("F1", "F3"),
    "google-workspace": ("Frontline", "Frontline Starter", "Frontline Standard"),
}
FRONTLINE_LICENCE: dict[str, str] = {
    "microsoft-365": "Microsoft 365 F1 or F3",
    "google-workspace": "Google Workspace Frontline Starter or Standard",
}

# ISO 3166-1 alpha-2: the 249 officially assigned codes.
COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 (a list literal of 249 strings reads worse)
)


@dataclass(frozen=True)
class Licence:
    """One suite the organisation licenses, in one tier (None: the tier was not said)."""

    suite: str
    tier: str | None = None

    @property
    def text(self) -> str:
        return self.suite if self.tier is None else f"{self.suite}:{self.tier}"

    @property
    def frontline(self) -> bool:
        return self.tier is not None and self.tier in FRONTLINE_TIERS.get(self.suite, ())


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").lower().split())


def parse_licence(text: str) -> Licence:
    """``microsoft-365:e3`` -> ``Licence("microsoft-365", "E3")``; ValueError says why
    not (unknown suite, unknown tier, with the known ones)."""
    from planner.domain.catalog import SUITES as SUITE_IDS

    suite, sep, tier = text.strip().partition(":")
    suite = suite.strip().lower()
    if suite not in SUITE_IDS:
        raise ValueError(f"unknown suite '{suite}' (known: {', '.join(SUITE_IDS)})")
    tier = " ".join(tier.split())
    if not sep:
        return Licence(suite)
    if not tier:
        raise ValueError(f"'{text.strip()}': a tier after ':' (or no ':' at all)")
    known = SUITE_TIERS.get(suite)
    if known is None:
        return Licence(suite, tier[:60])
    for name in known:
        if _key(name) == _key(tier):
            return Licence(suite, name)
    raise ValueError(f"unknown {suite} tier '{tier}' (known: {', '.join(known)})")


def parse_licences(texts: Iterable[str]) -> tuple[Licence, ...]:
    """Each licence once, in the order given."""
    return tuple(dict.fromkeys(parse_licence(t) for t in texts if t.strip()))


def parse_country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper case; ValueError for anything else."""
    code = text.strip().upper()
    if code not in COUNTRIES:
        raise ValueError(
            f"unknown country code '{text.strip()}' (ISO 3166-1 alpha-2, such as DE, FR, US)"
        )
    return code


def parse_countries(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(parse_country(t) for t in texts if t.strip()))


def licensed_suites(licences: Iterable[Licence]) -> set[str]:
    return {lic.suite for lic in licences}
