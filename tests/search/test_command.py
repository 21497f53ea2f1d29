"""manage.py rebuild_search_index: builds every entry, reports progress, and resumes."""

import io

import pytest
from django.core.management import call_command

from search import engine
from search.models import SearchEntry
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue()


def test_rebuild_indexes_every_article_and_resume_skips_fresh_ones():
    # Made without the on-commit signals running, like a bulk import.
    articles = [make_article(title=f"นำเข้าจากบล็อก {n}") for n in range(5)]
    assert not SearchEntry.objects.exists()
    output = run("--batch-size", "2")
    assert "5/5" in output and "stories per second" in output
    assert SearchEntry.objects.count() == 5
    assert set(engine.search("บล็อก").values_list("pk", flat=True)) == {a.pk for a in articles}

    SearchEntry.objects.filter(article=articles[0]).delete()
    assert "1/1" in run("--resume")
    assert "Indexed 0 articles" in run("--resume")


def test_resume_rewrites_the_entries_an_older_engine_wrote():
    articles = [make_article(title=f"ประกันสังคม {n}") for n in range(3)]
    run()
    assert set(SearchEntry.objects.values_list("version", flat=True)) == {engine.INDEX_VERSION}
    # As the migration leaves the entries written before the compounds' pieces existed.
    SearchEntry.objects.filter(article=articles[1]).update(version=1)
    assert "1/1" in run("--resume")
    assert set(SearchEntry.objects.values_list("version", flat=True)) == {engine.INDEX_VERSION}
    assert "Indexed 0 articles" in run("--resume")
