"""Every admin page a reporter, editor, moderator and admin can open is Thai, all of it.

The pages are found, not listed: the admin index and each app's page; for every model
registered with the admin site, its list, add form, and the change, history and delete
pages of an object; every other page a model's admin adds (``get_urls``) that takes no
argument or only the object's id; the site's own extra pages; and the login, logout,
password and lockout pages. A page added later by anyone is checked too, and a model
added to the admin without an object in :func:`thai_newsroom` fails the test, so that its
pages cannot go unchecked.

Each object the user may change is also saved back unchanged through its own form, and
each one the user may delete is deleted, so the messages those leave are checked too.

The data is Thai, as a Thai newsroom's is, so any English word on a page is interface
text nobody translated (tests/thai_ui.py says what counts as one, and lists the few
allowed). The years of the data must show in the Buddhist era, never as Common Era years.
"""

from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, reverse
from django.utils import timezone

from articles import live
from articles import services as article_services
from articles.models import Article, Autosave, Correction, FrontPagePick
from comments import services as comment_services
from comments.models import Comment, CommentPolicy, CommentReport
from imports.models import Redirect
from people.models import Affiliation
from search.models import Synonym
from tests.factories import (
    make_advert,
    make_article,
    make_image,
    make_member,
    make_organisation,
    make_person,
    make_section,
    make_staff,
)
from tests.thai_ui import english_words, gregorian_years, visible_text

pytestmark = pytest.mark.django_db

#: The names of the pages every ModelAdmin has; the rest of get_urls() are its own.
STANDARD_PAGES = ("changelist", "add", "history", "delete", "change")
#: Site pages that are not pages a person reads (or are checked on their own below).
NOT_PAGES = {"jsi18n", "autocomplete", "logout", "login", "view_on_site"}

PASSWORD = "a-test-password-1"
#: PASSWORD hashed with a salt beginning with digits: a user's page shows the first few
#: characters of salt and hash, and random letters there would read as English words.
PASSWORD_HASH = (
    "pbkdf2_sha256$1000000$0salt1salt2salt3salt4s$z0yB0Kbb2Na3BWHSOCF/DogoaAby+bxh/YvMwpLaOkk="
)
#: How the test browser names itself, as axes records it (the data is Thai throughout).
BROWSER = {"HTTP_USER_AGENT": "เบราว์เซอร์ทดสอบ/1.0", "HTTP_ACCEPT": "*/*"}

ROLES = {
    # username: (role group, first name, last name); None: the superuser.
    "somchai": ("Reporter", "สมชาย", "ใจดี"),
    "malee": ("Editor", "มาลี", "ศรีสุข"),
    "wichai": ("Moderator", "วิชัย", "มั่นคง"),
    "admin": (None, "ผู้ดูแล", "ระบบ"),
}


