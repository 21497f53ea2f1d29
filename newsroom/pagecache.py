"""Whole-page cache for anonymous readers, kept fresh by what each page shows.

Every public page records *keys* for what it shows while it renders (:func:`shows`,
``{% shows %}``): the story (``article-12``), each story card, the people, tags and
section named, and the lists it depends on (``stories``, ``stories-section-3``, ...).
Each app declares, in its ``AppConfig.ready()``, which keys a change to its rows
touches, and calls :func:`invalidate_keys`; after the transaction commits the keys'
change times move on (a row each in ``newsroom.PageKey``) and the CDN is asked to purge
them (``newsroom/cdn.py``). A cached page is fresh while none of its keys changed
since it began to render, so approving a comment re-renders that story and nothing
else.

Changes that happen without a save (a scheduled story's time comes, breaking news or
an advert ends) are known in advance: apps register a :class:`Schedule`, and the first
request after such a moment makes the keys it touches stale. No background job.

When a page is stale, one worker renders it while the others keep serving the old copy
for ``PAGE_STALE_SECONDS``; if rendering fails (the database is down), readers get the
last good copy for up to ``PAGE_STALE_IF_ERROR`` seconds instead of an error page.

Pages are byte-identical for every anonymous reader of a language (no per-reader token
or time), so they are sent ``Cache-Control: public`` with ``s-maxage``, and name their
keys in ``Surrogate-Key`` and ``Cache-Tag`` for a CDN. This module imports no app.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache as memoize
from functools import cached_property, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from newsroom import cdn
from newsroom.prepared import prepared_cursor

log = logging.getLogger(__name__)

#: Every page carries this key: invalidating it drops every page (imports, upgrades).
ALL = "all"
# A reader whose session holds one of these has something of their own on the page (a
# comment waiting for moderation, a one-time notice: comments/services.py), so gets a
# fresh, private page. The session is read only when its cookie came with the request.
PERSONAL_SESSION_KEYS = ("comments:pending", "comments:notice")

# Each worker asks for the keys changed since it last asked at most this often, which
# saves a database round trip on most hits; another worker's change is therefore seen
# up to this late (the worker that made it sees it at once).
LOCAL_SECONDS = 1.0
# How far back each such read looks before the previous one: a change's time is taken
# when its statement runs, so it may commit, and become visible, a little after a read
# that began later (a key changed inside a long request's transaction).
CHANGES_OVERLAP = 60.0
# A render's start is worked out from the database's clock as the last such read
# brought it, and this worker's steady clock since, for this long after that read.
CLOCK_CARRIED_SECONDS = 10.0
# Limits of the CDNs' key headers (caching.md): Fastly takes 16,384 bytes of
# Surrogate-Key, Cloudflare 16 KB and about 1,000 tags in Cache-Tag.
MAX_KEY_HEADER_BYTES = 16_000
MAX_KEYS = 1_000

_collecting: ContextVar[set[str] | None] = ContextVar("pagecache_keys", default=None)
# When the page being rendered started, on the database's clock: its pieces reuse it
# (earlier than their own start, so never fresher than they are) and save a query each.
_render_started: ContextVar[float | None] = ContextVar("pagecache_started", default=None)
# The pieces rendered with a page, stored with it in one statement: a story read for
# the first time writes its page, its thread and its related stories in one round trip.
_stored_with_page: ContextVar[dict | None] = ContextVar("pagecache_pieces", default=None)
# Set while a page the shared cache had no copy of is rendered: the pieces that page
# alone shows (piece(own=True): a story's thread, its related stories) are stored with
# it, so they are not there either, and asking for them would be two wasted round trips
# of every story read for the first time. (A variant read first, the second page of a
# story's comments, renders its related stories again rather than asking: rare.)
_page_absent: ContextVar[bool] = ContextVar("pagecache_page_absent", default=False)


# ---------------------------------------------------------------------------------
# Keys: what a page shows, and when each last changed


def key_of(thing) -> str | None:
    if isinstance(thing, str):
        return thing
    return getattr(thing, "cache_key", None)


def shows(request: HttpRequest | None, *things) -> None:
    """Record that the page being rendered shows these keys (strings, or objects with
    a ``cache_key``): a change to any of them makes the page stale and purges it."""
    keys = {key for key in map(key_of, things) if key}
    if request is not None:
        request.__dict__.setdefault("page_keys", set()).update(keys)
    collecting = _collecting.get()
    if collecting is not None:
        collecting.update(keys)


def family(key: str) -> str | None:
    """``article-12`` → ``article-all``: the key a page may carry instead of many of one
    kind when its header would pass the CDNs' limits."""
    kind, _, number = key.rpartition("-")
    return f"{kind}-all" if kind and number.isdigit() else None


