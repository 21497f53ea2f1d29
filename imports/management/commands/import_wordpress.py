"""`manage.py import_wordpress FILE`: a WordPress export (WXR 1.1 or 1.2).

Posts, pages, comments and the old addresses (permalinks, ?p=ID, ?page_id=ID) as
redirects. Safe to run again. See imports/command.py for the options.
"""

from imports import wordpress
from imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import a WordPress export (WXR): posts, pages, comments and the old addresses."
    source = "wordpress"

    def posts(self, path, progress):
        return wordpress.Reader(path, progress).posts()

    def comments(self, path, progress):
        return wordpress.Reader(path, progress).comments()
