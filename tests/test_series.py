"""The canvas library in use: every template, cards and ratings through the protocol, series
that build on each other, own canvases from PAJAPOHJA_CANVASES, and `canvases check`."""

import pytest

from .conftest import new_op


def step_of(workshop: dict, canvas: str) -> dict:
    return next(step for step in workshop["steps"] if step["canvas"] == canvas)


def series_workshop(api, series_id: int, index: int) -> dict:
    """Workshop ``index`` of the training-plan template in the series, in Finnish."""
    body = {
        "title": f"Työpaja {index}",
        "template": "hyvanmitta-training-plan",
        "language": "fi",
        "series_id": series_id,
    }
    if index > 1:
        body["index"] = index
    return api.post("/workshops", json=body).get_json()


@pytest.mark.parametrize(
    "template, index",
    [
        ("hyvanmitta-training-plan", 1),
        ("hyvanmitta-training-plan", 2),
        ("hyvanmitta-training-plan", 3),
        ("hyvanmitta-impact-chain", 1),
        ("small-groups", 1),
        ("comment-wall", 1),
    ],
)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_template_creates_its_steps_in_every_language(api, client, template, index, language):
    response = api.post(
        "/workshops",
        json={
            "title": "T",
            "template": template,
            "index": index,
            "language": language,
            "topic": "digiohjaus",
        },
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    plan = next(
        t
        for t in client.get("/api/v1/canvases").get_json()["workshop_templates"]
        if t["id"] == template
    )
    assert [s["canvas"] for s in body["steps"]] == plan["workshops"][index - 1]
    document = api.get(f"/workshops/{body['id']}").get_json()
    for step in document["steps"]:
        assert step["title"] and step["instructions"] and step["prompts"]
        assert "{topic}" not in step["title"] and "{organisation}" not in step["instructions"]


def test_card_fields_are_validated_on_note_add(participant, make_workshop):
    workshop = make_workshop(index=2)
    step = step_of(workshop, "target_groups")
    sock, _ = participant(workshop_=workshop)
    base = {"step_id": step["id"], "prompt_id": step["prompts"][0]["id"], "text": ""}
    missing = sock.emit(
        "note.add", {**base, "op_id": new_op(), "fields": {"goal": "x"}}, callback=True
    )
    assert missing["error"]["code"] == "missing_field" and missing["error"]["field"] == "group"
    unknown = sock.emit(
        "note.add",
        {**base, "op_id": new_op(), "fields": {"group": "Esihenkilöt", "colour": "red"}},
        callback=True,
    )
    assert unknown["error"]["code"] == "invalid_fields"
    too_long = sock.emit(
        "note.add", {**base, "op_id": new_op(), "fields": {"group": "x" * 5000}}, callback=True
    )
    assert too_long["error"]["code"] == "too_long"
    not_a_dict = sock.emit(
        "note.add", {**base, "op_id": new_op(), "fields": ["group"]}, callback=True
    )
    assert not_a_dict["error"]["code"] == "invalid_fields"
    card = sock.emit(
        "note.add",
        {
            **base,
            "op_id": new_op(),
            "fields": {
                "group": "Uudet työntekijät",
                "goal": "Tuntee osallisuuden perusteet",
                "contents": ["Perehdytys", "Verkkokurssi"],
            },
        },
        callback=True,
    )
    assert card["ok"], card
    assert card["note"]["fields"]["contents"] == ["Perehdytys", "Verkkokurssi"]


def test_feedback_takes_a_rating_and_a_comment(participant, make_workshop):
    workshop = make_workshop(index=3)
    step = step_of(workshop, "feedback")
    sock, _ = participant(workshop_=workshop)
    base = {"step_id": step["id"], "prompt_id": step["prompts"][0]["id"]}
    assert (
        sock.emit(
            "note.add",
            {**base, "op_id": new_op(), "text": "Hyvä", "fields": {"rating": 7}},
            callback=True,
        )["error"]["code"]
        == "invalid_rating"
    )
    ok = sock.emit(
        "note.add",
        {**base, "op_id": new_op(), "text": "Selkeä työpaja", "fields": {"rating": 5}},
        callback=True,
    )
    assert ok["ok"] and ok["note"]["fields"]["rating"] == 5


def test_vision_statement_is_shared_and_conflicts_are_shown(participant, make_workshop):
    workshop = make_workshop()
    step = step_of(workshop, "vision")
    alice, _ = participant("Alice", workshop_=workshop)
    bob, _ = participant("Bob", workshop_=workshop)
    first = alice.emit(
        "vision.edit",
        {
            "op_id": new_op(),
            "step_id": step["id"],
            "version": 0,
            "text": "Jokainen asiakas tulee kuulluksi.",
        },
        callback=True,
    )
    assert first["vision"]["version"] == 1 and first["vision"]["edited_by"] == "Alice"
    stale = bob.emit(
        "vision.edit",
        {"op_id": new_op(), "step_id": step["id"], "version": 0, "text": "Toinen ehdotus"},
        callback=True,
    )
    assert stale["error"]["code"] == "conflict"
    assert stale["error"]["vision"]["text"] == "Jokainen asiakas tulee kuulluksi."
    wrong_step = bob.emit(
        "vision.edit",
        {"op_id": new_op(), "step_id": workshop["steps"][0]["id"], "version": 0, "text": "x"},
        callback=True,
    )
    assert wrong_step["error"]["code"] == "no_vision"


def test_workshop_two_shows_workshop_ones_themes_and_vision(api, client, sockets, facilitator):
    series = api.post("/series", json={"title": "Osallisuus", "topic": "osallisuusosaaminen"})
    series_id = series.get_json()["id"]
    first = series_workshop(api, series_id, 1)
    host = sockets(auth={"api_token": facilitator[2]})
    host.emit("join", {"workshop_id": first["id"]}, callback=True)
    impact = step_of(first, "impact")
    vision = step_of(first, "vision")
    note = host.emit(
        "note.add",
        {
            "op_id": new_op(),
            "step_id": impact["id"],
            "prompt_id": impact["prompts"][-1]["id"],
            "text": "Yhteiset käytännöt ja työkalut",
        },
        callback=True,
    )["note"]
    theme = host.emit(
        "theme.create",
        {"op_id": new_op(), "step_id": impact["id"], "title": "Vuorovaikutus- ja kohtaamistaidot"},
        callback=True,
    )["theme"]
    host.emit("note.theme", {"note_id": note["id"], "theme_id": theme["id"]}, callback=True)
    host.emit(
        "vision.edit",
        {
            "op_id": new_op(),
            "step_id": vision["id"],
            "version": 0,
            "text": "Osallisuus on arjen toimintatapa.",
        },
        callback=True,
    )
    second = series_workshop(api, series_id, 2)
    page = client.get(f"/j/{second['join_code']}").get_data(as_text=True)
    assert "Vuorovaikutus- ja kohtaamistaidot" in page
    assert "Yhteiset käytännöt ja työkalut" in page
    assert "Osallisuus on arjen toimintatapa." in page
    alone = api.post(
        "/workshops",
        json={
            "title": "Ilman sarjaa",
            "index": 2,
            "language": "fi",
            "template": "hyvanmitta-training-plan",
        },
    ).get_json()
    assert "Vuorovaikutus- ja kohtaamistaidot" not in client.get(
        f"/j/{alone['join_code']}"
    ).get_data(as_text=True)


def test_themes_written_as_notes_and_themes_without_notes_reach_the_next_workshop(
    api, client, sockets, facilitator
):
    """Workshop 1 wrote its development themes as notes in the theme question, and named one
    theme with a description but no notes: workshop 2's starting points show them all (an
    excluded test note does not)."""
    series_id = api.post("/series", json={"title": "Osallisuus"}).get_json()["id"]
    first = series_workshop(api, series_id, 1)
    host = sockets(auth={"api_token": facilitator[2]})
    host.emit("join", {"workshop_id": first["id"]}, callback=True)
    impact = step_of(first, "impact")
    written = {}
    for text in ("Asiakkaan kohtaaminen", "Testilappu"):
        written[text] = host.emit(
            "note.add",
            {
                "op_id": new_op(),
                "step_id": impact["id"],
                "prompt_id": "themes",
                "text": text,
            },
            callback=True,
        )["note"]["id"]
    host.emit(
        "theme.create",
        {
            "op_id": new_op(),
            "step_id": impact["id"],
            "title": "Osallisuusjohtaminen",
            "description": "Esihenkilöt näyttävät mallia",
        },
        callback=True,
    )
    left_out = {"note_id": written["Testilappu"], "excluded": True}
    assert host.emit("note.exclude", left_out, callback=True)["ok"]
    second = series_workshop(api, series_id, 2)
    page = client.get(f"/j/{second['join_code']}").get_data(as_text=True)
    assert "Kehittämisen teemat (työpaja 1)" in page
    assert "Asiakkaan kohtaaminen" in page
    assert "Osallisuusjohtaminen" in page and "Esihenkilöt näyttävät mallia" in page
    assert "Testilappu" not in page


OWN_CANVAS = """\
id: kick_off
kind: need
title: {fi: "Aloitus", sv: "Start", en: "Kick-off"}
instructions:
  fi: "Kerro odotuksesi."
  sv: "Berätta om dina förväntningar."
  en: "Share your expectations."
hint: {fi: "5 min", sv: "5 min", en: "5 min"}
prompts:
  - id: expectations
    section: need
    title: {fi: "Mitä odotat?", sv: "Vad förväntar du dig?", en: "What do you expect?"}
"""

OWN_TEMPLATE = """\
id: own-kick-off
title: {fi: "Oma aloitus", sv: "Egen start", en: "Own kick-off"}
description: {fi: "Lyhyt", sv: "Kort", en: "Short"}
workshops:
  - title: {fi: "Aloitus", sv: "Start", en: "Kick-off"}
    steps: [kick_off, vision]
"""


def test_own_canvas_directory_is_picked_up_after_restart(tmp_path, monkeypatch):
    from app import create_app

    own = tmp_path / "own"
    own.mkdir()
    (own / "kick_off.yaml").write_text(OWN_CANVAS)
    (own / "own-template.yaml").write_text(OWN_TEMPLATE)
    (own / "broken.yaml").write_text("id: broken\nkind: [unclosed\n")
    monkeypatch.setenv("PAJAPOHJA_CANVASES", str(own))
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path / "data"))
    app = create_app({"TESTING": True})
    body = app.test_client().get("/api/v1/canvases").get_json()
    assert "kick_off" in [c["id"] for c in body["canvases"]]
    assert ["kick_off", "vision"] in [w for t in body["workshop_templates"] for w in t["workshops"]]
    assert "broken" not in [c["id"] for c in body["canvases"]]
    assert "need" in [c["id"] for c in body["canvases"]]  # the rest still served


def test_canvases_check_reports_file_line_field_and_fails(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(OWN_CANVAS.replace("kind: need", "kind: brainstorm"))
    result = cli("canvases", "check", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"{bad}:2: kind:")
    good = cli("canvases", "check")
    assert good.returncode == 0, good.stderr
