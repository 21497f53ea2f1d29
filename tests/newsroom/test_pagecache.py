"""Anonymous pages are cached by what they show: a change makes exactly the pages that
show it stale, after its transaction commits, and nothing else."""

import hashlib
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Byline
from newsroom import pagecache
from newsroom.models import PageKey
from tests.comments.helpers import make_comment
from tests.factories import (
    make_advert,
    make_article,
    make_organisation,
    make_person,
    make_section,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Changes made inside ``with commit():`` are committed when the block ends: the
    page cache acts on them then, as it does after a real transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def pages(client):
    """Fetch pages as an anonymous reader; ``.state(url)`` says hit, miss or stale."""

    class Reader:
        def get(self, url):
            response = client.get(url)
            assert response.status_code == 200, url
            return response

        def html(self, url) -> str:
            return self.get(url).content.decode()

        def state(self, url) -> str:
            return self.get(url)["X-Page-Cache"]

        def warm(self, *urls):
            for url in urls:
                self.get(url)
                assert self.state(url) == "hit", url

    return Reader()


def test_a_cached_page_is_served_without_rendering_again(client, django_assert_max_num_queries):
    make_article(title="ข่าวแรก")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    pagecache.recent_pages.clear()  # another worker: the page comes from the shared cache
    pagecache.change_times.forget()
    with django_assert_max_num_queries(3):  # the page, its keys' change times, the schedule
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "ข่าวแรก" in second.content.decode()


def test_a_worker_serves_a_page_it_just_served_without_a_query(client, django_assert_num_queries):
    make_article(title="ข่าวยอดนิยม")
    client.get("/")  # rendered
    first = client.get("/")  # served, its keys' change times read once a second at most
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content
    assert not hasattr(second.wsgi_request, "user")  # answered above authentication


def database_clock() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())")
        return float(cursor.fetchone()[0])


def test_a_miss_takes_its_start_from_the_last_read_of_the_database_clock(
    django_assert_num_queries,
):
    pagecache.change_times.forget()
    pagecache.change_times.latest(["story-1"])  # a hit's read, which brings the clock
    time.sleep(0.05)
    with django_assert_num_queries(0):
        carried = pagecache.database_now()
    actual = database_clock()
    # Never later than the database (a page never looks fresher than it is), and
    # short of it by no more than the read's round trip.
    assert actual - 0.5 < carried <= actual
    assert carried - pagecache.change_times._read_to >= 0.05


def test_a_miss_asks_the_database_clock_when_the_last_read_is_old(
    monkeypatch, django_assert_num_queries
):
    pagecache.change_times.forget()
    with django_assert_num_queries(1):  # no read yet
        pagecache.database_now()
    pagecache.change_times.latest(["story-1"])
    later = time.monotonic() + pagecache.CLOCK_CARRIED_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    with django_assert_num_queries(1):
        asked = pagecache.database_now()
    assert asked <= database_clock()


def test_every_anonymous_reader_gets_the_same_shareable_bytes(client, pages):
    article = make_article(title="ข่าวเดียวกันทุกคน")
    url = article.get_absolute_url()
    first = client.get(url)
    other = type(client)()
    other.cookies["csrftoken"] = "x" * 32
    other.cookies["_ga"] = "GA1.1.1"
    second = other.get(url)
    assert first.content == second.content
    assert "Set-Cookie" not in second.headers and not second.cookies
    control = second["Cache-Control"]
    for part in ("public", "s-maxage=", "stale-while-revalidate=", "stale-if-error="):
        assert part in control
    assert "private" not in control
    assert "Cookie" not in second.get("Vary", "")


def test_pages_name_what_they_show_for_a_cdn(pages):
    person = make_person(name="สมชาย ใจดี")
    article = make_article(title="ข่าวมีคีย์", bylines=[person])
    article.tags.add("น้ำท่วม")
    response = pages.get(article.get_absolute_url())
    keys = response["Surrogate-Key"].split(" ")
    tag = article.tags.get()
    for key in (
        f"article-{article.pk}",
        f"section-{article.section_id}",
        f"tag-{tag.pk}",
        f"person-{person.pk}",
        "nav",
        "ads",
        "ticker",
        "all",
    ):
        assert key in keys
    assert response["Cache-Tag"].split(",") == keys
    home = pages.get("/")["Surrogate-Key"].split(" ")
    assert {"stories", f"article-{article.pk}", "discussed"} <= set(home)
    assert "comments-" not in " ".join(home)  # the home page shows no comment thread


