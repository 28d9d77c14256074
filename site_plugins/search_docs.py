"""What the search index is built from: one ``search.Job`` per article this build shows.

Pure Python, no MkDocs imports. ``search_jobs`` runs in the MkDocs process (it needs the
portal); the index itself is built from its result in a second process (see plugin.py
``_start_index``), so the jobs carry plain values only.
"""

from __future__ import annotations

from datetime import date

from .dates import format_short_date
from .portal import Portal
from .search import Job, SearchDoc, index_meta

_EPOCH = date(1970, 1, 1)


def search_jobs(portal: Portal, vocab, provinces_order: list) -> tuple[list[Job], dict]:
    """The articles to index (those this build shows), in URL order, and the index meta.

    ``provinces_order`` is today's units in the order of the filter (meta.json); the meta also
    carries the spelling aliases of the vocabulary for the suggestions (names.json)."""
    category_index = {c.slug: i for i, c in enumerate(vocab.categories)}
    province_index = {p.slug: i for i, p in enumerate(provinces_order)}
    jobs = []
    for article in sorted(portal.articles, key=lambda a: portal.urls[a.src_path]):
        refs = article.provinces
        provinces_text = ", ".join(
            ref.display_name + (f" (nay thuộc {ref.now_part_of})" if ref.now_part_of else "")
            for ref in refs
        )
        units = dict.fromkeys(province_index[ref.unit.slug] for ref in refs)
        # The names as the article shows them (old names included), then today's units.
        province_names = dict.fromkeys(
            [ref.display_name for ref in refs] + [ref.unit.name for ref in refs]
        )
        jobs.append(
            Job(
                article.src_path,
                SearchDoc(
                    url=portal.urls[article.src_path],
                    title=article.title,
                    summary=article.summary or "",
                    body="",
                    day=(article.date.moment.date() - _EPOCH).days,
                    category=category_index[article.category.slug],
                    provinces=tuple(units),
                    date_iso=article.date.iso(),
                    date_text=format_short_date(article.date),
                    provinces_text=provinces_text,
                    category_name=article.category.name,
                    province_names=tuple(province_names),
                    tags=tuple(dict.fromkeys(article.tags)),
                    authors=tuple(
                        dict.fromkeys((a.name, a.organization or "") for a in article.authors)
                    ),
                ),
            )
        )
    years = {a.date.year for a in portal.articles}
    aliases: dict[str, list[str]] = {}
    for entry in (*vocab.categories, *vocab.provinces, *vocab.former):
        if entry.aliases:
            aliases.setdefault(entry.name, []).extend(entry.aliases)
    return jobs, index_meta(vocab.categories, provinces_order, years, aliases)
