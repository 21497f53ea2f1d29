"""PDPA commands: forget one commenter on request; purge refused comments after N days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments.models import Comment, CommentReport, ModerationDecision
from tests.comments.helpers import make_comment
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

Status = Comment.Status


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_forget_commenter_deletes_their_comments_and_keeps_replies_by_others():
    article = make_article()
    theirs = make_comment(article, email="Leaver@Example.com", ip_hash="abc")
    make_comment(article, email="leaver@example.com", status=Status.PENDING)
    reply = make_comment(article, email="other@example.com", parent=theirs)
    CommentReport.objects.create(comment=theirs, reason="spam", reporter="r")
    output = run("forget_commenter", "--email", "LEAVER@example.com")
    assert "Deleted 2" in output
    assert not Comment.objects.filter(email__iexact="leaver@example.com").exists()
    reply.refresh_from_db()
    assert reply.parent is None
    assert not CommentReport.objects.exists()


def test_forget_commenter_can_anonymise_instead():
    article = make_article()
    comment = make_comment(article, name="สมศรี มีสุข", email="somsri@example.com", ip_hash="h")
    output = run("forget_commenter", "--email", "somsri@example.com", "--anonymise")
    assert "Anonymised 1" in output
    comment.refresh_from_db()
    assert comment.name != "สมศรี มีสุข" and "somsri" not in comment.email
    assert comment.ip_hash == "" and comment.body == "ความเห็นทดสอบ"


def test_forget_commenter_refuses_a_bad_address():
    with pytest.raises(CommandError, match="Not an email address"):
        run("forget_commenter", "--email", "nobody")


def test_purge_deletes_old_rejected_and_spam_only():
    article = make_article()
    old = timezone.now() - timedelta(days=40)
    keep = {
        make_comment(article, status=Status.APPROVED).pk,
        make_comment(article, status=Status.PENDING).pk,
        make_comment(article, status=Status.REJECTED).pk,  # too recent
    }
    gone = [
        make_comment(article, status=Status.REJECTED),
        make_comment(article, status=Status.SPAM),
    ]
    ModerationDecision.objects.create(
        comment=gone[0],
        moderator=make_staff("m"),
        from_status=Status.PENDING,
        to_status=Status.REJECTED,
        reason="abuse",
    )
    old_approved = make_comment(article, status=Status.APPROVED)
    keep.add(old_approved.pk)
    Comment.objects.filter(pk__in=[c.pk for c in gone] + [old_approved.pk]).update(created_at=old)
    output = run("purge_comments", "--older-than-days", "30")
    assert "Deleted 2" in output
    assert set(Comment.objects.values_list("pk", flat=True)) == keep
    assert not ModerationDecision.objects.exists()


def test_purge_refuses_a_bad_number():
    with pytest.raises(CommandError):
        run("purge_comments", "--older-than-days", "0")


def test_bad_input_exits_non_zero_with_one_line(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(
        [sys.executable, "manage.py", "forget_commenter", "--email", "nobody"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
