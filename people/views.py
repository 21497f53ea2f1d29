from urllib.parse import unquote

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator

from articles.views import ArticleListView
from newsroom.pagecache import cache_for_readers

from .models import Affiliation, Organisation, Person


class EntityArticlesView(ArticleListView):
    """The stories naming one person or organisation, under its profile."""

    entity_queryset = None
    context_entity_name = ""

    def get(self, request, *args, **kwargs):
        self.entity = get_object_or_404(self.entity_queryset, pk=kwargs["pk"])
        canonical = self.entity.get_absolute_url()
        if request.path != unquote(canonical):  # reverse() percent-encodes Thai
            return redirect(canonical, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **{self.context_entity_name: self.entity},
            heading=str(self.entity),
            description=getattr(self.entity, "bio", "") or getattr(self.entity, "description", ""),
            **kwargs,
        )


@method_decorator(cache_for_readers, name="dispatch")
class PersonView(EntityArticlesView):
    template_name = "people/person.html"
    context_entity_name = "person"
    entity_queryset = Person.objects.prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
    )

    def get_context_data(self, **kwargs):
        feed_url = reverse("people:feed-person", kwargs={"pk": self.entity.pk})
        return super().get_context_data(feed_url=feed_url, **kwargs)

    def filter_articles(self, articles):
        # Stories they wrote or that name them; a subquery keeps rows distinct.
        named = Q(bylines__person=self.entity) | Q(people=self.entity)
        return articles.filter(pk__in=articles.model.objects.filter(named).values("pk"))


@method_decorator(cache_for_readers, name="dispatch")
class OrganisationView(EntityArticlesView):
    template_name = "people/organisation.html"
    context_entity_name = "organisation"
    entity_queryset = Organisation.objects.select_related("parent").prefetch_related("children")

    def filter_articles(self, articles):
        return articles.filter(organisations=self.entity)
