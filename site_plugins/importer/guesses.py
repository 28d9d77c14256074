"""Proposing an article's provinces and category from its text, and saying how sure it is.

Evidence is weighted by where it is (headline 3, sapo 2, body 1); the page's own identity
(its site name, masthead, web address) and its section line ("Chương trình, đề án") count
as further evidence. A proposal comes with '' when it is sure, else the reason to check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from ..text import fold, nfc
from ..vocab import Vocabulary, lookup_key

_WEIGHTS = {"title": 3, "lead": 2, "body": 1}
# Family and middle names, as written: a province name right after one is part of a person's
# name ("Nguyễn Thị Thái Bình", "Trần Hải Dương"). Exact words, so "Thủ Đô Hà Nội" is a place.
_NAME_BEFORE = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Mai", "Trương", "Lâm", "Cao", "Châu", "Tạ",
    "Lưu", "Quách", "Trịnh", "Tô", "Kiều", "Lương", "Vương", "Thị", "Văn", "Hữu", "Đức",
    "Ngọc", "Xuân", "Kim",
}  # fmt: skip
# A one-word name ("Huế") counts only after a unit word: "tỉnh Huế", "TP Huế", "thành phố Huế",
# "cố đô Huế" (not "phố Huế", a street of Hà Nội, nor "chị Huế").
_UNIT_BEFORE = {("tinh",), ("tp",), ("thanh", "pho"), ("co", "do")}
# Words that may stand between "khuyến công"/"Sở Công Thương" and the province in a unit's
# name ("Trung tâm Khuyến công và Tư vấn PTCN tỉnh Bình Dương").
_CENTRE_WORDS = {"va", "tu", "van", "phat", "trien", "cong", "nghiep", "ptcn", "tinh", "thanh",
                 "pho", "tp", "xuc", "tien", "thuong", "mai"}  # fmt: skip
_NOT_PLACE = {("chu", "tich"), ("bac",), ("tu", "tuong"), ("dao", "duc"), ("phong", "cach"),
              ("lang",), ("tuong",)}  # fmt: skip
_GAP_OK = re.compile(r"^[\s\-–—]*$")
# Parts of a web address that are never a province ("sct.dongnai.gov.vn" names Đồng Nai).
_HOST_PREFIXES = ("bao", "sct", "congthuong", "khuyencong", "ttkc", "kc", "tinh", "www")

CATEGORY_KEYWORDS = {
    "mang-luoi-cong-tac-vien": ["cong tac vien", "ctv"],
    "dao-tao-tap-huan": ["tap huan", "dao tao", "boi duong", "khoi su doanh nghiep"],
    "tham-quan-trao-doi-kinh-nghiem": [
        "hoc tap kinh nghiem", "trao doi kinh nghiem", "chia se kinh nghiem", "doan cong tac",
        "tham quan", "khao sat",
    ],
    "hoi-nghi-tong-ket": [
        "hoi nghi tong ket", "hoi nghi so ket", "hop tong ket", "hoi nghi", "hoi thao",
        "tong ket", "so ket",
    ],
    "cum-cong-nghiep": ["cum cong nghiep", "ccn"],
    "san-pham-cnnt-tieu-bieu": [
        "san pham cong nghiep nong thon tieu bieu", "san pham cnnt tieu bieu", "cnnttb",
        "binh chon san pham", "hoi cho", "trien lam", "trung bay san pham",
    ],
    "chinh-sach-ke-hoach": [
        "chinh sach khuyen cong", "nghi dinh", "thong tu", "van ban phap luat",
        "ke hoach khuyen cong",
    ],
    "chuong-trinh-de-an": [
        "de an khuyen cong", "mo hinh trinh dien", "chuyen giao cong nghe", "may moc thiet bi",
        "chuong trinh khuyen cong",
    ],
}  # fmt: skip


@dataclass
class Tokens:
    text: str
    words: list[tuple[int, int, str]]  # start, end, original word
    folded: list[str]

    @classmethod
    def of(cls, text: str) -> Tokens:
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
        return cls(text, words, [fold(w) for _, _, w in words])

    def gap_ok(self, i: int) -> bool:
        """Only spaces or dashes between word i-1 and word i."""
        return _GAP_OK.match(self.text[self.words[i - 1][1] : self.words[i][0]]) is not None


@lru_cache(maxsize=8)
def _province_index(vocab: Vocabulary) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First folded word -> [(folded words, spelling)], longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    spellings = [s for f in vocab.former for s in (f.name, *f.aliases)]
    spellings += [s for p in vocab.provinces for s in (p.name, *p.aliases)]
    seen = set()
    for spelling in spellings:
        tokens = tuple(lookup_key(spelling).split())
        if tokens and tokens not in seen:
            seen.add(tokens)
            index.setdefault(tokens[0], []).append((tokens, spelling))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=8)
def _host_index(vocab: Vocabulary) -> dict[str, str]:
    """Folded name without spaces ("dongnai", "bariavungtau") -> spelling, for addresses."""
    index: dict[str, str] = {}
    for spelling in [s for f in vocab.former for s in (f.name, *f.aliases)] + [
        s for p in vocab.provinces for s in (p.name, *p.aliases)
    ]:
        compact = lookup_key(spelling).replace(" ", "")
        if len(compact) >= 5:
            index.setdefault(compact, spelling)
    return index


def province_mentions(
    tokens: Tokens, vocab: Vocabulary, moment: datetime | None
) -> list[tuple[int, str]]:
    """(index of first word, display name) of every province named in the text."""
    index = _province_index(vocab)
    found = []
    words, folded = tokens.words, tokens.folded
    i = 0
    while i < len(folded):
        match = None
        for spelled, spelling in index.get(folded[i], ()):
            k = len(spelled)
            if tuple(folded[i : i + k]) != spelled:
                continue
            if not all(words[j][2][0].isupper() for j in range(i, i + k)):
                continue
            if not all(tokens.gap_ok(j) for j in range(i + 1, i + k)):
                continue
            match = (k, spelling)
            break
        if match is None:
            i += 1
            continue
        k, spelling = match
        before = folded[max(0, i - 2) : i]
        prev_word = words[i - 1][2] if i else ""
        name = display_name(vocab, spelling, moment)
        single = words[i][2]
        if (
            nfc(prev_word) in _NAME_BEFORE
            or (name == "Hồ Chí Minh" and any(tuple(before[-len(p) :]) == p for p in _NOT_PLACE))
            or (
                k == 1
                and not (single.isupper() and len(single) > 1)
                and len(single) < 6
                and not any(tuple(before[-len(u) :]) == u for u in _UNIT_BEFORE)
            )
        ):
            i += k
            continue
        if name:
            found.append((i, name))
        i += k
    return found


def display_name(vocab: Vocabulary, spelling: str, moment: datetime | None) -> str | None:
    match = vocab.province(spelling, moment)
    if match.ref is not None:
        return match.ref.display_name
    if match.dissolved is not None:  # a former unit named in an article after the merger
        return match.dissolved.became
    return None


def is_former_only(vocab: Vocabulary, name: str, moment: datetime) -> bool:
    """A province name that is no longer valid at ``moment`` (merged on 1/7/2025)."""
    return vocab.province(name, moment).dissolved is not None


def _home_province(tokens: Tokens, mentions: list[tuple[int, str]]) -> str | None:
    """The province in the name of the Trung tâm Khuyến công the text is about (the centre
    that wrote or hosted it): "Trung tâm Khuyến công và Tư vấn PTCN tỉnh Bình Dương". (Not a
    Sở Công Thương: "tiếp đón đoàn Sở Công Thương Đắk Lắk" names the visitors.)"""
    at = dict(mentions)
    f = tokens.folded
    for i in range(len(f) - 1):
        if f[i] == "khuyen" and f[i + 1] == "cong":
            j = i + 2
            while j < len(f) and j not in at and f[j] in _CENTRE_WORDS and tokens.gap_ok(j):
                j += 1
            if j in at and j < len(f) and tokens.gap_ok(j):
                return at[j]
    return None


def site_province(
    names: list[str], address: str, vocab: Vocabulary, moment: datetime | None
) -> tuple[str, str] | None:
    """The province of the site the page comes from (its name, masthead or address) and
    the words that say so."""
    for text in names:
        if mentions := province_mentions(Tokens.of(text), vocab, moment):
            return mentions[0][1], text
    host = urlsplit(address).hostname or ""
    index = _host_index(vocab)
    for label in re.split(r"[.-]", host):
        for prefix in ("", *_HOST_PREFIXES):
            spelling = index.get(label[len(prefix) :]) if label.startswith(prefix) else None
            if spelling and (name := display_name(vocab, spelling, moment)):
                return name, host
    return None


def propose_provinces(
    sections: dict[str, str],
    vocab: Vocabulary,
    moment: datetime | None,
    site: tuple[str, str] | None = None,
) -> tuple[list[str], str]:
    """Province names (main first) and why they need checking ('' if sure). ``site`` is
    the province of the page's site and the words that name it (``site_province``)."""
    counts: dict[str, dict[str, int]] = {}
    order: dict[str, int] = {}
    home = None
    position = 0
    for section, text in sections.items():
        tokens = Tokens.of(text)
        mentions = province_mentions(tokens, vocab, moment)
        for i, name in mentions:
            counts.setdefault(name, dict.fromkeys(_WEIGHTS, 0))[section] += 1
            order.setdefault(name, position + i)
        if home is None and section in ("title", "lead"):
            home = _home_province(tokens, mentions)
        position += len(tokens.words) + 1
    if not counts:
        if site is not None:
            return [site[0]], (
                f"bài không nhắc tên tỉnh/thành nào; tạm ghi {site[0]} theo trang nguồn "
                f"('{site[1]}'): kiểm tra đây có đúng là tỉnh của bài"
            )
        return [], (
            "không thấy tên tỉnh/thành nào trong bài; ghi tỉnh của đơn vị viết bài "
            "(bài trước 1/7/2025 ghi tên tỉnh cũ)"
        )
    if home is None and site is not None and site[0] in counts:
        home = site[0]  # the site's own province, named in the article
    score = {n: sum(_WEIGHTS[s] * c for s, c in cs.items()) for n, cs in counts.items()}
    ranked = sorted(
        counts,
        key=lambda n: (-score[n], -counts[n]["title"], -counts[n]["lead"], order[n]),
    )
    top = score[ranked[0]]
    # With little evidence every name is kept for staff to choose, unless the page's own
    # site confirms the first one.
    confirmed = site is not None and site[0] == ranked[0] and top >= 2
    chosen = [n for n in ranked if score[n] >= 2 or (top < 4 and not confirmed)]
    if home in chosen:
        chosen.remove(home)
        chosen.insert(0, home)

    def told(n: str) -> str:
        c = counts[n]
        labels = (("title", "tiêu đề"), ("lead", "sapo"), ("body", "thân bài"))
        parts = [f"{label} {c[s]} lần" for s, label in labels if c[s]]
        return f"{n} ({', '.join(parts)})"

    if len(chosen) > 1:
        why = (
            "là tỉnh của Trung tâm Khuyến công trong bài hoặc của trang nguồn"
            if chosen[0] == home
            else "được nhắc nhiều nhất"
        )
        return chosen, (
            f"bài nhắc nhiều tỉnh: {'; '.join(told(n) for n in chosen)}. Đã ghi "
            f"{chosen[0]} làm tỉnh chính vì {why}; kiểm tra tỉnh chính và bỏ tỉnh không liên quan"
        )
    if top < 2 and not (site is not None and site[0] == chosen[0]):
        return chosen, f"chỉ thấy {told(chosen[0])}: chưa chắc đây là tỉnh của bài"
    if site is not None and site[0] != chosen[0] and home != chosen[0] and top < 4:
        return chosen, (
            f"bài nhắc {told(chosen[0])} nhưng trang nguồn là của {site[0]} ('{site[1]}'): "
            "kiểm tra tỉnh của bài"
        )
    return chosen, ""


