"""What one search costs a reader: bytes downloaded and time to the first result, measured in
Debian's Chromium (through Playwright; never a browser Playwright downloads itself) on a built
site served from 127.0.0.1.

    python scripts/search_bench.py SITE_DIR ["query" ...] [--prefix /khuyencong/]

For each query a fresh browser context (empty cache, like a first visit) opens
``tim-kiem/?q=<query>``; the page loads the index files it needs (search/meta.json,
search/docs.bin, the shards of the query's keys, then d/<id>.json of the ten results shown).
Reported per query:

- ``bytes``: sum of the response body sizes of every request under ``search/`` (Playwright's
  ``request.sizes()``; this local server sends files uncompressed);
- ``gzip_bytes``: the same files gzip-compressed (level 6), an estimate of what a server that
  compresses (GitHub Pages does) sends;
- ``requests``: number of those requests;
- ``first_result_ms``: time from the start of navigation to the first result in the page
  (``performance.mark`` set by kc-search.js once the first results are in the DOM, checked
  visible); None when there is no result;
- ``done_ms``: time from the start of navigation to the search being finished (results or
  "Không tìm thấy…" shown).

``scripts/benchmark.py`` calls ``measure``; the figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
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
                first = None
                if count:
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


def format_table(rows: list[dict]) -> str:
    head = ("truy vấn", "kết quả", "tệp", "KB", "KB gzip", "ms kết quả đầu", "ms xong")
    lines = [head]
    for r in rows:
        first = "–" if r["first_result_ms"] is None else f"{r['first_result_ms']:.0f}"
        lines.append(
            (
                r["query"],
                str(r["results"]),
                str(r["requests"]),
                f"{r['bytes'] / 1000:.1f}",
                f"{r['gzip_bytes'] / 1000:.1f}",
                first,
                f"{r['done_ms']:.0f}",
            )
        )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="thư mục trang đã dựng (mkdocs build)")
    parser.add_argument("queries", nargs="*", help="các truy vấn (mặc định: một bộ mẫu)")
    parser.add_argument("--prefix", default="/", help="đường dẫn dự án, ví dụ /khuyencong/")
    args = parser.parse_intermixed_args(argv)
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    rows = measure(args.site_dir, args.queries or DEFAULT_QUERIES, prefix=prefix)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
