"""MkDocs adapter of the news portal: thin event methods over the plain modules.

Events, in build order:
- ``on_startup``: remember whether this is ``mkdocs serve`` (drafts shown, problems tolerated);
- ``on_config``: reset per-build state (the plugin object survives serve rebuilds), load the
  vocabularies, check the URL formats;
- ``on_files`` (late): read and validate every article once, assemble the portal (terms,
  listings, related news), give articles their URLs, add the generated pages, and start the
  search index (a second process on ``mkdocs build``);
- ``on_env``: Material's nav and tabs through the per-build fragment cache;
- ``on_page_read_source``: hand MkDocs the article body without a second YAML pass;
- ``on_page_markdown``: page titles (and the search page's template);
- ``on_page_context``: the page's HTML from ``views``, made just before it is written, and the
  problems box while serving; ``on_post_page`` lets that HTML go;
- ``on_post_build`` (late): wait for the search index; ``on_build_error``: stop it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from datetime import datetime
from typing import Literal

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import feeds, fragments, render, search, search_docs, views
from .alt_text import AltTextExtension
from .catalogue import build_catalogue, missing_images
from .config import NewsConfig
from .frontmatter import decode, split
from .model import VN_TZ, Problem
from .pages import UrlScheme, root_prefix
from .portal import Portal, build_portal
from .related import RelatedConfig
from .taxonomy import TAXONOMIES
from .text import nfc, sort_key
from .views import HomeOptions, Role
from .vocab import VocabularyError, load_vocabulary

log = logging.getLogger("mkdocs.plugins.khuyencong")

EPOCH = datetime(1970, 1, 1, tzinfo=VN_TZ)
SEARCH_URL = "tim-kiem/"  # the search page; theme_overrides/partials/header.html points here


class GeneratedPage(Page):
    """A list or index page made by the plugin. Its HTML comes from ``views`` when the page is
    written, so there is no Markdown to convert: skipping MkDocs' Markdown pass (a fresh
    parser per page) saves a third of the cost of each of these thousands of pages."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.roles: dict[str, Role] = {}
        self.problems: list[Problem] = []
        self.portal: Portal | None = None
        self.index_task = None  # search index to build at the end of this build (serve)
        self.index_process = None  # or the process building it (build)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        self.roles, self.problems, self.portal = {}, [], None
        self.index_task = self.index_process = None
        try:
            self.vocab = load_vocabulary()
        except VocabularyError as exc:
            raise PluginError(f"Lỗi dữ liệu danh mục: {exc}") from exc
        if not config.use_directory_urls:
            raise PluginError("mkdocs.yml: cổng tin cần 'use_directory_urls: true'.")
        self.now = _now()
        self.home = HomeOptions(self.config.home_latest, self.config.home_per_category)
        self.scheme = UrlScheme(**dict(self.config.urls))
        if not config.site_url:
            raise PluginError("mkdocs.yml: cần 'site_url' (địa chỉ trang) để tạo RSS và dữ liệu.")
        site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        self.site = views.Site(
            site_url, config.site_name, self.config.publisher, SEARCH_URL, self.scheme
        )
        self.alt_text = AltTextExtension()
        config.markdown_extensions.append(self.alt_text)
        if mistakes := self.scheme.problems():
            raise PluginError("mkdocs.yml, plugins › khuyencong › urls: " + "; ".join(mistakes))
        return config

    # Run late, so articles added by other plugins are read too.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        prefix = self.config.articles_dir.strip("/") + "/"
        article_files = {
            f.src_uri: f for f in files.documentation_pages() if f.src_uri.startswith(prefix)
        }
        catalogue = build_catalogue(
            ((uri, f.content_bytes) for uri, f in article_files.items()),
            self.vocab,
            self.scheme.article,
            shown_prefix=_shown_prefix(config),
        )
        self.portal = portal = build_portal(
            catalogue,
            self.vocab,
            self.scheme,
            now=self.now,
            show_hidden=self.serving,
            per_page=self.config.per_page,
            related_config=_related_config(self.config.related),
        )
        self.problems = sorted(
            catalogue.problems
            + portal.problems
            + missing_images(catalogue, lambda path: files.get_file_from_path(path) is not None),
            key=Problem.sort_key,
        )
        for problem in self.problems:
            log.error(problem.format())
        if self.problems and not self.serving:
            raise PluginError(
                f"Có {len(self.problems)} lỗi trong bài viết (xem từng dòng ở trên); "
                "sửa xong rồi chạy lại. Kiểm tra nhanh: khuyencong check"
            )
        hidden = {a.src_path for a in portal.hidden}
        for uri, f in article_files.items():
            # Articles are reached through lists, never through the nav.
            f.inclusion = InclusionLevel.NOT_IN_NAV
            url = catalogue.urls.get(uri)
            if url is None:  # broken, while serving: shown as written, under the problems box
                self.roles[uri] = Role("broken")
                continue
            if uri in hidden:  # drafts and future articles: MkDocs leaves them out of builds
                f.inclusion = InclusionLevel.EXCLUDED
                continue
            f.dest_uri, f.url = url + "index.html", url
            self.roles[uri] = Role("article", article=catalogue.articles[uri])
        if (home := files.src_uris.get("index.md")) is not None:
            self.roles[home.src_uri] = Role("home", staff=True)
        for listing in portal.listings.values():
            self._add_page(files, config, listing.url, Role("listing", listing=listing))
        self._add_page(files, config, SEARCH_URL, Role("search"))
        self._add_feeds(files, config)
        files.append(File.generated(config, "robots.txt", content=_robots(self.site.url)))
        self._start_index(article_files, config)
        for taxonomy in (*TAXONOMIES, "archive"):
            self._add_page(
                files,
                config,
                self.scheme.index(taxonomy),
                Role(_index(taxonomy), taxonomy=taxonomy),
            )
        return files

    def _add_feeds(self, files: Files, config) -> None:
        portal = self.portal
        newest = portal.articles[0].date.moment if portal.articles else EPOCH
        for feed in feeds.feeds(portal.taxonomies, portal.articles, self.scheme, config.site_name):
            xml = feeds.rss(
                feed, portal.urls, self.site.url, newest=newest, limit=self.config.feed_items
            )
            files.append(File.generated(config, feed.path, content=xml))

    def _start_index(self, article_files: dict[str, File], config) -> None:
        """Build the search index beside MkDocs: in a forked process on `mkdocs build` (the
        second core), inline at the end of a `mkdocs serve` rebuild."""
        provinces = sorted(self.vocab.provinces, key=lambda p: sort_key(p.name))
        jobs, meta = search_docs.search_jobs(self.portal, self.vocab, provinces)

        def read_body(path: str) -> str:
            return split(decode(article_files[path].content_bytes)).body

        task = (jobs, meta, read_body, config.site_dir)
        if self.serving or "fork" not in multiprocessing.get_all_start_methods():
            self.index_task = task
            return
        self.index_process = multiprocessing.get_context("fork").Process(
            target=_write_search_index, args=task, name="khuyencong-search-index"
        )
        self.index_process.start()

    # Run after other plugins, so the index is written last and waited for only once.
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        if self.index_task is not None:
            _write_search_index(*self.index_task)
        elif self.index_process is not None:
            self.index_process.join()
            if self.index_process.exitcode != 0:
                raise PluginError(
                    "Không tạo được chỉ mục tìm kiếm (lỗi ở trên); hãy báo cho nhóm kỹ thuật."
                )
        self.index_task = self.index_process = None

    def on_build_error(self, *, error) -> None:
        if self.index_process is not None and self.index_process.is_alive():
            self.index_process.terminate()
            self.index_process.join()
        self.index_task = self.index_process = None

    def _add_page(self, files: Files, config, url: str, role: Role) -> None:
        """A generated page at ``url``, unless staff wrote one there: then it is the intro."""
        for candidate in (url + "index.md", url.rstrip("/") + ".md"):
            staff = files.src_uris.get(candidate)
            if staff is not None and (role.listing is None or role.listing.number == 1):
                staff.inclusion = InclusionLevel.NOT_IN_NAV
                self.roles[candidate] = Role(
                    role.kind, role.article, role.listing, role.taxonomy, True
                )
                return
        src_uri = url + "index.md"
        f = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        GeneratedPage(None, f, config)  # MkDocs uses the page a file already has
        files.append(f)
        self.roles[src_uri] = role

    def on_env(self, env, *, config, files):
        # Material's nav and tabs through our per-build fragment cache (see fragments.py);
        # the theme's own partials stay reachable as "material/partials/…".
        theme = env.loader
        env.loader = jinja2.ChoiceLoader(
            [
                jinja2.DictLoader(fragments.wrappers()),
                jinja2.PrefixLoader({"material": theme}),
                theme,
            ]
        )
        env.globals["kc_fragments"] = fragments.FragmentCache(self.config.fragment_cache)
        return env

    def on_page_read_source(self, *, page, config) -> str | None:
        role = self.roles.get(page.file.src_uri)
        if role is None or role.staff:
            return None
        if role.kind == "broken":  # its text as it is, whatever its encoding or markup
            raw = page.file.content_bytes.decode("utf-8", errors="replace")
            return "\n" + "\n".join("    " + line for line in raw.splitlines())
        # The body without a second YAML pass; the leading newline keeps MkDocs from reading
        # a body line as metadata.
        body = split(decode(page.file.content_bytes)).body if role.article else ""
        return "\n" + nfc(body)  # all text is NFC, Ð read as Đ (as the front-matter is)

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        role = self.roles.get(page.file.src_uri)
        if role is not None and role.title is not None:
            page.meta["title"] = role.title
        self.alt_text.fallback = page.meta.get("title") or config.site_name
        if role is not None and role.kind == "search":
            page.meta["template"] = "kc-search.html"
        # The sitemap's <lastmod>: when the content last changed, not when it was built.
        if role is not None and role.article is not None:
            page.update_date = (role.article.updated or role.article.date).iso()[:10]
        elif role is not None and role.listing is not None and role.listing.articles:
            page.update_date = role.listing.articles[0].date.iso()[:10]
        return markdown

    # Our HTML is made just before each page is written and let go right after (below), so
    # memory does not hold every page of a big site at once.
    def on_page_context(self, context, *, page, config, nav):
        role = self.roles.get(page.file.src_uri)
        if role is not None and self.portal is not None:
            links = render.Links(self.scheme, self.portal.urls, root_prefix(page.url))
            page.content = views.page_html(
                self.portal,
                role,
                page.content or "",
                links,
                now=self.now,
                home=self.home,
                url=self.site.url + page.url,
            )
        context["kc_problems"] = render.problems_banner(self.problems)
        if self.portal is not None:
            context["kc_head"] = views.head_html(
                self.portal, role, page.url, page.title or "", self.site
            )
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        if page.file.src_uri in self.roles:
            page.content = None
        return output


def _robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n"


def _write_search_index(jobs, meta, read_body, site_dir) -> None:
    search.write_index(search.build_from_jobs(jobs, meta, read_body), site_dir)


def _index(taxonomy: str) -> str:
    return "archive" if taxonomy == "archive" else "index"


def _now() -> datetime:
    """Build time; SOURCE_DATE_EPOCH fixes it, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch) if epoch else time.time(), VN_TZ)


def _related_config(options) -> RelatedConfig:
    w = options.weights
    return RelatedConfig(
        limit=options.limit,
        include_newer=options.include_newer,
        tags=float(w.tags),
        province=float(w.province),
        author=float(w.author),
        date=float(w.date),
        half_life_days=float(options.half_life_days),
        threshold=float(options.threshold),
        candidates=options.candidates,
    )


def _shown_prefix(config) -> str:
    """docs_dir as staff see it, relative to mkdocs.yml (e.g. 'content/')."""
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    rel = os.path.relpath(config.docs_dir, base)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"
