"""A dumped plan never holds an anchor or alias, even when records share equal values
(the tool reader hands every tool with the same departments the same tuple): the plan
loader refuses anchors and aliases, so such an export could not be imported back."""

from __future__ import annotations

import datetime as dt

from planner.adapters.yamlsafe import dump_yaml, load_yaml


def test_shared_values_are_written_out_each_time() -> None:
    departments = ("IT", "Sales")
    seen = dt.date(2026, 11, 30)
    shared = ["a", "b"]
    data = {"tools": [{"id": f"t{i}", "departments": departments, "seen": seen, "x": shared}
                      for i in range(3)]}  # fmt: skip
    text = dump_yaml(data)
    assert "&" not in text and "*" not in text
    assert text.count("- IT") == 3
    loaded = load_yaml(text, source="test.yaml").data
    assert [t["departments"] for t in loaded["tools"]] == [["IT", "Sales"]] * 3
