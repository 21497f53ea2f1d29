"""Date filters that follow the active language: Buddhist era in Thai, Gregorian otherwise.

Usage::

    {% load thai_dates %}
    <time datetime="{{ d|iso_datetime }}">{{ d|long_date }}</time>

In Thai: ``วันจันทร์ที่ 12 กันยายน พ.ศ. 2565``, ``12 ก.ย. 65``, ``17:30 น.``; in English:
``Monday 12 September 2022``, ``12 Sep 2022``, ``17:30``. Django's own ``date`` filter
would print the Common-Era year in Thai, which Thai readers read as a mistake. Aware
datetimes are shown in the current time zone (Asia/Bangkok). Empty or non-date values
give an empty string, like Django's ``date`` filter, so a missing date never breaks a page.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import template
from django.conf import settings
from django.utils import dateformat, formats, timezone, translation

from newsroom.thai_dates import (
    long_thai_date,
    medium_thai_date,
    short_thai_date,
    thai_datetime,
    thai_time,
)

register = template.Library()

#: Gregorian formats (django.utils.dateformat) for languages other than Thai.
LONG_FORMAT = "l j F Y"
SHORT_FORMAT = "j M Y"
TIME_FORMAT = "H:i"


def thai_active() -> bool:
    """Whether the active language is Thai (``th``, ``th-th``...)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.lower().startswith("th")


def _local(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def long_date(value: Any) -> str:
    """Full date with the weekday, for article pages."""
    if not isinstance(value, date):
        return ""
    value = _local(value)
    if thai_active():
        return long_thai_date(value)
    return dateformat.format(value, LONG_FORMAT)


@register.filter
def short_date(value: Any) -> str:
    """Compact date, for lists and cards."""
    if not isinstance(value, date):
        return ""
    value = _local(value)
    if thai_active():
        return short_thai_date(value)
    return dateformat.format(value, SHORT_FORMAT)


@register.filter
def time_of_day(value: Any) -> str:
    """Clock time, for "updated at" lines. A plain date has no time: empty string."""
    if isinstance(value, datetime):
        value = _local(value)
    elif not isinstance(value, time):
        return ""
    if thai_active():
        return thai_time(value)
    return dateformat.time_format(value, TIME_FORMAT)


@register.filter
def desk_date(value: Any) -> str:
    """A date in the desk's lists and records: ``12 ก.ย. 2565`` in Thai, the locale's
    DATE_FORMAT otherwise (as Django's admin shows it)."""
    if not isinstance(value, date):
        return ""
    value = _local(value)
    if thai_active():
        return medium_thai_date(value)
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def desk_datetime(value: Any) -> str:
    """A date and time in the desk's lists and records: ``12 ก.ย. 2565 17:30 น.`` in Thai,
    the locale's DATETIME_FORMAT otherwise. A plain date is shown as :func:`desk_date`."""
    if not isinstance(value, datetime):
        return desk_date(value)
    value = _local(value)
    if thai_active():
        return thai_datetime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


@register.filter
def iso_datetime(value: Any) -> str:
    """ISO 8601 in local time to the second, for <time datetime> and meta tags (HTML
    allows at most three fraction digits; Django's ``c`` format prints six)."""
    if not isinstance(value, datetime):
        return ""
    return _local(value).replace(microsecond=0).isoformat()
