"""The admin's first page as the newsroom's desk: what needs doing, and a 30-day chart."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import admin
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CHART_DAYS = 30
CHART_HEIGHT = 100
BAR_WIDTH = 9
DAY_WIDTH = 2 * BAR_WIDTH + 4


@dataclass
class ChartDay:
    day: date
    published: int
    comments: int
    x: int = 0
    published_height: int = 0
    comments_height: int = 0


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


def lay_out(chart: list[ChartDay]) -> int:
    """Place the bars of the SVG; returns the tallest count (the chart's scale)."""
    tallest = max([1] + [max(d.published, d.comments) for d in chart])
    for n, entry in enumerate(chart):
        entry.x = n * DAY_WIDTH
        entry.published_height = round(CHART_HEIGHT * entry.published / tallest)
        entry.comments_height = round(CHART_HEIGHT * entry.comments / tallest)
    return tallest


def desk_context(user) -> dict:
    from articles.models import Article, Correction
    from comments.models import Comment

    chart = daily_counts()
    tallest = lay_out(chart)
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
        "chart_top": tallest,
        "chart_width": CHART_DAYS * DAY_WIDTH,
        "chart_height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "can_moderate": user.has_perm("comments.moderate_comment"),
    }


class DeskAdminSite(admin.AdminSite):
    site_header = site_title = _("Newsroom desk")
    index_template = "admin/desk_index.html"

    def index(self, request, extra_context=None):
        return super().index(request, {**desk_context(request.user), **(extra_context or {})})
