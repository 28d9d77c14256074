"""What pages say about themselves to machines: schema.org JSON-LD (NewsArticle,
BreadcrumbList, WebSite with a SearchAction), Open Graph and Twitter cards, feed links.

Plain functions returning HTML for the page's <head>; every value is escaped for its place
(attribute text, or JSON inside <script> where '<', '>' and '&' are written as \\u escapes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from .catalogue import image_path, is_web_address
from .model import Article


def _attr(text: str) -> str:
    return escape(text, quote=True)


def json_ld(data: dict) -> str:
    """A JSON-LD script element that no string inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """``trail``: (name, absolute URL) from the home page to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(trail, 1)
        ],
    }


@dataclass(frozen=True)
class SharedImage:
    """The picture a sharing card shows: an absolute URL, its size when known, and a text."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    type: str = ""


def image_url(article: Article, site_url: str) -> str | None:
    if not article.image:
        return None
    return article.image if is_web_address(article.image) else site_url + image_path(article)


def publisher(name: str, site_url: str, logo: str | None) -> dict:
    data: dict = {"@type": "Organization", "name": name, "url": site_url}
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return data


def news_article(
    article: Article,
    url: str,
    site_url: str,
    publisher_data: dict,
    image: SharedImage | None = None,
) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.iso(),
        "dateModified": (article.updated or article.date).iso(),
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "author": [
            {"@type": "Person", "name": a.name}
            | (
                {"affiliation": {"@type": "Organization", "name": a.organization}}
                if a.organization
                else {}
            )
            for a in article.authors
        ],
        "publisher": publisher_data,
        "contentLocation": [
            {"@type": "Place", "name": ref.display_name} for ref in article.provinces
        ],
    }
    if article.summary:
        data["description"] = article.summary
    if article.tags:
        data["keywords"] = list(article.tags)
    if image is not None:
        data["image"] = [
            {"@type": "ImageObject", "url": image.url}
            | ({"width": image.width, "height": image.height} if image.width else {})
        ]
    if article.sources:
        data["isBasedOn"] = [
            {"@type": "CreativeWork", "name": s.name} | ({"url": s.url} if s.url else {})
            for s in article.sources
        ]
    return data


def web_site(site_url: str, name: str, search_url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": site_url,
        "inLanguage": "vi",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": search_url + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def social(
    *,
    title: str,
    description: str | None,
    url: str,
    site_name: str,
    image: SharedImage | None = None,
    article: Article | None = None,
) -> str:
    """Open Graph and Twitter card tags."""
    tags = [
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:title", title),
        ("property", "og:url", url),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", "vi_VN"),
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
    ]
    if description:
        tags += [
            ("property", "og:description", description),
            ("name", "twitter:description", description),
        ]
    if image:
        tags += [("property", "og:image", image.url)]
        if image.type:
            tags.append(("property", "og:image:type", image.type))
        if image.width:
            tags += [
                ("property", "og:image:width", str(image.width)),
                ("property", "og:image:height", str(image.height)),
            ]
        tags += [
            ("property", "og:image:alt", image.alt),
            ("name", "twitter:image", image.url),
            ("name", "twitter:image:alt", image.alt),
        ]
    if article is not None:
        tags.append(("property", "article:published_time", article.date.iso()))
        if article.updated:
            tags.append(("property", "article:modified_time", article.updated.iso()))
        tags.append(("property", "article:section", article.category.name))
        tags += [("property", "article:tag", t) for t in article.tags]
    return "\n".join(f'<meta {kind}="{key}" content="{_attr(value)}">' for kind, key, value in tags)


def feed_links(feeds: list[tuple[str, str]]) -> str:
    """Feed autodiscovery links for (title, absolute feed URL) pairs.

    ``rel="alternate feed"``: feed readers look for the "alternate" token with an RSS type;
    Material's JavaScript takes every ``link[rel=alternate]`` (an exact match) for a language
    version and downloads the sitemap next to it on each page view, which this avoids.
    """
    return "\n".join(
        f'<link rel="alternate feed" type="application/rss+xml" title="{_attr(t)}" '
        f'href="{_attr(u)}">'
        for t, u in feeds
    )
