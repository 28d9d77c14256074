"""What photos cost: N synthetic articles built twice — without photos, then each with a
camera-sized photo (4000×3000 JPEG, 5–10 MB) — and the photo build again with its cache.
Prints figures only:

    python scripts/bench_photos.py [--sizes 1000] [--distinct 24] [--keep DIR]

- first build and cached rebuild (the image cache in .cache/khuyencong/images), in seconds and
  as ratios to the build without photos;
- bytes per article of the published site, pages and images apart;
- the number of articles with a photo each at which GitHub Pages' 1 GB limit is reached.

``--distinct`` camera photos are generated once (seeded, so runs are comparable) and
hard-linked under each article's own name: every article's photo is a separate source to the
pipeline (its name is part of the cache key), as on a real site, without N × 8 MB of disk.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import benchmark  # noqa: E402 (scripts/benchmark.py: the project and synthetic articles)

PAGES_LIMIT = benchmark.PAGES_LIMIT
IMAGE_SUFFIXES = (".webp", ".jpg", ".jpeg", ".png", ".gif", ".svg")


def build(project: Path, site: str) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", site],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return seconds


def sizes(site: Path) -> tuple[int, int]:
    """(bytes of images, bytes of everything else)."""
    images = other = 0
    for folder, _, names in os.walk(site):
        for name in names:
            size = os.lstat(os.path.join(folder, name)).st_size
            if name.lower().endswith(IMAGE_SUFFIXES):
                images += size
            else:
                other += size
    return images, other


def add_photos(project: Path, distinct: int) -> int:
    """An ``image:`` line and a camera photo beside every article; returns the photos' bytes."""
    from tests import photos

    pool = project / "photo-pool"
    pool.mkdir()
    shots = []
    for k in range(distinct):
        path = pool / f"{k}.jpg"
        path.write_bytes(photos.camera_jpeg(seed=100 + k))
        shots.append(path)
    total = 0
    articles = sorted((project / "content" / benchmark.ARTICLES_DIR).rglob("*.md"))
    for i, md in enumerate(articles):
        folder = md.parent / "anh"
        folder.mkdir(exist_ok=True)
        target = folder / f"{md.stem}.jpg"
        os.link(shots[i % distinct], target)
        total += target.stat().st_size
        text = md.read_text(encoding="utf-8")
        head, rest = text.split("\n", 1)
        md.write_text(f"{head}\nimage: anh/{md.stem}.jpg\n{rest}", encoding="utf-8")
    return total


def run(n: int, base: Path, distinct: int) -> None:
    synthetic = benchmark._load_synthetic()
    plain = base / f"n{n}-without"
    benchmark.make_project(plain)
    synthetic.generate(n, plain / "content", seed=0)
    without = build(plain, "site")
    without_images, without_pages = sizes(plain / "site")

    project = base / f"n{n}-photos"
    benchmark.make_project(project)
    synthetic.generate(n, project / "content", seed=0)
    print(f"[N={n}] đang tạo {distinct} ảnh máy ảnh 4000×3000...", flush=True)
    source_bytes = add_photos(project, distinct)
    print(f"[N={n}] dựng lần đầu (xử lý {n} ảnh)...", flush=True)
    first = build(project, "site")
    cached = build(project, "site")
    images, pages = sizes(project / "site")
    per_article = (images + pages) / n
    print()
    print(
        f"N = {n} bài, mỗi bài một ảnh máy ảnh (ảnh gốc trung bình {source_bytes / n / 1e6:.1f} MB)"
    )
    print(f"  dựng không ảnh:            {without:7.1f} s")
    print(f"  dựng có ảnh, lần đầu:      {first:7.1f} s  ({first / without:.2f}× không ảnh)")
    print(f"  dựng có ảnh, có bộ đệm:    {cached:7.1f} s  ({cached / without:.2f}× không ảnh)")
    print(
        f"  byte mỗi bài, không ảnh:   trang {without_pages / n / 1e3:7.1f} KB, "
        f"ảnh {without_images / n / 1e3:7.1f} KB"
    )
    print(
        f"  byte mỗi bài, có ảnh:      trang {pages / n / 1e3:7.1f} KB, "
        f"ảnh {images / n / 1e3:7.1f} KB"
    )
    print(
        f"  GitHub Pages (1 GB) đầy ở khoảng {int(PAGES_LIMIT / per_article):,} bài có ảnh "
        f"({per_article / 1e6:.2f} MB mỗi bài)".replace(",", ".")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--distinct", type=int, default=24)
    parser.add_argument("--keep", type=Path, help="keep the projects in this folder")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            run(n, args.keep, args.distinct)
        return 0
    with tempfile.TemporaryDirectory(prefix="kc-photos-") as tmp:
        for n in args.sizes:
            run(n, Path(tmp), args.distinct)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
