"""``{% most_discussed %}``: the stories with the most approved comments lately, a piece
of its own in the page cache (newsroom/pagecache.py). Approvals make it stale at most
once a minute (key "discussed"), so they leave the pages around it cached."""

from datetime import timedelta

from django import template
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article
from comments.models import Comment
from newsroom import pagecache

register = template.Library()

MOST_DISCUSSED_DAYS = 3
MOST_DISCUSSED_SHOWN = 5
#: Comments age out of the window even when none are approved: re-counted this often.
MOST_DISCUSSED_SECONDS = 600


def most_discussed_stories() -> list[Article]:
    """Counted from the recent comments (their index), not from every story."""
    since = timezone.now() - timedelta(days=MOST_DISCUSSED_DAYS)
    counts = dict(
        Comment.objects.visible()
        .filter(created_at__gte=since)
        .values_list("article")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    stories = sorted(
        Article.objects.published()
        .filter(pk__in=counts)
        .select_related("section")
        .only("pk", "title", "slug", "published_at", "section__name"),
        key=lambda article: (-counts[article.pk], -article.published_at.timestamp()),
    )[:MOST_DISCUSSED_SHOWN]
    for article in stories:
        article.recent_comments = counts[article.pk]
    return stories


@register.simple_tag
def most_discussed() -> str:
    def render() -> str:
        stories = most_discussed_stories()
        pagecache.shows(None, "discussed", *(story.headline_key for story in stories))
        return render_to_string("comments/_most_discussed.html", {"most_commented": stories})

    return mark_safe(  # noqa: S308 our template
        pagecache.piece("discussed", render, seconds=MOST_DISCUSSED_SECONDS)
    )
