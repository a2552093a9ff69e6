"""Host normalisation and domain matching: the keys every log import counts by."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.hosts import DomainMatcher, _careful_host, host_prefix, normalize_host


@pytest.mark.parametrize("url", [" //a.example/x", "\t//a.example", "  http://a.example/x"])
def test_host_prefix_with_leading_blanks(url: str) -> None:
    assert normalize_host(host_prefix(url)) == normalize_host(url) == "a.example"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("www.yammer.com", "www.yammer.com"),
        ("WWW.Yammer.COM", "www.yammer.com"),
        ("www.yammer.com:443", "www.yammer.com"),
        ("https://www.yammer.com/feed?x=1#top", "www.yammer.com"),
        ("http://user:pw@static.xx.fbcdn.net:8443/rsrc.php", "static.xx.fbcdn.net"),
        ("ftp://files.example.org", "files.example.org"),
        ("//cdn.example.net/lib.js", "cdn.example.net"),
        ("yammer.com.", "yammer.com"),
        ("yammer.com..", "yammer.com"),
        ("http://yammer.com.:80/", "yammer.com"),
        ("  slack.com\t", "slack.com"),
        ("example.com?q=1", "example.com"),
        ("[2001:DB8::1]:443", "2001:db8::1"),
        ("http://[2001:db8:0:0::1]/x", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("[fe80::1%eth0]", "fe80::1"),
        ("10.1.2.3:8080", "10.1.2.3"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("https://BÜCHER.example/x", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("_dmarc.example.com", "_dmarc.example.com"),
        ("intranet", "intranet"),
        ("host/x?u=http://other.example/", "host"),
    ],
)
def test_normalize_host(raw: str, expected: str) -> None:
    assert normalize_host(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "-",
        ".",
        "/relative/path",
        "http://",
        "http:///path",
        "error:transaction-end-before-headers",
        "host:port",
        "host:44x",
        "a..b.com",
        ".leading.example",
        "not a host",
        "exa$mple.com",
        "[::1",
        "[not-ipv6]",
        "[::1]junk",
        "1:2:3",
        "a" * 64 + ".com",
        "x." * 130 + "com",
        "\ufffd.example",
    ],
)
def test_normalize_host_refuses_garbage(raw: str) -> None:
    assert normalize_host(raw) is None


@given(st.text(max_size=80))
def test_normalize_host_is_total_and_idempotent(raw: str) -> None:
    host = normalize_host(raw)
    if host is not None:
        assert host == host.strip().lower()
        assert host.isascii() and host
        assert not host.endswith(".")
        assert normalize_host(host) == host


_URL_PIECES = ["http", "https", "://", "//", "/", ":", "@", "?", "#", "[", "]", "::1", "a", "B."]
_URL_PIECES += ["ü", ".", "443", "x", " ", "user:pw", "%"]
url_like = st.lists(st.sampled_from(_URL_PIECES), max_size=14).map("".join)


@settings(max_examples=1000)
@given(st.one_of(url_like, st.text(max_size=40)))
def test_host_prefix_decides_the_host(url: str) -> None:
    prefix = host_prefix(url)
    assert url.startswith(prefix)
    assert normalize_host(prefix) == normalize_host(url)


@given(url_like)
def test_normalize_host_on_url_like_text(url: str) -> None:
    host = normalize_host(url)
    assert host is None or normalize_host(host) == host


_NAME_PIECES = ["a", "z", "0", "9", "_", "-", ".", "A", "http://", "S+x.-y://", "://", ":"]
_NAME_PIECES += [":443", "/", "//", "@", "?", "#", " ", "ü", "[", "::1", "]", "%", "a" * 62]
name_like = st.lists(st.sampled_from(_NAME_PIECES), max_size=16).map("".join)


@settings(max_examples=3000)
@given(st.one_of(name_like, url_like, st.text(max_size=40)))
def test_the_fast_path_answers_as_the_careful_one(text: str) -> None:
    """Plain lower-case names (the fast path) and everything else get the same host."""
    assert normalize_host(text) == _careful_host(text)


@pytest.mark.parametrize(
    "text",
    ["a-.com", "-a.com", "a..com", "a.com.", "a.com:", "a.com:/", "http://a.com:8080/",
     "x+y.z-1://a_b.c/", "a" * 63 + ".com", "a" * 64 + ".com", ("a" * 63 + ".") * 4 + "com",
     "1.2.3.4:3128", "intranet", "h://a.b//", "://a.com", "1x://a.com", "a.b-", "-a.b",
     "a.-b", "_a._b_", ".a.b", "a.b.:443", "a" * 63 + "." + "b" * 64, "a" * 64,
     ("a" * 61 + ".") * 4 + "a" * 5, ("a" * 61 + ".") * 4 + "a" * 6, "a.b:443/", "a.b::443",
     "http://a.b:x/", "ftp+x.y://a-b.c_d:8080", "a.b:443//"],
)  # fmt: skip
def test_the_fast_path_at_its_edges(text: str) -> None:
    assert normalize_host(text) == _careful_host(text)


DOMAINS = {
    "yammer.com": "yammer",
    "engage.cloud.microsoft": "yammer",
    "sharepoint.com": "sharepoint",
    "my.sharepoint.com": "onedrive",
    "facebook.com": "facebook",
    "fbcdn.net": "facebook",
    "workplace.com": "workplace",
    "x.com": "twitter",
    "bücher.example": "books",
}


@pytest.mark.parametrize(
    ("host", "product"),
    [
        ("yammer.com", "yammer"),
        ("www.yammer.com", "yammer"),
        ("a.b.yammer.com", "yammer"),
        ("notyammer.com", None),
        ("yammer.com.evil.example", None),
        ("com", None),
        ("engage.cloud.microsoft", "yammer"),
        ("cloud.microsoft", None),
        ("acme.sharepoint.com", "sharepoint"),
        ("acme.my.sharepoint.com", "onedrive"),
        ("my.sharepoint.com", "onedrive"),
        ("static.xx.fbcdn.net", "facebook"),
        ("WWW.FACEBOOK.COM.", "facebook"),
        ("https://acme.workplace.com/chat", "workplace"),
        ("x.com", "twitter"),
        ("xx.com", None),
        ("www.xn--bcher-kva.example", "books"),
        ("", None),
        ("not a host", None),
    ],
)
def test_matcher(host: str, product: str | None) -> None:
    matcher = DomainMatcher(DOMAINS)
    assert matcher.match(host) == product
    assert matcher.match(host) == product  # second answer from the cache
    normal = normalize_host(host)
    if normal is not None:  # evidence keys are normal already: the same answer unnormalised
        assert DomainMatcher(DOMAINS).closest(normal) == product


def test_matcher_refuses_bad_and_conflicting_domains() -> None:
    with pytest.raises(ValueError, match="not a domain"):
        DomainMatcher({"not a domain": "x"})
    with pytest.raises(ValueError, match="claimed by both"):
        DomainMatcher({"yammer.com": "yammer", "YAMMER.com.": "other"})
    assert len(DomainMatcher({"yammer.com": "y", "Yammer.COM": "y", "*.slack.com": "s"})) == 2


def test_matcher_cache_is_bounded() -> None:
    matcher = DomainMatcher({"yammer.com": "yammer"})
    matcher._CACHE_LIMIT = 10
    for number in range(50):
        assert matcher.match(f"h{number}.yammer.com") == "yammer"
    assert len(matcher._cache) <= 10


_labels = st.sampled_from(["a", "b", "yammer", "com", "x", "sharepoint", "my"])
_names = st.lists(_labels, min_size=1, max_size=5).map(".".join)


@given(st.dictionaries(_names, st.sampled_from(["p1", "p2", "p3"]), max_size=6), _names)
def test_matcher_agrees_with_brute_force(domains: dict[str, str], host: str) -> None:
    candidates = [d for d in domains if host == d or host.endswith("." + d)]
    expected = domains[max(candidates, key=len)] if candidates else None
    assert DomainMatcher(domains).match(host) == expected


def test_the_public_suffix_list_is_parsed_as_the_package_parses_it() -> None:
    """``suffixes._list`` encodes only the rules that are not ASCII (the package encodes all
    of them): the same rules, punycode spellings, exceptions and longest rule."""
    from publicsuffixlist import PublicSuffixList

    from planner.domain import suffixes

    mine, theirs = suffixes._list(), PublicSuffixList()
    assert mine._publicsuffix == theirs._publicsuffix
    assert mine._maxlabel == theirs._maxlabel
    assert vars(mine).keys() == vars(theirs).keys()
    assert mine.accept_unknown == theirs.accept_unknown
    # Non-ASCII rules and their punycode spellings, an exception among them.
    assert {"公司.cn", "xn--55qx5d.cn"} <= mine._publicsuffix
    for host in ("www.bbc.co.uk", "a.b.公司.cn", "x.xn--55qx5d.cn", "www.ck", "a.b.kawasaki.jp"):
        assert mine.privatesuffix(host) == theirs.privatesuffix(host)


def _walked(domains: dict[str, str], name: str) -> str | None:
    """The plain path: the closest named parent, walked afresh, nothing remembered."""
    table = {normalize_host(d.removeprefix("*.")): p for d, p in domains.items()}
    while name:
        if name in table:
            return table[name]
        name = name.partition(".")[2]
    return None


@given(
    st.dictionaries(_names, st.sampled_from(["p1", "p2", "p3"]), max_size=6),
    st.lists(_names, min_size=1, max_size=30),
    st.sampled_from([2, 5, 200_000]),
)
def test_the_remembered_parents_answer_as_the_plain_walk(
    domains: dict[str, str], asked: list[str], limit: int
) -> None:
    """One matcher asked many names in turn (children before or after their parents, the
    same name twice, the memo reset when it outgrows a small limit) answers each as a walk
    with no memory does; and the unnormalised path agrees."""
    matcher = DomainMatcher(domains)
    matcher._CACHE_LIMIT = limit
    for name in asked + asked[::-1]:
        expected = _walked(domains, name)
        assert matcher.closest(name) == expected
        assert matcher.closest(name) == expected  # asked again: from the memo
        assert matcher.match(name.upper() + ".") == expected
    others: list[str] = []
    expected_all = {name: _walked(domains, name) for name in asked}
    assert DomainMatcher(domains).claimed(asked, others) == {
        n: a for n, a in expected_all.items() if a is not None
    }
    assert others == [n for n in asked if expected_all[n] is None]
    assert matcher.claimed(asked) == {n: a for n, a in expected_all.items() if a is not None}
    # bounded: the named domains, the limit, and the parents of one walk (4 at most here)
    assert len(matcher._closest) <= len(matcher) + limit + 4
