"""A Markdown extension for the photos inside article bodies.

* Each ``<img>`` whose file the photo pipeline processed gets the processed files: ``src``,
  ``srcset``, ``sizes``, ``width`` and ``height`` (so the page does not jump while loading),
  ``loading="lazy"`` and ``decoding="async"``. It runs after MkDocs has made every ``src``
  relative to the page (its "relpath" treeprocessor, priority 0), so it reads the final address.
* A figure with no picture in it (the seed articles' photos were lost; a pasted caption without
  its photo) is never an empty frame: its caption stays, as a caption line.

The plugin sets ``page_url`` and ``lookup`` before each page is rendered (one at a time).
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from .pages import root_prefix
from .present import Img

_MEDIA = ("img", "picture", "iframe", "video", "svg", "object")


class _Photos(Treeprocessor):
    def __init__(self, md: Markdown, extension: PhotoExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        if ext.lookup is not None:
            base = root_prefix(ext.page_url)
            folder = ext.page_url if ext.page_url.endswith("/") else posixpath.dirname(ext.page_url)
            for img in root.iter("img"):
                path = _site_path(img.get("src") or "", folder)
                found = ext.lookup(path, base, img.get("alt") or "") if path else None
                if found is not None:
                    _apply(img, found)
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "figure" and not _media(child, self.md):
                    parent.remove(child)
                    caption = child.find("figcaption")
                    if caption is not None and "".join(caption.itertext()).strip():
                        caption.tag = "div"
                        caption.set("class", "kc-caption-only")
                        parent.insert(index, caption)


_RAW_MEDIA = re.compile(r"<\s*(?:" + "|".join(_MEDIA) + r")\b", re.I)


def _media(node: etree.Element, md: Markdown) -> bool:
    """A picture or a video in the figure, also as raw HTML (which Markdown keeps aside as a
    placeholder until the end: its text is looked up in the stash)."""
    if any(e.tag in _MEDIA for e in node.iter()):
        return True
    stash = md.htmlStash.rawHtmlBlocks
    for text in node.itertext():
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            index = int(m.group(1))
            raw = stash[index] if 0 <= index < len(stash) else ""
            if _RAW_MEDIA.search(str(raw)):
                return True
    return False


def _site_path(src: str, folder: str) -> str | None:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or src.startswith("data:"):
        return None
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return None if path.startswith("..") else path


def _apply(img: etree.Element, found: Img) -> None:
    img.set("src", found.src)
    if found.srcset:
        img.set("srcset", found.srcset)
        img.set("sizes", found.sizes)
    if found.width:
        img.set("width", str(found.width))
        img.set("height", str(found.height))
    img.set("loading", "lazy")
    img.set("decoding", "async")


class PhotoExtension(Extension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.page_url = ""
        # (site path of a source, path to the site root, alt) -> the processed photo, or None.
        self.lookup: Callable[[str, str, str], Img | None] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After MkDocs' relpath treeprocessor (priority 0): src is the final, relative address.
        md.treeprocessors.register(_Photos(md, self), "kc_photos", -5)


_IMG_TAG = re.compile(r"""<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTR = re.compile(r"""([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def rewrite_raw_images(
    html: str, page_url: str, src_uri: str, lookup: Callable[[str, str, str], Img | None]
) -> str:
    """The same for ``<img>`` written as raw HTML in a body (Markdown keeps it aside, so the
    treeprocessor never sees it, and MkDocs leaves its ``src`` as staff wrote it: relative to
    the Markdown file ``src_uri``). ``html`` is the sanitiser's output: html5ever's canonical
    serialisation, attributes double-quoted and escaped."""
    base = root_prefix(page_url)
    folder = posixpath.dirname(src_uri)

    def one(m: re.Match[str]) -> str:
        attrs = {a[0].lower(): html_lib.unescape(a[1] or a[2] or a[3]) for a in _ATTR.findall(m[1])}
        if "srcset" in attrs:
            return m[0]
        path = _site_path(attrs.get("src", ""), folder)
        found = lookup(path, base, attrs.get("alt", "")) if path else None
        if found is None:
            return m[0]
        attrs.update(src=found.src, loading="lazy", decoding="async")
        if found.srcset:
            attrs.update(srcset=found.srcset, sizes=found.sizes)
        if found.width:
            attrs.update(width=str(found.width), height=str(found.height))
        return "<img " + " ".join(f'{k}="{html_lib.escape(v)}"' for k, v in attrs.items()) + ">"

    return _IMG_TAG.sub(one, html) if "<img" in html else html
