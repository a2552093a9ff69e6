"""Forms of the records the CLI adds or changes — training milestones, features, champions,
pilot KPIs and measurements, activity reports, readiness — one module per kind, each with an
``open_<kind>_form(app_or_screen, plan, record_or_None, on_saved)`` that
:mod:`planner.tui.record_forms` lists."""
