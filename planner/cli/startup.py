"""Start-up of a ``planner`` process: no cyclic garbage collection while modules load.

Loading SQLAlchemy, SQLModel, pydantic and the planner makes some 80,000 objects that
live as long as the process, and next to no garbage. CPython's cyclic collector cannot know
that: as the heap grows it runs full collections, each walking every object, and one more at
exit. That was about a quarter of a read-only command's time (``plan list``, measured
with ``bench/bench_cli_startup.py``; see docs/benchmarks.md). So a command *process* (the
``planner`` script or ``python -m planner``; not a test calling ``main(argv)`` in-process):

* turns the collector off when it starts (:func:`begin`);
* once the command has imported what it needs and is about to open the workspace
  (:func:`settled`, called where the command makes its :class:`Planner`), moves every live
  object to the permanent generation (``gc.freeze``) and turns the collector back on, so
  long work — an import, the TUI — is collected as usual without walking the start-up heap;
* at exit (:func:`end`), once the command has closed its workspace, freezes again so that
  the interpreter's final collection does not walk the heap once more. The interpreter
  still tears modules down, flushes the standard streams and runs ``atexit`` handlers.

A command that never opens a workspace (``--help``, ``catalog validate DIR``) is short and
runs without the collector; reference counting still frees everything that is not a cycle.
"""

from __future__ import annotations

import gc

_state = {"active": False}


def begin() -> None:
    """This process is a planner command: collect nothing while modules load."""
    _state["active"] = True
    gc.disable()


def settled() -> None:
    """Imports are done: keep what start-up made out of the collector's way, collect again."""
    if _state["active"] and not gc.isenabled():
        gc.freeze()
        gc.enable()


def end() -> None:
    """The command is over: spare the interpreter a final walk over every object."""
    if _state["active"]:
        _state["active"] = False
        gc.freeze()
