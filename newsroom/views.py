"""Views of the site as a whole, not of one app."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from newsroom.languages import DESK_PATH, path_in_language


def _safe_next(request, default: str) -> str:
    target = request.GET.get("next", default)
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    return target


@require_safe
def switch_language(request, code: str):
    """Old links of the language switch, which chose the language by cookie: a permanent
    redirect to the same page's address in that language (`/en/...` or plain Thai).

    No cookie is set: a public page's language is in its address (newsroom/languages.py).
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = urlsplit(_safe_next(request, "/"))
    path = path_in_language(target.path or "/", code)
    return HttpResponsePermanentRedirect(urlunsplit(("", "", path, target.query, "")))


@require_safe
def desk_language(request, code: str):
    """The desk's language switch: remember the choice in a cookie and go back.

    A plain link, not Django's POST-only set_language: a language choice is harmless to
    forge. The cookie is read for the desk only (LanguageFromPathMiddleware); readers'
    pages take their language from their address.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = redirect(_safe_next(request, DESK_PATH))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
