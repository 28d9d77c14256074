"""Article bodies made safe to publish, and a report to staff of what that removes.

An article body is Markdown, and Markdown lets raw HTML through: ``<script>``, ``onerror=``
attributes and ``javascript:`` links would run on the article page. ``sanitize`` passes the
rendered body through nh3 (the Python binding of Rust's ``ammonia``, which parses HTML with
``html5ever`` exactly as browsers do) with the portal's allow-list below; everything else is
removed. ``removals`` tells staff, in Vietnamese and with the line of the Markdown file, what
``sanitize`` would remove from an article, so ``khuyencong check`` and the build can warn.

Policy (the staff guide's version is notes/sanitize-policy-vi.md):

- Allowed elements: ``ALLOWED_TAGS``; their attributes: ``GLOBAL_ATTRIBUTES`` on all of them
  and ``TAG_ATTRIBUTES`` per element, each value checked by ``_keep`` (URL schemes, numbers,
  enumerations, class tokens, reserved ids).
- Elements in ``DROPPED_WITH_CONTENT`` go with everything inside them (code, not text); any
  other element not allowed is removed and its text kept.
- Links: http, https, mailto, tel, relative and ``#fragment``; images and ``srcset``: http,
  https, relative. ``target`` is removed (no new windows, so no ``rel=noopener`` needed).
- Video: ``<iframe>`` only with a YouTube embed address (``IFRAME_SRC``), a fixed set of
  attributes and no content; any other ``<iframe>`` is removed whole.
- Comments are removed (a staff note must not reach the public page).

Output is html5ever's serialisation, not the input bytes, even when nothing is removed:
``<br />`` becomes ``<br>``, character references become characters (``&para;`` → ``¶``)
except ``&amp; &lt; &gt;`` (and ``&quot;`` in attributes; U+00A0 is written ``&nbsp;``),
attributes are double-quoted. The browser builds the same page from both (tests check it in
Chromium). Returning the input when nothing was removed would be byte-identical but unsafe: a
fragment that is well-formed on its own can still change how the page after it is parsed.
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from html.parser import HTMLParser

import nh3

from .model import Problem
from .text import heading_slug, nfc

__all__ = [
    "ALLOWED_TAGS",
    "DROPPED_WITH_CONTENT",
    "GLOBAL_ATTRIBUTES",
    "TAG_ATTRIBUTES",
    "IFRAME_SRC",
    "Removal",
    "sanitize",
    "report",
    "removals",
    "BodyChecker",
]

# ============================================================================ the policy

ALLOWED_TAGS = frozenset(
    {
        # text structure
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote",
        "pre", "code", "kbd", "samp",
        # emphasis and small inline things
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "q", "cite",
        # lists
        "ul", "ol", "li", "dl", "dt", "dd",
        # tables
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        # figures, images, links, video
        "figure", "figcaption", "img", "picture", "source", "a", "iframe",
    }
)  # fmt: skip

# Removed together with what is inside them: code, form controls, foreign content (SVG and
# MathML can carry scripts), plugins, media players. Other elements are unwrapped (text kept).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "noscript", "template", "title", "textarea", "select", "option",
        "optgroup", "datalist", "svg", "math", "xmp", "noembed", "noframes", "plaintext",
        "object", "applet", "audio", "video", "canvas",
    }
)  # fmt: skip

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})

TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel"}),
    "img": frozenset(
        {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "fetchpriority"}
    ),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "iframe": frozenset(
        {
            "src",
            "width",
            "height",
            "allow",
            "allowfullscreen",
            "frameborder",
            "loading",
            "referrerpolicy",
        }
    ),  # fmt: skip
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    # Python-Markdown's tables write alignment either way (use_align_attribute).
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_SCHEMES = frozenset({"http", "https"})

# YouTube's own "Share › Embed" address (either host), a video or playlist id and a plain
# query (``?si=…``, ``?start=30``, ``?list=…``): nothing else can be framed.
IFRAME_SRC = re.compile(
    r"https://(?:www\.)?youtube(?:-nocookie)?\.com/embed/[A-Za-z0-9_-]{1,64}"
    r"(?:\?[A-Za-z0-9_.~=&%-]*)?"
)
IFRAME_FEATURES = frozenset(
    {
        "accelerometer", "autoplay", "clipboard-write", "encrypted-media", "gyroscope",
        "picture-in-picture", "web-share", "fullscreen",
    }
)  # fmt: skip
REL_TOKENS = frozenset({"nofollow", "noopener", "noreferrer", "sponsored", "ugc"})

# Page chrome the body must not imitate or take over: Material's ``md-`` classes (fixed
# headers, dialogs...) and ours (``kc-``), except the ones meant for bodies.
CLASS_PREFIXES_RESERVED = ("md-", "kc-")
CLASSES_ALLOWED_ANYWAY = frozenset(
    {"md-button", "md-button--primary", "kc-photo", "kc-table", "kc-caption-only"}
)
# Ids of the page around the body: Material reads its configuration from ``#__config`` with
# querySelector, so a body element with that id (coming first) would replace it; ``kc-`` ids
# are the portal's own (search form...). pymdownx.blocks.caption numbers its figures
# ``__figure-caption_1``: those are allowed.
ID_PREFIXES_RESERVED = ("__", "kc-")
ID_ALLOWED_ANYWAY = re.compile(r"__[a-z]+-caption_[0-9]+(?:_[0-9]+)*")

_ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("img", "loading"): frozenset({"lazy", "eager"}),
    ("iframe", "loading"): frozenset({"lazy", "eager"}),
    ("img", "decoding"): frozenset({"async", "sync", "auto"}),
    ("img", "fetchpriority"): frozenset({"high", "low", "auto"}),
    ("th", "align"): frozenset({"left", "center", "right", "justify"}),
    ("td", "align"): frozenset({"left", "center", "right", "justify"}),
    ("th", "scope"): frozenset({"row", "col", "rowgroup", "colgroup"}),
    ("iframe", "frameborder"): frozenset({"0", "1"}),
    ("iframe", "referrerpolicy"): frozenset({"strict-origin-when-cross-origin", "strict-origin"}),
}
_ENUMS_EXACT: dict[tuple[str, str], frozenset[str]] = {
    ("ol", "type"): frozenset({"1", "a", "A", "i", "I"}),
}
_PATTERNS: dict[str, re.Pattern[str]] = {
    "width": re.compile(r"[0-9]{1,4}%?"),
    "height": re.compile(r"[0-9]{1,4}%?"),
    "colspan": re.compile(r"[0-9]{1,3}"),
    "rowspan": re.compile(r"[0-9]{1,3}"),
    "span": re.compile(r"[0-9]{1,3}"),
    "start": re.compile(r"-?[0-9]{1,9}"),
    "value": re.compile(r"-?[0-9]{1,9}"),
    "type": re.compile(r"[a-z]+/[a-z0-9.+-]+"),  # <source type="image/webp">
    # The two ways Python-Markdown aligns table cells; no other CSS.
    "style": re.compile(r"text-align: ?(?:left|right|center);?"),
}
_FREE_TEXT = frozenset({"title", "alt", "lang", "sizes", "media", "allowfullscreen", "reversed"})


# ---------------------------------------------------------------------------- URLs

_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads from an attribute value (already entity-decoded), lowercased;
    None for a relative URL. As the URL standard: leading and trailing C0 controls and spaces
    are stripped and tabs and newlines anywhere removed, so ``" java\\tscript:"`` is
    ``javascript``."""
    cleaned = url.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    m = _SCHEME.match(cleaned)
    return m.group().lower() if m else None


