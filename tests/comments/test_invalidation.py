"""What a change to comments makes stale: ``comments-<story>`` and ``discussed`` when
readers could see the change, nothing when they could not (a new pending comment)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments import services
from comments.models import Comment, CommentPolicy
from newsroom import pagecache
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def asked(monkeypatch):
    """What pagecache.invalidate_keys was asked for about comments: a list of (keys,
    at_most_every). The articles app's own calls (a story made for the test) are left
    out."""
    calls = []

    def invalidate_keys(*keys, at_most_every=None):
        if any(key.startswith("comments-") or key == "discussed" for key in keys):
            calls.append((keys, at_most_every))

    monkeypatch.setattr(pagecache, "invalidate_keys", invalidate_keys)
    return calls


def stale(*articles) -> list:
    keys = tuple(sorted(f"comments-{article.pk}" for article in articles))
    return [(keys, None), (("discussed",), 60)]


@pytest.fixture
def moderator():
    return make_staff("mod", perms=("comments.moderate_comment",))


def test_a_new_pending_comment_makes_nothing_stale(
    client, asked, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_comment(client, article).status_code == 302
    assert Comment.objects.get().status == Status.PENDING
    assert asked == []


def test_a_bot_caught_by_a_trap_makes_nothing_stale(client, asked):
    post_comment(client, make_article(), website="http://spam.example")
    assert Comment.objects.get().status == Status.SPAM
    assert asked == []


def test_a_trusted_commenters_comment_published_at_once_makes_the_story_stale(client, asked):
    CommentPolicy.objects.create(pk=1, auto_approve_after=1)
    article = make_article()
    make_comment(article, email="somchai@example.com")
    asked.clear()
    post_comment(client, article)
    assert Comment.objects.latest("pk").status == Status.APPROVED
    assert asked == stale(article)


def test_approving_rejecting_and_undoing(asked, moderator):
    article = make_article()
    comment = make_comment(article, status=Status.PENDING)
    assert asked == []
    services.comment_moderate(comment=comment, moderator=moderator, action="approve")
    assert asked == stale(article)
    asked.clear()
    services.comment_moderate(comment=comment, moderator=moderator, action="spam")
    assert asked == stale(article)
    asked.clear()
    services.comment_undo(comment=comment, moderator=moderator)  # back to approved
    assert Comment.objects.get().status == Status.APPROVED
    assert asked == stale(article)


def test_deciding_a_comment_nobody_sees_makes_nothing_stale(asked, moderator):
    comment = make_comment(make_article(), status=Status.PENDING)
    services.comment_moderate(comment=comment, moderator=moderator, action="reject", reason="abuse")
    services.comment_moderate(comment=comment, moderator=moderator, action="spam")
    assert asked == []


def test_editing_or_deleting_a_visible_comment(asked):
    article = make_article()
    comment = make_comment(article)
    asked.clear()
    comment.body = "แก้ไขแล้ว"
    comment.save()
    assert asked == stale(article)
    asked.clear()
    Comment.objects.get(pk=comment.pk).delete()
    assert asked == stale(article)


def test_moderator_bookkeeping_on_a_visible_comment_makes_nothing_stale(asked):
    comment = make_comment(make_article())
    asked.clear()
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["moderated_at"])
    assert asked == []


def test_editing_or_deleting_a_pending_comment_makes_nothing_stale(asked):
    comment = make_comment(make_article(), status=Status.PENDING)
    comment.body = "แก้ไขแล้ว"
    comment.save()
    comment.delete()
    assert asked == []


def test_the_admins_bulk_approval_makes_each_story_stale(asked, moderator):
    one, two = make_article(), make_article()
    comments = [make_comment(one, status=Status.PENDING), make_comment(two, status=Status.PENDING)]
    client = Client()
    client.force_login(moderator)
    response = client.post(
        "/admin/comments/comment/?queue=all",
        {"action": "approve_selected", "_selected_action": [c.pk for c in comments], "index": 0},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(status=Status.APPROVED).count() == 2
    assert asked == stale(one) + stale(two)


def test_a_queryset_update_reports_the_stories_it_changes(asked):
    one, two, untouched = make_article(), make_article(), make_article()
    make_comment(one, status=Status.PENDING)
    make_comment(two, status=Status.PENDING)
    make_comment(untouched)
    asked.clear()
    Comment.objects.filter(article__in=[one, two]).update(status=Status.APPROVED)
    assert asked == stale(one, two)
    asked.clear()
    Comment.objects.filter(article=one).update(status=Status.REJECTED)
    assert asked == stale(one)
    asked.clear()
    Comment.objects.filter(article=one).update(body="ซ่อนอยู่แล้ว")  # rejected: unseen
    Comment.objects.filter(article=two).update(moderated_at=timezone.now())  # not shown
    assert asked == []


def test_a_queryset_delete_reports_each_visible_comment(asked):
    article = make_article()
    make_comment(article)
    make_comment(article, status=Status.PENDING)
    asked.clear()
    Comment.objects.filter(article=article).delete()
    assert asked == stale(article)


def run(*args):
    call_command(*args, stdout=StringIO())


def test_forgetting_a_commenter_makes_their_stories_stale(asked):
    article, other = make_article(), make_article()
    make_comment(article, email="leaver@example.com")
    make_comment(other, email="leaver@example.com", status=Status.PENDING)
    asked.clear()
    run("forget_commenter", "--email", "leaver@example.com", "--anonymise")
    assert asked == stale(article)
    assert Comment.objects.filter(email__endswith="@anonymised.invalid").count() == 2
    asked.clear()
    run("forget_commenter", "--email", "someone@example.com")
    assert asked == []


def test_forgetting_a_commenter_by_deleting(asked):
    article = make_article()
    theirs = make_comment(article, email="leaver@example.com")
    make_comment(article, parent=theirs, email="other@example.com")
    asked.clear()
    run("forget_commenter", "--email", "leaver@example.com")
    assert set(asked) == set(stale(article))


def test_purging_refused_comments_makes_stale_only_where_a_reply_is_freed(asked):
    from datetime import timedelta

    article, quiet = make_article(), make_article()
    old = timezone.now() - timedelta(days=40)
    refused = make_comment(article, status=Status.REJECTED)
    make_comment(article, parent=refused)  # approved, hidden under a refused comment
    make_comment(quiet, status=Status.SPAM)
    Comment.objects.filter(status__in=[Status.REJECTED, Status.SPAM]).update(created_at=old)
    asked.clear()
    run("purge_comments", "--older-than-days", "30")
    assert asked == stale(article)


def test_the_real_invalidation_waits_for_the_commit(django_capture_on_commit_callbacks, moderator):
    comment = make_comment(make_article(), status=Status.PENDING)
    with django_capture_on_commit_callbacks() as callbacks:
        services.comment_moderate(comment=comment, moderator=moderator, action="approve")
    assert callbacks  # pagecache.invalidate_keys runs after the commit
