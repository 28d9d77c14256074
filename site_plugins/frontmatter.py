"""The only front-matter reader: turns an article file's text into an ``Article`` or a list of
``Problem``s, each naming the file, line and field, what is wrong and how to fix it.

It reports every problem of a file at once. It parses YAML itself (MkDocs' own meta reader
swallows YAML errors) with timestamps left as strings, so dates get our own checks and
messages.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml

from .model import (
    VN_TZ,
    Article,
    Author,
    Precision,
    Problem,
    ProvinceRef,
    PublishDate,
    Source,
)
from .text import nfc, precise_key, slugify
from .vocab import Vocabulary

REQUIRED = ("title", "date", "province", "category", "author")
OPTIONAL = (
    "tags",
    "summary",
    "source",
    "image",
    "image_caption",
    "updated",
    "draft",
    "slug",
)
KNOWN = REQUIRED + OPTIONAL

_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&[A-Za-z#][A-Za-z0-9]*;")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_DATE_HINT = (
    "Ghi ngày theo dạng năm-tháng-ngày, ví dụ 2024-03-15, hoặc kèm giờ 2024-03-15 09:30; "
    "nếu chỉ biết tháng, ghi 2022-01."
)


# libyaml's C parser when PyYAML was built with it (the wheels are): ten times faster.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps timestamps as strings, so dates get our own checks."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Split:
    """An article's text cut into its front-matter and body."""

    front: str | None  # None: the file has no front-matter
    body: str
    front_line: int  # line number of the first front-matter line
    body_line: int  # line number of the first body line


