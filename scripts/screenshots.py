"""Screenshots of the portal at phone and desktop widths, to look at the layout.

    python scripts/screenshots.py OUT_DIR [--site SITE_DIR] [--widths 375 1280]
                                          [--prefix /khuyencong/]

Without ``--site`` the repository itself (content/: the seed articles) is built with
``mkdocs build`` into a temporary folder; with ``--site`` an already built site is used as is.
The site is served on 127.0.0.1 under ``--prefix`` (as GitHub Pages serves a project site) and
Debian's Chromium (/usr/bin/chromium, driven by Playwright; never a downloaded browser) saves
full-page PNGs into OUT_DIR:

    home-375.png      article-375.png      category-375.png      contact-375.png
    home-1280.png     article-1280.png     category-1280.png     contact-1280.png
    home-375-fold.png (the first two screens a phone shows: 375 × 1334, not the full page)
    article-print.pdf (the article as the browser prints it, A4)

The article is the home page's headline ("Tin mới nhất"), the listing is that article's
category page, so nothing depends on particular articles. Prints the files it wrote.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from chromium import CHROMIUM, launch
from static_server import serve

ROOT = Path(__file__).resolve().parent.parent


def build(site_dir: Path, site_url: str) -> None:
    """``mkdocs build`` of the repository into site_dir (the repository is not written to)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def shoot(base: str, out: Path, widths: list[int]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        sys.exit(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    written: list[Path] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base)
            headline = page.locator(".kc-home__headline a").first
            if headline.count() == 0:
                sys.exit("the home page has no headline article (.kc-home__headline a)")
            article = urljoin(page.url, headline.get_attribute("href"))
            page.goto(article)
            category_link = page.locator(".kc-meta .kc-category").first
            category = urljoin(page.url, category_link.get_attribute("href"))
            contact_link = page.locator(".kc-footer__links a").nth(1)
            contact = urljoin(page.url, contact_link.get_attribute("href"))
            targets = {"home": base, "article": article, "category": category, "contact": contact}
            for width in widths:
                # A short viewport: full-page shots show the whole page whatever its height.
                page.set_viewport_size({"width": width, "height": 800})
                for name, url in targets.items():
                    page.goto(url)
                    page.wait_for_load_state("networkidle")
                    path = out / f"{name}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
            # What a phone shows before any scrolling, and after one.
            page.set_viewport_size({"width": 375, "height": 1334})
            page.goto(base)
            page.wait_for_load_state("networkidle")
            fold = out / "home-375-fold.png"
            page.screenshot(path=str(fold))
            written.append(fold)
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(article)
            page.emulate_media(media="print")
            pdf = out / "article-print.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=False)
            written.append(pdf)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files (created if missing)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--widths", type=int, nargs="+", default=[375, 1280])
    parser.add_argument(
        "--prefix", default="/khuyencong/", help="URL path the site is served under"
    )
    args = parser.parse_args(argv)
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="kc-shots-") as tmp:
        site = args.site
        if site is None:
            # Serve first (the folder is only looked at per request), so that the site is
            # built with the very address it is served at (canonical links, 404 page).
            site = Path(tmp) / "site"
            server, base = serve(site, prefix)
            build(site, base)
        else:
            if not (site / "index.html").is_file():
                sys.exit(f"{site} is not a built site (no index.html)")
            server, base = serve(site, prefix)
        try:
            written = shoot(base, args.out, args.widths)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
