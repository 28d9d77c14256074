"""HTML fragments the plugin puts around articles and on the home page.

Plain functions over the model; every value from front-matter goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .catalogue import image_path, is_web_address
from .dates import format_publish_date, format_short_date
from .model import Article, Problem, ProvinceRef, PublishDate
from .pages import Listing, UrlScheme, month_name
from .taxonomy import Term
from .text import slugify


def _e(text: str) -> str:
    return escape(text, quote=True)


@dataclass(frozen=True)
class Links:
    """What a page needs to link to others: URL shapes, article URLs, path to the site root."""

    scheme: UrlScheme
    article_urls: dict[str, str]  # src_path -> URL
    base: str  # relative path from the current page to the site root

    def article(self, article: Article) -> str:
        return self.base + self.article_urls[article.src_path]

    def term(self, taxonomy: str, name_or_slug: str, *, is_slug: bool = False) -> str:
        slug = name_or_slug if is_slug else slugify(name_or_slug)
        return self.base + self.scheme.term(taxonomy, slug)

    def to(self, url: str) -> str:
        return self.base + url


def _link(href: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{_e(href)}"{attr}>{_e(text)}</a>'


def _province(ref: ProvinceRef, links: Links) -> str:
    html = _link(
        links.term("province", ref.unit.slug, is_slug=True), ref.display_name, "kc-province"
    )
    if ref.now_part_of:
        html += f' <span class="kc-province__now">(nay thuộc {_e(ref.now_part_of)})</span>'
    return html


def _time(date: PublishDate, short: bool = False) -> str:
    text = format_short_date(date) if short else format_publish_date(date)
    return f'<time datetime="{_e(date.iso())}">{_e(text)}</time>'


def breadcrumbs(trail: list[tuple[str, str | None]]) -> str:
    """Trang chủ › … › current; the last item has no link."""
    items = []
    for name, href in trail:
        if href is None:
            items.append(f'<li aria-current="page">{_e(name)}</li>')
        else:
            items.append(f"<li>{_link(href, name)}</li>")
    return f'<nav class="kc-breadcrumbs" aria-label="Vị trí trang"><ol>{"".join(items)}</ol></nav>'


def article_header(article: Article, links: Links, draft: bool = False) -> str:
    """Breadcrumbs, title, meta line (date, provinces, category, authors) and the lead."""
    authors = ", ".join(
        _link(links.term("author", a.name), a.name, "kc-author")
        + (f' <span class="kc-author__org">({_e(a.organization)})</span>' if a.organization else "")
        for a in article.authors
    )
    category_url = links.term("category", article.category.slug, is_slug=True)
    parts = [
        f'<span class="kc-meta__date">{_time(article.date)}</span>',
        '<span class="kc-meta__provinces"><span class="kc-label">Tỉnh thành:</span> '
        + ", ".join(_province(p, links) for p in article.provinces)
        + "</span>",
        '<span class="kc-meta__category"><span class="kc-label">Chuyên mục:</span> '
        + _link(category_url, article.category.name, "kc-category")
        + "</span>",
        f'<span class="kc-meta__authors"><span class="kc-label">Tác giả:</span> {authors}</span>',
    ]
    html = [
        breadcrumbs(
            [
                ("Trang chủ", links.to("")),
                (article.category.name, category_url),
                (article.title, None),
            ]
        ),
        '<header class="kc-article__header">',
    ]
    if draft:
        html.append(
            '<p class="kc-draft" role="note">'
            "Bản nháp hoặc bài hẹn giờ — chỉ hiện khi xem trước.</p>"
        )
    html += [
        f"<h1>{_e(article.title)}</h1>",
        '<p class="kc-meta">' + " · ".join(parts) + "</p>",
        # Decree 42/2022/NĐ-CP: state portals let readers print each article.
        '<p class="kc-tools"><button type="button" class="md-button kc-print" '
        'onclick="window.print()">In bài viết</button></p>',
    ]
    if article.updated:
        html.append(f'<p class="kc-meta kc-meta__updated">Cập nhật: {_time(article.updated)}</p>')
    if article.summary:
        html.append(f'<p class="kc-summary">{_e(article.summary)}</p>')
    if article.image:
        src = article.image if is_web_address(article.image) else links.to(image_path(article))
        alt = article.image_caption or article.title
        html.append(
            f'<figure class="kc-photo kc-photo--lead"><img src="{_e(src)}" alt="{_e(alt)}">'
        )
        if article.image_caption:
            html.append(f"<figcaption>{_e(article.image_caption)}</figcaption>")
        html.append("</figure>")
    html.append("</header>")
    return "\n".join(html)


def article_footer(article: Article, links: Links) -> str:
    """Source line ("Theo …") and tags."""
    html = ['<footer class="kc-article__footer">']
    if article.sources:
        names = []
        for s in article.sources:
            if s.url:
                names.append(f'<a href="{_e(s.url)}" rel="nofollow noopener">{_e(s.name)}</a>')
            else:
                names.append(f"<cite>{_e(s.name)}</cite>")
        html.append('<p class="kc-source">Theo ' + ", ".join(names) + "</p>")
    if article.tags:
        tags = "".join(
            f'<li class="kc-tag">{_link(links.term("tag", t), t)}</li>' for t in article.tags
        )
        html.append(
            '<div class="kc-tags"><span class="kc-label">Thẻ:</span> '
            f'<ul class="kc-tags__list">{tags}</ul></div>'
        )
    html.append("</footer>")
    return "\n".join(html)


def neighbours(older: Article | None, newer: Article | None, links: Links) -> str:
    """Previous (older) and next (newer) article of the same category."""
    if older is None and newer is None:
        return ""
    html = ['<nav class="kc-neighbours" aria-label="Bài cùng chuyên mục">']
    if older is not None:
        html.append(
            f'<a class="kc-neighbours__prev" rel="prev" href="{_e(links.article(older))}">'
            f'<span class="kc-label">Bài trước</span> {_e(older.title)}</a>'
        )
    if newer is not None:
        html.append(
            f'<a class="kc-neighbours__next" rel="next" href="{_e(links.article(newer))}">'
            f'<span class="kc-label">Bài sau</span> {_e(newer.title)}</a>'
        )
    html.append("</nav>")
    return "\n".join(html)


RELATED_HEADING = "Tin tức khác cùng chuyên mục"


def related_block(related: list[Article], links: Links) -> str:
    if not related:
        return ""
    items = "".join(
        f"<li>{_link(links.article(a), a.title)} "
        f'<span class="kc-meta">{_time(a.date, True)}</span></li>'
        for a in related
    )
    return (
        '<section class="kc-related" aria-labelledby="kc-related-heading">'
        f'<h2 id="kc-related-heading">{RELATED_HEADING}</h2>'
        f'<ul class="kc-related__list">{items}</ul></section>'
    )


def article_page(
    article: Article,
    body_html: str,
    links: Links,
    *,
    older: Article | None = None,
    newer: Article | None = None,
    related: list[Article] | None = None,
    draft: bool = False,
    url: str = "",
) -> str:
    """The whole article; ``url`` (its absolute address) is printed under it on paper."""
    opening = (
        f'<article class="kc-article" data-kc-url="{_e(url)}">'
        if url
        else ('<article class="kc-article">')
    )
    return "\n".join(
        [
            opening,
            article_header(article, links, draft),
            '<div class="kc-article__body">',
            body_html,
            "</div>",
            article_footer(article, links),
            "</article>",
            neighbours(older, newer, links),
            related_block(related or [], links),
        ]
    )


def article_list(articles: Iterable[Article], links: Links, heading_level: int = 3) -> str:
    """A list of articles (title linked, date, provinces, category, summary)."""
    items = []
    h = f"h{heading_level}"
    for a in articles:
        provinces = ", ".join(_e(p.display_name) for p in a.provinces)
        item = [
            '<li class="kc-list__item">',
            f'<{h} class="kc-list__title">{_link(links.article(a), a.title)}</{h}>',
            f'<p class="kc-meta">{_time(a.date, True)} · {provinces} · {_e(a.category.name)}</p>',
        ]
        if a.summary:
            item.append(f'<p class="kc-list__summary">{_e(a.summary)}</p>')
        item.append("</li>")
        items.append("\n".join(item))
    if not items:
        return '<p class="kc-empty">Chưa có bài viết.</p>'
    return '<ul class="kc-list">\n' + "\n".join(items) + "\n</ul>"


def pagination(listing: Listing, links: Links) -> str:
    """Page links: previous, a window of numbers around the current one, next."""
    if listing.count == 1:
        return ""
    n, count = listing.number, listing.count
    shown = sorted({1, count, *range(max(1, n - 2), min(count, n + 2) + 1)})

    def href(k: int) -> str:
        return _e(links.to(links.scheme.paged(listing.first_url, k)))

    html = ['<nav class="kc-pagination" aria-label="Phân trang"><ul>']
    if n > 1:
        html.append(f'<li><a rel="prev" href="{href(n - 1)}">‹ Trang trước</a></li>')
    last = 0
    for k in shown:
        if k > last + 1:
            html.append('<li class="kc-pagination__gap" aria-hidden="true">…</li>')
        if k == n:
            html.append(f'<li><span aria-current="page">{k}</span></li>')
        else:
            html.append(f'<li><a href="{href(k)}" aria-label="Trang {k}">{k}</a></li>')
        last = k
    if n < count:
        html.append(f'<li><a rel="next" href="{href(n + 1)}">Trang sau ›</a></li>')
    html.append("</ul></nav>")
    return "".join(html)


def listing_page(listing: Listing, links: Links, intro_html: str = "", extra_html: str = "") -> str:
    """A page of a term or archive list; staff's introduction (if any) comes first."""
    trail: list[tuple[str, str | None]] = [("Trang chủ", links.to(""))]
    if listing.parent:
        trail.append((listing.parent[0], links.to(listing.parent[1])))
    trail.append((listing.name, None if listing.number == 1 else links.to(listing.first_url)))
    if listing.number > 1:
        trail.append((f"Trang {listing.number}", None))
    html = [breadcrumbs(trail)]
    if intro_html and listing.number == 1:
        html.append(f'<div class="kc-intro">{intro_html}</div>')
    else:
        html.append(f"<h1>{_e(listing.title)}</h1>")
    term = listing.term
    if term is not None and listing.number == 1:
        if term.taxonomy == "province":
            html.append(f'<p class="kc-term__description">{_e(term.description)}.</p>')
            older = [n for n in term.former if n != term.name]
            if older:
                html.append(
                    '<p class="kc-term__former">Từ 1/7/2025 gồm cả địa bàn '
                    + ", ".join(f"<strong>{_e(n)}</strong>" for n in older)
                    + "; các bài trước ngày này vẫn ghi tên tỉnh cũ.</p>"
                )
        elif term.description:
            html.append(f'<p class="kc-term__description">{_e(term.description)}</p>')
    html.append(f'<p class="kc-count">{listing.total} bài viết</p>')
    html.append(extra_html)
    html.append(article_list(listing.articles, links, heading_level=2))
    html.append(pagination(listing, links))
    return "\n".join(h for h in html if h)


