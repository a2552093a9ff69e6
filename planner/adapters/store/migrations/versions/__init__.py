"""One module per schema revision; Alembic loads them by path (this file it skips).

Revisions are frozen: once released, a revision's DDL never changes, even when
``planner/adapters/store/tables.py`` moves on, because it describes what older workspaces hold.
"""
