"""What each page of the portal shows: the HTML of article, listing, index and home pages.

``Role`` says what a page is (a side table keyed by source path, kept off MkDocs' Page
objects); ``page_html`` turns a role and the page's own rendered Markdown into its final
content. No MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import meta, render
from .feeds import FEED_NAME
from .model import Article
from .pages import Listing
from .portal import Portal, is_published
from .settings import HomeOptions
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
        if self.kind == "broken":
            return "Bài viết đang có lỗi"
        return None


def page_html(
    portal: Portal,
    role: Role,
    html: str,
    links: render.Links,
    *,
    now: datetime,
    home: HomeOptions,
    url: str = "",
) -> str:
    """The final content of a page; ``html`` is what its own Markdown rendered to and ``url``
    the page's absolute address."""
    intro = html if role.staff else ""
    tax = portal.taxonomies
    if role.kind in ("search", "broken"):  # search: kc-search.html draws the UI
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
            url=url,
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


@dataclass(frozen=True)
class Site:
    """What head tags need to know of the whole site."""

    url: str  # site_url, ending in '/'
    name: str
    publisher: str
    search_url: str  # relative, e.g. "tim-kiem/"
    scheme: object  # pages.UrlScheme


def head_html(portal: Portal, role: Role | None, page_url: str, title: str, site: Site) -> str:
    """Tags for the page's <head>: JSON-LD, Open Graph/Twitter, RSS links."""
    absolute = site.url + page_url
    home = ("Trang chủ", site.url)
    site_feed = (site.name, site.url + FEED_NAME)
    parts: list[str] = []
    kind = role.kind if role else ""
    if kind == "article":
        a = role.article
        category_url = site.scheme.term("category", a.category.slug)
        parts += [
            meta.social(
                title=a.title,
                description=a.summary,
                url=absolute,
                site_name=site.name,
                image=meta.image_url(a, site.url),
                article=a,
            ),
            meta.json_ld(meta.news_article(a, absolute, site.url, site.publisher)),
            meta.json_ld(
                meta.breadcrumb_list(
                    [home, (a.category.name, site.url + category_url), (a.title, absolute)]
                )
            ),
            meta.feed_links(
                [
                    site_feed,
                    (f"{a.category.name} – {site.name}", site.url + category_url + FEED_NAME),
                ]
            ),
        ]
        return "\n".join(parts)
    description = None
    feeds = [site_feed]
    if kind == "listing" and role.listing.term is not None:
        term = role.listing.term
        description = term.description or None
        parent_name, parent_url = role.listing.parent
        parts.append(
            meta.json_ld(
                meta.breadcrumb_list(
                    [
                        home,
                        (parent_name, site.url + parent_url),
                        (term.name, site.url + role.listing.first_url),
                    ]
                )
            )
        )
        if term.taxonomy in ("category", "province"):
            feeds.append(
                (f"{term.name} – {site.name}", site.url + role.listing.first_url + FEED_NAME)
            )
    if kind == "home":
        parts.append(meta.json_ld(meta.web_site(site.url, site.name, site.url + site.search_url)))
    parts.insert(
        0, meta.social(title=title, description=description, url=absolute, site_name=site.name)
    )
    parts.append(meta.feed_links(feeds))
    return "\n".join(parts)
