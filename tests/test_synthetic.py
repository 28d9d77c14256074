"""scripts/synthetic.py writes deterministic, valid articles; scripts/benchmark.py runs."""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, make_project, run_mkdocs

N = 30


def _load(name: str):
    """A module of scripts/ (not a package), registered so dataclasses can find it."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _load("synthetic")
benchmark = _load("benchmark")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _front(text: str) -> tuple[dict, str]:
    """(front-matter with dates kept as strings, body) of an article's text."""
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=yaml.BaseLoader), body


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, list[Path]]:
    content = tmp_path_factory.mktemp("synthetic") / "content"
    return content, synthetic.generate(N, content, seed=0)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> tuple[Path, list[Path]]:
    """Enough articles to meet every variation (date forms, eras, spellings, authors)."""
    content = tmp_path_factory.mktemp("synthetic-many") / "content"
    return content, synthetic.generate(400, content, seed=7)


def test_writes_n_articles_in_year_folders(generated):
    content, paths = generated
    assert len(paths) == N
    assert sorted(_tree(content)) == sorted(p.relative_to(content).as_posix() for p in paths)
    for path in paths:
        rel = path.relative_to(content).as_posix()
        assert re.fullmatch(r"tin-tuc/(\d{4})/[a-z0-9]+(-[a-z0-9]+)*\.md", rel), rel
        meta, _ = _front(path.read_text(encoding="utf-8"))
        assert rel.split("/")[1] == meta["date"][:4]


def test_same_seed_gives_byte_identical_files(generated, tmp_path):
    content, _ = generated
    synthetic.generate(N, tmp_path / "again", seed=0)
    assert _tree(tmp_path / "again") == _tree(content)


def test_other_seed_gives_other_articles(generated, tmp_path):
    content, _ = generated
    synthetic.generate(N, tmp_path / "other", seed=1)
    assert _tree(tmp_path / "other") != _tree(content)
    assert set(_tree(tmp_path / "other").values()).isdisjoint(_tree(content).values())


