"""`mkdocs serve` keeps serving through a broken article, shows its problem on every page, and
picks up the fix."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.conftest import article, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""


def _wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_survives_a_broken_article_and_shows_the_problem(tmp_path):
    broken = article(title="Bài lỗi", province="Binh Duog")
    root = make_project(
        tmp_path,
        {
            "tin-tuc/2024/loi.md": broken,
            "tin-tuc/2024/tot.md": article(title="Bài tốt"),
            "tin-tuc/2024/nhap.md": article(title="Bài nháp", draft="true"),
            "tin-tuc/2099/sau.md": article(title="Bài hẹn giờ", date="2099-01-01"),
        },
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(lambda: _get(base)[0] == 200), "mkdocs serve did not start"
        status, home = _get(base)
        assert 'class="kc-problems"' in home
        assert "content/tin-tuc/2024/loi.md:4: trường &#x27;province&#x27;" in home
        assert "Có phải ý bạn là &#x27;Bình Dương&#x27;" in home
        assert _get(base + "tin-tuc/2024/tot/")[0] == 200  # the good article is served
        # The broken article is previewed as written, under the problems box.
        status, page = _get(base + "tin-tuc/2024/loi/")
        assert status == 200 and 'class="kc-problems"' in page and "Binh Duog" in page
        # Drafts and future articles are previewed, marked, and listed like the others.
        for url in ("tin-tuc/2024/nhap/", "tin-tuc/2099/sau/"):
            status, page = _get(base + url)
            assert status == 200 and 'class="kc-draft"' in page, url
        assert "Bài nháp" in home and "Bài hẹn giờ" in home

        (root / "content/tin-tuc/2024/loi.md").write_text(
            broken.replace("Binh Duog", "Bình Dương"), encoding="utf-8"
        )
        assert _wait_for(lambda: 'class="kc-article"' in _get(base + "tin-tuc/2024/loi/")[1]), (
            "fix not picked up"
        )
        assert 'class="kc-problems"' not in _get(base)[1]

        # A new article shows up with its term page, related block and search index.
        docs_before = json.loads(_get(base + "search/meta.json")[1])["docs"]
        (root / "content/tin-tuc/2024/moi.md").write_text(
            article(title="Bài mới viết", tags="[xem trước]", date="2024-03-16"), encoding="utf-8"
        )
        assert _wait_for(lambda: "Bài mới viết" in _get(base + "the/xem-truoc/")[1])
        assert "Bài mới viết" in _get(base + "tin-tuc/2024/tot/")[1]  # related, same category
        meta = json.loads(_get(base + "search/meta.json")[1])
        assert meta["docs"] == docs_before + 1
        assert proc.poll() is None, "the server stopped"
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
