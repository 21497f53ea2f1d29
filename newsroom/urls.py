from django.conf import settings
from django.contrib import admin
from django.urls import path, re_path
from django.views.static import serve

from newsroom import uploads

admin.site.site_header = admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    # The editor's image upload replaces django-ckeditor-5's own view, whose URLs are
    # deliberately not included (design.md, "Pitfalls").
    path("admin/editor/upload-image/", uploads.editor_image_upload, name="editor-image-upload"),
    path("admin/", admin.site.urls),
]


def media(request, path):
    # MEDIA_ROOT is read per request, so that a changed setting (tests) is honoured.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media)]
