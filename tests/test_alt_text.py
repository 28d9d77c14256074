"""Images without a description take their figure's caption, else the page title."""

from __future__ import annotations

import markdown
import pytest

from site_plugins.alt_text import AltTextExtension

EXTENSIONS = ["pymdownx.blocks.caption", "pymdownx.blocks.html", "attr_list", "md_in_html"]


@pytest.mark.parametrize(
    ("source", "alt"),
    [
        (
            "![](a.jpg)\n\n/// caption\nĐoàn chụp hình <b>lưu niệm</b>\n///\n",
            "Đoàn chụp hình lưu niệm",
        ),
        ("![](a.jpg)\n", "Tiêu đề bài"),
        ("![Mô tả riêng](a.jpg)\n\n/// caption\nChú thích\n///\n", "Mô tả riêng"),
        ("![  ](a.jpg)\n", "Tiêu đề bài"),
        (
            '![](a.jpg)\n\n/// caption\nẢnh <span title="x">"đẹp"</span>\n///\n',
            "Ảnh &quot;đẹp&quot;",
        ),
    ],
)
def test_alt_text(source, alt):
    ext = AltTextExtension()
    ext.fallback = "Tiêu đề bài"
    html = markdown.markdown(source, extensions=[*EXTENSIONS, ext])
    assert f'alt="{alt}"' in html
