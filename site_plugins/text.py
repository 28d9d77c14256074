"""Vietnamese text helpers: normalisation, tone placement, comparison keys, slugs, sorting.

Everything the portal compares, links or sorts goes through here (see shared/VIETNAMESE.md):

* ``nfc``             clean pasted text (NFC, odd spaces, eth instead of Đ) without changing it.
* ``canonical_tones`` put each syllable's tone mark in one fixed place (``hoà`` -> ``hòa``).
* ``precise_key``     exact comparison key: same word, same tones, any case/placement/form.
* ``fold``            recall key: marks removed, đ -> d, case-folded (``Đắk Lắk`` -> ``dak lak``).
* ``slugify``         ASCII URL slug; ``heading_slug`` is the same for Markdown's ``toc``.
* ``sort_key``        Vietnamese alphabetical order (letters first, then tones).
* ``forbidden_char``  the first invisible control, noncharacter or bidi override in a value.
* ``excerpt``         a bounded, escaped rendering of any value for a message.

Standard library only; translation tables and regexes are built once at import.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "nfc",
    "canonical_tones",
    "precise_key",
    "fold",
    "slugify",
    "heading_slug",
    "sort_key",
    "forbidden_char",
    "describe_char",
    "excerpt",
    "printable",
    "clean_body",
    "SLUG_LIMIT",
]

_normalize = unicodedata.normalize

# --------------------------------------------------------------------------- nfc

# Unicode "space separator" (Zs) characters; tests check this list against unicodedata.
_SPACE_SEPARATORS = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_SPACES_RE = re.compile(f"[{_SPACE_SEPARATORS}]")
_ETH_RE = re.compile("[\u00d0\u00f0]")


def nfc(s: str) -> str:
    """NFC, odd spaces (NBSP, thin space...) -> " ", Ð/ð (eth) -> Đ/đ. Nothing else changes."""
    if s.isascii():
        return s
    s = _SPACES_RE.sub(" ", s)
    if _ETH_RE.search(s):
        s = s.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return _normalize("NFC", s)


# ------------------------------------------------------------------ tone placement

_BASE_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = frozenset("ăâêôơư")
# Combining tone marks in alphabetical-order rank: 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng.
_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"

_TONE_OF: dict[str, tuple[str, int]] = {}  # toned vowel -> (untoned vowel, tone 1..5)
_TONED: dict[tuple[str, int], str] = {}  # (untoned vowel, tone) -> toned vowel
for _v in _BASE_VOWELS + _BASE_VOWELS.upper():
    for _t, _mark in enumerate(_TONE_MARKS, 1):
        _c = _normalize("NFC", _v + _mark)
        assert len(_c) == 1, _c
        _TONE_OF[_c] = (_v, _t)
        _TONED[_v, _t] = _c

_TONED_CHARS = "".join(_TONE_OF)
# A run of letters containing at least one toned vowel (linear: no backtracking).
_TONED_WORD_RE = re.compile(rf"(?<![^\W\d_])[^\W\d_{_TONED_CHARS}]*[{_TONED_CHARS}][^\W\d_]*")
_SYLLABLE_RE = re.compile(rf"([^{_BASE_VOWELS}]*)([{_BASE_VOWELS}]+)([^{_BASE_VOWELS}]*)")
_ONSETS = frozenset(
    [
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "ð",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ]
    + [""]
)
_CODAS = frozenset(["c", "ch", "m", "n", "ng", "nh", "p", "t"] + [""])


@lru_cache(maxsize=1 << 16)
def _canonical_syllable(word: str) -> str:
    """Move the tone of one NFC letter run; return it unchanged unless it is a Vietnamese
    syllable with exactly one tone mark."""
    pos = -1
    for i, ch in enumerate(word):
        if ch in _TONE_OF:
            if pos >= 0:
                return word  # two tones: not one syllable
            pos = i
    if pos < 0:
        return word
    base_char, tone = _TONE_OF[word[pos]]
    base = word[:pos] + base_char + word[pos + 1 :]
    low = base.lower()
    if len(low) != len(base):
        return word
    m = _SYLLABLE_RE.fullmatch(low)
    if m is None:
        return word  # several vowel groups: not a Vietnamese syllable
    onset, nucleus, coda = m.groups()
    if len(nucleus) > 1 and (
        (onset == "q" and nucleus[0] == "u") or (onset == "g" and nucleus[0] == "i")
    ):
        onset, nucleus = onset + nucleus[0], nucleus[1:]  # "qu" and "gi" are onsets
    if onset not in _ONSETS or coda not in _CODAS or len(nucleus) > 3:
        return word
    marked = [i for i, v in enumerate(nucleus) if v in _MARKED_VOWELS]
    if marked:
        k = marked[-1]  # ă â ê ô ơ ư; the last one in ươ
    elif len(nucleus) == 1:
        k = 0
    elif coda:
        k = len(nucleus) - 1  # hoàng, hoạch, tuyết
    elif len(nucleus) == 3:
        k = 1  # khuỷu, hoài, xoáy
    else:
        # Open two-vowel syllable: first vowel, oa/oe/uy included (hòa, khỏe, thủy). VIETNAMESE.md
        # calls this placement "old style"; news text (50,853 to 17) and the official
        # province/ward names use it, so canonical keys and terms match what readers see.
        k = 0
    target = len(onset) + k
    if target == pos:
        return word
    chars = list(base)
    chars[target] = _TONED[chars[target], tone]
    return "".join(chars)


def _canonical_match(m: re.Match[str]) -> str:
    return _canonical_syllable(m.group())


def canonical_tones(s: str) -> str:
    """NFC text with each syllable's tone on its canonical vowel (hoà -> hòa, Thuỷ -> Thủy).

    Marked vowel (last of ươ) > only vowel > last vowel before a final consonant > middle of
    three > first of two (oa/oe/uy included); qu and gi are onsets. Only tone marks move; case,
    spacing and anything that is not one Vietnamese syllable are left as they are.
    """
    s = _normalize("NFC", s)
    if s.isascii():
        return s
    return _TONED_WORD_RE.sub(_canonical_match, s)


# -------------------------------------------------------------------- keys, slugs


def _squash(s: str) -> str:
    """Collapse whitespace runs to one space and strip."""
    return " ".join(s.split())


# Names (tags, authors, provinces) recur on thousands of articles and pages: remember them.
@lru_cache(maxsize=32768)
def precise_key(s: str) -> str:
    """Exact comparison key: nfc, canonical tones, casefold, whitespace squashed."""
    return _squash(canonical_tones(nfc(s)).casefold())


# Combining marks (Mn, Me) of the Basic Multilingual Plane; NFKD puts every Vietnamese mark here.
_MARK_RANGES: list[list[int]] = []
for _cp in range(0x300, 0x10000):
    if unicodedata.category(chr(_cp)) in ("Mn", "Me"):
        if _MARK_RANGES and _MARK_RANGES[-1][1] == _cp - 1:
            _MARK_RANGES[-1][1] = _cp
        else:
            _MARK_RANGES.append([_cp, _cp])
_MARK_CLASS = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _MARK_RANGES)
# Runs of characters that are neither ASCII nor combining marks (after NFKD: dashes, quotes,
# other scripts). Between them is ASCII plus marks, where encoding to ASCII drops exactly the marks.
_KEPT_RUN_RE = re.compile(f"([^\\x00-\\x7f{_MARK_CLASS}]+)")
# Letters with no decomposition, after casefold. đ is the one that matters (U+0111 stays đ
# under NFD/NFKD); ð is the eth that stands in for it in pasted text.
_FOLD_LETTERS = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}


def _unmark(s: str) -> str:
    """NFKD, casefold, đ -> d, combining marks removed (whitespace untouched)."""
    if s.isascii():
        return s.casefold()
    s = _normalize("NFKD", s).casefold()
    for letter, plain in _FOLD_LETTERS.items():
        if letter in s:
            s = s.replace(letter, plain)
    parts = _KEPT_RUN_RE.split(s)
    parts[::2] = [p.encode("ascii", "ignore").decode("ascii") for p in parts[::2]]
    return "".join(parts)


def fold(s: str) -> str:
    """Recall key: NFKD, casefold, đ/ð -> d, all combining marks removed, whitespace squashed
    (``Đắk  Lắk`` -> ``dak lak``; ư becomes u, never disappears)."""
    return _squash(_unmark(s))


# Folded text to ASCII ("?" for the rest), then everything but [a-z0-9] to a space.
_SLUG_SPACES = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


SLUG_LIMIT = 150  # characters: legacy addresses of the seeds (up to 124) fit; far below 255 bytes


@lru_cache(maxsize=32768)
def slugify(s: str, separator: str = "-", limit: int = SLUG_LIMIT) -> str:
    """ASCII slug: fold, then each run of characters other than [a-z0-9] becomes one separator.

    At most ``limit`` characters, cut at a word boundary when there is one (a 2,000-character
    title must not become a file name the system refuses)."""
    ascii_text = _unmark(s).encode("ascii", "replace").decode("ascii")
    slug = separator.join(ascii_text.translate(_SLUG_SPACES).split())
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1]
    cut = head.rfind(separator) if separator else -1
    return head[:cut] if cut > 0 else slug[:limit]


def heading_slug(value: str, separator: str) -> str:
    """``slugify`` for Python-Markdown's ``toc`` extension (value may hold HTML entities)."""
    return slugify(html.unescape(value), separator)


