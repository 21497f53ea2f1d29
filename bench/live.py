"""A live story read by a thousand open pages while the desk posts updates.

    .venv/bin/python bench/live.py [--readers 1000] [--poll-every 15] [--post-every 10]
        [--duration 120] [--warmup 20] [--workers 2] [--json FILE]

Starts gunicorn (DJANGO_SETTINGS_MODULE=bench.settings: DEBUG off, page cache on) on a
free port of 127.0.0.1, makes the newest public story of the database live (or takes a
story already live), and then, for --warmup and --duration seconds:

* --readers simulated readers ask the story's poll (articles/live_views.py) each every
  --poll-every seconds, as articles/static/articles/live.js does: the first at a random
  moment of the first interval, with the ETag of their last answer in If-None-Match, and
  ``?since=`` the newest update they have. A reader who is told of new updates reads them
  at once (the next poll asks from the newest), the busiest case for the cache: every
  post moves every reader to a new address.
* a writer (a thread of this process, through articles.live.update_post: the same
  after-commit invalidation as the desk) posts an update every --post-every seconds.

The readers are open-loop (their pace does not depend on the server's), like browsers,
so the latency is what a reader waits, queueing included. Reports the polls per second,
200 / 304 answers, page cache hits and renders (bench/middleware.py counts the queries
each answer made), p50 / p95 / p99 / max latency, the CPU time of gunicorn's processes
(from /proc, Linux) as a share of one CPU, and how long each update took to reach half
and all of the readers. Needs no wrk: the load is light by design, asyncio is enough.

Only ever talks to 127.0.0.1 and always stops the gunicorn it started.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import HOST, Gunicorn  # noqa: E402 (path set above)
from bench.traffic import setup_django, writer_user  # noqa: E402

TARGET = "the issue: 1,000 readers polling every 15 s, an update every 10 s, at 100,000 stories"
INITIAL_UPDATES = 30  # a live story with some history, so the page is not empty


# --- the server's CPU -----------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants (gunicorn's master and workers), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (their exited children not included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


# --- the readers ----------------------------------------------------------------------------


@dataclass
class Answer:
    reader: int
    at: float  # when it was asked (time.time())
    ms: float
    status: int
    cache: str
    queries: int
    latest: int  # the newest update the reader has after it


@dataclass
class Tally:
    answers: list[Answer] = field(default_factory=list)
    errors: int = 0


async def ask(port: int, path: str, etag: str | None, timeout: float) -> tuple[int, dict, bytes]:
    """One HTTP/1.1 GET on a fresh connection (gunicorn's sync workers close each)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}", "Accept: application/json"]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    lines.append("Connection: close")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    try:
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


async def one_reader(
    number: int, port: int, poll: str, since: int, args, stop_at: float, tally: Tally, start
) -> None:
    etag, latest = None, since
    await asyncio.sleep(max(0.0, start - time.time()))
    moment = start
    while moment < stop_at:
        began = time.time()
        try:
            status, headers, body = await ask(port, f"{poll}?since={latest}", etag, 60)
        except (OSError, ValueError, IndexError):  # TimeoutError is an OSError
            tally.errors += 1
        else:
            if status == 200:
                data = json.loads(body)
                etag = headers.get("etag")
                if data["updates"]:
                    latest, etag = data["latest"], None  # read at once: a new address
            tally.answers.append(
                Answer(
                    reader=number,
                    at=began,
                    ms=(time.time() - began) * 1000,
                    status=status,
                    cache=headers.get("x-page-cache", "none"),
                    queries=int(headers.get("x-bench-queries", "-1")),
                    latest=latest,
                )
            )
        moment += args.poll_every
        await asyncio.sleep(max(0.0, moment - time.time()))


async def readers(port: int, poll: str, since: int, args, stop_at: float) -> Tally:
    tally = Tally()
    now = time.time()
    rng = random.Random(args.seed)
    await asyncio.gather(
        *(
            one_reader(
                n, port, poll, since, args, stop_at, tally, now + rng.random() * args.poll_every
            )
            for n in range(args.readers)
        )
    )
    return tally


# --- the writer -----------------------------------------------------------------------------


def prepare_story():
    """The newest public story, made live with some updates (or one live already)."""
    from articles import live
    from articles.models import Article, LiveUpdate

    user = writer_user()
    story = (
        Article.objects.published().filter(live.live_now()).order_by("-published_at").first()
        or Article.objects.published().order_by("-published_at", "-pk").first()
    )
    if story is None:
        raise SystemExit("no public story: generate the database first (bench/generate.py)")
    if not story.is_live:
        story = live.live_start(article=story, user=user)
    have = LiveUpdate.objects.visible().filter(article=story).count()
    for number in range(have, INITIAL_UPDATES):
        live.update_post(article=story, user=user, body=f"<p>อัปเดตก่อนเริ่มวัดที่ {number + 1}</p>")
    story.refresh_from_db()
    return story, user


class Writer(threading.Thread):
    """Posts an update every ``every`` seconds until stopped; remembers when each went."""

    def __init__(self, story, user, every: float, first_at: float):
        super().__init__(daemon=True)
        self.story, self.user, self.every, self.first_at = story, user, every, first_at
        self.posted: list[tuple[int, float, float]] = []  # (id, unix time, ms)
        self.errors: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections, connection

        from articles import live

        due = self.first_at
        number = 0
        try:
            while not self.stop.wait(max(0.0, due - time.time())):
                number += 1
                began = time.time()
                try:
                    close_old_connections()
                    update = live.update_post(
                        article=self.story,
                        user=self.user,
                        body=f"<p>อัปเดตระหว่างวัดที่ {number}: ระดับน้ำล่าสุด</p>",
                    )
                    self.posted.append((update.pk, began, (time.time() - began) * 1000))
                except Exception as error:  # reported at the end; the run goes on
                    self.errors.append(f"{type(error).__name__}: {error}"[:200])
                due += self.every
        finally:
            connection.close()


# --- the report -----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def reach(answers: list[Answer], posted, readers: int) -> list[tuple[float, float]]:
    """For each update every reader got: seconds until half, and until all, had it."""
    out = []
    for pk, at, _ in posted:
        first: dict[int, float] = {}
        for answer in answers:
            if answer.latest >= pk and answer.reader not in first:
                first[answer.reader] = answer.at + answer.ms / 1000 - at
        if len(first) == readers:
            delays = sorted(first.values())
            out.append((delays[readers // 2], delays[-1]))
    return out


def report(args, sizes, tally: Tally, since: float, until: float, cpu: float, writer) -> dict:
    measured = [a for a in tally.answers if since <= a.at < until]
    seconds = until - since
    statuses: dict[int, int] = {}
    caches: dict[str, int] = {}
    for answer in measured:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
        caches[answer.cache] = caches.get(answer.cache, 0) + 1
    rendered = sum(1 for a in measured if a.queries > 0)
    latencies = [a.ms for a in measured]
    posts = [p for p in writer.posted if since <= p[1] < until]
    spread = reach(tally.answers, posts, args.readers)
    result = {
        "sizes": sizes,
        "readers": args.readers,
        "poll_every": args.poll_every,
        "post_every": args.post_every,
        "workers": args.workers,
        "seconds": seconds,
        "polls": len(measured),
        "polls_per_second": len(measured) / seconds if seconds else 0,
        "statuses": statuses,
        "page_cache": caches,
        "rendered": rendered,
        "errors": tally.errors,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies, default=0.0),
        "server_cpu_seconds": cpu,
        "server_cpu_share": cpu / seconds if seconds else 0,
        "posts": len(posts),
        "post_ms_median": percentile([p[2] for p in posts], 0.5),
        "writer_errors": writer.errors,
        "reach_half_s": percentile([s[0] for s in spread], 0.5),
        "reach_all_s": percentile([s[1] for s in spread], 0.5),
        "reach_all_max_s": max((s[1] for s in spread), default=0.0),
    }
    print()
    print(
        f"{sizes['articles']:,} stories; story {sizes['story']} with {sizes['updates']:,} "
        f"updates | gunicorn {args.workers} sync workers | {args.readers:,} readers every "
        f"{args.poll_every:g} s, an update every {args.post_every:g} s, {seconds:.0f} s measured"
    )
    load = os.getloadavg()[0]
    print(
        f"load average {args.load_before:.1f} before, {load:.1f} after, on {os.cpu_count()} "
        "CPUs" + (": other processes competed, numbers are noisy" if args.load_before > 0.5 else "")
    )
    print(
        f"polls: {result['polls']:,} ({result['polls_per_second']:.1f}/s), "
        + ", ".join(f"{status}: {n:,}" for status, n in sorted(statuses.items()))
        + f"; socket errors {tally.errors}"
    )
    print(
        "page cache: "
        + ", ".join(f"{state} {n:,}" for state, n in sorted(caches.items()))
        + f"; answers that queried the database beyond the cache's bookkeeping: {rendered:,}"
    )
    print(
        f"poll latency: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.0f} ms"
    )
    print(
        f"gunicorn CPU: {cpu:.1f} s in {seconds:.0f} s = {result['server_cpu_share']:.1%} "
        "of one CPU"
    )
    print(
        f"updates posted: {len(posts)} (median {result['post_ms_median']:.0f} ms each)"
        + (f", {len(writer.errors)} failed: {writer.errors[0]}" if writer.errors else "")
    )
    if spread:
        print(
            f"an update reached half the readers in {result['reach_half_s']:.1f} s and all "
            f"of them in {result['reach_all_s']:.1f} s (median; slowest "
            f"{result['reach_all_max_s']:.1f} s)"
        )
    print(TARGET)
    return result


# --- the run -------------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=1000, help="open pages (1000)")
    parser.add_argument("--poll-every", type=float, default=15, help="seconds (15)")
    parser.add_argument("--post-every", type=float, default=10, help="seconds (10)")
    parser.add_argument("--duration", type=float, default=120, help="measured seconds (120)")
    parser.add_argument("--warmup", type=float, default=20, help="seconds before (20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--cache-seconds", type=int, default=3600, help="PAGE_CACHE_SECONDS")
    parser.add_argument("--seed", type=int, default=1, help="the readers' start times (1)")
    parser.add_argument("--database-url", help="instead of the DATABASE_URL environment variable")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if min(args.readers, args.poll_every, args.post_every, args.duration, args.workers) <= 0:
        parser.error("--readers, --poll-every, --post-every, --duration, --workers must be > 0")
    args.threads = 1  # bench.load's Gunicorn reads it: sync workers
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args)
    from django.core.cache import cache
    from django.db import connection
    from django.urls import reverse

    from articles.models import Article, LiveUpdate

    args.load_before = os.getloadavg()[0]
    story, user = prepare_story()
    sizes = {
        "articles": Article.objects.count(),
        "story": story.pk,
        "updates": LiveUpdate.objects.visible().filter(article=story).count(),
    }
    since_id = LiveUpdate.objects.visible().filter(article=story).order_by("-pk")[0].pk
    poll = reverse("articles:live-poll", kwargs={"pk": story.pk})
    print(f"database {connection.settings_dict['NAME']!r}: {sizes['articles']:,} stories")
    print(f"live story {story.pk}: {sizes['updates']} updates; readers poll {poll}")
    connection.close()
    cache.clear()
    os.environ["BENCH_QUERY_HEADER"] = "1"  # bench/settings.py: X-Bench-Queries
    with Gunicorn(args, args.cache_seconds) as server:
        pids = process_tree(server.process.pid)
        print(f"gunicorn on {HOST}:{server.port} (pids {pids})", flush=True)
        began = time.time()
        since, until = began + args.warmup, began + args.warmup + args.duration
        writer = Writer(story, user, args.post_every, first_at=began + args.post_every / 2)
        writer.start()
        cpu = {}

        async def run() -> Tally:
            async def mark(at: float, name: str) -> None:
                await asyncio.sleep(max(0.0, at - time.time()))
                cpu[name] = cpu_seconds(process_tree(server.process.pid))

            marks = [mark(since, "since"), mark(until, "until")]
            tally, *_ = await asyncio.gather(
                readers(server.port, poll, since_id, args, until), *marks
            )
            return tally

        try:
            tally = asyncio.run(run())
        finally:
            writer.stop.set()
            writer.join(timeout=60)
    result = report(
        args, sizes, tally, since, until, cpu.get("until", 0) - cpu.get("since", 0), writer
    )
    if args.json:
        result["database"] = connection.settings_dict["NAME"]
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
