"""Lines of a legacy page (``Block``) and what portal chrome looks like.

A ``Page`` is what a reader (text or HTML) found: the blocks in reading order and what the
markup says about the page (titles, site name, dates, address). The stages of
``pipeline`` turn it into an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from .dating import FoundDate, parse_dateline
from .reading import squash

# ------------------------------------------------------------------------------ the model


@dataclass
class Photo:
    """An image of the article: a file beside the saved page, a web address, or bytes that
    were embedded in the page (``data:`` URI)."""

    src: str  # as the page writes it
    alt: str = ""
    local: object = None  # pathlib.Path of the file beside the page, if it is there
    url: str = ""  # where it is online, when only there
    data: bytes | None = None  # embedded bytes
    name: str = ""  # the safe file name it gets in anh/ ("" for online-only)

    @property
    def available(self) -> bool:
        return self.local is not None or self.data is not None


@dataclass
class Block:
    """One line of text of the page (a paragraph, list item, caption, heading …) or a photo."""

    text: str
    kind: str = "p"  # p, heading, ol, ul, caption, img, table
    level: int = 0  # 1-6 for a heading
    number: int | None = None  # number of an ordered-list item written in the text
    lead: bool = False  # the page marks it as the lead (class "sapo", "lead" …)
    byline: bool = False  # the page marks it as the author
    date_hint: bool = False  # the page marks it as a date
    title_hint: bool = False  # the page marks it as the headline (class "title", "tieude" …)
    after_image: bool = False  # directly follows an <img>
    italic: bool = False  # all of it in <em>/<i>
    bold: bool = False  # all of it in <b>/<strong>
    link_only: bool = False  # (almost) all of it is link text
    links: tuple[tuple[str, str], ...] = ()  # (text, href)
    continued: bool = False  # a further line (<br>) of the caption before it
    datetime: str = ""  # a <time datetime> inside it
    photo: Photo | None = None  # for kind "img"
    rows: list[list[str]] | None = None  # for kind "table": the cells' text, row by row
    header_row: bool = False  # a table whose first row is headings (<th>)


@dataclass
class Page:
    """What a reader of the input found, before the common analysis."""

    blocks: list[Block]
    structured: bool  # from HTML: captions and lists are known from the markup
    meta_titles: list[str] = field(default_factory=list)  # og:title, <title> …
    site_names: list[str] = field(default_factory=list)  # og:site_name, the page's masthead
    dates: list[FoundDate] = field(default_factory=list)  # article:published_time …
    address: str = ""  # the page's own web address (canonical, og:url, "saved from")
    base: str = ""  # the address relative links of the page start from (<base href> …)
    sections: list[str] = field(default_factory=list)  # article:section, "Danh mục: …"


# --------------------------------------------------------------------------- text helpers

_CLOSERS = "\"'”’»)]} "


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";"))


def words(text: str) -> int:
    return len(text.split())


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "\"'“‘(":
            return False
    return False


def plain_key(text: str) -> str:
    """Folded text with punctuation as spaces, for comparing phrases."""
    return squash(re.sub(r"[^\w©]+", " ", fold(text)))


def is_paragraph(block: Block) -> bool:
    """Article text rather than a label: a sentence, or a long line."""
    return block.kind == "p" and (words(block.text) >= 20 or (
        ends_sentence(block.text) and words(block.text) >= 8))  # fmt: skip


# ------------------------------------------------------------------------------ chrome

# Lines made only of these (folded, punctuation ignored) are portal chrome.
_CHROME_WORDS = [
    "logo", "quang cao", "chia se", "chia se bai viet", "facebook", "zalo", "twitter",
    "linkedin", "google", "pinterest", "tweet", "like", "share", "in bai", "in bai viet",
    "ban in", "in", "in trang", "print", "gui email", "gui mail", "gui bai", "gui cho ban be",
    "email", "luu bai", "luu", "binh luan", "y kien ban doc", "trang chu", "home", "gioi thieu",
    "tin tuc", "tin tuc su kien", "lien he", "so do trang", "sitemap", "rss", "dang nhap",
    "dang ky", "tim kiem", "tim", "ve dau trang", "len dau trang", "dau trang", "quay lai",
    "tro ve", "top", "co chu", "font", "a", "xem them", "doc them", "nghe doc bai", "copy link",
    "sao chep lien ket", "sao chep", "van ban", "hoi dap", "thu vien anh", "video", "english",
    "tieng viet", "menu", "dong", "mo", "luot xem", "chi tiet", "details", "truoc", "tiep",
    "prev", "next", "previous", "trang truoc", "trang sau", "bai truoc", "bai sau",
    "chuyen den noi dung", "skip to content", "ban dang o", "you are here", "\\d+",
]  # fmt: skip
_CHROME_LINE = re.compile(
    r"^(?:(?:" + "|".join(sorted(_CHROME_WORDS, key=len, reverse=True)) + r")(?:\s+|$))+$"
)
# A line equal to one of these (folded, punctuation ignored) ends the article: what follows
# is a list of other articles, a sidebar or the site's footer.
_TERMINATORS = {
    "cac tin tuc khac cung chuyen muc", "cac tin khac cung chuyen muc", "tin cung chuyen muc",
    "tin khac cung chuyen muc", "bai cung chuyen muc", "cac bai cung chuyen muc",
    "cac tin khac", "tin khac", "cac tin tuc khac", "tin tuc khac", "cac bai viet da dang",
    "cac bai da dang", "bai viet da dang", "tin da dang", "cac tin da dang", "cac tin da dua",
    "tin da dua", "bai viet lien quan", "cac bai viet lien quan", "tin lien quan",
    "cac tin lien quan", "tin bai lien quan", "tin moi hon", "tin cu hon", "cac tin cu hon",
    "cac tin moi hon", "tin moi", "tin moi nhat", "tin xem nhieu", "tin doc nhieu",
    "xem nhieu nhat", "doc nhieu nhat", "bai viet khac", "cac bai viet khac", "doc them",
    "tin noi bat", "tin tieu diem", "tin anh", "lien ket website", "lien ket web",
    "website lien ket", "lien ket", "thong ke truy cap", "thong ke", "so luot truy cap",
    "related posts", "related articles", "latest news", "most read",
}  # fmt: skip
_TERMINATOR_START = re.compile(r"^(?:©|\(c\)|ban quyen|copyright)")
# Labels, breadcrumbs and tag lines: dropped wherever they are.
_DROPPED_START = re.compile(
    r"^(?:tu khoa|tags?|the|chuyen muc|danh muc|category|categories|posted in|filed under"
    r"|nhan|tagged)\s*:|^trang chu\s*[>»›/|]|^home\s*[>»›/|]"
)
# Visit counters and hit counts: "Lượt xem: 345", "Đã xem: 214 lần", "1.024 lượt xem",
# "Đang truy cập: 12", "Hôm nay: 85", "Tổng lượt truy cập: 1.204.577", "Hits: 312".
_COUNTER = re.compile(
    r"^(?:(?:so\s+)?(?:luot\s+(?:xem|doc|truy\s+cap)|lan\s+(?:xem|doc)|da\s+xem|da\s+doc"
    r"|dang\s+(?:truy\s+cap|online|xem)|truc\s+tuyen|tong(?:\s+so)?(?:\s+luot)?(?:\s+truy\s+cap)?"
    r"|tong\s+cong|truy\s+cap|hom\s+nay|hom\s+qua|tuan\s+nay|thang\s+nay|trong\s+(?:ngay|tuan"
    r"|thang|nam)|online|khach|thanh\s+vien|hits?|views?|visitors?)\s*:?\s*[\d.,\s]+"
    r"(?:\s*(?:lan|luot|nguoi))?|[\d.,]+\s+luot\s+(?:xem|doc|truy\s+cap))$"
)


def is_counter(text: str) -> bool:
    return bool(_COUNTER.match(squash(fold(text).replace("|", " "))))


def is_chrome(text: str) -> bool:
    key = plain_key(text)
    if not key:
        return not any(ch.isalnum() for ch in text)
    folded = fold(text).strip()
    if _DROPPED_START.match(folded) or is_counter(text):
        return True
    if "|" in text and all(
        is_chrome(part) or is_counter(part) for part in text.split("|") if part.strip()
    ):
        return True
    # Numbers alone are page numbers or view counts, but a date is not chrome.
    return bool(_CHROME_LINE.match(key)) and parse_dateline(text) is None


def label_value(text: str) -> str | None:
    """The value of a category label ("Danh mục: Tin hoạt động" -> "Tin hoạt động")."""
    m = re.match(
        r"^\s*(?:chuyên mục|danh mục|category|categories|posted in|filed under)\s*:?\s*(.+)$",
        text,
        re.I,
    )
    return m[1].split("|")[0].strip() if m else None


def is_terminator(text: str) -> bool:
    key = plain_key(text)
    return key in _TERMINATORS or bool(_TERMINATOR_START.match(fold(text)))


# A kicker: a short section line above a headline ("Tin hoạt động", "Năm 2023",
# "Khuyến công Bình Định", "Chương trình, đề án").
def is_kicker(text: str) -> bool:
    return words(text) <= 5 and not ends_sentence(text) and not text.rstrip().endswith(",")


_YEAR_LINE = re.compile(r"^nam\s+((?:19|20)\d\d)$")


def kicker_year(text: str) -> int | None:
    """The year of a "Năm 2018" section line."""
    m = _YEAR_LINE.match(plain_key(text))
    return int(m[1]) if m else None
