"""Vietnamese search in a real headless Chromium (Debian's, through Playwright), on the built
site of the five seed articles served under a project path, as GitHub Pages serves it.

The expected results were worked out by reading the five articles in content/tin-tuc (there is
one article per year, so an article is named by its year) against the query semantics of
site_plugins/SEARCH_FORMAT.md §4: every query word must occur (accents, đ and case ignored);
the articles with the words side by side in the query's order (the phrase) are the results
counted and come first, those with the words apart follow under their own heading; within
each, exact diacritics, then weight, then the newest.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.conftest import ROOT, article, make_project, run_mkdocs

PREFIX = "/khuyencong/"
SEARCH = "tim-kiem/"
ALL = {"2011", "2017", "2018", "2022", "2023"}
ARTICLE_2022 = "tin-tuc/2022/hoi-nghi-tong-ket-hoat-dong-mang-luoi-cong-tac-vien-khuyen-cong-nam-2021-va-trien-khai-nhiem-vu-2022/"


def nfd(text: str) -> str:
    """Decomposed text, as pasted from Word."""
    return unicodedata.normalize("NFD", text)


def _build(root: Path, articles: dict[str, str], seeds: bool) -> Path:
    make_project(root, articles, seeds=seeds)
    result = run_mkdocs(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    assert (site / "search" / "meta.json").is_file(), "the build wrote no search index"
    assert (site / SEARCH / "index.html").is_file(), "the build wrote no search page"
    return site


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("search"), {}, seeds=True)


@pytest.fixture
def base(seed_site, serve_dir) -> str:
    return serve_dir(seed_site, PREFIX)


@pytest.fixture
def page(browser):
    """A fresh page (own cache) that fails the test on any JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def wait_done(page) -> None:
    page.wait_for_selector(".kc-search[data-kc-state=done]", timeout=15000)


def results(page) -> list[str]:
    """Years of the articles shown, in order (one seed article per year)."""
    hrefs = page.eval_on_selector_all(
        ".kc-search__results .kc-result h2 a", "as => as.map(a => a.href)"
    )
    return [re.search(r"/tin-tuc/(\d{4})/", h).group(1) for h in hrefs]


def status(page) -> str:
    return page.locator(".kc-search__status").inner_text()


def search(page, base: str, q: str, **params: str) -> list[str]:
    query = {"q": q} | {k.replace("_", "-"): v for k, v in params.items()}
    page.goto(base + SEARCH + "?" + urlencode(query))
    wait_done(page)
    return results(page)


