"""Safe bodies (site_plugins/sanitize.py): the allow-list keeps what articles need, every hostile
input is neutralised (checked in Python and in real Chromium), sanitising is idempotent and
deterministic, clean Markdown comes through unchanged but for html5ever's serialisation, and the
staff report (``removals``) is non-empty exactly when publishing changes the page."""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import os
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_plugins.frontmatter import decode, split
from site_plugins.sanitize import (
    ALLOWED_TAGS,
    GLOBAL_ATTRIBUTES,
    TAG_ATTRIBUTES,
    BodyChecker,
    removals,
    report,
    sanitize,
)

ROOT = Path(__file__).resolve().parent.parent
CHECKER = BodyChecker()
render = CHECKER.render


# ============================================================================ allow-list

# Each in html5ever's own serialisation, so "survives" means "comes back byte for byte".
# fmt: off
ALLOWED = [
    ("heading-permalink", '<h2 id="hoi-nghi-da-nang">Hội nghị Đà Nẵng<a class="headerlink" href="#hoi-nghi-da-nang" title="Liên kết đến mục này">¶</a></h2>'),
    ("heading-levels", "<h1>a</h1><h3>b</h3><h4>c</h4><h5>d</h5><h6>e</h6>"),
    ("heading-duplicate-id", '<h2 id="_1">🎉<a class="headerlink" href="#_1" title="Liên kết đến mục này">¶</a></h2>'),
    ("heading-attr-list", '<h2 class="lead" id="muc-2">Mục "hai" &amp; ba</h2>'),
    ("paragraph-br", "<p>Dòng một<br>\ndòng hai</p>"),
    ("hr", "<p>a</p>\n<hr>\n<p>b</p>"),
    ("emphasis", "<p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <u>e</u> <s>f</s> <del>g</del> <ins>h</ins></p>"),
    ("inline-small", '<p><mark>m</mark> <small>s</small> H<sub>2</sub>O m<sup>2</sup> <abbr title="Công nghiệp nông thôn">CNNT</abbr> <q>trích</q> <cite>Báo</cite></p>'),
    ("code", "<p><code>&lt;script&gt;</code> <kbd>Ctrl</kbd> <samp>ok</samp></p>"),
    ("pre", "<pre><code>if a &lt; b:\n    print(\"x\")\n</code></pre>"),
    ("pre-leading-newline", "<pre>\n\nhai dòng trống đầu</pre>"),
    ("lists", '<ul>\n<li>một</li>\n<li>hai<ul><li>con</li></ul></li>\n</ul>\n<ol start="3" reversed="" type="a"><li value="7">ba</li></ol>'),
    ("definition-list", "<dl><dt>CNNT</dt><dd>Công nghiệp nông thôn</dd></dl>"),
    ("blockquote", "<blockquote>\n<p>Trích dẫn</p>\n</blockquote>"),
    ("table", '<table><caption>Bảng 1</caption><colgroup><col span="2"></colgroup><thead><tr><th align="left" scope="col">Tỉnh</th><th style="text-align: right;">Kinh phí</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" align="center">3.918</td></tr></tbody><tfoot><tr><td style="text-align:center">x</td></tr></tfoot></table>'),
    ("figure-caption", '<figure class="kc-photo">\n<p><img alt="Đoàn công tác" src="anh/doan.jpg" width="600" height="400" loading="lazy" decoding="async" fetchpriority="high"></p>\n<figcaption>\n<p>Đoàn công tác</p>\n</figcaption>\n</figure>'),
    ("figure-numbered", '<figure id="__figure-caption_1">\n<figcaption>\n<p><span class="caption-prefix">Figure 1.</span> Bảng 1</p>\n</figcaption>\n</figure>'),
    ("img-srcset", '<img src="/anh/a-800.jpg" srcset="/anh/a-400.jpg 400w, /anh/a-800.jpg 800w, https://cdn.example.vn/a.jpg 1200w" sizes="(max-width: 600px) 100vw, 800px" alt="Ảnh" title="Ảnh">'),
    ("picture", '<picture><source srcset="anh/a.webp 1x, anh/a@2x.webp 2x" type="image/webp" media="(min-width: 600px)" width="800" height="600"><img src="anh/a.jpg" alt="a"></picture>'),
    ("links", '<p><a href="https://moit.gov.vn/">https</a> <a href="http://a.vn/?x=1&amp;y=2">http</a> <a href="mailto:kc@example.vn">thư</a> <a href="tel:+842513822123">gọi</a> <a href="../2023/bai/">bài</a> <a href="#muc-2">mục</a> <a href="?trang=2">trang</a> <a href="//cdn.example.vn/x.pdf">pdf</a> <a href="tep.pdf" rel="nofollow noopener">tệp</a></p>'),
    ("class-harmless", '<p class="lead note"><a class="md-button md-button--primary" href="x/">Đăng ký</a></p>'),
    ("lang-title", '<p lang="en" title="English">Industrial extension</p>'),
    ("div-span", '<div class="ghi-chu"><span>x</span></div>'),
    ("youtube-share-code", '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbC_12-x" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen=""></iframe>'),
    ("youtube-nocookie", '<iframe src="https://www.youtube-nocookie.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG" loading="lazy" title="Video"></iframe>'),
    ("youtube-whitespace", '<iframe src="https://youtube.com/embed/abc?start=30">\n</iframe>'),
    ("entities-kept", "<p>a &amp; b &lt; c &gt; d&nbsp;e</p>"),
    ("vietnamese-nfc", "<p>Hòa Long, Hoà Long, thuỷ, Đắk Lắk — “trích” ‘đơn’ …</p>"),
]
# fmt: on


@pytest.mark.parametrize("html", [h for _, h in ALLOWED], ids=[n for n, _ in ALLOWED])
def test_allowed_construct_survives(html):
    assert sanitize(html) == html
    assert report(html, html, 1) == []


