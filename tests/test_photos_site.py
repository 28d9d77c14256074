"""Photos end to end (issue 12) in a real build: resized, responsive and private on every page,
thumbnails in lists, the sharing image, a phone's download budget, cached rebuilds."""

from __future__ import annotations

import hashlib
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests import photos
from tests.conftest import MkDocsServe, article, get, make_project, run_mkdocs, wait_for

ARTICLE = "tin-tuc/2024/hoi-nghi.md"
URL = "tin-tuc/2024/hoi-nghi/"
CAPTION = 'Toàn cảnh "hội nghị" & <đẹp> onerror=alert(1)'
BODY = """Đoạn mở đầu.

![Đại diện Sở trao giấy khen](anh/trao-giay-khen.jpg)

<img src="anh/so-do.png" alt="Sơ đồ cụm công nghiệp">

/// html | figure.kc-photo
///

/// caption
Ảnh đã mất, chỉ còn chú thích
///

Đoạn kết.
"""


@pytest.fixture(scope="module")
def camera() -> bytes:
    return photos.camera_jpeg()


def _site(root: Path, camera: bytes, **extra: str) -> Path:
    project = make_project(
        root,
        {
            ARTICLE: article(
                title="Hội nghị có ảnh",
                image="anh/toan-canh.jpg",
                image_caption=json.dumps(CAPTION, ensure_ascii=False),
                body=BODY,
            ),
            "tin-tuc/2024/bai-khac.md": article(
                title="Bài khác cùng chuyên mục", date="2024-03-01", image="anh/khac.jpg"
            ),
            "tin-tuc/2024/nhap.md": article(
                title="Bản nháp có ảnh", draft="true", image="anh/nhap.jpg"
            ),
            **extra,
        },
    )
    folder = project / "content/tin-tuc/2024/anh"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "toan-canh.jpg").write_bytes(camera)
    (folder / "trao-giay-khen.jpg").write_bytes(photos.camera_jpeg(size=(2400, 1600), seed=3))
    (folder / "khac.jpg").write_bytes(photos.camera_jpeg(size=(1800, 1200), seed=4))
    (folder / "nhap.jpg").write_bytes(photos.camera_jpeg(size=(1800, 1200), seed=5))
    (folder / "so-do.png").write_bytes(photos.alpha_png())
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory, camera) -> Path:
    root = _site(tmp_path_factory.mktemp("photos") / "p", camera)
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


class _Imgs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[dict[str, str]] = []
        self.figures_without_media = 0
        self._figure: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.imgs.append({k: v or "" for k, v in attrs})
            if self._figure:
                self._figure[-1] = True
        if tag == "figure":
            self._figure.append(False)

    def handle_endtag(self, tag):
        if tag == "figure" and self._figure and not self._figure.pop():
            self.figures_without_media += 1


def imgs(html: str) -> _Imgs:
    parser = _Imgs()
    parser.feed(html)
    return parser


def page(root: Path, url: str) -> str:
    return (root / "site" / url / "index.html").read_text(encoding="utf-8")


def test_the_lead_photo_is_responsive_and_sized(built):
    html = page(built, URL)
    lead = next(i for i in imgs(html).imgs if "toan-canh" in i["src"])
    assert lead["src"].endswith("-800w.webp")
    assert [w.split()[-1] for w in lead["srcset"].split(", ")] == ["480w", "800w", "1200w", "1600w"]
    assert lead["sizes"] == "(max-width: 792px) calc(100vw - 32px), 760px"
    assert (lead["width"], lead["height"]) == ("800", "600")
    assert "loading" not in lead and lead["decoding"] == "async"  # the lead photo: not lazy
    assert lead["alt"] == CAPTION  # escaped in the HTML, exact when parsed back
    assert (
        "<figcaption>Toàn cảnh &#34;hội nghị&#34; &amp; &lt;đẹp&gt; onerror=alert(1)</figcaption>"
        in html
    )


