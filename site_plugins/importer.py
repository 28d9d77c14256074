"""``khuyencong import``: legacy articles (text copied from old provincial portals, or saved HTML
pages) turned into article files of the portal.

The importer finds the title, the dateline, the lead (``summary``), paragraphs, numbered lists,
photo captions, the byline and "Theo …" sources; drops portal chrome (logos, menus, share
buttons, "Tin khác" lists); and proposes ``province`` and ``category`` from the text. It never
invents: every guess it is not sure of is marked for review (``# CẦN KIỂM TRA: …`` in the
front-matter, with the reason in Vietnamese) and such an article is written as a draft.

Files are written with ``writer.write_new``: atomically, never over an existing file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from . import writer
from .frontmatter import MARKUP, parse_date
from .model import VN_TZ, Precision
from .text import fold, nfc, slugify
from .vocab import Vocabulary, lookup_key

__all__ = [
    "Imported",
    "ImportFailure",
    "Report",
    "read_legacy",
    "import_text",
    "import_html",
    "import_file",
    "import_paths",
]

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
UNDATED_DIR = "chua-ro-ngay"

DRAFT_NOTE = (
    "bài nhập tự động còn trường cần kiểm tra nên để ở dạng nháp (chỉ hiện khi xem trước); "
    "kiểm tra xong các trường đánh dấu thì xóa dòng này để đăng"
)


# ============================================================================ public types


@dataclass
class Imported:
    """One legacy article turned into the content of an article file."""

    source: Path  # the input file
    fields: dict  # front-matter fields for writer.article_text
    body: str  # Markdown body
    review: dict[str, str]  # field -> why it needs checking (Vietnamese)
    relpath: str  # "tin-tuc/<year>/<slug>.md", or "chua-ro-ngay/<slug>.md" with no date

    def text(self) -> str:
        """The article file's text, review marks included."""
        return writer.article_text(self.fields, self.body, self.review)


class ImportFailure(Exception):
    """A file that cannot be imported; ``str()`` names the file and says why, in Vietnamese."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class Report:
    """What ``import_paths`` did. ``imported`` lists every article written (source, target),
    those needing review included; ``needs_review`` is the part of them with fields to check;
    ``failed`` lists the inputs not written, with the reason."""

    imported: list[tuple[Path, Path]] = field(default_factory=list)
    needs_review: list[tuple[Path, Path, dict]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = []
        for source, target, review in self.needs_review:
            reasons = "; ".join(f"{k}: {v}" for k, v in review.items() if k != "draft")
            lines.append(f"- cần kiểm tra {target} (từ {source}): {reasons}")
        for source, reason in self.failed:
            lines.append(f"- lỗi {source}: {reason}")
        head = (
            f"Đã nhập {len(self.imported)} bài; {len(self.needs_review)} bài cần kiểm tra; "
            f"{len(self.failed)} tệp lỗi"
        )
        if self.needs_review:
            lines.append(
                "Bài cần kiểm tra được ghi ở dạng nháp (draft: true): tìm dòng "
                f"'# {writer.REVIEW}' trong phần đầu của bài, sửa rồi xóa dòng draft."
            )
        return head + (":\n" + "\n".join(lines) if lines else ".")


# ================================================================================= reading

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_legacy(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM, or UTF-16 with BOM), else the charset an
    HTML page declares, else Windows-1258; NFC, LF line ends, no-break spaces as spaces.

    Raises ImportFailure (Vietnamese, naming the file) for a missing, empty, binary or
    undecodable file.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(path, "không tìm thấy tệp.") from None
    except IsADirectoryError:
        raise ImportFailure(path, "là một thư mục, không phải tệp.") from None
    except OSError as exc:
        raise ImportFailure(path, f"không đọc được tệp ({exc.strerror or exc}).") from None
    return _decode(raw, path)


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailure(path, "không đọc được: tệp UTF-16 bị hỏng.") from None
    elif not raw.strip():
        raise ImportFailure(path, "tệp trống, không có nội dung để nhập.")
    elif b"\x00" in raw:
        raise ImportFailure(
            path, "không phải tệp văn bản (có byte 0); chỉ nhập được tệp .txt và .html."
        )
    else:
        text = _decode_8bit(raw, path)
    text = _normalise(text)
    if _CONTROL.search(text):
        raise ImportFailure(
            path, "có ký tự điều khiển lạ: có lẽ không phải tệp văn bản hoặc sai bảng mã."
        )
    if not text.strip():
        raise ImportFailure(path, "tệp trống, không có nội dung để nhập.")
    return text


def _decode_8bit(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    encodings = []
    if m := _META_CHARSET.search(raw[:4096]):
        try:
            declared = codecs.lookup(m[1].decode("ascii")).name
        except LookupError:
            declared = None
        if declared and declared not in ("utf-8", "cp1258"):
            encodings.append(declared)
    encodings.append("cp1258")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    byte = raw[first_error.start]
    raise ImportFailure(
        path,
        "không đọc được: tệp không phải UTF-8 cũng không phải Windows-1258 (byte "
        f"0x{byte:02X} ở vị trí {first_error.start}). Hãy mở tệp và lưu lại dạng UTF-8.",
    )


def _normalise(text: str) -> str:
    """LF line ends, no invisible characters, NFC, odd spaces (U+00A0 …) as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(_INVISIBLE.sub("", text))


def _squash(text: str) -> str:
    return " ".join(text.split())


# ================================================================================== blocks


@dataclass
class _Block:
    """One line of text of the page: a paragraph, list item, caption, heading …"""

    text: str
    kind: str = "p"  # p, h1, heading, ol, ul, caption
    number: int | None = None  # number of an ordered-list item written in the text
    lead: bool = False  # the page marks it as the lead (class "sapo", "lead" …)
    byline: bool = False  # the page marks it as the author
    date_hint: bool = False  # the page marks it as a date
    after_image: bool = False  # directly follows an <img>
    italic: bool = False  # all of it in <em>/<i>
    link_only: bool = False  # (almost) all of it is link text
    links: tuple[tuple[str, str], ...] = ()  # (text, href)
    continued: bool = False  # a further line (<br>) of the caption before it


_ORDERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^[-+•●▪*–]\s+(\S.*)$")
_CLOSERS = "\"'”’»)]} "


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";"))


def _words(text: str) -> int:
    return len(text.split())


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "\"'“‘(":
            return False
    return False


# ------------------------------------------------------------------------------ chrome

