from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_pk>/", views.post_comment, name="post"),
    path("comments/token/<int:article_pk>/", views.form_tokens, name="token"),
    path("comments/report/<int:pk>/", views.report_comment, name="report"),
]
