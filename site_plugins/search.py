"""The Vietnamese search index: tokens, folding, postings, shards, the word list and the names
of the suggestions (see SEARCH_FORMAT.md).

Pure Python, no MkDocs imports. ``build_index`` turns documents into the files of the index;
``write_index`` writes them; ``search_docs.search_jobs`` makes the documents of a build.
The index is built once per build, usually in a second process while MkDocs renders pages
(see plugin.py), so it is written for throughput: each distinct token is normalised once,
counting is done by ``collections.Counter`` and postings live in ``array``s.
"""

from __future__ import annotations

import html
import json
import os
import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

VERSION = 2
TITLE_WEIGHT = 8
LABEL_WEIGHT = 4  # category, provinces, tags, authors: below the title, above the summary
SUMMARY_WEIGHT = 3
BODY_WEIGHT = 1
WORDS_LIMIT = 4000  # words.json: the most frequent words (completion while typing, suggestions)
NAMES_LIMIT = 3000  # names.json: the most used names (suggestions)
MAX_WEIGHT = 255
MAX_VARIANTS = 31
TEXT_LIMIT = 3000  # characters of plain text kept per document for excerpts
SHARD_BYTES = 8192  # aimed-at average shard size; the shard count is a power of two

TOKEN = re.compile(r"[^\W_]+")  # letters and digits (the text is NFC)
TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_MARKS = dict.fromkeys(range(0x300, 0x370))
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})

# Markdown and HTML syntax that is not text.
_SYNTAX = [
    (re.compile(r"^ {0,3}///.*$", re.M), " "),  # pymdownx block fences: /// caption
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"<[^>]*>"), " "),  # raw HTML tags
    (re.compile(r"\{:?[^}\n]*\}"), " "),  # attribute lists
    (re.compile(r"[#*_`>|~]+"), " "),
]
_SPACE = re.compile(r"\s+")


def folded(token: str) -> str:
    """No marks, đ→d, lower case: 'Đắk' → 'dak' (SEARCH_FORMAT.md §1)."""
    return (
        unicodedata.normalize("NFD", token.translate(_ETH))
        .translate(_MARKS)
        .lower()
        .replace("đ", "d")
    )


def precise(token: str) -> str:
    """Letters and vowel marks without the tone, then the tone digit: 'Hoà' → 'hoa1'."""
    tone = "0"
    kept = []
    for ch in unicodedata.normalize("NFD", token.translate(_ETH).lower()):
        if ch in TONES:
            tone = TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def plain_text(markdown: str) -> str:
    """The words of a Markdown body, without markup, one space between them."""
    text = markdown
    for pattern, repl in _SYNTAX:
        text = pattern.sub(repl, text)
    return _SPACE.sub(" ", html.unescape(text)).strip()


def fnv1a32(data: bytes) -> int:
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass(frozen=True)
class SearchDoc:
    """One article as the index sees it."""

    url: str
    title: str
    summary: str
    body: str  # plain text
    day: int  # days since 1970-01-01 (Asia/Ho_Chi_Minh)
    category: int  # index into the categories of the meta
    provinces: tuple[int, ...]  # indexes into the provinces of the meta
    date_iso: str
    date_text: str
    provinces_text: str
    category_name: str
    province_names: tuple[str, ...] = ()  # as the article shows them (old names), today's units
    tags: tuple[str, ...] = ()
    authors: tuple[tuple[str, str], ...] = ()  # (name, organization or "")

    def labels(self) -> list[str]:
        """The metadata values indexed as fields of their own (SEARCH_FORMAT.md §2)."""
        values = [self.category_name, *self.province_names, *self.tags]
        for name, organization in self.authors:
            values += (name, organization)
        return [v for v in dict.fromkeys(values) if v]

    def names(self) -> list[str]:
        """The names this document offers to the suggestions (organizations are not names)."""
        values = [self.category_name, *self.province_names, *self.tags]
        values += (name for name, _ in self.authors)
        return [v for v in dict.fromkeys(values) if v]


@dataclass
class _Key:
    """Postings of one key, in document order: doc id << 8 | weight, and variant masks."""

    postings: array = field(default_factory=lambda: array("I"))
    masks: array | None = None
    variants: dict[str, int] | None = None  # precise form -> local id (first seen)


