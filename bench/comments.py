"""Comments: how many a second the real view stores, and how fast a story page with 500
approved comments renders.

    DATABASE_URL=... DEBUG=1 .venv/bin/python bench/comments.py [--posts 300] [--threads 8]
                                                                [--comments 500] [--pages 50]

Everything goes through Django's test client and the project's real URLs, middleware,
form, rules and service (rate limits off, bot timer off, page cache off). The posts are
sent from ``--threads`` threads at once, each with its own database connection, as app
workers would. All rows it creates are deleted again at the end (it makes one section,
one story and its comments, and removes them with a cascade), so any database works,
but do not run it against a live site: it clears nothing else, yet it does add load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from articles.models import Article, Section
    from comments.forms import make_token
    from comments.models import Comment

    setup_test_environment()  # the test client's host name is allowed
    settings.PAGE_CACHE_SECONDS = 0
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_RATE_LIMITS = dict.fromkeys(settings.COMMENTS_RATE_LIMITS, (0, 60))
    settings.DEBUG = False  # no query log growing in memory

    section = Section.objects.create(name=f"bench-comments-{time.time_ns()}")
    article = Article.objects.create(
        title="ข่าวทดสอบความเร็วความคิดเห็น",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    url = f"/comments/post/{article.pk}/"
    token = make_token(article)
    try:

        def post(n: int) -> int:
            try:
                return (
                    Client()
                    .post(
                        url,
                        {
                            "name": f"ผู้อ่าน {n}",
                            "email": f"bench{n}@example.com",
                            "body": f"ความคิดเห็นทดสอบความเร็วที่ {n} ข่าวนี้ดีมากครับ",
                            "token": token,
                        },
                        REMOTE_ADDR=f"198.51.{n // 250 % 250}.{n % 250 + 1}",
                    )
                    .status_code
                )
            finally:
                connection.close()

        post(-1)  # warm up: imports, the Thai dictionary
        Comment.objects.filter(article=article).delete()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            codes = list(pool.map(post, range(args.posts)))
        seconds = time.perf_counter() - started
        stored = Comment.objects.filter(article=article, status=Comment.Status.PENDING).count()
        print(
            f"posting: {args.posts} comments from {args.threads} threads in {seconds:.2f} s = "
            f"{args.posts / seconds:.1f} posts/s; stored pending {stored}; "
            f"answers {sorted(set(codes))}"
        )

        Comment.objects.filter(article=article).delete()
        Comment.objects.bulk_create(
            Comment(
                article=article,
                name=f"ผู้อ่าน {n}",
                email="bench@example.com",
                body="ความคิดเห็นที่อนุมัติแล้ว\nบรรทัดที่สอง",
                status=Comment.Status.APPROVED,
            )
            for n in range(args.comments)
        )
        client = Client()
        page = article.get_absolute_url()
        client.get(page)  # warm up
        timings = []
        for _ in range(args.pages):
            started = time.perf_counter()
            response = client.get(page)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"the story page answered {response.status_code}")
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"story page with {args.comments} approved comments (page cache off): "
            f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"{len(response.content) / 1024:.0f} KiB, over {args.pages} requests"
        )
    finally:
        Comment.objects.filter(article=article).delete()
        article.delete()
        section.delete()


if __name__ == "__main__":
    main()
