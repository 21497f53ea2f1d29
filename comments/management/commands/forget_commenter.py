"""PDPA: delete or anonymise everything one commenter gave us, on their request.

    manage.py forget_commenter --email reader@example.com [--anonymise]

Deleting removes their comments with their moderation records and reports; replies by
other readers to those comments are kept, as comments of their own (no longer replies).
Anonymising keeps the text of their comments on the stories, under the name
"Anonymous reader", and removes the email address and the hashed network address.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from comments.models import Comment

ANONYMOUS_NAME = "ผู้อ่านนิรนาม"  # "Anonymous reader": readers' names are shown as typed
ANONYMOUS_DOMAIN = "anonymised.invalid"


class Command(BaseCommand):
    help = "Delete (default) or anonymise one commenter's comments, found by email address."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the commenter's email address")
        parser.add_argument(
            "--anonymise",
            action="store_true",
            help="keep the comments' text but remove name, email and address",
        )

    def handle(self, *args, email, anonymise, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}") from None
        with transaction.atomic():
            theirs = Comment.objects.filter(email__iexact=email)
            count = theirs.count()
            if anonymise:
                theirs.update(
                    name=ANONYMOUS_NAME,
                    email=Concat(
                        Value("comment-"), Cast("pk", CharField()), Value(f"@{ANONYMOUS_DOMAIN}")
                    ),
                    ip_hash="",
                )
                done = f"Anonymised {count} comment(s) of {email}."
            else:
                kept = (
                    Comment.objects.filter(parent__in=theirs)
                    .exclude(email__iexact=email)
                    .update(parent=None)
                )
                theirs.delete()
                done = f"Deleted {count} comment(s) of {email}; kept {kept} repl(ies) by others."
        # The stories whose visible comments changed are made stale after the commit, by
        # the delete signals and CommentQuerySet.update (comments/invalidation.py).
        self.stdout.write(done)
