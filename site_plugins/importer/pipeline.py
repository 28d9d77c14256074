"""From a ``Page`` to an article: a short pipeline of named stages, each a function of what
the stages before it found (and each table-tested on its own).

1. ``find_title``      the headline (not the site's name, not a section line above it);
2. ``strip_chrome``    the article's lines: from the headline to the first "Tin khác",
                       without menus, counters, share bars and labels;
3. ``read_header``     dates, byline and section labels right under the headline;
4. ``read_signature``  byline, "Theo …"/"Nguồn: …" and date lines at the end;
5. ``choose_lead``     the sapo (summary);
6. ``body_items``      paragraphs, lists, photos and captions (module ``body``);
7. ``choose_date``     the publication date and its precision, or a flagged guess;
8. ``propose_provinces``, ``propose_category`` (module ``guesses``);
9. ``choose_authors``  authors and sources;
10. ``assemble``       front-matter fields, review marks and the file's place.

A value the page does not make certain is marked for review (``# CẦN KIỂM TRA: …`` with
the reason) and the article is written as a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from .. import writer
from ..frontmatter import MARKUP
from ..model import VN_TZ, Precision
from ..text import precise_key, slugify
from ..vocab import Vocabulary
from .blocks import (
    Block,
    Page,
    Photo,
    ends_sentence,
    is_chrome,
    is_kicker,
    is_paragraph,
    is_terminator,
    kicker_year,
    label_value,
    plain_key,
    words,
)
from .body import Item, body_items, caption_like, markdown, split_lists
from .dating import (
    FoundDate,
    Opening,
    iso_date,
    leading_date,
    make_date,
    mentioned_month,
    mentioned_year,
    opening_date,
    parse_dateline,
    trailing_date,
)
from .guesses import is_former_only, propose_category, propose_provinces, site_province
from .htmlpage import title_parts
from .photos import online_note
from .reading import ImportFailure, squash
from .signature import (
    SITE_PREFIX,
    Byline,
    account_byline,
    is_source_line,
    org_like,
    parse_byline,
    parse_source_line,
)

_CLOSING = "\"'”’»)]} "
UNDATED_DIR = "chua-ro-ngay"
UNKNOWN_AUTHOR = "Chưa rõ tác giả"
DRAFT_NOTE = (
    "bài nhập tự động còn trường cần kiểm tra nên để ở dạng nháp (chỉ hiện khi xem trước); "
    "kiểm tra xong các trường đánh dấu thì xóa dòng này để đăng"
)
# A date line this far after the event the sapo opens with is not the day the article was
# written (portals that moved stamped every article with the day of the move).
_MAX_REPORT_DELAY = timedelta(days=45)


@dataclass
class Imported:
    """One legacy article turned into the content of an article file."""

    source: Path  # the input file
    fields: dict  # front-matter fields for writer.article_text
    items: list[Item]  # the body
    photos: list[Photo]  # the body's photos, by position
    review: dict[str, str]  # field -> why it needs checking (Vietnamese)
    relpath: str  # "<year>/<slug>.md" (or "chua-ro-ngay/<slug>.md"), in the articles folder
    structured: bool = False  # read from HTML

    def photo_paths(self) -> dict[int, str]:
        """Where each available photo goes beside the article, by its proposed name."""
        return {i: f"anh/{p.name}" for i, p in enumerate(self.photos) if p.available}

    @property
    def body(self) -> str:
        return markdown(self.items, self.photos, self.photo_paths())

    def text(self, paths: dict[int, str] | None = None) -> str:
        """The article file's text, review marks included; ``paths`` are the photos' final
        Markdown paths (default: their proposed names)."""
        body = markdown(self.items, self.photos, self.photo_paths() if paths is None else paths)
        return writer.article_text(self.fields, body, self.review)


# ====================================================================== 1. the headline


@dataclass
class TitleChoice:
    text: str
    index: int  # block index of the headline; -1 when it comes from the page's <title>
    note: str = ""
    dates: list[FoundDate] = field(default_factory=list)  # dates above or after the headline
    labels: list[str] = field(default_factory=list)  # section lines above it
    years: list[tuple[int, str]] = field(default_factory=list)  # "Năm 2018" lines above it


def clean(blocks: list[Block]) -> list[Block]:
    kept = []
    for b in blocks:
        b.text = squash(b.text)
        if b.text or b.kind in ("img", "time", "table"):
            kept.append(b)
    return kept


def find_title(blocks: list[Block], page: Page) -> TitleChoice:
    choice = _html_title(blocks, page) if page.structured else _text_title(blocks)
    text = choice.text
    if words(text) > 40 or (ends_sentence(text) and words(text) > 25):
        choice.note = "dòng được chọn làm tiêu đề dài như một đoạn văn: kiểm tra tiêu đề"
    elif words(text) >= 10 and text.rstrip(_CLOSING).endswith("."):
        choice.note = (
            "dòng được chọn làm tiêu đề là một câu (có dấu chấm cuối): có thể bài chép thiếu "
            "tiêu đề; kiểm tra tiêu đề"
        )
    elif sum(c.isupper() for c in text) > 0.8 * sum(c.isalpha() for c in text) > 10:
        choice.note = "tiêu đề viết hoa toàn bộ như trang cũ: viết lại chữ hoa, chữ thường cho đúng"
    return choice


def _kickers(blocks: list[Block], index: int, choice: TitleChoice) -> None:
    """Section lines right above the headline: labels (category evidence) and years."""
    for b in reversed(blocks[max(0, index - 3) : index]):
        if b.kind == "img" or not is_kicker(b.text) or is_chrome(b.text):
            break
        if (year := kicker_year(b.text)) is not None:
            choice.years.append((year, b.text))
        else:
            choice.labels.append(b.text)


def _text_title(blocks: list[Block]) -> TitleChoice:
    """Copied text: the headline is the first line that is not chrome, a date or a short
    section line ("Khuyến công Bình Định", "Tin hoạt động", "Năm 2023") above it."""
    candidates: list[int] = []
    dates: list[FoundDate] = []
    labels: list[str] = []
    first = None
    for i, b in enumerate(blocks[:15]):
        if is_chrome(b.text) or is_terminator(b.text):
            continue
        if first is None:
            first = i
        if (found := parse_dateline(b.text)) is not None:
            dates.append(found)
            continue
        if (lead := leading_date(b.text)) is not None:
            dates.append(lead[0])
            labels.append(lead[1])
            continue
        if words(b.text) >= 30 or (ends_sentence(b.text) and words(b.text) >= 10):
            break  # the sapo: the headline is above it
        candidates.append(i)
    if first is None:
        raise ImportFailure(Path("?"), "không tìm thấy nội dung bài viết.")
    full = [i for i in candidates if not is_kicker(blocks[i].text)]
    note = ""
    if full:
        index = full[0]
    elif candidates:
        index = candidates[-1]
        if len(candidates) > 1:
            note = (
                "các dòng đầu đều ngắn như tên chuyên mục; đã lấy dòng "
                f"'{blocks[index].text}' làm tiêu đề: kiểm tra tiêu đề"
            )
    else:
        index = first
    text = blocks[index].text
    if (split := trailing_date(text)) is not None:  # "Hội nghị … (20/01/2016)"
        text, found = split
        dates.append(found)
    choice = TitleChoice(text, index, note, dates)
    choice.labels.extend(labels)
    _kickers(blocks, index, choice)
    return choice


def _is_site_name(text: str, site_keys: set[str]) -> bool:
    key = plain_key(text)
    if key in site_keys:
        return True
    letters = [c for c in text if c.isalpha()]
    return org_like(text) and bool(letters) and all(c.isupper() for c in letters)


def _html_title(blocks: list[Block], page: Page) -> TitleChoice:
    """A saved page: the heading (h1–h6) or block marked as the headline that the page's
    <title>/og:title names, else the one that looks most like a headline (a heading above
    the date line or the sapo); never the site's name."""
    site_keys = {plain_key(s) for s in page.site_names}
    meta_keys: set[str] = set()
    # "<title>Sở Công Thương Bình Định</title>": a unit's name alone is the site's name when
    # the page has another headline below a heading that repeats it.
    unit_titles = set()
    for title in page.meta_titles:
        parts = title_parts(title, page.site_names)
        if org_like(title) and len(parts) <= 1 and words(title) <= 12:
            unit_titles.add(plain_key(title))
        meta_keys.update(plain_key(p) for p in parts if words(p) >= 3 and not is_chrome(p))
    scored: list[tuple[int, int, str, FoundDate | None, bool]] = []
    for i, b in enumerate(blocks):
        if b.kind not in ("heading", "p") or b.lead:
            continue
        if b.kind == "p" and not b.title_hint:
            continue
        text, date = b.text, None
        if (split := trailing_date(text)) is not None:
            text, date = split
        if (
            is_chrome(text)
            or is_terminator(text)
            or words(text) < 3
            or words(text) > 40
            or _is_site_name(text, site_keys)
        ):
            continue
        key = plain_key(text)
        meta = any(_same_title(key, m) for m in meta_keys)
        score = 10 * meta
        if b.kind == "heading":
            score += {1: 4, 2: 3, 3: 2}.get(b.level, 1)
        score += 3 * b.title_hint + b.bold
        score += 2 if words(text) >= 5 else -3
        score += 3 * _above_article(blocks, i)
        scored.append((score, i, text, date, meta))
    if not scored:
        # No heading and nothing marked as the headline: the first line that looks like one,
        # as in copied text; sure only if the page's <title> says the same.
        choice = _text_title(blocks)
        key = plain_key(choice.text)
        if not any(_same_title(key, m) for m in meta_keys) and not choice.note:
            choice.note = (
                f"trang không đánh dấu dòng tiêu đề; đã lấy dòng '{choice.text}': kiểm tra tiêu đề"
            )
        return choice
    if len(scored) > 1:
        last = len(scored) - 1
        scored = [
            s for n, s in enumerate(scored) if n == last or plain_key(s[2]) not in unit_titles
        ]
    scored.sort(key=lambda s: (-s[0], s[1]))
    score, index, text, date, meta = scored[0]
    note = ""
    rivals = [s for s in scored[1:] if s[0] >= score - 2 and plain_key(s[2]) != plain_key(text)]
    if not meta and rivals:
        note = f"có thể tiêu đề là '{rivals[0][2]}' chứ không phải dòng đã chọn: kiểm tra tiêu đề"
    choice = TitleChoice(text, index, note, [date] if date else [])
    _kickers(blocks, index, choice)
    return choice


