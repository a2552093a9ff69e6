"""``planner catalog new ID``: a product file with every field, each with a comment.

Why: a contributor should not have to read the models to know what a product file holds,
nor guess what counts as a source. The skeleton loads as it is written (so ``catalog
validate`` checks it while it is being filled in), and its ``TODO`` values are errors for
``catalog audit`` until each is replaced by a fact or removed — never left as a guess.
"""

from __future__ import annotations

from pathlib import Path

from planner.errors import InputError

SKELETON = """\
# A product of the catalog: one file per product, in its family's folder
# (enterprise-social/, employee-comms/, frontline/, sovereign/, suite-companions/, ...).
# Every fact carries its own date and source. Unknown stays unknown: leave a field out
# rather than guess. Replace each TODO or remove its line, then run
# 'planner catalog validate DIR' and 'planner catalog audit --catalog DIR'.
id: {id}                      # stable slug, unique across the catalog; the file is {id}.yaml
name: "TODO: the product's name as its vendor writes it"
vendor: "TODO: today's vendor (owner in parentheses if it differs, e.g. Workvivo (Zoom))"
category: internal            # internal | external (customers, partners) | public (media)
summary: "TODO: one or two sentences: what it is, for whom, what became of it"
aliases: []                   # former and other names, matched in logs like the name
capabilities: []              # ids from capabilities.yaml, checked against the documentation
capability_levels: {{}}         # capabilities not native: {{chat: partial}} | add-on
capabilities_source: "TODO: the documentation the capabilities were checked against"
deployment: [cloud]           # cloud | on-premises | hybrid
security:
  sso: []                     # saml | oidc | ws-federation | ldap | kerberos | oauth
  # data_residency: [eu]      # regions the vendor documents (eu, us, uk, ch, de, fr, ...);
  #                           # leave it out when no page says: it is shown as unknown
  certifications: []          # slugs: iso-27001, iso-27018, soc-2, c5, hds, fedramp, ...
  checked:                    # when residency and certifications were read, and where
    on: 2000-01-01            # TODO: the day you read the source
    source: "TODO: the vendor's trust or data-location page (URL)"
    kind: vendor              # vendor | filing | news | secondary (aggregators, wikis, blogs)
    verified: false           # true only when a primary source (vendor, filing) states it
# reach:                      # frontline reach, only as a vendor page documents it
#   without_email: true       # people sign in without a corporate mailbox (phone, code)
#   shared_devices: true      # one device shared by a shift (sign out between users)
#   checked: {{on: 2000-01-01, source: "the vendor's page (URL)", kind: vendor, verified: true}}
discovery:
  domains: []                 # hosts it is reached at; a domain matches its sub-domains too
  apps:
    names: []                 # application names as Entra sign-in logs, consent grants and
    #                         # Google OAuth show them (e.g. "Office 365 SharePoint Online")
    ids: []                   # Entra application (client) ids; Microsoft's published
    #                         # first-party ids where they exist
strategy:                     # what became of the product: the "vendor strategies" step
  status: active              # active | acquired | declining | renamed | retired
  owner: "TODO: today's owner"
  successor: null             # the product id that replaces it (renamed, retired)
  # acquired_on: 2000-01-01   # the day the deal that made 'owner' the owner closed (its
  #                           # signing, or a month's last day: docs/catalog.md)
  # announced_on: 2000-01-01  # the day the owner announced the deal or the end
  # end_of_support: 2000-01-01  # the end the owner announced (or support ends)
  # retired_on: 2000-01-01    # the day it actually ended
  checked:                    # when the status was last checked, and against what
    on: 2000-01-01            # TODO: the day you read the source
    source: "TODO: the vendor's page, a filing or a news report (title, date, URL)"
    kind: vendor              # vendor | filing | news | secondary
    verified: false           # true only when that source confirms the status
  history:                    # dated events, each with its own source where it differs
    - {{year: 2000, date: null, event: "TODO: what happened", source: null}}
adoption: []                  # survey figures: [{{source: "...", metric: "...", value: "7%"}}]
sources: []                   # every source the file relies on (URLs, titles with dates)
# suite: microsoft-365        # the suite it belongs to (microsoft-365, google-workspace,
#                             # salesforce, atlassian, zoom)
included_in: []               # suites whose licences include it
integrates_with: []           # suites it integrates with
"""


def skeleton(product_id: str) -> str:
    return SKELETON.format(id=product_id)


def write_skeleton(product_id: str, directory: Path, *, force: bool = False) -> Path:
    """Write ``directory/ID.yaml``; refuse to replace a file unless ``force``."""
    from planner.adapters.files import write_atomic

    if not directory.is_dir():
        raise InputError("not a directory", file=str(directory))
    path = directory / f"{product_id}.yaml"
    if path.exists() and not force:
        raise InputError("already exists (--force to replace it)", file=str(path))
    write_atomic(path, skeleton(product_id))
    return path
