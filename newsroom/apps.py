from django.apps import AppConfig, apps
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

    def ready(self):
        from newsroom import pagecache

        for label in PAGE_CONTENT_MODELS:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(
                    pagecache.invalidate, sender=model, dispatch_uid=f"pagecache:{label}"
                )
        article = apps.get_model("articles.Article")
        for field in ("people", "organisations"):
            m2m_changed.connect(
                pagecache.invalidate,
                sender=getattr(article, field).through,
                dispatch_uid=f"pagecache:article-{field}",
            )
