"""Ad slots: image-and-link adverts per placement between two times, and an optional
third-party ad network that is configured in settings, never in the admin."""

import json
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Advert
from tests.factories import jpeg_bytes, make_advert
from tests.fresh_django import run_django

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def render(source: str) -> str:
    return Template("{% load ads %}" + source).render(Context())


# --- Advert.objects.live() and next_scheduled_change() -------------------------------


@pytest.mark.django_db
def test_live_starts_at_its_start_time_and_stops_at_its_end_time(frozen_now):
    second = timedelta(seconds=1)
    starts_now = make_advert(starts_at=NOW)
    ends_in_a_second = make_advert(starts_at=NOW - timedelta(days=1), ends_at=NOW + second)
    no_end = make_advert(starts_at=NOW - timedelta(days=30), ends_at=None)
    make_advert(starts_at=NOW - timedelta(days=1), ends_at=NOW)  # ends exactly now
    make_advert(starts_at=NOW + second)  # not started yet

    assert set(Advert.objects.live()) == {starts_now, ends_in_a_second, no_end}


@pytest.mark.django_db
def test_live_leaves_out_adverts_switched_off(frozen_now):
    make_advert(active=False)
    assert not Advert.objects.live().exists()


@pytest.mark.django_db
def test_live_filters_by_placement_newest_first(frozen_now):
    older = make_advert(placement=Advert.Placement.SIDEBAR, starts_at=NOW - timedelta(days=2))
    newer = make_advert(placement=Advert.Placement.SIDEBAR, starts_at=NOW - timedelta(days=1))
    top = make_advert(placement=Advert.Placement.TOP)

    assert list(Advert.objects.live(Advert.Placement.SIDEBAR)) == [newer, older]
    assert list(Advert.objects.live("top")) == [top]
    assert list(Advert.objects.live(Advert.Placement.IN_ARTICLE)) == []


@pytest.mark.django_db
def test_next_scheduled_change_is_the_nearest_future_start_or_end(frozen_now):
    make_advert(starts_at=NOW + timedelta(hours=2))
    make_advert(starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(minutes=30))
    make_advert(starts_at=NOW + timedelta(minutes=10), active=False)  # switched off
    make_advert(starts_at=NOW - timedelta(days=2), ends_at=NOW - timedelta(days=1))  # over

    assert Advert.objects.next_scheduled_change() == NOW + timedelta(minutes=30)

    Advert.objects.filter(ends_at__isnull=False).delete()
    assert Advert.objects.next_scheduled_change() == NOW + timedelta(hours=2)


@pytest.mark.django_db
def test_next_scheduled_change_is_none_when_nothing_is_scheduled(frozen_now):
    make_advert(starts_at=NOW - timedelta(hours=1))
    assert Advert.objects.next_scheduled_change() is None


# --- Validation ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://files.example.com/ad.zip", "data:text/html,hi"]
)
def test_a_link_that_is_not_http_or_https_is_refused(link):
    advert = make_advert()
    advert.link = link
    with pytest.raises(ValidationError) as raised:
        advert.full_clean()
    assert set(raised.value.message_dict) == {"link"}


@pytest.mark.django_db
def test_http_and_https_links_are_accepted():
    advert = make_advert()
    for link in ("http://shop.example.com/", "https://shop.example.com/ลดราคา?utm=x"):
        advert.link = link
        advert.full_clean()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused():
    advert = make_advert()
    advert.ends_at = advert.starts_at - timedelta(minutes=1)
    with translation.override("en"), pytest.raises(ValidationError, match="end must come"):
        advert.full_clean()


# --- {% ad_slot %} -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_empty_slot_renders_nothing_at_all(django_assert_num_queries):
    make_advert(placement=Advert.Placement.SIDEBAR)  # another placement
    make_advert(active=False)
    make_advert(starts_at=timezone.now() + timedelta(days=1))
    with django_assert_num_queries(1):
        html = render('{% ad_slot "top" %}')
    assert html.strip() == ""


@pytest.mark.django_db
def test_the_slot_shows_the_newest_live_advert_in_one_query(django_assert_num_queries):
    make_advert(
        name="old", link="https://old.example.com/", starts_at=timezone.now() - timedelta(days=2)
    )
    make_advert(
        name="new", link="https://new.example.com/", starts_at=timezone.now() - timedelta(days=1)
    )
    with django_assert_num_queries(1):
        html = render('{% ad_slot "top" %}')
    assert 'href="https://new.example.com/"' in html
    assert "old.example.com" not in html
    assert html.count("<img") == 1
    assert 'class="ad ad--top"' in html
    assert 'width="300" height="250"' in html
    assert 'loading="lazy"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "label"), [("th", "โฆษณา"), ("en", "Advertisement")])