def _srcset_schemes(value: str) -> set[str | None]:
    """Schemes of every URL of a ``srcset`` (candidates split on whitespace and commas: a
    superset of the browser's split, so no URL start is missed)."""
    return {url_scheme(part) for part in re.split(r"[\s,]+", value) if part}


def _split(value: str, sep: str) -> list[str]:
    return [t.strip() for t in value.split(sep.strip() or None) if t.strip()]


def _tokens(value: str, keep: Callable[[str], bool], sep: str = " ") -> str | None:
    """A list-valued attribute (class, rel, allow) without the tokens not kept; unchanged when
    all are kept, None when none is."""
    parts = _split(value, sep)
    kept = [t for t in parts if keep(t)]
    if len(kept) == len(parts):
        return value if kept else None
    return sep.join(kept) if kept else None


def _class_ok(token: str) -> bool:
    return token in CLASSES_ALLOWED_ANYWAY or not token.startswith(CLASS_PREFIXES_RESERVED)


def _id_ok(value: str) -> bool:
    return bool(ID_ALLOWED_ANYWAY.fullmatch(value)) or not value.startswith(ID_PREFIXES_RESERVED)


def _keep(tag: str, attr: str, value: str) -> str | None:
    """The value to publish for an allowed attribute, or None to remove it (nh3's
    ``attribute_filter``; also what ``removals`` explains)."""
    if attr == "href":
        scheme = url_scheme(value)
        return value if scheme is None or scheme in LINK_SCHEMES else None
    if attr == "src":
        if tag == "iframe":
            return value if IFRAME_SRC.fullmatch(value) else None
        scheme = url_scheme(value)
        return value if scheme is None or scheme in IMAGE_SCHEMES else None
    if attr == "srcset":
        return value if _srcset_schemes(value) <= {None, *IMAGE_SCHEMES} else None
    if attr == "class":
        return _tokens(value, _class_ok)
    if attr == "rel":
        return _tokens(value, lambda t: t.lower() in REL_TOKENS)
    if attr == "allow":
        return _tokens(value, lambda t: t.lower() in IFRAME_FEATURES, sep="; ")
    if attr == "id":
        return value if _id_ok(value) else None
    if attr in _FREE_TEXT:
        return value
    if (tag, attr) in _ENUMS:
        return value if value.lower() in _ENUMS[tag, attr] else None
    if (tag, attr) in _ENUMS_EXACT:
        return value if value in _ENUMS_EXACT[tag, attr] else None
    if attr in _PATTERNS:
        return value if _PATTERNS[attr].fullmatch(value) else None
    return None  # an allowed attribute with no rule: refuse rather than guess


