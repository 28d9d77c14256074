"""The Vietnamese 404 page (theme_overrides/404.html) under a GitHub Pages project path.

The seed site is built with ``SITE_URL=http://127.0.0.1:PORT/<repo>/`` and served under
``/<repo>/`` by a server that behaves like GitHub Pages: a missing address gets the site's
404.html with status 404, whatever its depth. In Debian's Chromium the page must be in
Vietnamese, load its stylesheets and scripts, and every link on it must lead to a page
(status 200).
"""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import make_project, run_mkdocs
from tests.test_accessibility import axe_script, axe_violations, blocking, describe

REPO = "khuyencong-portal"
PREFIX = f"/{REPO}/"
MISSING = [
    "khong-co-trang-nay",
    "tin-tuc/2099/bai-viet-khong-co/",
    "the/khong-co/trang/9/",
]
LINKS = {
    "Trang chủ": "",
    "Tìm kiếm": "tim-kiem/",
    "Chuyên mục": "chuyen-muc/",
    "Lưu trữ": "luu-tru/",
}


def pages_server(site: Path, prefix: str) -> ThreadingHTTPServer:
    """A static server like GitHub Pages for a project site: files under ``prefix`` only;
    a missing file (or a folder without index.html) gets site/404.html with status 404."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return "/nonexistent/"
            return super().translate_path("/" + path[len(prefix) :])

        def list_directory(self, path):
            self.send_error(404)
            return None

        def send_error(self, code, message=None, explain=None):
            page = site / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("notfound"), {}, seeds=True)
    site = root / "site"
    # Bound first, so that the site is built for the very address it is served at.
    server = pages_server(site, PREFIX)
    url = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    result = run_mkdocs(root, "build", "--site-dir", "site", site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


# --------------------------------------------------------------------------- tests


def test_server_answers_like_github_pages(base):
    status, html = fetch(base)
    assert status == 200 and "Về cổng tin" in html
    status, html = fetch(base + "khong-co-trang-nay")
    assert status == 404
    assert '<html lang="vi"' in html
    assert "<title>Không tìm thấy trang - Khuyến công Việt Nam</title>" in html
    assert "404 - Not found" not in html


@pytest.mark.parametrize("missing", MISSING)
def test_404_page_works_under_the_project_path(page, base, missing):
    assets: list[tuple[int, str]] = []
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            assets.append((r.status, r.url)) if r.request.resource_type != "document" else None
        ),
    )
    page.on("requestfailed", lambda r: failed.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    response = page.goto(base + missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")

    # Vietnamese text.
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.title() == "Không tìm thấy trang - Khuyến công Việt Nam"
    assert page.locator("article h1").inner_text() == "Không tìm thấy trang"
    assert "lỗi 404" in page.locator(".kc-404").inner_text()

    # Its stylesheets and scripts load: Material's (indigo header), ours (link buttons) and
    # the search stylesheet (visually hidden label).
    assert failed == [] and errors == []
    assert [a for a in assets if a[0] != 200] == []
    assert any(url.endswith("/khuyencong.css") for _, url in assets)
    assert (
        page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(11, 61, 145)"  # the agency blue of khuyencong.css
    )
    assert page.locator(".kc-404__links").evaluate("e => getComputedStyle(e).display") == "flex"
    assert (
        page.locator("label[for=kc-404-q]").evaluate("e => getComputedStyle(e).position")
        == "absolute"
    )

    # The four ways out, at the project path.
    for name, target in LINKS.items():
        link = page.locator(".kc-404__links").get_by_role("link", name=name, exact=True)
        assert link.count() == 1, name
        href = link.evaluate("a => a.href")
        assert href == base + target, (name, href)
    action = page.locator("form.kc-404__search").evaluate("f => f.action")
    assert action == base + "tim-kiem/"

    # Every link on the page (the 404 links, header, tabs, navigation, footer) leads to a page;
    # the footer's telephone and e-mail links are the agency's.
    hrefs = sorted(
        set(page.eval_on_selector_all("a[href]", "as => as.map(a => a.href.split('#')[0])"))
    )
    assert len(hrefs) >= 5
    contacts = [h for h in hrefs if h.startswith(("mailto:", "tel:"))]
    assert contacts == ["mailto:lienhe@example.org", "tel:02000000000"]
    bad = []
    for href in (h for h in hrefs if h not in contacts):
        assert href.startswith(base), href
        status = page.request.get(href).status
        if status != 200:
            bad.append((status, href))
    assert bad == []


def test_search_from_the_404_page(page, base):
    page.goto(base + "tin-tuc/2099/bai-viet-khong-co/")
    page.fill("#kc-404-q", "khuyen cong")
    page.locator("form.kc-404__search button[type=submit]").click()
    page.wait_for_url(base + "tim-kiem/?q=khuyen+cong")
    page.wait_for_selector(".kc-search__results > li", timeout=15000)
    assert page.locator(".kc-search__results > li").count() >= 1


@pytest.mark.parametrize("width", [375, 1280])
def test_404_page_has_no_serious_accessibility_violation(browser, base, width):
    axe_js = axe_script()
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(base + "tin-tuc/2099/bai-viet-khong-co/")
        page.wait_for_load_state("networkidle")
        found = blocking(axe_violations(page, axe_js))
        assert found == [], describe(found)
    finally:
        page.close()
