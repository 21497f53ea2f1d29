"""The admin's pages run under the strict Content-Security-Policy without violations."""

import pytest

from tests.browser.conftest import csp_violations
from tests.factories import make_article, make_image, make_person, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_pages_load_without_csp_violations_or_script_errors(page):
    make_staff("chief", is_superuser=True)
    article = make_article(title="ข่าวทดสอบหน้าแอดมิน", bylines=[make_person()])
    make_image()
    page.goto("/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    for path in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/image/",
        "/admin/articles/image/add/",
        "/admin/people/person/add/",
        "/admin/people/organisation/",
        "/admin/comments/comment/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert csp_violations(page) == [], path
        assert page.console_errors == [], path
