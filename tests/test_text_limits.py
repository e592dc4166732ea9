"""A text field's limit holds for what the client sent, as the OpenAPI document's maxLength
says, not only for what is left after control characters are cleaned out (schemathesis found a
201-character title with control characters accepted)."""


def test_a_title_over_the_limit_is_refused_even_if_cleaning_would_shorten_it(api):
    for title in ("\x05" + "a" * 200, "\u200b" * 201, "a" * 201):
        response = api.post("/series", json={"title": title})
        assert response.status_code == 400, (title[:5], response.get_json())
        assert response.get_json()["error"]["code"] == "too_long"
        assert response.get_json()["error"]["field"] == "title"
    assert api.post("/series", json={"title": "\x05" + "a" * 199}).status_code == 201
