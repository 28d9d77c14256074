"""Table tests of the importer's stages, each on its own (``site_plugins.importer``):
reading dates, bylines and chrome, the HTML reader, the pipeline's named stages, photos,
duplicates and review marks. Whole pages are tested in test_import_corpus.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_plugins.importer import blocks, dating, duplicates, guesses, photos, pipeline, review
from site_plugins.importer import signature as sig
from site_plugins.importer.blocks import Block, Page, Photo
from site_plugins.importer.body import Item, body_items, markdown
from site_plugins.importer.htmlpage import class_parts, read_page, title_parts
from site_plugins.importer.reading import ImportFailure, html_chunks
from site_plugins.model import Precision
from site_plugins.text import nfc
from site_plugins.vocab import load_vocabulary

VOCAB = load_vocabulary()


def _cp1258_encoder():
    """tests/data/import/make_fixtures.py: the one encoder of Windows-1258 fixtures."""
    import importlib.util

    path = Path(__file__).parent / "data" / "import" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cp1258_bytes


cp1258_bytes = _cp1258_encoder()


def p(text: str, **flags) -> Block:
    return Block(text, **flags)


def page_of(html: str, tmp_path: Path | None = None) -> Page:
    source = (tmp_path or Path(".")) / "trang.html"
    return read_page([html], source)


# ============================================================================ date lines


@pytest.mark.parametrize(
    ("line", "text", "kind"),
    [
        ("Ngày 24/02/2017", "2017-02-24", "plain"),
        ("Tháng 01/2022", "2022-01", "plain"),
        ("09:12 (16/09/2011)", "2011-09-16T09:12:00+07:00", "plain"),
        ("Ngày đăng : 08:22, 04/05/2011", "2011-05-04T08:22:00+07:00", "published"),
        ("Thứ Hai, 18/12/2023 - 15:40", "2023-12-18T15:40:00+07:00", "plain"),
        ("Published: 21 Tháng 8 2019", "2019-08-21", "published"),
        ("Published: 05 March 2024", "2024-03-05", "published"),
        ("Posted on March 5, 2024", "2024-03-05", "published"),
        ("Được đăng: 28 Tháng 11 2019", "2019-11-28", "published"),
        ("Thứ ba, 05 Tháng Ba 2019 08:15", "2019-03-05T08:15:00+07:00", "plain"),
        ("2016-11-03 10:20", "2016-11-03T10:20:00+07:00", "plain"),
        ("2016-11-03T10:20", "2016-11-03T10:20:00+07:00", "plain"),
        ("Cập nhật lúc 09:45 ngày 12/06/2020", "2020-06-12T09:45:00+07:00", "updated"),
        ("Cập nhật lúc 14h30 ngày 5/3/2024 GMT+7", "2024-03-05T14:30:00+07:00", "updated"),
        ("Thứ Năm, 21/10/2021, 08:30 (GMT+7)", "2021-10-21T08:30:00+07:00", "plain"),
        ("Thứ 2, 15/01/2018 09:00 AM", "2018-01-15T09:00:00+07:00", "plain"),
        ("15/01/2018 02:30 PM", "2018-01-15T14:30:00+07:00", "plain"),
        ("(04/07/2017)", "2017-07-04", "plain"),
        ("Ngày đăng: 20/05/2013 | Lượt xem: 143", "2013-05-20", "published"),
        ("Ngày đăng: 05/01/2019 | Cập nhật: 08/01/2019", "2019-01-05", "published"),
        ("Cập nhật: 08/01/2019 | Ngày đăng: 05/01/2019", "2019-01-05", "published"),
        ("09/03/2026 14:05 1.024 lượt xem", "2026-03-09T14:05:00+07:00", "plain"),
        ("Thứ hai, ngày 18 tháng 12 năm 2023", "2023-12-18", "plain"),
    ],
)
def test_date_lines(line, text, kind):
    found = dating.parse_dateline(line)
    assert found is not None and (found.text, found.kind) == (text, kind)
    assert found.note == ""


@pytest.mark.parametrize(
    "line",
    [
        "Ngày 24/02/2017, Trung tâm Khuyến công tổ chức hội nghị",  # a sentence
        "Quyết định số 256/QĐ-UBND ngày 15/3/2010",
        "Quảng trường 24/3",  # no year
        "31/02/2019",  # no such day
        "Ngày 12/13/2019",  # no such month
        "Năm 2015",  # a year alone is not a date line
        "Thứ Bảy, 03/10/2026 | Tin hoạt động",
        "1989-05-01",  # before the portals
    ],
)
def test_not_date_lines(line):
    assert dating.parse_dateline(line) is None


def test_a_weekday_that_contradicts_the_date_is_noted():
    found = dating.parse_dateline("Thứ Hai, 24/02/2017")
    assert found.text == "2017-02-24" and "Thứ Sáu" in found.note


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "2016-11-03 10:20 | Chương trình, đề án",
            ("2016-11-03T10:20:00+07:00", "Chương trình, đề án"),
        ),
        ("04/05/2011 - Tin hoạt động", ("2011-05-04", "Tin hoạt động")),
        ("Tin hoạt động | 04/05/2011", None),  # the date first, then the label
        ("2016-11-03 | một câu rất dài không phải là tên của một chuyên mục nào cả", None),
    ],
)
def test_a_date_with_a_label_after_it(line, expected):
    found = dating.leading_date(line)
    assert (None if found is None else (found[0].text, found[1])) == expected


@pytest.mark.parametrize(
    ("text", "first", "last", "document"),
    [
        ("Ngày 24/02/2017, Trung tâm tổ chức họp.", "2017-02-24", "2017-02-24", False),
        ("Sáng ngày 03/3/2011, Trung tâm tổ chức hội nghị.", "2011-03-03", "2011-03-03", False),
        ("Tháng 8/2023, Trung tâm tiếp đón đoàn.", "2023-08", "2023-08", False),
        ("Từ ngày 19 đến 21/8/2019, tại Tam Kỳ, …", "2019-08-19", "2019-08-21", False),
        ("Từ ngày 27 - 29/02/2024, đoàn công tác …", "2024-02-27", "2024-02-29", False),
        (
            "Ngày 12/7/2021, UBND tỉnh ban hành Quyết định số 1886.",
            "2021-07-12",
            "2021-07-12",
            True,
        ),
        ("Trong hai ngày 12 và 13/10/2022, Trung tâm …", None, None, False),
        ("Hội nghị diễn ra ngày 12/5/2019.", None, None, False),
    ],
)
def test_the_date_a_paragraph_opens_with(text, first, last, document):
    found = dating.opening_date(text)
    if first is None:
        assert found is None
    else:
        assert (found.first.text, found.last.text, found.about_document) == (first, last, document)


def test_months_and_years_mentioned():
    month = dating.mentioned_month(["Kế hoạch số 1 ngày 02/3/2018", "Ngày 15/8/2018, đoàn …"])
    assert month[0].text == "2018-08" and month[0].precision is Precision.MONTH
    assert month[1] == "15/8/2018"
    assert dating.mentioned_month(["từ 17- 18/5/2018"])[0].text == "2018-05"
    assert dating.mentioned_year(["năm 2014 và năm 2015", "năm 2031"], 2026) == (2015, "năm 2015")
    assert dating.mentioned_year(["không có năm"], 2026) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hội nghị sơ kết 6 tháng đầu năm 2017 (04/07/2017)",
            ("Hội nghị sơ kết 6 tháng đầu năm 2017", "2017-07-04"),
        ),
        (
            "Tập huấn khởi sự doanh nghiệp [05/12/2023]",
            ("Tập huấn khởi sự doanh nghiệp", "2023-12-05"),
        ),
        ("Hội nghị (lần thứ 2)", None),
    ],
)
def test_a_headline_with_its_date_in_brackets(text, expected):
    found = dating.trailing_date(text)
    assert (None if found is None else (found[0], found[1].text)) == expected


def test_markup_dates_are_read_in_vietnams_time():
    assert dating.iso_date("2019-08-21T03:15:00+00:00").text == "2019-08-21T10:15:00+07:00"
    assert dating.iso_date("2019-08-20T20:00:00Z").text == "2019-08-21T03:00:00+07:00"
    assert dating.iso_date("2024-03-15").text == "2024-03-15"


# ============================================================================== chrome


@pytest.mark.parametrize(
    ("text", "chrome"),
    [
        ("Trang chủ | Sơ đồ trang | Liên hệ", True),
        ("TRANG CHỦ   GIỚI THIỆU   TIN TỨC   VĂN BẢN   LIÊN HỆ", True),
        ("Trang chủ > Tin tức > Khuyến công", True),
        ("Lượt xem: 345 | In bài | Gửi bài | Về đầu trang", True),
        ("Chia sẻ   Facebook   Twitter   In bài", True),
        ("Tags: mì Chũ khuyến công", True),
        ("Chuyên mục: Khuyến công Đồng Nai Thẻ: sản phẩm CNNT", True),
        ("Chi tiết", True),
        ("Hits: 312", True),
        ("« Trước Tiếp »", True),
        ("Đang truy cập: 12", True),
        ("Tổng lượt truy cập: 1.204.577", True),
        ("Hôm nay: 85", True),
        ("Đã xem: 214 lần", True),
        ("1.024 lượt xem", True),
        ("Số lần xem: 1.532", True),
        ("24/02/2017", False),  # a date, not a page number
        ("Tin hoạt động", False),
        ("Hội nghị tổng kết năm 2023", False),
        ("Lượt xem của người dân tăng mạnh trong năm", False),
    ],
)
def test_chrome_lines(text, chrome):
    assert blocks.is_chrome(text) is chrome


@pytest.mark.parametrize(
    ("text", "terminator"),
    [
        ("CÁC TIN KHÁC", True),
        ("Các tin tức khác cùng chuyên mục:", True),
        ("Liên kết website", True),
        ("THỐNG KÊ TRUY CẬP", True),
        ("Tin mới", True),
        ("Đọc thêm", True),
        ("© 2019 Trung tâm Khuyến công", True),
        ("Bản quyền thuộc Sở Công Thương", True),
        ("Tin mới về khuyến công", False),
    ],
)
def test_lines_that_end_the_article(text, terminator):
    assert blocks.is_terminator(text) is terminator


def test_labels_kickers_and_years():
    assert blocks.label_value("Danh mục: Tin hoạt động") == "Tin hoạt động"
    assert blocks.label_value("Category: Tin tức") == "Tin tức"
    assert blocks.label_value("Danh sách đại biểu") is None
    assert blocks.kicker_year("Năm 2018") == 2018
    assert blocks.kicker_year("Năm 2018 có nhiều đổi mới") is None
    assert blocks.is_kicker("Khuyến công Bình Định") and not blocks.is_kicker(
        "Khai giảng lớp đào tạo nghề mây tre đan cho lao động nông thôn"
    )


# ============================================================================== bylines


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ngân Trần", "Ngân Trần"),
        ("NGÂN TRẦN", "Ngân Trần"),
        ("P. NGHI", "P. Nghi"),
        ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
        ("Bảo Ngọc", "Bảo Ngọc"),  # "Bảo", not "Báo" (a newspaper)
        ("Trương Văn Bình", "Trương Văn Bình"),  # "Trương", not "Trường" (a school)
        ("Anh Dũng", "Anh Dũng"),
        ("Ông Nguyễn Văn An", None),  # under a portrait: a caption
        ("Sở Công Thương", None),
        ("Báo Đồng Nai", None),
        ("Administrator", None),
        ("Toàn cảnh hội nghị", None),
        ("L.D", None),
    ],
)
def test_person_names(text, name):
    assert sig.person_name(text) == name


@pytest.mark.parametrize(
    ("line", "authors", "noted"),
    [
        ("NGÂN TRẦN", ["Ngân Trần"], False),
        ("Bài, ảnh: MINH VÂN", ["Minh Vân"], False),
        ("Tin, ảnh: Hà Linh", ["Hà Linh"], False),
        ("Bài và ảnh: Lê Na", ["Lê Na"], False),
        ("Minh Vân, Ngân Trần", ["Minh Vân", "Ngân Trần"], False),
        ("Minh Vân - Ngân Trần", ["Minh Vân", "Ngân Trần"], False),
        ("Viết bởi Trần Văn Bình", ["Trần Văn Bình"], False),
        ("Written by Trần Văn Bình", ["Trần Văn Bình"], False),
        ("Người viết: Phạm Thu Hà", ["Phạm Thu Hà"], False),
        ("L.D", ["L.D"], True),
        ("T.H.N", ["T.H.N"], True),
        ("Anh Dũng - TTKC.", ["Anh Dũng"], True),
        (
            "Hoàng Yến (TTKC Đắk Nông)",
            [{"name": "Hoàng Yến", "organization": "Trung tâm Khuyến công Đắk Nông"}],
            False,
        ),
        (
            "Thanh Tâm - TTKC Sóc Trăng",
            [{"name": "Thanh Tâm", "organization": "Trung tâm Khuyến công Sóc Trăng"}],
            False,
        ),
        (
            "Nguyễn Hưng (Trung tâm Khuyến công Hưng Yên)",
            [{"name": "Nguyễn Hưng", "organization": "Trung tâm Khuyến công Hưng Yên"}],
            False,
        ),
    ],
)
def test_bylines(line, authors, noted):
    byline = sig.parse_byline(line)
    assert byline is not None and byline.authors == authors
    assert bool(byline.note) is noted


@pytest.mark.parametrize(
    "line",
    [
        "Toàn cảnh hội nghị tổng kết",
        "Các học viên thực hành đan giỏ tại lớp học",
        "Ông Nguyễn Văn An phát biểu",
        "Theo Báo Công Thương",
        "Hội nghị đã thành công tốt đẹp.",
    ],
)
def test_not_bylines(line):
    assert sig.parse_byline(line) is None


def test_portal_accounts_are_not_authors():
    assert sig.account_byline("Viết bởi Administrator")
    assert sig.account_byline("Đăng bởi: admin")
    assert not sig.account_byline("Viết bởi Trần Văn Bình")


@pytest.mark.parametrize(
    ("text", "links", "source"),
    [
        ("Theo Báo Công Thương", (), {"name": "Báo Công Thương"}),
        ("Theo: Báo Lạng Sơn", (), {"name": "Báo Lạng Sơn"}),
        ("Nguồn: Sở Công Thương Hà Tĩnh", (), {"name": "Sở Công Thương Hà Tĩnh"}),
        ("(Theo baocongthuong.vn)", (), {"name": "baocongthuong.vn"}),
        (
            "Nguồn: Báo Đồng Nai",
            (("Báo Đồng Nai", "https://baodongnai.com.vn/x"),),
            {"name": "Báo Đồng Nai", "url": "https://baodongnai.com.vn/x"},
        ),
        ("Theo đại diện hợp tác xã, máy móc giúp giảm 40% nhân công.", (), None),
        ("Theo kế hoạch, hội nghị diễn ra vào tháng 9.", (), None),
        ("Theo Quyết định số 2150/QĐ-UBND ngày 25/7/2016, đề án được hỗ trợ", (), None),
    ],
)
def test_source_lines(text, links, source):
    assert sig.parse_source_line(Block(text, links=links)) == source


def test_unit_names():
    assert sig.expand_unit("TTKC Đắk Nông") == "Trung tâm Khuyến công Đắk Nông"
    assert sig.expand_unit("SCT Hà Tĩnh") == "Sở Công Thương Hà Tĩnh"
    assert sig.expand_unit("Báo Đồng Nai") == "Báo Đồng Nai"
    assert sig.org_like("Sở Công Thương Long An") and sig.org_like("SỞ CÔNG THƯƠNG")
    assert not sig.org_like("Hội nghị khuyến công khu vực miền Trung")
    assert not sig.org_like("Phòng chống cháy nổ trong làng nghề")
    assert not sig.org_like("Bảo Ngọc")


# ========================================================================== HTML reader


def test_class_names():
    assert {"newstitle", "news", "title"} <= class_parts({"class": "news-title"})
    assert "itemprop" not in class_parts({"itemprop": "headline"})
    assert "headline" in class_parts({"itemprop": "headline"})


def test_what_the_html_reader_keeps_and_skips():
    page = page_of(
        """<html><head><title>Sở Công Thương Long An</title>
        <meta property="og:site_name" content="Cổng Long An"></head><body>
        <form id="aspnetForm">
        <header class="site-header">SỞ CÔNG THƯƠNG LONG AN</header>
        <nav><a href="/">Trang chủ</a></nav>
        <div class="sharedaddy">Chia sẻ</div><div class="menutrai">Menu trái</div>
        <article><header class="entry-header"><h1 class="entry-title">Tiêu đề bài</h1></header>
        <div class="entry-content"><p>Đoạn <em>một</em>.</p>
        <p><em>Chú thích nghiêng</em></p><p><b>Đậm</b> và thường</p>
        <div style="display:none">Ẩn</div><script>var x = "Quảng cáo";</script>
        <figure><img src="a.jpg"><figcaption>Dòng một<br>dòng hai</figcaption></figure>
        </div><footer class="entry-footer">Chuyên mục: Tin</footer></article>
        <aside>Tin mới</aside><footer>© Sở Công Thương Long An</footer></form></body></html>"""
    )
    texts = [(b.kind, b.text) for b in page.blocks]
    assert texts == [
        ("heading", "Tiêu đề bài"),
        ("p", "Đoạn một."),
        ("p", "Chú thích nghiêng"),
        ("p", "Đậm và thường"),
        ("img", ""),
        ("caption", "Dòng một"),
        ("caption", "dòng hai"),
        ("p", "Chuyên mục: Tin"),
    ]
    heading, _, italic, bold, img, caption, second, _ = page.blocks
    assert heading.title_hint and heading.level == 1
    assert italic.italic and not bold.bold and not bold.italic
    assert caption.after_image and second.continued
    assert page.meta_titles == ["Sở Công Thương Long An"]
    assert page.site_names[0] == "Cổng Long An"
    assert "SỞ CÔNG THƯƠNG LONG AN" in page.site_names
    assert "© Sở Công Thương Long An" in page.site_names


def test_photos_the_html_reader_finds():
    page = page_of(
        """<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="that.jpg"></p>
        <p><img src="icons/print.png"></p><p><img src="spacer.gif" width="1"></p>
        <p><img src="a.jpg" width="20" height="20"></p><p><img class="emoji" src="x.png"></p>
        <p><img srcset="big.jpg 1024w, small.jpg 300w" alt="Ảnh lớn"></p>
        <p><img src="/uploads/ok.jpg" alt="Toàn cảnh"></p>"""
    )
    found = [(b.photo.src, b.photo.alt) for b in page.blocks if b.kind == "img"]
    assert found == [("that.jpg", ""), ("big.jpg", "Ảnh lớn"), ("/uploads/ok.jpg", "Toàn cảnh")]


def test_addresses_of_a_saved_page():
    page = page_of(
        """<!-- saved from url=(0040)https://sct.example.vn/tin/bai-viet.html -->
        <html><head><link rel="canonical" href="https://sct.example.vn/tin/bai-viet"></head>
        <body><p>Đoạn văn.</p></body></html>"""
    )
    assert page.address == "https://sct.example.vn/tin/bai-viet"
    assert page.base == "https://sct.example.vn/tin/bai-viet.html"


def test_a_time_element_dates_its_line():
    page = page_of(
        '<div><time class="entry-date published" datetime="2024-03-15T09:30:00+07:00">15/03'
        '</time><time class="updated" datetime="2024-04-01T08:00:00+07:00">1/4</time></div>'
    )
    assert page.blocks[0].datetime == "2024-03-15T09:30:00+07:00"


def test_parts_of_a_title_element():
    assert (
        title_parts(
            "Tập huấn khởi sự | Trung tâm Khuyến công Đắk Lắk", ["Trung tâm Khuyến công Đắk Lắk"]
        )[0]
        == "Tập huấn khởi sự"
    )
    assert (
        title_parts("Quảng Ngãi: Tập huấn cộng tác viên", [])[0]
        == "Quảng Ngãi: Tập huấn cộng tác viên"
    )


# ========================================================================= the headline


@pytest.mark.parametrize(
    ("lines", "title", "labels", "years"),
    [
        (
            [
                "Khuyến công Bình Định",
                "Tin hoạt động",
                "Khai giảng lớp đào tạo nghề mây tre đan",
                "Thứ Tư, 06/09/2023 - 09:05",
                "Ngày 05/9/2023, Trung tâm phối hợp với UBND xã khai giảng lớp học cho 35 lao động.",
            ],
            "Khai giảng lớp đào tạo nghề mây tre đan",
            ["Tin hoạt động", "Khuyến công Bình Định"],
            [],
        ),
        (
            [
                "logo",
                "Năm 2015",
                "Phát triển nghề làm kẹo dừa nhờ khuyến công",
                "Nghề làm kẹo dừa đang từng bước hiện đại hóa nhờ các đề án khuyến công.",
            ],
            "Phát triển nghề làm kẹo dừa nhờ khuyến công",
            [],
            [(2015, "Năm 2015")],
        ),
        (
            [
                "2016-11-18 | Chương trình, đề án",
                "Hỗ trợ cơ sở cơ khí đầu tư máy cắt",
                "Trung tâm vừa bàn giao máy cắt, uốn thép tự động cho cơ sở cơ khí ở huyện Hương Sơn.",
            ],
            "Hỗ trợ cơ sở cơ khí đầu tư máy cắt",
            ["Chương trình, đề án"],
            [],
        ),
    ],
)
def test_headline_of_copied_text(lines, title, labels, years):
    choice = pipeline.find_title([p(t) for t in lines], Page([], structured=False))
    assert (choice.text, choice.labels, choice.years, choice.note) == (title, labels, years, "")


def test_a_first_line_that_is_a_sentence_is_flagged_as_headline():
    choice = pipeline.find_title(
        [
            p("Trung tâm Khuyến công tỉnh Đồng Nai vừa tổ chức lớp tập huấn cho 30 học viên."),
            p("Đoạn hai."),
        ],
        Page([], structured=False),
    )
    assert "là một câu" in choice.note


def test_a_headline_in_capitals_is_flagged():
    choice = pipeline.find_title(
        [
            p("KHUYẾN CÔNG THANH HÓA HỖ TRỢ LÀNG NGHỀ"),
            p("Năm 2017, Trung tâm đã hỗ trợ 8 cơ sở mây tre đan đầu tư máy móc."),
        ],
        Page([], structured=False),
    )
    assert "viết hoa toàn bộ" in choice.note


@pytest.mark.parametrize(
    ("html", "title", "note"),
    [
        # <title> is the agency; the headline is a table cell marked as the title.
        (
            "<title>Sở Công Thương Bình Định</title><table><tr><td class=cat>Tin hoạt động</td></tr>"
            "<tr><td class=title><b>Hội nghị tổng kết công tác khuyến công năm 2010</b></td></tr>"
            "<tr><td>Ngày đăng : 08:22, 04/03/2011</td></tr></table>",
            "Hội nghị tổng kết công tác khuyến công năm 2010",
            "",
        ),
        # The only h1 is the site's name in capitals; the headline a bold p.title with its date.
        (
            "<title>TRUNG TÂM KHUYẾN CÔNG ĐẮK NÔNG</title><h1>TRUNG TÂM KHUYẾN CÔNG ĐẮK NÔNG</h1>"
            "<p class=title><strong>Hội nghị sơ kết công tác khuyến công năm 2017</strong> (04/07/2017)</p>"
            "<p>Sáng 03/7/2017, Trung tâm Khuyến công tổ chức hội nghị sơ kết công tác khuyến công.</p>",
            "Hội nghị sơ kết công tác khuyến công năm 2017",
            "",
        ),
        # An h2 wrapped in a link, named by og:title.
        (
            '<meta property="og:title" content="Tập huấn kỹ năng quản trị doanh nghiệp">'
            '<h2><a href="/x">Tập huấn kỹ năng quản trị doanh nghiệp</a></h2><p>Nội dung.</p>',
            "Tập huấn kỹ năng quản trị doanh nghiệp",
            "",
        ),
        # A sapo in an h2 is not the headline.
        (
            '<h1 class="title"><a href="/x">Làng nghề mì Chũ ứng dụng máy móc</a></h1>'
            '<h2 class="sapo">BẮC GIANG - Nhờ nguồn vốn khuyến công, nhiều cơ sở đầu tư máy cán.</h2>',
            "Làng nghề mì Chũ ứng dụng máy móc",
            "",
        ),
        # Nothing marked: the first line that looks like a headline, flagged.
        (
            "<title>Chi tiết tin tức</title><p>Nghiệm thu mô hình trình diễn máy dệt thảm</p>"
            "<p>Ngày 03/01/2019, Trung tâm Khuyến công nghiệm thu đề án xây dựng mô hình trình diễn.</p>",
            "Nghiệm thu mô hình trình diễn máy dệt thảm",
            "trang không đánh dấu dòng tiêu đề",
        ),
        # Two headings that could both be the headline, none named by <title>: flagged.
        (
            "<h2>Hội nghị tổng kết công tác khuyến công năm 2023</h2><p>Đoạn văn dài của bài viết thứ nhất này.</p>"
            "<h2>Tập huấn khởi sự doanh nghiệp cho cơ sở CNNT</h2><p>Đoạn văn dài của bài viết thứ hai này.</p>",
            "Hội nghị tổng kết công tác khuyến công năm 2023",
            "có thể tiêu đề là 'Tập huấn khởi sự doanh nghiệp cho cơ sở CNNT'",
        ),
    ],
)
def test_headline_of_a_page(html, title, note):
    page = page_of(html)
    choice = pipeline.find_title(pipeline.clean(page.blocks), page)
    assert choice.text == title
    assert note in choice.note if note else choice.note == ""


# ============================================================ chrome, header, signature, lead


def test_strip_chrome_keeps_the_article_and_its_labels():
    content, labels = pipeline.strip_chrome(
        [
            p("Chia sẻ   Facebook"),
            p("Danh mục: Tin hoạt động"),
            p("Đoạn một của bài."),
            Block("", kind="img", photo=Photo("a.jpg")),
            p("Hội nghị khác", link_only=True),
            p("Nguồn: Báo Đồng Nai", link_only=True),
            p("Lượt xem: 12"),
            p("Các tin khác"),
            p("Bài cũ hơn"),
        ]
    )
    assert [(b.kind, b.text) for b in content] == [
        ("p", "Đoạn một của bài."),
        ("img", ""),
        ("p", "Nguồn: Báo Đồng Nai"),
    ]
    assert labels == ["Tin hoạt động"]


def test_the_header_under_the_headline():
    header, rest = pipeline.read_header(
        [
            p("Viết bởi Administrator"),
            p("Được đăng: 21 Tháng 8 2019", datetime="2019-08-21T03:15:00+00:00"),
            p("Đăng bởi: Minh Vân Thứ ba, 05/03/2019 08:15"),
            p("2016-11-03 | Chương trình, đề án"),
            p("Từ ngày 19 đến 21/8/2019, Trung tâm tổ chức lớp tập huấn cho 45 học viên."),
            p("Ngày 10/10/2020"),  # in the body: not the header's
        ]
    )
    assert [d.text for d in header.dates] == [
        "2019-08-21",
        "2019-03-05T08:15:00+07:00",
        "2016-11-03",
    ]
    assert [d.text for d in header.markup] == ["2019-08-21T10:15:00+07:00"]
    assert header.byline.authors == ["Minh Vân"]
    assert header.labels == ["Chương trình, đề án"]
    assert [b.text for b in rest][-1] == "Ngày 10/10/2020"


def test_a_name_alone_under_the_headline_is_the_byline():
    header, rest = pipeline.read_header(
        [
            p("Minh Vân"),
            p("Ngày 10/10/2020"),
            p("Trung tâm Khuyến công tổ chức hội nghị tổng kết năm."),
        ]
    )
    assert header.byline.authors == ["Minh Vân"] and [d.text for d in header.dates] == [
        "2020-10-10"
    ]
    assert [b.text for b in rest] == ["Trung tâm Khuyến công tổ chức hội nghị tổng kết năm."]
    header, rest = pipeline.read_header([p("Tin hoạt động"), p("Đoạn văn đầu của bài viết này.")])
    assert header.byline is None and len(rest) == 2


def test_a_header_line_with_a_date_it_cannot_read_is_kept_and_noted():
    header, rest = pipeline.read_header(
        [
            p("Đăng ngày 12 tháng Chạp năm Kỷ Hợi 2019"),
            p("Một đoạn văn đủ dài để là đoạn văn đầu của bài báo này."),
        ]
    )
    assert header.dates == [] and header.unparsed == []  # no date pattern in it at all
    header, _ = pipeline.read_header(
        [p("Ngày 12/5/2019 theo lịch âm"), p("Đoạn văn mở đầu của bài viết này đủ dài.")]
    )
    assert header.unparsed == ["Ngày 12/5/2019 theo lịch âm"]


@pytest.mark.parametrize(
    ("lines", "author", "source", "kept"),
    [
        (
            ["Đoạn văn.", "THANH HÀ", "Nguồn: Báo Đồng Nai"],
            ["Thanh Hà"],
            "Báo Đồng Nai",
            ["Đoạn văn."],
        ),
        (
            ["Đoạn văn.", "Hoàng Văn Sơn", "Theo: Báo Lạng Sơn"],
            ["Hoàng Văn Sơn"],
            "Báo Lạng Sơn",
            ["Đoạn văn."],
        ),
        (["Đoạn văn.", "L.D"], ["L.D"], None, ["Đoạn văn."]),
        (
            ["Đoạn văn.", "Minh Vân", "Cập nhật: 16/09/2011 09:12"],
            ["Minh Vân"],
            None,
            ["Đoạn văn."],
        ),
        (
            ["Đoạn văn.", "P. NGHI", "Hội nghị tổng kết 6 tháng đầu năm 2023 (20/07/2023)"],
            ["P. Nghi"],
            None,
            ["Đoạn văn."],
        ),
        (["Đoạn văn.", "Toàn cảnh hội nghị"], None, None, ["Đoạn văn.", "Toàn cảnh hội nghị"]),
    ],
)
def test_the_signature_at_the_end(lines, author, source, kept):
    signature, rest = pipeline.read_signature([p(t) for t in lines], pipeline.Header())
    assert (signature.byline.authors if signature.byline else None) == author
    assert (signature.source["name"] if signature.source else None) == source
    assert [b.text for b in rest] == kept


def test_a_byline_in_italics_right_after_the_last_photo_is_the_author():
    content = [
        p("Đoạn văn."),
        Block("", kind="img", photo=Photo("a.jpg")),
        p("Minh Châu", italic=True, after_image=True),
    ]
    signature, rest = pipeline.read_signature(content, pipeline.Header())
    assert signature.byline.authors == ["Minh Châu"]
    assert [b.kind for b in rest] == ["p", "img"]


@pytest.mark.parametrize(
    ("lines", "summary", "site"),
    [
        (
            ["Congthuong.vn - Ngày 9/8 vừa qua, tại Đăk Lăk diễn ra hội nghị khuyến công."],
            "",
            "Congthuong.vn",
        ),
        (
            [
                "BẮC GIANG - Nhờ nguồn vốn khuyến công, nhiều cơ sở đầu tư máy cán.",
                "Đoạn hai của bài báo dài hơn nữa ở đây.",
            ],
            "Nhờ nguồn vốn khuyến công, nhiều cơ sở đầu tư máy cán.",
            None,
        ),
        (
            [
                "Đăng bởi: admin",
                "Sáng 04/3/2019, tại thị xã Ba Đồn, Trung tâm tổ chức hội thảo.",
                "Đoạn hai.",
            ],
            "Sáng 04/3/2019, tại thị xã Ba Đồn, Trung tâm tổ chức hội thảo.",
            None,
        ),
    ],
)
def test_the_lead(lines, summary, site):
    lead = pipeline.choose_lead([p(t) for t in lines], structured=False)
    assert (lead.summary, lead.site) == (summary, site)


def test_a_repeated_lead_is_dropped():
    text = "Hiện nay mạng lưới cộng tác viên khuyến công gồm có 17 người."
    lead = pipeline.choose_lead(
        [p(text), p(text), p("Ngày 24/02/2017, Trung tâm tổ chức họp mạng lưới.")], structured=False
    )
    assert lead.summary == text and [b.text for b in lead.body] == [
        "Ngày 24/02/2017, Trung tâm tổ chức họp mạng lưới."
    ]


# ============================================================================ the date


def dates(**kw):
    title = pipeline.TitleChoice(
        "Tiêu đề", 0, dates=kw.get("title_dates", []), years=kw.get("years", [])
    )
    header = pipeline.Header(
        dates=kw.get("header", []), markup=kw.get("markup", []), unparsed=kw.get("unparsed", [])
    )
    signature = pipeline.Signature(dates=kw.get("elsewhere", []))
    return pipeline.choose_date(
        title, header, signature, kw.get("page", []), kw.get("lead", ""),
        kw.get("paragraphs", []), [], date(2026, 10, 3),
    )  # fmt: skip


D = dating.parse_dateline


@pytest.mark.parametrize(
    ("kw", "text", "noted"),
    [
        (
            {
                "header": [D("Ngày đăng: 04/03/2011")],
                "lead": "Sáng ngày 03/3/2011, Trung tâm tổ chức hội nghị.",
            },
            "2011-03-04",
            "",
        ),
        (
            {
                "header": [D("Published: 21 Tháng 8 2019")],
                "markup": [dating.iso_date("2019-08-21T03:15:00Z")],
            },
            "2019-08-21T10:15:00+07:00",
            "",
        ),
        ({"header": [D("Cập nhật: 08/01/2019"), D("Ngày đăng: 05/01/2019")]}, "2019-01-05", ""),
        (
            {
                "header": [D("Ngày đăng: 01/06/2020")],
                "lead": "Ngày 12/9/2017, Trung tâm tổ chức lớp tập huấn.",
            },
            "2020-06-01",
            "ngày chuyển dữ liệu",
        ),
        (
            {
                "header": [D("Ngày đăng: 01/06/2020")],
                "lead": "Ngày 05/06/2020, Trung tâm sẽ tổ chức hội chợ.",
            },
            "2020-06-01",
            "sau ngày đăng",
        ),
        (
            {
                "header": [D("Ngày đăng: 04/03/2011")],
                "markup": [dating.iso_date("2011-03-09T08:00:00+07:00")],
            },
            "2011-03-04",
            "hai ngày khác nhau",
        ),
        ({"header": [D("Ngày đăng: 04/03/2027")]}, "2027-03-04", "sau hôm nay"),
        ({"lead": "Ngày 24/02/2017, Trung tâm tổ chức họp."}, "2017-02-24", "ngày của sự việc"),
        (
            {"paragraphs": ["Tháng 01/2022, Trung tâm tổ chức hội nghị."]},
            "2022-01",
            "sự việc mở đầu",
        ),
        (
            {"lead": "Ngày 12/7/2021, UBND tỉnh ban hành Quyết định số 1886."},
            "2021-07-12",
            "ngày của văn bản",
        ),
        (
            {"lead": "Từ ngày 19 đến 21/8/2019, Trung tâm tổ chức tập huấn."},
            "2019-08-21",
            "ngày cuối của đợt",
        ),
        (
            {
                "lead": "Ngày 24/02/2017, Trung tâm tổ chức họp.",
                "elsewhere": [(D("Cập nhật: 02/03/2017"), "Cập nhật: 02/03/2017")],
            },
            "2017-02-24",
            "trang còn ghi",
        ),
        (
            {
                "lead": "Ngày 24/02/2017, Trung tâm tổ chức họp.",
                "unparsed": ["Đăng ngày 24/02/2017 theo lịch"],
            },
            "2017-02-24",
            "trang còn ghi",
        ),
        (
            {"elsewhere": [(D("Cập nhật: 22/07/2014 16:45"), "Cập nhật: 22/07/2014 16:45")]},
            "2014-07-22T16:45:00+07:00",
            "không nằm ngay dưới tiêu đề",
        ),
        (
            {"paragraphs": ["Đoàn làm việc từ 17- 18/5/2018 tại tỉnh Long An."]},
            "2018-05",
            "tạm ghi tháng",
        ),
        ({"years": [(2015, "Năm 2015")]}, "2015-01", "chỉ biết năm 2015"),
        (
            {"paragraphs": ["Kế hoạch khuyến công năm 2014 và năm 2015."]},
            "2015-01",
            "chỉ biết năm 2015",
        ),
        ({"page": [dating.iso_date("2026-03-09T14:05:00+07:00")]}, "2026-03-09T14:05:00+07:00", ""),
    ],
)
def test_choosing_the_date(kw, text, noted):
    choice = dates(**kw)
    assert choice.date.text == text
    assert (noted in choice.note) if noted else choice.note == ""


def test_no_date_at_all_and_its_placeholder():
    assert dates().date is None
    today = date(2026, 10, 3)
    assert pipeline.placeholder_date(today, ["Đồng Nai"], VOCAB).text == "2026-10"
    assert pipeline.placeholder_date(today, ["Bình Thuận"], VOCAB).text == "2025-06"
    assert pipeline.placeholder_date(date(2024, 5, 2), ["Bình Thuận"], VOCAB).text == "2024-05"


# ==================================================================== province, category


def provinces(title="", lead="", body="", site=None, moment="2020-01"):
    from site_plugins.frontmatter import parse_date

    m = parse_date(moment).moment if moment else None
    return guesses.propose_provinces({"title": title, "lead": lead, "body": body}, VOCAB, m, site)


def test_provinces_with_the_sites_evidence():
    # The site's province confirms the one the article names; one passing mention is dropped.
    names, why = provinces(
        lead="Trung tâm Khuyến công tỉnh Hà Giang hỗ trợ.",
        body="Bán ở Hà Nội.",
        site=("Hà Giang", "Sở Công Thương Hà Giang"),
    )
    assert (names, why) == (["Hà Giang"], "")
    names, why = provinces(lead="Trung tâm Khuyến công tỉnh Hà Giang hỗ trợ.", body="Bán ở Hà Nội.")
    assert names == ["Hà Giang", "Hà Nội"] and "nhiều tỉnh" in why
    # No province in the text: the site's, flagged.
    names, why = provinces(body="Hợp tác xã chè đầu tư máy.", site=("Nghệ An", "sct.nghean.gov.vn"))
    assert names == ["Nghệ An"] and "theo trang nguồn" in why
    names, why = provinces(body="Hợp tác xã chè đầu tư máy.")
    assert names == [] and "không thấy tên tỉnh" in why


def test_the_province_of_a_site():
    assert (
        guesses.site_province(["SỞ CÔNG THƯƠNG TỈNH BÌNH ĐỊNH"], "", VOCAB, None)[0] == "Bình Định"
    )
    assert guesses.site_province([], "https://sct.dongnai.gov.vn/x", VOCAB, None) == (
        "Đồng Nai",
        "sct.dongnai.gov.vn",
    )
    assert guesses.site_province([], "https://baobacgiang.vn/x", VOCAB, None)[0] == "Bắc Giang"
    assert (
        guesses.site_province([], "https://khuyencong.quangnam.gov.vn/", VOCAB, None)[0]
        == "Quảng Nam"
    )
    assert guesses.site_province([], "https://example.com/", VOCAB, None) is None


@pytest.mark.parametrize(
    ("sections", "labels", "name", "noted"),
    [
        (
            {"title": "Hỗ trợ cơ sở cơ khí đầu tư máy cắt"},
            ["Chương trình, đề án"],
            "Chương trình – Đề án",
            "",
        ),
        (
            {"title": "Tập huấn kỹ năng quản trị"},
            ["Chương trình, đề án"],
            "Chương trình – Đề án",
            "trang cũ xếp bài vào mục",
        ),
        ({"title": "Tập huấn kỹ năng quản trị"}, ["Tin hoạt động"], "Đào tạo – Tập huấn", ""),
        ({"title": "Đồng Nai và Bình Thuận ký kết hợp tác"}, [], None, "không nhận ra chuyên mục"),
        ({"title": "Tập huấn cộng tác viên khuyến công"}, [], None, "ngang nhau"),
    ],
)
def test_category_with_the_pages_section(sections, labels, name, noted):
    sections = {"title": "", "lead": "", "body": ""} | sections
    got, why = guesses.propose_category(sections, VOCAB, labels)
    assert got in {c.name for c in VOCAB.categories}
    if name:
        assert got == name
    assert (noted in why) if noted else why == ""


# ============================================================================ authors


def test_authors_and_sources():
    lead = pipeline.Lead()
    page = Page([], True, meta_titles=["Báo Bắc Giang điện tử"], address="https://baobacgiang.vn/a")
    header = pipeline.Header(byline=sig.parse_byline("Hoàng Nam"))
    credits = pipeline.choose_authors(header, pipeline.Signature(), lead, page)
    assert credits.authors == ["Hoàng Nam"]
    assert credits.sources == [{"name": "Báo Bắc Giang", "url": "https://baobacgiang.vn/a"}]
    # A reprint with no byline is signed with its source (as seed 004 is).
    signature = pipeline.Signature(source={"name": "Báo Trà Vinh"})
    credits = pipeline.choose_authors(pipeline.Header(), signature, lead, None)
    assert (credits.authors, credits.author_note) == (["Báo Trà Vinh"], "")
    # No byline at all: the site's unit, flagged; with no site, a flagged placeholder.
    page = Page([], True, site_names=["Sở Công Thương Hà Giang"])
    credits = pipeline.choose_authors(pipeline.Header(), pipeline.Signature(), lead, page)
    assert (
        credits.authors == ["Sở Công Thương Hà Giang"]
        and "không có dòng ký tên" in credits.author_note
    )
    credits = pipeline.choose_authors(pipeline.Header(), pipeline.Signature(), lead, None)
    assert credits.authors == [pipeline.UNKNOWN_AUTHOR] and credits.author_note


# ============================================================================== body


def test_body_items_and_their_markdown():
    a, b = Photo("a.jpg", name="a.jpg"), Photo("https://x.vn/b.jpg", url="https://x.vn/b.jpg")
    a.local = Path("a.jpg")
    found: list[Photo] = []
    items = body_items(
        [
            p("Đoạn một của bài."),
            Block("", kind="img", photo=a),
            p("Toàn cảnh hội nghị", italic=True, after_image=True),
            Block("Kết quả nổi bật", kind="heading", level=3),
            Block("", kind="img", photo=b),
            p("Đoàn chụp ảnh lưu niệm", kind="caption"),
            p("Mục một;", kind="ol", number=1),
            p("Mục hai.", kind="ol", number=2),
        ],
        structured=True,
        photos=found,
    )
    assert [(i.kind, i.lines, i.photo) for i in items] == [
        ("p", ["Đoạn một của bài."], None),
        ("photo", ["Toàn cảnh hội nghị"], 0),
        ("heading", ["Kết quả nổi bật"], None),
        ("photo", ["Đoàn chụp ảnh lưu niệm"], 1),
        ("ol", ["Mục một;"], None),
        ("ol", ["Mục hai."], None),
    ]
    assert [i.number for i in items if i.kind == "ol"] == [1, 2]
    assert found == [a, b]
    text = markdown(items, found, {0: "anh/a.jpg"})
    assert text == (
        "Đoạn một của bài.\n\n"
        "/// html | figure.kc-photo\n![](anh/a.jpg)\n///\n\n"
        "/// caption\nToàn cảnh hội nghị\n///\n\n"
        "## Kết quả nổi bật\n\n"
        "/// html | figure.kc-photo\n///\n\n"  # only online: the caption stays, the photo is listed
        "/// caption\nĐoàn chụp ảnh lưu niệm\n///\n\n"
        "1. Mục một;\n2. Mục hai.\n"
    )
    lone = [Item("photo", [], photo=0)]
    assert markdown(lone, [b], {}) == ""  # an online photo with no caption leaves nothing


def test_photo_descriptions():
    photo = Photo("x/tap-huan-1.jpg", alt="tap-huan-1", name="tap-huan-1.jpg")
    photo.local = Path("x")
    assert markdown([Item("photo", [], photo=0)], [photo], {0: "anh/tap-huan-1.jpg"}).startswith(
        "/// html | figure.kc-photo\n![](anh/tap-huan-1.jpg)"  # a file name is no description
    )
    photo.alt = "Máy chẻ nan [tự động]"
    assert "![Máy chẻ nan \\[tự động\\]](anh/tap-huan-1.jpg)" in markdown(
        [Item("photo", [], photo=0)], [photo], {0: "anh/tap-huan-1.jpg"}
    )


# ============================================================================== photos


def test_safe_names_and_image_types():
    assert photos.safe_name("Tập huấn 2.JPG") == "tap-huan-2.jpg"
    assert photos.safe_name("Ảnh hội chợ.jpeg") == "anh-hoi-cho.jpg"
    assert photos.safe_name("ảnh") == "anh.jpg"
    assert photos.safe_name("..png") == "anh.png"
    assert photos.image_type(b"\xff\xd8\xff\xe0") == ".jpg"
    assert photos.image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ".webp"
    assert photos.image_type(b"<html>") is None


def test_resolving_photos(tmp_path):
    saved = tmp_path / "Trang chi tiết_files"
    saved.mkdir()
    (saved / "Ảnh 1.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (saved / "gia.jpg").write_bytes(b"<html>not an image</html>")

    def resolved(src, base=""):
        photo = photos.resolve(Photo(src), tmp_path, base)
        return (photo.local.name if photo.local else None, photo.url, photo.name)

    assert resolved("Trang%20chi%20ti%E1%BA%BFt_files/%E1%BA%A2nh%201.jpg") == (
        "Ảnh 1.jpg",
        "",
        "anh-1.jpg",
    )
    assert resolved("./Trang chi tiết_files/Ảnh 1.jpg?v=2") == ("Ảnh 1.jpg", "", "anh-1.jpg")
    assert resolved("file:///C:/Users/a/Trang chi tiết_files/Ảnh 1.jpg") == (
        "Ảnh 1.jpg",
        "",
        "anh-1.jpg",
    )
    assert resolved("Trang chi tiết_files/gia.jpg") == (None, "Trang chi tiết_files/gia.jpg", "")
    assert resolved("/uploads/b.jpg", "https://sct.vn/tin/a.html") == (
        None,
        "https://sct.vn/uploads/b.jpg",
        "",
    )
    assert resolved("/uploads/b.jpg") == (None, "/uploads/b.jpg", "")
    assert resolved("//cdn.vn/b.jpg") == (None, "https://cdn.vn/b.jpg", "")
    assert resolved("../../etc/passwd") == (None, "../../etc/passwd", "")
    # A photo outside the page's folder is never copied (only listed), even if it exists.
    outside = tmp_path.parent / "ngoai.jpg"
    outside.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    assert resolved("../ngoai.jpg") == (None, "../ngoai.jpg", "")


def test_placing_photos_never_overwrites(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    one, two = source / "a.jpg", source / "b.jpg"
    one.write_bytes(b"\xff\xd8\xff one")
    two.write_bytes(b"\xff\xd8\xff two")
    folder = tmp_path / "2019"
    (folder / "anh").mkdir(parents=True)
    (folder / "anh" / "hoi-thao.jpg").write_bytes(b"someone else's photo")
    taken = [Photo("a", local=one, name="hoi-thao.jpg"), Photo("b", local=two, name="hoi-thao.jpg"),
             Photo("c", local=one, name="hoi-thao.jpg"), Photo("d", url="https://x/d.jpg")]  # fmt: skip
    paths, created = photos.place(taken, folder)
    assert paths == {0: "anh/hoi-thao-2.jpg", 1: "anh/hoi-thao-3.jpg", 2: "anh/hoi-thao-2.jpg"}
    assert (folder / "anh" / "hoi-thao.jpg").read_bytes() == b"someone else's photo"
    assert (folder / "anh" / "hoi-thao-3.jpg").read_bytes() == two.read_bytes()
    assert [c.name for c in created] == ["hoi-thao-2.jpg", "hoi-thao-3.jpg"]
    # The same photos again (a second import of the article): the files are reused.
    paths, created = photos.place(taken[:2], folder)
    assert paths == {0: "anh/hoi-thao-2.jpg", 1: "anh/hoi-thao-3.jpg"} and created == []
    assert not [f for f in (folder / "anh").iterdir() if f.name.startswith(".kc-")]


def test_the_note_for_photos_only_online():
    taken = [
        Photo("a", local=Path("a"), name="a.jpg"),
        Photo("/u/b.jpg", url="https://x.vn/u/b.jpg"),
    ]
    note = photos.online_note(
        taken, {1: "Toàn cảnh hội nghị tổng kết công tác khuyến công năm 2023 của tỉnh"}
    )
    assert note.startswith(
        "bài gốc có 1 ảnh không có trong thư mục đã lưu, chỉ có trên mạng: 1) https://x.vn/u/b.jpg"
    )
    assert "(chú thích: 'Toàn cảnh hội nghị tổng kết công tác khuyến công năm 2023…')" in note
    assert photos.online_note(taken[:1], {}) == ""


# ========================================================================== duplicates


TEXT = (
    "Trong hai ngày 12 và 13/10/2022, Trung tâm Khuyến công tổ chức lớp tập huấn nâng cao "
    "năng lực cho 50 cộng tác viên khuyến công cấp huyện, xã trên địa bàn tỉnh. Tại lớp tập "
    "huấn, các học viên được phổ biến Nghị định số 45/2012/NĐ-CP về khuyến công."
)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (TEXT, True),
        (TEXT.replace(" ", "  ").replace(". ", ".\n\n"), True),  # spacing, line breaks
        (__import__("unicodedata").normalize("NFD", TEXT), True),  # decomposed
        (TEXT.replace("hòa", "hoà").upper(), True),  # case
        (
            "/// html | figure.kc-photo\n![](anh/a.jpg)\n///\n\n"
            + TEXT.replace("Nghị định", "**Nghị định**")
            + "\n\n/// caption\nẢnh\n///",
            True,
        ),
        (TEXT + " Thêm một câu ngắn ở cuối bài.", True),
        (TEXT.replace("tập huấn", "hội nghị").replace("cộng tác viên", "doanh nghiệp"), False),
        (
            "Một bài viết hoàn toàn khác về hội chợ hàng công nghiệp nông thôn tiêu biểu năm 2022 tại tỉnh.",
            False,
        ),
    ],
)
def test_the_same_text_whatever_its_form(other, same):
    index = duplicates.DuplicateIndex()
    index.add(duplicates.Fingerprint.of(TEXT), "bai-a")
    found = index.find(duplicates.Fingerprint.of(duplicates.markdown_text(other)))
    assert (found == "bai-a") is same


def test_short_texts_are_not_compared():
    assert duplicates.Fingerprint.of("Quá ngắn để so sánh.") is None
    assert duplicates.DuplicateIndex().find(None) is None


# ============================================================================== reading


def test_reading_a_saved_page_in_chunks(tmp_path, monkeypatch):
    from site_plugins.importer import reading

    monkeypatch.setattr(reading, "CHUNK", 7)  # chunks that cut characters and CR LF in two
    page = tmp_path / "a.html"
    page.write_bytes("<p>Hội nghị\r\nkhuyến công</p>\r\n<p>Đoạn hai</p>".encode())
    assert "".join(html_chunks(page)) == "<p>Hội nghị\nkhuyến công</p>\n<p>Đoạn hai</p>"
    page.write_bytes(cp1258_bytes("<p>Hội nghị</p>"))  # tones decomposed: NFC line by line
    assert nfc("".join(html_chunks(page))) == "<p>Hội nghị</p>"
    assert read_page(html_chunks(page), page).blocks[0].text == "Hội nghị"
    page.write_bytes("<p>Hội nghị</p>".encode("utf-16"))
    assert "".join(html_chunks(page)) == "<p>Hội nghị</p>"


def test_an_oversized_file_stops_with_a_clear_message(tmp_path, monkeypatch):
    from site_plugins.importer import htmlpage, reading

    monkeypatch.setattr(reading, "MAX_HTML_BYTES", 1000)
    monkeypatch.setattr(reading, "MAX_TEXT_BYTES", 1000)
    big = tmp_path / "trang.html"
    big.write_text("<p>" + "chữ " * 500 + "</p>", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"tệp quá lớn \(0 MB\)"):
        html_chunks(big)
    text = tmp_path / "bai.txt"
    text.write_text("chữ " * 500, encoding="utf-8")
    with pytest.raises(ImportFailure, match="quá lớn .* cho một bài viết"):
        reading.read_legacy(text)
    monkeypatch.setattr(htmlpage, "MAX_TEXT_CHARS", 100)
    with pytest.raises(ImportFailure, match="không phải một bài viết"):
        read_page(["<p>" + "chữ " * 100 + "</p>"], big)


# ========================================================================= review marks


def test_review_marks_of_a_file():
    text = (
        "---\n"
        'title: "Hội nghị # CẦN KIỂM TRA trong tiêu đề"\n'
        "date: 2015-01  # CẦN KIỂM TRA: chỉ biết năm 2015\n"
        "province: Bến Tre\n"
        'category: ""  # CẦN KIỂM TRA: chọn chuyên mục\n'
        "draft: true  # CẦN KIỂM TRA: bài nhập tự động\n"
        "---\n\nNội dung # CẦN KIỂM TRA: không phải phần đầu.\n"
    )
    draft, marks = review.review_marks(text)
    assert draft is True
    assert [(m.line, m.field, m.reason) for m in marks] == [
        (3, "date", "chỉ biết năm 2015"),
        (5, "category", "chọn chuyên mục"),
        (6, "draft", "bài nhập tự động"),
    ]
    assert review.review_marks("---\ntitle: x\n---\nbody\n") == (False, [])
    assert review.review_marks("không có phần đầu # CẦN KIỂM TRA: x") == (False, [])


def test_review_warnings_and_their_report():
    files = [
        (
            "content/tin-tuc/2015/b.md",
            "---\ntitle: x\ndate: 2015-01  # CẦN KIỂM TRA: năm\ndraft: true  # CẦN KIỂM TRA: nháp\n---\n",
        ),
        (
            "content/tin-tuc/2011/a.md",
            "---\ntitle: y\nauthor: L.D  # CẦN KIỂM TRA: viết tắt\n---\n",
        ),
        ("content/tin-tuc/2020/c.md", "---\ntitle: z\n---\n"),
    ]
    warnings = review.review_warnings(files)
    assert [(w.path, w.draft, len(w.marks)) for w in warnings] == [
        ("content/tin-tuc/2015/b.md", True, 2),
        ("content/tin-tuc/2011/a.md", False, 1),
    ]
    lines = review.review_report(warnings)
    assert lines[0] == (
        "content/tin-tuc/2015/b.md:3: cảnh báo: bản nháp nhập từ bài cũ còn 2 chỗ CẦN KIỂM TRA: "
        "'date' (dòng 3), 'draft' (dòng 4). Cách sửa: kiểm tra từng trường, xóa ghi chú "
        "'# CẦN KIỂM TRA: …' rồi xóa dòng 'draft: true' để đăng."
    )
    assert lines[1].startswith(
        "content/tin-tuc/2011/a.md:3: cảnh báo: bài đã bỏ 'draft' nhưng còn 1 chỗ"
    )
    assert lines[2] == (
        "Cảnh báo: 2 bài còn 3 chỗ CẦN KIỂM TRA (1 bài là bản nháp, chưa được đăng); "
        "đây là cảnh báo, không phải lỗi."
    )
    assert (
        warnings[0]
        .annotation()
        .startswith(
            "::warning file=content/tin-tuc/2015/b.md,line=3,title=Bài còn chỗ cần kiểm tra::bản nháp"
        )
    )
    assert review.review_report([]) == []


# =============================================================================== tables


def test_data_tables_and_layout_tables():
    page = page_of(
        "<p>Kế hoạch như sau:</p><table><tr><th>Nội dung</th><th>Kinh phí</th></tr>"
        "<tr><td>Máy <b>móc</b></td><td>1.600</td></tr><tr><td>Đào tạo</td><td>500</td></tr></table>"
        # A photo with its caption in a one-column table: not data.
        '<table class="tbl-image"><tr><td><img src="a.jpg"></td></tr>'
        '<tr><td class="image-desc">Toàn cảnh hội nghị</td></tr></table>'
        # A layout table: a table in a table, long paragraphs in cells.
        "<table><tr><td>Trái</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td>"
        "<td>d</td></tr></table><p>"
        + "Một đoạn văn rất dài của bài viết. " * 10
        + "</p></td></tr></table>"
    )
    kinds = [(b.kind, b.text) for b in page.blocks]
    assert kinds[:2] == [
        ("p", "Kế hoạch như sau:"),
        ("table", "Nội dung | Kinh phí | Máy móc | 1.600 | Đào tạo | 500"),
    ]
    table = page.blocks[1]
    assert table.rows == [["Nội dung", "Kinh phí"], ["Máy móc", "1.600"], ["Đào tạo", "500"]]
    assert table.header_row
    assert [k for k, _ in kinds[2:4]] == ["img", "caption"]
    # The inner 2×2 table of the layout table is data; the outer one is not.
    assert [k for k, _ in kinds[4:]] == ["p", "table", "p"]


def test_a_table_in_the_markdown_is_escaped_html():
    import markdown as python_markdown

    item = Item(
        "table",
        ["a | b"],
        rows=[["Nội dung", "<b>Kinh phí</b> & thuế"], ["Máy", "1.600"]],
        header_row=True,
    )
    text = markdown([item], [], {})
    assert text == (
        '<table class="kc-table">\n<tr><th>Nội dung</th><th>&lt;b&gt;Kinh phí&lt;/b&gt; &amp; thuế</th></tr>\n'
        "<tr><td>Máy</td><td>1.600</td></tr>\n</table>\n"
    )
    html = python_markdown.markdown("Đoạn.\n\n" + text, extensions=["attr_list", "md_in_html"])
    assert '<table class="kc-table">' in html and "&lt;b&gt;Kinh phí" in html and "<b>" not in html
