"""The summary's details a facilitator sets on the summary preview ("Yhteenvedon tiedot") and
through ``PATCH /api/v1/workshops/{id}``: the day held, the time zone and the closing text.
Each refusal is said beside its field and changes nothing; a change moves ``seq`` (the cached
documents are keyed by it) and reaches the facilitators only."""

import re

import pytest

from .conftest import events_of
from .test_accounts import csrf_token, login

PASSWORD = "correct horse battery"


def _page(response) -> str:
    return response.get_data(as_text=True)


def _facts(api, workshop_id: int) -> tuple[dict, int]:
    doc = api.get(f"/workshops/{workshop_id}").get_json()
    head = doc["workshop"]
    return {k: head[k] for k in ("held_on", "time_zone", "closing_text")}, doc["seq"]


def _patch(client, api, workshop_id: int, body):
    return client.patch(f"/api/v1/workshops/{workshop_id}", json=body, headers=api.headers)


def _post(client, workshop_id: int, **fields):
    token = csrf_token(client, f"/w/{workshop_id}/summary")
    return client.post(f"/w/{workshop_id}/documents", data={"csrf_token": token, **fields})


@pytest.fixture
def logged_in(client, facilitator):
    login(client, facilitator[1], PASSWORD)
    return client


def test_the_preview_offers_the_form_with_the_workshops_facts(logged_in, workshop):
    page = _page(logged_in.get(f"/w/{workshop['id']}/summary"))
    assert "Yhteenvedon tiedot" in page
    assert re.search(r'<input id="held_on" name="held_on" type="date"[^>]* value=""', page)
    selected = re.search(r'<option value="([^"]+)" selected>([^<]+)</option>', page)
    assert selected.groups() == ("Europe/Helsinki", "Suomi (Europe/Helsinki)")
    first = re.search(r'<select id="time_zone"[^>]*>\s*<option value="([^"]+)"', page)
    assert first.group(1) == "Europe/Helsinki"
    assert re.search(r'<textarea id="closing_text"[^>]* maxlength="4000"', page)
    assert "Enintään 4\u00a0000 merkkiä" in page


