"""Keep the search index current: the search app listens to the content apps.

Why signals, against the house rule of no side effects hidden in signals that reach
across apps: the index is a derived copy of articles, people, organisations and tags,
and every path that changes them (the admin, load_demo, importers, the shell, future
apps) must keep it current. One module, connected in SearchConfig.ready(), owns that
dependency, so the content apps know nothing about search.

* An article, its bylines, tags, people or organisations change: the article is
  re-indexed once, when the transaction commits (an admin save touching the article,
  three inlines and the tags is one re-index).
* A person's, organisation's or tag's name or aliases change: every process rebuilds
  its segmentation dictionary (engine.vocabulary_changed) and the stories that carry
  the name are re-indexed, synchronously, in batches of 500 with one transaction each
  (no table lock; readers keep searching the old entries meanwhile). A tag on 10,000
  stories takes tens of seconds in the request that renamed it; if that ever hurts,
  this is the one place to hand the ids to a job queue instead.
* A synonym group changes: queries change, the index does not; cached result pages are
  dropped.
* Bulk writes that skip signals (COPY, bulk_create, queryset.update()) must be followed
  by ``manage.py rebuild_search_index --resume`` or engine.index_article_ids(ids).
"""

import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsroom import pagecache

from . import engine

_pending = threading.local()


def _search_pages_stale(**_signal_kwargs) -> None:
    """A synonym changes what every search finds (the results page shows "search")."""
    pagecache.invalidate_keys("search")


def queue_reindex(ids) -> None:
    """Re-index these articles when the current transaction commits (now, outside one)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(ids)
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    ids, _pending.ids = getattr(_pending, "ids", None), None
    if ids:
        engine.index_article_ids(ids)


def _names_changed(**_kwargs) -> None:
    transaction.on_commit(engine.vocabulary_changed, robust=True)


# --- articles and their links ---------------------------------------------------------------


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_reindex([instance.pk])


def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_reindex([instance.article_id])


def tagged_item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_reindex([instance.content_object_id])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """people, organisations or tags of articles added, removed or cleared."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            queue_reindex([instance.pk])
        return
    # From the other side (person.mentioned_in.add(article)): pk_set holds article ids;
    # a clear has none, so the articles are read before it.
    if action in ("post_add", "post_remove"):
        queue_reindex(pk_set or ())
    elif action == "pre_clear":
        queue_reindex(_articles_of(instance))


# --- names ----------------------------------------------------------------------------------

NAME_FIELDS = {
    "people.Person": ("title", "name", "aliases"),
    "people.Organisation": ("name", "short_name", "aliases"),
    "articles.Tag": ("name",),
}


def _names(instance) -> tuple:
    return tuple(getattr(instance, name) for name in NAME_FIELDS[instance._meta.label])


def _articles_of(instance) -> list[int]:
    Article = apps.get_model("articles", "Article")
    label = instance._meta.label
    if label == "people.Person":
        named = Article.objects.filter(people=instance).values_list("pk", flat=True)
        wrote = Article.objects.filter(bylines__person=instance).values_list("pk", flat=True)
        return list(named.union(wrote))
    if label == "people.Organisation":
        return list(Article.objects.filter(organisations=instance).values_list("pk", flat=True))
    return list(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def name_about_to_change(sender, instance, raw=False, **kwargs):
    instance._search_names_before = None
    if not raw and instance.pk is not None:
        before = sender._default_manager.filter(pk=instance.pk).values_list(
            *NAME_FIELDS[instance._meta.label]
        )
        instance._search_names_before = before.first()


def name_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_search_names_before", None)
    if created or before != _names(instance):
        _names_changed()
        if not created:
            queue_reindex(_articles_of(instance))


def name_about_to_go(sender, instance, **kwargs):
    # The links go with the row (cascade, no m2m signal): re-index their stories after.
    queue_reindex(_articles_of(instance))


def connect() -> None:
    Article = apps.get_model("articles", "Article")
    uid = "search:"
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid + "article")
    Byline = apps.get_model("articles", "Byline")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    for when, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(byline_changed, sender=Byline, dispatch_uid=f"{uid}byline-{when}")
        signal.connect(tagged_item_changed, sender=TaggedArticle, dispatch_uid=f"{uid}tag-{when}")
    for name in ("people", "organisations"):
        m2m_changed.connect(
            links_changed, sender=getattr(Article, name).through, dispatch_uid=uid + name
        )
    m2m_changed.connect(links_changed, sender=Article.tags.through, dispatch_uid=uid + "tags")
    for label in NAME_FIELDS:
        model = apps.get_model(label)
        pre_save.connect(name_about_to_change, sender=model, dispatch_uid=uid + "pre" + label)
        post_save.connect(name_saved, sender=model, dispatch_uid=uid + "post" + label)
        pre_delete.connect(name_about_to_go, sender=model, dispatch_uid=uid + "predel" + label)
        post_delete.connect(_names_changed, sender=model, dispatch_uid=uid + "del" + label)
    Synonym = apps.get_model("search", "Synonym")
    for when, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(_names_changed, sender=Synonym, dispatch_uid=f"{uid}synonym-{when}")
        signal.connect(
            _search_pages_stale, sender=Synonym, dispatch_uid=f"{uid}synonym-page-{when}"
        )
