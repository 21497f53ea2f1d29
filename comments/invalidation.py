"""Which public pages a change to comments makes stale (newsroom/pagecache.py).

A story's visible comments are shown under the key ``comments-<article id>`` (the thread
and its count, comments/templatetags/comments.py), and the home page's "most discussed"
box under ``discussed``. Only a change readers can see counts: a comment that becomes
visible, stops being visible, or is visible and changes. A reader's new comment waiting
for a moderator changes nothing public, so posting one makes nothing stale.

Every path is covered: save() and delete() (one instance, a queryset's delete(), the
admin's bulk actions, which moderate one comment at a time through services.py) by
the receivers below; QuerySet.update() (the PDPA commands) by CommentQuerySet.update.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from newsroom import pagecache

#: Fields a reader sees (or that decide what a reader sees) of a comment.
PUBLIC_FIELDS = frozenset({"article", "parent", "name", "body", "created_at", "status"})
#: Every thread shows it: the comment rules changed, or more stories closed at once than
#: are worth naming. Not "comments-all", which every approval changes too (a key's
#: family changes with it, newsroom/pagecache.py), so no page may show it.
RULES_KEY = "comment-rules"
#: The home page's "most discussed" box changes with every visible comment; it is made
#: stale at most this often (seconds).
DISCUSSED_AT_MOST_EVERY = 60


def comments_changed(article_ids: Iterable[int]) -> None:
    """The visible comments of these stories changed: after commit, their pages are stale."""
    keys = sorted({f"comments-{pk}" for pk in article_ids if pk is not None})
    if keys:
        pagecache.invalidate_keys(*keys)
        pagecache.invalidate_keys("discussed", at_most_every=DISCUSSED_AT_MOST_EVERY)


def comment_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    was_visible = instance.shown_before_save
    if not (instance.is_visible or was_visible):
        return  # pending, rejected or spam before and after: nobody sees it
    if (
        update_fields is not None
        and not PUBLIC_FIELDS.intersection(update_fields)
        and instance.is_visible == was_visible
    ):
        return  # only the moderator's bookkeeping changed
    comments_changed([instance.article_id])


def comment_deleted(sender, instance, **kwargs) -> None:
    if instance.is_visible or instance.shown_before_save:
        comments_changed([instance.article_id])


def policy_changed(sender, instance, **kwargs) -> None:
    """The rules changed (banned words aside, when comments close): every thread."""
    pagecache.reschedule()
    pagecache.invalidate_keys(RULES_KEY)


def _closing(start: datetime, end: datetime) -> set[str]:
    """Stories whose comments closed in (start, end]: their form gives way to a note."""
    from articles.models import Article

    from .models import CommentPolicy

    days = CommentPolicy.load().close_after_days
    if not days:
        return set()
    published = Article.objects.published().filter(
        published_at__gt=start - timedelta(days=days),
        published_at__lte=end - timedelta(days=days),
        comments_enabled=True,
    )
    ids = list(published.values_list("pk", flat=True)[: MOST_CLOSING_AT_ONCE + 1])
    if len(ids) > MOST_CLOSING_AT_ONCE:
        return {RULES_KEY}
    return {f"comments-{pk}" for pk in ids}


def _next_closing(now: datetime) -> datetime | None:
    from articles.models import Article

    from .models import CommentPolicy

    days = CommentPolicy.load().close_after_days
    if not days:
        return None
    first = (
        Article.objects.published()
        .filter(published_at__gt=now - timedelta(days=days), comments_enabled=True)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return first + timedelta(days=days) if first is not None else None


#: More stories than this closing at one moment: every thread is made stale.
MOST_CLOSING_AT_ONCE = 200

#: Comments close a set time after a story is published, without a save.
CLOSING = pagecache.Schedule(next_change=_next_closing, keys_changed=_closing)