def test_saved_facts_are_kept_shown_and_move_seq_for_the_facilitators_only(
    logged_in, api, workshop, sockets, facilitator, participant
):
    wid = workshop["id"]
    host = sockets(auth={"api_token": facilitator[2]})
    assert host.emit("join", {"workshop_id": wid}, callback=True)["ok"]
    alice, _ack = participant("Alice")
    host.get_received(), alice.get_received()
    _before, seq = _facts(api, wid)

    closing = "Seuraavaksi kootaan koulutussuunnitelma.\r\n\r\n- Luonnos kesäkuussa"
    response = _post(
        logged_in, wid, held_on="2025-03-14", time_zone="Europe/Stockholm", closing_text=closing
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{wid}/summary#document-facts")

    expected = {
        "held_on": "2025-03-14",
        "time_zone": "Europe/Stockholm",
        "closing_text": "Seuraavaksi kootaan koulutussuunnitelma.\n\n- Luonnos kesäkuussa",
    }
    assert _facts(api, wid) == (expected, seq + 1)
    (event,) = events_of(host, "workshop.documents")
    assert event == {"seq": seq + 1, "type": "workshop.documents", "data": expected}
    assert [(e["seq"], e["type"]) for e in events_of(alice)] == [(seq + 1, "hidden")]
    # Nor does a participant's snapshot carry the facilitator's closing text.
    _bob, joined = participant("Bob")
    assert "closing_text" not in joined["workshop"]["workshop"]

    page = _page(logged_in.get(f"/w/{wid}/summary"))
    assert "Yhteenvedon tiedot tallennettiin." in page
    assert 'value="2025-03-14"' in page
    assert '<option value="Europe/Stockholm" selected>Ruotsi (Europe/Stockholm)</option>' in page
    assert ">Seuraavaksi kootaan koulutussuunnitelma.\n\n- Luonnos kesäkuussa</textarea>" in page

    # The dashboard dates the workshop by the day it was held.
    row = re.search(rf'<tr>\s*<td><a href="/w/{wid}">.*?</tr>', _page(logged_in.get("/")), re.S)
    assert "<td>14.3.2025</td>" in row.group(0)

    # The same facts again change nothing; an emptied date and text clear them.
    assert _post(logged_in, wid, **expected).status_code == 302
    assert _facts(api, wid) == (expected, seq + 1)
    assert _post(logged_in, wid, held_on="", time_zone="UTC", closing_text="").status_code == 302
    cleared = {"held_on": None, "time_zone": "UTC", "closing_text": ""}
    assert _facts(api, wid) == (cleared, seq + 2)


REFUSALS = {
    "a day not in the calendar": ({"held_on": "2025-02-30"}, "held_on"),
    "a date as Finns type it": ({"held_on": "14.3.2025"}, "held_on"),
    "a week date": ({"held_on": "2025-W11-5"}, "held_on"),
    "an unknown zone": ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
    "a path for a zone": ({"time_zone": "../../etc/passwd"}, "time_zone"),
    "a zone in lower case": ({"time_zone": "europe/helsinki"}, "time_zone"),
    "a closing text over 4,000 characters": ({"closing_text": "x" * 4001}, "closing_text"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_refused_fact_is_said_beside_its_field_and_nothing_changes(
    case, logged_in, api, workshop
):
    wid = workshop["id"]
    before = _facts(api, wid)
    bad, field = REFUSALS[case]
    typed = {"held_on": "2025-03-14", "time_zone": "Europe/Tallinn", "closing_text": "Kiitos!"}
    response = _post(logged_in, wid, **{**typed, **bad})
    assert response.status_code == 400
    page = _page(response)
    error = re.search(rf'<p id="{field}-error" class="error field-error">([^<]+)</p>', page)
    assert error and error.group(1).strip()
    control = re.search(rf'<(?:input|select|textarea) id="{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in control and f"{field}-error" in control
    assert "autofocus" in control
    assert page.count('class="error field-error"') == 1
    if field != "time_zone":  # what was typed stays, to be corrected
        kept = bad[field] if field == "held_on" else bad[field] + "</textarea>"
        assert kept in page
    assert 'id="summary-content"' in page  # the preview itself, not a bare error page
    assert _facts(api, wid) == before


def test_every_bad_field_is_said_at_once_in_the_workshops_language(logged_in, api, make_workshop):
    workshop = make_workshop(language="sv")
    response = _post(
        logged_in, workshop["id"], held_on="huomenna", time_zone="Nowhere", closing_text="y" * 5000
    )
    assert response.status_code == 400
    page = _page(response)
    assert page.count('class="error field-error"') == 3
    assert "Sammanfattningens uppgifter" in page
    assert "högst 4\u00a0000 tecken" in page


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it(logged_in, api, workshop):
    text = "a" * 2000 + "\r\n" + "b" * 1999  # 4,001 as posted, 4,000 as typed
    assert _post(logged_in, workshop["id"], closing_text=text).status_code == 302
    assert _facts(api, workshop["id"])[0]["closing_text"] == "a" * 2000 + "\n" + "b" * 1999


def test_co_facilitators_may_set_them_others_and_forged_posts_may_not(
    app, api, workshop, make_facilitator, client, facilitator
):
    wid = workshop["id"]
    _helper_id, helper_email, _token = make_facilitator()
    _other_id, other_email, _other_token = make_facilitator()
    assert api.post(f"/workshops/{wid}/facilitators", json={"email": helper_email}).status_code
    helper = app.test_client()
    login(helper, helper_email, PASSWORD)
    assert _post(helper, wid, closing_text="Apuohjaajan loppusanat").status_code == 302
    assert _facts(api, wid)[0]["closing_text"] == "Apuohjaajan loppusanat"

    stranger = app.test_client()
    login(stranger, other_email, PASSWORD)
    token = csrf_token(stranger, "/")
    refused = stranger.post(
        f"/w/{wid}/documents", data={"csrf_token": token, "closing_text": "Vieras"}
    )
    assert refused.status_code == 404
    login(client, facilitator[1], PASSWORD)
    forged = client.post(f"/w/{wid}/documents", data={"closing_text": "Ilman tunnistetta"})
    assert forged.status_code == 400
    assert _facts(api, wid)[0]["closing_text"] == "Apuohjaajan loppusanat"


def test_the_api_sets_them_field_by_field(api, workshop, client, make_facilitator):
    wid = workshop["id"]
    _facts_before, seq = _facts(api, wid)
    response = _patch(client, api, wid, {"held_on": "2024-11-05"})
    assert response.status_code == 200
    assert response.get_json() == {
        "held_on": "2024-11-05",
        "time_zone": "Europe/Helsinki",
        "closing_text": "",
        "seq": seq + 1,
    }
    response = _patch(client, api, wid, {"time_zone": "Europe/Mariehamn", "closing_text": "Tack!"})
    assert response.get_json() == {
        "held_on": "2024-11-05",
        "time_zone": "Europe/Mariehamn",
        "closing_text": "Tack!",
        "seq": seq + 2,
    }
    assert _patch(client, api, wid, {"held_on": None}).get_json()["held_on"] is None

    for body, field in (
        ({"held_on": 20241105}, "held_on"),
        ({"time_zone": "Helsinki"}, "time_zone"),
        ({"closing_text": ["a"]}, "closing_text"),
        ({"closing_text": "z" * 4001}, "closing_text"),
    ):
        refused = _patch(client, api, wid, {"held_on": "2030-01-01", **body})
        assert refused.status_code == 400, body
        assert refused.get_json()["error"]["field"] == field
    assert _facts(api, wid) == (
        {"held_on": None, "time_zone": "Europe/Mariehamn", "closing_text": "Tack!"},
        seq + 3,
    )
    _id, _email, stranger = make_facilitator()
    other = client.patch(
        f"/api/v1/workshops/{wid}",
        json={"closing_text": "x"},
        headers={"Authorization": f"Bearer {stranger}"},
    )
    assert other.status_code == 404
