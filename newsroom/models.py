from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKey(models.Model):
    """When something public pages show last changed (newsroom/pagecache.py).

    A row per key (``article-12``, ``stories-section-3``, ...): a cached page is fresh
    while none of its keys changed after it began to render. Kept in the database,
    never evicted like a cache entry: a forgotten change time would make old pages
    look fresh.
    """

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    changed = models.FloatField(_("changed at (seconds since the epoch)"))

    class Meta:
        verbose_name = _("page cache key")
        verbose_name_plural = _("page cache keys")

    def __str__(self):
        return self.key
