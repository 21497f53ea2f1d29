"""Purging the CDN by surrogate key, with an outbox so that no purge is lost.

Pages carry the keys of what they show (`Surrogate-Key`, `Cache-Tag`: see
newsroom/pagecache.py). After a transaction that changed some keys commits, the page
cache calls :func:`purge` with them, and the CDN chosen by ``CDN_PURGE_BACKEND`` drops
every page carrying any of them: a Varnish with the shipped VCL
(deploy/varnish/newsroom.vcl), Fastly or Cloudflare.

Every purge is first written to the outbox (:class:`newsroom.models.PendingPurge`),
then sent, then deleted. Sending happens in a daemon thread started after the commit,
so an editor's save never waits for the CDN, even a CDN that does not answer (each
request gives up after ``CDN_PURGE_TIMEOUT`` seconds). A purge that fails stays in the
outbox and is tried again with a growing delay: by the next purge, and by
``manage.py send_purges`` (run from cron). A process that dies between the commit and
the request leaves its row behind in the same way. Pending purges are merged into one
set of keys when they are sent: purging a key twice is harmless, and a long outage
leaves one row, not thousands.

This module is part of the core: it imports no app but its own model.
"""

import json
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import (
    HTTPRedirectHandler,
    ProxyHandler,
    Request,
    build_opener,
)

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

BACKENDS = ("", "varnish", "fastly", "cloudflare")

# The header our VCL reads the keys of a PURGE from (deploy/varnish/newsroom.vcl): a
# hard purge drops the pages, a soft one marks them stale (served while refetched).
VARNISH_PURGE_HEADER = "xkey-purge"
VARNISH_SOFT_PURGE_HEADER = "xkey-softpurge"
# Varnish refuses a request header longer than its http_req_hdr_len (8 KiB by default).
VARNISH_HEADER_BYTES = 4000
# Fastly purges at most 256 surrogate keys a request, Cloudflare 100 tags (caching.md).
FASTLY_KEYS_PER_REQUEST = 256
CLOUDFLARE_TAGS_PER_REQUEST = 100

# A failed purge is tried again after 10 s, then 20 s, 40 s, ... and at least hourly.
RETRY_FIRST_SECONDS = 10
RETRY_MAX_SECONDS = 60 * 60
# A sender owns the rows it took for this long: another sender leaves them alone, and
# if the first one died they are sent again after it.
LEASE_SECONDS = 60
# Rows merged into one send at most, so that one send stays a bounded amount of work.
ROWS_PER_SEND = 1000


class PurgeFailed(Exception):
    """The CDN did not accept a purge request; ``unsent`` are the keys not purged."""

    def __init__(self, message: str, unsent: list[str]):
        super().__init__(message)
        self.unsent = unsent


@dataclass
class Summary:
    """What one :func:`send_pending` did."""

    sent: int = 0  # outbox rows purged and deleted
    keys: int = 0  # distinct keys in them
    requests: int = 0  # requests the CDN accepted
    failed: int = 0  # outbox rows kept for a later attempt
    error: str = ""


def purge(keys: Iterable[str]) -> None:
    """Purge these surrogate keys at the CDN once the current transaction commits.

    The outbox row is written at once: inside a transaction it commits or rolls back
    with the change itself (a rolled-back change purges nothing); called from an
    ``on_commit`` callback it is written right after the commit. Nothing is written or
    sent when no CDN is configured.
    """
    if not settings.CDN_PURGE_BACKEND:
        return
    cleaned = clean_keys(keys)
    if not cleaned:
        return
    from newsroom.models import PendingPurge  # models load after this module

    PendingPurge.objects.create(keys=" ".join(cleaned), next_attempt_at=timezone.now())
    # robust: a failure here is logged, never raised into the code that committed.
    transaction.on_commit(_send_soon, robust=True)


def clean_keys(keys: Iterable[str]) -> list[str]:
    """The distinct keys, sorted; a string holding several keys is split on spaces."""
    found: set[str] = set()
    for key in keys:
        found.update(str(key).split())
    return sorted(found)


def send_pending(*, due_only: bool = True) -> Summary:
    """Send the outbox: every purge that is due (all of them with ``due_only=False``),
    merged into one set of keys. Once the CDN has accepted a send, purges still waiting
    for their next attempt go too: the CDN is evidently answering again."""
    summary = Summary()
    while True:
        rows = _claim(due_only=due_only)
        if not rows:
            return summary
        keys = clean_keys(key for row in rows for key in row.keys.split())
        try:
            summary.requests += send(keys)
        except PurgeFailed as failure:
            _keep_for_later(rows, failure)
            summary.failed += len(rows)
            summary.error = str(failure)
            logger.warning("CDN purge failed, kept for a later attempt: %s", failure)
            return summary
        from newsroom.models import PendingPurge

        PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
        summary.sent += len(rows)
        summary.keys += len(keys)
        due_only = False


def retry_delay(attempts: int) -> timedelta:
    """How long a purge that failed ``attempts`` times waits before the next attempt."""
    seconds = RETRY_FIRST_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, RETRY_MAX_SECONDS))


def send(keys: list[str]) -> int:
    """Purge ``keys`` at the configured CDN now; return the number of requests made.

    Raises :class:`PurgeFailed` at the first request the CDN does not accept.
    """
    backend = settings.CDN_PURGE_BACKEND
    if backend == "varnish":
        return _send_batches(_varnish_request, _by_bytes(keys, VARNISH_HEADER_BYTES))
    if backend == "fastly":
        return _send_batches(_fastly_request, _by_count(keys, FASTLY_KEYS_PER_REQUEST))
    if backend == "cloudflare":
        return _send_batches(_cloudflare_request, _by_count(keys, CLOUDFLARE_TAGS_PER_REQUEST))
    raise PurgeFailed(f"no CDN to purge (CDN_PURGE_BACKEND is {backend!r})", keys)


