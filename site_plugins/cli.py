"""``khuyencong``: the command communications staff use beside ``mkdocs serve``.

Subcommands: ``new`` (write a new article), ``import`` (legacy articles to Markdown), ``check``
(the validator the build runs), ``vocab`` (valid values). This module holds the command line
only; the work is done by the shared modules.
"""

from __future__ import annotations

import argparse
import errno
import functools
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from .catalogue import BodyError, article_url, build_catalogue
from .checks import check_content, render_failure
from .config import settings_from
from .frontmatter import FIELDS, read_article
from .model import VN_TZ, Problem
from .settings import DEFAULTS, Settings
from .taxonomy import build_taxonomies
from .text import printable, slugify, sort_key
from .vocab import VocabularyError, load_vocabulary
from .writer import article_text, write_new

PREVIEW = "http://127.0.0.1:8000/"
NEW_SLUG_LIMIT = 80  # file names `new` makes from a title: short enough to read and type
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
    p.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="TỆP",
        help="tệp cấu hình của trang (mặc định: mkdocs.yml); thư mục và địa chỉ lấy từ đó",
    )
    p.add_argument(
        "--docs-dir", default=None, help="thư mục nội dung (mặc định: docs_dir trong mkdocs.yml)"
    )
    p.add_argument(
        "--articles-dir",
        default=None,
        help="thư mục bài viết trong thư mục nội dung (mặc định: như trong mkdocs.yml)",
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


# -- the project: mkdocs.yml read through MkDocs' own loader ----------------------------------


class Failure(Exception):
    """A mistake the command reports in Vietnamese and exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Project:
    docs_dir: Path
    settings: Settings
    list_files: Callable[[], list[tuple[str, str]]]
    markdown: tuple[list, dict] | None = None  # mkdocs.yml's extensions and their configs
    config_file: str | None = None  # None: no mkdocs.yml, defaults applied

    @functools.cached_property
    def files(self) -> list[tuple[str, str]]:
        """(src_uri, absolute path) of every file of the content folder, as MkDocs lists them."""
        return self.list_files()

    @property
    def shown_prefix(self) -> str:
        rel = os.path.relpath(self.docs_dir, Path.cwd())
        return "" if rel == "." else Path(rel).as_posix().rstrip("/") + "/"


def _load_project(args: argparse.Namespace, *, notice: bool = False) -> Project:
    """The project's settings and content files, as the build sees them (``notice``: say so
    when there is no mkdocs.yml and the defaults apply)."""
    config_file = Path(args.config_file)
    if not config_file.is_file():
        if args.config_file != "mkdocs.yml":
            raise Failure(f"Lỗi: không tìm thấy tệp cấu hình '{printable(args.config_file)}'.")
        docs_dir = Path(args.docs_dir or "content")
        settings = DEFAULTS
        if notice:
            print(
                "Lưu ý: không thấy mkdocs.yml ở thư mục này; kiểm tra theo cấu hình mặc định "
                f"(thư mục nội dung '{docs_dir.as_posix()}').",
                file=sys.stderr,
            )
        files = functools.partial(_walk, docs_dir)
    else:
        config = _mkdocs_config(config_file)
        docs_dir = Path(args.docs_dir or config.docs_dir)
        plugin = config.plugins.get("khuyencong")
        settings = settings_from(plugin.config) if plugin is not None else DEFAULTS
        if args.docs_dir:
            files = functools.partial(_walk, docs_dir)
        else:

            def files() -> list[tuple[str, str]]:
                from mkdocs.structure.files import get_files

                return [(f.src_uri, f.abs_src_path) for f in get_files(config)]

        markdown = (list(config.markdown_extensions), dict(config.mdx_configs))
        if args.articles_dir:
            settings = replace(settings, articles_dir=args.articles_dir.strip("/"))
        # Another content folder given with --docs-dir holds articles only: the site's own pages
        # (Giới thiệu, the agency's files) are checked in the configured one.
        site = None if args.docs_dir else config_file.name
        return Project(docs_dir, settings, files, markdown, site)

    if args.articles_dir:
        settings = replace(settings, articles_dir=args.articles_dir.strip("/"))
    return Project(docs_dir, settings, files)


def _mkdocs_config(path: Path):
    """mkdocs.yml loaded and validated by MkDocs itself; its errors said to staff."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's English banner
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Collect()
    logger.addHandler(handler)
    old_propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(str(path))
        if messages:  # config warnings stop `mkdocs build --strict`, as on CI
            raise MkDocsException("warnings")
        return config
    except MkDocsException as exc:  # ConfigurationError, or Abort after logging the errors
        details = "\n".join(f"  {printable(m)}" for m in messages) or f"  {printable(str(exc))}"
        raise Failure(
            f"Lỗi trong {path.as_posix()}:\n{details}\nSửa mkdocs.yml rồi chạy lại.", 2
        ) from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _walk(docs_dir: Path) -> list[tuple[str, str]]:
    """The content folder's files as MkDocs lists them (dot files and folders left out)."""
    if not docs_dir.is_dir():
        return []
    found = []
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(folder) / name
                found.append((path.relative_to(docs_dir).as_posix(), str(path.absolute())))
    return found


