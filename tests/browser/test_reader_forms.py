"""Reader forms at phone width: controls large enough to tap (44 px) with 16 px text,
so the phone does not zoom in on focus; on the story (comments) and the search page."""

import pytest

from tests.browser.conftest import csp_violations
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTROLS = (
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button"
)


def control_sizes(page) -> list[dict]:
    return page.eval_on_selector_all(
        CONTROLS,
        """(elements) => elements
            .filter((el) => el.offsetParent !== null)
            .map((el) => ({
                name: el.name || el.id || el.textContent.trim(),
                height: el.getBoundingClientRect().height,
                font: parseFloat(getComputedStyle(el).fontSize),
            }))""",
    )


@pytest.mark.parametrize("where", ["story", "search"])
def test_controls_are_tappable_and_do_not_zoom(page, where):
    article = make_article(title="ข่าวทดสอบแบบฟอร์ม")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(article.get_absolute_url() if where == "story" else "/search/?q=ข่าว")
    sizes = control_sizes(page)
    assert len(sizes) >= (5 if where == "story" else 4), sizes
    for control in sizes:
        assert control["height"] >= 44, control
        assert control["font"] >= 16, control
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert csp_violations(page) == []
