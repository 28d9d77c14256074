"""What searching costs a reader: bytes downloaded and time to the first results, measured in
Debian's Chromium (through Playwright; never a browser Playwright downloads itself) on a built
site served from 127.0.0.1.

    python scripts/search_bench.py SITE_DIR ["query" ...] [--prefix /khuyencong/] [--typing]

**A submitted query** (``measure``): for each query a fresh browser context (empty cache, like
a first visit) opens ``tim-kiem/?q=<query>``; the page loads the index files it needs
(search/meta.json, search/docs.bin, the shards of the query's keys, then d/<id>.json and
x/<id>.txt of the ten results shown, and names.json when there are few results). Reported per query:

- ``bytes``: sum of the response body sizes of every request under ``search/`` (Playwright's
  ``request.sizes()``; this local server sends files uncompressed);
- ``gzip_bytes``: the same files gzip-compressed (level 6), an estimate of what a server that
  compresses (GitHub Pages does) sends;
- ``results``: the phrase matches (the count shown); ``others``: the articles with the words
  apart, listed after them;
- ``requests``: number of those requests;
- ``first_result_ms``: time from the start of navigation to the first result in the page
  (``performance.mark`` set by kc-search.js once the first results are in the DOM, checked
  visible); None when there is no result;
- ``done_ms``: time from the start of navigation to the search being finished (results or
  "Không tìm thấy…" shown).

**Typing** (``measure_typing``, ``--typing``): for each query and each box (``page``: the
search page's box; ``header``: the header's box on an article page, its list of results), a
fresh context opens the page, clicks the box and types the query one character at a time,
waiting after each keystroke for its results (a slow typist: every keystroke is measured).
kc-search.js records each search run by typing as a ``performance.measure`` named
``kc-search-typing``, from the input event to the results in the page (its 60 ms debounce
included). Then the box is cleared and the query typed again: every index file is cached by
then. Reported per query and box:

- ``first_ms``: the first keystroke (nothing loaded yet: meta.json, docs.bin, words.json, the
  shards, the results' d/<id>.json, and on the search page their x/<id>.txt);
- ``rest_median_ms`` / ``rest_max_ms``: the other keystrokes of the first pass (files
  already fetched are reused; new shards and results are fetched);
- ``cached_max_ms``: the slowest keystroke of the second pass (the needed files cached);
- ``requests``, ``bytes``, ``gzip_bytes``: everything under ``search/`` fetched while typing
  the first pass (as above); ``cached_requests``: requests of the second pass (0: each file is
  fetched once per page view).

``scripts/benchmark.py`` calls both; the figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from chromium import CHROMIUM, launch
from static_server import serve

SEARCH_PAGE = "tim-kiem/"
DEFAULT_QUERIES = [
    "khuyến công",
    "khuyen cong",
    "Đắk Lắk",
    "Thanh Hoá",
    "hoa long",
    "cộng tác viên",
    "3.918 triệu đồng",
    "cụm công nghiệp Bình Dương",
    "xyzzy",
]


def _append(items: list, item) -> None:
    items.append(item)


def measure(
    site_dir: Path,
    queries: list[str],
    *,
    prefix: str = "/",
    timeout_ms: float = 30_000,
) -> list[dict]:
    """One dict per query: query, results, requests, bytes, gzip_bytes, first_result_ms,
    done_ms (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    if not (site_dir / "search" / "meta.json").is_file():
        raise SystemExit(f"{site_dir}: không có search/meta.json (chưa dựng trang?)")
    if not CHROMIUM.exists():
        raise SystemExit("thiếu /usr/bin/chromium (apt-get install chromium)")
    gzip_sizes: dict[Path, int] = {}

    def gzipped(path: Path) -> int:
        if path not in gzip_sizes:
            gzip_sizes[path] = len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
        return gzip_sizes[path]

    server, base = serve(site_dir, prefix)
    index_url = base + "search/"
    rows: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                finished: list = []
                page.on("requestfinished", functools.partial(_append, finished))
                page.goto(f"{base}{SEARCH_PAGE}?q={quote(query)}")
                page.wait_for_selector(
                    ".kc-search[data-kc-state=done], .kc-search[data-kc-state=error]",
                    timeout=timeout_ms,
                )
                state = page.get_attribute(".kc-search", "data-kc-state")
                if state != "done":
                    shown = page.inner_text(".kc-search__status")
                    raise RuntimeError(f"{query!r}: tìm kiếm lỗi ({shown})")
                count = int(page.get_attribute(".kc-search", "data-kc-count") or 0)
                others = int(page.get_attribute(".kc-search", "data-kc-others") or 0)
                first = None
                if count + others:
                    page.wait_for_selector(".kc-result", state="visible", timeout=timeout_ms)
                    first = page.evaluate(
                        "performance.getEntriesByName('kc-search-results')[0].startTime"
                    )
                done = page.evaluate("performance.getEntriesByName('kc-search-done')[0].startTime")
                page.wait_for_load_state("networkidle")
                body = zipped = n = 0
                for request in finished:
                    if not request.url.startswith(index_url):
                        continue
                    n += 1
                    body += request.sizes()["responseBodySize"]
                    rel = unquote(urlsplit(request.url).path)[len(prefix) :]
                    zipped += gzipped(site_dir / rel)
                rows.append(
                    {
                        "query": query,
                        "results": count,
                        "others": others,
                        "requests": n,
                        "bytes": body,
                        "gzip_bytes": zipped,
                        "first_result_ms": None if first is None else round(first, 1),
                        "done_ms": round(done, 1),
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def _squeeze(text: str) -> str:
    """The box's text as kc-search.js searches it: NFC, spaces squeezed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# The duration of the typing search for ``text`` recorded after the first ``n`` ones.
_TYPED = """([n, text]) => {
    const runs = performance.getEntriesByName("kc-search-typing");
    for (let i = n; i < runs.length; i++) if (runs[i].detail.text === text) return runs[i].duration;
    return false;
}"""


def _type(page, field: str, query: str, timeout_ms: float) -> list[float]:
    """Type ``query`` into ``field`` one character at a time; the ms of each keystroke."""
    durations = []
    typed = ""
    for ch in query:
        typed += ch
        before = page.evaluate("performance.getEntriesByName('kc-search-typing').length")
        page.locator(field).press_sequentially(ch)
        if not _squeeze(typed):
            continue
        handle = page.wait_for_function(_TYPED, arg=[before, _squeeze(typed)], timeout=timeout_ms)
        durations.append(float(handle.json_value()))
    return durations


def measure_typing(
    site_dir: Path,
    queries: list[str],
    *,
    prefix: str = "/",
    boxes: tuple[str, ...] = ("page", "header"),
    timeout_ms: float = 30_000,
) -> list[dict]:
    """One dict per query and box: query, box, keystrokes, first_ms, rest_median_ms,
    rest_max_ms, cached_max_ms, requests, bytes, gzip_bytes, cached_requests (see the
    module docstring)."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    if not (site_dir / "search" / "meta.json").is_file():
        raise SystemExit(f"{site_dir}: không có search/meta.json (chưa dựng trang?)")
    if not CHROMIUM.exists():
        raise SystemExit("thiếu /usr/bin/chromium (apt-get install chromium)")
    article = json.loads((site_dir / "search" / "d" / "0.json").read_text("utf-8"))["u"]
    server, base = serve(site_dir, prefix)
    index_url = base + "search/"
    rows: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            for box in boxes:
                for query in queries:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    if box == "page":
                        page.goto(base + SEARCH_PAGE)
                        page.wait_for_selector(".kc-search[data-kc-state=idle]", timeout=timeout_ms)
                        field = "#kc-search-q"
                    else:
                        page.goto(base + article)
                        field = "#kc-search-box-q"
                    page.wait_for_load_state("networkidle")
                    finished: list = []
                    page.on("requestfinished", functools.partial(_append, finished))
                    page.click(field)
                    first_pass = _type(page, field, query, timeout_ms)
                    page.wait_for_load_state("networkidle")
                    fetched = [r for r in finished if r.url.startswith(index_url)]
                    finished.clear()
                    page.fill(field, "")
                    page.wait_for_timeout(200)
                    cached = _type(page, field, query, timeout_ms)
                    page.wait_for_load_state("networkidle")
                    again = [r for r in finished if r.url.startswith(index_url)]
                    body = sum(r.sizes()["responseBodySize"] for r in fetched)
                    zipped = sum(
                        len(gzip.compress(_local(site_dir, prefix, r.url), 6, mtime=0))
                        for r in fetched
                    )
                    rest = first_pass[1:] or [0.0]
                    rows.append(
                        {
                            "query": query,
                            "box": box,
                            "keystrokes": len(first_pass),
                            "first_ms": round(first_pass[0], 1),
                            "rest_median_ms": round(statistics.median(rest), 1),
                            "rest_max_ms": round(max(rest), 1),
                            "cached_max_ms": round(max(cached), 1),
                            "requests": len(fetched),
                            "bytes": body,
                            "gzip_bytes": zipped,
                            "cached_requests": len(again),
                        }
                    )
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def _local(site_dir: Path, prefix: str, url: str) -> bytes:
    return (site_dir / unquote(urlsplit(url).path)[len(prefix) :]).read_bytes()


def _table(head: tuple[str, ...], lines: list[tuple[str, ...]]) -> str:
    lines = [head, *lines]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for k, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells))
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def format_table(rows: list[dict]) -> str:
    head = ("truy vấn", "kết quả", "rời", "tệp", "KB", "KB gzip", "ms kết quả đầu", "ms xong")
    lines = []
    for r in rows:
        first = "–" if r["first_result_ms"] is None else f"{r['first_result_ms']:.0f}"
        lines.append(
            (
                r["query"],
                str(r["results"]),
                str(r.get("others", 0)),
                str(r["requests"]),
                f"{r['bytes'] / 1000:.1f}",
                f"{r['gzip_bytes'] / 1000:.1f}",
                first,
                f"{r['done_ms']:.0f}",
            )
        )
    return _table(head, lines)


def format_typing_table(rows: list[dict]) -> str:
    head = (
        "gõ truy vấn",
        "ô",
        "phím",
        "ms phím đầu",
        "ms sau (trung vị)",
        "ms sau (tối đa)",
        "ms khi đã có tệp (tối đa)",
        "tệp",
        "KB",
        "KB gzip",
        "tệp lần 2",
    )
    lines = [
        (
            r["query"],
            "trang tìm kiếm" if r["box"] == "page" else "đầu trang",
            str(r["keystrokes"]),
            f"{r['first_ms']:.0f}",
            f"{r['rest_median_ms']:.0f}",
            f"{r['rest_max_ms']:.0f}",
            f"{r['cached_max_ms']:.0f}",
            str(r["requests"]),
            f"{r['bytes'] / 1000:.1f}",
            f"{r['gzip_bytes'] / 1000:.1f}",
            str(r["cached_requests"]),
        )
        for r in rows
    ]
    return _table(head, lines)


TYPING_QUERIES = ["Thanh Hoá", "khuyến công Đắk Lắk", "cụm công nghiệp"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="thư mục trang đã dựng (mkdocs build)")
    parser.add_argument("queries", nargs="*", help="các truy vấn (mặc định: một bộ mẫu)")
    parser.add_argument("--prefix", default="/", help="đường dẫn dự án, ví dụ /khuyencong/")
    parser.add_argument(
        "--typing",
        action="store_true",
        help="đo thêm khi gõ từng phím (ô trang tìm kiếm, ô đầu trang)",
    )
    args = parser.parse_intermixed_args(argv)
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    rows = measure(args.site_dir, args.queries or DEFAULT_QUERIES, prefix=prefix)
    print(format_table(rows))
    if args.typing:
        typing = measure_typing(args.site_dir, args.queries or TYPING_QUERIES, prefix=prefix)
        print()
        print(format_typing_table(typing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
