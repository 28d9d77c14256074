"""Deterministic generator of synthetic khuyến công news articles (benchmarks and tests).

    python scripts/synthetic.py N DEST_CONTENT_DIR [--seed S]

writes N article files ``DEST_CONTENT_DIR/tin-tuc/<year>/<slug>.md`` that are valid against
the portal's vocabularies (``site_plugins/data/categories.yml`` and ``provinces.yml``):

- dates from 2010-01 to 2026-10, mostly ``YYYY-MM-DD``, some month-only ``YYYY-MM`` and some
  ``YYYY-MM-DD HH:MM``;
- provinces: one, sometimes two or three; articles dated before the 2025 merger name former
  provinces (sometimes with a usual variant spelling: "BR-VT", "TP.HCM", "Đăk Lăk",
  "Thanh Hoá"), later ones the current units;
- category: an exact name from the catalogue; author(s) from a pool of ~200 names, sometimes two,
  sometimes with an organization; 1-4 tags from a pool of ~300; summary; sometimes ``source``;
- a title from templates per category, with place and year; a unique slug;
- a body of 300-700 words with headings, sometimes a numbered list or a photo block; about a
  third of the articles use the "new" tone placement (hoà, thuỷ, khoẻ), the rest the usual old
  one (hòa, thủy, khỏe).

The same seed gives byte-identical files. Only the standard library and PyYAML are used (the
portal's own modules are deliberately not imported: this must keep working while they change).
The generator never writes outside the content folder and never overwrites: it refuses to run
when ``<content>/tin-tuc`` already holds files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "site_plugins" / "data"
ARTICLES_DIR = "tin-tuc"

FIRST_DAY = date(2010, 1, 1)
LAST_DAY = date(2026, 10, 31)
MAX_SLUG = 80


# --------------------------------------------------------------------------------- vocabularies


@dataclass(frozen=True)
class Place:
    """A province-level unit of one era: display name, kind and front-matter spellings."""

    name: str
    kind: str  # "tỉnh" or "thành phố"
    variants: tuple[str, ...]  # other spellings the validator accepts

    @property
    def phrase(self) -> str:
        """How articles name it in running text: "tỉnh Đắk Lắk", "TP. Hồ Chí Minh"."""
        if self.name == "Hồ Chí Minh":
            return "TP. Hồ Chí Minh"
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Vocab:
    categories: tuple[str, ...]
    current: tuple[Place, ...]
    former: tuple[Place, ...]
    merger: date


def _places(entries: list[dict]) -> tuple[Place, ...]:
    places = []
    for entry in entries:
        name = unicodedata.normalize("NFC", str(entry["name"]))
        kind = str(entry.get("kind") or "tỉnh")
        variants = [unicodedata.normalize("NFC", str(a)) for a in entry.get("aliases") or []]
        # The other tone placement of names such as Thanh Hóa / Thanh Hoá, Khánh Hòa / Khánh Hoà.
        restyled = new_tone_style(name)
        if restyled != name:
            variants.append(restyled)
        if kind == "thành phố" and name != "Hồ Chí Minh":
            variants.append(f"TP. {name}")
        places.append(Place(name, kind, tuple(dict.fromkeys(v for v in variants if v != name))))
    return tuple(places)


def load_vocab(data_dir: Path = DATA_DIR) -> Vocab:
    with open(data_dir / "categories.yml", encoding="utf-8") as f:
        cats = yaml.safe_load(f)["categories"]
    with open(data_dir / "provinces.yml", encoding="utf-8") as f:
        prov = yaml.safe_load(f)
    merger = prov.get("merger_date") or date(2025, 7, 1)
    if not isinstance(merger, date):
        merger = date.fromisoformat(str(merger))
    return Vocab(
        categories=tuple(unicodedata.normalize("NFC", c["name"]) for c in cats),
        current=_places(prov["current"]),
        former=_places(prov["former"]),
        merger=merger,
    )


# ----------------------------------------------------------------------------- text helpers

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưy")
_WORD = re.compile(r"\w+")


def _restyle_word(word: str) -> str:
    """Old tone placement (hòa, thủy, khỏe) to new (hoà, thuỷ, khoẻ) for one word.

    Only open syllables ending in oa/oe/uy differ; "qu" is an onset (quý is unchanged).
    """
    if len(word) < 2:
        return word
    first = unicodedata.normalize("NFD", word[-2])
    second = word[-1]
    base, marks = first[0], first[1:]
    if base.lower() not in "ou" or len(marks) != 1 or marks not in _TONES:
        return word
    pair = base.lower() + second.lower()
    if pair not in ("oa", "oe", "uy"):
        return word
    prefix = word[:-2]
    if prefix:
        last = unicodedata.normalize("NFD", prefix[-1])[0].lower()
        if last in _VOWELS or (pair == "uy" and last == "q"):
            return word
    return prefix + base + unicodedata.normalize("NFC", second + marks)


def new_tone_style(text: str) -> str:
    """``text`` with the new-style tone placement in every oa/oe/uy open syllable."""
    return _WORD.sub(lambda m: _restyle_word(m.group(0)), text)


def slugify(text: str) -> str:
    """Lower-case ASCII slug: marks removed, đ→d, other characters to single hyphens."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_slug(text: str, limit: int = MAX_SLUG) -> str:
    slug = slugify(text) or "tin-khuyen-cong"
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0]
    return cut or slug[:limit]


def fmt_int(n: int) -> str:
    """3918 → "3.918" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def fmt_dec(x: float, digits: int = 1) -> str:
    """12.5 → "12,5" (decimal comma, thousands dot)."""
    whole, frac = f"{x:,.{digits}f}".split(".")
    return whole.replace(",", ".") + "," + frac


_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_PLAIN = re.compile(r"^[^\W\d_][\w .\-–()/+]*(?<! )$")


def yaml_scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain when that is unambiguous (also inside [..] and
    {..}), else double-quoted (JSON strings are valid YAML double-quoted scalars)."""
    if _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------- word pools

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lâm",
    "Mai",
    "Tạ",
    "Cao",
    "Lương",
    "Hà",
    "Châu",
    "Trịnh",
    "Kiều",
    "Quách",
    "Tô",
    "Thái",
    "La",
]
MIDDLE_MALE = [
    "Văn",
    "Hữu",
    "Minh",
    "Quốc",
    "Đức",
    "Thanh",
    "Công",
    "Xuân",
    "Anh",
    "Trọng",
    "Đình",
    "Ngọc",
    "Tuấn",
    "Hoàng",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thu",
    "Hồng",
    "Ngọc",
    "Kim",
    "Thanh",
    "Bích",
    "Minh",
    "Phương",
    "Mỹ",
    "Thúy",
    "Diệu",
    "Khánh",
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Kiên",
    "Long",
    "Luân",
    "Lực",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Hòa",
    "Tín",
    "Hưng",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hòa",
    "Hương",
    "Hường",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thủy",
    "Thúy",
    "Trang",
    "Trinh",
    "Vân",
    "Xuân",
    "Yến",
    "Hảo",
    "Tâm",
    "Thư",
    "Uyên",
    "Ánh",
]

