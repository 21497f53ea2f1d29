"""A newsroom's day in a minute: mixed reader traffic while an editor works.

    .venv/bin/python bench/traffic.py [--duration 60] [--warmup 10] [--connections 8]
        [--workers 2] [--publish-every 60] [--edit-every 60] [--approve-every 5]
        [--prime 300] [--settle 0] [--edit-breaking]

Starts gunicorn (DJANGO_SETTINGS_MODULE=bench.settings: DEBUG off, page cache on) on a
free port of 127.0.0.1 and loads it with wrk and a Lua script that draws each request
from a weighted list of real URLs of the database, the way news traffic spreads:

* a quarter on the home page;
* story pages: three in four among the newest stories, Zipf over recency (the newest is
  read most), one in four uniformly anywhere in the archive;
* section, tag, person and organisation pages, Zipf over how many stories they have;
* a few second-and-later pages of listings, and feeds.

Meanwhile a writer process (Django against the same database, through the app's own
services, so the same signals fire as in the admin) publishes a story, edits a published
one and approves a pending comment at the given rates. The bare Django view
(/bench/bare/) is measured before and after with the same wrk script and settings, so the
ratio is fair. By default the run starts from an empty page cache with only the most
requested pages in it (the minutes after the cache is emptied); ``--settle 600`` first
runs the same traffic, writer working, until the share of misses stops falling (what a
site that has been up a while holds). Prints req/s, p50/p95/p99 latency, the ratio to
the bare view, the page cache's hit ratio (from the X-Page-Cache header), renders per
minute, answers that were not 200, and what the writer did.

Only ever talks to 127.0.0.1 and always stops the gunicorn and the writer it started.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import HOST, Gunicorn, drain, get, lua_string, wrk_run  # noqa: E402 (path set above)

TARGET = (
    "target at 100,000 stories, with a publish and an edit a minute and an approval "
    "every 5 seconds: >= 40 % of the bare view's req/s, p99 < 100 ms"
)
TARGET_RATIO = 0.40
TARGET_P99_MS = 100.0

# Shares of all requests. Story reads: three quarters recent, one quarter archive.
STORY_SHARE = 0.55
MIX = {
    "home": 0.25,
    "story-recent": STORY_SHARE * 0.75,
    "story-archive": STORY_SHARE * 0.25,
    "section": 0.06,
    "tag": 0.04,
    "person": 0.03,
    "organisation": 0.02,
    "list-page": 0.03,
    "feed": 0.02,
}
ZIPF_S = 1.0  # weight of the item of rank r is 1 / r**s
RECENT_STORIES = 500  # "recent": the newest this many public stories
ARCHIVE_URLS = 3000  # distinct archive stories drawn (uniformly) into the URL list
POPULAR = {"section": 50, "tag": 300, "person": 300, "organisation": 150}
LIST_PAGE_SIZE = 20  # articles.views.LISTING_PAGE_SIZE
PAGE_CACHE_STATES = ("hit", "stale", "miss")
#: --settle: the traffic runs in windows this long until the share of misses of one
#: window is within SETTLED_WITHIN of the one before.
SETTLE_WINDOW = 30.0
SETTLED_WITHIN = 0.005


@dataclass
class Url:
    category: str
    path: str
    weight: float  # share of all requests


# --- the traffic mix ---------------------------------------------------------------------


def zipf(count: int, s: float = ZIPF_S) -> list[float]:
    """Weights of ranks 1..count, summing to 1."""
    raw = [1 / (rank**s) for rank in range(1, count + 1)]
    total = sum(raw)
    return [w / total for w in raw]


def path_of(obj) -> str:
    from django.utils.encoding import iri_to_uri

    return iri_to_uri(obj.get_absolute_url())


def traffic_mix(
    seed: int,
    *,
    recent: int = RECENT_STORIES,
    archive: int = ARCHIVE_URLS,
    popular: dict[str, int] | None = None,
) -> list[Url]:
    """The weighted URLs of the traffic, from the database (current settings).

    Each category gets its share of MIX, spread over its URLs (Zipf or uniform); a
    category without URLs (no people in the database) gives its share to the others,
    so the weights always sum to 1. The same seed and database give the same list."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils.encoding import iri_to_uri

    from articles.models import Article, Section, Tag
    from people.models import Organisation, Person

    popular = {**POPULAR, **(popular or {})}
    rng = random.Random(seed)
    public = Article.objects.published()
    groups: dict[str, list[tuple[str, float]]] = {"home": [("/", 1.0)]}

    newest = list(public.order_by("-published_at", "-pk").only("pk", "slug")[:recent])
    groups["story-recent"] = list(zip([path_of(a) for a in newest], zipf(len(newest)), strict=True))

    ids = list(public.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(archive, len(ids)))
    archive_articles = Article.objects.filter(pk__in=chosen).only("pk", "slug").order_by("pk")
    groups["story-archive"] = [(path_of(a), 1.0) for a in archive_articles]

    # Popularity: how many public stories a page lists (ties by id, for a stable order).
    now_public = Q(articles__in=public)
    sections = list(
        Section.objects.annotate(n=Count("articles", filter=now_public))
        .filter(n__gt=0)
        .order_by("-n", "pk")[: popular["section"]]
    )
    tags = list(
        Tag.objects.annotate(
            n=Count("tagged_articles", filter=Q(tagged_articles__content_object__in=public))
        )
        .filter(n__gt=0)
        .order_by("-n", "pk")[: popular["tag"]]
    )
    people = list(
        Person.objects.annotate(n=Count("mentioned_in", distinct=True) + Count("bylines"))
        .filter(n__gt=0)
        .order_by("-n", "pk")[: popular["person"]]
    )
    organisations = list(
        Organisation.objects.annotate(n=Count("mentioned_in"))
        .filter(n__gt=0)
        .order_by("-n", "pk")[: popular["organisation"]]
    )
    for name, items in (
        ("section", sections),
        ("tag", tags),
        ("person", people),
        ("organisation", organisations),
    ):
        groups[name] = list(zip([path_of(x) for x in items], zipf(len(items)), strict=True))

    # Pages 2-5 of the most popular sections and tags: fewer readers each page further.
    pages = []
    for items in (sections[:5], tags[:10]):
        for rank, item in enumerate(items, start=1):
            last = math.ceil(item.n / LIST_PAGE_SIZE)
            for number in range(2, min(5, last) + 1):
                pages.append((f"{path_of(item)}?page={number}", 1 / (rank * (number - 1))))
    groups["list-page"] = pages

    feeds = [(reverse("articles:feed-latest"), 4.0), (reverse("articles:feed-latest-atom"), 1.0)]
    feeds += [
        (iri_to_uri(reverse("articles:feed-section", kwargs={"slug": s.slug})), 1 / rank)
        for rank, s in enumerate(sections[:10], start=1)
    ]
    feeds += [
        (iri_to_uri(reverse("articles:feed-tag", kwargs={"slug": t.slug})), 0.5 / rank)
        for rank, t in enumerate(tags[:10], start=1)
    ]
    feeds += [
        (reverse("people:feed-person", kwargs={"pk": p.pk}), 0.5 / rank)
        for rank, p in enumerate(people[:10], start=1)
    ]
    groups["feed"] = feeds

    present = {name: share for name, share in MIX.items() if groups.get(name)}
    scale = 1 / sum(present.values())
    urls = []
    for name, share in present.items():
        total = sum(weight for _, weight in groups[name])
        urls += [Url(name, path, share * scale * weight / total) for path, weight in groups[name]]
    return urls


