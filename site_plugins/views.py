"""What each page of the portal shows: the HTML of article, listing, index and home pages.

``Role`` says what a page is (a side table keyed by source path, kept off MkDocs' Page
objects); ``page_html`` turns a role and the page's own rendered Markdown into its final
content. No MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from . import render
from .dates import format_short_date
from .model import Article
from .pages import Listing
from .portal import Portal, is_published
from .search import Job, SearchDoc, index_meta
from .taxonomy import LABELS


@dataclass(frozen=True)
class Role:
    kind: str  # "article", "listing", "index", "archive", "search" or "home"
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
        if self.kind == "search":
            return "Tìm kiếm"
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
    if role.kind == "search":  # the page template (kc-search.html) draws the search UI
        return html
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


def search_jobs(portal: Portal, vocab, provinces_order: list) -> tuple[list, dict]:
    """The articles to index (those this build shows), in URL order, and the index meta."""
    epoch = date(1970, 1, 1)
    category_index = {c.slug: i for i, c in enumerate(vocab.categories)}
    province_index = {p.slug: i for i, p in enumerate(provinces_order)}
    jobs = []
    for article in sorted(portal.articles, key=lambda a: portal.urls[a.src_path]):
        provinces_text = ", ".join(
            ref.display_name + (f" (nay thuộc {ref.now_part_of})" if ref.now_part_of else "")
            for ref in article.provinces
        )
        units = dict.fromkeys(province_index[ref.unit.slug] for ref in article.provinces)
        jobs.append(
            Job(
                article.src_path,
                SearchDoc(
                    url=portal.urls[article.src_path],
                    title=article.title,
                    summary=article.summary or "",
                    body="",
                    day=(article.date.moment.date() - epoch).days,
                    category=category_index[article.category.slug],
                    provinces=tuple(units),
                    date_iso=article.date.iso(),
                    date_text=format_short_date(article.date),
                    provinces_text=provinces_text,
                    category_name=article.category.name,
                ),
            )
        )
    years = {a.date.year for a in portal.articles}
    return jobs, index_meta(vocab.categories, provinces_order, years)
