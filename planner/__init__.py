"""planner: Gartner's one-year roadmap for enterprise social software, in a terminal.

The package is split so that the command line stays fast and the core stays testable:
``domain`` holds pure rules, ``services`` the use cases, ``adapters`` everything that
touches files and databases, ``cli`` and ``tui`` the two front ends.
"""

__version__ = "0.2.0"
