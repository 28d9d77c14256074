"""The catalogue: every article of the site read once, with its URL and every problem found.

``build_catalogue`` is the single check that both the build and ``khuyencong check`` run, so
they always give the same verdict. It reports everything in one round: the fields of each
file, and the checks across files (two addresses that collide, tags or authors that would
share one page, images that are missing or outside the content folder) over *every* file,
those with field problems and the drafts included.

Keyed by source path and by URL, so each later lookup is one dict access.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .frontmatter import article_from, decode, read_fields, slug_from_path
from .model import Article, Problem
from .text import excerpt, precise_key, slugify
from .vocab import Vocabulary


@dataclass(frozen=True)
class Entry:
    """What the checks across articles need of one file, read cleanly or not."""

    path: str  # key, relative to docs_dir
    shown: str  # as staff see it
    lines: dict[str, int]
    url: str | None  # None when date or title could not be read
    tags: tuple[tuple[str, str], ...] = ()  # (sub-field, tag)
    authors: tuple[tuple[str, str], ...] = ()  # (sub-field, name)
    image: str | None = None
    body_images: tuple[tuple[str, int], ...] = ()  # (site path, line in the file)


# A check of one article's Markdown body: (shown path, body, line of its first line) -> warnings.
# It raises BodyError when the body cannot be published at all.
BodyCheck = Callable[[str, str, int], list[Problem]]


class BodyError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Catalogue:
    articles: dict[str, Article] = field(default_factory=dict)  # by src_path
    urls: dict[str, str] = field(default_factory=dict)  # src_path -> URL, e.g. "tin-tuc/2022/x/"
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # never fatal
    entries: list[Entry] = field(default_factory=list)  # every file, read cleanly or not
    body_images: dict[str, tuple[str, ...]] = field(default_factory=dict)  # src_path -> paths
    body_links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # src_path -> paths
    sha256: dict[str, str] = field(default_factory=dict)  # src_path -> of the file's bytes

    def newest_first(self) -> list[Article]:
        """Articles by date, newest first; ties broken by URL so the order is stable."""
        return sorted(
            self.articles.values(),
            key=lambda a: (-a.date.moment.timestamp(), self.urls[a.src_path]),
        )


def url_of(pattern: str, *, year: int, month: int, slug: str, category: str) -> str:
    """An article's URL from the configured format string, e.g. 'tin-tuc/{year}/{slug}/'."""
    return pattern.format(year=f"{year:04d}", month=f"{month:02d}", slug=slug, category=category)


def article_url(pattern: str, article: Article) -> str:
    return url_of(
        pattern,
        year=article.date.year,
        month=article.date.month,
        slug=article.slug,
        category=article.category.slug,
    )


