from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo newsroom (`manage.py load_demo`). It fills every app's tables, so it sits
    above the apps, and the core (newsroom/) knows nothing of it."""

    name = "demo"
    verbose_name = _("Demo newsroom")
    desk_position = 5  # newsroom/desk.py
