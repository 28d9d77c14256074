"""The photo pipeline (site_plugins/images.py, site_plugins/svgclean.py) as pure functions.

Photos are made by tests/photos.py at test time; the 4000×3000 camera photo is made and
processed once per session.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat

from site_plugins import images, svgclean
from site_plugins.images import ImageCache, ImageError, Layout, Params, Probe
from tests import photos

ROOT = Path(__file__).resolve().parent.parent
NAME_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{12}(-[a-z0-9x-]+)?\.(webp|jpg|gif|svg|png)")
P = Params()


# ----------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def src(tmp_path_factory) -> dict[str, Path]:
    return photos.write_all(tmp_path_factory.mktemp("photos"))


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory) -> ImageCache:
    return ImageCache(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def camera(src, session_cache) -> images.ProcessedImage:
    return images.process(src["may-anh.jpg"], P, session_cache, label="may-anh.jpg")


def run(src, name, cache) -> images.ProcessedImage:
    return images.process(src[name], P, cache, label=name)


def opened(output: images.Output) -> Image.Image:
    im = Image.open(output.path)
    im.load()
    return im


def riff_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file (RIFF container)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    names, pos = [], 12
    while pos + 8 <= len(data):
        name, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        names.append(name)
        pos += 8 + size + (size & 1)
    return names


def jpeg_markers(data: bytes) -> list[int]:
    """The marker codes of a JPEG up to the start of scan."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return markers


# ------------------------------------------------------------------ camera photo


def test_camera_photo_is_realistic(src):
    data = src["may-anh.jpg"].read_bytes()
    assert 5 * images.MB < len(data) < 10 * images.MB
    im = Image.open(io.BytesIO(data))
    assert im.size == (4000, 3000)
    assert im.getexif().get_ifd(0x8825)  # GPS
    assert im.info.get("xmp") and im.info.get("icc_profile") and im.info.get("comment")


def test_camera_photo_outputs(camera):
    assert camera.probe.format == "JPEG"
    assert (camera.probe.width, camera.probe.height) == (4000, 3000)
    assert camera.probe.has_gps and not camera.probe.animated
    sizes = [(o.role, o.width, o.height, o.media_type) for o in camera.outputs]
    assert sizes == [
        ("width", 480, 360, "image/webp"),
        ("width", 800, 600, "image/webp"),
        ("width", 1200, 900, "image/webp"),
        ("width", 1600, 1200, "image/webp"),
        ("thumbnail", 360, 240, "image/webp"),
        ("thumbnail", 720, 480, "image/webp"),
        ("share", 1200, 630, "image/jpeg"),
    ]
    tag = camera.key[:12]
    for output in camera.outputs:
        assert NAME_RE.fullmatch(output.name), output.name
        assert output.name.startswith(f"may-anh-{tag}-")
        data = Path(output.path).read_bytes()
        assert len(data) == output.size
        assert hashlib.sha256(data).hexdigest() == output.sha256
        im = opened(output)
        assert im.size == (output.width, output.height)
        assert im.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[output.media_type]
        assert im.mode == "RGB"
    # Bigger widths cost more bytes; nothing comes near the 8.7 MB source.
    widths = camera.responsive
    assert [o.size for o in widths] == sorted(o.size for o in widths)
    assert widths[-1].size < 600_000


def test_phone_budget_375px_at_2x(camera):
    """The candidate a 375 px, 2× phone takes from srcset stays far below 250 KB."""
    attrs = images.article_attrs(camera, "/anh/", Layout())
    slot = 375 - 2 * Layout().gutter_px  # sizes: calc(100vw - 32px) below the column width
    assert f"calc(100vw - {2 * Layout().gutter_px}px)" in attrs.sizes
    need = slot * 2
    candidates = [(int(w[:-1]), url) for url, w in (c.split() for c in attrs.srcset.split(", "))]
    width, url = min((w, u) for w, u in candidates if w >= need)
    assert width == 800
    chosen = next(o for o in camera.outputs if url.endswith(o.name))
    thumb = camera.thumbnails[-1]
    print(f"\n375px@2x: {chosen.name} {chosen.size} B; 2x thumbnail {thumb.size} B")
    print("sizes:", {o.name.split("-", 3)[-1]: o.size for o in camera.outputs})
    assert chosen.size < 150_000
    assert chosen.size + thumb.size < 250_000


# ------------------------------------------------------------------------ metadata


def assert_no_metadata(output: images.Output) -> None:
    data = Path(output.path).read_bytes()
    im = opened(output)
    assert len(im.getexif()) == 0, output.name
    for key in ("exif", "xmp", "icc_profile", "comment", "Author", "XML:com.adobe.xmp"):
        assert key not in im.info, (output.name, key)
    for secret in (
        b"Exif",
        photos.CAMERA_MODEL.encode(),
        b"TESTMAKER",
        b"SECRET-COMMENT",
        b"xmpmeta",
        b"Nguyen Van A",
        b"Camera RGB test",
        b"Swapped primaries",
    ):
        assert secret not in data, (output.name, secret)
    if output.media_type == "image/webp":
        assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, riff_chunks(data)
    if output.media_type == "image/jpeg":
        # SOI, JFIF (APP0), tables, frame, scan: no APP1 (EXIF/XMP), APP2 (ICC), COM, APP13.
        allowed = {0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDA, 0xDD}
        assert set(jpeg_markers(data)) <= allowed, [hex(m) for m in jpeg_markers(data)]