def build_catalogue(
    sources: Iterable[tuple[str, bytes]],
    vocab: Vocabulary,
    url_pattern: str,
    shown_prefix: str = "",
    exists: Callable[[str], bool] | None = None,
    body_checks: tuple[BodyCheck, ...] = (),
    memo: dict | None = None,
) -> Catalogue:
    """Read every ``(src_path, raw bytes)`` and report all problems in one round.

    Problems name ``shown_prefix + src_path`` (e.g. ``content/`` + ``tin-tuc/2022/x.md``).
    ``exists`` answers whether a path relative to the content folder is a file of the site
    (for ``image``); without it images are not looked up. ``body_checks`` give warnings about
    each body (read here once, with the front-matter). ``memo`` (a dict the caller keeps, e.g.
    across `mkdocs serve` rebuilds) holds what was read of each file by its exact bytes, so an
    unchanged file is not parsed again.
    """
    cat = Catalogue()
    entries: list[Entry] = []
    for path, raw in sorted(sources):
        shown = shown_prefix + path
        cat.sha256[path] = hashlib.sha256(raw).hexdigest()
        key = (path, cat.sha256[path], shown, url_pattern)
        remembered = memo.get(key) if memo is not None else None
        if remembered is not None:
            entry, problems, warnings, article, pictures, links = remembered
            entries.append(entry)
            cat.problems.extend(problems)
            cat.warnings.extend(warnings)
            if article is not None:
                cat.articles[path] = article
                cat.urls[path] = entry.url or article_url(url_pattern, article)
                cat.body_images[path] = pictures
                cat.body_links[path] = links
            continue
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
        partial, problems, parts = read_fields(path, text, vocab, shown)
        warnings: list[Problem] = []
        if parts is not None:
            for body_check in body_checks:
                try:
                    warnings += body_check(shown, parts.body, parts.body_line)
                except BodyError as exc:
                    problems = [*problems, exc.problem]
        cat.problems.extend(problems)
        cat.warnings.extend(warnings)
        got = partial.fields
        url = None
        date, category = got.get("date"), got.get("category")
        slug = got.get("slug") or slug_from_path(path) or slugify(got.get("title") or "")
        if date is not None and slug and (category is not None or "{category" not in url_pattern):
            url = url_of(
                url_pattern,
                year=date.year,
                month=date.month,
                slug=slug,
                category=category.slug if category is not None else "",
            )
        pictures = body_images(path, parts.body) if parts is not None else []
        first = parts.body_line if parts is not None else 1
        entries.append(
            Entry(
                path,
                shown,
                partial.lines,
                url,
                tags=_indexed("tags", got.get("tags") or []),
                authors=_indexed("author", [a.name for a in got.get("author") or []]),
                image=got.get("image"),
                body_images=tuple((p, first + offset) for p, offset in pictures),
            )
        )
        article = None
        if not problems and parts is not None:
            # The body is read again when MkDocs renders the page: holding every body here
            # would double the memory of a big site.
            article = replace(article_from(path, partial, parts, shown), body="")
            cat.articles[path] = article
            cat.urls[path] = url or article_url(url_pattern, article)
            cat.body_images[path] = tuple(dict.fromkeys(p for p, _ in pictures))
            cat.body_links[path] = body_links(path, parts.body)
        if memo is not None:
            memo[key] = (
                entries[-1],
                list(problems),
                warnings,
                article,
                cat.body_images.get(path, ()),
                cat.body_links.get(path, ()),
            )
    cat.problems += _duplicate_urls(entries, cat)
    cat.problems += _name_collisions(entries, "tags", "thẻ", lambda e: e.tags)
    cat.problems += _name_collisions(entries, "author", "tác giả", lambda e: e.authors)
    if exists is not None:
        cat.problems += _image_problems(entries, exists)
    cat.problems.sort(key=Problem.sort_key)
    cat.warnings.sort(key=Problem.sort_key)
    cat.entries = entries
    if memo is not None:  # forget earlier versions of the files and files that are gone
        for key in [k for k in memo if cat.sha256.get(k[0]) != k[1] or k[3] != url_pattern]:
            del memo[key]
    return cat


def _indexed(name: str, values: list[str]) -> tuple[tuple[str, str], ...]:
    if len(values) == 1:
        return ((name, values[0]),)
    return tuple((f"{name}[{i}]", v) for i, v in enumerate(values, 1))


def _line(entry: Entry, name: str) -> int | None:
    base = name.split("[", 1)[0]
    return entry.lines.get(name) or entry.lines.get(base)


def _duplicate_urls(entries: list[Entry], cat: Catalogue) -> list[Problem]:
    """Two files with one address: the second (in path order) is reported and left out."""
    owner: dict[str, Entry] = {}
    found = []
    for entry in entries:
        if entry.url is None:
            continue
        first = owner.setdefault(entry.url, entry)
        if first is entry:
            continue
        found.append(
            Problem(
                entry.shown,
                _line(entry, "slug") or _line(entry, "title"),
                "slug",
                f"trùng địa chỉ '{entry.url}' với bài '{first.shown}'.",
                "Đổi tiêu đề hoặc thêm trường 'slug: ten-khac' cho một trong hai bài.",
            )
        )
        cat.articles.pop(entry.path, None)
        cat.urls.pop(entry.path, None)
    return found