def _allowed(tag: str, attr: str) -> bool:
    return attr in GLOBAL_ATTRIBUTES or attr in TAG_ATTRIBUTES.get(tag, ())


# ============================================================================ sanitize

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
    attribute_filter=_keep,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(LINK_SCHEMES),
)

# html5ever writes attribute values with "&<> escaped and raw-text content verbatim, so in its
# output an <iframe ...> start tag has no ">" inside and its content ends at the first
# "</iframe>".
_IFRAME = re.compile(r"<iframe((?: [^>]*)?)>(.*?)</iframe>", re.S)
# The parser drops a newline right after <pre>; html5ever does not write it back, so a <pre>
# whose text starts with a newline would lose one line at each pass.
_PRE_NEWLINE = re.compile(r"(<pre(?: [^>]*)?>)\n")


def _iframe(m: re.Match[str]) -> str:
    """An iframe keeps no content but white space (never shown), and goes when its address
    was refused."""
    attrs, content = m.group(1), m.group(2)
    content = content if _blank(content) else ""
    return f"<iframe{attrs}>{content}</iframe>" if ' src="' in attrs else ""


def _blank(text: str) -> bool:
    return not text.strip(" \t\n\r\f")


_PRE_EXTRA_NEWLINE = re.compile(r"(<pre(?: [^>]*)?>)\n\n")


def _pre(html: str) -> str:
    return _PRE_NEWLINE.sub("\\1\n\n", html)


def _unpre(html: str) -> str:
    """``_pre`` undone (on sanitised output, where every "<pre" is a <pre> tag)."""
    return _PRE_EXTRA_NEWLINE.sub("\\1\n", html)


def _bom(html: str) -> str:
    """Byte-order marks at the very start written as references: the parser drops one raw
    there, a reference it keeps (Markdown output never starts with one)."""
    text = html.lstrip("\ufeff")
    return "&#xfeff;" * (len(html) - len(text)) + text


def _clean(html: str) -> str:
    """The allow-list applied, before the <pre> fix."""
    return _bom(_IFRAME.sub(_iframe, _CLEANER.clean(_bom(html))))


def sanitize(html: str) -> str:
    """``html`` (a rendered article body) with everything outside the allow-list removed.
    Idempotent and deterministic."""
    out = _pre(_clean(html))
    # Removing an element can leave a tree the parser would not build (``<li>a<form><li>b``
    # without the form is a list item in a list item), which reads back differently: clean
    # again until the text reads back as itself. One more pass is the rule, two are rare.
    for _ in range(_MAX_PASSES):
        again = _pre(_clean(out))
        if again == out:
            break
        out = again
    return out


_MAX_PASSES = 8


# ============================================================================ what is removed


@dataclass(frozen=True)
class Removal:
    """One thing ``sanitize`` removes from an article, told to staff (a warning)."""

    line: int  # line in the article file
    message: str
    hint: str
    kind: str  # tag, content, iframe, attribute, handler, style, url, value, class, id, ...

    def format(self, path: str) -> str:
        return self.problem(path).format()

    def problem(self, path: str) -> Problem:
        """As a problem of the file ``path`` (no field: it is in the body)."""
        return Problem(path, self.line, None, self.message, self.hint)


@dataclass(frozen=True)
class _Event:
    kind: str
    tag: str
    attr: str = ""
    value: str = ""


def _permissive(html: str) -> nh3.Cleaner:
    """A cleaner that keeps everything in ``html``: what html5ever makes of it, serialised the
    same way as ``sanitize`` output, so the two compare equal when nothing was removed."""
    tags = {_ascii_lower(t).replace("\0", "\ufffd") for t in _TAG_NAME.findall(html)}
    text = html.replace("\t", "").replace("\n", "").replace("\r", "")
    decoded = html_lib.unescape(text).replace("\t", "").replace("\n", "").replace("\r", "")
    schemes = {s.lower() for s in _SCHEME.findall(text) + _SCHEME.findall(decoded)}
    return nh3.Cleaner(
        tags=tags | ALLOWED_TAGS,
        clean_content_tags=set(),
        attributes={},
        # Every attribute name starts with a character of the input (or its lowercase).
        generic_attribute_prefixes=set(html) | set(html.lower()) | {"\ufffd"},
        strip_comments=False,
        link_rel=None,
        url_schemes=schemes | LINK_SCHEMES,
    )


