"""Load catalog and plan YAML safely and strictly; dump it deterministically.

Why this exists: catalogs and plans are written by other people (reviewers edit plans in
merge requests), and PyYAML's defaults are wrong for such input:

* the C composer segfaults on ~50,000-deep nesting, the Python one hits RecursionError
  near depth 500;
* anchors and aliases allow "billion laughs" documents that explode when walked;
* tags construct objects (and arbitrary code with an unsafe loader);
* duplicate keys silently keep the last value (yaml/pyyaml#165);
* YAML 1.1 turns ``no`` into False, ``0755`` into 493, ``1:20`` into 80 and dates into
  ``date`` objects behind the schema's back.

How: the parser's event stream (iterative in libyaml and in the pure-Python parser) is
read once and turned straight into plain Python data, checking size, depth, anchors,
aliases, tags, duplicate keys and multiple documents on the way. There is no node tree and
no constructor, so nothing can recurse or execute. Positions are only needed to report
problems, so the path -> position index is built lazily, by reading the events again, the
first time an error needs one. Every problem is an :class:`InputError` located as
``file:line:col`` (1-based), never a traceback.

The package's parts: `loading` (the strict event-based loader), `locating` (node positions
and pydantic errors as ``file:line:col``), `dumping` (deterministic output that reads back
the same) and `rules` (limits and scalar typing, which all three share). Import the public
names from here.
"""

from planner.adapters.yamlsafe.dumping import NotStreamable, dump_yaml, iter_yaml
from planner.adapters.yamlsafe.loading import StrictLoader, load_yaml, load_yaml_file
from planner.adapters.yamlsafe.locating import YamlDocument, pydantic_errors
from planner.adapters.yamlsafe.rules import MAX_BYTES_DEFAULT, MAX_DEPTH_DEFAULT

__all__ = [
    "MAX_BYTES_DEFAULT",
    "MAX_DEPTH_DEFAULT",
    "NotStreamable",
    "StrictLoader",
    "YamlDocument",
    "dump_yaml",
    "iter_yaml",
    "load_yaml",
    "load_yaml_file",
    "pydantic_errors",
]
