"""MkDocs adapter of the news portal: thin event methods over the plain modules.

Events, in build order:
- ``on_startup``: remember whether this is ``mkdocs serve`` (drafts shown, problems tolerated);
- ``on_config``: reset per-build state (the plugin object survives serve rebuilds), load the
  vocabularies, build the settings from the options MkDocs has validated (``config.py``);
- ``on_serve``: keep the preview answering whatever a build does (see ``_never_hang``);
- ``on_files`` (late): apply the containment rules (``inputs.py``), read and validate every
  article once, assemble the portal (terms, listings, related news), give articles their
  URLs, add the generated pages, and start the search index (a second process on
  ``mkdocs build``);
- ``on_env``: Material's nav and tabs through the per-build fragment cache; leave out the
  files of the articles folder that no published page uses;
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
from .catalogue import image_path, is_web_address
from .checks import FIXED_PAGES, check_content, render_failure
from .config import NewsConfig, settings_from
from .frontmatter import decode, split
from .inputs import local_targets
from .model import VN_TZ, Problem
from .pages import root_prefix
from .portal import Portal, build_portal
from .sanitize import report, sanitize
from .taxonomy import TAXONOMIES
from .text import clean_body, excerpt, nfc, sort_key
from .views import Role
from .vocab import VocabularyError, load_vocabulary

log = logging.getLogger("mkdocs.plugins.khuyencong")

EPOCH = datetime(1970, 1, 1, tzinfo=VN_TZ)
SEARCH_URL = FIXED_PAGES["tìm kiếm"]  # theme_overrides/partials/header.html points here
SEARCH_INDEX_DIR = FIXED_PAGES["chỉ mục tìm kiếm"]


class GeneratedPage(Page):
    """A list or index page made by the plugin. Its HTML comes from ``views`` when the page is
    written, so there is no Markdown to convert: skipping MkDocs' Markdown pass (a fresh
    parser per page) saves a third of the cost of each of these thousands of pages."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class ArticlePage(Page):
    """An article. Hack: MkDocs converts each page's Markdown in ``Page.render`` and lets any
    exception end the build with a traceback (or, while serving, hang every request). An
    article whose Markdown crashes an extension becomes one problem naming its file: the build
    stops with that message; the preview shows it in the red box and keeps the rest of the
    site. tests/test_serve.py fails if MkDocs stops using this page object."""

    def __init__(self, file: File, config, plugin: NewsPlugin) -> None:
        super().__init__(None, file, config)
        self.plugin = plugin

    def render(self, config, files) -> None:
        try:
            super().render(config, files)
        except Exception as exc:  # noqa: BLE001 - any extension's failure, said in Vietnamese
            problem = render_failure(self.plugin.shown_prefix + self.file.src_uri, exc)
            log.error(problem.format())
            if not self.plugin.serving:
                raise PluginError(failure_summary([problem])) from None
            self.plugin.problems.append(problem)
            self.content = (
                '<p class="kc-problems" role="alert">Bài này đang có lỗi, chưa hiện được nội '
                "dung (xem hộp lỗi ở đầu trang).</p>"
            )
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
        self.used: set[str] = set()  # site paths that published pages link to or embed
        self.warnings: list[Problem] = []  # told to staff, never fatal

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        self.roles, self.problems, self.portal, self.used = {}, [], None, set()
        self.warnings = []
        self.index_task = self.index_process = None
        try:
            self.vocab = load_vocabulary()
        except VocabularyError as exc:
            raise PluginError(f"Lỗi dữ liệu danh mục: {exc}") from exc
        if not config.use_directory_urls:
            raise PluginError("mkdocs.yml: cổng tin cần 'use_directory_urls: true'.")
        if not config.site_url:
            raise PluginError("mkdocs.yml: cần 'site_url' (địa chỉ trang) để tạo RSS và dữ liệu.")
        self.now = _now()
        self.settings = settings_from(self.config)
        self.scheme = self.settings.scheme
        self.home = self.settings.home
        site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        self.site = views.Site(
            site_url, config.site_name, self.settings.publisher, SEARCH_URL, self.scheme
        )
        self.alt_text = AltTextExtension()
        config.markdown_extensions.append(self.alt_text)
        self.mkdocs_config = config
        return config

    def on_serve(self, server, *, config, builder):
        _never_hang(server)
        return server

    # Run late, so articles added by other plugins are read too.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        self.shown_prefix = shown_prefix = _shown_prefix(config)
        docs = {f.src_uri: f for f in files if _from_docs(f, config)}
        checked = check_content(
            config.docs_dir,
            ((uri, f.abs_src_path) for uri, f in docs.items()),
            lambda uri: docs[uri].content_bytes,
            self.vocab,
            self.settings,
            shown_prefix=shown_prefix,
        )
        for uri in checked.screened.drop:
            files.remove(docs[uri])
        catalogue = checked.catalogue
        article_files = {uri: docs[uri] for uri in checked.articles}
        self.portal = portal = build_portal(
            catalogue,
            self.vocab,
            self.scheme,
            now=self.now,
            show_hidden=self.serving,
            per_page=self.settings.per_page,
            related_config=self.settings.related,
        )
        self.problems = checked.problems
        self.warnings = list(checked.warnings)
        for warning in checked.warnings:  # never fatal, not even under --strict
            log.info("Cảnh báo: " + warning.format())
        for problem in self.problems:
            log.error(problem.format())
        if self.problems and not self.serving:
            raise PluginError(failure_summary(self.problems))
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
            ArticlePage(f, config, self)  # MkDocs uses the page a file already has
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
                feed, portal.urls, self.site.url, newest=newest, limit=self.settings.feed_items
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
        env.globals["kc_fragments"] = fragments.FragmentCache(self.settings.fragment_cache)
        self._leave_out_unused(files)
        return env

    def _leave_out_unused(self, files: Files) -> None:
        """Every page has been rendered (on_env comes before static files are copied): a file
        of the articles folder that no rendered page and no published lead image uses is not
        published, so a photo or attachment of a draft stays private."""
        used = set(self.used)
        for article in self.portal.articles if self.portal else []:
            if article.image and not is_web_address(article.image):
                used.add(image_path(article))
        prefix = self.settings.articles_dir + "/"
        for f in list(files):
            if (
                f.src_uri.startswith(prefix)
                and not f.is_documentation_page()
                and _from_docs(f, self.mkdocs_config)
                and f.dest_uri not in used
            ):
                files.remove(f)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Everything staff wrote (articles, intros, the home page) goes through the allow-list
        # sanitiser; what it removes is told, never fatal (khuyencong check says it too).
        if _from_docs(page.file, config):
            clean = sanitize(html)
            if clean != html:
                parts = split(decode(page.file.content_bytes))
                shown = self.shown_prefix + page.file.src_uri
                for removal in report(html, nfc(parts.body), parts.body_line, sanitized=clean):
                    warning = removal.problem(shown)
                    self.warnings.append(warning)
                    log.info("Cảnh báo: " + warning.format())
            html = clean
        if page.file.inclusion.is_included() or self.serving:
            self.used |= local_targets(html, page.url)
        return html

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
        # All text is NFC, Ð read as Đ (as the front-matter is); invisible controls go.
        return "\n" + clean_body(nfc(body))

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


