"""What each page of the portal is and shows: one small typed class per page kind (an article,
a listing page, an index of terms, the archive, the home page, search, the agency's pages, a
broken article while previewing), kept in a side table by source path, off MkDocs' Page
objects.

Each view names its template (``theme_overrides/partials/kc/…``, rendered with autoescaping)
and gathers the plain data that template needs (``context``); the HTML itself lives in the
templates. No MkDocs imports.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime
from typing import Any, ClassVar

from . import meta
from .dates import format_short_date
from .feeds import FEED_NAME
from .meta import SharedImage
from .model import Article
from .pages import Listing, UrlScheme
from .portal import Portal, is_published
from .present import description
from .settings import Agency, HomeOptions
from .taxonomy import LABELS, Term

INDEXES = (
    ("Chuyên mục", "category"),
    ("Tỉnh thành", "province"),
    ("Thẻ", "tag"),
    ("Tác giả", "author"),
    ("Lưu trữ", "archive"),
)
LATEST_ASIDE = 6  # "Tin mới" beside an article or a list


@dataclass(frozen=True)
class Sidebar:
    """The aside of article and list pages: the categories (the latest news come from
    tin-moi.json, see ``latest_json``, so that pages do not depend on them)."""

    categories: tuple[Term, ...]


def sidebar(portal: Portal) -> Sidebar:
    return Sidebar(tuple(portal.taxonomies.terms["category"].values()))


def latest_json(portal: Portal) -> str:
    """tin-moi.json: the latest articles (one more than the aside shows, as the page's own
    article is left out), each with its address from the site root, title, list date and ISO
    date."""
    items = [
        {
            "u": portal.urls[a.src_path],
            "t": a.title,
            "d": format_short_date(a.date),
            "iso": a.date.iso(),
        }
        for a in portal.articles[: LATEST_ASIDE + 1]
    ]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ArticleView:
    article: Article
    template: ClassVar[str] = "partials/kc/article.html"
    staff: ClassVar[bool] = False

    @property
    def title(self) -> str:
        return self.article.title

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        a = self.article
        return {
            "article": a,
            "older": portal.older.get(a.src_path),
            "newer": portal.newer.get(a.src_path),
            "related": portal.related.get(a.src_path, []),
            "draft": not is_published(a, now),
            "aside": sidebar(portal),
        }


@dataclass(frozen=True)
class ListingView:
    listing: Listing
    staff: bool = False  # staff wrote an introduction for this list
    template: ClassVar[str] = "partials/kc/listing.html"

    @property
    def title(self) -> str:
        return self.listing.title

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        listing = self.listing
        months: list[tuple[int, int]] = []  # (month, articles) of a year's first page
        year = listing.articles[0].date.year if listing.articles else 0
        if listing.kind == "year" and listing.number == 1 and listing.articles:
            counts = portal.taxonomies.months
            months = sorted(
                ((m, len(counts[(y, m)])) for (y, m) in counts if y == year), reverse=True
            )
        term = listing.term
        return {
            "listing": listing,
            "term": term,
            "former": [n for n in term.former if n != term.name] if term else [],
            "year": year,
            "months": months,
            "has_feed": term is not None and term.taxonomy in ("category", "province"),
            "aside": sidebar(portal),
        }


@dataclass(frozen=True)
class TermIndexView:
    taxonomy: str
    staff: bool = False
    template: ClassVar[str] = "partials/kc/term-index.html"

    @property
    def title(self) -> str:
        return LABELS[self.taxonomy][0]

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        return {
            "taxonomy": self.taxonomy,
            "heading": self.title,
            "terms": portal.taxonomies.sorted_terms(self.taxonomy),
        }


@dataclass(frozen=True)
class ArchiveView:
    staff: bool = False
    template: ClassVar[str] = "partials/kc/archive.html"
    title: ClassVar[str] = "Lưu trữ"

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        tax = portal.taxonomies
        by_year: dict[int, list[tuple[int, int]]] = {}
        for year, month in sorted(tax.months, reverse=True):
            by_year.setdefault(year, []).append((month, len(tax.months[(year, month)])))
        return {
            "years": [
                (y, len(tax.years[y]), by_year.get(y, [])) for y in sorted(tax.years, reverse=True)
            ],
        }


@dataclass(frozen=True)
class HomeView:
    options: HomeOptions
    staff: ClassVar[bool] = True  # index.md is the staff's introduction
    template: ClassVar[str] = "partials/kc/home.html"
    title: ClassVar[None] = None  # the page keeps its own title

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        latest = portal.articles[: self.options.latest]
        sections = [
            (term, term.articles[: self.options.per_category])
            for term in portal.taxonomies.terms["category"].values()
            if term.articles and self.options.per_category
        ]
        return {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "sections": sections,
            "indexes": INDEXES,
        }


@dataclass(frozen=True)
class SearchView:
    staff: bool = False
    template: ClassVar[None] = None  # kc-search.html draws the whole page
    title: ClassVar[str] = "Tìm kiếm"

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class BrokenView:
    """An article with problems, previewed as written under the red box (serve only)."""

    staff: ClassVar[bool] = False
    template: ClassVar[None] = None
    title: ClassVar[str] = "Bài viết đang có lỗi"

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class ContactView:
    """ "Liên hệ" (Decree 42/2022/NĐ-CP, Art. 4), or its English page (Art. 7)."""

    english: bool = False
    staff: bool = False
    template: ClassVar[str] = "partials/kc/contact.html"

    @property
    def title(self) -> str:
        return "Contact" if self.english else "Liên hệ"

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        return {"english": self.english}


@dataclass(frozen=True)
class AboutView:
    """ "Giới thiệu": the staff's own page (functions, organisation) in the portal's frame."""

    staff: ClassVar[bool] = True
    template: ClassVar[str] = "partials/kc/about.html"
    title: ClassVar[None] = None

    def context(self, portal: Portal, now: datetime) -> dict[str, Any]:
        return {}


View = (
    ArticleView
    | ListingView
    | TermIndexView
    | ArchiveView
    | HomeView
    | SearchView
    | BrokenView
    | ContactView
    | AboutView
)


def index_view(taxonomy: str, staff: bool = False) -> TermIndexView | ArchiveView:
    return ArchiveView(staff) if taxonomy == "archive" else TermIndexView(taxonomy, staff)


def with_intro(view: View) -> View:
    """The same page, with the staff's introduction on top."""
    if isinstance(view, ListingView | TermIndexView | ArchiveView | SearchView | ContactView):
        return replace(view, staff=True)
    return view


