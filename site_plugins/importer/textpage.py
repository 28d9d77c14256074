"""Reading text copied from a portal (one paragraph per line, as the seeds are) into a
``Page``."""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, Page
from .reading import ImportFailure, squash


def text_page(text: str, source: Path) -> Page:
    """Each non-empty line is a block; nothing is known from markup."""
    blocks = [Block(line) for line in (squash(x) for x in text.split("\n")) if line]
    if not blocks:
        raise ImportFailure(source, "tệp trống, không có nội dung để nhập.")
    return Page(blocks, structured=False)