REGIONS = (
    "miền núi phía Bắc",
    "đồng bằng sông Hồng",
    "Bắc Trung Bộ",
    "miền Trung và Tây Nguyên",
    "Nam Trung Bộ",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "đồng bằng sông Cửu Long",
)
CRAFTS = (
    "mây tre đan",
    "dệt thổ cẩm",
    "thêu ren",
    "gốm sứ",
    "sơn mài",
    "mộc mỹ nghệ",
    "đan lục bình",
    "làm nón lá",
    "chế biến nông sản",
    "may công nghiệp",
    "cơ khí sửa chữa",
    "dệt chiếu cói",
    "chạm khắc đá",
    "làm hương",
    "rèn",
    "đúc đồng",
    "làm bánh tráng",
    "chế biến thủy sản",
)
PRODUCTS = (
    "cà phê rang xay",
    "hạt điều rang muối",
    "nước mắm",
    "chè búp khô",
    "mật ong",
    "bánh tráng",
    "gạo hữu cơ",
    "tinh dầu quế",
    "hồ tiêu",
    "gốm mỹ nghệ",
    "bàn ghế gỗ",
    "khăn thổ cẩm",
    "nón lá",
    "chiếu cói",
    "rượu cần",
    "miến dong",
    "mắm tôm",
    "trà hoa vàng",
    "bánh pía",
    "kẹo dừa",
    "yến sào",
    "tương ớt",
    "đông trùng hạ thảo",
    "đồ gỗ mỹ nghệ",
    "tranh thêu tay",
    "tinh bột nghệ",
    "hạt mắc ca",
    "sầu riêng sấy",
    "xoài sấy dẻo",
    "chuối sấy",
    "mít sấy",
    "cà phê đặc sản",
    "muối tôm",
    "bánh đa",
    "mì gạo",
    "chả cá",
    "khô cá",
    "thủy sản đông lạnh",
    "trà túi lọc",
    "nhang trầm",
    "gạch không nung",
    "đá mỹ nghệ",
    "thảm xơ dừa",
    "viên nén mùn cưa",
    "giỏ mây xuất khẩu",
)
MACHINES = (
    "dây chuyền sấy nông sản",
    "máy rang cà phê",
    "lò sấy bằng năng lượng mặt trời",
    "máy ép viên nén",
    "hệ thống xử lý nước thải",
    "dây chuyền chế biến hạt điều",
    "máy cắt CNC",
    "lò nung gốm tiết kiệm năng lượng",
    "máy đóng gói tự động",
    "hệ thống cấp đông",
    "dây chuyền sản xuất gạch không nung",
    "máy dệt",
    "máy may công nghiệp",
    "máy chiết rót",
    "hệ thống điện mặt trời áp mái",
)
CCN_NAMES = (
    "Hòa Long",
    "Tân Phú",
    "Phú Mỹ",
    "Đức Hòa",
    "An Thạnh",
    "Long Phước",
    "Bình Châu",
    "Lộc An",
    "Tân Lập",
    "Thanh Bình",
    "Đông Hưng",
    "Yên Lập",
    "Nam Sách",
    "Quế Võ",
    "Đại Đồng",
    "Phú Lâm",
    "Hưng Đạo",
    "Tân Thành",
    "Kỳ Anh",
    "Cẩm Xuyên",
    "Ea Đar",
    "Krông Búk",
    "Hòa Phú",
    "Tâm Thắng",
    "Nhân Cơ",
    "Thuận An",
    "Mỹ Xuân",
    "Phước Đông",
    "Thạnh Phú",
    "Vĩnh Lộc",
    "Tân Mỹ",
    "Sơn Thủy",
    "Nghĩa Hòa",
    "Bình Minh",
    "Tam Phước",
    "Hòa Khánh",
    "Phú Túc",
    "Cát Nhơn",
    "Kim Bảng",
    "Thái Hòa",
)
LOCALITIES = (
    "Xuyên Mộc",
    "Krông Pắc",
    "Đức Trọng",
    "Châu Thành",
    "Tân Uyên",
    "Cẩm Mỹ",
    "Yên Thế",
    "Lục Ngạn",
    "Quảng Xương",
    "Nghi Lộc",
    "Đại Lộc",
    "Tuy An",
    "Mộ Đức",
    "Hòa Vang",
    "Cư Jút",
    "Bảo Lâm",
    "Tam Nông",
    "Cai Lậy",
    "Phụng Hiệp",
    "Mỹ Tú",
    "Hàm Thuận Bắc",
    "Ninh Phước",
    "Vạn Ninh",
    "Thủy Nguyên",
    "Kim Sơn",
    "Ý Yên",
    "Tiên Du",
    "Văn Lâm",
    "Mộc Châu",
    "Bắc Hà",
)
FIRM_NAMES = (
    "Thành Công",
    "Phú Thịnh",
    "Minh Phát",
    "Tân Phát",
    "Hưng Thịnh",
    "Đại Việt",
    "An Khang",
    "Phước Lộc",
    "Hoàng Gia",
    "Sao Mai",
    "Trường Sơn",
    "Bình An",
    "Hòa Phát Đạt",
    "Kim Ngân",
    "Thiên Phú",
    "Việt Hưng",
)
POSITIONS = (
    "Giám đốc Sở Công Thương",
    "Phó Giám đốc Sở Công Thương",
    "Giám đốc Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
    "Phó Giám đốc Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
    "Phó Giám đốc Trung tâm Khuyến công",
    "Trưởng phòng Quản lý công nghiệp",
    "Trưởng phòng Khuyến công",
    "Phó Trưởng phòng Tư vấn phát triển công nghiệp",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
)
SOURCES = (
    "Báo Công Thương",
    "Cổng thông tin điện tử Bộ Công Thương",
    "Tạp chí Công Thương",
    "Khuyến công Việt Nam",
    "Thông tấn xã Việt Nam",
)
SOURCE_HOSTS = ("https://congthuong.vn", "https://moit.gov.vn", "https://tapchicongthuong.vn")

GENERAL_TAGS = (
    "khuyến công",
    "khuyến công quốc gia",
    "khuyến công địa phương",
    "công nghiệp nông thôn",
    "CNNT",
    "cơ sở CNNT",
    "tiểu thủ công nghiệp",
    "làng nghề",
    "cộng tác viên khuyến công",
    "mạng lưới cộng tác viên",
    "hội nghị khuyến công",
    "tổng kết",
    "sơ kết",
    "hội thảo",
    "giao ban",
    "kế hoạch khuyến công",
    "kinh phí khuyến công",
    "đề án khuyến công",
    "nghiệm thu đề án",
    "mô hình trình diễn",
    "chuyển giao công nghệ",
    "máy móc thiết bị",
    "ứng dụng máy móc tiên tiến",
    "sản xuất sạch hơn",
    "tiết kiệm năng lượng",
    "sử dụng năng lượng hiệu quả",
    "chuyển đổi số",
    "thương mại điện tử",
    "tập huấn",
    "đào tạo nghề",
    "khởi sự doanh nghiệp",
    "nâng cao năng lực quản lý",
    "lao động nông thôn",
    "tham quan khảo sát",
    "học tập kinh nghiệm",
    "trao đổi kinh nghiệm",
    "sản phẩm CNNT tiêu biểu",
    "bình chọn sản phẩm",
    "hội chợ triển lãm",
    "phòng trưng bày",
    "quảng bá sản phẩm",
    "xúc tiến thương mại",
    "OCOP",
    "cụm công nghiệp",
    "CCN",
    "hạ tầng kỹ thuật",
    "thu hút đầu tư",
    "xử lý nước thải",
    "bảo vệ môi trường",
    "di dời cơ sở ô nhiễm",
    "quy hoạch",
    "chính sách khuyến công",
    "văn bản pháp luật",
    "Sở Công Thương",
    "Trung tâm Khuyến công",
    "tư vấn phát triển công nghiệp",
    "hợp tác xã",
    "doanh nghiệp nhỏ và vừa",
    "hộ kinh doanh",
    "khen thưởng",
    "thi đua",
    "công nghiệp hỗ trợ",
    "thủ công mỹ nghệ",
    "nghề truyền thống",
    "xuất khẩu",
    "bao bì nhãn mác",
    "sở hữu trí tuệ",
    "truy xuất nguồn gốc",
    "liên kết sản xuất",
    "tiêu thụ sản phẩm",
    "kinh tế tuần hoàn",
    "chuyển đổi xanh",
    "đổi mới sáng tạo",
    "công nghiệp hóa",
    "xây dựng nông thôn mới",
    "giảm nghèo",
    "đồng bào dân tộc thiểu số",
    "phụ nữ khởi nghiệp",
    "thanh niên khởi nghiệp",
    "an toàn thực phẩm",
    "ISO 9001",
    "VietGAP",
    "năng suất chất lượng",
    "kiểm tra giám sát",
    "giải ngân",
    "tuyên truyền",
    "bản tin khuyến công",
    "đoàn công tác",
    "hợp tác vùng",
    "miền Trung",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "đồng bằng sông Cửu Long",
    "miền núi phía Bắc",
    "đồng bằng sông Hồng",
    "sức khỏe người lao động",
    "hài hòa lợi ích",
    "năng lượng tái tạo",
    "điện mặt trời",
    "cơ khí chế tạo",
    "dệt may",
    "da giày",
    "chế biến gỗ",
    "vật liệu xây dựng",
    "thực phẩm chế biến",
    "dược liệu",
    "hợp tác quốc tế",
    "kết nối cung cầu",
    "mã số mã vạch",
    "đăng ký nhãn hiệu",
    "chỉ dẫn địa lý",
    "vốn vay ưu đãi",
    "phát triển bền vững",
    "biến đổi khí hậu",
    "kinh tế số",
    "khởi nghiệp sáng tạo",
    "kinh tế tập thể",
    "làng nghề truyền thống",
    "người Việt dùng hàng Việt",
)

