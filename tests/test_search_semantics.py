"""The browser (kc-search.js) and the independent reader of tests/search_model.py agree on
SEARCH_FORMAT.md §4, query after query, on a synthetic site (scripts/synthetic.py): the same
phrase matches (the count), the same other candidates, in the same order.
"""

from __future__ import annotations

import importlib.util
import sys
from urllib.parse import urlencode

import pytest

from site_plugins.search import folded
from tests.conftest import ROOT, make_project, run_mkdocs
from tests.search_model import Index, search

PREFIX = "/kc/"
N = 80


def _synthetic():
    if "synthetic" in sys.modules:
        return sys.modules["synthetic"]
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("semantics")
    make_project(root, {})
    _synthetic().generate(N, root / "content", seed=3)
    result = run_mkdocs(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def queries(index: Index) -> list[tuple[str, dict]]:
    """Names as written and unaccented, frequent words alone and in pairs (side by side in
    the text or not), with filters and both orders."""
    words = index.json("search/words.json")
    names = [row[0] for row in index.json("search/names.json")]
    out: list[tuple[str, dict]] = [
        ("Thanh Hoá", {}),
        ("thanh hoa", {}),
        ("Đắk Lắk", {}),
        ("Đăk Lăk", {}),
        ("Nam Định", {}),
        ("nam dinh", {}),
        ("khuyến công", {}),
        ("khuyen cong", {"sap-xep": "moi-nhat"}),
        ("cụm công nghiệp", {}),
        ("hỗ trợ doanh nghiệp", {}),
        ("năm 2020", {}),
    ]
    out += [(name, {}) for name in names[:8]]
    out += [(folded(name), {}) for name in names[8:14]]
    out += [(w, {}) for w in words[40:44]]
    out += [(f"{a} {b}", {}) for a, b in zip(words[10:16], words[30:36], strict=True)]
    out += [(f"{a} {b}", {"nam": "2015"}) for a, b in zip(words[5:8], words[20:23], strict=True)]
    provinces = index.meta["provinces"]
    out += [("khuyến công", {"tinh": provinces[k][0]}) for k in (0, 5, 20)]
    out += [(names[0], {"sap-xep": "moi-nhat"})]
    return out


def reference(index: Index, q: str, params: dict):
    kw = {}
    if "tinh" in params:
        kw["province"] = [p[0] for p in index.meta["provinces"]].index(params["tinh"])
    if "nam" in params:
        kw["year"] = int(params["nam"])
    if params.get("sap-xep") == "moi-nhat":
        kw["by_date"] = True
    return search(index, q, **kw)


def test_browser_and_reference_agree(browser, site, serve_dir):
    index = Index(site)
    base = serve_dir(site, PREFIX)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    both = apart_only = 0
    cases = queries(index)
    assert len(cases) > 40
    for q, params in cases:
        expected = reference(index, q, params)
        page.goto(base + "tim-kiem/?" + urlencode({"q": q} | params))
        page.wait_for_selector(".kc-search[data-kc-state=done]", timeout=15000)
        where = f"{q!r} {params}"
        assert page.get_attribute(".kc-search", "data-kc-count") == str(len(expected.phrase)), where
        assert page.get_attribute(".kc-search", "data-kc-others") == str(len(expected.others)), (
            where
        )
        shown = [
            int(x)
            for x in page.eval_on_selector_all(
                ".kc-search .kc-result", "items => items.map(li => li.dataset.kcDoc)"
            )
        ]
        assert shown == (expected.phrase + expected.others)[:10], where
        both += bool(expected.phrase and expected.others)
        apart_only += bool(not expected.phrase and expected.others)
    # The table exercised what it is for.
    assert both >= 5 and apart_only >= 2, (both, apart_only)
    assert errors == []
    page.close()
