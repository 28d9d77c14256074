"""Sanitise an SVG file before it is published: keep the drawing, drop anything that runs, loads
or leaks.

``sanitise(data)`` parses with expat directly (standard library) and refuses any entity
declaration, internal or external, like ``defusedxml`` does: no "billion laughs", no file or
network reads through ``<!ENTITY x SYSTEM ...>``. The DOCTYPE, comments and processing
instructions (``<?xml-stylesheet?>`` could load a style sheet) are dropped.

What is kept is an allow-list:

* elements: SVG's drawing elements (shapes, text, gradients, filters, clip paths, masks,
  markers, ``use``, ``a``, ``title``/``desc``, ``style``, animation); anything else goes with its
  content: ``script``, ``foreignObject`` (HTML inside an SVG), ``metadata`` (RDF authors,
  editors' notes), ``handler``/``listener``, and every element outside the SVG namespace
  (Inkscape's and Illustrator's own);
* attributes: those in no namespace plus ``xml:*`` and ``xlink:*``, minus event handlers
  (``on*``, any case); ``href``/``xlink:href`` only when it points inside the file (``#id``),
  or for ``<image>``/``<feImage>`` to an embedded raster (``data:image/png|jpeg|gif|webp``);
* CSS (``style`` attributes and ``<style>``): ``@import`` removed, ``url(...)`` outside the file
  replaced by ``none``; a declaration (or a whole ``<style>``) using CSS escapes,
  ``image-set``, ``expression`` or ``javascript:`` is dropped;
* animation (``set``, ``animate``...) that targets ``href`` or an ``on*`` attribute is dropped.

The output is serialised by this module: deterministic, UTF-8, the SVG namespace declared on the
root (a root ``<svg>`` written without it is taken as SVG and gets it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

__all__ = ["SvgError", "CleanSvg", "sanitise", "SVG_NS", "XLINK_NS"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

MAX_ELEMENTS = 200_000

ALLOWED_ELEMENTS = frozenset(
    """
    svg g defs symbol use switch a view title desc style
    path rect circle ellipse line polyline polygon
    text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker image
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
    animate animateMotion animateTransform set mpath
    """.split()  # noqa: SIM905 (a word list reads better than 60 quoted strings)
)
ANIMATION_ELEMENTS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
RASTER_HREF_ELEMENTS = frozenset({"image", "feImage"})
_DATA_RASTER_RE = re.compile(r"data:image/(png|jpe?g|gif|webp)[;,]", re.I)
# Browsers ignore ASCII whitespace and control characters inside a URL scheme ("java\tscript:").
_URL_NOISE_RE = re.compile(r"[\x00-\x20]+")
_CSS_URL_RE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_CSS_IMPORT_RE = re.compile(r"@import\b[^;]*;?", re.I)
_CSS_FORBIDDEN_RE = re.compile(
    r"\\|image-set\s*\(|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.I
)
_LENGTH_RE = re.compile(r"^\s*\+?(\d*\.?\d+(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNIT_PX = {
    None: 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
}


class SvgError(ValueError):
    """An SVG that cannot be published. ``code``: ``svg-invalid`` (not well-formed XML),
    ``svg-entities`` (entity declarations), ``svg-not-svg`` (the root is not ``<svg>``),
    ``svg-too-complex``; ``detail`` says where (Vietnamese)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CleanSvg:
    data: bytes
    """The sanitised file, UTF-8."""
    width: int | None
    """Intrinsic size in CSS px from ``width``/``height``/``viewBox``; None if the file has none."""
    height: int | None
    removed: tuple[str, ...]
    """What was taken out, sorted and unique (``element:script``, ``attribute:onload``...)."""


class _Forbidden(Exception):
    pass


@dataclass
class _Node:
    tag: str
    attrs: list[tuple[str, str]]  # (qualified name as written out, value)
    children: list[_Node | str]


def _split(name: str) -> tuple[str | None, str]:
    ns, sep, local = name.rpartition(" ")
    return (ns if sep else None), local


def _clean_url(value: str) -> str:
    return _URL_NOISE_RE.sub("", value)


