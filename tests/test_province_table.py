"""Checks of site_plugins/data/provinces.yml, the 63 → 34 province merger table.

The YAML is loaded directly with ``yaml.safe_load`` (not through the project's loader), and
the old→new table is cross-checked against the data shipped by the PyPI package
``vietnam-address-converter`` (test extra). That package keeps its whole data set as one JSON
string in ``vietnam_address_converter/data.py`` (``DEFAULT_DATA``), which its converter
imports; we read ``DEFAULT_DATA`` the same way, once per module.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

YAML_PATH = Path(__file__).resolve().parents[1] / "site_plugins" / "data" / "provinces.yml"

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {"tỉnh", "thành phố"}


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Tiny local diacritic fold: NFD, drop combining marks, đ→d, casefold."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


_LOOKUP_PREFIX_RE = re.compile(r"^(?:tinh|thanh pho|tp)\b\s*")


def lookup_key(text: str) -> str:
    """A stricter key, close to what the site's lookup does: fold, then drop punctuation,
    whitespace and a leading "Tỉnh"/"Thành phố"/"TP"/"TP.". Two spellings that are distinct
    here are also distinct under `fold`, so collisions are checked with this key too."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    folded = _LOOKUP_PREFIX_RE.sub("", folded)
    return folded.replace(" ", "")


_PREFIX_RE = re.compile(r"^(?:tỉnh|thành phố)\s+")
_DASH_RE = re.compile(r"\s*[-‐‑‒–—]\s*")


def norm_name(text: str) -> str:
    """Normalised name for comparing with the converter package: NFC, strip a leading
    "Tỉnh "/"Thành phố " (any case), casefold. Dash variants ("Bà Rịa-Vũng Tàu" in the package,
    "Bà Rịa – Vũng Tàu" here) are unified to a bare hyphen, as they are typography only."""
    text = unicodedata.normalize("NFC", text).strip().casefold()
    text = _PREFIX_RE.sub("", text)
    text = _DASH_RE.sub("-", text)
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def table() -> dict:
    with YAML_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), "provinces.yml must be a mapping"
    return data


@pytest.fixture(scope="module")
def current(table) -> list[dict]:
    return table["current"]


@pytest.fixture(scope="module")
def former(table) -> list[dict]:
    return table["former"]


@pytest.fixture(scope="module")
def converter_data() -> dict:
    """The converter package's data set, loaded once for the module."""
    started = time.perf_counter()
    pytest.importorskip("vietnam_address_converter")
    from vietnam_address_converter.data import DEFAULT_DATA

    elapsed = time.perf_counter() - started
    print(f"\nvietnam-address-converter data loaded in {elapsed:.2f}s")
    return DEFAULT_DATA


# --------------------------------------------------------------------------- structure


def test_top_level_keys(table):
    assert set(table) == {"merger_date", "current", "former"}
    assert table["merger_date"] == dt.date(2025, 7, 1)


def test_unit_fields(current, former):
    problems = []
    for unit in current:
        if set(unit) != {"name", "kind", "slug", "aliases"}:
            problems.append(f"current {unit.get('name')!r}: keys {sorted(unit)}")
    for unit in former:
        if set(unit) != {"name", "kind", "became", "aliases"}:
            problems.append(f"former {unit.get('name')!r}: keys {sorted(unit)}")
    for list_name, units in (("current", current), ("former", former)):
        for unit in units:
            name = unit.get("name")
            if not isinstance(name, str) or not name.strip() or name != name.strip():
                problems.append(f"{list_name} {name!r}: bad name")
                continue
            if unit.get("kind") not in KINDS:
                problems.append(f"{list_name} {name!r}: bad kind {unit.get('kind')!r}")
            aliases = unit.get("aliases")
            if not isinstance(aliases, list) or not all(
                isinstance(a, str) and a.strip() for a in aliases
            ):
                problems.append(f"{list_name} {name!r}: aliases must be a list of strings")
                continue
            for text in [name, unit["kind"], *aliases, unit.get("became") or ""]:
                if unicodedata.normalize("NFC", text) != text:
                    problems.append(f"{list_name} {name!r}: {text!r} is not NFC")
            if _PREFIX_RE.match(name.casefold()):
                problems.append(f"{list_name} {name!r}: name must not carry Tỉnh/Thành phố")
    assert not problems, "\n".join(problems)


