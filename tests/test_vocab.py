"""Vocabularies: every spelling in the wild finds its unit; old provinces are filed under
today's unit while keeping their name; unknown names get close suggestions."""

from __future__ import annotations

from datetime import datetime

import pytest

from site_plugins.model import VN_TZ
from site_plugins.vocab import load_vocabulary, lookup_key

VOCAB = load_vocabulary()
BEFORE = datetime(2020, 1, 1, tzinfo=VN_TZ)
AFTER = datetime(2025, 7, 1, tzinfo=VN_TZ)


def test_counts():
    assert len(VOCAB.provinces) == 34 and len(VOCAB.former) == 63
    assert len(VOCAB.categories) >= 8


@pytest.mark.parametrize(
    ("written", "shown", "unit"),
    [
        ("Bà Rịa – Vũng Tàu", "Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("BR-VT", "Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("ba ria vung tau", "Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("Tỉnh Bình Dương", "Bình Dương", "Hồ Chí Minh"),
        ("Binh Duong", "Bình Dương", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("Đăk Lăk", "Đắk Lắk", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk", "Đắk Lắk"),
        ("dak lak", "Đắk Lắk", "Đắk Lắk"),
        ("Ðắk Lắk", "Đắk Lắk", "Đắk Lắk"),  # U+00D0 written for Đ
        ("Phú Yên", "Phú Yên", "Đắk Lắk"),
        ("Thừa Thiên Huế", "Huế", "Huế"),
        ("Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
        ("Long An", "Long An", "Tây Ninh"),
        ("Hậu Giang", "Hậu Giang", "Cần Thơ"),
        ("Hà Giang", "Hà Giang", "Tuyên Quang"),
        ("Quảng Nam", "Quảng Nam", "Đà Nẵng"),
        ("Quảng Bình", "Quảng Bình", "Quảng Trị"),
    ],
)
def test_old_articles_keep_the_old_name_and_belong_to_todays_unit(written, shown, unit):
    match = VOCAB.province(written, BEFORE)
    assert match.ref is not None, written
    assert match.ref.display_name == shown
    assert match.ref.unit.name == unit


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("Daklak", "Đắk Lắk"),
        ("thanh hoa", "Thanh Hóa"),
    ],
)
def test_new_articles_use_todays_units(written, unit):
    match = VOCAB.province(written, AFTER)
    assert match.ref.unit.name == unit and match.ref.former is None


@pytest.mark.parametrize(
    ("written", "became"), [("Bình Dương", "Hồ Chí Minh"), ("Hà Nam", "Ninh Bình")]
)
def test_dissolved_units_are_refused_after_the_merger(written, became):
    match = VOCAB.province(written, AFTER)
    assert match.ref is None and match.dissolved.became == became


def test_merged_units_name_their_former_units():
    hcm = VOCAB.province_by_name["Hồ Chí Minh"]
    assert set(hcm.merged_from) == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"}
    # Vietnamese alphabetical order: Bà Rịa, Bình Dương, Hồ Chí Minh.
    assert hcm.merged_from == ("Bà Rịa – Vũng Tàu", "Bình Dương", "Hồ Chí Minh")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Binh Duog", "Bình Dương"),
        ("Dak Nong", None),
        ("Quang Ngai", None),
        ("Đồng Nay", "Đồng Nai"),
    ],
)
def test_suggestions(written, expected):
    if expected is None:  # a valid name is found directly
        assert VOCAB.province(written, BEFORE).ref is not None
    else:
        assert VOCAB.province(written, BEFORE).ref is None
        assert VOCAB.suggest_province(written)[0] == expected


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Hội nghị – Tổng kết", "hoi-nghi-tong-ket"),
        ("hoi nghi", "hoi-nghi-tong-ket"),
        ("CCN", "cum-cong-nghiep"),
        ("Đào tạo - Tập huấn", "dao-tao-tap-huan"),
        ("cum-cong-nghiep", "cum-cong-nghiep"),
    ],
)
def test_categories(written, slug):
    assert VOCAB.category(written).slug == slug


def test_category_suggestion():
    assert VOCAB.category("Cum cong nghiep moi") is None
    assert VOCAB.suggest_category("Cụm công nghiêp")[0] == "Cụm công nghiệp"


def test_lookup_key_drops_prefixes_and_punctuation():
    assert lookup_key("TP. Hồ Chí Minh") == lookup_key("Hồ Chí Minh") == "ho chi minh"
    assert lookup_key("Tỉnh Bà Rịa - Vũng Tàu") == "ba ria vung tau"
