"""Printing an article ("In bài viết", Decree 42/2022/NĐ-CP) prints the article alone.

theme_overrides/assets/stylesheets/kc-print.css (linked with media="print") is checked in
Debian's Chromium with ``page.emulate_media(media="print")``: what a reader sees on paper is
the title, the meta line (date, provinces, category, authors), the lead, the body with its
photo captions, the source line, the tags and the page address, and nothing of the site
around it. ``page.pdf()`` then prints it for real.

The page address comes from ``data-kc-url`` on ``<article class="kc-article">`` when the
plugin writes it; until then from ``<link rel="canonical">``. Both ways are checked (the
attribute is added in the browser where the built page has none).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import make_project, run_mkdocs

PREFIX = "/khuyencong/"
# Reposted (source line "Theo …"), one province, tags.
ARTICLE_2011 = "tin-tuc/2011/hoi-nghi-khuyen-cong-khu-vuc-mien-trung-va-tay-nguyen/"
# Former province "(nay thuộc …)", lead, two photo captions, neighbours and related articles.
ARTICLE_2022 = "tin-tuc/2022/hoi-nghi-tong-ket-hoat-dong-mang-luoi-cong-tac-vien-khuyen-cong-nam-2021-va-trien-khai-nhiem-vu-2022/"

PRINTED = [
    "article.kc-article h1",
    ".kc-article__header .kc-meta",
    ".kc-meta__date",
    ".kc-meta__provinces",
    ".kc-meta__category",
    ".kc-meta__authors",
    ".kc-summary",
    ".kc-article__body",
    ".kc-article__footer .kc-tags",
]
NOT_PRINTED = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".kc-search-box",
    ".kc-breadcrumbs",
    "button.kc-print",
    ".kc-neighbours",
    ".kc-related",
    ".md-footer",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from tests.conftest import serve

    root = make_project(tmp_path_factory.mktemp("print"), {}, seeds=True)
    result = run_mkdocs(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve(root / "site", PREFIX)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert errors == []


def visible(page, selector: str) -> bool:
    """Whether anything matching selector takes space on the page (CSS media as emulated)."""
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)].some(el => {
               const r = el.getBoundingClientRect();
               return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
           })""",
        selector,
    )


def pseudo_content(page, selector: str, which: str = "::after") -> str:
    return page.evaluate(
        "([sel, which]) => { const el = document.querySelector(sel);"
        " return el ? getComputedStyle(el, which).content : ''; }",
        [selector, which],
    )


def canonical(page) -> str:
    return page.locator('link[rel="canonical"]').get_attribute("href")


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def pdf_text(pdf: bytes, tmp_path) -> str | None:
    """The PDF's text by pdftotext (Debian's poppler-utils), or None without it."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [exe, "-layout", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


# --------------------------------------------------------------------------- tests


def test_the_stylesheet_is_for_print_only(page, base):
    page.goto(base + ARTICLE_2022)
    sheet = page.locator('link[rel="stylesheet"][href$="kc-print.css"]')
    assert sheet.count() == 1
    assert sheet.get_attribute("media") == "print"
    # On screen everything is still there.
    for selector in [".md-header", ".kc-breadcrumbs", "button.kc-print", ".kc-related"]:
        assert visible(page, selector), selector


@pytest.mark.parametrize("url", [ARTICLE_2011, ARTICLE_2022])
def test_print_shows_the_article_alone(page, base, url):
    page.goto(base + url)
    page.emulate_media(media="print")
    for selector in PRINTED:
        assert visible(page, selector), f"not printed: {selector}"
    for selector in NOT_PRINTED:
        assert not visible(page, selector), f"printed: {selector}"
    text = page.locator("body").inner_text()
    assert "In bài viết" not in text
    assert "Tin tức khác cùng chuyên mục" not in text
    assert "Bài trước" not in text and "Bài sau" not in text
    assert "Tỉnh thành:" in text and "Chuyên mục:" in text and "Tác giả:" in text


def test_print_keeps_source_line_and_captions(page, base):
    page.goto(base + ARTICLE_2011)
    page.emulate_media(media="print")
    assert visible(page, ".kc-source")
    assert page.locator(".kc-source").inner_text().startswith("Theo ")

    page.goto(base + ARTICLE_2022)
    page.emulate_media(media="print")
    captions = page.locator(".kc-article__body .kc-caption-only")  # photos lost, captions kept
    assert captions.count() == 2
    assert all(captions.nth(i).is_visible() for i in range(2))
    assert "(nay thuộc Hồ Chí Minh)" in page.locator(".kc-article__header .kc-meta").inner_text()


def test_article_carries_its_address(page, base):
    """The plugin writes the article's absolute address for print to show."""
    page.goto(base + ARTICLE_2022)
    attribute = page.locator("article.kc-article").get_attribute("data-kc-url")
    assert attribute == canonical(page) and attribute.endswith("/" + ARTICLE_2022)


def test_print_gives_the_address_from_the_article(page, base):
    """Printed after the article, once (the canonical link stays hidden)."""
    page.goto(base + ARTICLE_2022)
    page.emulate_media(media="print")
    url = canonical(page)
    content = pseudo_content(page, "article.kc-article")
    assert "Địa chỉ bài viết" in content and url in content
    assert not visible(page, 'link[rel="canonical"]')


def test_screen_shows_no_address(page, base):
    page.goto(base + ARTICLE_2022)
    assert pseudo_content(page, "article.kc-article") in ("none", "normal", "")
    assert not visible(page, 'link[rel="canonical"]')


@pytest.mark.parametrize("url", [ARTICLE_2011, ARTICLE_2022])
def test_pdf_is_one_article(page, base, tmp_path, url):
    page.goto(base + url)
    address = canonical(page)
    title = page.locator("article.kc-article h1").inner_text()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # Each seed article is 300–600 words: a page or two, not the site around it.
    assert 1 <= pdf_pages(pdf) <= 2

    text = pdf_text(pdf, tmp_path)
    if text is None:
        return  # the page count only, without poppler-utils
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", title) in flat
    assert address in flat, "the page address is not printed"
    assert "Tỉnh thành:" in text and "Chuyên mục:" in text and "Tác giả:" in text
    if url == ARTICLE_2011:
        assert "Theo Cục Công Nghiệp Địa Phương Online" in text
    else:
        assert "Bà Vũ Bích Hảo – PGĐ Sở Công Thương trao giấy khen" in text  # a caption
    for absent in [
        "In bài viết",
        "Tin tức khác cùng chuyên mục",
        "Bài trước",
        "Tìm kiếm",
        "Lưu trữ",
    ]:
        assert absent not in text, absent
