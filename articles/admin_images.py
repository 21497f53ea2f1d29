"""The picture library's admin, and the story form's lead image picker.

* ImageAdmin: upload (checked and re-encoded by newsroom/images.py), alt text, caption,
  credit, and the focal point, set by clicking on the picture
  (articles/static/articles/focal_point.js). Saving writes the renditions; a moved
  focal point gets crops under new names (articles/renditions.py).
* LeadImageMixin, mixed into ArticleAdmin: the story's lead image is a plain <select>
  of the recent pictures (which works without JavaScript) that
  articles/static/articles/lead_image.js turns into thumbnails with a searchable,
  paginated library (``lead-images/``, JSON), an upload in place
  (``lead-images/upload/``, JSON) and the focal point of the chosen picture, sent with
  the story and applied when it is saved.
"""

import math

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.images import process_uploaded_image

from .models import Image
from .renditions import (
    RenditionError,
    crop_widths,
    fallback_format,
    generate_renditions,
    rendition_url,
    rendition_widths,
)

#: Pictures per page of the library in the story form, and in its plain <select>.
LIBRARY_PAGE_SIZE = 24
RECENT_CHOICES = 30
#: The width of the picture the focal point is set on, and of a library thumbnail.
PREVIEW_WIDTH = 640
THUMBNAIL_WIDTH = 320
#: The story form's hidden inputs carrying the focal point of its lead image.
FOCAL_IMAGE, FOCAL_X, FOCAL_Y = "lead_image_focal_image", "lead_image_focal_x", "lead_image_focal_y"


def clean_image_upload(upload):
    """A new upload is checked before decoding, re-encoded without metadata and renamed;
    the file already stored (an unchanged field) passes through."""
    if isinstance(upload, UploadedFile):
        processed = process_uploaded_image(upload)
        processed.content.name = processed.name
        return processed.content
    return upload


def preview_url(image: Image) -> str:
    """The whole picture about PREVIEW_WIDTH wide, to click a focal point on."""
    widths = rendition_widths(image)
    if not widths:
        return image.file.url
    fitting = [width for width in widths if width <= PREVIEW_WIDTH] or widths[:1]
    return rendition_url(image, fitting[-1], fallback_format(image))


def thumbnail_url(image: Image) -> str:
    """The square crop around the focal point, for the library's grid."""
    widths = crop_widths(image, "square")
    if not widths:
        return image.file.url
    fitting = [width for width in widths if width <= THUMBNAIL_WIDTH] or widths[:1]
    return rendition_url(image, fitting[-1], fallback_format(image), "square")


def image_data(image: Image) -> dict:
    """What lead_image.js needs to show and choose a picture."""
    return {
        "id": image.pk,
        "label": str(image),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
        "thumbnail": thumbnail_url(image),
        "preview": preview_url(image),
    }


def image_set_focal_point(*, image: Image, x: float, y: float) -> None:
    """Move `image`'s focal point and write the crops around the new one.

    The crops' names carry the focal point, so the old files stay for pages still
    cached with them, and the pages that show the image go stale
    (articles/page_keys.py image_changed). Raises RenditionError when the crops could
    not be written; the point is saved all the same.
    """
    if not all(0 <= value <= 1 for value in (x, y)):
        raise ValueError(f"A focal point is inside the picture: ({x}, {y}) is not.")
    image.focal_x, image.focal_y = x, y
    image.save(update_fields=["focal_x", "focal_y"])
    generate_renditions(image)


def focal_point_editor(
    image: Image | None, *, x_input: str, y_input: str, editable: bool, file_input: str = ""
) -> str:
    """The picture to click, its marker and the crop previews (focal_point.js); with
    `file_input`, the id of a file input whose new file is shown at once."""
    has_file = image is not None and bool(image.file)
    return render_to_string(
        "admin/articles/image/focal_point.html",
        {
            "image": image if has_file else None,
            "src": preview_url(image) if has_file else "",
            "x": image.focal_x if has_file else 0.5,
            "y": image.focal_y if has_file else 0.5,
            "x_input": x_input,
            "y_input": y_input,
            "editable": editable,
            "file_input": file_input,
        },
    )


