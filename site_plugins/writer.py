"""Writing article files: front-matter in the portal's field order, and a write that is atomic
and never replaces an existing file (``khuyencong new`` and ``khuyencong import`` share it).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .frontmatter import KNOWN

REVIEW = "CẦN KIỂM TRA"  # marks a field staff must check (an importer's guess)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # JSON strings are valid YAML double-quoted strings: every character survives.
    return json.dumps(str(value), ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items() if v) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _scalar(value)


def front_matter(fields: dict, review: dict[str, str] | None = None) -> str:
    """YAML front-matter (with its '---' lines) in the order of the article model.

    ``fields`` values are strings, booleans, lists or author/source mappings; a ``date`` or
    ``updated`` value is written bare (``2022-01``, ``2024-03-15T09:30:00+07:00``). Fields in
    ``review`` get a comment saying what to check.
    """
    review = review or {}
    lines = ["---"]
    order = [k for k in KNOWN if k in fields] + [k for k in fields if k not in KNOWN]
    for key in order:
        value = fields[key]
        if value is None or value == [] or value == "":
            if key not in review:
                continue
            value = ""
        text = str(value) if key in ("date", "updated") and value else _value(value)
        line = f"{key}: {text}"
        if key in review:
            line += f"  # {REVIEW}: {review[key]}"
        lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def article_text(fields: dict, body: str, review: dict[str, str] | None = None) -> str:
    return front_matter(fields, review) + "\n" + body.strip("\n") + "\n"


def write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically; raise FileExistsError if ``path`` exists.

    The text goes to a temporary file in the same folder first and is then linked into
    place, which fails if the name is taken: a crash leaves no half-written article and an
    existing one is never replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kc-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
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
