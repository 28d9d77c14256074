"""``khuyencong import`` with real files in tmp_path: photos copied beside the article,
duplicates set aside, the destination always inside the articles folder, a real strict
build that leaves drafts out, ``khuyencong check`` listing what remains, and the report's
next steps."""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from site_plugins import cli
from site_plugins.frontmatter import split
from site_plugins.importer import import_paths
from site_plugins.vocab import load_vocabulary
from tests.conftest import ROOT, SEEDS, make_project, run_mkdocs

CORPUS = ROOT / "tests" / "data" / "import" / "corpus"
VOCAB = load_vocabulary()
TODAY = date(2026, 10, 3)


def copy_page(name: str, folder: Path) -> Path:
    """A corpus page and its "<name>_files/" folder, copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    page = CORPUS / name
    shutil.copy(page, folder / name)
    files = CORPUS / (page.stem + "_files")
    if files.is_dir():
        shutil.copytree(files, folder / files.name, dirs_exist_ok=True)
    return folder / name


# ================================================================================ photos


def test_photos_of_a_saved_page_are_copied_beside_the_article(tmp_path):
    page = copy_page("quang-nam-2019-joomla.html", tmp_path / "bai-cu")
    out = tmp_path / "content" / "tin-tuc"
    # Someone else's photo already has one of the names.
    (out / "2019" / "anh").mkdir(parents=True)
    (out / "2019" / "anh" / "tap-huan-1.jpg").write_bytes(b"another photo")
    report = import_paths([page], out, VOCAB, today=TODAY)
    assert report.failed == [] and report.photos_copied == 2 and report.photos_online == 0
    [(_, target)] = report.imported
    assert target == out / "2019" / (
        "tap-huan-ky-nang-quan-tri-doanh-nghiep-cho-co-so-cong-nghiep-nong-thon-tinh-quang-nam.md"
    )
    photos = sorted(p.name for p in (out / "2019" / "anh").iterdir())
    assert photos == ["tap-huan-1-2.jpg", "tap-huan-1.jpg", "tap-huan-2.jpg"]
    assert (out / "2019" / "anh" / "tap-huan-1.jpg").read_bytes() == b"another photo"
    saved = page.parent / "quang-nam-2019-joomla_files"
    assert (out / "2019" / "anh" / "tap-huan-1-2.jpg").read_bytes() == (
        saved / "tap-huan-1.jpg"
    ).read_bytes()
    assert (out / "2019" / "anh" / "tap-huan-2.jpg").read_bytes() == (
        saved / "Tập huấn 2.JPG"
    ).read_bytes()
    body = split(target.read_text(encoding="utf-8")).body
    assert (
        "/// html | figure.kc-photo\n![](anh/tap-huan-1-2.jpg)\n///\n\n"
        "/// caption\nQuang cảnh lớp tập huấn tại thành phố Tam Kỳ\n///"
    ) in body
    assert "![](anh/tap-huan-2.jpg)" in body
    # Nothing of the page that is not a photo of the article (logo, scripts) is copied.
    assert not list(out.rglob("logo*")) and not list(out.rglob("*.js"))
    assert not [p for p in out.rglob("*") if p.name.startswith(".kc-")]


def test_photos_only_online_are_listed_not_downloaded(tmp_path):
    page = copy_page("dong-nai-2023-wordpress.html", tmp_path / "bai-cu")
    out = tmp_path / "tin-tuc"
    report = import_paths([page], out, VOCAB, today=TODAY)
    [(_, target, review)] = report.needs_review
    assert set(review) == {"image", "draft"}
    assert (
        "https://sct.dongnai.gov.vn/wp-content/uploads/2023/12/trung-bay-san-pham.jpg"
        in (review["image"])
    )
    text = target.read_text(encoding="utf-8")
    assert re.search(r'^image: ""  # CẦN KIỂM TRA: bài gốc có 1 ảnh .*chỉ có trên mạng', text, re.M)
    assert [p.name for p in (target.parent / "anh").iterdir()] == [
        "binh-chon-san-pham-1024x683.jpg"
    ]
    assert "trung-bay" not in split(text).body  # its caption stays in an empty frame
    assert "/// caption\nSản phẩm đạt 4 sao được trưng bày tại hội nghị\n///" in text
    assert (
        report.summary()
        .splitlines()[0]
        .endswith("1 ảnh đã chép cạnh bài, 1 ảnh chỉ có trên mạng (chưa tải):")
    )


def test_a_page_whose_photos_folder_is_missing(tmp_path):
    """The page saved alone ("HTML only"): its photos are listed for review with the
    address they had on the portal."""
    page = tmp_path / "quang-nam-2019-joomla.html"
    shutil.copy(CORPUS / page.name, page)
    report = import_paths([page], tmp_path / "tin-tuc", VOCAB, today=TODAY)
    [(_, _, review)] = report.needs_review
    base = "https://khuyencong.quangnam.gov.vn/index.php/tin-hoat-dong/"
    assert f"1) {base}quang-nam-2019-joomla_files/tap-huan-1.jpg" in review["image"]
    assert report.photos_copied == 0 and report.photos_online == 2


def test_the_photos_folder_of_a_saved_page_is_not_imported_as_articles(tmp_path):
    copy_page("quang-nam-2019-joomla.html", tmp_path / "bai-cu")
    (tmp_path / "bai-cu" / "quang-nam-2019-joomla_files" / "frame.html").write_text(
        "<p>Một khung quảng cáo của trang.</p>", encoding="utf-8"
    )
    report = import_paths([tmp_path / "bai-cu"], tmp_path / "tin-tuc", VOCAB, today=TODAY)
    assert [s.name for s, _ in report.imported] == ["quang-nam-2019-joomla.html"]
    assert report.failed == []


def test_a_failed_write_removes_the_photos_it_copied(tmp_path, monkeypatch):
    from site_plugins import writer

    page = copy_page("tra-vinh-2014-anh.html", tmp_path / "bai-cu")

    def full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "write_new", full)
    report = import_paths([page], tmp_path / "tin-tuc", VOCAB, today=TODAY)
    [(_, reason)] = report.failed
    assert "không ghi được tệp" in reason and "No space left" in reason
    assert not [p for p in (tmp_path / "tin-tuc").rglob("*") if p.is_file()]


# ============================================================================ duplicates


def test_the_same_article_as_text_and_as_html_is_imported_once(tmp_path):
    folder = tmp_path / "bai-cu"
    text = folder / "quang-ngai-2022.txt"
    copy_page("quang-ngai-2022.html", folder)
    shutil.copy(CORPUS / text.name, text)
    out = tmp_path / "content" / "tin-tuc"
    report = import_paths([text, folder / "quang-ngai-2022.html"], out, VOCAB, today=TODAY)
    # The saved page is kept (it has the photo's address), even though the text came first.
    [(kept_source, target)] = report.imported
    assert kept_source.name == "quang-ngai-2022.html"
    assert report.duplicates == [(text, target, kept_source)]
    assert len(list(out.rglob("*.md"))) == 1
    summary = report.summary()
    assert summary.startswith("Đã nhập 1 bài; 1 bài cần kiểm tra; 1 bài trùng không ghi; 0 tệp lỗi")
    assert (
        f"- trùng: {text} có cùng nội dung với bài {target} (vừa nhập từ {kept_source}): "
        "không ghi bản thứ hai, không ghi đè"
    ) in summary
    # Imported again later, as text: the article already in the folder is named.
    again = import_paths([text], out, VOCAB, today=TODAY)
    assert again.imported == [] and again.duplicates == [(text, target, None)]
    assert f"có cùng nội dung với bài {target}: không ghi" in again.summary()


def test_the_seeds_are_duplicates_of_the_articles_made_from_them(tmp_path):
    """content/ holds the seeds edited by hand (tags, Markdown, escapes): the text still
    matches, whatever the form (NFD copy included)."""
    root = make_project(tmp_path / "project", {}, seeds=True)
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", next(SEEDS.glob("000_*")).read_text("utf-8")))
    report = import_paths([SEEDS, nfd], root / "content" / "tin-tuc", VOCAB, today=TODAY)
    assert report.imported == [] and report.failed == []
    found = {s.name: other.relative_to(root).as_posix() for s, other, _ in report.duplicates}
    assert found["nfd.txt"] == found["000_11eaecc095c955b8.txt"]
    assert found["004_f4177cb393e64775.txt"] == (
        "content/tin-tuc/2011/hoi-nghi-khuyen-cong-khu-vuc-mien-trung-va-tay-nguyen.md"
    )
    assert len(found) == 6


def test_different_articles_of_the_corpus_are_never_duplicates(tmp_path):
    pages = [p for p in CORPUS.iterdir() if p.suffix in (".html", ".txt")]
    folder = tmp_path / "bai-cu"
    for page in pages:
        copy_page(page.name, folder)
    report = import_paths([folder], tmp_path / "tin-tuc", VOCAB, today=TODAY)
    assert report.failed == []
    # Only the one pair that is the same article.
    assert [(s.name, o.source.name if hasattr(o, "source") else kept.name)
            for s, o, kept in report.duplicates] == [("quang-ngai-2022.txt", "quang-ngai-2022.html")]  # fmt: skip
    assert len(report.imported) == len(pages) - 1


# ======================================================================== the destination


def run_cli(args: list[str], tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    code = cli.main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_import_writes_into_the_articles_folder_by_default(tmp_path, monkeypatch, capsys):
    page = copy_page("binh-thuan-khong-ngay.html", tmp_path / "bai-cu")
    code, out = run_cli(["import", str(page)], tmp_path, monkeypatch, capsys)
    assert code == 0, out
    [written] = list((tmp_path / "content").rglob("*.md"))
    assert written.relative_to(tmp_path).as_posix() == (
        "content/tin-tuc/chua-ro-ngay/ho-tro-co-so-san-xuat-nuoc-mam-phan-thiet-doi-moi-thiet-bi.md"
    )
    assert "Bài trong thư mục chua-ro-ngay/ chưa rõ ngày đăng" in out


def test_the_old_out_option_still_means_the_content_folder(tmp_path, monkeypatch, capsys):
    page = copy_page("ha-tinh-2016-iso.html", tmp_path / "bai-cu")
    code, out = run_cli(["import", str(page), "--out", "noi-dung"], tmp_path, monkeypatch, capsys)
    assert code == 0, out
    assert [p.relative_to(tmp_path).parts[:2] for p in tmp_path.rglob("*.md")] == [
        ("noi-dung", "tin-tuc")
    ]
    code, out = run_cli(
        ["import", str(page), "--docs-dir", "docs", "--articles-dir", "bai-viet"],
        tmp_path,
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    assert (tmp_path / "docs" / "bai-viet" / "2016").is_dir()


def test_import_help_names_the_articles_folder(capsys):
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    out = capsys.readouterr().out
    assert "thư mục bài viết" in out and "content/tin-tuc/<năm>/" in out
    assert "--articles-dir" in out and "--out" not in out


def test_import_exit_code_and_next_steps(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "bai-cu"
    copy_page("ben-tre-2015-chi-co-nam.html", folder)
    copy_page("quang-nam-2019-joomla.html", folder)
    code, out = run_cli(["import", str(folder)], tmp_path, monkeypatch, capsys)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Việc tiếp theo:")
    assert lines[start + 1 :] == [
        "1. Mở từng bài cần kiểm tra ở trên; tìm các dòng có '# CẦN KIỂM TRA', sửa hoặc xác "
        "nhận giá trị, rồi xóa phần '# CẦN KIỂM TRA: …' ở cuối dòng.",
        "2. Xong bài nào thì xóa dòng 'draft: true' của bài đó (bài nháp không được đăng).",
        "3. Chạy 'khuyencong check' để xem còn lỗi hay bài nào chưa kiểm tra xong, rồi "
        "'mkdocs serve' và mở http://127.0.0.1:8000/ để xem trước.",
    ]
    # The same folder again: nothing written twice, and the exit code says so.
    code, out = run_cli(["import", str(folder)], tmp_path, monkeypatch, capsys)
    assert code == 1 and out.startswith("Đã nhập 0 bài; 0 bài cần kiểm tra; 2 bài trùng")


# ====================================================== check lists what remains to review


def test_check_lists_drafts_that_still_carry_review_marks(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "bai-cu"
    for name in (
        "ben-tre-2015-chi-co-nam.html",
        "binh-dinh-2011-asp.html",
        "ha-tinh-2016-iso.html",
    ):
        copy_page(name, folder)
    run_cli(["import", str(folder)], tmp_path, monkeypatch, capsys)
    code, out = run_cli(["check"], tmp_path, monkeypatch, capsys)
    assert code == 0, out  # warnings, not errors
    # (No mkdocs.yml in this folder: check says it applies the defaults.)
    lines = [ln for ln in out.splitlines() if not ln.startswith("Lưu ý: không thấy mkdocs.yml")]
    marked = [ln for ln in lines if ": cảnh báo: " in ln]
    assert len(marked) == 2
    assert any(
        ln.startswith("content/tin-tuc/2015/phat-trien-nghe-lam-keo-dua-nho-chuong-trinh-khuyen-cong.md:3: cảnh báo: bản nháp")
        and "'date' (dòng 3)" in ln
        for ln in marked
    )  # fmt: skip
    assert lines[-2] == (
        "Cảnh báo: 2 bài còn 5 chỗ CẦN KIỂM TRA (2 bài là bản nháp, chưa được đăng); "
        "đây là cảnh báo, không phải lỗi."
    )
    assert lines[-1] == "Đã kiểm tra 3 bài: không có lỗi, 2 cảnh báo."
    code, out = run_cli(["check", "--format", "github"], tmp_path, monkeypatch, capsys)
    assert code == 0
    assert sum(ln.startswith("::warning file=content/tin-tuc/") for ln in out.splitlines()) == 2


# ======================================================================= a real build


def test_a_strict_build_publishes_checked_articles_and_never_drafts(tmp_path):
    """Imported drafts (undated, year only, photos only online, several provinces) are valid
    articles that a strict build leaves out: not a page, not in the sitemap, not in search;
    a page with nothing to check is published with its photos."""
    root = make_project(tmp_path / "project", {})
    folder = tmp_path / "bai-cu"
    names = [
        "quang-nam-2019-joomla.html",  # nothing to check, two photos
        "binh-thuan-khong-ngay.html",  # no date at all
        "ben-tre-2015-chi-co-nam.html",  # the year only
        "long-an-2018-khong-ngay.html",  # month guess, two provinces, photos
        "bac-giang-2021-bao.html",  # a photo only online
    ]
    for name in names:
        copy_page(name, folder)
    report = import_paths([folder], root / "content" / "tin-tuc", VOCAB, today=TODAY)
    assert len(report.imported) == 5 and report.failed == []
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    published = "tin-tuc/2019/tap-huan-ky-nang-quan-tri-doanh-nghiep-cho-co-so-cong-nghiep-nong-thon-tinh-quang-nam/"
    html = (site / published / "index.html").read_text(encoding="utf-8")
    for name in ("tap-huan-1", "tap-huan-2"):
        # Published through the photo pipeline, beside where the importer put the source.
        found = re.search(
            rf'<img[^>]* src="[./]*(?:tin-tuc/2019/)?anh/({name}-[0-9a-f]{{12}}-[^"]+)"', html
        )
        assert found, name
        assert (site / "tin-tuc" / "2019" / "anh" / found[1]).is_file()
        assert not (site / "tin-tuc" / "2019" / "anh" / f"{name}.jpg").exists()
    assert "<figcaption>" in html and "Quang cảnh lớp tập huấn tại thành phố Tam Kỳ" in html
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    search = "".join(p.read_text("utf-8") for p in site.rglob("*.json"))
    for _, target, _ in report.needs_review:
        slug = target.stem
        assert not list(site.rglob(f"{slug}/index.html")), slug
        assert slug not in sitemap and slug not in search
    assert not (site / "tin-tuc" / "chua-ro-ngay").exists()
