"""Old addresses answer 301 with their new page (imports.models.Redirect).

Only requests nothing else answered reach the table: a 404 from the site's own views
(so a redirect can never hide a page), plus the home page asked with ``?p=`` or
``?page_id=`` (WordPress's plain links, which the home page would otherwise serve).
Either costs one query on the unique index of old_path. A redirect to an article that
is not public is not followed: the 404 stands. Blogger's search keeps its words and
dates on the way (oldpaths.carried_query).
"""

from django.http import HttpResponsePermanentRedirect

from . import oldpaths
from .models import Redirect


class OldAddressRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and ("p" in request.GET or "page_id" in request.GET):
            redirect = self.redirect_for(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return self.redirect_for(request) or response
        return response

    @staticmethod
    def redirect_for(request) -> HttpResponsePermanentRedirect | None:
        keys = oldpaths.lookup_keys(request.path, request.META.get("QUERY_STRING", ""))
        found = (
            Redirect.objects.filter(old_path__in=keys)
            .select_related("article")
            .only(
                "old_path",
                "target_url",
                "article__slug",
                "article__status",
                "article__published_at",
                "article__unpublish_at",
            )
            .order_by("old_path")
        )
        # The exact key sorts first when both forms exist ("/x" before "/x/").
        for redirect in sorted(found, key=lambda r: keys.index(r.old_path)):
            if redirect.article_id is None:
                target = redirect.target_url
                if query := oldpaths.carried_query(redirect.old_path, request.GET):
                    target += ("&" if "?" in target else "?") + query
                return HttpResponsePermanentRedirect(target)
            if redirect.article.is_public:
                return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())
        return None
