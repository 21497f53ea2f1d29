"""Reader comments as HTML, written in Python rather than an included template.

A story's thread shows up to COMMENTS_PAGE_SIZE comments and their replies; through
``{% include %}`` each cost about half a millisecond (a context, three blocktranslates,
a URL reversal, three date filters), which made the thread most of an uncached story's
render. Here the translated words and the links' shapes are looked up and escaped once
per thread, and each comment is one string: what a reader wrote (the name, the body)
is escaped as it goes in, like everything else that is not our own escaped text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsroom.templatetags.thai_dates import DateWriter

from .models import Comment


@dataclass
class CommentWriter:
    """Writes the comments of one thread: ``story_url`` and ``reply_prefix`` (the
    thread's query string up to the reply's id) make the reply links."""

    story_url: str = ""
    reply_prefix: str = "?reply="
    can_reply: bool = False

    def __post_init__(self):
        # Escaped once here; the phrases with a reader's name in them are escaped whole
        # for each comment, once the name is in.
        self._report_url = escape(reverse("comments:report", args=[0])[: -len("0/")])
        self._reply_url = escape(f"{self.story_url}{self.reply_prefix}")
        self._reply_word, self._report_word = escape(_("Reply")), escape(_("Report"))
        self._waiting_word = escape(_("Waiting for a moderator"))
        self._by, self._to = _("the comment by %(name)s"), _("to %(name)s")
        self._dates = DateWriter()

    def html(self, comment: Comment, *, own: bool = False) -> SafeString:
        name, pk, dates, at = comment.name, int(comment.pk), self._dates, comment.created_at
        meta = (
            f'<span class="comment__name"><bdi>{escape(name)}</bdi></span> '
            f'<time datetime="{escape(dates.iso_datetime(at))}">'
            f"{escape(dates.short_date(at))} {escape(dates.time_of_day(at))}</time>"
        )
        if own:
            meta += f' <span class="comment__badge">{self._waiting_word}</span>'
            actions = ""
        else:
            actions = f'<p class="comment__actions">{self._actions(pk, name)}</p>'
        body = linebreaksbr(comment.body, autoescape=True)
        return mark_safe(  # noqa: S308 every value above is escaped or our own escaped text
            f'<div class="comment{" comment--own" if own else ""}" id="comment-{pk}">\n'
            f'  <p class="comment__meta">{meta}</p>\n'
            f'  <p class="comment__body" dir="auto">{body}</p>\n  {actions}\n</div>'
        )

    def list_html(self, comments: list[Comment]) -> SafeString:
        """The thread's page: each comment with its replies, as a nested list."""
        items = []
        for comment in comments:
            replies = ""
            if comment.thread_replies:
                replies = "".join(
                    f'<li class="comment-list__item">{self.html(reply)}</li>'
                    for reply in comment.thread_replies
                )
                replies = (
                    f'<ol class="comment-list comment-list--replies">\n      {replies}\n    </ol>'
                )
            items.append(
                f'<li class="comment-list__item">\n    {self.html(comment)}\n    {replies}\n  </li>'
            )
        return mark_safe(  # noqa: S308 built from html() and our own markup
            f'<ol class="comment-list">\n  {"".join(items)}\n</ol>' if items else ""
        )

    def _actions(self, pk: int, name: str) -> str:
        report = (
            f'<a class="comment__report" href="{self._report_url}{pk}/" rel="nofollow">'
            f'{self._report_word}<span class="visually-hidden"> '
            f"{escape(self._by % {'name': name})}</span></a>"
        )
        if not self.can_reply:
            return report
        return (
            f'<a class="comment__reply" href="{self._reply_url}{pk}#comment-form" '
            f'data-reply="{pk}" data-name="{escape(name)}">{self._reply_word}'
            f'<span class="visually-hidden"> {escape(self._to % {"name": name})}</span></a> '
            f"{report}"
        )
