from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.prepared import prepared_cursor


class CommentQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """QuerySet.update(), which sends no signal, telling the page cache what it
        changed (comments/invalidation.py): the stories of the visible comments it
        touches, and of all it touches when it makes comments visible."""
        from .invalidation import PUBLIC_FIELDS, comments_changed

        if not PUBLIC_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        touched = self if kwargs.get("status") == Comment.Status.APPROVED else self.visible()
        with transaction.atomic(using=self.db):
            article_ids = set(touched.order_by().values_list("article_id", flat=True).distinct())
            changed = super().update(**kwargs)
            comments_changed(article_ids)
        return changed

    update.alters_data = True

    def visible(self) -> Self:
        """The one definition of what readers may see: approved comments (written out
        once more in the thread's hand-written statement, _thread_sql)."""
        return self.filter(status=Comment.Status.APPROVED)

    def waiting(self) -> Self:
        """Comments a moderator still has to decide."""
        return self.filter(status=Comment.Status.PENDING)

    def queue(self, *, include_bot_held: bool) -> Self:
        """The default moderation queue: pending comments and, by the policy, those a
        bot check sent to spam that no moderator has looked at yet (their readers were
        told their comment awaits review, like any held one)."""
        waiting = Q(status=Comment.Status.PENDING)
        if include_bot_held:
            waiting |= Q(
                status=Comment.Status.SPAM,
                moderated_at__isnull=True,
                flags__overlap=list(Comment.BOT_FLAGS),
            )
        return self.filter(waiting)

    def reported(self) -> Self:
        """Published comments that readers reported and no moderator has looked at since."""
        return self.visible().filter(
            pk__in=CommentReport.objects.filter(resolved_at__isnull=True).values("comment_id")
        )

    def by_commenter(self, *, email: str) -> Self:
        """Comments by the same commenter: the same email address. Never the network
        address: behind a mobile carrier's shared address (carrier-grade NAT, the rule
        in Thailand) strangers share one, and one reader's record would follow others.
        No email (imported comments) is nobody in particular."""
        return self.filter(email__iexact=email) if email else self.none()

    def thread(self, article: Article) -> list[Comment]:
        """The approved comments of a story, oldest first, each with ``thread_replies``.

        One query whatever the number of comments: the replies come in the same query
        and are grouped here. A reply whose parent is no longer approved is not shown.
        """
        comments = list(
            self.visible()
            .filter(article=article)
            .only("pk", "parent_id", "name", "body", "created_at", "article_id")
            .order_by("created_at", "pk")
        )
        top = {comment.pk: comment for comment in comments if comment.parent_id is None}
        for comment in top.values():
            comment.thread_replies = []
        for comment in comments:
            if comment.parent_id is not None and comment.parent_id in top:
                top[comment.parent_id].thread_replies.append(comment)
        return list(top.values())

    def counts(self, article: Article) -> tuple[int, int]:
        """(visible comments, visible top-level comments) of a story: one query on the
        story's own index entries, however many stories and comments there are."""
        found = (
            self.visible()
            .filter(article=article)
            .aggregate(total=Count("pk"), top=Count("pk", filter=Q(parent__isnull=True)))
        )
        return found["total"], found["top"]

    def thread_page(
        self, article: Article, *, page: int = 1, size: int = 50, newest: bool = False
    ) -> ThreadPage:
        """One page of a story's thread: ``size`` top-level comments, oldest (or newest)
        first, each with all its approved replies (``thread_replies``, oldest first).

        One query whatever the number of comments: the page with its replies, each row
        carrying the story's counts (uncorrelated subqueries, run once); the index
        comment_thread_idx finds the page. A page number past the last gives the last
        page (two queries more, only then).
        """
        number = max(page, 1)
        rows = self._thread_rows(article, number, size, newest)
        if not rows and number > 1:
            _total, top_count = self.counts(article)
            number = max(1, -(-top_count // size))
            rows = self._thread_rows(article, number, size, newest) if top_count else []
        first_top = next((row for row in rows if row.parent_id is None), None)
        total = first_top.story_total if first_top else 0
        top_count = first_top.story_top if first_top else 0
        top = {comment.pk: comment for comment in rows if comment.parent_id is None}
        for comment in top.values():
            comment.thread_replies = []
        for comment in rows:
            if comment.parent_id in top:
                top[comment.parent_id].thread_replies.append(comment)
        thread = list(reversed(top.values())) if newest else list(top.values())
        return ThreadPage(
            comments=thread,
            number=number,
            pages=max(1, -(-top_count // size)),
            total=total,
            newest=newest,
        )

    def _thread_rows(self, article: Article, number: int, size: int, newest: bool) -> list:
        """The page's top-level comments and their replies, the top-level rows carrying
        the story's counts (``story_total``, ``story_top``). Two parts in one statement
        (UNION ALL), so that each is found by an index: the page by comment_thread_idx,
        the replies by their parent's id. Hand-written and prepared
        (newsroom/prepared.py): through the ORM, compiling it cost a story page more
        than running it."""
        params = {"article": article.pk, "size": size, "offset": (number - 1) * size}
        sql, fields = _thread_sql(newest)
        with prepared_cursor(self.db) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        comments = []
        for row in rows:
            comment = Comment.from_db(self.db, fields, row[: len(fields)])
            comment.story_total, comment.story_top = row[len(fields) :]
            comments.append(comment)
        return comments

    def waiting_summary(self) -> dict:
        """For the desk: how many comments wait for a moderator, and since when.

        ``{"count": 3, "oldest": datetime}``; ``oldest`` is None when nothing waits.
        """
        # What the default queue shows: held by the rules, and by a bot check when the
        # policy puts those in the queue.
        queue = self.queue(include_bot_held=CommentPolicy.load().queue_includes_bot_held)
        summary = queue.aggregate(count=Count("pk"), oldest=Min("created_at"))
        return {"count": summary["count"], "oldest": summary["oldest"]}


#: What a thread shows of a comment (CommentQuerySet._thread_rows).
THREAD_FIELDS = {"id", "parent_id", "name", "body", "created_at", "article_id"}


@functools.cache
def _thread_sql(newest: bool) -> tuple[str, list[str]]:
    """CommentQuerySet._thread_rows()'s statement, built once per order, and the
    fields its rows start with (in the model's order, as Model.from_db() takes them).
    What readers may see is visible()'s condition, written out: the status is our own
    constant, in the text rather than a parameter, so that a prepared plan can use the
    partial index comment_thread_idx (status = 'approved')."""
    table = Comment._meta.db_table
    fields = [f for f in Comment._meta.concrete_fields if f.attname in THREAD_FIELDS]
    visible = f"status = '{Comment.Status.APPROVED}' AND article_id = %(article)s"
    direction = "DESC" if newest else "ASC"
    columns = ", ".join(field.column for field in fields)
    # Table and column names come from the models, values are parameters.
    sql = f"""
        WITH page AS (
            SELECT {columns} FROM {table}
            WHERE {visible} AND parent_id IS NULL
            ORDER BY created_at {direction}, id {direction}
            LIMIT %(size)s OFFSET %(offset)s
        )
        SELECT {columns},
            (SELECT count(*) FROM {table} WHERE {visible}),
            (SELECT count(*) FROM {table} WHERE {visible} AND parent_id IS NULL)
        FROM page
        UNION ALL
        SELECT {columns}, NULL, NULL FROM {table}
        WHERE {visible} AND parent_id IN (SELECT id FROM page)
        ORDER BY created_at, id
    """  # noqa: S608
    return sql, [field.attname for field in fields]


@dataclass
class ThreadPage:
    """One page of a story's comment thread (CommentQuerySet.thread_page)."""

    comments: list[Comment]
    number: int
    pages: int
    total: int  # visible comments of the story, replies included
    newest: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    class Flag(models.TextChoices):
        """Why a comment was held, or what a rule noticed: short codes in ``flags``."""

        LINKS = "links", _("Many links")
        SUSPECT_WORD = "suspect_word", _("Suspect word")
        BANNED_WORD = "banned_word", _("Banned word")
        NEW_COMMENTER = "new_commenter", _("New commenter")
        DUPLICATE = "duplicate", _("Same text posted again")
        POOR_HISTORY = "poor_history", _("Mostly rejected before")
        HONEYPOT = "honeypot", _("Hidden field filled in (bot)")
        TOO_FAST = "too_fast", _("Sent too fast (bot)")
        BAD_TOKEN = "bad_token", _("Form token missing or forged (bot)")

    #: The bot checks' flags (comments/forms.py).
    BOT_FLAGS = (Flag.HONEYPOT, Flag.TOO_FAST, Flag.BAD_TOKEN)

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), help_text=_("Never shown to readers."))
    body = models.TextField(_("comment"), help_text=_("Plain text."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=255, blank=True)
    ip_hash = models.CharField(
        _("address (hashed)"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A salted hash of the reader's network address: the address is never stored."),
    )
    flags = ArrayField(
        models.CharField(max_length=20, choices=Flag.choices),
        default=list,
        blank=True,
        verbose_name=_("held because"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate reader comments"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            # A page of a story's thread: its visible top-level comments in time order.
            models.Index(
                fields=["article", "created_at", "id"],
                condition=Q(status="approved", parent__isnull=True),
                name="comment_thread_idx",
            ),
            models.Index(fields=["email"], name="comment_email_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="comment_body_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="comment_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = self.status  # what the database holds now (see below)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def shown_before_save(self) -> bool:
        """Whether the row was visible as last loaded or saved (during post_save: before
        this save; see save() and from_db())."""
        return getattr(self, "_loaded_status", None) == self.Status.APPROVED

    @property
    def waits_for_reader(self) -> bool:
        """Shown to its own author as waiting: pending, or caught as a bot (the bot gets
        the same answer as a reader) and not yet looked at by anyone."""
        return self.status == self.Status.PENDING or (
            self.status == self.Status.SPAM and self.moderated_at is None
        )


class CommentReport(models.Model):
    """A reader's report of a published comment: once per comment and reader."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        PERSONAL = "personal", _("Reveals someone's personal information")
        FALSE = "false", _("False or misleading")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    reporter = models.CharField(
        _("reporter"),
        max_length=64,
        help_text=_("A salted hash of the reader's session: who reported, without a name."),
    )
    ip_hash = models.CharField(_("address (hashed)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(
        _("resolved"),
        null=True,
        blank=True,
        help_text=_("Set when a moderator decides the comment after the report."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"


class ModerationDecision(models.Model):
    """One moderation step on a comment: who (None: a rule), when, from what to what, why.

    The audit trail, and what makes undo possible: undoing a decision is itself a
    decision that points at the one it undoes.
    """

    class Reason(models.TextChoices):
        # Chosen by moderators when rejecting.
        OFF_TOPIC = "off_topic", _("Off-topic")
        ABUSE = "abuse", _("Abusive or hateful")
        PERSONAL = "personal", _("Personal information")
        ADVERTISING = "advertising", _("Advertising")
        FALSE = "false", _("False or misleading")
        DUPLICATE = "duplicate", _("Duplicate")
        OTHER = "other", _("Other")
        # Recorded by the other actions and by the rules.
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRUSTED = "trusted", _("Trusted commenter")
        BANNED_WORD = "banned_word", _("Banned word")
        BOT = "bot", _("Bot trap")
        UNDO = "undo", _("Undo")

    REJECT_REASONS = (
        Reason.OFF_TOPIC,
        Reason.ABUSE,
        Reason.PERSONAL,
        Reason.ADVERTISING,
        Reason.FALSE,
        Reason.DUPLICATE,
        Reason.OTHER,
    )

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("comment")
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Empty when a rule decided."),
    )
    from_status = models.CharField(_("from"), max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    undoes = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="undone_by",
        verbose_name=_("undoes"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self):
        return (
            f"{self.comment_id}: {self.get_from_status_display()} → "
            f"{self.get_to_status_display()} ({self.get_reason_display()})"
        )


class CommentPolicy(models.Model):
    """The moderation rules the desk may change without a deployment: one row.

    Network-level defences (rate limits, proxies, the bot timer) live in settings.
    """

    banned_words = models.TextField(
        _("banned words"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment containing one is refused and recorded "
            "as rejected. Matched as whole words, also inside unspaced Thai text."
        ),
    )
    suspect_words = models.TextField(
        _("suspect words"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment containing one is held and flagged for "
            "a moderator, even when its author is trusted."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("most links"),
        default=2,
        help_text=_("A comment with more links than this is held and flagged."),
    )
    auto_approve_after = models.PositiveSmallIntegerField(
        _("auto-approve after"),
        default=0,
        help_text=_(
            "Publish at once the comments of a reader whose email has at least this many "
            "approved comments and no recent rejection. 0 turns this off."
        ),
    )
    recent_days = models.PositiveSmallIntegerField(
        _("history window (days)"),
        default=90,
        help_text=_("How far back “recent” rejections and a commenter's record are counted."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=30,
        help_text=_("Days after publication when a story stops taking comments. 0: never."),
    )
    queue_includes_bot_held = models.BooleanField(
        _("queue shows comments held by bot checks"),
        default=True,
        help_text=_(
            "The Pending queue also lists comments a bot check (hidden field, form token) "
            "sent to spam, marked as such, until a moderator decides them. Off: they are "
            "only in the Spam queue."
        ),
    )
    duplicate_hours = models.PositiveSmallIntegerField(
        _("duplicate window (hours)"),
        default=24,
        help_text=_("The same text from the same person within this many hours is flagged."),
    )

    class Meta:
        verbose_name = _("comment rules")
        verbose_name_plural = _("comment rules")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="one_comment_policy")]

    def __str__(self):
        return str(_("Comment rules"))

    @classmethod
    def load(cls) -> CommentPolicy:
        """The rules in force: the saved row, or the defaults until one is saved (one
        query, no write, so a story page never writes to the database)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def closes_at(self, article: Article) -> datetime | None:
        if not self.close_after_days or article.published_at is None:
            return None
        return article.published_at + timedelta(days=self.close_after_days)

    def is_open(self, article: Article, *, now: datetime | None = None) -> bool:
        """Whether a story takes comments: the editor has not closed them, and the
        story is not older than ``close_after_days``."""
        if not article.comments_enabled:
            return False
        closes_at = self.closes_at(article)
        return closes_at is None or (now or timezone.now()) < closes_at


class RateLimitCounter(models.Model):
    """Hits per key and fixed time window, counted atomically (comments/ratelimit.py)."""

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")
        ]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
