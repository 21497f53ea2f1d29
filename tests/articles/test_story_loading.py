"""articles/story_loading.py: the story page's data and related cards in one query each,
read back exactly as the ORM reads them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from articles.story_loading import cards_by_id, load_story
from tests.factories import (
    make_article,
    make_image,
    make_organisation,
    make_person,
    make_section,
)

pytestmark = pytest.mark.django_db


def field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def story():
    writers = [make_person(name="ศรี สุข"), make_person(title="ดร.", name="กมล ฟ้าใส")]
    article = make_article(
        title="น้ำท่วมบางนา",
        standfirst="ฝนตกหนัก",
        body="<p>เนื้อข่าว</p>",
        bylines=writers[::-1],  # position order is not name order
        lead_image=make_image(caption="ภาพ", credit="ช่างภาพ", focal_x=0.25),
        breaking_until=timezone.now() + timedelta(hours=2),
    )
    article.tags.add("น้ำท่วม", "กทม", "ฝน")
    article.people.add(make_person(name="ชัชชาติ สิทธิพันธุ์"), make_person(name="กานดา ดี"))
    article.organisations.add(make_organisation(name="กทม.", short_name="BMA"))
    now = timezone.now()
    Correction.objects.create(article=article, text="แก้ชื่อ", created_at=now)
    Correction.objects.create(article=article, text="แก้วันที่", created_at=now - timedelta(1))
    return article


def test_the_story_and_every_relation_equal_what_the_orm_reads(story, django_assert_num_queries):
    orm = (
        Article.objects.for_listing()
        .defer(None)
        .prefetch_related("tags", "people", "organisations", "corrections")
        .get(pk=story.pk)
    )
    with django_assert_num_queries(1):
        loaded = load_story(story.pk)
        # Read as the page reads them: no further query.
        bylines = [(b.position, field_values(b.person)) for b in loaded.bylines.all()]
        relations = {
            name: [field_values(o) for o in getattr(loaded, name).all()]
            for name in ("tags", "people", "organisations", "corrections")
        }
        section, image = field_values(loaded.section), field_values(loaded.lead_image)

    assert field_values(loaded) == field_values(orm)
    assert loaded.published_at.utcoffset() == timedelta(0)  # aware, as the ORM's
    assert section == field_values(orm.section)
    assert image == field_values(orm.lead_image) and image["focal_x"] == 0.25
    assert bylines == [(b.position, field_values(b.person)) for b in orm.bylines.all()]
    assert [person["name"] for _, person in bylines] == ["กมล ฟ้าใส", "ศรี สุข"]
    for name in ("people", "organisations", "corrections"):
        assert relations[name] == [field_values(o) for o in getattr(orm, name).all()], name
    assert [c["text"] for c in relations["corrections"]] == ["แก้วันที่", "แก้ชื่อ"]
    # taggit's prefetch has no order; here tags come in the order of their names.
    assert relations["tags"] == [field_values(t) for t in orm.tags.order_by("name", "pk")]


def test_a_story_without_image_bylines_or_links_costs_the_same_one_query(
    django_assert_num_queries,
):
    bare = make_article(section=make_section())
    with django_assert_num_queries(1):
        loaded = load_story(bare.pk)
        assert loaded.lead_image is None
        assert [list(getattr(loaded, n).all()) for n in ("bylines", "tags", "people")] == [
            [],
            [],
            [],
        ]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(days=1)},  # scheduled
        {"unpublish_at": timezone.now() - timedelta(minutes=1)},  # taken down on time
    ],
)
def test_only_public_stories_unless_asked_for_any(changes):
    story = make_article()
    Article.objects.filter(pk=story.pk).update(**changes)
    assert load_story(story.pk) is None
    assert load_story(story.pk, public=False).pk == story.pk  # the preview's
    assert load_story(story.pk + 1000) is None
    assert load_story(2**64) is None  # past bigint: no row can have it


def test_related_cards_come_with_section_image_and_bylines_in_one_query(
    story, django_assert_num_queries
):
    others = [
        make_article(title=f"ข่าว {n}", bylines=[make_person()], lead_image=make_image())
        for n in range(3)
    ]
    for n, other in enumerate(others):
        other.tags.add(*["น้ำท่วม", "กทม", "ฝน"][: n + 1])  # the last shares the most
    with django_assert_num_queries(1):
        cards = story.related_articles()
        shown = [
            (c.title, c.section.name, c.lead_image.pk, [b.person.name for b in c.bylines.all()])
            for c in cards
        ]
    assert [title for title, *_ in shown] == ["ข่าว 2", "ข่าว 1", "ข่าว 0"]
    assert shown[0][1:] == (
        others[2].section.name,
        others[2].lead_image.pk,
        [others[2].bylines.get().person.name],
    )
    # A card leaves the body out, like for_listing(); read anyway, it is still right.
    assert "body" in cards[0].get_deferred_fields()
    assert cards[0].body == others[2].body


def test_cards_by_id_keep_the_order_share_instances_and_skip_missing_ids(
    django_assert_num_queries,
):
    section, reporter = make_section(), make_person(name="สมศรี ข่าวดี")
    first, second = (make_article(section=section, bylines=[reporter]) for _ in range(2))
    other = make_article(bylines=[reporter, make_person()])
    with django_assert_num_queries(1):
        cards = cards_by_id([second.pk, 10**9, other.pk, first.pk])
        people = [[b.person for b in card.bylines.all()] for card in cards]
    assert [card.pk for card in cards] == [second.pk, other.pk, first.pk]
    # One section and one reporter read once for every card showing them, with the
    # values the ORM reads.
    assert cards[0].section is cards[2].section
    assert field_values(cards[0].section) == field_values(section)
    assert people[0][0] is people[1][0] is people[2][0]
    assert field_values(people[0][0]) == field_values(reporter)
    assert [p.pk for p in people[1]] == [b.person_id for b in other.bylines.all()]
    assert cards_by_id([]) == []


def test_public_is_judged_at_each_load_not_when_the_query_was_first_built(monkeypatch):
    """The query choosing the story is compiled once: the present it filters on is
    still each call's own."""
    now = timezone.now()
    story = make_article(published_at=now - timedelta(hours=1))
    scheduled = make_article()
    Article.objects.filter(pk=story.pk).update(unpublish_at=now + timedelta(minutes=5))
    Article.objects.filter(pk=scheduled.pk).update(published_at=now + timedelta(minutes=10))
    assert load_story(story.pk).pk == story.pk
    assert load_story(scheduled.pk) is None
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=11))
    assert load_story(story.pk) is None  # its unpublish time has come
    assert load_story(scheduled.pk).pk == scheduled.pk  # and this one's publish time


