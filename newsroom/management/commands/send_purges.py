"""`manage.py send_purges [--all]`: send the CDN purges waiting in the outbox.

Purges are sent right after each change; this sends again those the CDN did not take
(it was down, or the process died first). Safe to run at any time and as often as
wanted, e.g. every minute from cron: with nothing waiting it does nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom import cdn
from newsroom.models import PendingPurge


class Command(BaseCommand):
    help = "Send the CDN purges that are waiting for another attempt."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="send_all",
            help="send every waiting purge now, not only those whose next attempt is due",
        )

    def handle(self, *args, send_all: bool = False, **options):
        if not settings.CDN_PURGE_BACKEND:
            waiting = PendingPurge.objects.count()
            self.stdout.write(
                f"No CDN configured (CDN_PURGE_BACKEND is empty); {waiting} purge(s) waiting."
            )
            return
        summary = cdn.send_pending(due_only=not send_all)
        if summary.sent:
            self.stdout.write(
                f"Sent {summary.sent} purge(s): {summary.keys} key(s) in "
                f"{summary.requests} request(s) to {settings.CDN_PURGE_BACKEND}."
            )
        left = PendingPurge.objects.order_by("next_attempt_at").first()
        if left is None:
            if not summary.sent:
                self.stdout.write("Nothing to purge.")
            return
        count = PendingPurge.objects.count()
        self.stdout.write(
            f"{count} purge(s) waiting; next attempt at {left.next_attempt_at:%Y-%m-%d %H:%M:%S %Z}"
            f" (attempt {left.attempts + 1}); last error: {left.last_error or '-'}"
        )
        if summary.failed:
            # A non-zero exit, so that cron or a monitor notices a CDN that refuses purges.
            raise CommandError(f"The CDN did not take the purge: {summary.error}")
