"""The photo pipeline: every image an article uses becomes small, private, cached web files.

Plain functions and frozen dataclasses on top of Pillow, with no MkDocs import; the plugin and
``khuyencong check`` call them:

* ``probe(path)``          what a file is (format, size after EXIF orientation, bytes, animated),
                           without decoding its pixels; ``ImageError`` (Vietnamese, names the
                           file) for a missing, empty, broken, unsupported or oversized file.
* ``plan(probe, params)``  the outputs one source gets, named before anything is rendered:
                           WebP at ``params.widths`` (never wider than the source), list
                           thumbnails (``thumbnail_aspect`` crop), a 1200×630 JPEG sharing image
                           for ``og:image``; SVG (sanitised) and GIF (and any animated image)
                           pass through as one ``original`` output.
* ``render(data, probe, specs, params)`` the bytes of each planned output: EXIF orientation
                           applied, colours converted to sRGB, every piece of metadata dropped
                           (EXIF, GPS, XMP, comments, ICC), deterministic.
* ``process(path, params, cache)`` probe + plan + render through the cache; ``process_many``
                           does a whole build on every core and returns results keyed by source.
* ``advise(probe, layout)`` warnings as data: too small to look sharp, too heavy for the
                           repository, GPS left in the source file.
* ``article_attrs`` / ``thumbnail_attrs`` / ``share_attrs``: ``src``, ``srcset``, ``sizes``,
                           ``width``, ``height`` for the templates (data, not HTML).
* ``publish`` copies a result's outputs into the site; ``ImageCache.prune`` drops what the last
                           full build did not use.

Output names are ``<slug of the source name>-<12 hex of the cache key>-<what>.<ext>``: ASCII,
deterministic, and a new name whenever the source bytes, the parameters, Pillow/codec versions
or ``FORMAT_VERSION`` change, so browsers and CDNs can cache them forever.

Cache (``ImageCache``): ``<root>/v<FORMAT_VERSION>/m/<key[:2]>/<key>.json`` manifests,
``<root>/v<FORMAT_VERSION>/f/<output name>`` files, and ``sources.json``: source digests by
(size, modification time, inode), so unchanged photos are not read and hashed again. The key is
the sha256 of the source bytes, the slug, ``Params``, the pipeline's ``FORMAT_VERSION`` and the
Pillow/libwebp/libjpeg/LittleCMS versions. A hit reads the manifest and checks every output's
size and sha256 (no decoding); any mismatch, unreadable JSON or foreign file is a miss and is
rewritten. Writes are atomic (temporary file + ``os.replace``), so parallel workers and
interrupted builds never leave a half-written entry that would be trusted.

Bump ``FORMAT_VERSION`` whenever a change here alters the bytes of an output.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import multiprocessing
import os
import re
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from pyexpat import EXPAT_VERSION

import PIL
from PIL import Image, ImageFilter, UnidentifiedImageError, features

from . import svgclean
from .text import slugify

__all__ = [
    "FORMAT_VERSION",
    "MB",
    "Params",
    "Layout",
    "Probe",
    "OutputSpec",
    "Output",
    "ProcessedImage",
    "ImageProblem",
    "ImageError",
    "ImageAttrs",
    "ImageCache",
    "probe",
    "probe_bytes",
    "plan",
    "render",
    "process",
    "process_many",
    "advise",
    "article_attrs",
    "thumbnail_attrs",
    "share_attrs",
    "publish",
    "cache_key",
]

FORMAT_VERSION = 1
MB = 1_000_000

# What Pillow may open. Anything else is refused before a decoder runs (Pillow's EPS plugin would
# start Ghostscript, for one). MPO is how Pillow names camera JPEGs that carry a preview frame.
# (AVIF only where this Pillow was built with it: ``_raster_formats`` keeps what Pillow has.)
RASTER_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "AVIF")
_MEDIA_TYPES = {"GIF": "image/gif", "PNG": "image/png", "WEBP": "image/webp", "AVIF": "image/avif"}
_EXTENSIONS = {"GIF": "gif", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
_LOSSY_SOURCES = frozenset({"JPEG", "MPO"})
_ANIMATABLE = frozenset({"GIF", "PNG", "WEBP", "AVIF"})
_RAW_SUFFIXES = frozenset(
    [".cr2", ".cr3", ".nef", ".nrw", ".arw", ".dng", ".orf", ".rw2", ".raf", ".pef", ".srw"]
)
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"})
_IMAGE_SIGNATURES = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"BM",
)
_ORIENTATION = 0x0112
_GPS_IFD = 0x8825
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_MAX_SVG_BYTES = 20 * MB
_RACY_NS = 3_000_000_000  # files modified this recently are hashed every time
_DRAWING_COLOURS = 1 << 16


# ------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Params:
    """Everything that changes the bytes of an output (all of it is in the cache key)."""

    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    """Responsive WebP widths: 480 for small phones at 1×, 800 for a 375 px phone at 2× (the
    budget case), 1200 for 3× phones and tablets, 1600 for a desktop column at 2×. A source
    narrower than a width gives one output at its own width instead (never upscaled)."""
    thumbnail_widths: tuple[int, ...] = (360, 720)
    """List thumbnails (a 180 CSS px slot at 1× and 2×)."""
    thumbnail_aspect: tuple[int, int] = (3, 2)
    share_size: tuple[int, int] = (1200, 630)
    """``og:image``: the size Facebook, Zalo and X recommend; a JPEG, which every crawler reads."""
    webp_quality: int = 75
    """Lossy WebP quality for photos (JPEG sources)."""
    webp_quality_other: int = 85
    """Lossy WebP quality for other sources (PNG...) when lossless WebP is much larger."""
    webp_method: int = 4
    """libwebp effort 0-6; 6 saves ~7% more bytes but takes ~3× longer."""
    jpeg_quality: int = 82

    def __post_init__(self) -> None:
        # Lists from a YAML config become tuples: Params stays hashable and keys stay equal.
        for name in ("widths", "thumbnail_widths", "thumbnail_aspect", "share_size"):
            values = tuple(getattr(self, name))
            if not values or any(not isinstance(v, int) or v < 1 for v in values):
                raise ValueError(f"Params.{name}: positive integers expected, got {values!r}")
            object.__setattr__(self, name, values)
        for name in ("thumbnail_aspect", "share_size"):
            if len(getattr(self, name)) != 2:
                raise ValueError(f"Params.{name}: (width, height) expected")


@dataclass(frozen=True)
class Layout:
    """How pages show images (CSS px); used for ``sizes`` and for advice, not in the cache key.
    Keep it in step with the theme's CSS."""

    column_px: int = 720
    """Widest article column."""
    gutter_px: int = 16
    """Page padding on each side of the column on a phone."""
    thumbnail_px: int = 180
    """Width of a list thumbnail."""
    density: float = 2.0
    """Screen density a photo must look sharp at (phones are 2× to 3×)."""
    max_source_bytes: int = 5 * MB
    """Sources heavier than this get a "too large for the repository" warning."""