# Per category: title templates, tags it favours, an opening paragraph, its own sentences,
# headings and list items. Placeholders are filled by ``_Filler``.
CATEGORY_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "Hội nghị – Tổng kết": {
        "titles": (
            "Hội nghị tổng kết công tác khuyến công năm {prev} và triển khai nhiệm vụ năm {year}",
            "{Place}: tổng kết hoạt động khuyến công năm {prev}, triển khai kế hoạch năm {year}",
            "Hội nghị khuyến công khu vực {region} năm {year}",
            "Sơ kết 6 tháng đầu năm {year} hoạt động khuyến công {place}",
            "Hội thảo nâng cao hiệu quả hoạt động khuyến công trên địa bàn {place}",
            "Hội nghị giao ban khuyến công các tỉnh {region} năm {year}",
            "Hội nghị triển khai kế hoạch khuyến công năm {year} tại {place}",
        ),
        "tags": ("hội nghị khuyến công", "tổng kết", "sơ kết", "hội thảo", "giao ban"),
        "open": (
            "{When}, {center} đã tổ chức Hội nghị tổng kết công tác khuyến công năm {prev} và "
            "triển khai nhiệm vụ năm {year}. Tham dự Hội nghị có {person}, cùng lãnh đạo các "
            "phòng chuyên môn và đại diện {n} cơ sở công nghiệp nông thôn trên địa bàn.",
            "{When}, tại {place}, {agency} phối hợp với {dept} tổ chức Hội nghị khuyến công khu "
            "vực {region}. Hội nghị có sự tham dự của đại diện Sở Công Thương, Trung tâm Khuyến "
            "công của {n} tỉnh, thành phố trong khu vực.",
        ),
        "sentences": (
            "Năm {prev}, tổng kinh phí khuyến công thực hiện là {money}, trong đó kinh phí "
            "khuyến công quốc gia hỗ trợ {money} và kinh phí khuyến công địa phương {money}.",
            "Hội nghị đã nghe báo cáo tóm tắt kết quả thực hiện {n} đề án khuyến công, đạt "
            "{pct} kế hoạch được giao.",
            "Các đại biểu đã thảo luận, chia sẻ kinh nghiệm xây dựng đề án, lựa chọn cơ sở thụ "
            "hưởng và giải ngân kinh phí khuyến công đúng tiến độ.",
            "Tại Hội nghị, {person} đánh giá cao những kết quả đạt được, đồng thời đề nghị các "
            "đơn vị tập trung hoàn thành các đề án còn dở dang trước ngày 30/11/{year}.",
            "Nhiều ý kiến cho rằng cần tăng mức hỗ trợ cho các đề án ứng dụng máy móc thiết bị "
            "tiên tiến, bởi đây là nội dung mang lại hiệu quả rõ nét nhất cho cơ sở CNNT.",
            "Dịp này, {n} tập thể và cá nhân có thành tích xuất sắc trong công tác khuyến công "
            "năm {prev} đã được tặng giấy khen.",
        ),
        "headings": ("Kết quả năm {prev}", "Nhiệm vụ năm {year}", "Ý kiến đại biểu"),
    },
    "Mạng lưới cộng tác viên": {
        "titles": (
            "Khuyến công {Place}: họp tổng kết hoạt động của cộng tác viên năm {prev} và triển "
            "khai nhiệm vụ năm {year}",
            "Tập huấn nghiệp vụ cho cộng tác viên khuyến công {place} năm {year}",
            "Kiện toàn mạng lưới cộng tác viên khuyến công cấp huyện, xã tại {place}",
            "Hội nghị tổng kết hoạt động mạng lưới cộng tác viên khuyến công năm {prev}",
            "Cộng tác viên khuyến công: cầu nối giữa chính sách và cơ sở CNNT tại {locality}",
            "Duy trì và hỗ trợ mạng lưới cộng tác viên khuyến công {place} năm {year}",
        ),
        "tags": ("cộng tác viên khuyến công", "mạng lưới cộng tác viên", "khen thưởng"),
        "open": (
            "{When}, {center} đã tổ chức họp mạng lưới cộng tác viên khuyến công. Tham dự có "
            "{person}, cùng {n} cộng tác viên khuyến công trên địa bàn.",
            "Mạng lưới cộng tác viên khuyến công {place} được thành lập theo Quyết định số "
            "{num}/QĐ-UBND của Ủy ban nhân dân tỉnh, hiện có {n} người ở cấp huyện và cấp xã.",
        ),
        "sentences": (
            "Hiện nay mạng lưới cộng tác viên khuyến công gồm có {network}.",
            "Trong năm {prev}, các cộng tác viên đã giới thiệu {n} cơ sở công nghiệp nông thôn "
            "đủ điều kiện tham gia đề án khuyến công.",
            "Trung tâm sẽ tổ chức họp cộng tác viên từng quý để kịp thời nắm bắt khó khăn, vướng "
            "mắc của các cơ sở công nghiệp nông thôn ở từng địa phương.",
            "Các cộng tác viên cần phối hợp chặt chẽ hơn nữa với Trung tâm, tham gia đầy đủ các "
            "lớp bồi dưỡng nghiệp vụ và tích cực nghiên cứu văn bản pháp luật về khuyến công.",
            "Dự kiến năm {year}, mạng lưới sẽ được nâng lên {n} người, ưu tiên những địa phương "
            "có tiềm năng phát triển tiểu thủ công nghiệp và làng nghề.",
            "{person} trao giấy khen cho {n} cộng tác viên có thành tích xuất sắc trong năm "
            "{prev}.",
        ),
        "headings": (
            "Hoạt động của cộng tác viên năm {prev}",
            "Phương hướng năm {year}",
            "Kiến nghị của cộng tác viên",
        ),
    },
    "Đào tạo – Tập huấn": {
        "titles": (
            "Tập huấn khởi sự doanh nghiệp cho cơ sở CNNT {place}",
            "Khai giảng lớp đào tạo nghề {craft} tại {locality}",
            "Tập huấn nâng cao năng lực quản lý cho doanh nghiệp công nghiệp nông thôn năm {year}",
            "Bế giảng lớp đào tạo nghề {craft} cho {n} lao động nông thôn",
            "Tập huấn áp dụng sản xuất sạch hơn trong công nghiệp tại {place}",
            "Tập huấn chuyển đổi số cho cơ sở công nghiệp nông thôn {place}",
            "Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho cơ sở CNNT năm {year}",
        ),
        "tags": (
            "tập huấn",
            "đào tạo nghề",
            "khởi sự doanh nghiệp",
            "nâng cao năng lực quản lý",
            "lao động nông thôn",
            "chuyển đổi số",
        ),
        "open": (
            "{When}, tại {locality}, {center} phối hợp với Ủy ban nhân dân địa phương tổ chức "
            "khai giảng lớp đào tạo nghề {craft} cho {n} học viên là lao động nông thôn.",
            "{When}, {center} tổ chức lớp tập huấn nâng cao năng lực quản lý cho {n} học viên là "
            "chủ cơ sở, cán bộ quản lý của các doanh nghiệp nhỏ và vừa, hợp tác xã trên địa bàn.",
        ),
        "sentences": (
            "Lớp học kéo dài {n} ngày, với thời lượng lý thuyết chiếm 30% và thực hành chiếm 70%.",
            "Học viên được hướng dẫn cách lập kế hoạch kinh doanh, quản lý tài chính, xây dựng "
            "thương hiệu và tiếp cận các nguồn vốn ưu đãi.",
            "Kinh phí tổ chức lớp học là {money}, trích từ nguồn kinh phí khuyến công địa phương "
            "năm {year}.",
            "Sau khóa đào tạo, các cơ sở cam kết tiếp nhận ít nhất {pct} học viên vào làm việc với "
            "mức thu nhập ổn định.",
            "Giảng viên là các chuyên gia có nhiều kinh nghiệm thực tế về {craft} và quản trị "
            "doanh nghiệp.",
            "Kết thúc khóa học, {n} học viên đã được cấp giấy chứng nhận hoàn thành.",
            "Nhiều học viên cho biết kiến thức về sức khỏe và an toàn lao động được trang bị rất "
            "thiết thực với công việc hằng ngày.",
        ),
        "headings": ("Nội dung tập huấn", "Kết quả khóa học", "Ý kiến học viên"),
    },
    "Tham quan – Trao đổi kinh nghiệm": {
        "titles": (
            "Sở Công Thương {Place}: học tập kinh nghiệm về công tác khuyến công tại {place2}",
            "Đoàn công tác {place} tham quan, khảo sát mô hình khuyến công tại {place2}",
            "Tiếp đón đoàn Sở Công Thương {Place2} đến trao đổi kinh nghiệm về công tác khuyến "
            "công năm {year}",
            "Trao đổi kinh nghiệm quản lý cụm công nghiệp giữa {Place} và {Place2}",
            "Khảo sát học tập mô hình sản xuất {product} tại {place2}",
        ),
        "tags": (
            "tham quan khảo sát",
            "học tập kinh nghiệm",
            "trao đổi kinh nghiệm",
            "đoàn công tác",
        ),
        "open": (
            "{When}, {center} đã tổ chức đoàn công tác đến trao đổi và học tập kinh nghiệm về "
            "công tác khuyến công tại {place2}. Đoàn do {person} làm trưởng đoàn.",
            "{When}, {dept} đã tiếp và làm việc với đoàn công tác Sở Công Thương {place2} đến trao "
            "đổi kinh nghiệm về công tác khuyến công và quản lý cụm công nghiệp.",
        ),
        "sentences": (
            "Đoàn đã được tham quan thực tế {n} cơ sở công nghiệp nông thôn có đề án khuyến công "
            "triển khai hiệu quả về kinh tế, xã hội.",
            "Hai bên đã trao đổi về cơ cấu mạng lưới cộng tác viên, cách thức lựa chọn đề án và "
            "kinh nghiệm quản lý kinh phí khuyến công.",
            "Qua chuyến đi, đoàn đã rút ra được nhiều bài học kinh nghiệm có thể vận dụng phù hợp "
            "với tình hình kinh tế, xã hội của địa phương.",
            "Đoàn cũng đến thăm cơ sở sản xuất {product} được hỗ trợ {machine} từ nguồn kinh phí "
            "khuyến công quốc gia.",
            "Buổi làm việc diễn ra trong không khí cởi mở, thân thiện, tạo tiền đề cho hợp tác "
            "giữa hai địa phương trong thời gian tới.",
        ),
        "headings": ("Nội dung làm việc", "Bài học kinh nghiệm"),
    },
    "Sản phẩm CNNT tiêu biểu": {
        "titles": (
            "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm {year} tại {place}",
            "{n} sản phẩm của {place} đạt sản phẩm CNNT tiêu biểu cấp khu vực năm {year}",
            "Tôn vinh {n} sản phẩm CNNT tiêu biểu {place} năm {year}",
            "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực {region} năm {year}",
            "{Product} {Place}: từ sản phẩm CNNT tiêu biểu đến thị trường xuất khẩu",
            "Khai trương phòng trưng bày, giới thiệu sản phẩm CNNT tiêu biểu tại {locality}",
        ),
        "tags": (
            "sản phẩm CNNT tiêu biểu",
            "bình chọn sản phẩm",
            "hội chợ triển lãm",
            "phòng trưng bày",
            "quảng bá sản phẩm",
            "OCOP",
        ),
        "open": (
            "{When}, Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu {place} đã tổ "
            "chức chấm điểm {n} sản phẩm của các cơ sở công nghiệp nông thôn trên địa bàn.",
            "{When}, {agency} phối hợp với {dept} khai mạc Hội chợ triển lãm hàng công nghiệp "
            "nông thôn tiêu biểu khu vực {region}, với {n} gian hàng tham gia.",
        ),
        "sentences": (
            "Các sản phẩm được đánh giá theo các tiêu chí về hiệu quả kinh tế, xã hội, tính "
            "văn hóa, khả năng phát triển sản xuất và thị trường.",
            "Trong số {n} sản phẩm đạt giải, nhiều nhất là nhóm thủ công mỹ nghệ và nhóm chế biến "
            "nông, lâm, thủy sản.",
            "Sản phẩm {product} của {company} đạt số điểm cao nhất, được đề nghị tham gia bình "
            "chọn cấp khu vực.",
            "Mỗi sản phẩm đạt giải được hỗ trợ {money} từ kinh phí khuyến công để hoàn thiện mẫu "
            "mã, bao bì và đăng ký nhãn hiệu.",
            "Doanh thu của các cơ sở có sản phẩm đạt giải năm {prev} tăng bình quân {pct} so với "
            "năm trước.",
            "Hội chợ là dịp để các cơ sở giới thiệu, quảng bá sản phẩm, tìm kiếm đối tác và mở "
            "rộng thị trường tiêu thụ.",
        ),
        "headings": ("Kết quả bình chọn", "Quảng bá và tiêu thụ sản phẩm"),
    },
    "Cụm công nghiệp": {
        "titles": (
            "Đẩy nhanh tiến độ đầu tư hạ tầng kỹ thuật CCN {ccn}, {place}",
            "Quy hoạch phát triển cụm công nghiệp {place} đến năm 2030",
            "Thành lập CCN {ccn} với diện tích {ha} ha",
            "Hội nghị xúc tiến đầu tư vào các cụm công nghiệp {place} năm {year}",
            "Tháo gỡ khó khăn trong đầu tư xây dựng hạ tầng CCN trên địa bàn {place}",
            "CCN {ccn} thu hút {n} dự án đầu tư sản xuất",
        ),
        "tags": (
            "cụm công nghiệp",
            "CCN",
            "hạ tầng kỹ thuật",
            "thu hút đầu tư",
            "xử lý nước thải",
            "quy hoạch",
        ),
        "open": (
            "{When}, {dept} đã tổ chức kiểm tra tình hình đầu tư xây dựng hạ tầng kỹ thuật CCN "
            "{ccn}, có tổng diện tích {ha} ha.",
            "Theo {dept}, đến nay trên địa bàn {place} có {n} cụm công nghiệp được thành lập, với "
            "tổng diện tích khoảng {ha} ha, tỷ lệ lấp đầy bình quân đạt {pct}.",
        ),
        "sentences": (
            "Tổng vốn đầu tư hạ tầng kỹ thuật của CCN {ccn} là {money}, trong đó ngân sách tỉnh "
            "hỗ trợ {money}.",
            "Đến nay, CCN {ccn} đã thu hút {n} dự án với tổng vốn đăng ký {money}, giải quyết việc "
            "làm cho {big} lao động.",
            "Hệ thống xử lý nước thải tập trung công suất {big} m³/ngày đêm đã được đưa vào vận "
            "hành.",
            "Một số CCN còn chậm tiến độ do vướng mắc trong công tác bồi thường, giải phóng mặt "
            "bằng và thiếu vốn đầu tư hạ tầng.",
            "Trung tâm Khuyến công được giao quản lý, vận hành khai thác hạ tầng kỹ thuật {n} cụm "
            "công nghiệp trên địa bàn.",
            "Tỉnh đề nghị chủ đầu tư hạ tầng khẩn trương hoàn thiện hồ sơ bảo vệ môi trường và hệ "
            "thống phòng cháy, chữa cháy.",
        ),
        "headings": ("Tình hình đầu tư hạ tầng", "Khó khăn, vướng mắc", "Giải pháp thu hút đầu tư"),
    },
    "Chính sách – Kế hoạch": {
        "titles": (
            "Phê duyệt Kế hoạch khuyến công địa phương {place} năm {year}",
            "Triển khai Nghị định {decree} về khuyến công tại {place}",
            "Hướng dẫn xây dựng kế hoạch khuyến công năm {next}",
            "{Place} ban hành Chương trình khuyến công giai đoạn {period}",
            "Sửa đổi quy định quản lý kinh phí khuyến công địa phương {place}",
        ),
        "tags": ("chính sách khuyến công", "văn bản pháp luật", "kế hoạch khuyến công"),
        "open": (
            "{When}, Ủy ban nhân dân {place} đã ban hành Quyết định số {num}/QĐ-UBND phê duyệt "
            "Kế hoạch khuyến công địa phương năm {year} với tổng kinh phí {money}.",
            "Thực hiện Nghị định {decree} của Chính phủ về khuyến công, {dept} đã xây dựng "
            "Chương trình khuyến công giai đoạn {period} trình Ủy ban nhân dân tỉnh phê duyệt.",
        ),
        "sentences": (
            "Kế hoạch tập trung hỗ trợ {n} nội dung, ưu tiên các cơ sở ở địa bàn khó khăn, đồng "
            "bào dân tộc thiểu số.",
            "Mức hỗ trợ tối đa cho một đề án ứng dụng máy móc thiết bị tiên tiến là {money}.",
            "Các đơn vị được giao nhiệm vụ phải báo cáo tiến độ thực hiện định kỳ hằng quý về Sở "
            "Công Thương.",
            "Chương trình đặt mục tiêu đến năm {next} có thêm {n} sản phẩm công nghiệp nông thôn "
            "tiêu biểu và {big} lao động được đào tạo nghề.",
            "Sở Công Thương là cơ quan thường trực, chủ trì phối hợp với Sở Tài chính hướng dẫn "
            "thanh quyết toán kinh phí khuyến công.",
            "Việc lựa chọn đề án phải bảo đảm công khai, minh bạch, đúng đối tượng và hài hòa giữa "
            "các địa phương.",
        ),
        "headings": ("Mục tiêu", "Nội dung hỗ trợ", "Tổ chức thực hiện"),
    },
    "Chương trình – Đề án": {
        "titles": (
            "Nghiệm thu đề án khuyến công hỗ trợ ứng dụng {machine} tại {company}",
            "Xây dựng mô hình trình diễn kỹ thuật sản xuất {product} tại {place}",
            "Khuyến công {Place} hỗ trợ {n} đề án với tổng kinh phí {money}",
            "Hỗ trợ chuyển giao công nghệ chế biến {product} cho cơ sở CNNT tại {locality}",
            "Kiểm tra tiến độ thực hiện đề án khuyến công quốc gia năm {year} tại {place}",
            "Đề án khuyến công giúp {company} nâng công suất sản xuất {product}",
        ),
        "tags": (
            "đề án khuyến công",
            "nghiệm thu đề án",
            "mô hình trình diễn",
            "chuyển giao công nghệ",
            "máy móc thiết bị",
            "ứng dụng máy móc tiên tiến",
        ),
        "open": (
            "{When}, {center} phối hợp với các đơn vị liên quan tổ chức nghiệm thu đề án khuyến "
            "công hỗ trợ ứng dụng {machine} tại {company}, {locality}.",
            "Năm {year}, {place} được hỗ trợ {n} đề án khuyến công quốc gia và địa phương với "
            "tổng kinh phí {money}, vốn đối ứng của các cơ sở là {money}.",
        ),
        "sentences": (
            "Tổng vốn đầu tư của đề án là {money}, trong đó kinh phí khuyến công hỗ trợ {money}.",
            "Sau khi đưa {machine} vào sử dụng, năng suất lao động của cơ sở tăng {pct}, tỷ lệ "
            "sản phẩm lỗi giảm đáng kể.",
            "Mô hình trình diễn kỹ thuật đã thu hút {n} lượt cơ sở đến tham quan, học tập.",
            "Hội đồng nghiệm thu đánh giá đề án thực hiện đúng nội dung, tiến độ và sử dụng kinh "
            "phí đúng mục đích.",
            "Cơ sở hiện tạo việc làm thường xuyên cho {n} lao động với thu nhập bình quân {money} "
            "mỗi tháng.",
            "Đề án đã góp phần đổi mới công nghệ, nâng cao chất lượng {product} và khả năng cạnh "
            "tranh trên thị trường.",
        ),
        "headings": ("Hiệu quả của đề án", "Kế hoạch nhân rộng mô hình"),
    },
}

