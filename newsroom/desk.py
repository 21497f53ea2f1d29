"""The admin's first page as the newsroom's desk: what needs doing, and a 30-day chart.

The desk is the core's; what it shows comes from the apps, which plug in from their
``AppConfig.ready()``: :func:`register_panel` for the lists and counts of their panels
(templates/admin/desk_index.html), :func:`register_series` for a chart of a daily count.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHART_DAYS = 30
# The SVG's own units (viewBox); the page stretches it to the panel's width, so a bar is
# DAY_WIDTH - BAR_GAP units wide whatever the screen.
CHART_HEIGHT = 100
DAY_WIDTH = 10
BAR_GAP = 2

#: Each returns context for the desk's panels, for this user.
_panels: list[Callable[..., dict]] = []


@dataclass
class DailyCount:
    """A chart an app gives the desk: ``count(since, until)`` is ``{day: n}`` per
    Bangkok day in that span."""

    name: str  # CSS class of its bars
    title: str
    count: Callable[[datetime, datetime], dict[date, int]]


_series: list[DailyCount] = []


def register_panel(context: Callable[..., dict]) -> None:
    _panels.append(context)


def register_series(series: DailyCount) -> None:
    _series.append(series)


@dataclass
class Bar:
    day: date
    value: int
    x: int
    y: int
    height: int


@dataclass
class Series:
    """One small chart: one count per day on its own scale (its own maximum), so a
    handful of stories a day is not flattened by hundreds of comments."""

    name: str  # CSS class of its bars
    title: str
    top: int
    total: int
    bars: list[Bar]

    @property
    def summary(self) -> str:
        return gettext("most in a day: %(top)s · 30-day total: %(total)s") % {
            "top": self.top,
            "total": self.total,
        }


def chart_days(days: int = CHART_DAYS) -> list[date]:
    today = timezone.localdate()
    return [today - timedelta(days=days - 1 - n) for n in range(days)]


def lay_out(days: list[date], values: list[int]) -> tuple[int, list[Bar]]:
    """Place one series' bars; the tallest day fills the chart's height. A day with any
    count keeps at least one unit of height, so it never looks like a zero."""
    top = max(values, default=0)
    bars = []
    for n, (day, value) in enumerate(zip(days, values, strict=True)):
        height = max(1, round(CHART_HEIGHT * value / top)) if value else 0
        bars.append(Bar(day, value, n * DAY_WIDTH + BAR_GAP // 2, CHART_HEIGHT - height, height))
    return top, bars


def chart(days: list[date]) -> list[Series]:
    since = timezone.make_aware(datetime.combine(days[0], datetime.min.time()))
    charts = []
    for daily in _series:
        counts = daily.count(since, timezone.now())
        top, bars = lay_out(days, [counts.get(day, 0) for day in days])
        charts.append(Series(daily.name, str(daily.title), top, sum(counts.values()), bars))
    return charts


def desk_context(user) -> dict:
    days = chart_days()
    series = chart(days)
    context = {
        "chart_series": series,
        # The table under the charts: a row a day, a column a series.
        "chart_rows": [
            (day, [charted.bars[n].value for charted in series]) for n, day in enumerate(days)
        ],
        "chart_dates": [days[0], days[len(days) // 2], days[-1]],
        "chart_width": CHART_DAYS * DAY_WIDTH,
        "chart_height": CHART_HEIGHT,
        "bar_width": DAY_WIDTH - BAR_GAP,
    }
    for panel in _panels:
        context.update(panel(user))
    return context


class DeskAdminSite(admin.AdminSite):
    """The admin site, its index the desk. Its list of apps (index and side bar) begins
    with the newsroom's own, in the order their AppConfigs ask for (``desk_position``,
    smallest first: stories first); Django's and the packages' (users, login protection),
    which have none, come after, by name."""

    site_header = site_title = _("Newsroom desk")
    index_template = "admin/desk_index.html"

    def get_app_list(self, request, app_label=None):
        def position(app: dict) -> tuple[float, str]:
            config = apps.get_app_config(app["app_label"])
            return getattr(config, "desk_position", math.inf), app["name"].lower()

        return sorted(super().get_app_list(request, app_label), key=position)

    def index(self, request, extra_context=None):
        return super().index(request, {**desk_context(request.user), **(extra_context or {})})