def wait_for_background(timeout: float = 10.0) -> bool:
    """Wait for the purges being sent in the background; False if some are still going."""
    with _threads_lock:
        running = list(_threads)
    deadline = time.monotonic() + timeout
    for thread in running:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in running)


# Sending


_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def _send_soon() -> None:
    if not settings.CDN_PURGE_IN_BACKGROUND:
        send_pending()
        return
    thread = threading.Thread(target=_send_in_background, name="cdn-purge", daemon=True)
    with _threads_lock:
        _threads.add(thread)
    thread.start()


def _send_in_background() -> None:
    try:
        time.sleep(settings.CDN_PURGE_DELAY)  # every worker has seen the change by then
        send_pending()
    except Exception:
        logger.exception("CDN purge failed; the outbox keeps it for send_purges")
    finally:
        connection.close()  # this thread's own database connection
        with _threads_lock:
            _threads.discard(threading.current_thread())


def _claim(*, due_only: bool) -> list:
    """Take the oldest pending purges for this sender, leasing them for LEASE_SECONDS."""
    from newsroom.models import PendingPurge

    now = timezone.now()
    with transaction.atomic():
        pending = PendingPurge.objects.select_for_update(skip_locked=True).order_by("id")
        if due_only:
            pending = pending.filter(next_attempt_at__lte=now)
        rows = list(pending[:ROWS_PER_SEND])
        if rows:
            PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).update(
                next_attempt_at=now + timedelta(seconds=LEASE_SECONDS)
            )
    return rows


def _keep_for_later(rows: list, failure: PurgeFailed) -> None:
    """Replace the rows by one holding only the keys not purged, whose next attempt
    waits by how often these purges have failed already.

    A new row rather than an update of one of them: a concurrent sender that took the
    same rows (after a success, every waiting row goes) may have deleted some already.
    """
    from newsroom.models import PendingPurge

    attempts = max(row.attempts for row in rows) + 1
    with transaction.atomic():
        PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
        if failure.unsent:
            PendingPurge.objects.create(
                keys=" ".join(failure.unsent),
                created_at=min(row.created_at for row in rows),
                attempts=attempts,
                next_attempt_at=timezone.now() + retry_delay(attempts),
                last_error=str(failure)[:1000],
            )


def _send_batches(request_for, batches: list[list[str]]) -> int:
    for done, batch in enumerate(batches):
        try:
            request_for(batch)
        except PurgeFailed as failure:
            unsent = [key for later in batches[done:] for key in later]
            raise PurgeFailed(str(failure), unsent) from failure
    return len(batches)


def _by_count(keys: list[str], size: int) -> list[list[str]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def _by_bytes(keys: list[str], limit: int) -> list[list[str]]:
    """Batches whose space-separated form stays within ``limit`` bytes."""
    batches: list[list[str]] = []
    batch: list[str] = []
    length = 0
    for key in keys:
        size = len(key.encode()) + (1 if batch else 0)
        if batch and length + size > limit:
            batches.append(batch)
            batch, length, size = [], 0, len(key.encode())
        batch.append(key)
        length += size
    if batch:
        batches.append(batch)
    return batches


class _NoRedirects(HTTPRedirectHandler):
    # A purge answered by a redirect went to the wrong place: a failure, not a retry
    # of the request somewhere else (urllib would turn a POST into a GET).
    def redirect_request(self, *args, **kwargs):
        return None


# Varnish is on the site's own network: never reach it through an outgoing proxy.
_direct = build_opener(ProxyHandler({}), _NoRedirects)
_via_environment = build_opener(_NoRedirects)


def _http(opener, method: str, url: str, headers: dict[str, str], body: bytes | None = None):
    """Make one request; return its body, or raise PurgeFailed (with no keys yet)."""
    request = Request(url, data=body, headers=headers, method=method)  # noqa: S310 the URL comes from settings, which allow only http(s)
    try:
        with opener.open(request, timeout=settings.CDN_PURGE_TIMEOUT) as response:
            return response.read()
    except HTTPError as error:
        raise PurgeFailed(f"{method} {url}: HTTP {error.code} {error.reason}", []) from error
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PurgeFailed(f"{method} {url}: {reason}", []) from error


def _varnish_request(keys: list[str]) -> None:
    header = VARNISH_SOFT_PURGE_HEADER if settings.CDN_SOFT_PURGE else VARNISH_PURGE_HEADER
    _http(_direct, "PURGE", settings.CDN_PURGE_URL, {header: " ".join(keys)})


def _fastly_request(keys: list[str]) -> None:
    url = f"{settings.FASTLY_API_URL.rstrip('/')}/service/{quote(settings.FASTLY_SERVICE_ID)}/purge"
    headers = {
        "Fastly-Key": settings.FASTLY_API_TOKEN,
        "Surrogate-Key": " ".join(keys),
        "Accept": "application/json",
    }
    if settings.CDN_SOFT_PURGE:
        headers["Fastly-Soft-Purge"] = "1"
    _http(_via_environment, "POST", url, headers)


def _cloudflare_request(keys: list[str]) -> None:
    zone = quote(settings.CLOUDFLARE_ZONE_ID)
    url = f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{zone}/purge_cache"
    headers = {
        "Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    answer = _http(_via_environment, "POST", url, headers, json.dumps({"tags": keys}).encode())
    # Cloudflare says whether it did it in the body ({"success": true, ...}).
    try:
        success = json.loads(answer).get("success") is True
    except (ValueError, AttributeError):
        success = False
    if not success:
        raise PurgeFailed(f"POST {url}: Cloudflare did not confirm: {answer[:300]!r}", [])
