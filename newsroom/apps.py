from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    name = "newsroom"
    default = True


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose first page is the newsroom's desk (newsroom/desk.py)."""

    default = False  # listed by its full path in INSTALLED_APPS, instead of django's admin
    default_site = "newsroom.desk.DeskAdminSite"
