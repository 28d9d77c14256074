"""The generated pages of the portal: their URLs (from format strings in the config) and the
paginated listings of every term and archive bucket. Plain data; ``render`` turns it into HTML
and the plugin turns it into MkDocs files.
"""

from __future__ import annotations

import posixpath
import re
import string
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from .model import Article
from .taxonomy import LABELS, TAXONOMIES, Taxonomies, Term

# The fields each URL format may use, and those it must use.
FORMAT_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "article": (frozenset({"year", "month", "slug", "category"}), frozenset({"slug"})),
    "category": (frozenset({"slug"}), frozenset({"slug"})),
    "province": (frozenset({"slug"}), frozenset({"slug"})),
    "tag": (frozenset({"slug"}), frozenset({"slug"})),
    "author": (frozenset({"slug"}), frozenset({"slug"})),
    "year": (frozenset({"year"}), frozenset({"year"})),
    "month": (frozenset({"year", "month"}), frozenset({"year", "month"})),
    "page": (frozenset({"page"}), frozenset({"page"})),
}
# What readers see of each kind of page, for messages.
FORMAT_LABELS = {
    "article": "bài viết",
    "category": "chuyên mục",
    "province": "tỉnh thành",
    "tag": "thẻ",
    "author": "tác giả",
    "year": "lưu trữ theo năm",
    "month": "lưu trữ theo tháng",
    "page": "trang tiếp theo của danh sách",
}
_LITERAL_RE = re.compile(r"^[a-z0-9_-]*$")
# One segment of each field, as a regular expression; and sample values that any other
# pattern's segment must be tested against (with every literal segment of the site).
_FIELD_RE = {
    "year": r"\d{4}",
    "month": r"\d{2}",
    "slug": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "category": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "page": r"[1-9]\d*",
}
_FIELD_SAMPLES = {
    "year": ("2024",),
    "month": ("01", "12"),
    "slug": ("a", "2024", "01", "12", "2", "trang"),
    "category": ("a", "2024", "01", "12", "2"),
    "page": ("2", "12", "2024"),
}


def format_problem(name: str, value: object) -> str | None:
    """What is wrong with URL format ``name`` (e.g. 'category'), in Vietnamese, or None."""
    if not isinstance(value, str) or not value:
        return "phải là một đoạn chữ, ví dụ 'chuyen-muc/{slug}/'."
    allowed, required = FORMAT_FIELDS[name]
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError:
        return f"'{value}' có dấu ngoặc nhọn {{ }} không khớp."
    used = set()
    for literal, field_name, spec, conversion in parsed:
        if not _LITERAL_RE.match(literal.replace("/", "")):
            return (
                f"'{value}' chỉ được có chữ thường không dấu, số, '-', '_' và '/' ngoài các "
                "trường trong ngoặc nhọn."
            )
        if field_name is None:
            continue
        if field_name not in allowed or spec or conversion:
            fields = ", ".join("{" + f + "}" for f in sorted(allowed))
            return f"'{value}' có trường '{{{field_name}}}' không dùng được; chỉ dùng: {fields}."
        used.add(field_name)
    if missing := sorted(required - used):
        return f"'{value}' phải có " + ", ".join("{" + f + "}" for f in missing) + "."
    if value.startswith("/") or not value.endswith("/"):
        return f"'{value}' không được bắt đầu bằng '/' và phải kết thúc bằng '/'."
    if "//" in value:
        return f"'{value}' có hai dấu '/' liền nhau."
    if name not in ("article", "page") and "{" in value.split("/", 1)[0]:
        return f"'{value}' phải bắt đầu bằng một thư mục cố định, ví dụ 'chuyen-muc/'."
    return None


def _segments(pattern: str) -> list[str]:
    return [s for s in pattern.split("/") if s]