def test_the_key_headers_stay_within_the_cdns_limits():
    keys = [f"article-{n}" for n in range(3000)] + ["stories", "nav", "section-1"]
    header = pagecache.key_header(keys)
    assert len(header) <= pagecache.MAX_KEYS
    assert sum(len(key) + 1 for key in header) <= pagecache.MAX_KEY_HEADER_BYTES
    # Too many cards: their family key stands for them, and every story change purges it.
    assert "article-all" in header and "article-5" not in header
    assert {"stories", "nav", "section-1"} <= set(header)
    assert pagecache.key_header(["article-1", "stories"]) == ["article-1", "stories"]


def test_a_change_purges_its_keys_and_their_families_after_commit(commit, monkeypatch):
    sent = []
    monkeypatch.setattr("newsroom.cdn.purge", lambda keys: sent.append(set(keys)))
    with commit():
        pagecache.invalidate_keys("article-7", "stories")
        assert sent == []  # not before the transaction commits
    assert sent == [{"article-7", "article-all", "stories"}]


def test_a_rolled_back_change_makes_nothing_stale(pages, client):
    article = make_article(title="ข่าวคงเดิม")
    pages.warm("/")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "ข่าวที่ไม่เคยบันทึก"
        article.save()
        raise RuntimeError
    assert pages.state("/") == "hit"