class _ChangeTimes:
    """When each key last changed (seconds since the epoch; 0 if never), read from
    ``newsroom_pagekey`` and kept by this worker.

    A hit must not cost a query: a page shows twenty or more keys, and reading them
    again every second, page after page, was a tenth of a worker's time under a
    newsroom's traffic (bench/traffic.py). So a worker reads a key once, and then, at
    most once every LOCAL_SECONDS, asks which keys changed since it last asked (an
    index on the change time), in the statement that reads any key it meets for the
    first time. Another worker's change is seen up to LOCAL_SECONDS late, as before."""

    def __init__(self):
        self._known: dict[str, float] = {}
        # The database's clock at the last read, when (this worker's clock) the read
        # began, and when its answer had come.
        self._read_to: float | None = None
        self._read_at = -LOCAL_SECONDS
        self._answered_at = -CLOCK_CARRIED_SECONDS
        self._lock = threading.Lock()

    def latest(self, keys: Iterable[str], *, known_at: float | None = None) -> float:
        """The keys' latest change time. ``known_at`` (the database's clock): read
        first unless every change up to that moment has been read."""
        keys = list(keys)
        with self._lock:
            missing = [key for key in keys if key not in self._known]
            due = time.monotonic() - self._read_at > LOCAL_SECONDS or (
                known_at is not None and (self._read_to is None or self._read_to < known_at)
            )
        if missing or due:
            self._read(missing)
        with self._lock:
            return max((self._known.get(key, 0.0) for key in keys), default=0.0)

    def _read(self, missing: list[str]) -> None:
        """The missing keys' change times and every change since the last read, with
        the database's clock: a change committed just before that moment may carry a
        slightly earlier time, so changes are asked for from CHANGES_OVERLAP before."""
        since = None if self._read_to is None else self._read_to - CHANGES_OVERLAP
        read_at = time.monotonic()
        # Prepared: planning it took five times as long as running it (0.3 ms), and
        # each uncached page reads once (Page.is_fresh's known_at).
        with prepared_cursor() as cursor:
            cursor.execute(
                """SELECT key, changed FROM newsroom_pagekey
                   WHERE key = ANY(%s::text[]) OR changed > %s::float8
                   UNION ALL SELECT NULL, EXTRACT(EPOCH FROM clock_timestamp())::float8""",
                [missing, since],
            )
            rows = cursor.fetchall()
        answered_at = time.monotonic()
        with self._lock:
            if len(self._known) > 100_000:
                self._known.clear()  # a worker's memory stays flat
            self._known.update(dict.fromkeys(missing, 0.0))
            for key, changed in rows:
                if key is None:
                    self._read_to = changed
                else:
                    self._known[key] = changed
            self._read_at, self._answered_at = read_at, answered_at

    def database_clock(self) -> float | None:
        """Now on the database's clock, never later than it is, from the last read's
        clock and the time elapsed since on this worker's steady clock; None when that
        read is too old to carry (or there was none)."""
        with self._lock:
            elapsed = time.monotonic() - self._answered_at
            if self._read_to is None or elapsed > CLOCK_CARRIED_SECONDS:
                return None
            # The database read its clock before its answer came: it is now at least
            # that much later there.
            return self._read_to + elapsed

    def bump(self, keys: Iterable[str], at: float | None = None) -> None:
        """The keys changed ``at`` (seconds since the epoch), by default now on the
        database's clock: the one clock every app server reads render times from."""
        keys = sorted(set(keys))
        if not keys:
            return
        with connection.cursor() as cursor:
            # Sorted keys: two writers bumping overlapping keys lock rows in one order.
            cursor.execute(
                """INSERT INTO newsroom_pagekey (key, changed)
                   SELECT unnest(%s::text[]), COALESCE(%s, EXTRACT(EPOCH FROM clock_timestamp()))
                   ON CONFLICT (key) DO UPDATE SET changed = GREATEST(
                       newsroom_pagekey.changed, EXCLUDED.changed)
                   RETURNING changed""",
                [keys, at],
            )
            at = max(row[0] for row in cursor.fetchall())
        with self._lock:
            self._known.update(dict.fromkeys(keys, at))

    def forget(self) -> None:
        with self._lock:
            self._known.clear()
            self._read_to, self._read_at = None, -LOCAL_SECONDS
            self._answered_at = -CLOCK_CARRIED_SECONDS


