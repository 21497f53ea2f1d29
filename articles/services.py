"""The editorial workflow: who may move a story where, and the records each move leaves.

The admin's forms and actions call these functions, so a forged request meets the same
rules as a click.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, Byline, Correction, Revision, StatusChange, Tag

# Statuses anyone who may write stories may set; the rest need publish_article.
WRITER_STATUSES = {Article.Status.DRAFT, Article.Status.IN_REVIEW}


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def can_edit(user, article: Article) -> bool:
    """Editors edit everything; a reporter edits their own drafts and stories in review."""
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status in WRITER_STATUSES


def check_status_allowed(*, user, status: str) -> None:
    if status not in WRITER_STATUSES and not can_publish(user):
        raise PermissionDenied(
            _("You may not set the status “%(status)s”: an editor publishes stories.")
            % {"status": Article.Status(status).label}
        )


def status_change_record(
    *, article: Article, user, from_status: str, note: str = ""
) -> StatusChange | None:
    if from_status == article.status:
        return None
    return StatusChange.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        changed_by=user,
        note=note,
    )


@transaction.atomic
def article_transition(
    *, article: Article, user, to_status: str, note: str = "", now: datetime | None = None
) -> StatusChange | None:
    """Move one story to another status (the admin's list actions)."""
    check_status_allowed(user=user, status=to_status)
    if to_status == Article.Status.IN_REVIEW and not can_edit(user, article):
        raise PermissionDenied(_("You may only submit your own drafts."))
    from_status = article.status
    article.status = to_status
    if to_status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = now or timezone.now()
    if note:
        article.review_note = note
    article.version += 1
    article.full_clean()
    article.save()
    change = status_change_record(article=article, user=user, from_status=from_status, note=note)
    revision_record(article=article, user=user)
    return change


def article_snapshot(article: Article) -> dict:
    """The fields a revision keeps, in a form JSON can hold."""
    return {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "unpublish_at": article.unpublish_at.isoformat() if article.unpublish_at else None,
        "bylines": [
            {"person": b.person_id, "name": str(b.person), "role": b.role}
            for b in article.bylines.select_related("person").order_by("position", "pk")
        ],
        "tags": sorted(article.tags.names()),
    }


def revision_record(*, article: Article, user) -> Revision:
    return Revision.objects.create(
        article=article, created_by=user, snapshot=article_snapshot(article)
    )


@transaction.atomic
def revision_restore(*, revision: Revision, user) -> Revision:
    """Put a story's text, bylines and tags back as they were; its status is kept."""
    if not user.has_perm("articles.edit_any_article"):
        raise PermissionDenied(_("Only an editor may restore a revision."))
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    old = revision.snapshot
    article.title, article.standfirst, article.body = old["title"], old["standfirst"], old["body"]
    article.section_id = old["section"]
    article.version += 1
    article.full_clean()
    article.save()
    article.bylines.all().delete()
    for position, byline in enumerate(old["bylines"]):
        Byline.objects.create(
            article=article, person_id=byline["person"], role=byline["role"], position=position
        )
    article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in old["tags"]])
    return revision_record(article=article, user=user)


def correction_add(
    *, article: Article, text: str, user, created_at: datetime | None = None
) -> Correction:
    """A dated correction; the story's modified time moves with it."""
    if not user.has_perm("articles.add_correction"):
        raise PermissionDenied(_("Only an editor may add corrections."))
    correction = Correction(
        article=article, text=text, created_by=user, created_at=created_at or timezone.now()
    )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
    return correction
