"""The importer on a corpus of legacy pages (tests/data/import/corpus/): every field of every
page is right, or marked for review — never silently wrong.

Each page ``<name>.html``/``<name>.txt`` has ``<name>.yml`` (or another .yml naming it with
``file:``) with the front-matter a careful editor would write for it (``null`` where the
page cannot tell), the fields the importer must mark for review, and the patterns of old
portals the page carries. Written before the importer was changed, from the patterns of
issue 15; none is copied from a real site.

The field-accuracy figure (fields right / flagged / silently wrong over the whole corpus):

    python -m tests.test_import_corpus

and ``pytest -s tests/test_import_corpus.py`` prints it too.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_plugins.frontmatter import read_article
from site_plugins.importer import Imported, import_file
from site_plugins.vocab import load_vocabulary

CORPUS = Path(__file__).parent / "data" / "import" / "corpus"
VOCAB = load_vocabulary()
TODAY = date(2026, 10, 3)  # the day the corpus pages' "today" lines show
FIELDS = (
    "title", "date", "province", "category", "author", "source", "summary", "captions",
    "photos", "body",
)  # fmt: skip
# The front-matter line that carries a field's review mark (photos only online: "image").
REVIEW_KEY = {"photos": "image"}


def cases() -> list[tuple[str, Path, dict]]:
    found = []
    for spec_path in sorted(CORPUS.glob("*.yml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        if "file" in spec:
            page = CORPUS / spec["file"]
        else:
            page = next(
                p for p in (spec_path.with_suffix(".html"), spec_path.with_suffix(".txt"))
                if p.exists()
            )  # fmt: skip
        found.append((spec_path.stem, page, spec))
    return found


CASES = cases()


def _people(value) -> list[tuple[str, str | None]]:
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    return [
        (i["name"], i.get("organization")) if isinstance(i, dict) else (str(i), None) for i in items
    ]


def _sources(value) -> list[tuple[str, str | None]]:
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    return [(i["name"], i.get("url")) if isinstance(i, dict) else (str(i), None) for i in items]


def _list(value) -> list[str]:
    if value in (None, "", []):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def actual(imported: Imported) -> dict:
    """The values the importer proposes, in the same shapes as the expectations."""
    f = imported.fields
    items = imported.items
    photos = [
        f"anh/{p.name}" if p.available else (p.url or p.src) for p in imported.photos
    ]  # fmt: skip
    return {
        "title": f["title"],
        "date": str(f["date"]),
        "province": _list(f["province"]),
        "category": f["category"],
        "author": _people(f["author"]),
        "source": _sources(f.get("source")),
        "summary": f["summary"],
        "captions": [it.text for it in items if it.kind in ("caption", "photo") and it.lines],
        "photos": photos,
        "body": [
            ("table: " + " / ".join(it.lines)) if it.kind == "table" else it.text
            for it in items
            if it.kind in ("p", "heading", "ol", "ul", "table")
        ],
    }


def expected(spec: dict) -> dict:
    e = spec["expected"]
    return {
        "title": e["title"],
        "date": None if e["date"] is None else str(e["date"]),
        "province": _list(e["province"]),
        "category": e["category"],
        "author": None if e["author"] is None else _people(e["author"]),
        "source": _sources(e.get("source")),
        "summary": e["summary"],
        "captions": _list(e.get("captions")),
        "photos": _list(e.get("photos")),
        "body": _list(e.get("body")),
    }


def _date_iso(value: str | None) -> str | None:
    if value is None:
        return None
    return value.replace(" ", "T")


def grade(imported: Imported, spec: dict) -> dict[str, str]:
    """Each field: "right" (the editor's value, not marked), "flagged" (marked for review,
    whatever the value) or "wrong" (not marked, and not the editor's value)."""
    got, want = actual(imported), expected(spec)
    want["date"] = _date_iso(want["date"])
    grades = {}
    for name in FIELDS:
        if REVIEW_KEY.get(name, name) in imported.review:
            grades[name] = "flagged"
        elif got[name] == want[name]:
            grades[name] = "right"
        else:
            grades[name] = "wrong"
    return grades


def import_case(page: Path) -> Imported:
    return import_file(page, VOCAB, today=TODAY)


@pytest.mark.parametrize(("name", "page", "spec"), CASES, ids=[c[0] for c in CASES])
def test_every_field_is_right_or_flagged(name, page, spec):
    imported = import_case(page)
    grades = grade(imported, spec)
    got, want = actual(imported), expected(spec)
    wrong = {f: (got[f], want[f]) for f, g in grades.items() if g == "wrong"}
    assert not wrong, f"{name}: silently wrong fields (got, expected): {wrong}"
    flagged = {f for f, g in grades.items() if g == "flagged"}
    assert flagged == set(spec["flagged"]), (
        f"{name}: flagged {sorted(flagged)}, expected {sorted(spec['flagged'])}: "
        f"{ {k: v for k, v in imported.review.items() if k != 'draft'} }"
    )
    # Whatever is flagged, the file is valid: `khuyencong check` and the build accept it
    # (as a draft when anything is flagged).
    article, problems = read_article("tin-tuc/" + imported.relpath, imported.text(), VOCAB)
    assert article is not None, [p.format() for p in problems]
    assert article.draft == bool(imported.review)
    for field in spec["flagged"]:
        key = REVIEW_KEY.get(field, field)
        assert re.search(rf"^{key}: .*# CẦN KIỂM TRA: \S", imported.text(), re.M), field


def test_the_corpus_covers_the_patterns_of_the_issue():
    """Every pattern issue 15 lists is carried by at least one page (by its description)."""
    patterns = " ".join(p for _, _, spec in CASES for p in spec["patterns"]).lower()
    needles = [
        "<title> is", "h2", "div.title", "wrapped in a link", "kicker", "năm 2018",
        "tin hoạt động", "chương trình, đề án", "ngày đăng : 08:22", "thứ hai, 18/12/2023 - 15:40",
        "published: 21 tháng 8 2019", "iso date", "cập nhật lúc", "decision date",
        "event date", "l.d", "p. nghi", "plain name", "written by", "theo:", "nguồn:",
        "liên kết website", "thống kê truy cập", "tin mới", "các tin khác", "counter",
        "share", "print", "save page as", "_files", "only on the old server", "duplicate",
        "only the year", "no date",
    ]  # fmt: skip
    for needle in needles:
        assert needle in patterns, needle
    assert len(CASES) >= 20
    assert {p.suffix for _, p, _ in CASES} == {".html", ".txt"}


def seed_specs() -> list[tuple[str, Path, dict]]:
    """The five seeds, with the articles made from them by hand in content/ as expectations."""
    from tests.conftest import ROOT, SEEDS
    from tests.test_import import SEED_MAP, body_blocks

    specs = []
    for name, entry in sorted(SEED_MAP.items()):
        text = (ROOT / "content" / entry["article"]).read_text(encoding="utf-8")
        article, problems = read_article(entry["article"], text, VOCAB)
        assert article is not None, problems
        blocks = body_blocks(article.body)
        author = [
            {"name": a.name, "organization": a.organization} if a.organization else a.name
            for a in article.authors
        ]
        expected_values = {
            "title": article.title,
            "date": article.date.iso(),
            "province": [p.display_name for p in article.provinces],
            "category": article.category.name,
            "author": author,
            "source": [
                {"name": s.name, "url": s.url} if s.url else s.name for s in article.sources
            ],
            "summary": article.summary,
            # A caption's lines are joined with "<br>" in content/, with a space here.
            "captions": [
                " ".join(t.replace("<br>", " ").split()) for k, t in blocks if k == "caption"
            ],
            "photos": [],
            "body": [t for k, t in blocks if k != "caption"],
        }
        specs.append((name, SEEDS / name, {"expected": expected_values}))
    return specs


def accuracy(cases=None) -> tuple[Counter, dict[str, Counter]]:
    total: Counter = Counter()
    per_field: dict[str, Counter] = {f: Counter() for f in FIELDS}
    for _, page, spec in CASES if cases is None else cases:
        for field, g in grade(import_case(page), spec).items():
            total[g] += 1
            per_field[field][g] += 1
    return total, per_field


def report() -> str:
    total, per_field = accuracy()
    seeds, _ = accuracy(seed_specs())
    n, s = sum(total.values()), sum(seeds.values())
    lines = [
        f"Importer field accuracy on {len(CASES)} legacy pages, {n} fields: "
        f"{total['right']} right ({100 * total['right'] / n:.1f} %), "
        f"{total['flagged']} flagged for review ({100 * total['flagged'] / n:.1f} %), "
        f"{total['wrong']} silently wrong.",
        f"On the 5 seeds against the articles made from them by hand, {s} fields: "
        f"{seeds['right']} right, {seeds['flagged']} flagged, {seeds['wrong']} silently wrong.",
    ]
    for field, c in per_field.items():
        lines.append(f"  {field:<9} right {c['right']:>2}  flagged {c['flagged']:>2}  "
                     f"wrong {c['wrong']:>2}")  # fmt: skip
    return "\n".join(lines)


def test_field_accuracy_figure():
    text = report()
    print("\n" + text)
    total, _ = accuracy()
    assert total["wrong"] == 0
    assert total["right"] + total["flagged"] == len(CASES) * len(FIELDS)
    seeds, _ = accuracy(seed_specs())
    assert seeds["wrong"] == 0 and sum(seeds.values()) == 5 * len(FIELDS)


if __name__ == "__main__":
    print(report())
