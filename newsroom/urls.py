from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from newsroom import seo, uploads, views
from newsroom.slugs import ThaiSlugConverter

register_converter(ThaiSlugConverter, "thaislug")

admin.site.site_header = admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Desk")

urlpatterns = [
    # The editor's image upload replaces django-ckeditor-5's own view, whose URLs are
    # deliberately not included (design.md, "Pitfalls").
    path("admin/editor/upload-image/", uploads.editor_image_upload, name="editor-image-upload"),
    # The desk's language switch (a cookie: the desk is private and never cached).
    path("admin/language/<str:code>/", views.desk_language, name="desk-language"),
    path("admin/", admin.site.urls),
    # Links of the old cookie-setting switch: 301 to the page in that language.
    path("language/<str:code>/", views.switch_language, name="switch-language"),
    # For search engines: the sitemaps (articles/sitemap_urls.py) and robots.txt.
    path("", include("articles.sitemap_urls")),
    path("robots.txt", seo.robots_txt, name="robots"),
]
# Every reader's page, Thai at its plain address and English under /en/ (the prefix is
# the active language's, set from the path by LanguageFromPathMiddleware). Comments
# post to their page's language, so errors and the redirect back stay in it. The
# sitemaps above list the Thai addresses; pages name their English twin by hreflang.
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("search.urls")),
    path("", include("people.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)


def media(request, path):
    # MEDIA_ROOT is read per request, so that a changed setting (tests) is honoured.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media)]