def shares(urls: list[Url]) -> dict[str, float]:
    out: dict[str, float] = {}
    for url in urls:
        out[url.category] = out.get(url.category, 0.0) + url.weight
    return out


# --- wrk ----------------------------------------------------------------------------------

# One script for the traffic and the bare view (a list of one URL), so that wrk's own cost
# (Lua per request, header parsing for response()) is the same in both.
WRK_SCRIPT = """
local paths = {%(paths)s}
local kinds = {%(kinds)s}
local cumulative = {%(cumulative)s}
local total = cumulative[#cumulative]
local seed = %(seed)d
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  math.randomseed(seed * 1000 + thread_number)
  cache_states = {}
  statuses = {}
  queries = {}
  by_kind = {}
end

function request()
  -- Binary search of a uniform draw in the cumulative weights.
  local r = math.random() * total
  local lo, hi = 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo], {["X-Bench-Kind"] = kinds[lo]})
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local state = headers["X-Page-Cache"] or headers["x-page-cache"] or "none"
  cache_states[state] = (cache_states[state] or 0) + 1
  -- bench/middleware.py: queries beyond the cache table's mean the page was rendered.
  local count = headers["X-Bench-Queries"] or headers["x-bench-queries"]
  local kind = count == nil and "none" or (count == "0" and "cached" or "rendered")
  queries[kind] = (queries[kind] or 0) + 1
  -- bench/middleware.py gives the kind of page back: hits and misses per kind.
  local asked = (headers["X-Bench-Kind"] or headers["x-bench-kind"] or "?") .. ":" .. state
  by_kind[asked] = (by_kind[asked] or 0) + 1
end

local function merged(name)
  local out = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get(name)) do
      out[key] = (out[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(out) do
    table.insert(parts, tostring(key) .. "=" .. tostring(count))
  end
  return table.concat(parts, ",")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%%d micros=%%d p50=%%.1f p95=%%.1f p99=%%.1f max=%%.1f "
      .. "connect=%%d read=%%d write=%%d timeout=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout))
  io.write("STATUS " .. merged("statuses") .. "\\n")
  io.write("CACHE " .. merged("cache_states") .. "\\n")
  io.write("QUERIES " .. merged("queries") .. "\\n")
  io.write("KINDS " .. merged("by_kind") .. "\\n")
end
"""


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    socket_errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)  # rendered / cached / none
    kinds: dict[str, int] = field(default_factory=dict)  # "<kind>:<X-Page-Cache>": count

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def not_200(self) -> dict[int, int]:
        return {status: n for status, n in sorted(self.statuses.items()) if status != 200}

    def line(self) -> str:
        other = sum(self.not_200.values())
        return (
            f"{self.rate:8.1f} req/s  p50 {self.p50_ms:6.1f}  p95 {self.p95_ms:6.1f}  "
            f"p99 {self.p99_ms:6.1f} ms  ({self.requests:,} requests, {other} not 200, "
            f"{self.socket_errors} socket errors)"
        )


