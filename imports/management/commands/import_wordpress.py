"""`manage.py import_wordpress FILE`: a WordPress export (WXR 1.0 to 1.2).

Posts, pages, comments and the old addresses (permalinks, ?p=ID, ?page_id=ID, the
category, tag, author and date archives, the feeds) as redirects. Safe to run again.
See imports/command.py for the options.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from imports import wordpress
from imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import a WordPress export (WXR): posts, pages, comments and the old addresses."
    source = "wordpress"
    recovery_unit = wordpress.UNIT
    known_prefixes = wordpress.KNOWN_PREFIXES

    def posts(self, path, progress, recovery):
        return wordpress.Reader(path, progress, recovery).posts()

    def comments(self, path, progress, recovery):
        return wordpress.Reader(path, progress, recovery).comments()

    def writer_options(self, **options):
        writer_options = super().writer_options(**options)
        writer_options.date_archives = ("year", "month", "day")
        # The site's own (Thai) addresses, whatever language the command speaks.
        with translation.override(settings.LANGUAGE_CODE):
            latest = reverse("articles:feed-latest")
            atom = reverse("articles:feed-latest-atom")
        writer_options.fixed_redirects = {
            "/feed/": latest,
            "/feed/rss2/": latest,
            "/feed/rss/": latest,
            "/feed/atom/": atom,
        }
        return writer_options
