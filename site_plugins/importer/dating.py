"""Dates of legacy pages: date lines in the many shapes portals print them, dates that open
a paragraph, dates and years mentioned in the text, and dates of the markup.

Every function returns a ``FoundDate`` at the precision the page gives (never an invented
day) or None; positions are worked out on folded text of the same length as the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from ..frontmatter import parse_date
from ..model import VN_TZ, Precision
from ..text import fold


@dataclass(frozen=True)
class FoundDate:
    text: str  # front-matter value: 2017-02-24, 2022-01, 2011-09-16T09:12:00+07:00
    precision: Precision
    note: str = ""  # why the date needs checking ('' when it is certain)
    kind: str = "plain"  # "published", "updated" or "plain": what the line's label says

    @property
    def moment(self) -> datetime:
        return parse_date(self.text).moment

    @property
    def day(self) -> str:
        return self.text[:10]


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    f = fold(c)
    if len(f) == 1:
        return f
    return " " if c.isspace() else c


def fold_aligned(text: str) -> str:
    """``fold`` character by character: same length as ``text``, so positions carry over."""
    return "".join(map(_fold_char, text))


_MONTH_WORDS = {
    "gieng": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
    "tam": 8, "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12,
}  # fmt: skip
_ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_VI_MONTH = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_EN_MONTH = "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True))

_ISO = r"(?<![\d/.-])(?P<y4>\d{4})-(?P<m4>\d{1,2})-(?P<d4>\d{1,2})(?![\d/])"
_DMY = r"(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>\d{4})(?![\d/])"
_DMY_WORDS = (
    rf"(?P<d2>\d{{1,2}})\s+thang\s+(?P<m2>\d{{1,2}}|{_VI_MONTH})\s*(?:,|\s)\s*(?:nam\s+)?"
    r"(?P<y2>\d{4})(?!\d)"
)
_MY = r"thang\s+(?P<m3>\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(?P<y3>\d{4})(?![\d/])"
_EN_DMY = rf"(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m5>{_EN_MONTH})\.?,?\s+(?P<y5>\d{{4}})(?!\d)"
_EN_MDY = rf"(?P<m6>{_EN_MONTH})\.?\s+(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y6>\d{{4}})(?!\d)"
_DATE_ANY = re.compile(
    rf"{_ISO}|(?:ngay\s+)?(?:{_DMY}|{_DMY_WORDS})|{_MY}|\b(?:{_EN_DMY}|{_EN_MDY})"
)
_TIME = re.compile(
    r"(?<![\d/])(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*\d{2})?(?:\s*(am|pm|sa|ch)\b)?(?!\d)"
)
_WEEKDAY = re.compile(
    r"\b(?:thu\s*(hai|ba|tu|nam|sau|bay|[2-7])|(chu\s*nhat|cn)|(monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday))\b"
)
_WEEKDAY_NUMBER = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2, "nam": 3, "5": 3,
                   "sau": 4, "6": 4, "bay": 5, "7": 5, "monday": 0, "tuesday": 1,
                   "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
                   "sunday": 6}  # fmt: skip
_UPDATED = re.compile(r"\b(?:cap\s+nhat|updated?|modified|chinh\s+sua|sua\s+doi)\b")
_PUBLISHED = re.compile(
    r"\b(?:ngay\s+dang|dang\s+ngay|dang\s+luc|dang\s+tai|duoc\s+dang|xuat\s+ban|published"
    r"|posted|dang)\b"
)
_FILLER = re.compile(
    r"\b(?:ngay\s+dang|ngay\s+cap\s+nhat|cap\s+nhat(?:\s+luc)?|dang\s+ngay|dang\s+luc"
    r"|duoc\s+dang|dang\s+tai|dang|ngay|luc|vao\s+luc|gio|thoi\s+gian(?:\s+dang)?|posted"
    r"(?:\s+on)?|published(?:\s+on)?|updated?(?:\s+on)?|modified|on|at|xuat\s+ban|cap\s+nhat"
    r"|luot\s+(?:xem|doc)\s*:?\s*[\d.,]+|[\d.,]+\s+luot\s+(?:xem|doc)|gmt\s*\+\s*0?7(?::?00)?"
    r"|\+0?7:?00|utc\s*\+\s*0?7|ict|t(?=\s|$))(?=\W|$)"
)
_LEFTOVER = re.compile(r"[\s,.;:|()\[\]\-–—/]")

_OPENING = re.compile(
    r"^(?:(?:sang|chieu|toi|trua|dem)\s+)?(?:ngay\s+)?(?:"
    + _DMY
    + "|"
    + _DMY_WORDS
    + r")(?=[\s,.;:]|$)|^(?:trong\s+|vao\s+)?"
    + _MY
    + r"(?=[\s,.;:]|$)"
)
_OPENING_RANGE = re.compile(
    r"^(?:(?:sang|chieu|toi|trua|dem)\s+)?(?:tu\s+)?(?:ngay\s+)?(\d{1,2})\s*(?:-|–|den"
    r"(?:\s+ngay)?)\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])"
)
_RANGE = re.compile(
    r"(\d{1,2})\s*(?:-|–|—|den(?:\s+ngay)?)\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])"
)
_MENTIONS = re.compile(rf"{_ISO}|{_DMY}|{_DMY_WORDS}|{_MY}")
_YEAR_WORD = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")
# Words of a sentence about a document rather than an event: its date is the day the
# document was signed, not a day the article reports.
_DOCUMENT = re.compile(
    r"\b(?:quyet\s+dinh|nghi\s+dinh|thong\s+tu|cong\s+van|ban\s+hanh|ky\s+ket|phe\s+duyet)\b"
)


def make_date(
    y: int, m: int, d: int | None = None, hh: int | None = None, mm: int = 0
) -> FoundDate | None:
    """A checked date at the precision given, or None if no such day/month exists."""
    if not 1990 <= y <= 2100 or not 1 <= m <= 12:
        return None
    if d is None:
        return FoundDate(f"{y:04d}-{m:02d}", Precision.MONTH)
    if hh is None:
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
    return FoundDate(text, precision)


def _month(value: str) -> int:
    if value.isdigit():
        return int(value)
    return _MONTH_WORDS.get(value) or _ENGLISH_MONTHS[value]


def groups_to_ymd(m: re.Match) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a match of the date patterns above."""
    g = m.groupdict()
    for n in "412356":
        if g.get(f"y{n}"):
            day = g.get(f"d{n}")
            return int(g[f"y{n}"]), _month(g[f"m{n}"]), int(day) if day else None
    return None


