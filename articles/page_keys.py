"""What a change to the articles app's rows makes stale on public pages.

Pages record the keys of what they show (``article-12``, ``section-3``, the lists
``stories``, ``stories-section-3``, ``stories-tag-7``, ``stories-person-5``,
``stories-org-2``, and the pieces ``nav``, ``ticker``, ``ads``, ``front-page``; the
ticker and most discussed show only headlines, ``headline-12``); the
receivers here name the keys a save or delete touches, and newsroom/pagecache.py makes
them stale after the transaction commits. Connected in ArticlesConfig.ready().
"""

from datetime import datetime

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from newsroom import pagecache

from .front_page import FRONT_PAGE_KEY
from .models import (
    Advert,
    Article,
    Byline,
    Correction,
    FrontPagePick,
    Image,
    Section,
    Tag,
    TaggedArticle,
    headline_key,
    story_key,
)

#: Columns that decide whether a story is public, where it is listed and in what order.
LISTED_FIELDS = ("status", "published_at", "unpublish_at", "section_id")
SCHEDULED_FIELDS = ("published_at", "unpublish_at", "breaking_until")
#: What a headline's link shows (Article.headline_key): its words (which also give
#: its language there), its address and the LIVE label. Breaking stories are the ones
#: edited most, and the ticker is on every page: an edit of anything else leaves the
#: site's other pages.
HEADLINE_FIELDS = ("title", "slug", "live_since", "live_until")
#: What a save is compared on, before and after.
COMPARED_FIELDS = (*LISTED_FIELDS, "breaking_until", *HEADLINE_FIELDS)
#: More stories than this changing at one scheduled moment: every page is made stale.
MOST_SCHEDULED_AT_ONCE = 200


def is_public(values: dict, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        values["status"] == Article.Status.PUBLISHED
        and values["published_at"] is not None
        and values["published_at"] <= now
        and (values["unpublish_at"] is None or values["unpublish_at"] > now)
    )


def list_keys(article_ids, section_ids=()) -> set[str]:
    """The lists these stories are in (or were in: pass their old sections too)."""
    ids = list(article_ids)
    keys = {"stories"} | {f"stories-section-{pk}" for pk in section_ids if pk}
    keys |= {
        f"stories-section-{pk}"
        for pk in Article.objects.filter(pk__in=ids).values_list("section_id", flat=True)
    }
    keys |= {
        f"stories-tag-{pk}"
        for pk in TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
            "tag_id", flat=True
        )
    }
    keys |= {
        f"stories-person-{pk}"
        for pk in Byline.objects.filter(article_id__in=ids).values_list("person_id", flat=True)
    }
    for field, kind in (("people", "person"), ("organisations", "org")):
        through = getattr(Article, field).through
        column = "person_id" if kind == "person" else "organisation_id"
        keys |= {
            f"stories-{kind}-{pk}"
            for pk in through.objects.filter(article_id__in=ids).values_list(column, flat=True)
        }
    return keys


def _row(pk) -> dict | None:
    return Article.objects.filter(pk=pk).values(*COMPARED_FIELDS).first()


def article_before_save(sender, instance: Article, **kwargs) -> None:
    instance._page_keys_old = _row(instance.pk) if instance.pk else None


def article_saved(sender, instance: Article, created: bool, **kwargs) -> None:
    old = instance.__dict__.pop("_page_keys_old", None)
    new = {name: getattr(instance, name) for name in COMPARED_FIELDS}
    was, now_public = old is not None and is_public(old), is_public(new)
    keys: set[str] = set()
    if was or now_public:
        keys.add(instance.cache_key)
        listed = was != now_public or any(old[name] != new[name] for name in LISTED_FIELDS)
        if listed:
            keys |= list_keys([instance.pk], [old["section_id"] if old else None])
        if listed or any(old[name] != new[name] for name in HEADLINE_FIELDS):
            keys.add(instance.headline_key)
        breaking = [v for v in (new["breaking_until"], old and old["breaking_until"]) if v]
        if breaking and (listed or old is None or old["breaking_until"] != new["breaking_until"]):
            keys.add("ticker")
    if old is None or any(old[name] != new[name] for name in SCHEDULED_FIELDS):
        pagecache.reschedule()
    pagecache.invalidate_keys(*keys)


def article_deleted(sender, instance: Article, **kwargs) -> None:
    old = _row(instance.pk)
    if old is not None and is_public(old):
        keys = {instance.cache_key, instance.headline_key, "ticker"} | list_keys([instance.pk])
        pagecache.invalidate_keys(*keys)


def _public_ids(article_ids) -> list[int]:
    return list(
        Article.objects.published().filter(pk__in=list(article_ids)).values_list("pk", flat=True)
    )


def tagging_changed(sender, instance: TaggedArticle, **kwargs) -> None:
    """A tag added to or taken from a public story: its page and the tag's list."""
    if _public_ids([instance.content_object_id]):
        pagecache.invalidate_keys(
            story_key(instance.content_object_id), f"stories-tag-{instance.tag_id}"
        )


def byline_changed(sender, instance: Byline, **kwargs) -> None:
    if _public_ids([instance.article_id]):
        pagecache.invalidate_keys(
            story_key(instance.article_id), f"stories-person-{instance.person_id}"
        )


