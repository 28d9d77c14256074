"""MkDocs adapter of the news portal: thin event methods over the plain modules.

Events, in build order:
- ``on_startup``: remember whether this is ``mkdocs serve`` (drafts shown, problems tolerated);
- ``on_config``: reset per-build state (the plugin object survives serve rebuilds), load the
  vocabularies, build the settings from the options MkDocs has validated (``config.py``);
- ``on_serve``: rebuild the preview in place, and keep it answering whatever a build does
  (see ``_serve_in_place``);
- ``on_files`` (late): the content check shared with ``khuyencong check`` (``checks.py``:
  containment, every article, the agency's pages), assemble the portal (terms, listings,
  related news), give each page its view (``views.py``), add the generated pages and feeds,
  and start the search index (a second process on ``mkdocs build``);
- ``on_env``: Material's nav and tabs through the per-build fragment cache; the autoescaping
  environment of our templates; leave out the files of the articles folder that no published
  page uses;
- ``on_page_read_source``: hand MkDocs the article body without a second YAML pass;
- ``on_page_markdown``: page titles, descriptions and templates;
- ``on_page_content``: the allow-list sanitiser over everything staff wrote;
- ``on_page_context``: the page's HTML from its view's template, made just before the page is
  written (``on_post_page`` lets it go), the header's banner, the footer and head tags;
- ``on_template_context``: the same banner and footer on the 404 page;
- ``on_post_build`` (late): wait for the search index; ``on_build_error``: stop it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import posixpath
import re
import tempfile
import time
from dataclasses import astuple, replace
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import buildcache, feeds, fragments, images, photos, search, search_docs, views
from .alt_text import AltTextExtension
from .catalogue import is_web_address, lead_image_path
from .checks import about_sources, check_content, render_failure
from .config import NewsConfig, settings_from
from .frontmatter import decode, split
from .inputs import local_targets
from .meta import SharedImage
from .model import VN_TZ, Article, Problem
from .pages import root_prefix
from .photo_markup import PhotoExtension, rewrite_raw_images
from .photos import Photos
from .portal import Portal, build_portal
from .present import LATEST_FILE, Links, date_list, date_long
from .sanitize import report, sanitize
from .taxonomy import TAXONOMIES
from .text import clean_body, excerpt, nfc, sort_key
from .views import (
    AboutView,
    ArticleView,
    BrokenView,
    ContactView,
    HomeView,
    ListingView,
    SearchView,
    View,
    index_view,
    with_intro,
)
from .vocab import VocabularyError, load_vocabulary

log = logging.getLogger("mkdocs.plugins.khuyencong")

# What in a Markdown body can make the sanitiser remove something (see on_page_content).
_MAY_LOSE = re.compile(r"[<&{]|\]\(\s*<?[^)\s]*:|^ {0,3}\[[^\]]+\]:\s*\S*:", re.M)

EPOCH = datetime(1970, 1, 1, tzinfo=VN_TZ)


class GeneratedPage(Page):
    """A list or index page made by the plugin. Its HTML comes from its view's template when
    the page is written, so there is no Markdown to convert: skipping MkDocs' Markdown pass (a
    fresh parser per page) saves a third of the cost of each of these thousands of pages."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class ArticlePage(Page):
    """An article. Hack: MkDocs converts each page's Markdown in ``Page.render`` and lets any
    exception end the build with a traceback (or, while serving, hang every request). An
    article whose Markdown crashes an extension becomes one problem naming its file: the build
    stops with that message; the preview shows it in the red box and keeps the rest of the
    site. tests/test_hardening.py fails if MkDocs stops using this page object."""

    def __init__(self, file: File, config, plugin: NewsPlugin) -> None:
        super().__init__(None, file, config)
        self.plugin = plugin

    def render(self, config, files) -> None:
        if self.file.src_uri in self.plugin.reused:  # its whole output is reused
            self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()
            return
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
        self.image_cache: images.ImageCache | None = None  # kept across `mkdocs serve` rebuilds
        self.page_cache: buildcache.PageCache | None = None  # idem
        self.memo: dict[str, dict] = {"catalogue": {}, "related": {}}  # idem: unchanged inputs
        self.in_place = False  # this `mkdocs serve` rebuild updates the last build's folder
        self.written: dict[str, str] = {}  # serve: src_uri -> key of the page now in site_dir
        self.destinations: set[str] = set()  # serve: every file the last build put in site_dir
        self.page_used: dict[str, list[str]] = {}  # serve: src_uri -> files the page uses
        self.preview_index = None  # serve: the process writing the latest search index
        self._reset()

    def _reset(self) -> None:
        self.views: dict[str, View] = {}  # src_uri -> what the page is
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # told to staff, never fatal
        self.portal: Portal | None = None
        self.index_task = None  # search index to build at the end of this build (serve)
        self.index_process = None  # or the process building it (build)
        self.used: set[str] = set()  # site paths that published pages link to or embed
        self.chrome: dict[tuple[str, str], Markup] = {}  # (fragment, base) -> banner, footer
        self.photos: Photos | None = None
        self.keys: dict[str, str] = {}  # src_uri -> cache key of the page's output
        self.reused: dict[str, buildcache.Entry] = {}  # src_uri -> output taken from the cache
        self.reused_count = 0
        self.capture: _Capture | None = None  # what rendering the current page logs
        self.captured: dict[str, buildcache.Entry] = {}  # src_uri -> what its render did

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        self._reset()
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
        agency = self.settings.agency
        site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        default = agency.image or ""
        self.site = views.Site(
            site_url,
            config.site_name,
            agency,
            self.scheme,
            logo_url=site_url + agency.logo if agency.logo else None,
            default_image=SharedImage(site_url + default, agency.name) if default else None,
        )
        self.alt_text = AltTextExtension()
        self.photo_markup = PhotoExtension()
        config.markdown_extensions += [self.alt_text, self.photo_markup]
        self.image_cache = _image_cache(config, self.image_cache)
        self.page_cache = _page_cache(config, self.config, self.page_cache)
        self.mkdocs_config = config
        return config

    def on_serve(self, server, *, config, builder):
        _serve_in_place(server, self)
        return server

    # -- files -----------------------------------------------------------------------------

    # Run late, so articles added by other plugins are read too.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        self.shown_prefix = _shown_prefix(config)
        docs = {f.src_uri: f for f in files if _from_docs(f, config)}
        checked = check_content(
            config.docs_dir,
            ((uri, f.abs_src_path) for uri, f in docs.items()),
            lambda uri: docs[uri].content_bytes,
            self.vocab,
            self.settings,
            shown_prefix=self.shown_prefix,
            config_file=_config_name(config),
            memo=self.memo["catalogue"],
        )
        for uri in checked.screened.drop:
            files.remove(docs[uri])
        catalogue = checked.catalogue
        self.portal = portal = build_portal(
            catalogue,
            self.vocab,
            self.scheme,
            now=self.now,
            show_hidden=self.serving,
            per_page=self.settings.per_page,
            related_config=self.settings.related,
            memo=self.memo["related"],
        )
        # The serve box lists the articles' warnings; the reminder about sample agency details
        # is for khuyencong check (the pages themselves say "Thông tin mẫu").
        self.problems = checked.problems
        self.warnings = [w for w in checked.warnings if w.field != "agency"]
        # The serve box shows what is known before pages are rendered (so that a reused page's
        # box is the one a clean build would draw); the sanitiser's warnings go to the log.
        self.box_warnings = list(self.warnings)
        for problem in self.problems:
            log.error(problem.format())
        for warning in checked.warnings:  # never fatal, not even under --strict
            log.info("Cảnh báo: " + warning.format())
        if self.problems and not self.serving:
            raise PluginError(failure_summary(self.problems))
        hidden = {a.src_path for a in portal.hidden}
        article_files = {uri: docs[uri] for uri in checked.articles}
        for uri, f in article_files.items():
            # Articles are reached through lists, never through the nav.
            f.inclusion = InclusionLevel.NOT_IN_NAV
            url = catalogue.urls.get(uri)
            if url is None:  # broken, while serving: shown as written, under the problems box
                self.views[uri] = BrokenView()
                continue
            if uri in hidden:  # drafts and future articles: MkDocs leaves them out of builds
                f.inclusion = InclusionLevel.EXCLUDED
                continue
            f.dest_uri, f.url = url + "index.html", url
            self.views[uri] = ArticleView(catalogue.articles[uri])
            ArticlePage(f, config, self)  # MkDocs uses the page a file already has
        self._process_photos(files, config, catalogue, docs)
        self._add_pages(files, config)
        self._add_feeds(files, config)
        files.append(File.generated(config, "robots.txt", content=_robots(self.site.url)))
        files.append(File.generated(config, LATEST_FILE, content=views.latest_json(self.portal)))
        self._start_index(article_files, config)
        self._find_reusable(files, catalogue)
        return files

    def _find_reusable(self, files: Files, catalogue) -> None:
        """Each page's cache key (``buildcache``), and the pages whose output can be reused."""
        if self.page_cache is None:
            return
        photo_key = (lambda p: self.photos.key(p)) if self.photos else (lambda p: None)
        articles = {}
        for article in self.portal.articles:
            path = article.src_path
            links = tuple(
                (target, (f.url if (f := files.get_file_from_path(target)) else None))
                for target in catalogue.body_links.get(path, ())
            )
            articles[path] = buildcache.digest(
                (
                    catalogue.sha256.get(path),
                    self.portal.urls[path],
                    photo_key(lead_image_path(article)),
                    [photo_key(p) for p in catalogue.body_images.get(path, ())],
                    links,
                )
            )
        site = (
            self.site.url,
            self.serving,
            self.site.default_image,
            self._logo(""),
            [p.format() for p in self.problems],
            [w.format() for w in self.box_warnings] if self.serving else [],
        )
        in_nav = set(_nav_sources(self.mkdocs_config.nav or []))
        if self.in_place:  # every page is rendered again, but those found unchanged below
            for f in files.documentation_pages():
                f.is_modified = _changed
        for uri, view in self.views.items():
            f = files.src_uris.get(uri)
            if f is None or isinstance(view, BrokenView | SearchView):
                continue
            own = None if f.generated_by else hashlib.sha256(f.content_bytes).hexdigest()
            key = buildcache.digest(
                (
                    self.page_cache.salt,
                    site,
                    f.url,
                    own,
                    views.fingerprint_data(view, self.portal, self.now, articles),
                )
            )
            self.keys[uri] = key
            if (
                self.in_place
                and uri not in in_nav  # its title is read from its source: always rendered
                and self.written.get(uri) == key
                and os.path.isfile(f.abs_dest_path)
            ):
                # Hack (see _serve_in_place): MkDocs' dirty build skips a page whose file says
                # it is not modified; this one's output in site_dir is already the right one.
                f.is_modified = _unchanged
                self.used |= set(self.page_used.get(uri, ()))
                continue
            entry = self.page_cache.get(key, html=False)
            if entry is not None:
                self.reused[uri] = entry
                self.used |= set(entry.used)
        self.reused_count = len(self.reused)

    def _process_photos(self, files: Files, config, catalogue, docs: dict[str, File]) -> None:
        """Every photo the shown articles use (and the agency's pictures), through the photo
        pipeline on both cores, cached between builds; their files join the site."""
        agency = self.settings.agency
        wanted = photos.sources(self.portal.articles, catalogue.body_images)
        wanted |= {p for p in (agency.image, agency.logo) if p}
        on_disk = [p for p in sorted(wanted) if p in docs]
        results = images.process_many(
            on_disk, images.Params(), self.image_cache, root=config.docs_dir
        )
        self.photos = Photos(self.site.url, results)
        broken = [
            Problem(self.shown_prefix + r.path, None, None, r.message, r.hint)
            for r in self.photos.problems()
        ]
        if broken:
            for problem in broken:
                log.error(problem.format())
            if not self.serving:
                raise PluginError(failure_summary(broken))
            self.problems = sorted(self.problems + broken, key=Problem.sort_key)
        for dest, cached in self.photos.files():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, abs_src_path=cached))
        self.photo_markup.lookup = self.photos.in_body
        if default := self.photos.shared(agency.image or None, agency.name):
            self.site = replace(self.site, default_image=default)

    def _add_pages(self, files: Files, config) -> None:
        if (home := files.src_uris.get("index.md")) is not None:
            self.views[home.src_uri] = HomeView(self.settings.home)
        for source in about_sources(self.settings):
            if source in files.src_uris:
                self.views[source] = AboutView()
                break
        for listing in self.portal.listings.values():
            self._add_page(files, config, listing.url, ListingView(listing))
        for taxonomy in (*TAXONOMIES, "archive"):
            self._add_page(files, config, self.scheme.index(taxonomy), index_view(taxonomy))
        self._add_page(files, config, self.scheme.search, SearchView())
        self._add_page(files, config, self.scheme.contact, ContactView())
        self._add_page(files, config, self.scheme.contact_en, ContactView(english=True))

    def _add_page(self, files: Files, config, url: str, view: View) -> None:
        """A generated page at ``url``, unless staff wrote one there: then it is the intro."""
        first = not isinstance(view, ListingView) or view.listing.number == 1
        for candidate in (url + "index.md", url.rstrip("/") + ".md"):
            staff = files.src_uris.get(candidate)
            if staff is not None and first:
                staff.inclusion = InclusionLevel.NOT_IN_NAV
                self.views[candidate] = with_intro(view)
                return
        src_uri = url + "index.md"
        f = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        GeneratedPage(None, f, config)  # MkDocs uses the page a file already has
        files.append(f)
        self.views[src_uri] = view

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
        second core, waited for at the end); while serving, in a process started when the
        pages are written and not waited for, so a save shows at once and the index follows
        (a newer save stops an older index)."""
        provinces = sorted(self.vocab.provinces, key=lambda p: sort_key(p.name))
        jobs, meta = search_docs.search_jobs(self.portal, self.vocab, provinces)
        paths = {path: article_files[path].abs_src_path for path in article_files}
        task = (jobs, meta, paths, config.site_dir)
        if self.serving or "fork" not in multiprocessing.get_all_start_methods():
            self.index_task = task
            return
        self.index_process = multiprocessing.get_context("fork").Process(
            target=_write_search_index, args=task, name="khuyencong-search-index"
        )
        self.index_process.start()

    # -- templates -------------------------------------------------------------------------

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
        env.globals["kc_urls"] = {
            "search": self.scheme.search,
            "contact": self.scheme.contact,
            "about": self.scheme.about,
            "contact_en": self.scheme.contact_en,
            **{taxonomy: self.scheme.index(taxonomy) for taxonomy in (*TAXONOMIES, "archive")},
        }
        # Our templates: an overlay that escapes every value (MkDocs' own environment does
        # not), with the portal's two date styles.
        self.templates = env.overlay(autoescape=True)
        self.templates.filters["kc_date_long"] = date_long
        self.templates.filters["kc_date_list"] = date_list
        self._leave_out_unused(files)
        self.current_destinations = {f.dest_uri for f in files}
        return env

    def _leave_out_unused(self, files: Files) -> None:
        """Every page has been rendered (on_env comes before static files are copied): a file
        of the articles folder that no rendered page and no published lead image uses is not
        published, so a photo or attachment of a draft stays private."""
        used = set(self.used)
        for article in self.portal.articles if self.portal else []:
            path = lead_image_path(article)
            if path and (self.photos is None or self.photos.processed(path) is None):
                used.add(path)  # shown as it is (the pipeline did not take it)
        # The photo pipeline published its own files: a source it processed (with its EXIF and
        # GPS) is published only if a page still links to it as it is.
        processed = set(self.photos.processed_sources()) if self.photos else set()
        prefix = self.settings.articles_dir + "/"
        for f in list(files):
            if (
                (f.src_uri.startswith(prefix) or f.src_uri in processed)
                and not f.is_documentation_page()
                and _from_docs(f, self.mkdocs_config)
                and f.dest_uri not in used
            ):
                files.remove(f)

    # -- pages -----------------------------------------------------------------------------

    def on_pre_page(self, page, *, config, files):
        uri = page.file.src_uri
        if uri in self.keys and uri not in self.reused:
            self.capture = _Capture()  # what rendering it logs is kept with its output
        return page

    def on_page_read_source(self, *, page, config) -> str | None:
        view = self.views.get(page.file.src_uri)
        if page.file.src_uri in self.reused and isinstance(view, ArticleView):
            return "\n"  # its output is reused: nothing to render
        if isinstance(view, BrokenView):  # its text as it is, whatever its encoding or markup
            raw = page.file.content_bytes.decode("utf-8", errors="replace")
            return "\n" + "\n".join("    " + line for line in raw.splitlines())
        if not isinstance(view, ArticleView):
            return None
        # The body without a second YAML pass; the leading newline keeps MkDocs from reading
        # a body line as metadata. All text is NFC, Ð read as Đ (as the front-matter is);
        # invisible controls go.
        return "\n" + clean_body(nfc(split(decode(page.file.content_bytes)).body))

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        view = self.views.get(page.file.src_uri)
        if view is not None and view.title is not None:
            page.meta["title"] = view.title
        if page.file.src_uri in self.reused:
            page.meta["template"] = "kc-reused.html"
        self.alt_text.fallback = page.meta.get("title") or config.site_name
        self.photo_markup.page_url = page.url
        if isinstance(view, SearchView):
            page.meta["template"] = "kc-search.html"
        # Material prints the description unescaped: it gets escaped text.
        if (text := views.page_description(view)) is not None:
            page.meta["description"] = escape(text)
        return markdown

    def on_nav(self, nav, *, config, files):
        # The sitemap's <lastmod>: when the content last changed, not when it was built. Set on
        # every page before any is rendered: a rebuild in place skips unchanged pages, and the
        # sitemap lists them all.
        for uri, view in self.views.items():
            f = files.src_uris.get(uri)
            if f is None:
                continue
            if f.page is None:
                Page(None, f, config)  # as MkDocs makes pages outside the nav
            if isinstance(view, ArticleView):
                f.page.update_date = (view.article.updated or view.article.date).iso()[:10]
            elif isinstance(view, ListingView) and view.listing.articles:
                f.page.update_date = view.listing.articles[0].date.iso()[:10]
        return nav

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if (entry := self.reused.get(page.file.src_uri)) is not None:
            self._replay(entry, page, files)
            return html
        warnings_before = len(self.warnings)
        try:
            html = self._page_content(html, page, config)
        finally:
            if self.capture is not None:
                logs = self.capture.stop()
                self.capture = None
                self.captured[page.file.src_uri] = buildcache.Entry(
                    "",
                    sorted(local_targets(html, page.url)),
                    logs,
                    None if page.present_anchor_ids is None else sorted(page.present_anchor_ids),
                    {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()},
                    [list(astuple(w)) for w in self.warnings[warnings_before:]],
                )
        return html

    def _replay(self, entry: buildcache.Entry, page, files: Files) -> None:
        """What rendering a reused page did, done again: its log lines (warnings count under
        --strict as in a clean build), its anchors and links (MkDocs checks them after every
        page is rendered), the files it uses and the warnings it gave staff."""
        for level, name, message in entry.logs:
            logging.getLogger(name).log(level, message)
        if entry.anchors is not None:
            page.present_anchor_ids = set(entry.anchors)
        page.links_to_anchors = {
            files.src_uris[uri]: dict(links)
            for uri, links in entry.links.items()
            if uri in files.src_uris
        }
        self.warnings += [Problem(*w) for w in entry.warnings]

    def _page_content(self, html: str, page, config) -> str:
        # Everything staff wrote (articles, intros, the home page) goes through the allow-list
        # sanitiser; what it removes is told, never fatal (khuyencong check says it too).
        if _from_docs(page.file, config):
            clean = sanitize(html)
            parts = split(decode(page.file.content_bytes)) if clean != html else None
            # The sanitiser also rewrites safe output into its own serialisation (<br />,
            # character references): only a body with raw HTML, an entity, an attribute list
            # or a link with a scheme can lose anything, and only then is it compared.
            if parts is not None and _MAY_LOSE.search(parts.body):
                shown = self.shown_prefix + page.file.src_uri
                for removal in report(html, nfc(parts.body), parts.body_line, sanitized=clean):
                    warning = removal.problem(shown)
                    self.warnings.append(warning)
                    log.info("Cảnh báo: " + warning.format())
            html = clean
            if self.photos is not None:
                html = rewrite_raw_images(html, page.url, page.file.src_uri, self.photos.in_body)
        if page.file.inclusion.is_included() or self.serving:
            self.used |= local_targets(html, page.url)
        return html

    # Our HTML is made just before each page is written and let go right after (below), so
    # memory does not hold every page of a big site at once.
    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        base = root_prefix(page.url)
        if page.file.src_uri in self.reused:
            html = self.page_cache.html(self.keys[page.file.src_uri]) if self.page_cache else None
            if html is None:  # removed or damaged since this build began: nothing to write
                raise PluginError(
                    f"Bộ đệm trang hỏng giữa lúc dựng ({page.file.src_uri}); hãy dựng lại "
                    "(hoặc xóa thư mục .cache/khuyencong)."
                )
            context["kc_reused"] = Markup(html)
            return context
        if self.portal is not None:
            links = self._links(base)
            if view is not None and view.template is not None:
                data = view.context(self.portal, self.now)
                page.content = self._render(
                    view.template,
                    **data,
                    view=view,
                    links=links,
                    body=Markup(page.content or ""),
                    page_url=self.site.url + page.url,
                    page_title=page.title or "",
                )
            context["kc_head"] = Markup(
                views.head_html(view, page.url, page.title or "", self.site, self._shared_image)
            )
        self._chrome(context, base)
        context["kc_view"] = view
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html" and self.portal is not None:
            # The 404 page is served at any depth: its links are absolute paths.
            self._chrome(context, urlsplit(self.site.url).path or "/")
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        uri = page.file.src_uri
        key = self.keys.get(uri)
        if key is not None:
            self.written[uri] = key
            reused = self.reused.get(uri)
            captured = self.captured.get(uri)
            used = reused.used if reused else captured.used if captured else []
            self.page_used[uri] = list(used)
        if key is not None and uri not in self.reused and self.page_cache is not None:
            entry = self.captured.pop(uri, None) or buildcache.Entry("")
            entry.html = output
            self.page_cache.put(key, entry)
        self.reused.pop(uri, None)  # written: its HTML need not stay in memory
        if uri in self.views:
            page.content = None
        return output

    def _links(self, base: str) -> Links:
        return Links(
            self.scheme,
            self.portal.urls if self.portal else {},
            base,
            photos=self.photos.for_article if self.photos else None,
        )

    def _render(self, template: str, **data) -> Markup:
        data.setdefault("agency", self.settings.agency)
        data.setdefault("site", self.site)
        return Markup(self.templates.get_template(template).render(**data))

    def _chrome(self, context, base: str) -> None:
        """The header's banner, the footer and the problems box: each the same on every page
        of one depth, rendered once per depth."""
        for name, template in (
            ("kc_brand", "partials/kc/brand.html"),
            ("kc_footer", "partials/kc/footer.html"),
        ):
            key = (name, base)
            if key not in self.chrome:
                self.chrome[key] = self._render(
                    template, links=self._links(base), logo=self._logo(base)
                )
            context[name] = self.chrome[key]
        key = ("kc_problems", "")
        if key not in self.chrome and self.serving:
            self.chrome[key] = self._render(
                "partials/kc/problems.html", problems=self.problems, warnings=self.box_warnings
            )
        context["kc_problems"] = self.chrome.get(key, "")

    def _logo(self, base: str) -> str:
        """The agency's logo as published (an SVG sanitised by the photo pipeline)."""
        path = self.settings.agency.logo
        image = self.photos.processed(path) if self.photos and path else None
        if image is None:
            return base + path if path else ""
        logo = image.original or (image.thumbnails or image.responsive)[0]
        return base + posixpath.dirname(path) + "/" + logo.name

    def _shared_image(self, article: Article) -> SharedImage | None:
        """The article's ``og:image``: its photo's 1200×630 sharing image."""
        if not article.image:
            return None
        alt = article.image_caption or article.title
        if is_web_address(article.image):
            return SharedImage(article.image, alt)
        return self.photos.shared(lead_image_path(article), alt) if self.photos else None

    # -- the end ---------------------------------------------------------------------------

    # Run after other plugins, so the index is written last and waited for only once.
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        if self.serving:
            current = getattr(self, "current_destinations", set())
            if self.in_place:  # files of pages deleted or renamed since the last build
                for dest in sorted(self.destinations - current):
                    with contextlib.suppress(OSError):
                        os.remove(os.path.join(config.site_dir, dest))
            self.destinations = current
            for uri in [u for u in self.written if u not in self.keys]:
                del self.written[uri]
        if self.page_cache is not None:
            self.page_cache.keep_only(set(self.keys.values()))
            log.info(
                f"Dùng lại {self.reused_count} trang từ lần dựng trước, dựng mới "
                f"{len(self.keys) - self.reused_count} trang."
            )
        if self.index_task is not None and self.serving:
            _stop(self.preview_index)
            # MkDocs serves while it rebuilds (threads): a fresh interpreter, not a fork.
            self.preview_index = multiprocessing.get_context("spawn").Process(
                target=_write_preview_index,
                args=self.index_task,
                name="khuyencong-search-index",
                daemon=True,
            )
            self.preview_index.start()
        elif self.index_task is not None:
            _write_search_index(*self.index_task)
        elif self.index_process is not None:
            self.index_process.join()
            if self.index_process.exitcode != 0:
                raise PluginError(
                    "Không tạo được chỉ mục tìm kiếm (lỗi ở trên); hãy báo cho nhóm kỹ thuật."
                )
        self.index_task = self.index_process = None

    def on_shutdown(self) -> None:
        _stop(self.preview_index)

    def on_build_error(self, *, error) -> None:
        if self.index_process is not None and self.index_process.is_alive():
            self.index_process.terminate()
            self.index_process.join()
        self.index_task = self.index_process = None