change_times = _ChangeTimes()


def invalidate_keys(*keys: str, at_most_every: int | None = None) -> None:
    """After the current transaction commits, make every page showing these keys stale
    (here and at the CDN). Outside a transaction: at once. ``at_most_every`` seconds:
    a key that changes often (a "most discussed" box) is made stale at most that often,
    and at the latest that long after the change.

    The keys of one transaction are gathered and acted on once: deleting a story with
    thousands of comments is one change of each key, not thousands."""
    keys = tuple(key for key in keys if key)
    if not keys:
        return
    if at_most_every:
        transaction.on_commit(lambda: _throttled(keys, at_most_every))
        return
    pending = _pending_keys()
    if pending is None:
        _changed(keys)
    else:
        pending.update(keys)


def _pending_keys() -> set[str] | None:
    """The keys gathered in this transaction (None outside one), flushed on commit."""
    if not connection.in_atomic_block:
        return None
    pending = getattr(connection, "pagecache_pending", None)
    queued = pending is not None and any(
        callback is pending.flush for _savepoints, callback, _robust in connection.run_on_commit
    )
    if not queued:  # a new transaction (a rolled-back one dropped its callback)
        pending = _Pending()
        connection.pagecache_pending = pending
        transaction.on_commit(pending.flush)
    return pending


class _Pending(set):
    def flush(self) -> None:
        if getattr(connection, "pagecache_pending", None) is self:
            del connection.pagecache_pending
        _changed(set(self))


def invalidate(**_signal_kwargs) -> None:
    """Every page is stale (after commit): for changes too wide to name (an import)."""
    invalidate_keys(ALL)


def _changed(keys: Iterable[str]) -> None:
    """Committed: the keys' pages are stale here first, then at the CDN (which would
    otherwise fetch the old copy from here again)."""
    keys = set(keys)
    keys |= {name for name in map(family, keys) if name}
    change_times.bump(keys)
    _purge(keys)


def _purge(keys: set[str]) -> None:
    try:
        cdn.purge(sorted(keys))
    except Exception:  # a CDN outage never undoes a saved change
        log.exception("CDN purge of %s failed", sorted(keys))


THROTTLE_KEY = "pagecache:deferred"


def _throttled(keys: tuple[str, ...], seconds: int) -> None:
    """Committed: the keys go stale when ``seconds`` have passed since the first change
    not yet shown, through the schedule, so a burst of changes (comments approved every
    few seconds) makes the pages showing them stale once, and never at once."""
    deferred = cache.get(THROTTLE_KEY) or {}
    due = timezone.now().timestamp() + seconds
    waiting = {key: deferred.get(key, due) for key in keys}
    if any(key not in deferred for key in keys):
        cache.set(THROTTLE_KEY, deferred | waiting, None)
        _forget_next_change()