# (query, filters, phrase matches (counted), articles with the words apart, first article or
# full order)
CASES = [
    # Folded matching: accents, đ, case and tone placement never hide an article.
    ("khuyen cong", {}, ALL, set(), "2017"),
    ("dak lak", {}, {"2011", "2023"}, set(), "2023"),  # title of 2023 names Đắk Lắk
    ("Đắk Lắk", {}, {"2011", "2023"}, set(), "2023"),
    # 2011 writes "Đăk Lăk": typing that spelling puts it first (exact diacritics rank first).
    ("đăk lăk", {}, {"2011", "2023"}, set(), "2011"),
    ("ĐẮK LẮK", {}, {"2011", "2023"}, set(), "2023"),
    ("hoa long", {}, {"2023"}, set(), "2023"),  # "CCN Hoà Long" (old tone placement)
    ("Hoà Long", {}, {"2023"}, set(), "2023"),
    ("Hòa Long", {}, {"2023"}, set(), "2023"),  # new tone placement
    (nfd("Hòa Long"), {}, {"2023"}, set(), "2023"),  # decomposed input
    # "thành phố Bà Rịa", "Hoà Long": the words, not the name.
    ("THANH HOA", {}, set(), {"2023"}, "2023"),
    ("vu bich hao", {}, {"2022", "2023"}, set(), "2022"),  # 2022 names her three times, 2023 twice
    ("Vũ Bích Hảo", {}, {"2022", "2023"}, set(), "2022"),
    ("binh duong", {}, {"2017", "2018"}, set(), "2017"),  # in the title of 2017 only
    ("3.918 triệu đồng", {}, {"2017"}, set(), "2017"),  # tokens 3, 918, triệu, đồng
    ("nguyễn thuý hằng", {}, {"2017"}, set(), "2017"),  # the text writes "Thúy"
    ("nguyen thuy hang", {}, {"2017"}, set(), "2017"),
    ("cộng tác viên", {}, {"2017", "2018", "2022", "2023"}, set(), "2017"),
    (nfd("cộng tác viên"), {}, {"2017", "2018", "2022", "2023"}, set(), "2017"),
    # 2022 weighs more, but only 2011 has "Hội nghị khuyến công" as written.
    ("hội nghị khuyến công", {}, {"2011"}, {"2017", "2022"}, "2011"),
    # 2023 writes "hàng năm" (the phrase, other diacritics); 2017 has "Hằng" (a name) and
    # "năm" exactly as typed, but apart.
    ("hằng năm", {}, {"2023"}, {"2017"}, "2023"),
    # Every article has đạt/do/đó; only 2023 has the place name "Đất Đỏ".
    ("dat do", {}, {"2023"}, ALL - {"2023"}, "2023"),
    ("long an", {}, {"2018"}, {"2023"}, "2018"),  # 2023 has "Hoà Long" and "Lộc An" apart
    # No result: "Đắc Lắc" folds to "dac lac", not "dak lak"; a word in no article.
    ("Đắc Lắc", {}, set(), set(), None),
    ("xyzzy", {}, set(), set(), None),
    # Filters.
    ("khuyen cong", {"chuyen-muc": "mang-luoi-cong-tac-vien"}, {"2017", "2022"}, set(), "2017"),
    # Today's unit finds articles filed under the old provinces (Bình Dương, Bà Rịa – Vũng Tàu).
    ("khuyen cong", {"tinh": "ho-chi-minh"}, ALL - {"2011"}, set(), "2017"),
    ("binh duong", {"tinh": "ho-chi-minh"}, {"2017", "2018"}, set(), "2017"),
    ("vu bich hao", {"tinh": "ho-chi-minh"}, {"2022", "2023"}, set(), "2022"),
    ("long an", {"tinh": "tay-ninh"}, {"2018"}, set(), "2018"),  # Long An is now in Tây Ninh
    ("khuyen cong", {"tinh": "dak-lak"}, {"2011", "2023"}, set(), "2023"),
    ("khuyen cong", {"nam": "2022"}, {"2022"}, set(), "2022"),
    ("vu bich hao", {"nam": "2011"}, set(), set(), None),
    (
        "cộng tác viên",
        {"chuyen-muc": "tham-quan-trao-doi-kinh-nghiem", "tinh": "dak-lak"},
        {"2023"},
        set(),
        "2023",
    ),
    # "Mới nhất": newest first, whatever the relevance (the phrase matches, then the others).
    ("khuyen cong", {"sap-xep": "moi-nhat"}, ALL, set(), ["2023", "2022", "2018", "2017", "2011"]),
    (
        "hội nghị khuyến công",
        {"sap-xep": "moi-nhat"},
        {"2011"},
        {"2017", "2022"},
        ["2011", "2022", "2017"],
    ),
]


@pytest.mark.parametrize(
    ("q", "filters", "phrase", "apart", "first"),
    CASES,
    ids=[f"{q}|{urlencode(f)}" if f else q for q, f, *_ in CASES],
)
def test_query_table(page, base, q, filters, phrase, apart, first):
    page.goto(base + SEARCH + "?" + urlencode({"q": q} | filters))
    wait_done(page)
    got = results(page)
    shown = unicodedata.normalize("NFC", q)
    count = len(phrase)
    if isinstance(first, list):
        assert got == first
    else:
        assert set(got[:count]) == phrase and len(got) == count + len(apart)
        assert set(got[count:]) == apart
        if first is not None:
            assert got[0] == first
    # The count counts the phrase matches; the others are listed under their own heading.
    assert page.get_attribute(".kc-search", "data-kc-count") == str(count)
    assert (
        page.locator(".kc-search__results:not(.kc-search__results--others) .kc-result").count()
        == count
    )
    others = len(got) - count
    heading = page.locator(".kc-search__others-title")
    if others:
        assert heading.is_visible()
        assert page.locator(".kc-search__results--others .kc-result").count() == others
    else:
        assert heading.is_hidden()
    if count:
        assert status(page).startswith(f"Tìm thấy {count} bài cho «{shown}»")
    elif got:
        assert status(page).startswith(f"Không có bài nào chứa nguyên cụm «{shown}»")
        assert f"{others} bài có đủ các từ nhưng không liền nhau" in status(page)
    else:
        assert status(page).startswith(f"Không tìm thấy bài nào cho «{shown}»")
    # The form shows the state read from the URL.
    assert page.input_value("#kc-search-q") == q
    for name, value in filters.items():
        assert page.input_value(f"select[name={name}]") == value


