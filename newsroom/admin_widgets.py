"""The desk's date boxes: they say which era they show, and read either era.

A date box shows its date in the Common Era, in the locale's first input format
(``06/12/2026`` in Thai), because that is what the admin's calendar writes into it and
what Django parses. Thai editors also think in the Buddhist era, so the box reads both:
a four-digit year from 2400 up is taken as Buddhist era and converted (``06/12/2569`` is
6 December 2026), and Thai digits are read too (newsroom.thai_dates.common_era_text).
No date a newsroom records falls after CE 2400 or before BE 2400 (CE 1857), so no typed
year can mean two dates. Beside the box, a hint names the format and the era it shows.
"""

from django import forms
from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    BaseAdminDateWidget,
    BaseAdminTimeWidget,
)
from django.utils import formats
from django.utils.translation import gettext, pgettext

from newsroom.thai_dates import common_era_text


def era_hint() -> str:
    """``วว/ดด/ปปปป ปี ค.ศ. (ใส่ปี พ.ศ. ก็ได้)``: the active locale's input format, spelled
    out, and the era the box shows."""
    shown = (
        formats.get_format("DATE_INPUT_FORMATS")[0]
        .replace("%d", pgettext("date format: day", "dd"))
        .replace("%m", pgettext("date format: month", "mm"))
        .replace("%Y", pgettext("date format: year", "yyyy"))
    )
    return gettext("%(format)s, year in the Common Era (a Buddhist-era year is also read)") % {
        "format": shown
    }


class EraDateInput(BaseAdminDateWidget):
    """The admin's date box (with its calendar), hinted, reading a Buddhist-era year too."""

    template_name = "newsroom/widgets/era_date_input.html"

    class Media:
        js = ["newsroom/js/calendar_era.js"]  # after the calendar's own scripts

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["era_hint"] = era_hint()
        if widget["attrs"].get("id"):
            widget["hint_id"] = f"{widget['attrs']['id']}_era"
            widget["attrs"]["aria-describedby"] = widget["hint_id"]
        return context

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return common_era_text(value) if isinstance(value, str) else value


class EraDateWidget(EraDateInput):
    """For a date field, in place of Django's AdminDateWidget (in the same paragraph)."""

    template_name = "newsroom/widgets/era_date.html"


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date-and-time boxes, each with a label a screen reader finds.

    Django writes "Date:" and "Time:" as bare text and its field label points at neither
    box (MultiWidget.id_for_label is empty, meant for a <fieldset>, which the admin's forms
    do not draw), so both boxes had no name. Here the field's label names the date box,
    joined by "Date:", and "Time:" names the time box.
    """

    template_name = "newsroom/widgets/split_datetime.html"

    class Media:
        css = {"all": ["newsroom/css/split_datetime.css"]}

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""


class EraSplitDateTime(LabelledSplitDateTime):
    """For a date-and-time field, in place of Django's AdminSplitDateTime: its two boxes,
    labelled, the date one hinted and reading either era."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [EraDateInput, BaseAdminTimeWidget], attrs)