# ---------------------------------------------------------------------------------
# Scheduled changes: known in advance, applied by the first request after their time


@dataclass
class Schedule:
    """An app's changes that happen at a known time, without a save."""

    #: The first moment after ``now`` at which something changes, or None.
    next_change: Callable[[datetime], datetime | None]
    #: The keys that changed in (start, end].
    keys_changed: Callable[[datetime, datetime], set[str]]


_schedules: list[Schedule] = []
NEXT_KEY = "pagecache:next-change"
SCHEDULE_CHECKED = "~scheduled"  # a newsroom_pagekey row: scheduled changes applied up to
_schedule_memo = {"next": None, "read_at": -LOCAL_SECONDS}


def register_schedule(schedule: Schedule) -> None:
    _schedules.append(schedule)


def reschedule() -> None:
    """A row with a scheduled time was saved: find the next moment again (after the
    transaction commits)."""
    transaction.on_commit(_forget_next_change)


def _forget_next_change() -> None:
    cache.delete(NEXT_KEY)
    _schedule_memo["read_at"] = -LOCAL_SECONDS


def _deferred_due(deferred: dict) -> datetime | None:
    if not deferred:
        return None
    return datetime.fromtimestamp(min(deferred.values()), tz=timezone.get_current_timezone())


def next_change() -> datetime | None:
    """The next scheduled moment; the changes whose moment has come are applied first."""
    if time.monotonic() - _schedule_memo["read_at"] <= LOCAL_SECONDS:
        moment = _schedule_memo["next"]
        if moment is None or moment > timezone.now():
            return moment
    moment = cache.get(NEXT_KEY, "unknown")
    now = timezone.now()
    if moment == "unknown" or (moment is not None and moment <= now):
        moment = _apply_scheduled(now)
    _schedule_memo.update(next=moment, read_at=time.monotonic())
    return moment


def _apply_scheduled(now: datetime) -> datetime | None:
    if not cache.add("pagecache:schedule-lock", 1, 30):
        return now  # another worker is applying them; ask again shortly
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT changed FROM newsroom_pagekey WHERE key = %s", [SCHEDULE_CHECKED]
            )
            row = cursor.fetchone()
        since = datetime.fromtimestamp(row[0], tz=UTC) if row else now
        keys: set[str] = set()
        for schedule in _schedules:
            if since < now:
                keys |= schedule.keys_changed(since, now)
        deferred = cache.get(THROTTLE_KEY) or {}
        ripe = {key for key, due in deferred.items() if due <= now.timestamp()}
        if ripe:
            cache.set(THROTTLE_KEY, {k: v for k, v in deferred.items() if k not in ripe}, None)
            keys |= ripe
        if keys:
            _changed(keys)
        change_times.bump([SCHEDULE_CHECKED], now.timestamp())
        moments = [schedule.next_change(now) for schedule in _schedules]
        moments.append(_deferred_due({k: v for k, v in deferred.items() if k not in ripe}))
        moment = min((m for m in moments if m is not None), default=None)
        cache.set(NEXT_KEY, moment, None)
        return moment
    finally:
        cache.delete("pagecache:schedule-lock")


# ---------------------------------------------------------------------------------
# Releases: a page is the markup of the code that rendered it


