"""Evidence from every discovery source lands on the right catalog product: an Entra ID
sign-in log as Microsoft Graph writes it, a Squid access log, and a cloud-security export.

Application names match a product's declared ``discovery.apps`` names and ids, and also
its name and aliases, ignoring case and accents; hosts match a discovery domain or any
sub-domain of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planner.bootstrap import Planner
from planner.domain import catalog_schema
from planner.domain.catalog import Catalog, Category, Product, VendorStatus
from planner.services.discover import import_file
from planner.services.discover.triage import list_hosts
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.conftest import DATA

LOGS = DATA / "logs"

# The 30 hosts of tests/data/logs/proxy_30_hosts.squid.log and the product each belongs to.
# The code branch ships the first six products; the others come with the catalog data, and
# each is checked as soon as the catalog holds it (an absent product must not be matched
# to another one in the meantime).
PROXY_HOSTS = {
    "contoso.sharepoint.com": "sharepoint",
    "contoso-my.sharepoint.com": "sharepoint",
    "contoso.workvivo.com": "workvivo",
    "contoso.jiveon.com": "jive",
    "teams.microsoft.com": "microsoft-teams",
    "teams.live.com": "microsoft-teams-free",
    "web.whatsapp.com": "whatsapp",
    "contoso.staffbase.com": "staffbase",
    "app.beekeeper.io": "beekeeper",
    "contoso.simpplr.com": "simpplr",
    "app.happeo.com": "happeo",
    "www.notion.so": "notion",
    "miro.com": "miro",
    "trello.com": "trello",
    "contoso.cloud.mattermost.com": "mattermost",
    "contoso.rocket.chat": "rocket-chat",
    "contoso.zoom.us": "zoom-workplace",
    "contoso.webex.com": "webex",
    "app.element.io": "element",
    "app.wire.com": "wire",
    "web.telegram.org": "telegram",
    "discord.com": "discord",
    "www.xing.com": "xing",
    "www.tiktok.com": "tiktok",
    "bsky.app": "bluesky",
    "mastodon.social": "mastodon",
    "sites.google.com": "google-sites",
    "loop.cloud.microsoft": "microsoft-loop",
    "app.getguru.com": "guru",
    "contoso.bloomfire.com": "bloomfire",
}
SHIPPED_HERE = {"sharepoint", "workvivo", "jive", "microsoft-teams", "microsoft-teams-free"}


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def _tools(planner: Planner) -> dict[str, Any]:
    return {t.slug: t for t in list_tools(planner.workspace, "acme")}


def test_graph_sign_ins_land_on_sharepoint_workvivo_and_jive(planner: Planner, plan: str) -> None:
    result = import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, plan,
        LOGS / "entra_signins_tenant.json",
    )  # fmt: skip
    assert result.format == "entra-signins"
    assert set(result.new_tools) == {
        "sharepoint", "workvivo", "jive", "microsoft-teams", "viva-engage",
    }  # fmt: skip
    tools = _tools(planner)
    # "Office 365 SharePoint Online" (2 people) and the web-client extension (1): one product;
    # a failed sign-in is an attempt, not a user
    sharepoint = tools["sharepoint"]
    assert (sharepoint.log_users, sharepoint.blocked) == (3, 1)
    assert tools["workvivo"].log_users == 2  # by its alias
    assert tools["jive"].log_users == 2  # "Jive" and "JIVE"
    # an empty display name: matched by the Microsoft first-party id alone
    assert tools["microsoft-teams"].log_users == 2
    hosts, total = list_hosts(planner.workspace, "acme")
    assert total == 1 and hosts[0].host == "app:Contoso Expenses"


def test_a_cloud_security_export_matches_names_and_aliases(planner: Planner, plan: str) -> None:
    import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, plan,
        LOGS / "casb_apps.csv", profile="netskope",
    )  # fmt: skip
    tools = _tools(planner)
    assert {"sharepoint", "workvivo", "jive"} <= tools.keys()
    hosts, _ = list_hosts(planner.workspace, "acme")
    assert [h.host for h in hosts] == ["app:Kudos Board"]


def test_a_proxy_log_of_30_hosts_lands_on_the_right_products(planner: Planner, plan: str) -> None:
    assert len(PROXY_HOSTS) == 30
    assert set(planner.catalog.products) >= SHIPPED_HERE
    result = import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, plan,
        LOGS / "proxy_30_hosts.squid.log",
    )  # fmt: skip
    assert result.format == "squid" and result.skipped == 0
    expected = {p for p in PROXY_HOSTS.values() if p in planner.catalog.products}
    assert set(_tools(planner)) == expected
    unmatched = {h.host for h in list_hosts(planner.workspace, "acme", limit=100)[0]}
    assert unmatched == {h for h, p in PROXY_HOSTS.items() if p not in expected}


def _product(
    pid: str, name: str, aliases: tuple[str, ...] = (), **apps: tuple[str, ...]
) -> Product:
    return catalog_schema.product(
        {
            "id": pid, "name": name, "vendor": "V", "category": Category.INTERNAL,
            "summary": "s", "aliases": aliases, "discovery": {"apps": apps},
            "strategy": {"status": VendorStatus.ACTIVE, "owner": "V"},
        }
    )  # fmt: skip


def test_application_names_fold_case_accents_and_marks() -> None:
    catalog = Catalog(
        [],
        [
            _product("equipe", "Équipe Sociale", ("Réseau d'équipe",)),
            _product("yammer", "Yammer"),
            _product("engage", "Viva Engage", names=("Yammer",), ids=("00000005-AB",)),
        ],
    )
    apps = catalog.apps()
    from planner.domain.catalog import fold_app

    assert apps[fold_app("EQUIPE SOCIALE")] == "equipe"
    assert apps[fold_app("reseau d'equipe")] == "equipe"
    assert apps[fold_app("Équipe\u00a0Sociale™")] == "equipe"
    # a name another product declares wins over a product's own name
    assert apps[fold_app("yammer")] == "engage"
    assert apps[fold_app("00000005-ab")] == "engage"
