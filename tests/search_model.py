"""The search index read back, and its query semantics, written from SEARCH_FORMAT.md alone:
an independent reader (not site_plugins.search's writer, not kc-search.js) used by the index
tests and to check the browser's results.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from site_plugins.search import fnv1a32, folded, precise

TOKEN = re.compile(r"[^\W_]+")


def varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def read_shard(data: bytes) -> dict[str, dict]:
    """key -> {"variants": [...], "postings": {doc: (weight, {variants present})}}."""
    count, pos = varint(data, 0)
    keys = {}
    for _ in range(count):
        n, pos = varint(data, pos)
        key = data[pos : pos + n].decode("utf-8")
        pos += n
        nvar, pos = varint(data, pos)
        variants = []
        for _ in range(nvar):
            n, pos = varint(data, pos)
            variants.append(data[pos : pos + n].decode("utf-8"))
            pos += n
        npost, pos = varint(data, pos)
        postings, doc = {}, 0
        for _ in range(npost):
            delta, pos = varint(data, pos)
            weight, pos = varint(data, pos)
            doc += delta
            mask = 0
            if nvar:
                mask, pos = varint(data, pos)
            postings[doc] = (weight, {v for i, v in enumerate(variants) if mask >> i & 1})
        keys[key] = {"variants": variants, "postings": postings}
    assert pos == len(data)
    return keys


def read_docs(data: bytes) -> list[tuple[int, int, list[int]]]:
    """(day, category, provinces) per document."""
    count, pos = varint(data, 0)
    rows = []
    for _ in range(count):
        zigzag, pos = varint(data, pos)
        day = -(zigzag + 1) // 2 if zigzag % 2 else zigzag // 2
        category, pos = varint(data, pos)
        n, pos = varint(data, pos)
        provinces = []
        for _ in range(n):
            p, pos = varint(data, pos)
            provinces.append(p)
        rows.append((day, category, provinces))
    assert pos == len(data)
    return rows


class Index:
    """The files of an index: a dict of path -> bytes (as build_index returns) or a site dir."""

    def __init__(self, files: dict[str, bytes] | Path) -> None:
        self.files = files
        self.meta = json.loads(self.read("search/meta.json"))
        self.docs = read_docs(self.read("search/docs.bin"))
        self._shards: dict[int, dict] = {}

    def read(self, rel: str) -> bytes:
        if isinstance(self.files, dict):
            return self.files[rel]
        return (Path(self.files) / rel).read_bytes()

    def json(self, rel: str):
        return json.loads(self.read(rel))

    def lookup(self, key: str) -> dict | None:
        n = fnv1a32(key.encode("utf-8")) % self.meta["shards"]
        if n not in self._shards:
            self._shards[n] = read_shard(self.read(f"search/s/{n}.bin"))
        return self._shards[n].get(key)


@dataclass
class Result:
    phrase: list[int]
    others: list[int]
    missing: list[str]


def query_tokens(q: str) -> list[str]:
    """At most 8 tokens of the NFC text (Ð/ð read as Đ/đ)."""
    q = unicodedata.normalize("NFC", q.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111"))
    return TOKEN.findall(q)[:8]


def search(
    index: Index,
    q: str,
    *,
    category: int = -1,
    province: int = -1,
    year: int = 0,
    by_date: bool = False,
) -> Result:
    """§4 of SEARCH_FORMAT.md, for a query as submitted (no completion)."""
    toks = query_tokens(q)
    words: dict[str, str] = {}  # key -> precise form of its first token
    for t in toks:
        words.setdefault(folded(t), precise(t))
    pairs_wanted = list(
        dict.fromkeys(f"{folded(a)} {folded(b)}" for a, b in zip(toks, toks[1:], strict=False))
    )
    accented = any(folded(t) != t.lower() for t in toks)
    if not words:
        return Result([], [], [])
    entries = {k: index.lookup(k) for k in words}
    missing = [k for k, e in entries.items() if e is None]
    if missing:
        return Result([], [], missing)
    n = len(index.docs)
    candidates = set.intersection(*(set(e["postings"]) for e in entries.values()))
    score = dict.fromkeys(candidates, 0.0)
    exact = dict.fromkeys(candidates, 0)
    pairs = dict.fromkeys(candidates, 0)
    for key, form in words.items():
        entry = entries[key]
        idf = math.log(1 + index.meta["docs"] / len(entry["postings"]))
        for doc in candidates:
            weight, present = entry["postings"][doc]
            score[doc] += weight * idf
            if accented and form in present:
                exact[doc] += 1
    for b in pairs_wanted:
        entry = index.lookup(b)
        if entry is None:
            continue
        for doc in candidates:
            if doc in entry["postings"]:
                pairs[doc] += 1
                score[doc] += entry["postings"][doc][0]

    def keep(doc: int) -> bool:
        day, cat, provs = index.docs[doc]
        if category >= 0 and cat != category:
            return False
        if province >= 0 and province not in provs:
            return False
        return not (year and (date(1970, 1, 1) + timedelta(days=day)).year != year)

    kept = [d for d in candidates if d < n and keep(d)]
    day = {d: index.docs[d][0] for d in kept}
    if by_date:
        kept.sort(key=lambda d: (-day[d], d))
    else:
        kept.sort(key=lambda d: (-exact[d], -pairs[d], -score[d], -day[d], d))
    phrase = [d for d in kept if pairs[d] == len(pairs_wanted)]
    others = [d for d in kept if pairs[d] != len(pairs_wanted)]
    return Result(phrase, others, missing)