def test_results_look(page, base):
    """Linked title, "date · provinces · category" line, excerpt, words in <mark>."""
    assert search(page, base, "hoa long") == ["2023"]
    item = page.locator(".kc-result").first
    link = item.locator("h2 a")
    assert link.inner_text().startswith("Tiếp đón đoàn Sở Công Thương Đắk Lắk")
    assert link.get_attribute("href").startswith(base + "tin-tuc/2023/")
    assert item.locator(".kc-result__meta").inner_text() == (
        "Tháng 8/2023 · Bà Rịa – Vũng Tàu (nay thuộc Hồ Chí Minh), Đắk Lắk · "
        "Tham quan – Trao đổi kinh nghiệm"
    )
    excerpt = item.locator(".kc-result__excerpt")
    assert "CCN Hoà Long" in excerpt.inner_text()
    assert excerpt.locator("mark").all_inner_texts()[:2] == ["Hoà", "Long"]
    # Every highlighted word is a query word, whatever its accents.
    assert search(page, base, "dak lak") == ["2023", "2011"]
    marks = page.locator(".kc-result h2 mark").all_inner_texts()
    assert marks == ["Đắk", "Lắk"]
    for text in page.locator(".kc-result mark").all_inner_texts():
        assert text.lower() in {"đắk", "lắk", "đăk", "lăk"}
    # Clicking the title opens the article under the project path.
    link = page.locator(".kc-result h2 a").first
    link.click()
    page.wait_for_url(base + "tin-tuc/2023/**")


def test_header_box_submits_to_search_page(page, base):
    page.goto(base + ARTICLE_2022)
    box = page.locator(".kc-search-box input[name=q]")
    assert box.is_visible()
    assert box.get_attribute("placeholder") == "Tìm kiếm"
    assert page.get_by_label("Tìm kiếm tin tức").first.evaluate("e => e.name") == "q"
    box.fill("Hòa Long")
    box.press("Enter")
    page.wait_for_url(lambda url: url.startswith(base + SEARCH + "?q="))
    wait_done(page)
    assert results(page) == ["2023"]
    assert page.input_value("#kc-search-q") == "Hòa Long"


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_shortcut_focuses_header_box(page, base, key):
    page.goto(base + ARTICLE_2022)
    page.keyboard.press(key)
    assert page.evaluate("document.activeElement.id") == "kc-search-box-q"
    # Typing goes into the box: the key itself is not typed, later ones are.
    page.keyboard.type("s/f")
    assert page.input_value("#kc-search-box-q") == "s/f"


def test_search_page_by_keyboard_only(page, base):
    page.goto(base + SEARCH)
    page.wait_for_selector(".kc-search[data-kc-state=idle]")
    page.keyboard.press("/")  # on the search page: the page's own field
    assert page.evaluate("document.activeElement.id") == "kc-search-q"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.kc-search__status').textContent !== ''")
    assert status(page) == "Hãy nhập từ khóa cần tìm."
    page.keyboard.type("binh duong")
    page.keyboard.press("Enter")
    wait_done(page)
    assert results(page) == ["2017", "2018"]
    assert status(page) == "Tìm thấy 2 bài cho «binh duong»"
    history = page.evaluate("history.length")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "sap-xep":
            break
    page.keyboard.press("ArrowDown")  # "Mới nhất"
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('sap-xep') === 'moi-nhat'"
    )
    wait_done(page)
    assert results(page) == ["2018", "2017"]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["binh duong"], "sap-xep": ["moi-nhat"]}
    assert page.evaluate("history.length") == history  # replaceState, not a new entry
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.kc-result') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "tin-tuc/2018/**")