def decode(raw: bytes) -> str:
    """UTF-8 with or without BOM; CRLF and CR become LF. Raises UnicodeDecodeError."""
    return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Split:
    """Cut ``text`` at the ``---`` fences; an unclosed fence means no front-matter."""
    lines = text.split("\n")
    if lines and _FENCE.match(lines[0]):
        for i in range(1, len(lines)):
            if _END_FENCE.match(lines[i]):
                return Split("\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), 2, i + 2)
    return Split(None, text, 1, 1)


class _Reader:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, path: str, vocab: Vocabulary) -> None:
        self.path = path
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}

    def problem(self, field: str | None, message: str, hint: str = "", line: int | None = None):
        if line is None:
            line = self.lines.get(field or "", 1)
        self.problems.append(Problem(self.path, line, field, message, hint))

    # -- YAML ----------------------------------------------------------------------------------
    def load(self, parts: Split) -> dict[str, Any] | None:
        offset = parts.front_line - 1
        loader = _Loader(parts.front or "")
        try:
            node = loader.get_single_node()
            if node is None:
                data: Any = {}
            else:
                if isinstance(node, yaml.MappingNode):
                    self._check_keys(node, offset)
                data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            reason = getattr(exc, "problem", None) or ""
            mark = getattr(exc, "problem_mark", None)
            if reason.startswith("found unexpected end of stream") or mark is None:
                mark = getattr(exc, "context_mark", None) or mark
            line = offset + mark.line + 1 if mark is not None else parts.front_line
            self.problem(
                None,
                f"phần đầu (front-matter) không phải YAML hợp lệ: {_yaml_reason(reason)}.",
                "Kiểm tra dòng này: mỗi trường một dòng dạng 'tên: giá trị'; giá trị có dấu "
                'hai chấm hoặc bắt đầu bằng ký tự đặc biệt thì đặt trong ngoặc kép "..."; '
                "thụt lề bằng dấu cách, không dùng Tab.",
                line=line,
            )
            return None
        finally:
            loader.dispose()
        if not isinstance(data, dict):
            self.problem(
                None,
                "phần đầu (front-matter) phải là danh sách các trường 'tên: giá trị'.",
                "Xem mẫu bài viết trong README.md.",
                line=parts.front_line,
            )
            return None
        return data

    def _check_keys(self, node: yaml.MappingNode, offset: int) -> None:
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = offset + key_node.start_mark.line + 1
            if key in self.lines:
                self.problem(
                    key,
                    f"khai báo hai lần (dòng {self.lines[key]} và dòng {line}).",
                    "Xóa một trong hai dòng.",
                    line=line,
                )
            else:
                self.lines[key] = line

    # -- fields --------------------------------------------------------------------------------
    def text(self, data: dict, field: str, *, required: bool = False, markup_ok=False):
        value = data.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(field, "bắt buộc nhưng đang thiếu hoặc để trống.", _HINTS[field])
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(field, "phải là một đoạn chữ.", _HINTS.get(field, ""))
            return None
        value = nfc(str(value)).strip()
        if not markup_ok and MARKUP.search(value):
            self.problem(
                field,
                f"có mã HTML hoặc ký hiệu đặc biệt ({MARKUP.search(value).group(0)}…).",
                "Chỉ ghi văn bản thuần; bỏ các thẻ <...> và mã &...;.",
            )
            return None
        return value

    def text_list(self, data: dict, field: str, *, required: bool = False) -> list[str]:
        value = data.get(field)
        if value is None or value == [] or value == "":
            if required:
                self.problem(field, "bắt buộc nhưng đang thiếu hoặc để trống.", _HINTS[field])
            return []
        items = value if isinstance(value, list) else [value]
        result = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(field, f"mỗi mục phải là một đoạn chữ (gặp: {item!r}).", _HINTS[field])
                continue
            text = nfc(str(item)).strip()
            if not text:
                self.problem(field, "có mục để trống.", "Xóa mục trống.")
            elif MARKUP.search(text):
                self.problem(
                    field,
                    f"mục '{text}' có mã HTML hoặc ký hiệu đặc biệt.",
                    "Chỉ ghi văn bản thuần; bỏ các thẻ <...> và mã &...;.",
                )
            else:
                result.append(text)
        return result

    def date(self, data: dict, field: str, *, required: bool = False) -> PublishDate | None:
        value = data.get(field)
        if value is None or value == "":
            if required:
                self.problem(field, "bắt buộc nhưng đang thiếu.", _DATE_HINT)
            return None
        text = str(value).strip()
        try:
            parsed = parse_date(text)
        except ValueError as exc:
            self.problem(field, f"'{text}' không phải ngày hợp lệ ({exc}).", _DATE_HINT)
            return None
        return parsed

    def authors(self, data: dict) -> list[Author]:
        value = data.get("author")
        if value is None or value == [] or value == "":
            self.problem("author", "bắt buộc nhưng đang thiếu hoặc để trống.", _HINTS["author"])
            return []
        result = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                extra = set(item) - {"name", "organization"}
                if extra:
                    self.problem(
                        "author",
                        f"không có mục '{sorted(extra)[0]}'.",
                        "Tác giả ghi dạng {name: Tên, organization: Đơn vị}.",
                    )
                name = self.text(item, "name")
                org = self.text(item, "organization")
                if name is None:
                    self.problem("author", "thiếu tên (name).", _HINTS["author"])
                    continue
                result.append(Author(name, org))
            else:
                name = self.text({"author": item}, "author")
                if name is not None:
                    result.append(Author(name))
        return result

    def sources(self, data: dict) -> list[Source]:
        value = data.get("source")
        if value is None or value == [] or value == "":
            return []
        result = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                name = self.text(item, "name")
                url = self.text(item, "url")
                if name is None:
                    self.problem("source", "thiếu tên nguồn (name).", _HINTS["source"])
                    continue
                if url is not None and not re.match(r"^https?://[^\s<>\"']+$", url):
                    self.problem(
                        "source",
                        f"địa chỉ '{url}' không hợp lệ.",
                        "Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://.",
                    )
                    url = None
                result.append(Source(name, url))
            else:
                name = self.text({"source": item}, "source")
                if name is not None:
                    result.append(Source(name))
        return result

    def provinces(self, data: dict, date: PublishDate | None) -> list[ProvinceRef]:
        names = self.text_list(data, "province", required=True)
        refs: list[ProvinceRef] = []
        seen: set[str] = set()
        for name in names:
            match = self.vocab.province(name, date.moment if date else None)
            if match.dissolved is not None:
                self.problem(
                    "province",
                    f"'{name}' không còn là đơn vị hành chính từ 1/7/2025 "
                    f"(đã nhập vào {match.dissolved.became}).",
                    f"Bài đăng từ 1/7/2025 ghi '{match.dissolved.became}'.",
                )
            elif match.ref is None:
                suggestions = self.vocab.suggest_province(name)
                hint = _did_you_mean(suggestions)
                self.problem(
                    "province",
                    f"không có tỉnh/thành '{name}' trong danh mục.",
                    hint + "Xem danh sách: khuyencong vocab provinces.",
                )
            elif match.ref.display_name in seen:
                self.problem("province", f"'{name}' ghi lặp lại.", "Xóa tên bị lặp.")
            else:
                seen.add(match.ref.display_name)
                refs.append(match.ref)
        return refs

    def flag(self, data: dict, field: str) -> bool:
        value = data.get(field, False)
        if isinstance(value, bool):
            return value
        self.problem(field, f"phải là true hoặc false (gặp: {value!r}).", f"Ghi '{field}: true'.")
        return False


