"""`khuyencong check` and `khuyencong vocab`, run as installed console commands."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT, article

pytestmark = pytest.mark.skipif(
    shutil.which("khuyencong") is None, reason="chưa cài gói (pip install -e .)"
)


def run(*args, cwd=ROOT):
    return subprocess.run(
        ["khuyencong", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_check_passes_on_the_repository_content():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    # The repository's agency details are examples: check says so, never as an error.
    assert "Đã kiểm tra 5 bài: không có lỗi, 1 cảnh báo." in result.stdout
    assert "Cảnh báo: mkdocs.yml: trường 'agency': thông tin đơn vị" in result.stdout


def test_check_reports_every_problem_and_fails(tmp_path):
    docs = tmp_path / "content" / "tin-tuc" / "2024"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text(article(province="Binh Duog", date="2022-02-30"), encoding="utf-8")
    (docs / "b.md").write_text(article(), encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        ln.startswith("content/tin-tuc/2024/a.md:3: trường 'date'") and "không có ngày 30" in ln
        for ln in lines
    ), lines
    assert any(ln.startswith("content/tin-tuc/2024/a.md:4: trường 'province'") for ln in lines)
    assert "Đã kiểm tra 2 bài: có 2 lỗi." in result.stdout
    # Nothing was changed.
    assert "Binh Duog" in (docs / "a.md").read_text(encoding="utf-8")


def test_check_given_files(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(article(), encoding="utf-8")
    assert run("check", str(good), cwd=tmp_path).returncode == 0
    assert run("check", str(tmp_path / "missing.md"), cwd=tmp_path).returncode == 2


def test_help_is_in_vietnamese():
    result = run("--help")
    assert "Cách dùng:" in result.stdout and "kiểm tra" in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout


def test_vocab_lists_units_with_their_former_units():
    out = run("vocab", "provinces").stdout.splitlines()
    assert len(out) == 34
    assert (
        "Hồ Chí Minh  [ho-chi-minh]  — gồm cả Bà Rịa – Vũng Tàu, Bình Dương (trước 1/7/2025)" in out
    )
    names = [ln.split("  ")[0] for ln in out]
    assert names.index("Đà Nẵng") > names.index("Cần Thơ") and names.index("Đà Nẵng") < names.index(
        "Gia Lai"
    )
    cats = run("vocab", "categories").stdout
    assert "Cụm công nghiệp  [cum-cong-nghiep]" in cats


def test_the_readme_example_article_is_valid(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "content" / "tin-tuc" / "2024" / "tap-huan.md"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_check_reports_tags_that_would_share_a_page(tmp_path):
    docs = tmp_path / "content" / "tin-tuc" / "2024"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text(article(tags="[Hà Nội]"), encoding="utf-8")
    (docs / "b.md").write_text(article(tags="[Ha Noi]", date="2024-01-01"), encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "content/tin-tuc/2024/b.md:7: trường 'tags': thẻ 'Ha Noi' có cùng đường dẫn"
        in result.stdout
    )


def test_the_writing_guide_example_article_is_valid(tmp_path):
    guide = (ROOT / "HUONG-DAN-VIET-BAI.md").read_text(encoding="utf-8")
    example = guide.split("```markdown\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "content" / "tin-tuc" / "2025"
    (folder / "anh").mkdir(parents=True)
    (folder / "hoi-nghi.md").write_text(example, encoding="utf-8")
    assert run("check", cwd=tmp_path).returncode == 1  # the image is not there yet
    assert "không tìm thấy ảnh 'anh/hoi-nghi.jpg'" in run("check", cwd=tmp_path).stdout
    from tests import photos

    (folder / "anh" / "hoi-nghi.jpg").write_bytes(photos.camera_jpeg(size=(1600, 1200)))
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
