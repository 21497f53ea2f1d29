from django.urls import path

from articles.feeds import PersonFeed
from newsroom.pagecache import cache_for_readers

from . import views

app_name = "people"

urlpatterns = [
    path("people/<int:pk>/", views.PersonView.as_view(), name="person-by-id"),
    path("people/<int:pk>/<str:slug>/", views.PersonView.as_view(), name="person"),
    path("organisations/<int:pk>/", views.OrganisationView.as_view(), name="organisation-by-id"),
    path(
        "organisations/<int:pk>/<str:slug>/",
        views.OrganisationView.as_view(),
        name="organisation",
    ),
    path("feeds/people/<int:pk>/", cache_for_readers(PersonFeed()), name="feed-person"),
]
