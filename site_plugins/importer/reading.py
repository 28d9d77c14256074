"""Reading legacy files: bytes to NFC text, with the encodings old portals used.

Plain text is read whole (it is small); an HTML page is decoded in chunks, so a page of tens
of megabytes (inline scripts, embedded photos) is never held as one string.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from ..text import nfc

CHUNK = 1 << 20  # bytes decoded at a time
MAX_TEXT_BYTES = 5 << 20  # a copied article is a few kilobytes; 5 MB is not one article
MAX_HTML_BYTES = 200 << 20  # beyond this a saved page is a whole site, not one article

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class ImportFailure(Exception):
    """A file that cannot be imported; ``str()`` names the file and says why, in Vietnamese."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def normalise(text: str) -> str:
    """LF line ends, no invisible characters, NFC, odd spaces (U+00A0 …) as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(_INVISIBLE.sub("", text))


def clean_inline(text: str) -> str:
    """Text of one line of a page: NFC, no invisible characters, spaces squashed."""
    return squash(nfc(_INVISIBLE.sub("", text)))


def squash(text: str) -> str:
    return " ".join(text.split())


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB"


def _open(path: Path):
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise ImportFailure(path, "không tìm thấy tệp.") from None
    except IsADirectoryError:
        raise ImportFailure(path, "là một thư mục, không phải tệp.") from None
    except OSError as exc:
        raise ImportFailure(path, f"không đọc được tệp ({exc.strerror or exc}).") from None


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        raise ImportFailure(path, "không tìm thấy tệp.") from None
    except OSError as exc:
        raise ImportFailure(path, f"không đọc được tệp ({exc.strerror or exc}).") from None


def read_legacy(path: Path) -> str:
    """The whole file as text: UTF-8 (with or without BOM, or UTF-16 with BOM), else the
    charset an HTML page declares, else Windows-1258; NFC, LF line ends, no-break spaces as
    spaces.

    Raises ImportFailure (Vietnamese, naming the file) for a missing, empty, binary,
    undecodable or oversized file.
    """
    path = Path(path)
    size = file_size(path)
    if size > MAX_TEXT_BYTES:
        raise ImportFailure(
            path,
            f"tệp quá lớn ({_megabytes(size)}) cho một bài viết (văn bản một bài chỉ vài chục "
            "KB). Hãy tách riêng từng bài, hoặc lưu trang thành tệp .html.",
        )
    with _open(path) as f:
        raw = f.read()
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailure(path, "không đọc được: tệp UTF-16 bị hỏng.") from None
    elif not raw.strip():
        raise ImportFailure(path, "tệp trống, không có nội dung để nhập.")
    elif b"\x00" in raw:
        raise ImportFailure(path, _BINARY)
    else:
        text = raw.decode(_encoding(raw[:4096], [raw], path))
    text = normalise(text)
    if _CONTROL.search(text):
        raise ImportFailure(path, _CONTROL_CHARS)
    if not text.strip():
        raise ImportFailure(path, "tệp trống, không có nội dung để nhập.")
    return text


_BINARY = "không phải tệp văn bản (có byte 0); chỉ nhập được tệp .txt và .html."
_CONTROL_CHARS = "có ký tự điều khiển lạ: có lẽ không phải tệp văn bản hoặc sai bảng mã."


def _encoding(head: bytes, chunks, path: Path) -> str:
    """The encoding of the bytes in ``chunks`` (an iterable that can be walked again):
    UTF-8 if they all decode as UTF-8, else a charset the page declares, else Windows-1258."""
    error = _first_error(chunks, "utf-8-sig")
    if error is None:
        return "utf-8-sig"
    candidates = []
    if m := _META_CHARSET.search(head):
        try:
            declared = codecs.lookup(m[1].decode("ascii")).name
        except LookupError:
            declared = None
        if declared and declared not in ("utf-8", "cp1258"):
            candidates.append(declared)
    candidates.append("cp1258")
    for encoding in candidates:
        if _first_error(chunks, encoding) is None:
            return encoding
    position, byte = error
    raise ImportFailure(
        path,
        "không đọc được: tệp không phải UTF-8 cũng không phải Windows-1258 (byte "
        f"0x{byte:02X} ở vị trí {position}). Hãy mở tệp và lưu lại dạng UTF-8.",
    )


def _first_error(chunks, encoding: str) -> tuple[int, int] | None:
    """(position, byte) of the first byte ``encoding`` cannot decode, or None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    try:
        for chunk in chunks:
            decoder.decode(chunk)
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        position = offset + exc.start
        return position, exc.object[exc.start] if exc.start < len(exc.object) else 0
    return None


class _Chunks:
    """The file's bytes in chunks, walkable more than once (the file is read again)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[bytes]:
        with _open(self.path) as f:
            while chunk := f.read(CHUNK):
                yield chunk


def html_chunks(path: Path) -> Iterator[str]:
    """A saved page's text in chunks (decoded, invisible characters removed, not yet NFC:
    the page reader normalises each line), without holding the whole page in memory.

    Raises ImportFailure like ``read_legacy``, and for pages beyond MAX_HTML_BYTES.
    """
    path = Path(path)
    size = file_size(path)
    if size > MAX_HTML_BYTES:
        raise ImportFailure(
            path,
            f"tệp quá lớn ({_megabytes(size)}): một trang bài viết đã lưu thường dưới 10 MB. "
            "Có lẽ đây là cả một trang web hoặc tệp lưu trữ; hãy lưu riêng trang của từng bài.",
        )
    chunks = _Chunks(path)
    with _open(path) as f:
        head = f.read(4096)
    if not head.strip():
        raise ImportFailure(path, "tệp trống, không có nội dung để nhập.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        if _first_error(chunks, encoding) is not None:
            raise ImportFailure(path, "không đọc được: tệp UTF-16 bị hỏng.")
    else:
        for chunk in chunks:
            if b"\x00" in chunk:
                raise ImportFailure(path, _BINARY)
        encoding = _encoding(head, chunks, path)
    return _decoded(chunks, encoding, path)


def _decoded(chunks: _Chunks, encoding: str, path: Path) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending_cr = False
    for chunk in chunks:
        text = decoder.decode(chunk)
        if pending_cr:
            text = "\r" + text
        pending_cr = text.endswith("\r")
        if pending_cr:
            text = text[:-1]
        text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        if _CONTROL.search(text):
            raise ImportFailure(path, _CONTROL_CHARS)
        yield text
    tail = decoder.decode(b"", final=True) + ("\n" if pending_cr else "")
    if tail:
        yield tail
