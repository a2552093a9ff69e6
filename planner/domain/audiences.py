"""Audiences: the groups of people the plan must reach, and what reaching them takes.

Why: a ranking that assumes everyone has a desk and a mailbox recommends, for 6,500 store
staff without e-mail, a product they cannot sign in to, and calls it "included in a
licence already paid" when their licence tier does not include it. An audience says how
many people it holds and how they work — frontline (deskless), without a corporate
e-mail, on devices shared by a shift — so the ranking can weigh how much of the
organisation a product reaches, and say which licences the reach needs.

Pure values and labels: no SQLModel (the stored definition is
``domain.records.audience``), so the command line's start-up stays light.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain.records.labels import Shown

# The audience's fields shown to people, in order (its name is the argument of
# ``audience add``). The flags are options both ways (--frontline / --no-frontline).
AUDIENCE_FIELDS: dict[str, Shown] = {
    "people": Shown("People", "how many people it holds", "int", metavar="N"),
    "frontline": Shown("Frontline", "deskless staff: shop floor, stores, plants, field", "flag"),
    "email": Shown("E-mail", "has a corporate mailbox (--no-email: signs in without one)", "flag"),
    "shared_devices": Shown(
        "Shared devices", "reaches tools on a device shared by a shift", "flag"
    ),
    "languages": Shown(
        "Languages", "ISO 639 codes of the languages it reads", "list", metavar="de,pl"
    ),
    "notes": Shown("Notes", "free text"),
}


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    people: int = 0
    frontline: bool = False
    email: bool = True
    shared_devices: bool = False
    languages: tuple[str, ...] = ()
    notes: str = ""
    version: int = field(default=1, compare=False)

    @property
    def mobile_first(self) -> bool:
        """It needs a product made for phones and shared devices, not a desk's browser."""
        return self.frontline or self.shared_devices or not self.email

    @property
    def traits(self) -> str:
        """'frontline, no e-mail, shared devices' (or 'desk staff')."""
        parts = [
            *(["frontline"] if self.frontline else []),
            *(["no e-mail"] if not self.email else []),
            *(["shared devices"] if self.shared_devices else []),
        ]
        return ", ".join(parts) or "desk staff"