@dataclass(frozen=True)
class Site:
    """What head tags need to know of the whole site."""

    url: str  # site_url, ending in '/'
    name: str
    agency: Agency
    scheme: UrlScheme
    logo_url: str | None = None  # absolute
    default_image: SharedImage | None = None  # shared by pages without a photo of their own


def head_html(
    view: View | None,
    page_url: str,
    title: str,
    site: Site,
    article_image: Callable[[Article], SharedImage | None],
) -> str:
    """Tags for the page's <head>: Open Graph/Twitter (an image on every page), JSON-LD, RSS."""
    absolute = site.url + page_url
    home = ("Trang chủ", site.url)
    site_feed = (site.name, site.url + FEED_NAME)
    organisation = meta.publisher(site.agency.name, site.url, site.logo_url)
    parts: list[str] = []
    if isinstance(view, ArticleView):
        a = view.article
        image = article_image(a) or site.default_image
        category_url = site.scheme.term("category", a.category.slug)
        return "\n".join(
            [
                meta.social(
                    title=a.title,
                    description=description(a.summary),
                    url=absolute,
                    site_name=site.name,
                    image=image,
                    article=a,
                ),
                meta.json_ld(meta.news_article(a, absolute, site.url, organisation, image)),
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
        )
    feeds = [site_feed]
    if isinstance(view, ListingView) and view.listing.term is not None:
        listing, term = view.listing, view.listing.term
        parent_name, parent_url = listing.parent or ("", "")
        parts.append(
            meta.json_ld(
                meta.breadcrumb_list(
                    [
                        home,
                        (parent_name, site.url + parent_url),
                        (term.name, site.url + listing.first_url),
                    ]
                )
            )
        )
        if term.taxonomy in ("category", "province"):
            feeds.append((f"{term.name} – {site.name}", site.url + listing.first_url + FEED_NAME))
    if isinstance(view, HomeView):
        search_url = site.url + site.scheme.search
        parts.append(meta.json_ld(meta.web_site(site.url, site.name, search_url)))
        parts.append(meta.json_ld({"@context": "https://schema.org"} | organisation))
    parts.insert(
        0,
        meta.social(
            title=title,
            description=page_description(view),
            url=absolute,
            site_name=site.name,
            image=site.default_image,
        ),
    )
    parts.append(meta.feed_links(feeds))
    return "\n".join(parts)


def page_description(view: View | None) -> str | None:
    """The page's <meta name="description">: an article's summary cut near 160 characters,
    a term's description; None keeps the site's."""
    if isinstance(view, ArticleView):
        return description(view.article.summary)
    if isinstance(view, ListingView) and view.listing.term is not None:
        term = view.listing.term
        if term.taxonomy == "province":
            return f"Tin khuyến công {term.description}."
        return description(term.description)
    return None


def fingerprint_data(view: View, portal: Portal, now: datetime, articles: dict[str, str]) -> object:
    """Everything ``view``'s template is given, as plain data, with each article replaced by
    its digest (``articles``: src_path -> digest of its file, address and photos) and each
    term by its name and size: what a page's cache key is made of (``buildcache``)."""
    return (
        type(view).__name__,
        _plain(view, articles),
        _plain(view.context(portal, now), articles),
    )


def _plain(value: Any, articles: dict[str, str]) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Article):
        return ("A", articles.get(value.src_path) or value.src_path)
    if isinstance(value, Term):
        return (
            "T",
            value.taxonomy,
            value.slug,
            value.name,
            value.description,
            value.former,
            len(value.articles),
        )
    if isinstance(value, Sidebar):
        return ("S", [(t.slug, t.name) for t in value.categories])
    if isinstance(value, dict):
        return [(_plain(k, articles), _plain(v, articles)) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [_plain(v, articles) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            [(f.name, _plain(getattr(value, f.name), articles)) for f in fields(value)],
        )
    raise TypeError(f"no fingerprint for {type(value).__name__}")
