"""What a miss costs in instructions rather than milliseconds: render.py's misses counted
by callgrind, which gives the same count on a fast machine and a slow one, whatever else
the machine is doing. (render.py's milliseconds move by a fifth from minute to minute on
a shared 2-core machine, more than most changes to the code save.)

    DATABASE_URL=... .venv/bin/python bench/instructions.py [--page story] [--requests 20]

Runs itself twice under ``valgrind --tool=callgrind`` (Debian's valgrind package). Both
runs set up Django, take render.py's addresses for the page type (the same seed, the
same addresses), empty the cache, render the pieces pages share once and serve
``--warmup`` misses; the second run then serves ``--requests`` more misses. The
difference between the two counts, divided by ``--requests``, is what a miss costs this
process: Django, the templates, the page cache, psycopg and libpq. PostgreSQL's own work
is in its processes and is not counted. Under valgrind a request takes about a second,
so each one reads the change times (a running site reads them at most once a second):
a little more than a real miss. Run one at a time against a database: each run empties
and fills its cache table. Two runs of the same code count within half a percent of
each other.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

PAGES = ("story", "home-pub", "section", "tag")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", choices=PAGES, default="story")
    parser.add_argument("--requests", type=int, default=20, help="misses counted (20)")
    parser.add_argument("--warmup", type=int, default=5, help="misses served first (5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the run under valgrind
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    if args.serve is not None:
        serve(args.page, args.warmup, args.requests, args.serve, args.seed)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    counts = [count(args, serving) for serving in (0, args.requests)]
    per_miss = (counts[1] - counts[0]) / args.requests
    print(
        f"{args.page}: {per_miss / 1e6:.1f} million instructions a miss "
        f"({args.requests} misses after {args.warmup}; this process, not PostgreSQL's)"
    )
    return 0


def count(args, serving: int) -> int:
    """The instructions of one run of this script under callgrind, serving ``serving``
    misses after the warm-up."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            f"--page={args.page}",
            f"--requests={args.requests}",
            f"--warmup={args.warmup}",
            f"--seed={args.seed}",
            f"--serve={serving}",
        ]
        # The same hashes in both runs: set and dict orders, and so the work, match.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(  # noqa: S603 valgrind on this script, fixed arguments
            command, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"the run under valgrind failed: {done.stderr.strip()[-2000:]}")
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if totals is None:
            raise SystemExit(f"callgrind wrote no total to {out}")
        return int(totals.group(1))


def serve(page: str, warmup: int, requests: int, serving: int, seed: int) -> None:
    """The run under valgrind: the warm-up misses, then ``serving`` more."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from bench.render import _forget, _render, page_urls
    from newsroom import pagecache

    urls = page_urls(warmup + requests, seed)[page]
    random.Random(seed).shuffle(urls)  # newest and archive stories in both parts
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    pagecache.forget_local_state()
    client = Client(HTTP_HOST="127.0.0.1")
    _forget(_render(client, "/", pagecache)[1], pagecache, cache)  # the shared pieces
    for url in urls[: warmup + serving]:
        if page == "home-pub":
            pagecache.change_times.bump(["stories"])
        response, stored = _render(client, url, pagecache)
        if response.status_code != 200 or response.get("X-Page-Cache") != "miss":
            raise SystemExit(f"{url}: {response.status_code}, {response.get('X-Page-Cache')}")
        _forget(stored, pagecache, cache)


if __name__ == "__main__":
    raise SystemExit(main())