def test_photos_in_the_body_are_responsive_and_lazy(built):
    found = imgs(page(built, URL).split('class="kc-article__body"', 1)[1].split("</article>")[0])
    body = {i["alt"]: i for i in found.imgs}
    md = body["Đại diện Sở trao giấy khen"]
    raw = body["Sơ đồ cụm công nghiệp"]
    for img in (md, raw):
        assert img["srcset"] and img["width"] and img["height"], img
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert img["src"].endswith(".webp")
    # The figure whose photo was lost keeps its caption, without an empty frame.
    assert found.figures_without_media == 0
    assert 'class="kc-caption-only"' in page(built, URL)
    assert "Ảnh đã mất, chỉ còn chú thích" in page(built, URL)


def test_no_source_photo_and_no_metadata_is_published(built):
    site = built / "site"
    published = [p for p in site.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")]
    names = {p.name for p in published}
    for source in ("toan-canh.jpg", "trao-giay-khen.jpg", "khac.jpg", "so-do.png", "nhap.jpg"):
        assert source not in names, source
    assert not any(p.name.startswith("nhap-") for p in published)  # the draft's photo: none
    for p in published:
        with Image.open(p) as im:
            assert not im.getexif(), p
            assert "icc_profile" not in im.info and "xmp" not in im.info, p
        assert b"Exif" not in p.read_bytes()[:4096] or p.suffix == ".png"


def test_lists_show_thumbnails(built):
    for url in ("", "chuyen-muc/hoi-nghi-tong-ket/", "luu-tru/2024/", "tinh-thanh/dak-lak/"):
        html = page(built, url)
        thumbs = [
            i for i in imgs(html).imgs if "thumb-" in i["src"] or "thumb-" in i.get("srcset", "")
        ]
        assert thumbs, url
        for t in thumbs:
            assert t["width"] and t["height"] and t["alt"], (url, t)
    related = page(built, "tin-tuc/2024/bai-khac/").split('class="kc-related"', 1)[1]
    assert "thumb-360x240.webp" in related


def test_sharing_image_and_json_ld(built):
    html = page(built, URL)
    og = dict(re.findall(r'<meta property="(og:image[^"]*)" content="([^"]*)"', html))
    assert og["og:image"].endswith("-share-1200x630.jpg")
    assert og["og:image:width"] == "1200" and og["og:image:height"] == "630"
    assert og["og:image:type"] == "image/jpeg"
    shared = built / "site" / og["og:image"].split("127.0.0.1:8000/", 1)[1]
    with Image.open(shared) as im:
        assert im.size == (1200, 630) and not im.getexif()
    ld = [
        json.loads(s)
        for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    news = next(d for d in ld if d["@type"] == "NewsArticle")
    assert news["image"] == [
        {"@type": "ImageObject", "url": og["og:image"], "width": 1200, "height": 630}
    ]
    # A page without a photo of its own shares the agency's picture.
    home = page(built, "tinh-thanh/")
    assert re.search(
        r'og:image" content="[^"]*anh-chia-se-mau-[0-9a-f]{12}-share-1200x630\.jpg"', home
    )


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_rebuilds_are_byte_identical_and_reuse_the_cache(built):
    site = built / "site"
    before = _digest(site)
    cache = built / ".cache/khuyencong/images"
    manifests = {p: p.stat().st_mtime_ns for p in cache.rglob("*.json") if "/m/" in p.as_posix()}
    assert manifests
    started = time.monotonic()
    result = run_mkdocs(built, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    assert _digest(site) == before
    # No photo was processed again: every cache entry is untouched.
    assert {p: p.stat().st_mtime_ns for p in manifests} == manifests
    assert time.monotonic() - started < 600  # (a guard against hangs, not a speed test)


def test_a_changed_photo_gets_new_files(tmp_path, camera):
    root = _site(tmp_path / "p", camera)
    assert run_mkdocs(root, "build", "--site-dir", "site").returncode == 0
    first = {p.name for p in (root / "site/tin-tuc/2024/anh").iterdir()}
    (root / "content/tin-tuc/2024/anh/khac.jpg").write_bytes(
        photos.camera_jpeg(size=(1800, 1200), seed=9)
    )
    assert run_mkdocs(root, "build", "--site-dir", "site").returncode == 0
    second = {p.name for p in (root / "site/tin-tuc/2024/anh").iterdir()}
    changed = {n for n in first ^ second}
    assert changed and all(n.startswith("khac-") for n in changed)


def test_a_broken_photo_is_an_error_with_its_name(tmp_path, camera):
    root = _site(tmp_path / "p", camera)
    (root / "content/tin-tuc/2024/anh/khac.jpg").write_bytes(camera[: len(camera) // 3])
    result = run_mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert result.returncode == 1
    assert "tin-tuc/2024/anh/khac.jpg" in result.stderr and "Traceback" not in result.stderr
    from tests.test_hardening import HAS_CLI, khuyencong

    if HAS_CLI:
        checked = khuyencong("check", cwd=root)
        assert checked.returncode == 1
        assert "content/tin-tuc/2024/bai-khac.md:7: trường 'image':" in checked.stdout
        assert "khac.jpg" in checked.stdout


def test_check_advises_about_small_and_heavy_photos(tmp_path, camera):
    from tests.test_hardening import HAS_CLI, khuyencong

    if not HAS_CLI:
        pytest.skip("chưa cài gói")
    heavy = photos.camera_jpeg(size=(5000, 3750), seed=2, quality=98)
    assert len(heavy) > 5_000_000
    root = _site(tmp_path / "p", camera)
    folder = root / "content/tin-tuc/2024/anh"
    (folder / "khac.jpg").write_bytes(photos.tiny_jpeg())
    (folder / "toan-canh.jpg").write_bytes(heavy)
    result = khuyencong("check", cwd=root)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    small = [ln for ln in lines if "content/tin-tuc/2024/bai-khac.md:7: trường 'image'" in ln]
    assert small and "chỉ rộng 200 px" in small[0] and "1520 px" in small[0]
    big = [ln for ln in lines if "hoi-nghi.md:7: trường 'image'" in ln and " MB, quá 5,0 MB" in ln]
    assert big, lines
    assert run_mkdocs(root, "build", "--strict", "--site-dir", "site").returncode == 0


def test_a_new_photo_while_serving_is_processed_alone(tmp_path, camera):
    root = _site(tmp_path / "p", camera)
    server = MkDocsServe(root)
    base = server.base
    try:
        assert wait_for(lambda: get(base + URL)[0] == 200, timeout=120)
        cache = root / ".cache/khuyencong/images"
        manifests = {
            p: p.stat().st_mtime_ns for p in cache.rglob("*.json") if "/m/" in p.as_posix()
        }
        folder = root / "content/tin-tuc/2024/anh"
        (folder / "moi.jpg").write_bytes(photos.camera_jpeg(size=(1600, 1200), seed=11))
        (root / "content/tin-tuc/2024/moi.md").write_text(
            article(title="Bài mới có ảnh", image="anh/moi.jpg"), encoding="utf-8"
        )
        assert wait_for(lambda: "moi-" in get(base + "tin-tuc/2024/moi/")[1], timeout=120)
        html = get(base + "tin-tuc/2024/moi/")[1]
        assert re.search(r'src="[^"]*moi-[0-9a-f]{12}-800w\.webp"', html)
        # The others were not processed again.
        assert {p: p.stat().st_mtime_ns for p in manifests} == manifests
    finally:
        output = server.stop()
    assert "Traceback" not in output


def test_a_phone_downloads_at_most_250_kb_of_images(browser, built, serve_dir):
    """A 375 px phone at 2× opening an article whose photo is a 4000×3000 camera JPEG (the
    body holds two more photos, loaded lazily as the reader scrolls)."""
    base = serve_dir(built / "site")
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response):
        if response.request.resource_type == "image":
            try:
                sizes[response.url] = len(response.body())
            except Exception:  # noqa: BLE001 - a response without a body
                sizes[response.url] = 0

    page.on("response", record)
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => {"
        " if (!e.hadRecentInput) window.__shift += e.value; })).observe("
        "{type: 'layout-shift', buffered: true});"
    )
    try:
        page.goto(base + URL)
        page.wait_for_load_state("networkidle")
        lead = page.locator(".kc-photo--lead img")
        assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
        box = lead.bounding_box()
        assert box and box["width"] >= 300 and box["y"] < 667 * 2  # within the first two screens
        assert lead.evaluate("img => img.currentSrc").endswith("-800w.webp")
        total = sum(sizes.values())
        assert total <= 250_000, sizes
        assert page.evaluate("window.__shift") < 0.01
    finally:
        context.close()
