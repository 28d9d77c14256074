"""`mkdocs serve` keeps serving through a broken article, shows its problem on every page, and
picks up the fix."""

from __future__ import annotations

import json

from tests.conftest import MkDocsServe, article, get, make_project, wait_for


def test_serve_survives_a_broken_article_and_shows_the_problem(tmp_path):
    broken = article(title="Bài lỗi", province="Binh Duog")
    root = make_project(
        tmp_path,
        {
            "tin-tuc/2024/loi.md": broken,
            "tin-tuc/2024/tot.md": article(title="Bài tốt"),
            "tin-tuc/2024/nhap.md": article(title="Bài nháp", draft="true"),
            "tin-tuc/2099/sau.md": article(title="Bài hẹn giờ", date="2099-01-01"),
        },
    )
    server = MkDocsServe(root)
    base = server.base
    try:
        assert wait_for(lambda: get(base)[0] == 200), "mkdocs serve did not start"
        status, home = get(base)
        assert 'class="kc-problems"' in home
        assert "content/tin-tuc/2024/loi.md:4: trường &#39;province&#39;" in home
        assert "Có phải ý bạn là &#39;Bình Dương&#39;" in home
        assert get(base + "tin-tuc/2024/tot/")[0] == 200  # the good article is served
        # The broken article is previewed as written, under the problems box.
        status, page = get(base + "tin-tuc/2024/loi/")
        assert status == 200 and 'class="kc-problems"' in page and "Binh Duog" in page
        # Drafts and future articles are previewed, marked, and listed like the others.
        for url in ("tin-tuc/2024/nhap/", "tin-tuc/2099/sau/"):
            status, page = get(base + url)
            assert status == 200 and 'class="kc-draft"' in page, url
        assert "Bài nháp" in home and "Bài hẹn giờ" in home

        (root / "content/tin-tuc/2024/loi.md").write_text(
            broken.replace("Binh Duog", "Bình Dương"), encoding="utf-8"
        )
        assert wait_for(lambda: 'class="kc-article"' in get(base + "tin-tuc/2024/loi/")[1]), (
            "fix not picked up"
        )
        assert 'class="kc-problems"' not in get(base)[1]

        # A new article shows up with its term page, related block and search index.
        docs_before = json.loads(get(base + "search/meta.json")[1])["docs"]
        (root / "content/tin-tuc/2024/moi.md").write_text(
            article(title="Bài mới viết", tags="[xem trước]", date="2024-03-16"), encoding="utf-8"
        )
        assert wait_for(lambda: "Bài mới viết" in get(base + "the/xem-truoc/")[1])
        assert "Bài mới viết" in get(base + "tin-tuc/2024/tot/")[1]  # related, same category
        # The preview's search index follows the pages (written by a second process).
        assert wait_for(
            lambda: json.loads(get(base + "search/meta.json")[1])["docs"] == docs_before + 1
        )
        assert server.running, "the server stopped"
    finally:
        output = server.stop()
    assert "Traceback" not in output, output
