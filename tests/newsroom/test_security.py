"""Security headers and the admin's defence against password guessing."""

import pytest
from django.urls import reverse

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")


def test_responses_carry_the_security_headers(client):
    response = client.get(LOGIN_URL)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_admin_login_form_is_csrf_protected(settings):
    from django.test import Client

    make_staff("guarded")
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN_URL, {"username": "guarded", "password": "a-test-password-1"})
    assert response.status_code == 403


def test_repeated_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, settings):
    make_staff("target")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN_URL, {"username": "target", "password": "wrong-guess"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(LOGIN_URL, {"username": "target", "password": "wrong-guess"})
    assert response.status_code == 429

    response = client.post(LOGIN_URL, {"username": "target", "password": "a-test-password-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in response.content.decode()  # Thai by default


def test_the_right_password_logs_in_before_the_limit(client):
    make_staff("honest")
    client.post(LOGIN_URL, {"username": "honest", "password": "one-typo"})
    response = client.post(
        LOGIN_URL, {"username": "honest", "password": "a-test-password-1", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


# --- The site's policy, built once (newsroom/csp.py) -------------------------------


def django_csp_header(request_path: str, *, report_only: bool = False) -> str:
    """The header django-csp's own middleware builds for a plain response."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get(request_path)
    middleware = CSPMiddleware(lambda request: HttpResponse("page"))
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse("page"))
    name = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
    return response.get(name)


def test_a_page_gets_the_header_django_csp_would_build(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first, cached = client.get("/"), client.get("/")
    assert cached["X-Page-Cache"] == "hit"
    expected = django_csp_header("/")
    assert "img-src 'self' data: blob:" in expected
    assert first["Content-Security-Policy"] == cached["Content-Security-Policy"] == expected
    assert "Content-Security-Policy-Report-Only" not in first


def test_the_built_policy_follows_the_settings(client, settings):
    client.get(LOGIN_URL)  # the site's policy is built and kept
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/feeds-elsewhere/"],
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://pictures.example"]},
    }
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'none'"], "report-uri": "/csp-reports/"}
    }
    response = client.get(LOGIN_URL)
    assert response["Content-Security-Policy"] == django_csp_header(LOGIN_URL)
    assert "img-src https://pictures.example" in response["Content-Security-Policy"]
    assert response["Content-Security-Policy-Report-Only"] == django_csp_header(
        LOGIN_URL, report_only=True
    )
    assert "default-src 'none'" in response["Content-Security-Policy-Report-Only"]


def test_an_excluded_prefix_gets_no_header(client, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/admin/"],
        "DIRECTIVES": {"default-src": ["'self'"]},
    }
    assert "Content-Security-Policy" not in client.get(LOGIN_URL)
    assert client.get("/")["Content-Security-Policy"] == "default-src 'self'"