@pytest.mark.parametrize(
    "name", ["chan-dung-6.jpg", "icc-dao-mau.jpg", "logo-trong-suot.png", "toan-canh.jpg"]
)
def test_metadata_stripped(src, name, session_cache):
    for output in run(src, name, session_cache).outputs:
        assert_no_metadata(output)


def test_camera_metadata_stripped(camera):
    for output in camera.outputs:
        assert_no_metadata(output)


# ------------------------------------------------------------------- orientation


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 180 and g < 90 and b < 90


@pytest.mark.parametrize(
    ("name", "corner"),
    [
        # Orientation 6: turn 90° clockwise to show, so the stored top-left goes to the top-right.
        ("chan-dung-6.jpg", "top-right"),
        # Orientation 8: turn 90° anticlockwise, so the stored top-left goes to the bottom-left.
        ("chan-dung-8.jpg", "bottom-left"),
    ],
)
def test_orientation_applied(src, name, corner, session_cache):
    result = run(src, name, session_cache)
    assert (result.probe.width, result.probe.height) == (900, 1200)
    assert result.probe.orientation in (6, 8)
    for output in result.responsive:
        assert output.height > output.width
    im = opened(result.responsive[-1]).convert("RGB")
    w, h = im.size
    points = {
        "top-left": (5, 5),
        "top-right": (w - 6, 5),
        "bottom-left": (5, h - 6),
        "bottom-right": (w - 6, h - 6),
    }
    for where, xy in points.items():
        assert is_red(im.getpixel(xy)) == (where == corner), (where, im.getpixel(xy))


# ------------------------------------------------------------------------ colour


def test_icc_profile_converted_to_srgb(src, session_cache):
    """Red pixels in a profile whose first channel is blue must come out blue."""
    for output in run(src, "icc-dao-mau.jpg", session_cache).outputs:
        r, g, b = opened(output).convert("RGB").getpixel((10, 10))
        assert b > 200 and r < 60 and g < 60, (output.name, (r, g, b))


def test_cmyk_jpeg_becomes_rgb(src, session_cache):
    result = run(src, "cmyk.jpg", session_cache)
    reference = photos.scene((800, 600), 11)
    output = next(o for o in result.responsive if o.width == 800)
    im = opened(output)
    assert im.mode == "RGB"
    diff = [
        abs(a - b)
        for a, b in zip(ImageStat.Stat(im).mean, ImageStat.Stat(reference).mean, strict=True)
    ]
    assert max(diff) < 20, diff


@pytest.mark.parametrize("name", ["xam-16bit.png", "mau-16bit.png"])
def test_16_bit_png_is_scaled_not_clipped(src, name, session_cache):
    result = run(src, name, session_cache)
    im = opened(result.responsive[-1]).convert("RGB")
    w = im.width
    left, middle, right = (im.getpixel((x, 10)) for x in (1, w // 2, w - 2))
    assert left[0] < 10 and right[0] > 245 and 110 < middle[0] < 145, (left, middle, right)
    if name.startswith("mau"):
        assert 110 < middle[1] < 145 and 50 < middle[2] < 80  # G = 0x8000, B = 0x4000 of 16 bits


def test_alpha_kept_in_webp_flattened_in_jpeg(src, session_cache):
    result = run(src, "logo-trong-suot.png", session_cache)
    for output in result.responsive + result.thumbnails:
        im = opened(output)
        assert im.mode == "RGBA"
        assert im.getpixel((im.width - 2, im.height - 2))[3] == 0  # transparent corner
    share = opened(result.share)
    assert share.mode == "RGB"
    assert share.getpixel((share.width - 2, share.height - 2)) == (255, 255, 255)


@pytest.mark.parametrize(
    "mode",
    ["1", "L", "LA", "P", "PA", "RGBA-opaque", "I", "I;16"],
)
def test_unusual_modes(tmp_path, mode):
    base = photos.scene((320, 240), 9)
    if mode == "RGBA-opaque":
        im = base.convert("RGBA")
    elif mode == "PA":
        im = base.convert("P")
        im.info["transparency"] = 0
    elif mode == "I":
        im = base.convert("L").convert("I").point(lambda v: v * 1000)
    elif mode == "I;16":  # the full 16-bit range, as scanners write
        im = base.convert("L").convert("I").point(lambda v: v * 257).convert("I;16")
    else:
        im = base.convert(mode)
    path = tmp_path / ("a.tif" if mode == "I" else "a.png")  # PNG cannot hold 32-bit integers
    im.save(path)
    result = images.process(path, P, ImageCache(tmp_path / "c"), label=path.name)
    out = opened(result.responsive[0])
    assert out.mode in ("RGB", "RGBA")
    if mode == "RGBA-opaque":
        assert out.mode == "RGB"  # an alpha channel that hides nothing is dropped
    if mode in ("L", "I", "I;16"):
        assert ImageStat.Stat(out.convert("L")).stddev[0] > 10  # not flattened to one grey


def test_multi_picture_jpeg_mpo(tmp_path):
    """Many cameras write MPO (a JPEG with a preview frame): it is one still photo."""
    first, second = photos.scene((640, 480), 2), photos.scene((320, 240), 3)
    path = tmp_path / "mpo.jpg"
    first.save(path, "MPO", save_all=True, append_images=[second])
    assert Image.open(path).format == "MPO"
    result = images.process(path, P, ImageCache(tmp_path / "c"), label="mpo.jpg")
    assert result.probe.format == "MPO" and not result.probe.animated
    assert [o.width for o in result.responsive] == [480, 640]


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "WEBP"])
def test_other_raster_formats(tmp_path, fmt):
    path = tmp_path / f"a.{fmt.lower()}"
    photos.scene((500, 400), 4).save(path, fmt)
    result = images.process(path, P, ImageCache(tmp_path / "c"), label=path.name)
    assert result.probe.format == fmt
    assert [o.width for o in result.responsive] == [480, 500]


