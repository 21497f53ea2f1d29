"""Admin pieces shared by the apps."""

from django.contrib import admin


class RecordInline(admin.TabularInline):
    """A record kept by the system (an audit row, a report): shown, never edited here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
