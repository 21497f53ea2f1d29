"""A cursor for the few hand-written statements every uncached page runs: the server
plans each of them once per connection (a prepared statement) instead of on every page.

Django binds values on the client, so PostgreSQL parses and plans every statement
anew. For a story's one-query load, its related stories and its comment thread, that
planning cost about as much as running them (1.0–1.3 ms each at 100,000 stories,
EXPLAIN ANALYZE). This cursor binds values on the server, and psycopg prepares a
statement the second time a connection runs it (``prepare_threshold`` in the
database's OPTIONS, newsroom/settings.py). Everything else keeps Django's cursor.

The cursor is Django's wrapper around it, so queries are logged and counted
(``django_assert_max_num_queries``) and errors are Django's as with any other.

Behind a pooler that hands one server session to many clients between transactions
(PgBouncer's transaction mode before 1.21), prepared statements do not survive:
set ``DATABASE_PREPARED_STATEMENTS=0`` there, and these statements are planned each
time like the rest.
"""

from __future__ import annotations

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections


def prepared_cursor(using: str = DEFAULT_DB_ALIAS):
    """A cursor (use it in ``with``) binding values on the server, where psycopg
    prepares what it runs again; ``%(name)s`` or ``%s`` placeholders as usual."""
    connection = connections[using]
    # As Django's own cursor(): a persistent connection the server dropped is
    # replaced (CONN_HEALTH_CHECKS) before it is used.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        server_bound = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(server_bound)
    return connection.make_cursor(server_bound)
