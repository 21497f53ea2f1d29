"""What the comments app shows on the desk (newsroom/desk.py): the comments waiting for
a moderator, and comments received per day."""

from django.utils.translation import gettext_lazy as _

from articles.desk import per_day
from newsroom import desk

from .models import Comment


def panels(user) -> dict:
    waiting = Comment.objects.waiting_summary()
    return {
        "comments_waiting": waiting["count"],
        "oldest_waiting": waiting["oldest"],
        "can_moderate": user.has_perm("comments.moderate_comment"),
    }


def connect() -> None:
    desk.register_panel(panels)
    desk.register_series(
        desk.DailyCount(
            "comments",
            _("Comments received"),
            lambda since, until: per_day(Comment.objects.all(), "created_at", since, until),
        )
    )
