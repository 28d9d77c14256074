"""Taxonomies: category, province, tag and author terms, and the archive by year and month.

Terms are keyed by slug, so every spelling of one vocabulary entry meets in one place
("Thanh Hoá"/"Thanh Hóa", "CNNT"/"cnnt"); two *different* names whose slugs collide
("Hà Nội" and "Ha Noi" as tags) are never merged silently: the catalogue reports them by file
(over every article, drafts included), and here the second spelling is left out.
Everything here is one pass over the articles with dict lookups.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Article
from .text import precise_key, slugify, sort_key
from .vocab import Vocabulary

TAXONOMIES = ("category", "province", "tag", "author")

# Labels shown to readers: (plural heading of the index, singular label).
LABELS = {
    "category": ("Chuyên mục", "Chuyên mục"),
    "province": ("Tỉnh thành", "Tỉnh thành"),
    "tag": ("Thẻ", "Thẻ"),
    "author": ("Tác giả", "Tác giả"),
}


@dataclass
class Term:
    taxonomy: str
    slug: str
    name: str
    description: str = ""
    former: tuple[str, ...] = ()  # provinces: the former units merged into today's unit
    articles: list[Article] = field(default_factory=list)  # newest first


@dataclass
class Taxonomies:
    terms: dict[str, dict[str, Term]]  # taxonomy -> slug -> term
    years: dict[int, list[Article]]  # year -> articles, newest first
    months: dict[tuple[int, int], list[Article]]  # (year, month) -> articles, newest first

    def sorted_terms(self, taxonomy: str) -> list[Term]:
        """Terms in Vietnamese alphabetical order (sort_key ends with the NFC text: total)."""
        return sorted(self.terms[taxonomy].values(), key=lambda t: sort_key(t.name))


class _Names:
    """Free-text terms (tags, authors) keyed by slug."""

    def __init__(self, taxonomy: str) -> None:
        self.taxonomy = taxonomy
        self.terms: dict[str, Term] = {}
        self.keys: dict[str, tuple[str, str, Article]] = {}  # slug -> (precise key, name, first)
        self.spellings: dict[str, Counter[str]] = {}

    def add(self, name: str, article: Article) -> None:
        slug = slugify(name)
        key = precise_key(name)
        seen = self.keys.get(slug)
        if seen is None:
            self.keys[slug] = (key, name, article)
            self.terms[slug] = Term(self.taxonomy, slug, name)
            self.spellings[slug] = Counter()
        elif seen[0] != key:  # a collision: reported by the catalogue
            return
        self.spellings[slug][name] += 1
        articles = self.terms[slug].articles
        if not articles or articles[-1] is not article:
            articles.append(article)

    def finish(self) -> dict[str, Term]:
        # The most used spelling names the term; ties go to the first seen (newest article).
        for slug, counts in self.spellings.items():
            self.terms[slug].name = counts.most_common(1)[0][0]
        return self.terms


def build_taxonomies(articles: list[Article], vocab: Vocabulary) -> Taxonomies:
    """Group ``articles`` (newest first) into terms and archive buckets, keeping that order."""
    categories = {c.slug: Term("category", c.slug, c.name, c.description) for c in vocab.categories}
    provinces = {
        p.slug: Term("province", p.slug, p.name, p.full_name, tuple(p.merged_from))
        for p in vocab.provinces
    }
    tags = _Names("tag")
    authors = _Names("author")
    years: dict[int, list[Article]] = {}
    months: dict[tuple[int, int], list[Article]] = {}
    for article in articles:
        categories[article.category.slug].articles.append(article)
        units = {ref.unit.slug: None for ref in article.provinces}  # ordered, no duplicates
        for slug in units:
            provinces[slug].articles.append(article)
        for tag in article.tags:
            tags.add(tag, article)
        for author in article.authors:
            authors.add(author.name, article)
        years.setdefault(article.date.year, []).append(article)
        months.setdefault((article.date.year, article.date.month), []).append(article)
    return Taxonomies(
        terms={
            "category": categories,
            "province": provinces,
            "tag": tags.finish(),
            "author": authors.finish(),
        },
        years=years,
        months=months,
    )