_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(s: str) -> str:
    return s.translate(_ASCII_LOWER)


_VOID = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip
_RAW_TEXT = frozenset(
    {"script", "style", "iframe", "xmp", "noembed", "noframes", "noscript", "plaintext"}
)


class _Tokenizer(HTMLParser):
    """Tokens of html5ever's output (well-formed, canonical): enough to diff two of them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, [(k, v or "") for k, v in attrs]))
        if tag in _RAW_TEXT:
            self.set_cdata_mode(tag)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        elif data:
            self.tokens.append(("text", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    def handle_decl(self, decl):
        self.tokens.append(("other", decl))

    handle_pi = unknown_decl = handle_decl


def _tokenize(html: str) -> list[tuple] | None:
    """Tokens, or None when Python's parser gives up (it raises on some ``<![`` forms)."""
    t = _Tokenizer()
    try:
        t.feed(html.replace("<![", "<?["))  # both parsers end these at the next ">"
        t.close()
    except Exception:  # a report must never stop a build
        return None
    return t.tokens


def _iframe_kept(attrs: list[tuple[str, str]]) -> bool:
    src = dict(reversed(attrs)).get("src")
    return src is not None and _keep("iframe", "src", src) is not None


def _attribute_events(tag: str, before: list, after: list) -> list[_Event]:
    kept = dict(after)
    events = []
    for name, value in before:
        if name in kept and kept[name] == value:
            continue
        if name.startswith("on"):
            kind = "handler"
        elif name == "style":
            kind = "style"
        elif not _allowed(tag, name):
            kind = "attribute"
        elif name in ("href", "src", "srcset"):
            kind = "iframe-src" if tag == "iframe" else "url"
        elif name in ("class", "id", "rel", "allow"):
            kind = name
            if name in kept:  # some tokens kept: name the others
                sep = "; " if name == "allow" else " "
                have = set(_split(kept[name], sep))
                value = " ".join(t for t in _split(value, sep) if t not in have)
        else:
            kind = "value"
        events.append(_Event(kind, tag, name, value))
    return events


def _diff(before: list[tuple], after: list[tuple]) -> list[_Event]:
    """What ``sanitize`` took out: ``before`` is the permissive serialisation, ``after`` the
    sanitised one, both tokenised. Where they stop lining up (an element removed left a tree
    that reads back rearranged) a "structure" event ends the list."""
    events: list[_Event] = []
    stack: list[tuple[str, bool]] = []  # open elements of ``before``: (name, kept?)
    j = 0  # position in ``after``
    offset = 0  # characters of after[j] (a text) already matched
    i = 0
    n = len(before)

    def expect(token: tuple) -> bool:
        nonlocal j
        if offset or j >= len(after) or after[j][:2] != token[:2]:
            return False
        j += 1
        return True

    def broken() -> list[_Event]:
        tok = before[i] if i < n else ("", "")
        tag = tok[1] if tok[0] in ("start", "end") else (stack[-1][0] if stack else "")
        return [*events, _Event("structure", tag)]

    while i < n:
        tok = before[i]
        kind = tok[0]
        if kind == "text":
            text = tok[1]
            if j >= len(after) or after[j][0] != "text":
                return broken()
            have = after[j][1]
            if have[offset : offset + len(text)] != text:
                return broken()
            offset += len(text)
            if offset == len(have):
                j, offset = j + 1, 0
        elif kind in ("comment", "other"):
            events.append(_Event("comment", "", value=tok[1]))
        elif kind == "start":
            name, attrs = tok[1], tok[2]
            void = name in _VOID
            if name in DROPPED_WITH_CONTENT or (name == "iframe" and not _iframe_kept(attrs)):
                src = dict(reversed(attrs)).get("src", "") if name == "iframe" else ""
                events.append(_Event("iframe" if name == "iframe" else "content", name, "src", src))
                if not void:
                    i = _subtree_end(before, i)
            elif name in ALLOWED_TAGS:
                if not expect(tok):
                    return broken()
                events += _attribute_events(name, attrs, after[j - 1][2])
                if name == "iframe":  # its content is dropped, unless only white space
                    end = _subtree_end(before, i)
                    if any(t[0] != "text" or not _blank(t[1]) for t in before[i + 1 : end]):
                        events.append(_Event("iframe-content", name))
                    if j < len(after) and after[j][0] == "text":
                        j += 1
                    i = end - 1
                    stack.append((name, True))
                elif not void:
                    stack.append((name, True))
            else:
                events.append(_Event("tag", name))
                if not void:
                    stack.append((name, False))
        elif kind == "end":
            if not stack or stack[-1][0] != tok[1]:
                return broken()
            _, kept = stack.pop()
            if kept and not expect(tok):
                return broken()
        i += 1
    if stack or j != len(after) or offset:
        return broken()
    return events


