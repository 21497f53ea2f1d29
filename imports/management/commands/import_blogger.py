"""`manage.py import_blogger FILE`: a Blogger backup, legacy or current schema.

Posts, pages, comments and the old addresses (/YYYY/MM/name.html, /p/name.html,
/search/label/X, /feeds/posts/default) as redirects. Safe to run again. See
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

    def posts(self, path, progress):
        return blogger.read_posts(path, progress)

    def comments(self, path, progress):
        return blogger.read_comments(path, progress)

    def writer_options(self, **options):
        writer_options = super().writer_options(**options)
        writer_options.label_path = "/search/label/{}"
        # The old blog's addresses lead to the site's own (Thai) ones, whatever language
        # the command speaks: English addresses are /en/... (newsroom/languages.py).
        with translation.override(settings.LANGUAGE_CODE):
            latest = reverse("articles:feed-latest")
        writer_options.fixed_redirects = {
            "/feeds/posts/default": latest,
            "/feeds/posts/summary": latest,
        }
        return writer_options
