from functools import partial

from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.images import process_uploaded_image

from .models import Advert, Article, Byline, Image, Section, Tag, TaggedArticle
from .renditions import RenditionError, generate_renditions


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


def clean_image_upload(upload):
    """A new upload is checked before decoding, re-encoded without metadata and renamed;
    the file already stored (an unchanged field) passes through."""
    if isinstance(upload, UploadedFile):
        processed = process_uploaded_image(upload)
        processed.content.name = processed.name
        return processed.content
    return upload


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]

    def clean_file(self):
        return clean_image_upload(self.cleaned_data["file"])


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "caption", "credit", "dimensions", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy">',
            image.file.url,
            round(80 * image.height / image.width) if image.width else 80,
        )

    @admin.display(description=_("size"))
    def dimensions(self, image):
        return f"{image.width} × {image.height}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        try:
            # A new file has new rendition names; force rewrites them all the same.
            generate_renditions(obj, force="file" in form.changed_data)
        except RenditionError as error:
            # The image is saved; `manage.py generate_renditions` can finish the job.
            self.message_user(
                request,
                _("The image was saved, but its smaller sizes could not be made: %(error)s")
                % {"error": error},
                messages.WARNING,
            )


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["person", "role", "position"]
    autocomplete_fields = ["person"]
    extra = 1
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (in order)")


class TagInline(admin.TabularInline):
    model = TaggedArticle
    fields = ["tag"]
    autocomplete_fields = ["tag"]
    extra = 1
    verbose_name = _("tag")
    verbose_name_plural = _("tags")


# CKEditor 5 injects its own <style> elements, which a strict style-src blocks. The
# exception is scoped to the article add/change pages, the only pages that load it.
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="changeform_view")
@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "section", "published_at", "byline_names", "updated_at"]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["title", "standfirst", "bylines__person__name"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    autocomplete_fields = ["section", "lead_image", "people", "organisations"]
    inlines = [BylineInline, TagInline]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body", "section", "lead_image"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "breaking_until"]}),
        (_("Named in this story"), {"fields": ["people", "organisations"]}),
        (
            _("Comments and search engines"),
            {
                "fields": ["comments_enabled", "slug", "seo_title", "seo_description"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__person")

    @admin.display(description=_("bylines"))
    def byline_names(self, article):
        return ", ".join(str(byline.person) for byline in article.bylines.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


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
