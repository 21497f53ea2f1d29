"""Signed preview links: a story as readers will see it, for someone without an account.

The link carries the story's id and its expiry, signed with SECRET_KEY; changing
either breaks the signature. Nothing is stored, so links cannot be listed or revoked
one by one (rotating SECRET_KEY revokes them all).
"""

from datetime import datetime, timedelta

from django.core import signing
from django.utils import timezone

SALT = "articles.preview"
CHOICES = {"1": timedelta(days=1), "3": timedelta(days=3), "7": timedelta(days=7)}


class PreviewExpired(Exception):
    pass


def make_token(*, article_id: int, expires_at: datetime) -> str:
    return signing.dumps({"a": article_id, "e": int(expires_at.timestamp())}, salt=SALT)


def read_token(token: str) -> int:
    """The story's id; signing.BadSignature when tampered, PreviewExpired when too late."""
    data = signing.loads(token, salt=SALT)
    if data["e"] <= timezone.now().timestamp():
        raise PreviewExpired
    return data["a"]
