"""The workflow buttons of the story form: submit, publish, schedule, send back, unpublish.

Each button is a submit button of the story form itself (name ``_workflow``), so a
press saves the writer's edits and the move in one transaction, and a refusal re-shows
the form with the text kept. What each action may and does is in articles/workflow.py;
this module puts it on the form (WorkflowFormMixin, for ArticleForm) and in the admin
(WorkflowAdminMixin, for ArticleAdmin): the buttons, the status line that replaces the
status menu, the message saying what happened, and "View on site" for unpublished
stories, which opens the staff preview.
"""

import copy
import json
from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom import thai_dates

from . import services, workflow
from .models import Article
from .workflow import Action

#: The name of the workflow buttons; their value is the action.
ACTION_FIELD = "_workflow"
#: The date-time picker sends its value in this shape (seconds only if typed).
PICKER_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
#: A year this large in the picker was typed in the Buddhist era (2400 BE is 1857 CE).
BUDDHIST_YEARS_FROM = 2400
#: The fields an action changes, put back when the form is shown again unsaved.
WORKFLOW_FIELDS = ("status", "published_at", "unpublish_at", "review_note")


def moment_text(value: datetime) -> str:
    """A time as the messages state it: the Buddhist era for Thai users."""
    local = timezone.localtime(value)
    if (translation.get_language() or "").startswith("th"):
        return f"{thai_dates.long_thai_date(local)} เวลา {thai_dates.thai_time(local)}"
    return date_format(local, "l j F Y, H:i")


def user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("someone")


def parse_picker_time(raw: str) -> datetime:
    """The picker's local time; a Buddhist-era year typed by hand is read as such."""
    for pattern in PICKER_FORMATS:
        try:
            value = datetime.strptime(raw.strip(), pattern)
            break
        except ValueError:
            continue
    else:
        raise ValidationError(_("Enter the date and the time."), code="invalid")
    if value.year >= BUDDHIST_YEARS_FROM:
        try:
            value = value.replace(year=value.year - thai_dates.BUDDHIST_ERA_OFFSET)
        except ValueError:  # 29 February of a year that is not a leap year in the other era
            raise ValidationError(_("There is no such date."), code="invalid") from None
    return timezone.make_aware(value)