def _kind(folded: str) -> str:
    if _UPDATED.search(folded):
        return "updated"
    if _PUBLISHED.search(folded):
        return "published"
    return "plain"


def parse_dateline(line: str) -> FoundDate | None:
    """A line that is only a date (with weekday, time, "Ngày đăng:" …), or None.

    "Ngày 24/02/2017", "Tháng 01/2022", "09:12 (16/09/2011)", "16/09/2011 09:12",
    "Thứ Hai, 24/02/2017", "Thứ Sáu, 16 tháng 9, 2011 lúc 09:12", "Ngày đăng : 08:22,
    04/05/2011", "Published: 21 Tháng 8 2019", "2016-11-03 10:20". A line of two labelled
    dates ("Ngày đăng: … | Cập nhật: …") gives the publication date.
    """
    if len(line) > 100:
        return None
    if "|" in line:
        found = [d for part in line.split("|") if part.strip() if (d := _dateline(part))]
        leftovers = [p for p in line.split("|") if p.strip() and not _dateline(p)]
        if found and all(_is_counter_text(p) for p in leftovers):
            published = [d for d in found if d.kind == "published"]
            return (published or [d for d in found if d.kind != "updated"] or found)[0]
    return _dateline(line)


def _is_counter_text(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:luot\s+(?:xem|doc)|hits?|views?)\s*:?\s*[\d.,]+\s*",
                             fold(text)))  # fmt: skip


def _dateline(line: str) -> FoundDate | None:
    s = fold_aligned(line)
    m = _DATE_ANY.search(s)
    if m is None:
        return None
    ymd = groups_to_ymd(m)
    if ymd is None:
        return None
    rest = s[: m.start()] + " " + s[m.end() :]
    kind = _kind(rest)
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
        weekday = 6 if w[2] else _WEEKDAY_NUMBER[w[1] or w[3]]
        rest = rest[: w.start()] + " " + rest[w.end() :]
    rest = _FILLER.sub(" ", rest)
    if _LEFTOVER.sub("", rest):
        return None  # more than a date on the line
    y, mo, d = ymd
    date = make_date(y, mo, d, hh, mm or 0)
    if date is None:
        return None
    date = replace(date, kind=kind)
    if weekday is not None and d is not None and date.moment.weekday() != weekday:
        actual = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
        return replace(
            date,
            note=f"dòng ngày '{line.strip()}' ghi thứ không khớp: {d:02d}/{mo:02d}/{y} là "
            f"{actual[date.moment.weekday()]}; kiểm tra lại ngày đăng",
        )
    return date


