"""Search as readers use it, in a real headless Chromium (Debian's, through Playwright), on a
small site built for it: results while typing in the header's box and on the search page,
keyboard navigation, names counted as names, metadata, "did you mean", the phone's box and
highlighting (query semantics: site_plugins/SEARCH_FORMAT.md §4).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.conftest import article, make_project, run_mkdocs

PREFIX = "/kc/"
SEARCH = "tim-kiem/"

# Articles named by their slug. Everything a query should or should not match is in the text
# below; comments say why.
ARTICLES = {
    # "Thanh Hóa" as a name: in the title, the body and the province.
    "thanh-hoa-lang-nghe": dict(
        title="Khuyến công Thanh Hóa hỗ trợ làng nghề",
        date="2024-03-01",
        province="Thanh Hoá",
        category="Chương trình – Đề án",
        body="Chương trình khuyến công năm nay hỗ trợ 12 làng nghề ở Thanh Hóa.",
    ),
    # Filed under Thanh Hóa; the text never names it.
    "lop-tap-huan": dict(
        title="Lớp tập huấn kỹ năng quản lý",
        date="2024-03-02",
        province="Thanh Hoá",
        body="Trung tâm khuyến công tổ chức lớp tập huấn cho 40 học viên.",
    ),
    # "thành" and "hóa" apart.
    "chuyen-doi-so": dict(
        title="Thành phố Vinh đẩy mạnh chuyển đổi số",
        date="2024-03-03",
        province="Nghệ An",
        body="Các cơ sở công nghiệp nông thôn hiện đại hóa sản xuất nhờ khuyến công.",
    ),
    # "thanh" and "hoá" apart.
    "hoa-chat": dict(
        title="Kiểm tra an toàn hoá chất",
        date="2024-03-04",
        province="Hà Tĩnh",
        body="Doanh nghiệp được thanh toán kinh phí khuyến công sau khi nghiệm thu.",
    ),
    # "Nam Định" as a name (a former province, now part of Ninh Bình).
    "nam-dinh-ccn": dict(
        title="Nam Định khai trương cụm công nghiệp dệt may",
        date="2024-03-05",
        province="Nam Định",
        body="Cụm công nghiệp được hỗ trợ từ nguồn khuyến công của tỉnh.",
    ),
    # "năm định" side by side: the phrase after folding, other diacritics ("năm", not "Nam").
    "bao-duong": dict(
        title="Bảo dưỡng máy móc trong xưởng",
        date="2024-03-06",
        province="Lào Cai",
        body="Hằng năm định kỳ bảo dưỡng thiết bị được khuyến công hỗ trợ.",
    ),
    # "năm" and "quyết định" apart.
    "quyet-dinh": dict(
        title="Quyết định hỗ trợ sản xuất sạch",
        date="2024-03-07",
        province="Sơn La",
        body="Trong năm nay, Sở Công Thương ban hành quyết định hỗ trợ.",
    ),
    # Tag, author and organization, and a former province (Quảng Bình, now Quảng Trị): none of
    # them in the text.
    "hoi-cho": dict(
        title="Hội chợ sản phẩm thủ công",
        date="2024-03-08",
        province="Quảng Bình",
        author="{name: Nguyễn Thị Hồng Nhung, organization: Trung tâm Khuyến công Quảng Bình}",
        tags="[mây tre đan, xuất khẩu]",
        body="Nhiều gian hàng được giới thiệu tại hội chợ.",
    ),
    # "Quảng Trị" in the title: above an article that has it as its province only.
    "quang-tri": dict(
        title="Quảng Trị phát triển công nghiệp nông thôn",
        date="2024-03-09",
        province="Quảng Trị",
        body="Khuyến công hỗ trợ doanh nghiệp.",
    ),
    "dak-lak": dict(
        title="Đắk Lắk tập huấn khởi nghiệp",
        date="2024-03-10",
        province="Đắk Lắk",
        body="Khuyến công Đắk Lắk mở lớp cho thanh niên.",
    ),
    # "Vũ Bích Hảo" as a name; "vụ" of "nhiệm vụ" is another word.
    "vu-bich-hao": dict(
        title="Tổng kết nhiệm vụ khuyến công",
        date="2024-03-11",
        province="Bình Dương",
        body="Bà Vũ Bích Hảo phát biểu về nhiệm vụ năm tới. "
        "Bà Vũ Bích Hảo cảm ơn các cộng tác viên.",
    ),
}
KHUYEN_CONG = len(ARTICLES) - 1  # every article but "quyet-dinh" says "khuyến công"


def url_of(slug: str) -> str:
    return f"tin-tuc/2024/{slug}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("names")
    files = {f"tin-tuc/2024/{slug}.md": article(**fields) for slug, fields in ARTICLES.items()}
    make_project(root, files)
    result = run_mkdocs(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture
def base(site, serve_dir) -> str:
    return serve_dir(site, PREFIX)


@pytest.fixture
def context(browser):
    """A fresh context (own cache) whose pages fail the test on any JavaScript error; it
    records every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    context.requests = []
    context.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e))))
    context.on("request", lambda r: context.requests.append(r.url))
    yield context
    context.close()
    assert errors == []


