"""Reader endpoints: post a comment, report one. Both answer a plain form post (redirect
back to the story, or the story with the form's errors) and a script's fetch
(``Accept: application/json``) with the same outcome."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article

from . import ratelimit, services
from .forms import CommentForm, ReportForm
from .models import Comment


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def rate_limited(request, retry_after: int):
    minutes = max(1, (retry_after + 59) // 60)
    message = _("You have sent too many in a short time. Please try again in %(minutes)s min.") % {
        "minutes": minutes
    }
    if wants_json(request):
        response = JsonResponse({"ok": False, "message": message}, status=429)
    else:
        response = TemplateResponse(
            request, "comments/ratelimited.html", {"message": message}, status=429
        )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def waiting_message(comment: Comment) -> str:
    if comment.status == Comment.Status.APPROVED:
        return _("Thank you. Your comment is published.")
    return _("Thank you. Your comment is waiting for a moderator; only you can see it until then.")


@require_POST
def post_comment(request, article_pk: int):
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    ip = ratelimit.client_ip(request)
    retry_after = ratelimit.hit("address", ratelimit.address_identity(ip))
    if retry_after:
        return rate_limited(request, retry_after)
    form = CommentForm(request.POST, article=article)
    if form.is_valid():
        retry_after = ratelimit.hit("email", form.cleaned_data["email"].lower())
        if retry_after:
            return rate_limited(request, retry_after)
        try:
            comment = services.comment_post(
                article=article,
                parent=form.cleaned_data["parent"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                ip=ip,
                session=request.session,
                bot_signals=form.bot_signals,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if comment.status == Comment.Status.REJECTED:
                form.add_error(
                    "body",
                    _("Your comment contains words we do not publish. Please change it."),
                )
            else:
                return posted(request, article, comment)
    if wants_json(request):
        errors = {
            field: [error["message"] for error in errors]
            for field, errors in form.errors.get_json_data().items()
        }
        return JsonResponse(
            {"ok": False, "message": _("Please correct the errors below."), "errors": errors},
            status=400,
        )
    return story_with_form(request, article, form)


def posted(request, article, comment):
    if wants_json(request):
        html = ""
        if comment.status != Comment.Status.APPROVED:
            html = render_to_string(
                "comments/_comment.html", {"comment": comment, "own": True}, request=request
            )
        return JsonResponse(
            {
                # A bot caught by a trap gets exactly the answer a held comment gets.
                "ok": True,
                "status": "approved" if comment.status == Comment.Status.APPROVED else "pending",
                "message": waiting_message(comment),
                "html": html,
            }
        )
    anchor = (
        "comment-form" if comment.status != Comment.Status.APPROVED else f"comment-{comment.pk}"
    )
    return redirect(f"{article.get_absolute_url()}#{anchor}")


def story_with_form(request, article, form):
    """The story page again, with the reader's form, text and errors (status 400)."""
    from articles.views import ArticleDetailView  # the page whose form this is

    view = ArticleDetailView()
    view.setup(request, pk=article.pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object)
    # This page is never cached, so the form gets the reader's token directly.
    context.update(comment_form=form, csrf_placeholder=get_token(request))
    response = TemplateResponse(request, view.template_name, context, status=400)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, pk: int):
    comment = get_object_or_404(Comment.objects.visible().select_related("article"), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        retry_after = ratelimit.hit("report", ratelimit.address_identity(ip))
        if retry_after:
            return rate_limited(request, retry_after)
        if form.is_valid():
            if not request.session.session_key:
                request.session.save()  # a reader is identified by their session
            _report, created = services.comment_report(
                comment=comment,
                reason=form.cleaned_data["reason"],
                reporter=request.session.session_key,
                ip=ip,
            )
            message = (
                _("Thank you. A moderator will look at this comment.")
                if created
                else _("You have already reported this comment.")
            )
            if wants_json(request):
                return JsonResponse({"ok": True, "created": created, "message": message})
            request.session[services.NOTICE_SESSION_KEY] = "reported" if created else "again"
            return redirect(comment.get_absolute_url())
        if wants_json(request):
            return JsonResponse(
                {"ok": False, "message": _("Choose a reason for your report.")}, status=400
            )
    response = TemplateResponse(
        request,
        "comments/report.html",
        {"comment": comment, "form": form, "article": comment.article},
        status=400 if form.is_bound else 200,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
