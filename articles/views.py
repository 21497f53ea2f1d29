from datetime import timedelta
from urllib.parse import unquote

from django.db.models import Count, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from comments.models import Comment
from newsroom.pagecache import cache_for_readers

from .models import Article, Section, Tag

LATEST_PER_SECTION = 4
MOST_COMMENTED_DAYS = 3
LISTING_PAGE_SIZE = 20


@method_decorator(cache_for_readers, name="dispatch")
class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = Article.objects.published()
        lead = public.for_listing().first()
        # The newest few of every section in one query, whatever the number of sections.
        ranked = (
            public.exclude(pk=getattr(lead, "pk", None))
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by="section_id",
                    order_by=[("-published_at"), ("-pk")],
                )
            )
            .filter(rank__lte=LATEST_PER_SECTION)
            .for_listing()
            .order_by("section__position", "section__name", "-published_at")
        )
        by_section: dict[Section, list[Article]] = {}
        for article in ranked:
            by_section.setdefault(article.section, []).append(article)
        since = timezone.now() - timedelta(days=MOST_COMMENTED_DAYS)
        most_commented = (
            public.annotate(
                recent_comments=Count(
                    "comments",
                    filter=Q(
                        comments__status=Comment.Status.APPROVED,
                        comments__created_at__gte=since,
                    ),
                )
            )
            .filter(recent_comments__gt=0)
            .select_related("section")
            .order_by("-recent_comments", "-published_at")[:5]
        )
        context.update(lead=lead, sections=by_section.items(), most_commented=list(most_commented))
        return context


@method_decorator(cache_for_readers, name="dispatch")
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .prefetch_related("people", "organisations")
            .annotate(
                comment_count=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
            )
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != unquote(canonical):  # reverse() percent-encodes Thai
            return redirect(canonical, permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related"] = self.object.related_articles()
        return context


class ArticleListView(ListView):
    """A paginated listing of public stories under a profile header."""

    paginate_by = LISTING_PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().for_listing())

    def filter_articles(self, articles):
        raise NotImplementedError


@method_decorator(cache_for_readers, name="dispatch")
class SectionView(ArticleListView):
    template_name = "articles/section.html"

    def get(self, request, *args, **kwargs):
        self.section = get_object_or_404(Section, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            heading=self.section.name,
            description=self.section.description,
            feed_url=reverse("articles:feed-section", kwargs={"slug": self.section.slug}),
            **kwargs,
        )


@method_decorator(cache_for_readers, name="dispatch")
class TagView(ArticleListView):
    template_name = "articles/tag.html"

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag,
            heading=self.tag.name,
            feed_url=reverse("articles:feed-tag", kwargs={"slug": self.tag.slug}),
            **kwargs,
        )
