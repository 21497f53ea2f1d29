"""``{% comment_thread article %}``: the story's comment count, one page of its thread,
the reader's own waiting comments, and the form. A fixed number of queries whatever the
number of comments.

The page and the order come from the story's address (``?page=3&order=newest``), so
every page of the thread has an address of its own, cached like the story. The form
carries no token of any reader (comments/views.py)."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from comments.forms import CommentForm, fields_html
from comments.invalidation import RULES_KEY
from comments.models import Comment, CommentPolicy
from comments.rendering import CommentWriter
from comments.services import NOTICE_SESSION_KEY, PENDING_SESSION_KEY
from newsroom import pagecache

register = template.Library()

NOTICES = {
    "reported": lambda: _("Thank you. A moderator will look at this comment."),
    "again": lambda: _("You have already reported this comment."),
}
ORDERS = ("oldest", "newest")


def reader_session(request):
    """The reader's session, only if they sent its cookie: reading an empty one would
    make the page vary on Cookie, which no CDN shares."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return getattr(request, "session", None)


def own_waiting(request, article) -> list[Comment]:
    """The reader's own comments on this story that still wait for a moderator.

    Their ids are in the reader's session (pagecache serves such a reader a fresh page);
    ids that have been decided are dropped, so the page becomes cacheable again."""
    session = reader_session(request)
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
    session = reader_session(request)
    if session is None or NOTICE_SESSION_KEY not in session:
        return ""
    code = session.pop(NOTICE_SESSION_KEY)
    return NOTICES[code]() if code in NOTICES else ""


def thread_query(page: int, order: str, default_order: str, **more) -> str:
    """The query string of a page of the thread, without the defaults ("" for the
    first page in the default order, the story's own address)."""
    query = QueryDict(mutable=True)
    if page > 1:
        query["page"] = str(page)
    if order != default_order:
        query["order"] = order
    for name, value in more.items():
        query[name] = str(value)
    return f"?{query.urlencode()}" if query else ""


def wanted_page(request) -> int:
    """The page asked for: 1 unless a number; a huge number is past the last page."""
    raw = request.GET.get("page", "") if request is not None else ""
    if not (raw.isascii() and raw.isdigit()):
        return 1
    return int(raw) if len(raw) < 10 else 10**9


@register.simple_tag(takes_context=True)
def comment_thread(context, article) -> str:
    """The thread, kept as a piece of its own (newsroom/pagecache.py) for readers with
    nothing of their own in it: a story's page re-rendered for another reason (an edit,
    a tag's rename) does not render its comments again."""
    request = context.get("request")
    pagecache.shows(request, f"comments-{article.pk}", RULES_KEY)
    personal = (
        context.get("preview")
        or context.get("comment_form") is not None
        or context.get("comment_csrf_token")
        or (request is not None and request.GET.get("reply"))
        or reader_session(request) is not None
    )

    def render() -> str:
        # The piece's own keys: its comments, the rules and the story (comments
        # switched off).
        pagecache.shows(None, f"comments-{article.pk}", RULES_KEY, article)
        return render_to_string("comments/_thread.html", thread_context(context, article))

    if personal:
        return mark_safe(render())  # noqa: S308 our template
    order = request.GET.get("order") if request is not None else None
    name = f"thread:{article.pk}:{wanted_page(request)}:{order if order in ORDERS else ''}"
    return mark_safe(pagecache.piece(name, render, own=True))  # noqa: S308 our template


def rules() -> CommentPolicy:
    """The comment rules as pages read them: kept (newsroom/pagecache.py) until they
    change, so a story's thread costs no query for them (half a millisecond)."""

    def load() -> CommentPolicy:
        pagecache.shows(None, RULES_KEY)
        return CommentPolicy.load()

    return pagecache.remembered("comment-rules", load)


def thread_context(context, article) -> dict:
    request = context.get("request")
    policy = rules()
    is_open = not context.get("preview") and policy.is_open(article)

    default_order = settings.COMMENTS_ORDER
    order = request.GET.get("order") if request is not None else None
    order = order if order in ORDERS else default_order
    page = Comment.objects.thread_page(
        article,
        page=wanted_page(request),
        size=settings.COMMENTS_PAGE_SIZE,
        newest=order == "newest",
    )
    by_pk = {c.pk: c for top in page.comments for c in (top, *top.thread_replies)}

    form = context.get("comment_form")
    if form is not None:
        wanted = form["parent"].value()
    else:
        wanted = request.GET.get("reply") if request is not None else None
    reply_to = None
    if wanted and str(wanted).isdigit() and len(str(wanted)) < 19:
        reply_to = by_pk.get(int(wanted))
        if reply_to is None:  # a reply from another page of the thread
            reply_to = Comment.objects.visible().filter(article=article, pk=wanted).first()
    if form is None and is_open:
        form = CommentForm(article=article, initial={"parent": reply_to.pk if reply_to else ""})

    def link(number, to_order=order, **more):
        return thread_query(number, to_order, default_order, **more)

    story_url = article.get_absolute_url()
    return {
        "article": article,
        "story_url": story_url,
        "writer": CommentWriter(
            story_url=story_url, reply_prefix=link(page.number, reply=""), can_reply=is_open
        ),
        "page": page,
        "thread": page.comments,
        "order": order,
        "other_order": "oldest" if order == "newest" else "newest",
        "other_order_link": link(1, "oldest" if order == "newest" else "newest"),
        "previous_link": link(page.number - 1) if page.has_previous else None,
        "next_link": link(page.number + 1) if page.has_next else None,
        "own": own_waiting(request, article),
        "notice": pop_notice(request),
        "is_open": is_open,
        "form": form,
        "form_fields": fields_html(form) if form is not None else None,
        "reply_to": reply_to,
        # Only a page made for one reader (the form handed back) carries their tokens.
        "csrf_token_value": context.get("comment_csrf_token", ""),
        "form_message": context.get("comment_form_message", ""),
    }


@register.simple_tag
def comment_html(writer: CommentWriter, comment: Comment, own: bool = False):
    """One comment of the thread (comments/rendering.py)."""
    return writer.html(comment, own=own)


@register.simple_tag
def comment_list(writer: CommentWriter, comments: list[Comment]):
    """A page of the thread, each comment with its replies (comments/rendering.py)."""
    return writer.list_html(comments)
