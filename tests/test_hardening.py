"""Hardening (issue 10): containment of what is published, the text rules of the front-matter
schema, configuration checked before any work, one verdict for `khuyencong check` and
`mkdocs build --strict`, a preview that never hangs, and a command line without tracebacks.

Each class is a table; each row asserts the exact message staff see."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from site_plugins import cli, writer
from site_plugins.frontmatter import read_article
from site_plugins.vocab import load_vocabulary
from tests.conftest import ROOT, MkDocsServe, article, get, make_project, run_mkdocs, wait_for

VOCAB = load_vocabulary()
PATH = "tin-tuc/2024/bai.md"
SHOWN = f"content/{PATH}"
HAS_CLI = shutil.which("khuyencong") is not None


def khuyencong(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["khuyencong", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def build(root: Path) -> subprocess.CompletedProcess:
    return run_mkdocs(root, "build", "--strict", "--site-dir", "site")


def published(root: Path) -> set[str]:
    site = root / "site"
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


# -- 1. containment ----------------------------------------------------------------------------


def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("SECRET-TOKEN", encoding="utf-8")
    return secret


LINKS = [
    # (id, link inside content/, target maker, the link named in the message)
    ("file-outside", "tin-tuc/2024/anh/bi-mat.txt", _outside_file, "tin-tuc/2024/anh/bi-mat.txt"),
    ("folder-outside", "tai-lieu", lambda t: _outside_file(t).parent, "tai-lieu"),
    ("proc-environ", "tin-tuc/2024/env.txt", lambda t: Path("/proc/self/environ"), "env.txt"),
    (
        "git-config",
        "cau-hinh.txt",
        lambda t: t / "project" / ".git" / "config",
        "cau-hinh.txt",
    ),
]


@pytest.mark.parametrize(("name", "link", "target", "shown"), LINKS, ids=[c[0] for c in LINKS])
def test_a_link_out_of_the_content_folder_is_an_error_and_never_published(
    tmp_path, name, link, target, shown
):
    root = make_project(tmp_path / "project", {"tin-tuc/2024/tot.md": article(title="Bài tốt")})
    git = root / ".git" / "config"
    git.parent.mkdir(parents=True, exist_ok=True)
    git.write_text("[credential]\n  helper = SECRET-TOKEN\n", encoding="utf-8")
    goal = target(tmp_path)
    where = root / "content" / link
    where.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(goal, where)
    result = build(root)
    assert result.returncode == 1
    expected = (
        f"content/{link}: là liên kết (symlink) tới '{goal}', nằm ngoài thư mục nội dung: cổng "
        "tin không đăng gì ở ngoài thư mục này. Cách sửa: Xóa liên kết; nếu cần tệp đó trên "
        "trang, chép bản thật vào thư mục nội dung."
    )
    assert expected in result.stdout + result.stderr
    assert shown in expected
    site = root / "site"
    leaked = [p for p in site.rglob("*") if p.is_file() and b"SECRET-TOKEN" in p.read_bytes()]
    assert leaked == []
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 1 and expected in checked.stdout


def test_a_link_inside_the_content_folder_is_followed(build_site, tmp_path):
    root = make_project(
        tmp_path / "p",
        {"tin-tuc/2024/tot.md": article(title="Bài tốt", body="[Tài liệu](../../tai-lieu.pdf)")},
    )
    (root / "content" / "goc.pdf").write_bytes(b"%PDF-1.4 tai lieu")
    os.symlink(root / "content" / "goc.pdf", root / "content" / "tai-lieu.pdf")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "tai-lieu.pdf").read_bytes() == b"%PDF-1.4 tai lieu"


def test_a_broken_link_is_an_error(tmp_path):
    root = make_project(tmp_path, {"tin-tuc/2024/tot.md": article(title="Bài tốt")})
    os.symlink(root / "content" / "khong-con.jpg", root / "content" / "tin-tuc" / "anh.jpg")
    result = build(root)
    assert result.returncode == 1
    assert (
        "content/tin-tuc/anh.jpg: là liên kết (symlink) hỏng: tệp nó trỏ tới không còn. "
        "Cách sửa: Xóa liên kết hoặc thay bằng tệp thật." in result.stderr
    )


BACKUPS = ["bai.md~", "bai.md.bak", ".bai.md.swp", ".#bai.md", "#bai.md#", "bai.md.orig"]


def test_editor_backups_are_never_published(tmp_path):
    files = {"tin-tuc/2024/bai.md": article(title="Bài tốt")}
    files |= {f"tin-tuc/2024/{name}": article(title="Bản cũ BÍ-MẬT") for name in BACKUPS}
    files["gioi-thieu~"] = "bản nháp cũ"
    root = make_project(tmp_path, files)
    result = build(root)
    assert result.returncode == 0, result.stderr
    names = {Path(p).name for p in published(root)}
    assert not names & {*BACKUPS, "gioi-thieu~"}
    assert not any(
        "BÍ-MẬT" in p.read_text("utf-8", "replace") for p in (root / "site").rglob("*.html")
    )


def test_files_used_only_by_hidden_articles_are_not_published(tmp_path):
    from tests import photos

    root = make_project(
        tmp_path,
        {
            "tin-tuc/2024/tot.md": article(
                title="Bài đăng", image="anh/cong-khai.jpg", body="[Biên bản](bien-ban.pdf)"
            ),
            "tin-tuc/2024/nhap.md": article(
                title="Bài nháp",
                draft="true",
                image="anh/nhap.jpg",
                body="![Ảnh riêng](anh/rieng.png)\n\n[Tệp riêng](rieng.pdf)",
            ),
            "tin-tuc/2099/hen-gio.md": article(
                title="Bài hẹn giờ", date="2099-01-01", body="![x](../2024/anh/hen-gio.png)"
            ),
        },
    )
    folder = root / "content" / "tin-tuc" / "2024"
    (folder / "anh").mkdir(parents=True, exist_ok=True)
    for name in ("cong-khai.jpg", "nhap.jpg"):
        (folder / "anh" / name).write_bytes(photos.camera_jpeg(size=(1600, 1200)))
    for name in ("rieng.png", "hen-gio.png"):
        (folder / "anh" / name).write_bytes(photos.alpha_png())
    for name in ("bien-ban.pdf", "rieng.pdf"):
        (folder / name).write_bytes(b"%PDF " + name.encode())
    result = build(root)
    assert result.returncode == 0, result.stderr
    files = published(root)
    assert any(f.startswith("tin-tuc/2024/anh/cong-khai-") for f in files)  # its photo's files
    assert "tin-tuc/2024/bien-ban.pdf" in files
    for private in ("nhap", "rieng", "hen-gio"):
        assert not any(f"/{private}" in f for f in files), private
    assert "tin-tuc/2024/rieng.pdf" not in files


@pytest.mark.parametrize(
    "path", ["robots.txt", "rss.xml", "chuyen-muc/cum-cong-nghiep/rss.xml", "search/meta.json"]
)
def test_a_staff_file_where_the_portal_writes_is_reported(tmp_path, path):
    root = make_project(tmp_path, {"tin-tuc/2024/tot.md": article(), path: "của biên tập viên"})
    result = build(root)
    assert result.returncode == 1
    assert (
        f"content/{path}: trùng với tệp '{path}' mà cổng tin tự tạo; tệp này sẽ không được đăng. "
        "Cách sửa: Đổi tên hoặc chuyển tệp sang thư mục khác." in result.stderr
    )


# -- 3. text rules of the schema ---------------------------------------------------------------


def problems(text: str) -> list[str]:
    _, found = read_article(PATH, text, VOCAB, SHOWN)
    return [p.format() for p in found]


TEXT_RULES = [
    (
        "word-soft-break",
        article(title='"Hội\\vnghị"'),
        f"{SHOWN}:2: trường 'title': có ký tự vô hình U+000B (ngắt dòng mềm của Word) ở vị trí 4 "
        "(sau 'Hội'). Cách sửa: Xóa ký tự đó và gõ một dấu cách thay vào (thường do dán từ Word "
        "hay trang web); nội dung phải nằm trên một dòng.",
    ),
    (
        "right-to-left-override",
        article(author='"Minh \\u202eVân"'),
        f"{SHOWN}:6: trường 'author': có ký tự vô hình U+202E (ghi đè hướng phải sang trái, làm "
        "chữ hiện ngược) ở vị trí 6 (sau 'Minh ').",
    ),
    (
        "isolate-in-tag",
        article(tags='[a, "b\\u2066c"]'),
        f"{SHOWN}:7: trường 'tags[2]': có ký tự vô hình U+2066 (cô lập hướng trái sang phải)",
    ),
    (
        "c1-control",
        article(summary='"Sapo\\x85 hai"'),
        f"{SHOWN}:7: trường 'summary': có ký tự vô hình U+0085 (ký tự điều khiển)",
    ),
    (
        "noncharacter",
        article(title='"Hội nghị \\uFFFE"'),
        f"{SHOWN}:2: trường 'title': có ký tự vô hình U+FFFE (ký tự không dùng được)",
    ),
    (
        "escape-sequence",
        article(title='"Hội \\e[31mnghị"'),
        f"{SHOWN}:2: trường 'title': có ký tự vô hình U+001B (mã điều khiển cửa sổ lệnh)",
    ),
    (
        "emoji-title",
        article(title="🎉🎉"),
        f"{SHOWN}:2: trường 'title': tiêu đề '🎉🎉' không có chữ cái hay chữ số nào nên không làm "
        "được địa chỉ bài. Cách sửa: Thêm chữ vào tiêu đề, hoặc ghi trường 'slug: "
        "ten-bai-khong-dau'.",
    ),
    (
        "emoji-tag",
        article(tags="[tập huấn, 🎉]"),
        f"{SHOWN}:7: trường 'tags[2]': '🎉' không có chữ cái hay chữ số nào nên không làm được "
        "địa chỉ trang.",
    ),
    (
        "emoji-author-name",
        article(author="[Minh Vân, {name: '✨', organization: TTKC}]"),
        f"{SHOWN}:6: trường 'author[2].name': '✨' không có chữ cái hay chữ số nào",
    ),
    (
        "long-title",
        article(title="Hội nghị " * 50),
        f"{SHOWN}:2: trường 'title': tiêu đề dài 449 ký tự, quá 300. Cách sửa: Rút gọn tiêu đề; "
        "phần chi tiết đưa vào sapo (summary).",
    ),
    (
        "year-too-early",
        article(date="1900-01-01"),
        f"{SHOWN}:3: trường 'date': '1900-01-01' không phải ngày hợp lệ (năm 1900 nằm ngoài "
        "khoảng 1945–2100).",
    ),
    (
        "year-too-late",
        article(date="9999-12-31 23:59"),
        "(năm 9999 nằm ngoài khoảng 1945–2100)",
    ),
    ("zone-impossible", article(date="2024-03-15T10:00+99:00"), "(không có múi giờ +99:00)"),
    (
        "billion-laughs",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: *g\n---\n",
        f"{SHOWN}:2: phần đầu dùng neo/bí danh YAML ('&a'), cổng tin không nhận. Cách sửa: Ghi "
        "thẳng giá trị của từng trường; giá trị bắt đầu bằng * hoặc & thì đặt trong ngoặc kép "
        '"...".',
    ),
    (
        "nested-organization",
        article(author="\n  - Minh Vân\n  - name: Anh Dũng\n    organization: [a, b]"),
        f"{SHOWN}:9: trường 'author[2].organization': phải là một đoạn chữ (đang ghi: <list 2 "
        "mục>).",
    ),
    (
        "nested-unknown-key",
        article(author="\n  - Minh Vân\n  - name: Anh Dũng\n    organisation: TTKC"),
        f"{SHOWN}:9: trường 'author[2].organisation': không có mục 'organisation'. Cách sửa: Có "
        "phải ý bạn là 'organization'?",
    ),
    (
        "nested-source-url",
        article(source="\n  - Báo A\n  - name: Báo B\n    url: 'javascript:alert(1)'"),
        f"{SHOWN}:10: trường 'source[2].url': địa chỉ 'javascript:alert(1)' không hợp lệ.",
    ),
    (
        "huge-value-in-message",
        article(title="{a: [" + ", ".join(["x" * 50] * 1000) + "]}"),
        f"{SHOWN}:2: trường 'title': phải là một đoạn chữ (đang ghi: <dict 1 mục>).",
    ),
    (
        "deep-nesting",
        article(tags="[" + "[" * 3000 + "]" * 3000 + "]"),
        f"{SHOWN}:7: ",  # PyYAML ≥ 6.0.4 refuses the nesting, older ones build it: never a crash
    ),
    (
        "nul-in-yaml",
        "---\ntitle: a\x00b\n---\n",
        f"{SHOWN}:2: phần đầu (front-matter) có ký tự vô hình U+0000 (ký tự rỗng).",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), TEXT_RULES, ids=[r[0] for r in TEXT_RULES])
def test_text_rules(name, text, expected):
    found = problems(text)
    assert any(expected in p for p in found), found
    assert all(len(p) < 700 for p in found)  # no message formats an unbounded value


def test_billion_laughs_is_refused_before_anything_expands(monkeypatch):
    def explode(*args, **kwargs):
        raise AssertionError("construct_document must not run")

    monkeypatch.setattr(yaml.SafeLoader, "construct_document", explode)
    monkeypatch.setattr(
        getattr(yaml, "CSafeLoader", yaml.SafeLoader), "construct_document", explode
    )
    text = "---\na: &a [x]\nb: [*a, *a]\n---\n"
    assert "neo/bí danh YAML" in problems(text)[0]


def test_long_titles_give_capped_slugs_for_new_files(tmp_path):
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    title = "Hội nghị tổng kết công tác khuyến công và tư vấn phát triển công nghiệp " * 3
    result = khuyencong(
        "new",
        "--title",
        title.strip()[:290],
        "--province",
        "Đắk Lắk",
        "--category",
        "Đào tạo",
        "--author",
        "Minh Vân",
        "--date",
        "2026-03-15",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (written,) = (tmp_path / "content/tin-tuc/2026").iterdir()
    assert written.name == (
        "hoi-nghi-tong-ket-cong-tac-khuyen-cong-va-tu-van-phat-trien-cong-nghiep-hoi-nghi.md"
    )
    assert len(written.stem) <= 80 and oct(written.stat().st_mode & 0o777) == oct(0o644 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- 4. configuration --------------------------------------------------------------------------

CONFIG = [
    (
        "per-page-negative",
        {"per_page: 20": "per_page: -1"},
        "Config value 'plugins': Plugin 'khuyencong' option 'per_page': phải từ 1 trở lên "
        "(đang ghi: -1).",
    ),
    (
        "per-page-text",
        {"per_page: 20": "per_page: hai mươi"},
        "option 'per_page': phải là một số nguyên (đang ghi: hai mươi). Ví dụ: 20.",
    ),
    (
        "per-page-bool",
        {"per_page: 20": "per_page: true"},
        "option 'per_page': phải là một số nguyên (đang ghi: True). Ví dụ: 20.",
    ),
    (
        "page-without-placeholder",
        {"page: trang/{page}/": "page: trang/"},
        "option 'urls': Sub-option 'page': 'trang/' phải có {page}. Cách sửa: ghi dạng "
        "'trang/{page}/' (dùng được: {page}).",
    ),
    (
        "unknown-placeholder",
        {"tag: the/{slug}/": "tag: the/{ten}/"},
        "Sub-option 'tag': 'the/{ten}/' có trường '{ten}' không dùng được; chỉ dùng: {slug}.",
    ),
    (
        "no-trailing-slash",
        {"tag: the/{slug}/": "tag: the/{slug}"},
        "Sub-option 'tag': 'the/{slug}' không được bắt đầu bằng '/' và phải kết thúc bằng '/'.",
    ),
    (
        "accented-folder",
        {"tag: the/{slug}/": "tag: thẻ/{slug}/"},
        "Sub-option 'tag': 'thẻ/{slug}/' chỉ được có chữ thường không dấu",
    ),
    (
        "unbalanced-brace",
        {"tag: the/{slug}/": "tag: the/{slug/"},
        "Sub-option 'tag': 'the/{slug/' có dấu ngoặc nhọn { } không khớp.",
    ),
    (
        "article-equals-category",
        {"article: tin-tuc/{year}/{slug}/": "article: chuyen-muc/{slug}/"},
        "Sub-option 'category': trang bài viết ('chuyen-muc/{slug}/') và trang chuyên mục "
        "('chuyen-muc/{slug}/') có thể trùng địa chỉ, ví dụ 'chuyen-muc/a/'.",
    ),
    (
        "year-pages-meet-months",
        {"page: trang/{page}/": "page: '{page}/'"},
        "có thể trùng địa chỉ, ví dụ 'luu-tru/2024/12/'",
    ),
    (
        "article-on-search-page",
        {"article: tin-tuc/{year}/{slug}/": "article: '{slug}/'"},
        "trang bài viết ('{slug}/') và trang danh mục chuyên mục ('chuyen-muc/') có thể trùng",
    ),
    (
        "urls-not-a-mapping",
        {
            "      urls:\n        article: tin-tuc/{year}/{slug}/\n        category: chuyen-muc/{slug}/\n        province: tinh-thanh/{slug}/\n        tag: the/{slug}/\n        author: tac-gia/{slug}/\n        year: luu-tru/{year}/\n        month: luu-tru/{year}/{month}/\n        page: trang/{page}/\n": "      urls: tin-tuc\n"
        },
        "option 'urls': phải là một nhóm tùy chọn dạng 'tên: giá trị' thụt lề bên dưới (đang "
        "ghi: tin-tuc).",
    ),
    (
        "half-life-zero",
        {"half_life_days: 365": "half_life_days: 0"},
        "option 'related': Sub-option 'half_life_days': phải lớn hơn 0 (đang ghi: 0).",
    ),
    (
        "weight-nan",
        {"tags: 3\n": "tags: .nan\n"},
        "Sub-option 'weights': Sub-option 'tags': phải từ 0 trở lên (đang ghi: nan).",
    ),
    (
        "articles-dir-escapes",
        {"articles_dir: tin-tuc": "articles_dir: ../tin-tuc"},
        "option 'articles_dir': '../tin-tuc' phải là một thư mục nằm trong thư mục nội dung",
    ),
    (
        "unknown-option",
        {"per_page: 20": "per_page: 20\n      par_page: 30"},
        "Plugin 'khuyencong' option 'par_page': không có tùy chọn 'par_page'. Có phải ý bạn là "
        "'per_page'?",
    ),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CONFIG, ids=[c[0] for c in CONFIG])
def test_configuration_mistakes_stop_before_any_work(tmp_path, name, changes, expected):
    root = make_project(tmp_path, {"tin-tuc/2024/tot.md": article()}, config_changes=changes)
    result = build(root)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert expected in log, log
    assert "Traceback" not in log
    assert not (root / "site").exists()  # nothing was built
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode != 0 and expected in checked.stderr, checked.stderr


def test_check_applies_the_configured_urls(tmp_path):
    """check reads mkdocs.yml: an address collision under the configured article format is
    found by check exactly as by the build."""
    root = make_project(
        tmp_path,
        {
            "tin-tuc/2024/a.md": article(title="Hội nghị", date="2024-03-15"),
            "tin-tuc/2023/a.md": article(title="Hội nghị", date="2023-03-15"),
        },
        config_changes={"article: tin-tuc/{year}/{slug}/": "article: bai-viet/{slug}/"},
    )
    result = build(root)
    assert result.returncode == 1
    expected = "trùng địa chỉ 'bai-viet/a/' với bài 'content/tin-tuc/2023/a.md'"
    assert expected in result.stderr
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 1 and expected in checked.stdout


# -- 5. one verdict, every problem in one round ------------------------------------------------


def test_every_problem_of_every_article_in_one_round(tmp_path):
    root = make_project(
        tmp_path,
        {
            # A field error AND a tag that collides AND a missing image, in one file.
            "tin-tuc/2024/a.md": article(
                title="A", date="2024-02-30", tags="[Ha Noi]", image="anh/khong-co.jpg"
            ),
            "tin-tuc/2024/b.md": article(title="B", tags="[Hà Nội]"),
            # A draft takes part in the checks too.
            "tin-tuc/2024/c.md": article(title="C", draft="true", author="[Minh Van, Minh Vân]"),
        },
    )
    result = build(root)
    assert result.returncode == 1
    log = result.stderr
    assert "content/tin-tuc/2024/a.md:3: trường 'date'" in log
    assert (
        "content/tin-tuc/2024/a.md:8: trường 'image': không tìm thấy ảnh 'anh/khong-co.jpg'" in log
    )
    # The broken file's tag still takes part: the collision is found in the same round.
    assert (
        "content/tin-tuc/2024/b.md:7: trường 'tags': thẻ 'Hà Nội' có cùng đường dẫn 'ha-noi' với "
        "thẻ 'Ha Noi' (bài content/tin-tuc/2024/a.md) nhưng viết khác." in log
    )
    assert "content/tin-tuc/2024/c.md:6: trường 'author[1]': tác giả 'Minh Van'" in log
    assert (
        "Có 4 lỗi trong bài viết (3 tệp: content/tin-tuc/2024/a.md, content/tin-tuc/2024/b.md, "
        "content/tin-tuc/2024/c.md)" in log
    )
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        problems = [ln for ln in checked.stdout.splitlines() if ln.startswith("content/")]
        built = [ln.split("-  ", 1)[1] for ln in log.splitlines() if "ERROR   -  content/" in ln]
        assert problems == built


def test_check_and_build_agree_on_the_bad_input_corpus(tmp_path):
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    from tests.test_bad_input import ERRORS

    corpus = [(name, text) for name, text, _, _ in ERRORS]
    corpus += [(name, text) for name, text, _ in TEXT_RULES]
    corpus += [
        ("ok", article()),
        ("draft-with-problem", article(draft="true", province="Atlantis")),
        ("future", article(date="2099-01-01")),
        ("body-controls", article(body="Đoạn\x0bhai\x00ba")),
    ]
    disagreements = []
    for name, text in corpus:
        root = make_project(
            tmp_path / name, {PATH: text, "tin-tuc/2024/tot.md": article(title="T")}
        )
        built = build(root).returncode
        checked = khuyencong("check", cwd=root).returncode
        if (built == 0) != (checked == 0):
            disagreements.append((name, built, checked))
    assert disagreements == []


def test_invisible_characters_in_a_body_are_replaced_and_reported(tmp_path):
    root = make_project(tmp_path, {PATH: article(body="Đoạn\x0bhai\u202e ba.")})
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site/tin-tuc/2024/bai/index.html").read_text(encoding="utf-8")
    assert "<p>Đoạn hai ba.</p>" in html
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 0
        assert (
            "Cảnh báo: content/tin-tuc/2024/bai.md:9: nội dung có ký tự vô hình U+000B (ngắt dòng "
            "mềm của Word) ở cột 5; khi đăng sẽ được thay bằng dấu cách (hoặc bỏ đi)."
        ) in checked.stdout
        # Two warnings: this one, and the reminder that the agency details are examples.
        assert "Đã kiểm tra 1 bài: không có lỗi, 2 cảnh báo." in checked.stdout


# -- 6. serve never hangs ----------------------------------------------------------------------

CRASHING_EXTENSION = """
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


