"""HTML fragments the plugin puts around articles and on the home page.

Plain functions over the model; every value from front-matter goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from .dates import format_publish_date, format_short_date
from .model import Article, Problem, ProvinceRef


def _e(text: str) -> str:
    return escape(text, quote=True)


def _province(ref: ProvinceRef) -> str:
    html = f'<span class="kc-province">{_e(ref.display_name)}</span>'
    if ref.now_part_of:
        html += f' <span class="kc-province__now">(nay thuộc {_e(ref.now_part_of)})</span>'
    return html


def _time(article: Article) -> str:
    return (
        f'<time datetime="{_e(article.date.iso())}">{_e(format_publish_date(article.date))}</time>'
    )


def article_header(article: Article) -> str:
    """Title, meta line (date, provinces, category, authors) and the lead."""
    authors = ", ".join(
        _e(a.name)
        + (f' <span class="kc-author__org">({_e(a.organization)})</span>' if a.organization else "")
        for a in article.authors
    )
    parts = [
        f'<span class="kc-meta__date">{_time(article)}</span>',
        '<span class="kc-meta__provinces"><span class="kc-label">Tỉnh thành:</span> '
        + ", ".join(_province(p) for p in article.provinces)
        + "</span>",
        '<span class="kc-meta__category"><span class="kc-label">Chuyên mục:</span> '
        f"{_e(article.category.name)}</span>",
        f'<span class="kc-meta__authors"><span class="kc-label">Tác giả:</span> {authors}</span>',
    ]
    html = [
        '<header class="kc-article__header">',
        f"<h1>{_e(article.title)}</h1>",
        '<p class="kc-meta">' + " · ".join(parts) + "</p>",
    ]
    if article.updated:
        html.append(
            '<p class="kc-meta kc-meta__updated">Cập nhật: '
            f'<time datetime="{_e(article.updated.iso())}">'
            f"{_e(format_publish_date(article.updated))}</time></p>"
        )
    if article.summary:
        html.append(f'<p class="kc-summary">{_e(article.summary)}</p>')
    html.append("</header>")
    return "\n".join(html)


def article_footer(article: Article) -> str:
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
        tags = "".join(f'<li class="kc-tag">{_e(t)}</li>' for t in article.tags)
        html.append(
            '<div class="kc-tags"><span class="kc-label">Thẻ:</span> '
            f'<ul class="kc-tags__list">{tags}</ul></div>'
        )
    html.append("</footer>")
    return "\n".join(html)


def article_page(article: Article, body_html: str) -> str:
    return (
        '<article class="kc-article">\n'
        + article_header(article)
        + '\n<div class="kc-article__body">\n'
        + body_html
        + "\n</div>\n"
        + article_footer(article)
        + "\n</article>"
    )


def article_list(articles: list[Article], urls: dict[str, str], base: str) -> str:
    """A list of articles (title linked, date, provinces, category, summary).

    ``base`` is the relative path from the current page to the site root ('' or '../../').
    """
    if not articles:
        return '<p class="kc-empty">Chưa có bài viết.</p>'
    items = []
    for a in articles:
        href = _e(base + urls[a.src_path])
        provinces = ", ".join(_e(p.display_name) for p in a.provinces)
        item = [
            '<li class="kc-list__item">',
            f'<h3 class="kc-list__title"><a href="{href}">{_e(a.title)}</a></h3>',
            f'<p class="kc-meta"><time datetime="{_e(a.date.iso())}">'
            f"{_e(format_short_date(a.date))}</time> · {provinces} · "
            f"{_e(a.category.name)}</p>",
        ]
        if a.summary:
            item.append(f'<p class="kc-list__summary">{_e(a.summary)}</p>')
        item.append("</li>")
        items.append("\n".join(item))
    return '<ul class="kc-list">\n' + "\n".join(items) + "\n</ul>"


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
