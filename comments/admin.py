"""The moderation queue: one list a moderator can work through all shift, by keyboard.

Moderating needs only the ``comments.moderate_comment`` permission (the Moderator
group); every action calls comments/services.py, which checks it again. Comments are
never edited through a form: their status changes by the actions, each recorded as a
decision that can be undone.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Func, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin import RecordInline
from newsroom.templatetags.thai_dates import short_date, time_of_day

from . import services
from .models import Comment, CommentPolicy, CommentReport, ModerationDecision

Status = Comment.Status


#: The bot checks, as the queue names them ("held by bot check: too fast").
BOT_CHECKS = {
    Comment.Flag.TOO_FAST: _("too fast"),
    Comment.Flag.BAD_TOKEN: _("bad token"),
    Comment.Flag.HONEYPOT: _("honeypot"),
}


class ModerationActionForm(ActionForm):
    reason = forms.ChoiceField(
        label=_("Reason for rejecting:"),
        required=False,
        choices=[("", "---------")]
        + [
            (value, label)
            for value, label in ModerationDecision.Reason.choices
            if value in ModerationDecision.REJECT_REASONS
        ],
    )


class QueueFilter(admin.SimpleListFilter):
    """The moderator's queues. The list opens on Pending, oldest first: with the
    comments bot checks sent to spam unseen, unless the policy says otherwise."""

    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Pending")),
            ("reported", _("Reported")),
            ("approved", _("Approved")),
            ("rejected", _("Rejected")),
            ("spam", _("Spam")),
            ("all", _("All")),
        ]

    def value(self):
        return super().value() or "pending"

    def choices(self, changelist):
        # Without Django's own "All" entry, which would have no parameter and so open
        # the default (Pending) queue again: "all" is listed above instead.
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == "reported":
            return queryset.reported()
        if value == "pending":
            policy = CommentPolicy.load()
            return queryset.queue(include_bot_held=policy.queue_includes_bot_held)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class CommenterFilter(admin.SimpleListFilter):
    """``?commenter=<comment id>``: every comment by the same email as that one (never
    by address: see CommentQuerySet.by_commenter). Reached from the History column; in the
    sidebar only while in use."""

    title = _("commenter")
    parameter_name = "commenter"

    def lookups(self, request, model_admin):
        return []

    def has_output(self):
        # The changelist applies only filters with output: listed (with "All", to leave
        # it) while a commenter is chosen, hidden otherwise.
        return bool(self.value())

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        source = Comment.objects.filter(pk=value).values("email").first()
        if source is None:
            return queryset.none()
        return queryset.by_commenter(email=source["email"])


def _phone_label(label) -> str:
    """A column's heading inside its cell, shown only at phone width (moderation.css),
    where the rows are cards with no headings above the cells."""
    return format_html('<span class="moderation__label">{}: </span>', label)


def _history_count(status: str):
    """Other comments by the same email with this status (a subquery): the commenter's
    record, never the address's (CommentQuerySet.by_commenter)."""
    # An empty email (imported comments have none) is nobody in particular.
    others = (
        Comment.objects.filter(email=OuterRef("email"), status=status)
        .exclude(email="")
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Coalesce(Subquery(others), 0)


class DecisionInline(RecordInline):
    model = ModerationDecision
    fk_name = "comment"
    fields = ["created_at", "moderator", "from_status", "to_status", "reason", "undoes"]
    verbose_name_plural = _("decisions (who, when, why)")

    def has_view_permission(self, request, obj=None):
        return services.can_moderate(request.user) or super().has_view_permission(request, obj)


class ReportInline(RecordInline):
    model = CommentReport
    fields = ["created_at", "reason", "resolved_at"]

    def has_view_permission(self, request, obj=None):
        return services.can_moderate(request.user) or super().has_view_permission(request, obj)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["comment_column", "held_because", "history", "status"]
    list_display_links = None
    list_filter = [QueueFilter, CommenterFilter, "created_at"]
    list_select_related = ["article", "parent"]
    list_per_page = 50
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created_at"
    action_form = ModerationActionForm
    actions = ["approve_selected", "reject_selected", "spam_selected", "undo_selected"]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "body",
        "status",
        "flags",
        "created_at",
        "moderated_by",
        "moderated_at",
        "moderation_reason",
        "ip_hash",
    ]
    readonly_fields = fields
    inlines = [ReportInline, DecisionInline]

    class Media:
        css = {"all": ["comments/css/moderation.css"]}
        js = ["comments/js/moderation.js"]

    # Permissions: moderating needs comments.moderate_comment (or a superuser), and
    # nothing else; others with the view permission (editors) may read the queue. Nobody
    # edits a reader's words or adds comments here.
    def has_moderate_permission(self, request):
        return services.can_moderate(request.user)

    def has_module_permission(self, request):
        return self.has_moderate_permission(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_moderate_permission(request) or request.user.has_perm(
            "comments.view_comment"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_list_display(self, request):
        # Buttons on each row (usable on a phone, where ticking rows and choosing an
        # action is slow) only for those who may decide.
        if self.has_moderate_permission(request):
            return [*self.list_display, "decide_column"]
        return self.list_display

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("<int:object_id>/decide/", decide, name="comments_comment_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        """One row's button: approve, reject (with the row's reason) or spam, through
        services.comment_moderate, then back to the queue the moderator was on."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=object_id)
        action = request.POST.get("decision", "")
        reason = request.POST.get(f"reason-{comment.pk}", "")
        try:
            decision = services.comment_moderate(
                comment=comment, moderator=request.user, action=action, reason=reason
            )
        except ValidationError as error:
            self.message_user(request, f"#{comment.pk}: {' '.join(error.messages)}", messages.ERROR)
        else:
            status = Status(decision.to_status).label
            self.message_user(
                request,
                _("Comment #%(id)s: %(status)s.") % {"id": comment.pk, "status": status},
                messages.SUCCESS,
            )
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:comments_comment_changelist")
        return HttpResponseRedirect(back)

    def get_queryset(self, request):
        open_reports = CommentReport.objects.filter(resolved_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                history_approved=_history_count(Status.APPROVED),
                history_pending=_history_count(Status.PENDING),
                history_rejected=_history_count(Status.REJECTED),
                history_spam=_history_count(Status.SPAM),
            )
            .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        )

    @admin.display(description=_("comment"))
    def comment_column(self, obj):
        reply = ""
        if obj.parent_id:
            reply = format_html(
                '<p class="moderation__reply">{} <bdi>{}</bdi>: “{}”</p>',
                _("In reply to"),
                obj.parent.name,
                obj.parent.body[:120],
            )
        return format_html(
            '<div class="moderation__comment" data-comment="{}">'
            '<p class="moderation__meta"><strong><bdi>{}</bdi></strong> · {} {} · '
            '<a href="{}">{}</a> · <a href="{}">{}</a></p>{}'
            '<div class="moderation__body" dir="auto">{}</div></div>',
            obj.pk,
            obj.name,
            short_date(obj.created_at),
            time_of_day(obj.created_at),
            obj.article.get_absolute_url(),
            obj.article.title,
            reverse("admin:comments_comment_change", args=[obj.pk]),
            _("details"),
            reply,
            linebreaksbr(obj.body),
        )

    @admin.display(description=_("decide"))
    def decide_column(self, obj):
        # Buttons of the changelist's own form (which carries the CSRF token), sent to
        # this row's address by formaction: forms cannot nest.
        url = reverse("admin:comments_comment_decide", args=[obj.pk])
        reasons = format_html_join(
            "",
            '<option value="{}">{}</option>',
            (
                (value, label)
                for value, label in ModerationDecision.Reason.choices
                if value in ModerationDecision.REJECT_REASONS
            ),
        )
        return format_html(
            '<div class="moderation__decide">'
            '<button type="submit" class="button" formaction="{url}" name="decision" '
            'value="approve">{approve}</button>'
            '<span class="moderation__reject"><select name="reason-{pk}" aria-label="{why}">'
            '<option value="">{why}</option>{reasons}</select>'
            '<button type="submit" class="button" formaction="{url}" name="decision" '
            'value="reject">{reject}</button></span>'
            '<button type="submit" class="button" formaction="{url}" name="decision" '
            'value="spam">{spam}</button></div>',
            url=url,
            pk=obj.pk,
            approve=_("Approve"),
            reject=_("Reject"),
            spam=_("Spam"),
            why=_("Reason for rejecting:"),
            reasons=reasons,
        )

    @admin.display(description=_("held because"))
    def held_because(self, obj):
        labels = dict(Comment.Flag.choices)
        items = [str(labels.get(flag, flag)) for flag in obj.flags if flag not in BOT_CHECKS]
        checks = [str(BOT_CHECKS[flag]) for flag in obj.flags if flag in BOT_CHECKS]
        if checks:
            # First, and marked, so the moderator sees at once that no person decided.
            bot = format_html(
                '<li class="moderation__bot">{}</li>',
                _("Held by bot check: %(checks)s") % {"checks": " / ".join(checks)},
            )
        else:
            bot = ""
        reports = getattr(obj, "open_reports", [])
        if reports:
            reasons = ", ".join(dict.fromkeys(str(r.get_reason_display()) for r in reports))
            items.append(
                ngettext(
                    "%(count)d report: %(reasons)s", "%(count)d reports: %(reasons)s", len(reports)
                )
                % {"count": len(reports), "reasons": reasons}
            )
        heading = _phone_label(_("held because"))
        if not items and not bot:
            return format_html("{}—", heading)
        return format_html(
            '{}<ul class="moderation__flags">{}{}</ul>',
            heading,
            bot,
            format_html_join("", "<li>{}</li>", ((i,) for i in items)),
        )

    @admin.display(description=_("history"))
    def history(self, obj):
        counts = [
            (_("approved"), obj.history_approved),
            (_("pending"), obj.history_pending),
            (_("rejected"), obj.history_rejected),
            (_("spam"), obj.history_spam),
        ]
        total = sum(count for _label, count in counts)
        heading = _phone_label(_("history"))
        if not total:
            return format_html("{}{}", heading, _("first comment"))
        url = f"{reverse('admin:comments_comment_changelist')}?queue=all&commenter={obj.pk}"
        return format_html(
            '{}<a href="{}">{}</a>',
            heading,
            url,
            ", ".join(f"{label} {count}" for label, count in counts if count),
        )

    def _moderate(self, request, queryset, action, reason=""):
        done, failed = 0, []
        for comment in queryset:
            try:
                services.comment_moderate(
                    comment=comment, moderator=request.user, action=action, reason=reason
                )
                done += 1
            except ValidationError as error:
                failed.append(f"#{comment.pk}: {' '.join(error.messages)}")
        return done, failed

    def _report(self, request, done, failed, message):
        if done:
            self.message_user(request, message % {"count": done}, messages.SUCCESS)
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    @admin.action(permissions=["moderate"], description=_("Approve selected comments (a)"))
    def approve_selected(self, request, queryset):
        done, failed = self._moderate(request, queryset, "approve")
        self._report(request, done, failed, _("Approved: %(count)d."))

    @admin.action(permissions=["moderate"], description=_("Reject selected comments (r)"))
    def reject_selected(self, request, queryset):
        reason = request.POST.get("reason", "")
        if reason not in ModerationDecision.REJECT_REASONS:
            self.message_user(
                request, _("Choose a reason for rejecting, then try again."), messages.ERROR
            )
            return
        done, failed = self._moderate(request, queryset, "reject", reason)
        self._report(request, done, failed, _("Rejected: %(count)d."))

    @admin.action(permissions=["moderate"], description=_("Mark selected comments as spam (s)"))
    def spam_selected(self, request, queryset):
        done, failed = self._moderate(request, queryset, "spam")
        self._report(request, done, failed, _("Marked as spam: %(count)d."))

    @admin.action(permissions=["moderate"], description=_("Undo the last decision (u)"))
    def undo_selected(self, request, queryset):
        done, failed = 0, []
        for comment in queryset:
            try:
                services.comment_undo(comment=comment, moderator=request.user)
                done += 1
            except ValidationError as error:
                failed.append(f"#{comment.pk}: {' '.join(error.messages)}")
        self._report(request, done, failed, _("Undone: %(count)d."))

    def response_action(self, request, queryset):
        try:
            return super().response_action(request, queryset)
        except PermissionDenied:
            raise
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(CommentPolicy)
class CommentPolicyAdmin(admin.ModelAdmin):
    """One row of rules: the list goes straight to it."""

    fieldsets = [
        (_("Words"), {"fields": ["banned_words", "suspect_words"]}),
        (
            _("Holding and trust"),
            {
                "fields": [
                    "max_links",
                    "auto_approve_after",
                    "recent_days",
                    "duplicate_hours",
                    "queue_includes_bot_held",
                ]
            },
        ),
        (_("Closing"), {"fields": ["close_after_days"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        policy, _created = CommentPolicy.objects.get_or_create(pk=1)
        return HttpResponseRedirect(
            reverse("admin:comments_commentpolicy_change", args=[policy.pk])
        )
