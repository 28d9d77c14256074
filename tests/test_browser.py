"""What readers see, in a real headless Chromium: the article page of a seed article on a
phone and on a desktop, in Vietnamese."""

from __future__ import annotations

import pytest

ARTICLE = "tin-tuc/2022/hoi-nghi-tong-ket-hoat-dong-mang-luoi-cong-tac-vien-khuyen-cong-nam-2021-va-trien-khai-nhiem-vu-2022/"


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory):
    from tests.conftest import make_project, run_mkdocs

    root = make_project(tmp_path_factory.mktemp("browser"), {}, seeds=True)
    assert run_mkdocs(root, "build", "--site-dir", "site").returncode == 0
    return root / "site"


@pytest.mark.parametrize("width", [375, 1280])
def test_article_page_reads_well(browser, serve_dir, seed_url, width):
    base = serve_dir(seed_url, "/khuyencong/")
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + ARTICLE)
    assert page.evaluate("document.documentElement.lang") == "vi"
    h1 = page.locator("article.kc-article h1")
    assert h1.inner_text().startswith("Hội nghị tổng kết hoạt động mạng lưới cộng tác viên")
    assert h1.is_visible()
    meta = page.locator("article.kc-article .kc-meta").first.inner_text()
    assert "Tháng 1/2022" in meta
    assert "Bà Rịa – Vũng Tàu (nay thuộc Hồ Chí Minh)" in meta
    assert "Chuyên mục: Mạng lưới cộng tác viên" in meta and "Tác giả: Minh Vân" in meta
    assert page.locator(".kc-summary").is_visible()
    # The seed's photos were lost: its two captions stay, with no empty frame.
    assert page.locator(".kc-article__body .kc-caption-only").count() == 2
    assert page.locator(".kc-article__body figure").count() == 0
    # Nothing runs off the side of a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    # The home page leads to the article.
    page.goto(base)
    page.locator(".kc-home__latest").get_by_role(
        "link",
        name="Hội nghị tổng kết hoạt động mạng lưới cộng tác viên Khuyến công năm 2021 và triển khai nhiệm vụ 2022",
    ).click()
    assert page.url == base + ARTICLE
    page.close()
