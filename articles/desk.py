"""What the articles app shows on the desk (newsroom/desk.py): the reporter's drafts,
stories waiting for review, scheduled stories, recent corrections, and stories
published per day."""

from datetime import date, datetime

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from newsroom import desk

from .models import Article, Correction


def per_day(queryset, field: str, since: datetime, until: datetime) -> dict[date, int]:
    """``{day: n}`` of the rows whose ``field`` falls in [since, until], per local day."""
    rows = (
        queryset.filter(**{f"{field}__gte": since, f"{field}__lte": until})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(n=Count("pk"))
    )
    return {row["day"]: row["n"] for row in rows}


def panels(user) -> dict:
    review = Article.objects.filter(status=Article.Status.IN_REVIEW)
    if not user.has_perm("articles.edit_any_article"):
        review = review.filter(created_by=user)
    drafts = Article.objects.filter(created_by=user, status=Article.Status.DRAFT)
    return {
        "my_drafts": list(drafts.order_by("-updated_at")[:10]),
        "in_review": list(review.order_by("updated_at")[:10]),
        "scheduled": list(Article.objects.scheduled().order_by("published_at")[:10]),
        "corrections": list(
            Correction.objects.select_related("article").order_by("-created_at")[:5]
        ),
    }


def connect() -> None:
    desk.register_panel(panels)
    desk.register_series(
        desk.DailyCount(
            "published",
            _("Stories published"),
            lambda since, until: per_day(Article.objects.published(), "published_at", since, until),
        )
    )
