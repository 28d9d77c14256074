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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import images
from .catalogue import lead_image_path
from .checks import LAYOUT
from .meta import SharedImage
from .model import Article
from .present import Img

CARD_SIZES = "(max-width: 959px) calc(100vw - 32px), 560px"  # the home page's lead story


@dataclass
class Photos:
    """The processed photos of one build, keyed by the site path of their source."""

    site_url: str  # absolute, ending in '/'
    results: dict[str, images.ProcessedImage | images.ImageProblem] = field(default_factory=dict)

    def processed(self, path: str | None) -> images.ProcessedImage | None:
        result = self.results.get(path or "")
        return result if isinstance(result, images.ProcessedImage) else None

    def key(self, path: str | None) -> str | None:
        """What identifies a photo's published files (its pipeline key), or its problem."""
        result = self.results.get(path or "")
        if isinstance(result, images.ProcessedImage):
            return result.key
        return None if result is None else f"{result.code}:{result.message}"

    def processed_sources(self) -> list[str]:
        return [p for p, r in self.results.items() if isinstance(r, images.ProcessedImage)]

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


def sources(articles: Iterable[Article], in_bodies: dict[str, tuple[str, ...]]) -> set[str]:
    """Every local image the given articles show: their ``image:``, and ``in_bodies`` (the
    catalogue's images of each body, by source path)."""
    found = set()
    for article in articles:
        if path := lead_image_path(article):
            found.add(path)
        found.update(in_bodies.get(article.src_path, ()))
    return found
