"""cached_reverse (newsroom/reverse.py): the address reverse() gives, for the language,
script prefix and URL configuration in force when asked."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from newsroom.reverse import cached_reverse

SLUG = "น้ำท่วม-กรุงเทพ"


def test_the_same_address_as_reverse_with_a_thai_slug():
    for _ in range(2):  # the second from memory
        assert cached_reverse("articles:detail", pk=12, slug=SLUG) == reverse(
            "articles:detail", kwargs={"pk": 12, "slug": SLUG}
        )
    assert "%E0%B8%99" in cached_reverse("articles:detail", pk=12, slug=SLUG)  # quoted น


def test_each_language_its_own_address():
    with translation.override("th"):
        thai = cached_reverse("articles:tag", slug=SLUG)
    with translation.override("en"):
        english = cached_reverse("articles:tag", slug=SLUG)
    with translation.override("th"):
        assert cached_reverse("articles:tag", slug=SLUG) == thai
    assert english == f"/en{thai}"


def test_a_script_prefix_is_not_forgotten():
    plain = cached_reverse("articles:section", slug="politics")
    set_script_prefix("/news-site/")
    try:
        assert cached_reverse("articles:section", slug="politics") == f"/news-site{plain}"
    finally:
        clear_script_prefix()
    assert cached_reverse("articles:section", slug="politics") == plain


# Slugs as writers and imports make them: Thai, spaces, characters reverse() leaves as
# they are and characters it quotes, a percent sign, an emoji.
AWKWARD_SLUGS = [
    SLUG,
    "ดร. สมชาย ใจดี",
    "UCLG ASPAC กทม.",
    "!$&'()*+,;=~:@",
    "50% off? #1 & more",
    "ข่าว🔥ด่วน",
    "-",
]


@pytest.mark.parametrize("viewname", ["articles:detail", "people:person", "people:organisation"])
@pytest.mark.parametrize("language", ["th", "en"])
def test_an_id_and_slug_address_is_reverse_s_without_asking_it_again(
    viewname, language, monkeypatch
):
    """A route of ``<int:pk>/<str:slug>/`` is reversed once; every other address of it
    is put together around the id and slug, the same text reverse() gives."""
    import newsroom.reverse as module

    calls = []
    counted = lambda *args, **kwargs: calls.append(args) or reverse(*args, **kwargs)  # noqa: E731
    monkeypatch.setattr(module, "reverse", counted)
    set_script_prefix("/site/")
    try:
        with translation.override(language):
            for pk, slug in enumerate(AWKWARD_SLUGS, start=4_000_001):
                expected = reverse(viewname, kwargs={"pk": pk, "slug": slug})
                assert cached_reverse(viewname, pk=pk, slug=slug) == expected, slug
    finally:
        clear_script_prefix()
    assert expected.startswith(f"/site/{'en/' if language == 'en' else ''}")
    assert len(calls) <= 1  # the shape, unless an earlier test already worked it out


@pytest.mark.parametrize(
    "kwargs", [{"pk": 5, "slug": ""}, {"pk": 5, "slug": "a/b"}, {"pk": -5, "slug": "x"}]
)
def test_what_the_route_refuses_is_still_refused(kwargs):
    with pytest.raises(NoReverseMatch):
        reverse("articles:detail", kwargs=kwargs)
    with pytest.raises(NoReverseMatch):
        cached_reverse("articles:detail", **kwargs)


def test_other_routes_are_reverse_s_own():
    for viewname, kwargs in [
        ("articles:live-update", {"pk": 7, "update_pk": 9}),
        ("articles:tag", {"slug": "ฝน-ตก"}),
        ("articles:detail-by-id", {"pk": 3}),
    ]:
        assert cached_reverse(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)
