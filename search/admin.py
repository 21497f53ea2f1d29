from django.contrib import admin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    fields = ["terms", "note"]