# Lines made only of these (folded, punctuation ignored) are portal chrome.
_CHROME_WORDS = [
    "logo", "quang cao", "chia se", "chia se bai viet", "facebook", "zalo", "twitter",
    "linkedin", "google", "pinterest", "tweet", "like", "share", "in bai", "in bai viet",
    "ban in", "in", "print", "gui email", "gui mail", "gui bai", "gui cho ban be", "email",
    "luu bai", "luu", "binh luan", "y kien ban doc", "trang chu", "home", "gioi thieu",
    "tin tuc", "tin tuc su kien", "lien he", "so do trang", "sitemap", "rss", "dang nhap",
    "dang ky", "tim kiem", "ve dau trang", "len dau trang", "dau trang", "quay lai", "tro ve",
    "top", "co chu", "font", "a", "xem them", "doc them", "nghe doc bai", "copy link",
    "sao chep lien ket", "sao chep", "van ban", "hoi dap", "thu vien anh", "video",
    "english", "tieng viet", "menu", "dong", "mo", "luot xem", "\\d+",
]  # fmt: skip
_CHROME_LINE = re.compile(
    r"^(?:(?:" + "|".join(sorted(_CHROME_WORDS, key=len, reverse=True)) + r")(?:\s+|$))+$"
)
# A line equal to one of these (folded, punctuation ignored) ends the article: what follows
# is a list of other articles or the site's footer.
_TERMINATORS = {
    "cac tin tuc khac cung chuyen muc", "cac tin khac cung chuyen muc", "tin cung chuyen muc",
    "tin khac cung chuyen muc", "bai cung chuyen muc", "cac bai cung chuyen muc",
    "cac tin khac", "tin khac", "cac tin tuc khac", "tin tuc khac", "cac bai viet da dang",
    "cac bai da dang", "bai viet da dang", "tin da dang", "cac tin da dang", "cac tin da dua",
    "tin da dua", "bai viet lien quan", "cac bai viet lien quan", "tin lien quan",
    "cac tin lien quan", "tin bai lien quan", "tin moi hon", "tin cu hon", "cac tin cu hon",
    "cac tin moi hon", "tin moi", "tin moi nhat", "tin xem nhieu", "tin doc nhieu",
    "xem nhieu nhat", "doc nhieu nhat", "bai viet khac", "cac bai viet khac",
}  # fmt: skip
_TERMINATOR_START = re.compile(r"^(?:©|\(c\)|ban quyen|copyright)")
_DROPPED_START = re.compile(r"^(?:tu khoa|tags?|the)\s*:|^trang chu\s*[>»›/|]")


def _plain_key(text: str) -> str:
    """Folded text with punctuation as spaces, for comparing chrome phrases."""
    return _squash(re.sub(r"[^\w©]+", " ", fold(text)))


def _is_chrome(text: str) -> bool:
    key = _plain_key(text)
    if not key:
        return not any(ch.isalnum() for ch in text)
    if _DROPPED_START.match(fold(text)):
        return True
    # Numbers alone are page numbers or view counts, but a date is not chrome.
    return bool(_CHROME_LINE.match(key)) and parse_dateline(text) is None


def _is_terminator(text: str) -> bool:
    key = _plain_key(text)
    return key in _TERMINATORS or bool(_TERMINATOR_START.match(fold(text)))


# ================================================================================== dates


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    f = fold(c)
    if len(f) == 1:
        return f
    return " " if c.isspace() else c


def _fold_aligned(text: str) -> str:
    """``fold`` character by character: same length as ``text``, so positions carry over."""
    return "".join(map(_fold_char, text))


_WEEKDAY = re.compile(
    r"\b(?:thu\s*(hai|ba|tu|nam|sau|bay|[2-7])|(chu\s*nhat|cn))\b",
)
_WEEKDAY_NUMBER = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2, "nam": 3, "5": 3,
                   "sau": 4, "6": 4, "bay": 5, "7": 5}  # fmt: skip
_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])"
_DMY_WORDS = r"(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,|\s)\s*(?:nam\s+)?(\d{4})(?!\d)"
_MY = r"thang\s+(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})(?![\d/])"
_TIME = re.compile(r"(?<![\d/])(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*\d{2})?(?:\s*(am|pm|sa|ch)\b)?")
_DATE_ANY = re.compile(rf"(?:ngay\s+)?(?:{_DMY}|{_DMY_WORDS})|(?:{_MY})")
_FILLER = re.compile(
    r"\b(?:ngay\s+dang|ngay\s+cap\s+nhat|cap\s+nhat(?:\s+luc)?|dang\s+ngay|dang\s+luc|"
    r"dang\s+tai|dang|ngay|luc|vao\s+luc|gio|thoi\s+gian|posted|updated|luot\s+(?:xem|doc)"
    r"\s*:?\s*\d+|gmt\s*\+\s*0?7(?::?00)?|\+0?7:?00|utc\s*\+\s*0?7)(?=\W|$)"
)
_PARAGRAPH_DATE = re.compile(
    rf"^(?:(?:sang|chieu|toi|trua|dem)\s+)?(?:ngay\s+)?(?:{_DMY}|{_DMY_WORDS})(?=[\s,.;:]|$)"
    rf"|^(?:trong\s+|vao\s+)?{_MY}(?=[\s,.;:]|$)"
)
_RANGE = re.compile(
    r"(\d{1,2})\s*(?:-|–|—|den(?:\s+ngay)?)\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])"
)
_MENTIONS = re.compile(rf"{_DMY}|{_DMY_WORDS}|{_MY}")


@dataclass(frozen=True)
class _Date:
    text: str  # front-matter value: 2017-02-24, 2022-01, 2011-09-16T09:12:00+07:00
    precision: Precision
    note: str = ""  # why the date needs checking ('' when it is certain)

    @property
    def moment(self) -> datetime:
        return parse_date(self.text).moment


def _make_date(y: int, m: int, d: int | None, hh: int | None = None, mm: int = 0) -> _Date | None:
    """A checked date at the precision given, or None if no such day/month exists."""
    if not 1990 <= y <= 2100:
        return None
    if d is None:
        text, precision = f"{y:04d}-{m:02d}", Precision.MONTH
    elif hh is None:
        text, precision = f"{y:04d}-{m:02d}-{d:02d}", Precision.DAY
    else:
        if hh > 23 or mm > 59:
            return None
        try:
            text = datetime(y, m, d, hh, mm, tzinfo=VN_TZ).isoformat()
        except ValueError:
            return None
        precision = Precision.MINUTE
    try:
        parse_date(text)
    except ValueError:
        return None
    return _Date(text, precision)


def _groups_to_ymd(m: re.Match) -> tuple[int, int, int | None] | None:
    g = [int(x) if x else None for x in m.groups()]
    # _DMY (3 groups), _DMY_WORDS (3 groups), _MY (2 groups), in the order they were joined.
    if g[0] is not None:
        return g[2], g[1], g[0]
    if g[3] is not None:
        return g[5], g[4], g[3]
    if g[6] is not None:
        return g[7], g[6], None
    return None


def parse_dateline(line: str) -> _Date | None:
    """A line that is only a date (with weekday, time, "Ngày đăng:" …), or None.

    "Ngày 24/02/2017", "Tháng 01/2022", "09:12 (16/09/2011)", "16/09/2011 09:12",
    "Thứ Hai, 24/02/2017", "Thứ Sáu, 16 tháng 9, 2011 lúc 09:12".
    """
    if len(line) > 80:
        return None
    s = _fold_aligned(line)
    m = _DATE_ANY.search(s)
    if m is None:
        return None
    ymd = _groups_to_ymd(m)
    if ymd is None:
        return None
    rest = s[: m.start()] + " " + s[m.end() :]
    hh = mm = None
    if (t := _TIME.search(rest)) is not None and ymd[2] is not None:
        hh, mm = int(t[1]), int(t[2])
        if t[3] in ("pm", "ch") and hh < 12:
            hh += 12
        elif t[3] in ("am", "sa") and hh == 12:
            hh = 0
        rest = rest[: t.start()] + " " + rest[t.end() :]
    weekday = None
    if (w := _WEEKDAY.search(rest)) is not None:
        weekday = 6 if w[2] else _WEEKDAY_NUMBER[w[1]]
        rest = rest[: w.start()] + " " + rest[w.end() :]
    rest = _FILLER.sub(" ", rest)
    if re.sub(r"[\s,.;:|()\[\]\-–—/]", "", rest):
        return None  # more than a date on the line
    y, mo, d = ymd
    date = _make_date(y, mo, d, hh, mm or 0)
    if date is None:
        return None
    if weekday is not None and d is not None and date.moment.weekday() != weekday:
        actual = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
        return _Date(
            date.text,
            date.precision,
            f"dòng ngày '{line}' ghi thứ không khớp: {d:02d}/{mo:02d}/{y} là "
            f"{actual[date.moment.weekday()]}; kiểm tra lại ngày đăng",
        )
    return date


