"""Editors choose the front page's lead and top stories; reporters and moderators do not.

Like 0004_roles, it creates the permission it needs first, so it works on an empty
database; tests/factories.py runs it again after a test flushed the groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAME = "arrange_front_page"


def grant_to_editors(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    if not getattr(app_config, "models_module", None):
        app_config.models_module = True  # migration state stubs lack it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editor")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename=CODENAME)
    )


def take_from_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="articles", codename=CODENAME
    ):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_front_page_picks"),
        ("articles", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_to_editors, take_from_editors)]
