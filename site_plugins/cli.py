"""``khuyencong``: the command communications staff use beside ``mkdocs serve``.

This module holds the command line only; the work is done by the shared modules (the same
validator the plugin runs when a build starts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import build_catalogue
from .model import Problem
from .taxonomy import build_taxonomies
from .text import sort_key
from .vocab import VocabularyError, load_vocabulary

DEFAULT_URL = "tin-tuc/{year}/{slug}/"


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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="khuyencong",
        description="Công cụ cho biên tập viên cổng tin khuyến công.",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
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
    check.add_argument("--docs-dir", default="content", help="thư mục nội dung (mặc định: content)")
    check.add_argument(
        "--articles-dir",
        default="tin-tuc",
        help="thư mục bài viết bên trong thư mục nội dung (mặc định: tin-tuc)",
    )
    vocab = sub.add_parser(
        "vocab",
        help="xem các giá trị hợp lệ: chuyên mục, tỉnh thành",
        description="In danh sách chuyên mục hoặc tỉnh thành (kèm đơn vị cũ đã nhập vào).",
    )
    vocab.add_argument(
        "kind",
        nargs="?",
        choices=["categories", "provinces"],
        default="categories",
        metavar="LOẠI",
        help="categories (chuyên mục) hoặc provinces (tỉnh thành); mặc định: categories",
    )
    return parser


def vocab(args: argparse.Namespace) -> int:
    data = load_vocabulary()
    if args.kind == "categories":
        for c in data.categories:
            print(f"{c.name}  [{c.slug}]  — {c.description}")
        return 0
    for p in sorted(data.provinces, key=lambda p: sort_key(p.name)):
        former = [n for n in p.merged_from if n != p.name]
        line = f"{p.name}  [{p.slug}]"
        if former:
            line += "  — gồm cả " + ", ".join(former) + " (trước 1/7/2025)"
        print(line)
    return 0


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


def check(args: argparse.Namespace) -> int:
    docs_dir = Path(args.docs_dir)
    try:
        files = _collect(args.paths, docs_dir, args.articles_dir)
        vocab = load_vocabulary()
    except FileNotFoundError as exc:
        print(f"Lỗi: không tìm thấy '{exc}'.", file=sys.stderr)
        return 2
    except VocabularyError as exc:
        print(f"Lỗi dữ liệu danh mục: {exc}", file=sys.stderr)
        return 2
    inside = docs_dir.as_posix().rstrip("/") + "/"
    sources = []
    for f in files:
        key = _key(f, docs_dir)
        sources.append((key, f.read_bytes()))
    shown = inside if all(_key(f, docs_dir) != f.as_posix() for f in files) else ""
    catalogue = build_catalogue(sources, vocab, DEFAULT_URL, shown_prefix=shown)
    # The same checks as a build: the file-by-file ones, then those across articles (two
    # different tags or authors that would share one page).
    taxonomies = build_taxonomies(catalogue.newest_first(), vocab)
    problems = sorted(catalogue.problems + taxonomies.problems, key=Problem.sort_key)
    for problem in problems:
        print(problem.format())
    n = len(files)
    if problems:
        print(f"Đã kiểm tra {n} bài: có {len(problems)} lỗi.")
        return 1
    print(f"Đã kiểm tra {n} bài: không có lỗi.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args)
    if args.command == "vocab":
        return vocab(args)
    parser.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