@pytest.fixture
def page(context):
    return context.new_page()


def wait_for(page, text: str, root: str = ".kc-search") -> None:
    """Until ``root`` has finished the search for ``text`` (data-kc-query)."""
    page.wait_for_function(
        """([root, text]) => {
            const r = document.querySelector(root);
            return r && r.dataset.kcState === "done" && r.dataset.kcQuery === text;
        }""",
        arg=[root, text],
        timeout=15000,
    )


def slugs(page, selector: str = ".kc-search .kc-result h2 a") -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "as => as.map(a => a.href)")
    return [re.search(r"/tin-tuc/2024/([^/]+)/", h).group(1) for h in hrefs]


def main_slugs(page) -> list[str]:
    return slugs(page, ".kc-search__results:not(.kc-search__results--others) .kc-result h2 a")


def other_slugs(page) -> list[str]:
    return slugs(page, ".kc-search__results--others .kc-result h2 a")


def status(page) -> str:
    return page.locator(".kc-search__status").inner_text()


def open_search(page, base: str, q: str = "", **params: str) -> None:
    query = {"q": q} | params if q else params
    page.goto(base + SEARCH + ("?" + urlencode(query) if query else ""))
    if q:
        wait_for(page, q)
    else:
        page.wait_for_selector(".kc-search[data-kc-state=idle]")


def marks(locator) -> list[str]:
    return locator.locator("mark").all_inner_texts()


def option_texts(page) -> list[str]:
    return page.locator("#kc-search-box-list [role=option]").all_inner_texts()


def index_requests(context, base: str) -> list[str]:
    return [u[len(base) :] for u in context.requests if u.startswith(base + "search/")]


# ------------------------------------------------------------------ results while typing


def test_search_page_updates_while_typing(context, page, base):
    open_search(page, base)
    box = page.locator("#kc-search-q")
    box.click()
    history = page.evaluate("history.length")
    # The last word is completed while it is typed: "khuy" shows "khuyến".
    box.press_sequentially("khuy", delay=40)
    wait_for(page, "khuy")
    assert status(page) == f"Tìm thấy {KHUYEN_CONG} bài cho «khuyến»"
    assert page.locator(".kc-search__results .kc-result").count() == 10
    assert marks(page.locator(".kc-result").first)[0].lower() == "khuyến"
    # Typing on: the list follows, the URL too (without new history entries).
    box.press_sequentially("en cong", delay=40)
    wait_for(page, "khuyen cong")
    assert status(page) == f"Tìm thấy {KHUYEN_CONG} bài cho «khuyen cong»"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["khuyen cong"]}
    assert page.evaluate("history.length") == history
    # The first letter of a next word is not searched yet: the results stay, nothing fetched.
    fetched = len(index_requests(context, base))
    box.press_sequentially(" d", delay=40)
    wait_for(page, "khuyen cong d")
    assert status(page) == f"Tìm thấy {KHUYEN_CONG} bài cho «khuyen cong»"
    assert index_requests(context, base)[fetched:] == []
    for _ in "khuyen cong d":
        box.press("Backspace")
    page.wait_for_selector(".kc-search[data-kc-state=idle]")
    assert page.locator(".kc-result").count() == 0 and status(page) == ""
    box.press_sequentially("Thanh Hoá", delay=40)
    wait_for(page, "Thanh Hoá")
    assert main_slugs(page) == ["thanh-hoa-lang-nghe", "lop-tap-huan"]
    assert set(other_slugs(page)) == {"chuyen-doi-so", "hoa-chat"}
    # Each index file was fetched once for the whole page view.
    fetched = index_requests(context, base)
    assert fetched and len(fetched) == len(set(fetched)), Counter(fetched).most_common(3)
    assert "search/words.json" in fetched  # for the completion
    # The browser's measures of typing (the benchmark reads them).
    measured = page.evaluate(
        "performance.getEntriesByName('kc-search-typing').map(m => m.detail.text)"
    )
    assert measured[-1] == "Thanh Hoá" and "khuy" in measured


