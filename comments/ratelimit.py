"""Rate limits shared by every app worker, counted atomically.

Each limit is a number of hits per fixed window of seconds (``settings.COMMENTS_RATE_LIMITS``).
Counters live in PostgreSQL by default: one row per (key, window start), incremented by a
single ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING count`` statement, which is atomic
however many workers hit it at once (Django's database cache is not: its get-then-set
loses increments under concurrency). With ``settings.REDIS_URL`` set, Redis ``INCR`` and
``EXPIRE`` do the same. Keys hold a salted hash of the address or email, never the value.

Old PostgreSQL rows are deleted by ``manage.py purge_comments`` (and a few at a time here).
"""

from __future__ import annotations

import ipaddress
import random
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitCounter

CLEANUP_CHANCE = 0.01  # share of hits that also delete counters of finished windows


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless the site runs behind
    ``settings.TRUSTED_PROXY_COUNT`` proxies of its own, each appending the address it saw
    to X-Forwarded-For. Then the entry that the outermost of our proxies appended is the
    client's; anything to its left was written by the client and is ignored, so a forged
    header cannot change the address (and reset a rate limit)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def address_identity(ip: str) -> str:
    """What an address is counted as: an IPv6 client usually holds a whole /64."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _key(bucket: str, identity: str) -> str:
    digest = salted_hmac("comments.ratelimit", identity, algorithm="sha256").hexdigest()
    return f"{bucket}:{digest[:40]}"


def hit(bucket: str, identity: str, *, now: datetime | None = None) -> int | None:
    """Count one hit of ``identity`` in ``bucket``. Return None when it is within the
    limit, otherwise the seconds until the window ends (for Retry-After)."""
    limit, seconds = settings.COMMENTS_RATE_LIMITS[bucket]
    if limit <= 0:
        return None  # this limit is switched off
    now = now or timezone.now()
    start_ts = int(now.timestamp()) // seconds * seconds
    key = _key(bucket, identity)
    if settings.REDIS_URL:
        count = _redis_incr(f"ratelimit:{key}:{start_ts}", seconds)
    else:
        count = _postgres_incr(key, datetime.fromtimestamp(start_ts, tz=UTC))
        if random.random() < CLEANUP_CHANCE:  # noqa: S311 not cryptographic
            cleanup(now=now)
    if count <= limit:
        return None
    return max(1, start_ts + seconds - int(now.timestamp()))


def _postgres_incr(key: str, window_start: datetime) -> int:
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count) VALUES (%s, %s, 1) "  # noqa: S608 table name from the model
            f"ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [key, window_start],
        )
        return cursor.fetchone()[0]


@lru_cache(maxsize=1)
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url)


def _redis_incr(key: str, seconds: int) -> int:
    pipe = _redis_client(settings.REDIS_URL).pipeline(transaction=True)
    pipe.incr(key)
    pipe.expire(key, seconds + 1)
    count, _expire = pipe.execute()
    return int(count)


def cleanup(*, now: datetime | None = None) -> int:
    """Delete PostgreSQL counters whose window ended more than a day ago."""
    longest = max(seconds for _limit, seconds in settings.COMMENTS_RATE_LIMITS.values())
    before = (now or timezone.now()) - timedelta(seconds=longest) - timedelta(days=1)
    deleted, _ = RateLimitCounter.objects.filter(window_start__lt=before).delete()
    return deleted
