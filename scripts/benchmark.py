"""Build-time, memory and size of the portal against plain MkDocs + Material on N synthetic
articles. Prints figures only (no assertions).

    python scripts/benchmark.py [--sizes 1000 10000] [--repeat K] [--keep DIR]

For each N: a fresh temporary project (the repository's mkdocs.yml, theme_overrides/,
content/index.md and content/assets/, plus N articles from scripts/synthetic.py) is built
twice, plain MkDocs first, then the portal:

- plain:  a copy of mkdocs.yml whose ``plugins:`` list has no ``khuyencong`` entry, with
          ``not_in_nav: /tin-tuc/`` so MkDocs does not warn about every article;
- portal: mkdocs.yml as is (not --strict; its warnings are counted).

Each build is one ``python -m mkdocs build`` subprocess, timed with time.perf_counter; its peak
resident memory is that process's own ``ru_maxrss`` from ``os.wait4`` (KiB on Linux). With
``--repeat K`` the best (lowest) time of K runs is shown, and the highest peak memory.
Targets: portal time ≤ 1.25 × plain, peak memory ≤ 1.5 × plain, site far below GitHub Pages'
1 GB limit.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "khuyencong"
ARTICLES_DIR = "tin-tuc"

TIME_TARGET = 1.25
MEMORY_TARGET = 1.5
PAGES_LIMIT = 1_000_000_000  # GitHub Pages: published sites may be no larger than 1 GB
REPO = Path(__file__).resolve().parent.parent
SITE_TARGET = 0.25  # "far below": at most a quarter of the limit


def _load_synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------ the project


def plain_config(text: str) -> str:
    """mkdocs.yml text without the portal plugin in ``plugins:`` and with the articles marked
    not-in-nav. Edited as text: the file uses !ENV and !!python/name tags."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        flow = re.match(r"^plugins:\s*\[(.*)\]\s*(#.*)?$", line)
        if flow:  # plugins: [a, b]
            names = [x.strip() for x in flow.group(1).split(",") if x.strip()]
            names = [x for x in names if x.strip("'\"") != PLUGIN]
            out.append(f"plugins: [{', '.join(names)}]")
            continue
        if not re.match(r"^plugins:\s*(#.*)?$", line):
            out.append(line)
            continue
        block: list[str] = []
        while i < len(lines) and (
            not lines[i].strip() or lines[i][:1] in " \t" or lines[i].startswith("-")
        ):
            block.append(lines[i])
            i += 1
        tail: list[str] = []  # blank lines after the list stay after it
        while block and not block[-1].strip():
            tail.insert(0, block.pop())
        kept = _drop_plugin(block, PLUGIN)
        if any(re.match(r"^\s*-", b) for b in kept):
            out += [line, *kept]
        else:
            out.append("plugins: []")
        out += tail
    # (No plugins key at all means MkDocs' default plugins for both builds: nothing to drop.)
    text = "\n".join(out)
    pattern = f"/{ARTICLES_DIR}/"
    if re.search(r"^not_in_nav:\s*\|\s*$", text, flags=re.M):
        text = re.sub(r"^not_in_nav:\s*\|\s*$", f"not_in_nav: |\n  {pattern}", text, flags=re.M)
    elif re.search(r"^not_in_nav:", text, flags=re.M):
        raise ValueError("mkdocs.yml: not_in_nav must be a '|' block to add the articles to it")
    else:
        text = text.rstrip("\n") + f"\n\nnot_in_nav: |\n  {pattern}\n"
    return text


def _drop_plugin(block: list[str], name: str) -> list[str]:
    """The lines of a block sequence without the item ``- name`` / ``- name: {...}``."""
    head: list[str] = []
    items: list[list[str]] = []
    indent = None
    for line in block:
        m = re.match(r"^(\s*)-(\s|$)", line)
        if m and (indent is None or len(m.group(1)) == indent):
            indent = len(m.group(1))
            items.append([line])
        elif items:
            items[-1].append(line)
        else:
            head.append(line)
    kept = head
    for item in items:
        m = re.match(r"^\s*-\s*(['\"]?)([\w.\-/]+)\1\s*(:|$|#)", item[0])
        if not (m and m.group(2) == name):
            kept += item
    return kept


def make_project(root: Path) -> None:
    root.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "mkdocs-plain.yml").write_text(plain_config(config), encoding="utf-8")
    shutil.copytree(ROOT / "theme_overrides", root / "theme_overrides")
    content = root / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "index.md", content / "index.md")
    shutil.copy(ROOT / "content" / "gioi-thieu.md", content / "gioi-thieu.md")
    shutil.copytree(ROOT / "content" / "assets", content / "assets")


