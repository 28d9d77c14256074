"""Typed, validated options of the news plugin (the ``khuyencong`` entry in mkdocs.yml's
``plugins``), and ``settings_from``, the one function that turns them into the plain
``Settings`` the rest of the portal uses.

Every option is checked by MkDocs' own config machinery before any work starts, so a mistake
gets MkDocs' message shape ("Config value 'plugins': Plugin 'khuyencong' option 'per_page':
…") with a Vietnamese explanation and fix. Defaults are read from the pure classes
(``settings.DEFAULTS``), never written twice. ``khuyencong check`` loads mkdocs.yml through
MkDocs' loader, so it applies exactly these checks and settings.
"""

from __future__ import annotations

import difflib
import math
import posixpath
from dataclasses import fields as dataclass_fields

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .checks import FIXED_PAGES
from .pages import FORMAT_FIELDS, UrlScheme, format_problem
from .related import RelatedConfig
from .settings import DEFAULTS, HomeOptions, Settings
from .text import excerpt

_R = RelatedConfig()


class Options(base.Config):
    """A group of options whose unknown names are reported in Vietnamese, with a guess."""

    def validate(self):
        failed, warnings = super().validate()
        known = sorted(self._schema_keys)
        translated = []
        for key, message in warnings:
            if message.startswith("Unrecognised configuration name"):
                close = difflib.get_close_matches(str(key), known, n=1)
                message = (
                    f"không có tùy chọn '{excerpt(key, 40)}'."
                    + (f" Có phải ý bạn là '{close[0]}'?" if close else "")
                    + " Các tùy chọn: "
                    + ", ".join(known)
                    + "."
                )
            translated.append((key, message))
        return failed, translated


class Group(c.SubConfig):
    """A nested group of options (``urls:``, ``related:``): a mapping, checked as a whole."""

    def run_validation(self, value: object):
        if not isinstance(value, dict):
            raise ValidationError(
                f"phải là một nhóm tùy chọn dạng 'tên: giá trị' thụt lề bên dưới (đang ghi: "
                f"{excerpt(value)})."
            )
        return super().run_validation(value)


class Integer(c.OptionallyRequired[int]):
    """A whole number no smaller than ``minimum``."""

    def __init__(self, default: int, minimum: int = 1, what: str = "") -> None:
        super().__init__(default=default)
        self.minimum = minimum
        self.what = what

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"phải là một số nguyên (đang ghi: {excerpt(value)}). Ví dụ: {self.default}."
            )
        if value < self.minimum:
            raise ValidationError(
                f"phải từ {self.minimum} trở lên (đang ghi: {value}). {self.what}".rstrip()
            )
        return value


class Number(c.OptionallyRequired[float]):
    """A finite number no smaller than ``minimum`` (or greater, when ``strict``)."""

    def __init__(self, default: float, minimum: float = 0.0, strict: bool = False) -> None:
        super().__init__(default=default)
        self.minimum = minimum
        self.strict = strict

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(
                f"phải là một số (đang ghi: {excerpt(value)}). Ví dụ: {self.default:g}."
            )
        number = float(value)
        too_small = number <= self.minimum if self.strict else number < self.minimum
        if not math.isfinite(number) or too_small:
            bound = f"lớn hơn {self.minimum:g}" if self.strict else f"từ {self.minimum:g} trở lên"
            raise ValidationError(f"phải {bound} (đang ghi: {excerpt(value)}).")
        return number


class Flag(c.OptionallyRequired[bool]):
    def __init__(self, default: bool) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"phải là true hoặc false (đang ghi: {excerpt(value)}).")
        return value


class Text(c.OptionallyRequired[str]):
    def __init__(self, default: str) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"phải là một đoạn chữ (đang ghi: {excerpt(value)}).")
        return value.strip()


class Folder(c.OptionallyRequired[str]):
    """A folder inside the content folder, written relative to it ('tin-tuc')."""

    def __init__(self, default: str) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip("/ "):
            raise ValidationError(f"phải là tên một thư mục (đang ghi: {excerpt(value)}).")
        folder = posixpath.normpath(value.strip().strip("/"))
        if folder.startswith("..") or folder == "." or "\\" in folder:
            raise ValidationError(
                f"'{excerpt(value)}' phải là một thư mục nằm trong thư mục nội dung, ví dụ "
                "'tin-tuc'."
            )
        return folder


