"""The fragment cache key: pages outside the nav share a fragment exactly when every nav link
has the same relative URL from both."""

from __future__ import annotations

import posixpath
from types import SimpleNamespace as NS

import pytest

from site_plugins.fragments import FragmentCache

NAV_URLS = ["", "chuyen-muc/", "tinh-thanh/", "the/", "luu-tru/"]


def nav():
    pages = [NS(url=u, parent=None) for u in NAV_URLS]
    return NS(pages=pages, homepage=pages[0])


def page(url):
    return NS(url=url, parent=None)


def relative_links(url: str) -> list[str]:
    """What the sidebar would contain: each nav URL relative to the page."""
    base = url.rstrip("/") or "."
    return [posixpath.relpath(t or ".", base) for t in NAV_URLS]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the/ccn/", "the/cnnt/"),
        ("tin-tuc/2022/a/", "tin-tuc/2011/b/"),
        ("tinh-thanh/hue/", "tinh-thanh/ha-noi/"),
        ("chuyen-muc/x/trang/2/", "chuyen-muc/y/trang/3/"),
    ],
)
def test_pages_with_the_same_links_share_a_key(a, b):
    cache, n = FragmentCache(), nav()
    assert relative_links(a) == relative_links(b)
    assert cache.key("nav", page(a), n) == cache.key("nav", page(b), n) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the/ccn/", "chuyen-muc/ccn/"),  # "../" vs "../../chuyen-muc/"
        ("the/ccn/", "the/ccn/trang/2/"),
        ("luu-tru/2020/", "tac-gia/x/"),
    ],
)
def test_pages_with_different_links_do_not(a, b):
    cache, n = FragmentCache(), nav()
    assert relative_links(a) != relative_links(b)
    assert cache.key("nav", page(a), n) != cache.key("nav", page(b), n)


def test_pages_in_the_nav_or_with_the_cache_off_are_rendered():
    n = nav()
    assert FragmentCache().key("nav", n.pages[1], n) is None
    assert FragmentCache(enabled=False).key("nav", page("the/x/"), n) is None
    assert FragmentCache().key("nav", NS(url="a/b/", parent=object()), n) is None


def test_get_and_put():
    cache = FragmentCache()
    key = cache.key("tabs", page("the/x/"), nav())
    assert cache.get(key) is None
    assert cache.put(key, "<nav/>") == "<nav/>" and cache.get(key) == "<nav/>"


def test_base_key_depends_on_base_url_only():
    cache = FragmentCache()
    assert cache.base_key("config", page("the/a/"), "../..") == cache.base_key(
        "config", page("tin-tuc/2022/"), "../.."
    )
    assert cache.base_key("config", page("the/a/"), "../..") != cache.base_key(
        "config", page("the/"), ".."
    )
    assert cache.base_key("config", page("assets/x/"), "../..") is None
    assert FragmentCache(enabled=False).base_key("config", page("the/a/"), "../..") is None