class _Capture(logging.Handler):
    """What MkDocs and the plugin log while one page is rendered (link warnings, sanitiser
    warnings): kept with the page's output, logged again when the output is reused."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str, str]] = []
        logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))

    def stop(self) -> list[tuple[int, str, str]]:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.records


def _page_cache(config, options, previous: buildcache.PageCache | None):
    """The pages' cache (``buildcache``): ``.cache/khuyencong/pages`` beside mkdocs.yml, kept
    in memory across `mkdocs serve` rebuilds; None when KHUYENCONG_CACHE=0."""
    if not buildcache.cache_enabled():
        return None
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    here = os.path.dirname(os.path.abspath(__file__))
    config_bytes = b""
    if config.config_file_path and os.path.isfile(config.config_file_path):
        with open(config.config_file_path, "rb") as handle:
            config_bytes = handle.read()
    salt = buildcache.salt(
        buildcache.tree_digest(
            [here] + ([config.theme.custom_dir] if config.theme.custom_dir else [])
        ),
        hashlib.sha256(config_bytes).hexdigest(),
        config.site_url,
        config.site_name,
        config.copyright,
        repr(sorted(options.items(), key=lambda kv: kv[0])),
    )
    if previous is not None and previous.salt == salt:
        return previous
    return buildcache.PageCache(os.path.join(base, ".cache", "khuyencong", "pages"), salt)


def _image_cache(config, previous: images.ImageCache | None) -> images.ImageCache:
    """The photo cache: ``.cache/khuyencong/images`` beside mkdocs.yml (git ignores it), kept
    by the plugin object across `mkdocs serve` rebuilds; KHUYENCONG_CACHE=0 uses a fresh
    temporary one instead (deleting the folder is always safe)."""
    if os.environ.get("KHUYENCONG_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return images.ImageCache(tempfile.mkdtemp(prefix="khuyencong-images-"))
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    root = os.path.join(base, ".cache", "khuyencong", "images")
    if previous is not None and os.path.normpath(str(previous.root)) == os.path.normpath(root):
        return previous
    return images.ImageCache(root)


def _robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n"


def _write_search_index(jobs, meta, paths: dict[str, str], site_dir) -> None:
    def read_body(path: str) -> str:
        with open(paths[path], "rb") as handle:
            return split(decode(handle.read())).body

    search.write_index(search.build_from_jobs(jobs, meta, read_body), site_dir)


def _write_preview_index(*task) -> None:
    """The preview's index: quietly given up when the preview stops or moves on meanwhile (its
    folder removed, a newer save)."""
    with contextlib.suppress(Exception):  # the next save writes a new one
        _write_search_index(*task)


def _stop(process) -> None:
    if process is not None and process.is_alive():
        process.terminate()
        process.join()


def _now() -> datetime:
    """Build time; SOURCE_DATE_EPOCH fixes it, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch) if epoch else time.time(), VN_TZ)


