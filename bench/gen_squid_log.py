"""Generate a realistic, deterministic Squid native access log for benchmarks.

The log reader's speed target is stated against mawk on a one-million-line Squid log, so
both sides must read the very same file, and anyone re-running the benchmark must get that
file back byte for byte: everything here comes from one seeded ``random.Random`` and
never from set or dict ordering that depends on hash randomisation.

The traffic mixes what real proxy logs hold: ``CONNECT host:443`` tunnels (most HTTPS),
full URLs (plain HTTP and SSL-bumped HTTPS), the social tools the planner looks for
(Yammer, Viva Engage, Teams, Facebook, LinkedIn, X, Slack, SharePoint, Jive, Workplace…)
among a couple of thousand other hosts with a skewed popularity, ``jdoe42``-style users,
some unauthenticated (``-``) requests known only by client address, a few IPv6 clients,
``DOMAIN%5Cuser`` names, denied requests and ``NONE/000`` error lines.

Usage: ``python bench/gen_squid_log.py OUT --lines N --hosts 2000 --users 3000 --seed 1``
"""

from __future__ import annotations

import argparse
import itertools
import random
import string
from pathlib import Path

SOCIAL_HOSTS = [
    "yammer.com",
    "www.yammer.com",
    "engage.cloud.microsoft",
    "web.yammer.com",
    "teams.microsoft.com",
    "statics.teams.cdn.office.net",
    "www.facebook.com",
    "static.xx.fbcdn.net",
    "scontent.xx.fbcdn.net",
    "www.linkedin.com",
    "media.licdn.com",
    "twitter.com",
    "x.com",
    "abs.twimg.com",
    "slack.com",
    "app.slack.com",
    "files.slack.com",
    "acme.sharepoint.com",
    "acme-my.sharepoint.com",
    "contoso.sharepoint.com",
    "acme.jiveon.com",
    "community.jivesoftware.com",
    "workplace.com",
    "acme.workplace.com",
    "login.salesforce.com",
    "acme.my.salesforce.com",
    "connections.acme-collab.com",
    "www.jamespot.com",
    "acme.jamespot.pro",
    "community.telligent.com",
    "www.workvivo.com",
    "outlook.office365.com",
    "login.microsoftonline.com",
    "www.google.com",
    "www.youtube.com",
]

WORDS = [
    "news",
    "cdn",
    "api",
    "static",
    "img",
    "media",
    "shop",
    "mail",
    "login",
    "assets",
    "data",
    "track",
    "ads",
    "metrics",
    "video",
    "docs",
    "files",
    "portal",
    "app",
    "web",
    "cloud",
    "secure",
    "edge",
    "auth",
    "sync",
    "update",
    "store",
    "blog",
    "forum",
    "wiki",
]
TLDS = ["com", "net", "org", "io", "de", "fr", "co.uk", "eu", "info", "cloud"]
FIRST = "abcdefghijklmnoprstw"
SURNAMES = [
    "doe",
    "smith",
    "martin",
    "bernard",
    "dubois",
    "muller",
    "schmidt",
    "rossi",
    "garcia",
    "lopez",
    "nguyen",
    "kim",
    "patel",
    "jones",
    "brown",
    "wilson",
    "taylor",
    "moreau",
    "laurent",
    "simon",
    "michel",
    "lefebvre",
    "leroy",
    "roux",
    "fournier",
    "weber",
    "wagner",
]
PATHS = [
    "index.html",
    "api/v1/feed",
    "rsrc.php/v3/y4/r/app.js",
    "static/css/main.css",
    "images/logo.png",
    "graphql",
    "messages/threads",
    "search",
    "favicon.ico",
    "sites/hr",
    "_api/web/lists",
    "login",
    "home",
    "profile/photo.jpg",
    "cdn-cgi/trace",
]
MIME = [
    "text/html",
    "application/json",
    "application/javascript",
    "image/png",
    "image/jpeg",
    "text/css",
    "-",
]
START = 1772446530.0  # 2026-03-02 10:15:30 UTC


