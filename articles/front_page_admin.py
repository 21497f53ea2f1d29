"""The desk's front-page board: editors choose the lead and the top stories, move them up
and down and take them off (articles/front_page.py does the work), and the story list's
"Put on the front page as lead" action."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from newsroom.admin_widgets import LabelledSplitDateTime
from newsroom.thai_dates import BUDDHIST_ERA_OFFSET

from .front_page import (
    Placed,
    can_arrange,
    front_page_move,
    front_page_place,
    front_page_remove,
    front_page_stories,
)
from .models import Article, FrontPagePick, place_label

# A year from 2400 on is a Buddhist-era year (2569 is 2026): no expiry is 400 years away.
BUDDHIST_YEAR = re.compile(r"\b(2[4-9]\d\d)\b")


class EitherEraDateField(forms.DateField):
    """A date typed with a Buddhist-era year (25/12/2569) or a Common-Era one
    (25/12/2026, as the calendar writes it): both mean the same day."""

    def to_python(self, value):
        if isinstance(value, str):
            value = BUDDHIST_YEAR.sub(
                lambda year: str(int(year[0]) - BUDDHIST_ERA_OFFSET), value.strip()
            )
        return super().to_python(value)


class EitherEraSplitDateTimeField(forms.SplitDateTimeField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        date_field = self.fields[0]
        self.fields = (
            EitherEraDateField(error_messages=date_field.error_messages),
            self.fields[1],
        )


def place_choices() -> list[tuple[int, str]]:
    return [
        (position, place_label(position))
        for position in range(FrontPagePick.LEAD, FrontPagePick.LAST_POSITION + 1)
    ]


class PlaceForm(forms.Form):
    """A story for a place, until an optional end time. Not a ModelForm: a taken place
    is not an error here, its story moves down (front_page_place)."""

    article = forms.ModelChoiceField(
        queryset=Article.objects.none(), label=pgettext_lazy("front page", "story")
    )
    position = forms.TypedChoiceField(
        coerce=int, choices=place_choices, label=pgettext_lazy("front page", "place")
    )
    expires_at = EitherEraSplitDateTimeField(
        required=False,
        label=_("until"),
        widget=LabelledSplitDateTime,
        help_text=_(
            "Optional. Type the year in either era: a year from 2400 up is read as the "
            "Buddhist era. After this time the place goes back to the newest stories by "
            "itself."
        ),
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.fields["article"]
        # The admin's autocomplete offers the public stories only (the field's
        # limit_choices_to): FrontPagePickAdmin.autocomplete_fields.
        article.widget = AutocompleteSelect(FrontPagePick._meta.get_field("article"), admin_site)
        article.widget.is_required = True
        article.queryset = Article.objects.published()  # also gives the widget its choices


@admin.register(FrontPagePick)
class FrontPagePickAdmin(admin.ModelAdmin):
    """One page, the board, instead of a list and a form per pick."""

    autocomplete_fields = ["article"]  # the board's story box asks the admin for these

    def has_view_permission(self, request, obj=None):
        return can_arrange(request.user)

    def has_add_permission(self, request):
        return can_arrange(request.user)

    def has_change_permission(self, request, obj=None):
        return can_arrange(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_arrange(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.board_view), name="articles_frontpagepick_changelist"),
            path("add/", view(self.board_view), name="articles_frontpagepick_add"),
            path("place/", view(self.place_view), name="articles_frontpagepick_place"),
            path(
                "<int:pk>/move/<str:direction>/",
                view(self.move_view),
                name="articles_frontpagepick_move",
            ),
            path("<int:pk>/remove/", view(self.remove_view), name="articles_frontpagepick_remove"),
        ]

    def check_allowed(self, request):
        if not can_arrange(request.user):
            raise PermissionDenied

    def board_view(self, request):
        self.check_allowed(request)
        initial = {"position": request.GET.get("position", FrontPagePick.LEAD)}
        editing = request.GET.get("edit", "")
        if editing.isdigit():
            pick = FrontPagePick.objects.filter(pk=editing).first()
            if pick is not None:
                initial = {
                    "article": pick.article_id,
                    "position": pick.position,
                    "expires_at": pick.expires_at,
                }
        return self.render_board(request, PlaceForm(initial=initial, admin_site=self.admin_site))

    def render_board(self, request, form):
        picks = {pick.position: pick for pick in FrontPagePick.objects.select_related("article")}
        live = set(FrontPagePick.objects.live().values_list("pk", flat=True))
        slots = [
            {
                "position": position,
                "label": label,
                "pick": picks.get(position),
                "shown": position in picks and picks[position].pk in live,
                "first": position == FrontPagePick.LEAD,
                "last": position == FrontPagePick.LAST_POSITION,
            }
            for position, label in place_choices()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Front page: lead and top stories"),
            "slots": slots,
            "automatic_lead": None if slots[0]["shown"] else front_page_stories()["lead"],
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/frontpagepick/board.html", context)

    def place_view(self, request):
        self.check_allowed(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = PlaceForm(request.POST, admin_site=self.admin_site)
        if form.is_valid():
            try:
                placed = front_page_place(**form.cleaned_data, user=request.user)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                tell_placed(self, request, placed)
                return redirect("admin:articles_frontpagepick_changelist")
        return self.render_board(request, form)

    def move_view(self, request, pk, direction):
        self.check_allowed(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if direction not in MOVES:
            raise Http404
        pick = get_object_or_404(FrontPagePick, pk=pk)
        try:
            front_page_move(pick=pick, by=MOVES[direction], user=request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        return redirect("admin:articles_frontpagepick_changelist")

    def remove_view(self, request, pk):
        self.check_allowed(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pick = get_object_or_404(FrontPagePick.objects.select_related("article"), pk=pk)
        front_page_remove(pick=pick, user=request.user)
        self.message_user(
            request,
            gettext("“%(title)s” is off the front page.") % {"title": pick.article.title},
            messages.SUCCESS,
        )
        return redirect("admin:articles_frontpagepick_changelist")


MOVES = {"up": -1, "down": 1}


def tell_placed(model_admin, request, placed: Placed) -> None:
    model_admin.message_user(
        request,
        gettext("“%(title)s” is now on the front page: %(place)s.")
        % {"title": placed.pick.article.title, "place": placed.pick.place_label},
        messages.SUCCESS,
    )
    if placed.dropped is not None:
        model_admin.message_user(
            request,
            gettext("“%(title)s” left the front page to make room.")
            % {"title": placed.dropped.title},
            messages.WARNING,
        )


class FrontPageActions:
    """The story list's action, for ArticleAdmin: editors only (the action is not
    offered to others, and the server refuses it to them)."""

    @admin.action(
        description=_("Put on the front page as lead"), permissions=["arrange_front_page"]
    )
    def put_on_front_page_as_lead(self, request, queryset):
        stories = list(queryset[:2])
        if len(stories) != 1:
            self.message_user(
                request, gettext("Choose one story to lead the front page."), messages.ERROR
            )
            return
        try:
            placed = front_page_place(
                article=stories[0], position=FrontPagePick.LEAD, user=request.user
            )
        except (PermissionDenied, ValidationError) as refusal:
            message = " ".join(getattr(refusal, "messages", [str(refusal)]))
            self.message_user(request, f"{stories[0]}: {message}", messages.ERROR)
            return
        tell_placed(self, request, placed)

    def has_arrange_front_page_permission(self, request):
        return can_arrange(request.user)
