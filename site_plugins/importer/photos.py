"""Photos of a saved page: found beside it (the browser's ``<name>_files/`` folder or a
relative path), embedded in it, or only online; copied beside the article under safe
unaccented names, never over an existing file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .. import writer
from ..text import slugify
from .blocks import Photo

PHOTO_FOLDER = "anh"  # beside the article: content/tin-tuc/<năm>/anh/
_EXTENSIONS = {".jpg": ".jpg", ".jpeg": ".jpg", ".jpe": ".jpg", ".png": ".png",
               ".gif": ".gif", ".webp": ".webp", ".bmp": ".bmp"}  # fmt: skip
_MAGIC = (
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"BM", ".bmp"),
)


def image_type(data: bytes) -> str | None:
    """The extension of an image's bytes (JPEG, PNG, GIF, WebP, BMP), or None."""
    for magic, ext in _MAGIC:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return None


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(16)
    except OSError:
        return b""


def resolve(photo: Photo, folder: Path, base: str) -> Photo:
    """Where the photo is: ``local`` when the file is beside the page (and is an image),
    ``data`` when embedded, else ``url`` (absolute when the page's address is known)."""
    if photo.data is not None:
        ext = image_type(photo.data)
        if ext is None:
            photo.data = None
            photo.url = "(ảnh nhúng trong trang, không đọc được)"
        else:
            photo.name = f"anh-nhung{ext}"
        return photo
    src = photo.src.strip()
    parts = urlsplit(src)
    if parts.scheme in ("http", "https") or src.startswith("//"):
        photo.url = urljoin("https:", src) if src.startswith("//") else src
        return photo
    if parts.scheme == "file":
        path = PurePosixPath(unquote(parts.path))
        # "file:///C:/…/Trang_files/anh.jpg": the folder saved beside this page, if any.
        candidates = [folder / path.parent.name / path.name, folder / path.name]
    elif parts.scheme:
        photo.url = src
        return photo
    else:
        relative = unquote(parts.path)
        candidates = [] if relative.startswith("/") else [folder / relative]
    root = folder.resolve()
    for candidate in candidates:
        # Only files saved with the page (its folder and below), never elsewhere on the disk.
        if not candidate.resolve().is_relative_to(root):
            continue
        if candidate.is_file() and image_type(_read_head(candidate)):
            photo.local = candidate
            photo.name = safe_name(candidate.name, image_type(_read_head(candidate)))
            return photo
    photo.url = urljoin(base, src) if base and not parts.scheme else src
    return photo


def safe_name(name: str, ext: str | None = None) -> str:
    """ "Tập huấn 2.JPG" -> "tap-huan-2.jpg": unaccented, lower case, a known extension."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    known = _EXTENSIONS.get("." + suffix.lower())
    ext = ext or known or ".jpg"
    slug = slugify(stem)[:60].strip("-") or "anh"
    return slug + ext


def _digest(path: Path | None, data: bytes | None) -> str:
    h = hashlib.sha256()
    if data is not None:
        h.update(data)
    else:
        with Path(path).open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _write_new(target: Path, source: Path | None, data: bytes | None) -> None:
    """Copy to ``target`` atomically; FileExistsError if the name is taken."""
    writer.write_new_bytes(target, [data] if data is not None else _chunks(Path(source)))


def _chunks(path: Path):
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            yield chunk


def place(photos: list[Photo], article_folder: Path) -> tuple[dict[int, str], list[Path]]:
    """Copy the available photos into ``article_folder/anh/``. Returns the Markdown path of
    each (by position in ``photos``) and the files it created (to remove them if the
    article cannot be written). A file already there with the same bytes is used as it is;
    another file of the same name is never replaced: the copy gets "-2", "-3" …"""
    paths: dict[int, str] = {}
    created: list[Path] = []
    folder = article_folder / PHOTO_FOLDER
    for i, photo in enumerate(photos):
        if not photo.available:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        digest = _digest(photo.local, photo.data)
        stem, ext = os.path.splitext(photo.name)
        n = 1
        while True:
            name = f"{stem}{'' if n == 1 else f'-{n}'}{ext}"
            target = folder / name
            n += 1
            if target.exists():
                if target.is_file() and _digest(target, None) == digest:
                    break  # the same photo, imported before
                continue
            try:
                _write_new(target, photo.local, photo.data)
            except FileExistsError:
                continue
            created.append(target)
            break
        paths[i] = f"{PHOTO_FOLDER}/{name}"
    return paths, created


def online_note(photos: list[Photo], captions: dict[int, str]) -> str:
    """The review note listing photos that are only online (nothing is downloaded)."""
    missing = [(i, p) for i, p in enumerate(photos) if not p.available]
    if not missing:
        return ""
    items = []
    for n, (i, photo) in enumerate(missing, 1):
        where = f" (chú thích: '{_short(captions[i])}')" if captions.get(i) else ""
        address = photo.url or photo.src
        if not address.startswith(("http://", "https://")):
            address += " (không rõ địa chỉ trang gốc: tìm ảnh trên trang cũ)"
        items.append(f"{n}) {address}{where}")
    count = len(missing)
    return (
        f"bài gốc có {count} ảnh không có trong thư mục đã lưu, chỉ có trên mạng: "
        + "; ".join(items)
        + ". Tải ảnh về, đặt vào thư mục anh/ cạnh bài rồi chèn vào đúng chỗ trong bài "
        "(xem HUONG-DAN-VIET-BAI.md, mục Ảnh); có thể chọn một ảnh làm ảnh đại diện (image)"
    )


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
