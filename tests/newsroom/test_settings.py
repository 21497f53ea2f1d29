"""The settings module, loaded in a fresh interpreter with a given environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(env_overrides: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    unset = ("SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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
