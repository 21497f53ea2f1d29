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

from collections.abc import Callable
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


class DateWriter:
    """What every filter here does, with the language and time zone read once, for the
    many dates of one part of a page (a thread's comments, three dates each): each read
    is a thread-local lookup, and they were a third of the time a comment took to
    write. Make one where the dates are written, in the language and time zone they
    are written in."""

    def __init__(self):
        self.thai = thai_active()
        self.zone = timezone.get_current_timezone()

    def local(self, value: datetime | date) -> datetime | date:
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(self.zone)  # what timezone.localtime() does
        return value

    def wall_clock(self, value: datetime | date) -> datetime | date:
        """The local date and time without its zone: newsroom.thai_dates takes a naive
        value as it is, where an aware one would be converted again."""
        value = self.local(value)
        return value.replace(tzinfo=None) if isinstance(value, datetime) else value

    def _write(self, value, thai: Callable, other: Callable) -> str:
        """Thai: ``thai`` of the local wall-clock time; otherwise ``other`` of the local
        time (Django's formats, which convert no further)."""
        return thai(self.wall_clock(value)) if self.thai else other(self.local(value))

    def long_date(self, value: Any) -> str:
        if not isinstance(value, date):
            return ""
        return self._write(value, long_thai_date, lambda v: dateformat.format(v, LONG_FORMAT))

    def short_date(self, value: Any) -> str:
        if not isinstance(value, date):
            return ""
        return self._write(value, short_thai_date, lambda v: dateformat.format(v, SHORT_FORMAT))

    def time_of_day(self, value: Any) -> str:
        if not isinstance(value, datetime | time):
            return ""
        return self._write(value, thai_time, lambda v: dateformat.time_format(v, TIME_FORMAT))

    def desk_date(self, value: Any) -> str:
        if not isinstance(value, date):
            return ""
        return self._write(value, medium_thai_date, lambda v: formats.date_format(v, "DATE_FORMAT"))

    def desk_datetime(self, value: Any) -> str:
        if not isinstance(value, datetime):
            return self.desk_date(value)
        return self._write(
            value, thai_datetime, lambda v: formats.date_format(v, "DATETIME_FORMAT")
        )

    def iso_datetime(self, value: Any) -> str:
        if not isinstance(value, datetime):
            return ""
        return self.local(value).replace(microsecond=0).isoformat()


@register.filter
def long_date(value: Any) -> str:
    """Full date with the weekday, for article pages."""
    return DateWriter().long_date(value)


@register.filter
def short_date(value: Any) -> str:
    """Compact date, for lists and cards."""
    return DateWriter().short_date(value)


@register.filter
def time_of_day(value: Any) -> str:
    """Clock time, for "updated at" lines. A plain date has no time: empty string."""
    return DateWriter().time_of_day(value)


@register.filter
def desk_date(value: Any) -> str:
    """A date in the desk's lists and records: ``12 ก.ย. 2565`` in Thai, the locale's
    DATE_FORMAT otherwise (as Django's admin shows it)."""
    return DateWriter().desk_date(value)


@register.filter
def desk_datetime(value: Any) -> str:
    """A date and time in the desk's lists and records: ``12 ก.ย. 2565 17:30 น.`` in Thai,
    the locale's DATETIME_FORMAT otherwise. A plain date is shown as :func:`desk_date`."""
    return DateWriter().desk_datetime(value)


@register.filter
def iso_datetime(value: Any) -> str:
    """ISO 8601 in local time to the second, for <time datetime> and meta tags (HTML
    allows at most three fraction digits; Django's ``c`` format prints six)."""
    return DateWriter().iso_datetime(value)
