"""The portal builds with ProperDocs (a maintained fork of MkDocs 1.x) exactly as with MkDocs.

ProperDocs lives in its own virtual environment, which `bash scripts/test.sh` makes in
``.ci-tools/properdocs/`` and names in ``PROPERDOCS_VENV``: ProperDocs, Material and this
project (editable), with MkDocs itself uninstalled, so that nothing of MkDocs can run there.
It finds our plugin through the same ``mkdocs.plugins`` entry point and reads our mkdocs.yml.

The same project is built twice in tmp_path, once by ``mkdocs build`` from the test
environment and once by ``properdocs build``, at the same fixed time, and the two sites are
compared file by file. The only expected difference (see README.md, "ProperDocs"):

- every HTML page's ``<meta name="generator">`` names the generator: ``mkdocs-1.6.1`` under
  MkDocs, ``mkdocs-ProperDocs 1.6.x`` under ProperDocs (Material writes
  ``mkdocs-{{ mkdocs_version }}``; ProperDocs reports its own name and version there).

Without the venv the tests are skipped, except on CI where they fail.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from pathlib import Path

import mkdocs
import pytest

from tests.conftest import ROOT, article, make_project, run_mkdocs

DEFAULT_VENV = ROOT / ".ci-tools" / "properdocs"
FIXED_NOW = "1767225600"  # 2026-01-01 00:00 UTC: drafts, scheduled articles and dates fixed
SITE_URL = "https://example.org/cong-tin/"

GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-([^",]*), ')


def _venv() -> Path:
    configured = os.environ.get("PROPERDOCS_VENV")
    venv = Path(configured) if configured else DEFAULT_VENV
    if (venv / "bin" / "properdocs").is_file():
        return venv
    message = (
        f"ProperDocs is not installed in {venv} (PROPERDOCS_VENV); "
        "`bash scripts/test.sh` installs it there."
    )
    if os.environ.get("CI") or configured:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def venv() -> Path:
    return _venv()


@pytest.fixture(scope="module")
def properdocs_version(venv) -> str:
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import properdocs; print(properdocs.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def run_properdocs(venv: Path, root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=SITE_URL, SOURCE_DATE_EPOCH=FIXED_NOW)
    # Neither the MkDocs banner switches nor our PYTHONPATH: this is ProperDocs as installed.
    for name in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING", "PYTHONPATH"):
        env.pop(name, None)
    return subprocess.run(
        [str(venv / "bin" / "properdocs"), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# Varied articles beside the five seed articles: several provinces (an old one among them),
# tags written two ways, an author with an organization, a source with a link, a month-only
# date, a draft and a scheduled article (both left out of a build), markup to escape, a
# heading with "đ", and enough articles in one category for a second listing page.
EXTRA = {
    "tin-tuc/2024/hai-tinh.md": article(
        title="'Hội nghị \"hai tỉnh\" & miền Đông'",
        date="2024-03-15 09:30",
        province="[Bình Dương, Phú Yên]",
        tags="[CCN, hoà bình]",
        author="{name: Anh Dũng, organization: Trung tâm Khuyến công tỉnh Bình Dương}",
        source="{name: Báo Công Thương, url: 'https://example.com/bai?a=1&b=2'}",
        summary="'Sapo có dấu & và \"ngoặc kép\".'",
        body="## Đào tạo nghề\n\nNội dung có [liên kết](https://example.com/x?y=1&z=2).\n",
    ),
    "tin-tuc/2024/hoa-binh.md": article(
        title="Tập huấn ở Hòa Bình", date="2024-02-01", tags="[ccn, hòa bình]"
    ),
    "tin-tuc/2022/chi-thang.md": article(title="Bài cũ chỉ biết tháng", date="2022-01"),
    "tin-tuc/2025/ban-nhap.md": article(title="Bản nháp", date="2025-05-01", draft="true"),
    "tin-tuc/2026/hen-gio.md": article(title="Bài hẹn giờ", date="2026-06-01 08:00"),
    **{
        f"tin-tuc/2025/tap-huan-{n}.md": article(
            title=f"Tập huấn đợt {n}",
            date=f"2025-0{n}-10",
            category="Đào tạo – Tập huấn",
            province="Đắk Lắk",
            author="Ngân Trần",
            tags="[tập huấn]",
        )
        for n in range(1, 6)
    },
}
CONFIG = {"per_page: 20": "per_page: 2"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory, venv) -> dict[str, object]:
    """The same project built by MkDocs and by ProperDocs, each in its own folder (so that no
    build cache is shared)."""
    base = tmp_path_factory.mktemp("properdocs")
    mk_root = make_project(base / "mkdocs", EXTRA, seeds=True, config_changes=CONFIG)
    pd_root = make_project(base / "properdocs", EXTRA, seeds=True, config_changes=CONFIG)
    args = ("build", "--strict", "--site-dir", "site")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_NOW)
        mk = run_mkdocs(mk_root, *args, site_url=SITE_URL)
    # -f: ProperDocs would look for properdocs.yml first and log a hint about the file name.
    pd = run_properdocs(venv, pd_root, *args, "-f", "mkdocs.yml")
    assert mk.returncode == 0, mk.stdout + mk.stderr
    assert pd.returncode == 0, pd.stdout + pd.stderr
    return {
        "mkdocs": mk,
        "properdocs": pd,
        "mk": files(mk_root / "site"),
        "pd": files(pd_root / "site"),
    }


def test_properdocs_venv_has_no_mkdocs(venv):
    """Only ProperDocs can have built the site: MkDocs is not importable there, and our plugin
    is found through its `mkdocs.plugins` entry point."""
    probe = (
        "import importlib.util, json, sys\n"
        "from importlib.metadata import entry_points\n"
        "print(json.dumps([importlib.util.find_spec('mkdocs') is None,\n"
        "  importlib.util.find_spec('properdocs') is not None,\n"
        "  sorted(ep.value for ep in entry_points(group='mkdocs.plugins')\n"
        "         if ep.name == 'khuyencong')]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", probe], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == '[true, true, ["site_plugins.plugin:NewsPlugin"]]'


def test_properdocs_builds_the_portal(sites):
    pd = sites["pd"]
    # The plugin ran: articles, listings (a second page too), feeds, search, sitemap.
    for path in [
        "index.html",
        "tin-tuc/2024/hai-tinh/index.html",
        "chuyen-muc/dao-tao-tap-huan/index.html",
        "chuyen-muc/dao-tao-tap-huan/trang/2/index.html",
        "tinh-thanh/ho-chi-minh/index.html",
        "luu-tru/2022/01/index.html",
        "rss.xml",
        "search/meta.json",
        "sitemap.xml",
    ]:
        assert path in pd, path
    # Drafts and scheduled articles stay out of a ProperDocs build too.
    assert not any("ban-nhap" in p or "hen-gio" in p for p in pd)
    page = pd["tin-tuc/2024/hai-tinh/index.html"].decode()
    assert "&amp; miền Đông" in page
    assert SITE_URL + "tin-tuc/2024/hai-tinh/" in page


def test_properdocs_logs_nothing_worse_than_mkdocs(sites):
    def problems(result) -> list[str]:
        lines = (result.stdout + result.stderr).splitlines()
        return [line for line in lines if re.match(r"\s*(WARNING|ERROR)\b", line)]

    assert problems(sites["properdocs"]) == problems(sites["mkdocs"]) == []
    # Neither Material's end-of-life banner nor ProperDocs' own notice about MkDocs.
    log = sites["properdocs"].stdout + sites["properdocs"].stderr
    assert "end of life" not in log and "MkDocs may break" not in log, log


def _explained(mk: bytes, pd: bytes, pd_version: str) -> bytes | None:
    """pd with the expected generator difference undone, or None if pd has no such tag."""
    expected_mk = f"mkdocs-{mkdocs.__version__}, ".encode()
    expected_pd = f"mkdocs-ProperDocs {pd_version}, ".encode()
    if expected_pd not in pd or expected_mk not in mk:
        return None
    return pd.replace(expected_pd, expected_mk)


def test_same_site_as_mkdocs(sites, properdocs_version):
    mk, pd = sites["mk"], sites["pd"]
    assert sorted(pd) == sorted(mk), (
        f"only MkDocs: {sorted(set(mk) - set(pd))}; only ProperDocs: {sorted(set(pd) - set(mk))}"
    )
    unexplained: list[str] = []
    generator_only = 0
    for path in sorted(mk):
        if mk[path] == pd[path]:
            continue
        undone = _explained(mk[path], pd[path], properdocs_version)
        if undone is not None and undone == mk[path]:
            generator_only += 1
            continue
        diff = difflib.unified_diff(
            mk[path].decode(errors="replace").splitlines(),
            pd[path].decode(errors="replace").splitlines(),
            "mkdocs/" + path,
            "properdocs/" + path,
            lineterm="",
            n=0,
        )
        unexplained.append("\n".join(list(diff)[:12]))
    assert not unexplained, "\n\n".join(unexplained[:5])
    # The one known difference is real (this test would notice if it went away) and is the
    # only one: every HTML page, and nothing else.
    html = [p for p in mk if p.endswith(".html")]
    assert generator_only == len(html) > 50


def test_generator_tag_names_each_tool(sites, properdocs_version):
    index_mk = GENERATOR.search(sites["mk"]["index.html"])
    index_pd = GENERATOR.search(sites["pd"]["index.html"])
    assert index_mk and index_mk.group(1).decode() == mkdocs.__version__
    assert index_pd and index_pd.group(1).decode() == f"ProperDocs {properdocs_version}"


def test_same_error_for_a_bad_article(tmp_path, venv):
    """An article with a mistake stops both builds with the same message to staff."""
    bad = {"tin-tuc/2024/sai-tinh.md": article(title="Sai tỉnh", province="Binh Duog")}
    mk_root = make_project(tmp_path / "mkdocs", bad)
    pd_root = make_project(tmp_path / "properdocs", bad)
    mk = run_mkdocs(mk_root, "build", "--strict", "--site-dir", "site", site_url=SITE_URL)
    pd = run_properdocs(
        venv, pd_root, "build", "--strict", "--site-dir", "site", "-f", "mkdocs.yml"
    )
    assert mk.returncode != 0 and pd.returncode != 0

    def messages(result) -> list[str]:
        return [
            line.strip()
            for line in (result.stdout + result.stderr).splitlines()
            if "sai-tinh.md" in line
        ]

    assert messages(mk), mk.stdout + mk.stderr
    assert messages(pd) == messages(mk)
    assert any("Binh Duog" in line and "Bình Dương" in line for line in messages(pd))
