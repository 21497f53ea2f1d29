"""Where a traffic run's time goes: its mix replayed in one process, timed by kind.

    DATABASE_URL=... .venv/bin/python bench/replay.py [--requests 8000] [--prime 300]

Draws requests from the same weighted URL list as traffic.py (same seed, same
database) and serves them one after another through Django's test client with
production settings and the page cache on, from an emptied cache with the --prime most
requested pages put back, as traffic.py's default run starts. Prints, for each kind of
page and answer (hit, stale, miss), how many there were, their median time and their
share of the whole run's time: a kind whose misses are slow shows at the top. No
writer, no gunicorn, no network: the time is the app's and the database's own.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=8000, help="requests replayed (8000)")
    parser.add_argument("--prime", type=int, default=300, help="most requested pages first")
    parser.add_argument("--seed", type=int, default=1, help="the URL list's (1)")
    args = parser.parse_args(argv)
    if args.requests <= 0 or args.prime < 0:
        parser.error("--requests must be > 0 and --prime >= 0")

    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from bench.traffic import traffic_mix
    from newsroom import pagecache

    mix = traffic_mix(args.seed)
    cumulative = list(itertools.accumulate(url.weight for url in mix))
    draw = random.Random(args.seed)
    client = Client(HTTP_HOST="127.0.0.1")
    cache.clear()
    pagecache.forget_local_state()
    for url in sorted(mix, key=lambda url: -url.weight)[: args.prime]:
        client.get(url.path)

    times: dict[tuple[str, str], list[float]] = {}
    began = time.perf_counter()
    for _ in range(args.requests):
        index = bisect.bisect(cumulative, draw.random() * cumulative[-1])
        url = mix[min(index, len(mix) - 1)]
        started = time.perf_counter()
        response = client.get(url.path)
        took = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url.path} answered {response.status_code}")
        state = response.get("X-Page-Cache", "-")
        times.setdefault((url.category, state), []).append(took)
    total = time.perf_counter() - began

    print(
        f"{args.requests:,} requests in {total:.1f} s: {total / args.requests * 1000:.2f} ms "
        f"a request, {args.requests / total:,.0f} a second in one process"
    )
    print(f"{'kind':<14} {'answer':<6} {'count':>6} {'median ms':>10} {'of the time':>12}")
    for (kind, state), took in sorted(times.items(), key=lambda item: -sum(item[1])):
        print(
            f"{kind:<14} {state:<6} {len(took):>6,} {statistics.median(took) * 1000:>10.2f} "
            f"{sum(took) / total:>12.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
