"""A per-build cache of template fragments that are the same on many pages.

Material renders its navigation sidebar and tabs for every page. For a page outside the nav
(every article and list of this portal) no nav item is active, and the only thing that varies
is each link's relative URL, which is fixed by the page's depth and by how many leading
folders it shares with each link's target. The wrapper templates below, put in front of the
theme by the plugin, render each fragment once per such key and otherwise include the
theme's own partial (reached as "material/partials/…", so a custom_dir override still
applies). The output is byte for byte the theme's (tests/test_news.py checks it). No MkDocs
imports: the template passes page and nav in.
"""

from __future__ import annotations

CACHED_PARTIALS = ("partials/nav.html", "partials/tabs.html")

_WRAPPER = """\
{%- set kc_key = kc_fragments.key("NAME", page, nav) -%}
{%- if kc_key is none -%}
  {% include "material/NAME" %}
{%- else -%}
  {%- set kc_html = kc_fragments.get(kc_key) -%}
  {%- if kc_html is none -%}
    {%- set kc_html -%}{% include "material/NAME" %}{%- endset -%}
    {{- kc_fragments.put(kc_key, kc_html) -}}
  {%- else -%}
    {{- kc_html -}}
  {%- endif -%}
{%- endif -%}
"""


def wrappers() -> dict[str, str]:
    """Template sources that replace the cached partials."""
    return {name: _WRAPPER.replace("NAME", name) for name in CACHED_PARTIALS}


def _folders(url: str) -> tuple[str, ...]:
    """The folders of a page URL: 'the/ccn/' -> ('the', 'ccn'); 'a/b.html' -> ('a',)."""
    return tuple(p for p in url.split("/")[:-1] if p)


class FragmentCache:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._fragments: dict[tuple, str] = {}
        self._targets: list[tuple[str, ...]] | None = None

    def key(self, name: str, page, nav) -> tuple | None:
        """The cache key of fragment ``name`` on ``page``, or None when it must be rendered."""
        if not self.enabled or page is None or nav is None or page.parent is not None:
            return None
        if any(p is page for p in nav.pages):  # in the nav: its own item is active
            return None
        if self._targets is None:
            urls = [p.url for p in nav.pages]
            if nav.homepage is not None:
                urls.append(nav.homepage.url)
            self._targets = [_folders(u) for u in urls]
        here = _folders(page.url)
        shared = tuple(_common(here, t) for t in self._targets)
        return (name, len(here), shared)

    def base_key(self, name: str, page, base_url: str) -> tuple | None:
        """Key of a fragment whose only page-dependent input is ``base_url`` (Material's
        ``config`` script: its one other URL is under assets/, reached as base_url + path)."""
        if not self.enabled or page is None or page.url.startswith("assets/"):
            return None
        return (name, base_url)

    def get(self, key: tuple) -> str | None:
        return self._fragments.get(key)

    def put(self, key: tuple, html: str) -> str:
        self._fragments[key] = html
        return html


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
