"""The site's addresses plus a few pages whose caching headers the Varnish tests choose
(tests/newsroom/test_varnish.py), served by the live server behind varnishd."""

import threading
from collections import Counter

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

PUBLIC = "public, max-age=0, s-maxage=300, stale-while-revalidate={swr}, stale-if-error=86400"

# How often the app was asked for each page, and which pages answer with an error.
renders: Counter = Counter()
failing: set[str] = set()
_lock = threading.Lock()


def _count(name: str) -> int:
    with _lock:
        renders[name] += 1
        return renders[name]


def page(request, name: str):
    """A public page carrying the keys in ?keys= (comma separated); ?swr= seconds of
    stale-while-revalidate (none by default)."""
    if name in failing:
        _count(name)
        response = HttpResponse("the app failed", status=500)
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(f"page {name} render {_count(name)}")
    response["Cache-Control"] = PUBLIC.format(swr=int(request.GET.get("swr", "0")))
    keys = request.GET.get("keys", "").replace(",", " ")
    if keys:
        response["Surrogate-Key"] = keys
        response["Cache-Tag"] = ",".join(keys.split())
    return response


def private(request, name: str):
    response = HttpResponse(f"private {name} render {_count(name)}")
    response["Cache-Control"] = "private, max-age=0"
    return response


def with_cookie(request, name: str):
    response = HttpResponse(f"cookie {name} render {_count(name)}")
    response["Cache-Control"] = PUBLIC.format(swr=0)
    response.set_cookie("reader", "one")
    return response


def unmarked(request, name: str):
    """No Cache-Control at all: not shared."""
    return HttpResponse(f"unmarked {name} render {_count(name)}")


def cookies(request, name: str):
    """Public, and shows the cookies that reached the app."""
    response = HttpResponse(
        f"cookies {name} render {_count(name)}: {request.META.get('HTTP_COOKIE', '')}"
    )
    response["Cache-Control"] = PUBLIC.format(swr=0)
    return response


urlpatterns = [
    path("_varnish/page/<str:name>/", page),
    path("_varnish/private/<str:name>/", private),
    path("_varnish/cookie/<str:name>/", with_cookie),
    path("_varnish/unmarked/<str:name>/", unmarked),
    path("_varnish/cookies/<str:name>/", cookies),
    *site_urlpatterns,
]
