"""The portal's settings as plain data, built once per build from the validated ``mkdocs.yml``
(``config.settings_from``). Defaults live in the pure classes they configure (``UrlScheme``,
``RelatedConfig``, ``HomeOptions``) and in ``DEFAULTS`` below; the config options read them
from there, so each default is written once. No MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pages import UrlScheme
from .related import RelatedConfig


@dataclass(frozen=True)
class HomeOptions:
    latest: int = 10  # how many of the latest articles the home page lists
    per_category: int = 3  # how many articles each category's section shows


@dataclass(frozen=True)
class Settings:
    articles_dir: str = "tin-tuc"
    scheme: UrlScheme = UrlScheme()
    per_page: int = 20
    home: HomeOptions = HomeOptions()
    related: RelatedConfig = RelatedConfig()
    feed_items: int = 20
    publisher: str = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"
    fragment_cache: bool = True


DEFAULTS = Settings()