def build_index(docs: list[SearchDoc], meta: dict) -> dict[str, bytes]:
    """Every file of the index, by path relative to the site root. ``docs`` are in id order;
    ``meta`` is ``index_meta(...)``."""
    keys: dict[str, _Key] = {}
    fold_of: dict[str, str] = {}  # each distinct (lower-case) token is normalised once
    precise_of: dict[str, str] = {}
    surfaces: Counter[str] = Counter()  # lower-case token -> number of documents with it
    names: Counter[str] = Counter()
    for doc_id, doc in enumerate(docs):
        weights: Counter[str] = Counter()
        variants: dict[str, set[str]] = {}
        seen: set[str] = set()
        # Each metadata value is a field of its own (no pair across two), all of one weight.
        groups = (
            ((doc.title,), TITLE_WEIGHT),
            (doc.labels(), LABEL_WEIGHT),
            ((doc.summary,), SUMMARY_WEIGHT),
            ((doc.body,), BODY_WEIGHT),
        )
        for texts, weight in groups:
            found: list[str] = []  # keys of every occurrence: syllables, then pairs
            for text in texts:
                tokens = TOKEN.findall(_nfc(text).lower())
                if not tokens:
                    continue
                distinct = set(tokens)
                seen.update(distinct)
                for t in distinct:
                    if t not in fold_of:
                        fold_of[t], precise_of[t] = folded(t), precise(t)
                    variants.setdefault(fold_of[t], set()).add(precise_of[t])
                folds = list(map(fold_of.__getitem__, tokens))
                found += folds
                found += map(" ".join, zip(folds, folds[1:], strict=False))
            if weight == 1:
                weights.update(found)  # counts in C
            else:
                for key, n in Counter(found).items():
                    weights[key] += n * weight
        surfaces.update(seen)
        names.update(doc.names())
        for key, weight in weights.items():
            entry = keys.get(key)
            if entry is None:
                entry = keys[key] = _Key()
                if " " not in key:
                    entry.masks, entry.variants = array("I"), {}
            entry.postings.append(doc_id << 8 | (weight if weight < MAX_WEIGHT else MAX_WEIGHT))
            if entry.variants is not None:
                mask = 0
                for form in variants[key]:
                    mask |= 1 << entry.variants.setdefault(form, len(entry.variants))
                entry.masks.append(mask)  # local ids; remapped in _encode_key
    meta = dict(meta)
    aliases = meta.pop("aliases", {})
    files = _files(docs, meta, keys)
    files["search/words.json"] = _json(_words(keys, surfaces, fold_of))
    files["search/names.json"] = _json(_names(names, aliases))
    return files


def _words(keys: dict[str, _Key], surfaces: Counter[str], fold_of: dict[str, str]) -> list[str]:
    """The most frequent syllable keys (by documents, then code points), each shown in its
    most frequent lower-case spelling; keys of digits only are left out."""
    best: dict[str, tuple[int, str]] = {}
    for surface, n in surfaces.items():
        key = fold_of[surface]
        current = best.get(key)
        if current is None or n > current[0] or (n == current[0] and surface < current[1]):
            best[key] = (n, surface)
    ranked = sorted((k for k in best if not k.isdigit()), key=lambda k: (-len(keys[k].postings), k))
    return [best[k][1] for k in ranked[:WORDS_LIMIT]]


def _nfc(text: str) -> str:
    """NFC, with the eth letters Ð/ð read as Đ/đ (SEARCH_FORMAT.md §1)."""
    if "ð" in text or "Ð" in text:
        text = text.translate(_ETH)
    return unicodedata.normalize("NFC", text)


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(map(precise, TOKEN.findall(_nfc(name))))


def _folded_key(name: str) -> tuple[str, ...]:
    return tuple(map(folded, TOKEN.findall(_nfc(name))))


def _names(counts: Counter[str], aliases: dict[str, list[str]]) -> list[list]:
    """[name, documents, alias…] by documents, then code points. Spellings of one name (same
    precise tokens) are one entry shown in the most used spelling; aliases that fold like the
    name are left out (the name's own search finds them)."""
    groups: dict[tuple[str, ...], Counter[str]] = {}
    for name, n in counts.items():
        key = _name_key(name)
        if key:
            groups.setdefault(key, Counter())[name] += n
    entries = []
    for spellings in groups.values():
        name = min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        entries.append((-sum(spellings.values()), name))
    entries.sort()
    out: list[list] = []
    for minus_n, name in entries[:NAMES_LIMIT]:
        own = _folded_key(name)
        extra = [a for a in dict.fromkeys(aliases.get(name, ())) if _folded_key(a) != own]
        out.append([name, -minus_n, *extra])
    return out