# ------------------------------------------------------------------------ sorting

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK_BASE = 0xE100  # private use area: above digits, spaces and punctuation


def _build_sort_tables() -> tuple[dict[int, str | None], dict[int, str]]:
    rank = {ch: chr(_RANK_BASE + i) for i, ch in enumerate(_ALPHABET)}
    primary: dict[int, str | None] = {}
    tone_code: dict[int, str] = {}
    # Latin letters with any diacritics (é, ñ, ü ...) rank as their base letter; Vietnamese
    # letters ă â ê ô ơ ư keep their own place whatever tone they carry.
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1:
            continue
        bare = low
        tone = 0
        if low in _TONE_OF:
            bare, tone = _TONE_OF[low]
        if bare not in rank:
            decomposed = _normalize("NFD", bare)
            if decomposed[0] not in rank:
                continue
            bare = decomposed[0]
        primary[cp] = rank[bare]
        tone_code[cp] = chr(0xE000 + tone)
    for a, b in _MARK_RANGES:  # stray combining marks do not count as letters
        for cp in range(a, b + 1):
            primary[cp] = None
    for ch, repl in _FOLD_LETTERS.items():
        if ch not in ("đ", "ð"):
            primary[ord(ch)] = "".join(rank[c] for c in repl)
            tone_code[ord(ch)] = "\ue000" * len(repl)
    return primary, tone_code


