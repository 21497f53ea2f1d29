"""``{% language_versions as versions %}``: this page in every language of the site.

Each version has the language's ``code`` and ``name`` (in its own language), the
address ``path`` (with the query string, so a search or page 2 stays where it is), its
absolute ``url`` for hreflang, and whether it is the ``current`` or the ``default``
(x-default) one. Used by the language switch and the hreflang links of base.html.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language, get_language_info

from newsroom.languages import path_in_language
from newsroom.seo import absolute_url

register = template.Library()


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    path: str
    url: str
    current: bool
    default: bool


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    request = context.get("request")
    if request is None:
        return []
    if request.method in ("GET", "HEAD"):
        here, query = request.path_info, request.GET.urlencode()
    else:
        # The answer to a form post (a comment with errors) has no address of its own.
        here, query = "/", ""
    prefix = get_script_prefix().rstrip("/")
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        path = escape_uri_path(prefix + path_in_language(here, code))
        path += f"?{query}" if query else ""
        versions.append(
            LanguageVersion(
                code=code,
                name=get_language_info(code)["name_local"],
                path=path,
                url=absolute_url(request, path),
                current=code == current,
                default=code == settings.LANGUAGE_CODE,
            )
        )
    return versions
