"""Writing article files: front-matter in the portal's field order, and a write that is atomic
and never replaces an existing file (``khuyencong new`` and ``khuyencong import`` share it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .frontmatter import FIELD, FIELDS, write_value

REVIEW = "CẦN KIỂM TRA"  # marks a field staff must check (an importer's guess)


def front_matter(fields: dict, review: dict[str, str] | None = None) -> str:
    """YAML front-matter (with its '---' lines) in the order of the schema (``FIELDS``).

    ``fields`` values are strings, booleans, lists or author/source mappings; each is written
    the way its field declares (a ``date`` or ``updated`` bare: ``2022-01``,
    ``2024-03-15T09:30:00+07:00``). Fields in ``review`` get a comment saying what to check.
    """
    review = review or {}
    lines = ["---"]
    order = [f.name for f in FIELDS if f.name in fields] + [k for k in fields if k not in FIELD]
    for key in order:
        value = fields[key]
        if value is None or value == [] or value == "":
            if key not in review:
                continue
            text = '""'
        else:
            text = FIELD[key].write(value) if key in FIELD else write_value(value)
        line = f"{key}: {text}"
        if key in review:
            line += f"  # {REVIEW}: {review[key]}"
        lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def article_text(fields: dict, body: str, review: dict[str, str] | None = None) -> str:
    return front_matter(fields, review) + "\n" + body.strip("\n") + "\n"


def write_new(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, LF) to ``path``; see ``write_new_bytes``."""
    write_new_bytes(path, [text.encode("utf-8")])


def write_new_bytes(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` atomically; raise FileExistsError if ``path`` exists.

    The bytes go to a temporary file in the same folder first and are then linked into
    place, which fails if the name is taken: a crash leaves no half-written file and an
    existing one is never replaced. The file gets the usual permissions (0644 under a normal
    umask). ``khuyencong new`` and the importer (articles and photos) share it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kc-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; staff files are 0644 as usual
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)  # atomic, and refuses an existing name
        except (OSError, NotImplementedError) as exc:
            if isinstance(exc, FileExistsError):
                raise
            # No hard links on this file system: exclusive create, then rename over it.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