def _mentions_changed(kind: str):
    """people/organisations links of a story changed, from either side."""
    column = "person_id" if kind == "person" else "organisation_id"

    def receiver(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if action == "pre_clear":
            # The links are gone by post_clear: remember what they joined.
            if reverse:
                links = sender.objects.filter(**{column: instance.pk}).values_list("article_id")
            else:
                links = sender.objects.filter(article_id=instance.pk).values_list(column)
            instance._page_keys_cleared = {pk for (pk,) in links}
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if action == "post_clear":
            others = instance.__dict__.pop("_page_keys_cleared", set())
        else:
            others = pk_set or set()
        if reverse:  # person.mentioned_in.add(article, ...)
            articles, entities = _public_ids(others), [instance.pk]
        else:
            articles, entities = _public_ids([instance.pk]), list(others)
        if articles and entities:
            keys = {story_key(pk) for pk in articles}
            keys |= {f"stories-{kind}-{pk}" for pk in entities}
            pagecache.invalidate_keys(*keys)

    return receiver


def section_changed(sender, instance: Section, **kwargs) -> None:
    pagecache.invalidate_keys(instance.cache_key, "nav", f"stories-section-{instance.pk}")


def tag_changed(sender, instance: Tag, **kwargs) -> None:
    pagecache.invalidate_keys(instance.cache_key, f"stories-tag-{instance.pk}")


def image_changed(sender, instance: Image, **kwargs) -> None:
    """A caption, credit or crop changed: the public stories leading with it."""
    ids = Article.objects.published().filter(lead_image=instance).values_list("pk", flat=True)
    pagecache.invalidate_keys(*(story_key(pk) for pk in ids))


def correction_changed(sender, instance: Correction, **kwargs) -> None:
    if _public_ids([instance.article_id]):
        pagecache.invalidate_keys(story_key(instance.article_id))


def advert_changed(sender, instance: Advert, **kwargs) -> None:
    pagecache.reschedule()
    pagecache.invalidate_keys("ads")


def front_page_pick_changed(sender, instance: FrontPagePick, **kwargs) -> None:
    """An editor placed, moved or removed a pick (or changed its end time)."""
    pagecache.reschedule()
    pagecache.invalidate_keys(FRONT_PAGE_KEY)


def _stories_changing(start: datetime, end: datetime) -> set[str]:
    """Stories that appeared, left, or left the ticker in (start, end]."""
    window = (
        Q(published_at__gt=start, published_at__lte=end)
        | Q(unpublish_at__gt=start, unpublish_at__lte=end)
        | Q(breaking_until__gt=start, breaking_until__lte=end)
    )
    rows = list(
        Article.objects.filter(window, status=Article.Status.PUBLISHED).values_list(
            "pk", "breaking_until"
        )[: MOST_SCHEDULED_AT_ONCE + 1]
    )
    if len(rows) > MOST_SCHEDULED_AT_ONCE:
        return {pagecache.ALL}
    if not rows:
        return set()
    keys = {key(pk) for pk, _ in rows for key in (story_key, headline_key)}
    keys |= list_keys(pk for pk, _ in rows)
    if any(breaking is not None for _, breaking in rows):
        keys.add("ticker")
    return keys


def _adverts_changing(start: datetime, end: datetime) -> set[str]:
    window = Q(starts_at__gt=start, starts_at__lte=end) | Q(ends_at__gt=start, ends_at__lte=end)
    return {"ads"} if Advert.objects.filter(window, active=True).exists() else set()


def _picks_ending(start: datetime, end: datetime) -> set[str]:
    ending = FrontPagePick.objects.filter(expires_at__gt=start, expires_at__lte=end)
    return {FRONT_PAGE_KEY} if ending.exists() else set()


def connect() -> None:
    uid = "articles.page_keys"
    pre_save.connect(article_before_save, sender=Article, dispatch_uid=f"{uid}:article-pre")
    post_save.connect(article_saved, sender=Article, dispatch_uid=f"{uid}:article")
    pre_delete.connect(article_deleted, sender=Article, dispatch_uid=f"{uid}:article-delete")
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        for model, receiver in (
            (TaggedArticle, tagging_changed),
            (Byline, byline_changed),
            (Section, section_changed),
            (Tag, tag_changed),
            (Image, image_changed),
            (Correction, correction_changed),
            (Advert, advert_changed),
            (FrontPagePick, front_page_pick_changed),
        ):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}:{model.__name__}:{name}")
    for field, kind in (("people", "person"), ("organisations", "org")):
        m2m_changed.connect(
            _mentions_changed(kind),
            sender=getattr(Article, field).through,
            dispatch_uid=f"{uid}:{field}",
            weak=False,
        )
    pagecache.register_schedule(
        pagecache.Schedule(
            next_change=lambda now: Article.objects.next_scheduled_change(),
            keys_changed=_stories_changing,
        )
    )
    pagecache.register_schedule(
        pagecache.Schedule(
            next_change=lambda now: Advert.objects.next_scheduled_change(),
            keys_changed=_adverts_changing,
        )
    )
    pagecache.register_schedule(
        pagecache.Schedule(
            next_change=lambda now: FrontPagePick.objects.next_expiry(),
            keys_changed=_picks_ending,
        )
    )
