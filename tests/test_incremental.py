"""Incremental builds (issue 13): a build that reuses the page cache, and a running `mkdocs
serve`, give byte for byte what a clean build gives, after any sequence of edits, additions,
deletions and renames; a corrupt or foreign cache is never trusted."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest

from tests import photos
from tests.conftest import MkDocsServe, article, get, make_project, run_mkdocs, wait_for

CATEGORIES = ["Hội nghị – Tổng kết", "Cụm công nghiệp", "Đào tạo – Tập huấn"]
PROVINCES = ["Đắk Lắk", "Huế", "Bình Dương", "Thanh Hoá"]
TAGS = ["tập huấn", "CNNT", "cụm công nghiệp", "khởi sự doanh nghiệp", "cộng tác viên"]
AUTHORS = ["Minh Vân", "Ngân Trần", "Anh Dũng"]


def _article(rng: random.Random, n: int, **over) -> str:
    fields = dict(
        title=f"Tin số {n} – {rng.choice(['hội nghị', 'tập huấn', 'khởi công', 'bình chọn'])} "
        f"{rng.choice(PROVINCES)}",
        date=f"20{rng.randint(17, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        province=rng.choice(PROVINCES),
        category=rng.choice(CATEGORIES),
        author=rng.choice(AUTHORS),
        tags="[" + ", ".join(rng.sample(TAGS, rng.randint(0, 3))) + "]",
        summary=f"Sapo của tin số {n}.",
        body=f"Nội dung tin số {n}.\n\n## Kết quả\n\nĐoạn {rng.random():.6f}.",
    )
    if fields["date"] >= "2025-07" and fields["province"] == "Bình Dương":
        fields["province"] = "Hồ Chí Minh"
    fields.update(over)
    return article(**fields)


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(root: Path, site: str, *, cache: bool = True) -> dict[str, str]:
    import os

    os.environ["KHUYENCONG_CACHE"] = "1" if cache else "0"
    try:
        result = run_mkdocs(root, "build", "--strict", "--site-dir", site)
    finally:
        os.environ.pop("KHUYENCONG_CACHE", None)
    assert result.returncode == 0, result.stdout + result.stderr
    return _digest(root / site)


EDITS = ["title", "tags", "category", "province", "date", "author", "draft", "summary", "body"]


def _edit(rng: random.Random, content: Path, live: dict[str, int], drafts: bool = True) -> str:
    """One random change to the articles; returns what it was."""
    kinds = EDITS if drafts else [e for e in EDITS if e != "draft"]
    kind = rng.choice(kinds + ["add", "delete", "rename", "image"])
    if kind == "add" or not live:
        n = max(live.values(), default=0) + 1
        path = f"tin-tuc/moi/tin-{n}.md"
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(_article(rng, n), encoding="utf-8")
        live[path] = n
        return f"add {path}"
    path = rng.choice(sorted(live))
    n = live[path]
    if kind == "delete":
        (content / path).unlink()
        del live[path]
        return f"delete {path}"
    if kind == "rename":
        new = path.replace(".md", f"-doi-ten-{rng.randint(1, 999)}.md")
        (content / path).rename(content / new)
        live[new] = live.pop(path)
        return f"rename {path}"
    if kind == "image":
        folder = (content / path).parent / "anh"
        folder.mkdir(exist_ok=True)
        name = f"anh-{n}-{rng.randint(1, 9)}.jpg"
        (folder / name).write_bytes(photos.camera_jpeg(size=(800, 600), seed=rng.randint(1, 9)))
        text = _article(random.Random(n), n, image=f"anh/{name}")
        (content / path).write_text(text, encoding="utf-8")
        return f"image {path}"
    over = {}
    if kind == "draft":
        over["draft"] = rng.choice(["true", "false"])
    else:
        other = _article(rng, n)
        line = (
            next(ln for ln in other.splitlines() if ln.startswith(f"{kind}:"))
            if kind != "body"
            else ""
        )
        if kind == "body":
            over["body"] = (
                f"Nội dung mới {rng.random():.6f}.\n\n[Tin khác](../../tin-tuc/2024/co-dinh.md)"
            )
        else:
            over[kind] = line.split(": ", 1)[1]
    (content / path).write_text(_article(random.Random(n), n, **over), encoding="utf-8")
    return f"{kind} {path}"


@pytest.mark.parametrize("seed", [1, 2])
def test_cached_builds_equal_clean_builds_after_random_changes(tmp_path, seed):
    rng = random.Random(seed)
    files = {f"tin-tuc/co-dinh/tin-{n}.md": _article(rng, n) for n in range(1, 25)}
    files["tin-tuc/2024/co-dinh.md"] = article(title="Bài cố định", body="[Đích](dich.md#ket-qua)")
    files["tin-tuc/2024/dich.md"] = article(title="Bài đích", body="## Kết quả\n\nNội dung.")
    root = make_project(tmp_path / "p", files)
    content = root / "content"
    live = {p: n for n, p in enumerate(sorted(files), 1) if "co-dinh/" in p}
    _build(root, "site-cached")  # fills the cache
    for step in range(6):
        done = [_edit(rng, content, live) for _ in range(rng.randint(1, 3))]
        cached = _build(root, "site-cached")
        clean = _build(root, "site-clean", cache=False)
        assert cached == clean, (step, done, {k for k in cached.keys() ^ clean.keys()})
        shutil.rmtree(root / "site-clean")


def test_a_corrupt_cache_entry_is_ignored(tmp_path):
    rng = random.Random(5)
    root = make_project(
        tmp_path / "p", {f"tin-tuc/a/tin-{n}.md": _article(rng, n) for n in range(1, 8)}
    )
    first = _build(root, "site")
    entries = sorted((root / ".cache/khuyencong/pages").rglob("*"))
    entries = [e for e in entries if e.is_file()]
    assert entries
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        if i % 3 == 0:
            entry.write_bytes(data[: len(data) // 2])  # truncated
        elif i % 3 == 1:
            entry.write_bytes(data.replace(b"<", b"!", 5))  # changed bytes
        else:
            entry.write_bytes(b"not an entry")  # foreign
    again = _build(root, "site")
    assert again == first


def test_a_cache_of_another_configuration_is_not_used(tmp_path):
    rng = random.Random(7)
    files = {f"tin-tuc/a/tin-{n}.md": _article(rng, n) for n in range(1, 6)}
    root = make_project(tmp_path / "p", files)
    _build(root, "site")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("per_page: 20", "per_page: 2"), "utf-8")
    cached = _build(root, "site")
    clean = _build(root, "site-clean", cache=False)
    assert cached == clean
    # Two salt folders: the old configuration's and the new one's; older ones are dropped.
    assert len([p for p in (root / ".cache/khuyencong/pages").iterdir() if p.is_dir()]) == 2


def test_serve_equals_a_clean_build_after_changes(tmp_path):
    rng = random.Random(11)
    files = {f"tin-tuc/co-dinh/tin-{n}.md": _article(rng, n) for n in range(1, 12)}
    files["tin-tuc/2024/co-dinh.md"] = article(title="Bài cố định")
    root = make_project(tmp_path / "p", files)
    content = root / "content"
    live = {p: n for n, p in enumerate(sorted(files), 1) if "co-dinh/" in p}
    server = MkDocsServe(root)
    base = server.base
    try:
        assert wait_for(lambda: get(base)[0] == 200, timeout=120)
        for _ in range(3):
            # No drafts here: the preview shows them on purpose, a build leaves them out.
            changes = [_edit(rng, content, live, drafts=False) for _ in range(2)]
            marker = f"Dấu {rng.random():.8f}"
            (content / "tin-tuc/2024/co-dinh.md").write_text(
                article(title="Bài cố định", body=marker), encoding="utf-8"
            )
            assert wait_for(
                lambda m=marker: m in get(base + "tin-tuc/2024/co-dinh/")[1], timeout=120
            )
            clean_root = tmp_path / "clean"
            shutil.rmtree(clean_root, ignore_errors=True)
            shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns(".cache", "site*"))
            result = run_mkdocs(clean_root, "build", "--site-dir", "site", site_url=base)
            assert result.returncode == 0, result.stderr
            site = clean_root / "site"
            for page in sorted(site.rglob("index.html"))[:60]:
                url = page.relative_to(site).parent.as_posix()
                url = "" if url == "." else url + "/"
                status, served = get(base + url)
                expected = page.read_text(encoding="utf-8")
                assert status == 200, (changes, url)
                assert _without_livereload(served) == expected, (changes, url)
    finally:
        output = server.stop()
    assert "Traceback" not in output


def _without_livereload(html: str) -> str:
    """The page as written: MkDocs' serve adds its live-reload script before </body>."""
    start = html.rfind("<script>")
    if start != -1 and "livereload" in html[start:]:
        end = html.index("</script>", start) + len("</script>")
        html = html[:start] + html[end:]
    return html