# ------------------------------------------------------------------------ plan


@pytest.mark.parametrize(
    "size",
    [
        (200, 150),
        (900, 1200),
        (8000, 1000),
        (1600, 1200),
        (1, 1),
        (10000, 10),
        (10, 10000),
        (1201, 631),
        (481, 2000),
    ],
)
def test_plan_never_upscales(size):
    probe = Probe("tin-tuc/anh.jpg", "JPEG", size[0], size[1], 1, "ab" * 32)
    specs = images.plan(probe, P)
    names = [s.name for s in specs]
    assert len(set(names)) == len(names)
    for spec in specs:
        assert NAME_RE.fullmatch(spec.name), spec.name
        assert 1 <= spec.width <= size[0] and 1 <= spec.height <= size[1], spec
    widths = [s for s in specs if s.role == "width"]
    assert [s.width for s in widths] == sorted({min(w, size[0]) for w in P.widths})
    for spec in widths:  # aspect kept (to rounding; at least one pixel)
        assert spec.height == max(1, round(size[1] * spec.width / size[0]))
    for spec in specs:
        if spec.role == "thumbnail" and spec.width >= 10 and spec.height >= 10:
            assert abs(spec.width / spec.height - 1.5) < 0.1, spec
        if spec.role == "share" and spec.width >= 100 and spec.height >= 100:
            assert abs(spec.width / spec.height - 1200 / 630) < 0.02, spec
    assert [s.role for s in specs].count("share") == 1


def test_plan_of_big_photo():
    specs = images.plan(Probe("x.jpg", "JPEG", 8000, 1000, 1, "cd" * 32), P)
    share = specs[-1]
    assert (share.role, share.width, share.height, share.crop) == ("share", 1200, 630, True)
    assert [(s.width, s.height) for s in specs if s.role == "thumbnail"] == [(360, 240), (720, 480)]


@pytest.mark.parametrize(
    ("label", "prefix"),
    [
        ("tin-tuc/2024/Ảnh Hội nghị Đắk Lắk (1).JPG", "anh-hoi-nghi-dak-lak-1-"),
        ("C:\\Ảnh\\Hoà Bình.jpeg", "hoa-binh-"),
        ("###.jpg", "anh-"),
        ("x" * 200 + ".jpg", "x" * 48 + "-"),
    ],
)
def test_names_are_safe_ascii(label, prefix):
    specs = images.plan(Probe(label, "JPEG", 2000, 1500, 1, "ef" * 32), P)
    for spec in specs:
        assert spec.name.isascii() and NAME_RE.fullmatch(spec.name), spec.name
        assert spec.name.startswith(prefix)


