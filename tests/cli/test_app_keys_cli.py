"""Applications from sign-in logs are keyed by their name as the identity provider shows
it, case and accents kept (``app:Zoë's Wiki``); map, custom, ignore and undecide find
them spelled as ``discover hosts`` lists them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import planner


def _signins(tmp_path: Path) -> Path:
    records = [
        {
            "createdDateTime": f"2026-11-0{day}T08:00:00Z",
            "userPrincipalName": f"user{day}@contoso.example",
            "appDisplayName": name,
            "appId": f"{day:08d}-1111-2222-3333-444444444444",
            "status": {"errorCode": 0},
        }
        for day, name in enumerate(["Zoë's Wiki", "ÉTAT Board", "Zoë's Wiki", "Kudos"], 1)
    ]
    path = tmp_path / "signins.json"
    path.write_text(json.dumps({"value": records}, ensure_ascii=False), encoding="utf-8")
    return path


def test_applications_are_found_as_listed(workspace_db: str, tmp_path: Path) -> None:
    db = workspace_db
    assert planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04").returncode == 0
    assert planner("discover", "import", str(_signins(tmp_path)), "--db", db).returncode == 0
    listed = planner("discover", "hosts", "--db", db, "--format", "json")
    assert {row["host"] for row in json.loads(listed.stdout)} >= {
        "app:Zoë's Wiki",
        "app:ÉTAT Board",
    }
    out = planner("discover", "custom", "app:Zoë's Wiki", "--name", "Zoë's Wiki", "--db", db)
    assert out.returncode == 0, out.stderr
    out = planner("discover", "undecide", "app:Zoë's Wiki", "--db", db)
    assert out.returncode == 0, out.stderr
    out = planner("discover", "ignore", "app:ÉTAT Board", "--db", db)
    assert out.returncode == 0, out.stderr
    out = planner("discover", "map", "app:Kudos", "slack", "--db", db)
    assert out.returncode == 0, out.stderr
    left = {
        row["host"]
        for row in json.loads(planner("discover", "hosts", "--db", db, "--format", "json").stdout)
    }
    assert "app:Zoë's Wiki" in left and "app:ÉTAT Board" not in left and "app:Kudos" not in left
    # another case is another application: refused, not mistaken
    out = planner("discover", "ignore", "app:zoë's wiki", "--db", db)
    assert out.returncode == 2 and "no host" in out.stderr and "Traceback" not in out.stderr
