"""The article body: paragraphs, lists, photos and captions, written as Markdown in the form
of content/ (each photo a ``figure.kc-photo`` block, each caption a ``caption`` block)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..text import slugify
from .blocks import Block, Photo, ends_sentence, starts_lower, words

CAPTION_WORDS = 35  # longer lines without a full stop are paragraphs, not captions
_ORDERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^[-+•●▪*–]\s+(\S.*)$")


def split_lists(blocks: list[Block]) -> None:
    """Numbered and bulleted lines of plain paragraphs become list items."""
    for b in blocks:
        if b.kind != "p":
            continue
        if m := _ORDERED.match(b.text):
            b.kind, b.number, b.text = "ol", int(m[1]), m[2]
        elif m := _BULLET.match(b.text):
            b.kind, b.text = "ul", m[1]


def caption_like(b: Block, structured: bool) -> bool:
    """A photo caption: known from the markup, or a short line that is not a sentence (in HTML
    only right under a photo or in italics)."""
    if b.kind == "caption":
        return True
    if b.kind != "p" or ends_sentence(b.text) or words(b.text) > CAPTION_WORDS:
        return False
    return (b.after_image or b.italic) if structured else True


@dataclass
class Item:
    kind: str  # p, heading, ol, ul, caption, photo, table
    lines: list[str]  # a caption may have several lines (joined with <br>); a table's rows
    number: int | None = None
    photo: int | None = None  # index of the article's photo (kind "photo")
    rows: list[list[str]] | None = None  # a table's cells
    header_row: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def body_items(blocks: list[Block], structured: bool, photos: list[Photo]) -> list[Item]:
    """The body's paragraphs, list items, photos and captions. A caption right after a photo
    is that photo's; a caption split over two lines (the second starting lower-case) is one
    caption, a paragraph split that way one paragraph. ``photos`` receives the photos in
    order; items refer to them by position."""
    items: list[Item] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if b.kind == "img":
            photos.append(b.photo)
            items.append(Item("photo", [], photo=len(photos) - 1))
            continue
        if b.kind in ("ol", "ul"):
            items.append(Item(b.kind, [b.text], b.number))
            continue
        if b.kind == "heading":  # a section heading inside the article
            items.append(Item("heading", [b.text]))
            continue
        if b.kind == "table":
            rows = b.rows or []
            lines = [" | ".join(r) for r in rows]
            items.append(Item("table", lines, rows=rows, header_row=b.header_row))
            continue
        if not caption_like(b, structured):
            items.append(Item("p", [b.text]))
            continue
        item = Item("caption", [b.text])
        while i < len(blocks):
            nxt = blocks[i]
            if nxt.continued:
                item.lines.append(nxt.text)
            elif (
                b.kind == "caption"
                or nxt.kind != "p"
                or not starts_lower(nxt.text)
                or words(nxt.text) > CAPTION_WORDS * 2
            ):
                break
            elif ends_sentence(nxt.text):
                item = Item("p", [" ".join(item.lines + [nxt.text])])  # "… của" / "tỉnh …."
                i += 1
                break
            else:
                item.lines.append(nxt.text)
            i += 1
        if item.kind == "caption" and items and items[-1].kind == "photo" and not items[-1].lines:
            items[-1].lines = item.lines  # the caption of the photo just above
        else:
            items.append(item)
    return items


_MD_CHARS = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|=+\s*$)")
_MD_NUMBER_START = re.compile(r"^(\d+)([.)])(\s|$)")


def md(text: str, line_start: bool = True) -> str:
    """Plain text as Markdown that shows the same text (``line_start``: the text starts a
    line, where "# ", "- ", "1. " … would be Markdown)."""
    text = _MD_CHARS.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    if not line_start:
        return text
    text = _MD_NUMBER_START.sub(r"\1\\\2\3", text)
    if text.startswith("///"):
        text = "&#47;" + text[1:]  # not a pymdownx block fence
    elif _MD_LINE_START.match(text):
        text = "\\" + text
    return text


def _table(item: Item) -> str:
    """A data table as HTML in the Markdown (the site's Markdown has no table syntax); every
    cell's text escaped."""
    lines = ['<table class="kc-table">']
    for n, row in enumerate(item.rows or []):
        cell = "th" if n == 0 and item.header_row else "td"
        cells = "".join(f"<{cell}>{html.escape(c, quote=False)}</{cell}>" for c in row)
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _alt(photo: Photo, caption: str) -> str:
    """The photo's own description, when it is one (not its file name, not the caption)."""
    alt = photo.alt
    stem = photo.src.split("?")[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if not alt or words(alt) < 2 or slugify(alt) in (slugify(stem), slugify(caption)):
        return ""
    return alt


def markdown(items: list[Item], photos: list[Photo], paths: dict[int, str]) -> str:
    """The body in the form of content/. ``paths`` gives the Markdown path of each photo that
    was copied beside the article; the others (only online) leave their caption in an empty
    ``figure.kc-photo`` block, as content/ keeps captions of lost photos."""
    parts: list[str] = []
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind in ("ol", "ul"):
            lines = []
            n = 0
            while i < len(items) and items[i].kind == item.kind:
                if item.kind == "ol":
                    n = items[i].number if items[i].number is not None else n + 1
                    marker = f"{n}."
                else:
                    marker = "-"
                lines.append(f"{marker} {md(items[i].text)}")
                i += 1
            parts.append("\n".join(lines))
            continue
        i += 1
        if item.kind == "p":
            parts.append(md(item.text))
            continue
        if item.kind == "heading":
            parts.append("## " + md(item.text, line_start=False))
            continue
        if item.kind == "table":
            parts.append(_table(item))
            continue
        path = paths.get(item.photo) if item.kind == "photo" else None
        if path is None and not item.lines:
            continue  # a photo only online, with no caption: listed in the review note
        image = ""
        if path is not None:
            alt = _MD_CHARS.sub(r"\\\1", _alt(photos[item.photo], item.text))
            image = f"![{alt}]({path})\n"
        parts.append(f"/// html | figure.kc-photo\n{image}///")
        if item.lines:
            parts.append("/// caption\n" + "<br>\n".join(map(md, item.lines)) + "\n///")
    return "\n\n".join(parts) + ("\n" if parts else "")