@memoize
def current_release() -> str:
    """What renders this process's pages: ``PAGE_CACHE_RELEASE`` (a deploy's version),
    else Django's digest of the static files' manifest, the hashed file names every page
    links to ("" without a manifest, in development).

    A page or piece rendered by another release is stale: after a deploy the names of
    its stylesheet and scripts may be gone (whitenoise serves this release's files), so
    it is rendered again, one worker at a time as any stale page (:func:`serve`), and
    the CDN is told to drop every page once (:func:`_announce_release`)."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    from django.contrib.staticfiles.storage import staticfiles_storage

    return getattr(staticfiles_storage, "manifest_hash", "") or ""


_announced: set[str] = set()


def _announce_release() -> None:
    """The first page a process serves under a release the site has not served yet
    purges every page at the CDN, once (a ``newsroom_pagekey`` row marks the release as
    announced): the CDN's copies link to the old release's files."""
    release = current_release()
    if not release or release in _announced:
        return
    # Hashed: the release is whatever the deploy set, of any length (keys take 200).
    key = f"~release-{hashlib.sha256(release.encode()).hexdigest()[:32]}"
    if change_times.latest([key]) == 0.0:
        change_times.bump([key])
        _purge({ALL})
    _announced.add(release)


# ---------------------------------------------------------------------------------
# Stored pages and pieces


@dataclass
class Page:
    status: int
    content_type: str
    content: bytes
    headers: dict
    keys: tuple[str, ...]
    #: When rendering began, on the database's clock: fresh while no key changed since.
    #: (A change committed while it rendered may or may not be in it: stale.)
    started: float
    stored: float = field(default_factory=time.time)
    #: What rendered it (:func:`current_release`); copies stored before releases were
    #: recorded read the class's "" (no release).
    release: str = ""

    def __post_init__(self):
        self.release = self.release or current_release()

    @cached_property
    def cdn_headers(self) -> tuple[str, str]:
        """Surrogate-Key and Cache-Tag, worked out once per copy, not per answer."""
        keys = key_header(self.keys)
        return " ".join(keys), ",".join(keys)

    def is_fresh(self, *, known_at: float | None = None) -> bool:
        """No key it shows has changed since it was rendered, as far as this worker
        knows, and (``known_at``) knowing every change up to that moment."""
        if time.time() - self.stored > settings.PAGE_CACHE_SECONDS:
            return False
        if self.release != current_release():  # another release's markup
            return False
        next_change()  # applies scheduled changes whose time has come
        return change_times.latest(self.keys, known_at=known_at) < self.started


class _RecentPages:
    """This worker's most recent pages and pieces, bounded in number and bytes. Entries
    stay after they go stale: they are the last good copies for a database outage."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers serve several requests at once

    def get(self, key: str) -> Page | None:
        with self._lock:
            page = self._entries.get(key)
            if page is not None:
                self._entries.move_to_end(key)
            return page

    def set(self, key: str, page: Page) -> None:
        size = len(page.content)
        if size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = page
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def discard(self, key: str) -> None:
        with self._lock:
            if key in self._entries:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        page = self._entries.pop(key)
        self._bytes -= len(page.content)


# Each worker keeps the pages and pieces it served most recently (bounded in number and
# bytes by settings), so a hit costs no round trip to the shared cache, and so that it
# has a last good copy to serve when the database is down.
recent_pages = _RecentPages(
    settings.PAGE_CACHE_LOCAL_ENTRIES, settings.PAGE_CACHE_LOCAL_MB * 1024 * 1024
)
# Small parts that the pieces around them repeat from render to render (each story's
# card on the front page and the section pages: a publish renders those again with one
# new card among fifty), kept apart so that the archive's pages never push them out.
recent_parts = _RecentPages(2_000, 8 * 1024 * 1024)


def forget_local_state() -> None:
    """Drop what this worker remembers (tests, after the database was emptied)."""
    recent_pages.clear()
    recent_parts.clear()
    change_times.forget()
    _schedule_memo.update(next=None, read_at=-LOCAL_SECONDS)
    _announced.clear()


def database_now() -> float:
    """Now on the database's clock (seconds since the epoch), which change times use:
    app servers' clocks may drift apart, the database has one. Carried from the last
    read of change times when it is recent (a round trip less for each miss under
    traffic): never later than the database's clock, so a page is never taken for
    fresher than it is."""
    carried = change_times.database_clock()
    if carried is not None:
        return carried
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())")
        return float(cursor.fetchone()[0])


def stored(key: str) -> Page | None:
    page = recent_pages.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            recent_pages.set(key, page)
    return page