GENERIC_TEXT: dict[str, tuple[str, ...]] = {
    "titles": (
        "Hoạt động khuyến công {place} năm {year}",
        "Khuyến công {Place} đồng hành cùng cơ sở công nghiệp nông thôn",
        "Nâng cao hiệu quả công tác khuyến công trên địa bàn {place}",
    ),
    "tags": ("khuyến công", "công nghiệp nông thôn", "CNNT"),
    "open": (
        "{When}, {center} đã tổ chức triển khai các nhiệm vụ khuyến công trên địa bàn "
        "{place}, với sự tham dự của {person}.",
    ),
    "sentences": (),
    "headings": ("Kết quả nổi bật", "Thời gian tới"),
}

SHARED_SENTENCES = (
    "Hoạt động khuyến công đã góp phần quan trọng vào việc phát triển công nghiệp nông thôn, "
    "tạo việc làm và tăng thu nhập cho người lao động.",
    "Quy mô, chất lượng các đề án khuyến công ngày càng được nâng cao, hỗ trợ đúng trọng tâm, "
    "trọng điểm, có sức lan tỏa.",
    "Các hoạt động khuyến công bám sát mục tiêu của Chương trình khuyến công giai đoạn {period} "
    "và định hướng phát triển công nghiệp của địa phương.",
    "Tổng vốn đối ứng của các cơ sở công nghiệp nông thôn là {money}, gấp nhiều lần kinh phí "
    "khuyến công hỗ trợ.",
    "Bên cạnh những kết quả đạt được, công tác khuyến công vẫn còn một số hạn chế như kinh phí "
    "còn ít, cán bộ làm công tác khuyến công ở cấp cơ sở còn mỏng.",
    "Nhiều cơ sở còn e ngại khi tham gia đề án do thủ tục thanh quyết toán còn phức tạp.",
    "Theo {person}, thời gian tới cần đẩy mạnh công tác thông tin tuyên truyền, phổ biến chủ "
    "trương, chính sách khuyến công đến các cơ sở.",
    "{person} đề nghị các đơn vị tăng cường kiểm tra, giám sát, kịp thời tháo gỡ khó khăn cho "
    "cơ sở thụ hưởng.",
    "Kinh phí thực hiện năm {year} cao hơn năm {prev} là {money}.",
    "Giá trị sản xuất công nghiệp trên địa bàn năm {prev} tăng {pct} so với cùng kỳ.",
    "Đến nay, toàn tỉnh có {big} cơ sở công nghiệp nông thôn, thu hút {big} lao động.",
    "Trong {months} tháng đầu năm {year}, Trung tâm đã hoàn thành {n} đề án, giải ngân đạt "
    "{pct} kế hoạch vốn.",
    "Các cơ sở được hỗ trợ đều duy trì sản xuất ổn định, nhiều cơ sở mạnh dạn đầu tư mở rộng "
    "nhà xưởng.",
    "Công tác chuyển đổi số, ứng dụng thương mại điện tử trong tiêu thụ sản phẩm được các cơ sở "
    "quan tâm hơn.",
    "{agency} đánh giá cao sự chủ động của địa phương trong việc xây dựng và triển khai các đề án "
    "khuyến công.",
    "Bên cạnh nhiệm vụ khuyến công, Trung tâm còn thực hiện các dịch vụ tư vấn phát triển công "
    "nghiệp, góp phần tăng nguồn thu sự nghiệp.",
    "Việc hỗ trợ máy móc thiết bị hiện đại đã giúp các cơ sở tiết kiệm chi phí, giảm ô nhiễm môi "
    "trường và bảo vệ sức khỏe người lao động.",
    "Thời gian tới, ngành Công Thương sẽ tiếp tục ưu tiên hỗ trợ các cơ sở sản xuất {product} và "
    "các làng nghề {craft}.",
    "Nhiều sản phẩm của {company} đã có mặt tại các siêu thị, cửa hàng đặc sản trong và ngoài "
    "tỉnh.",
    "Theo kế hoạch, năm {next} sẽ tổ chức thêm {n} lớp tập huấn cho cán bộ làm công tác khuyến "
    "công cấp huyện, xã.",
    "Đại diện {company} cho biết nhờ sự hỗ trợ kịp thời của khuyến công, doanh thu của đơn vị "
    "tăng {pct} so với năm trước.",
    "Tổng kinh phí khuyến công thực hiện năm {prev} là {money} với {n} đề án.",
    "Các địa phương cần chủ động rà soát, đề xuất các đề án khuyến công phù hợp với điều kiện "
    "thực tế, tránh dàn trải.",
    "Chính quyền địa phương tùy theo điều kiện cụ thể sẽ bố trí thêm nguồn vốn đối ứng cho các "
    "đề án trọng điểm.",
    "Sản phẩm của các cơ sở được hỗ trợ từng bước khẳng định chất lượng, góp phần thực hiện "
    "mục tiêu công nghiệp hóa, hiện đại hóa nông nghiệp, nông thôn.",
    "Qua đó, hoạt động khuyến công ngày càng đi vào chiều sâu, thiết thực và hiệu quả.",
)