def _segment_re(segment: str) -> re.Pattern[str]:
    parts = []
    for literal, field_name, _, _ in string.Formatter().parse(segment):
        parts.append(re.escape(literal))
        if field_name is not None:
            parts.append(_FIELD_RE[field_name])
    return re.compile("".join(parts))


def _segment_samples(segment: str, extra: tuple[str, ...]) -> list[str]:
    samples = [""]
    for literal, field_name, _, _ in string.Formatter().parse(segment):
        values = (literal,) if field_name is None else (_FIELD_SAMPLES[field_name] + extra)
        if field_name is not None:
            values = tuple(literal + v for v in values)
        samples = [s + v for s in samples for v in values][:400]
    return samples


def overlap(a: str, b: str, literals: tuple[str, ...] = ()) -> str | None:
    """An address both URL shapes can produce (e.g. 'chuyen-muc/a/'), or None."""
    sa, sb = _segments(a), _segments(b)
    if len(sa) != len(sb):
        return None
    witness = []
    for x, y in zip(sa, sb, strict=True):
        rx, ry = _segment_re(x), _segment_re(y)
        found = next(
            (
                s
                for s in _segment_samples(x, literals) + _segment_samples(y, literals)
                if rx.fullmatch(s) and ry.fullmatch(s)
            ),
            None,
        )
        if found is None:
            return None
        witness.append(found)
    return "/".join(witness) + "/"


@dataclass(frozen=True)
class UrlScheme:
    """Every URL shape of the site; each is a format string (see ``FORMAT_FIELDS``). The
    defaults here are the only ones: the plugin's config options take them from this class."""

    article: str = "tin-tuc/{year}/{slug}/"
    category: str = "chuyen-muc/{slug}/"
    province: str = "tinh-thanh/{slug}/"
    tag: str = "the/{slug}/"
    author: str = "tac-gia/{slug}/"
    year: str = "luu-tru/{year}/"
    month: str = "luu-tru/{year}/{month}/"
    page: str = "trang/{page}/"

    def term(self, taxonomy: str, slug: str) -> str:
        return getattr(self, taxonomy).format(slug=slug)

    def index(self, taxonomy: str) -> str:
        """The taxonomy's index page: the fixed folders its format starts with
        ('chuyen-muc/{slug}/' -> 'chuyen-muc/')."""
        pattern = self.year if taxonomy == "archive" else getattr(self, taxonomy)
        fixed = []
        for segment in _segments(pattern):
            if "{" in segment:
                break
            fixed.append(segment)
        return "/".join(fixed) + "/"

    def year_url(self, year: int) -> str:
        return self.year.format(year=f"{year:04d}")

    def month_url(self, year: int, month: int) -> str:
        return self.month.format(year=f"{year:04d}", month=f"{month:02d}")

    def paged(self, url: str, number: int) -> str:
        return url if number == 1 else url + self.page.format(page=number)

    def shapes(self, fixed: dict[str, str]) -> list[tuple[str, str, str]]:
        """Every kind of address the site has: (label, shape, format name to blame).
        ``fixed`` names the plugin's pages at fixed addresses (e.g. search: 'tim-kiem/')."""
        result = [(FORMAT_LABELS["article"], self.article, "article")]
        for name in (*TAXONOMIES, "year", "month"):
            label = FORMAT_LABELS[name]
            pattern = getattr(self, name)
            result.append((label, pattern, name))
            result.append((f"{label} (trang 2 trở đi)", pattern + self.page, "page"))
        for taxonomy in (*TAXONOMIES, "archive"):
            label = "lưu trữ" if taxonomy == "archive" else FORMAT_LABELS[taxonomy]
            blame = "year" if taxonomy == "archive" else taxonomy
            result.append((f"danh mục {label}", self.index(taxonomy), blame))
        result += [(label, url, "") for label, url in fixed.items()]
        return result

    def collisions(self, fixed: dict[str, str]) -> list[tuple[str, str]]:
        """(format name, message) for two kinds of pages that can share one address."""
        shapes = self.shapes(fixed)
        literals = tuple(
            sorted({s for _, shape, _ in shapes for s in _segments(shape) if "{" not in s})
        )
        found: list[tuple[str, str]] = []
        for i, (label_a, a, blame_a) in enumerate(shapes):
            for label_b, b, blame_b in shapes[i + 1 :]:
                address = overlap(a, b, literals)
                if address is None:
                    continue
                blame = blame_b or blame_a
                found.append(
                    (
                        blame,
                        f"trang {label_a} ('{a}') và trang {label_b} ('{b}') có thể trùng "
                        f"địa chỉ, ví dụ '{address}'. Cách sửa: đặt mỗi loại trang trong một "
                        "thư mục riêng.",
                    )
                )
        return found