def thai_newsroom() -> dict:
    """A small newsroom with one Thai object of every model the admin shows, at least."""
    users = {}
    for username, (role, first, last) in ROLES.items():
        if role is None:
            user = make_staff(username, is_superuser=True)
        else:
            user = make_member(username, role)
        user.first_name, user.last_name, user.email = first, last, f"{username}@example.com"
        user.password = PASSWORD_HASH
        user.save()
        users[username] = user
    reporter, editor, moderator = users["somchai"], users["malee"], users["wichai"]

    section = make_section(name="การเมือง", description="ข่าวการเมืองและรัฐสภา")
    make_section(name="ต่างประเทศ")
    city = make_organisation(
        name="กรุงเทพมหานคร",
        short_name="กทม.",
        aliases=["เมืองหลวง"],
        website="https://www.bangkok.go.th/",
        description="องค์กรปกครองส่วนท้องถิ่นของเมืองหลวง",
    )
    make_organisation(name="สำนักการระบายน้ำ", parent=city)
    governor = make_person(
        name="ชัชชาติ สิทธิพันธุ์",
        position="ผู้ว่าราชการกรุงเทพมหานคร",
        aliases=["ผู้ว่าฯ ชัชชาติ"],
        bio="อดีตรัฐมนตรีว่าการกระทรวงคมนาคม",
    )
    writer = make_person(name="สมชาย ใจดี", position="ผู้สื่อข่าว", user=reporter)
    Affiliation.objects.create(
        person=governor, organisation=city, role="ผู้ว่าราชการ", start_date=date(2022, 6, 1)
    )
    image = make_image(alt_text="ผู้ว่าฯ ลงพื้นที่", caption="ตรวจน้ำท่วม", credit="ช่างภาพข่าว")

    # The reporter's own draft comes first: the first object of a model is the one opened.
    draft = make_article(
        title="กทม. เร่งระบายน้ำย่านลาดพร้าว",
        standfirst="ฝนตกหนักทั้งคืน",
        body="<p>ผู้ว่าฯ ลงพื้นที่ตรวจการระบายน้ำตั้งแต่เช้า</p>",
        status=Article.Status.DRAFT,
        section=section,
        lead_image=image,
        created_by=reporter,
        review_note="ขอคำยืนยันจากสำนักการระบายน้ำ",
        bylines=[writer],
    )
    draft.tags.add("น้ำท่วม", "กรุงเทพฯ")
    draft.people.add(governor)
    draft.organisations.add(city)
    article_services.revision_record(article=draft, user=reporter)
    article_services.status_change_record(
        article=draft, user=editor, from_status=Article.Status.IN_REVIEW, note="ขอแหล่งข่าวเพิ่ม"
    )
    article_services.revision_record(article=draft, user=editor)
    published = make_article(
        title="สภาผ่านงบประมาณปีหน้า",
        standfirst="มติเสียงข้างมาก",
        section=section,
        bylines=[writer],
        published_at=timezone.now() - timedelta(days=2, hours=20),
        created_by=editor,
    )
    make_article(title="ข่าวเก่าปีก่อน", published_at=timezone.now() - timedelta(days=400))
    Correction.objects.create(article=published, text="แก้ชื่อผู้ให้สัมภาษณ์", created_by=editor)
    article_services.status_change_record(
        article=published, user=editor, from_status=Article.Status.IN_REVIEW
    )
    FrontPagePick.objects.create(
        article=published,
        position=FrontPagePick.LEAD,
        chosen_by=editor,
        expires_at=timezone.now() + timedelta(days=1),
    )
    Autosave.objects.create(
        article=draft,
        user=reporter,
        data={"title": "กทม. เร่งระบายน้ำย่านลาดพร้าวและบางเขน"},
        based_on_version=draft.version,
    )
    published = live.live_start(article=published, user=editor)
    live.update_post(article=published, user=editor, body="<p>สภาเริ่มลงมติแล้ว</p>", pinned=True)
    make_advert(name="ร้านกาแฟทดสอบ", alt_text="กาแฟลดราคา")
    Redirect.objects.create(old_path="/2022/09/blog-post_12.html", article=published)
    # The search app's own synonyms pair Thai terms with English ones: data, not interface.
    Synonym.objects.all().delete()
    Synonym.objects.create(terms=["กทม.", "กรุงเทพฯ", "กรุงเทพมหานคร"], note="ชื่อย่อของเมือง")

    CommentPolicy.objects.get_or_create(pk=1)
    waiting = Comment.objects.create(
        article=published,
        name="ผู้อ่านคนหนึ่ง",
        email="reader@example.com",
        body="เห็นด้วยกับงบประมาณนี้",
        flags=[Comment.Flag.TOO_FAST],
        ip_hash="1f" * 32,
    )
    approved = Comment.objects.create(
        article=published, name="ผู้อ่านอีกคน", email="other@example.com", body="ขอบคุณข่าวครับ"
    )
    comment_services.comment_moderate(comment=approved, moderator=moderator, action="approve")
    Comment.objects.create(
        article=published,
        parent=approved,
        name="ผู้อ่านคนที่สาม",
        email="third@example.com",
        body="เห็นด้วยครับ",
    )
    CommentReport.objects.create(
        comment=approved, reason=CommentReport.Reason.OFF_TOPIC, reporter="1" * 64
    )
    rejected = Comment.objects.create(
        article=published, name="ผู้อ่าน", email="reader@example.com", body="ข้อความไม่สุภาพ"
    )
    comment_services.comment_moderate(
        comment=rejected, moderator=moderator, action="reject", reason="abuse"
    )

    # Axes' records of logins, as it keeps them (filled in with Thai-friendly data).
    seen = {
        "user_agent": "เบราว์เซอร์ทดสอบ",
        "ip_address": "203.0.113.7",
        "username": "somchai",
        "http_accept": "*/*",
        "path_info": "/admin/login/",
    }
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=2)
    AccessFailureLog.objects.create(**seen)
    AccessLog.objects.create(**seen, logout_time=timezone.now())
    return {"users": users, "waiting": waiting}