def store(key: str, page: Page) -> None:
    recent_pages.set(key, page)
    with_page = _stored_with_page.get()
    if with_page is not None:  # a piece of a page being rendered: stored with it
        with_page[key] = page
    else:
        _store_shared({key: page})


def _store_shared(pages: dict[str, Page]) -> None:
    cache.set_many(pages, settings.PAGE_CACHE_SECONDS + settings.PAGE_STALE_IF_ERROR)


def piece(
    name: str, render: Callable[[], str], *, seconds: int | None = None, own: bool = False
) -> str:
    """A part many pages share (navigation, ticker, an ad slot), rendered once and kept
    with keys of its own: ``render()`` records them with :func:`shows` like a page.
    The page using it records the same keys. ``seconds`` bounds its age. ``own``: a
    part of one page (and its variants), kept so that the page re-rendered for another
    reason does not render it again."""
    return remembered(
        f"piece:{translation.get_language()}:{name}",
        render,
        seconds=seconds,
        own=own,
        encode=lambda html: str(html).encode(),
        decode=bytes.decode,
    )


def part(name: str, render: Callable[[], str]) -> str:
    """A small part of a piece, kept in this worker's memory only: ``render()`` records
    its keys with :func:`shows`, and it is used again while none of them changed (a
    story's card, in the front page re-rendered for a new story). Never stored in the
    shared cache: rendering one costs less than a round trip to fetch it."""
    return remembered(
        f"part:{translation.get_language()}:{name}",
        render,
        encode=lambda html: html,
        decode=lambda html: html,
        local=True,
    )


def remembered(
    name: str,
    compute: Callable,
    *,
    seconds=None,
    encode=pickle.dumps,
    decode=pickle.loads,
    own: bool = False,
    local: bool = False,
):
    """``compute()``'s value, kept until a key it recorded with :func:`shows` changes
    (or for ``seconds``): a listing's count, a piece of HTML. The page using it records
    the same keys. ``local``: kept by this worker alone (:func:`part`)."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    key = f"pagecache:{name}"
    if local:
        found = recent_parts.get(key)
    else:
        found = recent_pages.get(key) if own and _page_absent.get() else stored(key)
    if found is not None and (seconds is None or time.time() - found.stored < seconds):
        try:
            # Inside a page, checked against every change up to the page's start: a
            # change this worker has not read yet (another worker's, within
            # LOCAL_SECONDS) would otherwise stay in a page that looks newer than it.
            fresh = found.is_fresh(known_at=_render_started.get())
        except DatabaseError:
            fresh = True  # the page around it will not be stored either
        if fresh:
            shows(None, *found.keys)
            return decode(found.content)
    outer = _collecting.get()
    keys = {ALL}
    token = _collecting.set(keys)
    started = _render_started.get() or database_now()
    try:
        value = compute()
    finally:
        _collecting.reset(token)
    if outer is not None:
        outer.update(keys)
    page = Page(200, "", encode(value), {}, tuple(sorted(keys)), started)
    if local:
        recent_parts.set(key, page)
    else:
        store(key, page)
    return value


# ---------------------------------------------------------------------------------
# Serving


def has_personal_content(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and any(key in session for key in PERSONAL_SESSION_KEYS)


def drop_unknown_query(request: HttpRequest) -> None:
    """Keep only the query parameters public pages read (settings.PAGE_CACHE_QUERY_PARAMS),
    in one canonical form.

    Any other (`utm_source`, `fbclid`, a random `?x=1`) changes nothing on the page, so
    the reader gets the one cached copy, rendered as if it were not there: campaign
    links do not each make a copy, and nobody can make the site render a page at will
    by adding junk to its address. The browser keeps the address it asked for, so
    analytics still read their parameters there.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    # Sorted and percent-encoded one way, so ?b=2&a=1 and ?a=1&b=2, or Thai typed
    # raw and escaped, are one copy too.
    kept = QueryDict(mutable=True)
    for name, values in sorted(request.GET.lists()):
        if name in settings.PAGE_CACHE_QUERY_PARAMS:
            kept.setlist(name, values)
    request.META["QUERY_STRING"] = kept.urlencode()
    kept._mutable = False
    request.GET = kept