@dataclass(frozen=True)
class Probe:
    """What a source file is, read from its header (pixels are not decoded)."""

    path: str
    """The source as named in messages (the label given by the caller)."""
    format: str
    """Pillow's format name (JPEG, MPO, PNG, WEBP, GIF, TIFF, BMP) or SVG."""
    width: int | None
    """Size as shown, after EXIF orientation; None for an SVG without width/height/viewBox."""
    height: int | None
    size: int
    """Bytes of the source file."""
    sha256: str
    animated: bool = False
    orientation: int = 1
    """EXIF orientation 1-8 of the source (1 when absent or invalid)."""
    has_gps: bool = False
    """The source file carries a GPS position (EXIF or XMP); outputs never do."""

    @property
    def passthrough(self) -> bool:
        """Published as one file, not resized: SVG (sanitised), GIF, animated images."""
        return self.format in ("SVG", "GIF") or self.animated


@dataclass(frozen=True)
class OutputSpec:
    """One planned output: what it is and its final pixel size, known before rendering."""

    role: str
    """``width`` (responsive), ``thumbnail``, ``share`` (og:image) or ``original``."""
    name: str
    width: int | None
    height: int | None
    media_type: str
    crop: bool = False
    """Cover crop to ``width``:``height`` (thumbnails, sharing image) around the busiest part."""


@dataclass(frozen=True)
class Output:
    """A rendered output, stored in the cache at ``path``."""

    role: str
    name: str
    width: int | None
    height: int | None
    media_type: str
    size: int
    sha256: str
    path: str


@dataclass(frozen=True)
class ProcessedImage:
    key: str
    probe: Probe
    outputs: tuple[Output, ...]

    @property
    def responsive(self) -> tuple[Output, ...]:
        """The ``width`` outputs, narrowest first."""
        return tuple(o for o in self.outputs if o.role == "width")

    @property
    def thumbnails(self) -> tuple[Output, ...]:
        return tuple(o for o in self.outputs if o.role == "thumbnail")

    @property
    def share(self) -> Output | None:
        return next((o for o in self.outputs if o.role == "share"), None)

    @property
    def original(self) -> Output | None:
        """The pass-through file of an SVG, GIF or animated image."""
        return next((o for o in self.outputs if o.role == "original"), None)


@dataclass(frozen=True)
class ImageProblem:
    """A problem with one image file, told to staff in Vietnamese: file, what is wrong, the fix.

    ``severity`` is ``error`` (the image cannot be published) or ``warning`` (advice). ``code``
    is stable for programs: missing, empty, unreadable, not-image, unsupported, too-many-pixels,
    svg-invalid, svg-entities, svg-not-svg, svg-too-complex, svg-too-large (errors); too-small,
    too-large, gps, svg-no-size (warnings).
    """

    path: str
    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def format(self) -> str:
        text = f"{self.path}: {self.message}"
        if self.hint:
            text += f" Cách sửa: {self.hint}"
        return text


class ImageError(Exception):
    """An image that cannot be published; ``problem`` says why, in Vietnamese."""

    def __init__(self, problem: ImageProblem) -> None:
        super().__init__(problem.format())
        self.problem = problem


@dataclass(frozen=True)
class ImageAttrs:
    """Attribute values for one ``<img>`` (or ``og:image``): data for templates to escape."""

    src: str
    srcset: str
    """Empty when there is one file only (SVG, GIF, a source smaller than every width)."""
    sizes: str
    width: int | None
    """Pixel size of ``src``; None only for an SVG with no intrinsic size."""
    height: int | None
    media_type: str


# ------------------------------------------------------------------------ messages


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def _error(label: str, code: str, message: str, hint: str) -> ImageError:
    return ImageError(ImageProblem(label, code, message, hint))


