"""Autosave of the story form: the writer's unsaved text, kept apart from the story.

articles/static/articles/autosave.js posts the form's text a few seconds after the
typing stops and when the page is left; the story's change (or add) form offers it back,
to its writer or to anyone else who may edit the story. Restoring fills the form and
saves nothing: the writer saves as usual, and the stale-edit check (Article.version)
refuses a copy older than someone else's save, so an autosave never overwrites a save.

Old rows are deleted when the form is opened (`autosave_offers`) rather than by a
scheduled job: the newsroom runs no scheduler (scheduled publishing needs none either),
the delete is one indexed statement, and a row past KEEP_FOR is never shown anyway.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.sanitize import clean_rich_text
from newsroom.templatetags.thai_dates import short_date, time_of_day

from .models import Article, Autosave, Revision
from .services import can_edit

#: The form fields an autosave keeps (bylines and tags are inline rows: not kept).
FIELDS = ("title", "standfirst", "body")
#: A story of ~100,000 Thai characters is ~300 KB of UTF-8; this leaves room for markup.
MAX_BYTES = 1_000_000
#: Autosaves nobody restored or saved over are forgotten after this long.
KEEP_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Offer:
    """An autosave offered back on the story form, with what the banner says about it."""

    autosave: Autosave
    own: bool
    # Written on an older version than the story has now: someone saved since.
    stale: bool
    last_save: Revision | None
    last_saved_at: datetime | None

    @property
    def when(self) -> str:
        return when(self.autosave.saved_at)

    @property
    def last_when(self) -> str:
        return when(self.last_saved_at) if self.last_saved_at else ""

    @property
    def writer(self) -> str:
        return display_name(self.autosave.user)

    @property
    def saver(self) -> str:
        user = self.last_save.created_by if self.last_save else None
        return display_name(user) if user else ""


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def when(value: datetime) -> str:
    """Date and time as the banner shows them: Buddhist era and น. in Thai."""
    return f"{short_date(value)} {time_of_day(value)}"


def autosave_store(
    *, user, article: Article | None, data: dict[str, str], based_on_version: int | None
) -> Autosave:
    """Keep the writer's latest text for this story (or their new story): one row each."""
    data = {name: data.get(name, "") for name in FIELDS}
    data["body"] = clean_rich_text(data["body"])
    row = Autosave(
        article=article,
        user=user,
        data=data,
        based_on_version=based_on_version,
        saved_at=timezone.now(),
    )
    # One statement (INSERT ... ON CONFLICT), so the typing pause's post and the
    # leaving page's post can arrive together without one failing.
    Autosave.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["article", "user"],
        update_fields=["data", "based_on_version", "saved_at"],
    )
    return row


def autosave_forget(*, user, article: Article, new: bool) -> None:
    """The writer saved the story: their autosave of it (or of the new story) is done."""
    Autosave.objects.filter(user=user, article=None if new else article).delete()
    if new:
        Autosave.objects.filter(user=user, article=article).delete()


def expired_delete(now: datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - KEEP_FOR
    return Autosave.objects.filter(saved_at__lt=cutoff).delete()[0]


def same_text(data: dict, article: Article) -> bool:
    return all(data.get(name, "") == (getattr(article, name) or "") for name in FIELDS)


def autosave_offers(*, user, article: Article | None) -> list[Offer]:
    """Autosaves to offer on the story form, newest first.

    A new story offers the user's own "new story" autosave. An existing story offers
    every writer's autosave, to anyone who may edit it, unless it says exactly what the
    story says. A writer's own save deletes their autosave, so one older than the last
    save is text someone else's save overtook: it is offered all the same, marked stale
    (never lose a draft), for the writer to compare before saving.
    """
    expired_delete()
    cutoff = timezone.now() - KEEP_FOR
    if article is None:
        rows = Autosave.objects.filter(article=None, user=user, saved_at__gte=cutoff)
        return [Offer(row, True, False, None, None) for row in rows.select_related("user")]
    if not can_edit(user, article):
        return []
    last_save = article.revisions.select_related("created_by").first()
    last_saved_at = last_save.created_at if last_save else article.updated_at
    rows = (
        article.autosaves.filter(saved_at__gte=cutoff).select_related("user").order_by("-saved_at")
    )
    return [
        Offer(
            autosave=row,
            own=row.user_id == user.pk,
            stale=row.based_on_version is not None and row.based_on_version < article.version,
            last_save=last_save,
            last_saved_at=last_saved_at,
        )
        for row in rows
        if not same_text(row.data, article)
    ]


# The admin's endpoints (ArticleAdmin.get_urls): the story form posts here.


def editable_article(request, pk: int | None) -> Article | None:
    """The story the user may change (None for a new one), or 404/403."""
    if pk is None:
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        return None
    article = get_object_or_404(Article, pk=pk)
    if not can_edit(request.user, article):
        raise PermissionDenied
    return article


def refusal(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def parse_payload(raw: bytes) -> tuple[dict[str, str], int | None] | None:
    """{"data": {field: text}, "based_on_version": n or null}, or None when malformed."""
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        return None
    data = payload["data"]
    if not set(data) <= set(FIELDS) or not all(isinstance(v, str) for v in data.values()):
        return None
    version = payload.get("based_on_version")
    if version is not None and (type(version) is not int or version < 1):
        return None
    return data, version


@require_POST
def save_view(request, pk=None):
    article = editable_article(request, pk)
    # Checked before reading the body when the client says its size, and after too.
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if (declared.isdigit() and int(declared) > MAX_BYTES) or len(request.body) > MAX_BYTES:
        return refusal(_("The text is too long to autosave: save the story instead."), 413)
    parsed = parse_payload(request.body)
    if parsed is None:
        return refusal(_("The autosave could not be read."), 400)
    data, version = parsed
    row = autosave_store(user=request.user, article=article, data=data, based_on_version=version)
    return JsonResponse(
        {
            "saved_at": row.saved_at.isoformat(),
            "message": _("Autosaved at %(time)s. Save the story to keep the text.")
            % {"time": time_of_day(row.saved_at)},
        }
    )


@require_POST
def discard_view(request, pk=None):
    """Forget the user's own autosave; someone else's is only hidden, in their browser."""
    article = editable_article(request, pk)
    Autosave.objects.filter(user=request.user, article=article).delete()
    return HttpResponse(status=204)


def admin_urls(admin_view) -> list:
    """The story admin's autosave endpoints, for a new story and for a saved one."""
    return [
        path("autosave/", admin_view(save_view), name="articles_article_autosave_new"),
        path(
            "autosave/discard/",
            admin_view(discard_view),
            name="articles_article_autosave_new_discard",
        ),
        path("<int:pk>/autosave/", admin_view(save_view), name="articles_article_autosave"),
        path(
            "<int:pk>/autosave/discard/",
            admin_view(discard_view),
            name="articles_article_autosave_discard",
        ),
    ]
