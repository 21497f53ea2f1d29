"""PDPA: keep refused comments no longer than needed.

    manage.py purge_comments --older-than-days 90

Deletes rejected and spam comments posted more than N days ago, with their moderation
records and reports, and expired rate-limit counters. Approved replies to a purged
comment are kept as comments of their own.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from comments import ratelimit
from comments.models import Comment


class Command(BaseCommand):
    help = "Delete rejected and spam comments older than N days, and stale rate-limit counters."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True, metavar="N")

    def handle(self, *args, older_than_days, **options):
        if older_than_days < 1:
            raise CommandError("--older-than-days must be 1 or more.")
        before = timezone.now() - timedelta(days=older_than_days)
        with transaction.atomic():
            refused = Comment.objects.filter(
                status__in=[Comment.Status.REJECTED, Comment.Status.SPAM], created_at__lt=before
            )
            Comment.objects.filter(parent__in=refused).exclude(pk__in=refused).update(parent=None)
            deleted = refused.count()
            refused.delete()
        counters = ratelimit.cleanup()
        self.stdout.write(
            f"Deleted {deleted} rejected or spam comment(s) posted before "
            f"{before:%Y-%m-%d %H:%M}, and {counters} expired rate-limit counter(s)."
        )
