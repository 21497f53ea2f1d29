"""Request checks that belong before any view runs."""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers

from newsroom.languages import DESK_PATH, desk_language, language_from_path

# C0 controls and DEL: never part of a real address, and NUL is refused by PostgreSQL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RejectMalformedRequestMiddleware:
    """Answer 400 to an address whose path holds a control character, or whose query
    string holds a NUL byte or bytes that are not UTF-8.

    Django decodes a bad query string leniently (U+FFFD) and passes NUL through, in the
    path as in the query, and PostgreSQL refuses NUL in text: without this a crafted
    `/%00` or `?q=%00` reaches a slug or old-address lookup and becomes a 500. Scanners
    send such requests all day; a 400 costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if CONTROL_CHARACTERS.search(request.path_info):
            return bad_request("Malformed address.")
        query = request.META.get("QUERY_STRING", "")
        if query and not self.is_clean(query):
            return bad_request("Malformed query string.")
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


def bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


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
