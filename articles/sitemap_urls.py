"""The sitemaps' addresses, at the site's root and outside the language prefix: an index
of the sitemaps (stories come 5,000 to a page) and the Google News sitemap of the last
two days. Included by newsroom/urls.py; robots.txt points at both."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsroom.pagecache import cache_for_readers

from .sitemaps import SITEMAPS, news_sitemap, sitemap_view

urlpatterns = [
    path(
        "sitemap.xml",
        cache_for_readers(sitemap_view(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        cache_for_readers(sitemap_view(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", cache_for_readers(news_sitemap), name="news-sitemap"),
]
