"""Search benchmark: query and page times at a large newsroom, and indexing throughput.

    # a database of its own, filled by the generator, then indexed:
    psql "postgresql://newsroom@/postgres?host=$PWD/.pgdata" -c "create database search_bench"
    export DATABASE_URL=$(scripts/pg.sh url | sed 's|/newsroom$|/search_bench|') DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python bench/generate.py --articles 100000 --comments 0 --people 5000
    .venv/bin/python manage.py rebuild_search_index        # prints stories per second
    .venv/bin/python bench/search.py [--queries 200] [--reindex-sample 2000]

What it reports:

* engine: the time of what the results page asks the database for one query — the
  candidates, then every matching id of the window by rank (the page counts and
  pages that list: search/views.py) — over ``--queries`` queries
  drawn (seeded) from the newsroom's own people, aliases, organisations, tags,
  synonyms, and words of the generator's vocabulary, alone and in pairs; p50, p95, max.
* page: the whole /search/?q= page through Django's test client with the page cache
  off (production settings from bench/settings.py), same queries; p50, p95, max.
* indexing: re-indexes ``--reindex-sample`` articles (the same code path as
  rebuild_search_index) and prints stories per second.

Timing belongs here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{label:<8} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms   "
        f"p95 {percentile(ms, 0.95):7.1f} ms   max {max(ms):7.1f} ms"
    )


def pick_queries(count: int, seed: str) -> list[str]:
    from articles.models import Tag
    from bench import vocabulary
    from people.models import Organisation, Person
    from search.models import Synonym

    rng = random.Random(seed)
    people = list(Person.objects.values_list("title", "name", "aliases")[:2000])
    organisations = list(Organisation.objects.values_list("name", "short_name")[:500])
    tags = list(Tag.objects.values_list("name", flat=True)[:2000])
    synonyms = [term for terms in Synonym.objects.values_list("terms", flat=True) for term in terms]
    words = [
        *vocabulary.PLACES,
        *vocabulary.OBJECTS,
        *vocabulary.VERBS,
        *vocabulary.TAG_TOPICS,
    ]

    def one() -> str:
        kind = rng.random()
        if kind < 0.2 and people:
            title, name, aliases = rng.choice(people)
            choice = rng.random()
            if aliases and choice < 0.3:
                return rng.choice(aliases)
            return f"{title}{name}" if choice < 0.6 else name.split()[0]
        if kind < 0.3 and organisations:
            name, short_name = rng.choice(organisations)
            return short_name or name
        if kind < 0.45 and tags:
            return rng.choice(tags)
        if kind < 0.55 and synonyms:
            return rng.choice(synonyms)
        if kind < 0.8:
            return rng.choice(words)
        return f"{rng.choice(words)} {rng.choice(words)}"

    return [one() for _ in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reindex-sample", type=int, default=2000)
    parser.add_argument("--seed", default="search")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.test import Client

    from articles.models import Article
    from search import engine
    from search.models import SearchEntry

    articles = Article.objects.count()
    entries = SearchEntry.objects.count()
    print(f"{articles:,} articles, {entries:,} search entries")
    if entries < articles:
        print("warning: not every article is indexed; run manage.py rebuild_search_index")
    stale = SearchEntry.objects.filter(version__lt=engine.INDEX_VERSION).count()
    if stale:
        print(f"warning: {stale:,} entries from an older engine; run rebuild_search_index --resume")

    queries = pick_queries(args.queries, args.seed)
    engine.vocabulary()

    def ranked_ids(query: str) -> list[int]:
        return list(engine.search(query).values_list("pk", flat=True))

    for query in queries[:10]:  # warm the caches of this process
        ranked_ids(query)

    engine_times, matches = [], []
    for query in queries:
        started = time.perf_counter()
        matches.append(len(ranked_ids(query)))
        engine_times.append(time.perf_counter() - started)

    client = Client(HTTP_HOST="127.0.0.1")
    page_times = []
    for query in queries:
        started = time.perf_counter()
        response = client.get("/search/", {"q": query})
        page_times.append(time.perf_counter() - started)
        if response.status_code != 200:
            print(f"warning: {query!r} answered {response.status_code}")

    print(
        f"queries: {len(queries)}, stories ranked per query (at most {engine.RANK_WINDOW}): "
        f"median {statistics.median(matches):,.0f}, max {max(matches):,}; "
        f"{sum(m >= engine.RANK_WINDOW for m in matches)} filled the window"
    )
    report("engine", engine_times)
    report("page", page_times)
    slowest = sorted(zip(engine_times, queries, matches, strict=True), reverse=True)[:5]
    for seconds, query, count in slowest:
        print(f"  slow: {seconds * 1000:6.1f} ms  {count:>7,} ranked  {query}")
    for seconds, query in sorted(zip(page_times, queries, strict=True), reverse=True)[:5]:
        print(f"  slow page: {seconds * 1000:6.1f} ms  {query}")

    if args.reindex_sample:
        ids = list(
            Article.objects.order_by("?").values_list("pk", flat=True)[: args.reindex_sample]
        )
        started = time.perf_counter()
        engine.index_article_ids(ids)
        seconds = time.perf_counter() - started
        print(
            f"indexing: {len(ids)} stories in {seconds:.1f} s = {len(ids) / seconds:.0f} "
            "stories per second (one process)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
