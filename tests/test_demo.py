"""The example series: three finished workshops built through the real services, every export
of them renders, the console and board show them, and they can be deleted like any workshop."""

import pytest
from sqlalchemy import func, select

from app.core.note_models import Event
from app.core.workshop_models import Workshop
from app.db import write_transaction
from app.demo.service import create_example
from app.extensions import db

from .conftest import PASSWORD
from .test_accounts import csrf_token, login

EXAMPLE_WORD = {"fi": "Esimerkki", "sv": "Exempel", "en": "Example"}
WORKSHOP_FILES = ("summary.md", "summary.html", "summary.docx", "notes.csv", "export.json")


def make_example(app, facilitator_id: int, language: str) -> tuple[int, list[int]]:
    from app.core.account_models import Facilitator

    with app.app_context():
        series = create_example(db.session.get(Facilitator, facilitator_id), language)
        ids = [w.id for w in sorted(series.workshops, key=lambda w: w.series_index)]
        return series.id, ids


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_example_series_has_notes_themes_votes_cards_vision_schedule_and_feedback(
    app, api, facilitator, language
):
    series_id, ids = make_example(app, facilitator[0], language)
    assert len(ids) == 3
    documents = [api.get(f"/workshops/{wid}/export.json").get_json() for wid in ids]
    for document in documents:
        assert document["workshop"]["title"].startswith(EXAMPLE_WORD[language])
        assert document["workshop"]["language"] == language
        assert len(document["participants"]) == 6
    first, second, third = documents
    by_canvas = {step["canvas"]: step for doc in documents for step in doc["steps"]}
    assert by_canvas["vision"]["vision"]["version"] == 2
    assert len(first["themes"]) == 3 and first["votes"]
    cards = [n for n in second["notes"] if n["fields"]]
    assert {n["step_id"] for n in cards} == {
        by_canvas["methods"]["id"],
        by_canvas["target_groups"]["id"],
    }
    debriefed = [n for n in second["notes"] if n["group_label"]]
    assert second["groups"] and len(debriefed) == 6
    schedule = [n for n in third["notes"] if n["step_id"] == by_canvas["schedule"]["id"]]
    assert {n["prompt_id"] for n in schedule} == {"short_term", "long_term"}
    ratings = [
        n["fields"]["rating"] for n in third["notes"] if n["step_id"] == by_canvas["feedback"]["id"]
    ]
    assert sorted(ratings) == [3, 4, 4, 5, 5, 5]
    assert third["done"]


def test_example_workshops_have_a_gapless_change_log_with_every_facilitation_event(
    app, facilitator
):
    _series_id, ids = make_example(app, facilitator[0], "fi")
    with app.app_context():
        types = set()
        for wid in ids:
            seqs = db.session.scalars(
                select(Event.seq).where(Event.workshop_id == wid).order_by(Event.seq)
            ).all()
            assert seqs == list(range(1, len(seqs) + 1))
            assert db.session.get(Workshop, wid).seq == len(seqs)
            types |= set(db.session.scalars(select(Event.type).where(Event.workshop_id == wid)))
    assert types >= {
        "note.added",
        "note.edited",
        "step.hidden",
        "step.revealed",
        "timer.changed",
        "voting.changed",
        "vote.changed",
        "theme.created",
        "groups.changed",
        "notes.debriefed",
        "vision.changed",
        "step.done",
        "step.state",
        "workshop.step",
    }


def test_every_export_of_the_example_renders(app, api, facilitator):
    series_id, ids = make_example(app, facilitator[0], "en")
    for wid in ids:
        for name in WORKSHOP_FILES:
            response = api.get(f"/workshops/{wid}/{name}")
            assert response.status_code == 200, (wid, name)
            assert len(response.data) > 500, (wid, name)
    summary = api.get(f"/workshops/{ids[0]}/summary.md").get_data(as_text=True)
    assert "Patient portal and booking familiar to everyone (5 votes)" in summary
    assert "By 2028 everyone in client work" in summary
    for name in ("training-plan.md", "training-plan.docx"):
        response = api.get(f"/series/{series_id}/{name}")
        assert response.status_code == 200, name
    plan = api.get(f"/series/{series_id}/training-plan.md").get_data(as_text=True)
    for filled in (
        "New employees",
        "Short videos and quick guides",
        "September 2026",
        "Designing the simulation exercises",
        "Share of staff trained, per unit",
    ):
        assert filled in plan, filled


def test_example_workshops_can_be_deleted_like_any_workshop(app, api, facilitator):
    _series_id, ids = make_example(app, facilitator[0], "fi")
    for wid in ids:
        assert api.delete(f"/workshops/{wid}").status_code == 204
        assert api.get(f"/workshops/{wid}").status_code == 404
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(Event).where(Event.workshop_id.in_(ids))
            )
            == 0
        )


def test_empty_dashboard_offers_an_example_and_the_button_creates_it(app, client, facilitator):
    login(client, facilitator[1], PASSWORD)
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Create an example" in page
    token = csrf_token(client, "/")
    response = client.post("/example", data={"csrf_token": token, "language": "sv"})
    assert response.status_code == 302
    console = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Exempel: Workshop 1" in console
    assert "Create an example" not in client.get("/?lang=en").get_data(as_text=True)


def test_example_button_needs_the_form_token(app, client, facilitator):
    login(client, facilitator[1], PASSWORD)
    assert client.post("/example", data={"language": "fi"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_demo_command_prints_the_console_addresses(app, cli, facilitator):
    result = cli("demo", "--language", "sv", "--email", facilitator[1])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert "Exempel: Kompetens i digital handledning" in lines[0]
    assert len(lines) == 4 and all("/w/" in line and "/j/" in line for line in lines[1:])


def test_demo_command_without_a_facilitator_says_so_in_one_line(cli):
    result = cli("demo")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "facilitator add" in result.stderr


def test_demo_is_one_transaction(app, facilitator, monkeypatch):
    """A failure half-way leaves nothing of the example behind."""
    from app.demo import service

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "_small_groups", broken)
    from app.core.account_models import Facilitator

    with app.app_context(), pytest.raises(RuntimeError):
        service.create_example(db.session.get(Facilitator, facilitator[0]), "fi")
    with app.app_context(), write_transaction():
        assert db.session.scalar(select(func.count()).select_from(Workshop)) == 0
