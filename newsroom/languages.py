"""The language of a request, and the same page's address in another language.

The public site's language is in its address alone: Thai, the default, has no prefix
(`/news/5/x/`) and English lives under `/en/` (`/en/news/5/x/`), through
`i18n_patterns(prefix_default_language=False)` in newsroom/urls.py. Neither a cookie
nor the browser's Accept-Language changes a public page, so each address is one page
for every reader and a CDN may share it. Only the desk (`/admin/`), which is private
and never cached, follows the cookie its own language switch sets.
"""

from django.conf import settings
from django.http import HttpRequest

DESK_PATH = "/admin/"


def prefixed_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_from_path(path: str) -> str | None:
    """The language whose prefix starts `path` (`/en/...` → "en"), or None (Thai)."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in prefixed_languages() else None


def path_in_language(path: str, code: str) -> str:
    """`path` (no query) moved to language `code`: "/en/news/5/x/" ↔ "/news/5/x/"."""
    current = language_from_path(path)
    if current is not None:
        path = path[len(current) + 1 :] or "/"
    if code == settings.LANGUAGE_CODE:
        return path
    return f"/{code}{path}"


def desk_language(request: HttpRequest) -> str:
    """The language the desk user chose with the desk's switch (a cookie), else Thai."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