def test_typing_then_enter_searches_as_typed(page, base):
    """Enter is a submitted query: never completed ("khu" is a word of its own)."""
    open_search(page, base)
    box = page.locator("#kc-search-q")
    box.evaluate("e => { e.value = 'tập hu'; e.focus(); }")  # no input event: not typing
    box.press("Enter")
    wait_for(page, "tập hu")
    assert status(page).startswith("Không tìm thấy bài nào cho «tập hu»")
    box.press_sequentially("ấn", delay=40)
    wait_for(page, "tập huấn")
    assert set(main_slugs(page)) == {"lop-tap-huan", "dak-lak"}


def test_header_box_lists_results_while_typing(context, page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("khuyến công", delay=40)
    wait_for(page, "khuyến công", "form.kc-search-box")
    panel = page.locator(".kc-search-box__panel")
    assert panel.is_visible()
    assert box.get_attribute("aria-expanded") == "true"
    results = page.locator("#kc-search-box-list .kc-search-box__result")
    assert results.count() == 5
    assert option_texts(page)[-1] == f"Xem tất cả {KHUYEN_CONG} bài cho «khuyến công»"
    for i in range(5):
        title = [m.lower() for m in marks(results.nth(i).locator(".kc-search-box__title"))]
        assert title in ([], ["khuyến", "công"])
    assert page.locator(".kc-search-box [role=status]").inner_text() == (
        f"{KHUYEN_CONG} bài cho «khuyến công»"
    )
    # Each index file once, however many keystrokes (the results shown on the way may need
    # other articles' files).
    fetched = index_requests(context, base)
    assert len(fetched) == len(set(fetched)), Counter(fetched).most_common(3)
    assert "search/meta.json" in fetched and "search/docs.bin" in fetched
    assert len([u for u in fetched if u.startswith("search/d/")]) >= 5


def test_header_box_keyboard(page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("Thanh Hoá", delay=40)
    wait_for(page, "Thanh Hoá", "form.kc-search-box")
    options = page.locator("#kc-search-box-list [role=option]")
    # The two phrase matches, then "see all".
    assert options.count() == 3
    hrefs = [options.nth(i).get_attribute("href") for i in range(3)]
    assert hrefs[0] == base + url_of("thanh-hoa-lang-nghe")
    assert hrefs[1] == base + url_of("lop-tap-huan")
    assert hrefs[2] == base + SEARCH + "?q=Thanh+Ho%C3%A1"

    def selected() -> list[int]:
        return [
            i
            for i in range(options.count())
            if options.nth(i).get_attribute("aria-selected") == "true"
        ]

    box.press("ArrowDown")
    assert selected() == [0]
    assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert selected() == [2]
    box.press("ArrowDown")  # past the last: back to the box
    assert selected() == [] and box.get_attribute("aria-activedescendant") is None
    box.press("ArrowUp")  # from the box: the last
    assert selected() == [2]
    box.press("ArrowUp")
    assert selected() == [1]
    assert page.evaluate("document.activeElement.id") == "kc-search-box-q"  # focus stays
    box.press("Escape")
    assert page.locator(".kc-search-box__panel").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")  # opens again on the first
    assert page.locator(".kc-search-box__panel").is_visible() and selected() == [0]
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(base + url_of("lop-tap-huan"))


def test_header_box_completes_the_word_being_typed(page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("khuy", delay=40)
    wait_for(page, "khuy", "form.kc-search-box")
    everything = page.locator(".kc-search-box__all")
    assert everything.inner_text() == f"Xem tất cả {KHUYEN_CONG} bài cho «khuyến»"
    # It leads to what the list shows: the completed word.
    assert everything.get_attribute("href") == base + SEARCH + "?" + urlencode({"q": "khuyến"})


def test_header_box_enter_opens_the_search_page(page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("nam dinh", delay=40)
    wait_for(page, "nam dinh", "form.kc-search-box")
    box.press("Enter")
    page.wait_for_url(base + SEARCH + "?q=nam+dinh")
    wait_for(page, "nam dinh")
    assert main_slugs(page) == ["nam-dinh-ccn", "bao-duong"]


def test_header_box_without_phrase_matches_and_without_results(page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("khuyến công nhiệm vụ", delay=20)
    wait_for(page, "khuyến công nhiệm vụ", "form.kc-search-box")
    note = page.locator(".kc-search-box__note")
    assert note.inner_text() == (
        "Không có bài nào chứa nguyên cụm «khuyến công nhiệm vụ»; các bài có đủ các từ:"
    )
    assert option_texts(page)[-1] == "Xem 1 bài có đủ các từ"
    box.fill("")
    box.press_sequentially("xyzzy", delay=20)
    wait_for(page, "xyzzy", "form.kc-search-box")
    assert note.inner_text() == "Không tìm thấy bài nào cho «xyzzy»."
    assert option_texts(page) == []
    box.fill("")
    page.wait_for_selector("form.kc-search-box[data-kc-state=idle]")
    assert page.locator(".kc-search-box__panel").is_hidden()


# ------------------------------------------------------------------------ names as names


def test_a_name_counts_the_articles_that_have_it(page, base):
    open_search(page, base, "Thanh Hoá")
    assert status(page) == "Tìm thấy 2 bài cho «Thanh Hoá»"
    assert page.get_attribute(".kc-search", "data-kc-count") == "2"
    assert main_slugs(page) == ["thanh-hoa-lang-nghe", "lop-tap-huan"]
    # The words apart: after the names, under their own heading, not counted.
    heading = page.locator(".kc-search__others-title")
    assert heading.inner_text() == "2 bài khác có đủ các từ nhưng không liền nhau"
    assert set(other_slugs(page)) == {"chuyen-doi-so", "hoa-chat"}
    assert page.get_attribute(".kc-search", "data-kc-others") == "2"
    # The heading is between the two lists.
    order = page.evaluate(
        """() => [...document.querySelectorAll('.kc-search__results .kc-result, '
                + '.kc-search__others-title')].map(e => e.tagName)"""
    )
    assert order == ["LI", "LI", "H2", "LI", "LI"]


def test_typed_diacritics_rank_agreeing_names_first(page, base):
    # "năm định" (bảo dưỡng) is the phrase after folding: counted, but after "Nam Định".
    open_search(page, base, "Nam Định")
    assert status(page) == "Tìm thấy 2 bài cho «Nam Định»"
    assert main_slugs(page) == ["nam-dinh-ccn", "bao-duong"]
    assert other_slugs(page) == ["quyet-dinh"]  # "năm nay … quyết định"
    # Typed without diacritics: every spelling counts the same (here the title weighs).
    open_search(page, base, "nam dinh")
    assert main_slugs(page) == ["nam-dinh-ccn", "bao-duong"]
    # "năm định" typed: now the other way round.
    open_search(page, base, "năm định")
    assert main_slugs(page) == ["bao-duong", "nam-dinh-ccn"]


def test_no_phrase_match_lists_the_words_apart(page, base):
    open_search(page, base, "khuyến công nhiệm vụ")
    assert status(page) == (
        "Không có bài nào chứa nguyên cụm «khuyến công nhiệm vụ»; "
        "1 bài có đủ các từ nhưng không liền nhau."
    )
    assert main_slugs(page) == [] and other_slugs(page) == ["vu-bich-hao"]
    assert page.locator(".kc-search__others-title").inner_text() == (
        "Các bài có đủ các từ nhưng không liền nhau"
    )
    assert page.get_attribute(".kc-search", "data-kc-count") == "0"


def test_more_results_continue_into_the_words_apart(browser, serve_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("paging")
    files = {}
    for i in range(1, 14):
        together = i <= 4
        files[f"tin-tuc/2024/lo-gach-{i:02d}.md"] = article(
            title=f"Lò gạch men số {i}" if together else f"Lò gạch số {i}",
            date=f"2024-04-{i:02d}",
            body="Sản xuất gạch men." if together else "Men sứ và gạch nung.",
        )
    make_project(root, files)
    result = run_mkdocs(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    base = serve_dir(root / "site", PREFIX)
    page = browser.new_page()
    open_search(page, base, "gạch men")
    assert status(page) == "Tìm thấy 4 bài cho «gạch men»"
    assert len(main_slugs(page)) == 4 and len(other_slugs(page)) == 6
    assert page.locator(".kc-search__others-title").inner_text() == (
        "9 bài khác có đủ các từ nhưng không liền nhau"
    )
    assert main_slugs(page) == [f"lo-gach-{i:02d}" for i in (4, 3, 2, 1)]  # newest first
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.kc-result').length === 13")
    assert more.is_hidden()
    assert len(main_slugs(page)) == 4
    assert other_slugs(page) == [f"lo-gach-{i:02d}" for i in range(13, 4, -1)]
    assert page.evaluate("document.activeElement.textContent") == "Lò gạch số 7"
    page.close()


# ------------------------------------------------------------------------------- metadata


def test_province_category_tags_and_authors_are_searched(page, base):
    # Filed under Thanh Hóa, the text never says it: found, the province marked.
    open_search(page, base, "Thanh Hoá")
    item = page.locator(".kc-result").nth(1)
    assert marks(item.locator(".kc-result__meta")) == ["Thanh", "Hóa"]
    assert marks(item.locator("h2")) == [] and marks(item.locator(".kc-result__excerpt")) == []
    # Today's unit finds the old province; the article naming it in its title comes first.
    open_search(page, base, "Quảng Trị")
    assert main_slugs(page) == ["quang-tri", "hoi-cho"]
    open_search(page, base, "quang binh")  # the old name as written
    assert main_slugs(page) == ["hoi-cho"]
    item = page.locator(".kc-result").first
    assert (
        item.locator(".kc-result__meta")
        .inner_text()
        .startswith("08/03/2024 · Quảng Bình (nay thuộc Quảng Trị)")
    )
    # A tag: shown with the mark, since nothing else shows it.
    open_search(page, base, "mây tre đan")
    assert main_slugs(page) == ["hoi-cho"]
    labels = page.locator(".kc-result__labels")
    assert labels.inner_text() == "Thẻ: mây tre đan, xuất khẩu"
    assert marks(labels) == ["mây", "tre", "đan"]
    # An author, and the author's organization.
    open_search(page, base, "Hồng Nhung")
    assert main_slugs(page) == ["hoi-cho"]
    assert labels.inner_text() == (
        "Tác giả: Nguyễn Thị Hồng Nhung (Trung tâm Khuyến công Quảng Bình)"
    )
    assert marks(labels) == ["Hồng", "Nhung"]
    open_search(page, base, "trung tâm khuyến công quảng bình")
    assert main_slugs(page) == ["hoi-cho"]
    # The category.
    open_search(page, base, "chương trình đề án")
    assert main_slugs(page)[0] == "thanh-hoa-lang-nghe"
    assert marks(page.locator(".kc-result").first.locator(".kc-result__meta")) == [
        "Chương",
        "trình",
        "Đề",
        "án",
    ]
    # Articles without tags or matching authors show no such line.
    open_search(page, base, "vu bich hao")
    assert page.locator(".kc-result__labels").count() == 0


# ---------------------------------------------------------------------------- suggestions


@pytest.mark.parametrize(
    ("typed", "suggested", "found"),
    [
        ("Đắc Lắc", "Đắk Lắk", ["dak-lak"]),  # a known misspelling (alias) of the province
        ("dac lac", "Đắk Lắk", ["dak-lak"]),
        ("Thnah Hóa", "Thanh Hóa", ["thanh-hoa-lang-nghe", "lop-tap-huan"]),  # a typo
        ("Nguyễn Thị Hồng Nhunh", "Nguyễn Thị Hồng Nhung", ["hoi-cho"]),  # an author
        ("hong nhunh", "hong nhung", ["hoi-cho"]),  # not a whole name: the closest word
        ("khuyen cogn", "khuyen công", None),  # a word no article has: the closest word
        ("khuy", "khuyến", None),  # the beginning of a word: the word
    ],
)
def test_did_you_mean(page, base, typed, suggested, found):
    open_search(page, base, typed)
    assert status(page).startswith(f"Không tìm thấy bài nào cho «{typed}»")
    hint = page.locator(".kc-search__suggest")
    assert hint.inner_text() == f"Có phải bạn muốn tìm: {suggested}?"
    link = hint.get_by_role("link", name=suggested)
    assert link.get_attribute("href") == "?" + urlencode({"q": suggested})
    link.click()
    wait_for(page, suggested)
    assert parse_qs(urlsplit(page.url).query) == {"q": [suggested]}
    assert page.input_value("#kc-search-q") == suggested
    if found is not None:
        assert main_slugs(page) == found
    else:
        assert int(page.get_attribute(".kc-search", "data-kc-count")) == KHUYEN_CONG
    assert hint.is_hidden()


def test_no_suggestion_when_the_query_is_right(page, base):
    for q in ("Thanh Hoá", "Đắk Lắk", "Hồng Nhung", "xyzzy", "mây tre đan"):
        open_search(page, base, q)
        assert page.locator(".kc-search__suggest").is_hidden(), q


def test_suggestion_keeps_the_filters(page, base):
    open_search(page, base, "Đắc Lắc", tinh="dak-lak")
    link = page.locator(".kc-search__suggest a")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {
        "q": ["Đắk Lắk"],
        "tinh": ["dak-lak"],
    }
    # With a filter that leaves no article of Đắk Lắk: nothing better to offer.
    open_search(page, base, "Đắc Lắc", tinh="thanh-hoa")
    assert page.locator(".kc-search__suggest").is_hidden()


def test_header_box_suggests(page, base):
    page.goto(base + url_of("quang-tri"))
    box = page.locator("#kc-search-box-q")
    box.click()
    box.press_sequentially("Đắc Lắc", delay=40)
    wait_for(page, "Đắc Lắc", "form.kc-search-box")
    assert option_texts(page) == ["Có phải bạn muốn tìm: Đắk Lắk?"]
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(base + SEARCH + "?q=%C4%90%E1%BA%AFk+L%E1%BA%AFk")
    wait_for(page, "Đắk Lắk")
    assert main_slugs(page) == ["dak-lak"]


# ---------------------------------------------------------------------------------- phone

PHONE = dict(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
KEYBOARD = 300  # px of a phone's on-screen keyboard, from the bottom


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def test_phone_search_icon_puts_the_cursor_in_the_box(phone, base):
    page = phone
    page.goto(base + url_of("quang-tri"))
    icon = page.locator(".kc-search-link")
    box = page.locator("form.kc-search-box")
    assert box.is_hidden()
    icon.tap()
    # Focused in the tap itself (so the phone opens its keyboard), on the same page.
    assert page.evaluate("document.activeElement.id") == "kc-search-box-q"
    assert page.url == base + url_of("quang-tri")
    assert box.is_visible()
    rect = box.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert rect["x"] == 0 and rect["width"] == 375 and rect["y"] == header["y"]
    page.keyboard.type("khuyến công", delay=40)
    wait_for(page, "khuyến công", "form.kc-search-box")
    first = page.locator(".kc-search-box__result").first.bounding_box()
    assert first["y"] >= header["y"] + header["height"] - 1
    assert first["y"] + first["height"] <= 667 - KEYBOARD  # above the keyboard
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The close button (and Escape twice: the list, then the box) put everything back.
    page.get_by_role("button", name="Đóng ô tìm kiếm").tap()
    assert box.is_hidden() and icon.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('kc-search-link')")
    icon.tap()
    assert box.is_visible() and page.input_value("#kc-search-box-q") == "khuyến công"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert box.is_hidden()


def test_phone_search_icon_on_the_search_page(phone, base):
    page = phone
    open_search(page, base, "Thanh Hoá")
    page.locator(".kc-search-link").tap()
    assert page.evaluate("document.activeElement.id") == "kc-search-q"
    assert page.locator("form.kc-search-box").is_hidden()


def test_phone_filters_fold_and_the_first_result_stays_above_the_keyboard(phone, base):
    page = phone
    open_search(page, base, "khuyến công", tinh="thanh-hoa", nam="2024")
    toggle = page.locator(".kc-search__filters-toggle")
    filters = page.locator(".kc-search__filters")
    assert toggle.is_visible() and filters.is_hidden()
    assert toggle.inner_text() == "Bộ lọc\u00a0(2)"
    assert toggle.get_attribute("aria-expanded") == "false"
    page.locator("#kc-search-q").focus()
    title = page.locator(".kc-result h2").first.bounding_box()
    assert title["y"] + title["height"] <= 667 - KEYBOARD
    toggle.tap()
    assert filters.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.select_option("select[name=nam]", "")
    page.wait_for_function("() => !location.search.includes('nam=')")
    wait_for(page, "khuyến công")
    assert toggle.inner_text() == "Bộ lọc\u00a0(1)"
    toggle.tap()
    assert filters.is_hidden()
    # Wide screens: the filters are always there, no button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert filters.is_visible() and toggle.is_hidden()


# ---------------------------------------------------------------------------- highlighting


def test_only_the_matched_name_is_marked(page, base):
    open_search(page, base, "vu bich hao")
    item = page.locator(".kc-result").first
    assert marks(item.locator("h2")) == []  # "nhiệm vụ" is not the name
    assert marks(item.locator(".kc-result__excerpt")) == ["Vũ", "Bích", "Hảo"] * 2
    # The name typed with its diacritics: in an article with the name and a contradicting
    # spelling of the phrase, only the agreeing one; where none agrees, the phrase as found.
    open_search(page, base, "Nam Định")
    first, second = page.locator(".kc-result").nth(0), page.locator(".kc-result").nth(1)
    assert marks(first.locator("h2")) == ["Nam", "Định"]
    assert marks(second.locator(".kc-result__excerpt")) == ["năm", "định"]
    # An article with the words apart: runs of the query's words, and the words alone only
    # when no run has them ("cộng" of "cộng tác viên" is not marked).
    open_search(page, base, "khuyến công nhiệm vụ")
    item = page.locator(".kc-result").first
    assert marks(item.locator("h2")) == ["nhiệm", "vụ", "khuyến", "công"]
    assert marks(item.locator(".kc-result__excerpt")) == ["nhiệm", "vụ"]
    # Words apart, typed with diacritics: the agreeing spelling of each word when there is one.
    open_search(page, base, "Thanh Hoá")
    item = page.locator(".kc-result[data-kc-doc]").filter(has_text="Kiểm tra an toàn")
    assert marks(item) == ["hoá", "thanh"]


# -------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("width", [375, 1280])
def test_no_serious_accessibility_violation(browser, base, width):
    """axe-core (tests/test_accessibility.py's helpers) on what this file adds: both result
    groups, a "did you mean", the folded filters, the header's list and the phone's box."""
    from tests.test_accessibility import axe_script, axe_violations, blocking, describe

    axe_js = axe_script()
    phone = width < 720
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    try:
        open_search(page, base, "Thanh Hoá")  # phrase matches and words apart
        if phone:
            page.locator(".kc-search__filters-toggle").tap()
        found = blocking(axe_violations(page, axe_js))
        assert found == [], describe(found)
        open_search(page, base, "Đắc Lắc")  # a suggestion
        found = blocking(axe_violations(page, axe_js))
        assert found == [], describe(found)
        page.goto(base + url_of("quang-tri"))
        if phone:
            page.locator(".kc-search-link").tap()
        else:
            page.locator("#kc-search-box-q").click()
        page.keyboard.type("Thanh Hoá", delay=30)
        wait_for(page, "Thanh Hoá", "form.kc-search-box")
        page.keyboard.press("ArrowDown")
        assert page.locator(".kc-search-box__panel").is_visible()
        found = blocking(axe_violations(page, axe_js))
        assert found == [], describe(found)
    finally:
        context.close()
