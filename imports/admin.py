from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target_column", "updated_at"]
    search_fields = ["old_path", "target_url", "article__title"]
    date_hierarchy = "updated_at"
    autocomplete_fields = ["article"]
    fields = ["old_path", "article", "target_url"]
    ordering = ["old_path"]
    list_select_related = ["article"]

    @admin.display(description=_("goes to"))
    def target_column(self, obj):
        return obj.article.title if obj.article_id else obj.target_url