def _subtree_end(tokens: list[tuple], i: int) -> int:
    """Index of the end tag closing the element started at ``tokens[i]``."""
    name = tokens[i][1]
    depth = 0
    for k in range(i, len(tokens)):
        t = tokens[k]
        if t[0] == "start" and t[1] == name and name not in _VOID:
            depth += 1
        elif t[0] == "end" and t[1] == name:
            depth -= 1
            if depth == 0:
                return k
    return len(tokens) - 1


# ---------------------------------------------------------------------------- messages

_SCRIPT_HINT = (
    "Trang tin không chạy mã JavaScript: xóa đoạn mã này. Muốn nhúng video, "
    "dán mã <iframe> lấy từ nút Chia sẻ › Nhúng của YouTube."
)
_MARKDOWN_HINT = (
    "Viết bằng Markdown (**đậm**, *nghiêng*, ## tiêu đề, danh sách, ![ảnh](anh.jpg)) "
    "hoặc xóa thẻ này."
)
_STYLE_HINT = "Xóa thuộc tính style: màu, cỡ chữ và bố cục do giao diện trang quyết định."
_LINK_HINT = (
    "Chỉ dùng liên kết http://, https://, mailto:, tel: hoặc đường dẫn tới trang, tệp "
    "trong cổng tin."
)
_NESTING_HINT = (
    "Kiểm tra thẻ mở và thẻ đóng (ví dụ <li> phải nằm ngay trong <ul> hoặc <ol>), "
    "hoặc viết bằng Markdown."
)
_IMAGE_HINT = "Lưu ảnh thành tệp cạnh bài viết rồi ghi ![mô tả](ten-anh.jpg)."
_IFRAME_HINT = (
    "Chỉ nhúng được video YouTube: dán mã <iframe> lấy từ nút Chia sẻ › Nhúng của YouTube "
    "(địa chỉ https://www.youtube.com/embed/…). Nội dung khác thì ghi liên kết thường."
)


def _short(value: str, limit: int = 40) -> str:
    """A value as it may appear in a message: bounded, control characters made visible."""
    shown = "".join(
        c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" if ord(c) < 256 else "\ufffd"
        for c in value[: limit + 1]
    )
    return shown[:limit] + "…" if len(shown) > limit else shown


def _host(url: str) -> str:
    m = re.match(r"\s*[A-Za-z][A-Za-z0-9+.\-]*://([^/?#\s]*)", url)
    return m.group(1) if m else ""