def test_publishing_updates_every_list_it_enters_and_nothing_else(pages, commit):
    section = make_section(name="การเมือง")
    other_section = make_section(name="กีฬา")
    person, organisation = make_person(name="ประยุทธ์ ทดสอบ"), make_organisation(name="กทม.")
    old = make_article(title="ข่าวเก่าในหมวด", section=section, bylines=[person])
    old.tags.add("เลือกตั้ง")
    old.organisations.add(organisation)
    unrelated = make_article(title="ข่าวกีฬา", section=other_section)
    tag = old.tags.get()
    lists = [
        "/",
        section.get_absolute_url(),
        tag.get_absolute_url(),
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        "/feeds/latest/",
        f"/feeds/section/{section.slug}/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]
    untouched = [unrelated.get_absolute_url(), other_section.get_absolute_url()]
    pages.warm(*lists, *untouched)

    draft = make_article(title="ข่าวใหม่เอี่ยม", section=section, status="draft")
    draft.tags.add("เลือกตั้ง")
    draft.organisations.add(organisation)
    Byline.objects.create(article=draft, person=person, position=0)
    pages.warm(*lists)  # a draft changes no public page
    with commit():
        draft.status = "published"
        draft.published_at = timezone.now() - timedelta(minutes=1)
        draft.save()
    for url in lists:
        html = pages.html(url)  # sitemaps list the address, percent-encoded
        assert "ข่าวใหม่เอี่ยม" in html or f"/news/{draft.pk}/" in html, url
    for url in untouched:
        assert pages.state(url) == "hit", url


def test_editing_a_story_updates_every_page_showing_it(pages, commit):
    person = make_person(name="วิชัย ทดสอบ")
    section = make_section()
    story = make_article(title="พาดหัวเดิม", section=section, bylines=[person])
    story.tags.add("ฝุ่น")
    neighbour = make_article(title="ข่าวข้างเคียง", section=section)
    neighbour.tags.add("ฝุ่น")  # its related box shows the story's card
    elsewhere = make_article(title="ข่าวอื่น", section=make_section())
    showing = [
        story.get_absolute_url(),
        neighbour.get_absolute_url(),
        "/",
        section.get_absolute_url(),
        story.tags.get().get_absolute_url(),
        person.get_absolute_url(),
        "/feeds/latest/",
    ]
    pages.warm(*showing, elsewhere.get_absolute_url())
    assert "พาดหัวเดิม" in pages.html(neighbour.get_absolute_url())
    with commit():
        story.title = "พาดหัวแก้ไขแล้ว"
        story.save()
    for url in showing:
        html = pages.html(url)
        assert "พาดหัวแก้ไขแล้ว" in html and "พาดหัวเดิม" not in html, url
    assert pages.state(elsewhere.get_absolute_url()) == "hit"


def test_editing_a_breaking_storys_text_leaves_the_rest_of_the_site_cached(pages, commit):
    """The ticker is on every page and shows only headlines: breaking stories, the
    ones a desk edits most, would otherwise make the whole site stale at each edit."""
    now = timezone.now()
    breaking = make_article(title="ข่าวด่วนน้ำท่วม", breaking_until=now + timedelta(hours=2))
    elsewhere = make_article(title="ข่าวอื่น")
    url = breaking.get_absolute_url()
    pages.warm("/", url, elsewhere.get_absolute_url())
    assert "ข่าวด่วนน้ำท่วม" in pages.html(elsewhere.get_absolute_url())  # in its ticker
    with commit():
        breaking.standfirst = "ระดับน้ำสูงขึ้นอีกสิบเซนติเมตร"
        breaking.save()
    assert "ระดับน้ำสูงขึ้นอีกสิบเซนติเมตร" in pages.html(url)
    assert pages.state(elsewhere.get_absolute_url()) == "hit"
    with commit():
        breaking.title = "ข่าวด่วนน้ำท่วมหนัก"
        breaking.save()
    # A new headline reaches every ticker.
    assert "ข่าวด่วนน้ำท่วมหนัก" in pages.html(elsewhere.get_absolute_url())
    assert "ข่าวด่วนน้ำท่วมหนัก" in pages.html("/")


def test_a_live_update_of_a_breaking_story_leaves_the_rest_of_the_site_cached(pages, commit):
    from articles import live
    from tests.factories import make_member

    editor = make_member("live-editor", "Editor")
    now = timezone.now()
    story = make_article(title="ถ่ายทอดสดน้ำท่วม", breaking_until=now + timedelta(hours=2))
    with commit():
        story = live.live_start(article=story, user=editor)
    elsewhere = make_article(title="ข่าวอื่น")
    pages.warm(story.get_absolute_url(), elsewhere.get_absolute_url())

    def ticker_of_elsewhere() -> str:
        return (
            pages.html(elsewhere.get_absolute_url())
            .split('class="ticker"')[1]
            .split("</section>")[0]
        )

    assert 'class="live-label"' in ticker_of_elsewhere()  # covered live: labelled so
    with commit():
        live.update_post(article=story, user=editor, body="<p>ระดับน้ำล่าสุด</p>")
    assert "ระดับน้ำล่าสุด" in pages.html(story.get_absolute_url())
    assert pages.state(elsewhere.get_absolute_url()) == "hit"
    with commit():
        live.live_end(article=story, user=editor)
    # The ticker's LIVE label goes with the coverage, on every page.
    assert 'class="live-label"' not in ticker_of_elsewhere()


def test_moving_a_story_updates_both_sections(pages, commit):
    first, second = make_section(name="หมวดต้นทาง"), make_section(name="หมวดปลายทาง")
    story = make_article(title="ข่าวย้ายหมวด", section=first)
    pages.warm(first.get_absolute_url(), second.get_absolute_url())
    with commit():
        story.section = second
        story.save()
    assert "ข่าวย้ายหมวด" not in pages.html(first.get_absolute_url())
    assert "ข่าวย้ายหมวด" in pages.html(second.get_absolute_url())


def test_unpublishing_takes_a_story_off_every_list_and_page(pages, commit, client):
    section = make_section()
    story = make_article(title="ข่าวถอนออก", section=section)
    pages.warm("/", section.get_absolute_url())
    url = story.get_absolute_url()
    pages.warm(url)
    with commit():
        story.status = "unpublished"
        story.save()
    assert "ข่าวถอนออก" not in pages.html("/")
    assert "ข่าวถอนออก" not in pages.html(section.get_absolute_url())
    assert client.get(url).status_code == 404


def test_a_persons_edit_updates_pages_showing_them_only(pages, commit):
    person = make_person(title="ดร.", name="สมหญิง เดิม")
    story = make_article(title="ข่าวของเธอ", bylines=[person])
    elsewhere = make_article(title="ข่าวที่ไม่มีเธอ")
    pages.warm(story.get_absolute_url(), person.get_absolute_url(), elsewhere.get_absolute_url())
    with commit():
        person.name = "สมหญิง ใหม่"
        person.save()
    assert "สมหญิง ใหม่" in pages.html(story.get_absolute_url())
    assert "สมหญิง ใหม่" in pages.html(person.get_absolute_url())
    assert pages.state(elsewhere.get_absolute_url()) == "hit"


def test_a_section_rename_updates_the_navigation_everywhere(pages, commit):
    section = make_section(name="หมวดเดิม")
    make_article(section=section)
    pages.warm("/")
    with commit():
        section.name = "หมวดใหม่"
        section.save()
    assert "หมวดใหม่" in pages.html("/")


def test_a_scheduled_story_appears_when_its_time_comes(pages, monkeypatch):
    now = timezone.now()
    section = make_section()
    make_article(title="ข่าวปัจจุบัน", section=section)
    make_article(title="ข่าวตั้งเวลา", section=section, published_at=now + timedelta(minutes=30))
    assert "ข่าวตั้งเวลา" not in pages.html("/")
    pages.warm(section.get_absolute_url())
    # A CDN may keep the page only until the scheduled moment.
    shared = pages.get("/")["Cache-Control"]
    age = int(shared.split("s-maxage=")[1].split(",")[0])
    assert 1700 <= age <= 1800
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=31))
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert "ข่าวตั้งเวลา" in pages.html("/")
    assert "ข่าวตั้งเวลา" in pages.html(section.get_absolute_url())


