"""MkDocs adapter of the news portal: thin event methods over the plain modules.

Events: ``on_startup`` (build or serve), ``on_config`` (reset per-build state, load the
vocabularies), ``on_files`` (read and validate every article, give each its URL),
``on_page_markdown`` / ``on_page_content`` (article body and meta, home page list),
``on_page_context`` (the problems box while serving).
"""

from __future__ import annotations

import logging
import os
import posixpath
from typing import Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from . import render
from .catalogue import Catalogue, build_catalogue
from .config import NewsConfig
from .vocab import VocabularyError, load_vocabulary

log = logging.getLogger("mkdocs.plugins.khuyencong")


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.catalogue = Catalogue()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        # The plugin object survives `mkdocs serve` rebuilds: start each build afresh.
        self.catalogue = Catalogue()
        try:
            self.vocab = load_vocabulary()
        except VocabularyError as exc:
            raise PluginError(f"Lỗi dữ liệu danh mục: {exc}") from exc
        return config

    # Run late, so articles added by other plugins are read too.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        prefix = self.config.articles_dir.strip("/") + "/"
        article_files = {
            f.src_uri: f for f in files.documentation_pages() if f.src_uri.startswith(prefix)
        }
        self.catalogue = build_catalogue(
            ((uri, f.content_bytes) for uri, f in article_files.items()),
            self.vocab,
            self.config.article_url,
            shown_prefix=_shown_prefix(config),
        )
        for problem in self.catalogue.problems:
            log.error(problem.format())
        if self.catalogue.problems and not self.serving:
            raise PluginError(
                f"Có {len(self.catalogue.problems)} lỗi trong bài viết (xem từng dòng ở trên); "
                "sửa xong rồi chạy lại. Kiểm tra nhanh: khuyencong check"
            )
        for uri, f in article_files.items():
            url = self.catalogue.urls.get(uri)
            if url is None:  # broken article while serving: shown in the problems box only
                files.remove(f)
                continue
            # Articles are reached through lists, never through the nav.
            f.inclusion = InclusionLevel.NOT_IN_NAV
            if config.use_directory_urls:
                f.dest_uri, f.url = url + "index.html", url
            else:
                f.dest_uri = f.url = url.rstrip("/") + ".html"
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        article = self.catalogue.articles.get(page.file.src_uri)
        if article is None:
            return markdown
        page.meta["title"] = article.title
        return article.body

    def on_page_content(self, html: str, *, page, config, files) -> str:
        article = self.catalogue.articles.get(page.file.src_uri)
        if article is not None:
            return render.article_page(article, html)
        if page.is_homepage:
            latest = self.catalogue.newest_first()[: self.config.home_latest]
            base = _root_prefix(page.file.url)
            return (
                html
                + '\n<section class="kc-latest"><h2>Tin mới</h2>\n'
                + render.article_list(latest, self.catalogue.urls, base)
                + "\n</section>"
            )
        return html

    def on_page_context(self, context, *, page, config, nav):
        context["kc_problems"] = render.problems_banner(self.catalogue.problems)
        return context


def _shown_prefix(config) -> str:
    """docs_dir as staff see it, relative to mkdocs.yml (e.g. 'content/')."""
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    rel = os.path.relpath(config.docs_dir, base)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def _root_prefix(url: str) -> str:
    """Relative path from a page's URL to the site root ('' for the home page)."""
    directory = url if url.endswith("/") else posixpath.dirname(url)
    depth = len([p for p in directory.split("/") if p and p != "."])
    return "../" * depth
