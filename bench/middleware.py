"""Bench-only: tell the load tool whether an answer was rendered from the database.

With BENCH_QUERY_HEADER=1 (bench/traffic.py sets it for its gunicorn), bench/settings.py
puts this middleware first. Every answer then says in `X-Bench-Queries` how many
database queries it made, not counting the cache table's: a page served from the page
cache makes none, a rendered page some. It counts renders whether or not the app marks
its answers with X-Page-Cache.
"""

from django.conf import settings
from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        cache = settings.CACHES["default"]
        self.cache_table = cache["LOCATION"] if cache["BACKEND"].endswith("DatabaseCache") else None

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            if not (self.cache_table and self.cache_table in sql):
                count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
