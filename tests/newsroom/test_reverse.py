"""cached_reverse (newsroom/reverse.py): the address reverse() gives, for the language,
script prefix and URL configuration in force when asked."""

from django.urls import clear_script_prefix, reverse, set_script_prefix
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