def term_index(
    title: str, terms: list[Term], taxonomy: str, links: Links, intro_html: str = ""
) -> str:
    """An index of terms with their article counts (provinces with their former units)."""
    html = [breadcrumbs([("Trang chủ", links.to("")), (title, None)])]
    html.append(
        f'<div class="kc-intro">{intro_html}</div>' if intro_html else f"<h1>{_e(title)}</h1>"
    )
    items = []
    for t in terms:
        item = (
            f"<li>{_link(links.term(taxonomy, t.slug, is_slug=True), t.name)} "
            f'<span class="kc-count">({len(t.articles)})</span>'
        )
        older = [n for n in t.former if n != t.name]
        if older:
            item += f' <span class="kc-term__former">— gồm cả {_e(", ".join(older))}</span>'
        items.append(item + "</li>")
    html.append(f'<ul class="kc-index kc-index--{taxonomy}">' + "".join(items) + "</ul>")
    return "\n".join(html)


def archive_index(
    years: dict[int, list[Article]],
    months: dict[tuple[int, int], list[Article]],
    links: Links,
    intro_html: str = "",
) -> str:
    """Years, newest first, each with its months and counts."""
    html = [breadcrumbs([("Trang chủ", links.to("")), ("Lưu trữ", None)])]
    html.append(f'<div class="kc-intro">{intro_html}</div>' if intro_html else "<h1>Lưu trữ</h1>")
    by_year: dict[int, list[int]] = {}
    for year, month in sorted(months, reverse=True):
        by_year.setdefault(year, []).append(month)
    html.append('<ul class="kc-archive">')
    for year in sorted(years, reverse=True):
        html.append(
            f"<li>{_link(links.to(links.scheme.year_url(year)), f'Năm {year}')} "
            f'<span class="kc-count">({len(years[year])})</span>'
            + month_links(year, by_year.get(year, []), months, links)
            + "</li>"
        )
    html.append("</ul>")
    return "\n".join(html)


