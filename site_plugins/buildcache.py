"""What builds reuse: each page's final HTML, keyed by a fingerprint of everything the page
shows, kept between `mkdocs build` runs (``.cache/khuyencong/pages``) and between `mkdocs
serve` rebuilds (in memory as well). No MkDocs imports.

A page is reused only when its fingerprint is the same, and a fingerprint covers everything
the page depends on (``fingerprint``): the *salt* (this code, the templates and theme
overrides, mkdocs.yml, the vocabularies, the versions of Python and every library that
renders), the site-wide state (site_url, the agency, the serve box), and the page's own
data — an article's file bytes, its photos, the addresses its links lead to, the related and
neighbouring articles it lists; a list's articles, etc. So a reused page is byte for byte what
a clean build writes (tests/test_incremental.py checks it after random edits).

Entries are files ``<root>/<salt>/<key[:2]>/<key>``: a JSON header line (format, key, size and
CRC-32 of the page, what rendering it logged and used) and the page's HTML. A stale salt is
another folder (only the few most recently used are kept); a corrupt, truncated or foreign
entry fails its check and is ignored, never trusted; writes are atomic. Deleting the folder is
always safe; ``KHUYENCONG_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 2
_VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "MarkupSafe",
    "nh3",
    "Pillow",
    "Babel",
    "PyYAML",
    "feedgen",
)


def cache_enabled() -> bool:
    return os.environ.get("KHUYENCONG_CACHE", "1").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def tree_digest(paths: Iterable[str | os.PathLike]) -> str:
    """sha256 of every file under the given files or folders (names and bytes, sorted)."""
    h = hashlib.sha256()
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" in p.parts:
                continue
            h.update(p.as_posix().encode("utf-8", "surrogateescape") + b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def salt(*parts: object) -> str:
    """The part of every key that changes when code, templates or configuration change."""
    versions = []
    for name in _VERSIONED:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, ""))
    return digest((FORMAT, sys.version, tuple(versions), *parts))[:24]


def digest(value: object) -> str:
    """A stable sha256 of a value made of primitives (str, int, float, bool, None), tuples and
    lists of them: their ``repr`` is the same in every run and process (no sets, no dicts with
    an order that could vary, no objects whose repr holds an address)."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Entry:
    """One page as a build wrote it, and what the build learnt while rendering it."""

    html: str
    used: list[str] = field(default_factory=list)  # local files the page links to or embeds
    logs: list[tuple[int, str, str]] = field(default_factory=list)  # (level, logger, message)
    anchors: list[str] | None = None  # the page's anchor ids (MkDocs' present_anchor_ids)
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # to src_uri: anchor: link
    warnings: list[list] = field(default_factory=list)  # told to staff: Problem fields


class PageCache:
    """Entries by key, on disk under ``root`` (None: in memory only, for tests). Pages are
    not kept in memory when there is a folder: a big site's pages would take a gigabyte.
    ``hits``/``misses`` count lookups."""

    def __init__(self, root: str | os.PathLike | None, salt: str) -> None:
        self.salt = salt
        self.root = Path(root) / salt if root is not None else None
        self.memory: dict[str, Entry] = {}
        self.hits = self.misses = 0
        if self.root is not None:
            _drop_other_salts(self.root)

    def get(self, key: str, *, html: bool = True) -> Entry | None:
        """The entry of ``key`` (checked whole), with its HTML or (``html=False``) without,
        so that a big site's reused pages are not all held in memory: ``html()`` reads it
        when the page is written."""
        entry = self.memory.get(key) if self.root is None else self._read(key, html)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.root is None:
            self.memory[key] = entry
            return
        body = entry.html.encode("utf-8", "surrogatepass")
        header = json.dumps(
            {
                "format": FORMAT,
                "key": key,
                "size": len(body),
                "crc32": zlib.crc32(body),
                "page": [entry.used, entry.logs, entry.anchors, entry.links, entry.warnings],
            },
            ensure_ascii=True,
            separators=(",", ":"),
        ).encode("ascii")
        path = self.root / key[:2] / key
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(tmp, path)
        except OSError:
            pass  # a full or read-only disk: the build goes on without this entry

    def keep_only(self, keys: set[str]) -> None:
        """Forget memory entries no page of the last build used."""
        for key in list(self.memory):
            if key not in keys:
                del self.memory[key]

    def html(self, key: str) -> str | None:
        entry = self.get(key)
        return None if entry is None else entry.html

    def _read(self, key: str, html: bool = True) -> Entry | None:
        if self.root is None:
            return None
        try:
            data = (self.root / key[:2] / key).read_bytes()
            head, _, body = data.partition(b"\n")
            meta = json.loads(head)
            if (
                meta.get("format") != FORMAT
                or meta.get("key") != key
                or meta.get("size") != len(body)
                or meta.get("crc32") != zlib.crc32(body)
            ):
                return None
            used, logs, anchors, links, warnings = meta["page"]
            return Entry(
                body.decode("utf-8", "surrogatepass") if html else "",
                list(used),
                [(int(a), str(b), str(c)) for a, b, c in logs],
                None if anchors is None else list(anchors),
                {str(k): dict(v) for k, v in links.items()},
                [list(w) for w in warnings],
            )
        except (OSError, ValueError, TypeError, KeyError, UnicodeDecodeError):
            return None  # missing, truncated, corrupt or foreign: rendered again


KEEP_SALTS = 4  # e.g. `mkdocs build` and `mkdocs serve` (another site_url) side by side


def _drop_other_salts(folder: Path) -> None:
    """Entries of older code, templates or configuration are not used again: only the most
    recently used few salt folders are kept (a build and a preview have different site_url)."""
    parent = folder.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # this salt was used now
        salts = [p for p in parent.iterdir() if p.is_dir() and len(p.name) == 24]
    except OSError:
        return
    salts.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for other in salts[KEEP_SALTS:]:
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