_YAML_REASONS = (
    ("found unexpected end of stream", "có dấu ngoặc kép hoặc ngoặc vuông chưa đóng"),
    (
        "mapping values are not allowed",
        "có dấu hai chấm ':' trong giá trị chưa đặt trong ngoặc kép",
    ),
    ("cannot start any token", "có ký tự không được phép ở đầu giá trị (ví dụ Tab, @ hoặc `)"),
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên trường"),
    ("did not find expected", "thụt lề hoặc dấu ngoặc không khớp"),
    ("expected <block end>", "thụt lề không đều"),
    ("found undefined alias", "có dấu '*' ở đầu giá trị; hãy đặt giá trị trong ngoặc kép"),
)


def _yaml_reason(problem: str) -> str:
    """PyYAML's problem text said in Vietnamese where we know it, else kept for reference."""
    for english, vietnamese in _YAML_REASONS:
        if english in problem:
            return vietnamese
    return f"lỗi cú pháp ({problem})" if problem else "lỗi cú pháp"


def _did_you_mean(suggestions: list[str]) -> str:
    if not suggestions:
        return ""
    return "Có phải ý bạn là " + " hoặc ".join(f"'{s}'" for s in suggestions) + "? "


_HINTS = {
    "title": "Thêm dòng 'title: Tiêu đề bài viết'.",
    "date": _DATE_HINT,
    "province": "Ghi 'province: Tên tỉnh' hoặc danh sách '[Tỉnh A, Tỉnh B]' (tỉnh chính trước).",
    "category": "Ghi 'category: Tên chuyên mục'; xem danh sách: khuyencong vocab categories.",
    "author": "Ghi 'author: Họ Tên' hoặc danh sách '[Tên A, Tên B]'.",
    "tags": "Ghi 'tags: [thẻ một, thẻ hai]'.",
    "summary": "Ghi 'summary: Đoạn sapo ngắn'.",
    "source": "Ghi 'source: Tên báo/trang' hoặc '{name: Tên, url: https://...}'.",
    "image": "Ghi 'image: đường/dẫn/ảnh.jpg'.",
    "image_caption": "Ghi 'image_caption: Chú thích ảnh'.",
    "slug": "Ghi 'slug: chu-thuong-khong-dau' (chỉ a-z, 0-9 và dấu gạch ngang).",
}


def parse_date(text: str) -> PublishDate:
    """Parse the date forms articles may use; a time without zone is Asia/Ho_Chi_Minh.

    Raises ValueError with a Vietnamese reason.
    """
    text = text.strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"không có tháng {month}")
        return PublishDate(datetime(year, month, 1, tzinfo=VN_TZ), Precision.MONTH)
    if m := _DATE.match(text):
        return PublishDate(_make(int(m[1]), int(m[2]), int(m[3])), Precision.DAY)
    if m := _DATETIME.match(text):
        hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
        base = _make(int(m[1]), int(m[2]), int(m[3]))
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"không có giờ {hour:02d}:{minute:02d}")
        moment = base.replace(hour=hour, minute=minute, second=second)
        if zone := m[7]:
            aware = datetime.fromisoformat(
                f"{moment.replace(tzinfo=None).isoformat()}"
                f"{'+00:00' if zone == 'Z' else _zone(zone)}"
            )
            moment = aware.astimezone(VN_TZ)
        return PublishDate(moment, Precision.MINUTE)
    raise ValueError("không đúng dạng năm-tháng-ngày")