# -------------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    peak_kib: int
    returncode: int
    warnings: int
    errors: int
    log: str


@dataclass
class Result:
    seconds: float
    peak_kib: int
    warnings: int
    site_bytes: int
    site_files: int
    ok: bool
    log: str


def build_once(root: Path, config: str, site_dir: str) -> Run:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "--site-dir", site_dir]
    # Output goes to a file: a pipe could fill up while we sit in wait4().
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        log = out.read()
    warnings = len(re.findall(r"^WARNING\b", log, flags=re.M))
    errors = len(re.findall(r"^ERROR\b", log, flags=re.M))
    return Run(seconds, usage.ru_maxrss, proc.returncode, warnings, errors, log)


def site_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def measure(runs: list[Run], site: Path) -> Result:
    size, files = site_size(site) if site.is_dir() else (0, 0)
    return Result(
        seconds=min(r.seconds for r in runs),
        peak_kib=max(r.peak_kib for r in runs),
        warnings=max(r.warnings for r in runs),
        site_bytes=size,
        site_files=files,
        ok=all(r.returncode == 0 for r in runs),
        log=runs[-1].log,
    )


# ---------------------------------------------------------------------------------- report


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1_000_000:.1f}"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


COLUMNS = (
    ("Số bài", 7),
    ("Portal (s)", 10),
    ("Thuần (s)", 9),
    ("Tỉ lệ", 6),
    ("RAM portal (MB)", 15),
    ("RAM thuần (MB)", 14),
    ("Tỉ lệ", 6),
    ("Trang portal (MB / tệp)", 23),
    ("Trang thuần (MB / tệp)", 22),
    ("Cảnh báo", 8),
)


def row(values: list[str]) -> str:
    return " | ".join(v.rjust(w) for v, (_, w) in zip(values, COLUMNS, strict=True))


def run_size(n: int, base: Path, repeat: int, seed: int) -> dict:
    synthetic = _load_synthetic()
    project = base / f"n{n}"
    make_project(project)
    start = time.perf_counter()
    synthetic.generate(n, project / "content", seed=seed)
    gen_seconds = time.perf_counter() - start
    print(
        f"[N={n}] đã tạo {n} bài giả lập trong {gen_seconds:.1f} s; đang dựng trang...", flush=True
    )

    plain_runs: list[Run] = []
    portal_runs: list[Run] = []
    for k in range(repeat):
        plain_runs.append(build_once(project, "mkdocs-plain.yml", "site-plain"))
        portal_runs.append(build_once(project, "mkdocs.yml", "site-portal"))
        print(
            f"[N={n}] lần {k + 1}/{repeat}: thuần {plain_runs[-1].seconds:.1f} s, "
            f"portal {portal_runs[-1].seconds:.1f} s",
            flush=True,
        )
    plain = measure(plain_runs, project / "site-plain")
    portal = measure(portal_runs, project / "site-portal")
    for label, res in (("thuần", plain), ("portal", portal)):
        if not res.ok:
            tail = "\n".join(res.log.strip().splitlines()[-15:])
            print(f"[N={n}] LỖI: bản dựng {label} thất bại:\n{tail}", file=sys.stderr)
    search = search_figures(project) if portal.ok else None
    return {
        "n": n,
        "gen": gen_seconds,
        "plain": plain,
        "portal": portal,
        "dir": project,
        "search": search,
    }


SEARCH_QUERIES = ["khuyến", "khuyen cong", "cụm công nghiệp", "Thanh Hoá", "dak lak", "Đắc Lắc"]
# Typed one character at a time, in the search page's box and in the header's box.
TYPING_QUERIES = ["Thanh Hoá", "khuyến công Đắk Lắk"]


