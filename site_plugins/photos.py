"""The photos of the portal's articles: which image files articles use, and, once the photo
pipeline (``images.py``) has processed them, the attributes each page shows them with — the
lead photo under a headline, a thumbnail in a list, the sharing image of ``og:image``, and the
photos inside a body. No MkDocs imports.

Processed files are published beside their source, under their content-hashed names
(``tin-tuc/2024/anh/hoi-nghi-1a2b3c4d5e6f-800w.webp``); the source itself (with its EXIF and
GPS) never is, because no page links to it any more (``inputs`` leaves it out).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import images
from .catalogue import is_web_address, site_path
from .meta import SharedImage
from .model import Article
from .present import Img

# Where a page shows a photo, and how wide (CSS px) — kept in step with khuyencong.css.
LAYOUT = images.Layout(column_px=760, gutter_px=16, thumbnail_px=144)
CARD_SIZES = "(max-width: 959px) calc(100vw - 32px), 560px"  # the home page's lead story

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


def lead_image_path(article: Article) -> str | None:
    """The site path of the article's own photo (``image:``), when it is a local file."""
    if not article.image or is_web_address(article.image):
        return None
    path = site_path(article.src_path, article.image)
    return None if not path or path.startswith("..") else path


@dataclass
class Photos:
    """The processed photos of one build, keyed by the site path of their source."""

    site_url: str  # absolute, ending in '/'
    results: dict[str, images.ProcessedImage | images.ImageProblem] = field(default_factory=dict)

    def processed(self, path: str | None) -> images.ProcessedImage | None:
        result = self.results.get(path or "")
        return result if isinstance(result, images.ProcessedImage) else None

    def problems(self) -> list[images.ImageProblem]:
        return [r for r in self.results.values() if isinstance(r, images.ImageProblem)]

    def files(self) -> Iterator[tuple[str, str]]:
        """(site path, file in the cache) of every output to publish."""
        for path, result in sorted(self.results.items()):
            if isinstance(result, images.ProcessedImage):
                folder = posixpath.dirname(path)
                for output in result.outputs:
                    yield posixpath.join(folder, output.name), output.path

    # -- attributes for the templates (``present.Links.photos``) ---------------------------

    def for_article(self, article: Article, role: str, base: str) -> Img | None:
        """``role``: "lead" (under the headline), "card" (the home page's lead story) or
        "thumb" (a list); ``base`` is the page's path to the site root."""
        path = lead_image_path(article)
        image = self.processed(path)
        alt = article.image_caption or article.title
        if image is None:
            if path is None and article.image and role != "thumb":  # a web address
                return Img(src=article.image, alt=alt)
            return None
        folder = base + posixpath.dirname(path) + "/"
        if role == "thumb":
            attrs = images.thumbnail_attrs(image, folder, LAYOUT)
        else:
            attrs = images.article_attrs(image, folder, LAYOUT)
            if role == "card" and attrs.srcset:
                attrs = images.ImageAttrs(
                    attrs.src, attrs.srcset, CARD_SIZES, attrs.width, attrs.height, attrs.media_type
                )
        return _img(attrs, alt)

    def in_body(self, path: str, base: str, alt: str) -> Img | None:
        """A photo inside a body, by the site path of its source."""
        image = self.processed(path)
        if image is None:
            return None
        folder = base + posixpath.dirname(path) + "/"
        return _img(images.article_attrs(image, folder, LAYOUT), alt)

    def shared(self, path: str | None, alt: str) -> SharedImage | None:
        """The ``og:image`` of a page: the 1200×630 sharing image of ``path``."""
        image = self.processed(path)
        if image is None:
            return None
        folder = self.site_url + posixpath.dirname(path or "") + "/"
        attrs = images.share_attrs(image, folder)
        if attrs is None:
            return None
        return SharedImage(attrs.src, alt, attrs.width, attrs.height, attrs.media_type)


def _img(attrs: images.ImageAttrs, alt: str) -> Img:
    return Img(
        src=attrs.src,
        alt=alt,
        width=attrs.width,
        height=attrs.height,
        srcset=attrs.srcset,
        sizes=attrs.sizes,
    )


def sources(articles: Iterable[Article], bodies: dict[str, str]) -> set[str]:
    """Every local image the given articles show (their ``image:`` and their bodies)."""
    found = set()
    for article in articles:
        if path := lead_image_path(article):
            found.add(path)
        found.update(p for p, _ in body_images(article.src_path, bodies.get(article.src_path, "")))
    return found
