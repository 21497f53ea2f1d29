"""The rich text editor's image upload, in place of django-ckeditor-5's own view.

The package's view lets any staff user upload, has no size cap and answers 500 to
decompression bombs and broken PNGs (design.md, "Pitfalls"). This one takes uploads only
from staff who may write articles, keeps Django's CSRF check (the editor sends the
token in X-CSRFToken), and stores a re-encoded copy (newsroom/images.py), never the
uploaded file. Answers are the JSON that CKEditor 5's SimpleUploadAdapter reads:
{"url": ...} or {"error": {"message": ...}}.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.images import process_uploaded_image

UPLOAD_PERMISSIONS = ("articles.add_article", "articles.change_article")


def can_upload_editor_images(user) -> bool:
    """Active staff who may add or change articles; the permission holds for superusers."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in UPLOAD_PERMISSIONS)
    )


def _error(message, *, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_image_upload(request):
    # Anonymous users get 403 JSON too, not a redirect to the login page: the editor
    # shows the message, it does not follow redirects.
    if not can_upload_editor_images(request.user):
        return _error(_("You do not have permission to upload images."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No image was sent."), status=400)
    try:
        image = process_uploaded_image(upload)
    except ValidationError as error:
        return _error(error.messages[0], status=400)
    folder = timezone.localdate().strftime("editor/%Y/%m")
    saved_name = default_storage.save(f"{folder}/{image.name}", image.content)
    return JsonResponse({"url": default_storage.url(saved_name)})