LIST_INTROS = (
    "Năm {year}, công tác khuyến công tập trung vào các nội dung chính như sau:",
    "Tại hội nghị, các đại biểu thống nhất một số nhiệm vụ trọng tâm:",
    "Kế hoạch khuyến công năm {next} gồm các chương trình:",
)
LIST_ITEMS = (
    "Chương trình hỗ trợ xây dựng mô hình trình diễn kỹ thuật, chuyển giao công nghệ. Kinh phí "
    "thực hiện: {money};",
    "Chương trình nâng cao năng lực quản lý, khởi sự doanh nghiệp, tham quan khảo sát. Kinh phí "
    "thực hiện: {money};",
    "Chương trình phát triển sản phẩm công nghiệp nông thôn tiêu biểu. Kinh phí thực hiện: "
    "{money};",
    "Chương trình tư vấn trợ giúp các cơ sở công nghiệp nông thôn. Kinh phí thực hiện: {money};",
    "Chương trình cung cấp thông tin về chính sách phát triển công nghiệp, khuyến công. Kinh phí "
    "thực hiện: {money};",
    "Hỗ trợ liên doanh, liên kết, phát triển cụm công nghiệp và di dời cơ sở gây ô nhiễm môi "
    "trường. Kinh phí thực hiện: {money};",
    "Hỗ trợ ứng dụng sản xuất sạch hơn, sử dụng năng lượng tiết kiệm và hiệu quả;",
    "Đào tạo nghề, truyền nghề cho {n} lao động nông thôn;",
    "Hỗ trợ {n} cơ sở xây dựng phòng trưng bày, giới thiệu sản phẩm;",
)
CAPTIONS = (
    "Quang cảnh hội nghị",
    "{person} phát biểu tại buổi làm việc",
    "Đoàn công tác chụp ảnh lưu niệm",
    "Học viên thực hành tại lớp đào tạo nghề {craft}",
    "Sản phẩm {product} được trưng bày tại hội chợ",
    "Dây chuyền {machine} được hỗ trợ từ kinh phí khuyến công",
)
CLOSINGS = (
    "Thời gian tới, {center} sẽ tiếp tục phối hợp chặt chẽ với các địa phương, doanh nghiệp để "
    "hoạt động khuyến công ngày càng hiệu quả, góp phần phát triển công nghiệp nông thôn bền "
    "vững.",
    "Buổi làm việc đã thực sự mang lại hiệu quả, tạo điều kiện cho các đơn vị học hỏi, chia sẻ "
    "kinh nghiệm và kết nối hai chiều trong thời gian tới.",
    "Với những kết quả đạt được, hoạt động khuyến công tiếp tục khẳng định vai trò là “bà đỡ” "
    "cho các cơ sở công nghiệp nông thôn trên địa bàn {place}.",
)


