"""`/healthz`, for load balancers and container health checks.

Served by a middleware placed first, before host validation and the HTTPS redirect:
probes call the app by its internal address over plain http, and must still get an
answer about the app and its database rather than a 400 or a 301.
"""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse

HEALTH_PATH = "/healthz"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
        elif database_ok():
            response = JsonResponse({"status": "ok", "database": "ok"})
        else:
            response = JsonResponse(
                {"status": "unavailable", "database": "unreachable"}, status=503
            )
        response["Cache-Control"] = "no-store"
        return response
