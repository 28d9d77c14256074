"""What each page of the portal shows: the HTML of article, listing, index and home pages.

``Role`` says what a page is (a side table keyed by source path, kept off MkDocs' Page
objects); ``page_html`` turns a role and the page's own rendered Markdown into its final
content. No MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import render
from .model import Article
from .pages import Listing
from .portal import Portal, is_published
from .taxonomy import LABELS


@dataclass(frozen=True)
class Role:
    kind: str  # "article", "listing", "index", "archive" or "home"
    article: Article | None = None
    listing: Listing | None = None
    taxonomy: str = ""
    staff: bool = False  # a page staff wrote: its content becomes the introduction

    @property
    def title(self) -> str | None:
        """The page title when the plugin decides it (None: keep the page's own)."""
        if self.article is not None:
            return self.article.title
        if self.listing is not None:
            return self.listing.title
        if self.kind in ("index", "archive"):
            return LABELS.get(self.taxonomy, ("Lưu trữ",))[0]
        return None


@dataclass(frozen=True)
class HomeOptions:
    latest: int = 10
    per_category: int = 3


def page_html(
    portal: Portal,
    role: Role,
    html: str,
    links: render.Links,
    *,
    now: datetime,
    home: HomeOptions,
) -> str:
    """The final content of a page; ``html`` is what its own Markdown rendered to."""
    intro = html if role.staff else ""
    tax = portal.taxonomies
    if role.kind == "article":
        a = role.article
        return render.article_page(
            a,
            html,
            links,
            older=portal.older.get(a.src_path),
            newer=portal.newer.get(a.src_path),
            related=portal.related.get(a.src_path, []),
            draft=not is_published(a, now),
        )
    if role.kind == "listing":
        listing = role.listing
        extra = ""
        if listing.kind == "year" and listing.number == 1:
            year = listing.articles[0].date.year if listing.articles else 0
            months = sorted((m for (y, m) in tax.months if y == year), reverse=True)
            extra = render.month_links(year, months, tax.months, links)
        return render.listing_page(listing, links, intro, extra)
    if role.kind == "archive":
        return render.archive_index(tax.years, tax.months, links, intro)
    if role.kind == "index":
        terms = tax.sorted_terms(role.taxonomy)
        return render.term_index(LABELS[role.taxonomy][0], terms, role.taxonomy, links, intro)
    sections = [
        (term, term.articles[: home.per_category]) for term in tax.terms["category"].values()
    ]
    return render.home_page(html, portal.articles[: home.latest], sections, links)
