"""The content check that ``mkdocs build``/``serve`` and ``khuyencong check`` share, so that
they always reach the same verdict on the same files: containment (``inputs.screen``), every
article's fields and the checks across articles (``catalogue.build_catalogue``), in one round.

Problems fail a build; warnings (``Problem`` too, shown as "Cảnh báo") never do: they tell
staff what the portal will do on their behalf (markup it removes) or what to improve.
No MkDocs imports: callers pass MkDocs' own file list as ``(src_uri, abs_src_path)`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import images
from .catalogue import BodyCheck, Catalogue, Entry, build_catalogue, is_web_address, site_path
from .feeds import FEED_NAME
from .inputs import Screened, screen
from .model import Problem
from .present import LATEST_FILE
from .settings import Settings
from .text import describe_char, excerpt, forbidden_char
from .vocab import Vocabulary

# How wide pages show photos (CSS px), for advice and for ``sizes``; khuyencong.css agrees.
LAYOUT = images.Layout(column_px=760, gutter_px=16, thumbnail_px=144)

# Folders the portal and its theme write at fixed addresses, which no URL format may produce.
SEARCH_INDEX_DIR = "search/"
FIXED_PAGES = {
    "chỉ mục tìm kiếm": SEARCH_INDEX_DIR,
    "tệp giao diện": "assets/",
}


@dataclass
class ContentCheck:
    screened: Screened
    catalogue: Catalogue
    articles: dict[str, str]  # src_uri -> abs path of each article file checked
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def reserved_paths(settings: Settings, vocab: Vocabulary) -> set[str]:
    """Files the portal writes itself at fixed paths (a staff file there is a problem)."""
    scheme = settings.scheme
    paths = {"robots.txt", FEED_NAME, "sitemap.xml", "sitemap.xml.gz", LATEST_FILE}
    paths |= {scheme.term("province", p.slug) + FEED_NAME for p in vocab.provinces}
    paths |= {scheme.term("category", c.slug) + FEED_NAME for c in vocab.categories}
    return paths


def check_content(
    docs_dir: str,
    files: Iterable[tuple[str, str | None]],
    read: Callable[[str], bytes],
    vocab: Vocabulary,
    settings: Settings,
    *,
    shown_prefix: str = "",
    body_checks: tuple[BodyCheck, ...] = (),
    config_file: str | None = "mkdocs.yml",
    verify_images: bool = False,
    memo: dict | None = None,
) -> ContentCheck:
    """``files``: every ``(src_uri, abs_src_path)`` of the content folder (MkDocs' list);
    ``read(src_uri)`` the bytes of one of them; ``config_file`` names mkdocs.yml in messages
    (None: no project, only articles are checked); ``verify_images`` decodes every photo
    (check does; the build decodes them anyway while processing); ``body_checks`` add warnings
    about bodies to the built-in ones (``khuyencong check`` adds what the sanitiser would
    remove, which the build reports as it renders each page)."""
    files = list(files)
    screened = screen(
        docs_dir,
        files,
        reserved=reserved_paths(settings, vocab),
        reserved_prefixes=(SEARCH_INDEX_DIR,),
        shown_prefix=shown_prefix,
    )
    kept = {uri: path for uri, path in files if uri not in screened.drop}
    prefix = settings.articles_dir + "/"
    articles = {
        uri: path for uri, path in kept.items() if uri.startswith(prefix) and uri.endswith(".md")
    }
    catalogue = build_catalogue(
        ((uri, read(uri)) for uri in articles),
        vocab,
        settings.scheme.article,
        shown_prefix=shown_prefix,
        exists=lambda path: path in kept,
        body_checks=BODY_CHECKS + body_checks,
        memo=memo,
    )
    # Without a project (articles checked on their own) the site's own pages are not asked for.
    site = _site_problems(kept, settings, config_file) if config_file else []
    pictures, advice = image_checks(catalogue.entries, kept, verify=verify_images)
    problems = sorted(
        screened.problems + catalogue.problems + site + pictures, key=Problem.sort_key
    )
    warnings = sorted(catalogue.warnings + advice, key=Problem.sort_key)
    if settings.agency.sample and config_file:
        warnings.insert(0, sample_warning(config_file))
    return ContentCheck(screened, catalogue, articles, problems, warnings)


def about_sources(settings: Settings) -> tuple[str, str]:
    """Where staff write the "Giới thiệu" page: 'gioi-thieu.md' or 'gioi-thieu/index.md'."""
    url = settings.scheme.about
    return url.rstrip("/") + ".md", url + "index.md"


def _site_problems(
    kept: dict[str, str | None], settings: Settings, config_file: str
) -> list[Problem]:
    """The pages and files the portal needs beside the articles (Decree 42/2022/NĐ-CP)."""
    found = []
    if not any(source in kept for source in about_sources(settings)):
        found.append(
            Problem(
                config_file,
                None,
                None,
                f"thiếu trang Giới thiệu (chức năng, nhiệm vụ, tổ chức của đơn vị): cần tệp "
                f"'{about_sources(settings)[0]}' trong thư mục nội dung.",
                "Tạo tệp đó theo mẫu ở mục 11 của HUONG-DAN-VIET-BAI.md.",
            )
        )
    for name, path in (("logo", settings.agency.logo), ("image", settings.agency.image)):
        if path and path not in kept:
            found.append(
                Problem(
                    config_file,
                    None,
                    f"agency.{name}",
                    f"không tìm thấy tệp '{excerpt(path)}' trong thư mục nội dung.",
                    "Chép tệp vào thư mục nội dung (ví dụ content/assets/) và ghi đường dẫn tính "
                    "từ thư mục đó, ví dụ assets/logo.svg.",
                )
            )
    return found


def sample_warning(config_file: str) -> Problem:
    return Problem(
        config_file,
        None,
        "agency",
        "thông tin đơn vị (tên, địa chỉ, điện thoại, thư điện tử, người chịu trách nhiệm) đang "
        "là thông tin mẫu; các trang ghi rõ 'Thông tin mẫu'.",
        "Thay bằng thông tin thật của Trung tâm trong mục agency của mkdocs.yml rồi xóa dòng "
        "'sample: true'.",
    )


def invisible_characters(shown: str, body: str, first_line: int) -> list[Problem]:
    """Control and bidi characters in a body: replaced on the page (``text.clean_body``)."""
    found: list[Problem] = []
    if forbidden_char(body) is None:
        return found
    for number, line in enumerate(body.split("\n"), first_line):
        if bad := forbidden_char(line):
            index, char = bad
            found.append(
                Problem(
                    shown,
                    number,
                    None,
                    f"nội dung có ký tự vô hình {describe_char(char)} ở cột {index + 1}; khi đăng "
                    "sẽ được thay bằng dấu cách (hoặc bỏ đi).",
                    "Xóa ký tự đó (thường do dán từ Word); muốn xuống dòng thì để một dòng trống.",
                )
            )
    return found


BODY_CHECKS = (invisible_characters,)


def render_failure(shown: str, exc: Exception) -> Problem:
    """An article whose Markdown an extension cannot convert (build and check say the same)."""
    return Problem(
        shown,
        None,
        None,
        "không chuyển được nội dung bài thành trang "
        f"({excerpt(f'{type(exc).__name__}: {exc}', 200)}).",
        "Xem lại các khối đặc biệt (///, {: …}, mã HTML) vừa thêm vào bài; bỏ từng khối để tìm "
        "chỗ lỗi. Nếu không thấy, gửi dòng này cho nhóm kỹ thuật.",
    )


def image_checks(
    entries: list[Entry], files: dict[str, str | None], *, verify: bool = False
) -> tuple[list[Problem], list[Problem]]:
    """Every photo an article shows (``image:`` and the body's): a broken, unreadable or
    unsupported file is an error naming it; one too small to look sharp, too heavy for the
    repository or still holding a GPS position gets advice (a warning)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[str, images.Probe | images.ImageProblem] = {}
    for entry in entries:
        refs: list[tuple[str, int | None, str | None]] = []
        if entry.image and not is_web_address(entry.image):
            path = site_path(entry.path, entry.image)
            if path in files:  # a missing one is the catalogue's problem
                refs.append((path, entry.lines.get("image"), "image"))
        for path, line in entry.body_images:
            if path not in files:
                problems.append(
                    Problem(
                        entry.shown,
                        line,
                        None,
                        f"không tìm thấy ảnh '{excerpt(path)}' mà nội dung bài chèn vào.",
                        "Đặt tệp ảnh cạnh bài viết (ví dụ anh/ten-anh.jpg) và ghi đúng đường dẫn "
                        "trong ![chú thích](anh/ten-anh.jpg).",
                    )
                )
            else:
                refs.append((path, line, None))
        for path, line, name in refs:
            if path not in seen:
                seen[path] = _probe(path, files[path], verify)
            found = seen[path]
            if isinstance(found, images.ImageProblem):
                problems.append(Problem(entry.shown, line, name, found.message, found.hint))
                continue
            for advice in images.advise(found, LAYOUT):
                warnings.append(Problem(entry.shown, line, name, advice.message, advice.hint))
    return problems, warnings


def _probe(label: str, path: str | None, verify: bool) -> images.Probe | images.ImageProblem:
    try:
        return images.probe(path or "", label=label, verify=verify)
    except images.ImageError as exc:
        return exc.problem