def page_key(request: HttpRequest) -> str:
    # Hashed: a percent-encoded Thai path easily passes the cache's 250-character keys.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:page:{translation.get_language()}:{path}"


def key_header(keys: Iterable[str]) -> list[str]:
    """The page's keys as a CDN takes them: within the header limits, collapsing a kind
    with many keys (every card's ``article-N``) into its family key."""
    keys = sorted(set(keys))
    while len(keys) > MAX_KEYS or sum(len(key) + 1 for key in keys) > MAX_KEY_HEADER_BYTES:
        kinds: dict[str, int] = {}
        for key in keys:
            if (name := family(key)) is not None:
                kinds[name] = kinds.get(name, 0) + 1
        if not kinds:
            break
        widest = max(kinds, key=kinds.get)
        keys = sorted({widest if family(key) == widest else key for key in keys})
    return keys


def _respond(key: str, page: Page, state: str) -> HttpResponse:
    response = HttpResponse(page.content, content_type=page.content_type, status=page.status)
    for name, value in page.headers.items():
        response[name] = value
    return _public(key, response, page, state)


def _public(key: str, response: HttpResponse, page: Page, state: str) -> HttpResponse:
    """The headers of a page every anonymous reader of this language shares."""
    response["X-Page-Cache"] = state
    shared_age = settings.PAGE_SHARED_MAX_AGE
    try:
        moment = next_change()
    except DatabaseError:
        moment = None  # the last good copy, served while the database is down
    if moment is not None:  # a CDN's copy must not outlive a scheduled change
        shared_age = max(1, min(shared_age, int((moment - timezone.now()).total_seconds())))
    if state == "stale":
        shared_age = 0  # an old copy, served while another worker renders: a CDN asks again
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_MAX_AGE, shared_age),
        s_maxage=shared_age,
        stale_while_revalidate=settings.PAGE_STALE_SECONDS,
        stale_if_error=settings.PAGE_STALE_IF_ERROR,
    )
    response["Surrogate-Key"], response["Cache-Tag"] = page.cdn_headers
    # The tag names this copy (address, language and when it was rendered), not a hash
    # of every byte: ConditionalGetMiddleware answers 304 from it.
    tag = hashlib.sha256(f"{key}:{page.started}".encode()).hexdigest()[:32]
    response["ETag"] = f'W/"{tag}"'
    response["Last-Modified"] = http_date(page.started)
    return response


def _claim(key: str) -> bool:
    """One worker renders a stale page; the others serve the old copy meanwhile."""
    try:
        return cache.add(f"{key}:rendering", 1, settings.PAGE_STALE_SECONDS)
    except DatabaseError:
        return False  # the shared cache is down with the database: keep the old copy


def _fresh_or_unknown(page: Page) -> bool | None:
    try:
        return page.is_fresh()
    except DatabaseError:
        return None  # cannot tell: the database is down


def _newest_copy(key: str, page: Page) -> tuple[Page, bool | None]:
    """This worker's copy is stale: another worker may have stored a fresh one since."""
    try:
        shared = cache.get(key)
    except DatabaseError:
        return page, None
    if shared is not None and shared.started > page.started:
        recent_pages.set(key, shared)
        return shared, _fresh_or_unknown(shared)
    return page, False


