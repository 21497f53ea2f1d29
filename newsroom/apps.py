from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    default = True
    verbose_name = _("Page cache")  # its models: the cached pages' keys, the CDN's purges


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose first page is the newsroom's desk (newsroom/desk.py), in the
    desk's language throughout (newsroom/admin_thai.py)."""

    default = False  # listed by its full path in INSTALLED_APPS, instead of django's admin
    default_site = "newsroom.desk.DeskAdminSite"

    def ready(self):
        from django.contrib import admin

        from newsroom import admin_accounts, admin_thai

        admin_thai.install()  # before the ModelAdmins are made, which ready() does
        super().ready()
        admin_accounts.register(admin.site)  # after the packages' admins, which it replaces


class AxesConfig(axes_apps.AppConfig):
    """django-axes, which locks out password guessing, under a name the desk reads (its
    own is its label, "Axes"). Its admin pages: newsroom/admin_accounts.py."""

    default = False  # listed by its full path in INSTALLED_APPS, instead of axes
    verbose_name = _("Login protection")
