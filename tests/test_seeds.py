"""The five seed articles: every sentence of each seed appears in its built page, portal chrome
does not, and what moved into front-matter (byline, date line, source) is shown as metadata."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from site_plugins.text import nfc
from tests.conftest import ROOT, SEEDS

SEED_MAP = yaml.safe_load((ROOT / "tests" / "seed_map.yml").read_text(encoding="utf-8"))
BLOCKS = {"p", "li", "h1", "h2", "h3", "figcaption", "br", "div", "header", "footer", "ol", "ul"}


class _ArticleText(HTMLParser):
    """Text of the page's <article class="kc-article">, one line per block."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "article" and ("class", "kc-article") in attrs):
            if tag == "article":
                self.depth += 1
            if tag in BLOCKS:
                self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.depth:
            if tag in BLOCKS:
                self.parts.append("\n")
            if tag == "article":
                self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", nfc(text)).strip()


def sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…;:])\s+", squash(line)) if s]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    from tests.conftest import make_project, run_mkdocs

    root = make_project(tmp_path_factory.mktemp("seeds"), {}, seeds=True)
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page_text(site, article_path: str) -> str:
    url = article_path.removesuffix(".md")
    parser = _ArticleText()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return "\n".join(squash(line) for line in "".join(parser.parts).split("\n") if line.strip())


@pytest.mark.parametrize("seed", sorted(SEED_MAP))
def test_every_sentence_of_the_seed_is_in_its_page(seed_site, seed):
    spec = SEED_MAP[seed]
    text = page_text(seed_site, spec["article"])
    flat = squash(text)
    page_lines = set(text.splitlines())
    lines = [squash(ln) for ln in (SEEDS / seed).read_text(encoding="utf-8").splitlines()]
    skipped = {squash(x) for x in spec["dropped_lines"] + spec["duplicate_lines"]}
    skipped |= {squash(x) for x in spec["moved_lines"]}
    missing = []
    numbered: list[tuple[int, str]] = []
    checked = 0
    for line in lines:
        if not line or line in skipped:
            continue
        for prefix in spec["dropped_prefixes"]:
            if line.startswith(squash(prefix)):
                line = line[len(squash(prefix)) :].strip()
        if item := re.match(r"^(\d+)\. ", line):  # a numbered list item: <ol> draws the number
            numbered.append((int(item[1]), line[item.end() :]))
            line = line[item.end() :]
        for sentence in sentences(line):
            checked += 1
            if sentence not in flat:
                missing.append(sentence)
        # Each paragraph, list item and caption line stands whole on its own line of the page:
        # nothing glued to it (a stray "\\", a neighbouring paragraph).
        if line not in page_lines:
            missing.append(f"(dòng) {line}")
    assert checked > 5
    assert not missing, "\n".join(missing)
    if numbered:  # the list keeps its numbering and its order
        html = (seed_site / spec["article"].removesuffix(".md") / "index.html").read_text("utf-8")
        items = re.findall(
            r"<li>(.*?)</li>",
            html.split('<div class="kc-article__body">', 1)[1]
            .split("<ol>", 1)[1]
            .split("</ol>", 1)[0],
            re.S,
        )
        assert [n for n, _ in numbered] == list(range(1, len(items) + 1))
        assert [squash(i) for i in items] == [squash(t) for _, t in numbered]


@pytest.mark.parametrize("seed", sorted(SEED_MAP))
def test_chrome_is_dropped_and_moved_lines_become_metadata(seed_site, seed):
    spec = SEED_MAP[seed]
    text = page_text(seed_site, spec["article"])
    lines = set(text.splitlines())
    for chrome in spec["dropped_lines"]:
        assert squash(chrome) not in lines
    for dup in spec["duplicate_lines"]:
        assert squash(text).count(squash(dup)) == 1
    html = (seed_site / spec["article"].removesuffix(".md") / "index.html").read_text("utf-8")
    for original, moved in spec["moved_lines"].items():
        value = moved["value"]
        if moved["field"] == "author":
            name = value["name"] if isinstance(value, dict) else value
            assert f"Tác giả: {name}" in text
            assert squash(original) not in lines  # the byline itself is gone from the body
        elif moved["field"] == "date":
            assert f'<time datetime="{value.isoformat()}">' in html
    for moved in spec["dropped_prefixes"].values():
        source = re.search(r'<p class="kc-source">(.*?)</p>', html, re.S)
        assert source and moved["value"] in source[1]


def test_legacy_dates_keep_their_precision(seed_site):
    html = (seed_site / "tin-tuc/2022").rglob("index.html").__next__().read_text("utf-8")
    assert '<time datetime="2022-01">Tháng 1/2022</time>' in html
    html = next((seed_site / "tin-tuc/2011").rglob("index.html")).read_text("utf-8")
    assert "Thứ Sáu, 16/09/2011, 09:12" in html


def test_captions_stay_captions(seed_site):
    html = next((seed_site / "tin-tuc/2018").rglob("index.html")).read_text("utf-8")
    # The seeds' photos were lost: each caption stays, without an empty photo frame.
    captions = re.findall(r'<div class="kc-caption-only">\s*<p>(.*?)</p>', html, re.S)
    assert captions == [
        "Đoàn trao đổi làm việc tại tỉnh Long An",
        "Đoàn trao đổi làm việc tại tỉnh Hậu Giang",
        "Đoàn chụp hình lưu niệm",
        "Đoàn tham quan khảo sát cơ sở công nghiệp nông thôn tiêu biểu",
    ]
    # A caption is never wrapped around the paragraph before it.
    assert not re.search(r"<figure[^>]*>\s*<p>", html)
    assert "<figure" not in html.split('class="kc-article__body"', 1)[1].split("</article>")[0]
