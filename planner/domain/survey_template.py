"""The blank survey ``planner discover template`` writes: the columns the survey import
reads (``services/discover/survey.py``) and the plan's purposes, with commented examples.

Apart from the import so that writing the template loads none of it (nor the database).
"""

from __future__ import annotations

from planner.domain.plan import PURPOSES

# Its examples are comment lines (``#``), skipped on import: the template imported as it is
# imports nothing, never three invented answers.
SURVEY_TEMPLATE = (
    "department,tool,official,purposes,users,comments\n"
    "# One row per department and tool. Lines starting with # are skipped on import.\n"
    "# official: yes / no / don't know. purposes: ids separated by ; among: "
    + " ".join(PURPOSES)
    + "\n"
    "# Examples (delete them or leave them):\n"
    "# Marketing,Facebook,yes,visibility-brand; customer-relations,12,Company page\n"
    "# R&D,Yammer,no,internal-sharing; expertise-location,40,\n"
    "# Sales,LinkedIn,don't know,social-selling,25,\n"
)
