"""Importing files and folders into the articles folder: read, analyse, set duplicates
aside, copy photos, write (atomically, never over an existing file), and report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .. import writer
from ..frontmatter import split
from ..vocab import Vocabulary
from .blocks import Page
from .duplicates import DuplicateIndex, Fingerprint, markdown_text
from .htmlpage import read_page
from .photos import place, resolve
from .pipeline import UNDATED_DIR, Imported, analyse
from .reading import ImportFailure, html_chunks, normalise, read_legacy
from .textpage import text_page

# libyaml's loader when PyYAML has it: the whole articles folder is read on each import.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)


# ================================================================================ one file


def import_text(text: str, source: Path, vocab: Vocabulary, today: date | None = None) -> Imported:
    """A legacy article copied as plain text (one paragraph per line, like the seeds)."""
    source = Path(source)
    return analyse(text_page(normalise(text), source), source, vocab, today)


def import_html(html: str, source: Path, vocab: Vocabulary, today: date | None = None) -> Imported:
    """A saved HTML page of a provincial portal (its photos are looked for beside
    ``source``)."""
    source = Path(source)
    return _analyse_page(read_page([html], source), source, vocab, today)


def _analyse_page(page: Page, source: Path, vocab: Vocabulary, today: date | None) -> Imported:
    for block in page.blocks:
        if block.photo is not None:
            resolve(block.photo, source.parent, page.base)
    return analyse(page, source, vocab, today)


def _is_html(path: Path) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError:
        return False
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or head.lower().startswith(b"\xff\xfe<")


def import_file(path: Path, vocab: Vocabulary, today: date | None = None) -> Imported:
    """Read and import one file: HTML (.html/.htm, or text starting with '<') or plain text."""
    path = Path(path)
    if _is_html(path):
        return _analyse_page(read_page(html_chunks(path), path), path, vocab, today)
    return import_text(read_legacy(path), path, vocab, today)


# ================================================================================= report


@dataclass
class Report:
    """What ``import_paths`` did. ``imported`` lists every article written (source, target),
    those needing review included; ``needs_review`` is the part of them with fields to check;
    ``duplicates`` the inputs not written because their text is already there (source, the
    article it repeats, and the input that article was just imported from, if so);
    ``failed`` the inputs not written, with the reason."""

    imported: list[tuple[Path, Path]] = field(default_factory=list)
    needs_review: list[tuple[Path, Path, dict]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    duplicates: list[tuple[Path, Path, Path | None]] = field(default_factory=list)
    renamed: list[tuple[Path, Path]] = field(default_factory=list)  # (source, target)
    photos_copied: int = 0
    photos_online: int = 0
    articles_dir: Path | None = None

    def summary(self) -> str:
        lines = []
        for source, target, review in self.needs_review:
            reasons = "; ".join(f"{k}: {v}" for k, v in review.items() if k != "draft")
            lines.append(f"- cần kiểm tra {target} (từ {source}): {reasons}")
        for source, target in self.renamed:
            lines.append(
                f"- {source}: đã có bài khác cùng tên tệp hoặc cùng địa chỉ nên ghi thành {target}"
            )
        for source, other, other_source in self.duplicates:
            just = f" (vừa nhập từ {other_source})" if other_source is not None else ""
            lines.append(
                f"- trùng: {source} có cùng nội dung với bài {other}{just}: không ghi bản thứ "
                "hai, không ghi đè"
            )
        for source, reason in self.failed:
            lines.append(f"- lỗi {source}: {reason}")
        head = (
            f"Đã nhập {len(self.imported)} bài; {len(self.needs_review)} bài cần kiểm tra; "
            + (f"{len(self.duplicates)} bài trùng không ghi; " if self.duplicates else "")
            + f"{len(self.failed)} tệp lỗi"
        )
        if self.photos_copied or self.photos_online:
            head += f"; {self.photos_copied} ảnh đã chép cạnh bài"
            if self.photos_online:
                head += f", {self.photos_online} ảnh chỉ có trên mạng (chưa tải)"
        text = head + (":\n" + "\n".join(lines) if lines else ".")
        return text + self._next_steps()

    def _next_steps(self) -> str:
        steps = []
        if self.needs_review:
            steps.append(
                "Mở từng bài cần kiểm tra ở trên; tìm các dòng có '# "
                f"{writer.REVIEW}', sửa hoặc xác nhận giá trị, rồi xóa phần "
                f"'# {writer.REVIEW}: …' ở cuối dòng."
            )
            if any("image" in review for _, _, review in self.needs_review):
                steps.append(
                    "Ảnh chỉ có trên mạng (ghi ở dòng image): tải về, đặt vào thư mục anh/ cạnh "
                    "bài, chèn vào bài; xóa dòng image nếu không dùng làm ảnh đại diện."
                )
            if any(str(t.parent.name) == UNDATED_DIR for _, t, _ in self.needs_review):
                steps.append(
                    f"Bài trong thư mục {UNDATED_DIR}/ chưa rõ ngày đăng: ghi ngày thật rồi "
                    "chuyển tệp (và thư mục anh/ của nó nếu có) vào thư mục năm đó."
                )
            steps.append(
                "Xong bài nào thì xóa dòng 'draft: true' của bài đó (bài nháp không được đăng)."
            )
        if self.duplicates:
            steps.append("Bài trùng không được ghi: nếu thật sự là bài khác, đổi tên rồi nhập lại.")
        if self.failed:
            steps.append("Tệp lỗi: đọc lý do ở trên, sửa tệp rồi chạy lại lệnh nhập cho tệp đó.")
        if self.imported:
            steps.append(
                f"Chạy '{self._check_command()}' để xem còn lỗi hay bài nào chưa kiểm tra xong, "
                "rồi 'mkdocs serve' và mở http://127.0.0.1:8000/ để xem trước."
            )
        if not steps:
            return ""
        return "\nViệc tiếp theo:\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))

    def _check_command(self) -> str:
        folder = self.articles_dir
        if folder is None or folder.as_posix() in ("content/tin-tuc", "./content/tin-tuc"):
            return "khuyencong check"
        return f"khuyencong check {folder.as_posix()}"


# ============================================================================ many files


def _collect(paths: Iterable[Path], report: Report) -> list[Path]:
    found: dict[Path, None] = {}
    suffixes = HTML_SUFFIXES + TEXT_SUFFIXES
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in suffixes
                # The browser's "<page>_files/" folder holds the page's parts, not articles.
                and not any(part.endswith("_files") for part in f.relative_to(p).parts[:-1])
            )
            if not files:
                report.failed.append((p, "thư mục không có tệp .txt, .htm hay .html nào để nhập."))
            for f in files:
                found[f] = None
        elif p.exists():
            found[p] = None
        else:
            report.failed.append((p, "không tìm thấy tệp hoặc thư mục này."))
    return list(found)


def fingerprint_of(imported: Imported) -> Fingerprint | None:
    texts = [imported.fields.get("summary") or ""] + [it.text for it in imported.items if it.lines]
    return Fingerprint.of("\n".join(texts))


@dataclass
class _Existing:
    """The articles already in the articles folder: their text and their addresses."""

    index: DuplicateIndex
    addresses: set[tuple[str, str]]  # (year, slug)


def _read_existing(articles_dir: Path) -> _Existing:
    index = DuplicateIndex()
    addresses: set[tuple[str, str]] = set()
    if not articles_dir.is_dir():
        return _Existing(index, addresses)
    for path in sorted(articles_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        parts = split(text.replace("\r\n", "\n"))
        data = {}
        if parts.front is not None:
            try:
                loaded = yaml.load(parts.front, Loader=_LOADER)
            except yaml.YAMLError:
                loaded = None
            data = loaded if isinstance(loaded, dict) else {}
        slug = str(data.get("slug") or path.stem)
        year = str(data.get("date") or "")[:4]
        addresses.add((year, slug))
        summary = data.get("summary") if isinstance(data.get("summary"), str) else ""
        index.add(Fingerprint.of(summary + "\n" + markdown_text(parts.body)), path)
    return _Existing(index, addresses)


def _better(a: Imported, b: Imported) -> bool:
    """Of two imports of one article, is ``a`` the one to keep? The saved page over the
    copied text (photos, links), then the one with more photos and fewer fields to check."""

    def rank(x: Imported) -> tuple:
        photos = sum(p.available for p in x.photos)
        return (x.structured, photos, -len(x.review))

    return rank(a) > rank(b)


def import_paths(
    paths: list[Path],
    articles_dir: Path,
    vocab: Vocabulary,
    progress: Callable[[int, int, Path], None] | None = None,
    today: date | None = None,
) -> Report:
    """Import files and folders (recursively *.txt, *.htm, *.html) into the articles folder
    (``content/tin-tuc``): each article at ``articles_dir/<year>/<slug>.md`` (undated ones in
    ``chua-ro-ngay/``), its photos in ``anh/`` beside it.

    An article whose text is already in the folder, or in another input of the run, is not
    written (the report names both; of two inputs the saved page is kept over the copied
    text). Files are written atomically and never over an existing file: a name or address
    already taken gets "-2", "-3" … ``progress(i, n, path)`` is called before each file.
    """
    articles_dir = Path(articles_dir)
    report = Report(articles_dir=articles_dir)
    files = _collect(paths, report)
    existing = _read_existing(articles_dir)
    run_index = DuplicateIndex()
    accepted: list[Imported] = []  # in input order
    position: dict[int, int] = {}  # id(import) -> its place in ``accepted``
    pending: list[tuple[Path, object]] = []  # duplicates: (source, existing path or import)
    for i, path in enumerate(files, 1):
        if progress is not None:
            progress(i, len(files), path)
        try:
            imported = import_file(path, vocab, today)
        except ImportFailure as exc:
            report.failed.append((path, exc.reason))
            continue
        except Exception as exc:  # a page this importer does not understand: keep going
            report.failed.append(
                (path, f"lỗi không mong đợi khi nhập ({type(exc).__name__}: {exc}).")
            )
            continue
        fingerprint = fingerprint_of(imported)
        if (found := existing.index.find(fingerprint)) is not None:
            pending.append((path, found))
            continue
        other = run_index.find(fingerprint)
        if other is None:
            run_index.add(fingerprint, imported)
            position[id(imported)] = len(accepted)
            accepted.append(imported)
        elif _better(imported, other):
            # Keep the better copy, in the other's place in the order of the run.
            n = position.pop(id(other))
            accepted[n], position[id(imported)] = imported, n
            run_index.replace(other, imported)
            pending.append((other.source, imported))
        else:
            pending.append((path, other))
    written: dict[int, Path] = {}
    for imported in accepted:
        target = _write(imported, articles_dir, existing.addresses, report)
        if target is not None:
            written[id(imported)] = target
    for source, other in pending:
        if isinstance(other, Imported):
            kept = written.get(id(other), articles_dir / other.relpath)
            report.duplicates.append((source, kept, other.source))
        else:
            report.duplicates.append((source, other, None))
    return report


def _free_target(imported: Imported, articles_dir: Path, addresses: set[tuple[str, str]]) -> Path:
    folder, _, name = imported.relpath.rpartition("/")
    stem = name.removesuffix(".md")
    year = str(imported.fields["date"])[:4]
    n = 1
    while True:
        slug = stem if n == 1 else f"{stem}-{n}"
        target = articles_dir / folder / f"{slug}.md"
        if (year, slug) not in addresses and not target.exists():
            return target
        n += 1


def _write(
    imported: Imported, articles_dir: Path, addresses: set[tuple[str, str]], report: Report
) -> Path | None:
    path = imported.source
    target = _free_target(imported, articles_dir, addresses)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        paths, created = place(imported.photos, target.parent)
    except OSError as exc:
        reason = f"không chép được ảnh vào {target.parent} ({exc.strerror or exc}); "
        report.failed.append((path, reason + "không có gì được ghi."))
        return None
    try:
        writer.write_new(target, imported.text(paths))
    except (OSError, FileExistsError) as exc:
        for photo in created:
            photo.unlink(missing_ok=True)
        reason = (
            f"đã có tệp {target}, không ghi đè."
            if isinstance(exc, FileExistsError)
            else f"không ghi được tệp {target} ({exc.strerror or exc}); không có gì được ghi."
        )
        report.failed.append((path, reason))
        return None
    except BaseException:
        for photo in created:
            photo.unlink(missing_ok=True)
        raise
    addresses.add((str(imported.fields["date"])[:4], target.stem))
    if target.name != imported.relpath.rpartition("/")[2]:
        report.renamed.append((path, target))
    report.imported.append((path, target))
    report.photos_copied += len(created)
    report.photos_online += sum(1 for p in imported.photos if not p.available)
    if imported.review:
        report.needs_review.append((path, target, dict(imported.review)))
    return target
