"""The news plugin on a small real site: term, index and archive pages, links both ways,
pagination, merged provinces, staff introductions, drafts, related news and the home page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import article

CCN = "Cụm công nghiệp"
CORPUS = {
    # A: pre-merger Bình Dương, filed under today's Hồ Chí Minh.
    "tin-tuc/2020/a.md": article(
        title="Bài A",
        date="2020-03-01",
        province="Bình Dương",
        category=CCN,
        tags="[CCN, đầu tư]",
        author="Minh Vân",
        summary="Tóm tắt A.",
    ),
    "tin-tuc/2021/b.md": article(
        title="Bài B",
        date="2021-05-01",
        province="Đồng Nai",
        category=CCN,
        tags="[ccn]",
        author="Ngân Trần",
    ),
    "tin-tuc/2024/c.md": article(
        title="Bài C",
        date="2024-01-10",
        province="TP.HCM",
        category=CCN,
        tags="[đầu tư]",
        author="Minh Vân",
    ),
    "tin-tuc/2019/d.md": article(
        title="Bài D",
        date="2019-01-01",
        province="Long An",
        category=CCN,
        author="Hồng Ân",
    ),
    "tin-tuc/2022/e.md": article(
        title="Bài E",
        date="2022-06-01",
        province="Bình Dương",
        category="Đào tạo",
        tags="[CCN]",
        author="Minh Vân",
    ),
    "tin-tuc/2023/f.md": article(title="Bài nháp F", date="2023-01-01", category=CCN, draft="true"),
    "tin-tuc/2030/g.md": article(title="Bài tương lai G", date="2030-01-01", category=CCN),
}
ENGLISH = [
    "Skip to content",
    "Back to top",
    "Previous",
    "Next",
    "Table of contents",
    "Made with",
    "Search",
    "Home",
    "Page ",
    "Tags",
    "Archive",
    "Category",
    "Author",
    "Draft",
]


class _Text(HTMLParser):
    """Visible text of a page (no script or style)."""

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def text_of(html: str) -> str:
    p = _Text()
    p.feed(html)
    return re.sub(r"\s+", " ", " ".join(p.out))


def titles(html: str, css_class: str) -> list[str]:
    """Link texts inside the first element with ``css_class``."""
    start = html.index(f'class="{css_class}"')
    block = html[start : html.index("</section>" if "related" in css_class else "</ul>", start)]
    return re.findall(r"<a [^>]*>([^<]*)</a>", block)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests.conftest import Build, make_project, run_mkdocs

    root = make_project(
        tmp_path_factory.mktemp("news"),
        {
            **CORPUS,
            "chuyen-muc/cum-cong-nghiep.md": "# Cụm công nghiệp\n\nGiới thiệu riêng của biên tập viên.\n",
        },
        config_changes={"per_page: 20": "per_page: 2"},
    )
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return Build(root, result)


def test_drafts_and_future_articles_are_absent(site):
    assert not (site.site / "tin-tuc/2023/f").exists()
    assert not (site.site / "tin-tuc/2030/g").exists()
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "Bài nháp F" not in html and "Bài tương lai G" not in html, page


def test_article_links_to_its_terms_and_they_link_back(site):
    html = site.html("tin-tuc/2020/a")
    for url in (
        "chuyen-muc/cum-cong-nghiep/",
        "tinh-thanh/ho-chi-minh/",
        "the/ccn/",
        "the/dau-tu/",
        "tac-gia/minh-van/",
    ):
        assert f'href="../../../{url}"' in html, url
        term = site.html(url.rstrip("/"))
        pages = [term] + [
            p.read_text("utf-8") for p in (site.site / url / "trang").glob("*/index.html")
        ]
        assert any("tin-tuc/2020/a/" in p for p in pages), url


def test_merged_province_article_is_reachable_from_todays_unit(site):
    hcm = site.html("tinh-thanh/ho-chi-minh")
    assert "Bài C" in hcm and "Bài E" in hcm  # newest first, 2 per page
    hcm2 = site.html("tinh-thanh/ho-chi-minh/trang/2")
    assert "Bài A" in hcm2
    # The old name is still shown, and the unit names the old units merged into it.
    assert "· Bình Dương ·" in text_of(hcm2)
    assert "gồm cả địa bàn <strong>Bà Rịa – Vũng Tàu</strong>, <strong>Bình Dương</strong>" in hcm
    tay_ninh = site.html("tinh-thanh/tay-ninh")
    assert "Bài D" in tay_ninh and "· Long An ·" in text_of(tay_ninh)
    a = site.html("tin-tuc/2020/a")
    assert '>Bình Dương</a> <span class="kc-province__now">(nay thuộc Hồ Chí Minh)</span>' in a
    # Every one of the 34 units has its page.
    assert len(list((site.site / "tinh-thanh").glob("*/index.html"))) == 34


def test_pagination_newest_first(site):
    first = site.html("chuyen-muc/cum-cong-nghiep")
    second = site.html("chuyen-muc/cum-cong-nghiep/trang/2")
    assert re.findall(r'class="kc-list__title"><a [^>]*>(Bài \w)</a>', first) == ["Bài C", "Bài B"]
    assert re.findall(r'class="kc-list__title"><a [^>]*>(Bài \w)</a>', second) == ["Bài A", "Bài D"]
    assert '<a rel="next" href="../../chuyen-muc/cum-cong-nghiep/trang/2/">' in first
    assert '<a rel="prev" href="../../../../chuyen-muc/cum-cong-nghiep/">' in second
    assert "<title>Chuyên mục: Cụm công nghiệp (trang 2)" in second
    assert not (site.site / "chuyen-muc/cum-cong-nghiep/trang/1").exists()
    assert not (site.site / "chuyen-muc/cum-cong-nghiep/trang/3").exists()
    # Each entry shows title, date, province, category and summary.
    assert "01/03/2020 · Bình Dương · Cụm công nghiệp" in text_of(second)
    assert "Tóm tắt A." in second


def test_staff_introduction_is_kept_and_not_overwritten(site):
    page = site.html("chuyen-muc/cum-cong-nghiep")
    assert page.index("Giới thiệu riêng của biên tập viên.") < page.index("Bài C")
    source = (site.root / "content/chuyen-muc/cum-cong-nghiep.md").read_text(encoding="utf-8")
    assert source == "# Cụm công nghiệp\n\nGiới thiệu riêng của biên tập viên.\n"


def test_indexes_have_counts_in_vietnamese_order(site):
    cats = text_of(site.html("chuyen-muc"))
    order = [
        cats.index(n)
        for n in ("Chính sách", "Chương trình", "Cụm công nghiệp", "Đào tạo", "Hội nghị")
    ]
    assert order == sorted(order)
    assert "Cụm công nghiệp (4)" in cats and "Đào tạo – Tập huấn (1)" in cats
    tags = text_of(site.html("the"))
    assert "CCN (3)" in tags and "đầu tư (2)" in tags  # "CCN" and "ccn" are one tag
    authors = text_of(site.html("tac-gia"))
    assert authors.index("Hồng Ân") < authors.index("Minh Vân") < authors.index("Ngân Trần")
    assert "Minh Vân (3)" in authors
    provinces = text_of(site.html("tinh-thanh"))
    assert "Hồ Chí Minh (3) — gồm cả Bà Rịa – Vũng Tàu, Bình Dương" in provinces
    assert provinces.index("Đà Nẵng") < provinces.index("Đắk Lắk") < provinces.index("Gia Lai")


def test_archive_by_year_and_month(site):
    index = text_of(site.html("luu-tru"))
    assert index.index("Năm 2024") < index.index("Năm 2020")
    assert "Tháng 3/2020 (1)" in index
    year = site.html("luu-tru/2020")
    assert "Bài A" in year and 'href="../../luu-tru/2020/03/"' in year
    assert "Bài A" in site.html("luu-tru/2020/03")


def test_related_news_exact_list(site):
    # Scores (weights tags 3, province 2, author 1, date 2, half-life 365 days), for A:
    # C: tag + province + author + 0.41 = 6.41; B: tag + 0.92 = 3.92; D: 0.92. E: other category.
    a = site.html("tin-tuc/2020/a")
    assert '<h2 id="kc-related-heading">Tin tức khác cùng chuyên mục</h2>' in a
    assert titles(a, "kc-related__list") == ["Bài C", "Bài B", "Bài D"]
    # For D nothing is shared: nearest in date first.
    assert titles(site.html("tin-tuc/2019/d"), "kc-related__list") == ["Bài A", "Bài B", "Bài C"]
    # E is alone in its category: no block at all, never itself.
    assert "kc-related" not in site.html("tin-tuc/2022/e")


def test_previous_and_next_in_the_same_category(site):
    a = site.html("tin-tuc/2020/a")
    assert re.search(r'rel="prev" href="../../../tin-tuc/2019/d/">.*Bài D</a>', a)
    assert re.search(r'rel="next" href="../../../tin-tuc/2021/b/">.*Bài B</a>', a)


def test_home_page(site):
    home = site.html("")
    text = text_of(home)
    # The lead story first, then "Tin mới" with the next ones.
    assert 'class="kc-home__lead"' in home
    assert text.index("Bài C") < text.index("Tin mới") < text.index("Bài B")
    assert "Xem tất cả 4 bài" in text
    for url in ("chuyen-muc/", "tinh-thanh/", "the/", "tac-gia/", "luu-tru/"):
        assert f'href="{url}"' in home
    # Material's navigation shows the sections, never every article.
    nav = home[home.index('class="md-tabs__list"') : home.index("</nav>", home.index("md-tabs"))]
    assert re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*<', nav) == [
        "Trang chủ",
        "Chuyên mục",
        "Tỉnh thành",
        "Thẻ",
        "Lưu trữ",
        "Giới thiệu",
        "Liên hệ",
    ]
    sidebar = home[home.index("md-nav--primary") : home.index('class="md-content"')]
    assert "Chuyên mục" in sidebar and "tin-tuc/" not in sidebar


@pytest.mark.parametrize(
    "url",
    [
        "",
        "tin-tuc/2020/a",
        "chuyen-muc/cum-cong-nghiep/trang/2",
        "tinh-thanh",
        "the/ccn",
        "tac-gia/minh-van",
        "luu-tru",
        "luu-tru/2020/03",
        "the",
        "chuyen-muc",
    ],
)
def test_every_label_is_vietnamese(site, url):
    text = text_of(site.html(url))
    found = [w for w in ENGLISH if w in text]
    assert not found, found


def test_slug_collision_between_different_tags_is_reported(build_site):
    build = build_site(
        {
            "tin-tuc/2024/x.md": article(title="X", tags="[Hà Nội, CNNT, hoà bình]"),
            "tin-tuc/2024/y.md": article(
                title="Y", tags="[Ha Noi, cnnt, hòa bình]", date="2024-01-01"
            ),
        }
    )
    assert not build.ok
    lines = [ln for ln in build.log.splitlines() if "có cùng đường dẫn" in ln]
    assert len(lines) == 1, build.log  # CNNT/cnnt and hoà/hòa bình are the same tag on purpose
    assert (
        lines[0].startswith("ERROR") and "content/tin-tuc/2024/y.md:7: trường 'tags[1]'" in lines[0]
    )
    assert (
        "thẻ 'Ha Noi' có cùng đường dẫn 'ha-noi' với thẻ 'Hà Nội' (bài content/tin-tuc/2024/x.md)"
        in lines[0]
    )


def test_fragment_cache_changes_nothing_in_the_output(site, tmp_path):
    """Material's nav and tabs are cached per key for pages outside the nav; every built file
    must be byte for byte what Material renders without the cache."""
    from tests.conftest import make_project, run_mkdocs

    root = make_project(
        tmp_path / "uncached",
        {
            **CORPUS,
            "chuyen-muc/cum-cong-nghiep.md": "# Cụm công nghiệp\n\nGiới thiệu riêng của biên tập viên.\n",
        },
        config_changes={
            "per_page: 20": "per_page: 2",
            "home_per_category: 3": "home_per_category: 3\n      fragment_cache: false",
        },
    )
    assert run_mkdocs(root, "build", "--strict", "--site-dir", "site").returncode == 0
    cached = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*") if p.is_file()}
    plain = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in (root / "site").rglob("*")
        if p.is_file()
    }
    assert cached.keys() == plain.keys()
    different = [str(k) for k in cached if cached[k] != plain[k]]
    assert not different, different[:10]