def lua_script(urls: list[Url], seed: int) -> str:
    cumulative = list(itertools.accumulate(url.weight for url in urls))
    return WRK_SCRIPT % {
        "paths": ", ".join(lua_string(url.path) for url in urls),
        "kinds": ", ".join(lua_string(url.category) for url in urls),
        "cumulative": ", ".join(f"{c:.12g}" for c in cumulative),
        "seed": seed,
    }


def parse_counts(text: str, key=str) -> dict:
    out = {}
    for part in filter(None, text.strip().split(",")):
        name, _, count = part.partition("=")
        out[key(name)] = out.get(key(name), 0) + int(count)
    return out


def run_wrk(port: int, script: str, seconds: float, args: argparse.Namespace) -> Result:
    completed = wrk_run(port, script, seconds, args)
    result = Result()
    found = False
    for line in completed.stdout.splitlines():
        head, _, rest = line.partition(" ")
        if head == "BENCH":
            found = True
            values = dict(part.split("=") for part in rest.split())
            result.requests = int(values["requests"])
            result.seconds = int(values["micros"]) / 1e6
            result.p50_ms, result.p95_ms, result.p99_ms, result.max_ms = (
                float(values[k]) / 1000 for k in ("p50", "p95", "p99", "max")
            )
            result.socket_errors = sum(
                int(values[k]) for k in ("connect", "read", "write", "timeout")
            )
        elif head == "STATUS":
            result.statuses = parse_counts(rest, int)
        elif head == "CACHE":
            result.cache = parse_counts(rest)
        elif head == "QUERIES":
            result.queries = parse_counts(rest)
        elif head == "KINDS":
            result.kinds = parse_counts(rest)
    if not found:
        raise SystemExit(f"wrk gave no result:\n{completed.stdout}\n{completed.stderr}")
    return result


def find_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        hint = "apt-get install wrk" if os.geteuid() == 0 else "sudo apt-get install wrk"
        raise SystemExit(
            f"wrk is not installed: {hint} (Debian/Ubuntu) or brew install wrk. This benchmark "
            "needs wrk's Lua hooks (weighted URLs, response headers); there is no fallback."
        )
    return found


# --- the writer ---------------------------------------------------------------------------

WRITER_USERNAME = "bench-editor"
EDIT_STAMP = re.compile(r"^ปรับปรุง \d\d:\d\d:\d\d ")
# When each kind first acts, as a share of its period after the measured part begins,
# so that a publish and an edit fall inside even a short run and not at the same moment.
WRITER_PHASE = {"publish": 0.2, "edit": 0.6, "approve": 0.5}


def writer_user():
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=WRITER_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def recent_public(limit: int):
    from articles.models import Article

    return Article.objects.published().order_by("-published_at", "-pk")[:limit]


def writer_drafts():
    from articles.models import Article

    return Article.objects.filter(status=Article.Status.DRAFT, created_by__username=WRITER_USERNAME)


def writer_pending():
    """Pending comments on recent public stories: what a moderator clears first."""
    from comments.models import Comment

    ids = list(recent_public(200).values_list("pk", flat=True))
    return Comment.objects.filter(status=Comment.Status.PENDING, article_id__in=ids)


