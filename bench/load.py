"""Requests per second and latency of the public pages under gunicorn, cache off and on.

    .venv/bin/python bench/load.py [--duration 10] [--connections 8] [--workers 2]

Starts gunicorn (DJANGO_SETTINGS_MODULE=bench.settings) on a free port of 127.0.0.1
twice: with PAGE_CACHE_SECONDS=0 ("cold": every request renders the page) and with
PAGE_CACHE_SECONDS=300 ("warm": each URL is requested once first, so the measured
requests are served from the page cache). In each run it measures the bare Django view
(/bench/bare/) and the home, article, section and tag pages, one after the other, with
wrk when it is installed and a small built-in load generator otherwise, then prints a
table and the ratios of each page to the bare view of the same run.

Only ever talks to 127.0.0.1, always stops the gunicorn it started, and runs for about
2 x 5 x (warm-up + duration) seconds plus start-up.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAGES = ("bare", "home", "article", "section", "tag")
# The targets: article pages against the bare view of the same run.
TARGETS = {"cold": 0.40, "warm": 0.90}
WARM_CACHE_SECONDS = 300


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    errors: int = 0  # non-2xx/3xx answers, timeouts, broken connections
    note: str = ""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        if self.note:
            return f"skipped: {self.note}"
        errors = f", {self.errors} errors" if self.errors else ""
        return (
            f"{self.rate:9.1f} req/s  p50 {self.p50_ms:7.1f} ms  p95 {self.p95_ms:7.1f} ms  "
            f"({self.requests} requests{errors})"
        )

    def combine(self, other: Result) -> Result:
        """Two measurements of the same page as one (percentiles averaged)."""
        if self.note or other.note:
            return self if self.note else other
        return Result(
            requests=self.requests + other.requests,
            seconds=self.seconds + other.seconds,
            p50_ms=(self.p50_ms + other.p50_ms) / 2,
            p95_ms=(self.p95_ms + other.p95_ms) / 2,
            errors=self.errors + other.errors,
        )


@dataclass
class Page:
    name: str
    paths: list[str]
    results: dict[str, Result] = field(default_factory=dict)


# --- the URLs ---------------------------------------------------------------------------


def pick_pages(article_count: int, seed: int) -> tuple[list[Page], dict[str, int]]:
    """Real URLs from the database: home, `article_count` public stories spread over the
    archive, the section and the tag with the most public stories."""
    from django.db.models import Count
    from django.urls import NoReverseMatch
    from django.utils.encoding import iri_to_uri

    from articles.models import Article, Section, Tag
    from comments.models import Comment

    def url(obj, fallback: str) -> str:
        try:
            return iri_to_uri(obj.get_absolute_url())
        except NoReverseMatch:  # the page is not wired yet; the pre-flight will say so
            return iri_to_uri(fallback)

    public = Article.objects.published()
    ids = list(public.values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(article_count, len(ids)))
    articles = Article.objects.filter(pk__in=chosen).only("pk", "slug")
    section = Section.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    tag = (
        Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n", "pk").first()
        if ids
        else None
    )
    pages = [
        Page("bare", ["/bench/bare/"]),
        Page("home", ["/"]),
        Page("article", [url(a, f"/news/{a.pk}/{a.slug}/") for a in articles]),
        Page("section", [url(section, f"/section/{section.slug}/")] if section else []),
        Page("tag", [url(tag, f"/tag/{tag.slug}/")] if tag else []),
    ]
    sizes = {
        "articles": Article.objects.count(),
        "public": len(ids),
        "comments": Comment.objects.count(),
    }
    return pages, sizes


# --- gunicorn ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Gunicorn:
    """gunicorn on 127.0.0.1:<free port>, in its own process group, stopped on exit."""

    def __init__(self, args: argparse.Namespace, cache_seconds: int):
        self.args = args
        self.cache_seconds = cache_seconds
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 closed in stop()
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )

    def command(self) -> list[str]:
        executable = Path(sys.executable).parent / "gunicorn"
        gunicorn = str(executable) if executable.exists() else shutil.which("gunicorn")
        if not gunicorn:
            raise SystemExit("gunicorn not found: run this with the project's .venv/bin/python")
        command = [
            gunicorn,
            "newsroom.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.args.workers),
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
        ]
        if self.args.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.args.threads)]
        return command

    def __enter__(self) -> Gunicorn:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PAGE_CACHE_SECONDS": str(self.cache_seconds),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
        self.process = subprocess.Popen(  # noqa: S603 our own gunicorn, fixed arguments
            self.command(),
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited at start:\n{self.tail()}")
            try:
                if get(self.port, "/bench/bare/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within 60 s:\n{self.tail()}")

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.log.close()
        log = Path(self.log.name)
        if log.exists() and not log.stat().st_size:
            log.unlink()

    def tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


# --- load tools -------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
function setup(thread)
  thread:set("offset", #paths > 0 and math.random(#paths) or 0)
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%.1f %%.1f %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_run(
    port: int, script: str, seconds: float, args: argparse.Namespace
) -> subprocess.CompletedProcess:
    """wrk with a Lua script against our own gunicorn for ``seconds``; its output."""
    threads = max(1, min(args.wrk_threads, args.connections))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        return subprocess.run(  # noqa: S603 wrk on our own gunicorn, fixed arguments
            [
                args.wrk,
                f"-t{threads}",
                f"-c{args.connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                handle.name,
                f"http://{HOST}:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 90,
            check=False,
        )
    finally:
        os.unlink(handle.name)


def run_wrk(port: int, paths: list[str], seconds: float, args: argparse.Namespace) -> Result:
    script = WRK_SCRIPT % {"paths": ", ".join(lua_string(p) for p in paths)}
    completed = wrk_run(port, script, seconds, args)
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH "):
            requests, micros, p50, p95, errors = line.split()[1:]
            return Result(
                requests=int(requests),
                seconds=int(micros) / 1e6,
                p50_ms=float(p50) / 1000,
                p95_ms=float(p95) / 1000,
                errors=int(errors),
            )
    raise SystemExit(f"wrk gave no result:\n{completed.stdout}\n{completed.stderr}")


def run_python(port: int, paths: list[str], seconds: float, args: argparse.Namespace) -> Result:
    """Keep-alive clients in threads, each looping over `paths` until the time is up.

    The GIL makes this client far slower than wrk: a fast page can be limited by the
    client rather than the server, which pushes every ratio towards 1. Prefer wrk."""
    latencies: list[list[float]] = [[] for _ in range(args.connections)]
    errors = [0] * args.connections
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        position = index
        own = latencies[index]
        try:
            while time.perf_counter() < deadline:
                path = paths[position % len(paths)]
                position += 1
                began = time.perf_counter()
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    errors[index] += 1
                    conn.close()
                    continue
                own.append(time.perf_counter() - began)
                if response.status >= 400:
                    errors[index] += 1
        finally:
            conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(latency for own in latencies for latency in own)
    if not every:
        return Result(seconds=elapsed, errors=sum(errors))

    def percentile(share: float) -> float:
        return every[min(len(every) - 1, int(share * len(every)))] * 1000

    return Result(
        requests=len(every),
        seconds=elapsed,
        p50_ms=percentile(0.50),
        p95_ms=percentile(0.95),
        errors=sum(errors),
    )


def find_wrk(args: argparse.Namespace) -> str | None:
    if args.tool == "python":
        return None
    found = shutil.which("wrk")
    if found:
        return found
    hint = "apt-get install wrk" if os.geteuid() == 0 else "sudo apt-get install wrk"
    if args.tool == "wrk":
        raise SystemExit(f"wrk is not installed: {hint} (Debian/Ubuntu), or brew install wrk")
    print(
        f"wrk is not installed ({hint}); using the built-in Python load generator, which "
        "limits fast pages and so flatters the ratios.",
        file=sys.stderr,
    )
    return None


# --- the run ----------------------------------------------------------------------------


def preflight(port: int, page: Page) -> str:
    """Request every URL of `page` once (this also fills the page cache); return a note
    when some answer is not 200, in which case the page is not measured."""
    bad = []
    for path in page.paths:
        try:
            status, _ = get(port, path)
        except OSError as error:
            return f"{path}: {error}"
        if status != 200:
            bad.append(f"{status} {path}")
    if bad:
        return f"{len(bad)}/{len(page.paths)} URLs not 200, e.g. {bad[0]}"
    return ""


def drain(port: int, args: argparse.Namespace) -> None:
    """Wait until gunicorn has worked through the requests the load tool left queued.

    A sync worker cannot tell that wrk has hung up, so a slow page leaves up to
    --connections requests behind, which would otherwise be charged to the next
    measurement. New requests queue behind them: when those return, the queue is empty."""

    def one() -> None:
        with contextlib.suppress(OSError):
            get(port, "/bench/bare/", timeout=600)

    threads = [threading.Thread(target=one) for _ in range(args.workers * args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_mode(mode: str, pages: list[Page], args: argparse.Namespace) -> None:
    from django.core.cache import cache

    cache_seconds = 0 if mode == "cold" else WARM_CACHE_SECONDS
    # Start each run from an empty page cache (the configured cache: the database table,
    # or Redis when REDIS_URL is set).
    cache.clear()
    measure = run_wrk if args.wrk else run_python
    with Gunicorn(args, cache_seconds) as server:
        print(
            f"{mode}: gunicorn on {HOST}:{server.port}, PAGE_CACHE_SECONDS={cache_seconds}",
            flush=True,
        )
        # The bare view is measured first and last, so that a change in the machine's
        # speed during the run (other work starting or stopping) shows, and averages out.
        for page in [*pages, pages[0]]:
            result = measure_page(server.port, page, measure, args)
            print(f"  {page.name:<8} {result.summary()}", flush=True)
            earlier = page.results.get(mode)
            page.results[mode] = earlier.combine(result) if earlier else result
    if Path(server.log.name).exists():
        print(f"  gunicorn logged warnings or errors: {server.log.name}", flush=True)


def measure_page(port: int, page: Page, measure, args: argparse.Namespace) -> Result:
    if not page.paths:
        return Result(note="no URL (empty database?)")
    note = preflight(port, page)
    if note:
        return Result(note=note)
    if args.warmup:
        measure(port, page.paths, args.warmup, args)
        drain(port, args)
    result = measure(port, page.paths, args.duration, args)
    drain(port, args)
    if not result.requests:
        result.note = f"no request finished within {args.duration:g} s"
    return result


def print_report(pages: list[Page], modes: list[str], sizes: dict, args) -> list[str]:
    tool = "wrk" if args.wrk else "python"
    print()
    print(
        f"{sizes['articles']:,} articles ({sizes['public']:,} public), "
        f"{sizes['comments']:,} comments | gunicorn {args.workers} workers"
        f"{f' x {args.threads} threads' if args.threads > 1 else ''} | {tool}, "
        f"{args.connections} connections, {args.duration:g} s per page"
    )
    cpus = os.cpu_count() or 1
    load = (args.load_before, os.getloadavg()[0])
    print(f"load average {load[0]:.1f} before, {load[1]:.1f} after, on {cpus} CPUs", end="")
    # The run itself keeps about workers + 1 CPUs busy.
    print(": other processes competed, numbers are noisy" if load[0] > 0.5 else "")
    header = f"{'page':<8} {'URLs':>4}"
    for mode in modes:
        header += f" | {mode + ' req/s':>11} {'p50 ms':>7} {'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    for page in pages:
        line = f"{page.name:<8} {len(page.paths):>4}"
        for mode in modes:
            result = page.results.get(mode)
            if result is None or result.note:
                line += f" | {'skipped':>11} {'':>7} {'':>7}"
            else:
                line += f" | {result.rate:11.1f} {result.p50_ms:7.1f} {result.p95_ms:7.1f}"
        print(line)
    notes = [
        f"{page.name} ({mode}): {page.results[mode].note}"
        for page in pages
        for mode in modes
        if mode in page.results and page.results[mode].note
    ]
    for note in notes:
        print(f"  skipped {note}")

    for page in pages:
        cold, warm = page.results.get("cold"), page.results.get("warm")
        if page.name == "bare" or not cold or not warm or cold.note or warm.note:
            continue
        if warm.rate < 1.5 * cold.rate:
            print(f"  {page.name}: warm is no faster than cold; is the page served from the cache?")

    print()
    print("ratio to the bare view of the same run:")
    bare = next(page for page in pages if page.name == "bare")
    verdicts = []
    for page in pages:
        if page is bare:
            continue
        for mode in modes:
            mine, base = page.results.get(mode), bare.results.get(mode)
            if not mine or not base or mine.note or base.note or not base.rate:
                continue
            ratio = mine.rate / base.rate
            shown = f"{ratio:7.1%}" if ratio >= 0.01 else f"{ratio:7.2%}"
            line = f"  {page.name + ' ' + mode:<14} {shown}"
            if page.name == "article":
                verdict = "PASS" if ratio >= TARGETS[mode] else "FAIL"
                verdicts.append(f"article {mode} {verdict}")
                line += f"   target >= {TARGETS[mode]:.0%}  {verdict}"
            print(line)
    return verdicts


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per page (10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before each (2)")
    parser.add_argument("--connections", type=int, default=8, help="open connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="gunicorn threads per worker; above 1 uses the gthread worker (1: sync)",
    )
    parser.add_argument("--articles", type=int, default=20, help="article URLs to rotate (20)")
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or cold,warm")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--seed", type=int, default=1, help="which articles are picked")
    parser.add_argument("--database-url", help="instead of the DATABASE_URL environment variable")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    if not args.modes or set(args.modes) - {"cold", "warm"}:
        parser.error("--modes takes cold, warm or cold,warm")
    if min(args.duration, args.connections, args.workers, args.threads, args.articles) <= 0:
        parser.error("--duration, --connections, --workers, --threads, --articles must be > 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    args.wrk = find_wrk(args)
    args.load_before = os.getloadavg()[0]
    if not hasattr(settings, "PAGE_CACHE_SECONDS"):
        print("PAGE_CACHE_SECONDS is not a setting yet: warm runs equal cold ones.")
    pages, sizes = pick_pages(args.articles, args.seed)
    connection.close()  # gunicorn's workers open their own

    for mode in args.modes:
        run_mode(mode, pages, args)
    verdicts = print_report(pages, args.modes, sizes, args)
    if args.json:
        data = {
            "sizes": sizes,
            "settings": {
                key: getattr(args, key)
                for key in ("duration", "warmup", "connections", "workers", "threads", "modes")
            },
            "tool": "wrk" if args.wrk else "python",
            "pages": {
                page.name: {mode: vars(result) for mode, result in page.results.items()}
                for page in pages
            },
            "verdicts": verdicts,
        }
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