def test_the_slot_is_labelled_as_advertising(language, label):
    make_advert(placement=Advert.Placement.IN_ARTICLE)
    with translation.override(language):
        html = render('{% ad_slot "in_article" %}')
    assert f'<p class="ad__label">{label}</p>' in html
    assert f'aria-label="{label}"' in html


@pytest.mark.django_db
def test_the_link_is_marked_sponsored_and_the_alt_text_escaped():
    make_advert(alt_text='Café "Bean" <b>-50%</b> & more')
    html = render('{% ad_slot "top" %}')
    assert 'rel="sponsored noopener"' in html
    assert 'alt="Café &quot;Bean&quot; &lt;b&gt;-50%&lt;/b&gt; &amp; more"' in html
    assert "<b>" not in html


# --- {% ad_network_script %} ---------------------------------------------------------


def test_no_ad_network_script_unless_configured(settings):
    settings.AD_NETWORK_SCRIPT_URL = ""
    assert render("{% ad_network_script %}") == ""


def test_the_ad_network_script_is_an_external_async_file(settings):
    settings.AD_NETWORK_SCRIPT_URL = "https://ads.example.net/tag.js?id=1&v=2"
    assert render("{% ad_network_script %}") == (
        '<script src="https://ads.example.net/tag.js?id=1&amp;v=2" async></script>'
    )


# --- Admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_stores_an_advert_with_a_re_encoded_renamed_image(admin_client):
    upload = SimpleUploadedFile(
        "ลูกค้า-ชื่อไฟล์ลับ.jpg", jpeg_bytes(728, 90) + b"<html>appended tail</html>", "image/jpeg"
    )
    response = admin_client.post(
        reverse("admin:articles_advert_add"),
        {
            "name": "ร้านกาแฟ มีนาคม",
            "placement": "top",
            "image": upload,
            "alt_text": "ร้านกาแฟ ลด 20%",
            "link": "shop.example.com/promo",  # no scheme typed
            "starts_at_0": "2025-03-01",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2025-03-31",
            "ends_at_1": "23:59:00",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    advert = Advert.objects.get()
    assert advert.placement == Advert.Placement.TOP
    assert advert.link == "https://shop.example.com/promo"
    assert (advert.width, advert.height) == (728, 90)
    assert advert.image.name.startswith("adverts/")
    assert "ชื่อไฟล์ลับ" not in advert.image.name
    with advert.image.open("rb") as stored:
        assert b"appended tail" not in stored.read()


@pytest.mark.django_db
def test_admin_list_shows_adverts(admin_client):
    make_advert(name="ร้านกาแฟ มีนาคม")
    response = admin_client.get(reverse("admin:articles_advert_changelist"))
    assert response.status_code == 200
    assert "ร้านกาแฟ มีนาคม" in response.content.decode()


# --- Content-Security-Policy ---------------------------------------------------------


def csp_directives(**env_overrides: str | None) -> dict[str, list[str]]:
    """The policy that settings.py builds in a fresh interpreter with this environment
    (the policy is computed when the settings module loads)."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))"
    )
    result = run_django({"DEBUG": "1", **env_overrides}, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_ad_network_origins_join_the_policy():
    directives = csp_directives(
        AD_NETWORK_SCRIPT_URL="https://ads.example.net/tag.js",
        AD_NETWORK_ORIGINS="https://cdn.ads.example.net",
    )
    for name in ("script-src", "img-src", "frame-src", "connect-src"):
        assert "'self'" in directives[name]
        assert "https://ads.example.net" in directives[name]
        assert "https://cdn.ads.example.net" in directives[name]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_without_an_ad_network_the_policy_stays_strict():
    directives = csp_directives(AD_NETWORK_SCRIPT_URL=None, AD_NETWORK_ORIGINS=None)
    assert directives["script-src"] == ["'self'"]
    # Frames only from here and the video players the body cleaner keeps.
    assert directives["frame-src"] == [
        "'self'",
        "https://www.youtube.com",
        "https://youtube.com",
        "https://www.youtube-nocookie.com",
        "https://www.facebook.com",
    ]


def test_ad_network_origins_must_be_web_addresses():
    """A CSP keyword such as 'unsafe-inline' cannot be slipped in as an "origin"."""
    with pytest.raises(AssertionError, match="AD_NETWORK_ORIGINS"):
        csp_directives(
            AD_NETWORK_SCRIPT_URL="https://ads.example.net/tag.js",
            AD_NETWORK_ORIGINS="'unsafe-inline'",
        )
