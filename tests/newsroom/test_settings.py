"""The settings module, loaded in a fresh interpreter with a given environment."""

import secrets

from tests.fresh_django import run_django


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django({"DEBUG": "0", "SECRET_KEY": None}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_in_development_without_a_secret_key():
    result = run_django({"DEBUG": "1", "SECRET_KEY": None}, "check")
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = run_django(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "news.example.org",
            "HTTPS": "1",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