def _message(e: _Event) -> tuple[str, str]:
    tag = f"<{e.tag}>"
    if e.kind == "content":
        return f"thẻ {tag} sẽ bị bỏ khi đăng, cả nội dung bên trong.", (
            _SCRIPT_HINT if e.tag in ("script", "noscript", "template") else _MARKDOWN_HINT
        )
    if e.kind == "tag":
        return f"thẻ {tag} sẽ bị bỏ khi đăng (chữ bên trong vẫn giữ).", _MARKDOWN_HINT
    if e.kind == "iframe":
        where = _host(e.value)
        what = f"từ {_short(where)} " if where else "không có địa chỉ YouTube "
        return f"khung nhúng <iframe> {what}sẽ bị bỏ khi đăng: chỉ nhận video YouTube.", (
            _IFRAME_HINT
        )
    if e.kind == "iframe-content":
        return "nội dung bên trong thẻ <iframe> sẽ bị bỏ khi đăng.", (
            "Xóa phần nằm giữa <iframe …> và </iframe>; mô tả video thì viết thành đoạn văn."
        )
    if e.kind == "handler":
        return f"thuộc tính {e.attr} của thẻ {tag} (mã chạy trên trang) sẽ bị bỏ khi đăng.", (
            _SCRIPT_HINT
        )
    if e.kind == "style":
        return f"thuộc tính style của thẻ {tag} sẽ bị bỏ khi đăng.", _STYLE_HINT
    if e.kind == "attribute":
        hint = (
            "Xóa thuộc tính này: cổng tin không mở cửa sổ mới, người đọc tự chọn."
            if e.attr == "target"
            else "Xóa thuộc tính này."
        )
        return f"thuộc tính {_short(e.attr)} của thẻ {tag} sẽ bị bỏ khi đăng.", hint
    if e.kind == "url":
        if e.attr == "srcset":
            bad = sorted(_srcset_schemes(e.value) - {None, *IMAGE_SCHEMES})
            scheme = bad[0] if bad else ""
        else:
            scheme = url_scheme(e.value) or ""
        what = f"{_short(scheme, 20)}:"
        if e.tag == "a":
            return f"liên kết {what} sẽ bị bỏ khi đăng (chữ của liên kết vẫn giữ).", _LINK_HINT
        return f"địa chỉ ảnh {what} ({e.attr}) của thẻ {tag} sẽ bị bỏ khi đăng.", _IMAGE_HINT
    if e.kind == "iframe-src":
        return "địa chỉ của khung nhúng <iframe> sẽ bị bỏ khi đăng.", _IFRAME_HINT
    if e.kind == "class":
        return (
            f"lớp (class) '{_short(e.value)}' của thẻ {tag} sẽ bị bỏ khi đăng: "
            "lớp bắt đầu bằng md- hay kc- dành cho giao diện trang.",
            "Xóa lớp này hoặc đặt tên khác (không bắt đầu bằng md- hay kc-).",
        )
    if e.kind == "id":
        return (
            f'mã định danh id="{_short(e.value)}" của thẻ {tag} sẽ bị bỏ khi đăng: '
            "mã bắt đầu bằng __ hay kc- dành cho giao diện trang.",
            "Đổi mã khác, ví dụ ghi {#ten-muc} sau tiêu đề.",
        )
    if e.kind in ("rel", "allow"):
        return (
            f"giá trị '{_short(e.value)}' của thuộc tính {e.attr} (thẻ {tag}) sẽ bị bỏ khi đăng.",
            "Xóa giá trị này.",
        )
    if e.kind == "value":
        return (
            f"giá trị '{_short(e.value)}' của thuộc tính {e.attr} (thẻ {tag}) không hợp lệ, "
            "sẽ bị bỏ khi đăng.",
            'Sửa giá trị (số, ví dụ width="600") hoặc xóa thuộc tính.',
        )
    if e.kind == "unclosed":
        return f"thẻ {tag} chưa đóng: khi đăng sẽ được đóng ở cuối bài.", (
            f"Thêm </{e.tag}> ở chỗ cần kết thúc."
        )
    if e.kind == "stray":
        return f"thẻ đóng </{e.tag}> thừa (không có thẻ mở tương ứng) sẽ bị bỏ khi đăng.", (
            "Xóa thẻ đóng này."
        )
    if e.kind == "page":
        return f"thẻ {tag} (của cả trang) sẽ bị bỏ khi đăng, cùng các thuộc tính của nó.", (
            "Chỉ dán phần nội dung bài, không dán cả trang HTML."
        )
    if e.kind == "unterminated":
        return (
            "cuối bài là một thẻ HTML hoặc ghi chú <!-- chưa kết thúc: phần đó sẽ bị bỏ khi đăng.",
            "Kết thúc thẻ bằng > (ghi chú bằng -->).",
        )
    if e.kind == "comment":
        return "ghi chú HTML <!-- … --> sẽ bị bỏ khi đăng (không có trên trang).", (
            "Ghi chú nội bộ không được đăng; muốn người đọc thấy thì viết thành chữ thường."
        )
    if e.tag:
        return f"thẻ {tag} ở đây lồng sai chỗ nên sẽ được sắp xếp lại khi đăng.", _NESTING_HINT
    return "mã HTML ở đây sẽ được sắp xếp lại khi đăng.", _NESTING_HINT


# ---------------------------------------------------------------------------- lines


