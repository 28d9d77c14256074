"""The only front-matter reader: turns an article file's text into an ``Article`` or a list of
``Problem``s, each naming the file, line and field, what is wrong and how to fix it.

Every field is declared once, in ``FIELDS`` (name, whether it is required, how staff write it,
how it is read, how it is written back, the question ``khuyencong new`` asks), as Material's
blog declares its ``PostConfig``: the reader, ``khuyencong new``, the importer's writer and the
field tables of the docs all come from that table.

It reports every problem of a file at once. It parses YAML itself (MkDocs' own meta reader
swallows YAML errors) with timestamps left as strings, so dates get our own checks and
messages; YAML anchors and aliases are refused before anything expands them, and no message
ever formats an unbounded value (``text.excerpt``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml

from .model import (
    VN_TZ,
    Article,
    Author,
    Category,
    Precision,
    Problem,
    ProvinceRef,
    PublishDate,
    Source,
)
from .text import SLUG_LIMIT, describe_char, excerpt, forbidden_char, nfc, precise_key, slugify
from .vocab import Vocabulary

MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&[A-Za-z#][A-Za-z0-9]*;")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s<>\"'\\]+$")
FIRST_YEAR, LAST_YEAR = 1945, 2100  # dates outside are typing mistakes
TITLE_LIMIT = 300  # characters
FRONT_LIMIT = 64 * 1024  # bytes of front-matter: far above any real article

_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
DATE_HINT = (
    "Ghi ngày theo dạng năm-tháng-ngày, ví dụ 2024-03-15, hoặc kèm giờ 2024-03-15 09:30; "
    "nếu chỉ biết tháng, ghi 2022-01."
)
_PLAIN_HINT = "Chỉ ghi văn bản thuần; bỏ các thẻ <...> và mã &...;."


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


# ------------------------------------------------------------------------------ the schema


@dataclass(frozen=True)
class Field:
    """One front-matter field, declared once."""

    name: str
    required: bool
    usage: str  # how staff write it (the docs' table, `new --help`)
    hint: str  # the fix a message suggests when the field is missing or malformed
    read: Callable[[_Reader, dict, dict], Any]  # (reader, YAML data, fields read so far)
    write: Callable[[Any], str]  # a value (as `new` and the importer hold it) -> YAML text
    prompt: str | None = None  # the question `khuyencong new` asks when it is missing
    many: bool = False  # several values: a YAML list, comma-separated in `new`'s answers


def _yaml_scalar(value) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # JSON strings are valid YAML double-quoted strings: every character survives.
    return json.dumps(str(value), ensure_ascii=False)


def write_value(value) -> str:
    """YAML flow text for a string, list, or name/organization (name/url) mapping."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in value.items() if v) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(write_value(v) for v in value) + "]"
    return _yaml_scalar(value)


def _write_date(value) -> str:
    """Dates are written bare (2022-01, 2024-03-15 09:30, 2024-03-15T09:30:00+07:00)."""
    return str(value)


def _write_list(value) -> str:
    """Tags stay a list even with one item (staff add to it)."""
    return write_value(list(value) if isinstance(value, (list, tuple)) else [value])


