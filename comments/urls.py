from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_pk>/", views.post_comment, name="post"),
    path("comments/report/<int:pk>/", views.report_comment, name="report"),
]