def _render_and_store(request, key: str, render: Callable[[], HttpResponse], old: Page | None):
    """Render the page and store it with its pieces. ``old``: the stale copy it replaces,
    None when the shared cache had none (then its own pieces are not asked for there)."""
    keys = {ALL}
    token = _collecting.set(keys)
    pieces: dict[str, Page] = {}
    pieces_token = _stored_with_page.set(pieces)
    absent_token = _page_absent.set(old is None)
    started_token = None
    try:
        started = database_now()
        started_token = _render_started.set(started)
        response = render()
        if hasattr(response, "render"):
            response.render()
    except DatabaseError:
        if old is not None and time.time() - old.stored < settings.PAGE_STALE_IF_ERROR:
            log.exception("Serving the last good copy of %s", request.path)
            return _respond(key, old, "stale")
        raise
    finally:
        _collecting.reset(token)
        _stored_with_page.reset(pieces_token)
        _page_absent.reset(absent_token)
        if started_token is not None:
            _render_started.reset(started_token)
        if old is not None:  # only a stale copy's render was claimed (_from_copy)
            cache.delete(f"{key}:rendering")
    if response.status_code != 200 or response.cookies:
        if pieces:
            _store_shared(pieces)  # good pieces of a page that is not kept
        if response.status_code >= 500 and old is not None:
            return _respond(key, old, "stale")
        response["X-Page-Cache"] = "miss"
        return response
    keys |= request.__dict__.get("page_keys", set())
    headers = {name: response[name] for name in ("Content-Language",) if response.has_header(name)}
    page = Page(
        200, response["Content-Type"], response.content, headers, tuple(sorted(keys)), started
    )
    recent_pages.set(key, page)
    _store_shared({**pieces, key: page})
    return _public(key, response, page, "miss")


def serve(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """A fresh copy if there is one; else render (one worker at a time), serving the old
    copy to the others and when rendering fails."""
    key = page_key(request)
    with suppress(DatabaseError):  # the database is down: the next page announces it
        _announce_release()
    claimed = request.__dict__.pop("pagecache_claimed", None)
    if claimed is not None:  # the middleware found it stale and claimed the render
        return _render_and_store(request, key, render, claimed)
    try:
        page = stored(key)
    except DatabaseError:
        page = recent_pages.get(key)
    if page is None:
        return _render_and_store(request, key, render, None)
    answer, page = _from_copy(key, page)
    return answer or _render_and_store(request, key, render, page)


def _from_copy(key: str, page: Page) -> tuple[HttpResponse | None, Page]:
    """The answer from a cached copy: fresh, or the old one while another worker renders
    it or the database is down. None when this worker has claimed the render (with the
    newest copy, to fall back on)."""
    fresh = _fresh_or_unknown(page)
    if fresh is False:
        page, fresh = _newest_copy(key, page)
    if fresh:
        return _respond(key, page, "hit"), page
    if fresh is None or not _claim(key):
        return _respond(key, page, "stale"), page
    return None, page


class PageCacheMiddleware:
    """Serve a page this worker has cached to a reader with no session, before the rest
    of the stack.

    Only pages stored by :func:`cache_for_readers` views are in the cache, and a
    request without a session cookie is anonymous with nothing of its own, so it
    gets what the view would have served, without URL resolving, authentication,
    messages or the view. It sits below the middleware that set the language and the
    security headers, which still run. Everyone else goes on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (
            settings.PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            return self.get_response(request)
        drop_unknown_query(request)
        # This worker's own copies only: a page missing there may be a page that is
        # never cached (an admin page, a 404), which must cost no cache round trip.
        key = page_key(request)
        page = recent_pages.get(key)
        if page is None:
            return self.get_response(request)
        answer, page = _from_copy(key, page)
        if answer is not None:
            return answer
        request.pagecache_claimed = page
        response = self.get_response(request)
        if response.status_code >= 500:
            return _respond(key, page, "stale")
        return response


def cache_for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the page cache; everyone else gets a fresh page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Without a session cookie the reader is anonymous: the session is not touched,
        # so SessionMiddleware adds no "Vary: Cookie" that would keep CDNs away.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if request.method not in ("GET", "HEAD") or (
            has_session and (request.user.is_authenticated or has_personal_content(request))
        ):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not settings.PAGE_CACHE_SECONDS:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response
        drop_unknown_query(request)
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapped
