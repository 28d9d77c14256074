"""`khuyencong new`, `check --format github` and `vocab tags`, run as installed commands."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import time

import pytest

from site_plugins.frontmatter import read_article
from site_plugins.vocab import load_vocabulary
from tests.conftest import article

pytestmark = pytest.mark.skipif(shutil.which("khuyencong") is None, reason="chưa cài gói")
ARGS = [
    "--title",
    "Tập huấn khởi sự doanh nghiệp",
    "--province",
    "Đắk Lắk",
    "--category",
    "Đào tạo",
    "--author",
    "Ngân Trần",
    "--tags",
    "tập huấn, CNNT",
    "--date",
    "2026-03-15 09:30",
]
PATH = "content/tin-tuc/2026/tap-huan-khoi-su-doanh-nghiep.md"


def run(*args, cwd):
    return subprocess.run(
        ["khuyencong", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_new_writes_a_valid_article_and_prints_path_and_preview(tmp_path):
    result = run("new", *ARGS, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Đã tạo {PATH}" in result.stdout
    assert "http://127.0.0.1:8000/tin-tuc/2026/tap-huan-khoi-su-doanh-nghiep/" in result.stdout
    text = (tmp_path / PATH).read_text(encoding="utf-8")
    art, problems = read_article("tin-tuc/2026/x.md", text, load_vocabulary())
    assert problems == []
    assert art.category.name == "Đào tạo – Tập huấn"  # written in the vocabulary's spelling
    assert 'category: "Đào tạo – Tập huấn"' in text
    assert art.date.iso() == "2026-03-15T09:30:00+07:00"
    assert art.tags == ("tập huấn", "CNNT")


def test_new_defaults_to_now_in_vietnam_time(tmp_path):
    args = [a for a in ARGS if a not in ("--date", "2026-03-15 09:30")]
    result = run("new", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = next((tmp_path / "content/tin-tuc").rglob("*.md")).read_text(encoding="utf-8")
    date = re.search(r"^date: (\S+ \S+)$", written, re.M)[1]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", date)


def test_new_never_overwrites(tmp_path):
    assert run("new", *ARGS, cwd=tmp_path).returncode == 0
    target = tmp_path / PATH
    target.write_text("bài của biên tập viên", encoding="utf-8")
    again = run("new", *ARGS, cwd=tmp_path)
    assert again.returncode == 1
    assert f"Đã có tệp {PATH}; không ghi đè." in again.stderr
    assert target.read_text(encoding="utf-8") == "bài của biên tập viên"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


def test_new_refuses_invalid_values_and_writes_nothing(tmp_path):
    args = list(ARGS)
    args[args.index("Đắk Lắk")] = "Binh Duog"
    result = run("new", *args, cwd=tmp_path)
    assert result.returncode == 1
    assert "Lỗi 'province': không có tỉnh/thành 'Binh Duog'" in result.stdout
    assert "Có phải ý bạn là 'Bình Dương'" in result.stdout
    assert not (tmp_path / "content").exists()


def test_new_prompts_for_what_is_missing_in_a_terminal(tmp_path):
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        ["khuyencong", "new", "--title", "Hội nghị cộng tác viên", "--date", "2024-05-02"],
        cwd=tmp_path,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    answers = {"Tỉnh/thành": "Đắk Lắk", "Chuyên mục": "Cộng tác viên", "Tác giả": "Minh Vân"}
    seen = b""
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 1024)
        except OSError:
            break
        seen += chunk
        for question, answer in list(answers.items()):
            if question.encode() in seen:
                os.write(master, (answer + "\n").encode())
                seen = b""
                del answers[question]
    proc.wait(timeout=10)
    os.close(master)
    assert proc.returncode == 0 and not answers
    text = (tmp_path / "content/tin-tuc/2024/hoi-nghi-cong-tac-vien.md").read_text("utf-8")
    assert 'category: "Mạng lưới cộng tác viên"' in text and 'author: "Minh Vân"' in text


def test_check_github_annotations(tmp_path):
    docs = tmp_path / "content" / "tin-tuc" / "2024"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text(article(province="Binh Duog, x"), encoding="utf-8")
    result = run("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("::error "))
    # Properties escape ':' and ','; the message keeps them readable.
    assert line.startswith(
        "::error file=content/tin-tuc/2024/a.md,line=4,title=Lỗi trường province::"
    )
    assert "không có tỉnh/thành 'Binh Duog, x'" in line


def test_vocab_tags_lists_tags_in_use(tmp_path):
    docs = tmp_path / "content" / "tin-tuc" / "2024"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text(article(tags="[CCN, đầu tư]"), encoding="utf-8")
    (docs / "b.md").write_text(article(tags="[ccn]", date="2024-01-01"), encoding="utf-8")
    out = run("vocab", "tags", cwd=tmp_path).stdout.splitlines()
    assert out == ["CCN  [ccn]  — 2 bài", "đầu tư  [dau-tu]  — 1 bài"]


def test_import_command_imports_reports_and_never_overwrites(tmp_path):
    seeds = os.path.join(os.path.dirname(__file__), "data", "seeds")
    out = tmp_path / "content"
    first = run("import", seeds, "--out", str(out), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.startswith("Đã nhập 5 bài;")
    assert "cần kiểm tra" in first.stdout
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert len(written) == 5 and all(p.startswith("tin-tuc/") for p in written)
    reviewed = [p for p in out.rglob("*.md") if "CẦN KIỂM TRA" in p.read_text("utf-8")]
    assert reviewed and all("draft: true" in p.read_text("utf-8") for p in reviewed)
    before = {p: p.read_bytes() for p in out.rglob("*.md")}
    again = run("import", seeds, "--out", str(out), cwd=tmp_path)
    assert again.returncode == 1
    assert "không ghi đè" in again.stdout
    assert {p: p.read_bytes() for p in out.rglob("*.md")} == before
    assert not [p for p in out.rglob("*") if p.name.startswith(".kc-")]  # no temp file left


def test_import_command_missing_path(tmp_path):
    result = run("import", "khong-co.txt", cwd=tmp_path)
    assert result.returncode == 2 and "không tìm thấy 'khong-co.txt'" in result.stderr
