"""Readers beyond the page: RSS feeds (parsed back with feedparser), JSON-LD, Open Graph and
Twitter tags, canonical URLs, sitemap lastmod and robots.txt, on a real build."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from site_plugins import meta
from tests.conftest import article

SITE = "https://khuyencong.github.io/cong-tin/"
EXTRA = {
    "tin-tuc/2024/nhap.md": article(title="Bản nháp", draft="true", category="Cụm công nghiệp"),
    "tin-tuc/2024/anh.md": article(
        title='Hội nghị "CCN" & đầu tư',
        date="2024-06-01 08:30",
        province="Đắk Lắk",
        category="Cụm công nghiệp",
        summary='Sapo có "ngoặc kép" & dấu <3',
        image="https://example.org/a.jpg",
        source="{name: Báo Công Thương, url: 'https://congthuong.vn/a'}",
        updated="2024-06-02",
        tags="[CCN]",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests.conftest import Build, make_project, run_mkdocs

    root = make_project(tmp_path_factory.mktemp("feeds"), EXTRA, seeds=True)
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site", site_url=SITE)
    assert result.returncode == 0, result.stderr
    return Build(root, result)


def ld(html: str) -> list[dict]:
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def test_site_feed(site):
    feed = feedparser.parse((site.site / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == SITE and feed.feed.language == "vi"
    titles = [e.title for e in feed.entries]
    assert titles[0] == 'Hội nghị "CCN" & đầu tư' and "Bản nháp" not in titles
    assert len(titles) == 6
    first = feed.entries[0]
    assert first.link == SITE + "tin-tuc/2024/anh/"
    assert first.published == "Sat, 01 Jun 2024 08:30:00 +0700"
    assert all(e.link.startswith(SITE) for e in feed.entries)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_empty_feeds_are_dated_by_the_newest_article(site):
    empty = (site.site / "tinh-thanh/ha-noi/rss.xml").read_text("utf-8")
    assert "<lastBuildDate>Sat, 01 Jun 2024 08:30:00 +0700</lastBuildDate>" in empty
    assert "<item>" not in empty


def test_category_and_province_feeds(site):
    assert len(list(site.site.glob("chuyen-muc/*/rss.xml"))) == 8
    assert len(list(site.site.glob("tinh-thanh/*/rss.xml"))) == 34
    hcm = feedparser.parse((site.site / "tinh-thanh/ho-chi-minh/rss.xml").read_bytes())
    assert hcm.feed.link == SITE + "tinh-thanh/ho-chi-minh/"
    # Articles filed under Bà Rịa – Vũng Tàu and Bình Dương before the merger.
    assert len(hcm.entries) == 4
    ccn = feedparser.parse((site.site / "chuyen-muc/cum-cong-nghiep/rss.xml").read_bytes())
    assert [e.title for e in ccn.entries] == ['Hội nghị "CCN" & đầu tư']


def test_feeds_limited_to_the_latest(build_site):
    many = {
        f"tin-tuc/2024/bai-{i:02d}.md": article(title=f"Bài {i}", date=f"2024-01-{i:02d}")
        for i in range(1, 26)
    }
    build = build_site(many, site_url=SITE)
    feed = feedparser.parse((build.site / "rss.xml").read_bytes())
    assert [e.title for e in feed.entries] == [f"Bài {i}" for i in range(25, 5, -1)]


def test_pages_link_their_feeds(site):
    home = site.html("")
    assert (
        f'<link rel="alternate feed" type="application/rss+xml" title="Khuyến công Việt Nam" href="{SITE}rss.xml">'
        in home
    )
    cat = site.html("chuyen-muc/cum-cong-nghiep")
    assert f'href="{SITE}chuyen-muc/cum-cong-nghiep/rss.xml"' in cat
    prov = site.html("tinh-thanh/dak-lak")
    assert f'href="{SITE}tinh-thanh/dak-lak/rss.xml"' in prov


def test_news_article_json_ld(site):
    html = site.html("tin-tuc/2024/anh")
    data = {d["@type"]: d for d in ld(html)}
    news = data["NewsArticle"]
    assert news["headline"] == 'Hội nghị "CCN" & đầu tư'
    assert news["datePublished"] == "2024-06-01T08:30:00+07:00"
    assert news["dateModified"] == "2024-06-02"
    assert news["author"] == [{"@type": "Person", "name": "Minh Vân"}]
    assert (
        news["publisher"]["name"]
        == "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tỉnh Mẫu"
    )
    assert news["publisher"]["logo"]["url"].endswith("/assets/logo-mau.svg")
    assert news["image"] == [{"@type": "ImageObject", "url": "https://example.org/a.jpg"}]
    assert news["isBasedOn"] == [
        {"@type": "CreativeWork", "name": "Báo Công Thương", "url": "https://congthuong.vn/a"}
    ]
    assert [i["name"] for i in data["BreadcrumbList"]["itemListElement"]] == [
        "Trang chủ",
        "Cụm công nghiệp",
        'Hội nghị "CCN" & đầu tư',
    ]
    # A month-precision legacy date stays a month; an organisation is kept as affiliation.
    old = {
        d["@type"]: d
        for d in ld(
            site.html(
                next(
                    p.parent.relative_to(site.site).as_posix()
                    for p in (site.site / "tin-tuc/2018").rglob("index.html")
                )
            )
        )
    }["NewsArticle"]
    assert old["datePublished"] == "2018-05"
    assert old["author"][0]["affiliation"]["name"].startswith("Trung tâm Khuyến công")


def test_term_pages_have_breadcrumbs_and_home_has_search_action(site):
    crumbs = {d["@type"]: d for d in ld(site.html("tinh-thanh/ho-chi-minh"))}["BreadcrumbList"]
    assert [i["item"] for i in crumbs["itemListElement"]] == [
        SITE,
        SITE + "tinh-thanh/",
        SITE + "tinh-thanh/ho-chi-minh/",
    ]
    web = {d["@type"]: d for d in ld(site.html(""))}["WebSite"]
    assert (
        web["potentialAction"]["target"]["urlTemplate"] == SITE + "tim-kiem/?q={search_term_string}"
    )


def test_open_graph_twitter_and_canonical(site):
    html = site.html("tin-tuc/2024/anh")
    for tag in (
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Hội nghị &quot;CCN&quot; &amp; đầu tư">',
        '<meta property="og:description" content="Sapo có &quot;ngoặc kép&quot; &amp; dấu &lt;3">',
        '<meta property="og:image" content="https://example.org/a.jpg">',
        '<meta property="og:locale" content="vi_VN">',
        '<meta property="article:published_time" content="2024-06-01T08:30:00+07:00">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<link rel="canonical" href="{SITE}tin-tuc/2024/anh/">',
    ):
        assert tag in html, tag
    assert '<meta property="og:type" content="website">' in site.html("chuyen-muc")


def test_sitemap_lastmod_and_robots(site):
    sitemap = (site.site / "sitemap.xml").read_text("utf-8")
    assert re.search(
        rf"<loc>{re.escape(SITE)}tin-tuc/2024/anh/</loc>\s*<lastmod>2024-06-02</lastmod>", sitemap
    )
    assert re.search(r"tin-tuc/2022/[^<]+</loc>\s*<lastmod>2022-01</lastmod>", sitemap)
    assert (site.site / "robots.txt").read_text(
        "utf-8"
    ) == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"


@pytest.mark.parametrize(
    "hostile", ["</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;b&gt;"]
)
def test_hostile_strings_stay_inert(hostile):
    script = meta.json_ld({"headline": hostile})
    inner = script[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner)["headline"] == hostile
    tags = meta.social(title=hostile, description=hostile, url="https://x/", site_name=hostile)
    assert "<script" not in tags and "<img" not in tags and 'content="">' not in tags
