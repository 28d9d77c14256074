"""Typed, validated options of the news plugin (the ``khuyencong`` entry in mkdocs.yml's
``plugins``), and ``settings_from``, the one function that turns them into the plain
``Settings`` the rest of the portal uses.

Every option is checked by MkDocs' own config machinery before any work starts, so a mistake
gets MkDocs' message shape ("Config value 'plugins': Plugin 'khuyencong' option 'per_page':
…") with a Vietnamese explanation and fix. Defaults are read from the pure classes
(``settings.DEFAULTS``), never written twice. ``khuyencong check`` loads mkdocs.yml through
MkDocs' loader, so it applies exactly these checks and settings.
"""

from __future__ import annotations

import difflib
import math
import posixpath
import re
from dataclasses import fields as dataclass_fields

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .checks import FIXED_PAGES
from .pages import FORMAT_FIELDS, UrlScheme, format_problem
from .related import RelatedConfig
from .settings import DEFAULTS, Agency, HomeOptions, Person, Settings
from .text import describe_char, excerpt, forbidden_char, nfc

_R = RelatedConfig()


class Options(base.Config):
    """A group of options whose unknown names are reported in Vietnamese, with a guess."""

    def validate(self):
        failed, warnings = super().validate()
        known = sorted(self._schema_keys)
        translated = []
        for key, message in warnings:
            if message.startswith("Unrecognised configuration name"):
                close = difflib.get_close_matches(str(key), known, n=1)
                message = (
                    f"không có tùy chọn '{excerpt(key, 40)}'."
                    + (f" Có phải ý bạn là '{close[0]}'?" if close else "")
                    + " Các tùy chọn: "
                    + ", ".join(known)
                    + "."
                )
            translated.append((key, message))
        return failed, translated


class Group(c.SubConfig):
    """A nested group of options (``urls:``, ``related:``): a mapping, checked as a whole."""

    def run_validation(self, value: object):
        if not isinstance(value, dict):
            raise ValidationError(
                f"phải là một nhóm tùy chọn dạng 'tên: giá trị' thụt lề bên dưới (đang ghi: "
                f"{excerpt(value)})."
            )
        return super().run_validation(value)


class Integer(c.OptionallyRequired[int]):
    """A whole number no smaller than ``minimum``."""

    def __init__(self, default: int, minimum: int = 1, what: str = "") -> None:
        super().__init__(default=default)
        self.minimum = minimum
        self.what = what

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"phải là một số nguyên (đang ghi: {excerpt(value)}). Ví dụ: {self.default}."
            )
        if value < self.minimum:
            raise ValidationError(
                f"phải từ {self.minimum} trở lên (đang ghi: {value}). {self.what}".rstrip()
            )
        return value


class Number(c.OptionallyRequired[float]):
    """A finite number no smaller than ``minimum`` (or greater, when ``strict``)."""

    def __init__(self, default: float, minimum: float = 0.0, strict: bool = False) -> None:
        super().__init__(default=default)
        self.minimum = minimum
        self.strict = strict

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(
                f"phải là một số (đang ghi: {excerpt(value)}). Ví dụ: {self.default:g}."
            )
        number = float(value)
        too_small = number <= self.minimum if self.strict else number < self.minimum
        if not math.isfinite(number) or too_small:
            bound = f"lớn hơn {self.minimum:g}" if self.strict else f"từ {self.minimum:g} trở lên"
            raise ValidationError(f"phải {bound} (đang ghi: {excerpt(value)}).")
        return number


class Flag(c.OptionallyRequired[bool]):
    def __init__(self, default: bool) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"phải là true hoặc false (đang ghi: {excerpt(value)}).")
        return value


class Text(c.OptionallyRequired[str]):
    """One line of plain text; ``example`` is shown in the message when it is missing."""

    def __init__(self, default: str | None = None, *, example: str = "", kind: str = "") -> None:
        super().__init__(default=default)
        self.example = example
        self.kind = kind  # "", "email", "phone", "url", "file"

    def validate(self, value: object):
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.default is None:
                raise ValidationError(
                    "bắt buộc nhưng đang thiếu hoặc để trống."
                    + (f" Ví dụ: {self.example}" if self.example else "")
                )
            return self.default
        return self.run_validation(value)

    def run_validation(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError(f"phải là một đoạn chữ (đang ghi: {excerpt(value)}).")
        text = nfc(str(value)).strip()
        if bad := forbidden_char(text, single_line=True):
            raise ValidationError(
                f"có ký tự vô hình {describe_char(bad[1])} ở vị trí {bad[0] + 1}; hãy xóa ký tự đó."
            )
        if self.kind and (problem := _FORMATS[self.kind](text)):
            raise ValidationError(f"'{excerpt(text)}' {problem}")
        return text


def _email(text: str) -> str | None:
    ok = re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}", text, re.I)
    return None if ok else "không phải địa chỉ thư điện tử (ví dụ lienhe@tinh.gov.vn)."


