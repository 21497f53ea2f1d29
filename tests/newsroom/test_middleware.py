import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=abc%00def", "next=%FF%FE", "q=%E0%B8", "%00=1"],
    ids=["nul", "nul-inside", "invalid-utf8", "truncated-thai", "nul-in-name"],
)
def test_malformed_query_string_is_a_400_not_a_500(client, query):
    response = client.get(f"/admin/login/?{query}")
    assert response.status_code == 400
    assert b"Malformed query string" in response.content


def test_thai_query_string_passes(client):
    response = client.get("/admin/login/?next=/admin/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/")
    assert response.status_code == 200
    assert 'name="next" value="/admin/ข่าว/"' in response.content.decode()  # decoded intact