def test_refuses_a_target_that_already_has_articles(generated, tmp_path):
    content, _ = generated
    before = _tree(content)
    with pytest.raises(FileExistsError):
        synthetic.generate(5, content, seed=3)
    assert _tree(content) == before
    # One stray file anywhere under tin-tuc is enough to refuse.
    stray = tmp_path / "content" / "tin-tuc" / "2020" / "bai-cu.md"
    stray.parent.mkdir(parents=True)
    stray.write_text("cũ", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synthetic.generate(5, tmp_path / "content")
    assert _tree(tmp_path / "content") == {"tin-tuc/2020/bai-cu.md": "cũ".encode()}


def test_cli_writes_and_refuses(tmp_path):
    cmd = [
        sys.executable,
        str(ROOT / "scripts" / "synthetic.py"),
        "5",
        str(tmp_path),
        "--seed",
        "2",
    ]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert len(list((tmp_path / "tin-tuc").rglob("*.md"))) == 5
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert "Lỗi" in second.stderr


def test_front_matter_and_body_shape(generated):
    _, paths = generated
    categories = {
        c["name"]
        for c in yaml.safe_load(
            (ROOT / "site_plugins" / "data" / "categories.yml").read_text(encoding="utf-8")
        )["categories"]
    }
    for path in paths:
        meta, body = _front(path.read_text(encoding="utf-8"))
        assert {"title", "date", "province", "category", "author", "tags", "summary"} <= set(meta)
        assert meta["category"] in categories
        assert 1 <= len(meta["tags"]) <= 4
        assert "2010-01" <= meta["date"][:7] <= "2026-10"
        text = re.sub(r"^(#+ |\d+\. |///.*$)", "", body, flags=re.M)
        assert 300 <= len(text.split()) <= 710, path.name
        assert "## " in body


def test_many_articles_cover_the_variations(many):
    _, paths = many
    metas = [_front(p.read_text(encoding="utf-8"))[0] for p in paths]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    dates = [m["date"] for m in metas]
    assert any(len(d) == 7 for d in dates)  # month only
    assert any(" " in d for d in dates)  # date and time
    assert sum(len(d) == 10 for d in dates) > len(dates) / 2
    assert any(isinstance(m["province"], list) and len(m["province"]) >= 2 for m in metas)
    assert any(isinstance(m["author"], dict) for m in metas)
    assert any(isinstance(m["author"], list) for m in metas)
    assert any("source" in m for m in metas)
    assert len({p.stem for p in paths}) == len(paths)
    former_only = {"Bình Dương", "Bà Rịa – Vũng Tàu", "BR-VT", "Long An", "Quảng Nam", "Hà Giang"}
    names = [
        (m["date"], n)
        for m in metas
        for n in (m["province"] if isinstance(m["province"], list) else [m["province"]])
    ]
    assert any(n in former_only for d, n in names if d < "2025-07")
    assert not any(n in former_only for d, n in names if d >= "2025-07")
    joined = "\n".join(texts)
    assert "hòa" in joined and "hoà" in joined  # both tone placements
    assert re.search(r"\d\.\d{3} triệu đồng", joined)
    assert re.search(r"^1\. ", joined, flags=re.M)


def test_new_tone_style():
    cases = {
        "hòa": "hoà",
        "Thanh Hóa": "Thanh Hoá",
        "thủy sản": "thuỷ sản",
        "sức khỏe": "sức khoẻ",
        "Ủy ban": "Uỷ ban",
        "quý": "quý",
        "hoàn thành": "hoàn thành",
        "khuya": "khuya",
    }
    for old, new in cases.items():
        assert synthetic.new_tone_style(old) == new


@pytest.mark.skipif(shutil.which("khuyencong") is None, reason="chưa cài gói (pip install -e .)")
@pytest.mark.parametrize("which", ["generated", "many"])
def test_khuyencong_check_accepts_every_article(which, request):
    content, paths = request.getfixturevalue(which)
    result = subprocess.run(
        ["khuyencong", "check", "--docs-dir", str(content)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Đã kiểm tra {len(paths)} bài: không có lỗi." in result.stdout


def test_strict_build_of_the_generated_articles(generated, tmp_path):
    content, paths = generated
    articles = {p.relative_to(content).as_posix(): p.read_text(encoding="utf-8") for p in paths}
    root = make_project(tmp_path / "project", articles)
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in paths:
        meta, _ = _front(path.read_text(encoding="utf-8"))
        page = root / "site" / "tin-tuc" / meta["date"][:4] / path.stem / "index.html"
        assert page.is_file(), page
        assert html.escape(meta["title"], quote=False) in page.read_text(encoding="utf-8")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV and !!python/name tags as plain values."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: suffix)
_AnyTagLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix
)


def test_plain_config_drops_only_the_portal_plugin():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    portal = yaml.load(text, Loader=_AnyTagLoader)
    plain = yaml.load(benchmark.plain_config(text), Loader=_AnyTagLoader)

    def names(plugins):
        return [p if isinstance(p, str) else next(iter(p)) for p in plugins or []]

    assert "khuyencong" in names(portal["plugins"])
    assert names(plain["plugins"]) == [n for n in names(portal["plugins"]) if n != "khuyencong"]
    assert plain["not_in_nav"].split() == ["/tin-tuc/"]
    rest = {k: v for k, v in plain.items() if k not in ("plugins", "not_in_nav")}
    assert rest == {k: v for k, v in portal.items() if k != "plugins"}


def test_benchmark_runs_end_to_end():
    """Two tiny builds (plain and portal) of 20 articles: a few seconds."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--sizes", "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Số bài" in out and "RAM portal (MB)" in out
    row = next(line for line in out.splitlines() if re.match(r"^\s*20 \|", line))
    cells = [c.strip() for c in row.split("|")]
    assert len(cells) == len(benchmark.COLUMNS)
    assert float(cells[1]) > 0 and float(cells[2]) > 0  # build times
    assert float(cells[4]) > 10 and float(cells[5]) > 10  # peak MB of a Python process
    assert "Kết luận N=20:" in out
