"""`manage.py load_demo`: its safety switch and its idempotence (what it loads:
test_demo_content.py)."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from articles.models import (
    Article,
    Byline,
    Image,
    LiveUpdate,
    LiveUpdateRevision,
    Section,
    Tag,
    TaggedArticle,
)
from comments.models import Comment
from demo.management.commands.load_demo import DEMO_PASSWORD
from people.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db

User = get_user_model()
COUNTED_MODELS = (
    Article,
    Section,
    Person,
    Organisation,
    Affiliation,
    Image,
    Tag,
    TaggedArticle,
    Byline,
    Comment,
    LiveUpdate,
    LiveUpdateRevision,
    User,
    Group,
)


# The command sets four passwords per run; the default hasher is slow on purpose.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def run_load_demo(*args: str) -> str:
    """What ``manage.py load_demo`` prints."""
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def load(settings, *, debug: bool = True, force: bool = False) -> str:
    settings.DEBUG = debug
    return run_load_demo(*(["--force"] if force else []))


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def media_files(root) -> list[str]:
    root = Path(root)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    with pytest.raises(CommandError, match="--force") as refused:
        load(settings, debug=False)
    assert "\n" not in str(refused.value)
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0
    assert User.objects.count() == 0


def test_force_with_debug_off_loads_the_content_but_no_accounts(settings):
    output = load(settings, debug=False, force=True)
    assert Article.objects.count() >= 30
    assert User.objects.count() == 0
    assert not Group.objects.filter(user__isnull=False).exists()
    assert not Person.objects.filter(user__isnull=False).exists()
    assert "skipped" in output
    assert DEMO_PASSWORD not in output


def test_a_second_run_changes_no_count_and_writes_no_file(settings):
    load(settings)
    first_counts, first_files = counts(), media_files(settings.MEDIA_ROOT)
    first_images = set(Image.objects.values_list("pk", "file"))
    assert all(first_counts.values()), first_counts  # every model has rows to compare

    load(settings)

    assert counts() == first_counts
    assert media_files(settings.MEDIA_ROOT) == first_files
    assert set(Image.objects.values_list("pk", "file")) == first_images


def test_a_second_run_restores_the_demo_password(settings):
    load(settings)
    editor = User.objects.get(username="editor")
    editor.set_password("changed-by-someone")
    editor.save()
    load(settings)
    editor.refresh_from_db()
    assert editor.check_password(DEMO_PASSWORD)