def _files(docs: list[SearchDoc], meta: dict, keys: dict[str, _Key]) -> dict[str, bytes]:
    encoded = {key: _encode_key(key, entry) for key, entry in keys.items()}
    total = sum(len(b) for b in encoded.values())
    shards = 8
    while shards < 4096 and total / shards > SHARD_BYTES:
        shards *= 2
    grouped: list[list[tuple[bytes, bytes]]] = [[] for _ in range(shards)]
    for key, data in encoded.items():
        raw = key.encode("utf-8")
        grouped[fnv1a32(raw) % shards].append((raw, data))
    files: dict[str, bytes] = {}
    for n, entries in enumerate(grouped):
        entries.sort()
        out = bytearray(_varint(len(entries)))
        for _, data in entries:
            out += data
        files[f"search/s/{n}.bin"] = bytes(out)
    table = bytearray(_varint(len(docs)))
    for doc in docs:
        table += _varint(_zigzag(doc.day)) + _varint(doc.category) + _varint(len(doc.provinces))
        for p in doc.provinces:
            table += _varint(p)
    files["search/docs.bin"] = bytes(table)
    for doc_id, doc in enumerate(docs):
        text = doc.summary + " " + doc.body if doc.summary else doc.body
        record = {
            "u": doc.url,
            "t": doc.title,
            "d": doc.date_iso,
            "dt": doc.date_text,
            "p": doc.provinces_text,
            "c": doc.category_name,
        }
        if doc.tags:
            record["g"] = list(doc.tags)
        if doc.authors:
            record["a"] = [f"{name} ({org})" if org else name for name, org in doc.authors]
        files[f"search/d/{doc_id}.json"] = _json(record)
        files[f"search/x/{doc_id}.txt"] = text[:TEXT_LIMIT].encode("utf-8")
    files["search/meta.json"] = _json(
        {"version": VERSION, "docs": len(docs), "shards": shards, **meta}
    )
    return files


def _encode_key(key: str, entry: _Key) -> bytes:
    raw = key.encode("utf-8")
    out = bytearray(_varint(len(raw)) + raw)
    ids = [p >> 8 for p in entry.postings]
    columns = [
        [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)],  # deltas
        [p & 0xFF for p in entry.postings],  # weights
    ]
    if entry.variants is None:
        out += b"\x00"
    else:
        # Variants by number of documents, then by code points; at most MAX_VARIANTS listed.
        local_masks = Counter(entry.masks)
        docs_with: Counter[int] = Counter()
        for mask, n in local_masks.items():
            for local in range(mask.bit_length()):
                if mask >> local & 1:
                    docs_with[local] += n
        forms = sorted(entry.variants, key=lambda f: (-docs_with[entry.variants[f]], f))
        forms = forms[:MAX_VARIANTS]
        bit = {entry.variants[form]: 1 << final for final, form in enumerate(forms)}
        final = {
            mask: sum(b for local, b in bit.items() if mask >> local & 1) for mask in local_masks
        }
        columns.append([final[m] for m in entry.masks])
        out += _varint(len(forms))
        for form in forms:
            b = form.encode("utf-8")
            out += _varint(len(b)) + b
    out += _varint(len(ids))
    if all(max(column) < 128 for column in columns):
        # Every value fits one byte: interleave the columns at C speed.
        block = bytearray(len(ids) * len(columns))
        for j, column in enumerate(columns):
            block[j :: len(columns)] = bytes(column)
        out += block
    else:
        for row in zip(*columns, strict=True):
            for value in row:
                out += _varint(value)
    return bytes(out)


_SMALL = [bytes([n]) for n in range(128)]


def _zigzag(n: int) -> int:
    """A signed number as an unsigned one: 0, -1, 1, -2, 2 … -> 0, 1, 2, 3, 4 … (articles from
    1945 on: days before 1970 are negative)."""
    return n * 2 if n >= 0 else -n * 2 - 1


def _varint(n: int) -> bytes:
    if n < 128:
        return _SMALL[n]
    out = bytearray()
    while n >= 128:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_index(files: dict[str, bytes], site_dir: str | os.PathLike) -> None:
    """Write the index files under ``site_dir``."""
    root = Path(site_dir)
    for folder in ("search/s", "search/d", "search/x"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        (root / rel).write_bytes(data)


def index_meta(categories, provinces, years, aliases: dict[str, list[str]] | None = None) -> dict:
    """The vocabulary part of meta.json: categories in vocabulary order, provinces as given
    (today's units, Vietnamese order), years ascending; ``aliases`` (name -> other spellings
    of the vocabulary) go to names.json, not meta.json."""
    return {
        "categories": [[c.slug, c.name] for c in categories],
        "provinces": [[p.slug, p.name] for p in provinces],
        "years": sorted(years),
        "aliases": {name: list(spellings) for name, spellings in (aliases or {}).items()},
    }


@dataclass(frozen=True)
class Job:
    """What the index builder needs of one article, without its body (read from ``path``)."""

    path: str
    doc: SearchDoc


def build_from_jobs(jobs: list[Job], meta: dict, read_body) -> dict[str, bytes]:
    """Read each job's body with ``read_body(path)``, then build the index."""
    docs = [
        SearchDoc(**{**job.doc.__dict__, "body": plain_text(read_body(job.path))}) for job in jobs
    ]
    return build_index(docs, meta)
