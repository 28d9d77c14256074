"""The whole portal as plain data, assembled once per build from the catalogue: which articles
are published, their terms, every listing page, neighbours and related news.

Every structure is a dict keyed by source path or URL, so the per-page work of the plugin is a
handful of lookups; assembling it is linear in the number of articles (related news aside,
whose cost is bounded per article, see ``related``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .catalogue import Catalogue
from .model import Article
from .pages import Listing, UrlScheme, listings
from .related import Item, RelatedConfig, related
from .taxonomy import Taxonomies, build_taxonomies
from .text import precise_key, slugify
from .vocab import Vocabulary


def is_published(article: Article, now: datetime) -> bool:
    """Drafts and articles dated in the future are only shown by `mkdocs serve`."""
    return not article.draft and article.date.moment <= now


@dataclass
class Portal:
    articles: list[Article]  # shown articles, newest first (ties: by URL)
    hidden: list[Article]  # drafts and future articles left out of this build
    urls: dict[str, str]  # src_path -> URL, for every article of the catalogue
    taxonomies: Taxonomies
    listings: dict[str, Listing]  # URL -> listing page
    related: dict[str, list[Article]] = field(default_factory=dict)  # src_path -> related
    older: dict[str, Article] = field(default_factory=dict)  # src_path -> older, same category
    newer: dict[str, Article] = field(default_factory=dict)  # src_path -> newer, same category


def build_portal(
    catalogue: Catalogue,
    vocab: Vocabulary,
    scheme: UrlScheme,
    *,
    now: datetime,
    show_hidden: bool,
    per_page: int,
    related_config: RelatedConfig,
    memo: dict | None = None,
) -> Portal:
    shown: list[Article] = []
    hidden: list[Article] = []
    for article in catalogue.newest_first():
        if show_hidden or is_published(article, now):
            shown.append(article)
        else:
            hidden.append(article)
    tax = build_taxonomies(shown, vocab)
    portal = Portal(
        articles=shown,
        hidden=hidden,
        urls=catalogue.urls,
        taxonomies=tax,
        listings={listing.url: listing for listing in listings(tax, scheme, per_page)},
    )
    for term in tax.terms["category"].values():
        chain = term.articles  # newest first
        for i, article in enumerate(chain):
            if i + 1 < len(chain):
                portal.older[article.src_path] = chain[i + 1]
            if i > 0:
                portal.newer[article.src_path] = chain[i - 1]
    by_url = {catalogue.urls[a.src_path]: a for a in shown}
    ranked = related(
        (
            Item(
                key=catalogue.urls[a.src_path],
                group=a.category.slug,
                moment=a.date.moment.timestamp(),
                tags=frozenset(precise_key(t) for t in a.tags),
                provinces=frozenset(ref.unit.slug for ref in a.provinces),
                authors=frozenset(slugify(x.name) for x in a.authors),
            )
            for a in shown
        ),
        related_config,
        memo,
    )
    for url, keys in ranked.items():
        portal.related[by_url[url].src_path] = [by_url[k] for k in keys]
    return portal
