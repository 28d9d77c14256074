"""``khuyencong``: the command communications staff use beside ``mkdocs serve``.

Subcommands: ``new`` (write a new article), ``import`` (legacy articles to Markdown), ``check``
(the validator the build runs), ``vocab`` (valid values). This module holds the command line
only; the work is done by the shared modules.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from .catalogue import build_catalogue, missing_images
from .frontmatter import read_article
from .model import VN_TZ, Problem
from .taxonomy import build_taxonomies
from .text import slugify, sort_key
from .vocab import VocabularyError, load_vocabulary
from .writer import article_text, write_new

DEFAULT_URL = "tin-tuc/{year}/{slug}/"
PREVIEW = "http://127.0.0.1:8000/"
NEW_BODY = "<!-- Viết nội dung bài ở dưới dòng này; xem HUONG-DAN-VIET-BAI.md. -->\n"


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed English phrases in Vietnamese."""

    def format_help(self) -> str:
        return (
            super()
            .format_help()
            .replace("usage:", "Cách dùng:")
            .replace("positional arguments:", "Tham số:")
            .replace("options:", "Tùy chọn:")
            .replace("show this help message and exit", "xem hướng dẫn này rồi thoát")
        )

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\n")


def _folders(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs-dir", default="content", help="thư mục nội dung (mặc định: content)")
    p.add_argument(
        "--articles-dir",
        default="tin-tuc",
        help="thư mục bài viết trong thư mục nội dung (mặc định: tin-tuc)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="khuyencong",
        description="Công cụ cho biên tập viên cổng tin khuyến công. "
        "Xem hướng dẫn viết bài: HUONG-DAN-VIET-BAI.md",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    new = sub.add_parser(
        "new",
        help="tạo một bài viết mới",
        description="Tạo tệp bài viết mới, hợp lệ, đặt theo năm; không bao giờ ghi đè tệp có sẵn. "
        "Thiếu thông tin nào thì hỏi (khi chạy trong cửa sổ lệnh).",
    )
    new.add_argument("--title", help="tiêu đề")
    new.add_argument("--province", action="append", help="tỉnh/thành (lặp lại nếu nhiều tỉnh)")
    new.add_argument("--category", help="chuyên mục (xem: khuyencong vocab categories)")
    new.add_argument("--author", action="append", help="tác giả (lặp lại nếu nhiều người)")
    new.add_argument("--tags", help="các thẻ, cách nhau bằng dấu phẩy")
    new.add_argument("--summary", help="sapo (đoạn dẫn)")
    new.add_argument(
        "--date", help="ngày đăng, ví dụ 2024-03-15 09:30 (mặc định: bây giờ, giờ Việt Nam)"
    )
    new.add_argument("--slug", help="tên tệp/đường dẫn riêng (mặc định: từ tiêu đề)")
    new.add_argument("--draft", action="store_true", help="lưu là bản nháp")
    _folders(new)

    imp = sub.add_parser(
        "import",
        help="chuyển bài cũ (văn bản, trang HTML đã lưu) thành bài Markdown",
        description="Nhập bài cũ: tìm tiêu đề, sapo, đoạn văn, danh sách, ảnh và chú thích, tác "
        "giả, nguồn, ngày; đề xuất tỉnh và chuyên mục, đánh dấu chỗ cần kiểm tra. Bài luôn được "
        "ghi vào thư mục bài viết (mặc định content/tin-tuc/<năm>/, bài chưa rõ ngày vào "
        "content/tin-tuc/chua-ro-ngay/), ảnh vào thư mục anh/ cạnh bài; không ghi đè, không ghi "
        "lại bài đã có.",
    )
    imp.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục")
    _folders(imp)  # the destination is <docs-dir>/<articles-dir>, the folder `check` reads
    # Old name of --docs-dir (it always meant the content folder, never the articles folder).
    imp.add_argument("--out", dest="docs_dir", help=argparse.SUPPRESS)

    check = sub.add_parser(
        "check",
        help="kiểm tra phần đầu (front-matter) của các bài viết",
        description="Kiểm tra các bài viết; báo mọi lỗi kèm tệp, dòng, trường và cách sửa.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="ĐƯỜNG_DẪN",
        help="tệp .md hoặc thư mục cần kiểm tra (mặc định: mọi bài trong content/tin-tuc)",
    )
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text (mặc định) hoặc github (chú thích lỗi cho GitHub Actions)",
    )
    _folders(check)

    vocab = sub.add_parser(
        "vocab",
        help="xem các giá trị hợp lệ: chuyên mục, tỉnh thành, thẻ đang dùng",
        description="In danh sách chuyên mục, tỉnh thành (kèm đơn vị cũ đã nhập vào) "
        "hoặc các thẻ đang dùng (kèm số bài).",
    )
    vocab.add_argument(
        "kind",
        nargs="?",
        choices=["categories", "provinces", "tags"],
        default="categories",
        metavar="LOẠI",
        help="categories (chuyên mục), provinces (tỉnh thành) hoặc tags (thẻ); "
        "mặc định: categories",
    )
    _folders(vocab)
    return parser


# -- check -------------------------------------------------------------------------------------


def _collect(paths: list[str], docs_dir: Path, articles_dir: str) -> list[Path]:
    if not paths:
        paths = [str(docs_dir / articles_dir)]
    found: dict[Path, None] = {}
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*.md")):
                found[f] = None
        elif p.exists():
            found[p] = None
        else:
            raise FileNotFoundError(str(p))
    return list(found)


def _key(path: Path, docs_dir: Path) -> str:
    """The article's key as the plugin sees it: relative to docs_dir when inside it."""
    try:
        return path.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_all(args: argparse.Namespace, paths: list[str]):
    docs_dir = Path(args.docs_dir)
    files = _collect(paths, docs_dir, args.articles_dir)
    vocab = load_vocabulary()
    inside = docs_dir.as_posix().rstrip("/") + "/"
    keys = [_key(f, docs_dir) for f in files]
    sources = [(key, f.read_bytes()) for key, f in zip(keys, files, strict=True)]
    # Inside the content folder, problems name files as staff see them: content/…
    shown = inside if all(k != f.as_posix() for k, f in zip(keys, files, strict=True)) else ""
    catalogue = build_catalogue(sources, vocab, DEFAULT_URL, shown_prefix=shown)
    # The same checks as a build: the file-by-file ones, then those across articles (two
    # different tags or authors that would share one page).
    taxonomies = build_taxonomies(catalogue.newest_first(), vocab)
    images = missing_images(catalogue, lambda path: (docs_dir / path).is_file())
    problems = sorted(catalogue.problems + taxonomies.problems + images, key=Problem.sort_key)
    return files, taxonomies, problems


def _github(problem: Problem) -> str:
    """A GitHub Actions error annotation (workflow command, with its escaping rules)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    props = [f"file={prop(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    title = f"Lỗi trường {problem.field}" if problem.field else "Lỗi bài viết"
    props.append("title=" + prop(title))
    message = problem.message + (f" Cách sửa: {problem.hint}" if problem.hint else "")
    return f"::error {','.join(props)}::{data(message)}"


def check(args: argparse.Namespace) -> int:
    files, _, problems = _read_all(args, args.paths)
    for problem in problems:
        print(_github(problem) if args.format == "github" else problem.format())
    # Issue 15 (importer): drafts that still carry review marks, as warnings, never errors.
    from .importer import review_report, review_warnings

    marked = review_warnings((f.as_posix(), f.read_text("utf-8", "replace")) for f in files)
    github = args.format == "github"
    for line in [w.annotation() for w in marked] if github else review_report(marked):
        print(line)
    n = len(files)
    if problems:
        print(f"Đã kiểm tra {n} bài: có {len(problems)} lỗi.")
        return 1
    print(f"Đã kiểm tra {n} bài: không có lỗi.")
    return 0


# -- vocab -------------------------------------------------------------------------------------


def vocab(args: argparse.Namespace) -> int:
    data = load_vocabulary()
    if args.kind == "categories":
        for c in data.categories:
            print(f"{c.name}  [{c.slug}]  — {c.description}")
    elif args.kind == "provinces":
        for p in sorted(data.provinces, key=lambda p: sort_key(p.name)):
            former = [n for n in p.merged_from if n != p.name]
            line = f"{p.name}  [{p.slug}]"
            if former:
                line += "  — gồm cả " + ", ".join(former) + " (trước 1/7/2025)"
            print(line)
    else:
        _, taxonomies, _ = _read_all(args, [])
        for term in taxonomies.sorted_terms("tag"):
            print(f"{term.name}  [{term.slug}]  — {len(term.articles)} bài")
    return 0


# -- new ---------------------------------------------------------------------------------------


def _ask(label: str, current, *, many: bool = False):
    """The given value, or (in a terminal) the answer to a question; None if neither."""
    if current:
        return current
    if not sys.stdin.isatty():
        return None
    answer = input(f"{label}: ").strip()
    if not answer:
        return None
    return [a.strip() for a in answer.split(",") if a.strip()] if many else answer


def new(args: argparse.Namespace) -> int:
    vocab_data = load_vocabulary()
    title = _ask("Tiêu đề", args.title)
    provinces = _ask("Tỉnh/thành (nhiều tỉnh: cách nhau bằng dấu phẩy)", args.province, many=True)
    category = _ask("Chuyên mục", args.category)
    authors = _ask("Tác giả (nhiều người thì cách nhau bằng dấu phẩy)", args.author, many=True)
    date = args.date or datetime.now(VN_TZ).strftime("%Y-%m-%d %H:%M")
    tags = [t.strip() for t in (args.tags or "").split(",") if t.strip()]
    fields = {
        "title": title,
        "date": date,
        "province": provinces[0] if provinces and len(provinces) == 1 else provinces,
        "category": category,
        "author": authors[0] if authors and len(authors) == 1 else authors,
        "tags": tags,
        "summary": args.summary,
        "draft": True if args.draft else None,
        "slug": args.slug,
    }
    text = article_text(fields, NEW_BODY)
    slug = args.slug or slugify(title or "")
    year = date[:4] if date[:4].isdigit() else "0000"
    path = Path(args.docs_dir) / args.articles_dir / year / f"{slug or 'bai-moi'}.md"
    shown = path.as_posix()
    article, problems = read_article(_key(path, Path(args.docs_dir)), text, vocab_data, shown)
    if problems:
        for problem in problems:  # no file or line yet: say the field
            what = f"'{problem.field}': " if problem.field else ""
            print(f"Lỗi {what}{problem.message} {problem.hint}".rstrip())
        print("Chưa tạo bài: hãy sửa các thông tin trên rồi chạy lại.", file=sys.stderr)
        return 1
    # Write the vocabulary's own spellings: "Đào tạo" becomes "Đào tạo – Tập huấn".
    names = [ref.display_name for ref in article.provinces]
    fields["province"] = names[0] if len(names) == 1 else names
    fields["category"] = article.category.name
    text = article_text(fields, NEW_BODY)
    try:
        write_new(path, text)
    except FileExistsError:
        print(
            f"Đã có tệp {shown}; không ghi đè. Hãy đặt tiêu đề khác hoặc thêm --slug ten-khac.",
            file=sys.stderr,
        )
        return 1
    url = PREVIEW + DEFAULT_URL.format(year=f"{article.date.year:04d}", slug=article.slug)
    print(f"Đã tạo {shown}")
    print(f"Xem trước (khi đang chạy mkdocs serve): {url}")
    return 0


# -- import ------------------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on a terminal; nothing when output is not a terminal."""

    def __init__(self, stream=sys.stderr) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def __call__(self, done: int, total: int, path) -> None:
        if not self.live or total < 2:
            return
        width = 30
        filled = width * done // total
        name = str(path)[-40:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def import_(args: argparse.Namespace) -> int:
    from .importer import import_paths  # the importer loads only for this command

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"Lỗi: không tìm thấy '{missing[0]}'.", file=sys.stderr)
        return 2
    articles_dir = Path(args.docs_dir) / args.articles_dir
    report = import_paths(paths, articles_dir, load_vocabulary(), progress=_Progress())
    print(report.summary())
    return 1 if report.failed or report.duplicates else 0


COMMANDS = {"new": new, "import": import_, "check": check, "vocab": vocab}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = COMMANDS.get(args.command)
    if command is None:
        parser.print_help()
        return 2
    try:
        return command(args)
    except FileNotFoundError as exc:
        print(f"Lỗi: không tìm thấy '{exc}'.", file=sys.stderr)
        return 2
    except VocabularyError as exc:
        print(f"Lỗi dữ liệu danh mục: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nĐã dừng; không tệp nào bị ghi dở.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
