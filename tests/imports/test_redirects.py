"""Old addresses answer 301 with the new page, from the live site's middleware."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Tag
from imports.models import Redirect
from tests.factories import make_article, make_staff

from . import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(run_import):
    run_import("import_blogger", exports.blogger_2018())
    return Article.objects.get(title="น้ำท่วมถนนสุขุมวิท")


@pytest.mark.parametrize(
    "old",
    [
        "/2022/09/blog-post_12.html",
        "/2022/09/blog-post_12.html?m=1",
        "/2022/09/blog-post_12.html?showComment=1662980400000",
    ],
)
def test_old_post_address_answers_301_to_canonical(client, blog, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == blog.get_absolute_url()


def test_redirect_follows_a_changed_slug(client, blog):
    blog.slug = "สุขุมวิท"
    blog.save()
    assert client.get("/2022/09/blog-post_12.html")["Location"] == blog.get_absolute_url()
    assert "%E0%B8%AA" in blog.get_absolute_url()  # the new slug, percent-encoded


def test_label_page_and_feed(client, blog):
    tag = Tag.objects.get(name="น้ำท่วม")
    response = client.get("/search/label/น้ำท่วม?max-results=20")
    assert response.status_code == 301 and response["Location"] == tag.get_absolute_url()
    page = Article.objects.get(title="เกี่ยวกับเรา")
    assert client.get("/p/about.html")["Location"] == page.get_absolute_url()
    assert client.get("/feeds/posts/default?alt=rss")["Location"] == "/feeds/latest/"
    followed = client.get("/2022/09/blog-post_12.html", follow=True)
    assert followed.redirect_chain == [(blog.get_absolute_url(), 301)]
    assert blog.title in followed.content.decode()


def test_scheduled_or_draft_target_stays_404(client, blog):
    response = client.get("/2030/01/scheduled.html")
    assert response.status_code == 404
    assert "<html" in response.content.decode()  # the site's 404 page, as before


def test_a_story_taken_down_on_time_is_not_redirected_to(client, blog):
    blog.unpublish_at = timezone.now() - timedelta(minutes=1)
    blog.save()
    response = client.get("/2022/09/blog-post_12.html")
    assert response.status_code == 404 and "Location" not in response
    assert "<html" in response.content.decode()  # the site's 404 page


def test_wordpress_plain_links_and_permalinks(client, run_import):
    run_import("import_wordpress", exports.wxr())
    story = Article.objects.get(title="ฝุ่น PM2.5 เกินมาตรฐาน")
    assert client.get("/?p=12")["Location"] == story.get_absolute_url()
    assert client.get("/2022/09/%E0%B8%9D%E0%B8%B8%E0%B9%88%E0%B8%99/").status_code == 301
    # Without the final slash it still finds the permalink.
    assert client.get("/2022/09/ฝุ่น")["Location"] == story.get_absolute_url()
    # The home page itself is untouched by other queries, and ?p= of nothing falls through.
    home = client.get("/?p=999")
    assert home.status_code == 200
    assert "articles/home.html" in [template.name for template in home.templates]


def test_lookup_is_one_query_and_pages_cost_nothing_more(client, blog):
    # The 404 page costs what it cost before; the lookup adds one query to it.
    with CaptureQueriesContext(connection) as not_found:
        assert client.get("/2099/01/never.html").status_code == 404
    with CaptureQueriesContext(connection) as found:
        assert client.get("/2022/09/blog-post_12.html?m=1").status_code == 301
    lookups = [q for q in found.captured_queries if "imports_redirect" in q["sql"]]
    assert len(lookups) == 1
    assert len(found.captured_queries) == len(not_found.captured_queries)
    make_article()
    # A page that exists is answered by its view alone: the table is not read.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(blog.get_absolute_url()).status_code == 200
    assert not any("imports_redirect" in q["sql"] for q in queries.captured_queries)


def test_editors_see_and_edit_redirects_in_the_admin(client, blog):
    client.force_login(make_staff("editor", is_superuser=True))
    listing = client.get("/admin/imports/redirect/?q=blog-post_12")
    assert listing.status_code == 200
    assert "/2022/09/blog-post_12.html" in listing.content.decode()
    redirect = Redirect.objects.get(old_path="/2022/09/blog-post_12.html")
    response = client.post(
        f"/admin/imports/redirect/{redirect.pk}/change/",
        {"old_path": redirect.old_path, "article": "", "target_url": "/section/x/"},
    )
    assert response.status_code == 302
    assert client.get("/2022/09/blog-post_12.html")["Location"] == "/section/x/"
