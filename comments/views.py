"""Reader endpoints: post a comment, report one, and the form's tokens. Posting and
reporting answer a plain form post (redirect back to the story, or the story with the
form's errors) and a script's fetch (``Accept: application/json``) with the same outcome.

The story page is shared by every reader (newsroom/pagecache.py, and a CDN), so its
comment form carries neither a CSRF token nor a timing token. comments.js fetches both
from :func:`form_tokens` when the reader starts writing; a reader without script sends
the form without them and gets it back, text kept, with both filled in
(:func:`post_comment`). README.md, "Comments on cached pages".
"""

from urllib.parse import urlsplit

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article

from . import ratelimit, services
from .forms import CommentForm, ReportForm, make_token
from .models import Comment
from .rendering import CommentWriter

#: The fields of the reader's own writing, kept when a form is handed back.
KEPT_FIELDS = ("name", "email", "body", "parent")


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


def private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def form_tokens(request, article_pk: int):
    """The comment form's two tokens for this reader, asked for by comments.js when they
    start writing: Django's CSRF token (the cookie is set with it) and the timing token,
    whose time is now, the reader's own, not the shared page's."""
    article = get_object_or_404(Article.objects.published().only("pk"), pk=article_pk)
    return private(JsonResponse({"csrf": get_token(request), "token": make_token(article)}))


def _csrf_checked(request, *args, **kwargs):
    """Never called: the view Django's CSRF check is told it guards (post_comment itself
    is exempt from the middleware's automatic check, to run the same check itself)."""


def csrf_refusal(request):
    """Django's own CSRF check, all of it (Origin, Referer on HTTPS, cookie and token):
    None when the post passes, else Django's 403 response."""
    return CsrfViewMiddleware(lambda request: HttpResponse()).process_view(
        request, _csrf_checked, (), {}
    )


def same_origin(request) -> bool:
    """Whether the browser says this post comes from one of our own pages: every one of
    Sec-Fetch-Site, Origin (or Referer without it) that came must say so. Browsers set
    these themselves; a page elsewhere cannot make them claim our origin."""
    ours = f"{request.scheme}://{request.get_host()}"
    verdicts = []
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        verdicts.append(site == "same-origin")
    origin = request.headers.get("Origin")
    referer = request.headers.get("Referer")
    if origin is not None:
        verdicts.append(origin == ours)
    elif referer:
        parts = urlsplit(referer)
        verdicts.append(f"{parts.scheme}://{parts.netloc}" == ours)
    return bool(verdicts) and all(verdicts)


def hand_back(request, article, message: str):
    """The reader's form again, nothing saved: their text kept, a fresh CSRF token and
    a "send again" timing token, and ``message`` saying why. Private, never stored."""
    token = make_token(article, resend=True)
    if wants_json(request):
        return private(
            JsonResponse(
                {
                    "ok": False,
                    "message": message,
                    "errors": {},
                    "csrf": get_token(request),
                    "token": token,
                },
                status=400,
            )
        )
    initial = {name: request.POST.get(name, "") for name in KEPT_FIELDS}
    form = CommentForm(article=article, initial={**initial, "token": token})
    return story_with_form(request, article, form, message=message)


@csrf_exempt  # checked below, by Django's own code, after deciding what a failure means
@require_POST
def post_comment(request, article_pk: int):
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    refusal = csrf_refusal(request)
    if refusal is not None and not same_origin(request):
        return refusal  # a forged post from another site: refused, as Django would
    ip = ratelimit.client_ip(request)
    retry_after = ratelimit.hit("address", ratelimit.address_identity(ip))
    if retry_after:
        return rate_limited(request, retry_after)
    if refusal is not None:
        # Our own page, sent without its tokens (no script ran, or the script could not
        # fetch them): hand the form back filled in, to be checked and sent again.
        return hand_back(
            request,
            article,
            _("Please check your comment and press “Send comment” again."),
        )
    form = CommentForm(request.POST, article=article)
    if form.has_error(NON_FIELD_ERRORS, "expired"):
        return hand_back(request, article, form.errors[NON_FIELD_ERRORS][0])
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
            html = CommentWriter().html(comment, own=True)
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


def story_with_form(request, article, form, message: str = ""):
    """The story page again, with the reader's form, text and errors (status 400)."""
    from articles.views import ArticleDetailView  # the page whose form this is

    view = ArticleDetailView()
    view.setup(request, pk=article.pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object)
    # This page is this reader's alone (never cached), so the form carries their tokens.
    context.update(
        comment_form=form, comment_csrf_token=get_token(request), comment_form_message=message
    )
    return private(TemplateResponse(request, view.template_name, context, status=400))


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
