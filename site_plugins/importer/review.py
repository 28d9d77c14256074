"""What remains to check: articles whose front-matter still carries ``# CẦN KIỂM TRA`` marks
(left by the importer), for ``khuyencong check`` to list as warnings, never errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from ..frontmatter import split
from ..writer import REVIEW

# Quoted YAML strings, removed before looking for a comment: a title may contain "#".
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')
_MARK = re.compile(r"(?:^|\s)#\s*" + re.escape(REVIEW) + r"\s*:?\s*(.*)$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class ReviewMark:
    line: int
    field: str  # the front-matter field the mark is on ("" if not on a field's line)
    reason: str


@dataclass(frozen=True)
class ReviewWarning:
    """One article with review marks left in its front-matter."""

    path: str
    draft: bool
    marks: tuple[ReviewMark, ...]

    def format(self) -> str:
        first = self.marks[0].line
        fields = ", ".join(
            f"'{m.field}' (dòng {m.line})" if m.field else f"dòng {m.line}" for m in self.marks
        )
        if self.draft:
            what = (
                f"bản nháp nhập từ bài cũ còn {len(self.marks)} chỗ {REVIEW}: {fields}. "
                "Cách sửa: kiểm tra từng trường, xóa ghi chú "
                f"'# {REVIEW}: …' rồi xóa dòng 'draft: true' để đăng."
            )
        else:
            what = (
                f"bài đã bỏ 'draft' nhưng còn {len(self.marks)} chỗ {REVIEW}: {fields}. "
                f"Cách sửa: kiểm tra từng trường rồi xóa ghi chú '# {REVIEW}: …'."
            )
        return f"{self.path}:{first}: cảnh báo: {what}"

    def annotation(self) -> str:
        """The warning as a GitHub Actions workflow command."""

        def prop(text: str) -> str:
            return text.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")

        message = self.format().split(": cảnh báo: ", 1)[1].replace("%", "%25")
        return (
            f"::warning file={prop(self.path)},line={self.marks[0].line},"
            f"title={prop('Bài còn chỗ cần kiểm tra')}::{message}"
        )


def review_marks(text: str) -> tuple[bool, list[ReviewMark]]:
    """Whether the article is a draft, and the review marks of its front-matter."""
    parts = split(text.replace("\r\n", "\n"))
    if parts.front is None:
        return False, []
    marks = []
    for n, line in enumerate(parts.front.split("\n")):
        m = _MARK.search(_QUOTED.sub('""', line))
        if m is None:
            continue
        key = _KEY.match(line)
        marks.append(ReviewMark(parts.front_line + n, key[1] if key else "", m[1].strip()))
    draft = False
    if marks:
        try:
            data = yaml.safe_load(parts.front)
        except yaml.YAMLError:
            data = None
        draft = isinstance(data, dict) and data.get("draft") is True
    return draft, marks


def review_warnings(files: Iterable[tuple[str, str]]) -> list[ReviewWarning]:
    """For each (path as staff see it, file text): a warning if the front-matter still has
    review marks. Drafts first (what the importer left), then published articles."""
    warnings = []
    for path, text in files:
        draft, marks = review_marks(text)
        if marks:
            warnings.append(ReviewWarning(path, draft, tuple(marks)))
    warnings.sort(key=lambda w: (not w.draft, w.path))
    return warnings


def review_report(warnings: list[ReviewWarning]) -> list[str]:
    """The lines ``khuyencong check`` prints: one per article, then the count."""
    if not warnings:
        return []
    drafts = [w for w in warnings if w.draft]
    marks = sum(len(w.marks) for w in warnings)
    lines = [w.format() for w in warnings]
    count = f"Cảnh báo: {len(warnings)} bài còn {marks} chỗ {REVIEW}"
    if drafts:
        count += f" ({len(drafts)} bài là bản nháp, chưa được đăng)"
    lines.append(count + "; đây là cảnh báo, không phải lỗi.")
    return lines
