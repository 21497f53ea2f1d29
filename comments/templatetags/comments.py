"""``{% comment_thread article %}``: the story's comments, the reader's own waiting ones,
and the form. A fixed number of queries whatever the number of comments."""

from django import template
from django.utils.translation import gettext as _

from comments.forms import CommentForm
from comments.models import Comment, CommentPolicy
from comments.services import NOTICE_SESSION_KEY, PENDING_SESSION_KEY

register = template.Library()

NOTICES = {
    "reported": lambda: _("Thank you. A moderator will look at this comment."),
    "again": lambda: _("You have already reported this comment."),
}


def own_waiting(request, article) -> list[Comment]:
    """The reader's own comments on this story that still wait for a moderator.

    Their ids are in the reader's session (pagecache serves such a reader a fresh page);
    ids that have been decided are dropped, so the page becomes cacheable again."""
    session = getattr(request, "session", None)
    ids = session.get(PENDING_SESSION_KEY) if session is not None else None
    if not ids:
        return []
    comments = [
        comment
        for comment in Comment.objects.filter(pk__in=ids).only(
            "pk", "article_id", "name", "body", "created_at", "status", "moderated_at"
        )
        if comment.waits_for_reader
    ]
    still = [comment.pk for comment in comments]
    if still != ids:
        if still:
            session[PENDING_SESSION_KEY] = still
        else:
            del session[PENDING_SESSION_KEY]
    return [comment for comment in comments if comment.article_id == article.pk]


def pop_notice(request) -> str:
    session = getattr(request, "session", None)
    if session is None or NOTICE_SESSION_KEY not in session:
        return ""
    code = session.pop(NOTICE_SESSION_KEY)
    return NOTICES[code]() if code in NOTICES else ""


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, article):
    request = context.get("request")
    policy = CommentPolicy.load()
    is_open = not context.get("preview") and policy.is_open(article)
    thread = Comment.objects.thread(article)
    by_pk = {c.pk: c for top in thread for c in (top, *top.thread_replies)}
    form = context.get("comment_form")
    if form is not None:
        wanted = form.data.get("parent")
    else:
        wanted = request.GET.get("reply") if request is not None else None
    reply_to = by_pk.get(int(wanted)) if wanted and str(wanted).isdigit() else None
    if form is None and is_open:
        form = CommentForm(article=article, initial={"parent": reply_to.pk if reply_to else ""})
    return {
        "article": article,
        "thread": thread,
        "own": own_waiting(request, article),
        "notice": pop_notice(request),
        "is_open": is_open,
        "form": form,
        "reply_to": reply_to,
        "csrf_placeholder": context.get("csrf_placeholder"),
    }
