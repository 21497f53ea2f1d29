"""Permissions and login records on the desk, in the desk's language.

Django's user and group pages list permissions by the English names stored in the
database when they were made ("Can add article"); django-axes describes its records in
English sentences with Common Era UTC times, and leaves some of its columns and messages
out of its catalogue. :func:`register` describes both in the desk's language and puts
axes' list of failed logins back with its columns named. It runs after every app's
admin module is loaded (NewsroomAdminConfig.ready()).
"""

from axes import admin as axes_admin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.templatetags.thai_dates import desk_datetime

#: The permissions Django makes for every model, by the first word of their codename.
DEFAULT_PERMISSIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def permission_label(permission: Permission) -> str:
    """A permission as the desk lists it, "ข่าว | ข่าว | เพิ่มข่าวได้": the app, the model and
    what it allows, each in the active language (Django shows the English name stored
    when the permission was made)."""
    model = permission.content_type.model_class()
    if model is None:  # the model is gone; only the stored names are left
        return f"{permission.content_type} | {permission.name}"
    opts = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if model_name == opts.model_name and action in DEFAULT_PERMISSIONS:
        allows = DEFAULT_PERMISSIONS[action] % {"name": opts.verbose_name}
    else:  # one of the model's own (Meta.permissions), whose names are translatable
        allows = dict(opts.permissions).get(permission.codename, permission.name)
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {allows}"


def describe_attempt(attempt: AccessAttempt) -> str:
    return gettext("Failed logins as %(username)s from %(address)s, last at %(time)s") % {
        "username": attempt.username,
        "address": attempt.ip_address,
        "time": desk_datetime(attempt.attempt_time),
    }


def describe_failure(failure: AccessFailureLog) -> str:
    return gettext("Failed login as %(username)s from %(address)s at %(time)s") % {
        "username": failure.username,
        "address": failure.ip_address,
        "time": desk_datetime(failure.attempt_time),
    }


def describe_login(login: AccessLog) -> str:
    return gettext("Login of %(username)s at %(time)s") % {
        "username": login.username,
        "time": desk_datetime(login.attempt_time),
    }


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """axes' list of failed logins, with its status and expiry columns named."""

    @admin.display(description=_("status"))
    def status(self, obj):
        left = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if left > 0:
            return ngettext("%(count)d attempt left", "%(count)d attempts left", left) % {
                "count": left
            }
        return gettext("Locked out")

    @admin.display(description=_("expires"))
    def expiration(self, obj):
        if hasattr(obj, "expiration"):
            return desk_datetime(obj.expiration.expires_at)
        return gettext("Not set")

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request,
            ngettext(
                "Removed %(count)d expired login attempt.",
                "Removed %(count)d expired login attempts.",
                count,
            )
            % {"count": count},
        )


def register(site: admin.AdminSite) -> None:
    # A record's description is its title, breadcrumb and history entry in the admin, and
    # axes has no other hook for it than __str__.
    AccessAttempt.__str__ = describe_attempt
    AccessFailureLog.__str__ = describe_failure
    AccessLog.__str__ = describe_login
    # Likewise a permission, listed on user and group pages by its description, whose
    # stored name is English.
    Permission.__str__ = permission_label
    if axes_settings.AXES_ENABLE_ADMIN:
        site.unregister(AccessAttempt)
        site.register(AccessAttempt, AccessAttemptAdmin)
