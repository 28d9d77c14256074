"""Shared fixtures: real builds of tiny sites in tmp_path, using the project's own config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Copies of ../shared/seeds (the legacy articles the portal starts from), kept as fixtures.
SEEDS = ROOT / "tests" / "data" / "seeds"


def article(
    title="Hội nghị khuyến công",
    date="2024-03-15",
    province="Đắk Lắk",
    category="Hội nghị – Tổng kết",
    author="Minh Vân",
    body="Nội dung bài viết.",
    **extra,
) -> str:
    """Text of an article file with the given front-matter fields (None leaves a field out)."""
    fields = dict(title=title, date=date, province=province, category=category, author=author)
    fields.update(extra)
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        lines.append(f"{key}: {value}")
    lines += ["---", "", body, ""]
    return "\n".join(lines)


@dataclass
class Build:
    root: Path
    result: subprocess.CompletedProcess

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_project(
    root: Path,
    articles: dict[str, str | bytes],
    *,
    seeds: bool = False,
    config_changes: dict[str, str] | None = None,
) -> Path:
    """A project folder using the repository's mkdocs.yml and theme, with the given articles
    (paths relative to content/). ``config_changes`` replaces text in mkdocs.yml, e.g.
    ``{"per_page: 20": "per_page: 2"}``; each must match."""
    root.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (config_changes or {}).items():
        assert old in config, old
        config = config.replace(old, new)
    config = config.replace(
        "custom_dir: theme_overrides", f"custom_dir: {ROOT / 'theme_overrides'}"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    content = root / "content"
    shutil.copytree(ROOT / "content" / "assets", content / "assets")
    shutil.copy(ROOT / "content" / "index.md", content / "index.md")
    # The agency's "Giới thiệu" page, which every build requires (Decree 42/2022/NĐ-CP).
    shutil.copy(ROOT / "content" / "gioi-thieu.md", content / "gioi-thieu.md")
    if seeds:
        shutil.copytree(ROOT / "content" / "tin-tuc", content / "tin-tuc")
    for rel, text in articles.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def run_mkdocs(root: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def build_site(tmp_path):
    """build_site({"tin-tuc/2024/x.md": text, ...}, strict=True, seeds=False) -> Build."""

    def _build(articles=None, *, strict=True, seeds=False, site_url=None, config=None) -> Build:
        root = make_project(
            tmp_path / "project", articles or {}, seeds=seeds, config_changes=config
        )
        args = ["build", "--site-dir", "site"] + (["--strict"] if strict else [])
        return Build(root, run_mkdocs(root, *args, site_url=site_url))

    return _build


sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, launch  # noqa: E402  (scripts/chromium.py)
from static_server import serve as _start_server  # noqa: E402  (scripts/static_server.py)

sys.path.pop(0)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a browser Playwright downloads itself."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("thiếu /usr/bin/chromium trên máy CI")
        pytest.skip("chưa cài Chromium của Debian (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def serve(path: Path, prefix: str = "/", port: int = 0):
    """A static server of ``path`` under ``prefix`` (scripts/static_server.py)."""
    return _start_server(path, prefix, port)


@pytest.fixture
def serve_dir():
    """serve_dir(path, prefix="/", port=0) -> base URL of a static server on 127.0.0.1."""
    servers = []

    def _serve(path: Path, prefix: str = "/", port: int = 0) -> str:
        server, url = serve(path, prefix, port)
        servers.append(server)
        return url

    yield _serve
    for s in servers:
        s.shutdown()
        s.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors are statuses, not exceptions."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""


def wait_for(predicate, timeout: float = 60.0) -> bool:
    """Poll ``predicate`` until it is true (connection errors count as not yet)."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


class MkDocsServe:
    """`mkdocs serve` of a project on a free port; ``stop()`` returns what it printed."""

    def __init__(self, root: Path) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("SITE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> str:
        self.proc.terminate()
        return self.proc.communicate(timeout=30)[0]