def prepare_writer(args: argparse.Namespace) -> dict[str, int]:
    """Make the drafts and pending comments the run will publish and approve, before it
    starts, so that only the writer's three kinds of action fall in the measured time."""
    from django.db import transaction

    from articles import services
    from articles.models import Article, Byline
    from comments.models import Comment
    from comments.services import comment_post

    span = args.settle + args.warmup + args.duration + 30
    need_drafts = math.ceil(span / args.publish_every) + 1 if args.publish_every else 0
    need_pending = math.ceil(span / args.approve_every) + 1 if args.approve_every else 0
    user = writer_user()
    rng = random.Random(f"{args.seed}-writer")
    made = {"drafts": 0, "pending comments": 0}

    templates = list(recent_public(50).prefetch_related("bylines", "people", "organisations"))
    if not templates:
        raise SystemExit("no public story to copy drafts from: generate the database first")
    for number in range(writer_drafts().count(), need_drafts):
        template = rng.choice(templates)
        with transaction.atomic():
            draft = Article(
                title=f"{template.title} (ข่าวใหม่ {number + 1})",
                standfirst=template.standfirst,
                body=template.body,
                section_id=template.section_id,
                status=Article.Status.DRAFT,
                created_by=user,
            )
            draft.full_clean()
            draft.save()
            for position, byline in enumerate(template.bylines.all()):
                Byline.objects.create(
                    article=draft, person_id=byline.person_id, role=byline.role, position=position
                )
            draft.tags.set(list(template.tags.all()))
            draft.people.set(list(template.people.all()))
            draft.organisations.set(list(template.organisations.all()))
            services.revision_record(article=draft, user=user)
        made["drafts"] += 1

    stories = [a for a in recent_public(20) if a.comments_enabled]
    for number in range(writer_pending().count(), need_pending):
        if not stories:
            break
        article = rng.choice(stories)
        comment = comment_post(
            article=article,
            parent=None,
            name=f"ผู้อ่าน{number}",
            email=f"bench-reader-{rng.randrange(10**9)}@example.com",
            body=f"ความเห็นของผู้อ่านหมายเลข {number} ต่อข่าวนี้",
            ip="127.0.0.1",
            session=None,
        )
        if comment.status != Comment.Status.PENDING:
            # The policy let it through (or closed it): hold it as a new commenter's is.
            comment.status = Comment.Status.PENDING
            comment.save(update_fields=["status"])
        made["pending comments"] += 1
    return made


def timed(call) -> float:
    """Milliseconds `call()` took: the app's share of an action, without the writer's
    own look-ups."""
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def publish_one(user) -> tuple[str, float]:
    from articles import services

    draft = writer_drafts().order_by("pk").first()
    if draft is None:
        return "no draft left", 0.0
    took = timed(
        lambda: services.article_transition(article=draft, user=user, to_status="published")
    )
    return f"article {draft.pk}", took


def edit_one(user, rng: random.Random, breaking: bool = False) -> tuple[str, float]:
    """What the admin's change form does for a published story: save it (version + 1)
    and record a revision, in one transaction. One of the 30 newest stories, or with
    ``breaking`` one of the breaking stories (what a desk updates most)."""
    from django.db import transaction
    from django.utils import timezone

    from articles import services
    from articles.models import Article

    stories = Article.objects.breaking()[:30] if breaking else recent_public(30)
    ids = list(stories.values_list("pk", flat=True))
    if not ids:
        return "no public story", 0.0
    pk = rng.choice(ids)

    def edit() -> None:
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=pk)
            stamp = timezone.localtime().strftime("%H:%M:%S")
            # One stamp in front of the standfirst, replaced by the next edit.
            standfirst = EDIT_STAMP.sub("", article.standfirst)
            article.standfirst = f"ปรับปรุง {stamp} {standfirst}"
            article.version += 1
            article.full_clean()
            article.save()
            services.revision_record(article=article, user=user)

    return f"article {pk}", timed(edit)


def approve_one(user) -> tuple[str, float]:
    from comments.models import Comment
    from comments.services import comment_moderate

    # The oldest first, picked here: ORDER BY ... LIMIT 1 makes PostgreSQL walk the
    # created_at index of every comment (a second at 1,000,000).
    waiting = list(writer_pending().values_list("created_at", "pk"))
    if not waiting:
        return "no pending comment", 0.0
    comment = Comment.objects.get(pk=min(waiting)[1])
    took = timed(lambda: comment_moderate(comment=comment, moderator=user, action="approve"))
    return f"comment {comment.pk} on article {comment.article_id}", took