class _Reader:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, path: str, vocab: Vocabulary) -> None:
        self.path = path
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}  # "title", "author[1].organization" -> file line

    def problem(self, name: str | None, message: str, hint: str = "", line: int | None = None):
        if line is None:
            line = self.line_of(name)
        self.problems.append(Problem(self.path, line, name, message, hint))

    def line_of(self, name: str | None) -> int:
        """The line of a field or sub-field, else of its nearest enclosing field."""
        while name:
            if name in self.lines:
                return self.lines[name]
            name = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", name) if re.search(r"[.\[]", name) else ""
        return 1

    # -- YAML ----------------------------------------------------------------------------------
    def load(self, parts: Split) -> dict[str, Any] | None:
        offset = parts.front_line - 1
        front = parts.front or ""
        if len(front.encode("utf-8")) > FRONT_LIMIT:
            self.problem(
                None,
                f"phần đầu (front-matter) dài quá {FRONT_LIMIT // 1024} KB.",
                "Phần đầu chỉ gồm vài dòng 'tên: giá trị'; nội dung bài viết đặt dưới dòng '---' "
                "thứ hai.",
                line=parts.front_line,
            )
            return None
        try:
            for token in yaml.scan(front, Loader=_Loader):
                if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                    sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                    self.problem(
                        None,
                        f"phần đầu dùng neo/bí danh YAML ('{sign}{excerpt(token.value, 30)}'), "
                        "cổng tin không nhận.",
                        "Ghi thẳng giá trị của từng trường; giá trị bắt đầu bằng * hoặc & thì đặt "
                        'trong ngoặc kép "...".',
                        line=offset + token.start_mark.line + 1,
                    )
                    return None
            loader = _Loader(front)
            try:
                node = loader.get_single_node()
                if node is None:
                    data: Any = {}
                else:
                    if isinstance(node, yaml.MappingNode):
                        self._index_lines(node, offset)
                    data = loader.construct_document(node)
            finally:
                loader.dispose()
        except yaml.reader.ReaderError as exc:
            line = offset + front.count("\n", 0, max(exc.position, 0)) + 1
            char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
            self.problem(
                None,
                f"phần đầu (front-matter) có ký tự vô hình {describe_char(char[:1] or ' ')}.",
                "Xóa ký tự đó (thường do dán từ Word hay trang web) rồi lưu lại.",
                line=line,
            )
            return None
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
        except RecursionError:
            self.problem(
                None,
                "phần đầu (front-matter) lồng quá nhiều tầng ngoặc.",
                "Mỗi trường một dòng 'tên: giá trị'; danh sách chỉ một tầng [a, b].",
                line=parts.front_line,
            )
            return None
        if not isinstance(data, dict):
            self.problem(
                None,
                "phần đầu (front-matter) phải là danh sách các trường 'tên: giá trị'.",
                "Xem mẫu bài viết trong README.md.",
                line=parts.front_line,
            )
            return None
        return data

    def _index_lines(self, node: yaml.MappingNode, offset: int) -> None:
        """Lines of every field and of the items and keys inside lists and mappings."""
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if not isinstance(key, str):
                key = str(key)
            line = offset + key_node.start_mark.line + 1
            if key in self.lines:
                self.problem(
                    key,
                    f"khai báo hai lần (dòng {self.lines[key]} và dòng {line}).",
                    "Xóa một trong hai dòng.",
                    line=line,
                )
                continue
            self.lines[key] = line
            self._index_inner(key, value_node, offset, depth=1)

    def _index_inner(self, name: str, node: yaml.Node, offset: int, depth: int) -> None:
        if depth > 3:
            return
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value, 1):
                self.lines[f"{name}[{i}]"] = offset + item.start_mark.line + 1
                self._index_inner(f"{name}[{i}]", item, offset, depth + 1)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    sub = f"{name}.{excerpt(key_node.value, 30)}"
                    self.lines.setdefault(sub, offset + key_node.start_mark.line + 1)
                    self._index_inner(sub, value_node, offset, depth + 1)

    # -- values --------------------------------------------------------------------------------
    def text(
        self,
        value: Any,
        name: str,
        *,
        required: bool = False,
        hint: str = "",
        single_line: bool = True,
        needs_slug: bool = False,
    ) -> str | None:
        """A plain-text value: NFC, no markup, no invisible control or bidi characters."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(name, "bắt buộc nhưng đang thiếu hoặc để trống.", hint)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(name, f"phải là một đoạn chữ (đang ghi: {excerpt(value)}).", hint)
            return None
        text = nfc(str(value)).strip()
        if bad := forbidden_char(text, single_line=single_line):
            index, char = bad
            is_break = char in "\x0b\x0c\n\r\u2028\u2029"
            self.problem(
                name,
                f"có ký tự vô hình {describe_char(char)} ở vị trí {index + 1} "
                f"(sau '{excerpt(text[max(0, index - 20) : index], 20)}').",
                "Xóa ký tự đó"
                + (" và gõ một dấu cách thay vào" if is_break else "")
                + " (thường do dán từ Word hay trang web); nội dung phải nằm trên một dòng."
                if single_line
                else "Xóa ký tự đó (thường do dán từ Word hay trang web).",
            )
            return None
        if m := MARKUP.search(text):
            self.problem(
                name,
                f"'{excerpt(text, 40)}' có mã HTML hoặc ký hiệu đặc biệt "
                f"({excerpt(m.group(0), 10)}…).",
                _PLAIN_HINT,
            )
            return None
        if needs_slug and not slugify(text):
            self.problem(
                name,
                f"'{excerpt(text)}' không có chữ cái hay chữ số nào nên không làm được địa chỉ "
                "trang.",
                "Viết bằng chữ (có thể kèm biểu tượng), ví dụ thêm một từ mô tả.",
            )
            return None
        return text

    def items(self, data: dict, name: str) -> list[tuple[str, Any]]:
        """(sub-field name, value) of each item of a field written as one value or a list:
        'tags[2]' names the second of several items; a single item is named 'tags'."""
        value = data.get(name)
        if value is None or value == [] or value == "":
            return []
        if isinstance(value, list) and len(value) > 1:
            return [(f"{name}[{i}]", item) for i, item in enumerate(value, 1)]
        return [(name, value[0] if isinstance(value, list) else value)]


# -- field readers (each takes the reader, the YAML data, and the fields read so far) ---------


def _title(r: _Reader, data: dict, got: dict) -> str | None:
    title = r.text(data.get("title"), "title", required=True, hint=FIELD["title"].hint)
    if title is None:
        return None
    if len(title) > TITLE_LIMIT:
        r.problem(
            "title",
            f"tiêu đề dài {len(title)} ký tự, quá {TITLE_LIMIT}.",
            "Rút gọn tiêu đề; phần chi tiết đưa vào sapo (summary).",
        )
        return None
    if not slugify(title) and data.get("slug") is None:
        r.problem(
            "title",
            f"tiêu đề '{excerpt(title)}' không có chữ cái hay chữ số nào nên không làm được địa "
            "chỉ bài.",
            "Thêm chữ vào tiêu đề, hoặc ghi trường 'slug: ten-bai-khong-dau'.",
        )
        return None
    return title


def _date_field(name: str, required: bool) -> Callable[[_Reader, dict, dict], Any]:
    def read(r: _Reader, data: dict, got: dict) -> PublishDate | None:
        value = data.get(name)
        if value is None or value == "":
            if required:
                r.problem(name, "bắt buộc nhưng đang thiếu.", DATE_HINT)
            return None
        if isinstance(value, (bool, list, dict)):
            r.problem(name, f"'{excerpt(value)}' không phải ngày.", DATE_HINT)
            return None
        text = str(value).strip()
        try:
            return parse_date(text)
        except ValueError as exc:
            r.problem(name, f"'{excerpt(text)}' không phải ngày hợp lệ ({exc}).", DATE_HINT)
            return None

    return read


def _updated(r: _Reader, data: dict, got: dict) -> PublishDate | None:
    updated = _date_field("updated", False)(r, data, got)
    date = got.get("date")
    if date and updated and updated.moment < date.moment:
        r.problem("updated", "ngày cập nhật sớm hơn ngày đăng.", "Sửa lại ngày 'updated'.")
        return None
    return updated


def _provinces(r: _Reader, data: dict, got: dict) -> list[ProvinceRef]:
    items = r.items(data, "province")
    if not items:
        r.problem("province", "bắt buộc nhưng đang thiếu hoặc để trống.", FIELD["province"].hint)
        return []
    date = got.get("date")
    refs: list[ProvinceRef] = []
    seen: set[str] = set()
    for name, value in items:
        text = r.text(value, name, required=True, hint=FIELD["province"].hint)
        if text is None:
            continue
        match = r.vocab.province(text, date.moment if date else None)
        if match.dissolved is not None:
            r.problem(
                name,
                f"'{excerpt(text)}' không còn là đơn vị hành chính từ 1/7/2025 "
                f"(đã nhập vào {match.dissolved.became}).",
                f"Bài đăng từ 1/7/2025 ghi '{match.dissolved.became}'.",
            )
        elif match.ref is None:
            r.problem(
                name,
                f"không có tỉnh/thành '{excerpt(text)}' trong danh mục.",
                did_you_mean(r.vocab.suggest_province(text))
                + "Xem danh sách: khuyencong vocab provinces.",
            )
        elif match.ref.display_name in seen:
            r.problem(name, f"'{excerpt(text)}' ghi lặp lại.", "Xóa tên bị lặp.")
        else:
            seen.add(match.ref.display_name)
            refs.append(match.ref)
    return refs


def _category(r: _Reader, data: dict, got: dict) -> Category | None:
    name = r.text(data.get("category"), "category", required=True, hint=FIELD["category"].hint)
    if name is None:
        return None
    category = r.vocab.category(name)
    if category is None:
        r.problem(
            "category",
            f"không có chuyên mục '{excerpt(name)}'.",
            did_you_mean(r.vocab.suggest_category(name))
            + "Xem danh sách: khuyencong vocab categories.",
        )
    return category


def _mapping(
    r: _Reader, name: str, item: dict, keys: tuple[str, ...], hint: str, *, named: bool = False
) -> dict[str, str | None] | None:
    """A {name: …, …} item: unknown keys and bad values are named ``author[1].organization``."""
    ok = True
    for key in item:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            r.problem(
                f"{name}.{excerpt(key, 30)}",
                f"không có mục '{excerpt(key, 30)}'.",
                (f"Có phải ý bạn là '{close[0]}'? " if close else "") + hint,
            )
            ok = False
    values = {}
    for key in keys:
        before = len(r.problems)
        values[key] = r.text(
            item.get(key), f"{name}.{key}", hint=hint, needs_slug=named and key == keys[0]
        )
        ok = ok and len(r.problems) == before
    if values[keys[0]] is None:
        if item.get(keys[0]) is None or item.get(keys[0]) == "":
            r.problem(f"{name}.{keys[0]}", f"thiếu mục '{keys[0]}'.", hint)
        return None
    return values if ok else None


def _authors(r: _Reader, data: dict, got: dict) -> list[Author]:
    hint = FIELD["author"].hint
    items = r.items(data, "author")
    if not items:
        r.problem("author", "bắt buộc nhưng đang thiếu hoặc để trống.", hint)
        return []
    result = []
    for name, item in items:
        if isinstance(item, dict):
            values = _mapping(r, name, item, ("name", "organization"), hint, named=True)
            if values is not None:
                result.append(Author(values["name"] or "", values["organization"]))
        else:
            text = r.text(item, name, required=True, hint=hint, needs_slug=True)
            if text is not None:
                result.append(Author(text))
    return result


def _tags(r: _Reader, data: dict, got: dict) -> list[str]:
    tags = []
    for name, item in r.items(data, "tags"):
        if item is None or (isinstance(item, str) and not item.strip()):
            r.problem(name, "có mục để trống.", "Xóa mục trống.")
            continue
        text = r.text(item, name, hint=FIELD["tags"].hint, needs_slug=True)
        if text is not None:
            tags.append(text)
    # The same tag written twice (case, tone placement) is one tag: the first spelling stays.
    return list({precise_key(t): t for t in reversed(tags)}.values())[::-1]


def _sources(r: _Reader, data: dict, got: dict) -> list[Source]:
    hint = FIELD["source"].hint
    result = []
    for name, item in r.items(data, "source"):
        if isinstance(item, dict):
            values = _mapping(r, name, item, ("name", "url"), hint)
            if values is None:
                continue
            url = values["url"]
            if url is not None and not URL_RE.match(url):
                r.problem(
                    f"{name}.url",
                    f"địa chỉ '{excerpt(url)}' không hợp lệ.",
                    "Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https:// và không có dấu cách.",
                )
                continue
            result.append(Source(values["name"] or "", url))
        else:
            text = r.text(item, name, required=True, hint=hint)
            if text is not None:
                result.append(Source(text))
    return result


def _text_field(name: str, *, single_line: bool = True) -> Callable[[_Reader, dict, dict], Any]:
    def read(r: _Reader, data: dict, got: dict) -> str | None:
        return r.text(data.get(name), name, hint=FIELD[name].hint, single_line=single_line)

    return read


def _draft(r: _Reader, data: dict, got: dict) -> bool:
    value = data.get("draft", False)
    if value is None or isinstance(value, bool):
        return bool(value)
    r.problem(
        "draft", f"phải là true hoặc false (đang ghi: {excerpt(value)}).", "Ghi 'draft: true'."
    )
    return False


def _slug(r: _Reader, data: dict, got: dict) -> str | None:
    slug = r.text(data.get("slug"), "slug", hint=FIELD["slug"].hint)
    if slug is None:
        return None
    if not SLUG_RE.match(slug) or len(slug) > SLUG_LIMIT:
        r.problem(
            "slug",
            f"'{excerpt(slug)}' không hợp lệ (không được có dấu, chữ hoa, '/', '..', khoảng trắng "
            f"hay dài quá {SLUG_LIMIT} ký tự).",
            f"Ví dụ: slug: {slugify(slug) or 'tin-khuyen-cong'}",
        )
        return None
    return slug


FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        True,
        "Tiêu đề trên một dòng, không chứa mã HTML. Có dấu hai chấm thì đặt trong ngoặc kép.",
        "Thêm dòng 'title: Tiêu đề bài viết'.",
        _title,
        write_value,
        prompt="Tiêu đề",
    ),
    Field(
        "date",
        True,
        "`2025-01-10` hoặc kèm giờ `2025-01-10 09:30` (giờ Việt Nam). Bài cũ chỉ biết tháng: "
        '`2022-01`, trang sẽ ghi "Tháng 1/2022". Từ năm 1945 đến 2100.',
        DATE_HINT,
        _date_field("date", True),
        _write_date,
    ),
    Field(
        "province",
        True,
        "Một tỉnh, hoặc nhiều tỉnh `[Đắk Lắk, Phú Yên]` (tỉnh chính trước). Bài trước 1/7/2025 "
        "ghi tên tỉnh cũ. Xem danh sách: `khuyencong vocab provinces`.",
        "Ghi 'province: Tên tỉnh' hoặc danh sách '[Tỉnh A, Tỉnh B]' (tỉnh chính trước).",
        _provinces,
        write_value,
        prompt="Tỉnh/thành (nhiều tỉnh: cách nhau bằng dấu phẩy)",
        many=True,
    ),
    Field(
        "category",
        True,
        "Một chuyên mục: `khuyencong vocab categories`.",
        "Ghi 'category: Tên chuyên mục'; xem danh sách: khuyencong vocab categories.",
        _category,
        write_value,
        prompt="Chuyên mục",
    ),
    Field(
        "author",
        True,
        "Một người, nhiều người `[Ngân Trần, Minh Vân]`, hoặc kèm đơn vị "
        "`{name: Anh Dũng, organization: Trung tâm Khuyến công tỉnh Bình Dương}`.",
        "Tác giả ghi dạng 'author: Họ Tên', '[Tên A, Tên B]' hoặc "
        "'{name: Tên, organization: Đơn vị}'.",
        _authors,
        write_value,
        prompt="Tác giả (nhiều người thì cách nhau bằng dấu phẩy)",
        many=True,
    ),
    Field(
        "tags",
        False,
        "`[thẻ một, thẻ hai]`. Xem các thẻ đang dùng: `khuyencong vocab tags`; dùng lại đúng "
        "cách viết.",
        "Ghi 'tags: [thẻ một, thẻ hai]'.",
        _tags,
        _write_list,
        many=True,
    ),
    Field(
        "summary",
        False,
        "Sapo (đoạn dẫn): hiện đậm dưới tiêu đề, trong danh sách tin và khi chia sẻ bài.",
        "Ghi 'summary: Đoạn sapo ngắn'.",
        _text_field("summary", single_line=False),
        write_value,
    ),
    Field(
        "source",
        False,
        "Bài đăng lại: `Báo Công Thương` hoặc `{name: Báo Công Thương, url: https://…}`. Trang "
        'hiện "Theo …".',
        "Ghi 'source: Tên báo/trang' hoặc '{name: Tên, url: https://...}'.",
        _sources,
        write_value,
        many=True,
    ),
    Field(
        "image",
        False,
        "Ảnh đại diện: đường dẫn tệp ảnh cạnh bài (`anh/hoi-nghi.jpg`) hoặc địa chỉ `https://…`.",
        "Ghi 'image: anh/ten-anh.jpg'.",
        _text_field("image"),
        write_value,
    ),
    Field(
        "image_caption",
        False,
        "Chú thích ảnh đại diện.",
        "Ghi 'image_caption: Chú thích ảnh'.",
        _text_field("image_caption", single_line=False),
        write_value,
    ),
    Field(
        "updated",
        False,
        "Ngày cập nhật, không sớm hơn `date`.",
        DATE_HINT,
        _updated,
        _write_date,
    ),
    Field(
        "draft",
        False,
        "`true`: bản nháp, chỉ thấy khi xem trước.",
        "Ghi 'draft: true'.",
        _draft,
        _yaml_scalar,
    ),
    Field(
        "slug",
        False,
        "Đường dẫn riêng thay cho tên tệp: chữ thường không dấu, số, dấu gạch ngang (tối đa 150 "
        "ký tự).",
        "Ghi 'slug: chu-thuong-khong-dau' (chỉ a-z, 0-9 và dấu gạch ngang).",
        _slug,
        write_value,
    ),
)
FIELD: dict[str, Field] = {f.name: f for f in FIELDS}
KNOWN = tuple(FIELD)
REQUIRED = tuple(f.name for f in FIELDS if f.required)


def field_table() -> str:
    """The docs' field table (README.md and HUONG-DAN-VIET-BAI.md carry it verbatim)."""
    rows = ["| Trường | Bắt buộc | Ghi thế nào |", "| --- | --- | --- |"]
    rows += [f"| `{f.name}` | {'có' if f.required else 'không'} | {f.usage} |" for f in FIELDS]
    return "\n".join(rows)


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
    ("could not determine a constructor", "có thẻ kiểu YAML (!!…) không được phép"),
    ("exceeded maximum nesting", "lồng quá nhiều tầng ngoặc"),
    ("found unhashable key", "tên trường không phải là chữ"),
    ("special characters are not allowed", "có ký tự điều khiển vô hình"),
    ("control characters are not allowed", "có ký tự điều khiển vô hình"),
    ("unacceptable character", "có ký tự điều khiển vô hình"),
)


