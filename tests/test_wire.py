"""What goes on the wire: compact JSON, the same whichever encoder wrote it."""

import json
import tracemalloc

from app import wire


def test_payloads_round_trip_through_the_wire_encoder():
    payload = {"seq": 3, "type": "note.added", "data": {"note": {"text": "Hyvä ehdotus ✓"}}}
    assert json.loads(wire.dumps(payload)) == payload


def test_text_orjson_refuses_still_encodes():
    # A client can send "\ud800" (a lone surrogate) inside JSON; echoing it must not fail.
    payload = {"note": {"text": "ennen \ud800 jälkeen"}, "notes": wire.Encoded(b'[{"id":1}]')}
    assert json.loads(wire.dumps(payload)) == {
        "note": {"text": "ennen \ud800 jälkeen"},
        "notes": [{"id": 1}],
    }


def test_encoded_notes_are_placed_as_they_are():
    notes = wire.Encoded(wire.encode([{"id": 1, "text": "<b>ei html</b>"}]))
    assert wire.dumps({"notes": notes}) == '{"notes":[{"id":1,"text":"<b>ei html</b>"}]}'


def test_kept_encodings_take_only_the_room_of_their_text():
    """A join snapshot's notes are encoded once and kept for every later joiner; kept as orjson
    returns them, each 300-byte note held 4 KB, 32 MB for a 2,000-note board."""
    note = {"id": 1, "op_id": "0" * 36, "text": "Yhteinen kieli " * 12, "fields": {}, "votes": 3}
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [wire.encode_to_keep({**note, "id": n}) for n in range(2000)]
        per_note = (tracemalloc.get_traced_memory()[0] - before) / len(kept)
    finally:
        tracemalloc.stop()
    assert kept[5] == wire.encode({**note, "id": 5})
    assert per_note < 2 * len(kept[5]), f"{per_note:.0f} bytes held per {len(kept[5])}-byte note"


def test_integer_keys_become_text_as_in_json():
    assert json.loads(wire.dumps({7: "seitsemän"})) == {"7": "seitsemän"}


def test_the_sent_snapshot_is_the_document_everyone_may_see(app, facilitator):
    """The join snapshot's notes are pre-encoded per note; decoded, they must be exactly the
    document's notes for each viewer (hidden notes absent, tallies shown or not)."""
    from app.core import log
    from app.core.workshop_models import Participant, Workshop
    from app.extensions import db
    from app.workshops.document import document

    from .test_demo import make_example

    _series, workshop_ids = make_example(app, facilitator[0], "fi")
    with app.app_context():
        for workshop_id in workshop_ids:
            workshop = db.session.get(Workshop, workshop_id)
            people = db.session.query(Participant).filter_by(workshop_id=workshop_id).all()
            viewers = [log.Viewer(workshop_id, "facilitator", facilitator_id=facilitator[0])]
            viewers += [
                log.Viewer(workshop_id, "participant", participant_id=p.id, name=p.name)
                for p in people
            ]
            for viewer in viewers:
                sent = json.loads(wire.dumps(document(workshop, viewer, encoded=True)))
                assert sent == json.loads(wire.dumps(document(workshop, viewer)))