_HINT_RECOPY = "Chép lại ảnh từ bản gốc (máy ảnh, điện thoại, thư điện tử) rồi lưu đè lên tệp này."
_HINT_FORMATS = "Dùng ảnh JPG (ảnh chụp), PNG (hình vẽ, biểu đồ), WebP, GIF hoặc SVG."
_HINT_SHRINK = (
    "Thu nhỏ ảnh gốc còn cạnh dài khoảng 2500 px, JPG chất lượng 85 (thường dưới 1 MB) trước "
    "khi đưa vào kho; trang web vẫn tự tạo các bản nhỏ cho điện thoại."
)
_HINT_SVG = (
    "Mở tệp bằng Inkscape rồi lưu lại dạng 'Plain SVG' (SVG thuần); với Illustrator, dùng "
    "'Export As › SVG' thay cho 'Save As'."
)


def _unreadable(label: str, exc: BaseException) -> ImageError:
    detail = str(exc) or type(exc).__name__
    return _error(
        label,
        "unreadable",
        f"Tệp ảnh '{label}' bị hỏng hoặc chưa chép hết nên không đọc được (chi tiết: {detail}).",
        _HINT_RECOPY,
    )


def _too_many_pixels(label: str, detail: str) -> ImageError:
    limit = Image.MAX_IMAGE_PIXELS or 0
    if m := re.search(r"\((\d+) pixels\)", detail):  # Pillow's DecompressionBombError text
        detail = f"{int(m.group(1)) / 1e6:.0f} triệu điểm ảnh"
    return _error(
        label,
        "too-many-pixels",
        f"Ảnh '{label}' có quá nhiều điểm ảnh ({detail}), vượt giới hạn {limit / 1e6:.0f} triệu "
        "điểm ảnh: tệp có thể bị lỗi hoặc cố ý làm treo máy khi dựng trang.",
        _HINT_SHRINK,
    )


def _unsupported(label: str, kind: str, hint: str) -> ImageError:
    return _error(
        label,
        "unsupported",
        f"Ảnh '{label}' ở định dạng {kind}, trình duyệt và hệ thống dựng trang không dùng được.",
        hint,
    )


# ------------------------------------------------------------------------- probing


def _sniff_unsupported(data: bytes, label: str) -> ImageError | None:
    head = data[:16]
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return _unsupported(
            label,
            "HEIC (ảnh iPhone)",
            "Trên iPhone chọn Cài đặt › Camera › Định dạng › 'Tương thích nhất', hoặc mở ảnh rồi "
            "chia sẻ/xuất ra JPG; rồi thay tệp này bằng tệp JPG.",
        )
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return _unsupported(label, "AVIF", "Xuất lại ảnh dưới dạng JPG hoặc PNG.")
    for magic, kind in (
        (b"8BPS", "PSD (Photoshop)"),
        (b"%PDF", "PDF"),
        (b"%!PS", "EPS/PostScript"),
        (b"\xc5\xd0\xd3\xc6", "EPS"),
    ):
        if head.startswith(magic):
            return _unsupported(
                label, kind, "Xuất lại dưới dạng JPG (ảnh chụp) hoặc PNG (hình vẽ, biểu đồ)."
            )
    return None


