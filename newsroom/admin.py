"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.utils.text import capfirst


class RecordAdmin(admin.ModelAdmin):
    """A list of records kept by the system (an audit trail): read, never written here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class LabelledTabularInline(admin.TabularInline):
    """A table of inline rows whose boxes carry their column's name.

    Django's table names a column only in its head, which ties to no box: a screen
    reader met "edit text" with no name in every row. Each box (the row's delete
    checkbox too) gets its field's label as aria-label; articles' autocompletes pass it
    on to their select2 box (newsroom/static/newsroom/js/admin_names.js).
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    # The box itself, inside the admin's add/change-related wrapper.
                    widget = getattr(field.widget, "widget", field.widget)
                    if not widget.is_hidden and field.label:
                        widget.attrs.setdefault("aria-label", capfirst(field.label))

        return LabelledFormSet
