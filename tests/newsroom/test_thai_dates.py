"""Buddhist-era dates: newsroom.thai_dates and the language-aware template filters."""

from datetime import UTC, date, datetime, time

import pytest
from django.template import Context, Template
from django.utils import dateformat, timezone, translation

from newsroom.templatetags.thai_dates import (
    DateWriter,
    iso_datetime,
    long_date,
    short_date,
    time_of_day,
)
from newsroom.thai_dates import (
    THAI_MONTHS,
    THAI_WEEKDAYS,
    buddhist_year,
    long_thai_date,
    short_thai_date,
    thai_time,
)

MONDAY_12_SEPT_2022 = date(2022, 9, 12)
# 17:30 UTC on Sunday the 11th is 00:30 on Monday the 12th in Bangkok (UTC+7).
SUNDAY_EVENING_UTC = datetime(2022, 9, 11, 17, 30, tzinfo=UTC)


def test_long_thai_date_has_weekday_day_month_and_buddhist_year():
    assert long_thai_date(MONDAY_12_SEPT_2022) == "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565"


def test_short_thai_date_has_abbreviated_month_and_two_digit_buddhist_year():
    assert short_thai_date(MONDAY_12_SEPT_2022) == "12 ก.ย. 65"


def test_buddhist_year_is_common_era_plus_543():
    assert buddhist_year(date(2022, 1, 1)) == 2565
    assert buddhist_year(date(1957, 6, 1)) == 2500


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1957, 3, 4), "4 มี.ค. 00"),  # BE 2500
        (date(1962, 3, 4), "4 มี.ค. 05"),  # BE 2505: zero-padded
        (date(2005, 3, 4), "4 มี.ค. 48"),
    ],
)
def test_short_thai_date_year_is_zero_padded_last_two_digits(value, expected):
    assert short_thai_date(value) == expected


def test_aware_utc_datetime_is_shown_on_the_bangkok_day():
    """2022-09-11T17:30Z is already Monday the 12th for readers in Thailand."""
    assert long_thai_date(SUNDAY_EVENING_UTC) == "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565"
    assert short_thai_date(SUNDAY_EVENING_UTC) == "12 ก.ย. 65"
    assert thai_time(SUNDAY_EVENING_UTC) == "00:30 น."


def test_aware_datetime_follows_the_current_time_zone_not_a_fixed_one():
    with timezone.override("UTC"):
        assert long_thai_date(SUNDAY_EVENING_UTC) == "วันอาทิตย์ที่ 11 กันยายน พ.ศ. 2565"
        assert thai_time(SUNDAY_EVENING_UTC) == "17:30 น."


def test_new_year_boundary_changes_the_buddhist_year_in_bangkok():
    """18:00Z on 31 December is 1 January in Bangkok: the BE year moves on too."""
    new_year = datetime(2022, 12, 31, 18, 0, tzinfo=UTC)
    assert long_thai_date(new_year) == "วันอาทิตย์ที่ 1 มกราคม พ.ศ. 2566"
    assert short_thai_date(new_year) == "1 ม.ค. 66"


def test_naive_datetime_is_taken_as_it_is():
    """A naive value is not shifted by seven hours: 23:59 on Sunday stays Sunday."""
    naive = datetime(2022, 9, 11, 23, 59)
    assert long_thai_date(naive) == "วันอาทิตย์ที่ 11 กันยายน พ.ศ. 2565"
    assert thai_time(naive) == "23:59 น."


def test_plain_date_input_is_accepted():
    assert long_thai_date(date(2024, 2, 29)) == "วันพฤหัสบดีที่ 29 กุมภาพันธ์ พ.ศ. 2567"
    assert short_thai_date(date(2024, 2, 29)) == "29 ก.พ. 67"


@pytest.mark.parametrize(
    ("month", "full", "abbr"),
    [
        (1, "มกราคม", "ม.ค."),
        (2, "กุมภาพันธ์", "ก.พ."),
        (3, "มีนาคม", "มี.ค."),
        (4, "เมษายน", "เม.ย."),
        (5, "พฤษภาคม", "พ.ค."),
        (6, "มิถุนายน", "มิ.ย."),
        (7, "กรกฎาคม", "ก.ค."),
        (8, "สิงหาคม", "ส.ค."),
        (9, "กันยายน", "ก.ย."),
        (10, "ตุลาคม", "ต.ค."),
        (11, "พฤศจิกายน", "พ.ย."),
        (12, "ธันวาคม", "ธ.ค."),
    ],
)
def test_every_month_has_its_thai_full_and_abbreviated_name(month, full, abbr):
    value = date(2023, month, 5)
    assert f" 5 {full} พ.ศ. 2566" in long_thai_date(value)
    assert short_thai_date(value) == f"5 {abbr} 66"


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (12, "จันทร์"),
        (13, "อังคาร"),
        (14, "พุธ"),
        (15, "พฤหัสบดี"),
        (16, "ศุกร์"),
        (17, "เสาร์"),
        (18, "อาทิตย์"),
    ],
)
def test_every_weekday_has_its_thai_name(day, weekday):
    """12–18 September 2022 run from Monday to Sunday."""
    assert long_thai_date(date(2022, 9, day)) == f"วัน{weekday}ที่ {day} กันยายน พ.ศ. 2565"