def _yaml_reason(problem: str) -> str:
    """PyYAML's problem text said in Vietnamese where we know it, else kept for reference."""
    for english, vietnamese in _YAML_REASONS:
        if english in problem:
            return vietnamese
    return f"lỗi cú pháp ({excerpt(problem, 80)})" if problem else "lỗi cú pháp"


def did_you_mean(suggestions: list[str]) -> str:
    if not suggestions:
        return ""
    return "Có phải ý bạn là " + " hoặc ".join(f"'{s}'" for s in suggestions) + "? "


def parse_date(text: str) -> PublishDate:
    """Parse the date forms articles may use; a time without zone is Asia/Ho_Chi_Minh.

    Raises ValueError with a Vietnamese reason (also for years outside 1945–2100).
    """
    text = text.strip()
    if m := _MONTH.match(text):
        year, month = _year(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"không có tháng {month}")
        return PublishDate(datetime(year, month, 1, tzinfo=VN_TZ), Precision.MONTH)
    if m := _DATE.match(text):
        return PublishDate(_make(_year(m[1]), int(m[2]), int(m[3])), Precision.DAY)
    if m := _DATETIME.match(text):
        hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
        base = _make(_year(m[1]), int(m[2]), int(m[3]))
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"không có giờ {hour:02d}:{minute:02d}")
        moment = base.replace(hour=hour, minute=minute, second=second)
        if zone := m[7]:
            offset = "+00:00" if zone == "Z" else _zone(zone)
            if int(offset[1:3]) > 14 or int(offset[4:6]) > 59:
                raise ValueError(f"không có múi giờ {zone}")
            aware = datetime.fromisoformat(f"{moment.replace(tzinfo=None).isoformat()}{offset}")
            moment = aware.astimezone(VN_TZ)
        return PublishDate(moment, Precision.MINUTE)
    raise ValueError("không đúng dạng năm-tháng-ngày")


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")
    return year