def _replace_outside_urls(css: str) -> str | None:
    """``url(...)`` pointing outside the file -> ``none``; None if a ``url(`` is left over that the
    pattern could not read (unbalanced quotes or parentheses)."""

    def url(m: re.Match[str]) -> str:
        return m.group(0) if _clean_url(m.group(2)).startswith("#") else "none"

    css = _CSS_URL_RE.sub(url, css)
    if "url(" in _CSS_URL_RE.sub("", css).lower():
        return None
    return css


def _clean_css(css: str) -> str | None:
    """A ``<style>`` sheet with imports and outside URLs removed; None if it must go entirely."""
    if _CSS_FORBIDDEN_RE.search(css):
        return None
    return _replace_outside_urls(_CSS_IMPORT_RE.sub("", css))


def _clean_style_attribute(css: str) -> str | None:
    """A ``style`` attribute without outside URLs and without forbidden declarations."""
    cleaned = _replace_outside_urls(css)
    if cleaned is None:
        return None
    kept = [
        declaration.strip()
        for declaration in cleaned.split(";")
        if declaration.strip()
        and not _CSS_FORBIDDEN_RE.search(declaration)
        and not _CSS_IMPORT_RE.search(declaration)
    ]
    return "; ".join(kept) if kept else None


def _has_outside_url(value: str) -> bool:
    return any(not _clean_url(m.group(2)).startswith("#") for m in _CSS_URL_RE.finditer(value))


class _Builder:
    def __init__(self) -> None:
        self.root: _Node | None = None
        self.stack: list[_Node | None] = []  # None: inside a dropped element
        self.removed: set[str] = set()
        self.uses_xlink = False
        self.root_ns: str | None = None
        self.count = 0

    def _is_svg(self, ns: str | None) -> bool:
        return ns == SVG_NS or (ns is None and self.root_ns is None)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise SvgError("svg-too-complex", f"hơn {MAX_ELEMENTS} phần tử")
        ns, local = _split(name)
        if self.root is None and not self.stack:
            if local != "svg" or ns not in (SVG_NS, None):
                raise SvgError("svg-not-svg", f"thẻ gốc là <{local}>, không phải <svg>")
            self.root_ns = ns
        parent_dropped = bool(self.stack) and self.stack[-1] is None
        if parent_dropped:
            self.stack.append(None)
            return
        if not self._is_svg(ns) or local not in ALLOWED_ELEMENTS:
            self.removed.add(f"element:{local}")
            self.stack.append(None)
            return
        if local in ANIMATION_ELEMENTS and self._dangerous_animation(attributes):
            self.removed.add(f"element:{local}")
            self.stack.append(None)
            return
        node = _Node(local, self._attributes(local, attributes), [])
        if self.stack:
            parent = self.stack[-1]
            assert parent is not None
            parent.children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def _dangerous_animation(self, attributes: dict[str, str]) -> bool:
        target = attributes.get("attributeName", "").strip().lower()
        if target.rpartition(":")[2] == "href" or target.startswith("on"):
            return True
        for key in ("values", "from", "to", "by"):
            value = attributes.get(key, "")
            if "javascript:" in _clean_url(value).lower() or _has_outside_url(value):
                return True
        return False

    def _attributes(self, element: str, attributes: dict[str, str]) -> list[tuple[str, str]]:
        kept = []
        for name, value in attributes.items():
            ns, local = _split(name)
            if ns is None or ns == SVG_NS:
                qname = local
            elif ns == XLINK_NS:
                qname = f"xlink:{local}"
            elif ns == XML_NS:
                qname = f"xml:{local}"
            else:
                self.removed.add(f"attribute:{local}")
                continue
            cleaned = self._attribute_value(element, qname, local, value)
            if cleaned is None:
                self.removed.add(f"attribute:{qname}")
                continue
            if cleaned != value:
                self.removed.add(f"css:{qname}")
            if qname.startswith("xlink:"):
                self.uses_xlink = True
            kept.append((qname, cleaned))
        return kept

    @staticmethod
    def _attribute_value(element: str, qname: str, local: str, value: str) -> str | None:
        if local.lower().startswith("on"):
            return None
        if local == "href" and qname in ("href", "xlink:href"):
            url = _clean_url(value)
            if url.startswith("#"):
                return value
            if element in RASTER_HREF_ELEMENTS and _DATA_RASTER_RE.match(url):
                return value
            return None
        if local == "style":
            return _clean_style_attribute(value)
        if "javascript:" in _clean_url(value).lower():
            return None
        # Presentation attributes are CSS values: the same URL rule, and no escaped functions.
        if _has_outside_url(value) or ("\\" in value and "(" in value):
            return None
        return value

    def end(self, name: str) -> None:
        node = self.stack.pop()
        if node is not None and node.tag == "style":
            text = "".join(c for c in node.children if isinstance(c, str))
            cleaned = _clean_css(text)
            if cleaned is None:
                self.removed.add("element:style")
                parent = self.stack[-1] if self.stack else None
                if parent is not None:
                    parent.children.remove(node)
            elif cleaned != text:
                self.removed.add("css:import-or-url")
                node.children = [cleaned]

    def text(self, data: str) -> None:
        if self.stack and self.stack[-1] is not None:
            self.stack[-1].children.append(data)


