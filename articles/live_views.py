"""Readers' side of live coverage: the poll for new updates, an update's own address,
and the story's updates as an RSS feed.

The poll is what thousands of open pages ask every LIVE_POLL_SECONDS: it is a public
page like any other (newsroom/pagecache.py), keyed to the story's updates only
(``live-<pk>``), so a worker answers it from memory, a browser's If-None-Match gets a
304 (ConditionalGetMiddleware, from the page's ETag) and a CDN holds it until an update
is posted. The interval travels in each answer, so the server can slow readers down.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newsroom import pagecache
from newsroom.pagecache import cache_for_readers

from . import live
from .models import Article, LiveUpdate


def update_title(update: LiveUpdate) -> str:
    return update.summary or _("Update")


def _covered_story(pk: int) -> Article:
    article = get_object_or_404(Article.objects.published().defer("body"), pk=pk)
    if article.live_since is None:
        raise Http404
    return article


def _shown(update: LiveUpdate) -> dict:
    """An update as an open page puts it in: its card, or a note where it was deleted."""
    template = "articles/live/_removed.html" if update.deleted_at else "articles/live/_update.html"
    return {
        "id": update.pk,
        "version": update.version,
        "html": render_to_string(template, {"update": update}),
    }


@require_safe
@cache_for_readers
def poll(request, pk: int):
    """The updates after ``?since=<id>`` (newest first, as HTML to insert), how many there
    are, whether the coverage still runs, and when to ask again; and, for the updates
    up to ``since`` (those the page holds), the ones changed lately and the key events,
    each with a version the page compares with its own before replacing anything."""
    article = _covered_story(pk)
    pagecache.shows(request, live.live_key(article.pk))
    since = live.since_id(request.GET.get("since"))
    updates, count = live.updates_since(article, since)
    key_events = live.key_events_upto(article, since)
    return JsonResponse(
        {
            "live": article.is_live,
            "poll": settings.LIVE_POLL_SECONDS,
            "latest": updates[0].pk if updates else since,
            "count": count,
            "updates": [_shown(update) for update in updates],
            "changed": [_shown(update) for update in live.changes_upto(article, since)],
            "key_events": {
                "version": live.key_events_version(key_events),
                "html": render_to_string(
                    "articles/live/_key_events.html", {"key_events": key_events}
                ),
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def update_link(request, pk: int, update_pk: int):
    """An update's own address: the story at the page that shows it, scrolled to it
    (temporary: the page moves as newer updates arrive)."""
    article = _covered_story(pk)
    update = get_object_or_404(LiveUpdate.objects.visible(), pk=update_pk, article=article)
    order = live.wanted_order(request)
    return HttpResponseRedirect(live.update_location(update, article, order))


class LiveUpdatesFeed(Feed):
    """RSS 2.0: a live story's newest updates, each linking to its own address."""

    language = "th"
    item_guid_is_permalink = True

    def get_object(self, request, pk: int) -> Article:
        return _covered_story(pk)

    def items(self, obj: Article) -> list[LiveUpdate]:
        pagecache.shows(None, obj, live.live_key(obj.pk))
        return list(LiveUpdate.objects.for_page().filter(article=obj)[: live.POLL_MAX])

    def title(self, obj: Article) -> str:
        return _("%(site)s: live updates of %(title)s") % {
            "site": settings.SITE_NAME,
            "title": obj.title,
        }

    def link(self, obj: Article) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Article) -> str:
        return obj.standfirst or obj.title

    def item_title(self, item: LiveUpdate) -> str:
        return update_title(item)

    def item_description(self, item: LiveUpdate) -> str:
        return item.body  # clean rich text (newsroom/sanitize.py)

    def item_link(self, item: LiveUpdate) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: LiveUpdate):
        return localtime(item.created_at)

    def item_updateddate(self, item: LiveUpdate):
        return localtime(item.updated_at)

    def item_author_name(self, item: LiveUpdate) -> str:
        return item.author_name


feed = cache_for_readers(LiveUpdatesFeed())