def _name_collisions(
    entries: list[Entry], name: str, what: str, names: Callable[[Entry], tuple]
) -> list[Problem]:
    """Two different names (tags, or authors) that would share one address."""
    seen: dict[str, tuple[str, str, Entry]] = {}  # slug -> (precise key, name, first file)
    found = []
    for entry in entries:
        for sub, value in names(entry):
            slug, key = slugify(value), precise_key(value)
            first = seen.setdefault(slug, (key, value, entry))
            if first[0] == key:
                continue
            found.append(
                Problem(
                    entry.shown,
                    _line(entry, sub),
                    sub,
                    f"{what} '{excerpt(value)}' có cùng đường dẫn '{slug}' với {what} "
                    f"'{excerpt(first[1])}' (bài {first[2].shown}) nhưng viết khác.",
                    f"Nếu là một, hãy viết giống hệt '{excerpt(first[1])}'; nếu khác nhau, đặt "
                    "tên khác hẳn.",
                )
            )
    return found


def image_path(article: Article) -> str:
    """The lead image's path in the site (see ``site_path``)."""
    return site_path(article.src_path, article.image or "")


def site_path(src_path: str, target: str) -> str:
    """A file named by an article: relative to the article's folder, or to the content folder
    when it starts with '/' (as Markdown links are written). A result starting with '../'
    lies outside the content folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/")) if target.strip("/") else ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_path), target))


def is_web_address(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".tif", ".tiff", ".bmp")


def body_images(src_path: str, body: str) -> list[tuple[str, int]]:
    """The local image files a Markdown body shows, as (site path, line offset in the body):
    Markdown images, HTML <img>, and reference definitions that point at an image file."""
    found: list[tuple[str, int]] = []
    for pattern in (_MD_IMAGE, _HTML_IMAGE, _REF_DEF):
        for m in pattern.finditer(body):
            target = next(g for g in m.groups() if g is not None) if m.groups() else ""
            if not target or is_web_address(target) or target.startswith(("data:", "#")):
                continue
            target = target.split("#", 1)[0].split("?", 1)[0]
            if pattern is _REF_DEF and not target.lower().endswith(IMAGE_SUFFIXES):
                continue
            path = site_path(src_path, target)
            if path and not path.startswith(".."):
                found.append((path, body.count("\n", 0, m.start())))
    return found


_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?")
_HTML_LINK = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def body_links(src_path: str, body: str) -> tuple[str, ...]:
    """The local pages and files a body links to (site paths, anchors and queries dropped):
    what MkDocs resolves when it renders the body."""
    found: dict[str, None] = {}
    for pattern in (_MD_LINK, _HTML_LINK, _REF_DEF):
        for m in pattern.finditer(body):
            target = next((g for g in m.groups() if g), "")
            if not target or is_web_address(target) or ":" in target.split("/", 1)[0]:
                continue
            target = target.split("#", 1)[0].split("?", 1)[0]
            if target:
                found[site_path(src_path, target)] = None
    return tuple(found)


def lead_image_path(article: Article) -> str | None:
    """The site path of the article's own photo (``image:``), when it is a local file."""
    if not article.image or is_web_address(article.image):
        return None
    path = site_path(article.src_path, article.image)
    return None if not path or path.startswith("..") else path


def _image_problems(entries: list[Entry], exists: Callable[[str], bool]) -> list[Problem]:
    """An ``image`` that is neither a web address nor a file of the site is a mistake; one
    outside the content folder is never read or published."""
    found = []
    for entry in entries:
        image = entry.image
        if not image or is_web_address(image):
            continue
        path = site_path(entry.path, image)
        if path.startswith("../") or path in ("..", "", "."):
            found.append(
                Problem(
                    entry.shown,
                    _line(entry, "image"),
                    "image",
                    f"ảnh '{excerpt(image)}' nằm ngoài thư mục nội dung; cổng tin không đăng "
                    "tệp ở đó.",
                    "Chép ảnh vào cạnh bài viết (ví dụ anh/ten-anh.jpg) và ghi đường dẫn đó.",
                )
            )
        elif not exists(path):
            found.append(
                Problem(
                    entry.shown,
                    _line(entry, "image"),
                    "image",
                    f"không tìm thấy ảnh '{excerpt(image)}'.",
                    "Đặt tệp ảnh cạnh bài viết (ví dụ anh/ten-anh.jpg) và ghi đúng đường dẫn, "
                    "hoặc ghi địa chỉ web đầy đủ https://…",
                )
            )
    return found