def _forbid(*_args) -> None:
    raise _Forbidden


def _parse(data: bytes) -> _Builder:
    builder = _Builder()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    try:
        parser.Parse(data, True)
    except _Forbidden:
        raise SvgError(
            "svg-entities", f"dòng {parser.CurrentLineNumber}: khai báo thực thể <!ENTITY>"
        ) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise SvgError(
            "svg-invalid", f"dòng {exc.lineno}, cột {exc.offset + 1}: {reason}"
        ) from None
    if builder.root is None:
        raise SvgError("svg-not-svg", "không có thẻ <svg>")
    return builder


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
        text = text.replace("\t", "&#9;")
    return text


def _serialise(node: _Node, out: list[str], root_extra: str = "") -> None:
    out.append(f"<{node.tag}{root_extra}")
    for name, value in node.attrs:
        out.append(f' {name}="{_escape(value, True)}"')
    if not node.children:
        out.append("/>")
        return
    out.append(">")
    for child in node.children:
        if isinstance(child, str):
            out.append(_escape(child))
        else:
            _serialise(child, out)
    out.append(f"</{node.tag}>")


def _length(value: str | None) -> float | None:
    if value is None:
        return None
    m = _LENGTH_RE.match(value)
    if not m:
        return None  # percentages, em, auto...: no intrinsic size
    px = float(m.group(1)) * _UNIT_PX[m.group(2)]
    return px if px > 0 else None


def _intrinsic_size(root: _Node) -> tuple[int | None, int | None]:
    attrs = dict(root.attrs)
    width, height = _length(attrs.get("width")), _length(attrs.get("height"))
    box = None
    parts = re.split(r"[\s,]+", attrs.get("viewBox", "").strip())
    if len(parts) == 4:
        try:
            bw, bh = float(parts[2]), float(parts[3])
        except ValueError:
            bw = bh = 0.0
        if bw > 0 and bh > 0:
            box = (bw, bh)
    if width is None and height is None and box:
        width, height = box
    elif width is None and height is not None and box:
        width = height * box[0] / box[1]
    elif height is None and width is not None and box:
        height = width * box[1] / box[0]
    if width is None or height is None:
        return None, None
    return max(1, round(width)), max(1, round(height))


def sanitise(data: bytes) -> CleanSvg:
    """The publishable form of an SVG file; raises ``SvgError``."""
    builder = _parse(data)
    root = builder.root
    assert root is not None
    root.attrs = [(n, v) for n, v in root.attrs if n not in ("xmlns", "xmlns:xlink")]
    extra = f' xmlns="{SVG_NS}"'
    if builder.uses_xlink:
        extra += f' xmlns:xlink="{XLINK_NS}"'
    out: list[str] = []
    _serialise(root, out, extra)
    width, height = _intrinsic_size(root)
    return CleanSvg("".join(out).encode("utf-8"), width, height, tuple(sorted(builder.removed)))