# ============================================================================ hostile inputs

# (name, Markdown body, what the staff message names). Most are raw HTML in the body, some are
# Markdown that makes dangerous HTML by itself.
# fmt: off
HOSTILE = [
    # scripts
    ("script", "<script>alert(1)</script>", "thẻ <script>"),
    ("script-upper", "<SCRIPT>alert(1)</SCRIPT>", "thẻ <script>"),
    ("script-src", '<SCRIPT/XSS SRC="http://xss.example/x.js"></SCRIPT>', "thẻ <script>"),
    ("script-double-open", "<<SCRIPT>alert(1);//<</SCRIPT>", "thẻ <script>"),
    ("script-unclosed", "<SCRIPT SRC=http://xss.example/x.js?< B >", "thẻ <script>"),
    ("script-in-paragraph", "Chữ <script>alert(1)</script> chữ.", "thẻ <script>"),
    ("script-null", "<p>a\x00<script>alert(1)</script></p>", "thẻ <script>"),
    ("script-broken-name", "<scr\x00ipt>alert(1)</script>", "thẻ <scr"),
    ("img-quotes-script", '<IMG """><SCRIPT>alert(1)</SCRIPT>">', "thẻ <script>"),
    ("blocks-html-script", "/// html | script\nalert(1)\n///", "thẻ <script>"),
    ("noscript-mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "thẻ <noscript>"),
    ("template", "<template><img src=x onerror=alert(1)></template>", "thẻ <template>"),
    # event handlers
    ("img-onerror", "<img src=x onerror=alert(1)>", "thuộc tính onerror"),
    ("img-onerror-entities", "<img src=x onerror=&#0000106&#0000097&#0000118&#0000097>", "thuộc tính onerror"),
    ("img-onerror-unquoted-eval", "<img src=x:alert(1) onerror=eval(src)>", "thuộc tính onerror"),
    ("img-onmouseover", '<IMG SRC=# onmouseover="alert(1)">', "thuộc tính onmouseover"),
    ("a-onclick", '<a href="#" onclick="alert(1)">x</a>', "thuộc tính onclick"),
    ("b-onclick-inline", 'Đoạn <b onclick="alert(1)">đậm</b> văn.', "thuộc tính onclick"),
    ("svg-onload", "<svg/onload=alert(1)>", "thẻ <svg>"),
    ("body-onload", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>", "thẻ <body> (của cả trang)"),
    ("body-background", '<BODY BACKGROUND="javascript:alert(1)">', "thẻ <body> (của cả trang)"),
    ("details-ontoggle", "<details open ontoggle=alert(1)>", "thẻ <details>"),
    ("marquee-onstart", "<marquee onstart=alert(1)>x</marquee>", "thẻ <marquee>"),
    ("video-source-onerror", "<video><source onerror=alert(1)></video>", "thẻ <video>"),
    ("iframe-onload", '<iframe src="https://www.youtube.com/embed/abc" onload="alert(1)"></iframe>', "thuộc tính onload"),
    ("div-onmouseover-tab", '<div\tonmouseover="alert(1)">x</div>', "thuộc tính onmouseover"),
    ("attr-list-heading", '# Tin {onclick="alert(1)"}', "thuộc tính onclick"),
    ("attr-list-image", "![ảnh](anh.jpg){onerror=alert(1)}", "thuộc tính onerror"),
    ("attr-list-link", "[liên kết](x/){onmouseover=alert(1)}", "thuộc tính onmouseover"),
    ("blocks-html-attribute", '/// html | div[onclick="alert(1)"]\nx\n///', "thuộc tính onclick"),
    ("formaction", "<button formaction=javascript:alert(1)>x</button>", "thẻ <button>"),
    ("isindex", "<isindex action=javascript:alert(1) type=image>", "thẻ <isindex>"),
    # URLs
    ("a-javascript", '<a href="javascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-upper", '<A HREF="JAVASCRIPT:alert(1)">x</A>', "liên kết javascript:"),
    ("a-javascript-single-quotes", "<a href='javascript:alert(1)'>x</a>", "liên kết javascript:"),
    ("a-javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-newline-entity", '<a href="jav&#x0A;ascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-newline", '<a href="java\nscript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-leading-space", '<a href="  javascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-leading-control", '<a href="\x01javascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-leading-entity", '<a href=" &#14;  javascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-decimal", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-hex", '<a href="&#x6A;avascript:alert(1)">x</a>', "liên kết javascript:"),
    ("a-javascript-colon-entity", "<a href=javascript&colon;alert(1)>x</a>", "liên kết javascript:"),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>', "liên kết vbscript:"),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "liên kết data:"),
    ("img-javascript", '<IMG SRC="javascript:alert(1);">', "địa chỉ ảnh javascript:"),
    ("img-javascript-mixed-case", "<IMG SRC=JaVaScRiPt:alert(1)>", "địa chỉ ảnh javascript:"),
    ("img-data-svg", '<img src="data:image/svg+xml,<svg onload=alert(1)>">', "địa chỉ ảnh data:"),
    ("img-srcset-javascript", '<img src="x.jpg" srcset="javascript:alert(1) 1x">', "địa chỉ ảnh javascript:"),
    ("source-srcset-data", '<picture><source srcset="data:image/png,x" type="image/png"><img src="a.jpg"></picture>', "địa chỉ ảnh data:"),
    ("md-link-javascript", "[x](javascript:alert(1))", "liên kết javascript:"),
    ("md-link-mixed-case", "[x](JaVaScRiPt:alert(1))", "liên kết javascript:"),
    ("md-link-entity", "[x](java&#x09;script:alert(1))", "liên kết javascript:"),
    ("md-link-vbscript", "[x](vbscript:msgbox)", "liên kết vbscript:"),
    ("md-link-data", "[x](data:text/html,<script>alert(1)</script>)", "liên kết data:"),
    ("md-link-reference", "[x][1]\n\n[1]: javascript:alert(1)", "liên kết javascript:"),
    ("md-image-javascript", "![x](javascript:alert(1))", "địa chỉ ảnh javascript:"),
    ("md-image-data", "![x](data:image/png;base64,iVBORw0KGgo=)", "địa chỉ ảnh data:"),
    ("a-mixed-with-id", '<a href="javascript:alert(1)" id="__config">x</a>', "liên kết javascript:"),
    # frames, documents, forms
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>', "khung nhúng <iframe>"),
    ("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>', "khung nhúng <iframe>"),
    ("iframe-other-host", '<iframe src="https://www.facebook.com/plugins/video.php?href=x"></iframe>', "khung nhúng <iframe> từ www.facebook.com"),
    ("iframe-lookalike-host", '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>', "khung nhúng <iframe>"),
    ("iframe-userinfo", '<iframe src="https://www.youtube.com@evil.example/embed/x"></iframe>', "khung nhúng <iframe>"),
    ("iframe-content", '<iframe src="https://www.youtube.com/embed/abc"><script>alert(1)</script></iframe>', "nội dung bên trong thẻ <iframe>"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "thẻ <meta>"),
    ("base-href", '<base href="javascript:alert(1)//">', "thẻ <base>"),
    ("link-stylesheet", '<link rel=stylesheet href="javascript:alert(1)">', "thẻ <link>"),
    ("form-action", '<form action="javascript:alert(1)"><input type=submit></form>', "thẻ <form>"),
    ("input-image", '<INPUT TYPE="IMAGE" SRC="javascript:alert(1);">', "thẻ <input>"),
    ("textarea", "<textarea><img src=x onerror=alert(1)></textarea>", "thẻ <textarea>"),
    ("select", "<select><option><img src=x onerror=alert(1)></option></select>", "thẻ <select>"),
    ("title", "<title><img src=x onerror=alert(1)></title>", "thẻ <title>"),
    ("xmp", "<xmp><img src=x onerror=alert(1)></xmp>", "thẻ <xmp>"),
    ("object", '<object data="javascript:alert(1)"></object>', "thẻ <object>"),
    ("embed", '<embed src="javascript:alert(1)">', "thẻ <embed>"),
    ("table-background", '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>', "thuộc tính background"),
    # SVG and MathML
    ("svg-script", "<svg><script>alert(1)</script></svg>", "thẻ <svg>"),
    ("svg-a-xlink", '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>', "thẻ <svg>"),
    ("svg-style-mutation", "<svg><style><img src=x onerror=alert(1)></style></svg>", "thẻ <svg>"),
    ("math-href", '<math href="javascript:alert(1)">x</math>', "thẻ <math>"),
    ("math-mglyph-mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "thẻ <math>"),
    # CSS
    ("style-element", '<style>@import "javascript:alert(1)";</style>', "thẻ <style>"),
    ("style-expression", '<div style="width: expression(alert(1));">x</div>', "thuộc tính style"),
    ("style-url", '<p style="background:url(javascript:alert(1))">x</p>', "thuộc tính style"),
    ("style-on-td", '<table><tr><td style="position:fixed;top:0">x</td></tr></table>', "thuộc tính style"),
    # comments, page chrome, unclosed markup
    ("comment-payload", "<!--<img src=x onerror=alert(1)>-->", "ghi chú HTML"),
    ("comment-note", "Chữ.\n\n<!-- chưa duyệt: số liệu tạm -->", "ghi chú HTML"),
    ("id-config", '<p id="__config">{"search": "https://evil.example/w.js"}</p>', 'id="__config"'),
    ("id-theme", '<div id="kc-search-q">x</div>', 'id="kc-search-q"'),
    ("class-chrome", '<span class="md-dialog md-dialog--active">giả thông báo</span>', "lớp (class) 'md-dialog md-dialog--active'"),
    ("target-blank", '<a href="https://a.vn/" target="_blank">a</a>', "thuộc tính target"),
    ("unclosed-bold", "Chữ <b>đậm mãi", "thẻ <b> chưa đóng"),
    ("unclosed-div", "<div>\nkhông đóng", "thẻ <div> chưa đóng"),
    ("unclosed-table", "<table><tr><td>x", "thẻ <table> chưa đóng"),
    ("stray-div", "a\n\n</div>\n\nb", "thẻ đóng </div> thừa"),
    ("unterminated-comment", "<div>\n<!-- ghi chú chưa đóng\n</div>\n\nchữ", "chưa kết thúc"),
    ("attribute-quote-breakout", '<p title="--><script>alert(1)</script>">', "thẻ <p> chưa đóng"),
    ("cdata-bogus-comment", "<![CDATA[<img src=x onerror=alert(1)>]]>", "ghi chú HTML"),
    ("form-li-nesting", "<ul><li>a<form><li>b</li></form></li></ul>", "thẻ <li> ở đây lồng sai chỗ"),
]
# fmt: on
HOSTILE_IDS = [name for name, _, _ in HOSTILE]

# Tags, attributes and URL checks written independently of the module's own functions.
SAFE_SCHEMES = {"a": {"http", "https", "mailto", "tel"}}
IMAGE_ONLY = {"http", "https"}


def _scheme(value: str) -> str:
    """The WHATWG reading of a URL's scheme ('' when relative), with urllib."""
    cleaned = value.strip("".join(chr(c) for c in range(0x21)))
    cleaned = re.sub(r"[\t\n\r]", "", cleaned)
    return (
        urllib.parse.urlsplit(cleaned).scheme.lower()
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", cleaned)
        else ""
    )


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def assert_safe(out: str) -> None:
    parsed = _Elements()
    parsed.feed(out)
    parsed.close()
    assert not parsed.comments, out
    for tag, attrs in parsed.elements:
        assert tag in ALLOWED_TAGS, (tag, out)
        for name, value in attrs.items():
            value = value or ""
            assert name in GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set()), (tag, name, out)
            assert not name.startswith("on"), out
            if name == "style":
                assert re.fullmatch(r"text-align: ?(left|right|center);?", value), out
            if name in ("href", "src") and tag != "iframe":
                assert _scheme(value) in SAFE_SCHEMES.get(tag, IMAGE_ONLY) | {""}, out
            if name == "srcset":
                for part in re.split(r"[\s,]+", value):
                    assert _scheme(part) in IMAGE_ONLY | {""}, out
            if name == "id":
                assert not value.startswith(("__config", "__search", "__drawer", "kc-")), out
            if name == "class":
                assert not any(c.startswith("md-dialog") for c in value.split()), out
        if tag == "iframe":
            assert re.fullmatch(
                r"https://(www\.)?youtube(-nocookie)?\.com/embed/[\w-]+(\?[\w.~=&%-]*)?",
                attrs.get("src") or "",
            ), out
    assert not re.search(r"<iframe[^>]*>\s*[^<\s]", out), out  # no iframe content


@pytest.mark.parametrize("name,source,expected", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_input_is_neutralised_and_reported(name, source, expected):
    for html in (render(source), source):  # as Markdown renders it, and as raw HTML
        out = sanitize(html)
        assert_safe(out)
        assert sanitize(out) == out, "not idempotent"
    found = removals(source, 7)
    assert found, f"{name}: nothing reported"
    assert any(expected in r.message for r in found), [r.message for r in found]
    for r in found:
        assert 7 <= r.line <= 7 + source.count("\n"), r
        assert r.message and r.hint and r.hint.endswith("."), r


def test_hostile_corpus_is_large_and_varied():
    assert len(HOSTILE) >= 60
    assert len(set(HOSTILE_IDS)) == len(HOSTILE_IDS)
    kinds = {r.kind for _, source, _ in HOSTILE for r in removals(source, 1)}
    assert kinds >= {
        "content", "tag", "handler", "url", "iframe", "iframe-content", "style", "attribute",
        "class", "id", "comment", "unclosed", "stray", "page", "unterminated",
    }  # fmt: skip


# ============================================================================ Markdown corpus

# fmt: off
MARKDOWN = {
    "headings": "# Hội nghị khuyến công\n\n## Đà Nẵng và Đắk Lắk\n\n## Đà Nẵng và Đắk Lắk\n\n### 🎉\n\n#### Mục \"có\" & a < b, 3 > 2\n",
    "attr-list": "## Kết quả {#ket-qua .noi-bat}\n\nĐoạn có lớp.\n{: .ghi-chu }\n\n![Ảnh](anh/a.jpg){ width=600 loading=lazy }\n",
    "emphasis-breaks": "*nghiêng* **đậm** ***cả hai*** và `mã <b>` & \"ngoặc\" 'đơn'  \ndòng mới\n",
    "lists": "1. Một\n2. Hai\n    - con a\n    - con b\n3. Ba\n\n5. bắt đầu từ năm\n6. sáu\n\n- gạch\n- đầu dòng\n",
    "quote-code-hr": "> Trích dẫn **đậm**\n> dòng hai\n\n    mã <script>alert(1)</script>\n    & thụt lề\n\n---\n\nSau đường kẻ.\n",
    "links": "[Bộ Công Thương](https://moit.gov.vn/) [thư](mailto:kc@example.vn) [gọi](tel:+842513822123) [bài khác](../2023/bai.md) [mục](#ket-qua) [có tiêu đề](https://a.vn/?x=1&y=2 \"Tiêu đề\") <https://khuyencong.vn/> [tham chiếu][tc]\n\n[tc]: https://example.vn/tc \"TC\"\n",
    "images": "![Đoàn công tác tỉnh Long An](anh/doan.jpg \"Đoàn\")\n\n![](anh/khong-mo-ta.jpg)\n",
    "caption-blocks": "![Ảnh hội nghị](anh/hn.jpg)\n\n/// caption\nHội nghị tổng kết *năm 2021*<br>\ndòng hai\n///\n\n/// html | figure.kc-photo\n///\n\n/// caption\nChú thích\n///\n\nBảng số liệu\n\n/// figure-caption | <\nBảng 1\n///\n",
    "blocks-html": "/// html | div.ghi-chu\nNội dung **Markdown** trong khối.\n///\n\n/// html | blockquote\nTrích\n///\n",
    "md-in-html": "<div markdown=\"1\">\n*Markdown* trong div\n</div>\n\n<div class=\"note\" markdown>\n- a\n- b\n</div>\n",
    "entities": "&copy; 2024 &mdash; &#8220;ngoặc&#8221; &amp; &lt;thẻ&gt; &nbsp;cách&#160;cứng &para; &hellip;\n",
    "vietnamese-nfd": "Ho\u0300a Long, thu\u0309y\u0309, \u0110a\u0300 N\u0103\u0303ng — văn bản NFD từ Word\n",
    "nbsp-eth": "Ðà Nẵng\u00a0(chữ Ð Iceland) và khoảng\u00a0trắng cứng\n",
    "raw-allowed": "H<sub>2</sub>O, m<sup>2</sup>, <abbr title=\"Công nghiệp nông thôn\">CNNT</abbr>, <mark>chú ý</mark>, <small>nhỏ</small>, <kbd>Ctrl</kbd>\n\nDòng<br>ngắt<br/>và<br />thêm\n",
    "raw-table": "<table>\n<caption>Kinh phí</caption>\n<tr><th align=\"left\">Tỉnh</th><th>Triệu đồng</th></tr>\n<tr><td>Bình Dương</td><td align=\"right\">3.918</td></tr>\n</table>\n",
    "raw-figure-picture": "<figure class=\"kc-photo\">\n<picture><source srcset=\"anh/a.webp\" type=\"image/webp\"><img src=\"anh/a.jpg\" alt=\"Ảnh\" width=\"800\" height=\"600\" loading=\"lazy\"></picture>\n<figcaption>Chú thích</figcaption>\n</figure>\n",
    "youtube": "Video:\n\n<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?si=Ab_C1\" title=\"YouTube video player\" frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share\" referrerpolicy=\"strict-origin-when-cross-origin\" allowfullscreen></iframe>\n",
    "raw-misnested-fixed-by-browsers": "<div><p>đoạn không đóng</div>\n\nChữ <span>mở trong đoạn\n",
    "raw-uppercase-quotes": "<P CLASS='lead'>Chữ</P>\n\n<A HREF=https://a.vn/ TITLE=x>liên kết</A>\n",
    "body-tag-without-attributes": "<body>Nội dung dán cả trang</body>\n",
    "empty": "",
    "only-whitespace": "\n\n   \n",
    "long-paragraph": ("Hoạt động khuyến công " * 400).strip() + "\n",
}
# fmt: on


def _markdown_normal_form(html: str) -> str:
    """What html5ever's serialiser does to Python-Markdown's output (valid for it, which
    double-quotes every attribute and escapes '<' in values): void elements lose ' />',
    character references become characters except & < > (and " in attributes), U+00A0 is
    written &nbsp;."""

    def text(s: str, quote: bool) -> str:
        s = html_lib.unescape(s).replace("&", "&amp;").replace("\xa0", "&nbsp;")
        if quote:
            return s.replace('"', "&quot;")
        return s.replace("<", "&lt;").replace(">", "&gt;")

    def tag(m: re.Match) -> str:
        t = re.sub(r"\s*/>$", ">", m.group())
        return re.sub(
            r'="([^"]*)"',
            lambda a: '="' + text(a.group(1), True).replace("<", "&lt;").replace(">", "&gt;") + '"',
            t,
        )

    out = []
    for part in re.split(r"(<[^>]*>)", html):
        out.append(tag(re.match(r".*", part, re.S)) if part.startswith("<") else text(part, False))
    return "".join(out)


def _seed_bodies() -> dict[str, tuple[str, int]]:
    bodies = {}
    for path in sorted((ROOT / "content" / "tin-tuc").rglob("*.md")):
        parts = split(decode(path.read_bytes()))
        bodies[path.name] = (parts.body, parts.body_line)
    return bodies


def _imported_bodies() -> dict[str, str]:
    from site_plugins.importer import import_file
    from site_plugins.vocab import load_vocabulary

    vocab = load_vocabulary()
    files = sorted((ROOT / "tests" / "data" / "import").glob("*/*.*"))
    files += sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
    return {f.name: import_file(f, vocab).body for f in files if f.suffix != ".py"}


def _synthetic_bodies(count: int = 40) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from synthetic import Generator
    finally:
        sys.path.pop(0)
    generator = Generator(seed=11)
    return {f"synthetic-{i}": split(generator.article()[2]).body for i in range(count)}


def benign_corpus() -> dict[str, str]:
    corpus = dict(MARKDOWN)
    corpus.update({name: body for name, (body, _) in _seed_bodies().items()})
    corpus.update(_imported_bodies())
    corpus.update(_synthetic_bodies())
    return corpus


BENIGN = benign_corpus()
MARKDOWN_ONLY = {  # no raw HTML: the normal form above describes the whole difference
    name: body
    for name, body in BENIGN.items()
    if not re.search(r"<(?!https?://)[A-Za-z/!]", re.sub(r"`[^`]*`|\n    [^\n]*", "", body))
}


def test_corpus_covers_the_seeds_imports_and_synthetic_articles():
    assert len(_seed_bodies()) == 5 and len(_imported_bodies()) >= 10
    assert {"headings", "links", "entities"} <= MARKDOWN_ONLY.keys()
    assert sum(name.startswith("synthetic-") for name in MARKDOWN_ONLY) == 40


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_clean_markdown_reports_nothing_and_keeps_its_content(name):
    source = BENIGN[name]
    html = render(source)
    out = sanitize(html)
    assert report(html, source, 1) == []
    assert removals(source, 1) == []
    assert sanitize(out) == out
    if name in MARKDOWN_ONLY:
        assert out == _markdown_normal_form(html)


def test_seed_articles_are_byte_identical():
    for name, (body, line) in _seed_bodies().items():
        html = render(body)
        assert sanitize(html) == html, name
        assert removals(body, line) == [], name


def test_the_documented_normalisation_is_all_there_is():
    html = render(
        MARKDOWN["headings"] + MARKDOWN["entities"] + MARKDOWN["emphasis-breaks"] + "\n---\n"
    )
    assert "&para;" in html and "<br />" in html and "<hr />" in html and "&copy;" in html
    out = sanitize(html)
    assert out == _markdown_normal_form(html) != html
    assert "¶" in out and "<br>" in out and "<hr>" in out and "©" in out and "“ngoặc”" in out
    assert "&amp; &lt;thẻ&gt; &nbsp;cách&nbsp;cứng" in out


# ============================================================================ idempotence, determinism


def _all_inputs() -> list[str]:
    inputs = [h for _, h in ALLOWED] + TRICKY
    for _, source, _ in HOSTILE:
        inputs += [source, render(source)]
    inputs += [render(body) for body in BENIGN.values()]
    return inputs


# Raw strings where one pass of the parser is not the end of the story.
TRICKY = [
    "\ufeff\ufeff<b>x</b>",  # the parser drops one leading byte-order mark per pass
    '</iframe>\ufeff--><iframe src="https://youtube.com/embed/x">a<select>',
    "<li>a<form><li>b",  # without the form, a list item inside a list item
    "<li><form><li>b",
    "<pre>\n\n\nba dòng</pre>",  # the parser drops a newline after <pre>
    "<tablesrc(script<pre>\n\nx",  # a tag name with "<pre>" inside
    "<![CDATA[x]]><![",  # Python's own HTML parser raises on some of these
    "<div><![ x",
]


def _char_soup(seed: int, count: int) -> list[str]:
    """Random strings of markup pieces: the inputs no one thinks of."""
    import random

    pieces = list("<>/=\"' \n\tab!-&#;x:\x00\ufeff\r`*|[](){}") + [
        "script", "iframe", "svg", "math", "img", "a", "p", "div", "b", "li", "ul", "table",
        "td", "tr", "pre", "style", "title", "textarea", "noscript", "on", "href", "src",
        "javascript", "<!--", "-->", "<![CDATA[", "<![", "]]>", "&#x0A;", "&amp;", "&para",
        "&copy=", "///", "<pre>\n", '<iframe src="https://youtube.com/embed/x">', "</iframe>",
        "<plaintext>", "<xmp>", "<select>", "<option>", "<template>", "<form>", "<li>",
        "<html a=1>", "<body b=2>", "</div>", "<?x?>", "<!doctype html>",
        '<a href="javascript:x">', "<img src=x onerror=y>", "Đà Nẵng",
    ]  # fmt: skip
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, 40))) for _ in range(count)]


def test_never_fails_and_stays_idempotent_on_markup_soup():
    for source in TRICKY + _char_soup(5, 1500):
        for html in (source, render(source)):
            once = sanitize(html)
            assert sanitize(once) == once, repr(html)
            assert_safe(once)
            for r in report(html, source, 4):
                assert 4 <= r.line <= 4 + source.count("\n"), (r, repr(source))


def test_idempotent_on_everything():
    for html in _all_inputs():
        once = sanitize(html)
        assert sanitize(once) == once, html[:200]
        assert report(once, once, 1) == [], html[:200]


DETERMINISM_SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from tests.test_sanitize import _all_inputs, HOSTILE
from site_plugins.sanitize import sanitize, removals
digest = hashlib.sha256()
for html in _all_inputs():
    digest.update(sanitize(html).encode())
for _, source, _ in HOSTILE:
    digest.update(json.dumps([(r.line, r.message, r.hint) for r in removals(source, 3)]).encode())
print(digest.hexdigest())
"""


def test_deterministic_across_processes_and_hash_seeds():
    digests = set()
    for seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT, str(ROOT)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# ============================================================================ staff report


def test_report_lines_messages_and_hints():
    source = "\n".join(
        [
            "Đoạn đầu nhắc `<img onerror=x>` trong mã, không phải thẻ.",  # 10
            "",  # 11
            "<img src=anh.jpg onerror=alert(1)>",  # 12
            "",  # 13
            "[Bấm vào đây](javascript:alert(1)) rồi [đây nữa](java&#x09;script:alert(2))",  # 14
            "",  # 15
            '## Mục {#__config onclick="x()"}',  # 16
            "",  # 17
            "<script>",  # 18
            "alert(1)",  # 19
            "</script>",  # 20
            "",  # 21
            "    <img src=x onerror=alert(3)> trong khối mã",  # 22
            "",  # 23
            "<img src=x",  # 24
            '  onerror="alert(4)">',  # 25
            "",  # 26
            "<!-- ghi chú nội bộ -->",  # 27
            "",  # 28
            '<iframe src="https://evil.example/v"></iframe>',  # 29
            "",  # 30
            '<p style="color:red" class="md-header lead">Đỏ</p>',  # 31
            "",  # 32
            "<div>",  # 33
            "không đóng",  # 34
        ]
    )
    found = [(r.line, r.kind, r.message) for r in removals(source, 10)]
    assert found == [
        (12, "handler", "thuộc tính onerror của thẻ <img> (mã chạy trên trang) sẽ bị bỏ khi đăng."),
        (14, "url", "liên kết javascript: sẽ bị bỏ khi đăng (chữ của liên kết vẫn giữ)."),
        (
            16,
            "id",
            'mã định danh id="__config" của thẻ <h2> sẽ bị bỏ khi đăng: mã bắt đầu bằng __ hay kc- dành cho giao diện trang.',
        ),
        (16, "handler", "thuộc tính onclick của thẻ <h2> (mã chạy trên trang) sẽ bị bỏ khi đăng."),
        (18, "content", "thẻ <script> sẽ bị bỏ khi đăng, cả nội dung bên trong."),
        (25, "handler", "thuộc tính onerror của thẻ <img> (mã chạy trên trang) sẽ bị bỏ khi đăng."),
        (27, "comment", "ghi chú HTML <!-- … --> sẽ bị bỏ khi đăng (không có trên trang)."),
        (
            29,
            "iframe",
            "khung nhúng <iframe> từ evil.example sẽ bị bỏ khi đăng: chỉ nhận video YouTube.",
        ),
        (
            31,
            "class",
            "lớp (class) 'md-header' của thẻ <p> sẽ bị bỏ khi đăng: lớp bắt đầu bằng md- hay kc- dành cho giao diện trang.",
        ),
        (31, "style", "thuộc tính style của thẻ <p> sẽ bị bỏ khi đăng."),
        (33, "unclosed", "thẻ <div> chưa đóng: khi đăng sẽ được đóng ở cuối bài."),
    ]
    hints = {r.kind: r.hint for r in removals(source, 10)}
    assert "không chạy mã JavaScript" in hints["handler"]
    assert "http://, https://, mailto:, tel:" in hints["url"]
    assert "video YouTube" in hints["iframe"]
    assert "Thêm </div>" in hints["unclosed"]


def test_both_javascript_links_on_one_line_are_reported_once_each_line():
    source = "a\n\n[x](javascript:alert(1))\n\n[y](java&#x09;script:alert(2))\n"
    assert [(r.line, r.kind) for r in removals(source, 5)] == [(7, "url"), (9, "url")]


def test_removal_is_a_problem_of_the_file():
    (found,) = removals("a\n\n<b onclick=x>b</b>", 12)
    assert found.format("content/tin-tuc/2025/bai.md") == (
        "content/tin-tuc/2025/bai.md:14: thuộc tính onclick của thẻ <b> (mã chạy trên trang) "
        "sẽ bị bỏ khi đăng. Cách sửa: Trang tin không chạy mã JavaScript: xóa đoạn mã này. "
        "Muốn nhúng video, dán mã <iframe> lấy từ nút Chia sẻ › Nhúng của YouTube."
    )
    problem = found.problem("content/tin-tuc/2025/bai.md")
    assert (problem.line, problem.field, problem.message) == (14, None, found.message)


def test_report_values_are_bounded_and_control_characters_shown():
    source = '<p class="md-' + "x" * 500 + '\x1b[31m">a</p>'
    (found,) = removals(source, 1)
    assert len(found.message) < 200
    assert "\x1b" not in found.message and "…" in found.message


def test_report_names_only_the_refused_class_tokens_and_keeps_the_others():
    source = '<p class="lead md-header kc-photo kc-problems">a</p>'
    assert sanitize(render(source)) == '<p class="lead kc-photo">a</p>'
    (found,) = removals(source, 1)
    assert "'md-header kc-problems'" in found.message


def test_theme_ids_are_reserved():
    material = Path(__import__("material").__file__).parent / "templates"
    ids = set()
    for folder in (ROOT / "theme_overrides", material):
        for path in folder.rglob("*.html"):
            ids |= set(re.findall(r'\bid="([^"{}]+)"', path.read_text(encoding="utf-8")))
    assert {"__config", "__search", "kc-search-q"} <= ids
    for value in sorted(ids):
        assert sanitize(f'<p id="{value}">x</p>') == "<p>x</p>", value


def test_default_markdown_extensions_are_those_of_mkdocs_yml():
    from mkdocs.utils.yaml import yaml_load

    from site_plugins.sanitize import _default_extensions

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options
        else:
            names.append(item)
    assert (names, configs) == _default_extensions()


# ============================================================================ Chromium

# An article page as the portal writes it (render.article_page joins its parts with newlines),
# inside Material's main elements. html and body carry no attributes, so any the body tries to
# add shows.
PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Bài</title></head><body>'
    '<header class="md-header"><form class="md-search"><input id="__search"></form></header>'
    '<div class="md-container"><main class="md-main"><div class="md-main__inner">'
    '<div class="md-content"><article class="md-content__inner md-typeset">'
    '<article class="kc-article">\n<header class="kc-article__header"><h1>Bài</h1></header>\n'
    '<div class="kc-article__body">\n{body}\n</div>\n'
    '<footer class="kc-article__footer"><p>Nguồn: <a href="/nguon/">Sở Công Thương</a></p></footer>\n'
    "</article></article></div></div></main>"
    '<footer class="md-footer"><p>Bản quyền</p></footer></div>'
    '<script id="__config" type="application/json">{{}}</script></body></html>'
)

# Parsed with DOMParser: nothing runs, nothing is fetched; the page's DOM as a reader gets it.
SAME_DOM = """pairs => pairs.map(([a, b]) => {
    const parse = html => new DOMParser().parseFromString(html, "text/html").documentElement.outerHTML;
    return parse(a) === parse(b);
})"""

EXTRA_CONSISTENCY = {  # raw HTML that browsers fix the same way with or without sanitising
    "misnested": "<div><p>x</div>",
    "span-closed-by-paragraph": "Chữ <span>mở",
    "body-no-attributes": "<body>t</body>",
    "stray-span": "a </span> b",
    "stray-paragraph-end": "a\n\n</p>\n\nb",
    "frameset-ignored": "<frameset onload=alert(1)>",
    "td-outside-table": "<td>ô</td>",
    "escaped-by-markdown": 'x <a href="y',
    "comment-escaped-by-markdown": "<!-- ghi chú chưa đóng\n\nchữ",
    "incomplete-tag-markdown": "<img src=x onerror=alert(1)//",
    "space-in-scheme": "[x](<java script:alert(1)>)",
    "unclosed-list-item": "<ul><li>a</ul>",
    "nested-list-open": "<ul><li>a<ul><li>b</li></ul>",
    "html-with-lang": '<html lang="en">x</html>',
    "trailing-formatting": "<p><b><i>kết thúc</p>",
}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(java_script_enabled=True)
    context.route("**/*", lambda route: route.abort())
    p = context.new_page()
    p.set_content("<!doctype html><title>t</title>")
    yield p
    context.close()


def test_report_is_non_empty_exactly_when_the_page_changes(page):
    cases = {name: source for name, source, _ in HOSTILE}
    cases.update({f"benign-{k}": v for k, v in BENIGN.items() if not k.startswith("synthetic-")})
    cases.update(EXTRA_CONSISTENCY)
    names = sorted(cases)
    pairs = []
    for name in names:
        html = render(cases[name])
        pairs.append([PAGE.format(body=html), PAGE.format(body=sanitize(html))])
    same = page.evaluate(SAME_DOM, pairs)
    disagreements = []
    for name, unchanged in zip(names, same, strict=True):
        reported = bool(removals(cases[name], 1))
        if reported == unchanged:
            disagreements.append(
                (name, "page unchanged" if unchanged else "page changed", reported)
            )
    assert not disagreements
    assert sum(not s for s in same) >= len(HOSTILE)  # the oracle does see changes


@pytest.mark.parametrize("seed,hostile", [(1, True), (2, False)])
def test_report_agrees_with_the_page_on_random_mixtures(page, seed, hostile):
    """Bodies stitched from the tables above (hostile pieces, clean Markdown, allowed and
    misnested raw HTML) in random order and spacing: the same agreement holds."""
    import random

    pieces = [h for _, h in ALLOWED] + list(MARKDOWN.values()) + list(EXTRA_CONSISTENCY.values())
    if hostile:
        pieces += [source for _, source, _ in HOSTILE]
    rng = random.Random(seed)
    sources = [
        rng.choice(["\n\n", "\n", " ", ""]).join(rng.choices(pieces, k=rng.randint(1, 4)))
        for _ in range(300)
    ]
    pairs, reported = [], []
    for source in sources:
        html = render(source)
        pairs.append([PAGE.format(body=html), PAGE.format(body=sanitize(html))])
        reported.append(bool(report(html, source, 1)))
    same = page.evaluate(SAME_DOM, pairs)
    wrong = [s for s, r, u in zip(sources, reported, same, strict=True) if r == u]
    assert not wrong
    assert 30 < sum(reported) < 300 or not hostile  # both verdicts occur


def test_report_agrees_with_the_page_on_markup_soup(page):
    sources = TRICKY + _char_soup(8, 400)
    pairs, reported = [], []
    for source in sources:
        html = render(source)
        pairs.append([PAGE.format(body=html), PAGE.format(body=sanitize(html))])
        reported.append(bool(report(html, source, 1)))
    same = page.evaluate(SAME_DOM, pairs)
    assert [s for s, r, u in zip(sources, reported, same, strict=True) if r == u] == []


# Runs before any script of the page: every way a payload could show itself is recorded.
PROBE = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__fired.push(name + ":" + args.join(",")); };
}
addEventListener("click", e => e.preventDefault(), true);  // no navigation when clicking
"""

TRIGGER = """() => {
    const events = ["click", "dblclick", "mouseover", "mouseenter", "mousemove", "focus",
                    "focusin", "blur", "toggle", "load", "error", "animationstart",
                    "pointerover", "pointerdown", "keydown", "input", "change", "submit"];
    for (const el of document.querySelectorAll("body *")) {
        for (const type of events) {
            try { el.dispatchEvent(new Event(type, {bubbles: true})); } catch (e) {}
        }
        if (el.focus) { try { el.focus(); } catch (e) {} }
    }
    const urls = [];
    for (const el of document.querySelectorAll("body *")) {
        for (const attr of el.getAttributeNames()) {
            const value = el.getAttribute(attr);
            if (["href", "src", "action", "formaction", "data", "poster", "background",
                 "xlink:href", "ping"].includes(attr)) {
                urls.push(new URL(value, location.href).protocol);
            }
            if (attr === "srcset") {
                for (const part of value.split(/[\\s,]+/)) {
                    if (part) urls.push(new URL(part, location.href).protocol);
                }
            }
        }
    }
    return urls;
}"""

# Raw (unsanitised) versions the probe must catch: proof that it can see a payload run.
LIVE_WHEN_RAW = {
    "script", "script-upper", "script-in-paragraph", "blocks-html-script", "img-onerror",
    "img-onmouseover", "a-onclick", "b-onclick-inline", "svg-onload", "details-ontoggle",
    "attr-list-heading", "attr-list-image", "blocks-html-attribute", "svg-script",
    "iframe-srcdoc", "a-javascript", "md-link-javascript", "md-link-entity", "a-javascript-hex",
    "a-javascript-tab-entity", "noscript-mutation",
}  # fmt: skip


def _run(page, html: str, dialogs: list) -> tuple[list, list, list]:
    """Load ``html`` as an article page with scripts on; (calls recorded, dialogs, URL schemes)."""
    document = PAGE.format(body=html)
    page.context.unroute("**/*")
    page.context.route(
        "**/*",
        lambda route: (
            route.fulfill(body=document, content_type="text/html; charset=utf-8")
            if route.request.url == "http://kc.test/bai/"
            else route.abort()
        ),
    )
    dialogs.clear()
    page.goto("http://kc.test/bai/", wait_until="load")
    page.wait_for_timeout(50)
    schemes = page.evaluate(TRIGGER)
    page.wait_for_timeout(50)
    fired = []
    for frame in page.frames:
        # A frame gone or cross-origin: its dialogs still show in ``dialogs``.
        with contextlib.suppress(Exception):
            fired += frame.evaluate("() => window.__fired || []")
    return fired, list(dialogs), schemes


def test_no_hostile_input_runs_in_chromium_after_sanitising(browser):
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    dialogs: list = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        ran_raw = set()
        for name, source, _ in HOSTILE:
            html = render(source)
            fired, shown, schemes = _run(page, sanitize(html), dialogs)
            assert not fired and not shown, (name, fired, shown)
            assert set(schemes) <= {"http:", "https:", "mailto:", "tel:"}, (name, schemes)
            assert page.url == "http://kc.test/bai/", name  # no redirect or refresh
            if name in LIVE_WHEN_RAW:
                fired, shown, schemes = _run(page, html, dialogs)
                if fired or shown or "javascript:" in schemes:
                    ran_raw.add(name)
        assert ran_raw == LIVE_WHEN_RAW
    finally:
        context.close()


def test_clean_markdown_gives_the_same_page_in_chromium(page):
    names = sorted(BENIGN)
    pairs = []
    for name in names:
        html = render(BENIGN[name])
        pairs.append([PAGE.format(body=html), PAGE.format(body=sanitize(html))])
    same = page.evaluate(SAME_DOM, pairs)
    assert [n for n, s in zip(names, same, strict=True) if not s] == []


def test_messages_are_json_safe_for_ci_annotations():
    for _, source, _ in HOSTILE:
        for r in removals(source, 1):
            json.dumps(r.message, ensure_ascii=False)
            assert "\n" not in r.message and "\n" not in r.hint
