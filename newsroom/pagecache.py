"""Whole-page cache for anonymous readers, invalidated when the content changes.

Every cached page is stored under the current *content version*. Saving or deleting
anything a public page shows (newsroom/apps.py lists the models) starts a new version,
so a newly published story is on the home page at once. Changes that happen without a
save — a scheduled story whose time comes, breaking news or an advert that ends — are
known in advance: the version records the next such moment and expires there. No
background job is needed.

Pages are stored by the views (:func:`cache_for_readers`) in the shared cache and in
each worker's memory; :class:`PageCacheMiddleware` serves the worker's copies to
readers without a session before URL resolving and authentication run.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from newsroom.csrf_token import reader_token

VERSION_KEY = "pagecache:version"
# A cached page is shared by every reader, so a form on it cannot carry one reader's
# CSRF token. Templates print this marker instead ({{ csrf_placeholder }} from the
# context processor), and each response gets the reader's own token in its place.
CSRF_PLACEHOLDER = "__newsroom_csrf_token__"
# A reader whose session holds one of these has something of their own on the page (a
# comment waiting for moderation, a one-time notice: comments/services.py), so gets a
# fresh page. The session is read only when its cookie came with the request: a
# first-time reader costs no session lookup and is still served from the cache.
PERSONAL_SESSION_KEYS = ("comments:pending", "comments:notice")


# Each worker remembers the version it last read for this long, which saves a cache
# round trip on most hits. Another worker's change is therefore seen up to this late;
# the worker that made it sees it at once.
LOCAL_SECONDS = 1.0
_local = {"state": None, "read_at": 0.0}


# Each worker also keeps the pages it served most recently, so a hit on a popular page
# costs no round trip to the shared cache at all. Entries are keyed by content version
# like the shared ones (a new version makes them unreachable; the oldest are dropped),
# and bounded in number and bytes so a worker's memory stays flat.
LOCAL_PAGES = 200
LOCAL_PAGE_BYTES = 32 * 1024 * 1024


class _RecentPages:
    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers serve several requests at once

    def get(self, key: str):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            expires, page = found
            if expires <= time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return page

    def set(self, key: str, page: tuple, seconds: float) -> None:
        size = len(page[2])
        if size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic() + seconds, page)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        _expires, page = self._entries.pop(key)
        self._bytes -= len(page[2])


recent_pages = _RecentPages(LOCAL_PAGES, LOCAL_PAGE_BYTES)


def shows(request: HttpRequest, *things) -> None:
    """Record that the response to ``request`` shows these keys (strings, or objects with
    a ``cache_key``): a change to any of them makes the page stale and purges it."""
    found = request.__dict__.setdefault("page_keys", set())
    for thing in things:
        key = thing if isinstance(thing, str) else getattr(thing, "cache_key", None)
        if key:
            found.add(key)


def invalidate_keys(*keys: str, at_most_every: int | None = None) -> None:
    """After the current transaction commits, make every page showing these keys stale
    (here and at the CDN). Outside a transaction: at once. ``at_most_every`` seconds:
    a key that changes often (a "most discussed" box) is made stale at most that often,
    and at the latest that long after the change."""
    # Interim: the whole-site version, until per-key versions land.
    from django.db import transaction

    if keys:
        transaction.on_commit(invalidate)


def invalidate(**_signal_kwargs) -> None:
    """Start a new content version; pages cached under the old one are never served."""
    _remember(_new_state())
    cache.set(VERSION_KEY, _local["state"], None)


def invalidate_if_shown(instance=None, **signal_kwargs) -> None:
    """The save/delete receiver: like :func:`invalidate`, except for a row that says no
    public page shows it (a model may define ``shown_on_public_pages``; a reader's
    comment waiting for moderation does, so posting one leaves the cache alone)."""
    if getattr(instance, "shown_on_public_pages", True):
        invalidate(**signal_kwargs)


def content_version() -> str:
    state = _local["state"]
    if state is None or time.monotonic() - _local["read_at"] > LOCAL_SECONDS:
        state = cache.get(VERSION_KEY)
    if state is None or (state["expires"] is not None and state["expires"] <= timezone.now()):
        state = _new_state()
        cache.set(VERSION_KEY, state, None)
    _remember(state)
    return state["version"]


def _remember(state: dict) -> None:
    if state is not _local["state"]:
        _local["state"], _local["read_at"] = state, time.monotonic()


def _new_state() -> dict:
    return {"version": uuid4().hex, "expires": next_scheduled_change()}


def next_scheduled_change() -> datetime | None:
    """The earliest future moment at which some public page changes by itself."""
    from articles.models import Advert, Article  # the apps import this module

    moments = [Article.objects.next_scheduled_change(), Advert.objects.next_scheduled_change()]
    return min((moment for moment in moments if moment is not None), default=None)


def has_personal_content(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and any(key in session for key in PERSONAL_SESSION_KEYS)


def page_key(request: HttpRequest) -> str:
    # Hashed: a percent-encoded Thai path easily passes the cache's 250-character keys.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:page:{content_version()}:{translation.get_language()}:{path}"


def cached_page(key: str) -> tuple | None:
    """(status, content type, content, headers) stored under ``key``, or None."""
    page = recent_pages.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            recent_pages.set(key, page, settings.PAGE_CACHE_SECONDS)
    return page


def _from_page(page: tuple) -> HttpResponse:
    status, content_type, content, headers = page
    response = HttpResponse(content, content_type=content_type, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _for_this_reader(request: HttpRequest, response: HttpResponse, key: str | None) -> HttpResponse:
    """The shared page made this reader's: their CSRF token, caching headers, ETag."""
    token = ""
    if CSRF_PLACEHOLDER.encode() in response.content:
        token = reader_token(request)
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), token.encode())
        # A page holding a reader's token is theirs alone: no CDN may share it.
        patch_cache_control(response, private=True, max_age=0)
    elif response.status_code == 200 and settings.PAGE_CACHE_SECONDS:
        patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
    if key is not None:
        # The cache key names this content (its version, language and address), so
        # the tag is a hash of the key, not of the page's bytes (ConditionalGet-
        # Middleware's default, a hash of every byte of every response).
        tag = hashlib.sha256(f"{key}:{token}".encode()).hexdigest()[:32]
        response["ETag"] = f'W/"{tag}"'
    patch_vary_headers(response, ("Cookie",))  # the language is chosen by cookie
    return response