def _looks_like_image(data: bytes) -> bool:
    """The signature of a format we read: the file is one, but broken."""
    return data.startswith(_IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _looks_like_svg(data: bytes, label: str) -> bool:
    if label.lower().endswith(".svg"):
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in data[:4096]


@lru_cache(maxsize=1)
def _raster_formats() -> tuple[str, ...]:
    Image.init()  # load every plugin, or Image.open cannot check formats beyond the basic five
    return tuple(f for f in RASTER_FORMATS if f in Image.OPEN)


def _open(data: bytes, label: str) -> Image.Image:
    """Pillow's image for ``data`` (header read, pixels not decoded), or an ImageError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=_raster_formats())
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(label, str(exc)) from None
        except UnidentifiedImageError:
            if (problem := _sniff_unsupported(data, label)) is not None:
                raise problem from None
            if _looks_like_image(data):
                raise _unreadable(label, ValueError("phần đầu tệp không đúng chuẩn")) from None
            raise _error(
                label,
                "not-image",
                f"Tệp '{label}' không phải là ảnh (hoặc đã hỏng).",
                _HINT_FORMATS,
            ) from None
        except Exception as exc:  # Pillow raises many types for broken headers
            raise _unreadable(label, exc) from None
    limit = Image.MAX_IMAGE_PIXELS
    if limit and im.width * im.height > limit:
        raise _too_many_pixels(label, f"{im.width}×{im.height}")
    return im


def _exif_facts(im: Image.Image) -> tuple[int, bool]:
    """(orientation 1-8, has GPS). Broken EXIF counts as none."""
    orientation, gps = 1, False
    try:
        exif = im.getexif()
        value = exif.get(_ORIENTATION, 1)
        if isinstance(value, int) and 1 <= value <= 8:
            orientation = value
        gps = bool(exif.get_ifd(_GPS_IFD))
    except Exception:  # noqa: BLE001 - a camera's broken EXIF must not stop the build
        pass
    xmp = im.info.get("xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    return orientation, gps or b"GPSLatitude" in xmp


def _read(path: str | os.PathLike, label: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _error(
            label,
            "missing",
            f"Không tìm thấy tệp ảnh '{label}'.",
            "Kiểm tra tên tệp (kể cả chữ hoa, chữ thường) và đường dẫn trong bài, hoặc chép ảnh "
            "vào đúng thư mục.",
        ) from None
    except OSError as exc:
        raise _unreadable(label, exc) from None
    if not data:
        raise _error(label, "empty", f"Tệp ảnh '{label}' rỗng (0 byte).", _HINT_RECOPY)
    return data


def _svg_problem(label: str, exc: svgclean.SvgError) -> ImageError:
    if exc.code == "svg-entities":
        message = (
            f"Tệp SVG '{label}' khai báo thực thể XML ({exc.detail}): không được phép vì có thể "
            "dùng để làm treo máy hoặc đọc trộm tệp."
        )
    elif exc.code == "svg-not-svg":
        message = f"Tệp '{label}' không phải ảnh SVG ({exc.detail})."
    elif exc.code == "svg-too-complex":
        message = f"Tệp SVG '{label}' quá phức tạp ({exc.detail})."
    else:
        message = f"Tệp SVG '{label}' sai cú pháp XML ({exc.detail})."
    return _error(label, exc.code, message, _HINT_SVG)


def _sanitised_svg(data: bytes, label: str) -> svgclean.CleanSvg:
    if len(data) > _MAX_SVG_BYTES:
        raise _error(
            label,
            "svg-too-large",
            f"Tệp SVG '{label}' nặng {_mb(len(data))} MB, quá {_mb(_MAX_SVG_BYTES)} MB.",
            "Đơn giản hoá hình vẽ hoặc xuất ra PNG.",
        )
    try:
        return svgclean.sanitise(data)
    except svgclean.SvgError as exc:
        raise _svg_problem(label, exc) from None


def probe_bytes(
    data: bytes, label: str, *, verify: bool = False, digest: str | None = None
) -> Probe:
    """``Probe`` of a file's bytes; ``label`` names it in messages. ``verify`` also decodes the
    pixels (JPEG at 1/8 scale, cheaply) to catch a truncated or broken file before rendering."""
    digest = digest or hashlib.sha256(data).hexdigest()
    if not data:
        raise _error(label, "empty", f"Tệp ảnh '{label}' rỗng (0 byte).", _HINT_RECOPY)
    if PurePosixPath(label.replace("\\", "/")).suffix.lower() in _RAW_SUFFIXES:
        raise _unsupported(
            label, "RAW của máy ảnh", "Xuất ảnh ra JPG từ phần mềm của máy ảnh rồi dùng tệp JPG."
        )
    try:
        im = _open(data, label)
    except ImageError as exc:
        if exc.problem.code != "not-image" or not _looks_like_svg(data, label):
            raise
        svg = _sanitised_svg(data, label)
        return Probe(label, "SVG", svg.width, svg.height, len(data), digest)
    with im:
        orientation, gps = _exif_facts(im)
        width, height = im.size
        if orientation >= 5:
            width, height = height, width
        # Multi-frame MPO (camera previews) and TIFF (pages) show their first frame.
        animated = im.format in _ANIMATABLE and bool(getattr(im, "is_animated", False))
        if verify:
            _load(im, label, (1, 1))
        return Probe(label, im.format, width, height, len(data), digest, animated, orientation, gps)


def probe(path: str | os.PathLike, *, label: str | None = None, verify: bool = False) -> Probe:
    """``Probe`` of a file; raises ``ImageError``. See ``probe_bytes``."""
    label = label if label is not None else str(path)
    return probe_bytes(_read(path, label), label, verify=verify)


# --------------------------------------------------------------------------- plan


@lru_cache(maxsize=1)
def _codec_versions() -> str:
    return json.dumps(
        {
            "pillow": PIL.__version__,
            "webp": features.version("webp"),
            "jpeg": features.version("jpg"),
            "lcms": features.version("littlecms2"),
            "expat": EXPAT_VERSION,
        },
        sort_keys=True,
    )


def _stem(label: str) -> str:
    stem = slugify(PurePosixPath(label.replace("\\", "/")).stem)[:48].strip("-")
    return stem or "anh"


def cache_key(source_sha256: str, label: str, params: Params) -> str:
    """The cache key (and, in its first 12 hex digits, the outputs' name tag) for a source."""
    material = json.dumps(
        {
            "format": FORMAT_VERSION,
            "codecs": _codec_versions(),
            "source": source_sha256,
            "stem": _stem(label),
            "params": asdict(params),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode()).hexdigest()


def _cover_size(width: int, height: int, target: tuple[int, int]) -> tuple[int, int]:
    """Size of a ``target`` cover crop of a width×height picture, shrunk (aspect kept) when the
    picture is too small for it: never upscaled."""
    tw, th = target
    ratio = tw / th
    region_w = min(width, height * ratio)
    if region_w >= tw:
        return tw, th
    w = max(1, math.floor(region_w))
    return w, max(1, min(height, round(w / ratio)))


def plan(probe: Probe, params: Params = Params()) -> tuple[OutputSpec, ...]:
    """The outputs of one source, in a fixed order: widths (narrowest first), thumbnails
    (smallest first), the sharing image; or the single ``original`` of a pass-through file."""
    stem = f"{_stem(probe.path)}-{cache_key(probe.sha256, probe.path, params)[:12]}"
    if probe.format == "SVG":
        return (OutputSpec("original", f"{stem}.svg", probe.width, probe.height, "image/svg+xml"),)
    if probe.passthrough:
        ext = _EXTENSIONS.get(probe.format, "bin")
        media_type = _MEDIA_TYPES.get(probe.format, "application/octet-stream")
        return (OutputSpec("original", f"{stem}.{ext}", probe.width, probe.height, media_type),)
    assert probe.width and probe.height
    w0, h0 = probe.width, probe.height
    specs = []
    for w in sorted({min(w, w0) for w in params.widths}):
        h = max(1, round(h0 * w / w0))
        specs.append(OutputSpec("width", f"{stem}-{w}w.webp", w, h, "image/webp"))
    aw, ah = params.thumbnail_aspect
    thumbs = {
        _cover_size(w0, h0, (tw, max(1, round(tw * ah / aw)))) for tw in params.thumbnail_widths
    }
    for w, h in sorted(thumbs):
        specs.append(
            OutputSpec("thumbnail", f"{stem}-thumb-{w}x{h}.webp", w, h, "image/webp", True)
        )
    w, h = _cover_size(w0, h0, params.share_size)
    specs.append(OutputSpec("share", f"{stem}-share-{w}x{h}.jpg", w, h, "image/jpeg", True))
    return tuple(specs)


# ------------------------------------------------------------------------- render


def _load(im: Image.Image, label: str, draft: tuple[int, int] | None = None) -> None:
    """Decode the pixels (a JPEG at the smallest DCT scale still ≥ ``draft``)."""
    try:
        if draft and im.format in _LOSSY_SOURCES:
            im.draft(None, draft)
        im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(label, str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - truncated/broken data: OSError, SyntaxError...
        raise _unreadable(label, exc) from None


_SRGB_PROFILE = None


def _srgb_profile():
    global _SRGB_PROFILE
    if _SRGB_PROFILE is None:
        from PIL import ImageCms

        _SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB_PROFILE


def _to_srgb(im: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB (converted through the embedded ICC profile when there is one)."""
    icc = im.info.get("icc_profile")
    mode = im.mode
    if mode.startswith("I;16"):
        im = im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    elif mode in ("I", "F"):
        lo, hi = im.getextrema()
        scale = 255 / (hi - lo) if hi > lo else 1
        im = im.point(lambda v: (v - lo) * scale).convert("L")
    elif mode == "1":
        im = im.convert("L")
    elif mode in ("P", "PA"):
        im = im.convert("RGBA" if mode == "PA" or "transparency" in im.info else "RGB")
    elif mode in ("LA", "La", "RGBa"):
        im = im.convert("RGBA")
    elif mode not in ("RGB", "RGBA", "CMYK", "L"):
        im = im.convert("RGB")
    if icc and features.check("littlecms2") and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in ImageCms.getProfileDescription(source).lower():
                im = ImageCms.profileToProfile(
                    im,
                    source,
                    _srgb_profile(),
                    renderingIntent=ImageCms.Intent.PERCEPTUAL,
                    outputMode="RGBA" if im.mode == "RGBA" else "RGB",
                )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: the pixels are taken as sRGB
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGB")
    if im.mode == "RGBA" and im.getextrema()[3][0] == 255:
        im = im.convert("RGB")
    return im


def _needed_scale(specs: Iterable[OutputSpec], width: int, height: int) -> float:
    """The smallest fraction of the source that still feeds every output at full resolution."""
    scale = 0.0
    for spec in specs:
        assert spec.width and spec.height
        if spec.crop:
            ratio = spec.width / spec.height
            scale = max(scale, spec.width / min(width, height * ratio))
        else:
            scale = max(scale, spec.width / width)
    return min(1.0, scale)


def _decode(data: bytes, probe: Probe, specs: tuple[OutputSpec, ...]) -> Image.Image:
    """The source's pixels: oriented, sRGB, RGB/RGBA, metadata-free, no larger than needed."""
    im = _open(data, probe.path)
    assert probe.width and probe.height
    scale = _needed_scale(specs, probe.width, probe.height)
    _load(im, probe.path, (math.ceil(im.width * scale), math.ceil(im.height * scale)))
    try:
        pixels = _to_srgb(im)
    except Exception as exc:  # noqa: BLE001 - exotic modes Pillow cannot convert
        raise _unreadable(probe.path, exc) from None
    if probe.orientation in _TRANSPOSE:
        pixels = pixels.transpose(_TRANSPOSE[probe.orientation])
    pixels.info = {}  # no EXIF, XMP, comment or ICC profile can reach an encoder
    return pixels


def _cover_box(im: Image.Image, ratio: float) -> tuple[float, float, float, float]:
    """The ``ratio`` crop with the most detail, pulled towards the centre (a little above it for
    tall pictures, where heads and signs usually are)."""
    width, height = im.size
    horizontal = width / height > ratio
    crop_w, crop_h = (height * ratio, height) if horizontal else (width, width / ratio)
    span = width if horizontal else height
    crop = crop_w if horizontal else crop_h
    if span - crop < 1:
        return (0.0, 0.0, float(width), float(height))
    scale = 128 / max(width, height)
    sw, sh = max(3, round(width * scale)), max(3, round(height * scale))
    edges = im.resize((sw, sh), Image.Resampling.BOX).convert("L").filter(ImageFilter.FIND_EDGES)
    interior = edges.crop((1, 1, sw - 1, sh - 1))  # FIND_EDGES leaves the border unfiltered
    n = sw if horizontal else sh
    line = interior.resize((n - 2, 1) if horizontal else (1, n - 2), Image.Resampling.BOX)
    profile = [0, *line.tobytes(), 0]  # mode L: one byte per pixel
    total = sum(profile) or 1
    window = max(1, min(n, round(crop / span * n)))
    prior = 0.5 if horizontal else 0.4
    sums = [0]
    for value in profile:
        sums.append(sums[-1] + value)
    best, best_score = 0, -math.inf
    for offset in range(n - window + 1):
        detail = (sums[offset + window] - sums[offset]) / total
        centre = (offset + window / 2) / n
        score = detail - 0.5 * abs(centre - prior)
        if score > best_score + 1e-12:
            best, best_score = offset, score
    start = min(max(0.0, best / n * span), span - crop)
    if horizontal:
        return (start, 0.0, start + crop_w, float(height))
    return (0.0, start, float(width), start + crop_h)


def _encode(im: Image.Image, spec: OutputSpec, probe: Probe, params: Params) -> bytes:
    buf = io.BytesIO()
    if spec.media_type == "image/jpeg":
        if im.mode == "RGBA":
            background = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(background, im).convert("RGB")
        im.save(buf, "JPEG", quality=params.jpeg_quality, optimize=True, progressive=True)
    elif probe.format in _LOSSY_SOURCES:
        im.save(buf, "WEBP", quality=params.webp_quality, method=params.webp_method)
    else:
        # Drawings, logos, screenshots: lossless keeps edges and text crisp; it is chosen unless
        # it costs more than half again the lossy size. Pictures with more colours than a
        # drawing ever has (photos saved as PNG) skip the costly lossless attempt.
        im.save(buf, "WEBP", quality=params.webp_quality_other, method=params.webp_method)
        if im.getcolors(_DRAWING_COLOURS) is not None:
            lossless = io.BytesIO()
            # For lossless WebP "quality" is the effort: 50 gets within 0.1% of 100, 2-4× faster.
            im.save(lossless, "WEBP", lossless=True, quality=50, method=params.webp_method)
            if lossless.tell() <= 1.5 * buf.tell():
                return lossless.getvalue()
    return buf.getvalue()


def render(
    data: bytes, probe: Probe, specs: tuple[OutputSpec, ...], params: Params = Params()
) -> list[bytes]:
    """The bytes of each planned output, in ``specs`` order; raises ``ImageError``."""
    if probe.format == "SVG":
        return [_sanitised_svg(data, probe.path).data]
    if probe.passthrough:
        return [data]
    im = _decode(data, probe, specs)
    boxes: dict[float, tuple[float, float, float, float]] = {}
    out = []
    for spec in specs:
        assert spec.width and spec.height
        box: tuple[float, float, float, float] = (0.0, 0.0, float(im.width), float(im.height))
        if spec.crop:
            ratio = spec.width / spec.height
            if ratio not in boxes:
                boxes[ratio] = _cover_box(im, ratio)
            box = boxes[ratio]
        pic = im.resize(
            (spec.width, spec.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0
        )
        out.append(_encode(pic, spec, probe, params))
    return out


# -------------------------------------------------------------------------- cache

_MAGIC = "khuyencong-images"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*")


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class ImageCache:
    """Rendered outputs between builds, in ``root`` (e.g. ``.cache/khuyencong/images``)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.base = self.root / f"v{FORMAT_VERSION}"
        # Source digests by (size, mtime, inode), saved in sources.json by ``save``; a rebuild
        # does not read and hash 8 MB photos that have not changed.
        self._sources: dict[str, list] | None = None
        self._sources_dirty = False
        # Outputs already checked by this object (``mkdocs serve`` keeps it between builds).
        self._verified: dict[str, tuple[int, int, str]] = {}

    def _manifest(self, key: str) -> Path:
        return self.base / "m" / key[:2] / f"{key}.json"

    def file(self, name: str) -> Path:
        return self.base / "f" / name

    def _source_memo(self) -> dict[str, list]:
        if self._sources is None:
            self._sources = {}
            try:
                doc = json.loads((self.base / "sources.json").read_bytes())
                if isinstance(doc, dict) and doc.get("magic") == _MAGIC:
                    for path, entry in doc["sources"].items():
                        if (
                            isinstance(entry, list)
                            and len(entry) == 4
                            and all(isinstance(v, int) for v in entry[:3])
                            and isinstance(entry[3], str)
                            and _HEX64.fullmatch(entry[3])
                        ):
                            self._sources[path] = entry
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # a missing or damaged memo: every source is hashed again
        return self._sources

    def source_digest(self, path: str | os.PathLike, label: str) -> str:
        """sha256 of a source file, read and hashed only when its size, modification time or
        inode changed (or it was modified in the last seconds, when a time can hide a change)."""
        try:
            st = os.stat(path)
        except OSError:
            _read(path, label)  # raises the right ImageError
            raise
        memo = self._source_memo()
        where = os.path.abspath(path)
        ident = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = memo.get(where)
        if entry is not None and entry[:3] == ident:
            return entry[3]
        digest = hashlib.sha256(_read(path, label)).hexdigest()
        if time.time_ns() - st.st_mtime_ns > _RACY_NS:
            memo[where] = [*ident, digest]
            self._sources_dirty = True
        return digest

    def save(self) -> None:
        """Write the source digest memo (``process_many`` calls it)."""
        if self._sources_dirty and self._sources is not None:
            doc = {"magic": _MAGIC, "sources": self._sources}
            _atomic_write(self.base / "sources.json", json.dumps(doc, sort_keys=True).encode())
            self._sources_dirty = False

    def _verify(self, path: Path, size: int, digest: str) -> bool:
        st = path.stat()
        if st.st_size != size:
            return False
        seen = (st.st_size, st.st_mtime_ns, digest)
        if self._verified.get(path.name) == seen:
            return True
        if _file_sha256(path) != digest:
            return False
        self._verified[path.name] = seen
        return True

    def lookup(self, key: str, label: str) -> ProcessedImage | None:
        """The stored result for ``key`` if every part of it checks out; None otherwise."""
        try:
            doc = json.loads(self._manifest(key).read_bytes())
            if doc["magic"] != _MAGIC or doc["format"] != FORMAT_VERSION or doc["key"] != key:
                return None
            p = doc["probe"]
            probe = Probe(
                label,
                str(p["format"]),
                p["width"],
                p["height"],
                int(p["size"]),
                str(p["sha256"]),
                bool(p["animated"]),
                int(p["orientation"]),
                bool(p["has_gps"]),
            )
            outputs = []
            for o in doc["outputs"]:
                name, digest = o["name"], o["sha256"]
                if not (_SAFE_NAME.fullmatch(name) and _HEX64.fullmatch(digest)):
                    return None
                path = self.file(name)
                if not self._verify(path, o["size"], digest):
                    return None
                outputs.append(
                    Output(
                        str(o["role"]),
                        name,
                        o["width"],
                        o["height"],
                        str(o["media_type"]),
                        int(o["size"]),
                        digest,
                        str(path),
                    )
                )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return ProcessedImage(key, probe, tuple(outputs))

    def store(
        self, key: str, probe: Probe, specs: tuple[OutputSpec, ...], blobs: list[bytes]
    ) -> ProcessedImage:
        """Write the outputs, then the manifest (the commit point); returns the result."""
        outputs = []
        for spec, blob in zip(specs, blobs, strict=True):
            path = self.file(spec.name)
            _atomic_write(path, blob)
            digest = hashlib.sha256(blob).hexdigest()
            st = path.stat()
            self._verified[spec.name] = (st.st_size, st.st_mtime_ns, digest)
            outputs.append(
                Output(
                    spec.role,
                    spec.name,
                    spec.width,
                    spec.height,
                    spec.media_type,
                    len(blob),
                    digest,
                    str(path),
                )
            )
        probe_doc = asdict(probe)
        del probe_doc["path"]  # the same bytes may be reached under another label
        doc = {
            "magic": _MAGIC,
            "format": FORMAT_VERSION,
            "key": key,
            "probe": probe_doc,
            "outputs": [{k: v for k, v in asdict(o).items() if k != "path"} for o in outputs],
        }
        _atomic_write(self._manifest(key), json.dumps(doc, sort_keys=True, indent=1).encode())
        return ProcessedImage(key, probe, tuple(outputs))

    def prune(self, keep: Iterable[ProcessedImage]) -> int:
        """Delete entries and files not used by ``keep`` (call after a full build), and the
        folders of other ``FORMAT_VERSION``s; returns the number of files removed."""
        keys = {image.key for image in keep}
        names = {o.name for image in keep for o in image.outputs}
        removed = 0
        if self.root.is_dir():
            for old in self.root.glob("v*"):
                if old.is_dir() and old.name != self.base.name and old.name[1:].isdigit():
                    removed += sum(1 for p in old.rglob("*") if p.is_file())
                    shutil.rmtree(old)
        for manifest in self.base.glob("m/*/*.json"):
            if manifest.stem not in keys:
                manifest.unlink()
                removed += 1
        for path in self.base.glob("f/*"):
            if path.name not in names:
                path.unlink()
                removed += 1
        return removed


# ------------------------------------------------------------------------ process


def process(
    path: str | os.PathLike,
    params: Params,
    cache: ImageCache,
    *,
    label: str | None = None,
) -> ProcessedImage:
    """One source through the cache: a hit costs the source's digest (remembered while the file
    is unchanged) and the outputs' checks, never a decode. Raises ``ImageError``."""
    label = label if label is not None else str(path)
    hit = cache.lookup(cache_key(cache.source_digest(path, label), label, params), label)
    if hit is not None:
        return hit
    data = _read(path, label)
    digest = hashlib.sha256(data).hexdigest()  # of the bytes rendered, whatever the memo said
    key = cache_key(digest, label, params)
    info = probe_bytes(data, label, digest=digest)
    specs = plan(info, params)
    return cache.store(key, info, specs, render(data, info, specs, params))


def _job(job: tuple[str, str, Params, str]) -> ProcessedImage | ImageProblem:
    label, path, params, cache_root = job
    try:
        return process(path, params, ImageCache(cache_root), label=label)
    except ImageError as exc:
        return exc.problem


def _default_workers() -> int:
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _mp_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    # fork is cheapest but unsafe once threads exist (``mkdocs serve`` runs builds in one).
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def process_many(
    sources: Iterable[str | os.PathLike],
    params: Params,
    cache: ImageCache,
    *,
    root: str | os.PathLike | None = None,
    workers: int | None = None,
) -> dict[str, ProcessedImage | ImageProblem]:
    """Process many sources; returns ``{label: result or problem}`` sorted by label.

    With ``root``, sources are paths relative to it and labels are those paths (POSIX form);
    otherwise a label is the path as given. Cache hits are answered here; misses go to a pool
    of ``workers`` processes (default: the usable cores), or run here when there is one miss,
    one worker, or no pool can be started. Results do not depend on the worker count or on the
    order in which workers finish.
    """
    paths: dict[str, str] = {}  # label -> path
    for source in sources:
        if root is not None:
            paths[Path(source).as_posix()] = str(Path(root) / source)
        else:
            paths[str(source)] = str(source)
    labels = sorted(paths)
    results: dict[str, ProcessedImage | ImageProblem] = {}
    misses = []
    for label in labels:
        try:
            digest = cache.source_digest(paths[label], label)
        except ImageError as exc:
            results[label] = exc.problem
            continue
        hit = cache.lookup(cache_key(digest, label, params), label)
        if hit is not None:
            results[label] = hit
        else:
            misses.append(label)
    jobs = [(label, paths[label], params, str(cache.root)) for label in misses]
    n = min(workers or _default_workers(), len(jobs))
    if n > 1:
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=_mp_context()) as pool:
                for job, result in zip(jobs, pool.map(_job, jobs), strict=True):
                    results[job[0]] = result
        except (OSError, BrokenProcessPool, NotImplementedError, ImportError):
            pass  # no processes here (sandbox, frozen app...): finish below, one by one
    for job in jobs:
        if job[0] not in results:
            results[job[0]] = _job(job)
    cache.save()
    return {label: results[label] for label in labels}


def publish(image: ProcessedImage, dest_dir: str | os.PathLike) -> list[Path]:
    """Copy the outputs of ``image`` from the cache into ``dest_dir``; returns the new paths."""
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for output in image.outputs:
        target = dest / output.name
        shutil.copyfile(output.path, target)
        written.append(target)
    return written


# ------------------------------------------------------------------------- advice


def advise(probe: Probe, layout: Layout = Layout()) -> tuple[ImageProblem, ...]:
    """Warnings about a source that can be published but should be replaced or cleaned."""
    found = []
    label = probe.path
    need = math.ceil(layout.column_px * layout.density)
    if not probe.passthrough and probe.width is not None and probe.width < need:
        found.append(
            ImageProblem(
                label,
                "too-small",
                f"Ảnh '{label}' chỉ rộng {probe.width} px, không đủ nét ở cột bài viết: cột rộng "
                f"{layout.column_px} px, màn hình điện thoại mật độ {layout.density:g}× cần ảnh "
                f"rộng ít nhất {need} px.",
                f"Dùng ảnh gốc rộng từ {need} px trở lên (ảnh gốc từ máy ảnh hoặc điện thoại, "
                "không dùng ảnh tải lại từ Zalo, Facebook vì đã bị thu nhỏ).",
                "warning",
            )
        )
    if probe.size > layout.max_source_bytes:
        found.append(
            ImageProblem(
                label,
                "too-large",
                f"Ảnh '{label}' nặng {_mb(probe.size)} MB, quá {_mb(layout.max_source_bytes)} MB: "
                "kho bài viết sẽ phình to nhanh.",
                _HINT_SHRINK,
                "warning",
            )
        )
    if probe.has_gps:
        found.append(
            ImageProblem(
                label,
                "gps",
                f"Ảnh gốc '{label}' còn lưu tọa độ GPS nơi chụp. Ảnh đăng lên trang đã được xóa "
                "thông tin này, nhưng tệp gốc trong kho vẫn còn.",
                "Xóa vị trí trước khi đưa ảnh vào kho: trên Windows, nhấp chuột phải vào ảnh › "
                "Properties › Details › 'Remove Properties and Personal Information'; trên điện "
                "thoại, tắt 'Vị trí' khi chia sẻ ảnh.",
                "warning",
            )
        )
    if probe.format == "SVG" and probe.width is None:
        found.append(
            ImageProblem(
                label,
                "svg-no-size",
                f"Tệp SVG '{label}' không ghi kích thước (width, height hoặc viewBox): trang sẽ "
                "bị xô lệch khi tải.",
                "Thêm viewBox vào thẻ <svg> (Inkscape: Tài liệu › Thuộc tính tài liệu).",
                "warning",
            )
        )
    return tuple(found)


# ------------------------------------------------------------------------- markup


def _single(output: Output, base_url: str, sizes: str = "") -> ImageAttrs:
    return ImageAttrs(
        base_url + output.name, "", sizes, output.width, output.height, output.media_type
    )


def _responsive(outputs: tuple[Output, ...], base_url: str, sizes: str, want: float) -> ImageAttrs:
    """srcset of ``outputs`` (sorted by width); ``src`` is the narrowest one at least ``want``
    pixels wide (or the widest), for browsers that ignore srcset and for width/height."""
    default = next((o for o in outputs if o.width and o.width >= want), outputs[-1])
    if len(outputs) == 1:
        return _single(default, base_url)
    srcset = ", ".join(f"{base_url}{o.name} {o.width}w" for o in outputs)
    return ImageAttrs(
        base_url + default.name, srcset, sizes, default.width, default.height, default.media_type
    )


def article_attrs(
    image: ProcessedImage, base_url: str = "", layout: Layout = Layout()
) -> ImageAttrs:
    """The photo in an article column. ``base_url`` is prepended to output names (e.g. the
    relative URL of the folder the outputs are published in)."""
    if image.original is not None:
        return _single(image.original, base_url)
    phone = layout.column_px + 2 * layout.gutter_px
    sizes = f"(max-width: {phone}px) calc(100vw - {2 * layout.gutter_px}px), {layout.column_px}px"
    return _responsive(image.responsive, base_url, sizes, layout.column_px)


def thumbnail_attrs(
    image: ProcessedImage, base_url: str = "", layout: Layout = Layout()
) -> ImageAttrs:
    """A list thumbnail (``thumbnail_aspect`` crop) shown ``layout.thumbnail_px`` wide."""
    if image.original is not None:
        return _single(image.original, base_url)
    return _responsive(image.thumbnails, base_url, f"{layout.thumbnail_px}px", layout.thumbnail_px)


def share_attrs(image: ProcessedImage, base_url: str = "") -> ImageAttrs | None:
    """``og:image`` (with its width/height/type); None for an SVG, which sharing sites refuse.
    ``base_url`` must make an absolute URL here."""
    if image.share is not None:
        return _single(image.share, base_url)
    if image.original is not None and image.original.media_type != "image/svg+xml":
        return _single(image.original, base_url)
    return None
