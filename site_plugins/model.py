"""Value objects of the portal: articles, their parts, and problems found in them.

Plain frozen dataclasses with no MkDocs imports, so the plugin, the ``khuyencong`` command and
the tests share one model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Precision(enum.Enum):
    """How much of a publication date the article really states."""

    MONTH = "month"  # legacy articles: "Tháng 01/2022"; never turned into an invented day
    DAY = "day"
    MINUTE = "minute"


@dataclass(frozen=True, order=True)
class PublishDate:
    """A moment in Asia/Ho_Chi_Minh with the precision the author gave.

    ``moment`` is timezone-aware; for MONTH precision it is the first of the month at 00:00 and
    serves only for sorting and filing, never for display.
    """

    moment: datetime
    precision: Precision = field(compare=False)

    @property
    def year(self) -> int:
        return self.moment.year

    @property
    def month(self) -> int:
        return self.moment.month

    def iso(self) -> str:
        """ISO 8601 text at the stated precision (also valid in HTML ``<time datetime>``)."""
        if self.precision is Precision.MONTH:
            return f"{self.moment.year:04d}-{self.moment.month:02d}"
        if self.precision is Precision.DAY:
            return self.moment.date().isoformat()
        return self.moment.isoformat()


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Province:
    """A provincial unit in force since the 2025 merger (one of 34)."""

    name: str
    kind: str  # "tỉnh" or "thành phố"
    slug: str
    aliases: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()  # names of the former units it is made of

    @property
    def full_name(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"


@dataclass(frozen=True)
class FormerProvince:
    """One of the 63 provincial units that existed until 30 June 2025."""

    name: str
    kind: str
    became: str  # name of the Province it is part of since 1 July 2025
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProvinceRef:
    """A province as an article names it: today's unit, and the former unit for old articles."""

    unit: Province
    former: FormerProvince | None = None

    @property
    def display_name(self) -> str:
        """The name shown to readers: the old name for an article written before the merger."""
        return self.former.name if self.former is not None else self.unit.name

    @property
    def now_part_of(self) -> str | None:
        """Today's unit when it differs from the name shown ("nay thuộc …"), else None."""
        if self.former is not None and self.former.name != self.unit.name:
            return self.unit.name
        return None


@dataclass(frozen=True)
class Author:
    name: str
    organization: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a reprinted article comes from ("Theo …")."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """One news article, validated and normalised (all text NFC)."""

    src_path: str  # relative to docs_dir, '/'-separated
    title: str
    date: PublishDate
    provinces: tuple[ProvinceRef, ...]
    category: Category
    authors: tuple[Author, ...]
    slug: str
    tags: tuple[str, ...] = ()
    summary: str | None = None
    sources: tuple[Source, ...] = ()
    image: str | None = None
    image_caption: str | None = None
    updated: PublishDate | None = None
    draft: bool = False
    body: str = ""
    body_line: int = 1  # line of the file where the Markdown body starts
    shown_path: str = ""  # the file as staff see it (e.g. content/tin-tuc/2022/x.md)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def province(self) -> ProvinceRef:
        """The main province (the first one written)."""
        return self.provinces[0]


@dataclass(frozen=True)
class Problem:
    """One mistake in an article or data file, told to staff in Vietnamese.

    Every problem has the same shape: file, line, field, what is wrong, how to fix it.
    """

    path: str
    line: int | None
    field: str | None
    message: str
    hint: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.field or "", self.message)

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"trường '{self.field}': {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        if self.hint:
            text += f" Cách sửa: {self.hint}"
        return text
