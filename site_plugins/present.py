"""What the page templates call: addresses relative to the page (from the configured URL
formats), dates in the portal's two styles, photos as ready-made attributes, the meta
description. Plain Python (no MkDocs); templates get these through the plugin's autoescaping
Jinja environment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .catalogue import image_path, is_web_address
from .dates import format_publish_date, format_short_date
from .model import Article, PublishDate
from .pages import Listing, UrlScheme, month_name
from .text import slugify

DESCRIPTION_LIMIT = 160  # characters: what search engines and sharing cards show
LATEST_FILE = "tin-moi.json"  # the latest articles, which kc-latest.js shows beside pages


@dataclass(frozen=True)
class Img:
    """An <img>'s attributes (``srcset``/``sizes`` and the size when the photo pipeline knows
    them)."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None
    srcset: str = ""
    sizes: str = ""


@dataclass(frozen=True)
class Links:
    """What a page needs to link to others: URL shapes, article URLs, path to the site root."""

    scheme: UrlScheme
    article_urls: dict[str, str]  # src_path -> URL
    base: str  # relative path from the current page to the site root
    # Photos (site_plugins/images.py through the plugin): (article, "lead"|"card"|"thumb",
    # base) -> attributes, or None when the article has no usable photo.
    photos: Callable[[Article, str, str], Img | None] | None = field(default=None, compare=False)

    def home(self) -> str:
        return self.base or "./"

    def to(self, url: str) -> str:
        return (self.base + url) or "./"

    def article(self, article: Article) -> str:
        return self.base + self.article_urls[article.src_path]

    def site_path(self, article: Article) -> str:
        """The article's address from the site root ('tin-tuc/2024/x/')."""
        return self.article_urls[article.src_path]

    def latest(self) -> str:
        return self.base + LATEST_FILE

    def term(self, taxonomy: str, name_or_slug: str) -> str:
        return self.base + self.scheme.term(taxonomy, slugify(name_or_slug))

    def index(self, taxonomy: str) -> str:
        return self.base + self.scheme.index(taxonomy)

    def page(self, name: str) -> str:
        """One of the single pages: search, contact, about, contact_en."""
        return self.base + getattr(self.scheme, name)

    def feed(self, list_url: str) -> str:
        from .feeds import FEED_NAME

        return self.base + list_url + FEED_NAME

    def year(self, year: int) -> str:
        return self.base + self.scheme.year_url(year)

    def month(self, year: int, month: int) -> str:
        return self.base + self.scheme.month_url(year, month)

    @staticmethod
    def month_name(year: int, month: int) -> str:
        return month_name(year, month)

    def paged(self, listing: Listing, number: int) -> str:
        return self.base + self.scheme.paged(listing.first_url, number)

    @staticmethod
    def page_numbers(listing: Listing) -> list[int]:
        """1, the last page, and two on each side of the current one."""
        n, count = listing.number, listing.count
        return sorted({1, count, *range(max(1, n - 2), min(count, n + 2) + 1)})

    def lead_image(self, article: Article, card: bool = False) -> Img | None:
        """The article's photo under its headline (``card``: the home page's lead story)."""
        if not article.image:
            return None
        if self.photos is not None:
            return self.photos(article, "card" if card else "lead", self.base)
        src = article.image if is_web_address(article.image) else self.to(image_path(article))
        return Img(src=src, alt=article.image_caption or article.title)

    def thumbnail(self, article: Article) -> Img | None:
        """The photo beside an article in a list, when the photo pipeline made one."""
        if not article.image or self.photos is None:
            return None
        return self.photos(article, "thumb", self.base)


def date_long(date: PublishDate) -> str:
    return format_publish_date(date)


def date_list(date: PublishDate) -> str:
    return format_short_date(date)


_SPACES = re.compile(r"\s+")


def description(text: str | None, limit: int = DESCRIPTION_LIMIT) -> str | None:
    """A summary cut cleanly near ``limit`` characters: at a sentence end when one is close,
    else at a word, with an ellipsis."""
    if not text:
        return None
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    for end in (". ", "! ", "? ", "; "):
        cut = head.rfind(end)
        if cut >= limit * 0.6:
            return head[: cut + 1]
    cut = head.rfind(" ")
    cut = cut if cut >= limit * 0.6 else limit
    return head[:cut].rstrip(" ,;:–-") + "…"
