"""Test photos made with Pillow at test time: no binary fixtures in the repository.

Every maker is deterministic (seeded) and returns the file's bytes; ``write_all`` writes the
whole set into a folder. The lead's build, browser and benchmark tests can reuse them:

* ``camera_jpeg``     4000×3000 camera-like JPEG (6–9 MB): EXIF with orientation, camera model,
                      date and GPS position, XMP, a JPEG comment and an ICC profile.
* ``oriented_jpeg``   a landscape-stored photo with EXIF orientation 6 or 8 (shows as portrait),
                      with a red marker in the stored top-left corner to check the rotation.
* ``swapped_icc``     an RGB ICC profile whose red and blue primaries are swapped, so a colour
                      managed conversion to sRGB is visible (red pixels become blue).
* ``png16``           16-bit PNG (grey or RGB) written by hand, as Pillow cannot save 16-bit RGB.
* ``png_header_only`` a PNG header claiming any size with no pixel data (a decompression bomb).
* ``svg_with_script`` an SVG carrying scripts, event handlers, foreignObject and hostile links.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# ----------------------------------------------------------------------- raw material


def _noise(size: tuple[int, int], seed: int, mode: str = "L") -> Image.Image:
    """Uniform random noise (seeded; Pillow's effect_noise is not)."""
    bands = len(mode)
    data = random.Random(seed).randbytes(size[0] * size[1] * bands)
    return Image.frombytes(mode, size, data)


def scene(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A photo-like RGB picture: sky and ground gradients, buildings and people, texture at
    several scales (large blobs, foliage-sized detail, sensor grain), like a real camera frame."""
    w, h = size
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((w, h))
    base = Image.merge(
        "RGB",
        (
            sky.point(lambda v: 90 + v // 3),
            sky.point(lambda v: 120 + v // 4),
            sky.point(lambda v: 200 - v // 3),
        ),
    )
    draw = ImageDraw.Draw(base)
    horizon = int(h * 0.55)
    draw.rectangle((0, horizon, w, h), fill=(96, 110, 70))
    for _ in range(14):  # buildings
        x0 = rng.randrange(0, w)
        bw = rng.randrange(w // 20, w // 6)
        top = horizon - rng.randrange(h // 10, h // 3)
        colour = tuple(rng.randrange(60, 220) for _ in range(3))
        draw.rectangle((x0, top, x0 + bw, horizon + h // 20), fill=colour)
        for wy in range(top + h // 60, horizon, max(4, h // 40)):  # windows
            for wx in range(x0 + bw // 10, x0 + bw - bw // 10, max(4, w // 120)):
                draw.rectangle(
                    (wx, wy, wx + max(1, w // 300), wy + max(1, h // 150)), fill=(40, 40, 50)
                )
    for _ in range(40):  # people
        px = rng.randrange(0, w)
        py = rng.randrange(horizon, h)
        s = max(2, h // 30)
        colour = tuple(rng.randrange(0, 255) for _ in range(3))
        draw.ellipse((px - s // 3, py - s, px + s // 3, py - s // 3), fill=(200, 160, 130))
        draw.rectangle((px - s // 2, py - s // 3, px + s // 2, py + s), fill=colour)
    blobs = _noise((max(1, w // 16), max(1, h // 16)), seed + 1, "RGB").resize(size, Image.BICUBIC)
    foliage = _noise((max(1, w // 4), max(1, h // 4)), seed + 2, "RGB").resize(size, Image.BICUBIC)
    grain = _noise(size, seed + 3, "RGB")
    out = Image.blend(base, blobs, 0.18)
    out = Image.blend(out, foliage, 0.16)
    out = Image.blend(out, grain, 0.07)
    return out.filter(ImageFilter.UnsharpMask(radius=2, percent=60, threshold=2))


# ------------------------------------------------------------------------ ICC profile


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _icc(description: str, red, green, blue, gamma: float = 2.2) -> bytes:
    """A minimal ICC v2 display profile (matrix + gamma curves)."""

    def xyz(v) -> bytes:
        return b"XYZ " + bytes(4) + b"".join(_s15(c) for c in v)

    desc_ascii = description.encode("ascii") + b"\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(desc_ascii)) + desc_ascii
    desc += bytes(4) + bytes(4) + bytes(2) + bytes(1) + bytes(67)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    tags = [
        (b"desc", desc),
        (b"cprt", b"text" + bytes(4) + b"No copyright\0"),
        (b"wtpt", xyz((0.9642, 1.0, 0.8249))),
        (b"rXYZ", xyz(red)),
        (b"gXYZ", xyz(green)),
        (b"bXYZ", xyz(blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table = struct.pack(">I", len(tags))
    body = b""
    for sig, data in tags:
        data += bytes(-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ "
    header += struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + bytes(24)
    header += struct.pack(">I", 0) + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + bytes(4)
    header += bytes(128 - len(header))
    assert len(header) == 128
    return header + table + body


# sRGB primaries adapted to D50, as in the ICC sRGB profile.
_SRGB_R = (0.4361, 0.2225, 0.0139)
_SRGB_G = (0.3851, 0.7169, 0.0971)
_SRGB_B = (0.1431, 0.0606, 0.7141)


def swapped_icc() -> bytes:
    """An RGB profile whose first channel is sRGB blue and third is sRGB red."""
    return _icc("Swapped primaries test", _SRGB_B, _SRGB_G, _SRGB_R)


def srgb_like_icc() -> bytes:
    """A hand-made sRGB-like profile (as cameras embed), for the camera photo."""
    return _icc("Camera RGB test", _SRGB_R, _SRGB_G, _SRGB_B)


# ------------------------------------------------------------------------ metadata

XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Nguyen Van A"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
COMMENT = b"SECRET-COMMENT nguoi chup: Nguyen Van A"
CAMERA_MODEL = "TEST-CAMERA X100"


def camera_exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "TESTMAKER"  # Make
    exif[0x0110] = CAMERA_MODEL  # Model
    exif[0x0112] = orientation
    exif[0x0131] = "Firmware 1.0"  # Software
    exif[0x0132] = "2024:03:15 09:30:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 30.0)
    gps[3] = "E"
    gps[4] = (105.0, 51.0, 12.0)
    return exif.tobytes()


def _save_jpeg(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


# ------------------------------------------------------------------------ the photos


def camera_jpeg(size=(4000, 3000), seed: int = 1, quality: int = 95) -> bytes:
    """A camera-sized JPEG with every kind of metadata a camera or phone leaves in it."""
    return _save_jpeg(
        scene(size, seed),
        quality=quality,
        subsampling="4:2:2",  # as most cameras write
        exif=camera_exif(1),
        icc_profile=srgb_like_icc(),
        xmp=XMP,
        comment=COMMENT,
    )


MARKER = (255, 0, 0)


def oriented_jpeg(orientation: int, stored=(1200, 900), seed: int = 7) -> bytes:
    """Stored landscape with a red block in the stored top-left corner; EXIF says rotate."""
    im = scene(stored, seed)
    ImageDraw.Draw(im).rectangle((0, 0, stored[0] // 6, stored[1] // 6), fill=MARKER)
    # A phone photo: EXIF, XMP and a comment, but no ICC profile (nothing to convert).
    return _save_jpeg(im, quality=90, exif=camera_exif(orientation), xmp=XMP, comment=COMMENT)


def swapped_icc_jpeg(size=(600, 400)) -> bytes:
    """Pure red in a profile where the first channel means blue: correct output is blue."""
    return _save_jpeg(Image.new("RGB", size, (255, 0, 0)), quality=95, icc_profile=swapped_icc())


def cmyk_jpeg(size=(800, 600)) -> bytes:
    im = scene(size, 11).convert("CMYK")
    return _save_jpeg(im, quality=90)


def alpha_png(size=(900, 600)) -> bytes:
    """A logo-like picture on a transparent background, with a tEXt chunk."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.ellipse(
        (size[0] // 4, size[1] // 6, size[0] * 3 // 4, size[1] * 5 // 6), fill=(200, 30, 40, 255)
    )
    draw.rectangle((10, 10, size[0] // 5, size[1] // 5), fill=(20, 90, 200, 128))
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Author", "Nguyen Van A")
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=meta)
    return buf.getvalue()


def palette_gif(size=(320, 240)) -> bytes:
    im = scene(size, 5).convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    buf = io.BytesIO()
    im.save(buf, "GIF")
    return buf.getvalue()


def animated_gif(size=(160, 120), frames: int = 4) -> bytes:
    pics = [Image.new("P", size, i * 40) for i in range(frames)]
    for i, p in enumerate(pics):
        p.putpalette([c for k in range(256) for c in (k, 255 - k, (k * 7) % 256)])
        ImageDraw.Draw(p).rectangle((i * 20, 10, i * 20 + 30, 40), fill=200)
    buf = io.BytesIO()
    pics[0].save(buf, "GIF", save_all=True, append_images=pics[1:], duration=100, loop=0)
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png16(size=(300, 200), colour: bool = True) -> bytes:
    """A 16-bit PNG: a horizontal ramp 0..65535 (grey, or in the red channel with G, B fixed)."""
    w, h = size
    rows = []
    for _ in range(h):
        row = bytearray(b"\0")  # filter type 0
        for x in range(w):
            v = x * 65535 // (w - 1)
            row += struct.pack(">HHH", v, 0x8000, 0x4000) if colour else struct.pack(">H", v)
        rows.append(bytes(row))
    ihdr = struct.pack(">IIBBBBB", w, h, 16, 2 if colour else 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + _png_chunk(b"IEND", b"")
    )


def png_header_only(size: tuple[int, int]) -> bytes:
    """A PNG that claims ``size`` (e.g. 30000×30000) but holds almost nothing: a bomb's header."""
    ihdr = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(bytes(1000)))
        + _png_chunk(b"IEND", b"")
    )


def tiny_jpeg(size=(200, 150)) -> bytes:
    return _save_jpeg(scene(size, 3), quality=88)


def panorama_jpeg(size=(8000, 1000)) -> bytes:
    return _save_jpeg(scene(size, 4), quality=85, exif=camera_exif(1))


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


SVG_WITH_SCRIPT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- made by a tool; comment must go -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="120mm" height="80mm" viewBox="0 0 120 80" onload="alert(1)" inkscape:version="1.0">
  <script type="text/javascript">alert('x')</script>
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">Nguyen Van A</rdf:RDF></metadata>
  <title>Biểu đồ sản lượng</title>
  <style>@import url(https://evil.example/x.css); .a { fill: url(https://evil.example/p.svg#g); stroke: url(#grad) }</style>
  <defs><linearGradient id="grad"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <g ONCLICK="steal()" style="fill: red; background: url(javascript:alert(1)); stroke: blue">
    <rect class="a" x="1" y="1" width="50" height="30" fill="url(#grad)" onmouseover="x()"/>
    <a href="javascript:alert(1)"><text x="5" y="60">Sản lượng &amp; doanh thu</text></a>
    <a xlink:href="https://example.com/"><circle cx="90" cy="40" r="10"/></a>
    <use href="#grad"/>
    <use xlink:href="https://evil.example/sprite.svg#icon"/>
    <image href="https://evil.example/track.png" width="10" height="10"/>
    <image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>
    <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="10" height="10"/>
    <set attributeName="href" to="javascript:alert(1)"/>
    <animate attributeName="x" from="1" to="5" dur="1s"/>
  </g>
  <foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"></iframe></div></foreignObject>
  <inkscape:namedview/>
  <handler type="application/ecmascript">alert(2)</handler>
</svg>
"""

SVG_BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&d;&d;&d;&d;&d;&d;</text></svg>
"""

SVG_EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
"""


def write_all(folder: Path, big: bool = True) -> dict[str, Path]:
    """Write the whole set into ``folder``; returns name -> path. ``big=False`` skips the
    4000×3000 camera photo (the slowest to make)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "chan-dung-6.jpg": oriented_jpeg(6),
        "chan-dung-8.jpg": oriented_jpeg(8),
        "icc-dao-mau.jpg": swapped_icc_jpeg(),
        "cmyk.jpg": cmyk_jpeg(),
        "logo-trong-suot.png": alpha_png(),
        "bang-mau.gif": palette_gif(),
        "dong.gif": animated_gif(),
        "xam-16bit.png": png16(colour=False),
        "mau-16bit.png": png16(colour=True),
        "bom.png": png_header_only((30000, 30000)),
        "anh-nho.jpg": tiny_jpeg(),
        "toan-canh.jpg": panorama_jpeg(),
        "khong-phai-anh.jpg": "Đây là văn bản, không phải ảnh.\n".encode(),
        "bieu-do.svg": SVG_WITH_SCRIPT.encode(),
    }
    if big:
        files["may-anh.jpg"] = camera_jpeg()
        files["cat-cut.jpg"] = truncated(files["may-anh.jpg"])
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths
