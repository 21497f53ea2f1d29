"""Thai dates in the Buddhist era (พ.ศ.), as Thai readers expect them on a news site.

Django's ``th`` locale translates month names but never converts the year
(``12 กันยายน 2022``), so the site formats Thai dates here, with its own tables, whatever
language is active. Only display uses the Buddhist era: storage, ``<time datetime>``,
JSON-LD, feeds and sitemaps stay in ISO, Common Era.

Aware datetimes are first converted to the current time zone (Asia/Bangkok): an article
published at 2022-09-11T17:30Z appeared on Monday the 12th for its readers. Naive
datetimes and plain dates are taken as they are.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils import timezone

__all__ = [
    "BUDDHIST_ERA_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "buddhist_year",
    "common_era_text",
    "long_thai_date",
    "medium_thai_date",
    "short_thai_date",
    "thai_datetime",
    "thai_time",
]

#: Buddhist era year = Common Era year + 543.
BUDDHIST_ERA_OFFSET = 543

#: Month names, January first (index ``month - 1``).
THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

#: Abbreviated month names as printed in Thai newspapers, January first.
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

#: Weekday names, Monday first, matching ``date.weekday()`` (Monday == 0).
THAI_WEEKDAYS: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)


def _local(value: datetime | date) -> datetime | date:
    """Aware datetimes in the current time zone; naive datetimes and dates unchanged."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def buddhist_year(value: datetime | date) -> int:
    """The Buddhist-era year of ``value`` (after conversion to the local time zone)."""
    return _local(value).year + BUDDHIST_ERA_OFFSET


def long_thai_date(value: datetime | date) -> str:
    """Full date for article pages: ``วันจันทร์ที่ 12 กันยายน พ.ศ. 2565``."""
    value = _local(value)
    weekday = THAI_WEEKDAYS[value.weekday()]
    month = THAI_MONTHS[value.month - 1]
    year = value.year + BUDDHIST_ERA_OFFSET
    return f"วัน{weekday}ที่ {value.day} {month} พ.ศ. {year}"


def short_thai_date(value: datetime | date) -> str:
    """Compact date for lists and cards: ``12 ก.ย. 65`` (last two digits of the BE year)."""
    value = _local(value)
    month = THAI_MONTHS_ABBR[value.month - 1]
    year = (value.year + BUDDHIST_ERA_OFFSET) % 100
    return f"{value.day} {month} {year:02d}"


def thai_time(value: datetime | time) -> str:
    """Clock time for "updated at" lines: ``17:30 น.`` (น. = นาฬิกา, o'clock)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    elif not isinstance(value, time):
        raise TypeError(f"thai_time() needs a datetime or a time, not {type(value).__name__}")
    return f"{value.hour:02d}:{value.minute:02d} น."


def medium_thai_date(value: datetime | date) -> str:
    """Date for the desk's lists and records: ``12 ก.ย. 2565`` (the whole Buddhist-era year,
    as a record must be unambiguous in any decade)."""
    value = _local(value)
    month = THAI_MONTHS_ABBR[value.month - 1]
    return f"{value.day} {month} {value.year + BUDDHIST_ERA_OFFSET}"


def thai_datetime(value: datetime) -> str:
    """Date and time for the desk's lists and records: ``12 ก.ย. 2565 17:30 น.``."""
    return f"{medium_thai_date(value)} {thai_time(value)}"


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: The first year read as Buddhist era in typed dates. Nothing a newsroom dates is later
#: than CE 2400 or earlier than BE 2400 (CE 1857), so a four-digit year is never ambiguous.
FIRST_BUDDHIST_YEAR = 2400
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def common_era_text(text: str) -> str:
    """A typed date with its year in the Common Era: Thai digits become Arabic ones, and
    a four-digit year from 2400 up is a Buddhist-era year (``6/12/2569`` → ``6/12/2026``).
    The day, month and time of a date never reach four digits, so only years change."""

    def to_common_era(match: re.Match) -> str:
        year = int(match[0])
        return str(year - BUDDHIST_ERA_OFFSET) if year >= FIRST_BUDDHIST_YEAR else match[0]

    return _YEAR.sub(to_common_era, text.translate(THAI_DIGITS))
