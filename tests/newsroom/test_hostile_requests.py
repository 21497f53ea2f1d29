"""Hostile addresses, query strings and headers: never a 5xx on a public route or the
desk's login, and a request for an unknown host is one warning line, not a traceback.

Every URL pattern of the site is filled, part by part, with values scanners send (NUL,
lone surrogates and overlong UTF-8 as percent-escapes, `..` and `%2e`, very long
segments, huge numbers) and with values hypothesis makes up, in Thai and in English.
"""

import io
import logging
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article, make_organisation, make_person

pytestmark = pytest.mark.django_db

KNOWN_BAD = [
    "%00",
    "a%00b",
    "%0d%0aSet-Cookie:%20x=1",
    "%ED%A0%80",  # a lone surrogate, as UTF-8 bytes
    "%C0%AE%C0%AE",  # overlong "..", which old decoders took for dots
    "%FF%FE",
    "%E0%B8",  # Thai cut inside a character
    "..",
    "%2e%2e",
    "%2e%2e%2fetc%2fpasswd",
    "%2F",
    "%25",
    "-1",
    "0",
    "99999999999999999999",
    "a" * 5000,
    quote("ก" * 2000),
    quote("<script>alert(1)</script>"),
    "%",
    "%zz",
]

# Django's converters and the project's, by the name used in a route.
CONVERTER = re.compile(r"<(?:\w+:)?\w+>")


def routes() -> list[str]:
    """Every public route of the site as a template ("news/<int:pk>/<str:slug>/"),
    the English ones too; the desk only through its login page."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    found = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith(("admin", "ckeditor5", "^")):
            continue  # the desk (login below) and regex routes (media) have no template
        found += ["/" + route, "/en/" + route]
    return [*found, "/admin/login/", "/admin/", "/media/x.jpg"]


ROUTES = routes()


def fill(route: str, values: list[str]) -> str:
    """The route with each converter replaced by the next value (already escaped)."""
    parts = iter(values)
    return CONVERTER.sub(lambda match: next(parts, "x"), route)


segment = st.one_of(
    st.sampled_from(KNOWN_BAD),
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
    st.binary(max_size=20).map(lambda raw: quote(raw, safe="")),
)
query_string = st.lists(st.tuples(segment, segment), max_size=4).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)


@pytest.fixture
def content():
    """Real rows behind the routes, so a fuzzed value can also sit beside a real id."""
    article = make_article(title="น้ำท่วมกรุงเทพฯ")
    article.tags.add("น้ำท่วม")
    make_person()
    make_organisation()
    return article


def answer(client: Client, path: str, query: str = "", **headers) -> int:
    response = client.get(f"{path}?{query}" if query else path, **headers)
    return response.status_code


def test_every_route_is_found(content):
    """The enumeration is real: the site's main routes are among those fuzzed."""
    for expected in ("/news/<int:pk>/<str:slug>/", "/tag/<thaislug:slug>/", "/search/"):
        assert expected in ROUTES
        assert "/en" + expected in ROUTES


@pytest.mark.parametrize("bad", KNOWN_BAD)
def test_known_bad_values_in_every_route_are_never_a_5xx(content, bad):
    client = Client(raise_request_exception=False)
    for route in ROUTES:
        path = fill(route, [bad, bad])
        assert answer(client, path) < 500, path
        assert answer(client, route.replace("<", "").replace(">", ""), f"q={bad}") < 500


def test_nul_in_an_address_is_a_400_without_a_query(content, django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(0):
        response = client.get("/news/%00/")
    assert response.status_code == 400
    assert b"Malformed address" in response.content
    assert client.get("/%00").status_code == 400
    assert client.get(content.get_absolute_url()).status_code == 200  # real ones pass


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    values=st.lists(segment, min_size=2, max_size=2),
    query=query_string,
)
def test_fuzzed_addresses_and_queries_are_never_a_5xx(content, route, values, query):
    client = Client(raise_request_exception=False)
    path = fill(route, values)
    assert answer(client, path, query) < 500, f"{path}?{query}"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(["/", "/search/", "/en/", "/admin/login/", "/feeds/latest/"]),
    value=st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
        max_size=300,
    ),
)
def test_fuzzed_headers_are_never_a_5xx(content, route, value):
    client = Client(raise_request_exception=False)
    headers = {
        "HTTP_ACCEPT_LANGUAGE": value,
        "HTTP_COOKIE": value,
        "HTTP_REFERER": value,
        "HTTP_X_FORWARDED_FOR": value,
        "HTTP_IF_NONE_MATCH": value,
        "HTTP_IF_MODIFIED_SINCE": value,
        "HTTP_USER_AGENT": value,
    }
    assert answer(client, route, **headers) < 500


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(username=st.text(max_size=200), password=st.text(max_size=200))
def test_fuzzed_login_forms_are_never_a_5xx(content, username, password):
    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code < 500


def test_an_unknown_host_is_one_warning_line_and_no_mail(settings):
    settings.ALLOWED_HOSTS = ["news.example"]
    settings.DEBUG = False
    settings.ADMINS = [("Desk", "desk@example.com")]
    # The configured handler, writing to a buffer for the test instead of stderr.
    handler = logging.getLogger("django.security.DisallowedHost").handlers[0]
    written = io.StringIO()
    stream = handler.setStream(written)
    try:
        response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    finally:
        handler.setStream(stream)
    assert response.status_code == 400
    logged = written.getvalue()
    assert "evil.example" in logged
    assert "Traceback" not in logged
    assert len(logged.strip().splitlines()) == 1
    assert mail.outbox == []