def test_breaking_news_leaves_the_ticker_at_its_end_time(pages, monkeypatch):
    now = timezone.now()
    make_article(title="ข่าวด่วนมาก", breaking_until=now + timedelta(minutes=5))
    assert 'class="ticker"' in pages.html("/")
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert 'class="ticker"' not in pages.html("/")


def test_an_advert_appears_and_goes_at_its_times(pages, monkeypatch):
    now = timezone.now()
    make_article()
    make_advert(
        alt_text="โฆษณาตามเวลา",
        starts_at=now + timedelta(minutes=10),
        ends_at=now + timedelta(minutes=20),
    )
    assert "โฆษณาตามเวลา" not in pages.html("/")
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=11))
    assert "โฆษณาตามเวลา" in pages.html("/")
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=21))
    assert "โฆษณาตามเวลา" not in pages.html("/")


def test_another_workers_change_reaches_pages_this_worker_keeps(pages, monkeypatch):
    """A save in another process moves the key's change time in the database only;
    this worker sees it once what it remembers is older than LOCAL_SECONDS."""
    article = make_article(title="หัวข้อเดิม")
    pages.warm("/")
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 3600)  # however slow the machine
    type(article).objects.filter(pk=article.pk).update(title="หัวข้อใหม่")  # no signals
    PageKey.objects.update_or_create(
        key=article.cache_key, defaults={"changed": pagecache.time.time()}
    )
    assert "หัวข้อเดิม" in pages.html("/")  # within the second
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    assert "หัวข้อใหม่" in pages.html("/")


def test_a_page_rendered_just_after_another_workers_change_does_not_keep_the_old_piece(
    pages, monkeypatch
):
    """Another worker retitles a breaking story; within the second this worker has not
    read that change yet, and renders a page around its stored ticker. The page must
    not keep the old headline once the change is known: otherwise it would look fresh
    (rendered after the change) and show the old ticker for as long as it is cached."""
    now = timezone.now()
    breaking = make_article(title="ข่าวด่วนเดิม", breaking_until=now + timedelta(hours=2))
    first, second = make_article(title="ข่าวหนึ่ง"), make_article(title="ข่าวสอง")
    pages.warm(first.get_absolute_url())  # the ticker piece is stored
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 3600)  # no change is read meanwhile
    type(breaking).objects.filter(pk=breaking.pk).update(title="ข่าวด่วนใหม่")  # no signals
    PageKey.objects.update_or_create(
        key=breaking.headline_key, defaults={"changed": database_clock()}
    )
    url = second.get_absolute_url()
    assert pages.state(url) == "miss"  # rendered within the second
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)  # the change is read now
    page = pages.html(url)
    assert "ข่าวด่วนใหม่" in page and "ข่าวด่วนเดิม" not in page