def test_filters_update_the_url(page, base):
    assert len(search(page, base, "khuyen cong")) == 5
    page.select_option("select[name=tinh]", "ho-chi-minh")
    page.wait_for_function("() => location.search.includes('tinh=ho-chi-minh')")
    wait_done(page)
    assert set(results(page)) == {"2017", "2018", "2022", "2023"}
    assert status(page) == "Tìm thấy 4 bài cho «khuyen cong» (Hồ Chí Minh)"
    # The selects are filled from meta.json: 34 units, years newest first.
    assert page.locator("select[name=tinh] option").count() == 35
    years = page.locator("select[name=nam] option").all_inner_texts()
    assert years == ["Tất cả các năm", "2023", "2022", "2018", "2017", "2011"]
    assert page.locator("select[name=chuyen-muc] option").first.inner_text() == "Tất cả chuyên mục"
    assert page.locator("select[name=tinh] option").first.inner_text() == "Tất cả tỉnh thành"
    # Unknown values in the URL are ignored.
    assert len(search(page, base, "khuyen cong", tinh="khong-co", nam="1999")) == 5


def test_requests_stay_under_the_project_path(browser, seed_site, serve_dir):
    base = serve_dir(seed_site, PREFIX)
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base + ARTICLE_2022)
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "/search/" in u], "ordinary pages load no index"
    urls.clear()
    page.goto(base + SEARCH + "?q=" + "cộng tác viên")
    wait_done(page)
    page.wait_for_load_state("networkidle")
    assert urls and all(u.startswith(base) for u in urls), urls
    index = sorted(u[len(base) :] for u in urls if u.startswith(base + "search/"))
    assert "search/meta.json" in index and "search/docs.bin" in index
    for u in index:
        assert re.fullmatch(r"search/(meta\.json|docs\.bin|s/\d+\.bin|[dx]/\d+\.(json|txt))", u), u
    # Only the shards of the query's keys (3 words, 2 pairs) and the documents shown.
    assert len([u for u in index if u.startswith("search/s/")]) <= 5
    assert len([u for u in index if re.fullmatch(r"search/d/\d+\.json", u)]) == 4
    assert len([u for u in index if re.fullmatch(r"search/x/\d+\.txt", u)]) == 4
    context.close()


def test_more_results_ten_at_a_time(browser, serve_dir, tmp_path_factory):
    articles = {
        f"tin-tuc/2024/tap-huan-so-{i:02d}.md": article(
            title=f"Tập huấn sản xuất zeolit số {i}",
            date=f"2024-03-{i:02d}",
            body="Lớp tập huấn về zeolit cho cơ sở công nghiệp nông thôn.",
        )
        for i in range(1, 13)
    }
    site = _build(tmp_path_factory.mktemp("many"), articles, seeds=False)
    base = serve_dir(site, PREFIX)
    page = browser.new_page()
    page.goto(base + SEARCH + "?q=zeolit")
    wait_done(page)
    assert status(page) == "Tìm thấy 12 bài cho «zeolit»"
    titles = page.locator(".kc-result h2 a")
    assert titles.count() == 10
    assert titles.first.inner_text() == "Tập huấn sản xuất zeolit số 12"  # newest first on a tie
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.kc-result').length === 12")
    assert more.is_hidden()
    # The keyboard lands on the first new result.
    assert page.evaluate("document.activeElement.textContent") == "Tập huấn sản xuất zeolit số 2"
    page.close()


def test_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + SEARCH + "?q=khuyen+cong")
    note = page.locator(".kc-search__noscript")
    assert note.is_visible()
    assert note.inner_text().startswith("Tìm kiếm cần bật JavaScript")
    # The header box is a plain form: it still leads to the search page.
    page.goto(base + ARTICLE_2022)
    page.fill(".kc-search-box input[name=q]", "hoa long")
    page.press(".kc-search-box input[name=q]", "Enter")
    page.wait_for_url(lambda url: url == base + SEARCH + "?q=hoa+long")
    assert page.locator(".kc-search__noscript").is_visible()
    context.close()


