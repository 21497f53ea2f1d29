from django.urls import path

from newsroom.pagecache import cache_for_readers

from . import feeds, live_views, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # The id finds the story; the slug only decorates, and a wrong one redirects.
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-by-id"),
    path("news/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    # Live coverage: an update's own address, the readers' poll, the updates' feed.
    path("news/<int:pk>/updates/<int:update_pk>/", live_views.update_link, name="live-update"),
    path("live/<int:pk>/poll/", live_views.poll, name="live-poll"),
    path("feeds/live/<int:pk>/", live_views.feed, name="live-feed"),
    path("preview/<str:token>/", views.preview_by_link, name="preview"),
    path("section/<thaislug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<thaislug:slug>/", views.TagView.as_view(), name="tag"),
    path("feeds/latest/", cache_for_readers(feeds.LatestFeed()), name="feed-latest"),
    path("feeds/latest/atom/", cache_for_readers(feeds.LatestAtomFeed()), name="feed-latest-atom"),
    path(
        "feeds/section/<thaislug:slug>/",
        cache_for_readers(feeds.SectionFeed()),
        name="feed-section",
    ),
    path("feeds/tag/<thaislug:slug>/", cache_for_readers(feeds.TagFeed()), name="feed-tag"),
]