def month_links(
    year: int, month_numbers: list[int], months: dict[tuple[int, int], list[Article]], links: Links
) -> str:
    items = "".join(
        f"<li>{_link(links.to(links.scheme.month_url(year, m)), month_name(year, m))} "
        f'<span class="kc-count">({len(months[(year, m)])})</span></li>'
        for m in month_numbers
    )
    return f'<ul class="kc-archive__months">{items}</ul>' if items else ""


def home_page(
    intro_html: str,
    latest: list[Article],
    sections: list[tuple[Term, list[Article]]],
    links: Links,
) -> str:
    """The home page: staff's introduction, the latest article, the latest list, a short section
    per category, and the ways into the taxonomies."""
    html = [intro_html]
    if latest:
        top, rest = latest[0], latest[1:]
        html.append('<section class="kc-home__top" aria-labelledby="kc-home-top">')
        html.append('<h2 id="kc-home-top" class="kc-home__kicker">Tin mới nhất</h2>')
        html.append(f'<h3 class="kc-home__headline">{_link(links.article(top), top.title)}</h3>')
        provinces = ", ".join(_e(p.display_name) for p in top.provinces)
        html.append(
            f'<p class="kc-meta">{_time(top.date)} · {provinces} · {_e(top.category.name)}</p>'
        )
        if top.summary:
            html.append(f'<p class="kc-summary">{_e(top.summary)}</p>')
        html.append("</section>")
        if rest:
            html.append('<section class="kc-home__latest"><h2>Tin mới</h2>')
            html.append(article_list(rest, links))
            html.append("</section>")
    else:
        html.append('<p class="kc-empty">Chưa có bài viết.</p>')
    for term, articles in sections:
        if not articles:
            continue
        url = links.term("category", term.slug, is_slug=True)
        html.append(f'<section class="kc-home__section"><h2>{_link(url, term.name)}</h2>')
        html.append(article_list(articles, links))
        html.append(f'<p class="kc-more">{_link(url, f"Xem tất cả {len(term.articles)} bài")}</p>')
        html.append("</section>")
    indexes = [
        ("Chuyên mục", "category"),
        ("Tỉnh thành", "province"),
        ("Thẻ", "tag"),
        ("Tác giả", "author"),
        ("Lưu trữ", "archive"),
    ]
    html.append('<nav class="kc-home__browse" aria-label="Xem tin theo"><h2>Xem tin theo</h2><ul>')
    html += [f"<li>{_link(links.to(links.scheme.index(t)), n)}</li>" for n, t in indexes]
    html.append("</ul></nav>")
    return "\n".join(html)


def problems_banner(problems: list[Problem]) -> str:
    """The box `mkdocs serve` shows on every page while articles have mistakes."""
    if not problems:
        return ""
    items = "".join(f"<li><code>{_e(p.format())}</code></li>" for p in problems)
    return (
        '<div class="kc-problems" role="alert">'
        f"<p><strong>Có {len(problems)} lỗi trong bài viết</strong> — các bài lỗi chưa được "
        "đăng; sửa xong, trang sẽ tự tải lại.</p>"
        f"<ul>{items}</ul></div>"
    )
