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

from .catalogue import BodyCheck, Catalogue, build_catalogue
from .feeds import FEED_NAME
from .inputs import Screened, screen
from .model import Problem
from .settings import Settings
from .text import describe_char, excerpt, forbidden_char
from .vocab import Vocabulary

# The plugin's own pages at fixed addresses, which no URL format may produce.
FIXED_PAGES = {
    "tìm kiếm": "tim-kiem/",
    "chỉ mục tìm kiếm": "search/",
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
    paths = {"robots.txt", FEED_NAME, "sitemap.xml", "sitemap.xml.gz"}
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
) -> ContentCheck:
    """``files``: every ``(src_uri, abs_src_path)`` of the content folder (MkDocs' list);
    ``read(src_uri)`` the bytes of one of them; ``body_checks`` add warnings about bodies to
    the built-in ones (``khuyencong check`` adds what the sanitiser would remove, which the
    build reports as it renders each page)."""
    files = list(files)
    screened = screen(
        docs_dir,
        files,
        reserved=reserved_paths(settings, vocab),
        reserved_prefixes=(FIXED_PAGES["chỉ mục tìm kiếm"],),
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
    )
    problems = sorted(screened.problems + catalogue.problems, key=Problem.sort_key)
    return ContentCheck(screened, catalogue, articles, problems, catalogue.warnings)


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
