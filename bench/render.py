"""What a miss costs: each page type rendered in-process as the page cache renders a miss.

    DATABASE_URL=... .venv/bin/python bench/render.py [--samples 200] [--pieces warm|cold]

Renders stories (newest and across the archive), the home page (as it is re-rendered
for a change of a piece around its stories, and after a publish), section and tag pages
through Django's test client (the whole middleware stack, no network), and prints the
median, p95 and queries of each. Each request is a miss as on a running site: the page
cache finds no copy, the view renders, and the page is stored with the pieces rendered
for it in one statement; the copy is then dropped (outside the timing) so that the next
request for it is a miss too. With ``--pieces warm`` (the default) the pieces pages
share (navigation, ticker, ad slots, most discussed, a list's count) come from the cache
as on a running site, where they are rendered once for many pages, while each story's
own pieces (its comment thread, its related stories) are rendered with it; ``cold``
renders every piece every time. The cache is emptied first. The issue's targets at
100,000 stories: a story at most 10 ms median, home, section and tag pages at most 15 ms.
"""

from __future__ import annotations

import argparse
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

TARGETS = {"story": 10.0, "home": 15.0, "home-pub": 15.0, "section": 15.0, "tag": 15.0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=200, help="renders per page type")
    parser.add_argument("--pieces", choices=["warm", "cold"], default="warm")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from newsroom import pagecache

    public = Article.objects.published()
    pages = page_urls(args.samples, args.seed)
    client = Client(HTTP_HOST="127.0.0.1")
    # Nothing kept from an earlier run: a story's own pieces (its thread, its related
    # stories) are rendered with it, as on a miss; with warm pieces, the shared ones
    # (navigation, ticker, ad slots, most discussed) come from one earlier page.
    cache.clear()
    pagecache.forget_local_state()
    if args.pieces == "warm":
        settings.PAGE_CACHE_SECONDS = 3600
        _forget(_render(client, "/", pagecache)[1], pagecache, cache)
    print(
        f"{public.count():,} public stories; {args.samples} renders a page type; "
        f"pieces {args.pieces}"
    )
    print(f"{'page':<8} {'median':>8} {'p95':>8} {'queries':>8} {'target':>8}")
    failed = False
    # Production settings (DEBUG off); CaptureQueriesContext counts the queries.
    for name, urls in pages.items():
        times, queries = [], []
        for url in urls:
            # Pieces stay if warm; cold, nothing is cached.
            settings.PAGE_CACHE_SECONDS = 3600 if args.pieces == "warm" else 0
            pagecache.recent_pages.clear() if args.pieces == "cold" else None
            if name == "home-pub":
                pagecache.change_times.bump(["stories"])
            with CaptureQueriesContext(connection) as asked:
                started = time.perf_counter()
                response, stored = _render(client, url, pagecache)
                times.append((time.perf_counter() - started) * 1000)
            queries.append(len(asked))
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            if response.get("X-Page-Cache", "miss") != "miss":
                raise SystemExit(f"{url} was not a miss")
            _forget(stored, pagecache, cache)  # the next request for it is a miss again
        times.sort()
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        target = TARGETS[name]
        failed |= median > target
        print(
            f"{name:<8} {median:>7.1f}ms {p95:>7.1f}ms {statistics.median(queries):>8.0f} "
            f"{'≤' + str(target):>8}"
        )
    return 1 if failed else 0


def page_urls(samples: int, seed: int) -> dict[str, list[str]]:
    """``samples`` addresses of each page type, the same for the same seed and database:
    stories half among the newest 500, half anywhere in the archive."""
    from articles.models import Article, Section, Tag

    rng = random.Random(seed)
    public = Article.objects.published()
    newest = list(public.order_by("-published_at").values_list("pk", flat=True)[:500])
    ids = public.order_by("pk").values_list("pk", flat=True)
    bottom, top = ids.first() or 0, ids.last() or 0
    archive = [rng.randint(bottom, top) for _ in range(samples)]
    drawn = [*rng.sample(newest, min(len(newest), samples // 2)), *archive]
    # One query for all of them; a draw that is not a public story is left out.
    found = public.filter(pk__in=set(drawn)).only("pk", "slug")
    addresses = {article.pk: article.get_absolute_url() for article in found}
    story_urls = [addresses[pk] for pk in drawn if pk in addresses]
    sections = [s.get_absolute_url() for s in Section.objects.order_by("pk")]
    every_tag = list(Tag.objects.order_by("pk").only("pk", "slug"))
    tags = [t.get_absolute_url() for t in rng.sample(every_tag, min(50, len(every_tag)))]
    return {
        "story": story_urls[:samples],
        "home": ["/"] * samples,
        # The home page after a publish: its stories rendered again, the other pieces not.
        "home-pub": ["/"] * samples,
        "section": [rng.choice(sections) for _ in range(samples)],
        "tag": [rng.choice(tags) for _ in range(samples)],
    }


def _render(client, url, pagecache):
    """The page requested through the page cache, and the key it was stored under."""
    stored = []
    original = pagecache.serve

    def serve(request, render):
        stored.append(pagecache.page_key(request))
        return original(request, render)

    pagecache.serve = serve
    try:
        return client.get(url), stored
    finally:
        pagecache.serve = original


def _forget(keys, pagecache, cache):
    """Drop stored pages (not their pieces) from this worker and the shared cache."""
    for key in keys:
        pagecache.recent_pages.discard(key)
        cache.delete(key)


if __name__ == "__main__":
    raise SystemExit(main())
