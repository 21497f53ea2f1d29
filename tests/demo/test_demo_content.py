"""What `manage.py load_demo` loads: a newsroom a new user can click through.

These tests only read the demo, so it is loaded once for all of them (a load draws and
encodes 32 pictures' renditions: ten seconds a test): in a transaction rolled back after
the last, each test's own writes rolled back to a savepoint as usual. Running the
command, again and with its safety switch: test_load_demo.py.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Byline, Image, LiveUpdate, Section, Tag, TaggedArticle
from comments.models import Comment
from demo.management.commands.load_demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from people.models import Affiliation, Organisation, Person
from tests.demo.test_load_demo import FAST_HASHERS, media_files, run_load_demo

pytestmark = pytest.mark.django_db

User = get_user_model()
THAI = re.compile("[\u0e00-\u0e7f]")
HONORIFICS = ("นาย", "นาง", "น.ส.", "ดร.", "ผศ.", "รศ.", "ศ.", "นพ.", "พญ.", "พล.", "Dr", "Mr")


@dataclass
class Demo:
    output: str  # what the command printed
    media: Path  # where its pictures went


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Demo:
    media = tmp_path_factory.mktemp("demo") / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield Demo(run_load_demo(), media)
        transaction.set_rollback(True)


def text_of(article: Article) -> str:
    return f"{article.title}\n{article.standfirst}\n{article.body}"


def test_the_output_summarises_counts_and_accounts(demo):
    assert f"{Article.objects.count()} articles" in demo.output
    assert f"{Section.objects.count()} sections" in demo.output
    assert f"{Image.objects.count()} images" in demo.output
    for username, _ in DEMO_ACCOUNTS:
        assert username in demo.output
    assert DEMO_PASSWORD in demo.output


def test_articles_span_sections_languages_and_publishing_states(demo):
    now = timezone.now()
    articles = Article.objects.all()
    assert articles.count() >= 30
    assert Section.objects.count() >= 4
    assert Section.objects.filter(articles__isnull=True).count() == 0
    english = [a for a in articles if not THAI.search(a.title)]
    assert len(english) >= 3
    assert all(not THAI.search(a.body) for a in english)

    breaking = articles.filter(breaking_until__gt=now)
    assert breaking.count() == 1
    assert breaking.get().is_public
    assert now - breaking.get().published_at < timedelta(hours=1)

    drafts = articles.filter(status=Article.Status.DRAFT)
    assert drafts.count() == 2
    assert not drafts.filter(published_at__isnull=False).exists()

    scheduled = articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    assert scheduled.count() == 1
    assert not Article.objects.published().filter(pk=scheduled.get().pk).exists()
    assert Article.objects.published().count() == articles.count() - 3

    oldest = Article.objects.published().order_by("published_at").first().published_at
    assert timedelta(days=14) < now - oldest < timedelta(days=25)


def test_a_flood_in_bangkok_is_covered_live_with_a_dozen_updates_on_the_home_page(demo, client):
    story = Article.objects.get(live_since__isnull=False)
    assert story.is_live and story.is_public and "น้ำท่วมกรุงเทพฯ" in story.title
    updates = list(LiveUpdate.objects.visible().filter(article=story).order_by("created_at"))
    assert len(updates) == 12
    assert sum(update.pinned for update in updates) == 2
    assert all(story.live_since <= u.created_at <= timezone.now() for u in updates)
    assert {u.author_name for u in updates} == {"นางสาวศิริพร จันทร์เพ็ญ", "นายภาณุวัฒน์ สายสุวรรณ"}
    assert all(u.author is not None and u.revisions.count() == 1 for u in updates)
    assert story.live_changed_at == updates[-1].created_at  # changed with its newest update
    home = client.get("/").content.decode()
    card = home.split(f'<a href="{story.get_absolute_url()}">')[1].split("</article>")[0]
    assert '<span class="live-label">สด</span>' in card
    page = client.get(story.get_absolute_url()).content.decode()
    key_events = page.split('id="key-events-heading"')[1].split("</section>")[0]
    assert "ประกาศพื้นที่ประสบภัยน้ำท่วม 5 เขต" in key_events
    assert "เปิดศูนย์พักพิงชั่วคราว 3 แห่ง" in key_events


def test_every_public_article_has_bylines_tags_and_names_whom_it_links(demo):
    public = Article.objects.published().prefetch_related(
        "bylines", "tags", "people", "organisations"
    )
    assert public.exists()
    for article in public:
        assert article.bylines.all(), article
        assert 2 <= len(article.tags.all()) <= 4, article
        assert article.people.all(), article
        text = text_of(article)
        for person in article.people.all():
            assert any(name in text for name in [person.name, *person.aliases]), (article, person)
        for organisation in article.organisations.all():
            names = [organisation.name, organisation.short_name, *organisation.aliases]
            assert any(name and name in text for name in names), (article, organisation)
    # Tags are shared between stories, and the byline order is kept.
    assert Tag.objects.filter(tagged_articles__isnull=False).distinct().count() < (
        TaggedArticle.objects.count()
    )
    assert Byline.objects.filter(position=1).exists()


def test_people_keep_titles_apart_from_names(demo):
    people = Person.objects.all()
    assert 12 <= people.count() <= 16
    assert all(person.title for person in people)
    assert not [p.name for p in people if p.name.startswith(HONORIFICS)]
    assert len({person.title for person in people}) >= 6
    assert people.filter(title="พล.ต.อ.").exists()
    assert all(person.position for person in people)
    assert people.exclude(aliases=[]).count() == people.count()
    assert any(alias.startswith("บิ๊ก") for person in people for alias in person.aliases)
    assert Affiliation.objects.exclude(role="").count() >= 8


def test_organisations_have_acronyms_and_departments(demo):
    organisations = Organisation.objects.all()
    assert 8 <= organisations.count() <= 10
    assert all(organisation.short_name for organisation in organisations)
    departments = organisations.filter(parent__isnull=False)
    assert departments.count() >= 2
    assert organisations.filter(short_name__regex=r"^[A-Z]{2,}").exists()  # a Latin acronym


def test_lead_images_are_stored_with_size_alt_text_and_credit(settings, demo):
    settings.MEDIA_ROOT = demo.media  # not this test's own empty folder (tests/conftest.py)
    images = Image.objects.all()
    assert images.exists()
    for image in images:
        assert (image.width, image.height) == (1200, 675)
        assert image.alt_text and image.caption and image.credit
        assert image.file.storage.exists(image.file.name)
    assert len([f for f in media_files(demo.media) if f.startswith("images/")]) == images.count()
    public = Article.objects.published()
    without_image = public.filter(lead_image__isnull=True).count()
    assert 1 <= without_image < public.count() / 4


def test_demo_accounts_log_in_with_the_demo_password(demo):
    for username, role in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert user.is_staff and user.is_active
        assert user.is_superuser == (role is None)
        assert list(user.groups.values_list("name", flat=True)) == ([role] if role else [])
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.filter(is_superuser=True).count() == 1


def test_demo_accounts_have_their_roles_permissions(demo):
    reporter = User.objects.get(username="reporter")
    assert reporter.has_perm("articles.add_article")
    assert not reporter.has_perm("articles.publish_article")
    editor = User.objects.get(username="editor")
    assert editor.has_perm("articles.change_article")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("people.add_organisation")
    moderator = User.objects.get(username="moderator")
    assert moderator.has_perm("comments.change_comment")
    assert not moderator.has_perm("comments.delete_comment")
    assert not moderator.has_perm("auth.change_user")


def test_three_reporters_sign_bylines_for_demo_accounts(demo):
    reporters = Person.objects.filter(user__isnull=False)
    assert reporters.count() == 3
    assert set(reporters.values_list("user__username", flat=True)) <= {
        username for username, _ in DEMO_ACCOUNTS
    }
    assert all(reporter.bylines.exists() for reporter in reporters)
    bylined = Person.objects.filter(bylines__isnull=False).distinct()
    assert set(bylined) == set(reporters)


def test_demo_has_approved_comments_with_a_reply_and_some_waiting(demo):
    approved = Comment.objects.visible()
    assert approved.count() >= 3
    assert approved.filter(parent__isnull=False).exists()
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() >= 1
    assert all(c.article.is_public for c in Comment.objects.select_related("article"))
