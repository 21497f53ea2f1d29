"""Django's admin in Thai all the way: what its message catalogues cannot translate.

Django's admin builds some of what it shows in code no catalogue reaches. :func:`install`
changes those few places, once, from the admin's AppConfig.ready() (newsroom/apps.py),
before any ModelAdmin is made:

- Dates and times in lists, read-only fields and the date hierarchy: Django formats them
  with the locale's DATETIME_FORMAT, and a format string cannot add 543 to a year, so
  Thai readers got Common Era years. The admin's display functions are wrapped to show
  them as the desk does everywhere (``6 ธ.ค. 2569 14:30 น.``: newsroom/templatetags/
  thai_dates.py); other languages keep Django's formats.
- Yes/no icons: Django writes the Python words "True"/"False" as their alt text.
- Date boxes: they name their era and read a Buddhist-era year too (admin_widgets.py).
- The link rows of many-to-many fields (an article's people), listed when something is
  deleted: Django names them from Python names ("article-person relationship",
  "Article_people object (2)").
"""

from datetime import date

from django.apps import apps
from django.contrib.admin import helpers, options, utils
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.http import QueryDict
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from newsroom import admin_widgets
from newsroom.templatetags.thai_dates import desk_date, desk_datetime, thai_active
from newsroom.thai_dates import BUDDHIST_ERA_OFFSET, THAI_MONTHS

_django = {
    "display_for_field": utils.display_for_field,
    "display_for_value": utils.display_for_value,
    "date_hierarchy": admin_list.date_hierarchy,
}


def display_for_field(value, field, empty_value_display, avoid_link=False):
    """Django's, with the desk's dates in Thai."""
    if thai_active() and value is not None and not getattr(field, "flatchoices", None):
        if isinstance(field, models.DateTimeField):
            return desk_datetime(value)
        if isinstance(field, models.DateField):
            return desk_date(value)
    return _django["display_for_field"](value, field, empty_value_display, avoid_link)


def display_for_value(value, empty_value_display, boolean=False):
    """Django's, with the desk's dates in Thai (a method of a ModelAdmin returning one)."""
    if thai_active() and not boolean and isinstance(value, date):
        return desk_datetime(value)  # a datetime is a date too: desk_datetime shows both
    return _django["display_for_value"](value, empty_value_display, boolean)


def boolean_icon(value):
    """Django's yes/no/unknown icon, with its alt text in the desk's language."""
    # Django's own messages, translated by its catalogue (and locale_thirdparty/).
    name, alt = {True: ("yes", "Yes"), False: ("no", "No"), None: ("unknown", "Unknown")}[value]
    return format_html(
        '<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), gettext(alt)
    )


def date_hierarchy(changelist):
    """Django's year and month links above a list, titled with Buddhist-era years in Thai.

    Each link carries the year (and month) it opens, so its title is made from those;
    links to a day already show no year.
    """
    hierarchy = _django["date_hierarchy"](changelist)
    if not hierarchy or not thai_active():
        return hierarchy
    field = changelist.date_hierarchy
    for entry in [hierarchy.get("back"), *hierarchy.get("choices", [])]:
        if not entry or "link" not in entry:
            continue
        lookups = QueryDict(entry["link"].lstrip("?"))
        year, month = lookups.get(f"{field}__year"), lookups.get(f"{field}__month")
        if not year or lookups.get(f"{field}__day"):
            continue
        be_year = int(year) + BUDDHIST_ERA_OFFSET
        entry["title"] = f"{THAI_MONTHS[int(month) - 1]} {be_year}" if month else str(be_year)
    return hierarchy


LINK = gettext_lazy("link between {first} and {second}")
LINKS = gettext_lazy("links between {first} and {second}")


def name_link_rows() -> None:
    """Name the rows of Django's automatic many-to-many tables after both sides, in the
    desk's language: "ข่าว – บุคคล", and a row "สภาผ่านงบ – ชัชชาติ สิทธิพันธุ์"."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        ends = [field for field in model._meta.fields if isinstance(field, models.ForeignKey)]
        if len(ends) != 2:
            continue
        first, second = (field.related_model._meta for field in ends)
        names = {"first": first.verbose_name, "second": second.verbose_name}
        model._meta.verbose_name = format_lazy(LINK, **names)
        model._meta.verbose_name_plural = format_lazy(LINKS, **names)
        model.__str__ = lambda row, ends=ends: " – ".join(
            str(getattr(row, field.name)) for field in ends
        )


def install() -> None:
    for module in (utils, admin_list, helpers):
        if hasattr(module, "display_for_field"):
            module.display_for_field = display_for_field
    for module in (utils, admin_list):
        module.display_for_value = display_for_value
    admin_list._boolean_icon = boolean_icon
    admin_list.date_hierarchy = date_hierarchy
    for field, widget in (
        (models.DateField, admin_widgets.EraDateWidget),
        (models.DateTimeField, admin_widgets.EraSplitDateTime),
    ):
        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[field]["widget"] = widget
    name_link_rows()
