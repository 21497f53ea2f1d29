"""The desk's workflow actions: which a user may take on a story, and what each does.

The story form offers them as buttons (articles/admin_workflow.py). An action only sets
the story's status, times and note on the instance; the admin saves it together with
the writer's edits, and records the move (services.status_change_record), so one save
holds both. Who may do what rests on services.can_edit and services.can_publish, the
same rules as the list actions.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Article

STATUS = Article.Status


class Action(models.TextChoices):
    SUBMIT = "submit", gettext_lazy("Submit for review")
    PUBLISH = "publish", gettext_lazy("Publish now")
    SCHEDULE = "schedule", gettext_lazy("Schedule")
    SEND_BACK = "send_back", gettext_lazy("Send back with a note")
    UNPUBLISH = "unpublish", gettext_lazy("Unpublish")


class State(models.TextChoices):
    """Where a story stands for readers, finer than its status: a published story with
    a publish time still to come is scheduled, one past its unpublish time has ended."""

    DRAFT = "draft", gettext_lazy("Draft")
    IN_REVIEW = "review", gettext_lazy("In review")
    SCHEDULED = "scheduled", gettext_lazy("Scheduled")
    PUBLIC = "public", gettext_lazy("Published")
    ENDED = "ended", gettext_lazy("Ended")
    UNPUBLISHED = "unpublished", gettext_lazy("Unpublished")


#: The actions each state offers, in the order the form shows their buttons.
ACTIONS_BY_STATE: dict[str, tuple[Action, ...]] = {
    State.DRAFT: (Action.SUBMIT, Action.PUBLISH, Action.SCHEDULE),
    State.IN_REVIEW: (Action.PUBLISH, Action.SCHEDULE, Action.SEND_BACK),
    State.SCHEDULED: (Action.PUBLISH, Action.SCHEDULE, Action.UNPUBLISH),
    State.PUBLIC: (Action.UNPUBLISH,),
    State.ENDED: (Action.UNPUBLISH,),
    State.UNPUBLISHED: (Action.PUBLISH, Action.SCHEDULE),
}
#: Actions a writer takes on their own story; every other one is an editor's decision.
WRITER_ACTIONS = {Action.SUBMIT}


def story_state(article: Article, now: datetime | None = None) -> State:
    now = now or timezone.now()
    if article.status == STATUS.PUBLISHED:
        if article.published_at is None or article.published_at > now:
            return State.SCHEDULED
        if article.unpublish_at is not None and article.unpublish_at <= now:
            return State.ENDED
        return State.PUBLIC
    return State(article.status)


def refusal(*, user, article: Article, action: str, now: datetime | None = None) -> str | None:
    """Why `user` may not take `action` on `article` (a new one if unsaved), or None."""
    if action not in Action.values:
        return _("That is not a workflow action.")
    action = Action(action)
    if action not in WRITER_ACTIONS and not services.can_publish(user):
        return _("Only an editor may do this: “%(action)s”.") % {"action": action.label}
    if article.pk is not None and not services.can_edit(user, article):
        return _("You may only submit your own drafts.")
    state = story_state(article, now)
    if action not in ACTIONS_BY_STATE[state]:
        return _("“%(action)s” is not possible for a story in the state “%(state)s”.") % {
            "action": action.label,
            "state": state.label,
        }
    return None


def allowed_actions(*, user, article: Article, now: datetime | None = None) -> list[Action]:
    """The buttons the form shows `user` for `article`."""
    state = story_state(article, now)
    return [
        action
        for action in ACTIONS_BY_STATE[state]
        if refusal(user=user, article=article, action=action, now=now) is None
    ]


def check_action(*, user, article: Article, action: str, now: datetime | None = None) -> None:
    reason = refusal(user=user, article=article, action=action, now=now)
    if reason is not None:
        raise PermissionDenied(reason)


def apply_action(
    *,
    article: Article,
    action: str,
    when: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """Set what `action` changes on the instance, unsaved (the admin saves it).

    Publishing now keeps an earlier publish time (a story put back up keeps its date)
    but never a future one, and drops an unpublish time already past, so the story is
    on the site when the message says so.
    """
    now = now or timezone.now()
    action = Action(action)
    if action == Action.SUBMIT:
        article.status = STATUS.IN_REVIEW
    elif action == Action.PUBLISH:
        article.status = STATUS.PUBLISHED
        if article.published_at is None or article.published_at > now:
            article.published_at = now
        if article.unpublish_at is not None and article.unpublish_at <= now:
            article.unpublish_at = None
    elif action == Action.SCHEDULE:
        if when is None or when <= now:
            raise ValidationError(_("Choose a time still to come."), code="past")
        article.status = STATUS.PUBLISHED
        article.published_at = when
    elif action == Action.SEND_BACK:
        if not note.strip():
            raise ValidationError(_("Write a note saying what to change."), code="note")
        article.status = STATUS.DRAFT
        article.review_note = note.strip()
    elif action == Action.UNPUBLISH:
        article.status = STATUS.UNPUBLISHED
