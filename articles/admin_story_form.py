"""The story form made for writing (mixed into articles.admin.ArticleAdmin).

* The headline and standfirst across the whole form, the body beside a sticky names
  panel on wide screens (articles/static/articles/story_form.css and
  templates/admin/articles/article/story_fieldsets.html, which also keeps Save the
  button that Enter presses).
* Tags typed in place (articles/tags_field.py), suggested from ``tags/?q=``.
* The story's address under the headline, and a search-result and social-card preview,
  from ``story-preview/`` (articles/story_preview.py): the server's own slug rules, so
  Thai comes out as it will be published.
"""

from django import forms
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import Image, Tag
from .story_preview import story_preview
from .tags_field import TagsField, TagsInput, clean_name

#: Suggestions offered for one typed prefix.
SUGGESTIONS = 10
PREVIEW_FIELDS = ("title", "slug", "standfirst", "seo_title", "seo_description")


class HeadlineInput(AdminTextInputWidget):
    """The headline box, with the story's address under it (filled in by story_preview.js)."""

    class Media:
        js = ["articles/story_preview.js"]

    def __init__(self, attrs=None, *, preview_url: str = ""):
        super().__init__({"class": "vTextField story-headline", **(attrs or {})})
        self.preview_url = preview_url

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer) + format_html(
            '<p class="story-url" id="story-url" data-preview-url="{}" hidden>'
            '<span class="story-url__label">{}</span> '
            '<span class="story-url__value" lang="zxx" dir="ltr" translate="no"></span></p>',
            self.preview_url,
            _("Address:"),
        )


def _lead_image(value) -> Image | None:
    value = getattr(value, "pk", value)
    if value is None or not str(value).isdigit():
        return None
    return Image.objects.filter(pk=int(value)).first()


class StoryFormMixin:
    """Hooks for ArticleAdmin; see the module docstring."""

    def get_urls(self):
        own = [
            path(
                "tags/",
                self.admin_site.admin_view(self.tag_suggestions_view),
                name="articles_article_tags",
            ),
            path(
                "story-preview/",
                self.admin_site.admin_view(self.story_preview_view),
                name="articles_article_story_preview",
            ),
        ]
        return own + super().get_urls()

    def _url(self, name: str) -> str:
        return reverse(f"{self.admin_site.name}:articles_article_{name}")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return db_field.formfield(
                form_class=TagsField,
                widget=TagsInput(suggest_url=self._url("tags")),
                can_create=request.user.has_perm("articles.add_tag"),
            )
        if db_field.name == "title":
            kwargs["widget"] = HeadlineInput(preview_url=self._url("story_preview"))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Loaded here, not in ModelAdmin.media, so that only the story form gets it.
        context["media"] = context["media"] + forms.Media(css={"all": ["articles/story_form.css"]})
        form = context["adminform"].form
        values = {
            name: (form[name].value() or "") if name in form.fields else ""
            for name in PREVIEW_FIELDS
        }
        lead_image = form["lead_image"].value() if "lead_image" in form.fields else None
        context["story_preview"] = story_preview(
            request=request,
            pk=obj.pk if obj is not None else None,
            lead_image=_lead_image(lead_image),
            **values,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _check_may_write(self, request) -> None:
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied

    def tag_suggestions_view(self, request):
        """Existing tags containing ``q``: those starting with it first, then the most used."""
        self._check_may_write(request)
        typed = clean_name(request.GET.get("q", ""))[: Tag._meta.get_field("name").max_length]
        if not typed:
            return JsonResponse({"tags": []})
        names = (
            Tag.objects.filter(name__icontains=typed)
            .annotate(
                starts=Case(
                    When(name__istartswith=typed, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                uses=Count("tagged_articles"),
            )
            .order_by("starts", "-uses", "name")
            .values_list("name", flat=True)[:SUGGESTIONS]
        )
        return JsonResponse({"tags": list(names)})

    def story_preview_view(self, request):
        """The address and previews for the posted form: {"url", "slug", "slug_error", "html"}."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._check_may_write(request)
        post = request.POST
        object_id = post.get("object_id", "")
        preview = story_preview(
            request=request,
            pk=int(object_id) if object_id.isdigit() else None,
            lead_image=_lead_image(post.get("lead_image")),
            **{name: post.get(name, "") for name in PREVIEW_FIELDS},
        )
        return JsonResponse(
            {
                "url": preview.url,
                "slug": preview.slug,
                "slug_error": preview.slug_error,
                "html": render_to_string(
                    "admin/articles/article/story_preview_body.html",
                    {"preview": preview},
                    request,
                ),
            }
        )
