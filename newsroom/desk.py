"""The admin's first page as the newsroom's desk: what needs doing, and a 30-day chart."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import admin
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHART_DAYS = 30
# The SVG's own units (viewBox); the page stretches it to the panel's width, so a bar is
# DAY_WIDTH - BAR_GAP units wide whatever the screen.
CHART_HEIGHT = 100
DAY_WIDTH = 10
BAR_GAP = 2


@dataclass
class ChartDay:
    day: date
    published: int
    comments: int


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


def daily_counts(days: int = CHART_DAYS) -> list[ChartDay]:
    """Stories published and comments received per Bangkok day, oldest first."""
    from articles.models import Article
    from comments.models import Comment

    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    since = timezone.make_aware(timezone.datetime.combine(first, timezone.datetime.min.time()))

    def per_day(queryset, field):
        rows = (
            queryset.filter(**{f"{field}__gte": since, f"{field}__lte": timezone.now()})
            .annotate(day=TruncDate(field))
            .values("day")
            .annotate(n=Count("pk"))
        )
        return {row["day"]: row["n"] for row in rows}

    published = per_day(Article.objects.published(), "published_at")
    comments = per_day(Comment.objects.all(), "created_at")
    chart = [ChartDay(day=first + timedelta(days=n), published=0, comments=0) for n in range(days)]
    for entry in chart:
        entry.published = published.get(entry.day, 0)
        entry.comments = comments.get(entry.day, 0)
    return chart


def lay_out(chart: list[ChartDay], field: str) -> tuple[int, list[Bar]]:
    """Place one series' bars; the tallest day fills the chart's height. A day with any
    count keeps at least one unit of height, so it never looks like a zero."""
    values = [getattr(entry, field) for entry in chart]
    top = max(values, default=0)
    bars = []
    for n, (entry, value) in enumerate(zip(chart, values, strict=True)):
        height = max(1, round(CHART_HEIGHT * value / top)) if value else 0
        bars.append(
            Bar(entry.day, value, n * DAY_WIDTH + BAR_GAP // 2, CHART_HEIGHT - height, height)
        )
    return top, bars


def series(chart: list[ChartDay], field: str, name: str, title: str) -> Series:
    top, bars = lay_out(chart, field)
    return Series(name, title, top, sum(bar.value for bar in bars), bars)


def desk_context(user) -> dict:
    from articles.models import Article, Correction
    from comments.models import Comment

    chart = daily_counts()
    waiting = Comment.objects.waiting_summary()
    review = Article.objects.filter(status=Article.Status.IN_REVIEW)
    if not user.has_perm("articles.edit_any_article"):
        review = review.filter(created_by=user)
    return {
        "my_drafts": list(
            Article.objects.filter(created_by=user, status=Article.Status.DRAFT).order_by(
                "-updated_at"
            )[:10]
        ),
        "in_review": list(review.order_by("updated_at")[:10]),
        "scheduled": list(Article.objects.scheduled().order_by("published_at")[:10]),
        "corrections": list(
            Correction.objects.select_related("article").order_by("-created_at")[:5]
        ),
        "comments_waiting": waiting["count"],
        "oldest_waiting": waiting["oldest"],
        "chart": chart,
        "chart_series": [
            series(chart, "published", "published", gettext("Stories published")),
            series(chart, "comments", "comments", gettext("Comments received")),
        ],
        "chart_dates": [chart[0].day, chart[len(chart) // 2].day, chart[-1].day],
        "chart_width": CHART_DAYS * DAY_WIDTH,
        "chart_height": CHART_HEIGHT,
        "bar_width": DAY_WIDTH - BAR_GAP,
        "can_moderate": user.has_perm("comments.moderate_comment"),
    }


class DeskAdminSite(admin.AdminSite):
    site_header = site_title = _("Newsroom desk")
    index_template = "admin/desk_index.html"

    def index(self, request, extra_context=None):
        return super().index(request, {**desk_context(request.user), **(extra_context or {})})