def _hosts(rng: random.Random, count: int) -> list[str]:
    hosts = list(SOCIAL_HOSTS)
    seen = set(hosts)
    while len(hosts) < count:
        name = (
            f"{rng.choice(WORDS)}{rng.randrange(1000)}.{rng.choice(WORDS)}-"
            + "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randrange(2, 6)))
            + f".{rng.choice(TLDS)}"
        )
        if rng.random() < 0.2:
            name = f"{rng.choice(WORDS)}.{name}"
        if name not in seen:
            seen.add(name)
            hosts.append(name)
    return hosts[:count]


def _users(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(user name, client address) pairs: each user mostly works from one address."""
    users: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(users) < count:
        name = f"{rng.choice(FIRST)}{rng.choice(SURNAMES)}{rng.randrange(1, 100)}"
        if name in seen:
            continue
        seen.add(name)
        if rng.random() < 0.05:
            client = f"2001:db8:{rng.randrange(1, 0xFFFF):x}::{rng.randrange(1, 0xFFFF):x}"
        else:
            client = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        if rng.random() < 0.03:
            name = "ACME%5C" + name
        users.append((name, client))
    return users


def _zipf_weights(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def generate(out: Path, lines: int, hosts: int, users: int, seed: int) -> None:
    """Write ``lines`` Squid native lines to ``out``; same arguments, same bytes."""
    rng = random.Random(seed)
    host_list = _hosts(rng, hosts)
    # Social tools get a place among the popular hosts, not all at the very top.
    popular = host_list[len(SOCIAL_HOSTS) :]
    rng.shuffle(popular)
    order = popular[:15] + host_list[: len(SOCIAL_HOSTS)] + popular[15:]
    host_cum = _zipf_weights(len(order), 0.9)
    user_list = _users(rng, users)
    user_cum = _zipf_weights(len(user_list), 0.6)
    anon_clients = [f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}" for _ in range(200)]
    now = START
    batch: list[str] = []
    with out.open("w", encoding="ascii", newline="\n") as fh:
        for _ in range(lines):
            now += rng.expovariate(20.0)
            elapsed = int(rng.expovariate(1 / 300.0))
            # Completion-time logging with several workers: a line can be a little late.
            stamp = now - (0.05 * rng.random() if rng.random() < 0.02 else 0.0)
            host = rng.choices(order, cum_weights=host_cum)[0]
            user, client = rng.choices(user_list, cum_weights=user_cum)[0]
            roll = rng.random()
            if roll < 0.08:
                user = "-"
                client = rng.choice(anon_clients)
            size = int(rng.lognormvariate(7.5, 1.6))
            kind = rng.random()
            if kind < 0.004:
                batch.append(
                    f"{stamp:.3f} {0:>6} {client} NONE/000 0 NONE "
                    f"error:transaction-end-before-headers - HIER_NONE/- -\n"
                )
                continue
            if kind < 0.70:
                status = "TCP_TUNNEL/200" if kind > 0.02 else "TCP_DENIED/403"
                line = (
                    f"{stamp:.3f} {elapsed:>6} {client} {status} {size} CONNECT "
                    f"{host}:443 {user} HIER_DIRECT/203.0.113.{rng.randrange(1, 255)} -\n"
                )
            else:
                scheme = "https" if kind < 0.88 else "http"
                path = rng.choice(PATHS)
                query = f"?id={rng.getrandbits(24):x}" if rng.random() < 0.3 else ""
                method = "GET" if rng.random() < 0.85 else "POST"
                status = rng.choice(
                    (
                        "TCP_MISS/200",
                        "TCP_MISS/200",
                        "TCP_HIT/200",
                        "TCP_MISS/304",
                        "TCP_REFRESH_MODIFIED/200",
                    )
                )
                line = (
                    f"{stamp:.3f} {elapsed:>6} {client} {status} {size} {method} "
                    f"{scheme}://{host}/{path}{query} {user} "
                    f"HIER_DIRECT/198.51.100.{rng.randrange(1, 255)} {rng.choice(MIME)}\n"
                )
            batch.append(line)
            if len(batch) >= 10000:
                fh.write("".join(batch))
                batch.clear()
        fh.write("".join(batch))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    generate(args.out, args.lines, args.hosts, args.users, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