def _zone(zone: str) -> str:
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _make(year: int, month: int, day: int) -> datetime:
    if not 1 <= month <= 12:
        raise ValueError(f"không có tháng {month}")
    try:
        return datetime(year, month, day, tzinfo=VN_TZ)
    except ValueError:
        raise ValueError(f"tháng {month}/{year} không có ngày {day}") from None


@dataclass
class Partial:
    """What could be read of an article, problems or not: enough for the checks across
    articles (tag and author addresses, images) to run in the same round as the field checks."""

    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def read_fields(
    path: str, text: str, vocab: Vocabulary, shown_as: str | None = None
) -> tuple[Partial, list[Problem], Split | None]:
    """Every field that reads cleanly, the problems of the rest, and the file's parts."""
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
        return Partial(), reader.problems, None
    data = reader.load(parts)
    if data is None:
        return Partial(lines=reader.lines), reader.problems, parts
    for key in data:
        if key not in FIELD:
            shown = excerpt(key, 30)
            close = difflib.get_close_matches(str(key), KNOWN, n=1)
            reader.problem(
                shown,
                "không phải trường được hỗ trợ.",
                (f"Có phải ý bạn là '{close[0]}'? " if close else "")
                + "Các trường: "
                + ", ".join(KNOWN)
                + ".",
                line=reader.lines.get(str(key), 1),
            )
    got: dict[str, Any] = {}
    for f in FIELDS:
        got[f.name] = f.read(reader, data, got)
    return Partial(got, dict(reader.lines)), reader.problems, parts


