"""Diff of two plan files on hand-made pairs."""

from planner.domain.plan_diff import Change, diff_plans, show

OLD = {
    "schema": "planner.plan/1",
    "plan": {"name": "acme", "owner": None, "start": "2027-01-04"},
    "tools": [
        {"id": "yammer", "status": "unofficial", "departments": ["R&D"]},
        {"id": "slack", "status": "unofficial"},
    ],
    "needs": {"capabilities": {"wiki": 3}},
    "champions": [{"department": "Sales", "name": "A.M."}],
}


def test_equal_files_have_no_changes() -> None:
    assert diff_plans(OLD, OLD) == []


def test_added_removed_and_changed_by_section_and_id() -> None:
    new = {
        **OLD,
        "plan": {"name": "acme", "owner": "CIO", "start": "2027-01-04"},
        "tools": [
            {"id": "yammer", "status": "official", "departments": ["R&D", "Sales"]},
            {"id": "jive", "status": "official"},
        ],
        "needs": {"capabilities": {"wiki": 5, "blogs": 2}},
        "champions": [{"department": "Sales", "name": "B.K."}],
    }
    assert diff_plans(OLD, new) == [
        Change("plan", "plan", "changed", "owner", None, "CIO"),
        Change("tools", "yammer", "changed", "status", "unofficial", "official"),
        Change("tools", "yammer", "changed", "departments", ["R&D"], ["R&D", "Sales"]),
        Change("tools", "slack", "removed"),
        Change("tools", "jive", "added"),
        Change("needs", "needs", "changed", "capabilities.wiki", 3, 5),
        Change("needs", "needs", "changed", "capabilities.blogs", None, 2),
        Change("champions", "Sales / A.M.", "removed"),
        Change("champions", "Sales / B.K.", "added"),
    ]


def test_show_values() -> None:
    assert show(None) == "—"
    assert show(["a", 1]) == "[a, 1]"
    assert show({"k": None}) == "{k: —}"
