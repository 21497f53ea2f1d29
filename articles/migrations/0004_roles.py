"""The newsroom's roles as groups. Their permissions stay editable in the admin.

Permissions are normally created after all migrations have run; this migration creates
the ones it needs first, so it works on an empty database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVERYTHING = ("add", "change", "delete", "view")
ADD_CHANGE_VIEW = ("add", "change", "view")

ROLES = {
    "Reporter": {
        "articles": {
            "article": ADD_CHANGE_VIEW,
            "byline": EVERYTHING,
            "taggedarticle": EVERYTHING,
            "image": ADD_CHANGE_VIEW,
            "tag": ADD_CHANGE_VIEW,
            "section": ("view",),
            "revision": ("view",),
        },
        "people": {
            "person": ADD_CHANGE_VIEW,
            "organisation": ADD_CHANGE_VIEW,
            "affiliation": EVERYTHING,
        },
    },
    "Editor": {
        "articles": {
            "article": (*EVERYTHING, "publish", "edit_any"),
            "byline": EVERYTHING,
            "taggedarticle": EVERYTHING,
            "image": EVERYTHING,
            "tag": EVERYTHING,
            "section": EVERYTHING,
            "advert": EVERYTHING,
            "revision": ("view",),
            "statuschange": ("view",),
            "correction": EVERYTHING,
        },
        "people": {"person": EVERYTHING, "organisation": EVERYTHING, "affiliation": EVERYTHING},
        "comments": {"comment": ("view",)},
    },
    "Moderator": {"comments": {"comment": ("view", "change", "moderate")}},
}


def codenames(model: str, actions: tuple[str, ...]) -> list[str]:
    # Custom permissions read "publish_article", "edit_any_article".
    return [f"{action}_{model}" for action in actions]


def create_roles(apps, schema_editor):
    for app_label in ("articles", "people", "comments"):
        app_config = apps.get_app_config(app_label)
        if not getattr(app_config, "models_module", None):
            app_config.models_module = True  # migration state stubs lack it
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, by_model in by_app.items():
            for model, actions in by_model.items():
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label,
                        codename__in=codenames(model, actions),
                    )
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("people", "0001_initial"),
        ("comments", "0002_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
