from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Every model whose rows a public page shows: saving or deleting one starts a new page
# cache version (newsroom/pagecache.py).
PAGE_CONTENT_MODELS = [
    "articles.Article",
    "articles.Section",
    "articles.Tag",
    "articles.TaggedArticle",
    "articles.Byline",
    "articles.Image",
    "articles.Advert",
    "people.Person",
    "people.Organisation",
    "people.Affiliation",
    "comments.Comment",
]


class NewsroomConfig(AppConfig):
    name = "newsroom"
    default = True

    def ready(self):
        from newsroom import pagecache

        for label in PAGE_CONTENT_MODELS:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(
                    pagecache.invalidate_if_shown, sender=model, dispatch_uid=f"pagecache:{label}"
                )
        article = apps.get_model("articles.Article")
        for field in ("people", "organisations"):
            m2m_changed.connect(
                pagecache.invalidate,
                sender=getattr(article, field).through,
                dispatch_uid=f"pagecache:article-{field}",
            )


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose first page is the newsroom's desk (newsroom/desk.py)."""

    default = False  # listed by its full path in INSTALLED_APPS, instead of django's admin
    default_site = "newsroom.desk.DeskAdminSite"
