"""Typed options of the news plugin (the ``khuyencong`` entry in mkdocs.yml's ``plugins``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class NewsConfig(base.Config):
    articles_dir = c.Type(str, default="tin-tuc")
    """Folder under ``docs_dir`` whose Markdown files are news articles."""

    article_url = c.Type(str, default="tin-tuc/{year}/{slug}/")
    """URL of an article; fields: ``{year}``, ``{month}``, ``{slug}``, ``{category}``."""

    home_latest = c.Type(int, default=10)
    """How many of the latest articles the home page lists."""
