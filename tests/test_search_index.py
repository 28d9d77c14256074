"""The search index, read back with an independent decoder written from SEARCH_FORMAT.md."""

from __future__ import annotations

import json
import unicodedata

import pytest

from site_plugins.search import SearchDoc, build_index, fnv1a32, folded, plain_text, precise

# -- a reader of the format, as the browser does it ------------------------------------------


def varints(data: bytes, pos: int):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def read_shard(data: bytes) -> dict[str, dict]:
    count, pos = varints(data, 0)
    keys = {}
    for _ in range(count):
        n, pos = varints(data, pos)
        key = data[pos : pos + n].decode("utf-8")
        pos += n
        nvar, pos = varints(data, pos)
        variants = []
        for _ in range(nvar):
            n, pos = varints(data, pos)
            variants.append(data[pos : pos + n].decode("utf-8"))
            pos += n
        npost, pos = varints(data, pos)
        postings, doc = {}, 0
        for _ in range(npost):
            delta, pos = varints(data, pos)
            weight, pos = varints(data, pos)
            doc += delta
            mask = None
            if nvar:
                mask, pos = varints(data, pos)
            postings[doc] = (weight, {v for i, v in enumerate(variants) if mask and mask >> i & 1})
        keys[key] = {"variants": variants, "postings": postings}
    assert pos == len(data)
    return keys


def lookup(files: dict[str, bytes], key: str) -> dict | None:
    shards = json.loads(files["search/meta.json"])["shards"]
    shard = read_shard(files[f"search/s/{fnv1a32(key.encode('utf-8')) % shards}.bin"])
    return shard.get(key)


def doc(url, title, body, summary="", day=19000, category=0, provinces=(0,)):
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
        "Hội nghị – Tổng kết",
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
    data = FILES["search/docs.bin"]
    count, pos = varints(data, 0)
    rows = []
    for _ in range(count):
        day, pos = varints(data, pos)
        cat, pos = varints(data, pos)
        n, pos = varints(data, pos)
        provs = []
        for _ in range(n):
            p, pos = varints(data, pos)
            provs.append(p)
        rows.append((day, cat, provs))
    assert rows == [(19000, 0, [0]), (19000, 0, [0]), (20000, 1, [0])]
    d = json.loads(FILES["search/d/1.json"])
    assert d["u"] == "b/" and d["x"].startswith("Đăk Lăk Khuyến nông")
    meta = json.loads(FILES["search/meta.json"])
    assert meta["version"] == 1 and meta["docs"] == 3 and meta["years"] == [2022]


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
    assert [t["u"] for t in texts] == sorted(t["u"] for t in texts)  # ids in URL order
    assert not any("Bản nháp bí mật" in t["t"] for t in texts)
    # Article content only: no navigation, related block or footer text.
    for t in texts:
        for chrome in ("Tin tức khác cùng chuyên mục", "Trang chủ", "Bài trước"):
            assert chrome not in t["x"]
    hcm = next(t for t in texts if t["u"].startswith("tin-tuc/2022/"))
    assert hcm["p"] == "Bà Rịa – Vũng Tàu (nay thuộc Hồ Chí Minh)" and hcm["dt"] == "Tháng 1/2022"
    assert (build.site / "tim-kiem/index.html").exists()
