"""Run manage.py in a fresh interpreter: settings are computed when they load, so a
changed environment needs a new process to show its effect."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Variables a test sets on purpose, or that the browser tests leave in this process.
CLEARED = ("SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run_django(env_overrides: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    """manage.py with this environment; a None value removes the variable."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
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