def search_figures(project: Path) -> dict:
    """Index build time (the indexer alone, as the build's second process runs it), index
    size (and of words.json and names.json), per query the bytes a browser downloads and the
    time to the first results, and the same while typing (scripts/search_bench.py)."""
    code = (
        "import sys, time\n"
        "from datetime import datetime\n"
        "from pathlib import Path\n"
        "from site_plugins import catalogue, portal, related, search, search_docs, pages, vocab\n"
        "from site_plugins.model import VN_TZ\n"
        "from site_plugins.text import sort_key\n"
        "root = Path(sys.argv[1]) / 'content'\n"
        "files = {p.relative_to(root).as_posix(): p for p in (root / 'tin-tuc').rglob('*.md')}\n"
        "v = vocab.load_vocabulary()\n"
        "cat = catalogue.build_catalogue(((k, p.read_bytes()) for k, p in files.items()), v,"
        " 'tin-tuc/{year}/{slug}/')\n"
        "po = portal.build_portal(cat, v, pages.UrlScheme(), now=datetime.now(VN_TZ),"
        " show_hidden=False, per_page=20, related_config=related.RelatedConfig())\n"
        "order = sorted(v.provinces, key=lambda p: sort_key(p.name))\n"
        "jobs, meta = search_docs.search_jobs(po, v, order)\n"
        "from site_plugins.frontmatter import split, decode\n"
        "start = time.perf_counter()\n"
        "body = lambda k: split(decode(files[k].read_bytes())).body\n"
        "out = search.build_from_jobs(jobs, meta, body)\n"
        "search.write_index(out, sys.argv[2])\n"
        "print(time.perf_counter() - start)\n"
    )
    with tempfile.TemporaryDirectory(prefix="kc-index-") as tmp:
        done = subprocess.run(
            [sys.executable, "-c", code, str(project), tmp],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    seconds = float(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else float("nan")
    index_dir = project / "site-portal" / "search"
    index_bytes, index_files = site_size(index_dir)
    small = {}
    for name in ("words.json", "names.json", "docs.bin", "meta.json"):
        path = index_dir / name
        data = path.read_bytes() if path.is_file() else b""
        small[name] = (len(data), len(gzip.compress(data, 6, mtime=0)))
    queries: list[dict] = []
    typing: list[dict] = []
    try:
        sys.path.insert(0, str(REPO / "scripts"))
        import search_bench

        queries = search_bench.measure(project / "site-portal", SEARCH_QUERIES)
        typing = search_bench.measure_typing(project / "site-portal", TYPING_QUERIES)
    except (ImportError, SystemExit, Exception) as exc:  # figures only: say why, go on
        print(f"(không đo được truy vấn: {exc})", file=sys.stderr)
    return {
        "seconds": seconds,
        "bytes": index_bytes,
        "files": index_files,
        "small": small,
        "queries": queries,
        "typing": typing,
    }


def report(results: list[dict]) -> bool:
    print()
    print(row([name for name, _ in COLUMNS]))
    print("-+-".join("-" * w for _, w in COLUMNS))
    ok_all = True
    for r in results:
        p, q = r["portal"], r["plain"]
        print(
            row(
                [
                    str(r["n"]),
                    f"{p.seconds:.2f}",
                    f"{q.seconds:.2f}",
                    f"{ratio(p.seconds, q.seconds):.2f}",
                    f"{p.peak_kib / 1024:.0f}",
                    f"{q.peak_kib / 1024:.0f}",
                    f"{ratio(p.peak_kib, q.peak_kib):.2f}",
                    f"{mb(p.site_bytes)} / {p.site_files}",
                    f"{mb(q.site_bytes)} / {q.site_files}",
                    f"{p.warnings} / {q.warnings}",
                ]
            )
        )
    print()
    print(
        "Thời gian tạo bài giả lập: " + ", ".join(f"N={r['n']}: {r['gen']:.1f} s" for r in results)
    )
    print("(Cảnh báo: số dòng WARNING của bản dựng portal / bản dựng thuần.)")
    for r in results:
        for label, res in (("portal", r["portal"]), ("thuần", r["plain"])):
            shown = list(dict.fromkeys(re.findall(r"^WARNING\s+-\s+(.*)$", res.log, flags=re.M)))
            for message in shown[:5]:
                print(f"  N={r['n']} {label}: {message[:160]}")
            if len(shown) > 5:
                print(f"  N={r['n']} {label}: … và {len(shown) - 5} cảnh báo khác")
    for r in results:
        search = r.get("search")
        if not search:
            continue
        print(
            f"\nTìm kiếm N={r['n']}: tạo chỉ mục {search['seconds']:.1f} s (tiến trình thứ hai, "
            f"song song với MkDocs); chỉ mục {mb(search['bytes'])} MB / {search['files']} tệp"
        )
        print(
            "  "
            + ", ".join(
                f"{name} {raw / 1024:.0f} KB ({zipped / 1024:.0f} KB gzip)"
                for name, (raw, zipped) in search.get("small", {}).items()
            )
        )
        for qrow in search["queries"]:
            syllables = len(qrow["query"].split())
            first = qrow["first_result_ms"]
            print(
                f"  «{qrow['query']}» ({syllables} âm tiết): {qrow['results']} kết quả "
                f"(+ {qrow.get('others', 0)} bài có các từ rời), "
                f"{qrow['bytes'] / 1024:.0f} KB tải ({qrow['gzip_bytes'] / 1024:.0f} KB nén gzip), "
                + ("không có kết quả" if first is None else f"kết quả đầu sau {first / 1000:.2f} s")
            )
        for t in search.get("typing", []):
            where = "trang tìm kiếm" if t["box"] == "page" else "ô đầu trang"
            print(
                f"  gõ «{t['query']}» ({where}, {t['keystrokes']} phím): phím đầu "
                f"{t['first_ms']:.0f} ms, các phím sau {t['rest_median_ms']:.0f} ms "
                f"(tối đa {t['rest_max_ms']:.0f} ms), khi đã có tệp tối đa "
                f"{t['cached_max_ms']:.0f} ms; {t['requests']} tệp, {t['bytes'] / 1024:.0f} KB "
                f"({t['gzip_bytes'] / 1024:.0f} KB nén gzip); gõ lại: {t['cached_requests']} tệp"
            )
    for r in results:
        p, q = r["portal"], r["plain"]
        t, m = ratio(p.seconds, q.seconds), ratio(p.peak_kib, q.peak_kib)
        share = p.site_bytes / PAGES_LIMIT
        checks = [
            (f"thời gian {t:.2f}× ≤ {TIME_TARGET}×", t <= TIME_TARGET),
            (f"bộ nhớ {m:.2f}× ≤ {MEMORY_TARGET}×", m <= MEMORY_TARGET),
            (f"trang {mb(p.site_bytes)} MB = {share:.1%} của 1 GB", share <= SITE_TARGET),
            ("dựng thành công", p.ok and q.ok),
        ]
        ok = all(passed for _, passed in checks)
        ok_all = ok_all and ok
        detail = "; ".join(f"{text} {'đạt' if passed else 'KHÔNG ĐẠT'}" for text, passed in checks)
        print(f"Kết luận N={r['n']}: {'ĐẠT' if ok else 'CHƯA ĐẠT'} — {detail}")
    return ok_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Đo thời gian dựng, bộ nhớ đỉnh và dung lượng trang: portal so với "
        "MkDocs + Material thuần, trên N bài giả lập."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N")
    parser.add_argument("--repeat", type=int, default=1, metavar="K", help="lấy lần nhanh nhất")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="giữ các dự án tạm trong DIR (DIR/n<N>/) thay vì xóa",
    )
    args = parser.parse_args(argv)
    if any(n < 0 for n in args.sizes) or args.repeat < 1:
        parser.error("N phải ≥ 0 và K phải ≥ 1")

    results = []
    for n in args.sizes:
        if args.keep:
            base = args.keep.resolve()
            if (base / f"n{n}").exists():
                parser.error(f"{base / f'n{n}'} đã tồn tại; chọn thư mục khác")
            base.mkdir(parents=True, exist_ok=True)
            results.append(run_size(n, base, args.repeat, args.seed))
        else:
            with tempfile.TemporaryDirectory(prefix=f"kc-bench-{n}-") as tmp:
                results.append(run_size(n, Path(tmp), args.repeat, args.seed))
    report(results)
    if args.keep:
        print(f"Đã giữ các dự án tạm trong {args.keep.resolve()}")
    # Figures only: missed targets do not fail the run, a failed build does.
    return 0 if all(r["portal"].ok and r["plain"].ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
