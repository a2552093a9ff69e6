"""One definition per record: the fields a reviewer can see and edit, written down once.

Each record kind (a tool, a pilot and its KPIs and measurements, a feature, a training
milestone, a champion, a readiness assessment, a vendor review, a risk, a triage rule, the
data-protection step) is a SQLModel model here, without ``table=True``. From it come:

* the table (``adapters/store/tables``): a class with ``table=True`` that adds what only
  storage needs — the row id, the plan, a version, evidence counts;
* the plan-file entry (``adapters/plan_schema``): adds the file's key and computed values,
  and validates (table models never validate: they are built from validated values). It is
  built on the definitions' plain pydantic copies (``plain/``, generated from this package's
  source by ``scripts/make_plain_records.py``), so that validating a file loads neither
  SQLModel nor SQLAlchemy;
* the repository mapping (``values``): row <-> domain object by the definition's fields;
* the file's sections (``services/plan_file``) and the import's merge, which work on the
  entries' fields;
* the labels and help of forms and options (``shown``).

Why here, in the domain: both the domain's users (services, forms, the CLI) and the
adapters need these classes, and adapters may import the domain but not the reverse. The
definitions import only SQLModel and pydantic (and the domain's enums); they describe
values, not storage — a column type appears only where a value needs one (a list is JSON,
an enum a plain text column). The domain's behaviour stays in its dataclasses
(``domain.pilots.Pilot`` and friends), which this package does not replace.
"""
