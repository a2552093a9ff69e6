"""A Squid log of every flavour of line (native, common, garbage, blanks, 407s, bytes that
are not UTF-8, a last line without its newline): shared by the reader tests that compare
several processes with one."""

from __future__ import annotations

import random
from pathlib import Path


def big_squid(path: Path, lines: int = 40_000, seed: int = 7) -> Path:
    """A Squid log of every flavour of line, several megabytes, deterministic."""
    rng = random.Random(seed)
    hosts = ["www.yammer.com", "slack.com", "x.com", "static.xx.fbcdn.net", "a.example"]
    users = ["jdoe42", "-", "ACME%5Cmary", "b\xc3\xa9a".encode().decode("latin-1"), "-"]
    out: list[bytes] = []
    for n in range(lines):
        when = 1772446530 + n * 0.25 - rng.random()
        name = rng.choice(hosts)
        user = rng.choice(users).encode("latin-1")
        client = rng.choice([b"10.0.0.%d" % rng.randrange(9), b"2001:db8::%x" % rng.randrange(9)])
        roll = rng.random()
        if roll < 0.02:
            out.append(b"garbage %d" % n)
        elif roll < 0.03:
            out.append(b"")
        elif roll < 0.04:
            out.append(
                b"%.3f 0 %s NONE/000 0 NONE error:invalid-request - HIER_NONE/- -" % (when, client)
            )
        elif roll < 0.06:
            out.append(
                b'%s - %s [02/Mar/2026:10:%02d:%02d +0000] "GET http://%s/x HTTP/1.1" 200 %d '
                b"TCP_MISS:HIER_DIRECT" % (client, user, n % 60, n % 59, name.encode(), n)
            )
        elif roll < 0.07:
            out.append(
                b"%.3f 5 %s TCP_MISS/200 9 GET http://bad\xff.example/ x HIER/- -\r"
                % (when, client)
            )
        elif roll < 0.5:
            out.append(
                b"%.3f %6d %s TCP_TUNNEL/200 %d CONNECT %s:443 %s HIER_DIRECT/1.2.3.4 -"
                % (when, n % 999, client, n % 5000, name.encode(), user)
            )
        else:
            out.append(
                b"%.3f %6d %s TCP_MISS/200 %d GET https://%s/p/%d?q=%d %s HIER_DIRECT/1.2.3.4 "
                b"text/html" % (when, n % 999, client, n % 7000, name.upper().encode(), n, n, user)
            )
    path.write_bytes(b"\n".join(out) + b"\n1772446530.000 12 10.0.0.1 TCP_TUNNEL/200 99 CONNECT sl")
    return path
