"""The story form's "Names in this story" panel and the bulk "link suggested" action.

Mixed into articles.admin.ArticleAdmin. Suggestions only: the panel's "add" ticks a
person or organisation in the story's form (with JavaScript, in the page; without, by
re-showing the form with it ticked), and nothing is linked until the story is saved.

* ``names/`` (POST, CSRF): the panel for the text being typed, as JSON with its HTML,
  for people/static/people/names_panel.js.
* "Check names" (``_check_names``) and the add buttons (``_add_person``,
  ``_add_organisation``) submit the story form itself: it is shown again with the
  reporter's text and the suggestions, and not saved.
* The changelist action links every suggested person and organisation of the chosen
  stories after a confirmation page listing them (editors only).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import services

from . import suggestions

CHECK = "_check_names"
ADD = {"_add_person": "people", "_add_organisation": "organisations"}


def _ids(values) -> set[int]:
    return {int(value) for value in values if str(value).isdigit()}


def _initial_ids(values) -> set[int]:
    return {getattr(value, "pk", value) for value in values or ()}


class NamesPanelMixin:
    """Hooks for ArticleAdmin; see the module docstring."""

    @property
    def media(self):
        return super().media + forms.Media(js=["people/names_panel.js"])

    def get_urls(self):
        own = [
            path(
                "names/",
                self.admin_site.admin_view(self.names_view),
                name="articles_article_names",
            ),
        ]
        return own + super().get_urls()

    # --- the story form -----------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.names_check = False
        if request.method == "POST" and (CHECK in request.POST or set(ADD) & set(request.POST)):
            request.names_check = True
            data = request.POST.copy()
            for button, field in ADD.items():
                if data.get(button, "").isdigit():
                    data.appendlist(field, data[button])
            request.POST = data
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "names_check", False):
            # Shown again, never saved: the admin re-shows a form that is not valid.
            return type(form.__name__, (form,), {"is_valid": _checked_not_saved})
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:
            data = form.data
            text = suggestions.story_text(
                data.get("title", ""), data.get("standfirst", ""), data.get("body", "")
            )
            people, organisations = data.getlist("people"), data.getlist("organisations")
            linked = (_ids(people), _ids(organisations))
        elif obj is not None:
            text = suggestions.story_text(obj.title, obj.standfirst, obj.body)
            linked = (
                _initial_ids(form.initial.get("people")),
                _initial_ids(form.initial.get("organisations")),
            )
        else:
            text, linked = "", (set(), set())
        context["names"] = self.names_context(request, text, *linked)
        context["names"]["checked"] = getattr(request, "names_check", False)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def names_context(self, request, text, linked_people, linked_organisations) -> dict:
        found = suggestions.suggest(
            text, linked_people=linked_people, linked_organisations=linked_organisations
        )
        return {
            "found": found,
            "can_add_person": request.user.has_perm("people.add_person"),
        }

    def names_view(self, request):
        """The panel for the posted text: {"html", "people", "organisations", "new_people"}."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        post = request.POST
        text = suggestions.story_text(
            post.get("title", ""), post.get("standfirst", ""), post.get("body", "")
        )
        names = self.names_context(
            request, text, _ids(post.getlist("people")), _ids(post.getlist("organisations"))
        )
        found = names["found"]

        def rows(items, label):
            return [{"id": s.entity.pk, "name": label(s.entity), "linked": s.linked} for s in items]

        return JsonResponse(
            {
                "html": render_to_string(
                    "admin/articles/article/names_found.html", {"names": names}, request
                ),
                "people": rows(found.people, lambda person: person.full_name),
                "organisations": rows(found.organisations, str),
                "new_people": [
                    {"title": new.title, "name": new.name, "add_url": new.add_url}
                    for new in found.new_people
                ],
            }
        )

    # --- the changelist action ----------------------------------------------------------------

    def has_edit_any_permission(self, request):
        return request.user.has_perm("articles.change_article") and request.user.has_perm(
            "articles.edit_any_article"
        )

    @admin.action(
        description=_("Link suggested people and organisations"), permissions=["edit_any"]
    )
    def link_suggested_names(self, request, queryset):
        if not self.has_edit_any_permission(request):  # a forged action name
            raise PermissionDenied
        plans = []
        for article in queryset.order_by("pk"):
            if not services.can_edit(request.user, article):
                continue
            found = suggestions.suggest_for_article(article)
            people = [s.entity for s in found.people if not s.linked]
            organisations = [s.entity for s in found.organisations if not s.linked]
            if people or organisations:
                plans.append((article, people, organisations))
        if request.POST.get("confirm") == "yes":
            linked = 0
            for article, people, organisations in plans:
                linked += suggestions.article_link_entities(
                    article=article,
                    people=[p.pk for p in people],
                    organisations=[o.pk for o in organisations],
                )
            self.message_user(
                request,
                ngettext("%(count)d link added.", "%(count)d links added.", linked)
                % {"count": linked},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Link suggested people and organisations"),
            "plans": plans,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "link_suggested_names",
        }
        return TemplateResponse(request, "admin/articles/article/link_suggested.html", context)


def _checked_not_saved(form) -> bool:
    form.full_clean()  # field errors still show, so the reporter sees them early
    return False