def test_loaded_instances_are_the_orms_as_read_from_the_database(story):
    """Built without Model.__init__ where nothing listens for it (articles/json_rows.py):
    still known as rows of the database, so a save updates and never inserts."""
    loaded = load_story(story.pk)
    byline = loaded.bylines.all()[0]
    for instance in (loaded, loaded.section, byline, byline.person, loaded.tags.all()[0]):
        assert (instance._state.adding, instance._state.db) == (False, "default")
    assert loaded.lead_image._state.adding is False  # ImageField listens: from_db()
    assert loaded.lead_image.width == story.lead_image.width > 0
    byline.person.position = "โฆษก"
    byline.person.save(update_fields=["position"])
    loaded.section.name = "ข่าวด่วน"
    loaded.section.save()
    assert byline.person.__class__.objects.get(pk=byline.person.pk).position == "โฆษก"
    assert loaded.section.__class__.objects.filter(name="ข่าวด่วน").count() == 1
    assert loaded == story and hash(loaded) == hash(story)


def test_a_model_that_makes_its_instances_its_own_way_still_gets_from_db():
    """Comment.from_db() remembers the status it was loaded with: a row read as JSON
    goes through it, as the ORM's would."""
    from articles.json_rows import instance
    from comments.models import Comment

    comment = instance(Comment, {"id": 7, "status": Comment.Status.APPROVED, "body": "ดี"})
    assert comment._state.adding is False
    assert comment.shown_before_save
    assert "article_id" in comment.get_deferred_fields()


def test_a_loaded_relation_is_read_without_a_queryset_and_filtered_through_one(
    story, django_assert_num_queries
):
    """Reading a loaded relation reads its list; what only a queryset does goes to the
    relation's own queryset, so it still sees this story's rows and no other's."""
    make_article(bylines=[make_person(name="คนอื่น")]).tags.add("น้ำท่วม", "อื่น")
    loaded = load_story(story.pk)
    with django_assert_num_queries(0):
        tags = loaded.tags.all()
        assert tags.all() is tags and len(tags) == tags.count() == 3 and tags.exists()
        assert [t.name for t in tags] == ["กทม", "น้ำท่วม", "ฝน"] and tags[0].name == "กทม"
        assert bool(loaded.corrections.all()) and len(loaded.people.all()) == 2
    with django_assert_num_queries(1):
        assert sorted(loaded.tags.filter(name__startswith="น").values_list("name", flat=True)) == [
            "น้ำท่วม"
        ]
    with django_assert_num_queries(1):
        names = {b.person.name for b in loaded.bylines.select_related("person")}
    assert names == {"ศรี สุข", "กมล ฟ้าใส"}  # not the other story's writer
    with django_assert_num_queries(0):  # the queryset holds the objects, as prefetched
        assert [t.pk for t in loaded.tags.all().queryset()] == [t.pk for t in tags]
    loaded.tags.add("ใหม่")  # a change drops what was loaded, as after prefetch_related
    assert sorted(t.name for t in loaded.tags.all()) == ["กทม", "น้ำท่วม", "ฝน", "ใหม่"]
