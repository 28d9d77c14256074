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
class Person:
    name: str
    title: str


@dataclass(frozen=True)
class Agency:
    """The agency that publishes the portal, as Decree 42/2022/NĐ-CP (Art. 4 and 7) asks a state
    portal to show it. ``sample``: the values are the repository's examples, shown marked as
    such ("Thông tin mẫu") until staff replace them."""

    name: str
    parent: str  # the body it belongs to (cơ quan chủ quản)
    address: str
    phone: str
    email: str
    responsible: Person  # the person responsible for the content
    name_en: str
    parent_en: str = ""
    address_en: str = ""
    logo: str = ""  # a file of the content folder ('assets/logo.svg'), or '' for none
    image: str = ""  # the default sharing image (og:image), a file of the content folder
    licence: str = ""  # "Giấy phép số …" when the portal has one
    hours: str = ""  # working hours
    map_url: str = ""
    fax: str = ""
    sample: bool = False


SAMPLE_AGENCY = Agency(
    name="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tỉnh Mẫu",
    parent="Sở Công Thương tỉnh Mẫu",
    address="Số 1 đường Mẫu, phường Mẫu, tỉnh Mẫu",
    phone="0200 000 0000",
    email="lienhe@example.org",
    responsible=Person("Nguyễn Văn Mẫu", "Giám đốc"),
    name_en="Industrial Extension and Development Consultancy Centre of Mau Province",
    sample=True,
)


@dataclass(frozen=True)
class Settings:
    articles_dir: str = "tin-tuc"
    scheme: UrlScheme = UrlScheme()
    per_page: int = 20
    home: HomeOptions = HomeOptions()
    related: RelatedConfig = RelatedConfig()
    feed_items: int = 20
    agency: Agency = SAMPLE_AGENCY
    fragment_cache: bool = True

    @property
    def publisher(self) -> str:
        return self.agency.name


DEFAULTS = Settings()
