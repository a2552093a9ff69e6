"""Which directory entry each user of an activity report is, over columns.

Why a module of its own: matching 100,000 users to a staff directory was half the cost
of ``summarise`` once the report was read. A user is found by the key of its UPN, else by
the key of its login (the part before the last ``@``); the keys are ``name_key``s (a staff
file given now) or pseudonyms (the persons already known). Here each key is made and
looked up in C, once, and only where it can be found: a directory with no ``@`` in any
key finds no UPN, and its logins are cut from the report's keys rather than casefolded
again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import and_, is_, is_not, itemgetter

from planner.adapters.sources.activity import ActivityReport


@dataclass(slots=True)
class Matched:
    fulls: list[str]  # each user's key
    locals_: list[str]  # its login's key (where a login's key can matter)
    has_login: list[bool]
    row_keys: list[str]  # the key it is found by (its own when found by neither)
    departments: list[str | None]  # the department found for it


def _by_login(has_login: list[bool], full: list[str | None], local: list[str | None]) -> list[bool]:
    """Which users the directory knows by login only (their UPN unknown, their login
    known): ``full`` and ``local`` are the departments found for each (None: unknown)."""
    unknown = map(is_, full, repeat(None))
    return list(map(and_, unknown, map(and_, has_login, map(is_not, local, repeat(None)))))


def match_users(
    report: ActivityReport,
    pseudonym: Callable[[str], str],
    departments_of: dict[str, str],
    champions: bool,
    by_name: bool,
) -> Matched:
    """Each user's keys and what the directory says of them. ``departments_of`` is keyed
    by ``name_key`` when ``by_name``, else by pseudonym; with ``champions`` every login's
    key is made (a champion may be named by login)."""
    names, size = report.names, len(report.names)
    if by_name:  # name_key of every name (its casefold: names are stripped) and login, in C
        # casefold keeps each "@" and blank where it is (a test checks every character):
        # a login's key is cut from its name's key
        fulls = report.keys
        logins = list(map(itemgetter(0), map(str.rpartition, fulls, repeat("@"))))
        locals_ = list(map(str.strip, logins))
    else:
        logins = list(map(itemgetter(0), map(str.rpartition, names, repeat("@"))))
    # a name without "@" has an empty login: with none empty, every name has one
    every_login = "" not in logins
    at = [True] * size if every_login else list(map(str.__contains__, names, repeat("@")))
    has_login = at
    get = departments_of.get
    if not by_name:  # a login's pseudonym only where it can matter
        fulls = list(map(pseudonym, names))
        known = departments_of.__contains__
        # nobody known (no directory, no person with a department) and no champion: a
        # login's pseudonym would find nothing
        locals_ = fulls if not (departments_of or champions) else [
            pseudonym(login) if at and (champions or not known(full)) else full
            for at, login, full in zip(has_login, logins, fulls, strict=True)
        ]  # fmt: skip
    if by_name and every_login and "@" not in "\0".join(departments_of):
        full_departments: list[str | None] = [None] * size  # no UPN in the directory
    else:
        full_departments = list(map(get, fulls))
    # A directory or a champion may name the account by login rather than by UPN: the
    # login's key when the UPN's is unknown and the login's known. Each key looked up once,
    # its department kept for the count per department.
    row_keys, departments = fulls, full_departments
    unknown = full_departments.count(None)  # users the directory lacks by UPN
    if unknown:
        local_departments = list(map(get, locals_))
        if unknown == size and every_login and None not in local_departments:
            by_login = [True]  # a directory of logins, say
        else:
            by_login = _by_login(has_login, full_departments, local_departments)
        if all(by_login):
            row_keys, departments = locals_, local_departments
        elif any(by_login):
            row_keys = list(map(tuple.__getitem__, zip(fulls, locals_, strict=True), by_login))
            pairs = zip(full_departments, local_departments, strict=True)
            departments = list(map(tuple.__getitem__, pairs, by_login))
    return Matched(fulls, locals_, has_login, row_keys, departments)
