"""Request checks that belong before any view runs."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers

from newsroom.languages import DESK_PATH, desk_language, language_from_path


class RejectMalformedQueryMiddleware:
    """Answer 400 to a query string holding a NUL byte or bytes that are not UTF-8.

    Django decodes a bad query string leniently (U+FFFD) and passes NUL through, and
    PostgreSQL refuses NUL in text: without this a crafted `?q=%00` reaches the
    database and becomes a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        query = request.META.get("QUERY_STRING", "")
        if query and not self.is_clean(query):
            return HttpResponseBadRequest(
                "Malformed query string.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

    @staticmethod
    def is_clean(query: str) -> bool:
        # QUERY_STRING arrives as latin-1 decoded bytes under WSGI (PEP 3333).
        raw = unquote_to_bytes(query.replace("+", " ").encode("latin-1", "replace"))
        if b"\x00" in raw:
            return False
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True


class LanguageFromPathMiddleware:
    """Thai at the plain addresses, English under /en/ (newsroom/languages.py).

    Django's LocaleMiddleware would also read the language cookie and the browser's
    Accept-Language, and say `Vary: Accept-Language` on every unprefixed page: a CDN
    could no longer share a page. Here a public page's language comes from its path
    alone, so its response varies on nothing. The desk is the exception: private and
    never cached, it follows the cookie of its own language switch, and says so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        path = request.path_info
        at_desk = path.startswith(DESK_PATH)
        language = desk_language(request) if at_desk else language_from_path(path)
        language = language or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Active before URL resolving: i18n_patterns matches the active language's
        # prefix, and the page cache keys its pages by it (newsroom/pagecache.py). The
        # thread's language is restored afterwards, so nothing leaks past the request.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if at_desk:
            patch_vary_headers(response, ("Cookie",))
        return response