_PRIMARY, _TONE_CODE = _build_sort_tables()
_NOT_TONE_CODE_RE = re.compile("[^\ue000-\ue005]+")


def sort_key(s: str) -> tuple[str, str, str]:
    """Vietnamese alphabetical order: (letters by alphabet rank, case-insensitive; tones
    ngang < huyền < hỏi < ngã < sắc < nặng, syllable by syllable; the nfc text as written
    as the tie-break, so the order is total).

    Spaces, digits and punctuation sort before letters; tone placement style does not matter.
    """
    text = nfc(s)
    low = _squash(canonical_tones(text).casefold())
    tones = _NOT_TONE_CODE_RE.sub("", low.translate(_TONE_CODE))
    return (low.translate(_PRIMARY), tones, text)


# ------------------------------------------------------------------ invisible characters

# What a value shown to readers may not contain: C0/C1 controls (Word's soft line break is
# U+000B), Unicode noncharacters, line/paragraph separators, and the bidirectional overrides
# and isolates that make text display reversed.
_FORBIDDEN_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(p) + chr(p + 1) for p in range(0x1FFFE, 0x110000, 0x10000))
    + "]"
)
_FORBIDDEN_LINES_RE = re.compile("[\\t\\n\\r]")

_CHAR_NAMES = {
    0x0B: "ngắt dòng mềm của Word",
    0x0C: "ngắt trang",
    0x00: "ký tự rỗng",
    0x1B: "mã điều khiển cửa sổ lệnh",
    0x7F: "ký tự xóa",
    0x2028: "ngắt dòng Unicode",
    0x2029: "ngắt đoạn Unicode",
    0x202A: "ép hướng trái sang phải",
    0x202B: "ép hướng phải sang trái",
    0x202C: "kết thúc ép hướng",
    0x202D: "ghi đè hướng trái sang phải",
    0x202E: "ghi đè hướng phải sang trái, làm chữ hiện ngược",
    0x2066: "cô lập hướng trái sang phải",
    0x2067: "cô lập hướng phải sang trái",
    0x2068: "cô lập hướng tự động",
    0x2069: "kết thúc cô lập hướng",
}