def test_cover_crop_follows_the_subject(tmp_path):
    """A busy subject at the left of a plain wide picture stays in the thumbnail."""
    im = Image.new("RGB", (2400, 400), (235, 235, 235))
    draw = ImageDraw.Draw(im)
    for x in range(0, 400, 20):
        for y in range(0, 400, 20):
            if (x + y) // 20 % 2:
                draw.rectangle((x, y, x + 19, y + 19), fill=(0, 0, 0))
    path = tmp_path / "left.png"
    im.save(path)
    result = images.process(path, P, ImageCache(tmp_path / "c"), label="left.png")
    thumb = opened(result.thumbnails[-1]).convert("L")
    left = ImageStat.Stat(thumb.crop((0, 0, thumb.width // 3, thumb.height))).stddev[0]
    assert left > 60  # the checkerboard
    # The same picture without a subject: centred.
    path2 = tmp_path / "plain.png"
    plain = Image.new("RGB", (2400, 400), (235, 235, 235))
    ImageDraw.Draw(plain).rectangle((0, 0, 1199, 399), fill=(20, 20, 20))
    plain.save(path2)
    result = images.process(path2, P, ImageCache(tmp_path / "c"), label="plain.png")
    thumb = opened(result.thumbnails[-1]).convert("L")
    # Half dark, half light: the crop is centred on the middle of the picture (the edge).
    assert (
        thumb.getpixel((thumb.width // 4, 10)) < 60
        and thumb.getpixel((thumb.width * 3 // 4, 10)) > 200
    )


# --------------------------------------------------------------- pass-through


@pytest.mark.parametrize(("name", "animated"), [("bang-mau.gif", False), ("dong.gif", True)])
def test_gif_passes_through_unchanged(src, name, animated, session_cache):
    result = run(src, name, session_cache)
    assert result.probe.format == "GIF" and result.probe.animated is animated
    assert [o.role for o in result.outputs] == ["original"]
    original = result.original
    assert Path(original.path).read_bytes() == src[name].read_bytes()
    assert original.name.endswith(".gif") and NAME_RE.fullmatch(original.name)
    attrs = images.article_attrs(result, "../")
    assert (attrs.src, attrs.srcset, attrs.media_type) == ("../" + original.name, "", "image/gif")
    assert (attrs.width, attrs.height) == (result.probe.width, result.probe.height)
    if animated:
        assert Image.open(original.path).n_frames == 4
    assert images.share_attrs(result, "https://x/").src == "https://x/" + original.name


def test_animated_webp_and_png_pass_through(tmp_path):
    frames = [Image.new("RGB", (100, 80), (i * 60, 0, 0)) for i in range(3)]
    for fmt in ("WEBP", "PNG"):
        path = tmp_path / f"dong.{fmt.lower()}"
        frames[0].save(path, fmt, save_all=True, append_images=frames[1:], duration=100)
        result = images.process(path, P, ImageCache(tmp_path / "c"), label=path.name)
        assert result.probe.animated
        assert Path(result.original.path).read_bytes() == path.read_bytes()


def test_svg_sanitised_through_pipeline(src, session_cache):
    result = run(src, "bieu-do.svg", session_cache)
    assert result.probe.format == "SVG"
    assert (result.probe.width, result.probe.height) == (454, 302)  # 120 mm × 80 mm at 96 dpi
    out = Path(result.original.path).read_bytes()
    text = out.decode("utf-8")
    for banned in (
        "<script",
        "alert",
        "onload",
        "onclick",
        "ONCLICK",
        "onmouseover",
        "foreignObject",
        "iframe",
        "javascript",
        "evil.example",
        "metadata",
        "Nguyen Van A",
        "inkscape",
        "<handler",
        "@import",
        "<!--",
        "<set",
    ):
        assert banned not in text, banned
    for kept in (
        "<title>Biểu đồ sản lượng</title>",
        'fill="url(#grad)"',
        "stroke: url(#grad)",
        "Sản lượng &amp; doanh thu",
        '<use href="#grad"/>',
        "data:image/png;base64",
        'attributeName="x"',
        'viewBox="0 0 120 80"',
    ):
        assert kept in text, kept
    root = ET.fromstring(out)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert images.share_attrs(result) is None  # sharing sites refuse SVG
    assert images.article_attrs(result).media_type == "image/svg+xml"


SVG_CASES = [
    # (source, must not appear, must appear)
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><a href=" java\tscript:x()"><text>t</text></a></svg>',
        "script",
        "<text>t</text>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect OnClIcK="x()" width="1"/></svg>',
        "x()",
        'width="1"',
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<use xlink:href="http://evil/x.svg#a"/><use xlink:href="#b"/></svg>',
        "evil",
        'xlink:href="#b"',
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml,&lt;svg onload=x()&gt;"/></svg>',
        "onload",
        "<image/>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>a{b:c}\\75 rl(http://evil)</style><g/></svg>',
        "evil",
        "<g/>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u\\72l(http://evil/)" /></svg>',
        "evil",
        "<rect/>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="background:image-set(\'http://evil/a.png\' 1x);fill:red"/></svg>',
        "evil",
        'style="fill:red"',
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(\'https://evil/p#x\')" stroke="red"/></svg>',
        "evil",
        'stroke="red"',
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="xlink:href" to="javascript:x()"/>'
        '<set attributeName="onclick" to="x()"/><animate attributeName="fill" values="url(http://evil);red"/>'
        '<animate attributeName="r" to="5"/></svg>',
        "x()",
        'attributeName="r"',
    ),
    (
        '<?xml-stylesheet href="http://evil/x.css"?><svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
        "evil",
        "<g/>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">'
        "hi</p></foreignObject><text>fallback</text></switch></svg>",
        "hi",
        "<text>fallback</text>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><svg:script xmlns:svg="http://www.w3.org/2000/svg">x()</svg:script></svg>',
        "x()",
        "<svg",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><text title="a&#10;b &quot;c&quot; &lt;d&gt;">x &lt; y</text></svg>',
        "<d>",
        'title="a&#10;b &quot;c&quot; &lt;d&gt;"',
    ),
    (
        "<svg><circle r='2'/></svg>",
        "ns0",
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>',
    ),
]


@pytest.mark.parametrize(("source", "banned", "kept"), SVG_CASES)
def test_svg_sanitiser_cases(source, banned, kept):
    out = svgclean.sanitise(source.encode()).data.decode()
    assert banned not in out, out
    assert kept in out, out
    ET.fromstring(out)  # still well-formed


@pytest.mark.parametrize(
    ("attrs", "size"),
    [
        ('width="100" height="50"', (100, 50)),
        ('width="2in" height="1in"', (192, 96)),
        ('width="100%" height="100%" viewBox="0 0 300 150"', (300, 150)),
        ('viewBox="0,0,40,30" width="80"', (80, 60)),
        ('height="10pt" viewBox="0 0 2 1"', (27, 13)),
        ("", (None, None)),
        ('width="50%"', (None, None)),
    ],
)
def test_svg_intrinsic_size(attrs, size):
    result = svgclean.sanitise(f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}/>'.encode())
    assert (result.width, result.height) == size


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (photos.SVG_BILLION_LAUGHS, "svg-entities", ["ENTITY", "dòng 3"]),
        (photos.SVG_EXTERNAL_ENTITY, "svg-entities", ["ENTITY"]),
        ('<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>', "svg-invalid", ["dòng 3"]),
        ("<html><body/></html>", "svg-not-svg", ["<html>"]),
        ('<svg xmlns="http://www.w3.org/2000/svg"><x:y/></svg>', "svg-invalid", ["dòng 1"]),
    ],
)
def test_svg_refused(tmp_path, text, code, words):
    path = tmp_path / "hinh.svg"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImageError) as info:
        images.process(path, P, ImageCache(tmp_path / "c"), label="bai/hinh.svg")
    problem = info.value.problem
    assert problem.code == code and problem.severity == "error"
    assert "'bai/hinh.svg'" in problem.message and problem.hint
    for word in words:
        assert word in problem.message
    assert not list((tmp_path / "c").rglob("*.svg"))


# ------------------------------------------------------------- broken files


def test_truncated_jpeg(src, tmp_path):
    cache = ImageCache(tmp_path / "c")
    with pytest.raises(ImageError) as info:
        images.process(src["cat-cut.jpg"], P, cache, label="tin-tuc/cat-cut.jpg")
    problem = info.value.problem
    assert problem.code == "unreadable"
    assert problem.message.startswith("Tệp ảnh 'tin-tuc/cat-cut.jpg' bị hỏng hoặc chưa chép hết")
    assert "Chép lại ảnh" in problem.hint
    assert problem.format().startswith("tin-tuc/cat-cut.jpg: Tệp ảnh")
    # The header alone looks fine; verify=True decodes and finds the damage.
    assert images.probe(src["cat-cut.jpg"]).width == 4000
    with pytest.raises(ImageError, match="chưa chép hết"):
        images.probe(src["cat-cut.jpg"], verify=True)
    assert not list(cache.root.rglob("*.json"))  # nothing cached for a broken file


@pytest.mark.parametrize(
    ("data", "label", "code", "words"),
    [
        ("Đây là văn bản.".encode(), "a.jpg", "not-image", ["không phải là ảnh"]),
        (b"<html><body>404</body></html>", "anh.png", "not-image", ["không phải là ảnh"]),
        (b"", "rong.jpg", "empty", ["rỗng"]),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "rac.jpg", "unreadable", ["bị hỏng"]),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "hong.png", "unreadable", ["bị hỏng"]),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "IMG_0001.HEIC",
            "unsupported",
            ["HEIC"],
        ),
        (
            b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n",
            "logo.eps",
            "unsupported",
            ["EPS"],
        ),
        (b"8BPS\x00\x01" + bytes(40), "a.psd", "unsupported", ["PSD"]),
        (b"%PDF-1.7\n", "a.pdf", "unsupported", ["PDF"]),
        (b"II*\x00" + bytes(100), "DSC_0001.NEF", "unsupported", ["RAW"]),
        (b"GIF89a\x10\x00", "cut.gif", "unreadable", ["bị hỏng"]),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "cut.webp", "unreadable", ["bị hỏng"]),
    ],
    ids=lambda v: v if isinstance(v, str) and v.isascii() and len(v) < 20 else None,
)
def test_broken_or_unsupported_files(tmp_path, data, label, code, words):
    path = tmp_path / "file"
    path.write_bytes(data)
    with pytest.raises(ImageError) as info:
        images.process(path, P, ImageCache(tmp_path / "c"), label=label)
    problem = info.value.problem
    assert problem.code == code, problem
    assert f"'{label}'" in problem.message and problem.hint and problem.severity == "error"
    for word in words:
        assert word in problem.message


def test_missing_file(tmp_path):
    with pytest.raises(ImageError) as info:
        images.process(tmp_path / "none.jpg", P, ImageCache(tmp_path / "c"), label="bai/none.jpg")
    assert info.value.problem.code == "missing"
    assert info.value.problem.message == "Không tìm thấy tệp ảnh 'bai/none.jpg'."


def test_decompression_bomb_header(src, tmp_path):
    """A 30000×30000 PNG header: refused before any pixel is decoded, in Vietnamese."""
    with pytest.raises(ImageError) as info:
        images.process(src["bom.png"], P, ImageCache(tmp_path / "c"), label="bom.png")
    problem = info.value.problem
    assert problem.code == "too-many-pixels"
    assert "900 triệu điểm ảnh" in problem.message and "'bom.png'" in problem.message


@pytest.mark.parametrize("limit", [10_000, 20_000, 29_999])
def test_pillow_pixel_limit_is_obeyed(src, tmp_path, monkeypatch, limit):
    """Image.MAX_IMAGE_PIXELS (the 200×150 photo has 30,000 pixels): Pillow's warning band
    (1× to 2× the limit) and its error band both become our error, never a traceback."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    with pytest.raises(ImageError) as info:
        images.process(src["anh-nho.jpg"], P, ImageCache(tmp_path / "c"), label="anh-nho.jpg")
    assert info.value.problem.code == "too-many-pixels"
    assert f"{limit / 1e6:.0f} triệu" in info.value.problem.message


# ----------------------------------------------------------------- determinism


def output_digests(result: images.ProcessedImage) -> list[tuple[str, str]]:
    return [(o.name, hashlib.sha256(Path(o.path).read_bytes()).hexdigest()) for o in result.outputs]


DETERMINISM = ["may-anh.jpg", "chan-dung-6.jpg", "logo-trong-suot.png", "bieu-do.svg", "cmyk.jpg"]


def test_deterministic_across_runs_and_processes(src, camera, tmp_path):
    first = {
        n: output_digests(camera if n == "may-anh.jpg" else run(src, n, ImageCache(tmp_path / "a")))
        for n in DETERMINISM
    }
    # A second run in this process, from an empty cache.
    second = {n: output_digests(run(src, n, ImageCache(tmp_path / "b"))) for n in DETERMINISM[1:]}
    assert second == {n: first[n] for n in DETERMINISM[1:]}
    # A third in a fresh Python process.
    script = (
        "import hashlib, json, sys\n"
        "from pathlib import Path\n"
        "from site_plugins import images\n"
        "cache = images.ImageCache(sys.argv[1])\n"
        "out = {}\n"
        "for arg in sys.argv[2:]:\n"
        "    p = Path(arg)\n"
        "    r = images.process(p, images.Params(), cache, label=p.name)\n"
        "    out[p.name] = [(o.name, hashlib.sha256(Path(o.path).read_bytes()).hexdigest()) for o in r.outputs]\n"
        "print(json.dumps(out))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="123")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "p"), *(str(src[n]) for n in DETERMINISM)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    third = {k: [tuple(x) for x in v] for k, v in json.loads(proc.stdout).items()}
    assert third == first


# ----------------------------------------------------------------------- cache


class DecodeSpy:
    """Counts Image.open calls (every decode starts with one)."""

    def __init__(self, monkeypatch):
        self.calls = 0
        real = Image.open

        def spy(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(Image, "open", spy)


def test_cache_hit_costs_no_decoding(src, camera, session_cache, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("decoded on a cache hit")

    monkeypatch.setattr(Image, "open", forbidden)
    monkeypatch.setattr(Image.Image, "load", forbidden)
    again = images.process(src["may-anh.jpg"], P, session_cache, label="may-anh.jpg")
    assert again == camera
    # Batch hits are answered in this process: no worker is started.
    monkeypatch.setattr(images, "_job", forbidden)
    batch = images.process_many([src["may-anh.jpg"]], P, session_cache, workers=2)
    assert batch == {
        str(src["may-anh.jpg"]): replace(
            camera, probe=replace(camera.probe, path=str(src["may-anh.jpg"]))
        )
    }


def test_cache_invalidation(src, tmp_path, monkeypatch):
    cache = ImageCache(tmp_path / "c")
    path = tmp_path / "anh.jpg"
    path.write_bytes(src["anh-nho.jpg"].read_bytes())
    spy = DecodeSpy(monkeypatch)
    first = images.process(path, P, cache, label="anh.jpg")
    opens = spy.calls
    assert opens >= 1
    assert images.process(path, P, cache, label="anh.jpg") == first
    assert spy.calls == opens  # hit
    # Changed source (same name): new key, new names.
    path.write_bytes(photos.tiny_jpeg((210, 150)))
    changed = images.process(path, P, cache, label="anh.jpg")
    assert spy.calls > opens and changed.key != first.key
    assert not {o.name for o in changed.outputs} & {o.name for o in first.outputs}
    # Changed parameters: new key and names; quality shows in the bytes.
    path.write_bytes(src["anh-nho.jpg"].read_bytes())
    low = images.process(path, Params(webp_quality=40), cache, label="anh.jpg")
    assert low.key != first.key
    assert low.responsive[0].size < first.responsive[0].size
    # Same bytes under another name: its own key (the name is in the output names).
    other = images.process(path, P, cache, label="khac.jpg")
    assert other.key != first.key and other.outputs[0].name.startswith("khac-")
    # A new Pillow/codec or pipeline version: new keys.
    monkeypatch.setattr(images, "_codec_versions", lambda: '{"pillow": "99"}')
    assert images.cache_key(first.probe.sha256, "anh.jpg", P) != first.key
    monkeypatch.undo()
    monkeypatch.setattr(images, "FORMAT_VERSION", images.FORMAT_VERSION + 1)
    assert images.cache_key(first.probe.sha256, "anh.jpg", P) != first.key


def _manifest(cache: ImageCache, key: str) -> Path:
    return cache.base / "m" / key[:2] / f"{key}.json"


def _tamper_manifest_garbage(cache, result, other):
    _manifest(cache, result.key).write_bytes(b"\x00\xffnot json")


def _tamper_manifest_foreign(cache, result, other):
    # Another source's valid manifest under this key: detected by the key inside.
    _manifest(cache, result.key).write_bytes(_manifest(cache, other.key).read_bytes())


def _tamper_manifest_magic(cache, result, other):
    doc = json.loads(_manifest(cache, result.key).read_text())
    doc["magic"] = "something-else"
    _manifest(cache, result.key).write_text(json.dumps(doc))


def _tamper_manifest_traversal(cache, result, other):
    doc = json.loads(_manifest(cache, result.key).read_text())
    doc["outputs"][0]["name"] = "../../../../etc/passwd"
    _manifest(cache, result.key).write_text(json.dumps(doc))


def _tamper_output_flipped(cache, result, other):
    path = Path(result.outputs[0].path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _tamper_output_truncated(cache, result, other):
    path = Path(result.outputs[-1].path)
    path.write_bytes(path.read_bytes()[:100])


def _tamper_output_deleted(cache, result, other):
    Path(result.outputs[1].path).unlink()


def _tamper_output_swapped(cache, result, other):
    # Same size is not enough: the content hash is checked.
    a, b = Path(result.outputs[0].path), Path(other.outputs[0].path)
    data = b.read_bytes()[: a.stat().st_size].ljust(a.stat().st_size, b"\0")
    a.write_bytes(data)


@pytest.mark.parametrize(
    "tamper",
    [
        _tamper_manifest_garbage,
        _tamper_manifest_foreign,
        _tamper_manifest_magic,
        _tamper_manifest_traversal,
        _tamper_output_flipped,
        _tamper_output_truncated,
        _tamper_output_deleted,
        _tamper_output_swapped,
    ],
)
def test_corrupt_cache_is_ignored_and_repaired(src, tmp_path, monkeypatch, tamper):
    cache = ImageCache(tmp_path / "c")
    good = run(src, "anh-nho.jpg", cache)
    other = run(src, "icc-dao-mau.jpg", cache)
    expected = output_digests(good)
    tamper(cache, good, other)
    cache = ImageCache(cache.root)  # the next build
    spy = DecodeSpy(monkeypatch)
    again = run(src, "anh-nho.jpg", cache)
    assert spy.calls >= 1  # not trusted: rendered again
    assert again == good and output_digests(again) == expected
    calls = spy.calls
    assert run(src, "anh-nho.jpg", cache) == good
    assert spy.calls == calls  # repaired: a hit again
    assert run(src, "icc-dao-mau.jpg", cache) == other


def _age(path: Path, seconds: float = 60) -> None:
    t = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(t, t))


def test_unchanged_sources_are_not_read_again(src, tmp_path, monkeypatch):
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("anh-nho.jpg", "icc-dao-mau.jpg"):
        (folder / name).write_bytes(src[name].read_bytes())
        _age(folder / name)
    (folder / "moi.jpg").write_bytes(src["anh-nho.jpg"].read_bytes())  # just written: racy
    names = ["anh-nho.jpg", "icc-dao-mau.jpg", "moi.jpg"]
    first = images.process_many(names, P, ImageCache(tmp_path / "c"), root=folder, workers=1)
    memo = json.loads((ImageCache(tmp_path / "c").base / "sources.json").read_text())["sources"]
    assert sorted(Path(p).name for p in memo) == ["anh-nho.jpg", "icc-dao-mau.jpg"]

    reads = []
    real_read = images._read
    monkeypatch.setattr(
        images, "_read", lambda p, label: reads.append(label) or real_read(p, label)
    )
    again = images.process_many(names, P, ImageCache(tmp_path / "c"), root=folder, workers=1)
    assert again == first and reads == ["moi.jpg"]  # a new build reads only the racy file

    # Same size, new bytes, new time: read, hashed and rendered again.
    reads.clear()
    data = bytearray((folder / "anh-nho.jpg").read_bytes())
    data[-3] ^= 0x01  # inside the entropy-coded data: still a JPEG of the same size
    (folder / "anh-nho.jpg").write_bytes(bytes(data))
    _age(folder / "anh-nho.jpg", 30)
    changed = images.process_many(names, P, ImageCache(tmp_path / "c"), root=folder, workers=1)
    assert "anh-nho.jpg" in reads and changed["anh-nho.jpg"].key != first["anh-nho.jpg"].key
    assert changed["icc-dao-mau.jpg"] == first["icc-dao-mau.jpg"]

    # A damaged memo is ignored: everything is hashed again, results unchanged.
    (ImageCache(tmp_path / "c").base / "sources.json").write_text('{"magic": 1, "sources": [')
    reads.clear()
    assert images.process_many(names, P, ImageCache(tmp_path / "c"), root=folder) == changed
    assert sorted(reads) == sorted(names)


def test_writes_are_atomic(src, tmp_path, monkeypatch):
    cache = ImageCache(tmp_path / "c")
    real_replace = os.replace
    count = {"n": 0}

    def failing_replace(a, b):
        count["n"] += 1
        if count["n"] == 3:
            raise OSError("disk full")
        return real_replace(a, b)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        run(src, "anh-nho.jpg", cache)
    monkeypatch.undo()
    files = [p for p in cache.root.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.startswith(".tmp-")]  # no temporary left behind
    assert not [p for p in files if p.suffix == ".json"]  # no manifest: nothing half-trusted
    result = run(src, "anh-nho.jpg", cache)
    assert run(src, "anh-nho.jpg", cache) == result
    assert not [p for p in cache.root.rglob(".tmp-*")]


def test_prune_and_publish(src, tmp_path):
    cache = ImageCache(tmp_path / "c")
    keep = run(src, "anh-nho.jpg", cache)
    run(src, "chan-dung-6.jpg", cache)
    old = cache.root / "v0" / "f"
    old.mkdir(parents=True)
    (old / "x.webp").write_bytes(b"old")
    removed = cache.prune([keep])
    assert removed == 1 + 1 + 6  # the old version's file, a manifest, six outputs
    assert not (cache.root / "v0").exists()
    assert sorted(p.name for p in (cache.base / "f").iterdir()) == sorted(
        o.name for o in keep.outputs
    )
    assert run(src, "anh-nho.jpg", cache) == keep
    written = images.publish(keep, tmp_path / "site" / "anh")
    assert [p.name for p in written] == [o.name for o in keep.outputs]
    assert all(
        p.read_bytes() == Path(o.path).read_bytes()
        for p, o in zip(written, keep.outputs, strict=True)
    )


# --------------------------------------------------------------------- parallel

BATCH = [
    "chan-dung-6.jpg",
    "chan-dung-8.jpg",
    "icc-dao-mau.jpg",
    "cmyk.jpg",
    "logo-trong-suot.png",
    "bang-mau.gif",
    "dong.gif",
    "xam-16bit.png",
    "anh-nho.jpg",
    "bieu-do.svg",
    "bom.png",
    "khong-phai-anh.jpg",
    "khong-co.jpg",
]


def summary(results):
    out = {}
    for label, r in results.items():
        if isinstance(r, images.ImageProblem):
            out[label] = ("problem", r)
        else:
            out[label] = ("ok", r.key, r.probe, output_digests(r))
    return out


def test_parallel_equals_serial(src, tmp_path):
    folder = src["anh-nho.jpg"].parent
    serial = images.process_many(BATCH, P, ImageCache(tmp_path / "s"), root=folder, workers=1)
    parallel = images.process_many(
        list(reversed(BATCH)) + BATCH[:3], P, ImageCache(tmp_path / "p"), root=folder, workers=2
    )
    assert list(serial) == sorted(BATCH) == list(parallel)
    assert summary(serial) == summary(parallel)
    assert serial["khong-co.jpg"].code == "missing"
    assert serial["bom.png"].code == "too-many-pixels"
    assert serial["khong-phai-anh.jpg"].code == "not-image"
    assert serial["chan-dung-6.jpg"].probe.path == "chan-dung-6.jpg"
    # The second build of the same sources is all hits and equal.
    again = images.process_many(BATCH, P, ImageCache(tmp_path / "p"), root=folder, workers=2)
    assert summary(again) == summary(serial)


def test_pool_without_fork(src, tmp_path, monkeypatch):
    """``mkdocs serve`` builds in a thread, where fork is unsafe: the pool then starts workers
    with forkserver/spawn, which import this module afresh. Same results."""
    monkeypatch.setattr(images.threading, "active_count", lambda: 2)
    assert images._mp_context().get_start_method() != "fork"
    folder = src["anh-nho.jpg"].parent
    names = ["anh-nho.jpg", "icc-dao-mau.jpg", "khong-phai-anh.jpg"]
    pooled = images.process_many(names, P, ImageCache(tmp_path / "a"), root=folder, workers=2)
    serial = images.process_many(names, P, ImageCache(tmp_path / "b"), root=folder, workers=1)
    assert summary(pooled) == summary(serial)


def test_params_from_config_lists():
    params = Params(widths=[480, 800], thumbnail_aspect=[4, 3])
    assert params == Params(widths=(480, 800), thumbnail_aspect=(4, 3)) and hash(params)
    for bad in (dict(widths=[]), dict(widths=[0]), dict(share_size=(1200,)), dict(widths=["800"])):
        with pytest.raises(ValueError):
            Params(**bad)


def test_pool_failure_falls_back_to_serial(src, tmp_path, monkeypatch):
    class NoPool:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes here")

    monkeypatch.setattr(images, "ProcessPoolExecutor", NoPool)
    folder = src["anh-nho.jpg"].parent
    names = ["anh-nho.jpg", "chan-dung-6.jpg", "khong-phai-anh.jpg"]
    results = images.process_many(names, P, ImageCache(tmp_path / "c"), root=folder, workers=2)
    assert results["anh-nho.jpg"].outputs and results["khong-phai-anh.jpg"].code == "not-image"


# ------------------------------------------------------------------------ advice


def advice(**kw):
    fields = dict(
        path="bai/anh.jpg", format="JPEG", width=3000, height=2000, size=900_000, sha256="0" * 64
    )
    fields.update(kw)
    return {a.code: a for a in images.advise(Probe(**fields), Layout())}


def test_advice_too_small():
    assert advice(width=1440) == {}
    found = advice(width=1439)["too-small"]
    assert found.severity == "warning" and found.path == "bai/anh.jpg"
    assert "'bai/anh.jpg' chỉ rộng 1439 px" in found.message and "1440 px" in found.message
    assert "720 px" in found.message and "2×" in found.message
    assert "1440 px" in found.hint
    # The threshold follows the layout: a 600 px column at 3×.
    small = images.advise(
        Probe("a.jpg", "JPEG", 1700, 1000, 1, "0" * 64), Layout(column_px=600, density=3)
    )
    assert [a.code for a in small] == ["too-small"] and "1800 px" in small[0].message
    # GIF and SVG are published as they are: no advice to replace them with a camera photo.
    assert advice(format="GIF", width=200) == {}
    assert advice(format="SVG", width=20, height=20) == {}


def test_advice_too_large_and_gps_and_svg_size():
    assert "too-large" not in advice(size=5_000_000)
    big = advice(size=8_665_990)["too-large"]
    assert "nặng 8,7 MB, quá 5,0 MB" in big.message and "2500 px" in big.hint
    gps = advice(has_gps=True)["gps"]
    assert "GPS" in gps.message and "'bai/anh.jpg'" in gps.message and gps.hint
    assert "svg-no-size" in advice(format="SVG", width=None, height=None)


def test_advice_for_real_files(camera, src, session_cache):
    assert set(a.code for a in images.advise(camera.probe)) == {"too-large", "gps"}
    tiny = run(src, "anh-nho.jpg", session_cache)
    assert [a.code for a in images.advise(tiny.probe)] == ["too-small"]


# ------------------------------------------------------------------------ markup


def test_article_and_thumbnail_attrs(camera):
    tag = f"may-anh-{camera.key[:12]}"
    attrs = images.article_attrs(camera, "../../anh/")
    assert attrs.srcset == ", ".join(
        f"../../anh/{tag}-{w}w.webp {w}w" for w in (480, 800, 1200, 1600)
    )
    assert attrs.sizes == "(max-width: 752px) calc(100vw - 32px), 720px"
    assert (attrs.src, attrs.width, attrs.height) == (f"../../anh/{tag}-800w.webp", 800, 600)
    assert attrs.media_type == "image/webp"
    thumb = images.thumbnail_attrs(camera, "/a/", Layout(thumbnail_px=240))
    assert thumb.srcset == f"/a/{tag}-thumb-360x240.webp 360w, /a/{tag}-thumb-720x480.webp 720w"
    assert thumb.sizes == "240px"
    assert (thumb.src, thumb.width, thumb.height) == (f"/a/{tag}-thumb-360x240.webp", 360, 240)
    share = images.share_attrs(camera, "https://example.org/anh/")
    assert share.src == f"https://example.org/anh/{tag}-share-1200x630.jpg"
    assert (share.width, share.height, share.media_type) == (1200, 630, "image/jpeg")
    wide = images.article_attrs(camera, "", Layout(column_px=1000))
    assert wide.src.endswith("-1200w.webp") and wide.width == 1200


def test_attrs_of_a_small_photo(src, session_cache):
    tiny = run(src, "anh-nho.jpg", session_cache)
    attrs = images.article_attrs(tiny)
    assert (attrs.srcset, attrs.sizes, attrs.width, attrs.height) == ("", "", 200, 150)
    thumb = images.thumbnail_attrs(tiny)
    assert (thumb.srcset, thumb.width, thumb.height) == ("", 200, 133)
