from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")
    desk_position = 2  # newsroom/desk.py

    def ready(self):
        from . import page_keys

        page_keys.connect()