def _paragraph_date(text: str) -> tuple[_Date, str] | None:
    """The date a paragraph starts with ("Tháng 8/2023, …", "Ngày 24/02/2017, …")."""
    m = _PARAGRAPH_DATE.match(_fold_aligned(text))
    if m is None:
        return None
    ymd = _groups_to_ymd(m)
    if ymd is None:
        return None
    date = _make_date(*ymd)
    return (date, text[: m.end()].strip()) if date else None


def _mentioned_month(texts: Iterable[str]) -> tuple[_Date, str] | None:
    """The latest month any date, date range or month of the texts falls in, and the words
    that named it."""
    best: tuple[tuple[int, int], str] | None = None
    for text in texts:
        folded = _fold_aligned(text)
        spans = [(m.start(), m.end(), int(m[4]), int(m[3])) for m in _RANGE.finditer(folded)]
        for m in _MENTIONS.finditer(folded):
            if any(a <= m.start() < b for a, b, _, _ in spans):
                continue
            if ymd := _groups_to_ymd(m):
                spans.append((m.start(), m.end(), ymd[0], ymd[1]))
        for a, b, y, mo in spans:
            if _make_date(y, mo, None) is not None and (best is None or (y, mo) > best[0]):
                best = ((y, mo), text[a:b].strip())
    if best is None:
        return None
    (y, mo), quoted = best
    date = _make_date(y, mo, None)
    assert date is not None
    return date, quoted


# ========================================================================= bylines, sources

_BYLINE_PREFIX = re.compile(
    r"^(?:(?:bài|tin|ảnh|bài viết|tin bài)(?:\s*(?:,|và|&|\+)\s*(?:ảnh|bài|video|clip))?"
    r"|tác giả|người viết|thực hiện|nhóm pv|pv)\s*[:：]\s*",
    re.I,
)
_SOURCE_LINE = re.compile(r"^(?:theo\s+|nguồn(?:\s+tin)?\s*:?\s*)(\S.*?)\s*\.?$", re.I)
_SITE_PREFIX = re.compile(
    r"^\(?((?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,6})\)?\s*[-–—:]\s+(?=\S)"
)
_ORG_WORDS = (
    "trung tam", "so ", "cuc ", "bo ", "ban ", "phong ", "ubnd", "uy ban", "bao ", "tap chi",
    "hoi ", "cong ty", "hop tac xa", "vien ", "truong ", "dai ", "cong thong tin", "tong cuc",
    "chi cuc", "van phong", "doanh nghiep",
)  # fmt: skip
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*$")


def _org_like(text: str) -> bool:
    key = fold(text) + " "
    return key.startswith(_ORG_WORDS)


