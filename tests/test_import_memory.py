"""A very large saved page (tens of megabytes: inline scripts, photos embedded as data: URIs,
long sidebars) is read as a stream: memory follows the text and photos kept, not the page.

The test runs at a small size. The figures for a 50 MB page (peak memory traced by
tracemalloc, and time) come from:

    python -m tests.test_import_memory 50

which writes the page to a temporary folder, imports it and prints what it measured. (The
importer before issue 15 built the whole page as a list of events: about 3 GB for 50 MB.)
"""

from __future__ import annotations

import base64
import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from site_plugins.importer import import_file, import_paths
from site_plugins.vocab import load_vocabulary

VOCAB = load_vocabulary()
MB = 1 << 20


def _photo_uri(n: int, size: int) -> str:
    """A data: URI of a JPEG of about ``size`` bytes (a small image padded with a comment
    segment, as cameras and editors write EXIF)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 24), (n * 37 % 256, 90, 160)).save(out, "JPEG")
    data = out.getvalue()
    padding = b"\xff\xfe" + (min(size, 65533) + 2).to_bytes(2, "big") + b"x" * min(size, 65533)
    data = data[:2] + padding * max(1, size // 65535) + data[2:]
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def write_big_page(path: Path, megabytes: float) -> None:
    """A saved page of about ``megabytes``, as "save as a single file" tools write them:
    45 % inline scripts, 50 % photos embedded in the article (data: URIs), the rest
    sidebars of links; the article itself is short."""
    target = int(megabytes * MB)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            "<title>Sở Công Thương Quảng Trị</title>"
        )
        # Scripts of 64 KB, as analytics and sliders inline them.
        script = "<script>" + "var x = 'Quảng cáo khuyến công';\n" * 2000 + "</script>\n"
        for _ in range(int(0.45 * target) // len(script.encode())):
            out.write(script)
        out.write(
            "</head><body><div class='menu'><a href='/'>Trang chủ</a></div><div class='detail'>"
            "<h1 class='title'>Hội chợ hàng công nghiệp nông thôn tiêu biểu tỉnh Quảng Trị "
            "năm 2024</h1><div class='date'>Thứ Sáu, 15/11/2024 08:30</div>"
            "<p>Ngày 14/11/2024, Sở Công Thương tỉnh Quảng Trị khai mạc Hội chợ hàng công nghiệp "
            "nông thôn tiêu biểu năm 2024 với 150 gian hàng.</p>"
        )
        photos = max(1, int(0.5 * target) // (2 * MB))
        for n in range(photos):
            out.write(f"<p><img src='{_photo_uri(n, int(1.4 * MB))}'></p>")
            out.write(f"<p><em>Gian hàng số {n + 1} tại hội chợ</em></p>")
        out.write(
            "<p>Hội chợ diễn ra đến hết ngày 18/11/2024 tại thành phố Đông Hà.</p>"
            "<p>MINH CHÂU</p></div><div class='sidebar'>"
        )
        link = "<li><a href='/tin/123'>Tập huấn khởi sự doanh nghiệp cho cơ sở CNNT</a></li>\n"
        out.flush()
        for _ in range(max(0, (target - path.stat().st_size)) // len(link.encode())):
            out.write(link)
        out.write("</div></body></html>")


def measure(megabytes: float) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "trang-lon.html"
        write_big_page(page, megabytes)
        size = page.stat().st_size
        tracemalloc.start()
        started = time.perf_counter()
        report = import_paths([page], Path(folder) / "tin-tuc", VOCAB)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "size": size,
            "peak": peak,
            "seconds": seconds,
            "imported": len(report.imported),
            "photos": report.photos_copied,
            "failed": report.failed,
        }


def test_a_large_page_is_read_as_a_stream(tmp_path):
    page = tmp_path / "trang-lon.html"
    write_big_page(page, 3)
    assert page.stat().st_size > 2.5 * MB
    imported = import_file(page, VOCAB)
    assert imported.fields["title"] == (
        "Hội chợ hàng công nghiệp nông thôn tiêu biểu tỉnh Quảng Trị năm 2024"
    )
    assert imported.fields["date"] == "2024-11-15T08:30:00+07:00"
    assert imported.fields["author"] == "Minh Châu"
    assert all(p.data is not None for p in imported.photos) and imported.photos
    assert "Quảng cáo" not in imported.text() and "Tập huấn khởi sự" not in imported.text()
    figures = measure(3)
    assert figures["imported"] == 1 and figures["photos"] == len(imported.photos)
    # Bounded: a few chunks of the page, the photo being decoded and the text kept (about
    # 15 MB whatever the page's size), where the list of events used to take 60 times the
    # page (180 MB here).
    assert figures["peak"] < 30 * MB


if __name__ == "__main__":
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 50
    f = measure(size)
    print(
        f"Page of {f['size'] / MB:.1f} MB: imported {f['imported']} article with "
        f"{f['photos']} embedded photos in {f['seconds']:.1f} s; peak memory traced "
        f"{f['peak'] / MB:.1f} MB ({f['peak'] / f['size']:.2f} × the page)."
        + (f" Failed: {f['failed']}" if f["failed"] else "")
    )