def _zone(zone: str) -> str:
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _make(year: int, month: int, day: int) -> datetime:
    if not 1 <= month <= 12:
        raise ValueError(f"không có tháng {month}")
    try:
        return datetime(year, month, day, tzinfo=VN_TZ)
    except ValueError:
        raise ValueError(f"tháng {month}/{year} không có ngày {day}") from None


def read_article(
    path: str, text: str, vocab: Vocabulary, shown_as: str | None = None
) -> tuple[Article | None, list[Problem]]:
    """Read one article. Returns the article (None if it has any problem) and every problem.

    ``path`` is the article's key (relative to docs_dir); problems name ``shown_as`` (the path
    staff see, e.g. ``content/tin-tuc/2022/x.md``) when given.
    """
    reader = _Reader(shown_as or path, vocab)
    parts = split(text)
    if parts.front is None:
        reader.problem(
            None,
            "bài viết không có phần đầu (front-matter).",
            "Dòng đầu tiên của tệp phải là '---', tiếp theo là các trường title, date, "
            "province, category, author, rồi một dòng '---' nữa.",
            line=1,
        )
        return None, reader.problems
    data = reader.load(parts)
    if data is None:
        return None, reader.problems

    for key in data:
        if key not in KNOWN:
            close = difflib.get_close_matches(str(key), KNOWN, n=1)
            reader.problem(
                str(key),
                "không phải trường được hỗ trợ.",
                (f"Có phải ý bạn là '{close[0]}'? " if close else "")
                + "Các trường: "
                + ", ".join(KNOWN)
                + ".",
            )

    title = reader.text(data, "title", required=True)
    if title is not None and "\n" in title:
        reader.problem("title", "tiêu đề phải nằm trên một dòng.", "Viết tiêu đề trên một dòng.")
    date = reader.date(data, "date", required=True)
    updated = reader.date(data, "updated")
    if date and updated and updated.moment < date.moment:
        reader.problem("updated", "ngày cập nhật sớm hơn ngày đăng.", "Sửa lại ngày 'updated'.")
    provinces = reader.provinces(data, date)
    category = None
    category_name = reader.text(data, "category", required=True)
    if category_name is not None:
        category = vocab.category(category_name)
        if category is None:
            reader.problem(
                "category",
                f"không có chuyên mục '{category_name}'.",
                _did_you_mean(vocab.suggest_category(category_name))
                + "Xem danh sách: khuyencong vocab categories.",
            )
    authors = reader.authors(data)
    # The same tag written twice (case, tone placement) is one tag: the first spelling stays.
    tags = list({precise_key(t): t for t in reversed(reader.text_list(data, "tags"))}.values())
    tags.reverse()
    summary = reader.text(data, "summary")
    sources = reader.sources(data)
    image = reader.text(data, "image")
    image_caption = reader.text(data, "image_caption")
    draft = reader.flag(data, "draft")
    slug = reader.text(data, "slug")
    if slug is not None and not _SLUG.match(slug):
        reader.problem(
            "slug",
            f"'{slug}' không hợp lệ (không được có dấu, chữ hoa, '/', '..' hay khoảng trắng).",
            f"Ví dụ: slug: {slugify(slug) or 'tin-khuyen-cong'}",
        )
        slug = None
    if slug is None and title is not None:
        slug = _slug_from_path(path) or slugify(title)

    if reader.problems:
        return None, reader.problems
    assert title and date and category and slug  # guaranteed when no problem was found
    article = Article(
        src_path=path,
        title=title,
        date=date,
        provinces=tuple(provinces),
        category=category,
        authors=tuple(authors),
        slug=slug,
        tags=tuple(tags),
        summary=summary,
        sources=tuple(sources),
        image=image,
        image_caption=image_caption,
        updated=updated,
        draft=draft,
        body=parts.body,
        body_line=parts.body_line,
        shown_path=shown_as or path,
        field_lines=dict(reader.lines),
    )
    return article, []


def _slug_from_path(path: str) -> str:
    """The file name without extension when it is already a valid slug, else ''."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if _SLUG.match(stem) else ""
