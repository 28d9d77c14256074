"""RSS 2.0 feeds: the whole site, each category and each province (today's units).

Built with feedgen, a well-kept feed library, rather than hand-written XML. Links are absolute
(from ``site_url``); dates are in +07:00. Deterministic: ``lastBuildDate`` is the newest
item's date, never the build time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from .model import Article
from .taxonomy import Taxonomies

FEED_NAME = "rss.xml"


@dataclass(frozen=True)
class Feed:
    path: str  # where the feed is written, relative to the site root
    page_url: str  # the page it belongs to (its "alternate" HTML page), relative
    title: str
    description: str
    articles: list[Article]  # newest first


def feeds(tax: Taxonomies, latest: list[Article], scheme, site_name: str) -> list[Feed]:
    """Every feed of the site: home, then categories, then provinces (Vietnamese order)."""
    result = [Feed(FEED_NAME, "", site_name, f"Tin mới nhất của {site_name}", latest)]
    for taxonomy, terms in (
        ("category", tax.terms["category"].values()),
        ("province", tax.sorted_terms("province")),
    ):
        for term in terms:
            url = scheme.term(taxonomy, term.slug)
            about = term.description if taxonomy == "category" else f"Tin khuyến công {term.name}"
            title = f"{term.name} – {site_name}"
            result.append(Feed(url + FEED_NAME, url, title, about, term.articles))
    return result


def rss(
    feed: Feed, urls: dict[str, str], site_url: str, *, newest: datetime, limit: int = 20
) -> bytes:
    """The feed's XML: its latest ``limit`` articles; an empty feed is dated ``newest`` (the
    site's newest article)."""
    fg = FeedGenerator()
    fg.title(feed.title)
    # feedgen writes the last non-self link as the channel's <link>: self first.
    fg.link(href=site_url + feed.path, rel="self")
    fg.link(href=site_url + feed.page_url, rel="alternate")
    fg.description(feed.description or feed.title)
    fg.language("vi")
    fg.generator("khuyencong-portal")
    items = feed.articles[:limit]
    # Never the build time (feedgen's default): builds must be reproducible.
    fg.lastBuildDate(items[0].date.moment if items else newest)
    for article in items:
        link = site_url + urls[article.src_path]
        entry = fg.add_entry(order="append")
        entry.title(article.title)
        entry.link(href=link)
        entry.guid(link, permalink=True)
        entry.pubDate(article.date.moment)
        entry.description(article.summary or article.title)
        entry.category(term=article.category.name)
    return fg.rss_str(pretty=True)