# ------------------------------------------------------------------------------- generation


def _author_pool(vocab: Vocab) -> tuple[str, ...]:
    """~200 distinct bylines, the same for every seed: full names and the short forms
    ("Ngân Trần", "Minh Vân") portals often print. None is spelt like a province ("Khánh Hòa")."""
    rng = random.Random(20250701)
    places = {slugify(p.name) for p in vocab.current + vocab.former}
    pool: dict[str, None] = {}
    while len(pool) < 200:
        female = rng.random() < 0.5
        family = rng.choice(FAMILY)
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        form = rng.random()
        if form < 0.6:
            name = f"{family} {middle} {given}"
        elif form < 0.85:
            name = f"{given} {family}"
        else:
            name = f"{middle} {given}" if middle != "Thị" else f"{given} {family}"
        if slugify(name) not in places:
            pool[name] = None
    return tuple(pool)


def _tag_pool(vocab: Vocab) -> tuple[str, ...]:
    tags: dict[str, None] = dict.fromkeys(GENERAL_TAGS)
    for spec in CATEGORY_TEXT.values():
        tags.update(dict.fromkeys(spec["tags"]))
    tags.update(dict.fromkeys(PRODUCTS))
    tags.update(dict.fromkeys(f"làng nghề {c}" for c in CRAFTS))
    tags.update(dict.fromkeys(f"CCN {c}" for c in CCN_NAMES))
    tags.update(dict.fromkeys(MACHINES))
    tags.update(dict.fromkeys(f"khuyến công {p.name}" for p in vocab.current + vocab.former))
    return tuple(tags)


