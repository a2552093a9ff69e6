"""The one way to the workspace database: engine, tables, repositories and migrations.

Services reach storage only through the modules here (records in, domain objects out);
nothing above this package writes SQL. Alembic's revisions live in ``migrations/`` and are
imported only when a workspace needs an upgrade.
"""
