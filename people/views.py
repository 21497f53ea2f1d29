from urllib.parse import unquote

from django.db.models import Count, F, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator

from articles.models import Article
from articles.views import ArticleListView
from newsroom import pagecache
from newsroom.pagecache import cache_for_readers
from newsroom.seo import canonical_redirect

from .models import Affiliation, Organisation, Person

#: How many of an organisation's people its page lists.
PEOPLE_SHOWN = 50


class EntityArticlesView(ArticleListView):
    """The stories naming one person or organisation, under its profile."""

    entity_queryset = None
    context_entity_name = ""

    def get(self, request, *args, **kwargs):
        self.entity = get_object_or_404(self.entity_queryset, pk=kwargs["pk"])
        canonical = self.entity.get_absolute_url()
        if request.path != unquote(canonical):  # reverse() percent-encodes Thai
            return canonical_redirect(request, canonical)
        return super().get(request, *args, **kwargs)

    #: The key of this kind's lists: ``stories-person-<id>``, ``stories-org-<id>``.
    list_kind = ""

    def list_key(self) -> str:
        return f"stories-{self.list_kind}-{self.entity.pk}"

    def get_context_data(self, **kwargs):
        pagecache.shows(self.request, self.entity, self.list_key())
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
    list_kind = "person"
    entity_queryset = Person.objects.prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
    )

    #: How many people the "often named with" list shows.
    NAMED_WITH = 8
    #: Among how many of the person's newest public stories they are counted: a
    #: minister named in 800 stories cost 16 ms a page, counting every person of each.
    NAMED_WITH_AMONG = 200

    def get_context_data(self, **kwargs):
        feed_url = reverse("people:feed-person", kwargs={"pk": self.entity.pk})
        return super().get_context_data(feed_url=feed_url, named_with=self.named_with(), **kwargs)

    def named_with(self) -> list[Person]:
        """People named in the most of this person's newest public stories (one query).
        Ids follow the order stories were written in, so the newest are read from the
        link table's (person, article) index."""
        newest = (
            Article.people.through.objects.filter(
                person=self.entity, article__in=Article.objects.published()
            )
            .order_by("-article_id")
            .values("article_id")[: self.NAMED_WITH_AMONG]
        )
        return list(
            Person.objects.filter(mentioned_in__in=newest)
            .exclude(pk=self.entity.pk)
            # A person is linked to a story once (unique together): no DISTINCT needed.
            .annotate(stories_together=Count("mentioned_in"))
            .order_by("-stories_together", "name")[: self.NAMED_WITH]
        )

    def filter_articles(self, articles):
        return articles.by_or_naming(self.entity)


@method_decorator(cache_for_readers, name="dispatch")
class OrganisationView(EntityArticlesView):
    template_name = "people/organisation.html"
    context_entity_name = "organisation"
    list_kind = "org"
    entity_queryset = Organisation.objects.select_related("parent").prefetch_related("children")

    def get_context_data(self, **kwargs):
        # Current people first; a large organisation's full list belongs on no page.
        people = (
            Affiliation.objects.filter(organisation=self.entity)
            .select_related("person")
            .order_by(
                F("end_date").desc(nulls_first=True),
                F("start_date").desc(nulls_last=True),
                "person__name",
            )[:PEOPLE_SHOWN]
        )
        return super().get_context_data(people=list(people), **kwargs)

    def filter_articles(self, articles):
        return articles.filter(organisations=self.entity)
