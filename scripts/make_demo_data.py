"""Regenerate the demo company's evidence files shipped in ``planner/demo_data``.

    python scripts/make_demo_data.py

Hexaline Industries is fictional, and so are its people: user names are made from
invented initials and surnames. The output is deterministic (fixed seed, gzip without a
timestamp) so regenerating gives the same bytes. Two weeks of Squid proxy log, a staff
directory (user -> department) and a survey.

The fortnight is early May 2026, the Discover month of a plan started in late April: the
traffic looks like 2026's — HTTPS through CONNECT tunnels to the services' real host
names, plain HTTP only for certificate checks (OCSP) — and Workplace from Meta still
answers, as it did until Meta deleted it on 1 June 2026.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "planner" / "demo_data"
START = 1_777_852_800  # 2026-05-04 00:00 UTC: the demo plan's Discover month
WORKPLACE_DELETED = 1_780_272_000  # 2026-06-01 00:00 UTC: no Workplace traffic after it
DAYS = 14
DEPARTMENTS = {
    "R&D": 120,
    "Sales": 90,
    "Marketing": 45,
    "Customer Service": 60,
    "HR": 25,
    "IT": 35,
    "Finance": 30,
    "Operations": 95,
}
SURNAMES = [
    "martin",
    "bernard",
    "dubois",
    "thomas",
    "robert",
    "richard",
    "petit",
    "durand",
    "leroy",
    "moreau",
    "simon",
    "laurent",
    "lefebvre",
    "michel",
    "garcia",
    "david",
    "bertrand",
    "roux",
    "vincent",
    "fournier",
    "morel",
    "girard",
    "andre",
    "mercier",
    "dupont",
    "lambert",
    "bonnet",
    "francois",
    "martinez",
    "legrand",
    "muller",
    "weber",
]

# host group -> (hosts, share of each department's people who use it)
EVERYONE = dict.fromkeys(DEPARTMENTS, 0.0)
USAGE: dict[str, tuple[list[str], dict[str, float]]] = {
    "sharepoint": (
        ["hexaline.sharepoint.com", "hexaline-my.sharepoint.com"],
        dict.fromkeys(DEPARTMENTS, 0.9),
    ),
    "teams": (["teams.microsoft.com", "teams.cloud.microsoft"], dict.fromkeys(DEPARTMENTS, 0.6)),
    "engage": (
        ["www.yammer.com", "engage.cloud.microsoft"],
        {**dict.fromkeys(DEPARTMENTS, 0.05), "R&D": 0.45, "Sales": 0.35},
    ),
    "jive": (["hexaline.jiveon.com"], {**EVERYONE, "R&D": 0.3, "Operations": 0.05}),
    "facebook": (
        ["www.facebook.com", "static.xx.fbcdn.net"],
        {**dict.fromkeys(DEPARTMENTS, 0.15), "Marketing": 0.85, "Customer Service": 0.55},
    ),
    "linkedin": (
        ["www.linkedin.com", "static.licdn.com"],
        {**dict.fromkeys(DEPARTMENTS, 0.2), "HR": 0.9, "Sales": 0.75},
    ),
    "x": (["x.com", "abs.twimg.com"], {**dict.fromkeys(DEPARTMENTS, 0.04), "Marketing": 0.5}),
    "slack": (
        ["hexaline.slack.com", "app.slack.com", "a.slack-edge.com"],
        {**EVERYONE, "R&D": 0.2, "IT": 0.45},
    ),
    "workplace": (["hexaline.workplace.com"], {**EVERYONE, "Operations": 0.2}),
    "ideas": (
        ["ideas.hexaline.example"],
        {**dict.fromkeys(DEPARTMENTS, 0.05), "R&D": 0.4, "Operations": 0.3},
    ),
    "trello": (["trello.com"], dict.fromkeys(DEPARTMENTS, 0.12)),
    "notion": (["www.notion.so"], {**EVERYONE, "R&D": 0.15, "Marketing": 0.1}),
    "miro": (["miro.com"], {**dict.fromkeys(DEPARTMENTS, 0.03), "R&D": 0.12}),
    "news": (["www.lemonde.fr"], dict.fromkeys(DEPARTMENTS, 0.3)),
    # The long tail Discover leaves: a host too little used to be worth a decision yet.
    "tail": (["www.doctolib.fr"], dict.fromkeys(DEPARTMENTS, 0.02)),
    "updates": (["update.microsoft.com"], dict.fromkeys(DEPARTMENTS, 0.5)),
    "ocsp": (["ocsp.digicert.com"], dict.fromkeys(DEPARTMENTS, 0.4)),  # plain HTTP in 2026
}
PLAIN_HTTP = {"ocsp.digicert.com"}

SURVEY = [
    (
        "Marketing",
        "Facebook",
        "yes",
        "visibility-brand; customer-relations",
        40,
        "Company page and ads",
    ),
    ("Marketing", "Twitter", "don't know", "visibility-brand", 20, ""),
    ("Customer Service", "Facebook", "no", "customer-relations", 30, "Answering customers"),
    ("R&D", "Yammer", "no", "internal-sharing; expertise-location", 60, "Ask the experts group"),
    ("Sales", "Yammer", "no", "internal-sharing", 25, ""),
    ("R&D", "Jive", "yes", "knowledge-management; project-coordination", 40, ""),
    ("HR", "LinkedIn", "yes", "recruiting", 20, "Recruiting campaigns"),
    ("Sales", "LinkedIn", "don't know", "social-selling; customer-relations", 70, ""),
    ("IT", "Slack", "no", "project-coordination", 15, "On-call channel"),
    ("Operations", "Workplace from Meta", "no", "internal-sharing", 18, "Plant news"),
    ("Operations", "Hexaline Ideas Box", "yes", "innovation", 30, "Home-made"),
]


def _people(rng: random.Random) -> list[tuple[str, str]]:
    people, seen = [], set()
    for department, count in DEPARTMENTS.items():
        while count:
            name = f"{rng.choice('abcdefghijklmnoprstv')}.{rng.choice(SURNAMES)}"
            if name in seen:
                name = f"{name}{rng.randint(2, 9)}"
            if name in seen:
                continue
            seen.add(name)
            people.append((name, department))
            count -= 1
    return people


def _log(rng: random.Random, people: list[tuple[str, str]]) -> bytes:
    lines = []
    for index, (user, department) in enumerate(people):
        address = f"10.20.{index // 250}.{index % 250 + 2}"
        for hosts, shares in USAGE.values():
            if rng.random() >= shares.get(department, 0.0):
                continue
            for _ in range(rng.randint(2, 25)):
                ts = START + rng.uniform(0, DAYS * 86400)
                host = rng.choice(hosts)
                size = rng.randint(300, 90_000)
                assert not (host.endswith("workplace.com") and ts >= WORKPLACE_DELETED)
                if host in PLAIN_HTTP:
                    request = f"GET http://{host}/MFEwTzBNMEswSTAJBgUrDgMCGgUABBQ"
                    result = "TCP_MISS/200"
                    size = rng.randint(400, 2_000)
                else:
                    request = f"CONNECT {host}:443"
                    result = "TCP_TUNNEL/200"
                who = user if rng.random() > 0.03 else "-"
                lines.append(
                    (
                        ts,
                        f"{ts:.3f} {rng.randint(5, 900):6d} {address} {result} "
                        f"{size} {request.replace(' ', ' ', 1)} {who} "
                        f"HIER_DIRECT/203.0.113.{rng.randint(1, 254)} -",
                    )
                )
    lines.sort()
    text = "\n".join(line for _, line in lines) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as fh:
        fh.write(text.encode())
    return buffer.getvalue()


def main() -> None:
    rng = random.Random(2027)
    people = _people(rng)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hexaline-proxy.log.gz").write_bytes(_log(rng, people))
    with (OUT / "hexaline-directory.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["login", "department"])
        writer.writerows(people)
    with (OUT / "hexaline-survey.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["department", "tool", "official", "purposes", "users", "comments"])
        writer.writerows(SURVEY)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