def _mask_code(source: str) -> str:
    """``source`` with code spans and indented code blocks blanked (same length and lines):
    text there is shown, not markup, so it must not be taken for the markup reported."""
    out = list(source)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    for m in re.finditer(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", source, re.S):
        blank(m.start(), m.end())
    pos = 0
    previous_blank = True
    in_code = False
    for line in source.split("\n"):
        indented = line.startswith(("    ", "\t"))
        if line.strip() == "":
            previous_blank = True
        else:
            in_code = indented and (previous_blank or in_code)
            if in_code:
                blank(pos, pos + len(line))
            previous_blank = False
        pos += len(line) + 1
    return "".join(out)


class _Locator:
    def __init__(self, source: str, first_line: int) -> None:
        self.source = source
        self.masked = _mask_code(source)
        self.first_line = first_line
        self.newlines = [k for k, c in enumerate(source) if c == "\n"]
        self.cursor = 0

    def line(self, pos: int) -> int:
        return self.first_line + bisect_right(self.newlines, pos - 1)

    def find(self, patterns: list[re.Pattern[str]], start: int) -> re.Match[str] | None:
        for text in (self.masked, self.source):
            for begin in (start, 0):
                for p in patterns:
                    if m := p.search(text, begin):
                        return m
        return None


_ENTITY_NAMES: dict[str, list[str]] = {}
for _name, _char in _HTML5_ENTITIES.items():
    if len(_char) == 1:
        _ENTITY_NAMES.setdefault(_char, []).append(re.escape("&" + _name))


def _written(value: str, limit: int = 60) -> re.Pattern[str]:
    """A pattern for ``value`` (decoded) as it may be written in the source: each character
    itself or a character reference (``java&#x09;script:``, ``&colon;``)."""
    parts = []
    for c in value[:limit]:
        code = ord(c)
        forms = [re.escape(c), f"&#0*{code};?", f"&#[xX]0*{code:x};?"]
        forms += _ENTITY_NAMES.get(c, [])
        parts.append("(?:" + "|".join(forms) + ")")
    return re.compile("".join(parts), re.I)


def _needles(e: _Event) -> list[re.Pattern[str]]:
    def word(s: str) -> re.Pattern[str]:
        return re.compile(r"(?<![\w:-])" + re.escape(s) + r"(?![\w-])", re.I)

    tag = re.escape(e.tag)
    opening = re.compile(rf"<{tag}(?=[\s/>]|$)", re.I | re.M)
    block = re.compile(rf"^ {{0,3}}///[^\n]*\|\s*{tag}\b", re.I | re.M)  # /// html | tag
    assigned = re.compile(rf"(?<![\w:-]){re.escape(e.attr)}\s*=", re.I)
    if e.kind in ("content", "tag", "iframe", "iframe-content", "unclosed", "page"):
        return [opening, block]
    if e.kind == "stray":
        return [re.compile(rf"</{tag}(?=[\s/>]|$)", re.I | re.M)]
    if e.kind in ("comment", "unterminated"):
        return [re.compile(r"<!")] if e.kind == "comment" else [re.compile(r"<[A-Za-z!/]")]
    if e.kind == "structure":
        return [opening, re.compile(r"<[A-Za-z!/]")] if e.tag else [re.compile(r"<[A-Za-z!/]")]
    if e.kind in ("url", "iframe-src"):
        return [_written(e.value), assigned, opening] if e.value.strip() else [assigned, opening]
    if e.kind in ("class", "rel", "allow"):
        return [word(t) for t in e.value.split()] + [assigned, opening]
    if e.kind == "id":
        return [_written(e.value), assigned, opening]
    return [assigned, word(e.attr), opening]


def _locate(
    events: list[_Event], source: str, first_line: int, *, last: bool = False
) -> list[Removal]:
    """Removals with lines: each event's markup is looked for from where the previous one was
    found (events come in document order), or, with ``last``, at its last occurrence."""
    where = _Locator(source, first_line)
    out = []
    for e in events:
        if last:
            found = [m for p in _needles(e) for m in p.finditer(where.masked)]
            pos = max(m.start() for m in found) if found else len(source)
        elif m := where.find(_needles(e), where.cursor):
            pos = m.start()
            where.cursor = m.end() if e.kind in ("content", "tag", "comment", "iframe") else pos
        else:
            pos = where.cursor
        message, hint = _message(e)
        out.append(Removal(where.line(pos), message, hint, e.kind))
    return out


# ---------------------------------------------------------------------------- entry points


# What follows the body on the page: a comment (goes into any element still open, tables
# included) and text (re-opens formatting elements left in the list of active formatting
# elements). html5ever writes both back verbatim when the body leaves nothing open.
_SENTINEL = "<!--kc-end-->\ue000kc-end\ue000"
# End tags that, stray in a body, would close an element of the page around it.
_PAGE_ELEMENTS = frozenset({"div", "article", "main"})
_PAGE_LEVEL = re.compile(r"</(?:div|article|main)|<(?:body|html)", re.I)


def _leaks(with_sentinel: list[tuple]) -> list[_Event]:
    """Elements the body leaves open (they would take in the page that follows it), from the
    permissive serialisation of body + sentinel."""
    stack: list[str] = []
    open_at: list[list[str]] = []
    for tok in with_sentinel:
        if tok[0] == "start" and tok[1] not in _VOID:
            stack.append(tok[1])
            if tok[1] in _RAW_TEXT:  # tokenised as one text
                continue
        elif tok[0] == "end" and stack and stack[-1] == tok[1]:
            stack.pop()
        elif (tok[0] == "comment" and tok[1] == "kc-end") or (
            tok[0] == "text" and "\ue000kc-end\ue000" in tok[1]
        ):
            open_at.append(list(stack))
    if len(open_at) < 2:  # the sentinel went into an unfinished tag, comment or raw text
        return [_Event("unterminated", "")]
    names = dict.fromkeys(name for names in open_at for name in names)
    # Parts closed with their container (a table's rows, a list's items) are not told apart.
    implied = {
        "table": ("caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th"),
        "ul": ("li",),
        "ol": ("li",),
        "dl": ("dt", "dd"),
    }
    hidden = {part for name, parts in implied.items() if name in names for part in parts}
    return [_Event("unclosed", name) for name in names if name not in hidden]


def _page_level(html: str, before: str) -> list[_Event]:
    """``<html>``/``<body>`` with attributes (a browser adds them to the page's own) and stray
    end tags that would close the page's elements: the body parsed alone drops both."""
    if not _PAGE_LEVEL.search(html):
        return []
    parsed, source = _tokenize(before) or [], _tokenize(html)
    if source is None:
        return [_Event("structure", "")]
    events = [
        _Event("page", tok[1])
        for tok in source
        if tok[0] == "start" and tok[1] in ("html", "body") and tok[2]
    ]
    for name in sorted(_PAGE_ELEMENTS):
        written = sum(1 for t in source if t[0] == "end" and t[1] == name)
        kept = sum(1 for t in parsed if t[0] == "end" and t[1] == name)
        events += [_Event("stray", name)] * max(0, written - kept)
    return events


def report(
    html: str, markdown_source: str, first_line: int, *, sanitized: str | None = None
) -> list[Removal]:
    """What publishing ``sanitize(html)`` instead of ``html`` (``markdown_source`` rendered)
    removes or changes on the article page, each with its line in the file (``first_line``:
    the line where ``markdown_source`` starts). Empty exactly when the page stays the same.
    Pass ``sanitized`` when ``sanitize(html)`` is already known (the plugin has it).

    ``markdown_source`` only serves to find lines, so leading blank lines that MkDocs strips
    before rendering do not matter: give the body as the file has it (``split(...).body``, NFC)
    with its ``body_line``, not ``page.markdown``."""
    # Both sides as html5ever writes them: ``before`` keeps everything, ``after`` is the
    # allow-list's result (the <pre> fix undone: it is the same on both sides).
    after = _unpre(sanitize(html) if sanitized is None else sanitized)
    html = _bom(html)
    cleaner = _permissive(html + _SENTINEL)
    whole = _bom(cleaner.clean(html + _SENTINEL))
    if whole.endswith(_SENTINEL) and "<!--" not in html:
        before = whole[: -len(_SENTINEL)]
    else:  # an unclosed comment of the body may end at the sentinel's "-->"
        before = _bom(cleaner.clean(html))
    leaks = [] if whole == before + _SENTINEL else _leaks(_tokenize(whole) or [])
    extra = leaks + _page_level(html, before)
    if before == after and not extra:
        return []
    events: list[_Event] = []
    if before != after:
        tokens_before, tokens_after = _tokenize(before), _tokenize(after)
        if tokens_before is None or tokens_after is None:
            events = [_Event("structure", "")]
        else:
            events = _diff(tokens_before, tokens_after) or [_Event("structure", "")]
    removed = _locate(events, markdown_source, first_line)
    removed += _locate(extra, markdown_source, first_line, last=True)
    seen: set[tuple] = set()
    unique = []
    for r in sorted(removed, key=lambda r: (r.line, r.message)):
        if (r.line, r.message) not in seen:
            seen.add((r.line, r.message))
            unique.append(r)
    return unique


# The Markdown extensions of mkdocs.yml (tests/test_sanitize.py checks they agree). A caller
# that has loaded mkdocs.yml passes its own through BodyChecker.
def _default_extensions() -> tuple[list, dict]:
    return (
        ["toc", "attr_list", "md_in_html", "pymdownx.blocks.caption", "pymdownx.blocks.html"],
        {
            "toc": {
                "permalink": True,
                "permalink_title": "Liên kết đến mục này",
                "slugify": heading_slug,
            }
        },
    )


class BodyChecker:
    """Renders article bodies with given Markdown extensions (one parser, reused) and reports
    what ``sanitize`` removes from them."""

    def __init__(self, extensions: list | None = None, extension_configs: dict | None = None):
        import markdown

        if extensions is None:
            extensions, defaults = _default_extensions()
            extension_configs = defaults if extension_configs is None else extension_configs
        self._md = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(extension_configs or {})
        )

    def render(self, markdown_source: str) -> str:
        """The body as the plugin renders it (NFC text)."""
        self._md.reset()
        return self._md.convert(nfc(markdown_source))

    def removals(self, markdown_source: str, first_line: int) -> list[Removal]:
        return report(self.render(markdown_source), nfc(markdown_source), first_line)


_DEFAULT_CHECKER: BodyChecker | None = None


def removals(markdown_source: str, first_line: int) -> list[Removal]:
    """What publishing would remove from the Markdown body ``markdown_source`` (starting at line
    ``first_line`` of its file), rendered with the extensions of mkdocs.yml."""
    global _DEFAULT_CHECKER
    if _DEFAULT_CHECKER is None:
        _DEFAULT_CHECKER = BodyChecker()
    return _DEFAULT_CHECKER.removals(markdown_source, first_line)