class UrlFormat(c.OptionallyRequired[str]):
    """A URL format string that knows its placeholders (``pages.FORMAT_FIELDS``)."""

    def __init__(self, name: str) -> None:
        super().__init__(default=getattr(DEFAULTS.scheme, name))
        self.name = name

    def run_validation(self, value: object) -> str:
        if problem := format_problem(self.name, value):
            allowed = ", ".join("{" + f + "}" for f in sorted(FORMAT_FIELDS[self.name][0]))
            raise ValidationError(
                f"{problem} Cách sửa: ghi dạng '{self.default}' (dùng được: {allowed})."
            )
        return str(value)


class UrlsConfig(Options):
    """URL shapes: format strings, each ending in '/' and starting with a fixed folder."""

    article = UrlFormat("article")
    """An article; fields ``{year}``, ``{month}``, ``{slug}``, ``{category}``."""
    category = UrlFormat("category")
    province = UrlFormat("province")
    tag = UrlFormat("tag")
    author = UrlFormat("author")
    year = UrlFormat("year")
    month = UrlFormat("month")
    page = UrlFormat("page")
    """Appended to a list's URL for its later pages: ``chuyen-muc/x/trang/2/``."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            scheme = UrlScheme(**{f.name: self[f.name] for f in dataclass_fields(UrlScheme)})
            failed = list(scheme.collisions(FIXED_PAGES))
        return failed, warnings


class WeightsConfig(Options):
    tags = Number(_R.tags)
    """Points per tag the two articles share."""
    province = Number(_R.province)
    """Points when they share a province (today's unit)."""
    author = Number(_R.author)
    """Points when they share an author."""
    date = Number(_R.date)
    """Points for closeness in date: the full weight on the same day, half after a half-life."""


class RelatedOptions(Options):
    limit = Integer(_R.limit, minimum=0, what="Ghi 0 để không hiện mục tin liên quan.")
    """How many articles "Tin tức khác cùng chuyên mục" lists."""
    include_newer = Flag(_R.include_newer)
    """Whether articles newer than the one being read may be listed."""
    weights = Group[WeightsConfig]()
    half_life_days = Number(_R.half_life_days, strict=True)
    """Days apart at which the date closeness is worth half its weight."""
    threshold = Number(_R.threshold)
    """Minimum score to be listed; when nothing reaches it, the nearest in date are shown."""
    candidates = Integer(_R.candidates)
    """Per shared tag, province or author, how many articles nearest in date are examined."""


class NewsConfig(Options):
    articles_dir = Folder(DEFAULTS.articles_dir)
    """Folder under ``docs_dir`` whose Markdown files are news articles."""
    urls = Group[UrlsConfig]()
    per_page = Integer(DEFAULTS.per_page)
    """Articles per page of a category, province, tag, author or archive list."""
    home_latest = Integer(DEFAULTS.home.latest)
    """How many of the latest articles the home page lists."""
    home_per_category = Integer(DEFAULTS.home.per_category, minimum=0)
    """How many articles each category's section on the home page shows (0: no sections)."""
    related = Group[RelatedOptions]()
    publisher = Text(DEFAULTS.publisher)
    """The centre that publishes the portal (NewsArticle publisher)."""
    feed_items = Integer(DEFAULTS.feed_items)
    """How many of the latest articles each RSS feed carries."""
    fragment_cache = Flag(DEFAULTS.fragment_cache)
    """Render Material's nav sidebar and tabs once per page depth for pages outside the nav
    (same output, faster builds); false renders them for every page."""


def settings_from(config: NewsConfig) -> Settings:
    """The plain settings of a validated plugin config: the only place they are built."""
    urls, related, weights = config.urls, config.related, config.related.weights
    return Settings(
        articles_dir=config.articles_dir,
        scheme=UrlScheme(**{f.name: urls[f.name] for f in dataclass_fields(UrlScheme)}),
        per_page=config.per_page,
        home=HomeOptions(config.home_latest, config.home_per_category),
        related=RelatedConfig(
            limit=related.limit,
            include_newer=related.include_newer,
            tags=weights.tags,
            province=weights.province,
            author=weights.author,
            date=weights.date,
            half_life_days=related.half_life_days,
            threshold=related.threshold,
            candidates=related.candidates,
        ),
        feed_items=config.feed_items,
        publisher=config.publisher,
        fragment_cache=config.fragment_cache,
    )
