"""The desk's 30-day charts at phone width in Chromium: no sideways scrolling, readable
labels, no CSP violations, and the numbers' table one tap away."""

import pytest

from tests.browser.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    csp_violations,
)
from tests.factories import make_staff
from tests.newsroom.test_desk_chart import busy_month  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_desk_charts_fit_a_phone(page, busy_month):  # noqa: F811
    make_staff("chief", is_superuser=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-test-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")

    assert_no_horizontal_scroll(page)
    assert csp_violations(page) == [] and page.console_errors == []
    for selector in [".desk-dates span", ".desk-axis span", ".desk-series figcaption"]:
        sizes = page.eval_on_selector_all(
            selector, "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 12, selector
    for name in ["published", "comments"]:
        chart = page.locator(f"svg.desk-chart-{name}")
        box = chart.bounding_box()
        assert 200 < box["width"] <= 375 and box["height"] >= 80
        # the tallest bar of each series reaches the top of its own chart
        heights = page.eval_on_selector_all(
            f"svg.desk-chart-{name} rect", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        tallest = max(heights)
        assert tallest == pytest.approx(box["height"] - 1, abs=1.5)  # less the axis line

    table = page.locator(".desk-numbers table")
    assert not table.is_visible()
    page.click(".desk-numbers summary")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 30
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
