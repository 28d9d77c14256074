"""The search index, read back with the independent reader of tests/search_model.py (written
from SEARCH_FORMAT.md)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from site_plugins import search as search_module
from site_plugins.search import SearchDoc, build_index, fnv1a32, folded, plain_text, precise
from tests.search_model import Index, read_docs, read_shard


def lookup(files: dict[str, bytes], key: str) -> dict | None:
    return Index(files).lookup(key)


def doc(url, title, body, summary="", day=19000, category=0, provinces=(0,), **labels):
    return SearchDoc(
        url,
        title,
        summary,
        body,
        day,
        category,
        provinces,
        "2022-01-05",
        "05/01/2022",
        "Đắk Lắk",
        labels.pop("category_name", "Hội nghị – Tổng kết"),
        **labels,
    )


DOCS = [
    doc(
        "a/",
        "Hội nghị khuyến công Đắk Lắk",
        "CCN Hoà Long, thành phố Bà Rịa. Kinh phí 3.918 triệu đồng.",
    ),
    doc("b/", "Tập huấn", "Khuyến nông và khuyến công. Hòa Long. Thanh Hóa.", summary="Đăk Lăk"),
    doc(
        "c/",
        "Cụm công nghiệp",
        "Hoá chất ở thanh hoá; công nghiệp nông thôn.",
        day=20000,
        category=1,
    ),
]
FILES = build_index(DOCS, {"categories": [], "provinces": [], "years": [2022]})


# -- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("khuyến công", "khuyen cong"),
        ("Đắk Lắk", "dak lak"),
        ("Đăk Lăk", "dak lak"),
        ("Ðà Nẵng", "da nang"),
        ("Hưng Yên", "hung yen"),
        ("Thừa Thiên Huế", "thua thien hue"),
    ],
)
def test_folded_equal(a, b):
    assert [folded(t) for t in a.split()] == [folded(t) for t in b.split()]


@pytest.mark.parametrize(("a", "b"), [("Đà", "À"), ("Hưng", "Hng"), ("khuyến", "khuyên")])
def test_folded_different_or_precise_different(a, b):
    assert folded(a) != folded(b) or precise(a) != precise(b)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("hoà", "hòa", True),
        ("Thuỷ", "thủy", True),
        ("khoẻ", "khỏe", True),
        ("hòa", "hóa", False),
        ("thủy", "thúy", False),
        ("bắc", "bạc", False),
        ("Lắk", "Lăk", False),
        ("đường", "dương", False),
        (unicodedata.normalize("NFD", "Hoà"), "hòa", True),
    ],
)
def test_precise_ignores_tone_placement_only(a, b, equal):
    assert (precise(a) == precise(b)) is equal


def test_plain_text_drops_markup():
    md = "## Tiêu đề\n\n/// caption\nẢnh <b>đẹp</b>\n///\n\n[liên kết](https://x.org/a) *nhấn*"
    assert plain_text(md) == "Tiêu đề Ảnh đẹp liên kết nhấn"


# -- the index ---------------------------------------------------------------------------------


def test_syllable_postings_weights_and_variants():
    hoa = lookup(FILES, "hoa")
    # Doc a: "Hoà" (body); b: "Hòa", "Hóa" (body); c: "Hoá", "hoá".
    assert hoa["postings"][0] == (1, {"hoa1"})
    assert hoa["postings"][1] == (2, {"hoa1", "hoa4"})
    assert hoa["postings"][2] == (2, {"hoa4"})
    assert set(hoa["variants"]) == {"hoa1", "hoa4"}
    # Title weight 8, summary 3, body 1: "Đắk"/"Đăk" → "dak".
    assert lookup(FILES, "dak")["postings"] == {0: (8, {"đăk4"}), 1: (3, {"đăk0"})}


def test_bigrams_make_phrases_findable():
    assert set(lookup(FILES, "khuyen cong")["postings"]) == {0, 1}
    assert set(lookup(FILES, "hoa long")["postings"]) == {0, 1}
    assert set(lookup(FILES, "thanh hoa")["postings"]) == {1, 2}
    assert set(lookup(FILES, "3 918")["postings"]) == {0}
    assert lookup(FILES, "khuyen cong")["variants"] == []


def test_every_shard_parses_and_keys_sit_in_their_shard():
    shards = json.loads(FILES["search/meta.json"])["shards"]
    seen = 0
    for n in range(shards):
        for key in read_shard(FILES[f"search/s/{n}.bin"]):
            assert fnv1a32(key.encode("utf-8")) % shards == n
            seen += 1
    assert seen > 30


def test_docs_table_and_doc_files():
    rows = read_docs(FILES["search/docs.bin"])
    assert rows == [(19000, 0, [0]), (19000, 0, [0]), (20000, 1, [0])]
    d = json.loads(FILES["search/d/1.json"])
    assert d["u"] == "b/" and "x" not in d
    # The text (summary, then body) for the excerpts, in a file of its own.
    assert (
        FILES["search/x/1.txt"].decode("utf-8")
        == "Đăk Lăk Khuyến nông và khuyến công. Hòa Long. Thanh Hóa."
    )
    assert FILES["search/x/0.txt"].decode("utf-8").startswith("CCN Hoà Long")
    meta = json.loads(FILES["search/meta.json"])
    assert meta["version"] == 2 and meta["docs"] == 3 and meta["years"] == [2022]
    assert "aliases" not in meta  # they go to names.json
    assert "g" not in d and "a" not in d  # no tags, no authors


# -- metadata, words and names (format version 2) --------------------------------------------

META = {"categories": [], "provinces": [], "years": [2020]}
LABELLED = [
    doc(
        "a/",
        "Tập huấn kỹ năng",
        "Lớp học ở Vĩnh Yên.",  # the body never names the province
        category_name="Đào tạo – Tập huấn",
        province_names=("Vĩnh Phúc", "Phú Thọ"),  # as written (old name), today's unit
        tags=("cụm công nghiệp", "Đào tạo"),
        authors=(("Lê Văn Tám", "Trung tâm Khuyến công Thanh Hóa"),),
    ),
    doc(
        "b/",
        "Thanh Hóa mở lớp",
        "Thanh Hóa, thanh hoá, Thanh Hoá. Năm nay.",
        category_name="Đào tạo – Tập huấn",
        province_names=("Thanh Hóa",),
        tags=("đào tạo",),
        authors=(("Minh Vân", ""), ("Lê Văn Tám", "")),
    ),
    doc("c/", "Hoà Bình", "Hòa Bình hòa bình 2024 2024.", province_names=("Hòa Bình",)),
]
LFILES = build_index(LABELLED, {**META, "aliases": {"Thanh Hóa": ["Thanh Hoá", "Thanh Hoa", "TH"]}})


def test_labels_are_indexed_below_the_title():
    # Province as written and today's unit, category, tags, author and organization: weight 4
    # each (title 8, summary 3, body 1).
    assert lookup(LFILES, "vinh phuc")["postings"] == {0: (4, set())}
    assert set(lookup(LFILES, "phu tho")["postings"]) == {0}
    assert lookup(LFILES, "cong nghiep")["postings"] == {0: (4, set())}
    assert lookup(LFILES, "le van")["postings"] == {0: (4, set()), 1: (4, set())}
    # Doc a: the organization (4); doc b: title (8) + province (4) + body 3 × 1.
    assert lookup(LFILES, "thanh hoa")["postings"] == {0: (4, set()), 1: (15, set())}
    assert lookup(LFILES, "thanh")["postings"][0] == (4, {"thanh0"})
    # Each value is a field of its own: no pair across two values or two fields.
    assert lookup(LFILES, "phuc phu") is None
    assert lookup(LFILES, "tap cum") is None
    assert lookup(LFILES, "tam trung") is None
    assert lookup(LFILES, "nang tap") is None  # title "…kỹ năng", then the category


def test_doc_files_carry_tags_and_authors():
    a = json.loads(LFILES["search/d/0.json"])
    assert a["g"] == ["cụm công nghiệp", "Đào tạo"]
    assert a["a"] == ["Lê Văn Tám (Trung tâm Khuyến công Thanh Hóa)"]
    b = json.loads(LFILES["search/d/1.json"])
    assert b["a"] == ["Minh Vân", "Lê Văn Tám"]
    assert "g" not in json.loads(LFILES["search/d/2.json"])


def test_words_by_documents_in_their_most_used_spelling():
    words = json.loads(LFILES["search/words.json"])
    assert len(words) == len(set(map(folded, words)))
    # "hoa" is in three documents: a (the organization's "Hóa"), b ("Hóa", "hoá"), c ("Hoà",
    # "Hòa"); the spelling in most documents shows it.
    assert words[0] == "hóa"
    # Then the words of two documents, in code point order of the key ("tám" and "tâm" are
    # one key: "Tám" is in two documents, "tâm" in one).
    assert words[1:10] == ["đào", "huấn", "lê", "lớp", "tám", "tạo", "tập", "thanh", "văn"]
    rest = words[10:]
    assert rest == sorted(rest, key=folded) and "vĩnh" in rest and "yên" in rest
    assert "tâm" not in words and "hoà" not in words
    assert "2024" not in words  # numbers are left out


def test_words_limit(monkeypatch):
    monkeypatch.setattr(search_module, "WORDS_LIMIT", 3)
    words = json.loads(build_index(LABELLED, META)["search/words.json"])
    assert len(words) == 3 and words == json.loads(LFILES["search/words.json"])[:3]


def test_names_with_counts_spellings_and_aliases():
    names = json.loads(LFILES["search/names.json"])
    by_name = {row[0]: row for row in names}
    # Categories, provinces (old and new), tags and authors, by number of documents.
    assert by_name["Đào tạo – Tập huấn"][1] == 2
    assert by_name["Lê Văn Tám"][1] == 2 and by_name["Minh Vân"][1] == 1
    assert by_name["Vĩnh Phúc"][1] == 1 and by_name["Phú Thọ"][1] == 1
    assert by_name["cụm công nghiệp"][1] == 1
    # "Đào tạo" and "đào tạo" are one name (same words, same diacritics): the most used
    # spelling, code point order on a tie.
    assert by_name["Đào tạo"][1] == 2 and "đào tạo" not in by_name
    # Organizations are not names.
    assert "Trung tâm Khuyến công Thanh Hóa" not in by_name
    # Aliases that fold like the name add nothing; the others are kept.
    assert by_name["Thanh Hóa"] == ["Thanh Hóa", 1, "TH"]
    counts = [row[1] for row in names]
    assert counts == sorted(counts, reverse=True)
    assert all(isinstance(row[0], str) and row[0] for row in names)


def test_names_limit(monkeypatch):
    monkeypatch.setattr(search_module, "NAMES_LIMIT", 2)
    names = json.loads(build_index(LABELLED, META)["search/names.json"])
    assert [row[0] for row in names] == ["Lê Văn Tám", "Đào tạo"]


def test_eth_is_read_as_d():
    files = build_index([doc("a/", "Ðà Nẵng", "ðà nẵng")], META)
    assert lookup(files, "da nang")["postings"] == {0: (9, set())}
    assert "đà" in json.loads(files["search/words.json"])


def test_index_is_deterministic():
    again = build_index(list(DOCS), {"categories": [], "provinces": [], "years": [2022]})
    assert again == FILES


# -- the built site ----------------------------------------------------------------------------


def test_built_site_indexes_published_articles_only(build_site):
    from tests.conftest import article

    build = build_site(
        {
            "tin-tuc/2024/nhap.md": article(title="Bản nháp bí mật", draft="true"),
            "tin-tuc/2024/x.md": article(title="Tập huấn CCN", tags="[đào tạo]"),
        },
        seeds=True,
    )
    assert build.ok, build.log
    meta = json.loads((build.site / "search/meta.json").read_text("utf-8"))
    assert meta["docs"] == 6  # five seeds + one; the draft is not indexed
    assert len(meta["provinces"]) == 34 and meta["years"][0] == 2011
    texts = [json.loads((build.site / f"search/d/{i}.json").read_text("utf-8")) for i in range(6)]
    for i, t in enumerate(texts):
        t["x"] = (build.site / f"search/x/{i}.txt").read_text("utf-8")
    assert [t["u"] for t in texts] == sorted(t["u"] for t in texts)  # ids in URL order
    assert not any("Bản nháp bí mật" in t["t"] for t in texts)
    # Article content only: no navigation, related block or footer text.
    for t in texts:
        for chrome in ("Tin tức khác cùng chuyên mục", "Trang chủ", "Bài trước"):
            assert chrome not in t["x"]
    hcm = next(t for t in texts if t["u"].startswith("tin-tuc/2022/"))
    assert hcm["p"] == "Bà Rịa – Vũng Tàu (nay thuộc Hồ Chí Minh)" and hcm["dt"] == "Tháng 1/2022"
    assert (build.site / "tim-kiem/index.html").exists()


def test_built_site_indexes_metadata_and_names(build_site):
    from tests.conftest import article

    build = build_site(
        {
            # Filed under the old province, by an author of a centre; the body names neither.
            "tin-tuc/2020/may-tre.md": article(
                title="Tập huấn nghề mây tre",
                date="2020-05-04",
                province="Vĩnh Phúc",
                category="Đào tạo",
                author="{name: Lê Văn Tám, organization: Trung tâm Khuyến công Nghệ An}",
                tags="[mây tre đan, Làng nghề]",
                body="Lớp học mở ở huyện.",
            ),
            "tin-tuc/2024/hoi-cho.md": article(
                title="Hội chợ", province="Thanh Hoá", author="Minh Vân", tags="[làng nghề]"
            ),
        }
    )
    assert build.ok, build.log
    index = Index(build.site)
    assert index.meta["version"] == 2 and "aliases" not in index.meta
    urls = [index.json(f"search/d/{i}.json")["u"] for i in range(2)]
    old = urls.index("tin-tuc/2020/may-tre/")
    new = 1 - old
    # The province as written (old name) and today's unit, category, tags, author, organization.
    for key in ("vinh phuc", "phu tho", "dao tao", "may tre", "tre dan", "le van", "nghe an"):
        assert old in index.lookup(key)["postings"], key
    assert set(index.lookup("lang nghe")["postings"]) == {old, new}
    assert set(index.lookup("thanh hoa")["postings"]) == {new}
    record = index.json(f"search/d/{old}.json")
    assert record["g"] == ["mây tre đan", "Làng nghề"]
    assert record["a"] == ["Lê Văn Tám (Trung tâm Khuyến công Nghệ An)"]
    assert record["p"] == "Vĩnh Phúc (nay thuộc Phú Thọ)"
    names = {row[0]: row for row in index.json("search/names.json")}
    for name in ("Vĩnh Phúc", "Phú Thọ", "Thanh Hóa", "Đào tạo – Tập huấn", "Lê Văn Tám"):
        assert name in names, name
    assert names["Làng nghề"][1] == 2  # "Làng nghề" and "làng nghề": one tag
    assert "Trung tâm Khuyến công Nghệ An" not in names
    # The vocabulary's spellings of the category ride along for the suggestions (those that
    # fold like the name itself are left out).
    assert names["Đào tạo – Tập huấn"][2:] == ["Đào tạo", "Tập huấn", "Đào tạo nghề"]
    assert "Đắk Lắk" not in names  # no article there: nothing to suggest
    words = index.json("search/words.json")
    assert "nghề" in words and "lớp" in words


@pytest.mark.parametrize("day", [0, 1, -1, 63, -64, 64, -8000, -9131, 47481])
def test_days_before_1970_survive_the_docs_table(day):
    """Articles go back to 1945 (the front-matter's range): their day numbers are negative and
    are written zigzag-encoded (SEARCH_FORMAT.md)."""
    files = build_index(
        [doc("tin/a/", "Hội nghị", "x", day=day)],
        {"categories": [], "provinces": [], "years": [1946]},
    )
    assert read_docs(files["search/docs.bin"])[0][0] == day
