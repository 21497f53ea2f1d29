"""The shared cache's table (newsroom/dbcache.py) behaves as Django's database cache,
with sets of one statement."""

import time

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import dbcache
from newsroom.management.commands.createcachetable import Command

pytestmark = pytest.mark.django_db


def test_set_get_and_overwrite(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert cache.set("page", {"html": "ข่าว"}, 60) is None
    assert cache.get("page") == {"html": "ข่าว"}
    cache.set("page", b"\x00bytes", None)  # never expires
    assert cache.get("page") == b"\x00bytes"


def test_set_many_is_one_statement_that_overwrites(django_assert_num_queries):
    cache.set("a", "old", 60)
    with django_assert_num_queries(1):
        assert cache.set_many({"a": 1, "b": "ข่าว", "c": None}, 60) == []
    assert cache.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": "ข่าว", "c": None}
    cache.set_many({"b": 2, "short": "x"}, 1)
    time.sleep(1.1)  # the timeout is every key's
    assert cache.get("short") is None and cache.get("b") is None and cache.get("a") == 1
    assert cache.set_many({}) == []


def test_add_takes_a_key_only_when_absent_or_expired():
    assert cache.add("lock", 1, 60) is True
    assert cache.add("lock", 2, 60) is False
    assert cache.get("lock") == 1
    cache.set("old", "x", 1)
    time.sleep(1.1)  # let it expire (the table keeps whole seconds)
    assert cache.add("old", "y", 60) is True
    assert cache.get("old") == "y"


def test_expired_entries_are_not_returned():
    cache.set("short", "x", 1)
    time.sleep(1.1)
    assert cache.get("short") is None


def test_the_table_is_culled_when_too_full(monkeypatch):
    backend = caches["default"]
    monkeypatch.setattr(dbcache, "CULL_EVERY", 1)  # count on every set
    monkeypatch.setattr(backend, "_max_entries", 10)
    for n in range(30):
        cache.set(f"k{n}", n, 60)
    kept = sum(cache.get(f"k{n}") is not None for n in range(30))
    assert kept <= 11  # Django's cull removed entries whenever the count passed 10
    assert cache.get("k29") == 29  # the entry just set is there


def persistence() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'newsroom_cache'")
        return cursor.fetchone()[0]


def test_the_cache_table_writes_no_wal():
    """createcachetable (newsroom's) leaves the table unlogged, and makes a logged one
    from before unlogged when run again."""
    assert persistence() == "u"  # as the test database was made
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE newsroom_cache SET LOGGED")
    assert persistence() == "p"
    call_command("createcachetable", verbosity=0)
    assert persistence() == "u"
    cache.set("still", "works", 60)
    assert cache.get("still") == "works"


def compression() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'newsroom_cache'::regclass AND attname = 'value'"
        )
        return cursor.fetchone()[0]


def test_the_cache_table_compresses_pages_with_lz4():
    """A stored page is compressed with lz4 rather than the slower default, also in a
    table made before this was set, and is read back whole."""
    with connection.cursor() as cursor:
        assert Command.has_lz4(cursor), "this PostgreSQL has no lz4 (Debian's has)"
        cursor.execute("ALTER TABLE newsroom_cache ALTER COLUMN value SET COMPRESSION pglz")
    assert compression() == "p"
    call_command("createcachetable", verbosity=0)
    assert compression() == "l"
    with CaptureQueriesContext(connection) as asked:  # run again (the image, at each start)
        call_command("createcachetable", verbosity=0)
    assert not [query for query in asked if query["sql"].startswith("ALTER")]
    page = "<p>ข่าวหน้าหนึ่ง</p>" * 5_000  # far past the size PostgreSQL compresses
    cache.set("big-page", page, 60)
    assert cache.get("big-page") == page