def test_a_page_and_the_pieces_rendered_with_it_are_stored_in_one_statement(client):
    article = make_article(title="ข่าวมีชิ้นส่วน")
    article.tags.add("น้ำท่วม")
    make_article(title="ข่าวใกล้เคียง").tags.add("น้ำท่วม")
    with CaptureQueriesContext(connection) as asked:
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    # (The schedule's own bookkeeping, on a first request, writes entries of its own.)
    writes = [
        q["sql"]
        for q in asked
        if q["sql"].startswith('INSERT INTO "newsroom_cache"') and "pagecache:p" in q["sql"]
    ]
    assert len(writes) == 1
    for name in ("page:th:", f"piece:th:thread:{article.pk}:", f"piece:th:related:{article.pk}'"):
        assert f"pagecache:{name}" in writes[0]
    # Another worker rendering the story again takes its pieces from the shared cache.
    pagecache.recent_pages.clear()
    thread = cache.get(f"pagecache:piece:th:thread:{article.pk}:1:")
    related = cache.get(f"pagecache:piece:th:related:{article.pk}")
    assert "comments-heading" in thread.content.decode()
    assert "ข่าวใกล้เคียง" in related.content.decode()


def cache_reads(asked) -> list[str]:
    return [q["sql"] for q in asked if (q["sql"] or "").startswith('SELECT "cache_key"')]


def test_a_story_read_for_the_first_time_asks_the_shared_cache_only_for_its_page(client):
    """Its thread and related stories are stored with the page: with no page there,
    they are not there either."""
    article = make_article(title="ข่าวอ่านครั้งแรก")
    # What every story page shares is in this worker's memory after another story.
    client.get(make_article(title="ข่าวก่อนหน้า").get_absolute_url())
    with CaptureQueriesContext(connection) as asked:
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    reads = cache_reads(asked)
    assert len(reads) == 1, reads
    assert all("pagecache:piece" not in q for q in reads)


def test_a_stale_story_takes_its_own_pieces_from_the_shared_cache(client, commit):
    """A story re-rendered because its copy went stale for something around it (the
    navigation) takes its thread from the shared cache, where another worker stored it
    with the page."""
    article = make_article(title="ข่าวเดิม")
    make_comment(article, body="ความเห็นเดียว")
    url = article.get_absolute_url()
    client.get(url)
    pagecache.recent_pages.clear()  # another worker, which has never seen it
    pagecache.change_times.forget()
    with commit():
        pagecache.invalidate_keys("nav")
    with CaptureQueriesContext(connection) as asked:
        response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "ความเห็นเดียว" in response.content.decode()
    assert any(f"piece:th:thread:{article.pk}" in q for q in cache_reads(asked))
    assert not any("comments_comment" in (q["sql"] or "") for q in asked)  # the thread was kept


def test_a_change_committed_just_before_a_workers_read_is_not_missed(pages, monkeypatch):
    """A change's time is taken when its statement runs; it may become visible only
    after a worker's read that began later. The next read still finds it."""
    article = make_article(title="หัวข้อเดิม")
    url = article.get_absolute_url()
    pages.warm(url)
    page = pagecache.recent_pages.get(pagecache.page_key(pages.get(url).wsgi_request))
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    pages.get(url)  # this worker has read the changes up to now
    type(article).objects.filter(pk=article.pk).update(title="หัวข้อใหม่")
    # Committed now, with a time from before that read (but after the page began).
    PageKey.objects.update_or_create(
        key=article.cache_key, defaults={"changed": page.started + 0.001}
    )
    assert "หัวข้อใหม่" in pages.html(url)


