"""The catalogue: every article of the site read once, with its URL and every problem found.

Keyed by source path and by URL, so each later lookup is one dict access.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .frontmatter import decode, read_article
from .model import Article, Problem
from .vocab import Vocabulary


@dataclass
class Catalogue:
    articles: dict[str, Article] = field(default_factory=dict)  # by src_path
    urls: dict[str, str] = field(default_factory=dict)  # src_path -> URL, e.g. "tin-tuc/2022/x/"
    problems: list[Problem] = field(default_factory=list)

    def newest_first(self) -> list[Article]:
        """Articles by date, newest first; ties broken by URL so the order is stable."""
        return sorted(
            self.articles.values(),
            key=lambda a: (-a.date.moment.timestamp(), self.urls[a.src_path]),
        )


def article_url(pattern: str, article: Article) -> str:
    """The article's URL from the configured format string, e.g. 'tin-tuc/{year}/{slug}/'."""
    return pattern.format(
        year=f"{article.date.year:04d}",
        month=f"{article.date.month:02d}",
        slug=article.slug,
        category=article.category.slug,
    )


def build_catalogue(
    sources: Iterable[tuple[str, bytes]],
    vocab: Vocabulary,
    url_pattern: str,
    shown_prefix: str = "",
) -> Catalogue:
    """Read every ``(src_path, raw bytes)``; report all problems, including duplicate URLs.

    Problems name ``shown_prefix + src_path`` (e.g. ``content/`` + ``tin-tuc/2022/x.md``).
    """
    cat = Catalogue()
    owner: dict[str, str] = {}  # URL -> src_path of the article that has it
    for path, raw in sorted(sources):
        shown = shown_prefix + path
        try:
            text = decode(raw)
        except UnicodeDecodeError as exc:
            cat.problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}).",
                    "Mở tệp và lưu lại với mã hóa UTF-8.",
                )
            )
            continue
        article, problems = read_article(path, text, vocab, shown)
        cat.problems.extend(problems)
        if article is None:
            continue
        url = article_url(url_pattern, article)
        if url in owner:
            cat.problems.append(
                Problem(
                    shown,
                    None,
                    "slug",
                    f"trùng địa chỉ '{url}' với bài '{shown_prefix}{owner[url]}'.",
                    "Đổi tiêu đề hoặc thêm trường 'slug: ten-khac' cho một trong hai bài.",
                )
            )
            continue
        owner[url] = path
        # The body is read again when MkDocs renders the page: holding every body here would
        # double the memory of a big site.
        cat.articles[path] = replace(article, body="")
        cat.urls[path] = url
    cat.problems.sort(key=Problem.sort_key)
    return cat


def image_path(article: Article) -> str:
    """The lead image's path in the site: relative to the article's folder, or to the content
    folder when it starts with '/' (as Markdown links are written)."""
    image = article.image or ""
    if image.startswith("/"):
        return posixpath.normpath(image.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(article.src_path), image))


def is_web_address(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def missing_images(catalogue: Catalogue, exists: Callable[[str], bool]) -> list[Problem]:
    """An `image` that is neither a web address nor a file of the site (``exists`` answers
    for a path relative to the content folder) is a mistake."""
    found = []
    for article in catalogue.articles.values():
        if not article.image or is_web_address(article.image) or exists(image_path(article)):
            continue
        found.append(
            Problem(
                article.shown_path,
                article.field_lines.get("image"),
                "image",
                f"không tìm thấy ảnh '{article.image}'.",
                "Đặt tệp ảnh cạnh bài viết (ví dụ anh/ten-anh.jpg) và ghi đúng đường dẫn, "
                "hoặc ghi địa chỉ web đầy đủ https://…",
            )
        )
    return found
