from functools import partial

from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag as UnusedTaggitTag

from newsroom.admin import LabelledTabularInline, RecordAdmin, RecordInline
from newsroom.templatetags.thai_dates import desk_datetime
from people.admin_suggestions import NamesPanelMixin
from search.engine import matching_article_ids, without_sequential_scans

from . import autosave, live_admin, preview, revision_diff, services
from .admin_images import LeadImageMixin, clean_image_upload
from .admin_story_form import StoryFormMixin
from .admin_workflow import WorkflowAdminMixin, WorkflowFormMixin
from .front_page_admin import FrontPageActions
from .models import (
    Advert,
    Article,
    Byline,
    Correction,
    Revision,
    Section,
    StatusChange,
    Tag,
)
from .views import render_preview

# taggit registers its own Tag model, which the newsroom never uses (its tags are Tag
# below, with Thai slugs): a second, always empty "Tags" list would only mislead.
admin.site.unregister(UnusedTaggitTag)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class BylineInline(LabelledTabularInline):
    model = Byline
    fields = ["person", "role", "position"]
    autocomplete_fields = ["person"]
    extra = 1
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (in order)")


class ArticleForm(WorkflowFormMixin, forms.ModelForm):
    """The story form: refuses stale copies; its workflow buttons move the story."""

    # The version the user's copy was loaded at; a save of an older copy is refused.
    loaded_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, label=_("version opened")
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 the admin's fieldsets choose the fields shown

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Lock the row until this save commits, so two saves cannot both pass.
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current is not None and cleaned.get("loaded_version") != current:
                raise ValidationError(
                    _(
                        "Someone else saved this story after you opened it. Your text is "
                        "still below: copy what you need, then reload the story and "
                        "apply your changes to the newer version."
                    ),
                    code="stale",
                )
        return cleaned


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["created_at", "text"]
    extra = 0
    verbose_name_plural = _("corrections (shown at the foot of the story)")


class StatusChangeInline(RecordInline):
    model = StatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    verbose_name_plural = _("status history")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")