def test_a_hit_asks_what_changed_not_each_key_of_the_page(pages, monkeypatch):
    """A page shows twenty keys and more: a worker that knows them asks only for the
    keys changed since it last asked, one short query at most once a second."""
    person = make_person(name="สมชาย ใจดี")
    article = make_article(title="ข่าวหลายคีย์", bylines=[person])
    article.tags.add("น้ำท่วม", "เชียงใหม่")
    url = article.get_absolute_url()
    pages.warm(url)
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    with CaptureQueriesContext(connection) as asked:
        assert pages.state(url) == "hit"
    reads = [query["sql"] for query in asked if "newsroom_pagekey" in query["sql"]]
    assert len(reads) == 1
    assert article.cache_key not in reads[0] and "stories" not in reads[0]


def test_one_worker_renders_a_stale_page_while_the_others_serve_the_old_copy(pages, commit):
    article = make_article(title="ฉบับแรก")
    url = article.get_absolute_url()
    pages.warm(url)
    with commit():
        article.title = "ฉบับสอง"
        article.save()
    first = pages.get(url)  # nobody else was rendering it: this worker did
    assert first["X-Page-Cache"] == "miss" and "ฉบับสอง" in first.content.decode()
    with commit():
        article.title = "ฉบับสาม"
        article.save()
    key = f"pagecache:page:th:{hashlib.sha256(url.encode()).hexdigest()}"
    assert pagecache._claim(key)  # another worker is rendering it now
    stale = pages.get(url)
    assert stale["X-Page-Cache"] == "stale"
    assert "ฉบับสอง" in stale.content.decode()
    assert "s-maxage=0" in stale["Cache-Control"]  # no CDN keeps the old copy
    pagecache.cache.delete(f"{key}:rendering")  # it finished or gave up
    fresh = pages.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "ฉบับสาม" in fresh.content.decode()


def test_a_first_render_releases_no_claim_it_never_made(client):
    """A page never cached is rendered without a claim (nothing old to serve meanwhile),
    so there is no claim to delete either: one statement less on every first read."""
    article = make_article(title="อ่านครั้งแรก")
    with CaptureQueriesContext(connection) as asked:
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert not [q for q in asked if q["sql"].startswith("DELETE") and "rendering" in q["sql"]]


def test_readers_get_the_last_good_copy_when_the_database_is_down(pages, commit, monkeypatch):
    article = make_article(title="สำเนาสุดท้าย")
    url = article.get_absolute_url()
    pages.warm(url, "/")
    with commit():
        article.title = "ฉบับที่แสดงไม่ได้"
        article.save()

    def down(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", down)
    for path in (url, "/"):
        response = pages.get(path)
        assert response["X-Page-Cache"] == "stale"
        assert "สำเนาสุดท้าย" in response.content.decode()


@pytest.fixture
def release(settings):
    """Set the release this process renders with (a deploy's PAGE_CACHE_RELEASE)."""

    def set_release(name: str) -> None:
        settings.PAGE_CACHE_RELEASE = name
        pagecache.current_release.cache_clear()

    yield set_release
    pagecache.current_release.cache_clear()


def test_pages_and_pieces_of_another_release_are_rendered_again(pages, release):
    """After a deploy, a cached page may link to a stylesheet the new release no longer
    has: it is stale, and so are the pieces it is made of."""
    article = make_article(title="ข่าวก่อนปรับรุ่น")
    article.tags.add("น้ำท่วม")
    make_article(title="ข่าวใกล้เคียง").tags.add("น้ำท่วม")
    url = article.get_absolute_url()
    release("2026.12.1")
    pages.warm(url, "/")
    related = f"pagecache:piece:th:related:{article.pk}"
    assert cache.get(related).release == "2026.12.1"

    release("2026.12.2")
    pagecache.recent_pages.clear()  # a new process: the copies come from the shared cache
    pagecache.change_times.forget()
    assert pages.state(url) == "miss"
    assert pages.state("/") == "miss"
    assert cache.get(related).release == "2026.12.2"  # rendered again with the page
    assert pages.state(url) == "hit"
    release("2026.12.1")  # a worker of the old release, still running in a rolling deploy
    pagecache.recent_pages.clear()
    assert pages.state(url) == "miss"  # takes no page the new release rendered


def test_a_new_release_purges_every_page_at_the_cdn_once(pages, release, monkeypatch):
    sent = []
    monkeypatch.setattr("newsroom.cdn.purge", lambda keys: sent.append(set(keys)))
    article = make_article(title="ข่าวหนึ่ง")
    release("2026.12.1")
    pages.get("/")
    assert sent == [{"all"}]
    pages.get(article.get_absolute_url())  # the same process's next page
    pagecache.forget_local_state()  # another process of the same release
    pages.get("/")
    assert sent == [{"all"}]  # announced once, by whichever process served first
    release("2026.12.2-" + "ก" * 300)  # any text a deploy sets, however long
    pagecache.forget_local_state()
    pages.get("/")
    assert sent == [{"all"}, {"all"}]
    pages.get(article.get_absolute_url())
    assert sent == [{"all"}, {"all"}]  # it was recorded


def test_without_a_release_setting_the_static_manifest_names_the_release(release, monkeypatch):
    from django.contrib.staticfiles.storage import staticfiles_storage

    release("")
    assert pagecache.current_release() == ""  # development: no manifest, no release
    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "c0ffee", raising=False)
    pagecache.current_release.cache_clear()
    assert pagecache.current_release() == "c0ffee"
    release("v42")
    assert pagecache.current_release() == "v42"