class PageCacheMiddleware:
    """Serve a page this worker has cached to a reader with no session, before the rest
    of the stack.

    Only pages stored by :func:`cache_for_readers` views are in the cache, and a
    request without a session cookie is anonymous with nothing of its own, so it
    gets what the view would have served, without URL resolving, authentication,
    messages or the view. It sits below the middleware that set the language, the
    CSRF cookie and the security headers, which still run. Everyone else goes on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            # This worker's own copies only: a page missing there may be a page that is
            # never cached (an admin page, a 404), which must cost no cache round trip.
            key = page_key(request)
            page = recent_pages.get(key)
            if page is not None:
                return _for_this_reader(request, _from_page(page), key)
        return self.get_response(request)


def cache_for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the page cache; everyone else gets a fresh page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
            or has_personal_content(request)
        ):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not seconds:
            return _for_this_reader(request, _render(view(request, *args, **kwargs)), None)

        key = page_key(request)
        page = cached_page(key)
        if page is not None:
            return _for_this_reader(request, _from_page(page), key)
        version = content_version()
        response = _render(view(request, *args, **kwargs))
        # Store only what was rendered under a version that is still current.
        if response.status_code != 200 or content_version() != version:
            return _for_this_reader(request, response, None)
        headers = {
            name: response[name]
            for name in ("Last-Modified", "Content-Language")
            if response.has_header(name)
        }
        page = (response.status_code, response["Content-Type"], response.content, headers)
        cache.set(key, page, seconds)
        recent_pages.set(key, page, seconds)
        return _for_this_reader(request, response, key)

    return wrapped


def _render(response: HttpResponse) -> HttpResponse:
    if hasattr(response, "render"):
        response.render()
    return response
