"""Typed options of the news plugin (the ``khuyencong`` entry in mkdocs.yml's ``plugins``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class UrlsConfig(base.Config):
    """URL shapes: format strings, each ending in '/' and starting with a fixed folder."""

    article = c.Type(str, default="tin-tuc/{year}/{slug}/")
    """An article; fields ``{year}``, ``{month}``, ``{slug}``, ``{category}``."""
    category = c.Type(str, default="chuyen-muc/{slug}/")
    province = c.Type(str, default="tinh-thanh/{slug}/")
    tag = c.Type(str, default="the/{slug}/")
    author = c.Type(str, default="tac-gia/{slug}/")
    year = c.Type(str, default="luu-tru/{year}/")
    month = c.Type(str, default="luu-tru/{year}/{month}/")
    page = c.Type(str, default="trang/{page}/")
    """Appended to a list's URL for its later pages: ``chuyen-muc/x/trang/2/``."""


class WeightsConfig(base.Config):
    tags = c.Type((int, float), default=3.0)
    """Points per tag the two articles share."""
    province = c.Type((int, float), default=2.0)
    """Points when they share a province (today's unit)."""
    author = c.Type((int, float), default=1.0)
    """Points when they share an author."""
    date = c.Type((int, float), default=2.0)
    """Points for closeness in date: the full weight on the same day, half after a half-life."""


class RelatedOptions(base.Config):
    limit = c.Type(int, default=5)
    """How many articles "Tin tức khác cùng chuyên mục" lists."""
    include_newer = c.Type(bool, default=True)
    """Whether articles newer than the one being read may be listed."""
    weights = c.SubConfig(WeightsConfig)
    half_life_days = c.Type((int, float), default=365.0)
    """Days apart at which the date closeness is worth half its weight."""
    threshold = c.Type((int, float), default=0.0)
    """Minimum score to be listed; when nothing reaches it, the nearest in date are shown."""
    candidates = c.Type(int, default=60)
    """Per shared tag, province or author, how many articles nearest in date are examined."""


class NewsConfig(base.Config):
    articles_dir = c.Type(str, default="tin-tuc")
    """Folder under ``docs_dir`` whose Markdown files are news articles."""
    urls = c.SubConfig(UrlsConfig)
    per_page = c.Type(int, default=20)
    """Articles per page of a category, province, tag, author or archive list."""
    home_latest = c.Type(int, default=10)
    """How many of the latest articles the home page lists."""
    home_per_category = c.Type(int, default=3)
    """How many articles each category's section on the home page shows."""
    related = c.SubConfig(RelatedOptions)
    publisher = c.Type(str, default="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp")
    """The centre that publishes the portal (NewsArticle publisher)."""
    feed_items = c.Type(int, default=20)
    """How many of the latest articles each RSS feed carries."""
    fragment_cache = c.Type(bool, default=True)
    """Render Material's nav sidebar and tabs once per page depth for pages outside the nav
    (same output, faster builds); false renders them for every page."""
