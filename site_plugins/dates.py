"""Dates shown in Vietnamese through Babel, at the precision the article states."""

from __future__ import annotations

from babel.dates import format_date, format_datetime

from .model import Precision, PublishDate

LOCALE = "vi"


def format_publish_date(date: PublishDate) -> str:
    """'Thứ Sáu, 16 tháng 9, 2011 lúc 09:12', 'Thứ Sáu, 24 tháng 2, 2017' or 'Tháng 1/2022'."""
    if date.precision is Precision.MONTH:
        return format_date(date.moment, "'Tháng' M/y", locale=LOCALE)
    if date.precision is Precision.DAY:
        return format_date(date.moment, "full", locale=LOCALE)
    return format_datetime(date.moment, "EEEE, d MMMM, y 'lúc' HH:mm", locale=LOCALE)


def format_short_date(date: PublishDate) -> str:
    """Compact form for lists: '16/09/2011 09:12', '24/02/2017' or 'Tháng 1/2022'."""
    if date.precision is Precision.MONTH:
        return format_publish_date(date)
    if date.precision is Precision.DAY:
        return format_date(date.moment, "dd/MM/y", locale=LOCALE)
    return format_datetime(date.moment, "HH:mm (dd/MM/y)", locale=LOCALE)