def first_objects() -> tuple[dict, list[str]]:
    """The object whose pages are opened, per registered model; and the models with none."""
    objects, missing = {}, []
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        if first is None:
            missing.append(model._meta.label)
        else:
            objects[model] = first
    return objects, missing


def own_pages(model_admin, obj) -> list[str]:
    """The extra pages a ModelAdmin adds, of those taking nothing or the object's id."""
    urls = []
    for pattern in model_admin.get_urls():
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        if pattern.name.rsplit("_", 1)[-1] in STANDARD_PAGES:
            continue
        arguments = list(pattern.pattern.regex.groupindex)
        if not arguments:
            urls.append(reverse(f"admin:{pattern.name}"))
        elif len(arguments) == 1 == pattern.pattern.regex.groups:
            urls.append(reverse(f"admin:{pattern.name}", kwargs={arguments[0]: obj.pk}))
    return urls


def site_pages() -> list[str]:
    """The admin site's pages: the index, each app's page, and any page of its own."""
    urls = []
    for pattern in admin.site.get_urls():
        if not isinstance(pattern, URLPattern) or pattern.name in NOT_PAGES:
            continue
        if pattern.name and not pattern.pattern.regex.groups:
            urls.append(reverse(f"admin:{pattern.name}"))
    labels = dict.fromkeys(model._meta.app_label for model in admin.site._registry)
    urls += [reverse("admin:app_list", kwargs={"app_label": label}) for label in labels]
    return urls


def admin_page(model, page: str, *args) -> str | None:
    """The address of one of a model's standard admin pages, None where its admin has
    pages of its own instead (the front page's board has no change or delete page)."""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)
    except NoReverseMatch:
        return None


def model_pages(objects: dict) -> list[str]:
    urls = []
    for model, model_admin in admin.site._registry.items():
        obj = objects[model]
        urls += [admin_page(model, "changelist"), admin_page(model, "add")]
        urls += [admin_page(model, page, obj.pk) for page in ("change", "history", "delete")]
        urls += own_pages(model_admin, obj)
    return [url for url in urls if url is not None]


class ChangeForm(HTMLParser):
    """The fields of the admin's change form as a browser would send them, unchanged."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: tuple[str, bool] | None = None  # name, whether an option was taken
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.buttons: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = attributes.get("type", "text")
            if kind == "submit":
                self.buttons.add(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.data.setdefault(name, []).append(attributes.get("value", "on"))
            elif kind not in {"file", "button", "reset", "image"}:
                self.data.setdefault(name, []).append(attributes.get("value", ""))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attributes), []
        elif tag == "option" and self.select:
            self.options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]  # a browser sends the first option
            self.data[name] = chosen
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data


def problems_on(html: str, allowed: set[str], years: list[int]) -> list[str]:
    """Each fragment of the page's text with an English word or a Common Era year."""
    text = visible_text(html)
    words = english_words(text, allowed)
    found = {where: f"{word!r} in “{where}”" for word, where in words.items()}
    for year, where in gregorian_years(text, years).items():
        found.setdefault(where, f"Common Era year {year} in “{where}”")
    return list(found.values())