def leading_date(line: str) -> tuple[FoundDate, str] | None:
    """A date line with a label after it ("2016-11-03 10:20 | Chương trình, đề án",
    "04/05/2011 - Tin hoạt động"): the date and the label."""
    for sep in ("|", " - ", " – ", " — "):
        if sep in line:
            head, _, label = line.partition(sep)
            date = parse_dateline(head)
            if date is not None and 0 < len(label.split()) <= 8 and not parse_dateline(label):
                return date, label.strip()
    return None


@dataclass(frozen=True)
class Opening:
    """The date a paragraph starts with: one day or month, or a range of days."""

    first: FoundDate
    last: FoundDate
    quoted: str  # the words that give it
    about_document: bool  # the sentence is about a decision, a plan …


def opening_date(text: str) -> Opening | None:
    """The date a paragraph starts with ("Tháng 8/2023, …", "Ngày 24/02/2017, …",
    "Từ ngày 19 đến 21/8/2019, …")."""
    folded = fold_aligned(text)
    sentence = folded.split(". ")[0]
    document = bool(_DOCUMENT.search(sentence))
    if (m := _OPENING_RANGE.match(folded)) is not None:
        d1, d2, mo, y = (int(x) for x in m.groups())
        first, last = make_date(y, mo, d1), make_date(y, mo, d2)
        if first and last and first.text <= last.text:
            return Opening(first, last, text[: m.end()].strip(), document)
    m = _OPENING.match(folded)
    if m is None:
        return None
    ymd = groups_to_ymd(m)
    date = make_date(*ymd) if ymd else None
    if date is None:
        return None
    return Opening(date, date, text[: m.end()].strip(), document)


def mentioned_month(texts: Iterable[str]) -> tuple[FoundDate, str] | None:
    """The latest month any date, date range or month of the texts falls in, and the words
    that named it."""
    best: tuple[tuple[int, int], str] | None = None
    for text in texts:
        folded = fold_aligned(text)
        spans = [(m.start(), m.end(), int(m[4]), int(m[3])) for m in _RANGE.finditer(folded)]
        for m in _MENTIONS.finditer(folded):
            if any(a <= m.start() < b for a, b, _, _ in spans):
                continue
            if ymd := groups_to_ymd(m):
                spans.append((m.start(), m.end(), ymd[0], ymd[1]))
        for a, b, y, mo in spans:
            if make_date(y, mo) is not None and (best is None or (y, mo) > best[0]):
                best = ((y, mo), text[a:b].strip())
    if best is None:
        return None
    (y, mo), quoted = best
    date = make_date(y, mo)
    assert date is not None
    return date, quoted


def mentioned_year(texts: Iterable[str], latest: int) -> tuple[int, str] | None:
    """The latest year (not after ``latest``) the texts name as "năm 2015", and the words."""
    best: tuple[int, str] | None = None
    for text in texts:
        folded = fold_aligned(text)
        for m in _YEAR_WORD.finditer(folded):
            year = int(m[1])
            if 1990 <= year <= latest and (best is None or year > best[0]):
                best = (year, text[m.start() : m.end()])
    return best


def iso_date(value: str) -> FoundDate | None:
    """A date of the markup (<time datetime>, meta article:published_time), in Vietnam's
    time zone."""
    try:
        parsed = parse_date(value.strip())
    except ValueError:
        return parse_dateline(value)
    if parsed.precision is Precision.MINUTE:
        moment = parsed.moment.replace(second=0, microsecond=0)
        return FoundDate(moment.isoformat(), Precision.MINUTE, kind="published")
    return FoundDate(parsed.iso(), parsed.precision, kind="published")


def trailing_date(text: str) -> tuple[str, FoundDate] | None:
    """A headline with its date after it in brackets ("Hội nghị … (04/07/2017)")."""
    m = re.match(r"^(.*\S)\s*[(\[]\s*([^()\[\]]{6,40})\s*[)\]]\s*$", text)
    if m and (date := parse_dateline(m[2])) is not None:
        return m[1], date
    return None