# CKEditor 5 injects its own <style> elements, which a strict style-src blocks. The
# exception is scoped to the article add/change pages, the only pages that load it.
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="changeform_view")
@admin.register(Article)
class ArticleAdmin(
    LeadImageMixin,
    StoryFormMixin,
    WorkflowAdminMixin,
    FrontPageActions,
    NamesPanelMixin,
    admin.ModelAdmin,
):
    form = ArticleForm
    list_display = [
        "title",
        "status_label",
        "section",
        "published_at",
        "byline_names",
        "updated_at",
    ]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["title", "standfirst", "bylines__person__name"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    # The lead image has a picker of its own (articles/admin_images.py).
    autocomplete_fields = ["section", "people", "organisations"]
    inlines = [BylineInline]  # and, on an existing story, the two below
    actions = [
        "submit_for_review",
        "publish_now",
        "unpublish",
        "link_suggested_names",
        "put_on_front_page_as_lead",
    ]
    fieldsets = [
        # The classes place the names panel and the previews (admin_story_form.py).
        (None, {"fields": ["title", "standfirst"], "classes": ["story-head"]}),
        (None, {"fields": ["body", "tags", "section", "lead_image"], "classes": ["story-text"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "workflow_status",  # the status moves by the workflow buttons
                    "published_at",
                    "unpublish_at",
                    "breaking_until",
                    "loaded_version",
                ]
            },
        ),
        (_("Named in this story"), {"fields": ["people", "organisations"]}),
        (
            _("Comments and search engines"),
            {
                "fields": ["comments_enabled", "slug", "seo_title", "seo_description"],
                "classes": ["collapse", "story-seo"],
            },
        ),
    ]
    change_form_template = "admin/articles/article/change_form.html"

    class Media:
        js = [
            "articles/word_count.js",  # the Thai-aware count under the body editor
            "newsroom/js/unsaved_changes.js",  # asks before leaving unsaved changes
            "articles/autosave.js",  # keeps unsaved text apart from the story
            # The editor's own Thai, then two of its messages mended (after it, so listed).
            "django_ckeditor_5/dist/translations/th.js",
            "newsroom/js/ckeditor_th.js",
        ]
        css = {"all": ["articles/autosave.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__person")

    def changelist_view(self, request, extra_context=None):
        if not request.GET.get(SEARCH_VAR, "").strip():
            return super().changelist_view(request, extra_context)
        # Rendered here too: the date hierarchy asks for its dates while rendering.
        with without_sequential_scans():
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
        return response

    def get_search_results(self, request, queryset, search_term):
        """The desk searches with the readers' engine (Thai-aware), drafts included."""
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=matching_article_ids(search_term)), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return partial(form, user=request.user)

    def get_readonly_fields(self, request, obj=None):
        if services.can_publish(request.user):
            return ["workflow_status"]
        # Publishing is an editor's decision.
        return ["workflow_status", "published_at", "unpublish_at", "breaking_until"]

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        if obj is not None:
            if request.user.has_perm("articles.view_correction") or obj.corrections.exists():
                inlines.append(CorrectionInline)
            inlines.append(StatusChangeInline)
        return inlines

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not services.can_edit(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not services.can_publish(request.user):
            actions.pop("publish_now", None)
            actions.pop("unpublish", None)
        return actions

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.status == Article.Status.PUBLISHED and not article.is_public:
            if article.published_at and article.published_at > timezone.now():
                return _("Scheduled")
            return _("Ended")
        return article.get_status_display()

    @admin.display(description=_("bylines"))
    def byline_names(self, article):
        return ", ".join(str(byline.person) for byline in article.bylines.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk is None:  # a new note: dated, and it moves the modified time
                services.correction_add(
                    article=form.instance,
                    text=correction.text,
                    user=request.user,
                    created_at=correction.created_at,
                )
            else:
                correction.save()
        for correction in formset.deleted_objects:
            correction.delete()
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # records the status change too
        services.revision_record(article=form.instance, user=request.user)
        autosave.autosave_forget(user=request.user, article=form.instance, new=not change)

    def run_transition(self, request, queryset, to_status):
        moved = 0
        for article in queryset:
            try:
                if services.article_transition(
                    article=article, user=request.user, to_status=to_status
                ):
                    moved += 1
            except (PermissionDenied, ValidationError) as refusal:
                message = refusal.message if hasattr(refusal, "message") else str(refusal)
                self.message_user(request, f"{article}: {message}", messages.ERROR)
        if moved:
            self.message_user(
                request,
                ngettext("%(count)d story moved.", "%(count)d stories moved.", moved)
                % {"count": moved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request, queryset):
        self.run_transition(request, queryset, Article.Status.IN_REVIEW)

    @admin.action(description=_("Publish now (or at the set time)"))
    def publish_now(self, request, queryset):
        self.run_transition(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Unpublish"))
    def unpublish(self, request, queryset):
        self.run_transition(request, queryset, Article.Status.UNPUBLISHED)

    # Revisions and previews: extra pages of the story's admin.

    def get_urls(self):
        own = [
            path(
                "<int:pk>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:pk>/revisions/<int:revision_pk>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name="articles_article_preview_link",
            ),
        ]
        own += autosave.admin_urls(self.admin_site.admin_view)
        own += live_admin.admin_urls(self)  # the live desk (articles/live_admin.py)
        return own + super().get_urls()

    def article_or_404(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, pk):
        article = self.article_or_404(request, pk)
        revisions = list(article.revisions.select_related("created_by")[:100])
        chosen = [r for r in revisions if str(r.pk) in request.GET.getlist("r")][:2]
        if len(chosen) < 2:
            chosen = revisions[1::-1] if len(revisions) > 1 else []
        older, newer = (
            sorted(chosen, key=lambda r: (r.created_at, r.pk)) if chosen else (None, None)
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": revision_diff.listed(revisions),
            "comparison": revision_diff.compare(older, newer) if older else None,
            "can_restore": request.user.has_perm("articles.edit_any_article"),
            "title": _("Revisions of “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, pk, revision_pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        revision = get_object_or_404(Revision, pk=revision_pk, article_id=pk)
        try:
            services.revision_restore(revision=revision, user=request.user)
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The story is back as it was on %(when)s.")
                % {"when": desk_datetime(revision.created_at)},
                messages.SUCCESS,
            )
        return redirect("admin:articles_article_change", pk)

    def preview_view(self, request, pk):
        return render_preview(request, self.article_or_404(request, pk).pk)

    def preview_link_view(self, request, pk):
        article = self.article_or_404(request, pk)
        if not services.can_publish(request.user):
            raise PermissionDenied
        link = expires_at = None
        if request.method == "POST" and request.POST.get("days") in preview.CHOICES:
            expires_at = timezone.now() + preview.CHOICES[request.POST["days"]]
            token = preview.make_token(article_id=article.pk, expires_at=expires_at)
            link = request.build_absolute_uri(reverse("articles:preview", args=[token]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "link": link,
            "expires_at": expires_at,
            "choices": preview.CHOICES,
            "title": _("Preview link for “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/articles/article/preview_link.html", context)


# Django 6 will add https:// to a link typed without a scheme; do so already, and
# without the deprecation warning, in the advert form and the changelist form alike.
HttpsURLField = partial(forms.URLField, assume_scheme="https")


class AdvertForm(forms.ModelForm):
    class Meta:
        model = Advert
        fields = [
            "name",
            "placement",
            "image",
            "alt_text",
            "link",
            "starts_at",
            "ends_at",
            "active",
        ]
        field_classes = {"link": HttpsURLField}

    def clean_image(self):
        return clean_image_upload(self.cleaned_data["image"])


@admin.register(Advert)
class AdvertAdmin(admin.ModelAdmin):
    form = AdvertForm
    list_display = ["name", "thumbnail", "placement", "starts_at", "ends_at", "active"]
    list_display_links = ["name", "thumbnail"]
    list_filter = ["placement", "active"]
    list_editable = ["active"]
    search_fields = ["name", "alt_text", "link"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"form_class": HttpsURLField}}

    @admin.display(description=_("image"))
    def thumbnail(self, advert):
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy">',
            advert.image.url,
            round(80 * advert.height / advert.width) if advert.width else 80,
        )


@admin.register(StatusChange)
class StatusChangeAdmin(RecordAdmin):
    """The audit trail, read-only: who moved which story to which status, and when."""

    list_display = ["changed_at", "article", "from_status", "to_status", "changed_by", "note"]
    list_filter = ["to_status", "changed_at"]
    list_select_related = ["article", "changed_by"]
    search_fields = ["article__title", "changed_by__username", "note"]
    date_hierarchy = "changed_at"
