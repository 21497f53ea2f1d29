from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")
    desk_position = 1  # newsroom/desk.py

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsroom import pagecache

        from . import invalidation
        from .models import Comment, CommentPolicy

        # What readers see of comments changes only when a comment becomes visible,
        # stops being visible, or a visible one changes: comments/invalidation.py.
        # (QuerySet.update() sends no signal: CommentQuerySet.update reports instead.)
        post_save.connect(invalidation.comment_saved, sender=Comment, dispatch_uid="comments:saved")
        post_delete.connect(
            invalidation.comment_deleted, sender=Comment, dispatch_uid="comments:deleted"
        )
        post_save.connect(
            invalidation.policy_changed, sender=CommentPolicy, dispatch_uid="comments:policy"
        )
        pagecache.register_schedule(invalidation.CLOSING)

        from . import desk

        desk.connect()