def _person_name(text: str) -> str | None:
    """A person's name as a byline writes it (2 to 5 capitalised words), title-cased if it was
    all capitals ("NGÂN TRẦN" -> "Ngân Trần"); None if it is not one."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return None
    if not all(_NAME_WORD.match(w) and w[0].isupper() for w in words):
        return None
    if text.isupper():
        words = [w[0] + w[1:].lower() for w in words]
    name = " ".join(words)
    return None if _org_like(name) else name


@dataclass
class _Byline:
    authors: list  # names or {name, organization} mappings
    note: str = ""


def _parse_byline(line: str) -> _Byline | None:
    text = _BYLINE_PREFIX.sub("", line.strip()).strip()
    text = text.rstrip(". ").strip()
    if not text or _words(text) > 16:
        return None
    org = None
    m = re.match(r"^(.*?)\s*(?:[-–—|/]\s*|\(\s*)(.+?)\)?$", text)
    if m and _person_name(m[1]):
        name_part, org = m[1], m[2].strip(" ()")
    else:
        name_part = text
    names = [p.strip() for p in re.split(r"\s*(?:,|;|&|\bvà\b)\s*", name_part) if p.strip()]
    persons = [_person_name(n) for n in names]
    if not names or not all(persons):
        return None
    if org is not None and _person_name(org) and not org.isupper() and not _org_like(org):
        persons.append(_person_name(org))  # "Minh Vân - Ngân Trần": two writers
        org = None
    if org is None:
        return _Byline(list(persons))
    if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&.]{1,11}", org):
        return _Byline(
            list(persons),
            f"dòng ký tên '{line.strip()}': không biết '{org}' là đơn vị nào (đơn vị nào, "
            "tỉnh nào?) nên chỉ ghi tên người viết; nếu biết, ghi thêm đơn vị dạng "
            f"{{name: {persons[0]}, organization: …}}",
        )
    return _Byline([{"name": p, "organization": org} for p in persons])


def _parse_source_line(block: _Block) -> dict | None:
    m = _SOURCE_LINE.match(block.text)
    if m is None or _words(block.text) > 12:
        return None
    name = m[1].strip()
    if not name or not (
        name[0].isupper() or name[0].isdigit() or _SITE_PREFIX.match(name + " - x")
    ):
        return None
    if re.search(r"[.!?…;:]\s", name) or _ends_sentence(name.rstrip(".")):
        return None
    source = {"name": name}
    urls = [href for text, href in block.links if re.match(r"^https?://", href)]
    if len(urls) == 1:
        source["url"] = urls[0]
    return source


# ============================================================================ vocabularies

_WEIGHTS = {"title": 3, "lead": 2, "body": 1}
# Family and middle names, as written: a province name right after one is part of a person's
# name ("Nguyễn Thị Thái Bình", "Trần Hải Dương"). Exact words, so "Thủ Đô Hà Nội" is a place.
_NAME_BEFORE = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Mai", "Trương", "Lâm", "Cao", "Châu", "Tạ",
    "Lưu", "Quách", "Trịnh", "Tô", "Kiều", "Lương", "Vương", "Thị", "Văn", "Hữu", "Đức",
    "Ngọc", "Xuân", "Kim",
}  # fmt: skip
# A one-word name ("Huế") counts only after a unit word: "tỉnh Huế", "TP Huế", "thành phố Huế",
# "cố đô Huế" (not "phố Huế", a street of Hà Nội, nor "chị Huế").
_UNIT_BEFORE = {("tinh",), ("tp",), ("thanh", "pho"), ("co", "do")}
# Words that may stand between "khuyến công" and the province in a centre's name.
_CENTRE_WORDS = {"va", "tu", "van", "phat", "trien", "cong", "nghiep", "ptcn", "tinh", "thanh",
                 "pho", "tp", "xuc", "tien", "thuong", "mai"}  # fmt: skip
_NOT_PLACE = {("chu", "tich"), ("bac",), ("tu", "tuong"), ("dao", "duc"), ("phong", "cach"),
              ("lang",), ("tuong",)}  # fmt: skip
_GAP_OK = re.compile(r"^[\s\-–—]*$")

_CATEGORY_KEYWORDS = {
    "mang-luoi-cong-tac-vien": ["cong tac vien", "ctv"],
    "dao-tao-tap-huan": ["tap huan", "dao tao", "boi duong", "khoi su doanh nghiep"],
    "tham-quan-trao-doi-kinh-nghiem": [
        "hoc tap kinh nghiem", "trao doi kinh nghiem", "chia se kinh nghiem", "doan cong tac",
        "tham quan", "khao sat",
    ],
    "hoi-nghi-tong-ket": [
        "hoi nghi tong ket", "hoi nghi so ket", "hop tong ket", "hoi nghi", "hoi thao",
        "tong ket", "so ket",
    ],
    "cum-cong-nghiep": ["cum cong nghiep", "ccn"],
    "san-pham-cnnt-tieu-bieu": [
        "san pham cong nghiep nong thon tieu bieu", "san pham cnnt tieu bieu", "cnnttb",
        "binh chon san pham", "hoi cho", "trien lam", "trung bay san pham",
    ],
    "chinh-sach-ke-hoach": [
        "chinh sach khuyen cong", "nghi dinh", "thong tu", "van ban phap luat",
        "ke hoach khuyen cong",
    ],
    "chuong-trinh-de-an": [
        "de an khuyen cong", "mo hinh trinh dien", "chuyen giao cong nghe", "may moc thiet bi",
        "chuong trinh khuyen cong",
    ],
}  # fmt: skip


@dataclass
class _Tokens:
    text: str
    words: list[tuple[int, int, str]]  # start, end, original word
    folded: list[str]

    @classmethod
    def of(cls, text: str) -> _Tokens:
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
        return cls(text, words, [fold(w) for _, _, w in words])

    def gap_ok(self, i: int) -> bool:
        """Only spaces or dashes between word i-1 and word i."""
        return _GAP_OK.match(self.text[self.words[i - 1][1] : self.words[i][0]]) is not None


@lru_cache(maxsize=8)
def _province_index(vocab: Vocabulary) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First folded word -> [(folded words, spelling)], longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    spellings = [s for f in vocab.former for s in (f.name, *f.aliases)]
    spellings += [s for p in vocab.provinces for s in (p.name, *p.aliases)]
    seen = set()
    for spelling in spellings:
        tokens = tuple(lookup_key(spelling).split())
        if tokens and tokens not in seen:
            seen.add(tokens)
            index.setdefault(tokens[0], []).append((tokens, spelling))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _province_mentions(
    tokens: _Tokens, vocab: Vocabulary, moment: datetime | None
) -> list[tuple[int, str]]:
    """(index of first word, display name) of every province named in the text."""
    index = _province_index(vocab)
    found = []
    words, folded = tokens.words, tokens.folded
    i = 0
    while i < len(folded):
        match = None
        for spelled, spelling in index.get(folded[i], ()):
            k = len(spelled)
            if tuple(folded[i : i + k]) != spelled:
                continue
            if not all(words[j][2][0].isupper() for j in range(i, i + k)):
                continue
            if not all(tokens.gap_ok(j) for j in range(i + 1, i + k)):
                continue
            match = (k, spelling)
            break
        if match is None:
            i += 1
            continue
        k, spelling = match
        before = folded[max(0, i - 2) : i]
        prev_word = words[i - 1][2] if i else ""
        name = _display_name(vocab, spelling, moment)
        single = words[i][2]
        if (
            nfc(prev_word) in _NAME_BEFORE
            or (name == "Hồ Chí Minh" and any(tuple(before[-len(p) :]) == p for p in _NOT_PLACE))
            or (
                k == 1
                and not (single.isupper() and len(single) > 1)
                and len(single) < 6
                and not any(tuple(before[-len(u) :]) == u for u in _UNIT_BEFORE)
            )
        ):
            i += k
            continue
        if name:
            found.append((i, name))
        i += k
    return found


def _display_name(vocab: Vocabulary, spelling: str, moment: datetime | None) -> str | None:
    match = vocab.province(spelling, moment)
    if match.ref is not None:
        return match.ref.display_name
    if match.dissolved is not None:  # a former unit named in an article after the merger
        return match.dissolved.became
    return None


def _home_province(tokens: _Tokens, mentions: list[tuple[int, str]]) -> str | None:
    """The province in the name of the Trung tâm Khuyến công the text is about (the centre
    that wrote or hosted it): "Trung tâm Khuyến công và Tư vấn PTCN tỉnh Bình Dương"."""
    at = dict(mentions)
    f = tokens.folded
    for i in range(len(f) - 1):
        if f[i] == "khuyen" and f[i + 1] == "cong":
            j = i + 2
            while j < len(f) and j not in at and f[j] in _CENTRE_WORDS and tokens.gap_ok(j):
                j += 1
            if j in at and j < len(f) and tokens.gap_ok(j):
                return at[j]
    return None


def _propose_provinces(
    sections: dict[str, str], vocab: Vocabulary, moment: datetime | None
) -> tuple[list[str], str]:
    """Province names (main first) and why they need checking ('' if sure)."""
    counts: dict[str, dict[str, int]] = {}
    order: dict[str, int] = {}
    home = None
    position = 0
    for section, text in sections.items():
        tokens = _Tokens.of(text)
        mentions = _province_mentions(tokens, vocab, moment)
        for i, name in mentions:
            counts.setdefault(name, dict.fromkeys(_WEIGHTS, 0))[section] += 1
            order.setdefault(name, position + i)
        if home is None and section in ("title", "lead"):
            home = _home_province(tokens, mentions)
        position += len(tokens.words) + 1
    if not counts:
        return [], (
            "không thấy tên tỉnh/thành nào trong bài; ghi tỉnh của đơn vị viết bài "
            "(bài trước 1/7/2025 ghi tên tỉnh cũ)"
        )
    score = {n: sum(_WEIGHTS[s] * c for s, c in cs.items()) for n, cs in counts.items()}
    ranked = sorted(
        counts,
        key=lambda n: (-score[n], -counts[n]["title"], -counts[n]["lead"], order[n]),
    )
    top = score[ranked[0]]
    chosen = [n for n in ranked if score[n] >= 2 or top < 4]
    if home in chosen:
        chosen.remove(home)
        chosen.insert(0, home)

    def told(n: str) -> str:
        c = counts[n]
        labels = (("title", "tiêu đề"), ("lead", "sapo"), ("body", "thân bài"))
        parts = [f"{label} {c[s]} lần" for s, label in labels if c[s]]
        return f"{n} ({', '.join(parts)})"

    if len(chosen) > 1:
        why = (
            "là tỉnh của Trung tâm Khuyến công trong bài"
            if chosen[0] == home
            else "được nhắc nhiều nhất"
        )
        return chosen, (
            f"bài nhắc nhiều tỉnh: {'; '.join(told(n) for n in chosen)}. Đã ghi "
            f"{chosen[0]} làm tỉnh chính vì {why}; kiểm tra tỉnh chính và bỏ tỉnh không liên quan"
        )
    if top < 2:
        return chosen, f"chỉ thấy {told(chosen[0])}: chưa chắc đây là tỉnh của bài"
    return chosen, ""


def _phrase_counts(text: str, phrases: list[tuple[tuple[str, ...], str]]) -> dict[str, int]:
    """Non-overlapping matches of folded phrases (longest first) -> count per category slug."""
    f = _Tokens.of(text).folded
    result: dict[str, int] = {}
    i = 0
    while i < len(f):
        for words, slug in phrases:
            if tuple(f[i : i + len(words)]) == words:
                result[slug] = result.get(slug, 0) + 1
                i += len(words)
                break
        else:
            i += 1
    return result


def _propose_category(sections: dict[str, str], vocab: Vocabulary) -> tuple[str, str]:
    """Category name and why it needs checking ('' if sure)."""
    phrases = [
        (tuple(p.split()), slug)
        for slug, keywords in _CATEGORY_KEYWORDS.items()
        if slug in vocab.category_by_slug
        for p in keywords
    ]
    phrases.sort(key=lambda e: -len(e[0]))
    per_section = {s: _phrase_counts(t, phrases) for s, t in sections.items()}
    slugs = {slug for counts in per_section.values() for slug in counts}
    if not slugs:
        return "", (
            "không nhận ra chuyên mục từ nội dung; chọn một chuyên mục "
            "(xem: khuyencong vocab categories)"
        )

    def key(slug: str) -> tuple[int, int, int]:
        return tuple(per_section[s].get(slug, 0) for s in ("title", "lead", "body"))

    ranked = sorted(slugs, key=lambda s: (key(s), -list(_CATEGORY_KEYWORDS).index(s)),
                    reverse=True)  # fmt: skip
    best = ranked[0]
    name = vocab.category_by_slug[best].name

    def told(slug: str) -> str:
        t, lead, b = key(slug)
        return (
            f"{vocab.category_by_slug[slug].name} (từ khóa: tiêu đề {t}, sapo {lead}, thân bài {b})"
        )

    if len(ranked) > 1:
        second = ranked[1]
        (t1, l1, b1), (t2, l2, b2) = key(best), key(second)
        if (t1, l1, b1) == (t2, l2, b2):
            return name, f"hai chuyên mục ngang nhau: {told(best)} và {told(second)}"
        if (t1, l1) == (t2, l2):
            return name, (
                f"tiêu đề và sapo không phân biệt được {told(best)} với {told(second)}; "
                "chỉ dựa vào thân bài"
            )
        if t1 == t2 and l1 - l2 <= 1 and b2 >= b1:
            return name, f"có thể là {told(best)} hoặc {told(second)}"
    if key(best)[:2] == (0, 0):
        return name, f"chỉ dựa vào vài từ trong thân bài: {told(best)}"
    return name, ""


# ============================================================================= the pipeline

_CAPTION_WORDS = 35  # longer lines without a full stop are paragraphs, not captions


def _split_lists(blocks: list[_Block]) -> None:
    """Numbered and bulleted lines of plain paragraphs become list items."""
    for b in blocks:
        if b.kind != "p":
            continue
        if m := _ORDERED.match(b.text):
            b.kind, b.number, b.text = "ol", int(m[1]), m[2]
        elif m := _BULLET.match(b.text):
            b.kind, b.text = "ul", m[1]


def _caption_like(b: _Block, structured: bool) -> bool:
    """A photo caption: known from the markup, or a short line that is not a sentence (in HTML
    only right under an image or in italics)."""
    if b.kind == "caption":
        return True
    if b.kind != "p" or _ends_sentence(b.text) or _words(b.text) > _CAPTION_WORDS:
        return False
    return (b.after_image or b.italic) if structured else True


@dataclass
class _Item:
    kind: str  # p, ol, ul, caption
    lines: list[str]  # a caption may have several lines (joined with <br>)
    number: int | None = None

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _body_items(blocks: list[_Block], structured: bool) -> list[_Item]:
    """The body's paragraphs, list items and captions; a caption split over two lines (the
    second starting lower-case) is one caption, a paragraph split that way one paragraph."""
    items: list[_Item] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if b.kind in ("ol", "ul"):
            items.append(_Item(b.kind, [b.text], b.number))
            continue
        if not _caption_like(b, structured):
            items.append(_Item("p", [b.text]))
            continue
        item = _Item("caption", [b.text])
        while i < len(blocks):
            nxt = blocks[i]
            if nxt.continued:
                item.lines.append(nxt.text)
            elif (
                b.kind == "caption"
                or nxt.kind != "p"
                or not _starts_lower(nxt.text)
                or _words(nxt.text) > _CAPTION_WORDS * 2
            ):
                break
            elif _ends_sentence(nxt.text):
                item = _Item("p", [" ".join(item.lines + [nxt.text])])  # "… của" / "tỉnh …."
                i += 1
                break
            else:
                item.lines.append(nxt.text)
            i += 1
        items.append(item)
    return items


_MD_CHARS = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|=+\s*$)")
_MD_NUMBER_START = re.compile(r"^(\d+)([.)])(\s|$)")


def _md(text: str) -> str:
    """Plain text as Markdown that shows the same text."""
    text = _MD_CHARS.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    text = _MD_NUMBER_START.sub(r"\1\\\2\3", text)
    if text.startswith("///"):
        text = "&#47;" + text[1:]  # not a pymdownx block fence
    elif _MD_LINE_START.match(text):
        text = "\\" + text
    return text


def _markdown(items: list[_Item]) -> str:
    """The body in the form of content/: paragraphs, lists, and each caption as an empty
    ``figure.kc-photo`` block followed by a ``caption`` block."""
    parts: list[str] = []
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind in ("ol", "ul"):
            lines = []
            n = 0
            while i < len(items) and items[i].kind == item.kind:
                if item.kind == "ol":
                    n = items[i].number if items[i].number is not None else n + 1
                    marker = f"{n}."
                else:
                    marker = "-"
                lines.append(f"{marker} {_md(items[i].text)}")
                i += 1
            parts.append("\n".join(lines))
            continue
        if item.kind == "caption":
            parts.append("/// html | figure.kc-photo\n///")
            parts.append("/// caption\n" + "<br>\n".join(map(_md, item.lines)) + "\n///")
        else:
            parts.append(_md(item.text))
        i += 1
    return "\n\n".join(parts) + ("\n" if parts else "")


@dataclass
class _Page:
    """What a reader of the input found, before the common analysis."""

    blocks: list[_Block]
    structured: bool  # from HTML: captions and lists are known from the markup
    title: str | None = None  # known title (HTML); None: the first line is the title
    dates: list[_Date] = field(default_factory=list)  # dates from the markup (<time>, meta)


def _analyse(page: _Page, source: Path, vocab: Vocabulary) -> Imported:
    review: dict[str, str] = {}
    blocks = []
    for b in page.blocks:
        b.text = _squash(b.text)
        if b.text:
            blocks.append(b)

    # -- title; chrome; everything from a "Tin khác" heading on ---------------------------------
    title = page.title
    start = -1
    if title:
        key = _plain_key(title)
        start = next((i for i, b in enumerate(blocks) if _plain_key(b.text) == key), -1)
    content: list[_Block] = []
    for b in blocks[max(start, 0) :]:
        if _is_terminator(b.text):
            if content:
                break
            continue  # a "Tin mới" box above the article: only that heading goes
        if _is_chrome(b.text) or (b.link_only and not _SOURCE_LINE.match(b.text)):
            continue
        content.append(b)
    if start >= 0:
        content = content[1:]  # the title's own block
    dateline: _Date | None = None
    if not title:
        # Plain text: the first line is the title (a dateline may stand above it).
        while len(content) > 1 and (found := parse_dateline(content[0].text)):
            dateline = dateline or found
            content = content[1:]
        if not content:
            raise ImportFailure(source, "không tìm thấy nội dung bài viết.")
        title = content.pop(0).text
    title = _squash(title)
    if _words(title) > 40 or (_ends_sentence(title) and _words(title) > 25):
        review["title"] = "dòng đầu tiên dài như một đoạn văn: kiểm tra xem có đúng là tiêu đề"

    # -- the dateline directly under the title -------------------------------------------------
    dateline_block = None
    for i, b in enumerate(content[:3]):
        near = i == 0 or (page.structured and (b.date_hint or _words(b.text) <= 12))
        if not near:
            break
        if (found := parse_dateline(b.text)) is not None:
            dateline, dateline_block = dateline or found, b
            break
    # Lines that are only a date (the dateline, "Cập nhật …", a date at the foot of the page)
    # are not article text; one away from the title is kept as a last resort.
    elsewhere: list[tuple[_Date, str]] = []
    kept = []
    for b in content:
        if (found := parse_dateline(b.text)) is None:
            kept.append(b)
        elif b is not dateline_block:
            elsewhere.append((found, b.text))
    content = kept
    if page.dates:
        marked = page.dates[0]
        if dateline is None:
            dateline = marked
        elif (
            dateline.precision is Precision.DAY
            and marked.precision is Precision.MINUTE
            and marked.text[:10] == dateline.text
            and not dateline.note
        ):
            dateline = marked  # the markup gives the time of the day the page shows

    # -- byline and "Theo …" at the end --------------------------------------------------------
    theo: dict | None = None
    byline: _Byline | None = None
    for b in list(content):
        if b.byline and byline is None and (parsed := _parse_byline(b.text)):
            byline = parsed
            content.remove(b)
    for _ in range(3):
        if not content:
            break
        last = content[-1]
        if theo is None and (found_source := _parse_source_line(last)):
            theo = found_source
        elif byline is None and last.kind == "p" and (parsed := _parse_byline(last.text)):
            byline = parsed
        else:
            break
        content.pop()

    _split_lists(content)

    # -- lead (summary) ------------------------------------------------------------------------
    lead = next((b for b in content[:4] if b.lead and b.kind in ("p", "heading")), None)
    if lead is None:
        lead = next(
            (b for b in content if b.kind == "p" and not _caption_like(b, page.structured)),
            None,
        )
    site = None
    if lead is not None and (m := _SITE_PREFIX.match(lead.text)):
        site = m[1]
        lead.text = lead.text[m.end() :]
    # A paragraph repeated right after itself or the lead (seed 001) is dropped.
    body_blocks: list[_Block] = []
    previous = ""
    for b in content:
        key = _plain_key(b.text)
        if b is not lead and key in (previous, _plain_key(lead.text) if lead else None):
            continue
        previous = key
        if b is not lead:
            body_blocks.append(b)
    summary = lead.text if lead is not None else ""
    if lead is not None and not body_blocks:
        body_blocks, summary = [lead], ""  # a one-paragraph article: keep it as the body
    items = _body_items(body_blocks, page.structured)
    body = _markdown(items)
    if not body.strip():
        raise ImportFailure(source, "không tìm thấy nội dung bài viết (chỉ có tiêu đề).")

    # -- date ----------------------------------------------------------------------------------
    paragraphs = ([summary] if summary else []) + [it.text for it in items if it.kind == "p"]
    date = dateline
    if date is None:
        date = next((found[0] for t in paragraphs if (found := _paragraph_date(t))), None)
    if date is None and elsewhere:
        found, line = elsewhere[0]
        date = _Date(
            found.text,
            found.precision,
            f"dòng ngày '{line}' không nằm ngay dưới tiêu đề: kiểm tra đây có đúng là ngày đăng",
        )
    if date is None:
        texts = paragraphs + [it.text for it in items if it.kind != "p"] + [title]
        if (mention := _mentioned_month(texts)) is not None:
            date = _Date(
                mention[0].text,
                Precision.MONTH,
                f"không có dòng ngày đăng; bài nhắc '{mention[1]}' nên tạm ghi tháng "
                f"{mention[0].text}; nếu biết ngày đăng, ghi đủ ngày",
            )
    if date is None:
        review["date"] = (
            "không tìm thấy ngày đăng trong bài; ghi dạng 2024-03-15, hoặc chỉ tháng 2022-01"
        )
    elif date.note:
        review["date"] = date.note
    moment = date.moment if date is not None else None

    # -- province and category -----------------------------------------------------------------
    sections = {"title": title, "lead": summary, "body": "\n".join(it.text for it in items)}
    provinces, why = _propose_provinces(sections, vocab, moment)
    if why:
        review["province"] = why
    category, why = _propose_category(sections, vocab)
    if why:
        review["category"] = why

    # -- author and sources --------------------------------------------------------------------
    sources = [s for s in (theo, {"name": site} if site else None) if s]
    if byline is not None:
        authors = byline.authors
        if byline.note:
            review["author"] = byline.note
    elif theo is not None:
        authors = [theo["name"]]  # a reprint is signed with the paper it comes from (seed 004)
    elif site is not None:
        authors = [site]
        review["author"] = f"bài không có dòng ký tên; tạm ghi trang nguồn '{site}' làm tác giả"
    else:
        authors = []
        review["author"] = (
            "không tìm thấy dòng ký tên (thường ở cuối bài); ghi tên người viết hoặc đơn vị"
        )
    for name, value in (("title", title), ("summary", summary)):
        if value and MARKUP.search(value) and name not in review:
            review[name] = "có ký tự giống mã HTML (<…> hoặc &…;): chỉ ghi văn bản thuần"

    fields: dict = {
        "title": title,
        "date": date.text if date is not None else "",
        "province": provinces[0] if len(provinces) == 1 else provinces,
        "category": category,
        "author": authors[0] if len(authors) == 1 else authors,
        "tags": [],  # editorial: left to staff, never guessed
        "summary": summary,
    }
    if sources:
        plain = len(sources) == 1 and set(sources[0]) == {"name"}
        fields["source"] = sources[0]["name"] if plain else sources
    if review:
        fields["draft"] = True
        review["draft"] = DRAFT_NOTE
    folder = f"tin-tuc/{date.text[:4]}" if date is not None else UNDATED_DIR
    return Imported(source, fields, body, review, f"{folder}/{_slug(title, source)}.md")


def _slug(title: str, source: Path) -> str:
    slug = slugify(title) or slugify(source.stem) or "bai-viet"
    if len(slug) > 150:  # file names stay well under the 255-byte limit
        slug = slug[:150].rsplit("-", 1)[0]
    return slug


# ============================================================================== text input


def import_text(text: str, source: Path, vocab: Vocabulary) -> Imported:
    """A legacy article copied as plain text (one paragraph per line, like the seeds)."""
    source = Path(source)
    text = _normalise(text)
    blocks = [_Block(line) for line in (_squash(x) for x in text.split("\n")) if line]
    if not blocks:
        raise ImportFailure(source, "tệp trống, không có nội dung để nhập.")
    return _analyse(_Page(blocks, structured=False), source, vocab)


# ============================================================================== HTML input

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "keygen"}  # fmt: skip
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_CLOSES_P = _BLOCK_TAGS - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "body",
                           "html", "li", "dd", "dt"}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "button", "select", "svg", "template", "object", "embed", "canvas",
              "head", "title", "textarea", "map", "audio", "video"}  # fmt: skip
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
_CHROME_CLASS = {
    "nav", "navbar", "navigation", "menu", "mainmenu", "topmenu", "submenu", "breadcrumb",
    "breadcrumbs", "share", "sharing", "social", "socials", "sidebar", "related", "relate",
    "other", "others", "khac", "tinkhac", "quangcao", "qc", "ads", "ad", "advert", "adv",
    "advertisement", "banner", "comment", "comments", "binhluan", "toolbar", "pagination",
    "pager", "search", "logo", "footer", "copyright", "tags", "tag", "keywords",
    "hotnews", "mostview", "xemnhieu", "tinmoi", "tinlienquan", "login", "widget", "header",
    "topbar", "masthead",
}  # fmt: skip
_CONTENT_CLASS = {"article", "news", "post", "entry", "detail", "content", "body", "story"}
_CAPTION_CLASS = {"caption", "chuthich", "figcaption", "imgdesc", "imagedesc", "photodesc",
                  "imagecaption", "imgcaption", "photocaption", "desc", "image_desc"}  # fmt: skip
_LEAD_CLASS = {"sapo", "lead", "summary", "description", "intro", "chapeau", "tomtat", "excerpt",
               "teaser", "abstract", "subtitle", "sapo_detail"}  # fmt: skip
_BYLINE_CLASS = {"author", "tacgia", "byline", "writer", "signature", "nguoiviet"}
_DATE_CLASS = {"date", "time", "ngay", "publish", "published", "posted", "datetime", "pubdate",
               "postdate", "ngaydang", "thoigian"}  # fmt: skip


def _class_parts(attrs: dict) -> set[str]:
    text = " ".join(attrs.get(a) or "" for a in ("class", "id", "itemprop")).lower()
    parts = set()
    for token in text.split():
        parts.add(token.replace("-", "").replace("_", ""))
        parts.update(p for p in re.split(r"[-_]", token) if p)
    return parts


class _TreeEvents(HTMLParser):
    """html.parser with the implied end tags of HTML (p, li, td …) made explicit: a flat list
    of balanced ("start", tag, attrs) / ("end", tag) / ("text", data) / ("void", tag, attrs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.stack: list[str] = []

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            self.events.append(("end", self.stack.pop()))

    def _nearest(self, tags: tuple[str, ...], stop: tuple[str, ...] = ()) -> int | None:
        """Stack index of the innermost open element among ``tags``, not looking past ``stop``."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i] in tags:
                return i
            if self.stack[i] in stop:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag in _VOID:
            self.events.append(("void", tag, attrs))
            return
        implied = (  # (closed by this tag, ... unless one of these is nearer)
            (("p",), ("table", "td", "th", "li")) if tag in _CLOSES_P else None,
            (("li",), ("ol", "ul")) if tag == "li" else None,
            (("td", "th"), ("tr", "table")) if tag in ("td", "th") else None,
            (("tr",), ("table",)) if tag == "tr" else None,
            (("dd", "dt"), ("dl",)) if tag in ("dd", "dt") else None,
        )
        for rule in implied:
            if rule is not None and (i := self._nearest(*rule)) is not None:
                self._pop_to(i)
        if len(self.stack) > 400:  # broken pages: keep nesting bounded
            self._pop_to(len(self.stack) - 1)
        self.stack.append(tag)
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is a line break for browsers too
            self.events.append(("void", "br", {}))
        elif tag not in _VOID and (i := self._nearest((tag,))) is not None:
            self._pop_to(i)

    def handle_data(self, data):
        self.events.append(("text", data))

    def close(self):
        super().close()
        self._pop_to(0)


@dataclass
class _Frame:
    tag: str
    attrs: dict
    parts: set[str]


@dataclass
class _Piece:
    text: str
    link: bool
    italic: bool


class _Collector:
    """Walks the balanced events once, collecting text blocks and the page's metadata."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.h1: list[tuple[str, bool]] = []  # (text, inside skipped chrome)
        self.meta: dict[str, str] = {}
        self.html_title = ""
        self.times: list[str] = []
        self._lines: list[list[_Piece]] = [[]]
        self._links: list[tuple[str, str]] = []
        self._image = False

    # -- blocks -----------------------------------------------------------------------------------
    def _flush(self, stack: list[_Frame]) -> None:
        lines, self._lines = self._lines, [[]]
        links, self._links = tuple(self._links), []
        texts = []
        for pieces in lines:
            text = _squash(nfc("".join(p.text for p in pieces)))
            if not text:
                continue
            chars = sum(len(p.text.strip()) for p in pieces)
            linked = sum(len(p.text.strip()) for p in pieces if p.link)
            italic = all(p.italic for p in pieces if p.text.strip())
            texts.append((text, chars > 0 and linked / chars >= 0.8, italic))
        if not texts:
            return
        kind, flags = self._kind(stack)
        after_image, self._image = self._image, False
        for n, (text, link_only, italic) in enumerate(texts):
            block = _Block(text, kind, links=links, **flags)
            block.after_image = after_image and n == 0
            block.italic = italic
            block.link_only = link_only
            block.continued = kind == "caption" and n > 0
            self.blocks.append(block)

    @staticmethod
    def _kind(stack: list[_Frame]) -> tuple[str, dict]:
        flags = {"lead": False, "byline": False, "date_hint": False}
        kind = None
        for depth in range(len(stack) - 1, -1, -1):
            frame = stack[depth]
            parts = frame.parts
            flags["lead"] |= bool(parts & _LEAD_CLASS)
            flags["byline"] |= bool(parts & _BYLINE_CLASS)
            flags["date_hint"] |= bool(parts & _DATE_CLASS)
            if kind is not None:
                continue
            if frame.tag == "figcaption" or parts & _CAPTION_CLASS:
                kind = "caption"
            elif frame.tag == "li":
                lists = [f.tag for f in stack[:depth] if f.tag in ("ol", "ul")]
                kind = "ol" if lists and lists[-1] == "ol" else "ul"
            elif frame.tag == "h1":
                kind = "h1"
            elif frame.tag in ("h2", "h3", "h4", "h5", "h6"):
                kind = "heading"
        return kind or "p", flags

    @staticmethod
    def _skipped(tag: str, attrs: dict, parts: set[str]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if (attrs.get("role") or "").lower() in _SKIP_ROLES:
            return True
        if (attrs.get("aria-hidden") or "").lower() == "true" or "hidden" in attrs:
            return True
        if re.search(r"display\s*:\s*none", attrs.get("style") or "", re.I):
            return True
        chrome = parts & _CHROME_CLASS
        if not chrome or parts & (_LEAD_CLASS | _BYLINE_CLASS | _CAPTION_CLASS):
            return False
        # "article-footer", "news-header" belong to the article; "main-menu" does not.
        return not (chrome <= {"footer", "header", "tags", "tag"} and parts & _CONTENT_CLASS)

    # -- the walk ---------------------------------------------------------------------------------
    def run(self, events: list[tuple]) -> None:
        stack: list[_Frame] = []
        skipping = 0  # stack depth of the outermost skipped element, 0 if none
        h1_text: list[str] | None = None
        h1_skipped = False
        title_text: list[str] | None = None
        links: list[tuple[int, int, str]] = []  # open <a>: line, piece, href
        for event in events:
            kind = event[0]
            if kind == "start":
                _, tag, attrs = event
                parts = _class_parts(attrs)
                skip = self._skipped(tag, attrs, parts)
                if tag == "title" and not self.html_title:
                    title_text = []
                elif tag == "h1":
                    h1_text, h1_skipped = [], bool(skipping) or skip
                elif tag == "time" and not skipping and attrs.get("datetime"):
                    self.times.append(attrs["datetime"])
                elif tag == "a" and not skipping:
                    links.append(
                        (len(self._lines) - 1, len(self._lines[-1]), attrs.get("href", ""))
                    )
                if not skipping and tag in _BLOCK_TAGS:
                    self._flush(stack)
                stack.append(_Frame(tag, attrs, parts))
                if skip and not skipping:
                    skipping = len(stack)
            elif kind == "end":
                tag = event[1]
                if not skipping and tag in _BLOCK_TAGS:
                    self._flush(stack)
                if tag == "a" and not skipping and links:
                    line, piece, href = links.pop()
                    if line == len(self._lines) - 1:
                        text = _squash("".join(p.text for p in self._lines[-1][piece:]))
                        if text:
                            self._links.append((text, href))
                stack.pop()
                if skipping and len(stack) < skipping:
                    skipping = 0
                if tag == "title" and title_text is not None:
                    self.html_title = _squash(nfc("".join(title_text)))
                    title_text = None
                elif tag == "h1" and h1_text is not None:
                    self.h1.append((_squash(nfc("".join(h1_text))), h1_skipped))
                    h1_text = None
            elif kind == "void":
                _, tag, attrs = event
                if tag == "meta":
                    key = (attrs.get("property") or attrs.get("name") or "").lower()
                    if key and attrs.get("content"):
                        self.meta.setdefault(key, nfc(attrs["content"]))
                elif skipping:
                    continue
                elif tag == "br":
                    self._lines.append([])
                elif tag == "img":
                    self._flush(stack)
                    self._image = True
            else:
                data = event[1]
                if title_text is not None:
                    title_text.append(data)
                if h1_text is not None:
                    h1_text.append(data)
                if skipping:
                    continue
                in_link = any(f.tag == "a" for f in stack)
                italic = any(f.tag in ("em", "i") for f in stack)
                self._lines[-1].append(_Piece(data, in_link, italic))
        self._flush(stack)


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»)\s+")


def _page_title(collector: _Collector) -> str | None:
    """The article's title: the <h1> that og:title/<title> name, else og:title/<title>
    without the site name, else the first <h1> (never the site's name)."""
    site = collector.meta.get("og:site_name") or ""
    not_site = {_plain_key(site)} if site else set()
    h1_main = [t for t, skipped in collector.h1 if not skipped]
    h1_all = h1_main + [t for t, skipped in collector.h1 if skipped]
    h1_main, h1_all = (
        [t for t in ts if t and not _is_chrome(t) and _plain_key(t) not in not_site]
        for ts in (h1_main, h1_all)
    )
    meta_title = collector.meta.get("og:title") or collector.meta.get("twitter:title") or ""
    candidates = [t for t in (meta_title, collector.html_title) if t]
    for candidate in candidates:  # an <h1> that is exactly the page's title
        key = _plain_key(candidate)
        if h := next((h for h in h1_all if _plain_key(h) == key), None):
            return h
    cleaned = []
    for candidate in candidates:  # the page's title without the site's name
        if site and _plain_key(site) != _plain_key(candidate):
            for pattern in (rf"^\s*{re.escape(site)}\s*[-|–—:»]+\s*",
                            rf"\s*[-|–—:»]+\s*{re.escape(site)}\s*$"):  # fmt: skip
                candidate = re.sub(pattern, "", candidate, flags=re.I)
        candidate = _squash(max(_TITLE_SEPARATORS.split(candidate), key=len))
        if candidate and _plain_key(candidate) not in not_site:
            cleaned.append(candidate)
    for candidate in cleaned:
        key = _plain_key(candidate)
        for h in h1_main:
            hk = _plain_key(h)
            if hk == key or (len(hk) >= 20 and (hk in key or key in hk)):
                return h
    if h1_main:
        return h1_main[0]
    if cleaned:
        return cleaned[0]
    return h1_all[0] if h1_all else None


def import_html(html: str, source: Path, vocab: Vocabulary) -> Imported:
    """A saved HTML page of a provincial portal."""
    source = Path(source)
    parser = _TreeEvents()
    try:
        parser.feed(_normalise(html))
        parser.close()
    except Exception as exc:  # html.parser is lenient: whatever it raises is a broken file
        raise ImportFailure(source, f"không đọc được mã HTML ({exc}).") from None
    collector = _Collector()
    collector.run(parser.events)
    if not collector.blocks:
        raise ImportFailure(source, "trang HTML không có nội dung bài viết.")
    dates = []
    meta_dates = [collector.meta.get(k, "") for k in
                  ("article:published_time", "og:published_time", "pubdate", "date")]  # fmt: skip
    for value in collector.times + meta_dates:
        if value and (d := _iso_date(value)) is not None:
            dates.append(d)
    page = _Page(collector.blocks, structured=True, title=_page_title(collector), dates=dates)
    return _analyse(page, source, vocab)


def _iso_date(value: str) -> _Date | None:
    """A date of the markup (<time datetime>, meta article:published_time)."""
    try:
        parsed = parse_date(value.strip())
    except ValueError:
        return parse_dateline(value)
    if parsed.precision is Precision.MINUTE:
        moment = parsed.moment.replace(second=0, microsecond=0)
        return _Date(moment.isoformat(), Precision.MINUTE)
    return _Date(parsed.iso(), parsed.precision)


# ============================================================================ files, folders


def _is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or text.lstrip().startswith("<")


def import_file(path: Path, vocab: Vocabulary) -> Imported:
    """Read and import one file: HTML (.html/.htm, or text starting with '<') or plain text."""
    path = Path(path)
    text = read_legacy(path)
    if _is_html(path, text):
        return import_html(text, path, vocab)
    return import_text(text, path, vocab)


def _collect(paths: Iterable[Path], report: Report) -> list[Path]:
    found: dict[Path, None] = {}
    suffixes = HTML_SUFFIXES + TEXT_SUFFIXES
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
            if not files:
                report.failed.append((p, "thư mục không có tệp .txt, .htm hay .html nào để nhập."))
            for f in files:
                found[f] = None
        elif p.exists():
            found[p] = None
        else:
            report.failed.append((p, "không tìm thấy tệp hoặc thư mục này."))
    return list(found)


def import_paths(
    paths: list[Path],
    out_dir: Path,
    vocab: Vocabulary,
    progress: Callable[[int, int, Path], None] | None = None,
) -> Report:
    """Import files and folders (recursively *.txt, *.htm, *.html) into ``out_dir``.

    Each article is written with ``writer.write_new`` at ``out_dir / relpath``: atomically, and
    never over an existing file (that input is reported as failed). ``progress(i, n, path)`` is
    called before each file, i counting from 1.
    """
    report = Report()
    out_dir = Path(out_dir)
    files = _collect(paths, report)
    for i, path in enumerate(files, 1):
        if progress is not None:
            progress(i, len(files), path)
        try:
            imported = import_file(path, vocab)
        except ImportFailure as exc:
            report.failed.append((path, exc.reason))
            continue
        except Exception as exc:  # a page this importer does not understand: keep going
            report.failed.append(
                (path, f"lỗi không mong đợi khi nhập ({type(exc).__name__}: {exc}).")
            )
            continue
        target = out_dir / imported.relpath
        try:
            writer.write_new(target, imported.text())
        except FileExistsError:
            report.failed.append((path, f"đã có tệp {target}, không ghi đè."))
            continue
        except OSError as exc:
            report.failed.append(
                (
                    path,
                    f"không ghi được tệp {target} ({exc.strerror or exc}); không có gì được ghi.",
                )
            )
            continue
        report.imported.append((path, target))
        if imported.review:
            report.needs_review.append((path, target, dict(imported.review)))
    return report
