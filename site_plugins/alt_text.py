"""A Markdown extension: an image with no description (``![](anh/x.jpg)``) takes its figure's
caption, or else the page's title, as alt text, so no image reaches readers undescribed.

The plugin adds one instance to MkDocs' Markdown extensions and sets ``fallback`` to the
title of each page before it is rendered (pages are rendered one at a time).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE


class _FillAlt(Treeprocessor):
    def __init__(self, md: Markdown, extension: AltTextExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in root.iter("img"):
            if (img.get("alt") or "").strip():
                continue
            caption = None
            node = img
            while node in parents:
                node = parents[node]
                if node.tag == "figure":
                    figcaption = node.find("figcaption")
                    if figcaption is not None:
                        # Raw HTML in the caption is a stash placeholder here, which Markdown
                        # would put back verbatim even inside an attribute: drop it.
                        text = HTML_PLACEHOLDER_RE.sub("", "".join(figcaption.itertext()))
                        caption = " ".join(text.split())
                    break
            img.set("alt", caption or self.extension.fallback)


class AltTextExtension(Extension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fallback = ""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After the inline pass (priority 20) has made the <img> elements.
        md.treeprocessors.register(_FillAlt(md, self), "kc_alt_text", 4)
