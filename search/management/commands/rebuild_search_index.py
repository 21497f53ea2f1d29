"""`manage.py rebuild_search_index [--resume] [--batch-size N]`: (re)build search entries.

Articles are read in primary-key order, a batch at a time, and each batch is written in
its own short transaction (an upsert of its rows: no table lock), so the site keeps
serving — and searching the old entries — while it runs. Run it after imports that
bypass the ORM's signals (COPY, bulk_create), after changing search/engine.py, or to
start an index. With --resume only articles whose entry is missing, older than the
article, or written by an older search.engine (INDEX_VERSION) are done: an interrupted
run picks up where it stopped, and after an upgrade only the stale entries are redone.
"""

import time

from django.core.management.base import BaseCommand
from django.db.models import F, Q

from articles.models import Article
from newsroom.progress import ProgressBar
from search import engine


class Command(BaseCommand):
    help = "Build the search index of every article, in batches; --resume skips fresh ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--resume",
            action="store_true",
            help=(
                "Only articles without an entry, edited since it was made, or indexed by "
                "an older version of the search engine."
            ),
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, resume=False, batch_size=500, **options):
        articles = Article.objects.all()
        if resume:
            articles = articles.filter(
                Q(search_entry__isnull=True)
                | Q(search_entry__indexed_at__lt=F("updated_at"))
                | Q(search_entry__version__lt=engine.INDEX_VERSION)
            )
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        total = len(ids)
        engine.vocabulary()  # build the dictionary before the clock starts
        started = time.monotonic()
        progress = ProgressBar(self.stdout)
        done = 0
        for start in range(0, total, batch_size):
            done += engine.index_article_ids(ids[start : start + batch_size], batch_size)
            progress(done, total)
        progress.finish()
        seconds = time.monotonic() - started
        rate = done / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {done} articles in {seconds:.1f} s ({rate:.0f} stories per second)."
            )
        )
