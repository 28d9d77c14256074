"""Real builds: the seed site builds strictly with no warning; broken articles fail the build
with a message naming the file and field; the article page shows its metadata."""

from __future__ import annotations

import re

import pytest

from tests.conftest import article

ARTICLE = "tin-tuc/2024/hoi-nghi.md"


def test_seed_site_builds_strict_without_warnings(build_site):
    build = build_site(seeds=True)
    assert build.ok, build.log
    assert "WARNING" not in build.log and "ERROR" not in build.log, build.log
    pages = sorted(p.parent.name for p in (build.site / "tin-tuc").glob("*/*/index.html"))
    assert len(pages) == 5


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize(
    ("text", "field", "needle"),
    [
        ('---\ntitle: "Hội nghị\ndate: 2024-03-15\n---\nx\n', None, "không phải YAML hợp lệ"),
        (article(province="Binh Duog"), "province", "Có phải ý bạn là 'Bình Dương'"),
        (article(date="2022-02-30"), "date", "tháng 2/2022 không có ngày 30"),
        (article(category="Hội nghi tổng kếtt"), "category", "không có chuyên mục"),
        ("Không có phần đầu\n", None, "không có phần đầu (front-matter)"),
    ],
    ids=["yaml", "province", "date", "category", "no-front-matter"],
)
def test_broken_article_fails_the_build_naming_file_and_field(
    build_site, strict, text, field, needle
):
    build = build_site({ARTICLE: text}, strict=strict)
    assert not build.ok
    line = next((ln for ln in build.log.splitlines() if "content/" + ARTICLE in ln), None)
    assert line is not None, build.log
    assert needle in line
    if field:
        assert f"trường '{field}'" in line
    assert "Có 1 lỗi trong bài viết" in build.log
    assert "Traceback" not in build.log


def test_every_problem_of_a_file_is_reported_at_once(build_site):
    text = article(date="2022-13-01", province="Atlantis", category="Không có", author="")
    build = build_site({ARTICLE: text})
    assert not build.ok
    for field in ("date", "province", "category", "author"):
        assert f"content/{ARTICLE}:" in build.log and f"trường '{field}'" in build.log
    assert "Có 4 lỗi trong bài viết" in build.log


def test_article_page_shows_its_metadata(build_site):
    text = article(
        title="Tập huấn khởi sự doanh nghiệp",
        date="2019-05-06 08:30",
        province="[BR-VT, Thanh Hoá]",
        category="Đào tạo",
        author="[Ngân Trần, {name: Anh Dũng, organization: TTKC Bình Dương}]",
        tags="[tập huấn, CNNT]",
        summary="Sapo của bài.",
        source="{name: Báo Công Thương, url: 'https://example.org/a'}",
        body="## Đà Nẵng và Đắk Lắk\n\nĐoạn văn.",
    )
    build = build_site({ARTICLE: text})
    assert build.ok, build.log
    html = build.html("tin-tuc/2019/hoi-nghi")
    assert "<h1>Tập huấn khởi sự doanh nghiệp</h1>" in html
    assert '<time datetime="2019-05-06T08:30:00+07:00">Thứ Hai, 06/05/2019, 08:30</time>' in html
    # Old province name kept for display, with today's unit; Thanh Hoá in canonical spelling.
    # Each term links to its page (relative links: the site also lives under a project path).
    assert (
        '<a href="../../../tinh-thanh/ho-chi-minh/" class="kc-province">Bà Rịa – Vũng Tàu</a> '
        '<span class="kc-province__now">(nay thuộc Hồ Chí Minh)</span>'
    ) in html
    assert '<a href="../../../tinh-thanh/thanh-hoa/" class="kc-province">Thanh Hóa</a>' in html
    assert (
        '<a href="../../../chuyen-muc/dao-tao-tap-huan/" class="kc-category">Đào tạo – Tập huấn</a>'
        in html
    )
    assert '<a href="../../../tac-gia/ngan-tran/" class="kc-author">Ngân Trần</a>' in html
    assert '<a href="../../../tac-gia/anh-dung/" class="kc-author">Anh Dũng</a>' in html
    assert "TTKC Bình Dương" in html
    assert '<li class="kc-tag"><a href="../../../the/tap-huan/">tập huấn</a></li>' in html
    assert '<li class="kc-tag"><a href="../../../the/cnnt/">CNNT</a></li>' in html
    # Breadcrumbs: Trang chủ › category › article.
    assert (
        '<ol><li><a href="../../../">Trang chủ</a></li>'
        '<li><a href="../../../chuyen-muc/dao-tao-tap-huan/">Đào tạo – Tập huấn</a></li>'
        '<li aria-current="page">Tập huấn khởi sự doanh nghiệp</li></ol>'
    ) in html
    assert (
        'Theo <a href="https://example.org/a" rel="nofollow noopener">Báo Công Thương</a>' in html
    )
    assert '<p class="kc-summary">Sapo của bài.</p>' in html
    # Heading anchors use the Vietnamese slug: the default one would drop "đ".
    assert 'id="da-nang-va-dak-lak"' in html
    assert '<html lang="vi"' in html