def _shown_prefix(config) -> str:
    """docs_dir as staff see it, relative to mkdocs.yml (e.g. 'content/')."""
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    rel = os.path.relpath(config.docs_dir, base)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def _never_hang(server) -> None:
    """Hack: MkDocs' live-reload server makes every request wait until a rebuild finishes
    successfully (mkdocs/livereload/__init__.py, ``_build_loop``), so a rebuild that raises
    leaves the browser loading forever. The plugin itself never raises while serving (problems
    go to the red box); this net catches anything else, says so in Vietnamese and lets the
    server answer with the last good pages. tests/test_serve.py fails if MkDocs changes this.
    """
    build = server.builder

    def safe_build() -> None:
        try:
            build()
        except Exception as exc:  # noqa: BLE001 - anything, so the preview never hangs
            log.error(
                "Lỗi khi dựng lại trang xem trước: %s. Trang vẫn hiện bản dựng trước; sửa tệp "
                "vừa lưu rồi lưu lại. Nếu lỗi còn, gửi dòng này cho nhóm kỹ thuật.",
                excerpt(f"{type(exc).__name__}: {exc}", 300),
            )

    server.builder = safe_build


def _from_docs(f: File, config) -> bool:
    """A file of the content folder (not the theme's, not generated)."""
    return (
        not f.generated_by
        and f.src_dir is not None
        and os.path.normpath(f.src_dir) == os.path.normpath(config.docs_dir)
    )


def failure_summary(problems: list[Problem]) -> str:
    """The Vietnamese lines above MkDocs' own "Aborted with a BuildError!": enough to act on."""
    paths = list(dict.fromkeys(p.path for p in problems))
    shown = ", ".join(paths[:5]) + (f" và {len(paths) - 5} tệp khác" if len(paths) > 5 else "")
    return (
        f"Có {len(problems)} lỗi trong bài viết ({len(paths)} tệp: {shown}). Chưa đăng gì. "
        "Mỗi dòng ERROR ở trên ghi tệp, dòng, trường và 'Cách sửa'; sửa hết rồi chạy lại "
        "(kiểm tra nhanh, không cần dựng trang: khuyencong check)."
    )
