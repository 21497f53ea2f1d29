from django.contrib import admin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "article", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "body"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]
    readonly_fields = ["created_at", "moderated_by", "moderated_at"]
    date_hierarchy = "created_at"