def test_month_precision_date_is_shown_as_a_month(build_site):
    build = build_site({ARTICLE: article(date="2022-01")})
    assert build.ok, build.log
    html = build.html("tin-tuc/2022/hoi-nghi")
    assert '<time datetime="2022-01">Tháng 1/2022</time>' in html
    assert not re.search(r"1 tháng 1, 2022", html)


def test_two_articles_with_the_same_url_are_reported(build_site):
    build = build_site(
        {
            "tin-tuc/2024/a.md": article(slug="trung"),
            "tin-tuc/2024/b.md": article(slug="trung"),
        }
    )
    assert not build.ok
    assert "content/tin-tuc/2024/b.md" in build.log
    assert "trùng địa chỉ 'tin-tuc/2024/trung/' với bài 'content/tin-tuc/2024/a.md'" in build.log


def test_home_page_lists_the_articles_newest_first(build_site):
    build = build_site(
        {
            "tin-tuc/2020/cu.md": article(title="Tin cũ", date="2020-01-02"),
            "tin-tuc/2024/moi.md": article(title="Tin mới nhất", date="2024-06-01"),
        }
    )
    assert build.ok, build.log
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert home.index("Tin mới nhất") < home.index("Tin cũ")
    assert 'href="tin-tuc/2024/moi/"' in home


def test_lead_image_with_caption_and_missing_image(build_site, tmp_path):
    from tests import photos

    png = photos.alpha_png()
    build = build_site(
        {
            "tin-tuc/2024/anh/hoi-nghi.png": png,
            "tin-tuc/2024/hoi-nghi.md": article(
                image="anh/hoi-nghi.png", image_caption="Toàn cảnh hội nghị <đẹp>"
            ),
        }
    )
    assert build.ok, build.log
    html = build.html("tin-tuc/2024/hoi-nghi")
    # The photo pipeline's files (tests/test_photos_site.py), never the source itself.
    assert re.search(
        r'<img src="\.\./\.\./\.\./tin-tuc/2024/anh/hoi-nghi-[0-9a-f]{12}-800w\.webp"', html
    )
    assert 'alt="Toàn cảnh hội nghị &lt;đẹp&gt;"' in html
    assert "<figcaption>Toàn cảnh hội nghị &lt;đẹp&gt;</figcaption>" in html
    assert not (build.site / "tin-tuc/2024/anh/hoi-nghi.png").exists()


def test_missing_image_is_reported(build_site):
    build = build_site({"tin-tuc/2024/hoi-nghi.md": article(image="anh/khong-co.jpg")})
    assert not build.ok
    assert (
        "content/tin-tuc/2024/hoi-nghi.md:7: trường 'image': không tìm thấy ảnh 'anh/khong-co.jpg'."
        in build.log
    )
