"""One or more examples per command, shown as the epilog of its ``--help``.

Kept in one table (rather than beside each command) so that the README and the help say
the same thing and a test can check every command has one; each line pastes into bash
(anything with ``&``, ``!`` or spaces is quoted).
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "tui": ("planner tui", "planner --db team.sqlite tui"),
    "demo": ("planner demo", "planner demo --no-tui --yes"),
    "completion": (
        "planner completion bash > ~/.local/share/bash-completion/completions/planner",
        "planner completion zsh > ~/.zfunc/_planner",
    ),
    "catalog validate": ("planner catalog validate", "planner catalog validate my-products/"),
    "catalog list": (
        "planner catalog list --category internal --capability wiki",
        "planner catalog list --format csv > catalog.csv",
        "planner catalog list --family public-networks",
    ),
    "catalog show": ("planner catalog show yammer",),
    "plan new": ("planner plan new acme-2027 --start 2027-01-04 --organisation Acme",),
    "plan list": ("planner plan list --limit 0", "planner plan list --format json"),
    "plan show": ("planner plan show acme-2027", "planner plan show --plan acme-2027"),
    "catalog audit": ("planner catalog audit", "planner catalog audit --format json --strict"),
    "catalog new": ("planner catalog new acme-talk -o my-products/sovereign",),
    "plan set": (
        "planner plan set --plan acme-2027 --eu-residency required --owner CIO",
        "planner plan set --employees 1200 --use-cases internal-network,customer-community",
        "planner plan set --suites google-workspace:business-standard --countries DE,PL",
        "planner plan set --suites microsoft-365:E3,microsoft-365:F3 --countries US",
    ),
    "audience add": (
        "planner audience add Offices --people 2400 --languages de,en",
        "planner audience add 'Shop floor' --people 600 --frontline --no-email "
        "--shared-devices --languages de,pl",
    ),
    "audience list": ("planner audience list", "planner audience list --format json"),
    "audience show": ("planner audience show shop-floor",),
    "audience set": (
        "planner audience set shop-floor --people 650 --email",
        "planner audience set offices --rename 'Head office'",
    ),
    "audience delete": ("planner audience delete shop-floor",),
    "plan export": (
        "planner plan export acme-2027 -o plans/acme-2027.yaml",
        "planner plan export --plan acme-2027 -o -",
    ),
    "plan use": ("planner plan use acme-2027",),
    "plan delete": ("planner plan delete old-plan", "planner plan delete old-plan --yes"),
    "plan rename": ("planner plan rename acme-2027 acme-2027-eu",),
    "plan import": (
        "planner plan import reviewed.yaml",
        "planner plan import reviewed.yaml --theirs",
    ),
    "plan validate": ("planner plan validate plans/*.yaml",),
    "plan diff": (
        "planner plan diff plans/acme-2027.yaml reviewed.yaml",
        "planner plan diff plans/acme-2027.yaml reviewed.yaml --format md > changes.md",
    ),
    "plan report": (
        "planner plan report --plan acme-2027 --format md -o review.md",
        "planner plan report acme-2027 --format html --since plans/acme-2027.yaml -o review.html",
    ),
    "discover import": (
        "planner discover import access.log.gz --plan acme-2027",
        "planner discover import proxy.log --directory staff.csv",
        "planner discover import access.log-20261101.gz access.log-20261102.gz",
        "planner discover import enquete.csv --encoding cp1252",
        "planner discover import SignIns.json --format entra-signins",
        "planner discover import web-events.csv --profile netskope",
        "planner discover import nss-web.log --profile my-nss-layout.yaml",
    ),
    "discover directory": (
        "planner discover directory staff.csv --plan acme-2027",
        "planner discover directory annuaire.csv --encoding cp1252",
    ),
    "discover template": ("planner discover template -o survey.csv",),
    "discover hosts": (
        "planner discover hosts",
        "planner discover hosts --all --search example --format csv",
        "planner discover hosts --by domain --limit 100",
    ),
    "discover map": (
        "planner discover map collab.example.com slack",
        "planner discover map --domain collab-cdn.example slack",
    ),
    "discover custom": (
        'planner discover custom ideas.acme.example --name "Ideas Box" --category internal',
        'planner discover custom --domain acme-ideas.co.uk --name "Ideas Box"',
    ),
    "discover ignore": (
        "planner discover ignore news.example.org",
        "planner discover ignore --domain akamaiedge.net",
    ),
    "discover undecide": (
        "planner discover undecide collab.example.com",
        "planner discover undecide --domain akamaiedge.net",
    ),
    "tools list": ("planner tools list --plan acme-2027", "planner tools list --format json"),
    "tools show": ("planner tools show yammer",),
    "tools set": (
        'planner tools set yammer --status unofficial --owner "R&D PMO" '
        "--purposes internal-sharing,expertise-location",
    ),
    "tools add": ('planner tools add "Plant WhatsApp groups" --category public',),
    "inventory report": ("planner inventory report --plan acme-2027",),
    "inventory export": ("planner inventory export --csv inventory.csv",),
    "inventory need": ("planner inventory need crm-integration --weight 4",),
    "vendors list": ("planner vendors list", "planner vendors list --format csv"),
    "vendors review": (
        'planner vendors review jive --rating watch --note "ask for a roadmap" --reviewer CIO',
        "planner vendors review jamespot --shortlist",
    ),
    "risks list": ("planner risks list --format json",),
    "risks add": (
        'planner risks add shadow-it --title "Unofficial tools hold customer data" '
        "--likelihood high --impact high --owner CISO",
    ),
    "risks set": ("planner risks set security-concerns --owner CISO --status mitigated",),
    "candidates": ("planner candidates --top 5", "planner candidates --explain viva-engage"),
    "needs": (
        "planner needs --benefits problem-solving,communication --apply",
        "planner needs --weight security=0.3",
    ),
    "pilot add": (
        'planner pilot add jive --title "Jive for R&D" --departments "R&D" --users 50 '
        "--start 2027-02-08 --end 2027-03-26 --kpi weekly-active-pct=60",
    ),
    "pilot list": ("planner pilot list --format json",),
    "pilot show": ("planner pilot show jive-for-r-d",),
    "pilot set": ("planner pilot set jive-for-r-d --status approved",),
    "pilot measure": ("planner pilot measure jive-for-r-d weekly-active-pct 64 --on 2027-03-01",),
    "pilot decide": ('planner pilot decide jive-for-r-d adopt --rationale "target met"',),
    "pilot activity": (
        "planner pilot activity jive-for-r-d VivaEngageActivityUserDetail.csv",
        "planner pilot activity jive-for-r-d members.csv --format slack-members "
        "--as-of 2027-03-01 --period-days 7 --directory staff.csv",
    ),
    "rollout activity": ("planner rollout activity viva-engage TeamsUserActivityUserDetail.csv",),
    "rollout show": ("planner rollout show --format csv",),
    "rollout champions": ("planner rollout champions --people 50",),
    "readiness set": (
        "planner readiness set Sales --awareness 4 --desire 2 --knowledge 3 --ability 3 "
        '--reinforcement 2 --note "survey of 12 managers"',
    ),
    "readiness list": ("planner readiness list --history",),
    "privacy set": (
        "planner privacy set --legal-basis legitimate-interests --dpia-reference DPIA-2027-04 "
        "--dpia-date 2027-01-10 --works-council-date 2027-01-20 --retention-days 180 "
        '--key-holder "DPO office"',
    ),
    "privacy record": ("planner privacy record -o art30.md",),
    "privacy purge": ("planner privacy purge",),
    "training list": ("planner training list", "planner training list --format csv"),
    "training add": (
        'planner training add "Sales training" --department Sales --audience 120 --due 2027-05-01',
    ),
    "training update": ("planner training update sales-training 40",),
    "training import": ("planner training import lms-export.csv",),
    "training champion": ('planner training champion Sales "A.M. (key accounts)"',),
    "feature list": ("planner feature list --format json",),
    "feature add": (
        'planner feature add "Action e-mails" --target email --due 2027-06-30 '
        '--owner "Messaging team"',
    ),
    "feature set": ("planner feature set action-e-mails --status live",),
    "timeline": ("planner timeline --width 80",),
    "contract add": (
        "planner contract add jive --plan acme-2027 --seats 400 --annual-cost 48000.00 "
        "--currency EUR --start 2026-07-01 --end 2027-06-30 --notice-days 90 --auto-renew "
        "--tier Enterprise --owner CIO --reference PO-2026-114",
    ),
    "contract list": ("planner contract list", "planner contract list --format csv > c.csv"),
    "contract show": ("planner contract show jive",),
    "contract set": (
        "planner contract set jive --decision renegotiate",
        "planner contract set jive --annual-cost 45000 --seats 350",
    ),
    "contract delete": ("planner contract delete jive",),
    "contract import": ("planner contract import procurement.csv --plan acme-2027",),
    "costs": (
        "planner costs",
        "planner costs --format json",
        "planner costs --format csv > costs.csv",
    ),
    "retire": ('planner retire jive --by 2027-06-30 --to google-chat --owner "IT Ops"',),
    "workspace copy": (
        'planner workspace copy ~/.local/share/planner/workspace.sqlite "$PLANNER_DB"',
    ),
    "workspace version": ("planner workspace version",),
    "workspace upgrade": (
        "planner workspace upgrade",
        "planner workspace upgrade --db postgresql+psycopg://planner@db.example/planner --yes",
    ),
}


def epilog(command: str) -> str | None:
    """The ``--help`` epilog of ``command`` ("plan new"), None when it has no example."""
    lines = EXAMPLES.get(command)
    if not lines:
        return None
    heading = "example:\n" if len(lines) == 1 else "examples:\n"
    return heading + "".join(f"  {line}\n" for line in lines)
