"""The site's URLs plus /bench/bare/: the cheapest Django page, through the same
middleware stack, as the baseline every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from newsroom import urls as site_urls


def bare_view(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare_view), *site_urls.urlpatterns]

# Error pages as the site renders them.
handler400 = getattr(site_urls, "handler400", "django.views.defaults.bad_request")
handler403 = getattr(site_urls, "handler403", "django.views.defaults.permission_denied")
handler404 = getattr(site_urls, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")
