"""Every ``planner …`` line of the README's ``sh`` blocks pastes into bash and works
(a user copies them, so a stale one is a bug): run in order, against a scratch workspace,
with small stand-ins for the files the examples name.

bash reads each line as pasted (quotes, ``~``, ``$PLANNER_DB``, redirections) with
``planner`` defined as a function that hands back the arguments it was given; the command
then runs through the entry point, ``planner.cli.main(argv)``, in this process (as
tests/cli/test_cli.py's ``planner`` does): some 80 interpreter start-ups were most of this
test's time. tests/cli/test_cli.py and tests/test_packaging.py run the installed script
itself."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

from tests.cli.test_cli import planner
from tests.conftest import ROOT

# Lines not run, each with the reason.
SKIPPED = {
    "planner": "opens the TUI",
    "planner demo": "opens the TUI on the demo (planner demo --no-tui is run)",
    'planner workspace copy ~/.local/share/planner/workspace.sqlite "$PLANNER_DB"':
        "needs a PostgreSQL server (tests/services/test_workspace_copy.py)",
    'planner workspace copy "$PLANNER_DB" backup.sqlite':
        "needs a PostgreSQL server (tests/services/test_workspace_copy.py)",
}  # fmt: skip
EXIT_1 = (
    "planner plan diff ",  # documented: exit 1 when the files differ
    "planner catalog audit --format json --strict",  # exit 1 on warnings
)


def readme_commands() -> list[str]:
    """Every ``planner`` command of the README's sh blocks, ``\\`` continuations joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S):
        joined = re.sub(r"\\\n\s*", "", block)
        commands += [line for line in joined.splitlines() if re.match(r"planner\b", line)]
    return commands


def _without_comment(line: str) -> str:
    return re.sub(r"\s+#.*$", "", line).strip()


def _stand_ins(cwd: Path) -> None:
    hosts = ["collab.example.com", "ideas.acme.example", "news.example.org", "www.jiveon.com"]
    log = "".join(
        f"{1798000000 + i}.000 12 10.0.0.{i % 7} TCP_TUNNEL/200 4000 CONNECT {host}:443 "
        f"user{i % 7} HIER_DIRECT/203.0.113.9 -\n"
        for i, host in enumerate(hosts * 5)
    )
    (cwd / "access.log.gz").write_bytes(gzip.compress(log.encode()))
    for day, lines in (("01", log.splitlines(True)[:10]), ("02", log.splitlines(True)[10:])):
        (cwd / f"access.log-202611{day}.gz").write_bytes(gzip.compress("".join(lines).encode()))
    (cwd / "proxy.log").write_text(log, encoding="utf-8")
    (cwd / "staff.csv").write_text(
        "user,department\n" + "".join(f"user{i},R&D\n" for i in range(7)), encoding="utf-8"
    )
    (cwd / "enquete.csv").write_bytes(
        "Service;Outil;Officiel;Utilisateurs;Commentaires\nR&D;Yammer;non;40;très utilisé\n".encode(
            "cp1252"
        )
    )
    logs = ROOT / "tests" / "data" / "logs"
    for sample, name in (
        ("entra_signins.json", "signins.json"),
        ("zeek_dns.log", "dns.log"),
        ("aggregate.csv", "aggregate.csv"),
        ("netskope.csv", "web-events.csv"),
    ):
        (cwd / name).write_bytes((logs / sample).read_bytes())
    # Activity reports as the platforms write them (BOM, CRLF; user principal names).
    at = chr(64)
    header = (
        "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,"
        "Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period"
    )
    for name, day, active in (("engage-january.csv", "2027-02-01", 2),
                              ("VivaEngageActivityUserDetail.csv", "2027-02-14", 5)):  # fmt: skip
        rows = [
            f'{day},user{i}{at}acme.example,"User, {i}",Active,,{day if i < active else ""},'
            f"{i},{2 * i},0,E3,7"
            for i in range(7)
        ]
        (cwd / name).write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig"))
    (cwd / "members.csv").write_text(
        "Name,Email,Account type,Days active,Messages posted,Last active (UTC)\n"
        + "".join(f"U{i},user{i},Member,3,{i},2027-02-{8 + i:02d}\n" for i in range(7)),
        encoding="utf-8",
    )
    (cwd / "procurement.csv").write_bytes(
        "Produit;Licences;Montant annuel;Devise;Début;Fin;Préavis\r\n"
        "Yammer;150;9 000,00;EUR;2026-09-01;2027-08-31;60\r\n".encode("cp1252")
    )
    (cwd / "lms-export.csv").write_text(
        "milestone,trained,date\nsales-training,60,2027-03-01\n", encoding="utf-8"
    )


def _review(cwd: Path) -> None:
    """A reviewer's copy of the export, with one change."""
    exported = (cwd / "plans" / "acme-2027.yaml").read_text(encoding="utf-8")
    reviewed = re.sub(r"organisation: Acme\b", "organisation: Acme Corp", exported, count=1)
    assert reviewed != exported
    (cwd / "reviewed.yaml").write_text(reviewed, encoding="utf-8")


# What bash runs before each pasted line: ``planner`` writes its arguments (NUL-separated,
# preceded by their count) to the pipe on descriptor FD, whatever the line redirects.
_CAPTURE = 'planner() {{ printf "%s\\0" "$#" "$@" >&{fd}; }}\n'
_PLANNER_ENV = ("PLANNER_DB", "HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                "PLANNER_TODAY")  # fmt: skip


def _as_pasted(line: str, cwd: Path, env: dict[str, str]) -> list[str]:
    """The arguments bash gives ``planner`` when ``line`` is pasted (exactly one call)."""
    read, write = os.pipe()
    try:
        done = subprocess.run(
            ["bash", "-c", _CAPTURE.format(fd=write) + line],
            cwd=cwd,
            env=env,
            pass_fds=(write,),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        os.close(write)
        write = -1
        with os.fdopen(read, "rb") as pipe:
            read = -1
            fields = pipe.read().decode("utf-8").split("\0")[:-1]
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
    assert done.returncode == 0, f"{line}\n{done.stderr}"
    assert fields and int(fields[0]) == len(fields) - 1, f"not one planner call: {line}"
    return fields[1:]


def test_the_readme_lists_commands_and_skips_only_known_lines() -> None:
    commands = [_without_comment(c) for c in readme_commands()]
    assert len(commands) > 50
    assert set(SKIPPED) <= set(commands)
    for line in readme_commands():
        assert "[" not in _without_comment(line), f"not pasteable (brackets): {line}"


def test_every_readme_example_runs(tmp_path: Path) -> None:
    cwd = tmp_path / "work"
    cwd.mkdir()
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PLANNER_DB": str(tmp_path / "workspace.sqlite"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PLANNER_TODAY": "2027-02-15",
        "COLUMNS": "120",
    }
    _stand_ins(cwd)
    ran = 0
    for line in readme_commands():
        if _without_comment(line) in SKIPPED:
            continue
        if "reviewed.yaml" in line and not (cwd / "reviewed.yaml").exists():
            _review(cwd)
        argv = _as_pasted(line, cwd, env)
        out = planner(*argv, cwd=cwd, env={k: env[k] for k in _PLANNER_ENV})
        expected = 1 if line.startswith(EXIT_1) else 0
        assert out.returncode == expected, f"{line}\n{out.stderr[-2000:]}"
        ran += 1
    assert ran == len(readme_commands()) - len(SKIPPED)
