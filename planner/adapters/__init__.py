"""Everything that touches the world outside the domain, grouped by role.

- ``store/``: the workspace database (engine, tables, repositories, migrations);
- ``sources/``: readers of evidence files and their format registry;
- ``render/``: SVG, the HTML template and spreadsheet CSV;
- here: the catalog and plan files (``catalog_files``, ``plan_schema``, ``yamlsafe/``),
  the shipped infrastructure list and atomic file writes (``files``).
"""
