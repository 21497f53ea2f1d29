"""The reader's comment form, with its two bot traps, and the report form."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import Comment, CommentReport

SIGNER_SALT = "comments.form"
#: The value a "send again" token signs after the story's id (see make_token).
RESEND_MARK = "again"
#: How soon a reader may press "send" again on a form we handed back to them.
RESEND_MIN_SECONDS = 1


def make_token(article: Article, *, resend: bool = False) -> str:
    """A signed (article, time) pair: the form's proof that it came from our page.

    The time is when the reader asked for it (comments/views.py, ``form_token``), never
    when a shared page was rendered, so "too fast" measures the reader. ``resend``: a
    token for a form handed back to a reader who already wrote their comment (an old
    form, or a post without its tokens); they only check it and press send again, so
    that counts as too fast only under RESEND_MIN_SECONDS."""
    value = f"{article.pk}:{RESEND_MARK}" if resend else str(article.pk)
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(value)


def token_signal(token: str, article: Article, *, now: float | None = None) -> str | None:
    """None for a good token; otherwise the bot flag it earns (forged, or sent sooner
    after rendering than a person can type). An expired token is the reader's: the form
    asks them to send again (ValidationError)."""
    signer = signing.TimestampSigner(salt=SIGNER_SALT)
    try:
        value = signer.unsign(token, max_age=settings.COMMENTS_FORM_MAX_AGE)
    except signing.SignatureExpired:
        raise forms.ValidationError(
            _("This form is too old. Please send your comment again."), code="expired"
        ) from None
    except signing.BadSignature:
        return Comment.Flag.BAD_TOKEN
    minimum = settings.COMMENTS_MIN_SECONDS
    if value == f"{article.pk}:{RESEND_MARK}":
        minimum = min(minimum, RESEND_MIN_SECONDS)
    elif value != str(article.pk):
        return Comment.Flag.BAD_TOKEN
    issued = signing.b62_decode(token.rsplit(signer.sep, 2)[-2])
    if (now or time.time()) - issued < minimum:
        return Comment.Flag.TOO_FAST
    return None


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown. Only the moderators can see it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Plain text; links are not clickable. A moderator reads every comment before "
            "it is published."
        ),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Empty on the shared (cached) story page: comments.js asks for one when the reader
    # starts writing, and a form sent without one is handed back (comments/views.py).
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article: Article, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.article = article
        self.bot_signals: list[str] = []
        self.fields["body"].max_length = settings.COMMENTS_MAX_LENGTH
        self.fields["body"].validators.append(MaxLengthValidator(settings.COMMENTS_MAX_LENGTH))
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENTS_MAX_LENGTH

    def clean_parent(self) -> Comment | None:
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = Comment.objects.visible().filter(article=self.article, pk=pk).first()
        if parent is None:
            raise forms.ValidationError(
                _("You can only reply to a published comment."), code="bad_parent"
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.bot_signals.append(Comment.Flag.HONEYPOT)
        signal = token_signal(cleaned.get("token") or "", self.article)
        if signal:
            self.bot_signals.append(signal)
        return cleaned

    @property
    def parent_comment(self) -> Comment | None:
        return self.cleaned_data.get("parent") if hasattr(self, "cleaned_data") else None


#: A blank form's fields as HTML, by language and length limit: the same on every
#: story, and Django renders each field through two templates (2.5 ms a form, a tenth
#: of an uncached story page). Not kept under DEBUG, where template edits show at once.
_blank_fields: dict[tuple[str, int], dict[str, SafeString]] = {}


def fields_html(form: CommentForm) -> dict[str, SafeString]:
    """The form's fields as HTML: ``hidden`` (the reply's parent, the token) and
    ``visible`` (name, email, comment and the honeypot)."""
    blank = not form.is_bound and not any(form.initial.values()) and not settings.DEBUG
    key = (translation.get_language(), settings.COMMENTS_MAX_LENGTH)
    if blank and key in _blank_fields:
        return _blank_fields[key]
    html = {
        "hidden": format_html("{}{}", form["parent"], form["token"]),
        "visible": render_to_string("comments/_form_fields.html", {"form": form}),
    }
    if blank:
        _blank_fields[key] = html
    return html


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
    )
