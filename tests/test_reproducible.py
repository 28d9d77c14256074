"""The same content builds to byte-identical output, search index included."""

from __future__ import annotations

from tests.conftest import article, make_project, run_mkdocs


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: drafts and dates fixed
    extra = {
        "tin-tuc/2024/a.md": article(title="Hội nghị A", tags="[CCN, hoà bình]"),
        "tin-tuc/2024/b.md": article(title="Hội nghị B", tags="[ccn, hòa bình]", date="2024-02-01"),
    }
    outputs = []
    for name in ("one", "two"):
        root = make_project(tmp_path / name, extra, seeds=True)
        result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
        assert result.returncode == 0, result.stderr
        site = root / "site"
        outputs.append(
            {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        )
    one, two = outputs
    assert one.keys() == two.keys()
    assert "search/meta.json" in one and any(k.startswith("search/s/") for k in one)
    different = sorted(k for k in one if one[k] != two[k])
    assert not different, different[:10]
