"""The front-matter reader: valid forms are read and normalised; every mistake becomes one
Vietnamese problem naming file, line and field, all reported at once."""

from __future__ import annotations

import unicodedata

import pytest

from site_plugins.frontmatter import decode, parse_date, read_article
from site_plugins.model import Precision
from site_plugins.vocab import load_vocabulary
from tests.conftest import article

VOCAB = load_vocabulary()
PATH = "tin-tuc/2024/x.md"


def read(text: str):
    return read_article(PATH, text, VOCAB, "content/" + PATH)


def problems(text: str) -> list[tuple[int | None, str | None, str]]:
    art, found = read(text)
    assert art is None or not found
    return [(p.line, p.field, p.format()) for p in found]


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2022-01", "2022-01", Precision.MONTH),
        ("2017-02-24", "2017-02-24", Precision.DAY),
        ("2011-09-16 09:12", "2011-09-16T09:12:00+07:00", Precision.MINUTE),
        ("2011-09-16T09:12:00+07:00", "2011-09-16T09:12:00+07:00", Precision.MINUTE),
        ("2011-09-16T02:12:00Z", "2011-09-16T09:12:00+07:00", Precision.MINUTE),
        ("2011-09-16T09:12+0700", "2011-09-16T09:12:00+07:00", Precision.MINUTE),
        ("2024-02-29", "2024-02-29", Precision.DAY),
    ],
)
def test_dates_are_read_in_vietnam_time_at_their_precision(text, iso, precision):
    date = parse_date(text)
    assert date.iso() == iso and date.precision is precision
    assert date.moment.utcoffset().total_seconds() == 7 * 3600


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2022-02-30", "tháng 2/2022 không có ngày 30"),
        ("2023-02-29", "tháng 2/2023 không có ngày 29"),
        ("2022-13", "không có tháng 13"),
        ("2022-00-10", "không có tháng 0"),
        ("2022-01-01 25:00", "không có giờ 25:00"),
        ("16/09/2011", "không đúng dạng năm-tháng-ngày"),
        ("hôm qua", "không đúng dạng năm-tháng-ngày"),
    ],
)
def test_impossible_dates_are_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_a_valid_article_is_read_and_normalised():
    nfd_title = unicodedata.normalize("NFD", "Hội nghị Ðà Nẵng")  # NFD and U+00D0
    art, found = read(
        article(
            title=nfd_title,
            province="[BR-VT, Thanh Hoá, binh duong]",
            tags="[tập huấn, CNNT]",
            author="[Ngân Trần, {name: Anh Dũng, organization: TTKC}]",
            source="Báo Công Thương",
            date="2021-06-30",
        )
    )
    assert found == []
    assert art.title == "Hội nghị Đà Nẵng" and unicodedata.is_normalized("NFC", art.title)
    assert [p.display_name for p in art.provinces] == [
        "Bà Rịa – Vũng Tàu",
        "Thanh Hóa",
        "Bình Dương",
    ]
    assert [p.unit.name for p in art.provinces] == ["Hồ Chí Minh", "Thanh Hóa", "Hồ Chí Minh"]
    assert art.province.now_part_of == "Hồ Chí Minh"
    assert art.provinces[1].now_part_of is None
    assert [(a.name, a.organization) for a in art.authors] == [
        ("Ngân Trần", None),
        ("Anh Dũng", "TTKC"),
    ]
    assert art.sources[0].name == "Báo Công Thương"
    assert art.slug == "x"  # the file name, when it is already a slug
    assert art.body.strip() == "Nội dung bài viết."


def test_slug_comes_from_the_title_when_the_file_name_is_not_a_slug():
    art, _ = read_article("tin-tuc/2024/Bài Mới.md", article(title="Đào tạo nghề ở Đắk Lắk"), VOCAB)
    assert art.slug == "dao-tao-nghe-o-dak-lak"


def test_article_after_the_merger_belongs_to_todays_unit():
    art, found = read(article(date="2025-07-01", province="Đắk Lắk"))
    assert not found and art.province.former is None and art.province.unit.name == "Đắk Lắk"


@pytest.mark.parametrize(
    ("text", "line", "field", "needle"),
    [
        (article(title=None), 1, "title", "bắt buộc nhưng đang thiếu"),
        (article(author="''"), 6, "author", "bắt buộc"),
        (article(province="Atlantis"), 4, "province", "không có tỉnh/thành 'Atlantis'"),
        (article(province="Binh Duog"), 4, "province", "Có phải ý bạn là 'Bình Dương'"),
        (article(province="Dak Lac", date="2011-01-01"), None, None, None),
        (
            article(province="Bình Dương", date="2025-08-01"),
            4,
            "province",
            "'Bình Dương' không còn là đơn vị hành chính từ 1/7/2025 (đã nhập vào Hồ Chí Minh)",
        ),
        (article(category="Hoi nghi tong ket"), None, None, None),
        (article(category="Hội thỏa"), 5, "category", "không có chuyên mục 'Hội thỏa'"),
        (article(title="'<script>alert(1)</script>'"), 2, "title", "có mã HTML"),
        (article(tags="[a, '<b>x</b>']"), 7, "tags[2]", "'<b>x</b>' có mã HTML"),
        (article(slug="../etc"), 7, "slug", "'../etc' không hợp lệ"),
        (article(slug="a/b"), 7, "slug", "không hợp lệ"),
        (article(draft="'có'"), 7, "draft", "phải là true hoặc false"),
        (article(tittle="x"), 7, "tittle", "Có phải ý bạn là 'title'?"),
        (article(updated="2020-01-01"), 7, "updated", "ngày cập nhật sớm hơn ngày đăng"),
        (article(source="{name: X, url: 'javascript:alert(1)'}"), 7, "source.url", "không hợp lệ"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "title", "khai báo hai lần (dòng 2 và dòng 3)"),
        ("---\ntitle: Hội nghị: tổng kết\n---\n", 2, None, "dấu hai chấm ':' trong giá trị"),
        ('---\ntitle: "Hội nghị\ndate: 2024-01-01\n---\n', 2, None, "ngoặc kép"),
        ("---\n- a\n- b\n---\n", 2, None, "phải là danh sách các trường"),
        ("Chỉ có nội dung\n", 1, None, "không có phần đầu (front-matter)"),
        ("---\ntitle: x\n", 1, None, "không có phần đầu"),
    ],
)
def test_each_mistake_is_one_clear_problem(text, line, field, needle):
    found = problems(text)
    if needle is None:
        assert found == []
        return
    matching = [f for f in found if needle in f[2]]
    assert matching, found
    got_line, got_field, message = matching[0]
    assert got_field == field
    if line is not None:
        assert got_line == line
    assert message.startswith(f"content/{PATH}:")
    assert "Cách sửa:" in message or "Có phải" in message


def test_all_problems_of_a_file_are_reported_together():
    found = problems(
        article(date="2022-02-30", province="Atlantis", category="Không có", author=None)
    )
    assert {f for _, f, _ in found} == {"date", "province", "category", "author"}


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeff" + article(),
        article().replace("\n", "\r\n"),
        unicodedata.normalize("NFD", article()),
    ],
    ids=["bom", "crlf", "nfd"],
)
def test_bom_crlf_and_nfd_files_are_read(raw):
    art, found = read(decode(raw.encode("utf-8")))
    assert found == [] and art.title == "Hội nghị khuyến công"