def test_staff_always_get_a_fresh_private_page(client):
    make_article(title="ข่าวสำหรับทีมงาน")
    client.get("/")  # cached for readers
    client.force_login(make_staff("desk"))
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "Surrogate-Key" not in response.headers
    assert "ข่าวสำหรับทีมงาน" in response.content.decode()


def test_readers_revalidate_by_etag(client, commit):
    make_article()
    response = client.get("/")
    etag = response["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with commit():
        make_article(title="ข่าวที่ทำให้หน้าแรกเปลี่ยน")
    changed = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "ข่าวที่ทำให้หน้าแรกเปลี่ยน" in changed.content.decode()


def test_a_story_with_a_long_thai_address_is_cached_too(pages):
    """The percent-encoded path is longer than a cache key may be: the key is hashed."""
    article = make_article(title="ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจความพร้อมรับมือน้ำท่วม" * 2)
    assert len(article.get_absolute_url()) > 250
    pages.warm(article.get_absolute_url())


def test_a_workers_own_copies_are_bounded_in_number_and_bytes():
    copies = pagecache._RecentPages(max_entries=3, max_bytes=100)

    def page(size):
        return pagecache.Page(200, "text/html", b"x" * size, {}, ("all",), 0.0)

    for key in "abcd":
        copies.set(key, page(10))
    assert copies.get("a") is None  # the oldest went first
    assert all(copies.get(key) is not None for key in "bcd")
    copies.set("e", page(20))  # b was used least recently
    assert copies.get("b") is None
    copies.set("big", page(26))  # more than a quarter of the budget: never kept
    assert copies.get("big") is None
    for key in "fgh":
        copies.set(key, page(24))
    assert sum(copies.get(key) is not None for key in "cdefgh") == 3  # 100 bytes at most
    # The worker's own copies are sized by the settings.
    assert pagecache.recent_pages.max_entries == settings.PAGE_CACHE_LOCAL_ENTRIES
    assert pagecache.recent_pages.max_bytes == settings.PAGE_CACHE_LOCAL_MB * 1024 * 1024


def test_each_language_has_its_own_cached_page(pages):
    make_article()
    assert '<html lang="th">' in pages.html("/")
    assert '<html lang="en">' in pages.html("/en/")
    pages.warm("/", "/en/")
    assert '<html lang="th">' in pages.html("/")


def test_a_storys_comment_form_closes_at_its_time(pages, monkeypatch, commit):
    from comments.models import CommentPolicy

    now = timezone.now()
    with commit():
        CommentPolicy.objects.create(pk=1, close_after_days=2)
    article = make_article(published_at=now - timedelta(days=2) + timedelta(minutes=5))
    other = make_article(published_at=now - timedelta(hours=1))
    url = article.get_absolute_url()
    assert 'id="comment-form"' in pages.html(url)
    pages.warm(url, other.get_absolute_url())
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    html = pages.html(url)
    assert 'id="comment-form"' not in html and "comments__closed" in html
    assert pages.state(other.get_absolute_url()) == "hit"


def test_more_stories_closing_at_once_than_named_close_every_thread(pages, monkeypatch, commit):
    from comments import invalidation
    from comments.models import CommentPolicy

    monkeypatch.setattr(invalidation, "MOST_CLOSING_AT_ONCE", 1)
    now = timezone.now()
    with commit():
        CommentPolicy.objects.create(pk=1, close_after_days=2)
    closing = now - timedelta(days=2) + timedelta(minutes=5)
    urls = [make_article(published_at=closing).get_absolute_url() for _ in range(2)]
    pages.warm(*urls, "/")
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    for url in urls:
        html = pages.html(url)
        assert 'id="comment-form"' not in html and "comments__closed" in html


def test_new_comment_rules_reach_every_cached_thread(pages, commit):
    from comments.models import CommentPolicy

    old = make_article(published_at=timezone.now() - timedelta(days=10))
    url = old.get_absolute_url()
    pages.warm(url, "/")
    assert 'id="comment-form"' in pages.html(url)
    with commit():  # the desk closes comments on stories older than a week
        CommentPolicy.objects.create(pk=1, close_after_days=7)
    html = pages.html(url)
    assert 'id="comment-form"' not in html and "comments__closed" in html
    assert pages.state("/") == "hit"  # the rules are not on the home page


def test_an_approval_updates_its_story_and_leaves_home_and_other_stories_cached(
    pages, commit, monkeypatch
):
    from comments.services import comment_moderate
    from tests.factories import make_member

    story = make_article(title="ข่าวที่มีคนคุย")
    other = make_article(title="ข่าวเงียบ")
    comment = make_comment(story, status="pending", body="ความเห็นรออนุมัติ")
    url = story.get_absolute_url()
    pages.warm("/", url, other.get_absolute_url(), story.section.get_absolute_url())
    assert "ความเห็นรออนุมัติ" not in pages.html(url)
    with commit():
        comment_moderate(
            comment=comment, moderator=make_member("mod", "Moderator"), action="approve"
        )
    assert "ความเห็นรออนุมัติ" in pages.html(url)
    for cached in ("/", other.get_absolute_url(), story.section.get_absolute_url()):
        assert pages.state(cached) == "hit", cached
    assert "most-commented" not in pages.html("/")
    # The home page's "most discussed" box follows within a minute, once for a burst.
    now = timezone.now()
    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", 0)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(seconds=61))
    home = pages.html("/")
    assert "most-commented" in home and "ข่าวที่มีคนคุย" in home
    assert pages.state(other.get_absolute_url()) == "hit"


def test_a_worker_with_a_stale_copy_takes_the_fresh_one_another_worker_stored(pages, commit):
    article = make_article(title="ก่อนแก้")
    url = article.get_absolute_url()
    pages.warm(url)
    key = f"pagecache:page:th:{hashlib.sha256(url.encode()).hexdigest()}"
    old_copy = pagecache.recent_pages.get(key)
    with commit():
        article.title = "หลังแก้"
        article.save()
    assert pages.state(url) == "miss"  # rendered once, stored for every worker
    pagecache.recent_pages.set(key, old_copy)  # this worker still holds the old copy
    response = pages.get(url)
    assert response["X-Page-Cache"] == "hit"  # not rendered a second time
    assert "หลังแก้" in response.content.decode()


def test_unknown_query_parameters_share_the_pages_one_copy(pages):
    """Campaign tags and junk do not make copies (nor renders at will); the parameters a
    page reads still do."""
    make_article(title="ข่าวแคมเปญ")
    assert pages.state("/") == "miss"
    for junk in ("/?utm_source=line&utm_medium=social", "/?fbclid=abc", "/?x=1&y=%E0%B8%81"):
        assert pages.state(junk) == "hit", junk
    assert pages.state("/?page=2") == "miss"  # a parameter the page reads


def test_a_page_rendered_for_a_junk_address_carries_none_of_it(pages):
    for n in range(12):
        make_article(title=f"ข่าวค้นหา {n}")
    html = pages.html("/search/?q=ข่าวค้นหา&utm_campaign=spam")
    assert "utm_campaign" not in html and "spam" not in html
    assert pages.state("/search/?q=ข่าวค้นหา") == "hit"
