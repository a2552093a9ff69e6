"""``python -m planner`` runs the same entry point as the ``planner`` script."""

from planner.cli import main

raise SystemExit(main())
