"""Finding the same article twice: an import that repeats an existing article of the site,
or another file of the same run (the same article saved as text and as HTML).

Articles are compared on their text (sapo, paragraphs, captions; not the headline, which
two copies of a page may give differently), folded (no marks, no case, NFC/NFD alike) and
cut into words, so markup, Markdown escapes, line breaks and spacing do not matter. Each
text gets a bottom-k sketch of its 5-word shingles; a keyed index of sketch values finds
the candidates, so a run costs time linear in the articles compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold, nfc

SHINGLE = 5  # words per shingle
SKETCH = 64  # smallest shingle hashes kept per text
THRESHOLD = 0.6  # estimated resemblance (Jaccard) from which two texts are one article
MIN_WORDS = 12  # shorter texts are not compared (a stub is not an article)

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^///.*$", re.M)
_ENTITY = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&#47;": "/", "&nbsp;": " "}


def markdown_text(body: str) -> str:
    """The words of a Markdown body of content/, without its syntax."""
    text = _FENCE.sub(" ", body)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    for entity, char in _ENTITY.items():
        text = text.replace(entity, char)
    return re.sub(r"\\(.)", r"\1", text)


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def _words(text: str) -> list[str]:
    """The text's words, folded (each distinct word folded once: a text repeats its words)."""
    return [_fold_word(w) for w in re.findall(r"[^\W_]+", nfc(text).casefold())]


@dataclass(frozen=True)
class Fingerprint:
    exact: int  # hash of all the words
    sketch: frozenset[int]  # the SKETCH smallest shingle hashes
    size: int  # number of distinct shingles

    @classmethod
    def of(cls, text: str) -> Fingerprint | None:
        words = _words(text)
        if len(words) < MIN_WORDS:
            return None
        # Python's hash of tuples of words: fast, and the same within one run (fingerprints
        # are never stored between runs).
        windows = zip(*(words[i:] for i in range(SHINGLE)), strict=False)  # stops at the last
        shingles = {hash(s) for s in windows}
        sketch = frozenset(sorted(shingles)[:SKETCH])
        return cls(hash(tuple(words)), sketch, len(shingles))

    def resemblance(self, other: Fingerprint) -> float:
        """Estimated Jaccard resemblance of the two shingle sets (exact when both are
        smaller than the sketch)."""
        if self.exact == other.exact:
            return 1.0
        union = sorted(self.sketch | other.sketch)[:SKETCH]
        both = sum(1 for h in union if h in self.sketch and h in other.sketch)
        return both / len(union) if union else 0.0


class DuplicateIndex:
    """Fingerprints of the articles seen so far, keyed by their sketch values."""

    def __init__(self) -> None:
        self._owners: list[object] = []
        self._prints: list[Fingerprint] = []
        self._exact: dict[int, int] = {}
        self._by_value: dict[int, list[int]] = {}
        self._slot: dict[int, int] = {}  # id(owner) -> its position

    def add(self, fingerprint: Fingerprint | None, owner: object) -> None:
        if fingerprint is None:
            return
        n = len(self._owners)
        self._owners.append(owner)
        self._slot[id(owner)] = n
        self._prints.append(fingerprint)
        self._exact.setdefault(fingerprint.exact, n)
        for value in fingerprint.sketch:
            self._by_value.setdefault(value, []).append(n)

    def find(self, fingerprint: Fingerprint | None) -> object | None:
        """The owner of an article with (nearly) the same text, or None."""
        if fingerprint is None:
            return None
        if (n := self._exact.get(fingerprint.exact)) is not None:
            return self._owners[n]
        shared: dict[int, int] = {}
        for value in fingerprint.sketch:
            for n in self._by_value.get(value, ()):
                shared[n] = shared.get(n, 0) + 1
        best, best_score = None, THRESHOLD
        for n, count in shared.items():
            if count < 2:
                continue
            score = fingerprint.resemblance(self._prints[n])
            if score >= best_score:
                best, best_score = n, score
        return self._owners[best] if best is not None else None

    def replace(self, old: object, new: object) -> None:
        """Give ``old``'s entries to ``new`` (the better copy of the same article)."""
        if (n := self._slot.pop(id(old), None)) is not None:
            self._owners[n] = new
            self._slot[id(new)] = n