def _phrase_counts(text: str, phrases: list[tuple[tuple[str, ...], str]]) -> dict[str, int]:
    """Non-overlapping matches of folded phrases (longest first) -> count per category slug."""
    f = Tokens.of(text).folded
    result: dict[str, int] = {}
    i = 0
    while i < len(f):
        for words, slug in phrases:
            if tuple(f[i : i + len(words)]) == words:
                result[slug] = result.get(slug, 0) + 1
                i += len(words)
                break
        else:
            i += 1
    return result


_SECTIONS = ("section", "title", "lead", "body")


def propose_category(
    sections: dict[str, str], vocab: Vocabulary, labels: list[str] = ()
) -> tuple[str, str]:
    """Category name and why it needs checking ('' if sure). ``labels`` are the page's own
    section lines ("Chương trình, đề án"); one that is a category of the portal counts."""
    phrases = [
        (tuple(p.split()), slug)
        for slug, keywords in CATEGORY_KEYWORDS.items()
        if slug in vocab.category_by_slug
        for p in keywords
    ]
    phrases.sort(key=lambda e: -len(e[0]))
    per_section = {s: _phrase_counts(t, phrases) for s, t in sections.items()}
    per_section["section"] = {}
    named = [label for label in labels if vocab.category(label) is not None]
    for label in named:
        slug = vocab.category(label).slug
        per_section["section"][slug] = 1
    slugs = {slug for counts in per_section.values() for slug in counts}
    if not slugs:
        return _nearest_category(sections, vocab), (
            "không nhận ra chuyên mục từ nội dung (không có từ khóa nào); đã tạm ghi chuyên mục "
            "gần nhất với mô tả để bài hợp lệ: chọn chuyên mục đúng (xem: khuyencong vocab "
            "categories)"
        )

    def key(slug: str) -> tuple[int, ...]:
        return tuple(per_section.get(s, {}).get(slug, 0) for s in _SECTIONS)

    order = list(CATEGORY_KEYWORDS)
    ranked = sorted(slugs, key=lambda s: (key(s), -order.index(s) if s in order else 0),
                    reverse=True)  # fmt: skip
    best = ranked[0]
    name = vocab.category_by_slug[best].name

    def told(slug: str) -> str:
        sec, t, lead, b = key(slug)
        where = f"tiêu đề {t}, sapo {lead}, thân bài {b}"
        if sec:
            where = f"mục '{named[0]}' của trang cũ; " + where
        return f"{vocab.category_by_slug[slug].name} (từ khóa: {where})"

    if len(ranked) > 1:
        second = ranked[1]
        (s1, t1, l1, b1), (s2, t2, l2, b2) = key(best), key(second)
        if (s1, t1, l1, b1) == (s2, t2, l2, b2):
            return name, f"hai chuyên mục ngang nhau: {told(best)} và {told(second)}"
        if s1 and (t2, l2) > (t1, l1):
            return name, (
                f"trang cũ xếp bài vào mục '{named[0]}' nhưng tiêu đề và sapo nói về "
                f"{told(second)}; chọn một trong hai"
            )
        if s1 == s2:
            if (t1, l1) == (t2, l2):
                return name, (
                    f"tiêu đề và sapo không phân biệt được {told(best)} với {told(second)}; "
                    "chỉ dựa vào thân bài"
                )
            if t1 == t2 and l1 - l2 <= 1 and b2 >= b1:
                return name, f"có thể là {told(best)} hoặc {told(second)}"
    if key(best)[:3] == (0, 0, 0):
        return name, f"chỉ dựa vào vài từ trong thân bài: {told(best)}"
    return name, ""


# Words every category's description shares: no evidence for one of them.
_COMMON = {"khuyen", "cong", "nghiep", "cac", "va", "hoat", "dong", "cua", "nong", "thon",
           "quoc", "gia", "phuong", "trong", "giua"}  # fmt: skip


def _nearest_category(sections: dict[str, str], vocab: Vocabulary) -> str:
    """With no keyword at all: the category whose description shares most words with the
    text (the first category of the portal's order if none does). A placeholder that keeps
    the draft valid; always marked for review."""
    text_words = set(Tokens.of(" ".join(sections.values())).folded) - _COMMON
    best, best_count = vocab.categories[0], 0
    for category in vocab.categories:
        described = " ".join((category.description, *category.aliases))
        count = len((set(Tokens.of(described).folded) - _COMMON) & text_words)
        if count > best_count:
            best, best_count = category, count
    return best.name