class _Crash(Preprocessor):
    def run(self, lines):
        if any("KC-CRASH" in line for line in lines):
            raise RuntimeError("extension failed")
        return lines


class CrashExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Crash(md), "kc_crash", 100)


def makeExtension(**kwargs):
    return CrashExtension(**kwargs)
"""

CRASHING_HOOK = """
def on_post_build(config):
    from pathlib import Path
    if (Path(config.docs_dir) / "CRASH").exists():
        raise RuntimeError("a build step failed")
"""


def _crash_project(tmp_path: Path) -> Path:
    root = make_project(
        tmp_path,
        {"tin-tuc/2024/tot.md": article(title="Bài tốt"), PATH: article(title="Bài sẽ lỗi")},
        config_changes={
            "markdown_extensions:\n": "hooks:\n  - crash_hook.py\nmarkdown_extensions:\n  - crashext\n"
        },
    )
    (root / "crashext.py").write_text(CRASHING_EXTENSION, encoding="utf-8")
    (root / "crash_hook.py").write_text(CRASHING_HOOK, encoding="utf-8")
    return root


def test_an_article_that_crashes_markdown_fails_the_build_with_a_message(tmp_path, monkeypatch):
    root = _crash_project(tmp_path)
    (root / "content" / PATH).write_text(article(body="KC-CRASH"), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    result = build(root)
    assert result.returncode == 1
    assert (
        f"{SHOWN}: không chuyển được nội dung bài thành trang (RuntimeError: extension failed)."
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    if HAS_CLI:  # check renders bodies too (for the sanitiser): the same verdict and message
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 1
        assert f"{SHOWN}: không chuyển được nội dung bài thành trang" in checked.stdout


def test_serve_keeps_answering_whatever_crashes(tmp_path, monkeypatch):
    root = _crash_project(tmp_path)
    monkeypatch.setenv("PYTHONPATH", f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    server = MkDocsServe(root)
    base = server.base
    target = root / "content" / PATH
    try:
        assert wait_for(lambda: get(base)[0] == 200)
        # 1. An article whose Markdown crashes an extension: a problem in the red box.
        target.write_text(article(title="Bài sẽ lỗi", body="KC-CRASH"), encoding="utf-8")
        assert wait_for(lambda: "RuntimeError: extension failed" in get(base)[1], timeout=30)
        assert "Bài tốt" in get(base + "tin-tuc/2024/tot/")[1]
        # 2. A crash outside any page: the preview still answers at once.
        (root / "content" / "CRASH").write_text("x", encoding="utf-8")
        time.sleep(3)
        started = time.monotonic()
        status, _ = get(base + "tin-tuc/2024/tot/")
        assert status == 200 and time.monotonic() - started < 4
        # 3. The fixes are picked up on save.
        (root / "content" / "CRASH").unlink()
        target.write_text(article(title="Bài đã sửa"), encoding="utf-8")
        assert wait_for(lambda: "Bài đã sửa" in get(base)[1], timeout=30)
        assert 'class="kc-problems"' not in get(base)[1]
        assert server.running
    finally:
        output = server.stop()
    assert "Lỗi khi dựng lại trang xem trước: RuntimeError: a build step failed" in output
    assert "Traceback" not in output


# -- 7. the command line -----------------------------------------------------------------------

OS_ERRORS = [
    (errno.EROFS, "Lỗi: thư mục chỉ đọc, không ghi được"),
    (errno.ENOSPC, "Lỗi: đĩa đã đầy"),
    (errno.ENAMETOOLONG, "Lỗi: tên tệp hoặc đường dẫn quá dài"),
    (errno.EACCES, "Lỗi: không có quyền ghi hoặc đọc"),
]


@pytest.mark.parametrize(("code", "expected"), OS_ERRORS, ids=[str(c) for c, _ in OS_ERRORS])
def test_new_says_what_the_system_refused(tmp_path, monkeypatch, capsys, code, expected):
    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / "content"))

    monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
    status = cli.main(
        ["new", "--title", "Bài mới", "--province", "Huế", "--category", "Đào tạo"]
        + ["--author", "Minh Vân", "--date", "2026-01-02"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert expected in err and "không tệp nào bị ghi dở" in err
    assert not list(tmp_path.rglob("*.md"))


def test_a_closed_pipe_is_not_a_traceback():
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    result = subprocess.run(
        "khuyencong vocab provinces | head -n 1",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr


def test_terminal_control_characters_are_shown_escaped(tmp_path):
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    root = make_project(tmp_path, {"tin-tuc/2024/ba\x1b[2Ji.md": article(province="\x1b[31mX")})
    result = khuyencong("check", cwd=root)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "content/tin-tuc/2024/ba\\x1b[2Ji.md" in result.stdout


def test_check_without_a_project_says_where_to_run(tmp_path):
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    result = khuyencong("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "Lỗi: không tìm thấy thư mục nội dung 'content'." in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_a_broken_mkdocs_yml(tmp_path):
    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    root = make_project(tmp_path, {"tin-tuc/2024/tot.md": article()})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name:", "site_name: [", 1), "utf-8")
    result = khuyencong("check", cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi trong mkdocs.yml:")
    assert "Traceback" not in result.stderr


def test_logging_is_left_as_it_was(tmp_path, monkeypatch):
    """check borrows MkDocs' loggers to collect config errors and gives them back."""
    monkeypatch.chdir(tmp_path)
    logger = logging.getLogger("mkdocs")
    before = (list(logger.handlers), logger.propagate)
    cli.main(["check"])
    assert (list(logger.handlers), logger.propagate) == before
    assert sys.stdout  # still usable


