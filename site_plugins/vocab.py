"""Controlled vocabularies: categories and provinces (the 34 units since 1 July 2025 and the 63
before), loaded from the YAML data files in ``site_plugins/data`` and validated when loaded.

Names are looked up on a folded key (no diacritics, đ→d, punctuation and a leading
"Tỉnh"/"Thành phố"/"TP." dropped), so "Binh Duong", "Bà Rịa-Vũng Tàu", "TP.HCM" and
"Thanh Hoá" all find their unit; unknown names get close suggestions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

import yaml

from .model import VN_TZ, Category, FormerProvince, Province, ProvinceRef
from .text import fold, nfc, slugify, sort_key

DATA_DIR = Path(__file__).parent / "data"

_PUNCT = re.compile(r"[\s\-–—.,;:_/()'\"]+")
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp)\s+")


@lru_cache(maxsize=8192)
def lookup_key(name: str) -> str:
    """The key names are compared on: folded, punctuation as spaces, no unit-type prefix."""
    key = _PUNCT.sub(" ", fold(name)).strip()
    return _PREFIX.sub("", key)


class VocabularyError(Exception):
    """A data file of the vocabularies is missing or inconsistent (a developer's mistake)."""


@dataclass(frozen=True)
class ProvinceMatch:
    """The result of looking a province name up for an article of a given date."""

    ref: ProvinceRef | None
    dissolved: FormerProvince | None = None  # a pre-merger name used in a post-merger article


class Vocabulary:
    """Categories and provinces with keyed lookups (each lookup is one dict access)."""

    def __init__(
        self,
        categories: tuple[Category, ...],
        provinces: tuple[Province, ...],
        former: tuple[FormerProvince, ...],
        merger_date: date,
    ) -> None:
        self.categories = categories
        self.provinces = provinces
        self.former = former
        self.merger_moment = datetime(
            merger_date.year, merger_date.month, merger_date.day, tzinfo=VN_TZ
        )
        self.province_by_name = {p.name: p for p in provinces}
        self.province_by_slug = {p.slug: p for p in provinces}
        self.category_by_slug = {c.slug: c for c in categories}
        self._category_index: dict[str, Category] = {}
        for c in categories:
            for spelling in (c.name, c.slug, *c.aliases):
                self._category_index.setdefault(lookup_key(spelling), c)
        self._current_index: dict[str, Province] = {}
        for p in provinces:
            for spelling in (p.name, p.slug, *p.aliases):
                self._current_index.setdefault(lookup_key(spelling), p)
        self._former_index: dict[str, FormerProvince] = {}
        for f in former:
            for spelling in (f.name, *f.aliases):
                self._former_index.setdefault(lookup_key(spelling), f)
        # A former unit of the same name as today's unit: aliases of today's unit reach it too.
        self._former_by_name = {f.name: f for f in former}

    # -- categories ----------------------------------------------------------------------------
    def category(self, name: str) -> Category | None:
        return self._category_index.get(lookup_key(name))

    def suggest_category(self, name: str) -> list[str]:
        return _suggest(name, self._category_index, lambda c: c.name)

    # -- provinces -----------------------------------------------------------------------------
    def is_before_merger(self, moment: datetime) -> bool:
        return moment < self.merger_moment

    def province(self, name: str, moment: datetime | None) -> ProvinceMatch:
        """Resolve ``name`` for an article published at ``moment``.

        Before the merger the name means the former unit (shown by its old name, filed under
        today's unit); from the merger on it means today's unit, and the name of a unit that no
        longer exists is reported as ``dissolved``. With no moment (the article's date is
        itself wrong) any spelling of either era is accepted.
        """
        key = lookup_key(name)
        current = self._current_index.get(key)
        former = self._former_index.get(key)
        if current is not None and former is None:
            former = self._former_by_name.get(current.name)
        if moment is None:
            if current is None and former is not None:
                return ProvinceMatch(ProvinceRef(self.province_by_name[former.became], former))
            return ProvinceMatch(ProvinceRef(current) if current is not None else None)
        if self.is_before_merger(moment):
            if former is not None:
                return ProvinceMatch(ProvinceRef(self.province_by_name[former.became], former))
            if current is not None:
                return ProvinceMatch(ProvinceRef(current))
            return ProvinceMatch(None)
        if current is not None:
            return ProvinceMatch(ProvinceRef(current))
        if former is not None:
            return ProvinceMatch(None, dissolved=former)
        return ProvinceMatch(None)

    def suggest_province(self, name: str) -> list[str]:
        index: dict[str, str] = {}
        for key, p in self._current_index.items():
            index[key] = p.name
        for key, f in self._former_index.items():
            index.setdefault(key, f.name)
        return _suggest(name, index, lambda n: n)


def _suggest(name: str, index: dict, label) -> list[str]:
    """Up to three closest valid names, compared on folded keys."""
    matches = difflib.get_close_matches(lookup_key(name), list(index), n=6, cutoff=0.6)
    seen: dict[str, None] = {}
    for key in matches:
        seen.setdefault(label(index[key]), None)
    return list(seen)[:3]


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(f"{where}: '{key}' phải là danh sách chuỗi")
    return tuple(nfc(v).strip() for v in value)


def _required(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{where}: thiếu '{key}'")
    return nfc(value).strip()


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: không đọc được: {exc}") from exc
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: phải là một bảng YAML")
    return data


def _load_categories(path: Path) -> tuple[Category, ...]:
    data = _read(path)
    result = []
    for i, entry in enumerate(data.get("categories") or [], 1):
        where = f"{path.name}, chuyên mục thứ {i}"
        if not isinstance(entry, dict):
            raise VocabularyError(f"{where}: phải là một bảng")
        name = _required(entry, "name", where)
        slug = _required(entry, "slug", where)
        if slug != slugify(slug):
            raise VocabularyError(f"{where}: slug '{slug}' không hợp lệ")
        result.append(
            Category(
                name,
                slug,
                _required(entry, "description", where),
                _strings(entry, "aliases", where),
            )
        )
    if not result:
        raise VocabularyError(f"{path}: không có chuyên mục nào")
    _check_unique(path, [c.slug for c in result], "slug")
    _check_unique(
        path, [lookup_key(s) for c in result for s in {c.name, *c.aliases}], "tên hoặc alias"
    )
    return tuple(result)


def _load_provinces(
    path: Path,
) -> tuple[tuple[Province, ...], tuple[FormerProvince, ...], date]:
    data = _read(path)
    merger = data.get("merger_date")
    if not isinstance(merger, date):
        raise VocabularyError(f"{path}: 'merger_date' phải là một ngày")
    former = []
    for i, entry in enumerate(data.get("former") or [], 1):
        where = f"{path.name}, đơn vị cũ thứ {i}"
        former.append(
            FormerProvince(
                _required(entry, "name", where),
                _required(entry, "kind", where),
                _required(entry, "became", where),
                _strings(entry, "aliases", where),
            )
        )
    parts: dict[str, list[str]] = {}
    for f in former:
        parts.setdefault(f.became, []).append(f.name)
    current = []
    for i, entry in enumerate(data.get("current") or [], 1):
        where = f"{path.name}, đơn vị mới thứ {i}"
        name = _required(entry, "name", where)
        slug = _required(entry, "slug", where)
        if slug != slugify(name):
            raise VocabularyError(f"{where}: slug '{slug}' phải là '{slugify(name)}'")
        current.append(
            Province(
                name,
                _required(entry, "kind", where),
                slug,
                _strings(entry, "aliases", where),
                tuple(sorted(parts.get(name, ()), key=sort_key)),
            )
        )
    names = {p.name for p in current}
    for f in former:
        if f.became not in names:
            raise VocabularyError(f"{path.name}: '{f.name}' nhập vào '{f.became}', không có")
    _check_unique(path, [p.slug for p in current], "slug")
    return tuple(current), tuple(former), merger


def _check_unique(path: Path, values: list[str], what: str) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise VocabularyError(f"{path.name}: {what} '{v}' bị trùng")
        seen.add(v)


@cache
def load_vocabulary(data_dir: Path = DATA_DIR) -> Vocabulary:
    """Load and validate both vocabularies; cached, as the data files ship with the package."""
    categories = _load_categories(data_dir / "categories.yml")
    provinces, former, merger = _load_provinces(data_dir / "provinces.yml")
    return Vocabulary(categories, provinces, former, merger)