@dataclass(frozen=True)
class Listing:
    """One page of a paginated list of articles (a term, a year or a month)."""

    url: str
    name: str  # the term or period, e.g. "Cụm công nghiệp", "Tháng 1/2022"
    kind: str  # "category", "province", "tag", "author", "year" or "month"
    articles: tuple[Article, ...]
    number: int  # this page's number, from 1
    count: int  # how many pages the list has
    first_url: str
    total: int  # articles in the whole list
    term: Term | None = None
    parent: tuple[str, str] | None = None  # (name, url) of the index above it

    @property
    def title(self) -> str:
        label = _KIND_LABEL[self.kind]
        title = f"{label}: {self.name}" if label else self.name
        return title if self.number == 1 else f"{title} (trang {self.number})"


_KIND_LABEL = {
    "category": "Chuyên mục",
    "province": "Tỉnh thành",
    "tag": "Thẻ",
    "author": "Tác giả",
    "year": "",
    "month": "",
}


def month_name(year: int, month: int) -> str:
    """'Tháng 1/2022', through Babel like every date shown."""
    return format_date(date(year, month, 1), "'Tháng' M/y", locale="vi")


def paginate(
    articles: list[Article],
    first_url: str,
    per_page: int,
    scheme: UrlScheme,
    **fields,
) -> list[Listing]:
    """Split a newest-first list into pages; an empty list still gets its first page."""
    count = max(1, -(-len(articles) // per_page))
    return [
        Listing(
            url=scheme.paged(first_url, n),
            articles=tuple(articles[(n - 1) * per_page : n * per_page]),
            number=n,
            count=count,
            first_url=first_url,
            total=len(articles),
            **fields,
        )
        for n in range(1, count + 1)
    ]


def listings(tax: Taxonomies, scheme: UrlScheme, per_page: int) -> list[Listing]:
    """Every listing page of the site, in a stable order."""
    result: list[Listing] = []
    for taxonomy in TAXONOMIES:
        parent = (LABELS[taxonomy][0], scheme.index(taxonomy))
        for term in tax.sorted_terms(taxonomy):
            result += paginate(
                term.articles,
                scheme.term(taxonomy, term.slug),
                per_page,
                scheme,
                name=term.name,
                kind=taxonomy,
                term=term,
                parent=parent,
            )
    archive = ("Lưu trữ", scheme.index("archive"))
    for year in sorted(tax.years, reverse=True):
        result += paginate(
            tax.years[year],
            scheme.year_url(year),
            per_page,
            scheme,
            name=f"Năm {year}",
            kind="year",
            parent=archive,
        )
    for year, month in sorted(tax.months, reverse=True):
        result += paginate(
            tax.months[(year, month)],
            scheme.month_url(year, month),
            per_page,
            scheme,
            name=month_name(year, month),
            kind="month",
            parent=(f"Năm {year}", scheme.year_url(year)),
        )
    return result


def root_prefix(url: str) -> str:
    """Relative path from a page's URL to the site root ('' for the home page)."""
    directory = url if url.endswith("/") else posixpath.dirname(url)
    depth = len([p for p in directory.split("/") if p and p != "."])
    return "../" * depth
