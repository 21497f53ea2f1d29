"""Request checks that belong before any view runs."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers


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


class LanguageFromCookieMiddleware:
    """Thai unless the reader chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a Thai
    newsroom would show search engines and most foreign browsers an English interface.
    Here only the switch's cookie changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
