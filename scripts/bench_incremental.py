"""How much work builds reuse (issue 13): for N synthetic articles, side by side in one run,

- a clean build (KHUYENCONG_CACHE=0), the first build with an empty cache, and the cached
  rebuild after adding one article (each compared with a clean build of the same content);
- `mkdocs serve`: time until the server answers, and save-to-visible (polling the served
  pages over HTTP) for an edited article, an added one and a deleted one;

each as a ratio to the clean build. Prints figures only:

    python scripts/bench_incremental.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import benchmark  # noqa: E402 (scripts/benchmark.py: the project and synthetic articles)

NEW = """---
title: Bài mới để đo thời gian xem trước {n}
date: 2026-06-0{n}
province: Đắk Lắk
category: Hội nghị – Tổng kết
author: Minh Vân
tags: [tập huấn]
---

Nội dung bài mới {n}.
"""


def env(cache: bool) -> dict[str, str]:
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1", KHUYENCONG_CACHE="1" if cache else "0")
    e.pop("SITE_URL", None)
    return e


def build(project: Path, site: str, cache: bool) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", site],
        cwd=project,
        env=env(cache),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return 0, ""


def until(predicate, limit: float = 3600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.1)
    return float("nan")


def serve_figures(project: Path) -> dict[str, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env(True),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures: dict[str, float] = {}
    try:
        until(lambda: get(base)[0] == 200)
        figures["ready"] = time.perf_counter() - start
        articles = sorted((project / "content" / benchmark.ARTICLES_DIR).rglob("*.md"))
        target = articles[len(articles) // 2]
        url = base + target.relative_to(project / "content").with_suffix("").as_posix() + "/"
        marker = f"Đã sửa lúc {time.time():.6f}"
        target.write_text(target.read_text("utf-8") + f"\n\n{marker}\n", encoding="utf-8")
        figures["edit"] = until(lambda: marker in get(url)[1])
        new = project / "content" / benchmark.ARTICLES_DIR / "2026" / "bai-moi-do-xem-truoc-1.md"
        new.parent.mkdir(parents=True, exist_ok=True)
        new.write_text(NEW.format(n=1), encoding="utf-8")
        new_url = base + "tin-tuc/2026/bai-moi-do-xem-truoc-1/"
        figures["add"] = until(lambda: get(new_url)[0] == 200)
        gone = articles[len(articles) // 3]
        gone_url = base + gone.relative_to(project / "content").with_suffix("").as_posix() + "/"
        gone.unlink()
        figures["delete"] = until(lambda: get(gone_url)[0] == 404)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return figures


def run(n: int, base: Path) -> None:
    synthetic = benchmark._load_synthetic()
    project = base / f"n{n}"
    benchmark.make_project(project)
    synthetic.generate(n, project / "content", seed=0)
    print(f"[N={n}] dựng sạch, dựng lần đầu có bộ đệm, thêm một bài rồi dựng lại...", flush=True)
    clean = build(project, "site-clean", cache=False)
    first = build(project, "site", cache=True)
    (project / "content" / benchmark.ARTICLES_DIR / "2026").mkdir(parents=True, exist_ok=True)
    (project / "content" / benchmark.ARTICLES_DIR / "2026" / "bai-moi-do-bo-dem.md").write_text(
        NEW.format(n=2), encoding="utf-8"
    )
    second = build(project, "site", cache=True)
    again = build(project, "site-clean", cache=False)
    same = digest(project / "site") == digest(project / "site-clean")
    print(f"[N={n}] mkdocs serve...", flush=True)
    serve = serve_figures(project)
    print()
    print(f"N = {n} bài (dựng sạch: {clean:.1f} s; sau khi thêm bài: {again:.1f} s)")
    print(f"  dựng lần đầu có bộ đệm:        {first:7.1f} s  ({first / clean:.2f}× dựng sạch)")
    print(
        f"  dựng lại sau khi thêm 1 bài:   {second:7.1f} s  ({second / first:.2f}× lần đầu, "
        f"{second / again:.2f}× dựng sạch); giống hệt bản dựng sạch: {'có' if same else 'KHÔNG'}"
    )
    for name, label in (
        ("ready", "mkdocs serve sẵn sàng"),
        ("edit", "lưu bài sửa → thấy trên trang"),
        ("add", "thêm bài → thấy trên trang"),
        ("delete", "xóa bài → trang biến mất"),
    ):
        value = serve[name]
        print(f"  {label:30} {value:7.1f} s  ({value / clean:.2f}× dựng sạch)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kc-incremental-") as tmp:
        for n in args.sizes:
            run(n, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
