import pytest

from newsroom.text_language import text_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("น้ำท่วมกรุงเทพฯ", "th"),
        ("UCLG ASPAC ประชุมที่ กทม. รับมือ COVID-19", "th"),
        ("นายกฯ แถลงข่าว OECD", "th"),
        ("Bangkok floods: BMA warns residents in ดอนเมือง", "en"),
        ("The quick brown fox", "en"),
        ("2567 / 2024", "th"),  # no letters: the site's language
        ("", "th"),
    ],
)
def test_text_language(text, language):
    assert text_language(text) == language
