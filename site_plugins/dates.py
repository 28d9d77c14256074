"""Dates shown in Vietnamese through Babel, at the precision the article states."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime

from .model import Precision, PublishDate

LOCALE = "vi"


def format_publish_date(date: PublishDate) -> str:
    """The one style of article headers: 'Thứ Sáu, 16/09/2011, 09:12', 'Thứ Sáu, 24/02/2017'
    or 'Tháng 1/2022'."""
    return _format(date.moment, date.precision, False)


def format_short_date(date: PublishDate) -> str:
    """The one style of lists: '16/09/2011', or 'Tháng 1/2022' when only the month is known."""
    return _format(date.moment, date.precision, True)


# A date appears on many pages (its article, every list it is in): format each once.
@lru_cache(maxsize=65536)
def _format(moment: datetime, precision: Precision, short: bool) -> str:
    if precision is Precision.MONTH:
        return format_date(moment, "'Tháng' M/y", locale=LOCALE)
    if short:
        return format_date(moment, "dd/MM/y", locale=LOCALE)
    if precision is Precision.DAY:
        return format_date(moment, "EEEE, dd/MM/y", locale=LOCALE)
    return format_datetime(moment, "EEEE, dd/MM/y, HH:mm", locale=LOCALE)
