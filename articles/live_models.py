"""Live coverage's rows: the short updates of a live story and their history.

Kept apart from articles/models.py (which imports them, so Django finds them); they name
the story and the picture by string, so this module imports nothing of the app. The
rules (who may post, what each change makes stale) are in articles/live.py.
"""

import html
import re
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from newsroom.sanitize import clean_rich_text
from newsroom.templatetags.thai_dates import desk_datetime

#: Key events, feeds and JSON-LD name an update by this many characters of its text.
SUMMARY_LENGTH = 110
# Blocks and line breaks end with a space in the plain text (inline tags join words).
BLOCK_END = re.compile(r"</(?:p|h[2-4]|li|blockquote|figcaption|div)>|<br\s*/?>", re.I)


class LiveUpdateQuerySet(models.QuerySet):
    def visible(self) -> Self:
        """Updates readers see: not deleted (a deleted update is kept, with its history)."""
        return self.filter(deleted_at__isnull=True)

    def for_page(self) -> Self:
        """Everything an update on a page shows, in one query (the picture joined)."""
        return self.visible().select_related("image")


class LiveUpdate(models.Model):
    """One short update of a live story: text (sanitised rich text, as story bodies),
    an optional picture, who wrote it, and whether it is a key event (pinned)."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="live_updates",
        verbose_name=_("article"),
    )
    body = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        "articles.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    # The name readers see, as it was when the update was posted: their byline name.
    author_name = models.CharField(_("author"), max_length=255)
    pinned = models.BooleanField(
        _("key event"), default=False, help_text=_("Key events are summarised at the top.")
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # The last edit, pin, unpin or deletion (empty: as posted): open pages ask for the
    # updates changed since they were shown (articles/live.py, changes_upto).
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        # Who may post, change and delete follows the story's roles (articles/live.py).
        default_permissions = ()
        indexes = [
            # A story's updates newest first, and "since this one" for the polls.
            models.Index(
                fields=["article", "-id"],
                condition=Q(deleted_at__isnull=True),
                name="live_update_article_idx",
            ),
            models.Index(
                fields=["article", "-id"],
                condition=Q(deleted_at__isnull=True, pinned=True),
                name="live_update_key_event_idx",
            ),
            models.Index(
                fields=["article", "-changed_at"],
                condition=Q(changed_at__isnull=False),
                name="live_update_changed_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body="") | Q(image__isnull=False),
                name="live_update_not_empty",
                violation_error_message=_("Write something or add a picture."),
            ),
        ]

    def __str__(self):
        return f"{self.author_name} @ {desk_datetime(self.created_at)}"

    def save(self, *args, **kwargs):
        # Stored HTML is always clean, whichever form wrote it.
        self.body = clean_rich_text(self.body or "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The update's own address: it opens the story at the page that shows it."""
        return reverse(
            "articles:live-update",
            kwargs={"pk": self.article_id, "update_pk": self.pk},
        )

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    @property
    def version(self) -> str:
        """Which state of the update a page shows: an open page replaces it when the
        poll brings another (articles/static/articles/live.js)."""
        return self.changed_at.isoformat() if self.changed_at else ""

    @property
    def text(self) -> str:
        """The update as plain text (JSON-LD's articleBody)."""
        return " ".join(html.unescape(strip_tags(BLOCK_END.sub(" \\g<0>", self.body))).split())

    @property
    def summary(self) -> str:
        """The update's opening words as plain text: key events, feeds, JSON-LD."""
        return Truncator(self.text).chars(SUMMARY_LENGTH)


class LiveUpdateRevision(models.Model):
    """The audit trail of an update: each post, edit, pin, unpin and delete, with who,
    when, and the text and picture as they were after it."""

    class Action(models.TextChoices):
        POSTED = "posted", _("Posted")
        EDITED = "edited", _("Edited")
        PINNED = "pinned", _("Marked as a key event")
        UNPINNED = "unpinned", _("No longer a key event")
        DELETED = "deleted", _("Deleted")

    update = models.ForeignKey(
        LiveUpdate,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("live update"),
    )
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    body = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        "articles.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    pinned = models.BooleanField(_("key event"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("live update revision")
        verbose_name_plural = _("live update revisions")
        default_permissions = ()

    def __str__(self):
        return f"{self.update_id}: {self.get_action_display()} @ {desk_datetime(self.changed_at)}"
