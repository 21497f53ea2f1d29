"""The shared cache in PostgreSQL: Django's database cache, with sets of one statement.

Django's DatabaseCache counts every row of its table on each set (to decide whether to
cull), then reads the key and writes it inside a transaction: four round trips, the
first growing with the table (1.5 ms at 7,000 cached pages here, ten times that at the
50,000 a large archive keeps), paid by every page rendered. A set here is one
``INSERT ... ON CONFLICT``, and the table is counted and culled (Django's own cull) on
one set in CULL_EVERY. ``set_many`` is one statement too (a page and the pieces
rendered with it). Reads, deletes and the table itself are Django's.
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router
from django.utils import timezone

#: On average one set in this many counts the table and culls it if it is too full.
CULL_EVERY = 100


class PostgresCache(DatabaseCache):
    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if mode == "touch":
            return super()._base_set(mode, key, value, timeout)
        return self._upsert({key: value}, timeout, only_expired=mode == "add")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = {
            self.make_and_validate_key(key, version=version): value for key, value in data.items()
        }
        if keys and not self._upsert(keys, timeout):
            return list(data)
        return []

    def _upsert(self, values: dict, timeout, *, only_expired: bool = False) -> bool:
        """One INSERT ... ON CONFLICT of every key; ``only_expired`` ("add"): the key is
        taken only from an entry that has expired."""
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max.replace(tzinfo=UTC)
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC)
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        table = connection.ops.quote_name(self._table)
        now = timezone.now()
        rows, params = [], []
        for key, value in values.items():
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            rows.append("(%s, %s, %s)")
            params += [key, encoded, expires]
        where = f" WHERE {table}.expires < %s" if only_expired else ""
        sql = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES {', '.join(rows)} "  # noqa: S608 the table name is quoted, values are parameters
            "ON CONFLICT (cache_key) DO UPDATE "
            f"SET value = EXCLUDED.value, expires = EXCLUDED.expires{where}"
        )
        params += [now] if only_expired else []
        try:
            with connection.cursor() as cursor:
                if random.random() * CULL_EVERY < 1:  # noqa: S311 a sample, not a secret
                    cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 quoted name
                    count = cursor.fetchone()[0]
                    if count > self._max_entries:
                        self._cull(database, cursor, now, count)
                cursor.execute(sql, params)
                return cursor.rowcount > 0
        except DatabaseError:
            return False  # as Django's: a failed write is a miss next time, not an error