class _Filler(dict):
    """format_map mapping: fixed per-article values, and fresh random values for the keys that
    vary each time they appear ({money}, {n}, {person}...)."""

    def __init__(self, fixed: dict[str, str], fresh: dict):
        super().__init__(fixed)
        self.fresh = fresh

    def __missing__(self, key):
        return self.fresh[key]()


class Generator:
    def __init__(self, seed: int = 0, vocab: Vocab | None = None):
        self.rng = random.Random(seed)
        self.vocab = vocab or load_vocab()
        self.authors = _author_pool(self.vocab)
        self.tags = _tag_pool(self.vocab)
        self.used_slugs: set[str] = set()
        self.days = (LAST_DAY - FIRST_DAY).days

    # -- small random values ---------------------------------------------------------------
    def money(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.65:
            return f"{fmt_int(r.randint(45, 9_990))} triệu đồng"
        if x < 0.9:
            return f"{fmt_dec(r.randint(11, 350) / 10)} tỷ đồng"
        return f"{fmt_int(r.randint(150, 990) * 100_000)} đồng"

    def pct(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"{r.randint(5, 98)}%"
        return f"{fmt_dec(r.randint(50, 995) / 10)}%"

    def full_name(self) -> tuple[str, bool]:
        r = self.rng
        female = r.random() < 0.5
        middle = r.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = r.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        return f"{r.choice(FAMILY)} {middle} {given}", female

    def person(self) -> str:
        name, female = self.full_name()
        return f"{'bà' if female else 'ông'} {name} – {self.rng.choice(POSITIONS)}"

    def company(self) -> str:
        kind = self.rng.choice(("Công ty TNHH", "Hợp tác xã", "Cơ sở", "Công ty Cổ phần"))
        return f"{kind} {self.rng.choice(FIRM_NAMES)}"

    # -- one article -------------------------------------------------------------------------
    def _provinces(self, day: date, category: str) -> list[Place]:
        r = self.rng
        pool = self.vocab.former if day < self.vocab.merger else self.vocab.current
        x = r.random()
        if category == "Tham quan – Trao đổi kinh nghiệm":
            count = 2 if x < 0.6 else (3 if x < 0.75 else 1)
        else:
            count = 1 if x < 0.86 else (2 if x < 0.97 else 3)
        return r.sample(pool, count)

    def _spelling(self, place: Place) -> str:
        if place.variants and self.rng.random() < 0.3:
            return self.rng.choice(place.variants)
        return place.name

    def _authors(self, main: Place, day: date) -> str:
        r = self.rng
        x = r.random()
        if x < 0.72:
            return yaml_scalar(r.choice(self.authors))
        if x < 0.84:
            a, b = r.sample(self.authors, 2)
            return f"[{yaml_scalar(a)}, {yaml_scalar(b)}]"
        org = r.choice(
            (
                f"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp {main.phrase}",
                f"Trung tâm Khuyến công và Tư vấn PTCN {main.phrase}",
                f"Sở Công Thương {main.phrase}",
                f"Phòng Quản lý công nghiệp, Sở Công Thương {main.phrase}",
                _agency(day),
            )
        )
        entry = f"{{name: {yaml_scalar(r.choice(self.authors))}, organization: {yaml_scalar(org)}}}"
        if x < 0.97:
            return entry
        return f"[{entry}, {yaml_scalar(r.choice(self.authors))}]"

    def _date_text(self, day: date) -> tuple[str, str, bool]:
        """Front-matter value, the "Ngày 5/3/2024" lead-in and whether it is month-only."""
        r = self.rng
        x = r.random()
        if x < 0.1:
            return f"{day:%Y-%m}", f"Tháng {day.month}/{day.year}", True
        lead = f"Ngày {day.day}/{day.month}/{day.year}"
        if x < 0.3:
            hour, minute = r.randint(6, 21), r.choice((0, 5, 10, 15, 20, 30, 40, 45, 50))
            return f"{day:%Y-%m-%d} {hour:02d}:{minute:02d}", lead, False
        return f"{day:%Y-%m-%d}", lead, False

    def _slug(self, title: str) -> str:
        base = short_slug(title)
        slug, k = base, 2
        while slug in self.used_slugs:
            slug = f"{base}-{k}"
            k += 1
        self.used_slugs.add(slug)
        return slug

    def article(self) -> tuple[str, str, str]:
        """(year, slug, file text) of the next article."""
        r = self.rng
        day = FIRST_DAY + timedelta(days=r.randrange(self.days + 1))
        date_value, lead, month_only = self._date_text(day)
        if month_only:
            day = day.replace(day=1)  # the era is decided by the date the file says
        category = r.choice(self.vocab.categories)
        spec = CATEGORY_TEXT.get(category, GENERIC_TEXT)
        places = self._provinces(day, category)
        main = places[0]
        era = self.vocab.former if day < self.vocab.merger else self.vocab.current
        other = places[1] if len(places) > 1 else r.choice([p for p in era if p != main])
        year = day.year
        after_merger = day >= self.vocab.merger

        center = r.choice(
            (
                f"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp {main.phrase}",
                f"Trung tâm Khuyến công {main.phrase}",
                f"Trung tâm Khuyến công và Tư vấn PTCN {main.phrase}",
            )
        )

        def locality() -> str:
            name = r.choice(LOCALITIES)
            if after_merger:  # no districts since 1/7/2025: communes and wards
                return f"{r.choice(('xã', 'xã', 'phường'))} {name}, {main.phrase}"
            return f"{r.choice(('huyện', 'huyện', 'thị xã'))} {name}, {main.phrase}"

        def network() -> str:
            district, commune = r.randint(3, 15), r.randint(4, 30)
            return (
                f"{district + commune} người, trong đó có {district} cộng tác viên cấp huyện và "
                f"{commune} cộng tác viên cấp xã"
            )

        product = r.choice(PRODUCTS)
        fixed = {
            "place": main.phrase,
            "Place": main.name,
            "place2": other.phrase,
            "Place2": other.name,
            "year": str(year),
            "prev": str(year - 1),
            "next": str(year + 1),
            "When": lead,
            "center": center,
            "dept": f"Sở Công Thương {main.phrase}",
            "agency": _agency(day),
            "region": r.choice(REGIONS),
            "decree": "45/2012/NĐ-CP" if year >= 2013 else "134/2004/NĐ-CP",
            "period": _period(year),
            "product": product,
            "Product": product[0].upper() + product[1:],
            "ccn": r.choice(CCN_NAMES),
        }
        fresh = {
            "money": self.money,
            "pct": self.pct,
            "n": lambda: str(r.randint(2, 45)),
            "months": lambda: str(r.randint(3, 11)),
            "network": network,
            "big": lambda: fmt_int(r.randint(120, 18_500)),
            "num": lambda: str(r.randint(120, 3_200)),
            "ha": lambda: fmt_dec(r.randint(150, 990) / 10),
            "person": self.person,
            "craft": lambda: r.choice(CRAFTS),
            "machine": lambda: r.choice(MACHINES),
            "company": self.company,
            "locality": locality,
        }
        filler = _Filler(fixed, fresh)

        def fill(template: str) -> str:
            text = template.format_map(filler)
            return text[:1].upper() + text[1:]  # "{person} phát biểu" starts a sentence

        new_style = r.random() < 0.3
        style = new_tone_style if new_style else (lambda s: s)

        title = style(fill(r.choice(spec["titles"])))
        body, summary = self._body(spec, fill, r.randint(300, 665))
        body, summary = style(body), style(summary)

        tags = self._tags(spec, style)
        lines = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"date: {date_value}",
        ]
        names = [yaml_scalar(self._spelling(p)) for p in places]
        lines.append(
            f"province: {names[0]}" if len(names) == 1 else f"province: [{', '.join(names)}]"
        )
        lines.append(f"category: {yaml_scalar(category)}")
        lines.append(f"author: {style(self._authors(main, day))}")
        lines.append(f"tags: [{', '.join(yaml_scalar(t) for t in tags)}]")
        lines.append(f"summary: {json.dumps(summary, ensure_ascii=False)}")
        if r.random() < 0.12:
            lines.append(f"source: {self._source(title)}")
        lines += ["---", "", body]
        return str(year), self._slug(title), "\n".join(lines) + "\n"

    def _tags(self, spec: dict, style) -> list[str]:
        r = self.rng
        count = r.choices((1, 2, 3, 4), weights=(15, 35, 35, 15))[0]
        chosen = r.sample(spec["tags"], min(len(spec["tags"]), r.randint(1, 2)))
        while len(chosen) < count:
            chosen.append(r.choice(self.tags))
        seen: set[str] = set()
        result = []
        for tag in chosen[:count]:
            tag = style(tag)
            if tag.casefold() not in seen:
                seen.add(tag.casefold())
                result.append(tag)
        return result

    def _source(self, title: str) -> str:
        r = self.rng
        name = r.choice(SOURCES)
        if r.random() < 0.5:
            return yaml_scalar(name)
        url = f"{r.choice(SOURCE_HOSTS)}/{short_slug(title, 60)}-{r.randint(10_000, 999_999)}.html"
        return f"{{name: {yaml_scalar(name)}, url: {url}}}"

    def _body(self, spec: dict, fill, target: int) -> tuple[str, str]:
        """Markdown body of about ``target`` words, and the summary."""
        r = self.rng
        opening = fill(r.choice(spec["open"]))
        summary = opening if r.random() < 0.5 else opening.split(". ")[0].rstrip(".") + "."
        own = list(spec["sentences"])
        shared = list(SHARED_SENTENCES)
        r.shuffle(own)
        r.shuffle(shared)
        # Category sentences first, then the shared ones; reused only if the article is long.
        queue = own + shared

        def next_sentence() -> str:
            nonlocal queue
            if not queue:
                queue = own + shared
            return fill(queue.pop(0))

        headings = [fill(h) for h in r.sample(spec["headings"], min(2, len(spec["headings"])))]
        # The first heading comes early (a short article gets one too), the second later.
        heading_at = [r.randint(1, 2), r.randint(3, 6)][: len(headings)]
        with_list = r.random() < 0.3
        with_photo = r.random() < 0.2
        blocks = [opening]
        words = len(opening.split())
        closing = fill(r.choice(CLOSINGS))
        target -= len(closing.split())
        paragraph_no = 0
        while words < target:
            paragraph_no += 1
            if headings and heading_at and paragraph_no == heading_at[0]:
                heading_at.pop(0)
                blocks.append("## " + headings.pop(0))
                words += len(blocks[-1].split()) - 1
            if with_list and paragraph_no == 3:
                with_list = False
                block = [fill(r.choice(LIST_INTROS)), ""]
                used = words + len(block[0].split())
                for i, item in enumerate(r.sample(LIST_ITEMS, r.randint(3, 6)), 1):
                    if i > 3 and used >= target:
                        break
                    block.append(f"{i}. {fill(item)}")
                    used += len(block[-1].split()) - 1
                block[-1] = block[-1].rstrip(";") + "."
                text = "\n".join(block)
            elif with_photo and paragraph_no == 2:
                with_photo = False
                caption = fill(r.choice(CAPTIONS))
                blocks.append(f"/// html | figure.kc-photo\n///\n\n/// caption\n{caption}\n///")
                words += len(caption.split())
                continue
            else:
                sentences: list[str] = []
                used = words
                for _ in range(r.randint(2, 5)):
                    sentences.append(next_sentence())
                    used += len(sentences[-1].split())
                    if used >= target:
                        break
                text = " ".join(sentences)
            blocks.append(text)
            words += len(text.split())
        blocks.append(closing)
        return "\n\n".join(blocks), summary


def _agency(day: date) -> str:
    """The Ministry of Industry and Trade's agency for local industry at that date."""
    if day < date(2017, 9, 1):
        return "Cục Công nghiệp địa phương"
    if day < date(2025, 3, 1):
        return "Cục Công Thương địa phương"
    return "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"


def _period(year: int) -> str:
    for start, end in ((2011, 2015), (2016, 2020), (2021, 2025), (2026, 2030)):
        if year <= end:
            return f"{max(start, 2011)}–{end}"
    return "2026–2030"


# -------------------------------------------------------------------------------- the API


def generate(n: int, content_dir: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic articles under ``content_dir/tin-tuc/<year>/``; return their paths.

    Deterministic for a given seed. Refuses (FileExistsError) when ``content_dir/tin-tuc``
    already holds any file, and never writes outside ``content_dir``.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    content_dir = Path(content_dir)
    articles = content_dir / ARTICLES_DIR
    if articles.exists() and any(p.is_file() or p.is_symlink() for p in articles.rglob("*")):
        raise FileExistsError(f"{articles} already holds files; refusing to write there")
    root = content_dir.resolve()
    gen = Generator(seed)
    written: list[Path] = []
    for _ in range(n):
        year, slug, text = gen.article()
        path = articles / year / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.resolve().is_relative_to(root):  # pragma: no cover - slugs are [a-z0-9-]
            raise RuntimeError(f"refusing to write outside {root}: {path}")
        with open(path, "x", encoding="utf-8", newline="\n") as f:  # "x": never overwrite
            f.write(text)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Tạo N bài tin khuyến công giả lập (xác định theo seed) để đo hiệu năng."
    )
    parser.add_argument("n", type=int, help="số bài cần tạo")
    parser.add_argument("dest", type=Path, help="thư mục nội dung đích (bài ghi vào DEST/tin-tuc)")
    parser.add_argument("--seed", type=int, default=0, help="seed ngẫu nhiên (mặc định 0)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        paths = generate(args.n, args.dest, args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    print(f"Đã tạo {len(paths)} bài trong {args.dest / ARTICLES_DIR} ({elapsed:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
