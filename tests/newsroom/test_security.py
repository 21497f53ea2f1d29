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
