"""manage.py suggest_entities: suggestions for stories in bulk, linked only with --accept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        governor = make_person(title="นาย", name="ชยพล ศรีเมือง")
        city = make_organisation(name="เทศบาลนครตัวอย่าง", short_name="ทนต.")
    old = make_article(body="<p>นายชยพล ศรีเมือง แถลงที่ ทนต. พร้อมนางสาวอุษา ใจงาม</p>")
    long_ago = timezone.now() - timedelta(days=400)  # as an imported archive story
    Article.objects.filter(pk=old.pk).update(created_at=long_ago, published_at=long_ago)
    new = make_article(body="<p>ทนต. ประกาศปิดถนน</p>")
    return {"governor": governor, "city": city, "old": old, "new": new}


def run(*args) -> str:
    out = StringIO()
    call_command("suggest_entities", *args, stdout=out)
    return out.getvalue()


def test_lists_suggestions_without_linking(stories):
    output = run()
    assert f"#{stories['old'].pk}" in output
    assert "นายชยพล ศรีเมือง" in output
    assert "? นางสาว อุษา ใจงาม" in output
    assert "2 stories read, 3 links suggested, 0 linked, 1 possible new people" in output
    assert not stories["old"].people.exists()


def test_accept_links_the_suggestions_of_the_chosen_stories(stories):
    output = run("--article", str(stories["old"].pk), "--accept")
    assert "1 stories read, 2 links suggested, 2 linked" in output
    assert list(stories["old"].people.all()) == [stories["governor"]]
    assert list(stories["old"].organisations.all()) == [stories["city"]]
    assert not stories["new"].organisations.exists()
    assert "0 links suggested" in run("--article", str(stories["old"].pk))


def test_since_takes_christian_or_buddhist_era_dates(stories):
    this_year = timezone.localdate() - timedelta(days=30)
    assert "1 stories read" in run("--since", this_year.isoformat())
    be = this_year.replace(year=this_year.year + 543).isoformat()
    assert "1 stories read" in run("--since", be)
    with pytest.raises(CommandError):
        run("--since", "yesterday")
