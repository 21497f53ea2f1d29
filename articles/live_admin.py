"""The live desk: a compact page of the story's admin for posting updates fast.

``/admin/articles/article/<pk>/live/``: one text box, an optional video address and
picture, "Post". Without script the form posts and the page comes back (post, redirect,
get); with articles/static/articles/live_desk.js it posts with fetch, the page stays,
and colleagues' new updates appear as they arrive (the desk asks every
LIVE_DESK_POLL_SECONDS). Each update can be pinned as a key event, edited and deleted;
editors start and end the coverage here. The rules are articles/live.py's.
"""

import contextlib

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin import RecordAdmin
from newsroom.images import process_uploaded_image

from . import live
from .admin_workflow import moment_text, parse_picker_time
from .models import Article, Image, LiveUpdate, LiveUpdateRevision
from .renditions import RenditionError, generate_renditions

#: The desk lists this many of the newest updates; older ones are on the story page.
DESK_LIST = 50


class TypedForm(forms.Form):
    """An update's text and video as a reporter types them (articles/live.py makes the
    stored HTML of them, and ``editable`` gives them back for a change)."""

    text = forms.CharField(
        label=gettext_lazy("Update"),
        required=False,
        max_length=20_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=gettext_lazy(
            "Plain text: an empty line starts a new paragraph and web addresses become "
            "links. HTML as the story editor writes it is kept too."
        ),
    )
    video = forms.CharField(
        label=gettext_lazy("Video address"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Optional: a YouTube or Facebook video's address."),
    )

    def clean_video(self):
        address = self.cleaned_data["video"].strip()
        return live.video_html(address) if address else ""

    def typed_body(self) -> str:
        cleaned = self.cleaned_data
        return live.text_to_html(cleaned.get("text", "")) + (cleaned.get("video") or "")


class UpdateForm(TypedForm):
    """A new update: text, a video address, a picture, whether it is a key event."""

    image = forms.FileField(
        label=gettext_lazy("Picture"),
        required=False,
        help_text=gettext_lazy("Optional: JPEG, PNG, GIF or WebP."),
    )
    alt_text = forms.CharField(
        label=gettext_lazy("What the picture shows"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For readers who cannot see it. Required with a picture."),
    )
    caption = forms.CharField(label=gettext_lazy("Caption"), required=False, max_length=500)
    pinned = forms.BooleanField(
        label=gettext_lazy("Key event"),
        required=False,
        help_text=gettext_lazy("Key events are summarised at the top of the story."),
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        return process_uploaded_image(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        body = cleaned["body"] = self.typed_body()
        if cleaned.get("image") and not cleaned.get("alt_text", "").strip():
            self.add_error(
                "alt_text", _("Say what the picture shows, for readers who cannot see it.")
            )
        nothing = not body and not cleaned.get("image")
        if nothing and not (self.has_error("image") or self.has_error("video")):
            raise ValidationError(_("Write something or add a picture."), code="empty")
        return cleaned

    def save_image(self, user) -> Image | None:
        """The checked picture as a library image, with its renditions."""
        processed = self.cleaned_data.get("image")
        if processed is None:
            return None
        image = Image.objects.create(
            file=processed.content,
            alt_text=self.cleaned_data["alt_text"].strip(),
            caption=self.cleaned_data.get("caption", "").strip(),
            uploaded_by=user,
        )
        # Without them the original is shown; `manage.py generate_renditions` finishes.
        with contextlib.suppress(RenditionError):
            generate_renditions(image)
        return image


class EditForm(TypedForm):
    """A change of an update: its text and video as the post box takes them (not the
    stored HTML), and whether to keep its picture."""

    remove_image = forms.BooleanField(label=gettext_lazy("Remove the picture"), required=False)

    def __init__(self, *args, update: LiveUpdate, **kwargs):
        text, video = live.editable(update.body)
        super().__init__(*args, initial={"text": text, "video": video}, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 8
        self.update = update
        if update.image_id is None:
            del self.fields["remove_image"]

    def clean(self):
        cleaned = super().clean()
        cleaned["body"] = self.typed_body()
        keeps_image = self.update.image_id and not cleaned.get("remove_image")
        nothing = not cleaned["body"] and not keeps_image
        if nothing and not self.has_error("video"):
            raise ValidationError(_("Write something or add a picture."), code="empty")
        return cleaned


class CoverageForm(forms.Form):
    """Start the coverage, or change when it ends (the picker's local time)."""

    until = forms.CharField(
        label=gettext_lazy("Ends at"),
        required=False,
        help_text=gettext_lazy(
            "Optional: the coverage ends by itself at this time. A Buddhist-era year "
            "typed by hand is understood too."
        ),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
    )

    def clean_until(self):
        raw = self.cleaned_data["until"].strip()
        if not raw:
            return None
        until = parse_picker_time(raw)
        if until <= timezone.now():
            raise ValidationError(
                _("That time has passed (%(when)s): choose a time still to come.")
                % {"when": moment_text(until)},
                code="past",
            )
        return until


def wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


class LiveDesk:
    """The desk's views, under the story's admin (ArticleAdmin.get_urls)."""

    def __init__(self, model_admin):
        self.model_admin = model_admin
        self.admin_site = model_admin.admin_site

    def urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/live/", view(self.desk_view), name="articles_article_live"),
            path(
                "<int:pk>/live/updates/",
                view(self.updates_view),
                name="articles_article_live_updates",
            ),
            path(
                "<int:pk>/live/coverage/",
                view(self.coverage_view),
                name="articles_article_live_coverage",
            ),
            path(
                "<int:pk>/live/<int:update_pk>/edit/",
                view(self.edit_view),
                name="articles_article_live_edit",
            ),
            path(
                "<int:pk>/live/<int:update_pk>/pin/",
                view(self.pin_view),
                name="articles_article_live_pin",
            ),
            path(
                "<int:pk>/live/<int:update_pk>/delete/",
                view(self.delete_view),
                name="articles_article_live_delete",
            ),
        ]

    # Who may open the desk: those who may post to the story, and editors (to start it).

    def story(self, request, pk) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not (live.is_contributor(request.user, article) or live.can_run(request.user)):
            raise PermissionDenied
        return article

    def update(self, request, pk, update_pk) -> LiveUpdate:
        return get_object_or_404(
            LiveUpdate.objects.visible().select_related("article", "image"),
            pk=update_pk,
            article_id=pk,
        )

    def desk_url(self, article) -> str:
        return reverse("admin:articles_article_live", args=[article.pk])

    def render_desk(self, request, article, form, coverage_form=None, status=200):
        updates = list(
            LiveUpdate.objects.for_page().filter(article=article).order_by("-pk")[:DESK_LIST]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            "article": article,
            "title": _("Live updates: %(title)s") % {"title": article.title},
            "form": form,
            "coverage_form": coverage_form or CoverageForm(),
            "updates": updates,
            "latest_id": updates[0].pk if updates else 0,
            "can_post": article.is_live and live.is_contributor(request.user, article),
            "can_run": live.can_run(request.user),
            "live_since": article.live_since and moment_text(article.live_since),
            "live_until": article.live_until and moment_text(article.live_until),
            "poll_seconds": settings.LIVE_DESK_POLL_SECONDS,
        }
        context["cards"] = [self.card(request, update) for update in updates]
        response = TemplateResponse(
            request, "admin/articles/article/live_desk.html", context, status=status
        )
        return private(response)

    def card(self, request, update: LiveUpdate) -> str:
        return render_to_string(
            "admin/articles/article/_live_desk_update.html",
            {
                "update": update,
                "when": moment_text(update.created_at),
                "can_change": live.can_change(request.user, update),
                "can_pin": live.is_contributor(request.user, update.article),
            },
            request=request,
        )

    def desk_view(self, request, pk):
        article = self.story(request, pk)
        if request.method == "GET":
            return self.render_desk(request, article, UpdateForm())
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        live.check_contributor(request.user, article)  # before any upload is read
        form = UpdateForm(request.POST, request.FILES)
        update = None
        if form.is_valid():
            try:
                live.check_open(article)  # before the picture is stored
                with transaction.atomic():
                    update = live.update_post(
                        article=article,
                        user=request.user,
                        body=form.cleaned_data["body"],
                        image=form.save_image(request.user),
                        pinned=form.cleaned_data["pinned"],
                    )
            except ValidationError as refusal:
                form.add_error(None, refusal)
        if wants_json(request):
            if update is None:
                return private(JsonResponse({"errors": form.errors.get_json_data()}, status=400))
            update.article = article
            return private(
                JsonResponse(
                    {"id": update.pk, "html": self.card(request, update)},
                    status=201,
                    json_dumps_params={"ensure_ascii": False},
                )
            )
        if update is None:
            return self.render_desk(request, article, form, status=400)
        self.model_admin.message_user(request, _("Your update is on the story."), messages.SUCCESS)
        return redirect(self.desk_url(article))

    def updates_view(self, request, pk):
        """The desk's poll: updates newer than ``?since=``, as the desk shows them."""
        article = self.story(request, pk)
        since = live.since_id(request.GET.get("since"))
        updates = list(
            LiveUpdate.objects.for_page()
            .filter(article=article, pk__gt=since)
            .order_by("-pk")[:DESK_LIST]
        )
        for update in updates:
            update.article = article
        return private(
            JsonResponse(
                {
                    "poll": settings.LIVE_DESK_POLL_SECONDS,
                    "updates": [{"id": u.pk, "html": self.card(request, u)} for u in updates],
                },
                json_dumps_params={"ensure_ascii": False},
            )
        )

    def coverage_view(self, request, pk):
        """Editors start the coverage, change its end time, or end it now."""
        article = self.story(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not live.can_run(request.user):
            raise PermissionDenied
        if request.POST.get("action") == "end":
            live.live_end(article=article, user=request.user)
            self.model_admin.message_user(
                request,
                _("The live coverage has ended; the story keeps its updates."),
                messages.SUCCESS,
            )
            return redirect(self.desk_url(article))
        form = CoverageForm(request.POST)
        if form.is_valid():
            try:
                article = live.live_start(
                    article=article, user=request.user, until=form.cleaned_data["until"]
                )
            except ValidationError as refusal:
                form.add_error("until", refusal)
        if form.errors:
            return self.render_desk(request, article, UpdateForm(), form, status=400)
        if article.live_until:
            message = _("The story is live until %(when)s.") % {
                "when": moment_text(article.live_until)
            }
        else:
            message = _("The story is live until an editor ends the coverage.")
        self.model_admin.message_user(request, message, messages.SUCCESS)
        return redirect(self.desk_url(article))

    def edit_view(self, request, pk, update_pk):
        article = self.story(request, pk)
        update = self.update(request, pk, update_pk)
        if not live.can_change(request.user, update):
            raise PermissionDenied
        if request.method == "POST":
            form = EditForm(request.POST, update=update)
            if form.is_valid():
                live.update_edit(
                    update=update,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    keep_image=not form.cleaned_data.get("remove_image"),
                )
                self.model_admin.message_user(request, _("The update is changed."))
                return redirect(self.desk_url(article))
        else:
            form = EditForm(update=update)
        revisions = [
            {"revision": revision, "when": moment_text(revision.changed_at)}
            for revision in update.revisions.select_related("changed_by", "image")
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            "article": article,
            "update": update,
            "form": form,
            "revisions": revisions,
            "title": _("Change an update of “%(title)s”") % {"title": article.title},
        }
        status = 400 if form.is_bound else 200
        return private(
            TemplateResponse(
                request, "admin/articles/article/live_edit.html", context, status=status
            )
        )

    def pin_view(self, request, pk, update_pk):
        self.story(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        update = self.update(request, pk, update_pk)
        pinned = request.POST.get("pinned") == "1"
        live.update_pin(update=update, user=request.user, pinned=pinned)
        self.model_admin.message_user(
            request,
            _("The update is a key event.")
            if pinned
            else _("The update is no longer a key event."),
        )
        return redirect(f"{self.desk_url(update.article)}#update-{update.pk}")

    def delete_view(self, request, pk, update_pk):
        self.story(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        update = self.update(request, pk, update_pk)
        live.update_delete(update=update, user=request.user)
        self.model_admin.message_user(
            request, _("The update is deleted; its text stays in the story's records.")
        )
        return redirect(self.desk_url(update.article))


def admin_urls(model_admin) -> list:
    return LiveDesk(model_admin).urls()


@admin.register(LiveUpdateRevision)
class LiveUpdateRevisionAdmin(RecordAdmin):
    """The live updates' audit trail, read-only, for editors: who posted, changed,
    pinned or deleted which update of which story, and the text as it was then."""

    list_display = ["changed_at", "story", "action", "changed_by", "summary"]
    list_filter = ["action", "changed_at"]
    list_select_related = ["update__article", "changed_by"]
    search_fields = ["update__article__title", "body", "changed_by__username"]
    date_hierarchy = "changed_at"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.edit_any_article")

    @admin.display(description=gettext_lazy("article"), ordering="update__article__title")
    def story(self, revision):
        return revision.update.article.title

    @admin.display(description=gettext_lazy("text"))
    def summary(self, revision):
        return LiveUpdate(body=revision.body).summary
