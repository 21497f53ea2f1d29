from urllib.parse import unquote

from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from newsroom import pagecache
from newsroom.pagecache import cache_for_readers
from newsroom.seo import canonical_redirect

from . import live, preview
from .models import Article, Section, Tag
from .story_loading import load_cards, load_story

LISTING_PAGE_SIZE = 20


@method_decorator(cache_for_readers, name="dispatch")
class HomeView(TemplateView):
    """The lead story and the latest of each section (``{% front_page %}``, a piece of
    its own: articles/templatetags/news.py), most discussed, ad slots."""

    template_name = "articles/home.html"


@method_decorator(cache_for_readers, name="dispatch")
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = load_story(self.kwargs["pk"])
        if article is None:
            raise Http404("No such public story")
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != unquote(canonical):  # reverse() percent-encodes Thai
            return canonical_redirect(request, canonical)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        pagecache.shows(
            self.request,
            article,
            article.section,
            *article.tags.all(),
            *article.people.all(),
            *article.organisations.all(),
        )
        context["live"] = live.coverage(self.request, article)
        return context


class RememberedCountPaginator(Paginator):
    """Counting a section's or tag's thousands of public stories takes tens of
    milliseconds: the count is kept until the list's key changes (a publish or
    unpublish in it, newsroom/pagecache.py), so a page of the list costs no count."""

    def __init__(self, *args, list_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_key = list_key

    @cached_property
    def count(self) -> int:
        def count() -> int:
            pagecache.shows(None, self.list_key)
            return self.object_list.count()

        return pagecache.remembered(f"count:{self.list_key}", count)


class ArticleListView(ListView):
    """A paginated listing of public stories under a profile header."""

    paginate_by = LISTING_PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published())

    def paginate_queryset(self, queryset, page_size):
        paginator, page, stories, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = load_cards(stories)  # articles/story_loading.py
        return paginator, page, page.object_list, is_paginated

    def filter_articles(self, articles):
        raise NotImplementedError

    def list_key(self) -> str:
        """newsroom/pagecache.py's key of the listed stories (``stories-section-3``)."""
        raise NotImplementedError

    def get_paginator(self, queryset, per_page, **kwargs):
        return RememberedCountPaginator(queryset, per_page, list_key=self.list_key(), **kwargs)


@method_decorator(cache_for_readers, name="dispatch")
class SectionView(ArticleListView):
    template_name = "articles/section.html"

    def get(self, request, *args, **kwargs):
        self.section = get_object_or_404(Section, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles):
        return articles.filter(section=self.section)

    def list_key(self) -> str:
        return f"stories-section-{self.section.pk}"

    def get_context_data(self, **kwargs):
        pagecache.shows(self.request, self.section, self.list_key())
        return super().get_context_data(
            section=self.section,
            heading=self.section.name,
            description=self.section.description,
            # A section's cards come back at each publish in it (pagecache.part);
            # tag, people's and organisations' lists are mostly the archive's.
            remember_cards=True,
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

    def list_key(self) -> str:
        return f"stories-tag-{self.tag.pk}"

    def get_context_data(self, **kwargs):
        pagecache.shows(self.request, self.tag, self.list_key())
        return super().get_context_data(
            tag=self.tag,
            heading=self.tag.name,
            feed_url=reverse("articles:feed-tag", kwargs={"slug": self.tag.slug}),
            **kwargs,
        )


def render_preview(request, article_id: int):
    """Any story as readers will see it, marked as a preview, never cached or indexed."""
    article = load_story(article_id, public=False)
    if article is None:
        raise Http404("No such story")
    context = {"article": article, "preview": True, "live": live.coverage(request, article)}
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def preview_by_link(request, token: str):
    """The signed link an editor gives someone without an account (articles/preview.py)."""
    try:
        article_id = preview.read_token(token)
    except signing.BadSignature as bad:
        raise Http404 from bad
    except preview.PreviewExpired:
        response = TemplateResponse(request, "articles/preview_expired.html", status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return render_preview(request, article_id)