def _run_checks(project: Project, vocab_data, *, bodies: bool = True):
    by_uri = dict(project.files)
    checks = (_sanitiser_check(project),) if bodies else ()
    return check_content(
        str(project.docs_dir),
        project.files,
        lambda uri: Path(by_uri[uri]).read_bytes(),
        vocab_data,
        project.settings,
        shown_prefix=project.shown_prefix,
        body_checks=checks,
        config_file=project.config_file,
        # The build finds a broken photo while processing it; check decodes each one instead.
        verify_images=bodies,
    )


def _sanitiser_check(project: Project):
    """What publishing removes from each body (raw HTML outside the allow-list), found by
    rendering it with the project's own Markdown extensions, as the build does."""
    from .sanitize import BodyChecker

    checker = BodyChecker(*project.markdown) if project.markdown else BodyChecker()

    def removed(shown: str, body: str, first_line: int) -> list[Problem]:
        try:
            return [r.problem(shown) for r in checker.removals(body, first_line)]
        except Exception as exc:  # noqa: BLE001 - an extension's failure: the build's message
            raise BodyError(render_failure(shown, exc)) from None

    return removed


# -- check -------------------------------------------------------------------------------------


def _github(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions annotation (workflow command, with its escaping rules)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    props = [f"file={prop(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    kind = "Lỗi" if level == "error" else "Cảnh báo"
    title = f"{kind} trường {problem.field}" if problem.field else f"{kind} bài viết"
    props.append("title=" + prop(title))
    message = problem.message + (f" Cách sửa: {problem.hint}" if problem.hint else "")
    return f"::{level} {','.join(props)}::{data(message)}"


def _selected(paths: list[str], project: Project) -> Callable[[str], bool] | None:
    """Which shown paths the staff asked about (None: all)."""
    if not paths:
        return None
    wanted = []
    for p in map(Path, paths):
        if not p.exists():
            raise FileNotFoundError(str(p))
        wanted.append(Path(os.path.relpath(p.resolve(), Path.cwd().resolve())).as_posix())

    def chosen(shown: str) -> bool:
        return any(shown == w or shown.startswith(w.rstrip("/") + "/") for w in wanted)

    return chosen


def _outside(paths: list[str], project: Project) -> list[Path]:
    """Article files given on the command line that lie outside the content folder."""
    docs = project.docs_dir.resolve()
    found: dict[Path, None] = {}
    for p in map(Path, paths):
        candidates = sorted(p.rglob("*.md")) if p.is_dir() else [p]
        for f in candidates:
            try:
                f.resolve().relative_to(docs)
            except ValueError:
                found[f] = None
    return list(found)


def check(args: argparse.Namespace) -> int:
    project = _load_project(args, notice=True)
    if not args.paths and not project.docs_dir.is_dir():
        raise Failure(
            f"Lỗi: không tìm thấy thư mục nội dung '{printable(project.docs_dir.as_posix())}'. "
            "Hãy chạy lệnh trong thư mục dự án (nơi có mkdocs.yml)."
        )
    vocab_data = load_vocabulary()
    result = _run_checks(project, vocab_data)
    problems, warnings = list(result.problems), list(result.warnings)
    checked = [project.shown_prefix + uri for uri in result.articles]
    if extra := _outside(args.paths, project):
        standalone = build_catalogue(
            ((f.as_posix(), f.read_bytes()) for f in extra),
            vocab_data,
            project.settings.scheme.article,
        )
        problems += standalone.problems
        checked += [f.as_posix() for f in extra]
    chosen = _selected([p for p in args.paths if Path(p) not in set(extra)], project)
    if chosen is not None:
        names = {f.as_posix() for f in extra}
        keep = lambda shown: shown in names or chosen(shown)  # noqa: E731
        problems = [p for p in problems if keep(p.path)]
        warnings = [w for w in warnings if keep(w.path)]
        checked = [c for c in checked if keep(c)]
    for problem in sorted(problems, key=Problem.sort_key):
        print(_github(problem) if args.format == "github" else printable(problem.format()))
    for warning in sorted(warnings, key=Problem.sort_key):
        if args.format == "github":
            print(_github(warning, "warning"))
        else:
            print(printable("Cảnh báo: " + warning.format()))
    # Imported drafts that still carry review marks: what remains to do, as warnings.
    from .importer import review_report, review_warnings

    by_uri = dict(project.files)
    marked = review_warnings(
        (project.shown_prefix + uri, Path(by_uri[uri]).read_text("utf-8", "replace"))
        for uri in result.articles
        if chosen is None or chosen(project.shown_prefix + uri)
    )
    github = args.format == "github"
    for line in [w.annotation() for w in marked] if github else review_report(marked):
        print(printable(line))
    n = len(checked)
    count = len(warnings) + len(marked)
    tail = f", {count} cảnh báo" if count else ""
    if problems:
        print(f"Đã kiểm tra {n} bài: có {len(problems)} lỗi{tail}.")
        return 1
    print(f"Đã kiểm tra {n} bài: không có lỗi{tail}.")
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
        result = _run_checks(_load_project(args), data, bodies=False)
        taxonomies = build_taxonomies(result.catalogue.newest_first(), data)
        for term in taxonomies.sorted_terms("tag"):
            print(printable(f"{term.name}  [{term.slug}]  — {len(term.articles)} bài"))
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
    project = _load_project(args)
    vocab_data = load_vocabulary()
    given = {
        "title": args.title,
        "province": args.province,
        "category": args.category,
        "author": args.author,
    }
    fields: dict = {}
    for f in FIELDS:  # the schema says what to ask, in its order
        if f.name in given:
            fields[f.name] = _ask(f.prompt or f.name, given[f.name], many=f.many)
    fields["date"] = args.date or datetime.now(VN_TZ).strftime("%Y-%m-%d %H:%M")
    fields["tags"] = [t.strip() for t in (args.tags or "").split(",") if t.strip()]
    fields["summary"] = args.summary
    fields["draft"] = True if args.draft else None
    fields["slug"] = args.slug
    for name in ("province", "author"):
        value = fields.get(name)
        if isinstance(value, list) and len(value) == 1:
            fields[name] = value[0]
    text = article_text(fields, NEW_BODY)
    slug = args.slug or slugify(fields.get("title") or "", limit=NEW_SLUG_LIMIT)
    date = fields["date"]
    year = date[:4] if date[:4].isdigit() else "0000"
    folder = project.docs_dir / project.settings.articles_dir / year
    path = folder / f"{slug or 'bai-moi'}.md"
    shown = Path(os.path.relpath(path, Path.cwd())).as_posix()
    key = f"{project.settings.articles_dir}/{year}/{path.name}"
    article, problems = read_article(key, text, vocab_data, shown)
    if problems:
        for problem in problems:  # no file or line yet: say the field
            what = f"'{problem.field}': " if problem.field else ""
            print(printable(f"Lỗi {what}{problem.message} {problem.hint}".rstrip()))
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
    url = PREVIEW + article_url(project.settings.scheme.article, article)
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
    project = _load_project(args)
    articles_dir = project.docs_dir / project.settings.articles_dir
    report = import_paths(paths, articles_dir, load_vocabulary(), progress=_Progress())
    print(report.summary())
    return 1 if report.failed or report.duplicates else 0


COMMANDS = {"new": new, "import": import_, "check": check, "vocab": vocab}


_OS_ERRORS = {
    errno.EROFS: "thư mục chỉ đọc, không ghi được",
    errno.EACCES: "không có quyền ghi hoặc đọc",
    errno.EPERM: "không có quyền ghi hoặc đọc",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ELOOP: "liên kết (symlink) vòng quanh",
    errno.EIO: "lỗi đọc/ghi của đĩa",
}


def _os_error(exc: OSError) -> str:
    reason = _OS_ERRORS.get(exc.errno or 0) or (exc.strerror or "lỗi hệ thống")
    where = f" ({printable(str(exc.filename))})" if exc.filename else ""
    hint = {
        errno.ENOSPC: " Giải phóng dung lượng đĩa rồi chạy lại.",
        errno.EDQUOT: " Giải phóng dung lượng rồi chạy lại.",
        errno.ENAMETOOLONG: " Dùng tiêu đề ngắn hơn hoặc --slug ngắn.",
        errno.EROFS: " Chạy lệnh trong thư mục dự án có quyền ghi.",
        errno.EACCES: " Kiểm tra quyền của thư mục, hoặc chạy trong thư mục của bạn.",
    }.get(exc.errno or 0, "")
    return f"Lỗi: {reason}{where}; không tệp nào bị ghi dở.{hint}"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = COMMANDS.get(args.command)
    if command is None:
        parser.print_help()
        return 2
    try:
        code = command(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Piped into `head` or a closed pager: stop quietly, without Python's own complaint.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("Đã dừng: nơi nhận kết quả (ví dụ lệnh head) đã đóng.", file=sys.stderr)
        return 1
    except Failure as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except FileNotFoundError as exc:
        print(f"Lỗi: không tìm thấy '{printable(str(exc.filename or exc))}'.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(_os_error(exc), file=sys.stderr)
        return 1
    except VocabularyError as exc:
        print(f"Lỗi dữ liệu danh mục: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nĐã dừng; không tệp nào bị ghi dở.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
