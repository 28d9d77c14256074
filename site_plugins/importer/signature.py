"""Bylines ("NGÂN TRẦN", "P. NGHI", "L.D", "Anh Dũng - TTKC.", "Written by …") and source
lines ("Theo Báo Công Thương", "Nguồn: …") of legacy articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold, precise_key
from .blocks import Block, ends_sentence, words

_BYLINE_PREFIX = re.compile(
    r"^(?:(?:bài|tin|ảnh|bài viết|tin bài)(?:\s*(?:,|và|&|\+)\s*(?:ảnh|bài|video|clip))?"
    r"|tác giả|người viết|thực hiện|nhóm pv|pv|ctv|phóng viên|cộng tác viên)\s*[:：]\s*"
    r"|^(?:(?:được\s+)?viết bởi|đăng bởi|người đăng|written by|posted by|by|tác giả)\s*:?\s+",
    re.I,
)
_SOURCE_LINE = re.compile(r"^\(?(?:theo\s*:?\s*|nguồn(?:\s+tin)?\s*:?\s*)(\S.*?)\s*\.?\)?$", re.I)
SITE_PREFIX = re.compile(r"^\(?((?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,6})\)?\s*[-–—:]\s+(?=\S)")
# First words of a unit's name, with their marks: folded, "Sở"/"Số", "Báo"/"Bảo" and
# "Trường"/"Trương" would be one word, and "Bảo Ngọc", "Trương Văn A" would look like units.
_ORG_WORDS = tuple(
    precise_key(w) + " "
    for w in (
        "trung tâm", "sở", "cục", "bộ", "ban", "phòng", "ubnd", "ủy ban", "báo", "tạp chí",
        "hội", "công ty", "hợp tác xã", "htx", "viện", "trường", "đài", "cổng thông tin",
        "tổng cục", "chi cục", "văn phòng", "doanh nghiệp", "ttkc", "sct", "ttxvn",
    )
)  # fmt: skip
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_INITIALS_ONLY = re.compile(r"^(?:[^\W\d_]\.?\s?){1,4}$")
# Accounts of the portal's software, not people: "Viết bởi Administrator".
_ACCOUNTS = {"administrator", "admin", "super user", "superuser", "quan tri", "quan tri vien",
             "webmaster", "bien tap vien", "ban bien tap", "editor", "user"}  # fmt: skip
# Honorifics: "Ông Nguyễn Văn A" under a photo is a caption, not a byline ("Anh", "Chi"
# are given names too: "Anh Dũng"); and words that start source and credit lines.
_NOT_FIRST_NAME = {precise_key(w) for w in ("ông", "bà", "mr", "mrs", "ms", "theo", "nguồn",
                                             "ảnh", "bài", "tin", "video", "clip")}  # fmt: skip
# Abbreviations of the units that sign khuyến công articles.
_UNIT_ABBREVIATIONS = {
    "ttkc": "Trung tâm Khuyến công",
    "ttkc&tvptcn": "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
    "ttkc & tvptcn": "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
    "ttkc-tvptcn": "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
    "sct": "Sở Công Thương",
}


# ... but not these: "Hội nghị …", "Phòng chống …" are headlines.
_NOT_ORG = tuple(
    precise_key(w) + " "
    for w in ("hội nghị", "hội thảo", "hội chợ", "hội thi", "hội diễn", "phòng chống",
              "phòng ngừa", "bộ sản phẩm", "trường hợp", "ban hành")
)  # fmt: skip


def org_like(text: str) -> bool:
    """Does the text name a unit ("Sở Công Thương …", "Báo Đồng Nai", "TTKC Sóc Trăng")?"""
    key = precise_key(text) + " "
    return key.startswith(_ORG_WORDS) and not key.startswith(_NOT_ORG)


def is_account(text: str) -> bool:
    return fold(text).strip(" .") in _ACCOUNTS


def person_name(text: str) -> str | None:
    """A person's name as a byline writes it: 2 to 5 capitalised words ("Ngân Trần"), or an
    initial and a name ("P. Nghi"); title-cased if it was all capitals ("NGÂN TRẦN" ->
    "Ngân Trần"). None if it is not one."""
    parts = text.replace(".", ". ").split()
    if not 2 <= len(parts) <= 5:
        return None
    if precise_key(parts[0]).strip(".:") in _NOT_FIRST_NAME:
        return None
    names = [w for w in parts if not _INITIAL.match(w)]
    if not names or len(names) < len(parts) - 2 or any(len(w) < 2 for w in names):
        return None
    if not all(_NAME_WORD.match(w) and w[0].isupper() for w in names):
        return None
    if not all(_INITIAL.match(w) and w[0].isupper() for w in parts if w not in names):
        return None
    if text.isupper():
        parts = [w if _INITIAL.match(w) else w[0] + w[1:].lower() for w in parts]
    name = " ".join(parts)
    return None if org_like(name) or is_account(name) else name


def initials(text: str) -> str | None:
    """Initials only ("L.D", "T.H.N", "N. V. A."): a signature that names nobody staff can
    look up."""
    text = text.strip().rstrip(".")
    if len(text) <= 12 and _INITIALS_ONLY.match(text) and "." in text and text.upper() == text:
        return text
    return None


def expand_unit(org: str) -> str:
    """ "TTKC Đắk Nông" -> "Trung tâm Khuyến công Đắk Nông"; other names as written."""
    org = org.strip(" .")
    key = fold(org)
    for abbreviation in sorted(_UNIT_ABBREVIATIONS, key=len, reverse=True):
        if key == abbreviation or key.startswith(abbreviation + " "):
            rest = org[len(abbreviation) :].strip()
            return (_UNIT_ABBREVIATIONS[abbreviation] + " " + rest).strip()
    return org


@dataclass
class Byline:
    authors: list  # names or {name, organization} mappings
    note: str = ""


def parse_byline(line: str) -> Byline | None:
    """The authors a byline names, or None if the line is not a byline."""
    text = _BYLINE_PREFIX.sub("", line.strip()).strip()
    text = text.rstrip(". ").strip()
    if not text or words(text) > 16:
        return None
    if (only := initials(text)) is not None:
        return Byline(
            [only],
            f"dòng ký tên chỉ có chữ viết tắt '{only}': ghi họ tên đầy đủ của người viết nếu "
            "biết (hỏi đơn vị đã đăng bài), hoặc giữ nguyên nếu cổng tin cũ vẫn ký như vậy",
        )
    org = None
    m = re.match(r"^(.*?)\s*(?:[-–—|/]\s*|\(\s*)(.+?)\)?$", text)
    if m and person_name(m[1]):
        name_part, org = m[1], m[2].strip(" ()")
    else:
        name_part = text
    names = [p.strip() for p in re.split(r"\s*(?:,|;|&|\bvà\b)\s*", name_part) if p.strip()]
    persons = [person_name(n) for n in names]
    if not names or not all(persons):
        return None
    if org is not None and person_name(org) and not org.isupper() and not org_like(org):
        persons.append(person_name(org))  # "Minh Vân - Ngân Trần": two writers
        org = None
    if org is None:
        return Byline(list(persons))
    unit = expand_unit(org)
    if fold(unit) in (fold(v) for v in _UNIT_ABBREVIATIONS.values()) or re.fullmatch(
        r"[A-ZĐ][A-ZĐ0-9&.]{1,11}", org
    ):
        return Byline(
            list(persons),
            f"dòng ký tên '{line.strip()}': không biết '{org}' là đơn vị nào (đơn vị nào, "
            "tỉnh nào?) nên chỉ ghi tên người viết; nếu biết, ghi thêm đơn vị dạng "
            f"{{name: {persons[0]}, organization: …}}",
        )
    return Byline([{"name": p, "organization": unit} for p in persons])


def account_byline(line: str) -> bool:
    """ "Viết bởi Administrator": a byline naming the portal's account, not a person."""
    text = _BYLINE_PREFIX.sub("", line.strip()).strip()
    return text != line.strip() and is_account(text)


def parse_source_line(block: Block) -> dict | None:
    """{name[, url]} of a "Theo …"/"Nguồn: …" line, or None."""
    m = _SOURCE_LINE.match(block.text)
    if m is None or words(block.text) > 12:
        return None
    name = m[1].strip().rstrip(")").strip()
    if not name or not (name[0].isupper() or name[0].isdigit() or SITE_PREFIX.match(name + " - x")):
        return None
    if re.search(r"[.!?…;:]\s", name) or ends_sentence(name.rstrip(".")) or "," in name:
        return None
    source = {"name": name}
    urls = [href for _, href in block.links if re.match(r"^https?://", href)]
    if len(urls) == 1:
        source["url"] = urls[0]
    return source


def is_source_line(text: str) -> bool:
    return bool(_SOURCE_LINE.match(text))
