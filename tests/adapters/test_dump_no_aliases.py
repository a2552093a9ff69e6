"""A dumped plan never holds an anchor or alias, even when records share equal values
(the tool reader hands every tool with the same departments the same tuple): the plan
loader refuses anchors and aliases, so such an export could not be imported back."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_a_large_document_is_written_as_one_dump_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Key by key and chunk by chunk gives exactly the text of one ``yaml.dump``."""
    import sys

    import yaml

    from planner.adapters.yamlsafe import dumping
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_large_plan import large_plan

    monkeypatch.setattr(dumping, "DUMP_CHUNK", 7)
    data = large_plan(100, 10, 30)
    data["empty"] = []
    data["text"] = "a\\nb"
    whole = yaml.dump(
        data,
        Dumper=dumping._Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,
        indent=2,
    )
    assert dump_yaml(data) == whole
