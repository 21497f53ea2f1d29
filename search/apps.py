from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    desk_position = 3  # newsroom/desk.py

    def ready(self):
        from . import signals

        signals.connect()
