"""Django's createcachetable, then the database cache's table made UNLOGGED, its values
compressed with lz4.

A cache needs no crash safety. An unlogged table writes no WAL, so storing a rendered
page (tens of kilobytes, once for every render) neither adds to the database's log
nor waits for it to reach the disk; after a crash PostgreSQL empties the table, which
for a cache is only a cold start. Standbys do not get its rows, and nothing reads the
cache there.

A stored page is tens of kilobytes of base64 text, which PostgreSQL compresses on the
way in; its default, pglz, took 0.8 ms for a 56 KB value here, lz4 0.2 ms for the same
size (PostgreSQL 14 and newer, when built with lz4, as Debian's is). Values stored before
keep their compression until they are written again.
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
            table = connection.ops.quote_name(cache._table)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT c.relpersistence, a.attcompression FROM pg_class c "
                    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'value' "
                    "WHERE c.oid = to_regclass(%s)",
                    [table],
                )
                row = cursor.fetchone()
                if row and row[0] == "p":  # permanent: logged
                    cursor.execute(f"ALTER TABLE {table} SET UNLOGGED")
                    if options["verbosity"] > 1:
                        self.stdout.write(f"Cache table '{cache._table}' made unlogged.")
                # Only when it is not yet: the ALTER locks the table, and the image runs
                # this command at every start.
                if row and row[1] != "l" and self.has_lz4(cursor):
                    cursor.execute(f"ALTER TABLE {table} ALTER COLUMN value SET COMPRESSION lz4")

    @staticmethod
    def has_lz4(cursor) -> bool:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()  # no such setting before PostgreSQL 14
        return bool(row and row[0])
