"""The one way to the workspace database: engine, tables, repositories and migrations.

Services reach storage only through the modules here (records in, domain objects out);
nothing above this package imports SQLAlchemy or SQLModel or writes SQL, which an
import-linter contract checks (pyproject.toml). Services pass a unit of work around as
``db.Session`` and open one with ``Workspace.read()`` / ``Workspace.write()``.

Two shapes of module, by what they store:

* **Repositories** for records a user edits one at a time (plans, tools, needs, vendor
  reviews, risks; pilots; features, training, champions; activity and readiness; the
  data-protection step and purges): a class named ``…Repository`` built on a session,
  whose methods take and return domain objects (``Repository``, ``PilotRepository``,
  ``RolloutRepository``, ``AdoptionRepository``, ``PrivacyRepository``). A new kind of
  record gets a method on the repository of its area, or a repository of its own.
* **Bulk stores** for evidence, which arrives by the hundred thousand rows: modules of
  functions taking the session first, moving rows with one executemany per chunk and
  never one ORM object per row (``evidence`` hosts and persons, ``imports`` and survey
  answers, ``domains``, ``triage_store``), and the plan file's whole-plan replacement
  (``plan_store``, ``plan_store_adoption``) and workspace copy (``copying``).

Opening a workspace (``db.open_workspace``) checks its schema revision in one SELECT and
upgrades it only as far as the caller's ``schema.Access`` allows; Alembic's revisions live
in ``migrations/`` and are imported only when a workspace needs creating or upgrading.
"""