def test_counts(current, former):
    assert len(current) == 34
    assert len(former) == 63


def test_names_unique(current, former):
    for list_name, units in (("current", current), ("former", former)):
        names = [u["name"] for u in units]
        dupes = sorted({n for n in names if names.count(n) > 1})
        assert not dupes, f"duplicate {list_name} names: {dupes}"


def test_slugs(current):
    slugs = [u["slug"] for u in current]
    bad = [s for s in slugs if not (isinstance(s, str) and s.isascii() and SLUG_RE.match(s))]
    assert not bad, f"malformed slugs: {bad}"
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    assert not dupes, f"duplicate slugs: {dupes}"
    # The slug is the folded name, hyphenated (đ→d).
    wrong = [
        (u["name"], u["slug"])
        for u in current
        if u["slug"] != re.sub(r"[^a-z0-9]+", "-", fold(u["name"])).strip("-")
    ]
    assert not wrong, f"slugs that do not match their names: {wrong}"


def test_became_and_coverage(current, former):
    current_names = {u["name"] for u in current}
    problems = [
        f"former {u['name']!r}: became {u['became']!r}, not a current unit"
        for u in former
        if u["became"] not in current_names
    ]
    targets = defaultdict(list)
    for u in former:
        targets[u["became"]].append(u["name"])
    for u in current:
        name = u["name"]
        if not targets[name]:
            problems.append(f"current {name!r}: no former unit became it")
        # Every current unit keeps the name of one of its constituents (incl. Huế → Huế).
        if name not in targets[name]:
            problems.append(
                f"current {name!r}: no former unit of the same name became it "
                f"(constituents: {targets[name]})"
            )
    assert not problems, "\n".join(problems)


def test_kind_of_same_named_pair_agrees(current, former):
    former_kind = {u["name"]: u["kind"] for u in former}
    wrong = [
        (u["name"], u["kind"], former_kind[u["name"]])
        for u in current
        if u["name"] in former_kind and former_kind[u["name"]] != u["kind"]
    ]
    assert not wrong, f"kind differs between a current unit and its namesake: {wrong}"


# --------------------------------------------------------------------------- collisions


def _pair_allowed(a: tuple[str, str], b: tuple[str, str], became: dict[str, str]) -> bool:
    """A former unit and the current unit of the same name it became are one place."""
    (list_a, name_a), (list_b, name_b) = sorted([a, b])
    return (
        list_a == "current"
        and list_b == "former"
        and name_a == name_b
        and became.get(name_b) == name_a
    )


def _collisions(current, former, key, with_aliases: bool) -> list[str]:
    became = {u["name"]: u["became"] for u in former}
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    spelled: dict[tuple[str, tuple[str, str]], set[str]] = defaultdict(set)
    for list_name, units in (("current", current), ("former", former)):
        for unit in units:
            ident = (list_name, unit["name"])
            texts = [unit["name"], *(unit["aliases"] if with_aliases else [])]
            for text in texts:
                k = key(text)
                owners[k].add(ident)
                spelled[(k, ident)].add(text)
    problems = []
    for k, idents in sorted(owners.items()):
        idents = sorted(idents)
        for i, a in enumerate(idents):
            for b in idents[i + 1 :]:
                if not _pair_allowed(a, b, became):
                    problems.append(
                        f"{k!r}: {a[0]} {a[1]!r} {sorted(spelled[(k, a)])} vs "
                        f"{b[0]} {b[1]!r} {sorted(spelled[(k, b)])}"
                    )
    return problems


@pytest.mark.parametrize("key", [fold, lookup_key], ids=["fold", "lookup_key"])
def test_names_do_not_collide_after_folding(current, former, key):
    problems = _collisions(current, former, key, with_aliases=False)
    assert not problems, "name collisions:\n" + "\n".join(problems)


@pytest.mark.parametrize("key", [fold, lookup_key], ids=["fold", "lookup_key"])
def test_aliases_do_not_collide_after_folding(current, former, key):
    problems = _collisions(current, former, key, with_aliases=True)
    assert not problems, "alias collisions:\n" + "\n".join(problems)