def test_own_tables_agree_with_djangos_thai_locale_names():
    """The tables are our own, but the names must be the ones Django's th locale uses."""
    with translation.override("th"):
        django_months = [dateformat.format(date(2022, m, 1), "F") for m in range(1, 13)]
        django_weekdays = [dateformat.format(date(2022, 9, d), "l") for d in range(12, 19)]
    assert list(THAI_MONTHS) == django_months
    assert list(THAI_WEEKDAYS) == django_weekdays


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2022, 9, 12, 17, 30), "17:30 น."),
        (datetime(2022, 9, 12, 7, 5), "07:05 น."),
        (time(0, 0), "00:00 น."),
        (datetime(2022, 9, 12, 10, 30, tzinfo=UTC), "17:30 น."),
    ],
)
def test_thai_time_is_two_digit_hours_and_minutes_with_na(value, expected):
    assert thai_time(value) == expected


def test_thai_time_refuses_a_plain_date():
    with pytest.raises(TypeError):
        thai_time(date(2022, 9, 12))


TEMPLATE = Template(
    "{% load thai_dates %}{{ value|long_date }}|{{ value|short_date }}|{{ value|time_of_day }}"
)


def render(value):
    return TEMPLATE.render(Context({"value": value}))


def test_template_filters_in_thai_give_buddhist_era_in_bangkok_time():
    with translation.override("th"):
        assert render(SUNDAY_EVENING_UTC) == "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565|12 ก.ย. 65|00:30 น."


def test_template_filters_in_english_give_gregorian_dates_in_bangkok_time():
    with translation.override("en"):
        rendered = render(SUNDAY_EVENING_UTC)
    assert rendered == "Monday 12 September 2022|12 Sep 2022|00:30"
    assert "พ.ศ." not in rendered
    assert "2565" not in rendered


def test_template_filters_follow_a_regional_thai_language_code():
    with translation.override("th-th"):
        assert render(datetime(2022, 9, 12, 17, 30)) == (
            "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565|12 ก.ย. 65|17:30 น."
        )


def test_template_filters_accept_a_plain_date_and_give_no_time_for_it():
    with translation.override("th"):
        assert render(MONDAY_12_SEPT_2022) == "วันจันทร์ที่ 12 กันยายน พ.ศ. 2565|12 ก.ย. 65|"
    with translation.override("en"):
        assert render(MONDAY_12_SEPT_2022) == "Monday 12 September 2022|12 Sep 2022|"


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("value", [None, "", "2022-09-12"])
def test_template_filters_give_empty_string_for_missing_or_non_date_values(language, value):
    with translation.override(language):
        assert render(value) == "||"
        assert long_date(value) == short_date(value) == time_of_day(value) == ""


def test_template_filters_render_a_missing_context_variable_as_empty():
    with translation.override("th"):
        assert TEMPLATE.render(Context({})) == "||"


def test_a_date_writer_keeps_the_language_and_time_zone_it_was_made_in():
    """DateWriter (a thread's comments) reads them once: its dates are the filters'
    of that moment, whatever is active when it writes."""
    with translation.override("th"), timezone.override("Asia/Bangkok"):
        writer = DateWriter()
        expected = [
            (short_date(value), time_of_day(value), iso_datetime(value))
            for value in (SUNDAY_EVENING_UTC, MONDAY_12_SEPT_2022, None)
        ]
    with translation.override("en"), timezone.override("Europe/London"):
        written = [
            (writer.short_date(value), writer.time_of_day(value), writer.iso_datetime(value))
            for value in (SUNDAY_EVENING_UTC, MONDAY_12_SEPT_2022, None)
        ]
        assert short_date(SUNDAY_EVENING_UTC) == "11 Sep 2022"  # the filters follow
    assert written == expected
    assert written[0] == ("12 ก.ย. 65", "00:30 น.", "2022-09-12T00:30:00+07:00")
    assert written[1:] == [("12 ก.ย. 65", "", ""), ("", "", "")]
