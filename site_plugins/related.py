"""Related articles: "Tin tức khác cùng chuyên mục" for every article, computed at build time.

In the spirit of Hugo's related content: weighted indices (shared tags, a shared province, a
shared author), a date-closeness term, a threshold, ties broken by date, and a switch for whether
newer articles may appear. Unlike Hugo, the list is never empty while the category holds another
article: when nothing qualifies we fall back to the articles nearest in date.

This module is pure (standard library only, no MkDocs, no other project module); the plugin
adapts its articles into :class:`Item` records and reads back lists of keys (URLs).

Scoring
    score(a, b) = tags     * |a.tags & b.tags|
                + province * [a and b share a province]
                + author   * [a and b share an author]
                + date     * closeness,   closeness = 1 / (1 + |days between| / half_life_days)

Ranking (a deterministic total order, since keys are unique)
    1. score, rounded to 9 decimals (:func:`quantize`), descending (float noise never decides);
    2. distance in time, ascending (closer first);
    3. publication time, descending (newer first);
    4. key, ascending.
    Only candidates scoring at least ``threshold`` (rounded the same way) are listed, best
    ``limit`` first; with ``include_newer=False`` only items not newer than the current one
    (same moment allowed) qualify.

Fallback (never an empty block while the category has another article)
    When no candidate qualifies, the list is the ``limit`` items nearest in date, ordered by
    rules 2-4 (scores ignored), respecting ``include_newer`` when that leaves something (it does
    not for the oldest item) and ignoring it otherwise. A short but non-empty ranked list is not
    padded: with ``include_newer=False`` the second-oldest item lists just the oldest.

Candidate generation (why this is fast)
    Scoring every pair of a 1,250-article category is ~1.5M scores per category, ~12M for the
    site: too slow in Python. Instead, per category, items are sorted by (moment, key) and an
    inverted index is built: for every tag, province and author value, the "posting list" of the
    items carrying it, in the same order (each item's position in each list is recorded while the
    lists are built, so nothing is searched for). The candidates of an item are the items in a
    window of ``2 * candidates + 1`` consecutive entries around it (``candidates`` on each side,
    shifted inwards at the ends of a list so it stays full) in the whole category order and in
    each of its own posting lists. Only candidates are scored. Cost: O(N * keys per item *
    candidates) plus sorting.

    With ``include_newer=False`` the window is instead the last ``2 * candidates + 1`` entries
    that are not newer than the item. In the whole category order the window is also widened to
    the left over every item sharing the publication time of its first entry (legacy articles
    dated by month share a moment): those have smaller keys and would win ties against it. This
    costs little and keeps ties exact.

Exactness, and where it is an approximation
    The result equals a brute-force ranking over all pairs whenever every tag/province/author
    posting list of the category has at most ``2 * candidates + 1`` items, ``limit <=
    candidates`` and the weights are non-negative -- the whole category may be far larger. Why:
    every item that shares a key with the current one is then in a window; any other item scores
    on date alone, and on its side of the category window there are at least ``candidates``
    items (or all of them) that are at least as close in date, hence score at least as much and
    win the tie-breaks. (If the whole category fits in the window, it is exact for any limit.)

    Beyond that -- a province or a popular tag carried by hundreds of articles of a category --
    it is an approximation that favours date-near articles: an article sharing that key but far
    away in time is not examined, unless it is reachable through another, rarer key. This is
    acceptable because (a) the date term already ranks date-near articles higher, so the missed
    far-away articles would only win on a broad key shared by hundreds of others, where they are
    interchangeable with near ones; (b) rare, specific keys -- the ones that make a relation
    meaningful -- have short posting lists and are searched exactly; (c) readers of a news portal
    are better served by recent related news than by a years-old article on the same broad topic.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from math import floor

SECONDS_PER_DAY = 86_400.0
SCORE_UNIT = 1e9  # scores are compared in whole units of 1e-9 (rounded to 9 decimals)


@dataclass(frozen=True)
class RelatedConfig:
    limit: int = 5  # list length
    include_newer: bool = True  # whether articles newer than the current one may appear
    tags: float = 3.0  # weight per shared tag
    province: float = 2.0  # weight when they share a province (today's unit)
    author: float = 1.0  # weight when they share an author
    date: float = 2.0  # weight of closeness in date
    half_life_days: float = 365.0  # closeness = 1 / (1 + |Δdays| / half_life_days), in (0, 1]
    threshold: float = 0.0  # minimum score to be listed (score includes the date part)
    candidates: int = 60  # per index, how many date-nearest candidates are examined on each side

    def __post_init__(self) -> None:
        if self.limit < 0:
            raise ValueError(f"related: limit must be >= 0, not {self.limit}")
        if self.candidates < 1:
            raise ValueError(f"related: candidates must be >= 1, not {self.candidates}")
        if not self.half_life_days > 0:  # also rejects NaN
            raise ValueError(f"related: half_life_days must be > 0, not {self.half_life_days}")


@dataclass(frozen=True)
class Item:
    key: str  # unique id (the article's URL); also the final tie-breaker
    group: str  # category slug: only items of the same group are related
    moment: float  # publication time, POSIX seconds
    tags: frozenset[str] = frozenset()  # normalised tag keys
    provinces: frozenset[str] = frozenset()  # today's unit slugs
    authors: frozenset[str] = frozenset()  # author slugs


def score(a: Item, b: Item, config: RelatedConfig) -> float:
    """How related ``b`` is to ``a`` (symmetric; not rounded)."""
    span = SECONDS_PER_DAY * config.half_life_days
    # The same expression, in the same order, as the inlined loop in _rank_group (which also
    # inlines quantize()), so that both give bit-identical floats.
    value = config.tags * len(a.tags & b.tags)
    if not a.provinces.isdisjoint(b.provinces):
        value += config.province
    if not a.authors.isdisjoint(b.authors):
        value += config.author
    return value + config.date * (1.0 / (1.0 + abs(a.moment - b.moment) / span))


def quantize(value: float) -> int:
    """A score rounded to 9 decimals, as a whole number of 1e-9 (half up; cheaper than round).

    Ranking and the threshold compare these, so float noise never decides an order.
    """
    return floor(value * SCORE_UNIT + 0.5)


def related(
    items: Iterable[Item], config: RelatedConfig, memo: dict | None = None
) -> dict[str, list[str]]:
    """For every item key, the keys of its related items, best first.

    Only items of one group are related, so a group whose items are unchanged since the last
    call ranks the same: ``memo`` (a dict the caller keeps) holds each group's result by its
    exact inputs. Raises ValueError when two items share a key.
    """
    result: dict[str, list[str]] = {}
    groups: dict[str, list[Item]] = {}
    for item in items:
        if item.key in result:
            raise ValueError(f"related: duplicate key {item.key!r}")
        result[item.key] = []
        groups.setdefault(item.group, []).append(item)
    if config.limit == 0:
        return result
    used = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        if memo is None:
            result.update(_rank_group(members, config))
            continue
        key = (
            config,
            tuple(
                (
                    m.key,
                    m.moment,
                    tuple(sorted(m.tags)),
                    tuple(sorted(m.provinces)),
                    tuple(sorted(m.authors)),
                )
                for m in sorted(members, key=lambda it: it.key)
            ),
        )
        ranked = memo.get(key)
        if ranked is None:
            ranked = memo[key] = _rank_group(members, config)
        used.add(key)
        result.update(ranked)
    if memo is not None:  # only the groups of this call are kept
        for key in [k for k in memo if k not in used]:
            del memo[key]
    return result


def _rank_group(members: list[Item], config: RelatedConfig) -> dict[str, list[str]]:
    """Related lists for the items of one group (at least two items)."""
    members = sorted(members, key=lambda it: (it.moment, it.key))
    n = len(members)
    moments = [it.moment for it in members]
    width = 2 * config.candidates + 1
    side = config.candidates
    group_width = 2 * config.limit + 1
    include_newer = config.include_newer

    # Inverted indices. Items are numbered by their position in the group order, so every
    # posting list (appended to in that order) is sorted by (moment, key) too. For each item we
    # record (list, its position in that list) as the list is built.
    postings: dict[tuple[int, str], list[int]] = {}
    places: list[list[tuple[list[int], int]]] = []
    for i, item in enumerate(members):
        mine = []
        for facet, values in ((0, item.tags), (1, item.provinces), (2, item.authors)):
            for value in values:
                posting = postings.get((facet, value))
                if posting is None:
                    posting = postings[(facet, value)] = []
                mine.append((posting, len(posting)))
                posting.append(i)
        places.append(mine)

    w_tags, w_province, w_author, w_date = config.tags, config.province, config.author, config.date
    span = SECONDS_PER_DAY * config.half_life_days
    threshold = quantize(config.threshold)
    data = [(it.moment, it.tags, it.provinces, it.authors, it.key) for it in members]
    limit = config.limit
    result: dict[str, list[str]] = {}

    for i, item in enumerate(members):
        m = item.moment
        tags, provinces, authors = item.tags, item.provinces, item.authors

        # Candidates: the window in the whole group order, widened over equal moments ...
        # Here `limit` items on each side suffice: an item outside them that shares nothing
        # with this one has at least `limit` items nearer in date on its side, each scoring at
        # least as much and winning ties as nearer, so it can never make the list; an item
        # that shares a tag, province or author comes in through the posting lists below.
        if include_newer:
            if n <= group_width:
                lo, hi = 0, n
            else:
                lo = min(max(0, i - limit), n - group_width)
                hi = lo + group_width
        else:
            hi = bisect_right(moments, m)  # items [0, hi) are not newer than this one
            lo = max(0, hi - group_width)
        # Items left of the window that share the moment of its first entry have smaller keys,
        # so they would win ties against it: take them in. (On the right, such items have larger
        # keys and lose every tie, so no widening is needed there.)
        lo = bisect_left(moments, moments[lo], 0, lo)
        candidates = set(range(lo, hi))
        # ... and the window in each of the item's posting lists.
        for posting, pos in places[i]:
            size = len(posting)
            if size == 1:
                continue
            if include_newer:
                if size <= width:
                    candidates.update(posting)
                    continue
                plo = min(max(0, pos - side), size - width)
                phi = plo + width
            else:
                phi = bisect_right(posting, hi - 1, pos)  # same "not newer" bound as above
                plo = max(0, phi - width)
            candidates.update(posting[plo:phi])
        candidates.discard(i)

        ranked = []
        append = ranked.append
        for j in candidates:
            moment, other_tags, other_provinces, other_authors, key = data[j]
            dist = abs(m - moment)
            # Same expression as score(); see there.
            value = w_tags * len(tags & other_tags)
            if not provinces.isdisjoint(other_provinces):
                value += w_province
            if not authors.isdisjoint(other_authors):
                value += w_author
            value = floor((value + w_date * (1.0 / (1.0 + dist / span))) * SCORE_UNIT + 0.5)
            if value >= threshold:
                # The ranking order (see the module docstring): score descending, closer in
                # date, newer, key ascending.
                append((-value, dist, -moment, key))
        if ranked:
            best = heapq.nsmallest(limit, ranked)
            result[item.key] = [entry[3] for entry in best]
        else:
            result[item.key] = _nearest(members, moments, i, limit, include_newer)
    return result


def _nearest(
    members: list[Item], moments: list[float], i: int, limit: int, include_newer: bool
) -> list[str]:
    """Fallback: up to ``limit`` keys nearest in date to item ``i`` of its group.

    Ordered by distance in time, then newer, then key. Respects ``include_newer`` when that
    still leaves something, otherwise ignores it. The group has at least two items.
    """
    m = moments[i]
    n = len(moments)
    hi = bisect_right(moments, m)  # [0, hi): not newer than item i (it is among them)
    if include_newer or hi == 1:
        # `limit` items on each side, plus those left of them sharing the moment of the first
        # one (smaller keys win ties). Any other item is farther than `limit` of these, or as
        # far but with a larger key, so it cannot be among the nearest.
        lo = max(0, i - limit)
        hi = min(n, i + limit + 1)
    else:
        lo = max(0, hi - limit - 1)
    lo = bisect_left(moments, moments[lo], 0, lo)
    window = [(abs(m - moments[j]), -moments[j], members[j].key) for j in range(lo, hi) if j != i]
    return [entry[2] for entry in heapq.nsmallest(limit, window)]