def warm_up() -> None:
    """Load what a first save would load (the search index's Thai dictionary and
    vocabulary: 2 s), so the first action is timed like the others, as in a worker
    that has been up for a while."""
    with contextlib.suppress(Exception):  # an app that indexes otherwise: nothing to warm
        from newsroom import thainlp
        from search import engine

        engine.vocabulary()
        thainlp.word_tokenize("ทดสอบการตัดคำภาษาไทย")


def writer_main(args: argparse.Namespace) -> int:
    """The writer process: acts on schedule until stdin closes or SIGTERM; one line per
    action on stdout: ACTION <kind> <unix time> <ms> <what>."""
    setup_django(args)
    from django.db import close_old_connections

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()

    user = writer_user()
    rng = random.Random(f"{args.seed}-edits")
    actions = {
        "publish": (args.publish_every, lambda: publish_one(user)),
        "edit": (args.edit_every, lambda: edit_one(user, rng, args.edit_breaking)),
        "approve": (args.approve_every, lambda: approve_one(user)),
    }
    # Due times on a fixed grid from the start of the measured part (origin), also
    # before it (during the warm-up), so the measured part gets its exact share.
    now = time.time()
    origin = now + args.start_in
    due = {}
    for kind, (every, _) in actions.items():
        if every:
            k = math.ceil((now - origin) / every - WRITER_PHASE[kind])
            due[kind] = origin + every * (WRITER_PHASE[kind] + k)
    warm_up()
    print("READY", flush=True)
    while due and not stop.is_set():
        kind = min(due, key=due.get)
        if stop.wait(max(0.0, due[kind] - time.time())):
            break
        every, act = actions[kind]
        began, took = time.time(), 0.0
        try:
            close_old_connections()
            what, took = act()
            status = "ACTION"
        except Exception as error:  # reported to the parent; the run goes on
            what = f"{type(error).__name__}: {error}".replace("\n", " ")[:300]
            status = "ERROR"
        print(f"{status} {kind} {began:.3f} {took:.1f} {what}", flush=True)
        due[kind] += every
    return 0


class Writer:
    """The writer as a child process (its own Django, its own database connection)."""

    def __init__(self, args: argparse.Namespace, start_in: float):
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--writer-process",
            "--seed",
            str(args.seed),
            "--start-in",
            str(start_in),
        ]
        for kind in ("publish", "edit", "approve"):
            command += [f"--{kind}-every", str(getattr(args, f"{kind}_every"))]
        command += ["--edit-breaking"] if args.edit_breaking else []
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(  # noqa: S603 this script, fixed arguments
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(60):
            self.stop()
            raise SystemExit("the writer did not start within 60 s")

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("READY"):
                self.ready.set()
            else:
                self.lines.append(line.rstrip("\n"))
        self.ready.set()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # the writer finishes its action and exits
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)

    def actions(self, since: float, until: float) -> dict[str, dict]:
        """Per kind: count in [since, until], total count, times (ms), errors."""
        out: dict[str, dict] = {}
        for line in self.lines:
            parts = line.split(" ", 4)
            if len(parts) < 4 or parts[0] not in ("ACTION", "ERROR"):
                continue
            status, kind, when, took = parts[:4]
            what = parts[4] if len(parts) > 4 else ""
            entry = out.setdefault(
                kind, {"measured": 0, "total": 0, "ms": [], "errors": [], "skipped": 0}
            )
            if status == "ERROR":
                entry["errors"].append(what)
            elif what.startswith("no "):
                entry["skipped"] += 1
            else:
                entry["total"] += 1
                entry["ms"].append(float(took))
                entry["measured"] += since <= float(when) <= until
        return out


# --- the run -------------------------------------------------------------------------------


def setup_django(args: argparse.Namespace) -> None:
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    import django

    django.setup()


def check_urls(port: int, urls: list[Url], rng: random.Random) -> list[str]:
    """Request a few URLs of every category once; return the ones not answering 200."""
    bad = []
    by_category: dict[str, list[Url]] = {}
    for url in urls:
        by_category.setdefault(url.category, []).append(url)
    for category, members in by_category.items():
        for url in [members[0], *rng.sample(members, min(2, len(members)))]:
            status, _ = get(port, url.path, timeout=120)
            if status != 200:
                bad.append(f"{category}: {status} {url.path}")
    return bad