class WorkflowFormMixin:
    """For the story form: the pressed button checked with the edits, and applied to the
    instance only when everything else is valid (ArticleForm supplies ``self.user``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The story as loaded: who may do what is judged on it, never on the edits.
        self.workflow_before = copy.copy(self.instance)
        self.workflow_action = self.data.get(ACTION_FIELD, "") if self.is_bound else ""
        self.fields["workflow_when"] = forms.CharField(
            label=gettext_lazy("Appear on the site at"),
            required=False,
            widget=forms.DateTimeInput(
                format="%Y-%m-%dT%H:%M",
                attrs={
                    "type": "datetime-local",
                    "min": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                    "aria-describedby": "workflow-when-era workflow-when-reading",
                },
            ),
        )
        self.fields["workflow_note"] = forms.CharField(
            label=gettext_lazy("Note for the reporter"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        )
        published_at = self.instance.published_at
        if not self.is_bound and published_at and published_at > timezone.now():
            self.initial["workflow_when"] = timezone.localtime(published_at).strftime(
                "%Y-%m-%dT%H:%M"
            )

    def clean(self):
        cleaned = super().clean()
        action = self.workflow_action
        if not action:
            return cleaned
        reason = workflow.refusal(user=self.user, article=self.workflow_before, action=action)
        if reason:
            self.add_error(None, ValidationError(reason, code="forbidden"))
        elif action == Action.SCHEDULE:
            try:
                when = parse_picker_time(cleaned.get("workflow_when") or "")
            except ValidationError as error:
                self.add_error("workflow_when", error)
            else:
                if when <= timezone.now():
                    self.add_error(
                        "workflow_when",
                        ValidationError(
                            _(
                                "That time has passed (%(when)s): choose a time still to "
                                "come, or publish now."
                            )
                            % {"when": moment_text(when)},
                            code="past",
                        ),
                    )
                else:
                    cleaned["workflow_when"] = when
        elif action == Action.SEND_BACK and not (cleaned.get("workflow_note") or "").strip():
            self.add_error(
                "workflow_note",
                ValidationError(
                    _("Write a note saying what the reporter should change."), code="required"
                ),
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        if not self.workflow_action:
            # A plain save: the form leaves out status, so Django skipped the constraints
            # naming it (a published story saved with its publish time emptied).
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self.add_error(None, error)
            return
        try:
            workflow.apply_action(
                article=self.instance,
                action=self.workflow_action,
                when=self.cleaned_data.get("workflow_when"),
                note=self.cleaned_data.get("workflow_note") or "",
            )
            # The form leaves out status, so Django skipped the constraints naming it.
            self.instance.validate_constraints()
        except ValidationError as error:
            self.workflow_revert()
            self.add_error(None, error)

    def workflow_revert(self) -> None:
        """Put back what an action changed on the instance (the form is shown again)."""
        for name in WORKFLOW_FIELDS:
            setattr(self.instance, name, getattr(self.workflow_before, name))


class WorkflowAdminMixin:
    """For ArticleAdmin: the buttons, the status line, the messages and View on site."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["articles/workflow.js"], css={"all": ["articles/workflow.css"]}
        )

    @admin.display(description=gettext_lazy("status"))
    def workflow_status(self, article):
        """The status menu's replacement: where the story stands, who moved it last, when."""
        state = workflow.story_state(article)
        if state == workflow.State.SCHEDULED and article.published_at:
            where = _("Scheduled for %(when)s") % {"when": moment_text(article.published_at)}
        else:
            where = str(state.label)
        last = article.status_changes.select_related("changed_by").first() if article.pk else None
        if last is None:
            return where
        return _("%(status)s · last changed by %(name)s on %(when)s") % {
            "status": where,
            "name": user_name(last.changed_by),
            "when": moment_text(last.changed_at),
        }

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.pk is None:
            return None
        if workflow.story_state(obj) == workflow.State.PUBLIC:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:
            form.workflow_revert()  # shown again, so nothing was saved
        can_act = self.has_change_permission(request, obj) if change else True
        actions = (
            workflow.allowed_actions(user=request.user, article=form.workflow_before)
            if can_act
            else []
        )
        context["workflow"] = {
            "actions": [action.value for action in actions],
            "pressed": form.workflow_action,
            "when": form["workflow_when"],
            "note": form["workflow_note"],
            "thai": (translation.get_language() or "").startswith("th"),
            "months": json.dumps(thai_dates.THAI_MONTHS, ensure_ascii=False),
            "weekdays": json.dumps(thai_dates.THAI_WEEKDAYS, ensure_ascii=False),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = form.workflow_action
        record = services.status_change_record(
            article=form.instance,
            user=request.user,
            from_status=form.workflow_before.status if change else "",
            note=form.instance.review_note if action == Action.SEND_BACK else "",
        )
        if action:
            request.workflow_done = (Action(action), record.changed_at if record else None)

    def response_add(self, request, obj, post_url_continue=None):
        return self.workflow_response(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self.workflow_response(request, obj) or super().response_change(request, obj)

    def workflow_response(self, request, obj):
        """After an action: say what happened, to whom and when, and stay on the story."""
        done = getattr(request, "workflow_done", None)
        if done is None:
            return None
        action, changed_at = done
        self.message_user(request, done_message(obj, action, changed_at), messages.SUCCESS)
        url = reverse("admin:articles_article_change", args=[obj.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))


def done_message(article: Article, action: Action, changed_at: datetime | None) -> str:
    when = moment_text(changed_at or timezone.now())
    values = {"title": article.title, "when": when}
    if action == Action.SUBMIT:
        return _("Sent “%(title)s” to the editors for review on %(when)s.") % values
    if action == Action.PUBLISH:
        return _("Published “%(title)s” now, on %(when)s: it is on the site.") % values
    if action == Action.SCHEDULE:
        values["when"] = moment_text(article.published_at)
        return _("“%(title)s” will appear on the site on %(when)s.") % values
    if action == Action.SEND_BACK:
        values["name"] = user_name(article.created_by) if article.created_by else _("the reporter")
        return _("Sent “%(title)s” back to %(name)s with your note, on %(when)s.") % values
    return _("Unpublished “%(title)s” on %(when)s; it is no longer on the site.") % values
