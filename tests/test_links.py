"""The site works under a project path (https://<org>.github.io/<repo>/): built with such a
site_url and served under that prefix on 127.0.0.1, a crawl finds no broken internal link or
anchor, and nothing points outside the prefix."""

from __future__ import annotations

import re
import shutil
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from tests.conftest import free_port

PREFIX = "/khuyencong-portal/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and tag in {"a", "link", "script", "img", "source", "iframe"}:
                self.links.append(a[key])


def crawl(start: str) -> tuple[dict[str, int], list[str]]:
    """Fetch every page and asset reachable from ``start`` on the same host.

    Returns the status of each URL and a list of problems (broken links, missing anchors,
    links that leave the project path)."""
    host = urlsplit(start).netloc
    statuses: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    problems: list[str] = []
    queue = [(start, "(start)")]
    while queue:
        url, referrer = queue.pop()
        if url in statuses:
            continue
        if not urlsplit(url).path.startswith(PREFIX):
            problems.append(f"{referrer} -> {url}: ngoài đường dẫn dự án")
            statuses[url] = 0
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                statuses[url] = r.status
                body = r.read()
                kind = r.headers.get_content_type()
        except urllib.error.HTTPError as e:
            statuses[url] = e.code
            problems.append(f"{referrer} -> {url}: HTTP {e.code}")
            continue
        if kind == "text/html":
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            ids[url] = parser.ids
            for link in parser.links:
                target = urljoin(url, link)
                if urlsplit(target).netloc != host or urlsplit(target).scheme not in {
                    "http",
                    "https",
                }:
                    continue
                page, fragment = urldefrag(target)
                if fragment:
                    anchors.append((url, page, fragment))
                queue.append((page, url))
        elif url.endswith("sitemap.xml"):
            for loc in re.findall(r"<loc>(.*?)</loc>", body.decode("utf-8")):
                queue.append((loc, url))
    for referrer, page, fragment in anchors:
        if page in ids and fragment not in ids[page]:
            problems.append(f"{referrer} -> {page}#{fragment}: không có neo này")
    return statuses, problems


def test_no_broken_link_under_a_project_path(build_site, serve_dir):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    build = build_site(seeds=True, site_url=origin + PREFIX)
    assert build.ok, build.log
    serve_dir(build.site, PREFIX, port)
    statuses, problems = crawl(origin + PREFIX)
    sitemap, sitemap_problems = crawl(origin + PREFIX + "sitemap.xml")
    assert not problems and not sitemap_problems, "\n".join(problems + sitemap_problems)
    pages = [u for u in statuses if re.search(r"/tin-tuc/\d{4}/[^/]+/$", u)]
    assert len(pages) == 5  # every article is reachable from the home page
    assert any(u.endswith(".css") for u in statuses)
    assert len(sitemap) >= 6
    # The crawler itself must notice a missing page.
    victim = next((build.site / "tin-tuc" / "2011").iterdir())
    shutil.rmtree(victim)
    _, after_removal = crawl(origin + PREFIX)
    assert any("HTTP 404" in p and victim.name in p for p in after_removal), after_removal


def test_no_broken_link_with_a_synthetic_corpus(tmp_path, serve_dir):
    """Seeds plus 120 synthetic articles (several pages per list, old and new provinces, drafts
    of nothing): every page, asset, feed link and anchor resolves under the project path."""
    import importlib.util

    from tests.conftest import ROOT, make_project, run_mkdocs

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", synthetic)  # dataclasses look their module up
    spec.loader.exec_module(synthetic)
    root = make_project(
        tmp_path / "p", {}, seeds=True, config_changes={"per_page: 20": "per_page: 5"}
    )
    synthetic.generate(120, root / "content" / "synthetic", seed=7)
    (root / "content" / "synthetic" / "tin-tuc").rename(root / "content" / "tin-tuc" / "gia-lap")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site", site_url=origin + PREFIX)
    assert result.returncode == 0, result.stderr[-3000:]
    serve_dir(root / "site", PREFIX, port)
    statuses, problems = crawl(origin + PREFIX)
    assert not problems, "\n".join(problems[:20])
    articles = [u for u in statuses if "/tin-tuc/" in u and u.endswith("/")]
    assert len(articles) >= 125
    assert any("/trang/2/" in u for u in statuses)