def _same_title(key: str, meta: str) -> bool:
    """A headline the <title>/og:title names (whole, or a long enough part of it)."""
    return key == meta or (min(len(key), len(meta)) >= 20 and (key in meta or meta in key))


def _above_article(blocks: list[Block], i: int) -> bool:
    """A date line, the sapo or a paragraph within the next few lines."""
    seen = 0
    for b in blocks[i + 1 : i + 8]:
        if b.kind == "img":
            continue
        if b.kind == "time" or b.datetime or b.lead or b.date_hint:
            return True
        if parse_dateline(b.text) or leading_date(b.text) or is_paragraph(b):
            return True
        seen += 1
        if seen >= 4:
            break
    return False


# ================================================================== 2. the article's lines


def strip_chrome(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The lines from the headline to the first "Tin khác"/"Liên kết website"/"©" line,
    without chrome (menus, counters, share bars, tag lines, links alone); and the values
    of section labels found on the way ("Danh mục: Tin hoạt động")."""
    content: list[Block] = []
    labels: list[str] = []
    for b in blocks:
        if b.kind in ("img", "time", "table"):
            content.append(b)
            continue
        if is_terminator(b.text):
            if any(c.kind not in ("img", "time") for c in content):
                break
            continue  # a "Tin mới" box above the article: only that heading goes
        if (label := label_value(b.text)) is not None:
            labels.append(label)
            continue
        if is_chrome(b.text) or (b.link_only and not is_source_line(b.text)):
            continue
        content.append(b)
    return content, labels


# ========================================================================= 3. the header


@dataclass
class Header:
    dates: list[FoundDate] = field(default_factory=list)  # date lines
    markup: list[FoundDate] = field(default_factory=list)  # <time datetime>
    byline: Byline | None = None
    byline_line: str = ""
    labels: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)  # lines with a date it could not read
    source: dict | None = None  # "Theo Báo Quảng Trị" under the headline


def _meta_text(text: str) -> bool:
    """Metadata beside a date on one line: a byline, the portal's account, a label, a
    counter or chrome."""
    return bool(
        account_byline(text)
        or (_byline_start(text) and parse_byline(text))
        or label_value(text) is not None
        or parse_source_line(Block(text)) is not None
        or is_chrome(text)
    )


def split_meta_line(text: str) -> tuple[FoundDate, list[str]] | None:
    """A header line with a date and other metadata ("Đăng bởi: admin Thứ ba, 05 Tháng Ba
    2019 08:15", "05/03/2019 | Tác giả: Minh Vân"): the date and the other parts."""
    if "|" in text:
        parts = [p.strip() for p in text.split("|") if p.strip()]
        dated = [(p, d) for p in parts if (d := parse_dateline(p)) is not None]
        others = [p for p in parts if parse_dateline(p) is None]
        if dated and all(_meta_text(p) for p in others):
            published = [d for _, d in dated if d.kind == "published"]
            return (published or [dated[0][1]])[0], others
        return None
    tokens = text.split()
    if len(tokens) > 20:
        return None
    for k in range(1, len(tokens)):
        head, tail = " ".join(tokens[:k]), " ".join(tokens[k:])
        if (date := parse_dateline(tail)) is not None and _meta_text(head):
            return date, [head]
        if (date := parse_dateline(head)) is not None and _meta_text(tail):
            return date, [tail]
    return None


def read_header(content: list[Block]) -> tuple[Header, list[Block]]:
    """Dates, byline and section labels between the headline and the article text
    ("Viết bởi …", "Published: …", "2016-11-03 | Chương trình, đề án", <time>)."""
    header = Header()
    rest: list[Block] = []
    open_ = True
    for b in content:
        if not open_ or b.kind == "img":
            rest.append(b)
            continue
        if b.datetime and (found := iso_date(b.datetime)) is not None:
            header.markup.append(found)
        if b.kind == "time":
            continue
        if (found := parse_dateline(b.text)) is not None:
            header.dates.append(found)
            continue
        if (lead := leading_date(b.text)) is not None:
            header.dates.append(lead[0])
            header.labels.append(lead[1])
            continue
        if (meta := split_meta_line(b.text)) is not None:
            found, others = meta
            header.dates.append(found)
            for other in others:
                if (label := label_value(other)) is not None:
                    header.labels.append(label)
                elif (source := parse_source_line(Block(other))) is not None:
                    header.source = header.source or source
                elif header.byline is None and not account_byline(other):
                    header.byline = parse_byline(other) or None
            continue
        if header.source is None and (source := parse_source_line(b)) is not None:
            header.source = source
            continue
        if account_byline(b.text):
            continue  # "Viết bởi Administrator": the portal's account, not a person
        # A byline under the headline: marked, prefixed ("Viết bởi …"), or a name alone.
        if (
            header.byline is None
            and (b.byline or _byline_start(b.text) or words(b.text) <= 6)
            and (parsed := parse_byline(b.text)) is not None
        ):
            header.byline, header.byline_line = parsed, b.text
            continue
        # The article starts at its first paragraph, list, caption or longer line.
        label = b.kind == "p" and words(b.text) <= 12 and not b.italic and not b.lead
        if not label or is_paragraph(b):
            open_ = False
        elif mentioned_month([b.text]) is not None:
            header.unparsed.append(b.text)
        rest.append(b)
    return header, rest


def _byline_start(text: str) -> bool:
    return bool(
        re.match(
            r"^(?:(?:được\s+)?viết bởi|đăng bởi|người đăng|người viết|tác giả|written by"
            r"|posted by)\b",
            text,
            re.I,
        )
    )


# ====================================================================== 4. the signature


@dataclass
class Signature:
    byline: Byline | None = None
    source: dict | None = None
    dates: list[tuple[FoundDate, str]] = field(default_factory=list)  # date lines elsewhere


def read_signature(content: list[Block], header: Header) -> tuple[Signature, list[Block]]:
    """The byline and "Theo …"/"Nguồn: …" lines at the end (also right after the last photo,
    where a caption would be: "Minh Châu" in italics is a signature, not a caption), a byline
    the page marks anywhere, and date lines away from the headline."""
    sig = Signature()
    content = list(content)
    if header.byline is None:
        for b in content:
            if b.byline and (parsed := parse_byline(b.text)) is not None:
                sig.byline = parsed
                content.remove(b)
                break
    # Other articles listed after this one with their dates ("Hội nghị … (12/01/2024)"),
    # when no "Tin khác" heading announced them.
    while content and content[-1].kind in ("p", "ul", "ol") and _listed_article(content[-1]):
        content.pop()
    for _ in range(4):
        texts = [b for b in content if b.kind not in ("time",)]
        if not texts:
            break
        last = texts[-1]
        if last.kind not in ("p", "caption"):
            break
        if sig.source is None and (source := parse_source_line(last)) is not None:
            sig.source = source
        elif (
            sig.byline is None
            and header.byline is None
            and (parsed := parse_byline(last.text)) is not None
        ):
            sig.byline = parsed
        elif (found := parse_dateline(last.text)) is not None:
            sig.dates.append((found, last.text))
        else:
            break
        content.remove(last)
    kept = []
    for b in content:
        if b.kind == "time":
            continue
        if b.kind != "img" and (found := parse_dateline(b.text)) is not None:
            sig.dates.append((found, b.text))  # "Cập nhật: …" at the foot: not article text
            continue
        kept.append(b)
    return sig, kept


def _listed_article(block: Block) -> bool:
    split = trailing_date(block.text)
    return split is not None and 3 <= words(split[0]) <= 30 and not ends_sentence(split[0])


# ============================================================================ 5. the lead

_PLACE_PREFIX = re.compile(
    r"^(?:\([A-ZĐ][A-ZĐ0-9.]{1,10}\)|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.]*(?:\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.]*){0,3})"
    r"\s*[-–—]\s+(?=[A-ZĐÀ-Ỹ])"
)


@dataclass
class Lead:
    summary: str = ""
    site: str | None = None  # "Congthuonghcm.vn - " before the sapo
    body: list[Block] = field(default_factory=list)


def choose_lead(content: list[Block], structured: bool) -> Lead:
    """The sapo: the paragraph the page marks as the lead, else the first paragraph (as the
    articles of content/ do); its "Congthuonghcm.vn - " or "BẮC GIANG - " prefix goes. A
    paragraph repeated right after itself or the lead is dropped."""
    lead = next((b for b in content[:4] if b.lead and b.kind in ("p", "heading")), None)
    if lead is None:  # the first real paragraph, not a short label left above it
        lead = next((b for b in content if is_paragraph(b)), None)
    if lead is None:
        lead = next((b for b in content if b.kind == "p" and not caption_like(b, structured)), None)
    result = Lead()
    if lead is not None:
        if m := SITE_PREFIX.match(lead.text):
            result.site = m[1]
            lead.text = lead.text[m.end() :]
        elif (m := _PLACE_PREFIX.match(lead.text)) and m.group(0).upper() == m.group(0):
            lead.text = lead.text[m.end() :]
    previous = ""
    lead_key = plain_key(lead.text) if lead else None
    for b in content:
        key = plain_key(b.text)
        if b is not lead and b.kind != "img" and key in (previous, lead_key):
            continue
        if b.kind != "img":
            previous = key
        if b is not lead:
            result.body.append(b)
    result.summary = lead.text if lead is not None else ""
    if lead is not None and not any(b.kind != "img" for b in result.body):
        result.body, result.summary = [lead, *result.body], ""  # one paragraph: the body
    return result


# ============================================================================ 7. the date


@dataclass
class DateChoice:
    date: FoundDate | None  # None: nothing at all; the caller writes a placeholder
    note: str = ""


def choose_date(
    title: TitleChoice,
    header: Header,
    signature: Signature,
    page_dates: list[FoundDate],
    lead_text: str,
    paragraphs: list[str],
    other_texts: list[str],
    today: date,
) -> DateChoice:
    """The publication date: the date line under the headline (a "Ngày đăng" before a
    "Cập nhật"), refined to the minute by the markup; checked against the date the sapo
    opens with. Without a date line, the date opening the sapo or the first paragraph (the
    day of the event the news reports); else a date line elsewhere, a month or a year the
    text names — each marked for review (never a date of an event or a document taken for
    the publication date without saying so)."""
    lines = title.dates + header.dates
    dateline = next((d for d in lines if d.kind == "published"), None)
    dateline = dateline or next((d for d in lines if d.kind == "plain"), None)
    dateline = dateline or next(iter(lines), None)
    markup = (header.markup or page_dates)[:1]
    if markup:
        marked = markup[0]
        if dateline is None:
            dateline = marked
        elif marked.day == dateline.day and marked.precision.value == "minute":
            if dateline.precision is Precision.DAY and not dateline.note:
                dateline = replace(marked, kind=dateline.kind)
        elif Precision.MONTH not in (marked.precision, dateline.precision) and (
            marked.day != dateline.day
        ):
            return DateChoice(
                dateline,
                f"trang ghi hai ngày khác nhau: dòng ngày {dateline.day} và mã trang "
                f"{marked.day}; kiểm tra ngày đăng",
            )
    opening = None
    for text in ([lead_text] if lead_text else []) + paragraphs[:1]:
        if (found := opening_date(text)) is not None:
            opening = found
            break
    if dateline is not None:
        if dateline.note:
            return DateChoice(dateline, dateline.note)
        why = _disagrees(dateline, opening) if opening and not opening.about_document else None
        if why is not None:
            return DateChoice(dateline, why)
        if dateline.moment.date() > today:
            return DateChoice(dateline, f"ngày đăng {dateline.day} ở sau hôm nay: kiểm tra")
        return DateChoice(dateline)
    if opening is not None:
        if opening.about_document:
            return DateChoice(
                opening.last,
                f"không có dòng ngày đăng; '{opening.quoted}' là ngày của văn bản được nhắc, "
                "có thể không phải ngày đăng bài: kiểm tra",
            )
        if opening.first != opening.last:
            return DateChoice(
                opening.last,
                f"không có dòng ngày đăng; tạm lấy ngày cuối của đợt '{opening.quoted}': "
                "kiểm tra ngày đăng",
            )
        others = header.unparsed + [
            line for found, line in signature.dates if found.day != opening.first.day
        ]
        if others:
            return DateChoice(
                opening.first,
                f"không đọc được dòng ngày đăng; tạm lấy ngày '{opening.quoted}' mở đầu bài, "
                f"nhưng trang còn ghi '{others[0]}': kiểm tra ngày đăng",
            )
        # The day of the event the news opens with: usually the day it was written, or a
        # few days before; never taken as the publication date without saying so.
        return DateChoice(
            opening.first,
            f"không có dòng ngày đăng; tạm lấy '{opening.quoted}', ngày của sự việc mở đầu "
            "bài (thường trùng hoặc trước ngày đăng vài ngày): kiểm tra ngày đăng",
        )
    if signature.dates:
        found, line = signature.dates[0]
        return DateChoice(
            found,
            f"dòng ngày '{line}' không nằm ngay dưới tiêu đề: kiểm tra đây có đúng là ngày đăng",
        )
    texts = ([lead_text] if lead_text else []) + paragraphs + other_texts + [title.text]
    if (mention := mentioned_month(texts)) is not None:
        month, quoted = mention
        return DateChoice(
            month,
            f"không có dòng ngày đăng; bài nhắc '{quoted}' nên tạm ghi tháng {month.text}; "
            "nếu biết ngày đăng, ghi đủ ngày",
        )
    year = title.years[0] if title.years else mentioned_year(texts, today.year)
    if year is not None:
        y, quoted = year
        guess = make_date(y, 1)
        assert guess is not None
        return DateChoice(
            guess,
            f"chỉ biết năm {y} (từ '{quoted}'), không biết tháng và ngày: tạm ghi {y}-01; "
            f"ghi ngày đăng thật nếu tìm được (ví dụ {y}-08-21, hoặc chỉ tháng {y}-08)",
        )
    return DateChoice(None)


def _disagrees(dateline: FoundDate, opening: Opening) -> str | None:
    published = dateline.moment.date()
    first, last = opening.first.moment.date(), opening.last.moment.date()
    if opening.first.precision is Precision.MONTH:
        return None  # "Tháng 8/2023, …": the month only, nothing to compare to the day
    if first > published + timedelta(days=1):
        return (
            f"dòng ngày ghi {dateline.day} nhưng sapo kể việc ngày '{opening.quoted}', sau "
            "ngày đăng: kiểm tra ngày đăng"
        )
    if published - last > _MAX_REPORT_DELAY:
        return (
            f"dòng ngày ghi {dateline.day} nhưng sapo kể việc '{opening.quoted}', "
            f"{(published - last).days} ngày trước đó: có thể trang cũ đã ghi ngày chuyển dữ "
            "liệu thay cho ngày đăng; kiểm tra ngày đăng"
        )
    return None


def placeholder_date(today: date, provinces: list[str], vocab: Vocabulary) -> FoundDate:
    """The date an article with no date at all is written with (a flagged placeholder that
    keeps the file valid): this month, or the month before the 2025 merger when the article
    names a province that no longer exists by then."""
    moment = datetime(today.year, today.month, 1, tzinfo=VN_TZ)
    if any(is_former_only(vocab, n, moment) for n in provinces):
        moment = vocab.merger_moment - timedelta(days=1)
    guess = make_date(moment.year, moment.month)
    assert guess is not None
    return guess


# ================================================================== 9. authors and sources


@dataclass
class Credits:
    authors: list = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    author_note: str = ""


def _newspaper(page: Page) -> str | None:
    """The paper's name when the page is a newspaper's own ("Báo Bắc Giang điện tử")."""
    for name in page.site_names + page.meta_titles:
        key = precise_key(name)
        if key.startswith(("báo ", "tạp chí ")) and words(name) <= 8:
            clean_name = re.sub(r"\s+(?:điện tử|online|điện tử online)$", "", name, flags=re.I)
            return squash(clean_name.split(" - ")[0].split(" | ")[0])
    return None


def _site_org(page: Page) -> str | None:
    for name in page.site_names + page.meta_titles:
        if org_like(name) and words(name) <= 14:
            return squash(re.split(r"\s+(?:::|\||-|–)\s+", name)[0])
    return None


def choose_authors(header: Header, signature: Signature, lead: Lead, page: Page | None) -> Credits:
    """Authors from the byline; a reprint ("Theo …") is signed with the paper it comes from
    (as seed 004 is); a newspaper's own page has the paper as source; with no byline at all,
    the site's unit is proposed for review."""
    credits = Credits()
    byline = header.byline or signature.byline
    paper = _newspaper(page) if page is not None else None
    source = signature.source or header.source
    if source:
        credits.sources.append(source)
    if lead.site:
        credits.sources.append({"name": lead.site})
    if not credits.sources and paper:
        source = {"name": paper}
        if page is not None and page.address.startswith(("http://", "https://")):
            source["url"] = page.address
        credits.sources.append(source)
    if byline is not None:
        credits.authors = byline.authors
        credits.author_note = byline.note
    elif source is not None:
        credits.authors = [source["name"]]
    elif lead.site is not None:
        credits.authors = [lead.site]
        credits.author_note = (
            f"bài không có dòng ký tên; tạm ghi trang nguồn '{lead.site}' làm tác giả"
        )
    elif page is not None and (org := paper or _site_org(page)):
        credits.authors = [org]
        credits.author_note = (
            f"bài không có dòng ký tên; tạm ghi đơn vị của trang '{org}' làm tác giả: ghi tên "
            "người viết nếu biết"
        )
    else:
        credits.authors = [UNKNOWN_AUTHOR]  # a placeholder that keeps the draft valid
        credits.author_note = (
            "không tìm thấy dòng ký tên (thường ở cuối bài); ghi tên người viết hoặc đơn vị "
            f"thay cho '{UNKNOWN_AUTHOR}'"
        )
    return credits


# ========================================================================= the pipeline


def analyse(page: Page, source: Path, vocab: Vocabulary, today: date | None = None) -> Imported:
    source = Path(source)
    today = today or datetime.now(VN_TZ).date()
    blocks = clean(page.blocks)
    if not any(b.kind not in ("img", "time") for b in blocks):
        raise ImportFailure(source, "không tìm thấy nội dung bài viết.")
    try:
        title = find_title(blocks, page)
    except ImportFailure as exc:
        raise ImportFailure(source, exc.reason) from None
    review: dict[str, str] = {}
    if title.note:
        review["title"] = title.note
    content, labels = strip_chrome(blocks[title.index + 1 :] if title.index >= 0 else blocks)
    header, content = read_header(content)
    signature, content = read_signature(content, header)
    split_lists(content)
    lead = choose_lead(content, page.structured)
    photos: list[Photo] = []
    items = body_items(lead.body, page.structured, photos)
    if not any(it.kind != "photo" or it.lines for it in items) and not lead.summary:
        raise ImportFailure(source, "không tìm thấy nội dung bài viết (chỉ có tiêu đề).")

    paragraphs = [it.text for it in items if it.kind == "p"]
    others = [it.text for it in items if it.kind != "p" and it.lines]
    choice = choose_date(
        title, header, signature, page.dates, lead.summary, paragraphs, others, today
    )
    moment = choice.date.moment if choice.date is not None else None

    sections = {
        "title": title.text,
        "lead": lead.summary,
        "body": "\n".join(it.text for it in items if it.lines),
    }
    identity = page.site_names + [t for t in page.meta_titles if org_like(t)]
    site = site_province(identity, page.address or page.base, vocab, moment)
    provinces, why = propose_provinces(sections, vocab, moment, site)
    if why:
        review["province"] = why
    date_value = choice.date
    undated = date_value is None
    if date_value is None:
        date_value = placeholder_date(today, provinces, vocab)
        choice = DateChoice(
            date_value,
            "không tìm thấy ngày đăng nào trong bài (không có dòng ngày, không nhắc tháng hay "
            f"năm): tạm ghi {date_value.text} cho bài hợp lệ; ghi ngày đăng thật, ví dụ "
            "2019-08-21, hoặc chỉ tháng 2019-08",
        )
    if choice.note:
        review["date"] = choice.note
    category, why = propose_category(
        sections, vocab, labels + title.labels + header.labels + page.sections
    )
    if why:
        review["category"] = why
    credits = choose_authors(header, signature, lead, page if page.structured else None)
    if credits.author_note:
        review["author"] = credits.author_note
    captions = {it.photo: it.text for it in items if it.kind == "photo" and it.lines}
    if note := online_note(photos, captions):
        review["image"] = note
    for name, value in (("title", title.text), ("summary", lead.summary)):
        if value and MARKUP.search(value) and name not in review:
            review[name] = "có ký tự giống mã HTML (<…> hoặc &…;): chỉ ghi văn bản thuần"

    return assemble(
        source,
        title.text,
        date_value,
        provinces,
        category,
        credits,
        lead.summary,
        items,
        photos,
        review,
        undated=undated,
        structured=page.structured,
    )


def assemble(
    source: Path,
    title: str,
    date_value: FoundDate,
    provinces: list[str],
    category: str,
    credits: Credits,
    summary: str,
    items: list[Item],
    photos: list[Photo],
    review: dict[str, str],
    *,
    undated: bool,
    structured: bool,
) -> Imported:
    """The front-matter fields in the portal's order, the draft mark when anything is to
    be checked, and the file's place: "<year>/<slug>.md", or "chua-ro-ngay/<slug>.md"."""
    authors = credits.authors
    fields: dict = {
        "title": title,
        "date": date_value.text,
        "province": provinces[0] if len(provinces) == 1 else provinces,
        "category": category,
        "author": authors[0] if len(authors) == 1 else authors,
        "tags": [],  # editorial: left to staff, never guessed
        "summary": summary,
    }
    sources = credits.sources
    if sources:
        plain = len(sources) == 1 and set(sources[0]) == {"name"}
        fields["source"] = sources[0]["name"] if plain else sources
    if "image" in review:
        fields["image"] = ""
    if review:
        fields["draft"] = True
        review["draft"] = DRAFT_NOTE
    folder = UNDATED_DIR if undated else date_value.text[:4]
    return Imported(
        source, fields, items, photos, review, f"{folder}/{slug(title, source)}.md", structured
    )


def slug(title: str, source: Path) -> str:
    value = slugify(title) or slugify(source.stem) or "bai-viet"
    if len(value) > 150:  # file names stay well under the 255-byte limit
        value = value[:150].rsplit("-", 1)[0]
    return value
