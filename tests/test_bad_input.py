"""A careless editor's corpus: every broken article either fails the build with a clear
Vietnamese message naming its file and field, or is normalised on purpose (documented in
HUONG-DAN-VIET-BAI.md); never a traceback; `mkdocs serve` keeps running through all of them."""

from __future__ import annotations

import time
import unicodedata

import pytest

from tests.conftest import MkDocsServe, article, get, make_project, wait_for

PATH = "tin-tuc/2024/bai.md"

# (id, file content, field named, words of the message); None field: the file as a whole.
ERRORS = [
    ("yaml", '---\ntitle: "Hội nghị\ndate: 2024-03-15\n---\nx\n', None, "không phải YAML hợp lệ"),
    ("no-front-matter", "Chỉ có nội dung.\n", None, "không có phần đầu"),
    ("unknown-province", article(province="Atlantis"), "province", "không có tỉnh/thành"),
    ("misspelt-province", article(province="Dak Lac"), None, None),  # an accepted spelling
    (
        "misspelt-category",
        article(category="Cụm cong nghiep moi"),
        "category",
        "không có chuyên mục",
    ),
    ("impossible-date", article(date="2022-02-30"), "date", "không có ngày 30"),
    ("slug-slash", article(slug="a/b"), "slug", "không hợp lệ"),
    ("slug-dotdot", article(slug=".."), "slug", "không hợp lệ"),
    ("markup-title", article(title="'Tin <b>nóng</b>'"), "title", "có mã HTML"),
    ("markup-author", article(author="'<img src=x onerror=alert(1)>'"), "author", "có mã HTML"),
    ("markup-tag", article(tags="['<script>x</script>']"), "tags", "có mã HTML"),
    ("markup-summary", article(summary="'a <a href=x>b</a>'"), "summary", "có mã HTML"),
    # "Hội nghị" saved as Windows-1258 by an old editor:
    ("not-utf8", b"---\ntitle: H\xf4\xf2i ngh\xec\xf2\n---\n", None, "không phải văn bản UTF-8"),
]


@pytest.mark.parametrize(("name", "text", "field", "needle"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_article_fails_strict_build_clearly(build_site, name, text, field, needle):
    build = build_site({PATH: text})
    assert "Traceback" not in build.log
    if needle is None:
        assert build.ok, build.log
        return
    assert not build.ok
    line = next(ln for ln in build.log.splitlines() if f"content/{PATH}" in ln)
    assert needle in line and "Cách sửa:" in line
    if field:
        assert f"trường '{field}'" in line


def test_duplicate_urls_are_reported(build_site):
    # The same file name and year in two folders.
    build = build_site(
        {
            "tin-tuc/2024/hoi-nghi.md": article(title="Hội nghị"),
            "tin-tuc/cu/hoi-nghi.md": article(title="Hội nghị"),
        }
    )
    assert not build.ok and "trùng địa chỉ 'tin-tuc/2024/hoi-nghi/'" in build.log


def test_the_same_title_in_two_years_is_two_pages(build_site):
    build = build_site(
        {
            "tin-tuc/2023/x.md": article(title="Hội nghị", date="2023-01-01"),
            "tin-tuc/2024/x.md": article(title="Hội nghị"),
        }
    )
    assert build.ok, build.log


def test_normalised_on_purpose(build_site):
    nfd = unicodedata.normalize("NFD", article(title="Hội nghị Đà Nẵng", body="Thân bài Ðắk Lắk."))
    build = build_site(
        {
            "tin-tuc/2024/bom.md": ("\ufeff" + article(title="Có BOM")).encode("utf-8"),
            "tin-tuc/2024/crlf.md": article(title="Dòng CRLF").replace("\n", "\r\n"),
            "tin-tuc/2024/nfd.md": nfd.replace("Đà", "Ðà"),  # NFD, and Ð (U+00D0) for Đ
            "tin-tuc/2024/rong.md": article(title="Bài chưa có thân", body=""),
            "tin-tuc/2024/the.md": article(title="Thẻ", tags="[CNNT, cnnt, hoà bình, hòa bình]"),
        }
    )
    assert build.ok, build.log
    html = build.html("tin-tuc/2024/nfd")
    assert "<h1>Hội nghị Đà Nẵng</h1>" in html and "Thân bài Đắk Lắk." in html
    assert unicodedata.is_normalized("NFC", html)
    assert "<h1>Có BOM</h1>" in build.html("tin-tuc/2024/bom")
    assert "<h1>Dòng CRLF</h1>" in build.html("tin-tuc/2024/crlf")
    assert "<h1>Bài chưa có thân</h1>" in build.html("tin-tuc/2024/rong")
    tags = build.html("tin-tuc/2024/the")
    assert tags.count('class="kc-tag"') == 2  # one tag each: case and tone placement merge


def test_a_five_megabyte_article_builds(build_site):
    body = "\n\n".join(
        f"Đoạn {i}: hoạt động khuyến công ở Đắk Lắk năm 2024." for i in range(90_000)
    )
    assert len(body.encode("utf-8")) > 5_000_000
    build = build_site({PATH: article(body=body)})
    assert build.ok, build.log[-2000:]
    assert "Đoạn 89999" in build.html("tin-tuc/2024/bai")


def test_serve_keeps_running_through_every_bad_article(tmp_path):
    root = make_project(tmp_path, {"tin-tuc/2024/tot.md": article(title="Bài tốt")})
    server = MkDocsServe(root)
    base = server.base
    target = root / "content" / PATH
    try:
        assert wait_for(lambda: get(base)[0] == 200)
        for name, text, _, needle in ERRORS:
            if needle is None:
                continue
            marker = f"{name}-{time.monotonic_ns()}"
            data = text if isinstance(text, bytes) else (text + f"\n<!-- {marker} -->\n")
            target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            assert wait_for(lambda n=needle: n in get(base)[1], timeout=30), name
            assert server.running, f"server stopped at {name}"
        target.write_text(article(title="Đã sửa"), encoding="utf-8")
        assert wait_for(lambda: 'class="kc-problems"' not in get(base)[1], timeout=30)
    finally:
        output = server.stop()
    assert "Traceback" not in output, output[-3000:]