def read_article(
    path: str, text: str, vocab: Vocabulary, shown_as: str | None = None
) -> tuple[Article | None, list[Problem]]:
    """Read one article. Returns the article (None if it has any problem) and every problem.

    ``path`` is the article's key (relative to docs_dir); problems name ``shown_as`` (the path
    staff see, e.g. ``content/tin-tuc/2022/x.md``) when given.
    """
    partial, problems, parts = read_fields(path, text, vocab, shown_as)
    if problems or parts is None:
        return None, problems
    return article_from(path, partial, parts, shown_as), []


def article_from(path: str, partial: Partial, parts: Split, shown_as: str | None) -> Article:
    """The Article of a file whose fields all read cleanly."""
    got = partial.fields
    title, date, category = got["title"], got["date"], got["category"]
    slug = got["slug"] or slug_from_path(path) or slugify(title)
    return Article(
        src_path=path,
        title=title,
        date=date,
        provinces=tuple(got["province"]),
        category=category,
        authors=tuple(got["author"]),
        slug=slug,
        tags=tuple(got["tags"]),
        summary=got["summary"],
        sources=tuple(got["source"]),
        image=got["image"],
        image_caption=got["image_caption"],
        updated=got["updated"],
        draft=got["draft"],
        body=parts.body,
        body_line=parts.body_line,
        shown_path=shown_as or path,
        field_lines=dict(partial.lines),
    )


def slug_from_path(path: str) -> str:
    """The file name without extension when it is already a valid slug, else ''."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if SLUG_RE.match(stem) else ""