# The picture library.


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # A plain file field: newsroom/images.py checks the upload (size first, before
        # a byte is decoded) with messages of its own, where ImageField would decode
        # it first and answer a vaguer one.
        field_classes = {"file": forms.FileField}
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
            ),
            # Set by clicking on the picture (focal_point.js); the centre without script.
            "focal_x": forms.HiddenInput,
            "focal_y": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focal_x", "focal_y"):
            if name in self.fields:  # not sent: the point stays where it is
                self.fields[name].required = False

    def clean_file(self):
        return clean_image_upload(self.cleaned_data["file"])

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")

    def _focal(self, name: str) -> float:
        value = self.cleaned_data[name]
        return getattr(self.instance, name) if value is None else round(value, 3)


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "caption", "credit", "dimensions", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "file",
                    "focal_point",
                    "alt_text",
                    "caption",
                    "credit",
                    ("focal_x", "focal_y"),
                ]
            },
        )
    ]
    readonly_fields = ["focal_point"]

    class Media:
        js = ["articles/focal_point.js"]
        css = {"all": ["articles/focal_point.css"]}

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

    @admin.display(description=_("focal point"))
    def focal_point(self, image):
        return focal_point_editor(
            image, x_input="id_focal_x", y_input="id_focal_y", editable=True, file_input="id_file"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        try:
            # A new file or focal point has new rendition names, so only the missing
            # files are written; force rewrites them all the same after a new file.
            generate_renditions(obj, force="file" in form.changed_data)
        except RenditionError as error:
            # The image is saved; `manage.py generate_renditions` can finish the job.
            self.message_user(
                request,
                _("The image was saved, but its smaller sizes could not be made: %(error)s")
                % {"error": error},
                messages.WARNING,
            )


# The story form's lead image.


class LeadImageWidget(forms.Select):
    """A <select> of the recent pictures (and the chosen one), with the chosen one's
    thumbnail and focal point, which lead_image.js turns into a picture picker."""

    class Media:
        js = ["articles/focal_point.js", "articles/lead_image.js"]
        css = {"all": ["articles/focal_point.css", "articles/lead_image.css"]}

    def __init__(self, *, list_url: str, upload_url: str, can_upload: bool, can_focus: bool):
        super().__init__()
        self.list_url, self.upload_url = list_url, upload_url
        self.can_upload, self.can_focus = can_upload, can_focus
        self.posted_focal: dict[str, str] = {}

    def value_from_datadict(self, data, files, name):
        # Kept so that a form shown again after an error keeps the point clicked.
        self.posted_focal = {key: data.get(key, "") for key in (FOCAL_IMAGE, FOCAL_X, FOCAL_Y)}
        return super().value_from_datadict(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        image = _image_or_none(value)
        recent = list(Image.objects.order_by("-created_at", "-pk")[:RECENT_CHOICES])
        shown = ([image] if image and image not in recent else []) + recent
        # Only these are listed; the field still accepts any picture (from the library).
        self.choices = [("", "---------"), *((picture.pk, str(picture)) for picture in shown)]
        focal_values = {"image": "", "x": "", "y": ""}
        if image is not None:
            point = posted_focal_point(self.posted_focal, image)
            x, y = point or (image.focal_x, image.focal_y)
            focal_values = {"image": image.pk, "x": x, "y": y}
        return render_to_string(
            "admin/articles/article/lead_image_widget.html",
            {
                "select": super().render(name, image.pk if image else "", attrs, renderer),
                "image": image,
                "focal": {"image": FOCAL_IMAGE, "x": FOCAL_X, "y": FOCAL_Y},
                "focal_values": focal_values,
                "focal_point": focal_point_editor(
                    image,
                    x_input=f"id_{FOCAL_X}",
                    y_input=f"id_{FOCAL_Y}",
                    editable=self.can_focus,
                ),
                "list_url": self.list_url,
                "upload_url": self.upload_url,
                "can_upload": self.can_upload,
                "can_focus": self.can_focus,
            },
        )


def _image_or_none(value) -> Image | None:
    if isinstance(value, Image):
        return value
    if value in (None, "") or not str(value).isdigit():
        return None
    return Image.objects.filter(pk=int(value)).first()


class LeadImageUploadForm(ImageForm):
    class Meta(ImageForm.Meta):
        fields = ["file", "alt_text", "caption", "credit"]


def posted_focal_point(data, image: Image) -> tuple[float, float] | None:
    """The focal point the story form sent for `image`, or None: not sent, sent for
    another picture (the <select> changed without script), or not a point inside it."""
    if data.get(FOCAL_IMAGE) != str(image.pk):
        return None
    try:
        x, y = float(data.get(FOCAL_X, "")), float(data.get(FOCAL_Y, ""))
    except ValueError:
        return None
    if not all(math.isfinite(v) and 0 <= v <= 1 for v in (x, y)):
        return None
    return round(x, 3), round(y, 3)


class LeadImageMixin:
    """Hooks for ArticleAdmin; see the module docstring."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "lead_image":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        # Not wrapped in the admin's add/change pop-up links: the widget uploads in place.
        widget = LeadImageWidget(
            list_url=reverse("admin:articles_article_lead_images"),
            upload_url=reverse("admin:articles_article_lead_image_upload"),
            can_upload=request.user.has_perm("articles.add_image"),
            can_focus=request.user.has_perm("articles.change_image"),
        )
        return db_field.formfield(widget=widget, **kwargs)

    def get_urls(self):
        own = [
            path(
                "lead-images/",
                self.admin_site.admin_view(self.lead_images_view),
                name="articles_article_lead_images",
            ),
            path(
                "lead-images/upload/",
                self.admin_site.admin_view(self.lead_image_upload_view),
                name="articles_article_lead_image_upload",
            ),
        ]
        return own + super().get_urls()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        image = obj.lead_image
        if image is None or not request.user.has_perm("articles.change_image"):
            return
        point = posted_focal_point(request.POST, image)
        if point is None or point == (image.focal_x, image.focal_y):
            return
        try:
            image_set_focal_point(image=image, x=point[0], y=point[1])
        except RenditionError as error:
            self.message_user(
                request,
                _("The focal point was saved, but the crops could not be made: %(error)s")
                % {"error": error},
                messages.WARNING,
            )

    def lead_images_view(self, request):
        """The library, newest first, searched by alt text, caption and credit (JSON)."""
        if not request.user.has_perm("articles.view_image"):
            return _refused(gettext("You may not look through the picture library."))
        images = Image.objects.order_by("-created_at", "-pk")
        query = request.GET.get("q", "").strip()[:200]
        for word in query.split():
            images = images.filter(
                Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
            )
        page = Paginator(images, LIBRARY_PAGE_SIZE).get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "results": [image_data(image) for image in page],
                "page": page.number,
                "pages": page.paginator.num_pages,
                "count": page.paginator.count,
                "has_previous": page.has_previous(),
                "has_next": page.has_next(),
            }
        )

    def lead_image_upload_view(self, request):
        """A new picture from the story form (multipart POST): 201 with the picture,
        400 with each field's messages, 403 without the right to add pictures."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("articles.add_image"):
            return _refused(gettext("You may not add pictures to the library."))
        form = LeadImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse(
                {
                    "message": gettext("The picture was not uploaded: see the messages below."),
                    "errors": {field: list(errors) for field, errors in form.errors.items()},
                },
                status=400,
            )
        image = form.save(commit=False)
        image.uploaded_by = request.user
        image.save()
        data = {"image": image_data(image)}
        try:
            generate_renditions(image)
        except RenditionError as error:
            data["warning"] = gettext(
                "The image was saved, but its smaller sizes could not be made: %(error)s"
            ) % {"error": error}
        return JsonResponse(data, status=201)


def _refused(message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=403)
