"""The entry point called in the test's process, with pytest's captured streams: what the
CLI tests that only look at exit code, stdout and stderr share."""

from __future__ import annotations

import pytest

from planner.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``planner ARGS``: (exit code, stdout, stderr)."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err
