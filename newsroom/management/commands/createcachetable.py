"""Django's createcachetable, then the database cache's table made UNLOGGED.

A cache needs no crash safety. An unlogged table writes no WAL, so storing a rendered
page (tens of kilobytes, once for every render) neither adds to the database's log
nor waits for it to reach the disk; after a crash PostgreSQL empties the table, which
for a cache is only a cold start. Standbys do not get its rows, and nothing reads the
cache there.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management.commands.createcachetable import Command as DjangoCommand
from django.db import connections, router


class Command(DjangoCommand):
    def handle(self, *tablenames, **options):
        super().handle(*tablenames, **options)
        connection = connections[options["database"]]
        if options["dry_run"] or connection.vendor != "postgresql":
            return
        for alias in settings.CACHES:
            cache = caches[alias]
            if not isinstance(cache, BaseDatabaseCache):
                continue
            if not router.allow_migrate_model(options["database"], cache.cache_model_class):
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT relpersistence FROM pg_class WHERE oid = to_regclass(%s)",
                    [connection.ops.quote_name(cache._table)],
                )
                row = cursor.fetchone()
                if row and row[0] == "p":  # permanent: logged
                    cursor.execute(
                        f"ALTER TABLE {connection.ops.quote_name(cache._table)} SET UNLOGGED"
                    )
                    if options["verbosity"] > 1:
                        self.stdout.write(f"Cache table '{cache._table}' made unlogged.")