def _phone(text: str) -> str | None:
    ok = re.fullmatch(r"\+?[0-9][0-9 .()\-]{5,30}(?:\s*[,;/]\s*\+?[0-9][0-9 .()\-]{5,30})*", text)
    return None if ok else "không phải số điện thoại (chỉ gồm chữ số, dấu cách, '.', '-', '+')."


def _https(text: str) -> str | None:
    ok = re.fullmatch(r"https?://[^\s<>\"']+", text)
    return None if ok else "phải là địa chỉ bắt đầu bằng https:// hoặc http://."


def _file(text: str) -> str | None:
    path = posixpath.normpath(text.lstrip("/"))
    if path.startswith("..") or "\\" in text or "://" in text:
        return "phải là đường dẫn một tệp trong thư mục nội dung, ví dụ assets/logo.svg."
    return None


_FORMATS = {"email": _email, "phone": _phone, "url": _https, "file": _file}


class Folder(c.OptionallyRequired[str]):
    """A folder inside the content folder, written relative to it ('tin-tuc')."""

    def __init__(self, default: str) -> None:
        super().__init__(default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip("/ "):
            raise ValidationError(f"phải là tên một thư mục (đang ghi: {excerpt(value)}).")
        folder = posixpath.normpath(value.strip().strip("/"))
        if folder.startswith("..") or folder == "." or "\\" in folder:
            raise ValidationError(
                f"'{excerpt(value)}' phải là một thư mục nằm trong thư mục nội dung, ví dụ "
                "'tin-tuc'."
            )
        return folder


class UrlFormat(c.OptionallyRequired[str]):
    """A URL format string that knows its placeholders (``pages.FORMAT_FIELDS``)."""

    def __init__(self, name: str) -> None:
        super().__init__(default=getattr(DEFAULTS.scheme, name))
        self.name = name

    def run_validation(self, value: object) -> str:
        if problem := format_problem(self.name, value):
            allowed = ", ".join("{" + f + "}" for f in sorted(FORMAT_FIELDS[self.name][0]))
            raise ValidationError(
                f"{problem} Cách sửa: ghi dạng '{self.default}' (dùng được: {allowed})."
            )
        return str(value)


class UrlsConfig(Options):
    """URL shapes: format strings, each ending in '/' and starting with a fixed folder."""

    article = UrlFormat("article")
    """An article; fields ``{year}``, ``{month}``, ``{slug}``, ``{category}``."""
    category = UrlFormat("category")
    province = UrlFormat("province")
    tag = UrlFormat("tag")
    author = UrlFormat("author")
    year = UrlFormat("year")
    month = UrlFormat("month")
    page = UrlFormat("page")
    """Appended to a list's URL for its later pages: ``chuyen-muc/x/trang/2/``."""
    search = UrlFormat("search")
    contact = UrlFormat("contact")
    """"Liên hệ", made from ``agency``."""
    about = UrlFormat("about")
    """"Giới thiệu": staff write it at this address (``gioi-thieu.md``)."""
    contact_en = UrlFormat("contact_en")
    """The contact page in English (Decree 42/2022/NĐ-CP, Art. 7)."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            scheme = UrlScheme(**{f.name: self[f.name] for f in dataclass_fields(UrlScheme)})
            failed = list(scheme.collisions(FIXED_PAGES))
        return failed, warnings


class WeightsConfig(Options):
    tags = Number(_R.tags)
    """Points per tag the two articles share."""
    province = Number(_R.province)
    """Points when they share a province (today's unit)."""
    author = Number(_R.author)
    """Points when they share an author."""
    date = Number(_R.date)
    """Points for closeness in date: the full weight on the same day, half after a half-life."""


class RelatedOptions(Options):
    limit = Integer(_R.limit, minimum=0, what="Ghi 0 để không hiện mục tin liên quan.")
    """How many articles "Tin tức khác cùng chuyên mục" lists."""
    include_newer = Flag(_R.include_newer)
    """Whether articles newer than the one being read may be listed."""
    weights = Group[WeightsConfig]()
    half_life_days = Number(_R.half_life_days, strict=True)
    """Days apart at which the date closeness is worth half its weight."""
    threshold = Number(_R.threshold)
    """Minimum score to be listed; when nothing reaches it, the nearest in date are shown."""
    candidates = Integer(_R.candidates)
    """Per shared tag, province or author, how many articles nearest in date are examined."""


class PersonConfig(Options):
    name = Text(example="Nguyễn Văn A")
    title = Text(example="Giám đốc")


class EnglishConfig(Options):
    name = Text(example="Industrial Extension Centre of … Province")
    """The agency's name in English."""
    parent = Text("")
    address = Text("")
    """The address as written for foreign readers (default: the Vietnamese address)."""


class AgencyConfig(Options):
    """Who publishes the portal (Decree 42/2022/NĐ-CP, Art. 4 and 7): shown in the header,
    the footer of every page, "Liên hệ", the English contact page and the pages' metadata."""

    sample = Flag(False)
    """true while the values are the repository's examples: pages mark them "Thông tin mẫu"
    and khuyencong check reminds staff to replace them."""
    name = Text(example="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tỉnh …")
    parent = Text(example="Sở Công Thương tỉnh …")
    """The body the agency belongs to (cơ quan chủ quản)."""
    address = Text(example="Số …, đường …, phường …, tỉnh …")
    phone = Text(example="0262 3 123 456", kind="phone")
    fax = Text("", kind="phone")
    email = Text(example="ttkc@tinh.gov.vn", kind="email")
    responsible = Group[PersonConfig]()
    """The person responsible for the content: name and title."""
    english = Group[EnglishConfig]()
    logo = Text("", kind="file")
    """The agency's logo, a file of the content folder (SVG or PNG)."""
    image = Text("", kind="file")
    """The picture shared with a page that has no photo of its own (1200×630 is best)."""
    licence = Text("")
    """"Giấy phép … số …, ngày …" when the portal has one."""
    hours = Text("")
    map_url = Text("", kind="url")


class NewsConfig(Options):
    articles_dir = Folder(DEFAULTS.articles_dir)
    """Folder under ``docs_dir`` whose Markdown files are news articles."""
    urls = Group[UrlsConfig]()
    per_page = Integer(DEFAULTS.per_page)
    """Articles per page of a category, province, tag, author or archive list."""
    home_latest = Integer(DEFAULTS.home.latest)
    """How many of the latest articles the home page lists."""
    home_per_category = Integer(DEFAULTS.home.per_category, minimum=0)
    """How many articles each category's section on the home page shows (0: no sections)."""
    related = Group[RelatedOptions]()
    agency = Group[AgencyConfig]()
    publisher = c.Deprecated(moved_to="agency.name")
    feed_items = Integer(DEFAULTS.feed_items)
    """How many of the latest articles each RSS feed carries."""
    fragment_cache = Flag(DEFAULTS.fragment_cache)
    """Render Material's nav sidebar and tabs once per page depth for pages outside the nav
    (same output, faster builds); false renders them for every page."""


def settings_from(config: NewsConfig) -> Settings:
    """The plain settings of a validated plugin config: the only place they are built."""
    urls, related, weights = config.urls, config.related, config.related.weights
    return Settings(
        articles_dir=config.articles_dir,
        scheme=UrlScheme(**{f.name: urls[f.name] for f in dataclass_fields(UrlScheme)}),
        per_page=config.per_page,
        home=HomeOptions(config.home_latest, config.home_per_category),
        related=RelatedConfig(
            limit=related.limit,
            include_newer=related.include_newer,
            tags=weights.tags,
            province=weights.province,
            author=weights.author,
            date=weights.date,
            half_life_days=related.half_life_days,
            threshold=related.threshold,
            candidates=related.candidates,
        ),
        feed_items=config.feed_items,
        agency=_agency(config.agency),
        fragment_cache=config.fragment_cache,
    )


def _agency(a: AgencyConfig) -> Agency:
    return Agency(
        name=a.name,
        parent=a.parent,
        address=a.address,
        phone=a.phone,
        email=a.email,
        responsible=Person(a.responsible.name, a.responsible.title),
        name_en=a.english.name,
        parent_en=a.english.parent,
        address_en=a.english.address or a.address,
        logo=posixpath.normpath(a.logo.lstrip("/")) if a.logo else "",
        image=posixpath.normpath(a.image.lstrip("/")) if a.image else "",
        licence=a.licence,
        hours=a.hours,
        map_url=a.map_url,
        fax=a.fax,
        sample=a.sample,
    )
