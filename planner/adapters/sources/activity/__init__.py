"""Activity reports of collaboration platforms: who was active, posted and read, per user.

Why a package of its own: pilot KPIs and rollout adoption rest on the platforms' own usage
reports (Microsoft 365 "user detail" reports for Viva Engage, Teams and SharePoint, Slack's
member analytics, a generic CSV), not on counts typed in by hand. The readers here turn a
report into per-user rows in memory; user principal names never leave this process: the
services pseudonymise them with the workspace key and store aggregates only.
"""

from planner.adapters.sources.activity.formats import FORMATS
from planner.adapters.sources.activity.reader import ActivityReport, UserActivity, read_activity
from planner.adapters.sources.csv_input import no_cycle_collection

__all__ = ["FORMATS", "ActivityReport", "UserActivity", "no_cycle_collection", "read_activity"]