def _shown_prefix(config) -> str:
    """docs_dir as staff see it, relative to mkdocs.yml (e.g. 'content/')."""
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    rel = os.path.relpath(config.docs_dir, base)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def _config_name(config) -> str:
    return os.path.basename(config.config_file_path or "mkdocs.yml")


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


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


def _nav_sources(items) -> list[str]:
    """The source files mkdocs.yml's nav names (its pages get their titles from there)."""
    found: list[str] = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_sources(value)
    return found


class _QuietDirty(logging.Filter):
    """MkDocs warns on every dirty build that links may be wrong; ours are checked (below)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _serve_in_place(server, plugin: NewsPlugin) -> None:
    """Hack: `mkdocs serve` rebuilds the whole site into an emptied folder after every save.
    Rebuilds here run as MkDocs' own dirty builds (mkdocs/commands/serve.py calls the module's
    ``build``; we hand it ``dirty=True``), which keep the folder and skip every page whose
    ``File.is_modified()`` is false: the plugin says false exactly for pages whose cache key
    equals the key of the output already in the folder (``_find_reusable``), and removes the
    files of pages that are gone (``on_post_build``). So a save re-renders only what changed,
    and every page served stays byte for byte a clean build's (tests/test_incremental.py).

    It also keeps the preview answering whatever a build does: MkDocs' live-reload server makes
    every request wait until a rebuild succeeds (mkdocs/livereload/__init__.py, _build_loop),
    so a rebuild that raises would leave the browser loading forever. The plugin never raises
    while serving (problems go to the red box); this net catches anything else, says so in
    Vietnamese and lets the server answer with the last good pages. Both fail the tests if
    MkDocs changes underneath (tests/test_incremental.py, tests/test_hardening.py)."""
    from mkdocs.commands import serve as serve_module

    build = server.builder
    full_build = serve_module.build

    def in_place(config, *, serve_url=None, dirty=False):
        return full_build(config, serve_url=serve_url, dirty=True)

    def rebuild() -> None:
        quiet = _QuietDirty()
        logger = logging.getLogger("mkdocs.commands.build")
        logger.addFilter(quiet)
        if plugin.page_cache is not None:  # KHUYENCONG_CACHE=0: MkDocs' own full rebuilds
            serve_module.build = in_place
            plugin.in_place = True
        try:
            build()
        except Exception as exc:  # noqa: BLE001 - anything, so the preview never hangs
            plugin.written.clear()  # the folder is in an unknown state: the next save redoes all
            log.error(
                "Lỗi khi dựng lại trang xem trước: %s. Trang vẫn hiện bản dựng trước; sửa tệp "
                "vừa lưu rồi lưu lại. Nếu lỗi còn, gửi dòng này cho nhóm kỹ thuật.",
                excerpt(f"{type(exc).__name__}: {exc}", 300),
            )
        finally:
            serve_module.build = full_build
            plugin.in_place = False
            logger.removeFilter(quiet)

    server.builder = rebuild
