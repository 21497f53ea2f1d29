"""Comment workflows: posting (with every rule), moderating, undoing, reporting.

The public views, the admin actions and the management commands call these functions,
never the models' fields directly, so a rule holds whichever door a comment comes in by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from articles.models import Article

from . import rules
from .models import Comment, CommentPolicy, CommentReport, ModerationDecision

Status = Comment.Status
Flag = Comment.Flag
Reason = ModerationDecision.Reason

#: Session key holding the ids of the reader's own comments that wait for a decision.
#: newsroom/pagecache.py serves a fresh page to a reader whose session holds it.
PENDING_SESSION_KEY = "comments:pending"
#: Session key of a one-time notice (a report was received) shown on the next page.
NOTICE_SESSION_KEY = "comments:notice"
MAX_PENDING_IN_SESSION = 20

#: Flags that keep a comment for a moderator even when its author is trusted.
HOLDING_FLAGS = {Flag.LINKS, Flag.SUSPECT_WORD, Flag.DUPLICATE, Flag.POOR_HISTORY, Flag.TOO_FAST}
#: Of the bot checks' flags (Comment.BOT_FLAGS), those that only hold a comment: a fast
#: typist (or a reader pasting a text written beforehand) is a person often enough that
#: "too fast" alone sends nothing to spam. Any other bot flag does.
HOLD_ONLY_BOT_FLAGS = {Flag.TOO_FAST}
#: Of a commenter's recent decided comments, more than this share rejected: always held.
POOR_HISTORY_SHARE = 0.5
POOR_HISTORY_MIN_DECIDED = 2
POOR_HISTORY_LOOKBACK = 10

# Direction overrides and embeddings can make a comment read backwards or hide where its
# text starts; they have no use in Thai or English comments. Isolates are kept out too.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MODERATOR_ACTIONS = {
    "approve": (Status.APPROVED, Reason.APPROVED),
    "reject": (Status.REJECTED, None),
    "spam": (Status.SPAM, Reason.SPAM),
}


def hash_value(kind: str, value: str) -> str:
    """A salted hash (keyed by SECRET_KEY) of an address or session key: enough to
    recognise the same one again, useless for finding it out."""
    if not value:
        return ""
    return salted_hmac(f"comments.{kind}", value, algorithm="sha256").hexdigest()


def clean_text(text: str) -> str:
    """Reader text as stored: direction overrides removed, surrounding space stripped.
    NUL cannot be stored in PostgreSQL text: refuse it (the form already does)."""
    if "\x00" in text:
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
    return _BIDI_CONTROLS.sub("", text).strip()


def can_moderate(user: AbstractBaseUser | None) -> bool:
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.has_perm("comments.moderate_comment"))
    )


def comment_post(
    *,
    article: Article,
    parent: Comment | None,
    name: str,
    email: str,
    body: str,
    ip: str,
    session: SessionBase | None,
    now: datetime | None = None,
    bot_signals: Sequence[str] = (),
    policy: CommentPolicy | None = None,
) -> Comment:
    """Store a reader's comment with the status the rules give it.

    * ``bot_signals`` (honeypot, forged token): kept as spam, silently; the reader's
      answer is the same as for a held comment. "Too fast" alone is not proof of a bot:
      the comment goes through the rules and is held (pending, flagged) whatever they
      say, short of a banned word.
    * A banned word: recorded as rejected (the view tells the reader).
    * Otherwise held for a moderator, flagged with every reason that applies, unless the
      policy trusts the commenter and nothing else holds it.

    The id of a held comment is added to ``session``, so its author sees it as waiting.
    """
    now = now or timezone.now()
    policy = policy or CommentPolicy.load()
    if not policy.is_open(article, now=now):
        raise ValidationError(_("Comments are closed on this story."), code="closed")
    if parent is not None:
        if parent.article_id != article.pk or parent.status != Status.APPROVED:
            raise ValidationError(
                _("You can only reply to a published comment."), code="bad_parent"
            )
        if parent.parent_id is not None:  # one level of replies: answer the thread
            parent = parent.parent
    name, body = clean_text(name), clean_text(body)
    email = clean_text(email).lower()
    ip_hash = hash_value("ip", ip)

    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email,
        body=body,
        ip_hash=ip_hash,
        status=Status.PENDING,
    )
    decision_reason = None
    flags: list[str] = list(dict.fromkeys(bot_signals))
    if set(flags) - HOLD_ONLY_BOT_FLAGS:
        comment.status, decision_reason = Status.SPAM, Reason.BOT
    else:
        flags, comment.status, decision_reason = _apply_rules(
            comment, policy=policy, now=now, held_by=flags
        )
    comment.flags = flags
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        if decision_reason is not None:
            ModerationDecision.objects.create(
                comment=comment,
                moderator=None,
                from_status=Status.PENDING,
                to_status=comment.status,
                reason=decision_reason,
                created_at=now,
            )
    if session is not None and comment.status in (Status.PENDING, Status.SPAM):
        pending = [pk for pk in session.get(PENDING_SESSION_KEY, []) if pk != comment.pk]
        session[PENDING_SESSION_KEY] = [*pending, comment.pk][-MAX_PENDING_IN_SESSION:]
    return comment


def _apply_rules(
    comment: Comment, *, policy: CommentPolicy, now: datetime, held_by: Sequence[str] = ()
) -> tuple[list[str], str, str | None]:
    """(flags, status, reason of the automatic decision or None) for a reader's comment;
    ``held_by``: flags already earned (a bot check's "too fast"), which hold it."""
    banned = rules.parse_word_list(policy.banned_words)
    suspect = rules.parse_word_list(policy.suspect_words)
    found = set(rules.matcher(banned + suspect).find(comment.body + "\n" + comment.name))
    if found & set(banned):
        return [*held_by, Flag.BANNED_WORD], Status.REJECTED, Reason.BANNED_WORD

    flags = list(held_by)
    if found & set(suspect):
        flags.append(Flag.SUSPECT_WORD)
    if rules.count_links(comment.body) > policy.max_links:
        flags.append(Flag.LINKS)

    # The commenter's record, by email only (CommentQuerySet.by_commenter says why).
    history = Comment.objects.by_commenter(email=comment.email)
    approved_by_email = history.filter(status=Status.APPROVED).count()
    if not approved_by_email:
        flags.append(Flag.NEW_COMMENTER)

    recent = history.filter(created_at__gte=now - timedelta(days=policy.recent_days))
    decided = list(
        recent.filter(status__in=[Status.APPROVED, Status.REJECTED, Status.SPAM])
        .order_by("-created_at")
        .values_list("status", flat=True)[:POOR_HISTORY_LOOKBACK]
    )
    refused = sum(status != Status.APPROVED for status in decided)
    if len(decided) >= POOR_HISTORY_MIN_DECIDED and refused / len(decided) > POOR_HISTORY_SHARE:
        flags.append(Flag.POOR_HISTORY)

    key = rules.same_text_key(comment.body)
    same_window = history.filter(created_at__gte=now - timedelta(hours=policy.duplicate_hours))
    if any(rules.same_text_key(body) == key for body in same_window.values_list("body", flat=True)):
        flags.append(Flag.DUPLICATE)

    trusted = (
        policy.auto_approve_after > 0
        and approved_by_email >= policy.auto_approve_after
        and not recent.filter(status__in=[Status.REJECTED, Status.SPAM]).exists()
        and not HOLDING_FLAGS.intersection(flags)
    )
    if trusted:
        return flags, Status.APPROVED, Reason.TRUSTED
    return flags, Status.PENDING, None


def comment_moderate(
    *,
    comment: Comment,
    moderator: AbstractBaseUser,
    action: str,
    reason: str = "",
    now: datetime | None = None,
) -> ModerationDecision:
    """Approve, reject (with one of ``ModerationDecision.REJECT_REASONS``) or mark spam.

    Recorded as a decision (who, when, from what to what, why); any open reports on the
    comment are resolved by it. Approving an approved comment that was reported keeps it
    and dismisses the reports.
    """
    if not can_moderate(moderator):
        raise PermissionDenied
    if action not in _MODERATOR_ACTIONS:
        raise ValidationError(f"Unknown moderation action {action!r}.")
    to_status, fixed_reason = _MODERATOR_ACTIONS[action]
    if fixed_reason is None and reason not in ModerationDecision.REJECT_REASONS:
        raise ValidationError(_("Choose a reason for rejecting."), code="reason")
    reason = fixed_reason or reason
    now = now or timezone.now()
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        decision = ModerationDecision(
            comment=comment,
            moderator=moderator,
            from_status=comment.status,
            to_status=to_status,
            reason=reason,
            created_at=now,
        )
        decision.full_clean()
        decision.save()
        _set_status(comment, to_status, moderator=moderator, when=now, reason=reason)
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    return decision


def comment_undo(
    *, comment: Comment, moderator: AbstractBaseUser, now: datetime | None = None
) -> ModerationDecision:
    """Undo the latest decision on ``comment`` that is still in force (a moderator's or a
    rule's): the comment returns to the status before it, and reports that decision
    resolved are open again. Recorded as a decision of its own. Undoing again undoes the
    decision before that."""
    if not can_moderate(moderator):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        last = (
            comment.decisions.filter(undone_by__isnull=True)
            .exclude(reason=Reason.UNDO)
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is None:
            raise ValidationError(_("There is no decision to undo."), code="nothing")
        if last.to_status != comment.status:
            raise ValidationError(
                _("The comment changed after that decision; it cannot be undone."),
                code="changed",
            )
        decision = ModerationDecision.objects.create(
            comment=comment,
            moderator=moderator,
            from_status=comment.status,
            to_status=last.from_status,
            reason=Reason.UNDO,
            undoes=last,
            created_at=now,
        )
        if last.from_status == Status.PENDING:
            _set_status(comment, Status.PENDING, moderator=None, when=None, reason="")
        else:
            _set_status(comment, last.from_status, moderator=moderator, when=now, reason="undo")
        comment.reports.filter(resolved_at=last.created_at).update(resolved_at=None)
    return decision


def _set_status(comment, status, *, moderator, when, reason) -> None:
    comment.status = status
    comment.moderated_by = moderator
    comment.moderated_at = when
    comment.moderation_reason = reason
    # save(), whose signal tells the page cache (comments/invalidation.py).
    comment.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_reason"])


def comment_report(
    *, comment: Comment, reason: str, reporter: str, ip: str
) -> tuple[CommentReport, bool]:
    """A reader reports a published comment. ``reporter`` identifies the reader (their
    session key; stored hashed). Returns (report, created); a second report by the same
    reader is not stored."""
    if comment.status != Status.APPROVED:
        raise ValidationError(_("Only published comments can be reported."), code="hidden")
    report = CommentReport(
        comment=comment,
        reason=reason,
        reporter=hash_value("reporter", reporter),
        ip_hash=hash_value("ip", ip),
    )
    report.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        existing = CommentReport.objects.get(comment=comment, reporter=report.reporter)
        return existing, False
    return report, True