def prime(port: int, urls: list[Url], count: int, args: argparse.Namespace) -> float:
    """Request the `count` most requested URLs once (as many at a time as there are
    workers), so the run starts from the cache a live site would have; return seconds."""
    heaviest = sorted(urls, key=lambda url: -url.weight)[:count]
    began = time.monotonic()
    queue = iter(heaviest)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                url = next(queue, None)
            if url is None:
                return
            with contextlib.suppress(OSError):
                get(port, url.path, timeout=120)

    threads = [threading.Thread(target=work) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


def settle(port: int, script: str, args: argparse.Namespace) -> tuple[float, list[float]]:
    """Run the traffic (the writer working) until the page cache holds what it holds on
    a site that has been up a while: the share of misses stops falling. Return the
    seconds it took and each window's share of misses."""
    began = time.monotonic()
    windows: list[float] = []
    while (left := args.settle - (time.monotonic() - began)) > 1:
        result = run_wrk(port, script, min(SETTLE_WINDOW, left), args)
        windows.append(result.cache.get("miss", 0) / max(1, sum(result.cache.values())))
        print(
            f"  settling: {windows[-1]:.1%} misses in {result.seconds:.0f} s "
            f"({result.rate:.0f} req/s)",
            flush=True,
        )
        if len(windows) > 1 and abs(windows[-1] - windows[-2]) < SETTLED_WITHIN:
            break
    return time.monotonic() - began, windows


def measure(port: int, script: str, args: argparse.Namespace, label: str) -> Result:
    if args.warmup:
        run_wrk(port, script, args.warmup, args)
        drain(port, args)
    result = run_wrk(port, script, args.duration, args)
    drain(port, args)
    print(f"  {label:<8} {result.line()}", flush=True)
    return result


def combine(a: Result, b: Result) -> Result:
    return Result(
        requests=a.requests + b.requests,
        seconds=a.seconds + b.seconds,
        p50_ms=(a.p50_ms + b.p50_ms) / 2,
        p95_ms=(a.p95_ms + b.p95_ms) / 2,
        p99_ms=(a.p99_ms + b.p99_ms) / 2,
        max_ms=max(a.max_ms, b.max_ms),
        socket_errors=a.socket_errors + b.socket_errors,
    )


def print_kinds(traffic: Result, minutes: float) -> None:
    """Hits, stale answers and misses per kind of page (from X-Bench-Kind)."""
    table: dict[str, dict[str, int]] = {}
    for key, count in traffic.kinds.items():
        kind, _, state = key.rpartition(":")
        table.setdefault(kind, {})[state] = count
    total = sum(traffic.kinds.values())
    print(f"  {'kind':<14} {'share':>6} {'hit':>6} {'stale':>6} {'miss':>6} {'misses/min':>10}")
    for kind in [*MIX, *sorted(set(table) - set(MIX))]:
        counts = table.get(kind)
        if not counts:
            continue
        n = sum(counts.values())
        cells = " ".join(f"{counts.get(state, 0) / n:6.1%}" for state in PAGE_CACHE_STATES)
        per_minute = counts.get("miss", 0) / minutes if minutes else 0
        print(f"  {kind:<14} {n / total:6.1%} {cells} {per_minute:10,.0f}")


def print_report(
    args, sizes, mix, bare: Result, traffic: Result, writer: dict | None, seconds: float
) -> dict:
    print()
    print(
        f"{sizes['articles']:,} stories ({sizes['public']:,} public), "
        f"{sizes['comments']:,} comments | gunicorn {args.workers} sync workers, "
        f"PAGE_CACHE_SECONDS={args.cache_seconds} | wrk {args.connections} connections, "
        f"{args.duration:g} s measured after {args.warmup:g} s warm-up, seed {args.seed}"
    )
    if args.settled is not None:
        settling, windows = args.settled
        print(
            f"cache settled first: {settling:.0f} s of the same traffic with the writer working,"
            " misses a window " + ", ".join(f"{share:.1%}" for share in windows)
        )
    load = (args.load_before, os.getloadavg()[0])
    print(
        f"load average {load[0]:.1f} before, {load[1]:.1f} after, on {os.cpu_count()} CPUs"
        + (": other processes competed, numbers are noisy" if load[0] > 0.5 else "")
    )
    print(
        "traffic mix: "
        + ", ".join(f"{name} {share:.1%}" for name, share in shares(mix).items())
        + f" ({len(mix):,} URLs)"
    )
    print()
    print(f"{'':<9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for name, r in (("bare", bare), ("traffic", traffic)):
        print(
            f"{name:<9} {r.rate:8.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {r.p99_ms:7.1f} "
            f"{r.max_ms:7.0f}"
        )
    ratio = traffic.rate / bare.rate if bare.rate else 0.0
    print()
    print(f"traffic / bare req/s: {ratio:.1%}")

    answered = sum(traffic.statuses.values())
    counted = {state: traffic.cache.get(state, 0) for state in PAGE_CACHE_STATES}
    marked = sum(counted.values())
    minutes = traffic.seconds / 60 if traffic.seconds else 0
    if marked:
        parts = ", ".join(f"{state} {n / marked:.1%}" for state, n in counted.items())
        print(
            f"page cache (X-Page-Cache): {parts} of {marked:,} answers"
            f" ({answered - marked:,} without the header)"
        )
        renders = f"{counted['miss'] / minutes:,.0f}" if minutes else "n/a"
        print(f"renders per minute (misses): {renders}")
    else:
        print("page cache (X-Page-Cache): n/a, no answer carried the header")
        print("renders per minute (misses): n/a")
    rendered, cached = traffic.queries.get("rendered", 0), traffic.queries.get("cached", 0)
    if rendered + cached and minutes:
        # bench/middleware.py: independent of the app's header.
        print(
            f"answers that queried the database (beyond the page cache's): {rendered:,} of "
            f"{rendered + cached:,} ({rendered / (rendered + cached):.1%}), "
            f"{rendered / minutes:,.0f} per minute"
        )
    if marked:
        print_kinds(traffic, minutes)
    not_200 = traffic.not_200
    shown = ", ".join(f"{status}: {n:,}" for status, n in not_200.items()) or "none"
    print(f"not 200: {shown}; socket errors (wrk): {traffic.socket_errors}")
    if bare.not_200 or bare.socket_errors:
        print(f"  bare view: not 200 {bare.not_200}, socket errors {bare.socket_errors}")

    if writer is None:
        print("writer: off (--no-writer)")
    else:
        print(f"writer, in the measured {seconds:.0f} s (and in the whole run, with warm-up):")
        for kind in ("publish", "edit", "approve"):
            every = getattr(args, f"{kind}_every")
            entry = writer.get(kind)
            if not every:
                print(f"  {kind:<8} off")
                continue
            if entry is None:
                print(f"  {kind:<8} 0 (every {every:g} s)")
                continue
            took = sorted(entry["ms"]) or [0.0]
            line = (
                f"  {kind:<8} {entry['measured']} ({entry['total']}), every {every:g} s, "
                f"median {took[len(took) // 2]:.0f} ms, max {took[-1]:.0f} ms"
            )
            if kind == "edit" and args.edit_breaking:
                line += ", breaking stories"
            if entry["skipped"]:
                line += f", {entry['skipped']} found nothing to do"
            if entry["errors"]:
                line += f", {len(entry['errors'])} failed: {entry['errors'][0]}"
            print(line)

    print()
    print(TARGET)
    passes = ratio >= TARGET_RATIO and traffic.p99_ms < TARGET_P99_MS
    print(
        f"  this run: {ratio:.1%} of bare, p99 {traffic.p99_ms:.1f} ms -> "
        f"{'PASS' if passes else 'FAIL'}"
        + ("" if sizes["articles"] >= 100_000 else f" (at {sizes['articles']:,} stories)")
    )
    return {
        "ratio": ratio,
        "pass": passes,
        "bare": vars(bare),
        "traffic": vars(traffic),
        "writer": writer,
        "sizes": sizes,
        "mix": shares(mix),
    }


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="measured seconds (60)")
    parser.add_argument(
        "--warmup", type=float, default=10, help="seconds of load before each measurement (10)"
    )
    parser.add_argument("--connections", type=int, default=8, help="open connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--seed", type=int, default=1, help="URL list, draws and edits (1)")
    parser.add_argument(
        "--cache-seconds",
        type=int,
        help="PAGE_CACHE_SECONDS of gunicorn (default: the site's production setting)",
    )
    parser.add_argument("--publish-every", type=float, default=60, help="seconds (60; 0: off)")
    parser.add_argument("--edit-every", type=float, default=60, help="seconds (60; 0: off)")
    parser.add_argument("--approve-every", type=float, default=5, help="seconds (5; 0: off)")
    parser.add_argument(
        "--edit-breaking",
        action="store_true",
        help="edit the breaking stories (on every page's ticker) rather than any of the newest",
    )
    parser.add_argument("--no-writer", action="store_true", help="readers only")
    parser.add_argument(
        "--archive-urls",
        type=int,
        default=ARCHIVE_URLS,
        help=f"distinct archive stories in the URL list ({ARCHIVE_URLS})",
    )
    parser.add_argument(
        "--prime",
        type=int,
        default=300,
        help="request the N most requested URLs once before the warm-up (300; 0: start cold)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=0,
        help="before measuring, run the traffic (writer on) for up to this many seconds, "
        "until the share of misses stops falling: a site that has been up a while (0: off)",
    )
    parser.add_argument("--database-url", help="instead of the DATABASE_URL environment variable")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    # The writer child process (started by the run itself).
    parser.add_argument("--writer-process", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start-in", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.duration, args.connections, args.workers, args.wrk_threads) <= 0:
        parser.error("--duration, --connections, --workers and --wrk-threads must be > 0")
    if min(args.publish_every, args.edit_every, args.approve_every, args.warmup, args.settle) < 0:
        parser.error("rates, --warmup and --settle must not be negative")
    args.threads = 1  # bench.load's Gunicorn and drain() read it: sync workers
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.writer_process:
        return writer_main(args)
    args.wrk = find_wrk()
    setup_django(args)
    from django.core.cache import cache
    from django.db import connection

    from articles.models import Article
    from comments.models import Comment

    args.load_before = os.getloadavg()[0]
    if args.cache_seconds is None:
        from django.conf import settings

        args.cache_seconds = settings.PAGE_CACHE_SECONDS
    if not args.cache_seconds:
        raise SystemExit("the page cache is off (PAGE_CACHE_SECONDS=0): give --cache-seconds")
    database = connection.settings_dict["NAME"]
    sizes = {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "comments": Comment.objects.count(),
    }
    print(f"database {database!r}: {sizes['articles']:,} stories", flush=True)
    began = time.monotonic()
    mix = traffic_mix(args.seed, archive=args.archive_urls)
    print(f"  {len(mix):,} URLs in {time.monotonic() - began:.1f} s", flush=True)
    if not args.no_writer:
        made = prepare_writer(args)
        print(f"  writer prepared: {made}", flush=True)
    connection.close()  # gunicorn and the writer open their own

    cache.clear()  # no page of an earlier run or of other contents
    os.environ["BENCH_QUERY_HEADER"] = "1"  # bench/settings.py: count renders
    traffic_script = lua_script(mix, args.seed)
    bare_script = lua_script([Url("bare", "/bench/bare/", 1.0)], args.seed)
    writer = None
    with Gunicorn(args, args.cache_seconds) as server:
        print(
            f"gunicorn on {HOST}:{server.port}, PAGE_CACHE_SECONDS={args.cache_seconds}",
            flush=True,
        )
        bad = check_urls(server.port, mix, random.Random(args.seed))
        for line in bad:
            print(f"  not 200: {line}", flush=True)
        bare_before = measure(server.port, bare_script, args, "bare")
        if args.prime:
            seconds = prime(server.port, mix, args.prime, args)
            covered = sum(sorted((u.weight for u in mix), reverse=True)[: args.prime])
            print(
                f"  primed the page cache with the {min(args.prime, len(mix))} most requested "
                f"URLs ({covered:.0%} of requests) in {seconds:.1f} s",
                flush=True,
            )
        # Settling runs with the writer working; otherwise it starts with the warm-up.
        start_in = 0 if args.settle else args.warmup
        process = None if args.no_writer else Writer(args, start_in=start_in)
        args.settled = settle(server.port, traffic_script, args) if args.settle else None
        try:
            if args.warmup:
                run_wrk(server.port, traffic_script, args.warmup, args)
            since = time.time()
            traffic = run_wrk(server.port, traffic_script, args.duration, args)
            until = time.time()
        finally:
            if process is not None:
                process.stop()
        print(f"  {'traffic':<8} {traffic.line()}", flush=True)
        if process is not None:
            writer = process.actions(since, until)
        drain(server.port, args)
        bare_after = measure(server.port, bare_script, args, "bare")
    if Path(server.log.name).exists():
        print(f"gunicorn logged warnings or errors: {server.log.name}", flush=True)
    bare = combine(bare_before, bare_after)
    report = print_report(args, sizes, mix, bare, traffic, writer, until - since)
    if args.json:
        report["database"] = database
        report["settings"] = {
            key: getattr(args, key)
            for key in (
                "duration",
                "warmup",
                "connections",
                "workers",
                "seed",
                "cache_seconds",
                "prime",
                "settle",
                "settled",
                "archive_urls",
                "publish_every",
                "edit_every",
                "approve_every",
                "edit_breaking",
                "no_writer",
            )
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
