"""What of the content folder may be published: the containment rules that the build and
``khuyencong check`` both apply to MkDocs' own file list.

- A file whose real location is outside the content folder (a symbolic link to
  ``/proc/self/environ``, to ``../.git/config``, a linked folder) is never published: it is a
  problem naming the link. Links that stay inside follow MkDocs' conventions.
- Editor backups and lock files (``bai.md~``, ``bai.md.bak``, ``.bai.md.swp``, ``.#bai.md``,
  ``#bai.md#``) are never published.
- A staff file at an address the portal generates itself (``robots.txt``, a feed, the search
  index) is a problem, never replaced silently.
- Under the articles folder, a file other than an article is published only when a published
  page uses it (``local_targets``), so a photo used only by a draft stays private.

No MkDocs imports: the callers pass ``(src_uri, absolute path)`` pairs.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .model import Problem
from .text import excerpt

_BACKUP_RE = re.compile(r"(~|\.bak|\.swp|\.swo|\.swx|\.tmp|\.orig)$|^\.#|^#.*#$", re.IGNORECASE)


def is_backup(name: str) -> bool:
    """An editor's backup, swap or lock file (by its base name)."""
    return bool(_BACKUP_RE.search(name))


@dataclass
class Screened:
    drop: set[str] = field(default_factory=set)  # src_uris never published
    problems: list[Problem] = field(default_factory=list)


def screen(
    docs_dir: str,
    files: Iterable[tuple[str, str | None]],
    *,
    reserved: set[str],
    reserved_prefixes: tuple[str, ...] = (),
    shown_prefix: str = "",
) -> Screened:
    """Apply the containment rules to ``(src_uri, abs_src_path)`` pairs (generated files have
    no path and are left alone)."""
    result = Screened()
    root = os.path.realpath(docs_dir)
    reported_links: set[str] = set()
    for uri, path in sorted(files, key=lambda f: f[0]):
        if path is None:
            continue
        if is_backup(posixpath.basename(uri)):
            result.drop.add(uri)
            continue
        real = os.path.realpath(path)
        if not _inside(real, root):
            result.drop.add(uri)
            link = _first_link(docs_dir, uri)
            if link not in reported_links:
                reported_links.add(link)
                target = os.readlink(os.path.join(docs_dir, *link.split("/")))
                result.problems.append(
                    Problem(
                        shown_prefix + link,
                        None,
                        None,
                        f"là liên kết (symlink) tới '{excerpt(target, 240)}', nằm ngoài thư mục "
                        "nội dung: cổng tin không đăng gì ở ngoài thư mục này.",
                        "Xóa liên kết; nếu cần tệp đó trên trang, chép bản thật vào thư mục nội "
                        "dung.",
                    )
                )
            continue
        if not os.path.exists(real):
            result.drop.add(uri)
            result.problems.append(
                Problem(
                    shown_prefix + uri,
                    None,
                    None,
                    "là liên kết (symlink) hỏng: tệp nó trỏ tới không còn.",
                    "Xóa liên kết hoặc thay bằng tệp thật.",
                )
            )
            continue
        if uri in reserved or uri.startswith(reserved_prefixes):
            result.drop.add(uri)
            result.problems.append(
                Problem(
                    shown_prefix + uri,
                    None,
                    None,
                    f"trùng với tệp '{uri}' mà cổng tin tự tạo; tệp này sẽ không được đăng.",
                    "Đổi tên hoặc chuyển tệp sang thư mục khác.",
                )
            )
    return result


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _first_link(docs_dir: str, uri: str) -> str:
    """The first component of ``uri`` that is a symbolic link (the file itself at worst)."""
    parts = uri.split("/")
    for i in range(1, len(parts) + 1):
        candidate = "/".join(parts[:i])
        if os.path.islink(os.path.join(docs_dir, *parts[:i])):
            return candidate
    return uri


_ATTR_RE = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SRCSET_RE = re.compile(r"""\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def local_targets(html: str, page_url: str) -> set[str]:
    """Site paths (relative to the site root, as dest URIs) of the local files ``html`` links
    to or embeds, resolved from the page's URL ('tin-tuc/2024/x/')."""
    urls = [a or b for a, b in _ATTR_RE.findall(html)]
    for a, b in _SRCSET_RE.findall(html):
        urls += [part.strip().split(" ", 1)[0] for part in (a or b).split(",")]
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    found = set()
    for url in urls:
        parts = urlsplit(url.replace("&amp;", "&"))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        target = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
        target = posixpath.normpath(target)
        if not target.startswith(".."):
            found.add(target)
    return found
