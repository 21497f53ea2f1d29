"""`manage.py import_blogger FILE`: a Blogger backup, legacy or current schema.

Posts, pages, comments and the old addresses (/YYYY/MM/name.html, /p/name.html,
/search/label/X and its feed, /feeds/posts/default, the archives /YYYY/ and /YYYY/MM/,
/search?q=... and /search?updated-max=...) as redirects. Safe to run again. See
imports/command.py for the options.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from imports import blogger
from imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import a Blogger backup (.xml): posts, pages, comments and the old addresses."
    source = "blogger"
    recovery_unit = blogger.UNIT
    known_prefixes = blogger.KNOWN_PREFIXES

    def posts(self, path, progress, recovery):
        return blogger.read_posts(path, progress, recovery)

    def comments(self, path, progress, recovery):
        return blogger.read_comments(path, progress, recovery)

    def writer_options(self, **options):
        writer_options = super().writer_options(**options)
        writer_options.date_archives = ("year", "month")
        # The old blog's addresses lead to the site's own (Thai) ones, whatever language
        # the command speaks: English addresses are /en/... (newsroom/languages.py).
        with translation.override(settings.LANGUAGE_CODE):
            latest = reverse("articles:feed-latest")
            # Blogger's search, and its "older posts" pages (/search?updated-max=TIME):
            # the query goes along (imports/oldpaths.py, carried_query).
            search = reverse("search:search")
        writer_options.fixed_redirects = {
            "/feeds/posts/default": latest,
            "/feeds/posts/summary": latest,
            "/search": search,
        }
        return writer_options
