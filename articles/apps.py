from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")
    desk_position = 0  # the desk lists apps by this (newsroom/desk.py): stories first

    def ready(self):
        from . import desk, live, page_keys

        page_keys.connect()
        desk.connect()
        live.connect()
