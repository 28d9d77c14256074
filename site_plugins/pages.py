"""The generated pages of the portal: their URLs (from format strings in the config) and the
paginated listings of every term and archive bucket. Plain data; ``render`` turns it into HTML
and the plugin turns it into MkDocs files.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from .model import Article
from .taxonomy import LABELS, TAXONOMIES, Taxonomies, Term


@dataclass(frozen=True)
class UrlScheme:
    """Every URL shape of the site; each is a format string with a static first segment."""

    article: str = "tin-tuc/{year}/{slug}/"
    category: str = "chuyen-muc/{slug}/"
    province: str = "tinh-thanh/{slug}/"
    tag: str = "the/{slug}/"
    author: str = "tac-gia/{slug}/"
    year: str = "luu-tru/{year}/"
    month: str = "luu-tru/{year}/{month}/"
    page: str = "trang/{page}/"

    def term(self, taxonomy: str, slug: str) -> str:
        return getattr(self, taxonomy).format(slug=slug)

    def index(self, taxonomy: str) -> str:
        """The taxonomy's index page: the static part of its format, e.g. 'chuyen-muc/'."""
        pattern = self.year if taxonomy == "archive" else getattr(self, taxonomy)
        return pattern.split("{", 1)[0]

    def year_url(self, year: int) -> str:
        return self.year.format(year=f"{year:04d}")

    def month_url(self, year: int, month: int) -> str:
        return self.month.format(year=f"{year:04d}", month=f"{month:02d}")

    def paged(self, url: str, number: int) -> str:
        return url if number == 1 else url + self.page.format(page=number)

    def problems(self) -> list[str]:
        """Mistakes in the configured formats (said in Vietnamese, for mkdocs.yml)."""
        found = []
        for name in ("article", *TAXONOMIES, "year", "month", "page"):
            value = getattr(self, name)
            if not value.endswith("/"):
                found.append(f"'{name}' phải kết thúc bằng '/': {value!r}")
            if name not in ("article", "page") and not value.split("{", 1)[0]:
                found.append(f"'{name}' phải bắt đầu bằng một thư mục cố định: {value!r}")
        statics = [self.index(t) for t in (*TAXONOMIES, "archive")]
        if len(set(statics)) != len(statics):
            found.append("các loại trang phải có thư mục đầu khác nhau: " + ", ".join(statics))
        return found


@dataclass(frozen=True)
class Listing:
    """One page of a paginated list of articles (a term, a year or a month)."""

    url: str
    name: str  # the term or period, e.g. "Cụm công nghiệp", "Tháng 1/2022"
    kind: str  # "category", "province", "tag", "author", "year" or "month"
    articles: tuple[Article, ...]
    number: int  # this page's number, from 1
    count: int  # how many pages the list has
    first_url: str
    total: int  # articles in the whole list
    term: Term | None = None
    parent: tuple[str, str] | None = None  # (name, url) of the index above it

    @property
    def title(self) -> str:
        label = _KIND_LABEL[self.kind]
        title = f"{label}: {self.name}" if label else self.name
        return title if self.number == 1 else f"{title} (trang {self.number})"


_KIND_LABEL = {
    "category": "Chuyên mục",
    "province": "Tỉnh thành",
    "tag": "Thẻ",
    "author": "Tác giả",
    "year": "",
    "month": "",
}


def month_name(year: int, month: int) -> str:
    """'Tháng 1/2022', through Babel like every date shown."""
    return format_date(date(year, month, 1), "'Tháng' M/y", locale="vi")


def paginate(
    articles: list[Article],
    first_url: str,
    per_page: int,
    scheme: UrlScheme,
    **fields,
) -> list[Listing]:
    """Split a newest-first list into pages; an empty list still gets its first page."""
    count = max(1, -(-len(articles) // per_page))
    return [
        Listing(
            url=scheme.paged(first_url, n),
            articles=tuple(articles[(n - 1) * per_page : n * per_page]),
            number=n,
            count=count,
            first_url=first_url,
            total=len(articles),
            **fields,
        )
        for n in range(1, count + 1)
    ]


def listings(tax: Taxonomies, scheme: UrlScheme, per_page: int) -> list[Listing]:
    """Every listing page of the site, in a stable order."""
    result: list[Listing] = []
    for taxonomy in TAXONOMIES:
        parent = (LABELS[taxonomy][0], scheme.index(taxonomy))
        for term in tax.sorted_terms(taxonomy):
            result += paginate(
                term.articles,
                scheme.term(taxonomy, term.slug),
                per_page,
                scheme,
                name=term.name,
                kind=taxonomy,
                term=term,
                parent=parent,
            )
    archive = ("Lưu trữ", scheme.index("archive"))
    for year in sorted(tax.years, reverse=True):
        result += paginate(
            tax.years[year],
            scheme.year_url(year),
            per_page,
            scheme,
            name=f"Năm {year}",
            kind="year",
            parent=archive,
        )
    for year, month in sorted(tax.months, reverse=True):
        result += paginate(
            tax.months[(year, month)],
            scheme.month_url(year, month),
            per_page,
            scheme,
            name=month_name(year, month),
            kind="month",
            parent=(f"Năm {year}", scheme.year_url(year)),
        )
    return result


def root_prefix(url: str) -> str:
    """Relative path from a page's URL to the site root ('' for the home page)."""
    directory = url if url.endswith("/") else posixpath.dirname(url)
    depth = len([p for p in directory.split("/") if p and p != "."])
    return "../" * depth
