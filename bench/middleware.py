"""Bench-only: tell the load tool whether an answer was rendered from the database.

With BENCH_QUERY_HEADER=1 (bench/traffic.py sets it for its gunicorn), bench/settings.py
puts this middleware first. Every answer then says in `X-Bench-Queries` how many
database queries it made, not counting the page cache's own (the cache table, and the
newsroom app's tables: when the keys a page shows last changed): a page served from the
page cache makes none, a rendered page some. It counts renders independently of the
app's X-Page-Cache header. A request's `X-Bench-Kind` header comes back in the answer.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        tables = {model._meta.db_table for model in apps.get_app_config("newsroom").get_models()}
        if isinstance(caches["default"], DatabaseCache):  # Django's or newsroom/dbcache.py
            tables.add(settings.CACHES["default"]["LOCATION"])
        self.bookkeeping = tuple(tables)

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            if not any(table in sql for table in self.bookkeeping):
                count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        # The load tool names the kind of page it asked for; given back, so that it can
        # count hits and misses per kind (wrk cannot tie an answer to its request).
        kind = request.META.get("HTTP_X_BENCH_KIND")
        if kind:
            response["X-Bench-Kind"] = kind[:40]
        return response
