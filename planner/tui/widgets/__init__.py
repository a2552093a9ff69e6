"""Reusable widgets of the planner TUI."""
