"""Field-map profiles: the shipped ones read exports in their layouts exactly, a wrong
profile or a bad profile file is a located error, and a profile is never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.adapters.sources.logs import HostStats, read_log, sniff_format
from planner.adapters.sources.logs.profiles import load_profile, shipped_profiles
from planner.errors import InputError, InputErrors

DATA = Path(__file__).resolve().parent.parent / "data" / "logs"


def test_the_three_profiles_ship_and_validate() -> None:
    assert shipped_profiles() == ["defender-discovered-apps", "netskope", "zscaler-nss"]
    for name in shipped_profiles():
        assert load_profile(name).name == name


def test_netskope_hosts_apps_users_and_blocks() -> None:
    summary = read_log(DATA / "netskope.csv", profile="netskope")
    assert summary.format == "profile"
    assert (summary.lines, summary.skipped, summary.skipped_lines) == (6, 1, [7])
    t = 1772438400.0
    assert summary.hosts == {
        "www.yammer.com": HostStats(1, 4000, t, t, {"alice.martin@contoso.example"}, 0),
        "slack.com": HostStats(1, 2000, t + 3600, t + 3600, {"bruno.keller@contoso.example"}, 0),
        "files.slack.com": HostStats(1, 1000, t + 7200, t + 7200, {"10.1.0.23"}, 0),
        # a refused request is an attempt, not use
        "www.facebook.com": HostStats(0, 0, t + 10800, t + 10800, set(), 1),
        # no host: the application stands for it
        "app:Kudos Board": HostStats(1, 700, t + 14400, t + 14400,
                                     {"chloe.durand@contoso.example"}, 0),
    }  # fmt: skip


def test_zscaler_nss_headerless_feed_keeps_the_file_s_line_numbers() -> None:
    summary = read_log(DATA / "zscaler_nss.tsv", profile="zscaler-nss")
    assert (summary.lines, summary.skipped, summary.skipped_lines) == (5, 1, [5])
    assert set(summary.hosts["slack.com"].users) == {"bob"}
    assert summary.hosts["www.facebook.com"].blocked == 1


def test_defender_export_gives_traffic_per_app_without_people() -> None:
    summary = read_log(DATA / "defender_discovered_apps.csv", profile="defender-discovered-apps")
    assert summary.hosts["app:Viva Engage"].hits == 300
    assert summary.hosts["app:Viva Engage"].bytes == 2097152
    assert all(not s.users for s in summary.hosts.values())
    assert summary.skipped_lines == [5]


def test_a_wrong_profile_names_the_missing_columns_at_the_header() -> None:
    with pytest.raises(InputError) as err:
        read_log(DATA / "netskope.csv", profile="defender-discovered-apps", source="ns.csv")
    assert err.value.file == "ns.csv" and err.value.line == 1
    assert "defender-discovered-apps" in str(err.value)
    assert "time ('Last seen date'), bytes ('Traffic'), hits ('Transactions')" in str(err.value)


def test_a_bad_profile_file_is_refused_at_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\ncolumns:\n  time: t\n  hots: h\nblocked: block\n")
    with pytest.raises(InputErrors) as err:
        load_profile(str(path))
    lines = sorted(e.line for e in err.value.errors if e.line is not None)
    assert lines == [4, 5]
    path.write_text("name: mine\ncolumns:\n  time: t\n")
    with pytest.raises(InputError, match="a host or an app column"):
        load_profile(str(path))
    with pytest.raises(InputError, match="no profile 'nope'"):
        load_profile("nope")


def test_a_profile_is_never_guessed_and_a_format_needs_one() -> None:
    head = (DATA / "netskope.csv").read_bytes()
    assert sniff_format(head, source="x") == "csv"  # host and time columns: a CSV log
    with pytest.raises(InputError, match="needs --profile"):
        read_log(DATA / "netskope.csv", "profile")
    with pytest.raises(InputError, match="not with format 'squid'"):
        read_log(DATA / "netskope.csv", "squid", profile="netskope")


def test_own_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("name: site\ncolumns:\n  time: When\n  user: Who\n  host: Where\n")
    log = tmp_path / "export.csv"
    log.write_text("When;Who;Where\n2026-03-02T08:00:00Z;ann;slack.com\n")
    summary = read_log(log, profile=str(path))
    assert set(summary.hosts["slack.com"].users) == {"ann"}
