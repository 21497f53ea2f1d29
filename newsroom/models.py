from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageKey(models.Model):
    """When something public pages show last changed (newsroom/pagecache.py).

    A row per key (``article-12``, ``stories-section-3``, ...): a cached page is fresh
    while none of its keys changed after it began to render. Kept in the database,
    never evicted like a cache entry: a forgotten change time would make old pages
    look fresh.
    """

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    # Indexed: each worker asks for the keys changed in the last minute every second.
    changed = models.FloatField(_("changed at (seconds since the epoch)"), db_index=True)

    class Meta:
        verbose_name = _("page cache key")
        verbose_name_plural = _("page cache keys")

    def __str__(self):
        return self.key


class PendingPurge(models.Model):
    """Surrogate keys the CDN has not yet been told to purge (newsroom/cdn.py).

    A purge is written here before it is sent and deleted once the CDN accepted it, so
    a CDN that is down, or a process that dies between the commit and the request,
    loses nothing: the next purge or `manage.py send_purges` sends it again.
    """

    # Space-separated, as in the Surrogate-Key header (keys never contain spaces).
    keys = models.TextField()
    # When the oldest purge merged into this row was first written.
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    # Not sent before this moment: the backoff after a failure, or the lease of the
    # process sending it now (so two senders do not send the same row at once).
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        verbose_name = _("pending CDN purge")
        verbose_name_plural = _("pending CDN purges")

    def __str__(self) -> str:
        return f"purge {self.keys[:60]} ({self.attempts} attempts)"
