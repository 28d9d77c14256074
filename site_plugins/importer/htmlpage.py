"""Reading a saved HTML page into a ``Page``: its lines of text in reading order with what
the markup says about each (heading, caption, lead, byline, italic …), its photos, and what
the page says about itself (titles, site name, dates, address).

The page is parsed as a stream (``html.parser`` fed chunk by chunk, events handled as they
come), so memory holds the text kept, not the page: navigation, sidebars, scripts and
styles are skipped as they are read.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .blocks import Block, Page, Photo
from .dating import iso_date
from .reading import ImportFailure, clean_inline, squash

MAX_TEXT_CHARS = 3_000_000  # text kept from one page; an article has a few thousand
MAX_EMBEDDED_BYTES = 60 << 20  # photos embedded in the page (data: URIs), all together

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "keygen"}  # fmt: skip
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_CLOSES_P = _BLOCK_TAGS - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "body",
                           "html", "li", "dd", "dt"}  # fmt: skip
# Never article text. (<form> is not here: ASP.NET portals put the whole page in one form;
# <header>/<footer> are skipped only outside the article.)
_SKIP_TAGS = {"script", "style", "noscript", "nav", "aside", "iframe", "button", "select",
              "svg", "template", "object", "embed", "canvas", "head", "title", "textarea",
              "map", "audio", "video", "option", "label"}  # fmt: skip
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "menubar", "toolbar"}  # fmt: skip
_CHROME_CLASS = {
    "nav", "navbar", "navigation", "menu", "mainmenu", "topmenu", "submenu", "breadcrumb",
    "breadcrumbs", "share", "sharing", "social", "socials", "sidebar", "related", "relate",
    "other", "others", "khac", "tinkhac", "cactinkhac", "quangcao", "qc", "ads", "ad", "advert",
    "adv", "advertisement", "banner", "comment", "comments", "binhluan", "toolbar",
    "pagination", "pager", "pagenav", "search", "logo", "footer", "copyright", "tags", "tag",
    "keywords", "hotnews", "mostview", "xemnhieu", "tinmoi", "tinlienquan", "login", "widget",
    "header", "topbar", "masthead", "duongdan", "lienket", "thongke", "luotxem", "solanxem",
    "print", "tools", "tool", "rating", "vote", "skiplink", "screenreadertext", "dropdownmenu",
}  # fmt: skip
# Parts of class names that mark chrome wherever they appear ("sharedaddy", "menutrai").
_CHROME_SUBSTRINGS = ("share", "social", "addthis", "a2a", "breadcrumb", "sidebar", "widget",
                      "quangcao", "advert", "comment", "tinlienquan", "tinkhac", "menu",
                      "thongke", "lienket", "navbar", "pagenav", "banner")  # fmt: skip
_CONTENT_CLASS = {"article", "news", "post", "entry", "detail", "content", "body", "story",
                  "itempage", "newsdetail", "chitiet", "noidung", "baiviet"}  # fmt: skip
_CAPTION_CLASS = {"caption", "chuthich", "figcaption", "imgdesc", "imagedesc", "photodesc",
                  "imagecaption", "imgcaption", "photocaption", "desc", "image_desc",
                  "wpcaptiontext", "wpelementcaption"}  # fmt: skip
_LEAD_CLASS = {"sapo", "lead", "summary", "description", "intro", "chapeau", "tomtat", "excerpt",
               "teaser", "abstract", "subtitle", "sapodetail", "saponews"}  # fmt: skip
_BYLINE_CLASS = {"author", "tacgia", "byline", "writer", "signature", "nguoiviet", "createdby"}
_DATE_CLASS = {"date", "time", "ngay", "publish", "published", "posted", "datetime", "pubdate",
               "postdate", "ngaydang", "thoigian", "postedon", "datenews"}  # fmt: skip
# Class names of a headline contain one of these ("news-title", "tieu-de-tin", "tde").
_TITLE_WORDS = ("title", "tieude", "headline", "contentheading", "tenbai")
# ... unless they also contain one of these: the title of a box, a widget or the site.
_NOT_TITLE_WORDS = ("box", "widget", "site", "nhom", "cat", "nho", "small", "sd", "menu",
                    "block", "module", "footer", "header", "logo")  # fmt: skip


def _title_class(parts: set[str]) -> bool:
    return any(
        (any(w in part for w in _TITLE_WORDS) or part == "tde")
        and not any(w in part for w in _NOT_TITLE_WORDS)
        for part in parts
    ) and not any(any(w in part for w in _NOT_TITLE_WORDS) for part in parts)


# Identity of the site (its name, masthead, footer): kept aside for province and source.
_IDENTITY_CLASS = {"header", "masthead", "banner", "logo", "footer", "copyright", "sitename",
                   "tendonvi", "brand", "sitetitle", "top"}  # fmt: skip
_IMAGE_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-lazyload", "data-url",
                    "src")  # fmt: skip
_NOT_PHOTO = re.compile(
    r"(?:^|[/_.-])(?:icons?|spacer|blank|pixel|counter|logo|banner|btn|button|share|facebook"
    r"|zalo|twitter|print|rss|email|arrow|bullet|loading|placeholder|emoji|avatar)(?:[/_.-]|$)",
    re.I,
)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)\s*(\S+)", re.I)


def class_parts(attrs: dict) -> set[str]:
    text = " ".join(attrs.get(a) or "" for a in ("class", "id", "itemprop")).lower()
    parts = set()
    for token in text.split():
        parts.add(token.replace("-", "").replace("_", ""))
        parts.update(p for p in re.split(r"[-_]+", token) if p)
    return parts


def _chrome(parts: set[str]) -> set[str]:
    found = parts & _CHROME_CLASS
    for part in parts:
        if any(s in part for s in _CHROME_SUBSTRINGS):
            found.add(part)
    return found


@dataclass
class _Frame:
    tag: str
    attrs: dict
    parts: set[str]
    content: bool  # this element or one around it holds the article
    identity: bool  # a skipped masthead, site name or footer


@dataclass
class _Table:
    """A <table> being read: a data table (rows of short cells) or a layout table."""

    depth: int  # len(frames) with the <table> open
    start: int  # first block of the table
    rows: list[list[str]]
    header: list[bool]  # each row made of <th> only
    layout: bool = False  # nested tables, photos, headings or paragraphs in cells
    cell_start: int = 0


@dataclass
class _Piece:
    text: str
    link: bool
    italic: bool
    bold: bool


class _Reader(HTMLParser):
    """html.parser with the implied end tags of HTML (p, li, td …) made explicit, turning
    the events into blocks as they come."""

    def __init__(self, source: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.open: list[str] = []  # tags open, for the implied end tags
        self.frames: list[_Frame] = []
        self.skipping = 0  # depth of the outermost skipped element, 0 if none
        self.identity_depth = 0
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.html_title = ""
        self.identity: list[str] = []
        self.address = ""  # "saved from url" comment
        self.base = ""
        self.links_rel: dict[str, str] = {}
        self.kept = 0  # characters of text kept
        self.embedded = 0  # bytes of embedded photos kept
        self._title: list[str] | None = None
        self._identity_text: list[str] = []
        self._lines: list[list[_Piece]] = [[]]
        self._links: list[tuple[str, str]] = []
        self._anchors: list[tuple[int, int, str]] = []  # open <a>: line, piece, href
        self._image = False
        self._datetime = ""
        self._tables: list[_Table] = []

    # -- implied end tags ---------------------------------------------------------------------
    def _pop_to(self, index: int) -> None:
        while len(self.open) > index:
            self._end(self.open.pop())

    def _nearest(self, tags: tuple[str, ...], stop: tuple[str, ...] = ()) -> int | None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i] in tags:
                return i
            if self.open[i] in stop:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag in _VOID:
            self._void(tag, attrs)
            return
        implied = (  # (closed by this tag, ... unless one of these is nearer)
            (("p",), ("table", "td", "th", "li")) if tag in _CLOSES_P else None,
            (("li",), ("ol", "ul")) if tag == "li" else None,
            (("td", "th"), ("tr", "table")) if tag in ("td", "th") else None,
            (("tr",), ("table",)) if tag == "tr" else None,
            (("dd", "dt"), ("dl",)) if tag in ("dd", "dt") else None,
        )
        for rule in implied:
            if rule is not None and (i := self._nearest(*rule)) is not None:
                self._pop_to(i)
        if len(self.open) > 400:  # broken pages: keep nesting bounded
            self._pop_to(len(self.open) - 1)
        self.open.append(tag)
        self._start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is a line break for browsers too
            self._void("br", {})
        elif tag not in _VOID and (i := self._nearest((tag,))) is not None:
            self._pop_to(i)

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        if self.skipping:
            if self.identity_depth and len(self.identity) < 40:
                self._identity_text.append(data)
            return
        frames = self.frames
        in_link = any(f.tag == "a" for f in frames)
        italic = any(f.tag in ("em", "i") for f in frames)
        bold = any(f.tag in ("b", "strong") for f in frames)
        self._lines[-1].append(_Piece(data, in_link, italic, bold))
        self.kept += len(data)
        if self.kept > MAX_TEXT_CHARS:
            raise ImportFailure(
                self.source,
                f"trang có hơn {MAX_TEXT_CHARS:,} ký tự chữ (ngoài trình đơn và mã trang): "
                "không phải một bài viết. Hãy lưu riêng trang của từng bài.".replace(",", "."),
            )

    def handle_comment(self, data):
        if not self.address and (m := _SAVED_FROM.search(data)):
            self.address = m[1]

    def close(self):
        super().close()
        self._pop_to(0)
        self._flush()

    # -- elements -----------------------------------------------------------------------------
    def _in_content(self) -> bool:
        return bool(self.frames) and self.frames[-1].content

    def _skipped(self, tag: str, attrs: dict, parts: set[str], content: bool) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if tag in ("header", "footer") and not content:
            return True
        if (attrs.get("role") or "").lower() in _SKIP_ROLES:
            return True
        if (attrs.get("aria-hidden") or "").lower() == "true" or "hidden" in attrs:
            return True
        if re.search(r"display\s*:\s*none", attrs.get("style") or "", re.I):
            return True
        chrome = _chrome(parts)
        if (
            not chrome
            or parts & (_LEAD_CLASS | _BYLINE_CLASS | _CAPTION_CLASS)
            or (_title_class(parts))
        ):
            return False
        # "entry-header", "page-header" hold the headline inside the article; the site's
        # header and footer do not.
        if chrome <= {"footer", "header", "tags", "tag", "top"}:
            return not content
        return True

    def _start(self, tag: str, attrs: dict) -> None:
        parts = class_parts(attrs)
        around = self._in_content()
        content = around or (
            tag in ("article", "main")
            or (tag not in ("body", "html") and bool(parts & _CONTENT_CLASS))
        )
        skip = not self.skipping and self._skipped(tag, attrs, parts, around)
        identity = skip and (
            tag in ("header", "footer")
            or bool(parts & _IDENTITY_CLASS)
            or (attrs.get("role") or "").lower() in ("banner", "contentinfo")
        )
        if tag == "title" and not self.html_title:
            self._title = []
        elif tag == "time" and not self.skipping and attrs.get("datetime"):
            if not self._datetime and not parts & {"updated", "modified"}:
                self._datetime = attrs["datetime"]
        elif tag == "a" and not self.skipping:
            self._anchors.append(
                (len(self._lines) - 1, len(self._lines[-1]), attrs.get("href", ""))
            )
        if not self.skipping and tag in _BLOCK_TAGS:
            self._flush()
        self.frames.append(_Frame(tag, attrs, parts, content, identity))
        if not self.skipping and not skip:
            self._table_start(tag)
        if skip:
            self.skipping = len(self.frames)
            if identity:
                self.identity_depth = len(self.frames)

    def _end(self, tag: str) -> None:
        if not self.skipping and tag in _BLOCK_TAGS:
            self._flush()
        if not self.skipping:
            self._table_end(tag)
        if tag == "a" and not self.skipping and self._anchors:
            line, piece, href = self._anchors.pop()
            if line == len(self._lines) - 1:
                text = squash("".join(p.text for p in self._lines[-1][piece:]))
                if text:
                    self._links.append((text, href))
        self.frames.pop()
        if self.identity_depth and len(self.frames) < self.identity_depth:
            self.identity_depth = 0
            self._add_identity()
        if self.skipping and len(self.frames) < self.skipping:
            self.skipping = 0
        if tag == "title" and self._title is not None:
            self.html_title = clean_inline("".join(self._title))
            self._title = None

    # -- tables -------------------------------------------------------------------------------
    def _table_start(self, tag: str) -> None:
        tables = self._tables
        if tag == "table":
            if tables:
                tables[-1].layout = True  # a table in a table: the outer one is layout
            tables.append(_Table(len(self.frames), len(self.blocks), [], []))
        elif tables and tag == "tr":
            tables[-1].rows.append([])
            tables[-1].header.append(True)
        elif tables and tag in ("td", "th"):
            table = tables[-1]
            if not table.rows:
                table.rows.append([])
                table.header.append(True)
            table.cell_start = len(self.blocks)

    def _table_end(self, tag: str) -> None:
        tables = self._tables
        if not tables:
            return
        table = tables[-1]
        if tag in ("td", "th") and table.rows:
            cell = self.blocks[table.cell_start :]
            text = " ".join(b.text for b in cell)
            if (
                len(cell) > 3
                or len(text.split()) > 40
                or any(b.kind in ("img", "heading", "table") for b in cell)
            ):
                table.layout = True
            table.rows[-1].append(text)
            if tag == "td":
                table.header[-1] = False
        elif tag == "table" and table.depth == len(self.frames):
            tables.pop()
            rows = [r for r in table.rows if any(c for c in r)]
            header = [h for r, h in zip(table.rows, table.header, strict=True) if any(c for c in r)]
            if not table.layout and len(rows) >= 2 and sum(len(r) >= 2 for r in rows) >= 2:
                self.blocks[table.start :] = [
                    Block(
                        " | ".join(" | ".join(r) for r in rows),
                        kind="table",
                        rows=rows,
                        header_row=header[0],
                    )
                ]

    def _add_identity(self) -> None:
        text = clean_inline(" ".join(self._identity_text))[:300]
        self._identity_text = []
        if text and len(self.identity) < 40:
            self.identity.append(text)

    def _void(self, tag: str, attrs: dict) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, clean_inline(attrs["content"]))
        elif tag == "base" and attrs.get("href") and not self.base:
            self.base = attrs["href"].strip()
        elif tag == "link" and attrs.get("href"):
            for rel in (attrs.get("rel") or "").lower().split():
                self.links_rel.setdefault(rel, attrs["href"].strip())
        elif self.skipping:
            if tag == "br" and self.identity_depth:
                self._identity_text.append(" ")
            return
        elif tag == "br":
            self._lines.append([])
        elif tag == "img":
            photo = self._photo(attrs)
            if photo is not None:
                self._flush()
                self.blocks.append(Block("", kind="img", photo=photo))
                self._image = True

    def _photo(self, attrs: dict) -> Photo | None:
        """The photo an <img> shows, or None for icons, spacers and the like."""
        for size in ("width", "height"):
            value = re.match(r"\s*(\d+)", attrs.get(size) or "")
            if value and int(value[1]) < 40:
                return None
        if _NOT_PHOTO.search(" ".join(class_parts(attrs))):
            return None
        candidates = [attrs.get(a, "").strip() for a in _IMAGE_SRC_ATTRS]
        if srcset := (attrs.get("data-srcset") or attrs.get("srcset") or "").strip():
            candidates.append(srcset.split(",")[0].split()[0])
        src = ""
        for candidate in candidates:
            if not candidate or _placeholder(candidate):
                continue
            src = candidate
            break
        if not src:
            return None
        path = src.split("?")[0].split("#")[0]
        if not src.startswith("data:") and _NOT_PHOTO.search(path.rsplit("/", 1)[-1]):
            return None
        alt = clean_inline(attrs.get("alt") or attrs.get("title") or "")
        photo = Photo(src=src, alt=alt)
        if src.startswith("data:"):
            data = _data_uri(src)
            if data is None or self.embedded + len(data) > MAX_EMBEDDED_BYTES:
                return None
            self.embedded += len(data)
            photo.data = data
            photo.src = "data:"  # the bytes are kept; the text of the URI is not
        return photo

    # -- blocks -------------------------------------------------------------------------------
    def _flush(self) -> None:
        lines, self._lines = self._lines, [[]]
        links, self._links = tuple(self._links), []
        stamp, self._datetime = self._datetime, ""
        texts = []
        for pieces in lines:
            text = clean_inline("".join(p.text for p in pieces))
            if not text:
                continue
            chars = sum(len(p.text.strip()) for p in pieces)
            linked = sum(len(p.text.strip()) for p in pieces if p.link)
            shown = [p for p in pieces if p.text.strip()]
            texts.append(
                (
                    text,
                    chars > 0 and linked / chars >= 0.8,
                    all(p.italic for p in shown),
                    all(p.bold for p in shown),
                )
            )
        if not texts:
            if stamp:  # a <time> with no text of its own
                self.blocks.append(Block("", kind="time", datetime=stamp))
            return
        kind, level, flags = self._kind()
        after_image, self._image = self._image, False
        for n, (text, link_only, italic, bold) in enumerate(texts):
            block = Block(text, kind, level=level, links=links, **flags)
            block.after_image = after_image and n == 0
            block.italic = italic
            block.bold = bold
            block.link_only = link_only
            block.continued = kind == "caption" and n > 0
            block.datetime = stamp if n == 0 else ""
            self.blocks.append(block)

    def _kind(self) -> tuple[str, int, dict]:
        flags = {"lead": False, "byline": False, "date_hint": False, "title_hint": False}
        kind, level = None, 0
        frames = self.frames
        for depth in range(len(frames) - 1, -1, -1):
            frame = frames[depth]
            parts = frame.parts
            flags["lead"] |= bool(parts & _LEAD_CLASS)
            flags["byline"] |= bool(parts & _BYLINE_CLASS)
            flags["date_hint"] |= bool(parts & _DATE_CLASS)
            flags["title_hint"] |= _title_class(parts) or (
                (frame.attrs.get("itemprop") or "").lower() == "headline"
            )
            if kind is not None:
                continue
            if frame.tag == "figcaption" or parts & _CAPTION_CLASS:
                kind = "caption"
            elif frame.tag == "li":
                lists = [f.tag for f in frames[:depth] if f.tag in ("ol", "ul")]
                kind = "ol" if lists and lists[-1] == "ol" else "ul"
            elif frame.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                kind, level = "heading", int(frame.tag[1])
        if flags["lead"] and kind == "heading":
            kind, level = "p", 0  # an <h2 class="sapo"> is the lead, not a heading
        return kind or "p", level, flags


def _placeholder(src: str) -> bool:
    """A lazy-loading stand-in: a tiny data: URI or a blank/loading image."""
    if src.startswith("data:"):
        return len(src) < 400
    name = src.split("?")[0].rsplit("/", 1)[-1].lower()
    return bool(re.match(r"^(?:blank|spacer|pixel|loading|lazy|placeholder|grey|gray)\b", name))


def _data_uri(src: str) -> bytes | None:
    m = re.match(r"^data:image/(?:jpeg|jpg|png|gif|webp);base64,", src[:64], re.I)
    if m is None:
        return None
    try:
        data = base64.b64decode(src[m.end() :], validate=False)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) >= 200 else None


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|:)\s+")


def read_page(chunks: Iterable[str], source: Path) -> Page:
    """The ``Page`` of a saved HTML page given as text chunks."""
    reader = _Reader(Path(source))
    try:
        for chunk in chunks:
            reader.feed(chunk)
        reader.close()
    except ImportFailure:
        raise
    except Exception as exc:  # html.parser is lenient: whatever it raises is a broken file
        raise ImportFailure(source, f"không đọc được mã HTML ({exc}).") from None
    meta = reader.meta
    if not any(b.kind != "time" for b in reader.blocks):
        raise ImportFailure(source, "trang HTML không có nội dung bài viết.")
    titles = [meta.get("og:title"), meta.get("twitter:title"), reader.html_title]
    site_names = [meta.get("og:site_name"), meta.get("application-name")] + reader.identity
    dates = []
    for key in ("article:published_time", "og:published_time", "pubdate", "date",
                "dc.date.issued", "publish-date"):  # fmt: skip
        if meta.get(key) and (d := iso_date(meta[key])) is not None:
            dates.append(d)
            break
    address = reader.links_rel.get("canonical") or meta.get("og:url") or reader.address
    base = (
        reader.base or reader.address or meta.get("og:url") or reader.links_rel.get("canonical", "")
    )
    sections = [meta["article:section"]] if meta.get("article:section") else []
    return Page(
        blocks=reader.blocks,
        structured=True,
        meta_titles=[t for t in titles if t],
        site_names=[s for s in site_names if s],
        dates=dates,
        address=address or "",
        base=base or "",
        sections=sections,
    )


def title_parts(title: str, site_names: list[str]) -> list[str]:
    """The parts of a <title>/og:title that may be the headline: without the site's name,
    split at " | ", " - ", " :: " …, longest first."""
    from .blocks import plain_key

    sites = {plain_key(s) for s in site_names if s}
    parts = [squash(p) for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    kept = sorted((p for p in parts if plain_key(p) not in sites), key=len, reverse=True)
    if len(parts) > 1:
        kept.append(squash(title))  # a headline may itself contain " - "
    return list(dict.fromkeys(kept))