class Desk:
    """One user's walk through the admin, collecting what is not Thai."""

    def __init__(self, client: Client, allowed: set[str]):
        self.client = client
        self.allowed = allowed
        now = timezone.localtime()
        self.years = sorted({now.year, (now - timedelta(days=400)).year})
        self.problems: dict[str, list[str]] = {}  # what is wrong: the pages it is on
        self.opened: list[str] = []

    def check(self, page: str, response, status: int = 200) -> None:
        """Read a page the user is shown: the one asked for, or the refusal (403)."""
        assert response.status_code < 500, f"{page} answered {response.status_code}"
        shown = response.status_code in (status, 403)
        if shown and "html" in response.get("Content-Type", ""):
            self.opened.append(page)
            for problem in problems_on(response.content.decode(), self.allowed, self.years):
                self.problems.setdefault(problem, []).append(page)

    def report(self) -> str:
        return f"{len(self.problems)} untranslated:\n" + "\n".join(
            f"{problem}  — {pages[0]}" + (f" and {len(pages) - 1} more" if len(pages) > 1 else "")
            for problem, pages in self.problems.items()
        )

    def open(self, url: str) -> None:
        response = self.client.get(url)
        if response.status_code == 302:
            target = urlsplit(response["Location"])
            if target.path.startswith("/admin/") and not target.path.startswith("/admin/login"):
                response = self.client.get(response["Location"])
        self.check(url, response)

    def save_unchanged(self, url: str, model) -> None:
        """Send the change form back as it came; check the page it leads to."""
        page = self.client.get(url)
        form = ChangeForm(f"{model._meta.model_name}_form")
        form.feed(page.content.decode())
        if "_continue" not in form.buttons:
            return  # view only
        response = self.client.post(url, {**form.data, "_continue": "1"})
        assert response.status_code == 302, (
            f"{url}: saving the unchanged form failed: "
            f"{getattr(response, 'context_data', {}).get('errors')}"
        )
        self.check(f"{url} (after saving)", self.client.get(response["Location"]))

    def delete(self, url: str) -> None:
        response = self.client.post(url, {"post": "yes"}, follow=True)
        self.check(f"{url} (after deleting)", response)


def log_in(client: Client, username: str) -> None:
    """Through the login page, as a person would (axes records the login)."""
    response = client.post(
        reverse("admin:login"), {"username": username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, f"{username} could not log in"


@pytest.mark.parametrize("username", list(ROLES))
def test_every_admin_page_is_thai(username):
    thai_newsroom()
    client = Client(**BROWSER)
    log_in(client, username)
    objects, missing = first_objects()
    assert not missing, f"give thai_newsroom() an object of: {', '.join(missing)}"
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    desk = Desk(client, allowed=usernames)

    for model, obj in objects.items():
        if (change := admin_page(model, "change", obj.pk)) is not None:
            desk.save_unchanged(change, model)
    for url in site_pages() + model_pages(objects):
        desk.open(url)
    # An object that is not there: the admin says so on the index page.
    desk.open(reverse("admin:articles_article_change", args=[10**9]))
    for model, obj in objects.items():
        delete = admin_page(model, "delete", obj.pk)
        if delete is not None and model._default_manager.filter(pk=obj.pk).exists():
            desk.delete(delete)

    # The walk really went through the desk: the user's own pages were among those read.
    expected = {
        "somchai": reverse("admin:articles_article_add"),
        "malee": reverse("admin:articles_advert_changelist"),
        "wichai": reverse("admin:comments_comment_changelist"),
        "admin": reverse("admin:auth_user_changelist"),
    }[username]
    assert expected in desk.opened
    assert reverse("admin:index") in desk.opened
    assert not desk.problems, desk.report()


def test_login_logout_password_and_lockout_pages_are_thai(settings):
    thai_newsroom()
    client = Client(**BROWSER)
    desk = Desk(client, allowed=set(ROLES))
    login = reverse("admin:login")
    desk.check(login, client.get(login))
    wrong = {"username": "somchai", "password": "not-the-password"}
    desk.check(f"{login} (wrong password)", client.post(login, wrong))

    log_in(client, "malee")
    for name in ("password_change", "password_change_done"):
        desk.open(reverse(f"admin:{name}"))
    change = reverse("admin:password_change")
    bad = {"old_password": "wrong", "new_password1": "ab", "new_password2": "cd"}
    desk.check(f"{change} (refused)", client.post(change, bad))
    desk.check(reverse("admin:logout"), client.post(reverse("admin:logout")))

    # Locked out after too many failures: the page axes shows (templates/admin/).
    locked = Client(**BROWSER)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = locked.post(login, wrong, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    desk.check(f"{login} (locked out)", response, status=429)
    assert len(desk.opened) == 7
    assert not desk.problems, desk.report()