def forbidden_char(s: str, *, single_line: bool = False) -> tuple[int, str] | None:
    """(index, character) of the first character a shown value may not contain, or None.

    ``single_line`` also refuses tabs and line breaks (titles, names, tags)."""
    m = _FORBIDDEN_RE.search(s)
    if single_line:
        m2 = _FORBIDDEN_LINES_RE.search(s)
        if m2 is not None and (m is None or m2.start() < m.start()):
            m = m2
    return (m.start(), m.group(0)) if m else None


def describe_char(c: str) -> str:
    """'U+000B (ngắt dòng mềm của Word)': how a message names an invisible character."""
    code = ord(c)
    name = _CHAR_NAMES.get(code)
    if name is None:
        if c in "\t\n\r":
            name = {"\t": "dấu Tab", "\n": "xuống dòng", "\r": "xuống dòng"}[c]
        elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            name = "ký tự không dùng được"
        else:
            name = "ký tự điều khiển"
    return f"U+{code:04X} ({name})"


_EXCERPT_ESCAPES = {c: f"\\x{c:02x}" for c in range(0x20)} | {0x7F: "\\x7f"}


def excerpt(value: object, limit: int = 60) -> str:
    """A short, printable rendering of any value for a message: never more than about
    ``limit`` characters (a huge or recursive value cannot blow up a message), control and
    bidi characters shown as escapes so a terminal or a page never interprets them."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (list, tuple, dict, set)):
        text = f"<{type(value).__name__} {len(value)} mục>"
    else:
        text = str(value)[: limit * 4]
    short = text[:limit]
    out = []
    for ch in short:
        code = ord(ch)
        if code in _EXCERPT_ESCAPES:
            out.append(_EXCERPT_ESCAPES[code])
        elif _FORBIDDEN_RE.match(ch):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > limit else "")


def printable(s: str) -> str:
    """``s`` with control and bidi characters shown as escapes, for a terminal."""
    if not _FORBIDDEN_RE.search(s) and "\x1b" not in s:
        return s
    return "".join(
        _EXCERPT_ESCAPES.get(ord(ch), f"\\u{ord(ch):04x}")
        if ord(ch) in _EXCERPT_ESCAPES or _FORBIDDEN_RE.match(ch)
        else ch
        for ch in s
    )


_BODY_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_BODY_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_body(s: str) -> str:
    """An article body as published: invisible control characters (Word's soft line break
    and the like) become spaces, bidirectional overrides are dropped. ``forbidden_char``
    finds them first, so staff are told."""
    if not _FORBIDDEN_RE.search(s):
        return s
    return _BODY_BIDI_RE.sub("", _BODY_CONTROL_RE.sub(" ", s))
