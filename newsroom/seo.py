"""What search engines read besides the pages: robots.txt, absolute and canonical
addresses.

The sitemaps themselves live in articles/sitemaps.py; the structured data of a story in
articles/structured_data.py.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

# Paths crawlers should leave alone: the newsroom's desk, result pages of the site's
# own search in both languages (endless, thin, and already covered by the story pages),
# and the old language switch, which only redirects.
DISALLOWED_PATHS = ("/admin/", "/search/", "/en/search/", "/language/")


def absolute_url(request: HttpRequest, location: str) -> str:
    """`location` as an absolute URL on the host the request came to; https whenever
    the site is served over HTTPS (settings.HTTPS), even if a proxy spoke plain http."""
    url = request.build_absolute_uri(location)
    if settings.HTTPS and url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url


def canonical_redirect(request: HttpRequest, canonical: str) -> HttpResponsePermanentRedirect:
    """301 to a page's canonical address (a wrong or missing slug), keeping the query:
    ``?page=3`` of a comment thread or a listing lands on page 3, not page 1."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED_PATHS]
    lines += [
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        f"Sitemap: {absolute_url(request, reverse('news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