def test_aliases_unique_within_a_unit(current, former):
    problems = []
    for list_name, units in (("current", current), ("former", former)):
        for unit in units:
            texts = [unit["name"], *unit["aliases"]]
            dupes = sorted({t for t in texts if texts.count(t) > 1})
            if dupes:
                problems.append(f"{list_name} {unit['name']!r}: repeated {dupes}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- cross-check


def _package_table(data: dict) -> tuple[dict[str, str], list[str]]:
    """old province → new province, from the package's ward-level mapping rows."""
    old_index = data["oldProvinces"]
    new_index = data["newProvinces"]
    targets: dict[str, set[str]] = defaultdict(set)
    for row in data["mapping"]["rows"]:
        old_code = row["old"]["province_code"]
        new_code = row["new"]["province_code"]
        old_name = (old_index.get(old_code) or {}).get("name") or row["old"]["province_name"]
        new_name = (new_index.get(new_code) or {}).get("name") or row["new"]["province_name"]
        targets[norm_name(old_name)].add(norm_name(new_name))
    problems = [
        f"package splits old {old!r} across {sorted(new)}"
        for old, new in sorted(targets.items())
        if len(new) != 1
    ]
    # Provinces listed in the indexes but absent from the mapping rows.
    for rec in old_index.values():
        if norm_name(rec["name"]) not in targets:
            problems.append(f"package old province {rec['name']!r} has no mapping rows")
    mapped_new = {n for new in targets.values() for n in new}
    for rec in new_index.values():
        if norm_name(rec["name"]) not in mapped_new:
            problems.append(f"package new province {rec['name']!r} has no mapping rows")
    return {old: min(new) for old, new in targets.items()}, problems


def test_merger_matches_vietnam_address_converter(current, former, converter_data):
    package, problems = _package_table(converter_data)
    ours = {norm_name(u["name"]): norm_name(u["became"]) for u in former}

    for old in sorted(set(package) - set(ours)):
        problems.append(f"missing former unit {old!r} (package: → {package[old]!r})")
    for old in sorted(set(ours) - set(package)):
        problems.append(f"former unit {old!r} (→ {ours[old]!r}) unknown to the package")
    for old in sorted(set(ours) & set(package)):
        if ours[old] != package[old]:
            problems.append(f"{old!r}: YAML → {ours[old]!r}, package → {package[old]!r}")

    package_new = {norm_name(r["name"]) for r in converter_data["newProvinces"].values()}
    ours_new = {norm_name(u["name"]) for u in current}
    for name in sorted(package_new - ours_new):
        problems.append(f"package current unit {name!r} missing from YAML")
    for name in sorted(ours_new - package_new):
        problems.append(f"YAML current unit {name!r} unknown to the package")

    assert len(converter_data["oldProvinces"]) == 63
    assert len(converter_data["newProvinces"]) == 34
    assert not problems, "mismatches with vietnam-address-converter:\n" + "\n".join(problems)


def test_kinds_and_slugs_match_vietnam_address_converter(current, former, converter_data):
    kind_of = {"tinh": "tỉnh", "thanh-pho": "thành phố"}
    problems = []
    for list_name, units, index in (
        ("current", current, converter_data["newProvinces"]),
        ("former", former, converter_data["oldProvinces"]),
    ):
        by_name = {norm_name(r["name"]): r for r in index.values()}
        for unit in units:
            rec = by_name.get(norm_name(unit["name"]))
            if rec is None:
                continue  # reported by test_merger_matches_vietnam_address_converter
            if kind_of.get(rec.get("type")) != unit["kind"]:
                problems.append(
                    f"{list_name} {unit['name']!r}: kind {unit['kind']!r}, "
                    f"package type {rec.get('type')!r}"
                )
            if list_name == "current" and rec.get("slug") != unit["slug"]:
                problems.append(
                    f"current {unit['name']!r}: slug {unit['slug']!r}, "
                    f"package slug {rec.get('slug')!r}"
                )
    assert not problems, "\n".join(problems)
