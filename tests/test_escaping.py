"""Hostile but allowed strings (quotes, ampersands, 'onerror=', 'javascript:') in every
front-matter field reach HTML text and attributes, JSON-LD, feeds, the search index and URLs
only escaped. (Tags like <script> are refused earlier, by the validator.)"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import feedparser
from markupsafe import escape

from tests.conftest import article

TITLE = "Tin \"nóng\" & 'mới' onerror=alert(1) javascript:alert(2)"
SUMMARY = 'Sapo " onmouseover="alert(3)" & <3'
TAG = 'thẻ "x" onerror=y'
AUTHOR = 'O\'Brien "Trần" & cộng sự'
SOURCE = 'Báo "A" & B'


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_hostile_strings_are_escaped_everywhere(build_site):
    build = build_site(
        {
            "tin-tuc/2024/x.md": article(
                title=json.dumps(TITLE, ensure_ascii=False),
                summary=json.dumps(SUMMARY, ensure_ascii=False),
                tags="[" + json.dumps(TAG, ensure_ascii=False) + "]",
                author=json.dumps(AUTHOR, ensure_ascii=False),
                source=json.dumps(SOURCE, ensure_ascii=False),
            ),
            "tin-tuc/2024/y.md": article(title="Bài khác cùng chuyên mục", date="2024-03-01"),
        },
        site_url="https://example.org/cong-tin/",
    )
    assert build.ok, build.log
    pages = [p for p in build.site.rglob("*.html")]
    for page in pages:
        parser = _Elements()
        parser.feed(page.read_text("utf-8"))
        names = {k for _, k, _ in parser.attrs}
        assert not any(n.startswith("on") for n in names), page
        for _tag, key, value in parser.attrs:
            if key in ("href", "src"):
                assert not value.strip().lower().startswith("javascript:"), (page, value)
    html = build.html("tin-tuc/2024/x")
    # Templates escape with markupsafe: " and ' as numeric references.
    assert f"<h1>{escape(TITLE)}</h1>" in html
    assert (
        "<h1>Tin &#34;nóng&#34; &amp; &#39;mới&#39; onerror=alert(1) javascript:alert(2)</h1>"
        in html
    )
    assert 'content="Sapo &quot; onmouseover=&quot;alert(3)&quot; &amp; &lt;3"' in html
    # JSON-LD: parses back to the exact strings; no markup character inside the script.
    parser = _Elements()
    parser.feed(html)
    ld = [json.loads(s) for s in parser.scripts if s.startswith('{"@context"')]
    news = next(d for d in ld if d["@type"] == "NewsArticle")
    assert news["headline"] == TITLE and news["description"] == SUMMARY
    assert news["author"][0]["name"] == AUTHOR and news["keywords"] == [TAG]
    assert all("<" not in s and ">" not in s for s in parser.scripts if s.startswith('{"@context"'))
    # Feeds and the search index carry the exact text, properly encoded.
    feed = feedparser.parse((build.site / "rss.xml").read_bytes())
    assert not feed.bozo and TITLE in [e.title for e in feed.entries]
    docs = [json.loads(p.read_text("utf-8")) for p in (build.site / "search/d").glob("*.json")]
    assert TITLE in [d["t"] for d in docs]
    # URLs are plain ASCII slugs.
    urls = [d["u"] for d in docs]
    assert all(re.fullmatch(r"[a-z0-9/-]+", u) for u in urls), urls
    assert (build.site / "the/the-x-onerror-y/index.html").exists()