def test_index_text_is_shown_as_text(browser, seed_site, serve_dir, tmp_path):
    """Titles and texts from the index are never parsed as HTML."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    crafted = None
    for path in (site / "search" / "d").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["u"].startswith("tin-tuc/2023/"):
            doc["t"] = (
                '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> Hoà Long'
            )
            doc["p"] = "<b>Bà Rịa</b>"
            doc["u"] = "javascript:window.pwned = 4"
            doc["g"] = ["<em>Hoà Long</em>"]
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            text = "<i>Hoà Long</i> & <script>window.pwned = 3</script>"
            (site / "search" / "x" / (path.stem + ".txt")).write_text(text, "utf-8")
            crafted = doc | {"x": text}
    assert crafted is not None
    base = serve_dir(site, PREFIX)
    page = browser.new_page()
    page.goto(base + SEARCH + "?q=hoa+long")
    wait_done(page)
    item = page.locator(".kc-result").first
    assert item.locator("h2 a").inner_text() == crafted["t"]
    assert item.locator("h2 a mark").all_inner_texts() == ["Hoà", "Long"]
    assert "<b>Bà Rịa</b>" in item.locator(".kc-result__meta").inner_text()
    assert item.locator(".kc-result__excerpt").inner_text() == crafted["x"]
    assert item.locator(".kc-result__labels").inner_text() == "Thẻ: <em>Hoà Long</em>"
    assert item.locator("script, img, b, i, em").count() == 0
    # A link the index points outside the site is not made.
    assert item.locator("h2 a").get_attribute("href") is None
    item.locator("h2 a").click()
    assert page.evaluate("window.pwned") is None
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_header_fits(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + ARTICLE_2022)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    header = page.locator(".md-header__inner").bounding_box()
    assert header["x"] >= 0 and header["x"] + header["width"] <= width
    assert header["height"] < 60  # one row
    link = page.locator(".kc-search-link")
    box = page.locator(".kc-search-box")
    if width < 720:
        # A phone: an icon (a link to the search page without JavaScript) that opens the box
        # over the header with the cursor in it (test_search_typing.py tests it further).
        assert link.is_visible() and box.is_hidden()
        assert link.get_attribute("aria-label") == "Tìm kiếm"
        link.click()
        assert box.is_visible()
        assert page.evaluate("document.activeElement.id") == "kc-search-box-q"
        assert page.url == base + ARTICLE_2022
        right = box.bounding_box()
        assert right["x"] >= 0 and right["x"] + right["width"] <= width
        page.keyboard.type("hoa long")
        page.keyboard.press("Enter")
        page.wait_for_url(base + SEARCH + "?q=hoa+long")
    else:
        assert box.is_visible() and link.is_hidden()
        right = box.bounding_box()
        assert right["x"] + right["width"] <= width
    page.wait_for_load_state()
    page.goto(base + SEARCH + "?q=" + "cộng tác viên")
    wait_done(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_no_html_injection_in_script():
    """kc-search.js builds the DOM with createElement/textContent only."""
    js = (ROOT / "theme_overrides" / "assets" / "javascripts" / "kc-search.js").read_text()
    for sink in (
        ".innerHTML",
        ".outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in js


def test_bench_helper(browser, seed_site):
    """scripts/search_bench.py measures bytes and time per query (its own Playwright, so in a
    separate process)."""
    code = (
        "import json, sys; sys.path.insert(0, 'scripts'); from search_bench import measure; "
        f"print(json.dumps(measure({str(seed_site)!r}, ['hoa long', 'xyzzy'], prefix='/kc/')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    hit, miss = json.loads(out.stdout)
    assert hit["query"] == "hoa long" and hit["results"] == 1
    # meta.json, docs.bin, the shards of "hoa", "long", "hoa long", d/<id>.json, x/<id>.txt
    # and names.json (one result: a "did you mean" is looked for)
    assert 6 <= hit["requests"] <= 8
    assert hit["bytes"] > 0 and hit["first_result_ms"] > 0 and hit["done_ms"] > 0
    assert miss["results"] == 0 and miss["first_result_ms"] is None and miss["bytes"] > 0