def test_the_docs_field_tables_come_from_the_schema():
    from site_plugins.frontmatter import field_table

    table = field_table()
    for name in ("README.md", "HUONG-DAN-VIET-BAI.md"):
        assert table in (ROOT / name).read_text(encoding="utf-8"), (
            f"{name}: dán lại bảng trường từ site_plugins.frontmatter.field_table()"
        )


# -- 2. safe bodies (the allow-list itself: tests/test_sanitize.py) ---------------------------

HOSTILE_BODY = (
    "Đoạn <script>alert(1)</script> và <img src=https://example.org/x.png onerror=alert(2)>\n\n"
    "[x](javascript:alert(3))\n\n/// html | script\nalert(4)\n///\n\n"
    'Đoạn\n{: onclick="alert(5)" }\n\n## Kết quả\n\nNội dung.\n'
)


def test_bodies_are_sanitised_and_build_and_check_tell_the_same(tmp_path):
    root = make_project(tmp_path, {PATH: article(body=HOSTILE_BODY)})
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site/tin-tuc/2024/bai/index.html").read_text(encoding="utf-8")
    body = html.split('class="kc-article__body">', 1)[1].split("</article>", 1)[0]
    for needle in ("alert(", "onerror", "onclick", "javascript:", "<script"):
        assert needle not in body, needle
    # Headings keep their ids and permalinks.
    assert '<h2 id="ket-qua">Kết quả<a class="headerlink" href="#ket-qua"' in body
    built = sorted(
        ln.split("Cảnh báo: ", 1)[1]
        for ln in (result.stdout + result.stderr).splitlines()
        if "Cảnh báo: content/" in ln
    )
    # Body from line 9: <script> and onerror (9), javascript: (11), /// html | script (13),
    # {: onclick } (18).
    assert sorted(int(w.split(":", 2)[1]) for w in built) == [9, 9, 11, 13, 18]
    assert sum("thẻ <script> sẽ bị bỏ khi đăng, cả nội dung bên trong." in w for w in built) == 2
    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 0
        told = sorted(
            ln[len("Cảnh báo: ") :]
            for ln in checked.stdout.splitlines()
            if ln.startswith("Cảnh báo: content/")
        )
        assert told == built


def test_articles_from_1945_to_1969_build_with_their_search_index(tmp_path):
    """Days before 1970 are negative in the search index: once a traceback, then a wrong day."""
    from datetime import date

    from tests.search_model import read_docs

    root = make_project(
        tmp_path,
        {
            "tin-tuc/1946/a.md": article(title="Khuyến công 1946", date="1946-05-01"),
            "tin-tuc/1969/b.md": article(title="Khuyến công 1969", date="1969-12-31 23:59"),
        },
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    days = sorted(d for d, _, _ in read_docs((root / "site/search/docs.bin").read_bytes()))
    epoch = date(1970, 1, 1)
    assert days == [(date(1946, 5, 1) - epoch).days, (date(1969, 12, 31) - epoch).days]
