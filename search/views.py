from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.models import Article, Section
from newsroom import pagecache
from newsroom.pagecache import cache_for_readers
from people.models import Organisation, Person

from . import engine

RESULTS_PAGE_SIZE = 10
SNIPPET_WORDS = 30


def stories_in_period(filters: engine.Filters):
    """Public stories of the filters' dates (and section, person, organisation), newest
    first: what the page lists when it is given dates without words."""
    stories = Article.objects.published().order_by("-published_at", "-pk")
    for day, lookup, extra in (
        (filters.date_from, "published_at__gte", 0),
        (filters.date_to, "published_at__lt", 1),
    ):
        if day is not None:
            moment = timezone.make_aware(datetime.combine(day, time.min)) + timedelta(extra)
            stories = stories.filter(**{lookup: moment})
    if filters.section is not None:
        stories = stories.filter(section=filters.section)
    if filters.person is not None:
        stories = stories.filter(
            Q(pk__in=filters.person.bylines.values("article_id"))
            | Q(
                pk__in=Article.people.through.objects.filter(person=filters.person).values(
                    "article_id"
                )
            )
        )
    if filters.organisation is not None:
        stories = stories.filter(organisations=filters.organisation)
    return stories


@method_decorator(cache_for_readers, name="dispatch")
class SearchView(ListView):
    """/search/?q=…&section=…&from=…&to=…&person=…&organisation=…"""

    template_name = "search/results.html"
    context_object_name = "articles"
    paginate_by = RESULTS_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "")
        self.parsed = engine.parse_query(self.query)
        self.notices: list[str] = []
        self.filters = self.read_filters(request.GET)
        return super().get(request, *args, **kwargs)

    def read_filters(self, params) -> engine.Filters:
        """Filters from the address; a value that makes no sense is ignored, with a note."""
        filters = engine.Filters()
        if slug := params.get("section", ""):
            filters.section = Section.objects.filter(slug=slug[:200]).first()
            if filters.section is None:
                self.notices.append(_("There is no such section; searched all sections."))
        for name, label in (("from", "date_from"), ("to", "date_to")):
            if value := params.get(name, ""):
                try:
                    setattr(filters, label, date.fromisoformat(value[:10]))
                except ValueError:
                    self.notices.append(
                        _("“%(value)s” is not a date; it was ignored.") % {"value": value[:30]}
                    )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            filters.date_from, filters.date_to = filters.date_to, filters.date_from
        for name, model in (("person", Person), ("organisation", Organisation)):
            if value := params.get(name, ""):
                found = model.objects.filter(pk=int(value)).first() if value.isdigit() else None
                if found is None:
                    self.notices.append(_("The person or organisation asked for was not found."))
                setattr(filters, name, found)
        return filters

    @property
    def browsing(self) -> bool:
        """Dates without words: the period's stories, newest first (an old blog's date
        archive, /2019/05/, lands here: imports/oldpaths.py)."""
        return not self.parsed and bool(self.filters.date_from or self.filters.date_to)

    def get_queryset(self):
        if self.browsing:
            return stories_in_period(self.filters).values_list("pk", flat=True)
        # The ranked ids (at most engine.RANK_WINDOW), paginated as a list: counting
        # them again in SQL would check every candidate's document a second time.
        if not self.parsed:
            return []
        return list(engine.search(self.parsed, self.filters).values_list("pk", flat=True))

    def paginate_queryset(self, queryset, page_size):
        # A page number past the end (or not a number) shows the last page, not a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = list(context["object_list"])
        # The body is wanted here (for_listing() defers it): snippets come from it.
        found = Article.objects.filter(pk__in=ids).for_listing().defer(None)
        by_id = {article.pk: article for article in found} if ids else {}
        context["object_list"] = context["articles"] = [by_id[pk] for pk in ids if pk in by_id]
        for article in context["articles"]:
            article.highlighted_title = engine.highlight(article.title, self.parsed)
            article.snippet = engine.snippet(article, self.parsed, SNIPPET_WORDS)
        people, organisations = [], []
        if self.parsed and context["page_obj"].number == 1:
            people, organisations = engine.matching_entities(self.parsed)
        context.update(
            query=self.parsed.text,
            searched=bool(self.parsed),
            browsing=self.browsing,
            typed=bool(self.query.strip()),
            filters=self.filters,
            notices=self.notices,
            sections=Section.objects.all(),
            matching_people=people,
            matching_organisations=organisations,
            broad=bool(self.parsed.broad),
            rank_window=engine.RANK_WINDOW,
        )
        # Any publish, unpublish or synonym may change what a search finds.
        pagecache.shows(
            self.request, "stories", "search", "nav", *context["articles"], *people, *organisations
        )
        return context
