"""newsroom/ is the project's configuration and the plumbing every app uses: it imports
no app. Apps plug into it (desk panels, page keys, schedules) from their own ready(),
and the URL conf names their URLs by string (include("articles.urls"))."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

CORE = Path(settings.BASE_DIR) / "newsroom"


def project_apps() -> set[str]:
    """The project's own apps (third-party and Django's are not our layers)."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        # A folder at the top of the checkout (not a package installed in .venv/).
        if Path(config.path).resolve().parent == base and config.name != "newsroom"
    }


def imported_modules(source: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_core_imports_no_app():
    apps_ = project_apps()
    assert {"articles", "comments", "people", "search", "imports", "demo"} <= apps_
    offenders = {
        f"{path.relative_to(CORE.parent)} imports {module}"
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] in apps_
    }
    assert not offenders, sorted(offenders)


def test_the_check_would_see_an_app_import(tmp_path):
    """The reader of imports finds them anywhere in a module, inside functions too."""
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from articles.models import Article\n")
    assert "articles.models" in imported_modules(module)
